"""Templates and other agencies' documents: the contexts `lint --template` checks
against, the Nghị định 30 linter, and importing an old plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.api.core import (
    DEFAULT_DATA,
    Result,
    load,
)
from pipeline.errors import CchcError, Problem, Severity
from pipeline.schema import (
    EVALUATE_SHEETS,
    REPORT_SHEETS,
)

if TYPE_CHECKING:
    from pipeline.importer import ImportResult

# -- other agencies' documents ----------------------------------------------------------------


def template_contexts(data: Path = DEFAULT_DATA) -> dict[str, dict[str, object]]:
    """Example contexts, by template file name, built from a workbook: what each bundled
    template may use. `cchc lint --template` checks a template's variables against them."""
    from pipeline.derive.rollup import rollup
    from pipeline.render import plan as plan_context
    from pipeline.render import report
    from pipeline.render.amend import sample_context

    plan = load(data, REPORT_SHEETS).plan
    period = min(plan.periods)
    roll = rollup(plan.tasks, plan.entries, plan.periods, period, plan.year, [u.code for u in plan.units])
    from pipeline.render import remind, unit_plan

    contexts: dict[str, dict[str, object]] = {
        "qd_kehoach.docx": plan_context.plan_context(plan),
        "baocao_quy.docx": report.report_context(plan, roll, period, lambda labels, values: b""),
        **({"kehoach_donvi.docx": unit_plan.unit_plan_context(plan, plan.units[-1])} if plan.units else {}),
        "qd_suadoi.docx": sample_context(plan),
        "congvan_dondoc.docx": remind.remind_context(plan, period, [u.code for u in plan.units],
                                                     dt.date(plan.year, 12, 31)),
    }
    contexts.update(_evaluation_contexts(data))
    return contexts


def _evaluation_contexts(data: Path) -> dict[str, dict[str, object]]:
    """The year-end evaluation's templates (issue 13), when the workbook has their criteria."""
    from pipeline.derive.evaluation import evaluate as score_units
    from pipeline.derive.evaluation import evaluate_agency
    from pipeline.render import evaluation, self_assessment

    plan = load(data, EVALUATE_SHEETS).plan
    today = dt.date(plan.year, 12, 31)
    out: dict[str, dict[str, object]] = {}
    if plan.evaluation.criteria:
        ev = score_units(plan, today)
        out["baocao_danhgia.docx"] = evaluation.report_context(plan, ev)
        out["qd_xeploai.docx"] = evaluation.decision_context(plan, ev)
    if plan.evaluation.own_criteria:
        out["baocao_tudanhgia.docx"] = self_assessment.context(plan, evaluate_agency(plan, today))
    return out


def lint(paths: list[Path], template_mode: bool = False, data: Path = DEFAULT_DATA) -> Result[None]:
    """Nghị định 30 problems of documents, or unknown variables of templates."""
    from pipeline.lint import lint_docx, lint_template

    found: list[Problem] = []
    unreadable: list[Problem] = []
    if not template_mode:
        for path in paths:
            try:
                found += lint_docx(Path(path))
            except CchcError as exc:  # a missing or unreadable file: say so, and check the others
                if len(paths) == 1:
                    raise
                unreadable.append(Problem(exc.message, Path(path).name))
    else:
        contexts = template_contexts(data)
        for path in paths:
            provided = contexts.get(Path(path).name)
            if provided is None:  # a renamed copy: accept what either template may use
                provided = {k: v for ctx in contexts.values() for k, v in ctx.items()}
            found += lint_template(Path(path), provided)
    errors = [p for p in found if p.severity is Severity.ERROR]
    warnings = [p for p in found if p.severity is Severity.WARNING]
    if errors or unreadable:
        what = "biến không có dữ liệu" if template_mode else "lỗi thể thức"
        message = f"Mẫu có {len(errors)} {what}." if template_mode else f"Có {len(errors)} {what}."
        if unreadable:
            message = (f"Không đọc được {len(unreadable)}/{len(paths)} tệp (xem ở trên); "
                       + (f"các tệp còn lại có {len(errors)} {what}." if errors else
                          "các tệp còn lại không có lỗi thể thức."))
        return Result(problems=unreadable + errors, warnings=warnings, messages=[message], exit_code=1)
    ok = "Mẫu dùng đúng các biến chương trình cung cấp." if template_mode else "Không thấy lỗi thể thức."
    return Result(warnings=warnings, messages=[ok])


def import_plan(source: Path, output: Path | None = None, *, year: int | None = None,
                force: bool = False) -> Result[ImportResult]:
    """A workbook in the project's format from another plan's .docx."""
    from pipeline.importer import import_docx

    done = import_docx(source, output, year=year, force=force)
    errors = [p for p in done.problems if p.severity is Severity.ERROR]
    warnings = [p for p in done.problems if p.severity is Severity.WARNING]
    return Result(written=[done.path], warnings=warnings, messages=[done.summary], problems=errors,
                  exit_code=0 if done.complete else 1, detail=done)
