"""The plan as issued and amended: what changed since the last issued version, the
version an amendment makes, and the plan in force on a given day. Pure functions.

A task is known by its Mã. Where the issued documents name a task ("nhiệm vụ số 3,
mục II") is fixed the first time it is issued and never renumbered: a task an amendment
adds takes the next number in the mục of its lĩnh vực (a new lĩnh vực, the next mục), and
a dropped task keeps its number, so no later amendment can give it to another task.

    compare(base, tasks, marked)      → Changes: added, changed (which fields), dropped
    first_version(tasks, số, ngày)    → the version the Quyết định ban hành issues (lần 0)
    next_version(changes, lần, số, ngày) → the version an amendment issues
    version_at(versions, day)         → the version in force on `day`
    in_force(plan, day) / plan_at     → the tasks in force on `day`, those dropped before it
    plan_issue_state(plan)            → what `cchc plan` must do about the record
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from pipeline.derive.numbering import number_sections
from pipeline.model import ChangeKind, IssuedTask, IssuedVersion, Plan, Task, TaskState
from pipeline.text import match_key

# Task attributes an amendment may change, in the order the Phụ lục lists them.
FIELDS = ("section", "text", "assignment", "lead", "support", "deadline", "product")


def _same(key: str, a: Task, b: Task) -> bool:
    x, y = getattr(a, key), getattr(b, key)
    if key in ("lead", "support"):
        return set(x) == set(y)
    return " ".join(x.split()) == " ".join(y.split())  # a doubled space is not a change


def changed_fields(before: Task, after: Task) -> tuple[str, ...]:
    return tuple(k for k in FIELDS if not _same(k, before, after))


@dataclass(frozen=True)
class TaskChange:
    """One task an amendment adds, changes or drops, named by its place in the issued plan."""

    kind: ChangeKind
    section_no: int
    stt: int
    before: Task | None  # as last issued (None for a task never issued)
    after: Task | None  # as NhiemVu has it now (None when its row was deleted)
    fields: tuple[str, ...] = ()  # the attributes that changed (CHANGED)
    reason: str = ""
    deleted: bool = False  # dropped because its row is gone from NhiemVu, not marked Bãi bỏ
    replaces: str = ""  # a changed Mã: the addition names the Mã it replaces …
    replaced_by: str = ""  # … and the drop the Mã that replaces it

    @property
    def id(self) -> str:
        task = self.after or self.before
        assert task is not None
        return task.id


@dataclass
class Changes:
    base: IssuedVersion
    added: list[TaskChange] = field(default_factory=list)
    changed: list[TaskChange] = field(default_factory=list)
    dropped: list[TaskChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.dropped)

    @property
    def all(self) -> list[TaskChange]:
        return [*self.added, *self.changed, *self.dropped]

    @property
    def rekeyed(self) -> list[tuple[str, str]]:
        """(old Mã, new Mã) of each task whose Mã was changed: a drop and an addition."""
        return [(c.id, c.replaced_by) for c in self.dropped if c.replaced_by]


def section_titles(tasks: tuple[IssuedTask, ...] | list[IssuedTask]) -> dict[int, str]:
    """Each mục's lĩnh vực: the one most of its tasks carry (the first of them on a tie)."""
    counts: dict[int, Counter[str]] = {}
    first: dict[int, dict[str, str]] = {}
    for it in tasks:
        key = match_key(it.task.section)
        counts.setdefault(it.section_no, Counter())[key] += 1
        first.setdefault(it.section_no, {}).setdefault(key, it.task.section)
    return {n: first[n][c.most_common(1)[0][0]] for n, c in sorted(counts.items())}


def positions(base: tuple[IssuedTask, ...] | list[IssuedTask], new: list[Task]) -> list[tuple[int, int]]:
    """(mục, STT) for tasks the issued plan does not have, in their NhiemVu order: the next
    number in the mục of their lĩnh vực, or a new mục after the last one."""
    by_title = {match_key(title): n for n, title in section_titles(base).items()}
    last_stt: dict[int, int] = {}
    for it in base:
        last_stt[it.section_no] = max(last_stt.get(it.section_no, 0), it.stt)
    last_section = max([0, *last_stt])
    out = []
    for task in new:
        key = match_key(task.section)
        if key not in by_title:
            last_section += 1
            by_title[key] = last_section
        n = by_title[key]
        last_stt[n] = last_stt.get(n, 0) + 1
        out.append((n, last_stt[n]))
    return out


def compare(base: IssuedVersion, tasks: list[Task], marked: list[Task]) -> Changes:
    """What NhiemVu (`tasks` in force, `marked` Bãi bỏ) changes against the issued `base`."""
    current = {match_key(t.id): t for t in tasks}
    dropped_rows = {match_key(t.id): t for t in marked}
    out = Changes(base)
    known: set[str] = set()
    for it in base.tasks:
        key = match_key(it.task.id)
        known.add(key)
        now = current.get(key)
        if it.state is TaskState.DROPPED:
            if now is not None:  # a dropped task restored: added again, under its old number
                out.added.append(TaskChange(ChangeKind.ADDED, it.section_no, it.stt, it.task, now, (), now.reason))
            continue
        if now is not None:
            diff = changed_fields(it.task, now)
            if diff:
                out.changed.append(TaskChange(ChangeKind.CHANGED, it.section_no, it.stt, it.task, now, diff,
                                              now.reason))
        elif key in dropped_rows:
            row = dropped_rows[key]
            out.dropped.append(TaskChange(ChangeKind.DROPPED, it.section_no, it.stt, it.task, row, (), row.reason))
        else:
            out.dropped.append(TaskChange(ChangeKind.DROPPED, it.section_no, it.stt, it.task, None, deleted=True))
    new = [t for t in tasks if match_key(t.id) not in known]
    for task, (n, stt) in zip(new, positions(base.tasks, new)):
        out.added.append(TaskChange(ChangeKind.ADDED, n, stt, None, task, (), task.reason))
    _pair_rekeyed(out)
    return out


def _pair_rekeyed(changes: Changes) -> None:
    """A deleted task and a new one with the same text: the Mã was changed. It stays a drop
    and an addition (the Mã is the task's identity), each naming the other."""
    new = {match_key(c.after.text): i for i, c in enumerate(changes.added) if c.before is None and c.after}
    for i, drop in enumerate(changes.dropped):
        if not drop.deleted or drop.before is None:
            continue
        j = new.pop(match_key(drop.before.text), None)
        if j is None:
            continue
        add = changes.added[j]
        changes.added[j] = dataclasses.replace(add, replaces=drop.id)
        changes.dropped[i] = dataclasses.replace(drop, replaced_by=add.id, reason=drop.reason or add.reason)


def first_version(tasks: list[Task], decision_no: str, date: dt.date) -> IssuedVersion:
    """Version 0: the tasks as the Quyết định ban hành prints them, numbered as its Phụ lục."""
    items = [IssuedTask(n.task, sec.number, n.stt) for sec in number_sections(tasks) for n in sec.tasks]
    return IssuedVersion(0, decision_no, date, tuple(items))


def next_version(changes: Changes, number: int, decision_no: str, date: dt.date) -> IssuedVersion:
    """The version amendment `number` issues: every task of the base, changed as it says."""
    by_id = {match_key(c.id): c for c in changes.all if c.before is not None}
    items: list[IssuedTask] = []
    for it in changes.base.tasks:
        c = by_id.get(match_key(it.task.id))
        if c is None:
            items.append(IssuedTask(it.task, it.section_no, it.stt, it.state))
        elif c.kind is ChangeKind.DROPPED:
            assert c.before is not None
            items.append(IssuedTask(_as(c.before, TaskState.DROPPED, c.reason), it.section_no, it.stt,
                                    TaskState.DROPPED, ChangeKind.DROPPED, c.reason))
        else:
            assert c.after is not None
            items.append(IssuedTask(_as(c.after, TaskState.ACTIVE, c.reason), it.section_no, it.stt,
                                    TaskState.ACTIVE, c.kind, c.reason))
    for c in changes.added:
        if c.before is None and c.after is not None:
            items.append(IssuedTask(_as(c.after, TaskState.ACTIVE, c.reason), c.section_no, c.stt, TaskState.ACTIVE,
                                    ChangeKind.ADDED, c.reason))
    items.sort(key=lambda x: (x.section_no, x.stt))
    return IssuedVersion(number, decision_no, date, tuple(items))


def _as(task: Task, state: TaskState, reason: str) -> Task:
    return dataclasses.replace(task, state=state, reason=reason, row=0)


# -- the plan in force ---------------------------------------------------------------------------


def version_at(versions: list[IssuedVersion], day: dt.date) -> IssuedVersion:
    """The last version dated on or before `day`; the plan itself (version 0) before any."""
    current = versions[0]
    for v in versions[1:]:
        if v.date <= day:
            current = v
    return current


@dataclass(frozen=True)
class Dropped:
    """A task dropped before a day, with the decision that dropped it."""

    task: IssuedTask
    by: IssuedVersion


@dataclass(frozen=True)
class InForce:
    version: IssuedVersion | None  # None: nothing recorded yet, the workbook is the plan
    tasks: list[Task]
    dropped: list[Dropped]


def in_force(plan: Plan, day: dt.date) -> InForce:
    """The tasks in force on `day` and those dropped by then. Before the plan is recorded
    as issued, NhiemVu is the plan (rows marked Bãi bỏ left out)."""
    if not plan.issued:
        return InForce(None, list(plan.tasks), [])
    version = version_at(plan.issued, day)
    # Loại thời hạn is the clerk's reading of the deadline, not the issued text: NhiemVu's
    # current value applies to every version (BanHanh does not record it).
    reading = {match_key(t.id): t.deadline_type for t in (*plan.tasks, *plan.dropped_tasks)}
    tasks = [dataclasses.replace(it.task, deadline_type=reading.get(match_key(it.task.id)))
             for it in version.tasks if it.state is TaskState.ACTIVE]
    dropped_by: dict[str, IssuedVersion] = {}  # task → the version that dropped it (the latest time)
    for v in plan.issued[:plan.issued.index(version) + 1]:
        for it in v.tasks:
            if it.change is ChangeKind.DROPPED:
                dropped_by[it.task.id] = v
    dropped = [Dropped(it, dropped_by.get(it.task.id, version)) for it in version.tasks
               if it.state is TaskState.DROPPED]
    return InForce(version, tasks, dropped)


def plan_at(plan: Plan, day: dt.date) -> Plan:
    """The plan with the tasks in force on `day`: what a period's report counts and its forms list."""
    return dataclasses.replace(plan, tasks=in_force(plan, day).tasks)


def pending(plan: Plan) -> Changes | None:
    """NhiemVu's changes not yet issued (against the last recorded version), or None."""
    if not plan.issued:
        return None
    return compare(plan.issued[-1], plan.tasks, plan.dropped_tasks)


# -- what `cchc plan` does about the record ----------------------------------------------------------


class IssueState(str, Enum):
    DRAFT = "draft"  # no số yet: nothing to record
    UNDATED = "undated"  # a số but no full date: cannot be recorded yet
    RECORD = "record"  # a số and a date, nothing recorded: record version 0
    ISSUED = "issued"  # recorded with this số and date: print as recorded
    MISMATCH = "mismatch"  # recorded with another số or date


def plan_issue_state(plan: Plan) -> IssueState:
    d = plan.decision
    number, date = d.number.strip(), d.date.as_date()
    if plan.issued:
        first = plan.issued[0]
        same = number == first.decision_no.strip() and date == first.date
        return IssueState.ISSUED if same else IssueState.MISMATCH
    if not number:
        return IssueState.DRAFT
    return IssueState.RECORD if date else IssueState.UNDATED
