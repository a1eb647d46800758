"""`cchc new-year`: next year's draft workbook from this year's, sheet by sheet.

    ThongTin   kept; Năm kế hoạch changed; số and ngày of the Quyết định cleared; the
               units' plan deadline moved on a year; căn cứ kept as they are (the clerk
               reviews them); other texts' literal years rolled (`derive.years`)
    DonVi      kept
    NhiemVu    every task kept with its Mã; years in Thời gian rolled; tasks not finished
               at the old year's last cut-off (roll-up of kỳ 4) marked in the column
               "Chuyển từ năm trước" with their last status; task texts that still name
               the old year are listed for the clerk, not changed
    NoiDung    kept; literal years rolled as `cchc import --nam` does; the rows changed
               are listed
    ChiTieu    kept, results cleared
    KyBaoCao   cut-offs recomputed (Nghị định 09), unit and Sở Nội vụ deadlines moved on,
               report numbers and dates cleared
    TienDo, NhanXet, NhanPhieu, KeHoachDonVi   emptied (headers kept)
    BanHanh, SuaDoi                            left out (the new plan is not issued yet)

Sheets the workbook contract does not name are copied as they are, with a warning.
The workbook is built in memory; `api.new_year` checks it and writes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import read
from pipeline.derive.calendar import default_periods
from pipeline.derive.rollup import TaskStatus, rollup
from pipeline.derive.years import mentions_year, roll_date, roll_text
from pipeline.errors import Problem, Severity
from pipeline.formatting import short_date
from pipeline.model import Plan, Status
from pipeline.schema import (
    CARRIED_HEADER,
    FIELD_BY_KEY,
    FIELDS,
    SHEETS,
    STATUS_WORDS,
    TASK_CLASS_WORDS,
    Field,
    SheetSpec,
)
from pipeline.text import header_key
from pipeline.validate.cells import Invalid, is_blank, to_date, to_period, to_text
from pipeline.xlsx import SheetData, contract_sheet

# Sheets that hold one year's facts: emptied, headers kept; those missing are added, so the
# draft has every sheet of the contract.
EMPTIED = ("TienDo", "NhanXet", "NhanPhieu", "KeHoachDonVi")
ADDED_IF_MISSING = EMPTIED
# The record of what was issued (BanHanh, SuaDoi) belongs to the old year's decisions: the new
# year's plan is not issued yet, so the draft has neither.
LEFT_OUT = ("BanHanh", "SuaDoi")
_FIELDS = {header_key(n): f for f in FIELDS for n in f.names}
_CLEARED_FIELDS = ("qd_so", "qd_ngay")
_KEPT_FIELDS = ("can_cu", "ghi_chu")  # căn cứ name documents: the clerk reviews them


@dataclass
class NewYear:
    """The draft workbook and what the clerk should hear about it."""

    old_year: int
    year: int
    sheets: list[SheetData] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # one per sheet, Vietnamese
    warnings: list[Problem] = field(default_factory=list)
    carried: int = 0  # tasks marked "Chuyển từ năm …"


@dataclass
class _Sheet:
    name: str  # as in the old workbook
    spec: SheetSpec | None
    headers: list[object]
    rows: list[list[object]]  # data rows, blank ones left out
    numbers: list[int]  # the Excel row number of each, for messages
    cols: dict[str, int]  # contract key → 0-based column

    def cell(self, row: list[object], key: str) -> object:
        c = self.cols.get(key)
        return row[c] if c is not None and c < len(row) else None

    def put(self, row: list[object], key: str, value: object) -> None:
        c = self.cols.get(key)
        if c is None:
            return
        row.extend([""] * (c + 1 - len(row)))
        row[c] = value


def _spec_of(sheet_name: str) -> SheetSpec | None:
    key = header_key(sheet_name)
    return next((s for s in SHEETS.values() if key in {header_key(n) for n in (s.name, *s.aliases)}), None)


def _sheet(name: str, rows: list[list[object]]) -> _Sheet:
    spec = _spec_of(name)
    h, cols = read.find_header(rows, spec) if spec and rows else (0, {})
    headers = list(rows[h]) if rows else []
    while headers and is_blank(headers[-1]):
        headers.pop()
    numbered = [(h + 2 + i, list(r)) for i, r in enumerate(rows[h + 1:]) if any(not is_blank(v) for v in r)]
    for _, r in numbered:
        while r and is_blank(r[-1]):
            r.pop()
    return _Sheet(name, spec, headers, [r for _, r in numbered], [n for n, _ in numbered], cols)


def build(plan: Plan, data: Path, year: int, today: dt.date) -> NewYear:
    """Next year's sheets from the workbook `data` (already validated into `plan`)."""
    out = NewYear(plan.year, year)
    seen: set[str] = set()
    for name, rows in read.all_rows(data).items():
        sheet = _sheet(name, rows)
        key = sheet.spec.name if sheet.spec else ""
        seen.add(key)
        if key in LEFT_OUT:
            out.lines.append(f"{name}: không chép sang năm {year} (bản đã ban hành của năm {plan.year}).")
            continue
        handler = _HANDLERS.get(key)
        if handler is not None:
            handler(sheet, plan, out, data, today)
        elif key in EMPTIED:
            sheet.rows = []
            out.lines.append(f"{name}: để trống cho năm {year} (giữ dòng tiêu đề).")
        else:
            what = ("không thuộc mẫu sổ của chương trình" if sheet.spec is None
                    else "chương trình chưa biết cách chuyển năm")
            out.warnings.append(Problem(f"Sheet {name} ({what}) được chép nguyên từ sổ năm {plan.year}: kiểm tra xem "
                                        "có cần xóa số liệu của năm cũ không.", sheet=name, severity=Severity.WARNING))
        out.sheets.append(_sheet_data(sheet, rows if sheet.spec is None else None))
    for key in ADDED_IF_MISSING:
        if key not in seen:
            out.sheets.append(contract_sheet(key, [c.header for c in SHEETS[key].columns], []))
            out.lines.append(f"{key}: thêm sheet trống cho năm {year}.")
    return out


def _sheet_data(sheet: _Sheet, raw: list[list[object]] | None) -> SheetData:
    if raw is not None:  # not the contract's: copied whole, title rows included
        width = max((len(r) for r in raw), default=0)
        return SheetData(sheet.name, [to_text(v) for v in raw[0]] if raw else [], raw[1:], widths=[18] * width)
    return contract_sheet(sheet.spec.name if sheet.spec else sheet.name, [to_text(h) for h in sheet.headers],
                          sheet.rows)


# -- one handler per sheet ---------------------------------------------------------------


def _thong_tin(sheet: _Sheet, plan: Plan, out: NewYear, data: Path, today: dt.date) -> None:
    old, new = plan.year, out.year
    changed: list[int] = []
    for i, row in enumerate(sheet.rows):
        spec: Field | None = _FIELDS.get(header_key(sheet.cell(row, "field")))
        value = sheet.cell(row, "value")
        if spec is None:
            continue
        if spec.key == "nam":
            sheet.put(row, "value", new)
        elif spec.key in _CLEARED_FIELDS:
            sheet.put(row, "value", "")
        elif spec.key == "kh_don_vi_han" and not is_blank(value):
            sheet.put(row, "value", roll_date(to_date(value), new - old))
        elif spec.template and spec.key not in _KEPT_FIELDS and isinstance(value, str):
            rolled = roll_text(value, old, new)
            if rolled != value:
                sheet.put(row, "value", rolled)
                changed.append(sheet.numbers[i])
    note = (f"BẢN NHÁP Kế hoạch năm {new}, lập ngày {short_date(today)} từ sổ năm {old} ({data.name}) bằng lệnh "
            "cchc new-year. Căn cứ của Quyết định được giữ nguyên: hãy rà soát, thay văn bản đã hết hiệu lực. Số, "
            "ngày Quyết định và số báo cáo các kỳ đã xóa; tiến độ, nhận xét và kế hoạch của đơn vị để trống.")
    width = max(len(sheet.headers), 2)
    row = [""] * width
    sheet.put(row, "field", FIELD_BY_KEY["ghi_chu"].label)
    sheet.put(row, "value", note)
    sheet.rows.insert(0, row)
    text = f"ThongTin: Năm kế hoạch {new}; số, ngày Quyết định đã xóa; căn cứ giữ nguyên (hãy rà soát)"
    out.lines.append(text + (f"; năm {old} trong {len(changed)} trường đã chuyển sang {new} (dòng "
                             f"{_rows(changed)})." if changed else "."))


def _carried(status: TaskStatus, old: int) -> str:
    """'Chuyển từ năm 2025: quá hạn chưa hoàn thành; VP: Đang thực hiện 70%' for an unfinished
    task: its class at the old year's last cut-off, then its lead units' latest statuses
    (units sharing a status together, finished ones counted)."""
    if status.done:
        return ""
    parts = [f"Chuyển từ năm {old}: {TASK_CLASS_WORDS[status.klass].label.lower()}"]
    entries = status.lead_entries()
    finished = [e.unit for e in entries if e.status.done]
    if finished and len(entries) > 1:
        parts.append(f"{len(finished)}/{len(status.task.lead)} đơn vị chủ trì đã hoàn thành")
    groups: dict[str, list[str]] = {}
    for e in entries:
        if e.status.done and len(entries) > 1:
            continue
        pct = f" {e.percent:g}%" if e.percent is not None and e.status is Status.IN_PROGRESS else ""
        reason = f" ({e.note})" if e.note and e.status is Status.DROPPED else ""
        groups.setdefault(f"{STATUS_WORDS[e.status].label}{pct}{reason}", []).append(e.unit)
    parts += [f"{', '.join(units)}: {label}" for label, units in groups.items()]
    return "; ".join(parts)


def _tasks(sheet: _Sheet, plan: Plan, out: NewYear, data: Path, today: dt.date) -> None:
    old, new = plan.year, out.year
    roll = rollup(plan.tasks, plan.entries, plan.periods, 4, plan.year, [u.code for u in plan.units])
    by_id = {s.task.id: s for s in roll.statuses}
    if CARRIED_HEADER not in [to_text(h) for h in sheet.headers]:
        sheet.headers.append(CARRIED_HEADER)
    sheet.cols["carried"] = [to_text(h) for h in sheet.headers].index(CARRIED_HEADER)
    moved, stale = 0, []
    for row in sheet.rows:
        tid = to_text(sheet.cell(row, "id"))
        deadline = sheet.cell(row, "deadline")
        if isinstance(deadline, dt.date):
            sheet.put(row, "deadline", roll_date(deadline, new - old))
            moved += 1
        elif isinstance(deadline, str) and roll_text(deadline, old, new) != deadline:
            sheet.put(row, "deadline", roll_text(deadline, old, new))
            moved += 1
        if any(mentions_year(to_text(sheet.cell(row, k)), old) for k in ("task", "product")):
            stale.append(tid)
        status = by_id.get(tid)
        mark = _carried(status, old) if status else ""
        sheet.put(row, "carried", mark)
        out.carried += bool(mark)
    out.lines.append(f"NhiemVu: giữ {len(sheet.rows)} nhiệm vụ và Mã của chúng; Thời gian của {moved} nhiệm vụ chuyển "
                     f"sang năm {new}; {out.carried} nhiệm vụ chưa hoàn thành tại kỳ chốt số liệu cuối năm {old} được "
                     f"đánh dấu ở cột '{CARRIED_HEADER}' để quyết định giữ hay bỏ.")
    if stale:
        out.warnings.append(Problem(
            f"{len(stale)} nhiệm vụ còn ghi năm {old} trong nội dung hoặc kết quả ({_ids(stale)}); chương trình không "
            f"tự sửa chữ của nhiệm vụ: sửa nếu cần cho năm {new}.", sheet=sheet.name, severity=Severity.WARNING))


def _narrative(sheet: _Sheet, plan: Plan, out: NewYear, data: Path, today: dt.date) -> None:
    old, new = plan.year, out.year
    changed = []
    for i, row in enumerate(sheet.rows):
        text = sheet.cell(row, "text")
        if isinstance(text, str) and roll_text(text, old, new) != text:
            sheet.put(row, "text", roll_text(text, old, new))
            changed.append(sheet.numbers[i])
    out.lines.append(f"NoiDung: giữ {len(sheet.rows)} đoạn" + (
        f"; năm {old} ghi trực tiếp trong {len(changed)} đoạn đã chuyển sang {new}." if changed else "."))
    if changed:
        out.warnings.append(Problem(
            f"Năm {old} ghi trực tiếp trong nội dung (không dùng {{năm}}) đã được chuyển sang {new} ở dòng "
            f"{_rows(changed)}; văn bản được trích dẫn và giai đoạn nhiều năm giữ nguyên. Hãy đọc lại các dòng này.",
            sheet=sheet.name, severity=Severity.WARNING))


def _targets(sheet: _Sheet, plan: Plan, out: NewYear, data: Path, today: dt.date) -> None:
    for row in sheet.rows:
        for n in range(1, 5):
            sheet.put(row, f"actual{n}", "")
    out.lines.append(f"ChiTieu: giữ {len(sheet.rows)} chỉ tiêu, xóa kết quả các kỳ.")


def _periods(sheet: _Sheet, plan: Plan, out: NewYear, data: Path, today: dt.date) -> None:
    shift = out.year - plan.year
    defaults = {p.number: p for p in default_periods(out.year)}
    for row in sheet.rows:
        try:
            n = to_period(sheet.cell(row, "period"))
        except Invalid:
            continue
        if n in defaults:
            sheet.put(row, "cutoff_from", defaults[n].cutoff_from)
            sheet.put(row, "cutoff_to", defaults[n].cutoff_to)
        for key in ("unit_due", "due"):
            value = sheet.cell(row, key)
            if not is_blank(value):
                sheet.put(row, key, roll_date(to_date(value), shift))
        sheet.put(row, "number", "")
        sheet.put(row, "date", "")
    out.lines.append(f"KyBaoCao: chốt số liệu theo Nghị định 09/2019/NĐ-CP cho năm {out.year}; hạn đơn vị báo cáo và "
                     "hạn gửi Sở Nội vụ lùi một năm; số, ngày báo cáo đã xóa.")


def _units(sheet: _Sheet, plan: Plan, out: NewYear, data: Path, today: dt.date) -> None:
    out.lines.append(f"DonVi: giữ nguyên {len(sheet.rows)} đơn vị.")


_HANDLERS: dict[str, Callable[[_Sheet, Plan, NewYear, Path, dt.date], None]] = {
    "ThongTin": _thong_tin, "DonVi": _units, "NhiemVu": _tasks, "NoiDung": _narrative, "ChiTieu": _targets,
    "KyBaoCao": _periods,
}


def _rows(rows: list[int], limit: int = 12) -> str:
    return ", ".join(map(str, rows[:limit])) + (f" và {len(rows) - limit} dòng khác" if len(rows) > limit else "")


def _ids(ids: list[str], limit: int = 8) -> str:
    return ", ".join(ids[:limit]) + (f" và {len(ids) - limit} nhiệm vụ khác" if len(ids) > limit else "")
