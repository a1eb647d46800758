"""Roll unit status entries up to one status per task, as of a period's data cut-off.

A report covers the year to date: for each (task, unit) the latest entry of that
period or an earlier one counts. A task is done when every lead (chủ trì) unit
reports it done; it is late when its completion date — or, without one, the cut-off
of the period that first reported it done — falls after its due date.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.derive.deadlines import Deadline, task_deadline
from pipeline.derive.numbering import Section
from pipeline.model import DeadlineKind, Period, Status, StatusEntry, Task, TaskClass


@dataclass(frozen=True)
class TaskStatus:
    task: Task
    deadline: Deadline
    klass: TaskClass
    completed_on: dt.date | None  # set for done tasks
    latest: dict[str, StatusEntry]  # unit code → latest entry up to the period (lead and support)

    @property
    def done(self) -> bool:
        return self.klass.done

    def lead_entries(self) -> list[StatusEntry]:
        return [self.latest[u] for u in self.task.lead if u in self.latest]


@dataclass(frozen=True)
class UnitStats:
    code: str
    tasks: int  # tasks it leads
    done: int
    overdue: int
    reported: bool  # sent at least one entry for this very period


@dataclass(frozen=True)
class Summary:
    """Counts for a group of tasks (a section, or the whole plan)."""

    total: int
    done: int
    overdue: int  # quá hạn chưa hoàn thành
    counts: Counter[TaskClass]


@dataclass
class Rollup:
    period: Period
    statuses: list[TaskStatus]
    units: list[UnitStats] = field(default_factory=list)

    def counts(self, statuses: Iterable[TaskStatus] | None = None) -> Counter[TaskClass]:
        return Counter(s.klass for s in (self.statuses if statuses is None else statuses))

    def summary(self, statuses: Iterable[TaskStatus] | None = None) -> Summary:
        sts = list(self.statuses if statuses is None else statuses)
        counts = self.counts(sts)
        return Summary(len(sts), sum(n for k, n in counts.items() if k.done), counts[TaskClass.OVERDUE], counts)

    def by_section(self, sections: list[Section]) -> list[tuple[Section, list[TaskStatus], Summary]]:
        """(section, its statuses in order, their summary) for numbered sections."""
        by_id = {s.task.id: s for s in self.statuses}
        out = []
        for sec in sections:
            sts = [by_id[n.task.id] for n in sec.tasks]
            out.append((sec, sts, self.summary(sts)))
        return out


def latest_entries(entries: Iterable[StatusEntry], period: int) -> dict[tuple[str, str], StatusEntry]:
    """Latest entry per (task, unit) among periods ≤ `period`; a later row wins a tie,
    as when a unit resends its form."""
    out: dict[tuple[str, str], StatusEntry] = {}
    for e in entries:
        if e.period > period:
            continue
        key = (e.task, e.unit)
        current = out.get(key)
        if current is None or (e.period, e.row) >= (current.period, current.row):
            out[key] = e
    return out


def first_done_period(entries: Iterable[StatusEntry], period: int) -> dict[tuple[str, str], int]:
    """For each (task, unit), the first period ≤ `period` in which it reported done."""
    out: dict[tuple[str, str], int] = {}
    for e in entries:
        if e.period <= period and e.status.done:
            key = (e.task, e.unit)
            out[key] = min(out.get(key, e.period), e.period)
    return out


def _completed_on(e: StatusEntry, first_done: dict[tuple[str, str], int], periods: dict[int, Period],
                  cutoff: dt.date) -> dt.date:
    if e.done_on:
        return e.done_on
    # Without a completion date, the cut-off of the period that first said "done".
    p = first_done.get((e.task, e.unit), e.period)
    return periods[p].cutoff_to if p in periods else cutoff


def classify(task: Task, deadline: Deadline, lead: list[StatusEntry], cutoff: dt.date,
             completed_on: dt.date | None) -> TaskClass:
    """The class of one task as of `cutoff`, from its lead units' latest entries."""
    reported = {e.unit for e in lead}
    all_leads_reported = bool(task.lead) and reported >= set(task.lead)
    statuses = [e.status for e in lead]
    dated = deadline.kind is DeadlineKind.DATE and deadline.due is not None
    if all_leads_reported and all(s.done for s in statuses):
        late = Status.DONE_LATE in statuses or (
            dated and completed_on is not None and deadline.due is not None and completed_on > deadline.due)
        return TaskClass.DONE_LATE if late else TaskClass.ON_TIME
    if all_leads_reported and Status.DROPPED in statuses and all(s.done or s is Status.DROPPED for s in statuses):
        return TaskClass.DROPPED
    overdue = dated and deadline.due is not None and deadline.due < cutoff
    if deadline.kind is DeadlineKind.CONDITIONAL:
        return TaskClass.CONDITIONAL
    if not lead:
        return TaskClass.OVERDUE if overdue else TaskClass.NO_REPORT
    if deadline.start is not None and deadline.start > cutoff:
        return TaskClass.NOT_DUE  # work starts in a later period ("Bắt đầu triển khai từ năm 2026")
    if deadline.kind is DeadlineKind.RECURRING:
        return TaskClass.RECURRING
    if overdue:
        return TaskClass.OVERDUE
    if any(s is Status.IN_PROGRESS or s.done for s in statuses):
        return TaskClass.IN_PROGRESS
    return TaskClass.NOT_DUE


def rollup(tasks: list[Task], entries: list[StatusEntry], periods: dict[int, Period], period: int,
           plan_year: int, unit_codes: Iterable[str] = ()) -> Rollup:
    current = periods[period]
    cutoff = current.cutoff_to
    latest = latest_entries(entries, period)
    first_done = first_done_period(entries, period)
    by_task: dict[str, dict[str, StatusEntry]] = {}
    for (task_id, unit), e in latest.items():
        by_task.setdefault(task_id, {})[unit] = e
    statuses: list[TaskStatus] = []
    for task in tasks:
        deadline = task_deadline(task.deadline, plan_year, task.text, task.deadline_type)
        units = by_task.get(task.id, {})
        lead = [units[u] for u in task.lead if u in units]
        completed = None
        if lead and all(e.status.done for e in lead):
            completed = max(_completed_on(e, first_done, periods, cutoff) for e in lead)
        klass = classify(task, deadline, lead, cutoff, completed)
        statuses.append(TaskStatus(task, deadline, klass, completed if klass.done else None, units))
    reported_units = {e.unit for e in entries if e.period == period}
    stats = []
    for code in unit_codes:
        mine = [s for s in statuses if code in s.task.lead]
        stats.append(UnitStats(code, len(mine), sum(s.done for s in mine),
                               sum(s.klass is TaskClass.OVERDUE for s in mine), code in reported_units))
    return Rollup(current, statuses, stats)
