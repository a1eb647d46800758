"""The automatic criteria: each a share of what the workbook records, scaled to the
criterion's maximum and explained in words and figures, e.g.
"hoàn thành 9/14 nhiệm vụ chủ trì = 64,3% → 6,43/10 điểm".

    tỷ lệ hoàn thành     chủ trì tasks done / chủ trì tasks in scope
    tỷ lệ đúng hạn       chủ trì tasks done on time / chủ trì tasks in scope
    báo cáo đúng hạn     periods whose form arrived (NhanPhieu's Ngày báo cáo) by the unit
                         deadline (KyBaoCao) / periods whose deadline has passed; entries typed
                         in TienDo without a NhanPhieu row prove no date, so do not count
    tỷ lệ có minh chứng  done tasks whose entry names a document / done tasks in scope

A task is in scope when it is done, or when it is due by the year's cut-off (the last
period's Chốt số liệu đến) and neither waits on a condition nor was dropped with a reason;
a task due in a later year, or starting after the cut-off, is not. Each unit is judged on
its own latest entry up to the year's last period (another lead unit's lag is not its own).
With nothing in scope the criterion's Khi không phát sinh decides: its maximum (the
default) or 0. Points are rounded to the hundredth, half up. Pure functions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pipeline import formatting as fmt
from pipeline.derive.deadlines import Deadline, parse_deadline
from pipeline.derive.rollup import classify, first_done_period, latest_entries, rollup
from pipeline.model import EmptyScope, Plan, ScoreMethod, TaskClass

CENT = Decimal("0.01")


@dataclass(frozen=True)
class TaskFact:
    """One task as the evaluation sees it for one unit (or for the Sở: the task as a whole)."""

    task: str
    klass: TaskClass
    in_scope: bool
    evidence: bool = False  # done, and its entry names an evidence document


@dataclass(frozen=True)
class PeriodFact:
    number: int
    name: str  # "quý I" …
    due: dt.date  # the deadline
    sent: dt.date | None  # when the form (or the Sở's report) is dated; None: not received
    reported: bool = False  # TienDo holds the unit's entries for it (typed without a NhanPhieu row)


@dataclass(frozen=True)
class Facts:
    tasks: tuple[TaskFact, ...] = ()
    periods: tuple[PeriodFact, ...] = ()
    noun: str = "nhiệm vụ chủ trì"  # how an explanation names the tasks counted


@dataclass(frozen=True)
class Auto:
    points: Decimal
    part: int
    whole: int
    explanation: str


def scaled(part: int, whole: int, maximum: Decimal) -> Decimal:
    """maximum × part / whole, to the hundredth (half up)."""
    return (maximum * part / whole).quantize(CENT, ROUND_HALF_UP)


def share(verb: str, noun: str, part: int, whole: int, maximum: Decimal, empty: EmptyScope,
          details: str = "") -> Auto:
    """A share scaled to `maximum`, with its explanation; `empty` decides when `whole` is 0."""
    if whole == 0:
        points = maximum if empty is EmptyScope.FULL else Decimal(0)
        return Auto(points, 0, 0, f"không có {noun} thuộc phạm vi tiêu chí (không phát sinh) → "
                                  f"{fmt.points(points)}/{fmt.points(maximum)} điểm")
    points = scaled(part, whole, maximum)
    return Auto(points, part, whole, f"{verb} {part}/{whole} {noun} = {fmt.ratio_percent(part, whole)} → "
                                     f"{fmt.points(points)}/{fmt.points(maximum)} điểm{details}")


def done_share(facts: Facts, maximum: Decimal, empty: EmptyScope) -> Auto:
    scope = [t for t in facts.tasks if t.in_scope]
    return share("hoàn thành", facts.noun, sum(t.klass.done for t in scope), len(scope), maximum, empty)


def on_time_share(facts: Facts, maximum: Decimal, empty: EmptyScope) -> Auto:
    scope = [t for t in facts.tasks if t.in_scope]
    on_time = sum(t.klass is TaskClass.ON_TIME for t in scope)
    return share("hoàn thành đúng hạn", facts.noun, on_time, len(scope), maximum, empty)


def evidence_share(facts: Facts, maximum: Decimal, empty: EmptyScope) -> Auto:
    done = [t for t in facts.tasks if t.in_scope and t.klass.done]
    return share("có văn bản minh chứng", "nhiệm vụ đã hoàn thành", sum(t.evidence for t in done), len(done), maximum,
                 empty)


def reports_on_time(facts: Facts, maximum: Decimal, empty: EmptyScope) -> Auto:
    late = [p for p in facts.periods if p.sent is not None and p.sent > p.due]
    undated = [p for p in facts.periods if p.sent is None and p.reported]
    missing = [p for p in facts.periods if p.sent is None and not p.reported]
    details = ""
    if late:
        details += "; gửi chậm: " + ", ".join(f"{p.name} (ngày {fmt.short_date(p.sent)}, hạn "
                                              f"{fmt.short_date(p.due)})" for p in late if p.sent)
    if undated:
        details += ("; có số liệu trong TienDo nhưng không có ngày nhận phiếu (sheet NhanPhieu): "
                    + ", ".join(p.name for p in undated))
    if missing:
        details += "; chưa gửi: " + ", ".join(f"{p.name} (hạn {fmt.short_date(p.due)})" for p in missing)
    on_time = len(facts.periods) - len(late) - len(undated) - len(missing)
    return share("gửi đúng hạn", "kỳ báo cáo", on_time, len(facts.periods), maximum, empty, details)


AUTOMATIC: dict[ScoreMethod, Callable[[Facts, Decimal, EmptyScope], Auto]] = {
    ScoreMethod.DONE_SHARE: done_share,
    ScoreMethod.ON_TIME_SHARE: on_time_share,
    ScoreMethod.REPORTS_ON_TIME: reports_on_time,
    ScoreMethod.EVIDENCE_SHARE: evidence_share,
}


def automatic(method: ScoreMethod, facts: Facts, maximum: Decimal, empty: EmptyScope) -> Auto:
    return AUTOMATIC[method](facts, maximum, empty)


# -- the facts, from the plan ---------------------------------------------------------------


def year_period(plan: Plan) -> int:
    """The period whose cut-off closes the year (the last one: năm)."""
    return max(plan.periods)


def in_scope(klass: TaskClass, deadline: Deadline, cutoff: dt.date) -> bool:
    if klass.done:
        return True
    if klass in (TaskClass.DROPPED, TaskClass.CONDITIONAL):
        return False
    later = (deadline.due is not None and deadline.due > cutoff) or (
        deadline.start is not None and deadline.start > cutoff)
    return not later


def unit_facts(plan: Plan, code: str, as_of: dt.date) -> Facts:
    """The tasks `code` leads, each judged on the unit's own latest entry up to the year's
    last period, and the periods due by `as_of` if the unit has any task to report on."""
    period = year_period(plan)
    cutoff = plan.periods[period].cutoff_to
    mine = [e for e in plan.entries if e.unit == code]
    latest = latest_entries(mine, period)
    first = first_done_period(mine, period)
    tasks: list[TaskFact] = []
    for task in plan.tasks:
        if code not in task.lead:
            continue
        deadline = parse_deadline(task.deadline, plan.year)
        entry = latest.get((task.id, code))
        completed = None
        if entry is not None and entry.status.done:
            first_period = first.get((task.id, code), entry.period)
            completed = entry.done_on or (plan.periods[first_period].cutoff_to if first_period in plan.periods
                                          else cutoff)
        klass = classify(dataclasses.replace(task, lead=(code,)), deadline, [entry] if entry else [], cutoff,
                         completed)
        evidence = klass.done and entry is not None and bool(entry.evidence.strip())
        tasks.append(TaskFact(task.id, klass, in_scope(klass, deadline, cutoff), evidence))
    reports = any(code in t.lead or code in t.support for t in plan.tasks)
    periods: list[PeriodFact] = []
    for p in sorted(plan.periods.values(), key=lambda p: p.number) if reports else ():
        if p.unit_due is None or p.unit_due > as_of:
            continue
        sent = [r.report_date for r in plan.receipts if r.unit == code and r.period == p.number]
        typed = any(e.period == p.number for e in mine)
        periods.append(PeriodFact(p.number, p.name, p.unit_due, min(sent) if sent else None, typed))
    return Facts(tuple(tasks), tuple(periods))


def agency_facts(plan: Plan, as_of: dt.date) -> Facts:
    """The Sở as a whole: every task of the plan as the report rolls it up at the year's
    cut-off, and each period's report to Sở Nội vụ (KyBaoCao's Ngày báo cáo against its
    Hạn gửi Sở Nội vụ) due by `as_of`."""
    period = year_period(plan)
    roll = rollup(plan.tasks, plan.entries, plan.periods, period, plan.year)
    cutoff = plan.periods[period].cutoff_to
    tasks = tuple(TaskFact(s.task.id, s.klass, in_scope(s.klass, s.deadline, cutoff),
                           s.done and any(e.evidence.strip() for e in s.lead_entries())) for s in roll.statuses)
    periods = []
    for p in sorted(plan.periods.values(), key=lambda p: p.number):
        if p.due is not None and p.due <= as_of:
            sent = p.report_date.as_date() if p.report_date else None
            periods.append(PeriodFact(p.number, p.name, p.due, sent))
    return Facts(tasks, tuple(periods), "nhiệm vụ của Kế hoạch")
