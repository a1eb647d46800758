"""Applying collect's changes to the workbook file, through `xlsx_edit`'s surgical edit.

Only the TienDo rows that change, the NhanPhieu log and (for the forms' figures sheets)
the SoLieuDonVi rows that change are rewritten; every other sheet,
drawing, comment and rich text of the workbook is kept as it was. A unit's entry that a
newer form replaces is overwritten in its first row; rows left over are emptied (kept in
place, so no reference below them shifts); a new entry is appended after the last row,
styled like it. NhanPhieu (and SoLieuDonVi) is created on the first form (figure) taken.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pipeline import read
from pipeline.errors import Problem, Severity
from pipeline.forms.content import entry_cells
from pipeline.forms.decide import Changes, FigureChange, ReceiptRow, TaskChange
from pipeline.schema import ENTRY_KEYS, NHAN_PHIEU, SO_LIEU_DON_VI, TIEN_DO
from pipeline.xlsx_edit import EXCEL_TEXT_LIMIT, SheetEdit, apply

_ENTRY_COLUMNS = ("task", "unit", "period", *ENTRY_KEYS)


def edited_bytes(data: Path, changes: Changes) -> tuple[bytes, list[Problem]]:
    """The workbook with the changes applied (in memory), and notes for the clerk."""
    book = read.read_workbook(data, ("TienDo", "NhanPhieu", "SoLieuDonVi"))
    edits: list[SheetEdit] = []
    if changes.tasks:
        edits.append(_entries_edit(book.tables["TienDo"], changes.period, changes.tasks))
    if changes.receipts:
        edits.append(_receipts_edit(book.tables.get("NhanPhieu"), changes.receipts))
    if changes.figures:
        edits.append(_figures_edit(book.tables.get("SoLieuDonVi"), changes.period, changes.figures))
    return apply_edits(data, edits, "số liệu của phiếu", "số liệu", "lập báo cáo")


def apply_edits(data: Path, edits: list[SheetEdit], kept: str, what: str, before: str) -> tuple[bytes, list[Problem]]:
    """`edits` applied to the workbook's bytes, with the cached values of the formulas that read
    an edited sheet dropped (Excel recomputes them); and notes for the clerk: columns added to
    keep `kept`, text cut at Excel's limit, formulas that depend on the `what` just written and
    need Excel's recomputation before `before`."""
    stale = _stale_formulas(data, {e.sheet or (e.spec.name if e.spec else "") for e in edits})
    by_sheet: dict[str, set[str]] = {}
    for where in stale:
        sheet, ref = where.rsplit("!", 1)
        by_sheet.setdefault(sheet, set()).add(ref)
    for edit in edits:
        edit.uncache = by_sheet.pop(edit.sheet or "", set())
    edits = [*edits, *(SheetEdit(None, sheet, uncache=refs) for sheet, refs in by_sheet.items())]
    done = apply(data.read_bytes(), edits, data.name)
    notes = [Problem(f"Đã thêm cột {', '.join(headers)} vào sheet {sheet} để lưu {kept}.",
                     data.name, sheet, "", Severity.WARNING) for sheet, headers in done.added_columns.items()]
    if done.truncated:
        notes.append(Problem(f"Nội dung dài quá {EXCEL_TEXT_LIMIT:,} ký tự (giới hạn một ô của Excel) bị cắt bớt ở "
                             f"ô {', '.join(done.truncated[:10])}.", data.name, "", "", Severity.WARNING))
    if stale:
        shown = ", ".join(stale[:10]) + (f" và {len(stale) - 10} ô khác" if len(stale) > 10 else "")
        notes.append(Problem(
            f"Công thức ở {shown} phụ thuộc {what} vừa nhập nên chưa có giá trị mới: hãy mở sổ bằng Excel và "
            f"lưu lại để Excel tính lại trước khi {before}.", data.name, "", "", Severity.WARNING))
    return done.payload, notes


def _entries_edit(table: read.Table, quy: int, changes: Sequence[TaskChange]) -> SheetEdit:
    """Each changed task of a unit: its first row overwritten, leftover rows emptied, a new one appended."""
    edit = SheetEdit(TIEN_DO, table.sheet, table.header_row, dict(table.columns))
    empty: dict[str, object] = dict.fromkeys(_ENTRY_COLUMNS)
    for change in changes:
        rows, entry = change.rows, change.entry
        if entry is None:
            edit.updates.update({r: dict(empty) for r in rows})
        elif rows:
            edit.updates[rows[0]] = dict(entry_cells(entry))
            edit.updates.update({r: dict(empty) for r in rows[1:]})
        else:
            edit.appends.append({"task": entry.task, "unit": change.unit, "period": quy, **entry_cells(entry)})
    return edit


def _receipts_edit(table: read.Table | None, receipts: Sequence[ReceiptRow]) -> SheetEdit:
    """The forms taken, appended to NhanPhieu (created with its headers on first use)."""
    rows: list[dict[str, object]] = [
        {"unit": r.unit, "period": r.period, "date": r.report_date, "file": r.file, "imported_at": r.at}
        for r in receipts]
    if table is None:
        return SheetEdit(NHAN_PHIEU, None, appends=rows)
    return SheetEdit(NHAN_PHIEU, table.sheet, table.header_row, dict(table.columns), appends=rows)


def _figures_edit(table: read.Table | None, quy: int, changes: Sequence[FigureChange]) -> SheetEdit:
    """Each changed figure of a unit: its first row overwritten, leftover rows emptied, a new one
    appended (SoLieuDonVi created with its headers on the first figure)."""
    if table is None:
        edit = SheetEdit(SO_LIEU_DON_VI, None)
    else:
        edit = SheetEdit(SO_LIEU_DON_VI, table.sheet, table.header_row, dict(table.columns))
    empty: dict[str, object] = dict.fromkeys(("indicator", "unit", "period", "value", "note"))
    for change in changes:
        rows, figure = change.rows, change.figure
        if figure is None:
            edit.updates.update({r: dict(empty) for r in rows})
        elif rows:
            edit.updates[rows[0]] = {"value": figure.value, "note": figure.note}
            edit.updates.update({r: dict(empty) for r in rows[1:]})
        else:
            edit.appends.append({"indicator": change.indicator, "unit": change.unit, "period": quy,
                                 "value": figure.value, "note": figure.note})
    return edit


def _depends_on(formula: str, sheets: set[str], names: set[str]) -> bool:
    """Whether a formula may read the sheets collect changed (directly, through a name, or INDIRECT)."""
    text = formula.casefold()
    if "indirect(" in text.replace(" ", ""):
        return True
    return any(s in text for s in sheets) or any(
        re.search(rf"(?<![\w.!]){re.escape(n)}(?![\w(])", text) for n in names)


def _stale_formulas(data: Path, edited: set[str]) -> list[str]:
    """Formula cells (sheet!ref) whose cached value may no longer hold once `edited` changes;
    Excel recomputes them on opening (xlsx_edit sets that), readers until then see the old value."""
    formulas = read.formula_cells(data)
    if not formulas:
        return []
    sheets = {s.casefold() for s in edited}
    names = read.defined_names(data)
    tainted = {n.casefold() for n, ref in names.items() if any(s in ref.casefold() for s in sheets)}
    return [f"{sheet}!{ref}" for sheet, cells in formulas.items() for ref, cell in cells.items()
            if cell.cached is not None and (sheet in edited or _depends_on(cell.formula, sheets, tainted))]

