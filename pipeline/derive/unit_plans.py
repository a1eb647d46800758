"""The units' own CCHC plans (seed Part IV.3): which units must write one, what the
department's plan gives each of them to do, who signs it, and who has sent theirs.

By default the chi cục and the đơn vị sự nghiệp write a plan of their own and the
phòng do not; DonVi's 'Lập kế hoạch CCHC riêng' overrides that per unit. The plans are
due at Văn phòng by ThongTin's 'Hạn gửi kế hoạch của đơn vị', 20/01 of the plan year when
blank; KeHoachDonVi registers those received. `plan_statuses` says, as of a day, who sent
theirs on time, late, or not yet; `awaited_plans` is the list a status command shows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from pipeline.derive.numbering import NumberedTask, number_sections
from pipeline.model import Plan, Task, Unit, UnitPlanReceipt, UnitType
from pipeline.schema import UNIT_PLAN_DUE_DEFAULT
from pipeline.text import match_key

PLANNING_TYPES = (UnitType.CHI_CUC, UnitType.DVSN)

# The head's title when DonVi does not give it, by the first words of the unit's name.
_HEADS = tuple((match_key(prefix), title) for prefix, title in (
    ("chi cục", "Chi cục trưởng"), ("văn phòng đăng ký", "Giám đốc"), ("trung tâm", "Giám đốc"),
    ("ban quản lý", "Trưởng ban"), ("ban", "Trưởng ban"), ("văn phòng", "Chánh Văn phòng"),
    ("thanh tra", "Chánh Thanh tra"), ("phòng", "Trưởng phòng"), ("viện", "Viện trưởng"),
    ("bệnh viện", "Giám đốc"), ("trường", "Hiệu trưởng"), ("quỹ", "Giám đốc"),
))
_BY_TYPE = {UnitType.CHI_CUC: "Chi cục trưởng", UnitType.DVSN: "Giám đốc", UnitType.PHONG: "Trưởng phòng"}


def must_plan(unit: Unit) -> bool:
    """Whether the unit writes its own CCHC plan."""
    return unit.own_plan if unit.own_plan is not None else unit.type in PLANNING_TYPES


def planning_units(plan: Plan) -> list[Unit]:
    return [u for u in plan.units if must_plan(u)]


def head_title(unit: Unit) -> str:
    """'Chi cục trưởng', 'Giám đốc': DonVi's, else by the unit's name, else by its type."""
    if unit.head_title.strip():
        return unit.head_title.strip()
    key = match_key(unit.name)
    return next((title for prefix, title in sorted(_HEADS, key=lambda h: -len(h[0])) if key.startswith(prefix)),
                _BY_TYPE[unit.type])


def abbreviation(unit: Unit) -> str:
    """The unit's part of its documents' ký hiệu ('KH-CCQLĐĐ'): DonVi's, else its code."""
    return unit.abbr.strip() or unit.code


def plan_due(plan: Plan) -> dt.date:
    month, day = UNIT_PLAN_DUE_DEFAULT
    return plan.unit_plan_due or dt.date(plan.year, month, day)


# -- what the department's plan gives a unit to do -------------------------------------------------


@dataclass(frozen=True)
class UnitTask:
    numbered: NumberedTask  # the task with its STT in the department's Phụ lục
    section_roman: str
    section_title: str
    lead: bool  # the unit leads it (chủ trì); otherwise it cooperates (phối hợp)

    @property
    def task(self) -> Task:
        return self.numbered.task

    @property
    def reference(self) -> str:
        """Where the department's Phụ lục has it: 'I.3'."""
        return f"{self.section_roman}.{self.numbered.stt}"

    def partners(self, code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(other lead units, other units) of the task, from `code`'s side."""
        others = tuple(c for c in self.task.lead if c != code)
        return (others, tuple(c for c in self.task.support if c != code)) if self.lead else (self.task.lead, ())


def unit_tasks(plan: Plan, code: str) -> tuple[list[UnitTask], list[UnitTask]]:
    """(tasks the unit leads, tasks it cooperates on), each in the department's Phụ lục order."""
    lead: list[UnitTask] = []
    support: list[UnitTask] = []
    for section in number_sections(plan.tasks):
        for n in section.tasks:
            if code in n.task.lead:
                lead.append(UnitTask(n, section.roman, section.title, True))
            elif code in n.task.support:
                support.append(UnitTask(n, section.roman, section.title, False))
    return lead, support


# -- who has sent theirs -----------------------------------------------------------------------


class PlanState(str, Enum):
    ON_TIME = "dung_han"  # received by the deadline
    LATE = "tre"  # received after it
    MISSING = "chua_gui"  # not received, and the deadline has passed
    AWAITED = "cho"  # not received, the deadline still ahead


@dataclass(frozen=True)
class PlanStatus:
    unit: Unit
    state: PlanState
    receipt: UnitPlanReceipt | None  # the one received, if any
    due: dt.date

    @property
    def received(self) -> bool:
        return self.state in (PlanState.ON_TIME, PlanState.LATE)


def plan_statuses(plan: Plan, as_of: dt.date) -> list[PlanStatus]:
    """Each unit that must write a plan, as of `as_of`: a plan received later does not count yet."""
    due = plan_due(plan)
    out = []
    for unit in planning_units(plan):
        got = [r for r in plan.unit_plans if r.unit == unit.code and r.received and r.received <= as_of]
        first = min(got, key=lambda r: r.received or as_of) if got else None
        if first is not None and first.received is not None:
            state = PlanState.ON_TIME if first.received <= due else PlanState.LATE
        else:
            state = PlanState.MISSING if as_of > due else PlanState.AWAITED
        out.append(PlanStatus(unit, state, first, due))
    return out


def awaited_plans(plan: Plan, as_of: dt.date) -> list[PlanStatus]:
    """The units whose plan Văn phòng has not received by `as_of` (overdue or not yet due)."""
    return [s for s in plan_statuses(plan, as_of) if not s.received]
