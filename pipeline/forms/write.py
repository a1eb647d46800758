"""The per-unit form files `cchc forms` writes (XlsxWriter).

A form lists the tasks the unit leads or supports, pre-filled with its latest entries
up to the period. It has three sheets: the help sheet (how to fill it in), the data
sheet (task columns locked by sheet protection without a password; entry columns
with dropdowns and number/date validation) and the hidden `_cchc` sheet recording
the unit, period, year and agency, plus the fingerprint of what was pre-filled, so
the form is recognised when it comes back and an untouched one is told apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pipeline.derive.collect_rules import task_numbers, window
from pipeline.derive.rollup import latest_entries
from pipeline.errors import CchcError
from pipeline.export import OutputSet
from pipeline.forms.content import (
    DATE_FORMAT,
    Content,
    FigureContent,
    content,
    entry_cells,
    figure_content,
    fingerprint,
    form_filename,
    period_phrase,
    short_date,
)
from pipeline.forms.layout import FONT, FONT_SIZE, row_height
from pipeline.model import Indicator, IndicatorKind, Plan, StatusEntry, Task, Unit, UnitFigure
from pipeline.schema import (
    FORM_DATA_SHEET,
    FORM_FIGURES_SHEET,
    FORM_HELP_SHEET,
    FORM_KIND,
    FORM_META_SHEET,
    FORM_REPORT_DATE,
    PHIEU_SO_LIEU,
    PHIEU_TIEN_DO,
    REFORM_AREA_WORDS,
    STATUS_WORDS,
)
from pipeline.xlsx import EXCEL_TEXT_LIMIT

ROLE_LEAD = "Chủ trì"
ROLE_SUPPORT = "Phối hợp"
FORM_VERSION = "1"
HEADER_ROW = 3  # 0-based: title, report date and unit lines above it
DATE_CELL = (1, 1)  # B2: the report date the unit fills

# Form columns after the task columns: (key, width); headers come from the form's spec.
# Widths sum to about 150 characters: an A4 landscape page at about 88% (fit to width).
_TASK_COLUMNS = (("task", 7), ("section", 11), ("text", 31), ("role", 8), ("deadline", 10))
_ENTRY_COLUMNS = (("status", 12), ("percent", 6), ("result", 19), ("evidence", 13), ("done_on", 10),
                  ("issues", 11), ("note", 11))
_COLUMNS = (*_TASK_COLUMNS, *_ENTRY_COLUMNS)
_COLUMN_INDEX = {key: c for c, (key, _) in enumerate(_COLUMNS)}
_WIDTHS = dict(_COLUMNS)
A4 = 9  # XlsxWriter's paper code
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.6, "bottom": 0.6}  # inches
FOOTER = "&CTrang &P/&N"  # page numbers, centred

# xlsxwriter publishes no types: its workbook, worksheet and format objects stay Any.
Workbook = Any
Worksheet = Any
Format = Any


@dataclass(frozen=True)
class FormLine:
    task: Task
    role: str
    entry: StatusEntry | None  # latest entry up to the period, pre-filled


def unit_lines(plan: Plan, code: str, quy: int) -> list[FormLine]:
    """The tasks `code` leads or supports, in plan order, with its latest entry up to `quy`."""
    latest = latest_entries((e for e in plan.entries if e.unit == code), quy)
    lines: list[FormLine] = []
    for task in plan.tasks:
        role = ROLE_LEAD if code in task.lead else ROLE_SUPPORT if code in task.support else ""
        if role:
            lines.append(FormLine(task, role, latest.get((task.id, code))))
    return lines


def write_forms(plan: Plan, quy: int, folder: Path, today: dt.date, out: OutputSet,
                notes: list[str] | None = None, unfilled: list[str] | None = None) -> list[Path]:
    """One form per unit that has tasks, staged into `out` (nothing is written if any cannot be).
    A text past Excel's cell limit, which the form can only hold cut, is named in `notes`; a
    completion date of the workbook outside the plan's year, not pre-filled, in `unfilled`."""
    jobs: list[tuple[Path, Unit, list[FormLine]]] = []
    seen: dict[str, str] = {}
    numbers = task_numbers(plan, plan.periods[quy].cutoff_to)
    for unit in plan.units:
        lines = _within_year(plan, quy, unit_lines(plan, unit.code, quy), numbers, unfilled)
        if not lines:
            continue
        name = form_filename(unit, quy, plan.year)
        if name.lower() in seen:
            name = f"{Path(name).stem}_{unit.row}.xlsx"
        seen[name.lower()] = unit.code
        jobs.append((folder / name, unit, lines))
    if not jobs:
        raise CchcError("Không đơn vị nào được giao nhiệm vụ (sheet NhiemVu): không có phiếu nào để lập.")
    for path, _, _ in jobs:
        out.check(path, ".xlsx", app="Excel")
    if notes is not None:
        notes += _too_long(jobs)
    for path, unit, lines in jobs:
        out.add(path, functools.partial(write_form, plan, unit, quy, lines, today), ".xlsx", app="Excel")
    return [path for path, _, _ in jobs]


def _within_year(plan: Plan, quy: int, lines: list[FormLine], numbers: dict[str, str],
                 unfilled: list[str] | None) -> list[FormLine]:
    """The lines with a completion date outside the plan's year left blank (collect refuses such
    a date; pre-filled, it would come back on every later form), each named in `unfilled`."""
    earliest = window(plan, quy).earliest
    out = []
    for line in lines:
        e = line.entry
        if e is not None and e.done_on is not None and (e.done_on < earliest or e.done_on.year > plan.year):
            if unfilled is not None:
                unfilled.append(f"{e.unit}, nhiệm vụ {numbers.get(e.task, e.task)}: Ngày hoàn thành "
                                f"{short_date(e.done_on)} trong sheet TienDo (dòng {e.row}) nằm ngoài năm kế hoạch "
                                f"{plan.year}, không điền sẵn vào phiếu; hãy sửa dòng đó trong sổ.")
            line = FormLine(line.task, line.role, dataclasses.replace(e, done_on=None))
        out.append(line)
    return out


def _too_long(jobs: Sequence[tuple[Path, Unit, list[FormLine]]]) -> list[str]:
    out: list[str] = []
    for path, _unit, lines in jobs:
        for line in lines:
            e = line.entry
            texts = [line.task.text, *((e.result, e.evidence, e.issues, e.note) if e else ())]
            if any(len(t) > EXCEL_TEXT_LIMIT for t in texts):
                out.append(f"{path.name}: nhiệm vụ {line.task.id}")
    return out


def write_form(plan: Plan, unit: Unit, quy: int, lines: Sequence[FormLine], today: dt.date, out: BinaryIO) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(out, {
        "in_memory": True,
        "strings_to_formulas": False,  # '=SUM(…)' typed by a clerk stays text
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_date_format": DATE_FORMAT,
        # Column widths count characters of the default font: Times New Roman (Liberation Serif
        # where LibreOffice prints), not Calibri, which many Linux machines lack and replace
        # with a wider font, widening every column past the page.
        "default_format_properties": dict(FONT),
    })
    title = f"Phiếu báo cáo tiến độ cải cách hành chính {period_phrase(plan, quy)} — {unit.name}"
    wb.set_properties({"title": title, "author": plan.agency.name, "company": plan.agency.name,
                       "comments": f"{FORM_KIND}; đơn vị {unit.code}; kỳ {quy}; năm {plan.year}"})
    rows = [_prefilled(line) for line in lines]
    figures = unit_figure_lines(plan, unit.code, quy)
    _help_sheet(wb, plan, unit, quy, today, bool(figures))
    _data_sheet(wb, plan, unit, quy, lines, today, title)
    if figures:
        _figures_sheet(wb, plan, unit, quy, figures)
    extra = [("dau_so_lieu", fingerprint(None, [_figure_prefilled(f) for f in figures]))] if figures else []
    _meta_sheet(wb, plan, unit, quy, today, rows, extra)
    wb.close()


def _prefilled(line: FormLine) -> Content:
    """What the form holds for a line as written, for the fingerprint."""
    e = line.entry
    if e is None:
        return content(line.task.id, None, None, "", "", None, "", "")
    return content(line.task.id, e.status, e.percent, e.result, e.evidence, e.done_on, e.issues, e.note)


# -- the help sheet -------------------------------------------------------------------


HELP_WIDTH = 92  # characters: an A4 portrait page between its margins, at full size
_HELP_STYLES = {"title": (13, True), "bold": (FONT_SIZE, True), "text": (FONT_SIZE, False)}


def _help_sheet(wb: Workbook, plan: Plan, unit: Unit, quy: int, today: dt.date, figures: bool = False) -> None:
    ws = wb.add_worksheet(FORM_HELP_SHEET)
    ws.activate()
    ws.set_column(0, 0, HELP_WIDTH, wb.add_format({**FONT, "text_wrap": True, "valign": "top"}))
    formats = {style: wb.add_format({**FONT, "font_size": size, "bold": bold, "text_wrap": True, "valign": "top"})
               for style, (size, bold) in _HELP_STYLES.items()}
    lines = help_lines(plan, unit, quy, today)
    if figures:
        lines[-2:-2] = figures_help(plan, quy)
    for r, (value, style) in enumerate(lines):
        size, bold = _HELP_STYLES[style]
        ws.set_row(r, row_height([(value, HELP_WIDTH)], size, bold))
        if value:
            ws.write_string(r, 0, value, formats[style])
    _print_setup(ws, landscape=False)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _print_setup(ws: Worksheet, landscape: bool, title_row: int | None = None) -> None:
    """A4, the orientation given, fit to the page's width only (as many pages down as the rows
    need, never shrunk to one page), margins, page numbers, the header row on every page."""
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(**MARGINS)
    ws.set_footer(FOOTER)
    if title_row is not None:
        ws.repeat_rows(title_row)


def help_lines(plan: Plan, unit: Unit, quy: int, today: dt.date) -> list[tuple[str, str]]:
    """The help sheet, line by line: (text, style), style one of 'title', 'bold', 'text'."""
    period = plan.periods[quy]
    due = short_date(period.unit_due) if period.unit_due else "theo thông báo của Văn phòng"
    example = short_date(period.cutoff_to)
    date_cell = f"ô B{DATE_CELL[0] + 1}"
    lines = [
        ("HƯỚNG DẪN ĐIỀN PHIẾU BÁO CÁO TIẾN ĐỘ CẢI CÁCH HÀNH CHÍNH", "title"),
        ("", "text"),
        (f"Cơ quan: {plan.agency.name} ({plan.agency.abbr})", "bold"),
        (f"Đơn vị báo cáo: {unit.name} (mã {unit.code})", "bold"),
        (f"Kỳ báo cáo: {period_phrase(plan, quy)} (kỳ {quy}); số liệu tính đến hết ngày "
         f"{short_date(period.cutoff_to)}.", "bold"),
        (f"Hạn gửi phiếu về Văn phòng: {due}.", "bold"),
        (f"Phiếu lập ngày {short_date(today)}.", "text"),
        ("", "text"),
        ("Cách điền", "bold"),
        (f"1. Mở sheet {FORM_DATA_SHEET}. Mỗi dòng là một nhiệm vụ đơn vị chủ trì hoặc phối hợp thực hiện (cột "
         "Vai trò). Các cột nền xám là nội dung Kế hoạch, không sửa được.", "text"),
        ("2. Chọn Trạng thái trong danh sách; ghi Tỷ lệ (%) là số nguyên từ 0 đến 100; ghi Kết quả thực hiện và "
         "Văn bản/minh chứng (số, ký hiệu, ngày văn bản).", "text"),
        (f"3. Khi nhiệm vụ đã hoàn thành, ghi Tỷ lệ 100, Văn bản/minh chứng và Ngày hoàn thành (bắt buộc) dạng "
         f"ngày/tháng/năm, ví dụ {example}; ngày hoàn thành không sau ngày chốt số liệu {example}: việc hoàn thành "
         "sau ngày chốt được báo cáo ở kỳ sau. Chưa hoàn thành thì để trống Ngày hoàn thành.", "text"),
        ("4. Các ô đã điền sẵn là số liệu đơn vị báo cáo gần nhất (kỳ trước, hoặc kỳ này nếu đã báo cáo); hãy "
         "cập nhật theo tình hình đến kỳ này. Nhiệm vụ để trống Trạng thái thì không được ghi nhận trong kỳ. Nhiệm "
         "vụ kỳ trước đã báo hoàn thành mà nay ghi chưa hoàn thành hoặc không thực hiện thì phải ghi lý do ở cột Ghi "
         "chú và sửa Tỷ lệ, Kết quả, Văn bản/minh chứng cho đúng.", "text"),
        (f"5. Ghi Ngày báo cáo ({date_cell} của sheet {FORM_DATA_SHEET}) là ngày đơn vị gửi phiếu. Khi gửi lại "
         "phiếu đã sửa, ghi ngày mới hơn: phiếu có ngày báo cáo mới hơn thay thế phiếu gửi trước. Phiếu gửi lại "
         "mà không điền, không sửa gì thì không được tính là đã báo cáo.", "text"),
        ("6. Không đổi tên sheet, không thêm, xóa dòng hoặc cột; lưu tệp dạng Excel (.xlsx) và gửi lại Văn phòng. "
         "Ô ghi dài mà khi in bị khuất chữ: chọn các dòng đó rồi Home › Format › AutoFit Row Height.", "text"),
        ("", "text"),
        ("Ý nghĩa các trạng thái", "bold"),
    ]
    lines += [(f"• {w.label}: {w.help}", "text") for w in STATUS_WORDS.values()]
    lines += [
        ("Trạng thái 'Không thực hiện' bắt buộc ghi lý do ở cột Ghi chú; thiếu lý do, phiếu bị trả lại.", "bold"),
        ("", "text"),
        (f"Thông tin nhận diện phiếu (không sửa): đơn vị {unit.code}; kỳ {quy}; năm {plan.year}; cơ quan "
         f"{plan.agency.abbr}.", "text"),
    ]
    return lines


# -- the data sheet -------------------------------------------------------------------


@dataclass(frozen=True)
class _DataFormats:
    title: Format
    label: Format
    hint: Format
    date_in: Format
    head: Format
    fixed: Format  # task columns: grey, locked
    entry: Format  # entry columns: unlocked
    entry_date: Format


def _data_formats(wb: Workbook) -> _DataFormats:
    base = {**FONT, "text_wrap": True, "valign": "top", "border": 1}
    return _DataFormats(
        title=wb.add_format({**FONT, "bold": True, "font_size": 13, "text_wrap": True, "valign": "vcenter"}),
        label=wb.add_format({**FONT, "bold": True, "text_wrap": True, "valign": "vcenter"}),
        hint=wb.add_format({**FONT, "italic": True, "font_color": "#595959", "valign": "vcenter"}),
        date_in=wb.add_format({**FONT, "num_format": DATE_FORMAT, "locked": False, "bg_color": "#FFF2CC",
                               "border": 1, "bold": True, "align": "center", "valign": "vcenter"}),
        head=wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "align": "center"}),
        fixed=wb.add_format({**base, "bg_color": "#F2F2F2"}),
        entry=wb.add_format({**base, "locked": False}),
        entry_date=wb.add_format({**base, "locked": False, "num_format": DATE_FORMAT}),
    )


def _data_sheet(wb: Workbook, plan: Plan, unit: Unit, quy: int, lines: Sequence[FormLine], today: dt.date,
                title: str) -> None:
    ws = wb.add_worksheet(FORM_DATA_SHEET)
    fmt = _data_formats(wb)
    _data_heading(ws, fmt, plan, unit, quy, today, title)
    first = HEADER_ROW + 1
    for i, line in enumerate(lines):
        _data_row(ws, fmt, first + i, line)
    _data_validation(ws, plan.year, first, first + len(lines) - 1)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(ws, landscape=True, title_row=HEADER_ROW)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _data_heading(ws: Worksheet, fmt: _DataFormats, plan: Plan, unit: Unit, quy: int, today: dt.date,
                  title: str) -> None:
    """Column widths, then the lines above the table (title, report date, unit) and its header row."""
    period = plan.periods[quy]
    for c, (_, width) in enumerate(_COLUMNS):
        ws.set_column(c, c, width)
    ws.merge_range(0, 0, 0, len(_COLUMNS) - 1, title, fmt.title)
    ws.set_row(0, 36)
    ws.set_row(DATE_CELL[0], row_height([(FORM_REPORT_DATE, _WIDTHS["task"])], bold=True))
    ws.write_string(DATE_CELL[0], 0, FORM_REPORT_DATE, fmt.label)
    ws.write_datetime(DATE_CELL[0], DATE_CELL[1], dt.datetime(today.year, today.month, today.day), fmt.date_in)
    due = f" Hạn gửi: {short_date(period.unit_due)}." if period.unit_due else ""
    ws.write_string(DATE_CELL[0], DATE_CELL[1] + 1,
                    f"← ngày đơn vị gửi phiếu (dd/mm/yyyy); gửi lại bản sửa thì ghi ngày mới hơn.{due}", fmt.hint)
    ws.write_string(2, 0, f"Đơn vị: {unit.name} (mã {unit.code}) · Kỳ báo cáo: {period_phrase(plan, quy)} · "
                          f"Số liệu tính đến hết ngày {short_date(period.cutoff_to)}", fmt.hint)
    headers = [(PHIEU_TIEN_DO.column(key).header, width) for key, width in _COLUMNS]
    ws.set_row(HEADER_ROW, row_height(headers, bold=True))
    for c, (text, _) in enumerate(headers):
        ws.write_string(HEADER_ROW, c, text, fmt.head)


def _data_row(ws: Worksheet, fmt: _DataFormats, r: int, line: FormLine) -> None:
    """One task: its plan columns locked, its latest entry pre-filled in the open columns."""
    task = line.task
    fixed = (task.id, task.section, task.text, line.role, task.deadline)
    values = entry_cells(line.entry) if line.entry is not None else {}
    texts = [*zip(fixed, (w for _, w in _TASK_COLUMNS)),
             *((v, _WIDTHS[k]) for k, v in values.items() if isinstance(v, str))]
    ws.set_row(r, row_height(texts))
    for c, text in enumerate(fixed):
        ws.write_string(r, c, text, fmt.fixed)
    for c, (key, _) in enumerate(_ENTRY_COLUMNS, len(_TASK_COLUMNS)):
        value = values.get(key)
        if key == "done_on":
            if isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), fmt.entry_date)
            else:
                ws.write_blank(r, c, None, fmt.entry_date)
        elif key == "percent" and isinstance(value, (int, float)):
            ws.write_number(r, c, int(value) if float(value).is_integer() else float(value), fmt.entry)
        elif isinstance(value, str) and value:
            ws.write_string(r, c, value, fmt.entry)
        else:
            ws.write_blank(r, c, None, fmt.entry)


def _data_validation(ws: Worksheet, year: int, first: int, last: int) -> None:
    """Excel's own checks: the report date, the status dropdown, the percent and the completion date."""
    col = _COLUMN_INDEX
    low, high = dt.date(year - 1, 1, 1), dt.date(year + 1, 12, 31)
    date_rule = {"validate": "date", "criteria": "between", "minimum": low, "maximum": high,
                 "error_title": "Ngày không hợp lệ",
                 "error_message": f"Ghi ngày dạng dd/mm/yyyy, từ {short_date(low)} đến {short_date(high)}."}
    ws.data_validation(DATE_CELL[0], DATE_CELL[1], DATE_CELL[0], DATE_CELL[1], {
        "validate": "date", "criteria": ">=", "value": low, "error_title": "Ngày không hợp lệ",
        "error_message": f"Ghi ngày gửi phiếu dạng dd/mm/yyyy, từ {short_date(low)} trở đi."})
    ws.data_validation(first, col["status"], last, col["status"], {
        "validate": "list", "source": [w.label for w in STATUS_WORDS.values()],
        "input_title": "Trạng thái", "input_message": "Chọn trong danh sách.",
        "error_title": "Trạng thái không hợp lệ", "error_message": "Chọn một trạng thái trong danh sách."})
    ws.data_validation(first, col["percent"], last, col["percent"], {
        "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100,
        "error_title": "Tỷ lệ không hợp lệ", "error_message": "Ghi số nguyên từ 0 đến 100."})
    ws.data_validation(first, col["done_on"], last, col["done_on"], date_rule)


# -- the hidden identity sheet --------------------------------------------------------


def _meta_sheet(wb: Workbook, plan: Plan, unit: Unit, quy: int, today: dt.date, rows: Sequence[Content],
                extra: Sequence[tuple[str, str]] = ()) -> None:
    """`_cchc`: who and what the form is for, and the fingerprint of what it was written with
    (`extra`: the figures sheet's, when the form has one)."""
    meta = wb.add_worksheet(FORM_META_SHEET)
    pairs = [
        ("Khóa", "Giá trị"),
        ("loai", FORM_KIND),
        ("phien_ban", FORM_VERSION),
        ("don_vi", unit.code),
        ("ten_don_vi", unit.name),
        ("ky", str(quy)),
        ("ten_ky", plan.periods[quy].name),
        ("nam", str(plan.year)),
        ("co_quan", plan.agency.abbr),
        ("ngay_lap", today.isoformat()),
        ("dau", fingerprint(today, rows)),
        *extra,
    ]
    write_meta(meta, pairs)


def write_meta(meta: Worksheet, pairs: Sequence[tuple[str, str]]) -> None:
    """A form's identity sheet: its (key, value) rows, protected and very hidden (not in
    Excel's Unhide list: nobody edits it by accident); the status and the self-assessment
    forms alike."""
    for r, (key, value) in enumerate(pairs):
        meta.write_string(r, 0, key)
        meta.write_string(r, 1, value)
    meta.set_column(0, 0, 14)
    meta.set_column(1, 1, 50)
    meta.protect()
    meta.very_hidden()


# -- the figures sheet (SoLieu): the unit's own figures for the indicators units report -------

FIGURES_HEADER_ROW = 2  # 0-based: title and hint above it
_FIGURE_COLUMNS = (("code", 10), ("area", 22), ("name", 56), ("unit", 12), ("value", 14), ("note", 30))


@dataclass(frozen=True)
class FigureLine:
    indicator: Indicator
    figure: UnitFigure | None  # what the workbook already holds for the unit and period


def unit_figure_lines(plan: Plan, code: str, quy: int) -> list[FigureLine]:
    """The count indicators ChiSo marks for the units, with the unit's figure for this very period
    (figures are per period: an earlier period's figure is never carried over)."""
    mine = {f.indicator: f for f in plan.figures if f.unit == code and f.period == quy}
    return [FigureLine(x, mine.get(x.code)) for x in plan.indicators
            if x.by_units and x.kind is IndicatorKind.COUNT]


def _figure_prefilled(line: FigureLine) -> FigureContent:
    f = line.figure
    return figure_content(line.indicator.code, f.value if f else None, f.note if f else "")


def figures_help(plan: Plan, quy: int) -> list[tuple[str, str]]:
    p = plan.periods[quy]
    return [
        ("", "text"),
        (f"Số liệu (sheet {FORM_FIGURES_SHEET})", "bold"),
        (f"7. Ghi số liệu của riêng đơn vị trong kỳ (từ ngày {short_date(p.cutoff_from)} đến ngày "
         f"{short_date(p.cutoff_to)}) cho từng chỉ số: một số, không ghi đơn vị tính hay dấu %; việc không phát sinh "
         "ở đơn vị thì ghi 0 (để trống là chưa báo cáo). Văn phòng cộng số liệu các đơn vị và tính lại các tỷ lệ từ "
         "tổng số.", "text"),
    ]


def _figures_sheet(wb: Workbook, plan: Plan, unit: Unit, quy: int, lines: Sequence[FigureLine]) -> None:
    ws = wb.add_worksheet(FORM_FIGURES_SHEET)
    fmt = _data_formats(wb)
    number = wb.add_format({**FONT, "border": 1, "valign": "top", "locked": False})
    for c, (_, width) in enumerate(_FIGURE_COLUMNS):
        ws.set_column(c, c, width)
    p = plan.periods[quy]
    ws.merge_range(0, 0, 0, len(_FIGURE_COLUMNS) - 1,
                   f"Số liệu cải cách hành chính {period_phrase(plan, quy)} — {unit.name}", fmt.title)
    ws.set_row(0, 30)
    ws.write_string(1, 0, f"Số liệu của riêng đơn vị từ ngày {short_date(p.cutoff_from)} đến ngày "
                          f"{short_date(p.cutoff_to)}; không phát sinh thì ghi 0.", fmt.hint)
    headers = [(PHIEU_SO_LIEU.column(key).header, width) for key, width in _FIGURE_COLUMNS]
    ws.set_row(FIGURES_HEADER_ROW, row_height(headers, bold=True))
    for c, (text, _) in enumerate(headers):
        ws.write_string(FIGURES_HEADER_ROW, c, text, fmt.head)
    first = FIGURES_HEADER_ROW + 1
    widths = [w for _, w in _FIGURE_COLUMNS]
    for r, line in enumerate(lines, first):
        x = line.indicator
        fixed = (x.code, REFORM_AREA_WORDS[x.area].label, x.name, x.unit)
        note = line.figure.note if line.figure is not None else ""
        ws.set_row(r, row_height([*zip(fixed, widths), (note, widths[5])]))
        for c, text in enumerate(fixed):
            ws.write_string(r, c, text, fmt.fixed)
        if line.figure is not None:
            ws.write_number(r, 4, line.figure.value, number)
        else:
            ws.write_blank(r, 4, None, number)
        if line.figure is not None and line.figure.note:
            ws.write_string(r, 5, line.figure.note, fmt.entry)
        else:
            ws.write_blank(r, 5, None, fmt.entry)
    ws.data_validation(first, 4, first + len(lines) - 1, 4, {
        "validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Số liệu không hợp lệ",
        "error_message": "Ghi một số từ 0 trở lên (không ghi chữ, đơn vị tính hay dấu %)."})
    ws.freeze_panes(first, 0)
    _print_setup(ws, landscape=True, title_row=FIGURES_HEADER_ROW)
    ws.protect("", {"format_columns": True, "format_rows": True})
