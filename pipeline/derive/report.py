"""The decisions a periodic report makes beyond counting: which tasks are overdue or
come due next, which units have not reported, which targets are not met, which
amendments the opening cites, each unit's own and shared load, and which entries of
one unit contradict themselves.

The report's text (render/report) and its figures workbook (render/figures) both read
these, so they can never disagree about a list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.derive.rollup import Rollup, TaskStatus, UnitStats
from pipeline.derive.targets import NOT_MET, verdict
from pipeline.formatting import short_date
from pipeline.model import Amendment, DeadlineKind, PartialDate, Plan, Status, StatusEntry, Target, TaskClass
from pipeline.schema import STATUS_WORDS

# ---------------------------------------------------------------------------
# Part IV: what comes next. The next period starts the day after the cut-off; after the
# year's last period the outlook is the next year's.


@dataclass(frozen=True)
class Outlook:
    start: dt.date  # the day after the cut-off
    end: dt.date | None  # the next period's cut-off; None after the year's last period
    year_end: dt.date  # 31/12 of the plan's year
    due_next: list[TaskStatus]  # open, due by `end` (not yet overdue)
    due_rest: list[TaskStatus]  # open, due after `end` (after the last period: after the cut-off) by the year's end
    overdue: list[TaskStatus]  # quá hạn chưa hoàn thành
    later: list[TaskStatus]  # open, due in a later year (multi-year tasks)

    @property
    def annual(self) -> bool:
        return self.end is None


def _open(s: TaskStatus) -> bool:
    """Not done, not dropped, with a due date: a task the outlook must name."""
    return (not s.done and s.klass is not TaskClass.DROPPED and s.deadline.kind is DeadlineKind.DATE
            and s.deadline.due is not None)


def outlook(statuses: Iterable[TaskStatus], cutoff: dt.date, next_cutoff: dt.date | None, year: int) -> Outlook:
    """The lists of part IV, in plan order. `next_cutoff` is None after the year's last period."""
    sts = list(statuses)
    year_end = dt.date(year, 12, 31)
    overdue = [s for s in sts if s.klass is TaskClass.OVERDUE]
    pending = [s for s in sts if _open(s) and s.klass is not TaskClass.OVERDUE]

    def due(s: TaskStatus) -> dt.date:
        assert s.deadline.due is not None  # _open
        return s.deadline.due

    later = [s for s in pending if due(s) > year_end]
    if next_cutoff is None:
        return Outlook(cutoff + dt.timedelta(days=1), None, year_end, [],
                       [s for s in pending if due(s) <= year_end], overdue, later)
    return Outlook(cutoff + dt.timedelta(days=1), next_cutoff, year_end,
                   [s for s in pending if due(s) <= min(next_cutoff, year_end)],
                   [s for s in pending if next_cutoff < due(s) <= year_end], overdue, later)


def next_cutoff(plan: Plan, period: int) -> dt.date | None:
    """The next period's cut-off; None after the year's last period."""
    later = [n for n in plan.periods if n > period]
    return plan.periods[min(later)].cutoff_to if later else None


# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFacts:
    overdue: list[TaskStatus]  # quá hạn chưa hoàn thành, in plan order
    silent: list[UnitStats]  # units leading tasks that sent no entry for this period
    unmet: list[Target]  # targets whose result for the period misses the value
    outlook: Outlook
    amendments: list[Amendment]  # amendments of the plan in force at the cut-off, cited by the opening


def period_facts(plan: Plan, roll: Rollup, period: int) -> PeriodFacts:
    look = outlook(roll.statuses, roll.period.cutoff_to, next_cutoff(plan, period), plan.year)
    return PeriodFacts(
        overdue=look.overdue,
        silent=[u for u in roll.units if u.tasks and not u.reported],
        unmet=[t for t in plan.targets if verdict(t, period)[1] == NOT_MET],
        outlook=look,
        amendments=cited_amendments(plan.amendments, roll.period.cutoff_to),
    )


def missing_units(plan: Plan, period: int) -> list[str]:
    """Codes of units that lead at least one task and, for `period`, neither returned a
    form (NhanPhieu) nor have an entry typed in TienDo: whom a công văn đôn đốc urges."""
    reported = {e.unit for e in plan.entries if e.period == period}
    reported |= {r.unit for r in plan.receipts if r.period == period}
    leading = {code for t in plan.tasks for code in t.lead}
    return [u.code for u in plan.units if u.code in leading and u.code not in reported]


# ---------------------------------------------------------------------------
# The opening cites the amendments in force at the cut-off.


def _first_day(d: PartialDate) -> dt.date:
    return dt.date(d.year, d.month or 1, d.day or 1)


def cited_amendments(amendments: Iterable[Amendment], cutoff: dt.date) -> list[Amendment]:
    """Amendments with their số, dated on or before the cut-off (an undated one is cited:
    it has been issued, only its date is not typed yet), in order."""
    return [a for a in amendments
            if a.decision_no.strip() and (a.date is None or _first_day(a.date) <= cutoff)]


# ---------------------------------------------------------------------------
# Bảng 6: a unit's own tasks apart from the tasks it leads together with others.


@dataclass(frozen=True)
class UnitLoad:
    code: str
    own: int  # tasks it alone leads
    own_done: int
    own_overdue: int
    shared: int  # tasks it leads with other units ("Các phòng, đơn vị …")
    shared_done: int  # … whose own part it reports done
    shared_overdue: int  # … overdue while its own part is not done
    reported: bool

    @property
    def total(self) -> int:
        return self.own + self.shared


def unit_loads(roll: Rollup) -> list[UnitLoad]:
    """Each unit of the roll-up that leads a task, in DonVi order (one pass over the tasks)."""
    counts: dict[str, list[int]] = {}  # code → [own, own done, own overdue, shared, shared done, shared overdue]
    for s in roll.statuses:
        lead = s.task.lead
        overdue = s.klass is TaskClass.OVERDUE
        if len(lead) == 1:
            c = counts.setdefault(lead[0], [0] * 6)
            c[0] += 1
            c[1] += s.done
            c[2] += overdue
            continue
        for code in lead:
            e = s.latest.get(code)
            part_done = e is not None and e.status.done
            c = counts.setdefault(code, [0] * 6)
            c[3] += 1
            c[4] += part_done
            c[5] += overdue and not part_done
    out = []
    for u in roll.units:
        if u.code in counts:
            own, own_done, own_overdue, shared, shared_done, shared_overdue = counts[u.code]
            out.append(UnitLoad(u.code, own, own_done, own_overdue, shared, shared_done, shared_overdue, u.reported))
    return out


# ---------------------------------------------------------------------------
# An entry that contradicts itself: the report flags it, `validate` warns about it.


def contradictions(e: StatusEntry) -> list[tuple[str, str]]:
    """(column key of TienDo, message) for each way one unit's entry contradicts itself."""
    out = []  # checked for every entry of the year: the plain case costs three comparisons
    if e.status.done and e.percent is not None and e.percent < 100:
        out.append(("percent", f"Trạng thái đã hoàn thành nhưng tỷ lệ chỉ {e.percent:g}%."))
    if not e.status.done and e.done_on is not None:
        out.append(("done_on", f"Có ngày hoàn thành {short_date(e.done_on)} nhưng trạng thái là "
                               f"'{STATUS_WORDS[e.status].label}'."))
    if e.status is Status.NOT_STARTED and e.percent:
        out.append(("percent", f"Trạng thái '{STATUS_WORDS[e.status].label}' nhưng tỷ lệ đã {e.percent:g}%."))
    return out
