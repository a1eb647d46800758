"""Applying collect's changes to the workbook file (openpyxl, in memory).

openpyxl edits the workbook in place so every other sheet, style and validation is
kept: the changed TienDo rows are overwritten, appended or deleted, an Excel table
over TienDo follows its rows, and each form taken is logged in NhanPhieu (created on
first use). openpyxl drops the cached values of formulas, which readers need, so
they are put back afterwards wherever the formula cannot depend on what changed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pipeline import read
from pipeline.errors import Problem, Severity
from pipeline.forms.content import DATE_FORMAT, entry_cells
from pipeline.forms.decide import Changes, ReceiptRow, TaskChange
from pipeline.model import Plan
from pipeline.schema import ENTRY_KEYS, NHAN_PHIEU, TIEN_DO, SheetSpec
from pipeline.text import header_key

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

STAMP_FORMAT = "dd/mm/yyyy hh:mm"
_XML_ESCAPE_LIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def edited_bytes(data: Path, plan: Plan, changes: Changes) -> tuple[bytes, list[Problem]]:
    """The workbook with the changes applied (openpyxl, in memory), and notes for the clerk."""
    from openpyxl import load_workbook

    notes: list[Problem] = []
    formulas = read.formula_cells(data)
    book = load_workbook(data, keep_vba=data.suffix.lower() == ".xlsm", keep_links=True, rich_text=False)
    edited = {_append_receipts(book, changes.receipts)}
    if changes.tasks:
        ws = book[plan.layout.get("TienDo", ("TienDo", {}))[0]]
        edited.add(ws.title)
        header_row, cols = _header_map(ws, TIEN_DO)
        added = _ensure_columns(ws, header_row, cols, TIEN_DO, ("task", "unit", "period", *ENTRY_KEYS))
        if added:
            notes.append(Problem(f"Đã thêm cột {', '.join(added)} vào sheet {ws.title} để lưu số liệu của phiếu.",
                                 data.name, ws.title, "", Severity.WARNING))
        _replace_entries(ws, header_row, cols, changes.period, changes.tasks)
        _extend_tables(ws, header_row, cols)
    if formulas:
        book.calculation.fullCalcOnLoad = True  # Excel recomputes every formula when it opens the workbook
    out = io.BytesIO()
    book.save(out)
    payload, stale = _restore_formula_values(data, out.getvalue(), formulas, edited, read.defined_names(data))
    if stale:
        shown = ", ".join(stale[:10]) + (f" và {len(stale) - 10} ô khác" if len(stale) > 10 else "")
        notes.append(Problem(
            f"Công thức ở {shown} phụ thuộc số liệu vừa nhập nên chưa có giá trị mới: hãy mở sổ bằng Excel và "
            "lưu lại để Excel tính lại trước khi lập báo cáo.", data.name, "", "", Severity.WARNING))
    return payload, notes


# -- cells, headers and rows ----------------------------------------------------------


def _cell(ws: Worksheet, row: int, col: int) -> Cell:
    # A cell inside a merged range is a MergedCell, which cannot be written (openpyxl raises);
    # validate refuses merges in the tables' data, but not below their last row.
    return cast("Cell", ws.cell(row, col))


def _copy_style(src: Cell, dst: Cell) -> None:
    dst._style = copy(src._style)  # type: ignore[attr-defined]  # the whole style at once, as openpyxl does


def _put(cell: Cell, value: object) -> None:
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
        cell.value = value  # type: ignore[assignment]  # numbers; nothing else reaches here


def _header_map(ws: Worksheet, spec: SheetSpec) -> tuple[int, dict[str, int]]:
    """1-based header row and column key → 1-based column, matched as read.py matches them."""
    found = ws.iter_rows(min_row=1, max_row=read.HEADER_SEARCH_ROWS, values_only=True)
    rows: list[list[object]] = [list(r) for r in found]
    header0, cols = read.find_header(rows, spec)
    return header0 + 1, {k: c + 1 for k, c in cols.items()}


def _ensure_columns(ws: Worksheet, header_row: int, cols: dict[str, int], spec: SheetSpec,
                    keys: Iterable[str]) -> list[str]:
    """Add the contract's headers the sheet lacks, after its last column; return their headers."""
    added = []
    last = max([ws.max_column, *cols.values()]) if cols else ws.max_column
    while last > 1 and ws.cell(header_row, last).value in (None, ""):
        last -= 1
    style_from = _cell(ws, header_row, max(cols.values())) if cols else None
    for key in keys:
        if key in cols:
            continue
        last += 1
        cell = _cell(ws, header_row, last)
        _put(cell, spec.column(key).header)
        if style_from is not None and style_from.has_style:
            _copy_style(style_from, cell)
        cols[key] = last
        added.append(spec.column(key).header)
    return added


def _last_data_row(ws: Worksheet, header_row: int, cols: Iterable[int]) -> int:
    cols = list(cols)
    for r in range(ws.max_row, header_row, -1):
        if any(ws.cell(r, c).value not in (None, "") for c in cols):
            return r
    return header_row


def _copy_row_style(ws: Worksheet, src: int, dst: int, cols: Iterable[int]) -> None:
    if src < 1:
        return
    for c in cols:
        s = _cell(ws, src, c)
        if s.has_style:
            _copy_style(s, _cell(ws, dst, c))


def _find_sheet(wb: Workbook, spec: SheetSpec) -> Worksheet | None:
    keys = {header_key(n) for n in (spec.name, *spec.aliases)}
    return next((wb[n] for n in wb.sheetnames if header_key(n) in keys), None)


# -- TienDo and NhanPhieu -------------------------------------------------------------


def _replace_entries(ws: Worksheet, header_row: int, cols: dict[str, int], quy: int,
                     changes: Sequence[TaskChange]) -> None:
    """The changed tasks of each unit for the period: the first existing row is overwritten in
    place, a new entry is appended, rows left over are deleted (bottom up, after appending, so
    row numbers stay valid). Entries of tasks no form listed are left alone."""
    appended: list[TaskChange] = []
    doomed: list[int] = []
    for change in changes:
        rows, entry = change.rows, change.entry
        if entry is None:
            doomed += rows
        elif rows:
            for key, value in entry_cells(entry).items():
                _put(_cell(ws, rows[0], cols[key]), value)
            doomed += rows[1:]
        else:
            appended.append(change)
    last = _last_data_row(ws, header_row, cols.values())
    template = last if last > header_row else 0
    for change in appended:
        assert change.entry is not None  # only new entries are appended
        last += 1
        _copy_row_style(ws, template, last, cols.values())
        values = {"task": change.entry.task, "unit": change.unit, "period": quy, **entry_cells(change.entry)}
        for key, value in values.items():
            _put(_cell(ws, last, cols[key]), value)
    for row in sorted(doomed, reverse=True):
        ws.delete_rows(row)


def _extend_tables(ws: Worksheet, header_row: int, cols: dict[str, int]) -> None:
    """An Excel table (ListObject) over TienDo grows or shrinks with its rows."""
    from openpyxl.utils import get_column_letter, range_boundaries

    last = _last_data_row(ws, header_row, cols.values())
    for table in list(ws.tables.values()):
        min_col, min_row, max_col, _ = range_boundaries(table.ref)
        if min_row == header_row:
            assert min_col is not None and max_col is not None  # a table's ref is always a cell range
            table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max(last, min_row + 1)}"
            if table.autoFilter is not None:
                table.autoFilter.ref = table.ref


def _append_receipts(book: Workbook, receipts: Sequence[ReceiptRow]) -> str:
    """Log the forms taken in NhanPhieu (created on first use); return the sheet's name."""
    from openpyxl.styles import Font, PatternFill

    ws = _find_sheet(book, NHAN_PHIEU)
    if ws is None:
        ws = book.create_sheet(NHAN_PHIEU.name)
        for c, (col, width) in enumerate(zip(NHAN_PHIEU.columns, (12, 8, 14, 30, 18)), 1):
            cell = _cell(ws, 1, c)
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
            _put(_cell(ws, last, cols[key]), value)
    return ws.title


# -- formula values -------------------------------------------------------------------


def _depends_on(formula: str, sheets: set[str], names: set[str]) -> bool:
    """Whether a formula may read the sheets collect changed (directly, through a name, or INDIRECT)."""
    text = formula.casefold()
    if "indirect(" in text.replace(" ", ""):
        return True
    return any(s in text for s in sheets) or any(
        re.search(rf"(?<![\w.!]){re.escape(n)}(?![\w(])", text) for n in names)


def _restore_formula_values(data: Path, saved: bytes, formulas: dict[str, dict[str, read.FormulaCell]],
                            edited: set[str], names: dict[str, str]) -> tuple[bytes, list[str]]:
    """openpyxl saves formulas without their cached values, which readers (this one included)
    need. Put back the value each formula had, unless it may depend on what was just changed;
    return the new bytes and the cells left to Excel to recompute (sheet!ref)."""
    sheets = {s.casefold() for s in edited}
    tainted = {n.casefold() for n, ref in names.items() if any(s in ref.casefold() for s in sheets)}
    restore: dict[str, dict[str, read.FormulaCell]] = {}
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
        by_part = {part: name for name, part in read.sheet_parts(src, data).items()}
        for info in src.infolist():
            content_bytes = src.read(info.filename)
            part_sheet = by_part.get(info.filename)
            if part_sheet in restore:
                content_bytes = _fill_values(content_bytes, restore[part_sheet])
            dst.writestr(info, content_bytes)
    return out.getvalue(), stale


def _fill_values(xml: bytes, cells: dict[str, read.FormulaCell]) -> bytes:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    root = etree.fromstring(xml, parser)
    for c in root.iter("{*}c"):
        cell = cells.get(c.get("r") or "")
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
