"""Per-unit forms: `cchc forms` writes one .xlsx per unit to fill in; `cchc collect`
reads the returned forms and merges them into the workbook's TienDo sheet.

Collecting is all-or-nothing per form and idempotent per workbook: a form with any
invalid cell is refused whole (every problem listed), the report date on the form
decides between two forms of one unit and period, and nothing is written when nothing
changes. Before a change the workbook is copied to backup/ and then replaced
atomically, together with the journal `cchc collect --undo` restores from.

The package is one module per job, data flowing one way (each imports only those
before it):

    content  what a row says (content tuples, fingerprint, file names, shared formatting)
    layout   how the forms print (font, row heights for wrapped text)
    write    the form files (help, data and hidden `_cchc` sheets)
    check    a form's entries checked and worded per unit and task (derive.collect_rules)
    read     one returned form read and checked → ReturnedForm
    decide   per unit, what the forms change → Decision (Received, Changes)
    edit     Changes applied to the workbook file (xlsx_edit, formula values kept)
    journal  the collects that wrote the workbook, and undoing the last one

This module ties them together for the two commands. The self-assessment forms of the
year-end evaluation (`--danh-gia`) follow the same path in modules of their own:

    assess_content  the criteria a unit's form shows, its rows' content and fingerprint
    assess_write    the form files
    assess_read     one returned form read and checked → ReturnedAssessment
    assess_decide   per unit, what the forms change in DiemDanhGia
    assess_edit     those changes applied to the workbook (xlsx_edit)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.errors import CchcError, Problem
from pipeline.forms.assess_decide import AssessCollectResult, decide_assessments
from pipeline.forms.assess_edit import assessed_bytes
from pipeline.forms.assess_read import ReturnedAssessment, read_assessment
from pipeline.forms.assess_write import write_assessment_forms
from pipeline.forms.content import period_phrase
from pipeline.forms.decide import REFUSED, CollectResult, Received, decide, expand_paths
from pipeline.forms.edit import edited_bytes
from pipeline.forms.journal import ASSESSMENT, STATUS, TakenForm, Undo, last_collect, restore, write_recorded
from pipeline.forms.read import ReturnedForm, read_form
from pipeline.forms.write import write_forms
from pipeline.model import Plan

__all__ = ["CollectResult", "Received", "ReturnedForm", "Undo", "collect", "collect_assessments", "last_collect",
           "read_form", "restore", "write_assessment_forms", "write_forms"]


def collect(plan: Plan, data: Path, quy: int, paths: Iterable[Path], now: dt.datetime | None = None,
            warnings: Sequence[Problem] = (), forms_folder: Path | None = None) -> CollectResult:
    """Merge returned forms into `data` (already validated into `plan`). `forms_folder`: where
    `cchc forms` writes this period's forms, named when a form of another period comes back."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    data = Path(data)
    files, refused, notes = expand_paths(paths, data)
    result = CollectResult(data, quy, period_phrase(plan, quy), list(refused), warnings=[*warnings, *notes])
    good: list[ReturnedForm] = []
    for path in files:
        try:
            good.append(read_form(path, plan, quy, forms_folder))
        except CchcError as exc:
            result.forms.append(Received(path, REFUSED, exc.message, problems=exc.problems))
    decision = decide(plan, quy, good, now)
    result.forms += decision.received
    result.warnings += decision.warnings
    if decision.changes.receipts:
        payload, edit_notes = edited_bytes(data, decision.changes)
        result.warnings += edit_notes
        taken = [TakenForm(r.file, r.unit, r.report_date.isoformat()) for r in decision.changes.receipts]
        result.backup = write_recorded(data, payload, now, STATUS, quy, result.period_phrase, taken)
        result.written = True
    return result


def collect_assessments(plan: Plan, data: Path, paths: Iterable[Path], now: dt.datetime | None = None,
                        warnings: Sequence[Problem] = ()) -> AssessCollectResult:
    """Merge returned self-assessment forms into `data`'s DiemDanhGia (and the NhanDanhGia log)."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    data = Path(data)
    files, refused, notes = expand_paths(paths, data)
    result = AssessCollectResult(data, plan.year, "", list(refused), warnings=[*warnings, *notes])
    good: list[ReturnedAssessment] = []
    for path in files:
        try:
            good.append(read_assessment(path, plan))
        except CchcError as exc:
            result.forms.append(Received(path, REFUSED, exc.message, problems=exc.problems))
    decision = decide_assessments(plan, good, now, data.name)
    result.forms += decision.received
    result.warnings += decision.warnings
    if decision.changes.receipts:
        payload, edit_notes = assessed_bytes(data, decision.changes)
        result.warnings += edit_notes
        taken = [TakenForm(r.file, r.unit, r.date.isoformat()) for r in decision.changes.receipts]
        result.backup = write_recorded(data, payload, now, ASSESSMENT, 0, f"năm {plan.year}", taken)
        result.written = True
    return result
