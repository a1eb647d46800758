"""The roll-up on small hand-built workbooks, with expectations computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from minibook import D, entry, task, write

from pipeline import api
from pipeline.derive.rollup import rollup
from pipeline.errors import CchcError
from pipeline.schema import REPORT_SHEETS


def roll(path: Path, period: int):
    plan = api.load(path, REPORT_SHEETS).plan
    r = rollup(plan.tasks, plan.entries, plan.periods, period, plan.year, [u.code for u in plan.units])
    return {s.task.id: s for s in r.statuses}, r


def test_multi_unit_task_is_done_only_when_every_lead_is(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("T1", "A; B", "Trong năm 2025")], [
        entry("T1", "A", 1, "Đã hoàn thành", 100, D(2025, 2, 1)),
        entry("T1", "B", 1, "Đang thực hiện", 50),
        entry("T1", "B", 2, "Đã hoàn thành", 100, D(2025, 5, 20)),
    ])
    q1, _ = roll(path, 1)
    assert q1["T1"].klass == "dang"
    q2, _ = roll(path, 2)
    assert q2["T1"].klass == "dung_han"
    assert q2["T1"].completed_on == D(2025, 5, 20)  # the last lead to finish


def test_late_completion_with_and_without_a_date(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("T1", "A", "Quý I/2025"), task("T2", "A", "Quý I/2025"),
                                       task("T3", "A", "Quý II/2025")], [
        entry("T1", "A", 2, "Đã hoàn thành", 100, D(2025, 4, 15)),  # after 31/3
        entry("T2", "A", 2, "Đã hoàn thành", 100),  # no date: the 6-month cut-off 14/6 counts
        entry("T3", "A", 2, "Đã hoàn thành", 100),  # 14/6 is before 30/6: on time
    ])
    q2, _ = roll(path, 2)
    assert q2["T1"].klass == "qua_han_xong"
    assert q2["T2"].klass == "qua_han_xong" and q2["T2"].completed_on == D(2025, 6, 14)
    assert q2["T3"].klass == "dung_han"


def test_explicit_late_status_is_late(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("T1", "A", "Trong năm 2025")],
                 [entry("T1", "A", 1, "Hoàn thành quá hạn", 100, D(2025, 3, 1))])
    q1, _ = roll(path, 1)
    assert q1["T1"].klass == "qua_han_xong"


def test_missing_reports_then_overdue(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("T1", "A", "Quý II/2025")], [])
    q1, r1 = roll(path, 1)
    assert q1["T1"].klass == "chua_bao_cao"
    q3, _ = roll(path, 3)
    assert q3["T1"].klass == "qua_han"  # due 30/6, nothing reported by 14/9
    unit_a = next(u for u in r1.units if u.code == "A")
    assert (unit_a.tasks, unit_a.done, unit_a.reported) == (1, 0, False)


def test_entries_out_of_order_and_a_later_period_overrides(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("T1", "A", "Trong năm 2025")], [
        entry("T1", "A", 2, "Đang thực hiện", 60),  # Q2 row typed before the Q1 row
        entry("T1", "A", 1, "Đã hoàn thành", 100, D(2025, 3, 1)),
    ])
    q1, _ = roll(path, 1)
    assert q1["T1"].klass == "dung_han"
    q2, _ = roll(path, 2)
    assert q2["T1"].klass == "dang"  # reopened in Q2: the later period wins
    q3, _ = roll(path, 3)
    assert q3["T1"].klass == "dang"  # nothing new in Q3: Q2 still holds


def test_same_period_resent_later_row_wins(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("T1", "A", "Trong năm 2025")], [
        entry("T1", "A", 1, "Đang thực hiện", 30),
        entry("T1", "A", 1, "Đã hoàn thành", 100, D(2025, 3, 2)),
    ])
    q1, _ = roll(path, 1)
    assert q1["T1"].klass == "dung_han"


def test_recurring_conditional_not_yet_due_and_not_done(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [
        task("R", "A", "Thường xuyên"), task("C", "A", "Sau khi đề án được phê duyệt"),
        task("N", "A", "Quý IV/2025"), task("K", "A", "Trong năm 2025"), task("S", "A", "Bắt đầu từ năm 2026"),
    ], [
        entry("R", "A", 1, "Đang thực hiện", 20), entry("C", "A", 1, "Chưa thực hiện", 0),
        entry("N", "A", 1, "Chưa thực hiện", 0), entry("K", "A", 1, "Không thực hiện", 0, note="Đã chuyển Sở khác"),
        entry("S", "A", 1, "Chưa thực hiện", 0),
    ])
    q1, _ = roll(path, 1)
    assert {k: s.klass for k, s in q1.items()} == {
        "R": "thuong_xuyen", "C": "cho_dieu_kien", "N": "chua_den_han", "K": "khong", "S": "chua_den_han"}


def test_not_done_without_a_reason_is_refused(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("K", "A", "Trong năm 2025")], [entry("K", "A", 1, "Không thực hiện")])
    with pytest.raises(CchcError) as err:
        api.load(path, REPORT_SHEETS)
    assert any("lý do" in p.message and p.cell == "J2" for p in err.value.problems)


def test_units_that_did_not_report_this_period(tmp_path: Path):
    path = write(tmp_path / "b.xlsx", [task("T1", "A", "Trong năm 2025"), task("T2", "B", "Trong năm 2025")], [
        entry("T1", "A", 1, "Đang thực hiện", 10), entry("T2", "B", 1, "Đang thực hiện", 10),
        entry("T1", "A", 2, "Đang thực hiện", 50),
    ])
    _, r = roll(path, 2)
    reported = {u.code: u.reported for u in r.units if u.tasks}
    assert reported == {"A": True, "B": False}
