"""The evaluation's pure rules (derive.criteria, derive.scoring, derive.evaluation), table by
table and with hypothesis: shares scaled to a maximum and explained, the rule for nothing in
scope, group caps, bands on their bounds, competition ranks, and the criteria tree's checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.derive.criteria import Tree, check
from pipeline.derive.evaluation import band_of, competition_ranks, manual_item, score
from pipeline.derive.scoring import Facts, PeriodFact, TaskFact, automatic, scaled, share
from pipeline.model import Band, Criterion, CriterionScore, EmptyScope, ScoreMethod, TaskClass

M = ScoreMethod
ON, LATE, OVER, NO = TaskClass.ON_TIME, TaskClass.DONE_LATE, TaskClass.OVERDUE, TaskClass.NO_REPORT
D = dt.date


def facts(*tasks: tuple[TaskClass, bool, bool], periods: tuple[PeriodFact, ...] = ()) -> Facts:
    return Facts(tuple(TaskFact(f"T{i}", k, scope, ev) for i, (k, scope, ev) in enumerate(tasks)), periods)


# 9 of 14 done, 6 on time; 5 of the 9 name a document; two tasks out of scope (never counted).
FOURTEEN = facts(*([(ON, True, True)] * 5 + [(ON, True, False)] + [(LATE, True, False)] * 3 + [(OVER, True, False)] * 4
                   + [(NO, True, False)] + [(ON, False, True), (OVER, False, False)]))


@pytest.mark.parametrize("method, maximum, text, points", [
    (M.DONE_SHARE, 10, "hoàn thành 9/14 nhiệm vụ chủ trì = 64,3% → 6,43/10 điểm", "6.43"),
    (M.ON_TIME_SHARE, 10, "hoàn thành đúng hạn 6/14 nhiệm vụ chủ trì = 42,9% → 4,29/10 điểm", "4.29"),
    (M.EVIDENCE_SHARE, 2, "có văn bản minh chứng 5/9 nhiệm vụ đã hoàn thành = 55,6% → 1,11/2 điểm", "1.11"),
    (M.DONE_SHARE, 6, "hoàn thành 9/14 nhiệm vụ chủ trì = 64,3% → 3,86/6 điểm", "3.86"),
])
def test_task_shares_in_words_and_figures(method, maximum, text, points):
    auto = automatic(method, FOURTEEN, Decimal(maximum), EmptyScope.FULL)
    assert auto.explanation == text and auto.points == Decimal(points)


def test_reports_on_time_names_late_undated_and_missing_periods():
    periods = (PeriodFact(1, "quý I", D(2025, 3, 10), D(2025, 3, 10)),  # on the deadline: on time
               PeriodFact(2, "6 tháng đầu năm", D(2025, 6, 10), D(2025, 6, 12)),
               PeriodFact(3, "quý III", D(2025, 9, 10), None, reported=True),
               PeriodFact(4, "năm", D(2025, 12, 10), None))
    auto = automatic(M.REPORTS_ON_TIME, facts(periods=periods), Decimal(4), EmptyScope.FULL)
    assert auto.points == Decimal(1)
    assert auto.explanation == (
        "gửi đúng hạn 1/4 kỳ báo cáo = 25% → 1/4 điểm; gửi chậm: 6 tháng đầu năm (ngày 12/6/2025, hạn 10/6/2025); "
        "có số liệu trong TienDo nhưng không có ngày nhận phiếu (sheet NhanPhieu): quý III; "
        "chưa gửi: năm (hạn 10/12/2025)")


@pytest.mark.parametrize("method, noun", [(M.DONE_SHARE, "nhiệm vụ chủ trì"), (M.ON_TIME_SHARE, "nhiệm vụ chủ trì"),
                                          (M.EVIDENCE_SHARE, "nhiệm vụ đã hoàn thành"),
                                          (M.REPORTS_ON_TIME, "kỳ báo cáo")])
@pytest.mark.parametrize("empty, points", [(EmptyScope.FULL, "10"), (EmptyScope.ZERO, "0")])
def test_nothing_in_scope_follows_the_criterion_rule(method, noun, empty, points):
    only_out = facts((OVER, False, False))  # a task out of scope is as good as none
    auto = automatic(method, only_out, Decimal(10), empty)
    assert auto.points == Decimal(points) and (auto.part, auto.whole) == (0, 0)
    assert auto.explanation == f"không có {noun} thuộc phạm vi tiêu chí (không phát sinh) → {points}/10 điểm"


@given(st.integers(0, 500), st.integers(1, 500), st.integers(1, 100))
def test_a_share_is_scaled_rounded_and_bounded(part, whole, maximum):
    part = min(part, whole)
    points = scaled(part, whole, Decimal(maximum))
    assert Decimal(0) <= points <= Decimal(maximum)
    assert abs(points - Decimal(maximum) * part / whole) <= Decimal("0.005")
    assert points == points.quantize(Decimal("0.01"))
    assert (points == maximum) == (part == whole) or maximum * (whole - part) / whole < Decimal("0.005")


@given(st.integers(0, 50), st.integers(1, 50))
def test_more_done_never_scores_less(part, whole):
    part = min(part, whole - 1)
    assert share("x", "y", part, whole, Decimal(7), EmptyScope.FULL).points <= \
        share("x", "y", part + 1, whole, Decimal(7), EmptyScope.FULL).points


# -- bands and ranks ---------------------------------------------------------------------------

BANDS = [Band("Xuất sắc", 90), Band("Tốt", 80), Band("Khá", 70), Band("Trung bình", 50), Band("Yếu", 0)]


@pytest.mark.parametrize("total, band", [("100", "Xuất sắc"), ("90", "Xuất sắc"), ("89.99", "Tốt"), ("80", "Tốt"),
                                         ("79.99", "Khá"), ("50", "Trung bình"), ("49.99", "Yếu"), ("0", "Yếu"),
                                         ("-3", "Yếu")])
def test_a_total_on_a_bound_belongs_to_the_higher_band(total, band):
    assert band_of(Decimal(total), list(reversed(BANDS))).name == band  # any order of the sheet


@pytest.mark.parametrize("totals, ranks", [
    (["95", "88", "88", "70"], [1, 2, 2, 4]),
    (["70", "88", "95", "88"], [4, 2, 1, 2]),
    (["80", "80", "80"], [1, 1, 1]),
    (["50"], [1]),
])
def test_equal_totals_share_a_rank_and_the_next_is_skipped(totals, ranks):
    assert competition_ranks([Decimal(t) for t in totals]) == ranks


@given(st.lists(st.integers(0, 10000), min_size=1, max_size=30))
def test_ranks_count_the_totals_above(values):
    totals = [Decimal(v) / 100 for v in values]
    ranks = competition_ranks(totals)
    for t, r in zip(totals, ranks):
        assert r == 1 + sum(o > t for o in totals)
    assert min(ranks) == 1 and sorted(ranks)[-1] <= len(ranks)


# -- manual items and group caps -------------------------------------------------------------------


def c(code: str, parent: str, maximum: float, method: ScoreMethod = M.SUM, **kw) -> Criterion:
    return Criterion(code, parent, f"Tiêu chí {code}", maximum, method, **kw)


TREE = [c("1", "", 100), c("1.1", "1", 60, M.MANUAL), c("1.2", "1", 40, M.DONE_SHARE),
        c("2", "", 5, M.BONUS), c("2.1", "2", 3), c("2.2", "2", 4),
        c("3", "", 10, M.PENALTY), c("3.1", "3", 10)]


@pytest.mark.parametrize("own, appraised, note, points, text", [
    (50, None, "", "50", "tự chấm 50/60 điểm (chưa có điểm thẩm định, tính theo điểm tự chấm)"),
    (50, 45, "Thiếu tài liệu kiểm chứng", "45", "tự chấm 50, thẩm định 45/60 điểm: Thiếu tài liệu kiểm chứng"),
    (50, 50, "", "50", "tự chấm 50/60 điểm, thẩm định giữ nguyên"),
    (None, 20, "Tự chấm thay", "20", "đơn vị chưa tự chấm, thẩm định 20/60 điểm: Tự chấm thay"),
    (None, None, "", "0", "đơn vị chưa tự chấm → 0/60 điểm"),
])
def test_the_appraisal_counts_over_the_self_score(own, appraised, note, points, text):
    item = manual_item(TREE[1], M.MANUAL, CriterionScore("A", "1.1", own, appraised=appraised, note=note))
    assert item.points == Decimal(points) and item.explanation == text
    assert item.lowered == (own is not None and appraised is not None and appraised < own)


def test_bonus_over_its_cap_counts_the_cap_and_penalties_deduct():
    entries = {"1.1": CriterionScore("A", "1.1", 55), "2.1": CriterionScore("A", "2.1", 3),
               "2.2": CriterionScore("A", "2.2", 4), "3.1": CriterionScore("A", "3.1", None, appraised=2, note="x")}
    done = facts((ON, True, True), (OVER, True, False))
    r = score(Tree(TREE), done, entries)
    assert r.items["1.2"].points == Decimal(20)  # 40 × 1/2
    assert r.base == Decimal(75) and r.bonus == Decimal(5) and r.penalty == Decimal(2)
    assert r.nodes["2"].raw == Decimal(7) and r.nodes["2"].capped
    assert r.total == Decimal(78) and r.self_total == Decimal(80)  # the self total has no penalty


def test_a_blank_leaf_of_a_bonus_group_is_a_bonus():
    tree = Tree(TREE)
    assert tree.method(tree.by_code["2.1"]) is M.BONUS and tree.method(tree.by_code["3.1"]) is M.PENALTY
    assert [x.code for x in tree.leaves] == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    assert [x.code for x in tree.regular_top()] == ["1"]


# -- the tree's checks ----------------------------------------------------------------------------


@pytest.mark.parametrize("rows, problems", [
    (TREE, []),
    ([c("1", "", 100), c("1.1", "9", 100, M.MANUAL)],  # 1 is left without its tiêu chí
     [("1", "method", "Tiêu chí 1 chưa ghi Cách chấm."), ("1.1", "parent", "Mã cha '9' không có trong sheet.")]),
    ([c("1", "", 90), c("1.1", "1", 90, M.MANUAL)],
     [("1", "maximum", "Các lĩnh vực cộng lại 90 điểm tối đa; tổng phải là 100 điểm (chưa kể điểm thưởng, "
                       "điểm trừ).")]),
    ([c("1", "", 100), c("1.1", "1", 60, M.MANUAL), c("1.2", "1", 30, M.MANUAL)],
     [("1", "maximum", "Điểm tối đa của 1 là 100 nhưng các tiêu chí thành phần cộng lại 90 điểm.")]),
    ([c("1", "", 100), c("1.1", "1", 100)], [("1.1", "method", "Tiêu chí 1.1 chưa ghi Cách chấm.")]),
    ([c("1", "", 100, M.MANUAL), c("1.1", "1", 100, M.MANUAL)],
     [("1", "method", "Tiêu chí 1 có tiêu chí thành phần nên không chấm riêng: để trống Cách chấm (điểm là tổng các "
                      "tiêu chí thành phần).")]),
    ([c("1", "", 100), c("1.1", "1", 95, M.MANUAL), c("1.2", "1", 5, M.BONUS)],
     [("1.2", "method", "Điểm thưởng, điểm trừ 1.2 phải ở cấp lĩnh vực hoặc trong một nhóm điểm thưởng, điểm trừ, "
                        "không nằm trong lĩnh vực 1.")]),
    ([c("1", "", 100, M.MANUAL), c("2", "", 5, M.BONUS), c("2.1", "2", 5, M.MANUAL)],
     [("2.1", "method", "Tiêu chí 2.1 thuộc nhóm điểm thưởng: ghi Cách chấm 'điểm thưởng' hoặc để trống.")]),
    ([c("1", "", 100, M.MANUAL), c("2", "3", 5, M.MANUAL), c("3", "2", 5, M.MANUAL)],
     [("2", "parent", "Tiêu chí 2 nằm trong chính nó (Mã cha vòng lại tiêu chí này)."),
      ("2", "method", "Tiêu chí 2 có tiêu chí thành phần nên không chấm riêng: để trống Cách chấm (điểm là tổng các "
                      "tiêu chí thành phần)."),
      ("3", "parent", "Tiêu chí 3 nằm trong chính nó (Mã cha vòng lại tiêu chí này)."),
      ("3", "method", "Tiêu chí 3 có tiêu chí thành phần nên không chấm riêng: để trống Cách chấm (điểm là tổng các "
                      "tiêu chí thành phần).")]),
    ([c("1", "", 100, M.MANUAL), c("2", "", 0, M.BONUS)], [("2", "maximum", "Điểm tối đa phải lớn hơn 0.")]),
])
def test_tree_rules(rows, problems):
    assert [(p.code, p.column, p.message) for p in check(rows)] == problems
