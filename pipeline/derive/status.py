"""Where a reporting period stands on a day (`cchc status`): each unit's form (received on
time, late, typed straight into TienDo, missing past the deadline, still awaited) and its
overdue tasks; the units' own plans and self-assessments still awaited; the next deadlines;
and what the clerk should do next. Pure rules: the api layer finds the blank forms on disk
and render/status.py words the view.

A unit has sent nothing when it has no form logged in NhanPhieu (dated by the day of the
view) and no entry in TienDo for the period; past the period's unit deadline (KyBaoCao) it
is late. The units a công văn đôn đốc names are the late ones that lead a task, exactly
`remind`'s list (derive.report.missing_units); a unit that only supports tasks is shown,
not urged. A form's lateness is judged by the date the unit wrote on it, as the year-end
scoring does (derive.scoring, `báo cáo đúng hạn`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from pipeline.derive.amend import in_force, plan_at
from pipeline.derive.calendar import Event, calendar
from pipeline.derive.deadlines import task_deadline
from pipeline.derive.numbering import number_sections
from pipeline.derive.rollup import classify, latest_entries
from pipeline.derive.unit_plans import PlanState, PlanStatus, plan_statuses
from pipeline.model import Period, Plan, TaskClass, Unit
from pipeline.schema import roman

NEXT_EVENTS = 3  # deadlines shown ahead
SHOWN_TASKS = 3  # overdue tasks named per unit; the rest are counted


def default_period(plan: Plan, today: dt.date) -> int:
    """The period `today` falls in, or the next one due: the first (by cut-off) whose report is
    still to come, i.e. whose Sở Nội vụ deadline (or, unset, its cut-off) is not past, and
    which is not issued yet once its cut-off has passed. After the year's last: the last."""
    periods = sorted(plan.periods.values(), key=lambda p: (p.cutoff_to, p.number))
    if not periods:
        return 0  # no period at all: the caller's check names the sheet
    for p in periods:
        end = max(p.cutoff_to, p.due) if p.due else p.cutoff_to
        if today <= p.cutoff_to or (today <= end and not p.report_no.strip()):
            return p.number
    return periods[-1].number


class FormState(str, Enum):
    ON_TIME = "dung_han"  # NhanPhieu: the form's date is on or before the unit deadline
    LATE = "tre"  # … after it
    TYPED = "nhap_truc_tiep"  # no form logged, but entries typed into TienDo for the period
    MISSING = "chua_gui"  # nothing, and the unit deadline has passed
    AWAITED = "cho"  # nothing yet, the deadline still ahead (or not set)

    @property
    def received(self) -> bool:
        return self in (FormState.ON_TIME, FormState.LATE, FormState.TYPED)


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    state: FormState
    received: dt.date | None  # the date on its first form of the period (NhanPhieu), if any
    leads: bool  # it leads a task: a công văn đôn đốc names it while it is missing
    overdue: tuple[str, ...]  # its own tasks overdue ("II.3"), in plan order
    form: bool | None = None  # a blank form was made for it; None: not known


class ActionKind(str, Enum):
    FORMS = "forms"  # make the units' forms
    REMIND = "remind"  # a công văn đôn đốc to the missing units
    COLLECT = "collect"  # merge the forms as they come back
    REPORT = "report"  # write the period's report
    REMIND_PLANS = "remind_plans"  # units' own plans overdue
    ASSESSMENTS = "assessments"  # self-assessments overdue


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    count: int = 0  # the units it concerns


@dataclass(frozen=True)
class PeriodStatus:
    today: dt.date
    period: Period
    as_of: dt.date  # the day overdue tasks are counted on: today, or the cut-off once past
    units: list[UnitRow]  # the units that get a form, in DonVi order
    plans: list[PlanStatus]  # the units that write their own plan (empty: none do)
    assessments: list[Unit] | None  # self-assessments awaited; None: no TieuChi, or not the year's last period
    assessment_units: int  # units asked for one
    next_events: list[Event]
    actions: list[Action]

    def count(self, state: FormState) -> int:
        return sum(r.state is state for r in self.units)


def task_refs(plan: Plan, day: dt.date) -> dict[str, str]:
    """Task id → its number in the Kế hoạch in force on `day` ("II.3"): the numbers it was
    issued with once it is recorded (never renumbered), else the appendix's numbering."""
    version = in_force(plan, day).version
    if version is not None:
        return {it.task.id: f"{roman(it.section_no)}.{it.stt}" for it in version.tasks}
    return {n.task.id: f"{s.roman}.{n.stt}" for s in number_sections(plan.tasks) for n in s.tasks}


def overdue_tasks(plan: Plan, period: int, as_of: dt.date) -> dict[str, list[str]]:
    """Unit code → ids of the tasks it leads whose own part is overdue on `as_of` by its latest
    entry up to `period` (a task shared by several units is overdue for those not done)."""
    periods = plan.periods
    latest = latest_entries(plan.entries, period)
    out: dict[str, list[str]] = {}
    for task in plan.tasks:
        deadline = task_deadline(task.deadline, plan.year, task.text, task.deadline_type)
        for code in task.lead:
            entry = latest.get((task.id, code))
            done = entry is not None and entry.status.done
            completed = None
            if entry is not None and done:
                completed = entry.done_on or (periods[entry.period].cutoff_to if entry.period in periods else as_of)
            klass = classify(dataclasses.replace(task, lead=(code,)), deadline, [entry] if entry else [], as_of,
                             completed)
            if klass is TaskClass.OVERDUE:
                out.setdefault(code, []).append(task.id)
    return out


def unit_rows(plan: Plan, period: int, today: dt.date, as_of: dt.date,
              forms: set[str] | None = None) -> list[UnitRow]:
    """Each unit that gets a form for `period` (it leads or supports a task in force then)."""
    p = plan.periods[period]
    refs = task_refs(plan, p.cutoff_to)
    overdue = overdue_tasks(plan, period, as_of)
    typed = {e.unit for e in plan.entries if e.period == period}
    sent: dict[str, dt.date] = {}
    for r in plan.receipts:
        if r.period == period and r.report_date <= today:
            sent[r.unit] = min(sent.get(r.unit, r.report_date), r.report_date)
    leading = {c for t in plan.tasks for c in t.lead}
    assigned = leading | {c for t in plan.tasks for c in t.support}
    rows = []
    for unit in plan.units:
        if unit.code not in assigned:
            continue
        got = sent.get(unit.code)
        if got is not None:
            state = FormState.LATE if p.unit_due and got > p.unit_due else FormState.ON_TIME
        elif unit.code in typed:
            state = FormState.TYPED
        else:
            state = FormState.MISSING if p.unit_due and today > p.unit_due else FormState.AWAITED
        late_tasks = tuple(refs.get(t, t) for t in overdue.get(unit.code, []))
        rows.append(UnitRow(unit, state, got, unit.code in leading, late_tasks,
                            None if forms is None else unit.code in forms))
    return rows


def awaited_assessments(plan: Plan, today: dt.date) -> list[Unit] | None:
    """Units whose self-assessment (NhanDanhGia dated by `today`, or self-scores typed in
    DiemDanhGia) has not come in; None when the workbook has no criteria (TieuChi)."""
    ev = plan.evaluation
    if not ev.criteria:
        return None
    done = {r.unit for r in ev.receipts if r.date <= today} | {s.unit for s in ev.scores if s.score is not None}
    return [u for u in plan.units if u.code not in done]


def _actions(plan: Plan, p: Period, today: dt.date, rows: list[UnitRow], plans: list[PlanStatus],
             assessments: list[Unit] | None) -> list[Action]:
    out = []
    waiting = [r for r in rows if not r.state.received]
    # No blank form seen and none returned yet (a returned form proves they were made, elsewhere).
    no_forms = all(r.form is False and r.state not in (FormState.ON_TIME, FormState.LATE) for r in rows)
    if waiting and rows and no_forms:
        out.append(Action(ActionKind.FORMS, len(rows)))
    missing = [r for r in waiting if r.state is FormState.MISSING and r.leads]
    if missing:
        out.append(Action(ActionKind.REMIND, len(missing)))
    if waiting:
        out.append(Action(ActionKind.COLLECT, len(waiting)))
    due_passed = p.unit_due is None or today > p.unit_due
    if not p.report_no.strip() and rows and (due_passed or not waiting):
        out.append(Action(ActionKind.REPORT))
    late_plans = [s for s in plans if s.state is PlanState.MISSING]
    if late_plans:
        out.append(Action(ActionKind.REMIND_PLANS, len(late_plans)))
    deadline = plan.evaluation.docs.self_deadline
    if assessments and deadline and today > deadline:
        out.append(Action(ActionKind.ASSESSMENTS, len(assessments)))
    return out


def period_status(plan: Plan, period: int, today: dt.date, forms: set[str] | None = None) -> PeriodStatus:
    """The view of `period` on `today`; `forms`: the units whose blank form exists (None: unknown)."""
    p = plan.periods[period]
    in_force_plan = plan_at(plan, p.cutoff_to)  # the tasks and units of the period (issue 12)
    as_of = min(today, p.cutoff_to)
    rows = unit_rows(in_force_plan, period, today, as_of, forms)
    plans = plan_statuses(plan, today)
    # The self-assessments belong to the year-end: only the year's last period shows them.
    assessments = awaited_assessments(plan, today) if period == max(plan.periods) else None
    events = [e for e in calendar(plan, today).events if e.when >= today][:NEXT_EVENTS]
    return PeriodStatus(today, p, as_of, rows, plans, assessments, len(plan.units), events,
                        _actions(plan, p, today, rows, plans, assessments))


def late_units(plan: Plan, period: int, today: dt.date) -> list[Unit]:
    """The units that lead a task and have sent nothing for `period` past its unit deadline:
    whom the calendar names and `remind` urges."""
    p = plan.periods[period]
    rows = unit_rows(plan_at(plan, p.cutoff_to), period, today, min(today, p.cutoff_to))
    return [r.unit for r in rows if r.state is FormState.MISSING and r.leads]
