"""The decisions a periodic report makes beyond counting: which tasks are overdue or
come due next, which units have not reported, which targets are not met.

The report's text (render/report) and its figures workbook (render/figures) both read
these, so they can never disagree about a list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.derive.rollup import Rollup, TaskStatus, UnitStats
from pipeline.derive.targets import NOT_MET, verdict
from pipeline.model import DeadlineKind, Plan, Target, TaskClass


@dataclass(frozen=True)
class PeriodFacts:
    overdue: list[TaskStatus]  # quá hạn chưa hoàn thành, in plan order
    silent: list[UnitStats]  # units leading tasks that sent no entry for this period
    unmet: list[Target]  # targets whose result for the period misses the value
    upcoming: list[TaskStatus]  # not done, due from the cut-off to the next period's
    next_cutoff: dt.date


def next_cutoff(plan: Plan, period: int) -> dt.date:
    """The next period's cut-off; after the last period, a quarter on."""
    if period + 1 in plan.periods:
        return plan.periods[period + 1].cutoff_to
    return plan.periods[period].cutoff_to + dt.timedelta(days=91)


def period_facts(plan: Plan, roll: Rollup, period: int) -> PeriodFacts:
    cutoff = roll.period.cutoff_to
    until = next_cutoff(plan, period)
    upcoming = [s for s in roll.statuses
                if not s.done and s.klass is not TaskClass.DROPPED and s.deadline.kind is DeadlineKind.DATE
                and s.deadline.due and cutoff <= s.deadline.due <= until]
    return PeriodFacts(
        overdue=[s for s in roll.statuses if s.klass is TaskClass.OVERDUE],
        silent=[u for u in roll.units if u.tasks and not u.reported],
        unmet=[t for t in plan.targets if verdict(t, period)[1] == NOT_MET],
        upcoming=upcoming,
        next_cutoff=until,
    )


def missing_units(plan: Plan, period: int) -> list[str]:
    """Codes of units that lead at least one task and, for `period`, neither returned a
    form (NhanPhieu) nor have an entry typed in TienDo: whom a công văn đôn đốc urges."""
    reported = {e.unit for e in plan.entries if e.period == period}
    reported |= {r.unit for r in plan.receipts if r.period == period}
    leading = {code for t in plan.tasks for code in t.lead}
    return [u.code for u in plan.units if u.code in leading and u.code not in reported]
