"""Reading one returned form and checking it against the plan and period.

The hidden `_cchc` sheet says which unit, period, year and agency the form is for;
the data sheet's rows are converted and checked like the workbook's own (a task of
the plan given to that unit, listed once, a known status, a reason for 'Không thực
hiện'). Any error refuses the whole form, every problem listed; a form that passes
becomes a plain `ReturnedForm`, marked untouched when its fingerprint matches the one
it was written with.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import read
from pipeline.derive.units import UnitIndex
from pipeline.errors import CchcError, Problem, Severity
from pipeline.forms.check import check_entries
from pipeline.forms.content import (
    Content,
    Entry,
    FigureContent,
    content,
    figure_content,
    fingerprint,
    form_filename,
    period_phrase,
)
from pipeline.model import IndicatorKind, Plan, Unit
from pipeline.schema import (
    ENTRY_KEYS,
    FORM_DATA_SHEET,
    FORM_FIGURES_SHEET,
    FORM_KIND,
    FORM_META_SHEET,
    FORM_REPORT_DATE,
    FORM_SPECS,
    STATUS_WORDS,
)
from pipeline.text import header_key, match_key
from pipeline.validate.cells import Invalid, status_key, to_date, to_text
from pipeline.validate.rows import Reporter, convert


@dataclass
class FigureEntry:
    """One figure a returned form carries (its second sheet, SoLieu)."""

    indicator: str  # code as ChiSo spells it
    value: float
    note: str
    row: int = 0

    def content(self) -> FigureContent:
        return figure_content(self.indicator, self.value, self.note)


@dataclass
class ReturnedForm:
    path: Path
    unit: str  # unit code
    unit_name: str
    period: int
    year: int
    report_date: dt.date
    entries: list[Entry]
    listed: list[str]  # every task on the form (in its order), with or without a status: what it reports on
    untouched: bool  # exactly as `forms` wrote it
    warnings: list[Problem] = field(default_factory=list)
    figures: list[FigureEntry] = field(default_factory=list)  # the figures sheet's filled rows
    figures_listed: list[str] = field(default_factory=list)  # every indicator on it: what it reports on

    def contents(self) -> list[Content]:
        return sorted(e.content() for e in self.entries)

    def figure_contents(self) -> list[FigureContent]:
        return sorted(f.content() for f in self.figures)


def read_form(path: Path, plan: Plan, quy: int, forms_folder: Path | None = None) -> ReturnedForm:
    """Read and check one returned form against the plan and period; CchcError (with every
    problem, a task's named by unit and task number, others by file › sheet › cell) when the
    form cannot be taken. `forms_folder`: where `cchc forms` writes this period's forms, named
    when a form of another period or year comes back."""
    path = Path(path)
    wb = read.read_workbook(path, (FORM_META_SHEET, FORM_DATA_SHEET, FORM_FIGURES_SHEET), FORM_SPECS)
    meta_table = wb.tables.get(FORM_META_SHEET)
    meta = _meta(meta_table) if meta_table else {}
    unit = _identify(path.name, meta, plan, quy, forms_folder)
    table = wb.tables.get(FORM_DATA_SHEET)
    if table is None:
        raise CchcError(f"Phiếu {path.name} thiếu sheet {FORM_DATA_SHEET}.", wb.problems)
    _same_identity(path, unit, quy, meta, table)
    problems: list[Problem] = list(wb.problems)
    report = Reporter(wb, problems)
    report_date = _report_date(table, report)
    entries, listed, as_read = _form_rows(table, report, plan, unit)
    figures_table = wb.tables.get(FORM_FIGURES_SHEET)
    figures, figures_listed, figures_read = (_figure_rows(figures_table, report, plan) if figures_table
                                             else ([], [], []))
    stored = meta.get("dau", ("", ""))[0]
    untouched = bool(stored) and stored == fingerprint(report_date, as_read)
    if figures_table is not None:  # the figures sheet must be untouched too
        untouched = untouched and meta.get("dau_so_lieu", ("", ""))[0] == fingerprint(None, figures_read)
    if not untouched:  # an untouched form says nothing new: its pre-filled entries are the workbook's own
        problems = check_entries(entries, problems, table, plan, unit, quy, report_date)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or report_date is None:
        raise CchcError(f"Phiếu {path.name} có {len(errors)} lỗi; không nhập gì từ phiếu này.", problems)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return ReturnedForm(path, unit.code, unit.name, quy, plan.year, report_date, entries, listed, untouched,
                        warnings, figures, figures_listed)


def _meta(table: read.Table) -> dict[str, tuple[str, str]]:
    """The identity sheet's keys → (value, cell of the value)."""
    keys, values = table.values.get("key", []), table.values.get("value", [])
    return {header_key(k): (to_text(v), table.ref("value", i)) for i, (k, v) in enumerate(zip(keys, values))}


def _identify(name: str, meta: dict[str, tuple[str, str]], plan: Plan, quy: int,
              forms_folder: Path | None = None) -> Unit:
    """The unit a form is for, once its kind, agency, year and period match; else one clear reason
    (for a form of another year or period, which form to send the unit instead)."""

    def mismatch(key: str, reason: str, what: str) -> CchcError:
        return CchcError(reason, [Problem(what, name, FORM_META_SHEET, meta.get(key, ("", ""))[1])])

    def value(key: str) -> str:
        return meta.get(key, ("", ""))[0]

    if match_key(value("loai")) != match_key(FORM_KIND):
        raise CchcError(f"Tệp {name} không phải phiếu báo cáo do chương trình lập (không có sheet ẩn "
                        f"{FORM_META_SHEET} ghi đơn vị, kỳ, năm). Hãy dùng phiếu tạo bằng lệnh cchc forms.")
    agency, year, period, code = value("co_quan"), value("nam"), value("ky"), value("don_vi")
    if match_key(agency) != match_key(plan.agency.abbr):
        raise mismatch("co_quan", f"Phiếu {name} là của cơ quan {agency or '(không rõ)'}, không phải "
                                  f"{plan.agency.abbr}.", "Phiếu của cơ quan khác.")
    found = UnitIndex(plan.units).resolve(code) if code else None
    instead = _send_instead(plan, quy, found.code if found else None, forms_folder)
    if year != str(plan.year):
        raise mismatch("nam", f"Phiếu {name} là phiếu năm {year or '(không rõ)'}, không phải năm {plan.year}."
                              f"{instead}", "Phiếu của năm khác.")
    if period != str(quy):
        other = (f" Nếu đây đúng là phiếu kỳ {period} mà Văn phòng cần nhập, chạy cchc collect --quy {period}."
                 if period in ("1", "2", "3", "4") and int(period) in plan.periods else "")
        raise mismatch("ky", f"Phiếu {name} là phiếu kỳ {period or '(không rõ)'}, không phải kỳ {quy} "
                             f"({period_phrase(plan, quy)}).{instead}{other}", "Phiếu của kỳ khác.")
    if found is None or found.code is None:
        hint = f" Có phải '{found.suggestion}'?" if found and found.suggestion else ""
        raise mismatch("don_vi", f"Phiếu {name} của đơn vị '{code}' không có trong sheet DonVi.{hint}",
                       f"Đơn vị '{code}' không có trong sheet DonVi.{hint}")
    return plan.unit(found.code)


def _send_instead(plan: Plan, quy: int, code: str | None, folder: Path | None) -> str:
    """' Hãy gửi đơn vị phiếu … : <path>' for a form of the wrong period or year."""
    phrase = period_phrase(plan, quy)
    if folder is None:
        return f" Hãy gửi đơn vị phiếu {phrase} (lập bằng cchc forms --quy {quy})."
    if code is None:
        return f" Hãy gửi đơn vị phiếu {phrase} của đơn vị trong thư mục {folder}."
    target = folder / form_filename(plan.unit(code), quy, plan.year)
    made = "" if target.exists() else f" (chưa lập: chạy cchc forms --quy {quy})"
    return f" Hãy gửi đơn vị phiếu {phrase}: {target}{made}."


_VISIBLE_UNIT = re.compile(r"\(mã ([^)]+)\)")
_PROPERTIES_UNIT = re.compile(r"đơn vị ([^;]+); kỳ (\d)")


def _same_identity(path: Path, unit: Unit, quy: int, meta: dict[str, tuple[str, str]], table: read.Table) -> None:
    """The hidden identity sheet, the form's visible (locked) heading and the file's own
    properties must name the same unit and period: a form whose identity sheet was edited to
    claim another unit is refused, not taken into that unit's entries."""
    claims = [("sheet ẩn _cchc", unit.code, str(quy))]
    heading = next((str(v) for row in table.above for v in row if isinstance(v, str) and "(mã " in v), "")
    if m := _VISIBLE_UNIT.search(heading):
        claims.append((f"dòng tiêu đề của sheet {FORM_DATA_SHEET}", m.group(1).strip(), str(quy)))
    if m := _PROPERTIES_UNIT.search(_comments(path)):
        claims.append(("thuộc tính của tệp", m.group(1).strip(), m.group(2)))
    first = claims[0]
    for where, code, period in claims[1:]:
        if match_key(code) != match_key(first[1]) or period != first[2]:
            raise CchcError(
                f"Phiếu {path.name} không nhất quán: {first[0]} ghi đơn vị {first[1]}, kỳ {first[2]} nhưng {where} "
                f"ghi đơn vị {code}, kỳ {period}. Phiếu đã bị sửa phần nhận diện nên không nhập; hãy gửi lại đơn vị "
                "phiếu do chương trình lập (cchc forms).",
                [Problem("Phần nhận diện phiếu bị sửa.", path.name, FORM_META_SHEET, meta.get("don_vi", ("", ""))[1])])


def _comments(path: Path) -> str:
    """docProps/core.xml's description (XlsxWriter's 'comments'), or '' when absent or unreadable."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(path) as zf:
            root = fromstring(zf.read("docProps/core.xml"), forbid_dtd=True)
    except (KeyError, OSError, zipfile.BadZipFile, DefusedXmlException, Exception):
        return ""  # a form saved by another program may lack it: the other two claims still count
    return next((el.text or "" for el in root.iter() if el.tag.rpartition("}")[2] == "description"), "")


def _form_rows(table: read.Table, report: Reporter, plan: Plan,
               unit: Unit) -> tuple[list[Entry], list[str], list[Content]]:
    """The form's rows checked: (entries with a status, tasks listed, every row as read for the fingerprint)."""
    tasks = {match_key(t.id): t for t in plan.tasks}
    entries: list[Entry] = []
    as_read: list[Content] = []
    seen: dict[str, int] = {}
    rows = convert(table, report)
    entry_keys = [k for k in ENTRY_KEYS if rows.has(k)]
    for i, (raw_id, raw_status) in enumerate(zip(rows.text("task"), rows.text("status"))):
        task = tasks.get(match_key(raw_id))
        status = status_key(raw_status) if raw_status else None
        values = {k: rows.values[k][i] for k in entry_keys}
        text = {k: str(values.get(k) or "") for k in ("result", "evidence", "issues", "note")}
        percent, done_on = rows.number("percent")[i], rows.date("done_on")[i]
        as_read.append(content(task.id if task else raw_id, status or raw_status, percent,
                               text["result"], text["evidence"], done_on, text["issues"], text["note"]))

        def error(key: str, message: str, i: int = i) -> None:
            report.error(table.sheet, rows.ref(key, i), message)

        if not raw_id:
            continue  # reported by convert (Mã nhiệm vụ is required)
        if task is None:
            near = read.suggest(raw_id, [t.id for t in plan.tasks])
            error("task", f"Mã nhiệm vụ '{raw_id}' không có trong Kế hoạch." + (f" Có phải '{near}'?" if near else ""))
        elif unit.code not in task.lead and unit.code not in task.support:
            error("task", f"Nhiệm vụ {task.id} không giao cho đơn vị {unit.code} (không chủ trì, không phối hợp).")
        elif task.id in seen:
            error("task", f"Nhiệm vụ {task.id} ghi hai lần (dòng {seen[task.id]}).")
        else:
            seen[task.id] = rows.numbers[i]
            if not raw_status:
                if any(v not in (None, "") for k, v in values.items() if k != "status"):
                    error("status", f"Nhiệm vụ {task.id} có số liệu nhưng chưa chọn Trạng thái.")
            elif status is None:
                labels = ", ".join(w.label for w in STATUS_WORDS.values())
                error("status", f"Trạng thái '{raw_status}' không hợp lệ: chọn một trong {labels}.")
            else:  # the rules on what it says (a dropped task's reason among them): forms/check
                entries.append(Entry(task.id, status, percent, text["result"], text["evidence"], done_on,
                                     text["issues"], text["note"], rows.numbers[i], raw_status,
                                     table.values.get("percent", [None] * len(rows))[i]))
    return entries, list(seen), as_read


def _figure_rows(table: read.Table, report: Reporter,
                 plan: Plan) -> tuple[list[FigureEntry], list[str], list[FigureContent]]:
    """The figures sheet checked: (figures filled, indicators listed, every row as read for the fingerprint)."""
    known = {match_key(x.code): x for x in plan.indicators if x.by_units and x.kind is IndicatorKind.COUNT}
    rows = convert(table, report)
    out: list[FigureEntry] = []
    as_read: list[FigureContent] = []
    seen: dict[str, int] = {}
    for i, (raw, value, note) in enumerate(zip(rows.text("code"), rows.number("value"), rows.text("note"))):
        x = known.get(match_key(raw))
        as_read.append(figure_content(x.code if x else raw, value, note))

        def error(key: str, message: str, i: int = i) -> None:
            report.error(table.sheet, rows.ref(key, i), message)

        if not raw:
            continue  # reported by convert (Mã chỉ số is required)
        if x is None:
            error("code", f"Chỉ số '{raw}' không có trong danh sách chỉ số đơn vị báo cáo (sheet ChiSo của Văn phòng).")
        elif x.code in seen:
            error("code", f"Chỉ số {x.code} ghi hai lần (dòng {seen[x.code]}).")
        else:
            seen[x.code] = rows.numbers[i]
            if value is None and note:
                error("value", f"Chỉ số {x.code} có ghi chú nhưng chưa ghi số liệu.")
            elif value is not None and value < 0:
                error("value", f"Số liệu {value:g} của chỉ số {x.code} không hợp lệ: ghi số từ 0 trở lên.")
            elif value is not None:
                out.append(FigureEntry(x.code, value, note, rows.numbers[i]))
    return out, list(seen), as_read


def _report_date(table: read.Table, report: Reporter) -> dt.date | None:
    key = header_key(FORM_REPORT_DATE)
    for r, row in enumerate(table.above):
        for c, value in enumerate(row):
            if isinstance(value, str) and header_key(value) == key:
                value = row[c + 1] if c + 1 < len(row) else None  # the cell right of the label
                where = read.cell_ref(r, c + 1)
                if value is None or (isinstance(value, str) and not value.strip()):
                    report.error(table.sheet, where, "Chưa ghi Ngày báo cáo (ngày đơn vị gửi phiếu).")
                    return None
                try:
                    return to_date(value)
                except Invalid as exc:
                    report.error(table.sheet, where, f"Ngày báo cáo: {exc}.")
                    return None
    report.error(table.sheet, "", f"Không thấy ô '{FORM_REPORT_DATE}' phía trên bảng; phiếu đã bị sửa cấu trúc.")
    return None
