"""The report's own rules, table-driven on hand-made statuses and figures: the next
period's window and lists, the amendments an opening cites, a unit's own and shared
load, the entries that contradict themselves (derive/report.py), and the figures
annex's sums and rates (derive/figures.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.derive.deadlines import Deadline
from pipeline.derive.figures import annex, by_area, count_figure, rate, section_area
from pipeline.derive.report import (
    cited_amendments,
    contradictions,
    outlook,
    unit_loads,
)
from pipeline.derive.rollup import Rollup, TaskStatus, UnitStats
from pipeline.model import (
    Amendment,
    DeadlineKind,
    Indicator,
    IndicatorKind,
    PartialDate,
    Period,
    ReformArea,
    Status,
    StatusEntry,
    Task,
    TaskClass,
    UnitFigure,
)

D = dt.date
K = TaskClass


def status(tid: str, klass: TaskClass, due: dt.date | None = None, lead: tuple[str, ...] = ("A",),
           latest: dict[str, Status] | None = None) -> TaskStatus:
    kind = DeadlineKind.DATE if due else DeadlineKind.RECURRING
    task = Task(tid, "Lĩnh vực", f"Nhiệm vụ {tid}", "", lead, (), "", "")
    entries = {u: StatusEntry(tid, u, 1, s) for u, s in (latest or {}).items()}
    return TaskStatus(task, Deadline(kind, due, ()), klass, None, entries)


# (task class, due) → which list of the quý III outlook it belongs to (cut-off 14/9, next 14/12)
Q3_CASES = [
    (K.IN_PROGRESS, D(2024, 9, 15), "due_next"),  # the first day of the next period
    (K.IN_PROGRESS, D(2024, 9, 14), "due_next"),  # due on the cut-off day, not yet overdue
    (K.NOT_DUE, D(2024, 12, 14), "due_next"),  # the next period's last day
    (K.IN_PROGRESS, D(2024, 12, 15), "due_rest"),  # after the next cut-off …
    (K.NO_REPORT, D(2024, 12, 31), "due_rest"),  # … to the end of the year ("Trong năm 2024")
    (K.IN_PROGRESS, D(2025, 1, 1), "later"),  # a later year: counted, not listed as due
    (K.OVERDUE, D(2024, 6, 30), "overdue"),
    (K.ON_TIME, D(2024, 12, 31), None),  # done
    (K.DONE_LATE, D(2024, 6, 30), None),
    (K.DROPPED, D(2024, 12, 31), None),  # not carried out, with a reason
    (K.RECURRING, None, None),  # no due date: counted in a sentence, not listed
]


@pytest.mark.parametrize(("klass", "due", "where"), Q3_CASES)
def test_quarter_outlook_lists(klass, due, where):
    look = outlook([status("T", klass, due)], D(2024, 9, 14), D(2024, 12, 14), 2024)
    assert (look.start, look.end, look.year_end, look.annual) == (D(2024, 9, 15), D(2024, 12, 14),
                                                                  D(2024, 12, 31), False)
    found = [name for name in ("due_next", "due_rest", "overdue", "later") if getattr(look, name)]
    assert found == ([where] if where else [])


# After the year's last period (cut-off 14/12): the year's open tasks, the overdue ones, later years'.
ANNUAL_CASES = [
    (K.IN_PROGRESS, D(2024, 12, 31), "due_rest"),
    (K.NOT_DUE, D(2024, 12, 14), "due_rest"),
    (K.OVERDUE, D(2024, 9, 30), "overdue"),
    (K.IN_PROGRESS, D(2025, 6, 30), "later"),
    (K.ON_TIME, D(2024, 12, 31), None),
]


@pytest.mark.parametrize(("klass", "due", "where"), ANNUAL_CASES)
def test_annual_outlook_speaks_of_the_next_year(klass, due, where):
    look = outlook([status("T", klass, due)], D(2024, 12, 14), None, 2024)
    assert look.annual and look.start == D(2024, 12, 15) and not look.due_next
    found = [name for name in ("due_next", "due_rest", "overdue", "later") if getattr(look, name)]
    assert found == ([where] if where else [])


klasses = st.sampled_from(list(TaskClass))
dues = st.none() | st.dates(D(2023, 6, 1), D(2025, 12, 31))


@given(st.lists(st.tuples(klasses, dues), max_size=12), st.booleans())
def test_outlook_lists_are_disjoint_and_keep_plan_order(items, annual):
    sts = [status(f"T{i}", k, d) for i, (k, d) in enumerate(items)]
    look = outlook(sts, D(2024, 9, 14), None if annual else D(2024, 12, 14), 2024)
    lists = [look.due_next, look.due_rest, look.overdue, look.later]
    ids = [s.task.id for group in lists for s in group]
    assert len(ids) == len(set(ids))
    for group in lists:
        assert group == [s for s in sts if s in group]
    assert all(not s.done for group in lists for s in group)


AMENDMENTS = [
    (Amendment(1, "120", PartialDate(2024, 6, 15)), True),
    (Amendment(2, "", PartialDate(2024, 6, 1)), False),  # a draft without its số
    (Amendment(3, "150/QĐ-STN", PartialDate(2024, 9, 14)), True),  # on the cut-off day
    (Amendment(4, "160", PartialDate(2024, 9, 15)), False),  # after the cut-off
    (Amendment(5, "170", PartialDate(2024, 9)), True),  # the month is known: its first day counts
    (Amendment(6, "180", PartialDate(2024, 10)), False),
    (Amendment(7, "190", None), True),  # issued, date not typed yet
]


def test_cited_amendments():
    cited = cited_amendments([a for a, _ in AMENDMENTS], D(2024, 9, 14))
    assert cited == [a for a, yes in AMENDMENTS if yes]


def test_unit_loads_split_own_from_shared():
    sts = [
        status("T1", K.ON_TIME, D(2024, 6, 30), ("A",)),
        status("T2", K.OVERDUE, D(2024, 6, 30), ("A",)),
        status("T3", K.IN_PROGRESS, D(2024, 12, 31), ("B",)),
        # shared by A, B, C: A and B done, C late
        status("T4", K.OVERDUE, D(2024, 6, 30), ("A", "B", "C"),
               {"A": Status.DONE, "B": Status.DONE_LATE, "C": Status.IN_PROGRESS}),
        status("T5", K.IN_PROGRESS, D(2024, 12, 31), ("A", "C"), {"A": Status.IN_PROGRESS}),
    ]
    units = [UnitStats(c, 0, 0, 0, c != "C") for c in ("A", "B", "C", "D")]
    roll = Rollup(Period(3, "quý III", None, D(2024, 6, 15), D(2024, 9, 14)), sts, units)
    loads = {u.code: u for u in unit_loads(roll)}
    assert set(loads) == {"A", "B", "C"}  # D leads nothing
    a, b, c = loads["A"], loads["B"], loads["C"]
    assert (a.own, a.own_done, a.own_overdue, a.shared, a.shared_done, a.shared_overdue) == (2, 1, 1, 2, 1, 0)
    assert (b.own, b.own_done, b.own_overdue, b.shared, b.shared_done, b.shared_overdue) == (1, 0, 0, 1, 1, 0)
    assert (c.own, c.shared, c.shared_done, c.shared_overdue, c.reported) == (0, 2, 0, 1, False)
    assert a.total == 4


CONTRADICTIONS = [
    (StatusEntry("T", "A", 1, Status.DONE, 80.0), ["percent"]),
    (StatusEntry("T", "A", 1, Status.DONE, 100.0, done_on=D(2024, 3, 1)), []),
    (StatusEntry("T", "A", 1, Status.DONE_LATE, None), []),
    (StatusEntry("T", "A", 1, Status.IN_PROGRESS, 70.0, done_on=D(2024, 3, 1)), ["done_on"]),
    (StatusEntry("T", "A", 1, Status.NOT_STARTED, 30.0), ["percent"]),
    (StatusEntry("T", "A", 1, Status.NOT_STARTED, 0.0), []),
    (StatusEntry("T", "A", 1, Status.DROPPED, None, done_on=D(2024, 3, 1), note="Lý do"), ["done_on"]),
    (StatusEntry("T", "A", 1, Status.IN_PROGRESS, 100.0), []),  # 100% but not yet declared done: no claim
]


@pytest.mark.parametrize(("entry", "columns"), CONTRADICTIONS)
def test_contradictions(entry, columns):
    found = contradictions(entry)
    assert [key for key, _ in found] == columns
    assert all(message.endswith(".") for _, message in found)


def test_contradiction_messages():
    assert contradictions(StatusEntry("T", "A", 1, Status.IN_PROGRESS, 70.0, done_on=D(2024, 9, 5))) == [
        ("done_on", "Có ngày hoàn thành 05/9/2024 nhưng trạng thái là 'Đang thực hiện'.")]
    assert contradictions(StatusEntry("T", "A", 1, Status.NOT_STARTED, 30.0)) == [
        ("percent", "Trạng thái 'Chưa thực hiện' nhưng tỷ lệ đã 30%.")]


# --- the figures annex (derive/figures.py) ---


COUNT, RATE = IndicatorKind.COUNT, IndicatorKind.RATE
TTHC = ReformArea.PROCEDURES


def ind(code, kind=COUNT, num="", den="", values=None, area=TTHC, units=True):
    return Indicator(code, area, f"Chỉ số {code}", "hồ sơ", kind, num, den, units and kind is COUNT, values or {})


ANNEX = [
    ind("NHAN", values={3: 10}),  # office 10 + units
    ind("DUNG", values={}),
    ind("TL", RATE, "DUNG", "NHAN"),
    ind("HL", RATE, values={3: 88.5}, units=False),  # typed rate
    ind("KT", values={2: 4}, units=False, area=ReformArea.DIRECTION),
]
FIGURES = [UnitFigure("NHAN", "A", 3, 100), UnitFigure("NHAN", "B", 3, 90), UnitFigure("NHAN", "A", 2, 55),
           UnitFigure("DUNG", "A", 3, 95), UnitFigure("DUNG", "B", 3, 85)]


def test_annex_sums_counts_and_recomputes_rates():
    got = {f.indicator.code: f for f in annex(ANNEX, FIGURES, 3)}
    assert (got["NHAN"].value, got["NHAN"].office, got["NHAN"].units, got["NHAN"].reporting) == (200, 10, 190,
                                                                                                   ("A", "B"))
    assert (got["DUNG"].value, got["DUNG"].office, got["DUNG"].units) == (180, None, 180)
    assert got["TL"].value == pytest.approx(90.0) and (got["TL"].numerator, got["TL"].denominator) == (180, 200)
    assert got["HL"].value == 88.5
    assert got["KT"].value is None  # nothing typed for quý III
    assert annex(ANNEX, FIGURES, 2)[2].value is None  # DUNG has no figure in period 2: no rate
    assert [a for a, _ in by_area(annex(ANNEX, FIGURES, 3))] == [ReformArea.DIRECTION, TTHC]


def test_rate_edges():
    assert rate(None, 5) is None and rate(5, None) is None and rate(5, 0) is None and rate(0, 5) == 0


values = st.floats(0, 1e6, allow_nan=False)


@given(st.lists(st.tuples(st.sampled_from("ABCD"), values, values), max_size=8), st.none() | values,
       st.none() | values)
def test_rate_is_the_ratio_of_the_sums_whatever_the_order(rows, office_num, office_den):
    num = ind("N", values={} if office_num is None else {1: office_num})
    den = ind("D", values={} if office_den is None else {1: office_den})
    figs = [UnitFigure("N", u, 1, a) for u, a, _ in rows] + [UnitFigure("D", u, 1, b) for u, _, b in rows]
    got = annex([num, den, ind("R", RATE, "N", "D")], figs, 1)
    back = annex([num, den, ind("R", RATE, "N", "D")], list(reversed(figs)), 1)
    total_n = sum(a for _, a, _ in rows) + (office_num or 0)
    total_d = sum(b for _, _, b in rows) + (office_den or 0)
    has_n, has_d = bool(rows) or office_num is not None, bool(rows) or office_den is not None
    assert got[0].value == (pytest.approx(total_n) if has_n else None)
    assert got[2].value == (pytest.approx(100 * total_n / total_d) if has_n and has_d and total_d else None)
    assert got[2].value == back[2].value or got[2].value == pytest.approx(back[2].value)
    assert count_figure(num, figs, 2).value is None  # another period: nothing


SECTIONS = [
    ("Cải cách thể chế", ReformArea.INSTITUTIONS),
    ("Cải cách thủ tục hành chính (TTHC)", TTHC),
    ("Cải cách tổ chức bộ máy", ReformArea.ORGANISATION),
    ("Cải cách chế độ công vụ", ReformArea.CIVIL_SERVICE),
    ("Cải cách tài chính công", ReformArea.PUBLIC_FINANCE),
    ("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", ReformArea.DIGITAL),
    ("CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", ReformArea.DIRECTION),
    ("Chuyển đổi số", ReformArea.DIGITAL),
    ("Công tác khác", None),
]


@pytest.mark.parametrize(("title", "area"), SECTIONS)
def test_section_area(title, area):
    assert section_area(title) is area
