"""Applying `collect --danh-gia`'s changes to the workbook, through `xlsx_edit`'s surgical edit.

Only the DiemDanhGia rows whose self-score changes and the NhanDanhGia log are rewritten:
a criterion the unit already has a row for is updated in place (its self-score, explanation
and evidence; the appraisal columns are left as the clerk typed them), a new one is appended
after the last row, styled like it. Either sheet is created, with its headers, on first use.
Formula cells that read the edited sheets lose their cached value, as for the status forms.
"""

from __future__ import annotations

from pathlib import Path

from pipeline import read
from pipeline.errors import Problem
from pipeline.forms.assess_decide import AssessChanges
from pipeline.forms.edit import apply_edits
from pipeline.schema import DIEM_DANH_GIA, NHAN_DANH_GIA, SheetSpec
from pipeline.xlsx_edit import SheetEdit


def _edit(table: read.Table | None, spec: SheetSpec) -> SheetEdit:
    if table is None:
        return SheetEdit(spec, None)
    return SheetEdit(spec, table.sheet, table.header_row, dict(table.columns))


def assessed_bytes(data: Path, changes: AssessChanges) -> tuple[bytes, list[Problem]]:
    """The workbook with the self-scores and the log applied (in memory), and notes for the clerk."""
    book = read.read_workbook(data, ("DiemDanhGia", "NhanDanhGia"))
    edits = []
    if changes.scores:
        scores = _edit(book.tables.get("DiemDanhGia"), DIEM_DANH_GIA)
        for change in changes.scores:
            values: dict[str, object] = {"score": change.new.score, "explanation": change.new.explanation,
                                         "evidence": change.new.evidence}
            if change.row is not None:
                scores.updates[change.row] = values
            else:
                scores.appends.append({"unit": change.unit, "criterion": change.criterion, **values})
        edits.append(scores)
    log = _edit(book.tables.get("NhanDanhGia"), NHAN_DANH_GIA)
    log.appends = [{"unit": r.unit, "date": r.date, "file": r.file, "imported_at": r.at} for r in changes.receipts]
    edits.append(log)
    return apply_edits(data, edits, "điểm tự chấm", "điểm", "đánh giá")
