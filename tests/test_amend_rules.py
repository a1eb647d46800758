"""The rules of amending an issued plan (pipeline.derive.amend), table-driven: what counts
as added, changed (which fields), dropped or re-keyed; the numbers new tasks take; the
version an amendment issues; the plan in force on a day; what `cchc plan` must do."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.derive.amend import (
    IssueState,
    compare,
    first_version,
    in_force,
    next_version,
    plan_issue_state,
    positions,
    section_titles,
    version_at,
)
from pipeline.model import (
    Agency,
    ChangeKind,
    Decision,
    IssuedTask,
    PartialDate,
    Plan,
    Signer,
    Task,
    TaskState,
)

D = dt.date
A, B = "Cải cách thể chế", "Cải cách thủ tục hành chính"


def task(tid: str, section: str = A, **kw) -> Task:
    base = {"text": f"Nhiệm vụ {tid}", "assignment": "Văn phòng chủ trì", "lead": ("VP",), "support": (),
            "deadline": "Quý II/2025", "product": "Báo cáo"}
    base.update(kw)
    return Task(tid, section, base["text"], base["assignment"], base["lead"], base["support"], base["deadline"],
                base["product"], reason=kw.get("reason", ""))


BASE_TASKS = [task("T1"), task("T2"), task("T3", B), task("T4", B)]
BASE = first_version(BASE_TASKS, "05", D(2025, 1, 5))


def dropped(t: Task, reason: str = "") -> Task:
    return dataclasses.replace(t, state=TaskState.DROPPED, reason=reason)


def test_first_version_numbers_as_the_plan_prints():
    assert [(it.task.id, it.section_no, it.stt) for it in BASE.tasks] == [
        ("T1", 1, 1), ("T2", 1, 2), ("T3", 2, 1), ("T4", 2, 2)]
    assert BASE.number == 0 and BASE.decision_no == "05" and BASE.date == D(2025, 1, 5)
    assert all(it.state is TaskState.ACTIVE and it.change is None for it in BASE.tasks)


# (case, NhiemVu in force, NhiemVu marked Bãi bỏ) → (added, changed with fields, dropped)
CASES = [
    ("nothing", BASE_TASKS, [], [], [], []),
    ("same text with a doubled space", [task("T1", text="Nhiệm vụ  T1"), *BASE_TASKS[1:]], [], [], [], []),
    ("deadline", [task("T1", deadline="Quý IV/2025"), *BASE_TASKS[1:]], [], [], [("T1", ("deadline",))], []),
    ("text, lead unit and product",
     [task("T1"), task("T2", text="Nội dung mới", lead=("A",), product="Quyết định"), *BASE_TASKS[2:]], [],
     [], [("T2", ("text", "lead", "product"))], []),
    ("support units added", [task("T1", support=("B", "A")), *BASE_TASKS[1:]], [], [], [("T1", ("support",))], []),
    ("assignment and support", [task("T1", assignment="Phòng A chủ trì", support=("B",)), *BASE_TASKS[1:]], [],
     [], [("T1", ("assignment", "support"))], []),
    ("moved to another lĩnh vực", [task("T1", section=B), *BASE_TASKS[1:]], [], [], [("T1", ("section",))], []),
    ("marked Bãi bỏ", [task("T1"), task("T3", B), task("T4", B)], [dropped(task("T2"), "Hết hiệu lực")],
     [], [], [("T2", False)]),
    ("row deleted", [task("T1"), task("T2"), task("T4", B)], [], [], [], [("T3", True)]),
    ("new task in an existing lĩnh vực and one in a new lĩnh vực",
     [*BASE_TASKS, task("T5", B), task("T6", "Chuyển đổi số")], [], [("T5", 2, 3), ("T6", 3, 1)], [], []),
    ("Mã case does not matter", [task("t1", text="Nhiệm vụ T1"), *BASE_TASKS[1:]], [], [], [], []),
]


@pytest.mark.parametrize(("case", "tasks", "marked", "added", "changed", "dropped_"), CASES, ids=[c[0] for c in CASES])
def test_compare(case, tasks, marked, added, changed, dropped_):
    c = compare(BASE, tasks, marked)
    assert [(x.id, x.section_no, x.stt) for x in c.added] == added
    assert [(x.id, x.fields) for x in c.changed] == changed
    assert [(x.id, x.deleted) for x in c.dropped] == dropped_
    assert c.empty is (not added and not changed and not dropped_)
    assert all(x.kind is ChangeKind.ADDED for x in c.added)
    assert all(x.kind is ChangeKind.CHANGED for x in c.changed)
    assert all(x.kind is ChangeKind.DROPPED for x in c.dropped)


def test_units_in_another_order_are_the_same_units():
    base = first_version([task("T1", lead=("VP", "A"), support=("B", "C"))], "05", D(2025, 1, 5))
    assert compare(base, [task("T1", lead=("A", "VP"), support=("C", "B"))], []).empty


def test_a_changed_mã_is_a_drop_and_an_addition_each_naming_the_other():
    renamed = task("T2X", text="Nhiệm vụ T2", reason="Đổi mã")
    c = compare(BASE, [task("T1"), renamed, task("T3", B), task("T4", B)], [])
    assert [(x.id, x.section_no, x.stt, x.replaces) for x in c.added] == [("T2X", 1, 3, "T2")]
    assert [(x.id, x.section_no, x.stt, x.deleted, x.replaced_by, x.reason) for x in c.dropped] == [
        ("T2", 1, 2, True, "T2X", "Đổi mã")]
    assert c.rekeyed == [("T2", "T2X")]
    assert c.changed == []


def test_a_deleted_task_with_another_text_is_not_taken_for_a_changed_mã():
    c = compare(BASE, [task("T1"), task("T2X", text="Khác hẳn"), task("T3", B), task("T4", B)], [])
    assert c.rekeyed == []
    assert [(x.id, x.replaces) for x in c.added] == [("T2X", "")]


def test_reasons_come_from_the_rows():
    c = compare(BASE, [task("T1", deadline="Quý III/2025", reason="Chờ hướng dẫn"), task("T3", B), task("T4", B),
                       task("T9", reason="Theo chỉ đạo")], [dropped(task("T2"), "Hết hiệu lực")])
    assert [(x.id, x.reason) for x in c.all] == [("T9", "Theo chỉ đạo"), ("T1", "Chờ hướng dẫn"),
                                                 ("T2", "Hết hiệu lực")]


def test_next_version_keeps_every_number_and_marks_what_changed():
    c = compare(BASE, [task("T1", deadline="Quý IV/2025", reason="r1"), task("T3", B), task("T5", B, reason="r5")],
                [dropped(task("T2"), "r2")])
    v = next_version(c, 1, "20", D(2025, 7, 15))
    assert (v.number, v.decision_no, v.date) == (1, "20", D(2025, 7, 15))
    got = [(it.task.id, it.section_no, it.stt, it.state, it.change, it.reason) for it in v.tasks]
    assert got == [
        ("T1", 1, 1, TaskState.ACTIVE, ChangeKind.CHANGED, "r1"),
        ("T2", 1, 2, TaskState.DROPPED, ChangeKind.DROPPED, "r2"),
        ("T3", 2, 1, TaskState.ACTIVE, None, ""),
        ("T4", 2, 2, TaskState.DROPPED, ChangeKind.DROPPED, ""),  # its row deleted
        ("T5", 2, 3, TaskState.ACTIVE, ChangeKind.ADDED, "r5"),
    ]
    assert v.tasks[0].task.deadline == "Quý IV/2025"
    # a second amendment: numbers are never given again, the dropped task is carried as dropped
    c2 = compare(v, [task("T1", deadline="Quý IV/2025"), task("T3", B), task("T6", B)], [])
    assert [(x.id, x.section_no, x.stt) for x in c2.added] == [("T6", 2, 4)]
    assert [x.id for x in c2.dropped] == ["T5"]
    v2 = next_version(c2, 2, "30", D(2025, 10, 1))
    assert [(it.task.id, it.state, it.change) for it in v2.tasks if it.task.id in ("T2", "T4")] == [
        ("T2", TaskState.DROPPED, None), ("T4", TaskState.DROPPED, None)]


def test_a_dropped_task_restored_is_added_again_under_its_old_number():
    v = next_version(compare(BASE, BASE_TASKS[:3], [dropped(task("T4", B))]), 1, "20", D(2025, 7, 15))
    c = compare(v, [*BASE_TASKS[:3], task("T4", B, reason="Khôi phục")], [])
    assert [(x.id, x.section_no, x.stt, x.reason) for x in c.added] == [("T4", 2, 2, "Khôi phục")]
    v2 = next_version(c, 2, "30", D(2025, 9, 1))
    assert [(it.task.id, it.state, it.change) for it in v2.tasks][-1] == ("T4", TaskState.ACTIVE, ChangeKind.ADDED)


def test_section_titles_follow_most_tasks_of_each_mục():
    items = [IssuedTask(task("a", A), 1, 1), IssuedTask(task("b", B), 1, 2), IssuedTask(task("c", A), 1, 3),
             IssuedTask(task("d", B), 2, 1)]
    assert section_titles(items) == {1: A, 2: B}


@given(st.lists(st.sampled_from([A, B, "Chuyển đổi số", "Cải cách tài chính công"]), max_size=12))
def test_new_numbers_never_reuse_one_and_run_on_within_each_mục(sections):
    new = [task(f"N{i}", s) for i, s in enumerate(sections)]
    got = positions(BASE.tasks, new)
    taken = {(it.section_no, it.stt) for it in BASE.tasks}
    assert len(set(got)) == len(got) and not taken & set(got)
    fresh = [s for s in dict.fromkeys(sections) if s not in (A, B)]  # new lĩnh vực, in order of appearance
    for (n, _), s in zip(got, sections):
        assert n == {A: 1, B: 2}.get(s, 3 + fresh.index(s) if s in fresh else 0)
    for n in {n for n, _ in got}:
        stts = [stt for m, stt in got if m == n]
        start = max([it.stt for it in BASE.tasks if it.section_no == n], default=0) + 1
        assert stts == list(range(start, start + len(stts)))


# -- the plan in force -------------------------------------------------------------------------


ISSUED_ON = PartialDate(2025, 1, 5)


def plan_with(versions, tasks=BASE_TASKS, number="05", date=ISSUED_ON) -> Plan:
    agency = Agency("UBND TỈNH X", "SỞ X", "Sở X", "SX", "X", "X", "Giám đốc", "VP")
    decision = Decision(number, date, "", [], "", [], Signer("GIÁM ĐỐC"), [])
    return Plan("x.xlsx", 2025, agency, decision, "", False, [], "", "", True, [], list(tasks), issued=versions)


V1 = next_version(compare(BASE, [task("T1"), task("T3", B), task("T4", B), task("T5")], [dropped(task("T2"))]), 1,
                  "20", D(2025, 7, 15))


@pytest.mark.parametrize(("day", "number", "ids", "gone"), [
    (D(2025, 1, 1), 0, ["T1", "T2", "T3", "T4"], []),  # before the plan's own date: the plan still
    (D(2025, 7, 14), 0, ["T1", "T2", "T3", "T4"], []),
    (D(2025, 7, 15), 1, ["T1", "T5", "T3", "T4"], [("T2", 1)]),  # the amendment's own day counts
    (D(2025, 12, 31), 1, ["T1", "T5", "T3", "T4"], [("T2", 1)]),
])
def test_in_force_on_a_day(day, number, ids, gone):
    plan = plan_with([BASE, V1])
    assert version_at(plan.issued, day).number == number
    now = in_force(plan, day)
    assert [t.id for t in now.tasks] == ids
    assert [(d.task.task.id, d.by.number) for d in now.dropped] == gone


def test_before_anything_is_recorded_nhiemvu_is_the_plan():
    plan = plan_with([], tasks=BASE_TASKS[:2])
    now = in_force(plan, D(2025, 12, 31))
    assert now.version is None and [t.id for t in now.tasks] == ["T1", "T2"] and now.dropped == []


@pytest.mark.parametrize(("number", "date", "versions", "state"), [
    ("", PartialDate(2025, 1), [], IssueState.DRAFT),
    ("05", PartialDate(2025, 1), [], IssueState.UNDATED),
    ("05", PartialDate(2025, 1, 5), [], IssueState.RECORD),
    ("05", PartialDate(2025, 1, 5), [BASE], IssueState.ISSUED),
    (" 05 ", PartialDate(2025, 1, 5), [BASE, V1], IssueState.ISSUED),
    ("06", PartialDate(2025, 1, 5), [BASE], IssueState.MISMATCH),
    ("05", PartialDate(2025, 1, 6), [BASE], IssueState.MISMATCH),
    ("", PartialDate(2025, 1), [BASE], IssueState.MISMATCH),
])
def test_what_cchc_plan_does_about_the_record(number, date, versions, state):
    assert plan_issue_state(plan_with(versions, number=number, date=date)) is state
