"""Per-unit forms: `cchc forms` writes one .xlsx per unit to fill in; `cchc collect`
reads the returned forms and merges them into the workbook's TienDo sheet.

A form lists the tasks the unit leads or supports, pre-filled with its latest entries
up to the period. Task columns are locked (sheet protection, no password), entry
columns carry dropdowns and number/date validation, and a hidden sheet `_cchc`
records the unit, period, year and agency so the form is recognised when it comes
back, plus a fingerprint of what was pre-filled: a form returned untouched says
nothing new and is not counted as a report.

Collecting is all-or-nothing per form and idempotent per workbook: a form with
any invalid cell is refused whole (every problem listed), the report date on the
form decides between two forms of one unit and period, and nothing is written when
nothing changes. Before a change the workbook is copied to backup/ and then
replaced atomically; openpyxl edits it in place so every other sheet, style and
validation is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import CchcError, Problem, Severity
from pipeline.model import Plan, StatusEntry, Task, Unit
from pipeline.schema import (
    ENTRY_KEYS,
    FORM_DATA_SHEET,
    FORM_HELP_SHEET,
    FORM_KIND,
    FORM_META_SHEET,
    FORM_REPORT_DATE,
    FORM_SPECS,
    NHAN_PHIEU,
    PHIEU_TIEN_DO,
    STATUS_HELP,
    STATUSES,
    TIEN_DO,
)
from pipeline.text import header_key, match_key, strip_accents
from pipeline.validate.cells import status_key

ROLE_LEAD = "Chủ trì"
ROLE_SUPPORT = "Phối hợp"
FORM_VERSION = "1"
DATE_FORMAT = "dd/mm/yyyy"
STAMP_FORMAT = "dd/mm/yyyy hh:mm"
HEADER_ROW = 3  # 0-based: title, report date and unit lines above it
DATE_CELL = (1, 1)  # B2: the report date the unit fills
FORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")  # taken from a folder (the wrong ones refused)

# Form columns after the task columns: (key, width); headers come from the form's spec.
_TASK_COLUMNS = (("task", 11), ("section", 18), ("text", 48), ("role", 12), ("deadline", 16))
_ENTRY_COLUMNS = (("status", 19), ("percent", 9), ("result", 40), ("evidence", 28), ("done_on", 13),
                  ("issues", 30), ("note", 30))


def _header(key: str) -> str:
    return PHIEU_TIEN_DO.column(key).header


def _label(status: str) -> str:
    return STATUSES[status][0]


def _short(d: dt.date | None) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else ""


def _period_phrase(plan: Plan, quy: int) -> str:
    from pipeline.formatting import period_phrase

    return period_phrase(plan.periods[quy].name, plan.year)


# ---------------------------------------------------------------------------
# What a form says, as comparable values


Content = tuple[str, str, str, str, str, str, str, str]


def content(task: str, status: str | None, percent: float | None, result: str, evidence: str,
            done_on: dt.date | None, issues: str, note: str) -> Content:
    """One row as plain strings, so a form and the workbook compare (and hash) alike."""
    pct = "" if percent is None else f"{float(percent):.6g}"
    return (task, status or "", pct, result, evidence, done_on.isoformat() if done_on else "", issues, note)


def entry_content(e: StatusEntry) -> Content:
    return content(e.task, e.status, e.percent, e.result, e.evidence, e.done_on, e.issues, e.note)


def fingerprint(report_date: dt.date | None, rows: Iterable[Content]) -> str:
    payload = json.dumps([report_date.isoformat() if report_date else "", [list(r) for r in rows]],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:40]


# ---------------------------------------------------------------------------
# Writing the forms


@dataclass(frozen=True)
class FormLine:
    task: Task
    role: str
    entry: StatusEntry | None  # latest entry up to the period, pre-filled


def unit_lines(plan: Plan, code: str, quy: int) -> list[FormLine]:
    """The tasks `code` leads or supports, in plan order, with its latest entry up to `quy`."""
    from pipeline.derive.rollup import latest_entries

    latest = latest_entries((e for e in plan.entries if e.unit == code), quy)
    lines: list[FormLine] = []
    for task in plan.tasks:
        role = ROLE_LEAD if code in task.lead else ROLE_SUPPORT if code in task.support else ""
        if role:
            lines.append(FormLine(task, role, latest.get((task.id, code))))
    return lines


def form_filename(unit: Unit) -> str:
    stem = re.sub(r"[^\w.-]+", "_", strip_accents(unit.code)).strip("._") or f"don_vi_{unit.row}"
    return f"{stem}.xlsx"


def write_forms(plan: Plan, quy: int, folder: Path, today: dt.date) -> list[Path]:
    """One form per unit that has tasks; nothing is written if any target is open in Excel."""
    from pipeline.export import ensure_not_open, write_atomic

    jobs: list[tuple[Path, Unit, list[FormLine]]] = []
    seen: dict[str, str] = {}
    for unit in plan.units:
        lines = unit_lines(plan, unit.code, quy)
        if not lines:
            continue
        name = form_filename(unit)
        if name.lower() in seen:
            name = f"{Path(name).stem}_{unit.row}.xlsx"
        seen[name.lower()] = unit.code
        jobs.append((folder / name, unit, lines))
    if not jobs:
        raise CchcError("Không đơn vị nào được giao nhiệm vụ (sheet NhiemVu): không có phiếu nào để lập.")
    for path, _, _ in jobs:
        ensure_not_open(path, "Excel")
    for path, unit, lines in jobs:
        write_atomic(path, lambda fh, u=unit, ls=lines: write_form(plan, u, quy, ls, today, fh), app="Excel")
    return [path for path, _, _ in jobs]


def write_form(plan: Plan, unit: Unit, quy: int, lines: Sequence[FormLine], today: dt.date, out: BinaryIO) -> None:
    import xlsxwriter

    period = plan.periods[quy]
    wb = xlsxwriter.Workbook(out, {
        "in_memory": True,
        "strings_to_formulas": False,  # '=SUM(…)' typed by a clerk stays text
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_date_format": DATE_FORMAT,
    })
    title = f"Phiếu báo cáo tiến độ cải cách hành chính {_period_phrase(plan, quy)} — {unit.name}"
    wb.set_properties({"title": title, "author": plan.agency.name, "company": plan.agency.name,
                       "comments": f"{FORM_KIND}; đơn vị {unit.code}; kỳ {quy}; năm {plan.year}"})
    rows = [content(ln.task.id, ln.entry.status if ln.entry else None, ln.entry.percent if ln.entry else None,
                    *((ln.entry.result, ln.entry.evidence, ln.entry.done_on, ln.entry.issues, ln.entry.note)
                      if ln.entry else ("", "", None, "", "")))
            for ln in lines]
    _help_sheet(wb, plan, unit, quy, today)
    _data_sheet(wb, plan, unit, quy, lines, today, title)
    meta = wb.add_worksheet(FORM_META_SHEET)
    pairs = [
        ("Khóa", "Giá trị"),
        ("loai", FORM_KIND),
        ("phien_ban", FORM_VERSION),
        ("don_vi", unit.code),
        ("ten_don_vi", unit.name),
        ("ky", str(quy)),
        ("ten_ky", period.name),
        ("nam", str(plan.year)),
        ("co_quan", plan.agency.abbr),
        ("ngay_lap", today.isoformat()),
        ("dau", fingerprint(today, rows)),
    ]
    for r, (key, value) in enumerate(pairs):
        meta.write_string(r, 0, key)
        meta.write_string(r, 1, value)
    meta.set_column(0, 0, 14)
    meta.set_column(1, 1, 50)
    meta.protect()
    meta.hide()
    wb.close()


def _help_sheet(wb, plan: Plan, unit: Unit, quy: int, today: dt.date) -> None:
    period = plan.periods[quy]
    ws = wb.add_worksheet(FORM_HELP_SHEET)
    ws.activate()
    ws.set_column(0, 0, 110, wb.add_format({"text_wrap": True, "valign": "top"}))
    title = wb.add_format({"bold": True, "font_size": 13, "text_wrap": True})
    bold = wb.add_format({"bold": True, "text_wrap": True})
    text = wb.add_format({"text_wrap": True, "valign": "top"})
    due = _short(period.unit_due) if period.unit_due else "theo thông báo của Văn phòng"
    example = _short(period.cutoff_to)
    date_cell = f"ô B{DATE_CELL[0] + 1}"
    lines: list[tuple[str, object]] = [
        ("HƯỚNG DẪN ĐIỀN PHIẾU BÁO CÁO TIẾN ĐỘ CẢI CÁCH HÀNH CHÍNH", title),
        ("", text),
        (f"Cơ quan: {plan.agency.name} ({plan.agency.abbr})", bold),
        (f"Đơn vị báo cáo: {unit.name} (mã {unit.code})", bold),
        (f"Kỳ báo cáo: {_period_phrase(plan, quy)} (kỳ {quy}); số liệu tính đến hết ngày "
         f"{_short(period.cutoff_to)}.", bold),
        (f"Hạn gửi phiếu về Văn phòng: {due}.", bold),
        (f"Phiếu lập ngày {_short(today)}.", text),
        ("", text),
        ("Cách điền", bold),
        (f"1. Mở sheet {FORM_DATA_SHEET}. Mỗi dòng là một nhiệm vụ đơn vị chủ trì hoặc phối hợp thực hiện (cột "
         "Vai trò). Các cột nền xám là nội dung Kế hoạch, không sửa được.", text),
        ("2. Chọn Trạng thái trong danh sách; ghi Tỷ lệ (%) là số nguyên từ 0 đến 100; ghi Kết quả thực hiện và "
         "Văn bản/minh chứng (số, ký hiệu, ngày văn bản).", text),
        (f"3. Khi nhiệm vụ đã hoàn thành, ghi Ngày hoàn thành dạng ngày/tháng/năm, ví dụ {example}.", text),
        ("4. Các ô đã điền sẵn là số liệu đơn vị báo cáo gần nhất (kỳ trước, hoặc kỳ này nếu đã báo cáo); hãy "
         "cập nhật theo tình hình đến kỳ này. Nhiệm vụ để trống Trạng thái thì không được ghi nhận trong kỳ.", text),
        (f"5. Ghi Ngày báo cáo ({date_cell} của sheet {FORM_DATA_SHEET}) là ngày đơn vị gửi phiếu. Khi gửi lại "
         "phiếu đã sửa, ghi ngày mới hơn: phiếu có ngày báo cáo mới hơn thay thế phiếu gửi trước. Phiếu gửi lại "
         "mà không điền, không sửa gì thì không được tính là đã báo cáo.", text),
        ("6. Không đổi tên sheet, không thêm, xóa dòng hoặc cột; lưu tệp dạng Excel (.xlsx) và gửi lại Văn phòng.",
         text),
        ("", text),
        ("Ý nghĩa các trạng thái", bold),
    ]
    lines += [(f"• {label}: {STATUS_HELP[key]}", text) for key, (label, _) in STATUSES.items()]
    lines += [
        ("Trạng thái 'Không thực hiện' bắt buộc ghi lý do ở cột Ghi chú; thiếu lý do, phiếu bị trả lại.", bold),
        ("", text),
        (f"Thông tin nhận diện phiếu (không sửa): đơn vị {unit.code}; kỳ {quy}; năm {plan.year}; cơ quan "
         f"{plan.agency.abbr}.", text),
    ]
    for r, (value, fmt) in enumerate(lines):
        if value:
            ws.write_string(r, 0, value, fmt)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _data_sheet(wb, plan: Plan, unit: Unit, quy: int, lines: Sequence[FormLine], today: dt.date,
                title: str) -> None:
    period = plan.periods[quy]
    ws = wb.add_worksheet(FORM_DATA_SHEET)
    base = {"text_wrap": True, "valign": "top", "border": 1}
    fmt_title = wb.add_format({"bold": True, "font_size": 13, "text_wrap": True, "valign": "vcenter"})
    fmt_label = wb.add_format({"bold": True, "valign": "vcenter"})
    fmt_hint = wb.add_format({"italic": True, "font_color": "#595959", "valign": "vcenter"})
    fmt_date_in = wb.add_format({"num_format": DATE_FORMAT, "locked": False, "bg_color": "#FFF2CC", "border": 1,
                                 "bold": True, "align": "center", "valign": "vcenter"})
    fmt_head = wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "align": "center"})
    fmt_fixed = wb.add_format({**base, "bg_color": "#F2F2F2"})
    fmt_entry = wb.add_format({**base, "locked": False})
    fmt_entry_date = wb.add_format({**base, "locked": False, "num_format": DATE_FORMAT})
    columns = (*_TASK_COLUMNS, *_ENTRY_COLUMNS)
    last_col = len(columns) - 1
    for c, (_, width) in enumerate(columns):
        ws.set_column(c, c, width)
    ws.merge_range(0, 0, 0, last_col, title, fmt_title)
    ws.set_row(0, 36)
    ws.write_string(DATE_CELL[0], 0, FORM_REPORT_DATE, fmt_label)
    ws.write_datetime(DATE_CELL[0], DATE_CELL[1], dt.datetime(today.year, today.month, today.day), fmt_date_in)
    due = f" Hạn gửi: {_short(period.unit_due)}." if period.unit_due else ""
    ws.write_string(DATE_CELL[0], DATE_CELL[1] + 1,
                    f"← ngày đơn vị gửi phiếu (dd/mm/yyyy); gửi lại bản sửa thì ghi ngày mới hơn.{due}", fmt_hint)
    ws.write_string(2, 0, f"Đơn vị: {unit.name} (mã {unit.code}) · Kỳ báo cáo: {_period_phrase(plan, quy)} · "
                          f"Số liệu tính đến hết ngày {_short(period.cutoff_to)}", fmt_hint)
    for c, (key, _) in enumerate(columns):
        ws.write_string(HEADER_ROW, c, _header(key), fmt_head)
    first = HEADER_ROW + 1
    for i, line in enumerate(lines):
        r = first + i
        task, e = line.task, line.entry
        for c, value in enumerate((task.id, task.section, task.text, line.role, task.deadline)):
            ws.write_string(r, c, value, fmt_fixed)
        values: dict[str, object] = {}
        if e is not None:
            values = {"status": _label(e.status), "percent": e.percent, "result": e.result,
                      "evidence": e.evidence, "done_on": e.done_on, "issues": e.issues, "note": e.note}
        for c, (key, _) in enumerate(_ENTRY_COLUMNS, len(_TASK_COLUMNS)):
            value = values.get(key)
            if key == "done_on":
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt_entry_date)
                else:
                    ws.write_blank(r, c, None, fmt_entry_date)
            elif key == "percent" and value is not None:
                ws.write_number(r, c, int(value) if float(value).is_integer() else float(value), fmt_entry)
            elif isinstance(value, str) and value:
                ws.write_string(r, c, value, fmt_entry)
            else:
                ws.write_blank(r, c, None, fmt_entry)
    last = first + len(lines) - 1
    col = {key: c for c, (key, _) in enumerate(columns)}
    low, high = dt.date(plan.year - 1, 1, 1), dt.date(plan.year + 1, 12, 31)
    date_rule = {"validate": "date", "criteria": "between", "minimum": low, "maximum": high,
                 "error_title": "Ngày không hợp lệ",
                 "error_message": f"Ghi ngày dạng dd/mm/yyyy, từ {_short(low)} đến {_short(high)}."}
    ws.data_validation(DATE_CELL[0], DATE_CELL[1], DATE_CELL[0], DATE_CELL[1], {
        "validate": "date", "criteria": ">=", "value": low, "error_title": "Ngày không hợp lệ",
        "error_message": f"Ghi ngày gửi phiếu dạng dd/mm/yyyy, từ {_short(low)} trở đi."})
    ws.data_validation(first, col["status"], last, col["status"], {
        "validate": "list", "source": [label for label, _ in STATUSES.values()],
        "input_title": "Trạng thái", "input_message": "Chọn trong danh sách.",
        "error_title": "Trạng thái không hợp lệ", "error_message": "Chọn một trạng thái trong danh sách."})
    ws.data_validation(first, col["percent"], last, col["percent"], {
        "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100,
        "error_title": "Tỷ lệ không hợp lệ", "error_message": "Ghi số nguyên từ 0 đến 100."})
    ws.data_validation(first, col["done_on"], last, col["done_on"], date_rule)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.protect("", {"format_columns": True, "format_rows": True})


# ---------------------------------------------------------------------------
# Reading a returned form


@dataclass
class Entry:
    """One row of a returned form that carries a status."""

    task: str
    status: str
    percent: float | None
    result: str
    evidence: str
    done_on: dt.date | None
    issues: str
    note: str
    row: int = 0

    def content(self) -> Content:
        return content(self.task, self.status, self.percent, self.result, self.evidence, self.done_on,
                       self.issues, self.note)


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

    def contents(self) -> list[Content]:
        return sorted(e.content() for e in self.entries)


def read_form(path: Path, plan: Plan, quy: int) -> ReturnedForm:
    """Read and check one returned form against the plan and period; CchcError (with every
    problem, each naming file › sheet › cell) when the form cannot be taken."""
    from pipeline import read
    from pipeline.validate.cells import to_text
    from pipeline.validate.rows import Reporter

    path = Path(path)
    wb = read.read_workbook(path, (FORM_META_SHEET, FORM_DATA_SHEET), FORM_SPECS)
    meta_table = wb.tables.get(FORM_META_SHEET)
    meta = {header_key(key): (to_text(value), meta_table.ref("value", i))
            for i, (key, value) in enumerate(zip(meta_table.values.get("key", []), meta_table.values.get("value", [])))
            } if meta_table else {}
    unit = _identify(path.name, meta, plan, quy)
    table = wb.tables.get(FORM_DATA_SHEET)
    if table is None:
        raise CchcError(f"Phiếu {path.name} thiếu sheet {FORM_DATA_SHEET}.", wb.problems)
    problems: list[Problem] = list(wb.problems)
    report = Reporter(wb, problems)
    report_date = _report_date(table, report)
    entries, listed, as_read = _form_rows(table, report, plan, unit)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or report_date is None:
        raise CchcError(f"Phiếu {path.name} có {len(errors)} lỗi; không nhập gì từ phiếu này.", problems)
    stored = meta.get("dau", ("", ""))[0]
    untouched = bool(stored) and stored == fingerprint(report_date, as_read)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return ReturnedForm(path, unit.code, unit.name, quy, plan.year, report_date, entries, listed, untouched,
                        warnings)


def _identify(name: str, meta: dict[str, tuple[str, str]], plan: Plan, quy: int) -> Unit:
    """The unit a form is for, once its kind, agency, year and period match; else one clear reason."""
    from pipeline.derive.units import UnitIndex

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
    if year != str(plan.year):
        raise mismatch("nam", f"Phiếu {name} là phiếu năm {year or '(không rõ)'}, không phải năm {plan.year}.",
                       "Phiếu của năm khác.")
    if period != str(quy):
        raise mismatch("ky", f"Phiếu {name} là phiếu kỳ {period or '(không rõ)'}, không phải kỳ {quy} "
                             f"({_period_phrase(plan, quy)}).", "Phiếu của kỳ khác.")
    found = UnitIndex(plan.units).resolve(code) if code else None
    if found is None or found.code is None:
        hint = f" Có phải '{found.suggestion}'?" if found and found.suggestion else ""
        raise mismatch("don_vi", f"Phiếu {name} của đơn vị '{code}' không có trong sheet DonVi.{hint}",
                       f"Đơn vị '{code}' không có trong sheet DonVi.{hint}")
    return plan.unit(found.code)


def _form_rows(table, report, plan: Plan, unit: Unit) -> tuple[list[Entry], list[str], list[Content]]:
    """The form's rows checked: (entries with a status, tasks listed, every row as read for the fingerprint)."""
    from pipeline.read import suggest
    from pipeline.validate.rows import convert

    tasks = {match_key(t.id): t for t in plan.tasks}
    entries: list[Entry] = []
    as_read: list[Content] = []
    seen: dict[str, int] = {}
    rows = convert(table, report)
    for i in range(len(rows)):
        r = {k: col[i] for k, col in rows.values.items()}
        raw_id, raw_status = str(r["task"] or ""), str(r["status"] or "")
        task = tasks.get(match_key(raw_id))
        status = status_key(raw_status) if raw_status else None
        values = {k: r[k] for k in ENTRY_KEYS if k in table.columns}
        text = {k: str(values.get(k) or "") for k in ("result", "evidence", "issues", "note")}
        as_read.append(content(task.id if task else raw_id, status or raw_status, values.get("percent"),
                               text["result"], text["evidence"], values.get("done_on"), text["issues"], text["note"]))

        def error(key: str, message: str, i: int = i) -> None:
            report.error(table.sheet, rows.ref(key, i), message)

        if not raw_id:
            continue  # reported by convert_rows (Mã nhiệm vụ is required)
        if task is None:
            near = suggest(raw_id, [t.id for t in plan.tasks])
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
                labels = ", ".join(label for label, _ in STATUSES.values())
                error("status", f"Trạng thái '{raw_status}' không hợp lệ: chọn một trong {labels}.")
            elif status == "khong" and not text["note"]:
                error("note", "Nhiệm vụ 'Không thực hiện' cần ghi lý do ở cột Ghi chú.")
            else:
                entries.append(Entry(task.id, status, values.get("percent"), text["result"], text["evidence"],
                                     values.get("done_on"), text["issues"], text["note"], rows.numbers[i]))
    return entries, list(seen), as_read


def _report_date(table, report) -> dt.date | None:
    from pipeline.read import cell_ref
    from pipeline.validate.cells import Invalid, to_date

    key = header_key(FORM_REPORT_DATE)
    for r, row in enumerate(table.above):
        for c, value in enumerate(row):
            if isinstance(value, str) and header_key(value) == key:
                value = row[c + 1] if c + 1 < len(row) else None  # the cell right of the label
                where = cell_ref(r, c + 1)
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


# ---------------------------------------------------------------------------
# Collecting returned forms into the workbook


ADDED, REPLACED, UNCHANGED, REFUSED = "added", "replaced", "unchanged", "refused"


@dataclass
class Received:
    """What became of one returned form."""

    path: Path
    outcome: str  # ADDED | REPLACED | UNCHANGED | REFUSED
    reason: str = ""
    unit: str = ""
    unit_name: str = ""
    report_date: dt.date | None = None
    previous: dt.date | None = None  # the report date it replaced
    tasks: int = 0
    problems: list[Problem] = field(default_factory=list)

    def line(self) -> str:
        who = f"{self.unit_name} ({self.unit})" if self.unit else ""
        if self.outcome == ADDED:
            return f"{self.path.name}: {who}, ngày báo cáo {_short(self.report_date)}, {self.tasks} nhiệm vụ."
        if self.outcome == REPLACED:
            before = f"phiếu ngày {_short(self.previous)}" if self.previous else "số liệu đã có trong sổ"
            extra = f" {self.reason}" if self.reason else ""
            return (f"{self.path.name}: {who}, ngày báo cáo {_short(self.report_date)} thay {before}, "
                    f"{self.tasks} nhiệm vụ.{extra}")
        return f"{self.path.name}: {self.reason}"


@dataclass
class CollectResult:
    workbook: Path
    period: int
    period_phrase: str
    forms: list[Received]
    written: bool = False
    backup: Path | None = None
    warnings: list[Problem] = field(default_factory=list)

    def _of(self, outcome: str) -> list[Received]:
        return [f for f in self.forms if f.outcome == outcome]

    @property
    def added(self) -> list[Received]:
        return self._of(ADDED)

    @property
    def replaced(self) -> list[Received]:
        return self._of(REPLACED)

    @property
    def unchanged(self) -> list[Received]:
        return self._of(UNCHANGED)

    @property
    def refused(self) -> list[Received]:
        return self._of(REFUSED)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the refused forms, then the warnings."""
        return [p for f in self.refused for p in f.problems] + self.warnings

    @property
    def exit_code(self) -> int:
        return 1 if self.refused else 0

    def summary(self) -> str:
        out = [f"Nhập phiếu báo cáo {self.period_phrase} (kỳ {self.period}) vào sổ {self.workbook.name}:"]
        for title, items in (("Thêm mới", self.added), ("Thay thế", self.replaced),
                             ("Không thay đổi", self.unchanged), ("Từ chối", self.refused)):
            if items:
                out.append(f"- {title}: {len(items)} phiếu")
                out += [f"    {f.line()}" for f in items]
        if self.written:
            out.append(f"Đã sao lưu sổ cũ vào {self.backup} và ghi sổ {self.workbook}.")
        else:
            out.append(f"Không có gì thay đổi; sổ {self.workbook.name} giữ nguyên, không ghi.")
        if self.refused:
            out.append(f"{len(self.refused)} phiếu bị từ chối: báo đơn vị sửa theo các lỗi dưới đây rồi gửi lại.")
        return "\n".join(out)


def expand_paths(paths: Iterable[Path], workbook: Path) -> tuple[list[Path], list[Received]]:
    """Files named, and spreadsheet files directly inside folders named; missing paths are refused."""
    files: list[Path] = []
    refused: list[Received] = []
    seen: set[Path] = set()
    own = workbook.resolve()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FORM_SUFFIXES
                           and not p.name.startswith(("~$", ".")))
            if not found:
                refused.append(Received(path, REFUSED, f"Thư mục {path} không có tệp phiếu .xlsx nào."))
            candidates = found
        elif path.exists():
            candidates = [path]
        else:
            refused.append(Received(path, REFUSED, f"Không tìm thấy tệp {path}. Kiểm tra lại đường dẫn."))
            continue
        for p in candidates:
            key = p.resolve()
            if key == own:
                if not path.is_dir():
                    refused.append(Received(p, REFUSED, f"{p.name} là chính sổ kế hoạch, không phải phiếu của "
                                                        "đơn vị."))
                continue
            if key not in seen:
                seen.add(key)
                files.append(p)
    return files, refused


@dataclass
class _Group:
    """One unit's entries for the period, by task: as the workbook holds them, and as they stand
    after the forms taken so far in this run."""

    rows: dict[str, list[StatusEntry]] = field(default_factory=dict)  # TienDo rows in the workbook
    current: dict[str, list[Content]] = field(default_factory=dict)
    recorded: dt.date | None = None  # latest report date received (NhanPhieu)
    new: dict[str, Entry | None] = field(default_factory=dict)  # replacements (None: entry removed)

    def contents(self, tasks: Iterable[str]) -> list[Content]:
        return sorted(c for t in tasks for c in self.current.get(t, []))


@dataclass
class _ReceiptRow:
    unit: str
    period: int
    report_date: dt.date
    file: str
    at: dt.datetime


def collect(plan: Plan, data: Path, quy: int, paths: Iterable[Path], now: dt.datetime | None = None,
            warnings: Sequence[Problem] = ()) -> CollectResult:
    """Merge returned forms into `data` (already validated into `plan`)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    data = Path(data)
    files, refused = expand_paths(paths, data)
    result = CollectResult(data, quy, _period_phrase(plan, quy), list(refused), warnings=list(warnings))
    if not files and not refused:
        raise CchcError("Không có phiếu nào để nhập: hãy chỉ ra tệp phiếu .xlsx hoặc thư mục chứa phiếu.")
    good: list[ReturnedForm] = []
    for path in files:
        try:
            good.append(read_form(path, plan, quy))
        except CchcError as exc:
            result.forms.append(Received(path, REFUSED, exc.message, problems=exc.problems))
    groups: dict[str, _Group] = {}
    for e in plan.entries:
        if e.period == quy:
            g = groups.setdefault(e.unit, _Group())
            g.rows.setdefault(e.task, []).append(e)
            g.current.setdefault(e.task, []).append(entry_content(e))
    for r in plan.receipts:
        if r.period == quy:
            g = groups.setdefault(r.unit, _Group())
            g.recorded = max(g.recorded, r.report_date) if g.recorded else r.report_date
    receipts: list[_ReceiptRow] = []
    # Oldest first, so when one run holds two forms of a unit the later report wins.
    for form in sorted(good, key=lambda f: (f.unit, f.report_date, f.path.name)):
        result.warnings += form.warnings
        received = _decide(form, groups.setdefault(form.unit, _Group()))
        result.forms.append(received)
        if received.outcome in (ADDED, REPLACED):
            receipts.append(_ReceiptRow(form.unit, quy, form.report_date, form.path.name, now))
    if receipts:
        from pipeline.export import backup, write_atomic

        changes = {unit: g for unit, g in groups.items() if g.new}
        payload, notes = _edited_bytes(data, plan, quy, changes, receipts)
        result.warnings += notes
        result.backup = backup(data, stamp=now)
        write_atomic(data, lambda fh: fh.write(payload), app="Excel")
        result.written = True
    return result


def _decide(form: ReturnedForm, group: _Group) -> Received:
    def made(outcome: str, reason: str = "", previous: dt.date | None = None) -> Received:
        return Received(form.path, outcome, reason, form.unit, form.unit_name, form.report_date, previous,
                        len(form.entries))

    if form.untouched:
        return made(UNCHANGED, "phiếu gửi lại chưa điền, chưa sửa gì (giống hệt phiếu đã gửi đi) nên không tính là "
                               "đã báo cáo. Nếu số liệu không đổi, đơn vị ghi Ngày báo cáo rồi gửi lại.")
    if not form.entries:
        return Received(form.path, REFUSED, "phiếu không có nhiệm vụ nào được chọn Trạng thái.", form.unit,
                        form.unit_name, form.report_date)
    recorded = group.recorded
    before = group.contents(form.listed)
    same = form.contents() == before
    if recorded and form.report_date < recorded:
        return Received(form.path, REFUSED,
                        f"Ngày báo cáo {_short(form.report_date)} cũ hơn phiếu đã nhập của đơn vị {form.unit} "
                        f"(ngày {_short(recorded)}); giữ số liệu đã nhập.",
                        form.unit, form.unit_name, form.report_date, recorded)
    if recorded and form.report_date == recorded:
        if same:
            return made(UNCHANGED, f"đã nhập trước đó (cùng ngày báo cáo {_short(recorded)}, cùng nội dung).")
        return Received(form.path, REFUSED,
                        f"cùng Ngày báo cáo {_short(recorded)} với phiếu đã nhập của đơn vị {form.unit} nhưng "
                        "nội dung khác. Nếu đây là bản sửa, đơn vị ghi Ngày báo cáo mới hơn rồi gửi lại.",
                        form.unit, form.unit_name, form.report_date, recorded)
    outcome = REPLACED if before else ADDED
    reason = "Nội dung như số liệu đã có; chỉ ghi nhận ngày báo cáo mới." if same else ""
    if not same:
        by_task = {e.task: e for e in form.entries}
        for task in form.listed:  # a task left blank on the form loses its entry for the period
            entry = by_task.get(task)
            group.new[task] = entry
            group.current[task] = [entry.content()] if entry else []
    group.recorded = form.report_date
    return made(outcome, reason, recorded)


# ---------------------------------------------------------------------------
# Editing the workbook with openpyxl: TienDo rows replaced in place, NhanPhieu appended

_XML_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _put(cell, value: object) -> None:
    """Store a value with its type: text stays text (never a formula), dates as dates."""
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, str):
        # '_x0041_' typed literally must survive a reader that decodes OOXML escapes.
        cell.value = _XML_ESCAPE_LIKE.sub(r"_x005F_\1", value) if "_x" in value else value
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = STAMP_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, float) and value.is_integer():
        cell.value = int(value)
    else:
        cell.value = value


def _header_map(ws, spec) -> tuple[int, dict[str, int]]:
    """1-based header row and column key → 1-based column, matched as read.py matches them."""
    from pipeline.read import HEADER_SEARCH_ROWS, find_header

    rows = [list(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True)]
    header0, cols = find_header(rows, spec)
    return header0 + 1, {k: c + 1 for k, c in cols.items()}


def _ensure_columns(ws, header_row: int, cols: dict[str, int], spec, keys: Iterable[str]) -> list[str]:
    """Add the contract's headers the sheet lacks, after its last column; return their headers."""
    from copy import copy

    added = []
    last = max([ws.max_column, *cols.values()]) if cols else ws.max_column
    while last > 1 and ws.cell(header_row, last).value in (None, ""):
        last -= 1
    style_from = ws.cell(header_row, max(cols.values())) if cols else None
    for key in keys:
        if key in cols:
            continue
        last += 1
        cell = ws.cell(header_row, last)
        _put(cell, spec.column(key).header)
        if style_from is not None and style_from.has_style:
            cell._style = copy(style_from._style)
        cols[key] = last
        added.append(spec.column(key).header)
    return added


def _last_data_row(ws, header_row: int, cols: Iterable[int]) -> int:
    cols = list(cols)
    for r in range(ws.max_row, header_row, -1):
        if any(ws.cell(r, c).value not in (None, "") for c in cols):
            return r
    return header_row


def _copy_row_style(ws, src: int, dst: int, cols: Iterable[int]) -> None:
    from copy import copy

    if src < 1:
        return
    for c in cols:
        s = ws.cell(src, c)
        if s.has_style:
            ws.cell(dst, c)._style = copy(s._style)


def _find_sheet(wb, spec):
    keys = {header_key(n) for n in (spec.name, *spec.aliases)}
    return next((wb[n] for n in wb.sheetnames if header_key(n) in keys), None)


def _edited_bytes(data: Path, plan: Plan, quy: int, changes: dict[str, _Group],
                  receipts: Sequence[_ReceiptRow]) -> tuple[bytes, list[Problem]]:
    """The workbook with the changes applied (openpyxl, in memory), and notes for the clerk."""
    import io

    from openpyxl import load_workbook

    from pipeline.read import defined_names, formula_cells

    notes: list[Problem] = []
    formulas = formula_cells(data)
    book = load_workbook(data, keep_vba=data.suffix.lower() == ".xlsm", keep_links=True, rich_text=False)
    edited = {_append_receipts(book, receipts)}
    if changes:
        ws = book[plan.layout.get("TienDo", ("TienDo", {}))[0]]
        edited.add(ws.title)
        header_row, cols = _header_map(ws, TIEN_DO)
        added = _ensure_columns(ws, header_row, cols, TIEN_DO, ("task", "unit", "period", *ENTRY_KEYS))
        if added:
            notes.append(Problem(f"Đã thêm cột {', '.join(added)} vào sheet {ws.title} để lưu số liệu của phiếu.",
                                 data.name, ws.title, "", Severity.WARNING))
        _replace_entries(ws, header_row, cols, quy, changes)
        _extend_tables(ws, header_row, cols)
    if formulas:
        book.calculation.fullCalcOnLoad = True  # Excel recomputes every formula when it opens the workbook
    out = io.BytesIO()
    book.save(out)
    payload, stale = _restore_formula_values(data, out.getvalue(), formulas, edited, defined_names(data))
    if stale:
        shown = ", ".join(stale[:10]) + (f" và {len(stale) - 10} ô khác" if len(stale) > 10 else "")
        notes.append(Problem(
            f"Công thức ở {shown} phụ thuộc số liệu vừa nhập nên chưa có giá trị mới: hãy mở sổ bằng Excel và "
            "lưu lại để Excel tính lại trước khi lập báo cáo.", data.name, "", "", Severity.WARNING))
    return payload, notes


def _depends_on(formula: str, sheets: set[str], names: set[str]) -> bool:
    """Whether a formula may read the sheets collect changed (directly, through a name, or INDIRECT)."""
    text = formula.casefold()
    if "indirect(" in text.replace(" ", ""):
        return True
    return any(s in text for s in sheets) or any(
        re.search(rf"(?<![\w.!]){re.escape(n)}(?![\w(])", text) for n in names)


def _restore_formula_values(data: Path, saved: bytes, formulas: dict, edited: set[str],
                            names: dict[str, str]) -> tuple[bytes, list[str]]:
    """openpyxl saves formulas without their cached values, which readers (this one included)
    need. Put back the value each formula had, unless it may depend on what was just changed;
    return the new bytes and the cells left to Excel to recompute (sheet!ref)."""
    import io

    from pipeline.read import sheet_parts

    sheets = {s.casefold() for s in edited}
    tainted = {n.casefold() for n, ref in names.items() if any(s in ref.casefold() for s in sheets)}
    restore: dict[str, dict] = {}
    stale: list[str] = []
    for sheet, cells in formulas.items():
        for ref, cell in cells.items():
            if cell.cached is None:
                continue  # had no value before either
            if sheet in edited or _depends_on(cell.formula, sheets, tainted):
                stale.append(f"{sheet}!{ref}")
            else:
                restore.setdefault(sheet, {})[ref] = cell
    if not restore:
        return saved, stale
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(saved)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        by_part = {part: name for name, part in sheet_parts(src, data).items()}
        for info in src.infolist():
            content_bytes = src.read(info.filename)
            sheet = by_part.get(info.filename)
            if sheet in restore:
                content_bytes = _fill_values(content_bytes, restore[sheet])
            dst.writestr(info, content_bytes)
    return out.getvalue(), stale


def _fill_values(xml: bytes, cells: dict) -> bytes:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    root = etree.fromstring(xml, parser)
    for c in root.iter("{*}c"):
        cell = cells.get(c.get("r"))
        children = {ch.tag.rpartition("}")[2]: ch for ch in c if isinstance(ch.tag, str)}
        if cell is None or "f" not in children:
            continue  # not a formula we know, or replaced by a value
        v = children.get("v")
        if v is None:
            ns = etree.QName(c).namespace
            v = etree.SubElement(c, f"{{{ns}}}v" if ns else "v")
        if v.text:
            continue
        v.text = cell.cached
        if cell.kind:
            c.set("t", cell.kind)
        elif "t" in c.attrib:
            del c.attrib["t"]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _entry_values(e: Entry) -> dict[str, object]:
    return {"status": _label(e.status), "percent": e.percent, "result": e.result, "evidence": e.evidence,
            "done_on": e.done_on, "issues": e.issues, "note": e.note}


def _replace_entries(ws, header_row: int, cols: dict[str, int], quy: int, changes: dict[str, _Group]) -> None:
    """The changed tasks of each unit for the period: the first existing row is overwritten in
    place, a new entry is appended, rows left over are deleted (bottom up, after appending, so
    row numbers stay valid). Entries of tasks no form listed are left alone."""
    appended: list[tuple[str, Entry]] = []
    doomed: list[int] = []
    for unit, group in changes.items():
        for task, entry in group.new.items():
            rows = sorted(e.row for e in group.rows.get(task, []))
            if entry is None:
                doomed += rows
            elif rows:
                for key, value in _entry_values(entry).items():
                    _put(ws.cell(rows[0], cols[key]), value)
                doomed += rows[1:]
            else:
                appended.append((unit, entry))
    last = _last_data_row(ws, header_row, cols.values())
    template = last if last > header_row else 0
    for unit, entry in appended:
        last += 1
        _copy_row_style(ws, template, last, cols.values())
        values = {"task": entry.task, "unit": unit, "period": quy, **_entry_values(entry)}
        for key, value in values.items():
            _put(ws.cell(last, cols[key]), value)
    for row in sorted(doomed, reverse=True):
        ws.delete_rows(row)


def _extend_tables(ws, header_row: int, cols: dict[str, int]) -> None:
    """An Excel table (ListObject) over TienDo grows or shrinks with its rows."""
    from openpyxl.utils import get_column_letter, range_boundaries

    last = _last_data_row(ws, header_row, cols.values())
    for table in list(ws.tables.values()):
        min_col, min_row, max_col, _ = range_boundaries(table.ref)
        if min_row == header_row:
            table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max(last, min_row + 1)}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref


def _append_receipts(book, receipts: Sequence[_ReceiptRow]) -> str:
    """Log the forms taken in NhanPhieu (created on first use); return the sheet's name."""
    from openpyxl.styles import Font, PatternFill

    ws = _find_sheet(book, NHAN_PHIEU)
    if ws is None:
        ws = book.create_sheet(NHAN_PHIEU.name)
        for c, (col, width) in enumerate(zip(NHAN_PHIEU.columns, (12, 8, 14, 30, 18)), 1):
            cell = ws.cell(1, c)
            _put(cell, col.header)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            ws.column_dimensions[cell.column_letter].width = width
        ws.freeze_panes = "A2"
    header_row, cols = _header_map(ws, NHAN_PHIEU)
    _ensure_columns(ws, header_row, cols, NHAN_PHIEU, [c.key for c in NHAN_PHIEU.columns])
    last = _last_data_row(ws, header_row, cols.values())
    for rec in receipts:
        last += 1
        values = {"unit": rec.unit, "period": rec.period, "date": rec.report_date, "file": rec.file,
                  "imported_at": rec.at}
        for key, value in values.items():
            _put(ws.cell(last, cols[key]), value)
    return ws.title
