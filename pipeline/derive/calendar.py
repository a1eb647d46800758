"""The reporting calendar of a plan year (sheet KyBaoCao): its default rows, and the
events a clerk must watch (`calendar`): the units' own plans' deadline and the year-end
evaluation's deadlines (ThongTin) among them.

Cut-offs from Nghị định 09/2019/NĐ-CP (Điều 12) and Văn bản 581/BNV-CCHC: quý I
15/12 of the prior year → 14/3; 6 tháng → 14/6; quý III 15/6 → 14/9; năm → 14/12.
The units' deadlines (the 10th of the period's last month) are the bundled plan's;
the deadline to Sở Nội vụ is set each year by the province, so it stays blank.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.derive.unit_plans import plan_due, planning_units
from pipeline.model import Period, Plan


@dataclass(frozen=True)
class DefaultPeriod:
    number: int
    name: str
    unit_due: dt.date
    cutoff_from: dt.date
    cutoff_to: dt.date


def default_periods(year: int) -> list[DefaultPeriod]:
    d = dt.date
    return [
        DefaultPeriod(1, "quý I", d(year, 3, 10), d(year - 1, 12, 15), d(year, 3, 14)),
        DefaultPeriod(2, "6 tháng đầu năm", d(year, 6, 10), d(year - 1, 12, 15), d(year, 6, 14)),
        DefaultPeriod(3, "quý III", d(year, 9, 10), d(year, 6, 15), d(year, 9, 14)),
        DefaultPeriod(4, "năm", d(year, 12, 10), d(year - 1, 12, 15), d(year, 12, 14)),
    ]


def sheet_rows(year: int) -> list[list[object]]:
    """KyBaoCao rows: Kỳ, Tên kỳ, Hạn đơn vị báo cáo, Chốt từ, Chốt đến, Hạn gửi Sở Nội vụ, Số, Ngày."""
    return [[p.number, p.name, p.unit_due, p.cutoff_from, p.cutoff_to, None, "", ""] for p in default_periods(year)]


@dataclass(frozen=True)
class Event:
    when: dt.date
    what: str  # "hạn các đơn vị gửi báo cáo quý III"


@dataclass(frozen=True)
class Calendar:
    today: dt.date
    periods: list[Period]  # in order
    events: list[Event]  # every dated event of the year, in order
    next_event: Event | None  # the first on or after today


def calendar(plan: Plan, today: dt.date) -> Calendar:
    """The year's reporting events from KyBaoCao: units' deadlines, cut-offs, Sở Nội vụ deadlines."""
    periods = sorted(plan.periods.values(), key=lambda p: p.number)
    events: list[Event] = []
    for p in periods:
        for when, what in ((p.unit_due, "hạn các đơn vị gửi báo cáo"), (p.cutoff_to, "chốt số liệu"),
                           (p.due, "hạn gửi báo cáo đến Sở Nội vụ")):
            if when:
                events.append(Event(when, f"{what} {p.name}"))
    if planning_units(plan) and plan.year:  # the units' own plans are due at Văn phòng (issue 11)
        events.append(Event(plan_due(plan), "hạn các chi cục, đơn vị sự nghiệp gửi Kế hoạch CCHC của đơn vị"))
    # The year-end evaluation (issue 13): the units' self-assessment, then the evaluation itself.
    docs = plan.evaluation.docs
    for when, what in ((docs.self_deadline, "hạn các đơn vị gửi tự đánh giá"),
                       (docs.deadline, "hạn đánh giá, xếp loại kết quả cải cách hành chính")):
        if when:
            events.append(Event(when, f"{what} năm {plan.year}"))
    events.sort(key=lambda e: (e.when, e.what))
    upcoming = [e for e in events if e.when >= today]
    return Calendar(today, periods, events, upcoming[0] if upcoming else None)
