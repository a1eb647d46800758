"""The per-unit self-assessment forms `cchc forms --danh-gia` writes (XlsxWriter).

Three sheets, as the status form: the help sheet, the data sheet `DanhGia` (the unit's
criteria tree; groups and automatic criteria locked, the latter with their score so far and
how it was computed; manual criteria open for the self-score, its explanation and its
evidence, the score limited to 0–maximum by Excel's own validation) and the hidden `_cchc`
sheet naming the unit, year and agency, with the fingerprint of what was pre-filled.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pipeline import formatting as fmt
from pipeline.derive.criteria import Tree
from pipeline.errors import CchcError
from pipeline.export import OutputSet
from pipeline.forms.assess_content import ASSESS_VERSION, AssessLine, assess_fingerprint, assess_lines, prefilled
from pipeline.forms.content import DATE_FORMAT, short_date
from pipeline.forms.write import write_meta
from pipeline.model import Plan, Unit
from pipeline.schema import (
    ASSESS_DATA_SHEET,
    ASSESS_DATE,
    ASSESS_KIND,
    FORM_HELP_SHEET,
    FORM_META_SHEET,
    PHIEU_DANH_GIA,
    SCORE_METHOD_WORDS,
)

HEADER_ROW = 3  # 0-based, as the status form: title, date and unit lines above
DATE_CELL = (1, 1)  # B2
_COLUMNS = (("criterion", 10), ("name", 50), ("maximum", 9), ("method", 16), ("asked", 28), ("score", 10),
            ("explanation", 36), ("evidence", 36), ("computed", 46))
_INDEX = {key: c for c, (key, _) in enumerate(_COLUMNS)}

Workbook = Any  # xlsxwriter publishes no types
Worksheet = Any


def form_path(folder: Path, unit: Unit) -> Path:
    from pipeline.forms.content import unit_stem  # the status forms' naming, shared

    return folder / f"{unit_stem(unit)}.xlsx"


def write_assessment_forms(plan: Plan, folder: Path, today: dt.date, out: OutputSet) -> list[Path]:
    """One form per unit of DonVi, staged into `out` (none is written if one cannot be)."""
    tree = Tree(plan.evaluation.criteria)
    if not any(tree.method(c).manual for c in tree.leaves):
        raise CchcError("Bộ tiêu chí (sheet TieuChi) không có tiêu chí nào để đơn vị tự chấm: không cần phiếu tự "
                        "đánh giá.")
    jobs: list[tuple[Path, Unit]] = []
    seen: set[str] = set()
    for unit in plan.units:
        path = form_path(folder, unit)
        if path.name.lower() in seen:
            path = path.with_name(f"{path.stem}_{unit.row}.xlsx")
        seen.add(path.name.lower())
        jobs.append((path, unit))
    for path, _ in jobs:
        out.check(path, ".xlsx", app="Excel")
    for path, unit in jobs:
        lines = assess_lines(plan, unit.code, today)
        out.add(path, functools.partial(write_assessment_form, plan, unit, lines, today), ".xlsx", app="Excel")
    return [path for path, _ in jobs]


def write_assessment_form(plan: Plan, unit: Unit, lines: Sequence[AssessLine], today: dt.date, out: BinaryIO) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False, "default_date_format": DATE_FORMAT})
    title = f"Phiếu tự đánh giá, chấm điểm kết quả cải cách hành chính năm {plan.year} — {unit.name}"
    wb.set_properties({"title": title, "author": plan.agency.name, "company": plan.agency.name,
                       "comments": f"{ASSESS_KIND}; đơn vị {unit.code}; năm {plan.year}"})
    _help_sheet(wb, plan, unit, today)
    _data_sheet(wb, plan, unit, lines, today, title)
    _meta_sheet(wb, plan, unit, today, assess_fingerprint(today, prefilled(lines)))
    wb.close()


def help_lines(plan: Plan, unit: Unit, today: dt.date) -> list[tuple[str, str]]:
    """The help sheet, line by line: (text, style), style one of 'title', 'bold', 'text'."""
    due = plan.evaluation.docs.self_deadline
    cutoff = plan.periods[max(plan.periods)].cutoff_to if plan.periods else today
    lines = [
        ("HƯỚNG DẪN TỰ ĐÁNH GIÁ, CHẤM ĐIỂM KẾT QUẢ CẢI CÁCH HÀNH CHÍNH", "title"),
        ("", "text"),
        (f"Cơ quan: {plan.agency.name} ({plan.agency.abbr})", "bold"),
        (f"Đơn vị tự đánh giá: {unit.name} (mã {unit.code})", "bold"),
        (f"Năm đánh giá: {plan.year}.", "bold"),
        (f"Hạn gửi phiếu về Văn phòng: {short_date(due) if due else 'theo thông báo của Văn phòng'}.", "bold"),
        (f"Phiếu lập ngày {short_date(today)}.", "text"),
        ("", "text"),
        ("Cách điền", "bold"),
        (f"1. Mở sheet {ASSESS_DATA_SHEET}. Mỗi dòng là một lĩnh vực, tiêu chí hoặc tiêu chí thành phần; các ô nền xám "
         "không sửa được.", "text"),
        ("2. Ở các dòng nền trắng (tiêu chí đơn vị tự chấm, điểm thưởng, điểm trừ), ghi Điểm tự chấm (số, từ 0 đến "
         "Điểm tối đa, có thể lẻ đến 0,01), Giải trình và Tài liệu kiểm chứng (số, ký hiệu, ngày văn bản; mỗi tài liệu "
         "một dòng hoặc cách nhau bởi dấu ;).", "text"),
        ("3. Tiêu chí có điểm tự chấm lớn hơn 0 phải ghi Tài liệu kiểm chứng, hoặc Giải trình khi không có tài liệu; "
         "thiếu cả hai, phiếu bị trả lại.", "text"),
        ("4. Các tiêu chí chấm tự động do chương trình tính từ sổ theo dõi (số liệu đến hết ngày "
         f"{short_date(cutoff)}); cột Cách tính điểm tự động ghi cách tính đến ngày lập phiếu. Văn phòng tính lại khi "
         "đánh giá.", "text"),
        (f"5. Ghi Ngày tự đánh giá (ô B{DATE_CELL[0] + 1} của sheet {ASSESS_DATA_SHEET}) là ngày đơn vị gửi phiếu. Gửi "
         "lại bản sửa thì ghi ngày mới hơn: phiếu có ngày mới hơn thay thế phiếu gửi trước.", "text"),
        ("6. Không đổi tên sheet, không thêm, xóa dòng hoặc cột; lưu tệp dạng Excel (.xlsx) và gửi lại Văn phòng.",
         "text"),
        ("", "text"),
        ("Cách chấm", "bold"),
    ]
    lines += [(f"• {w.label}: {w.help}.", "text") for m, w in SCORE_METHOD_WORDS.items() if m.value != "tong"]
    lines += [("", "text"), (f"Thông tin nhận diện phiếu (không sửa): đơn vị {unit.code}; năm {plan.year}; cơ quan "
                             f"{plan.agency.abbr}.", "text")]
    return lines


def _help_sheet(wb: Workbook, plan: Plan, unit: Unit, today: dt.date) -> None:
    ws = wb.add_worksheet(FORM_HELP_SHEET)
    ws.activate()
    ws.set_column(0, 0, 110, wb.add_format({"text_wrap": True, "valign": "top"}))
    formats = {"title": wb.add_format({"bold": True, "font_size": 13, "text_wrap": True}),
               "bold": wb.add_format({"bold": True, "text_wrap": True}),
               "text": wb.add_format({"text_wrap": True, "valign": "top"})}
    for r, (value, style) in enumerate(help_lines(plan, unit, today)):
        if value:
            ws.write_string(r, 0, value, formats[style])
    ws.protect("", {"format_columns": True, "format_rows": True})


@dataclass(frozen=True)
class _Formats:
    title: Any
    label: Any
    hint: Any
    date_in: Any
    head: Any
    group: Any
    fixed: Any
    fixed_number: Any
    open: Any
    open_number: Any


def _formats(wb: Workbook) -> _Formats:
    base = {"text_wrap": True, "valign": "top", "border": 1}
    return _Formats(
        title=wb.add_format({"bold": True, "font_size": 13, "text_wrap": True, "valign": "vcenter"}),
        label=wb.add_format({"bold": True, "valign": "vcenter"}),
        hint=wb.add_format({"italic": True, "font_color": "#595959", "valign": "vcenter"}),
        date_in=wb.add_format({"num_format": DATE_FORMAT, "locked": False, "bg_color": "#FFF2CC", "border": 1,
                               "bold": True, "align": "center", "valign": "vcenter"}),
        head=wb.add_format({**base, "bold": True, "bg_color": "#DDEBF7", "align": "center"}),
        group=wb.add_format({**base, "bold": True, "bg_color": "#E7E6E6"}),
        fixed=wb.add_format({**base, "bg_color": "#F2F2F2"}),
        fixed_number=wb.add_format({**base, "bg_color": "#F2F2F2", "num_format": "0.##"}),
        open=wb.add_format({**base, "locked": False}),
        open_number=wb.add_format({**base, "locked": False, "num_format": "0.##"}),
    )


def _data_sheet(wb: Workbook, plan: Plan, unit: Unit, lines: Sequence[AssessLine], today: dt.date,
                title: str) -> None:
    ws = wb.add_worksheet(ASSESS_DATA_SHEET)
    fmt_ = _formats(wb)
    for c, (_, width) in enumerate(_COLUMNS):
        ws.set_column(c, c, width)
    ws.merge_range(0, 0, 0, len(_COLUMNS) - 1, title, fmt_.title)
    ws.set_row(0, 36)
    ws.write_string(DATE_CELL[0], 0, ASSESS_DATE, fmt_.label)
    ws.write_datetime(DATE_CELL[0], DATE_CELL[1], dt.datetime(today.year, today.month, today.day), fmt_.date_in)
    ws.write_string(DATE_CELL[0], DATE_CELL[1] + 1, "← ngày đơn vị gửi phiếu (dd/mm/yyyy); gửi lại bản sửa thì ghi "
                                                    "ngày mới hơn.", fmt_.hint)
    ws.write_string(2, 0, f"Đơn vị: {unit.name} (mã {unit.code}) · Năm đánh giá {plan.year}", fmt_.hint)
    for c, (key, _) in enumerate(_COLUMNS):
        ws.write_string(HEADER_ROW, c, PHIEU_DANH_GIA.column(key).header, fmt_.head)
    for r, line in enumerate(lines, HEADER_ROW + 1):
        _row(ws, fmt_, r, line)
    ws.data_validation(DATE_CELL[0], DATE_CELL[1], DATE_CELL[0], DATE_CELL[1], {
        "validate": "date", "criteria": ">=", "value": dt.date(plan.year - 1, 1, 1),
        "error_title": "Ngày không hợp lệ", "error_message": "Ghi ngày gửi phiếu dạng dd/mm/yyyy."})
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _row(ws: Worksheet, f: _Formats, r: int, line: AssessLine) -> None:
    c = line.criterion
    fixed = f.group if line.group else f.fixed
    name = "    " * line.depth + c.name
    ws.write_string(r, _INDEX["criterion"], c.code, fixed)
    ws.write_string(r, _INDEX["name"], name, fixed)
    ws.write_number(r, _INDEX["maximum"], c.maximum, f.group if line.group else f.fixed_number)
    ws.write_string(r, _INDEX["method"], "" if line.group else SCORE_METHOD_WORDS[line.method].label, fixed)
    ws.write_string(r, _INDEX["asked"], c.evidence, fixed)
    if not line.open:
        computed = line.computed
        if computed is not None:
            ws.write_number(r, _INDEX["score"], float(computed.points), f.fixed_number)
        else:
            ws.write_blank(r, _INDEX["score"], None, fixed)
        for key in ("explanation", "evidence"):
            ws.write_blank(r, _INDEX[key], None, fixed)
        ws.write_string(r, _INDEX["computed"], computed.explanation if computed else "", fixed)
        return
    e = line.entry
    if e is not None and e.score is not None:
        ws.write_number(r, _INDEX["score"], e.score, f.open_number)
    else:
        ws.write_blank(r, _INDEX["score"], None, f.open_number)
    for key, value in (("explanation", e.explanation if e else ""), ("evidence", e.evidence if e else "")):
        if value:
            ws.write_string(r, _INDEX[key], value, f.open)
        else:
            ws.write_blank(r, _INDEX[key], None, f.open)
    ws.write_blank(r, _INDEX["computed"], None, fixed)
    maximum = int(c.maximum) if float(c.maximum).is_integer() else c.maximum  # Excel shows "30", not "30.0"
    ws.data_validation(r, _INDEX["score"], r, _INDEX["score"], {
        "validate": "decimal", "criteria": "between", "minimum": 0, "maximum": maximum,
        "error_title": "Điểm không hợp lệ", "error_message": f"Ghi số từ 0 đến {fmt.points(c.maximum)}."})


def _meta_sheet(wb: Workbook, plan: Plan, unit: Unit, today: dt.date, print_: str) -> None:
    meta = wb.add_worksheet(FORM_META_SHEET)
    pairs = [("Khóa", "Giá trị"), ("loai", ASSESS_KIND), ("phien_ban", ASSESS_VERSION), ("don_vi", unit.code),
             ("ten_don_vi", unit.name), ("nam", str(plan.year)), ("co_quan", plan.agency.abbr),
             ("ngay_lap", today.isoformat()), ("dau", print_)]
    write_meta(meta, pairs)
