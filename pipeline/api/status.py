"""Where the period stands (`cchc status`): the units' forms, their overdue tasks, what is
still awaited, the next deadlines and what to do next, on one screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.api.core import DEFAULT_DATA, OUTPUT_ROOT, Result, load, require_period
from pipeline.model import Plan
from pipeline.schema import WORKBOOK_SHEETS

if TYPE_CHECKING:
    from pipeline.derive.status import PeriodStatus


def forms_folder(plan: Plan, quy: int) -> Path:
    """Where `cchc forms` writes a period's blank forms by default."""
    return OUTPUT_ROOT / str(plan.year) / "phieu" / f"Q{quy}"


def blank_forms(plan: Plan, quy: int) -> set[str]:
    """The units whose blank form for `quy` is in the default forms folder: optional
    information (a form written elsewhere with -o is not seen), never what decides lateness."""
    from pipeline.forms.write import form_filename

    folder = forms_folder(plan, quy)
    if not folder.is_dir():
        return set()
    present = {p.name.lower() for p in folder.iterdir() if p.is_file()}
    return {u.code for u in plan.units if form_filename(u).lower() in present}


def invocation(data: Path) -> str:
    """How the clerk runs the tool on this workbook: 'cchc', or 'cchc --data …' for another one."""
    if Path(data) == DEFAULT_DATA:
        return "cchc"
    shown = f'"{data}"' if " " in str(data) else str(data)
    return f"cchc --data {shown}"


def status(data: Path = DEFAULT_DATA, quy: int | None = None, today: dt.date | None = None) -> Result[PeriodStatus]:
    """One view of period `quy` (default: the period `today` falls in, or the next one due)."""
    from pipeline.derive.status import default_period, period_status
    from pipeline.render.status import status_lines

    loaded = load(data, WORKBOOK_SHEETS)
    plan = loaded.plan
    today = today or dt.date.today()
    period = quy if quy is not None else default_period(plan, today)
    require_period(plan, period)
    view = period_status(plan, period, today, blank_forms(plan, period))
    lines = status_lines(plan, view, invocation(data), str(forms_folder(plan, period)))
    return Result(warnings=loaded.warnings, messages=lines, detail=view)
