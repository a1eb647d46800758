"""The plan's history kept in the clerk's workbook: an issued version appended to sheet
BanHanh (created on first use, protected so no stray keystroke changes it, readable by
anyone) and the row of a new amendment added to sheet SuaDoi for the clerk to number.

The edits go through `xlsx_edit` (only the appended rows are new; every other sheet,
row, drawing and rich text is copied as it was) and reach the disk through
`export.update_workbook`, after a byte-identical backup. The caller holds
`export.workbook_lock` from reading the workbook to writing it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline import read
from pipeline.export import update_workbook
from pipeline.formatting import short_date
from pipeline.model import IssuedVersion
from pipeline.schema import BAN_HANH, CHANGE_KIND_WORDS, SUA_DOI, TASK_STATE_WORDS, SheetSpec, roman
from pipeline.xlsx_edit import SheetEdit, apply

RECORD_WIDTHS: dict[str, float] = {
    "version": 6, "decision_no": 14, "date": 12, "id": 10, "section_no": 6, "stt": 6, "section": 26, "task": 50,
    "assignment": 32, "lead": 18, "support": 18, "deadline": 16, "product": 26, "state": 13, "change": 12,
    "reason": 32}
REGISTER_WIDTHS: dict[str, float] = {"number": 6, "decision_no": 16, "date": 16, "summary": 50, "grounds": 50,
                                     "note": 40}


def version_rows(version: IssuedVersion) -> list[dict[str, object]]:
    """One BanHanh row per task of `version`, as the clerk reads them."""
    out: list[dict[str, object]] = []
    for it in version.tasks:
        t = it.task
        out.append({
            "version": version.number, "decision_no": version.decision_no, "date": version.date, "id": t.id,
            "section_no": roman(it.section_no), "stt": it.stt, "section": t.section, "task": t.text,
            "assignment": t.assignment, "lead": "; ".join(t.lead), "support": "; ".join(t.support),
            "deadline": t.deadline, "product": t.product, "state": TASK_STATE_WORDS[it.state].label,
            "change": CHANGE_KIND_WORDS[it.change].label if it.change else "", "reason": it.reason,
        })
    return out


def _edit(table: read.Table | None, spec: SheetSpec, rows: list[dict[str, object]], widths: dict[str, float],
          protect: bool) -> SheetEdit:
    if table is None:  # created with the contract's headers
        return SheetEdit(spec, None, appends=rows, protect=protect, widths=widths)
    return SheetEdit(spec, table.sheet, table.header_row, dict(table.columns), appends=rows, protect=protect)


def record_edit(data: Path, version: IssuedVersion) -> SheetEdit:
    """Append `version` to BanHanh, which is (re)protected."""
    table = read.read_workbook(data, ("BanHanh",)).tables.get("BanHanh")
    return _edit(table, BAN_HANH, version_rows(version), RECORD_WIDTHS, protect=True)


def register_edit(data: Path, number: int, today: dt.date) -> SheetEdit:
    """Add the row of amendment `number` to SuaDoi, its số and date left for the clerk."""
    table = read.read_workbook(data, ("SuaDoi",)).tables.get("SuaDoi")
    note = (f"Dòng do chương trình thêm khi lập dự thảo ngày {short_date(today)}: sau khi ký, ghi Số và Ngày quyết "
            "định rồi chạy lại cchc amend để ghi nhận.")
    return _edit(table, SUA_DOI, [{"number": number, "note": note}], REGISTER_WIDTHS, protect=False)


def write(data: Path, edits: list[SheetEdit], stamp: dt.datetime | None = None) -> Path:
    """Apply `edits` to the workbook file; returns the backup made first."""
    payload = apply(data.read_bytes(), edits, data.name).payload
    return update_workbook(data, payload, stamp)
