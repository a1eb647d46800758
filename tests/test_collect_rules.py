"""The rules a returned form's entries must follow (derive/collect_rules.py), table-driven on
hand-made entries: which finding each case gives, on which column, and whether it refuses the
form (error) or is written and reported (warning)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.derive.collect_rules import (
    Window,
    backwards,
    check_entry,
    contradicting,
    date_outside,
    done_incomplete,
    settle_status,
)
from pipeline.derive.deadlines import Deadline
from pipeline.model import DeadlineKind, Status, StatusEntry

D = dt.date
S = Status
Q3 = Window(earliest=D(2023, 12, 15), cutoff=D(2024, 9, 14), year=2024, period_name="quý III",
            report_date=D(2024, 9, 10))


def entry(status: Status, percent: float | None = None, done_on: dt.date | None = None, evidence: str = "",
          result: str = "", note: str = "") -> StatusEntry:
    return StatusEntry("NV01", "TTR", 3, status, percent, result, evidence, done_on, "", note)


def found(findings) -> list[tuple[str, bool, str]]:
    return [(f.key, f.error, f.message) for f in findings]


# (entry, [(column, error?, a phrase of the message)]) — the self-contradictions of derive.report
CONTRADICTIONS = [
    (entry(S.DONE, 100, D(2024, 8, 1)), []),
    (entry(S.DONE, 80, D(2024, 8, 1)), [("percent", True, "đã hoàn thành nhưng tỷ lệ chỉ 80%")]),
    (entry(S.DONE_LATE, 99.5, D(2024, 8, 1)), [("percent", True, "tỷ lệ chỉ 99.5%")]),
    (entry(S.IN_PROGRESS, 50, D(2024, 8, 1)), [("done_on", True, "nhưng trạng thái là 'Đang thực hiện'")]),
    (entry(S.IN_PROGRESS, 100), []),  # all steps done, awaiting approval: not a contradiction
    (entry(S.NOT_STARTED, 10), [("percent", True, "'Chưa thực hiện' nhưng tỷ lệ đã 10%")]),
    (entry(S.NOT_STARTED, 0), []),
    (entry(S.DROPPED, 100, note="Lý do"), [("percent", True, "'Không thực hiện' nhưng tỷ lệ 100%")]),
    (entry(S.DROPPED, 40, note="Lý do"), []),
]


@pytest.mark.parametrize(("e", "want"), CONTRADICTIONS)
def test_contradictions_refuse_the_form(e, want):
    got = found(contradicting(e))
    assert [(k, err) for k, err, _ in got] == [(k, err) for k, err, _ in want]
    for (_, _, message), (_, _, phrase) in zip(got, want):
        assert phrase in message and message.endswith("Đề nghị đơn vị sửa cho thống nhất.")


# A finished task: its date is required (on time or late depends on it); rate and evidence are reported.
DONE_CASES = [
    (entry(S.DONE, 100, D(2024, 8, 1), "CV 12"), []),
    (entry(S.DONE, 100, None, "CV 12"), [("done_on", True)]),
    (entry(S.DONE, None, D(2024, 8, 1), "CV 12"), [("percent", False)]),
    (entry(S.DONE_LATE, 100, D(2024, 8, 1)), [("evidence", False)]),
    (entry(S.DONE), [("done_on", True), ("percent", False), ("evidence", False)]),
    (entry(S.IN_PROGRESS), []),  # only finished tasks need these
]


@pytest.mark.parametrize(("e", "want"), DONE_CASES)
def test_a_finished_task_without_date_rate_or_evidence(e, want):
    assert [(k, err) for k, err, _ in found(done_incomplete(e))] == want


def test_an_empty_rate_is_written_empty_not_taken_from_the_previous_period():
    (f,) = done_incomplete(entry(S.DONE, None, D(2024, 8, 1), "CV 12"))
    assert f.message == "Trạng thái 'Đã hoàn thành' nhưng để trống Tỷ lệ (%); sổ ghi đúng như phiếu (để trống)."


# Completion dates the quý III 2024 form may carry: from the year's first cut-off start to the
# period's cut-off, and not after the form's own date.
DATES = [
    (D(2024, 9, 10), None),  # the form's date
    (D(2023, 12, 15), None),  # the first period's cut-off start
    (D(2024, 9, 11), "sau Ngày báo cáo của phiếu (10/9/2024)"),
    (D(2024, 9, 15), "sau ngày chốt số liệu quý III (14/9/2024)"),
    (D(2025, 1, 5), "Ngày hoàn thành 05/01/2025 nằm ngoài năm kế hoạch 2024"),
    (D(2023, 12, 14), "nằm ngoài năm kế hoạch 2024"),
]


@pytest.mark.parametrize(("day", "phrase"), DATES)
def test_dates_outside_the_period_or_the_year(day, phrase):
    got = found(date_outside(entry(S.DONE, 100, day, "CV"), Q3))
    if phrase is None:
        assert got == []
    else:
        assert [(k, err) for k, err, _ in got] == [("done_on", True)] and phrase in got[0][2]


def test_a_date_on_an_unfinished_task_is_the_contradiction_rule_only():
    e = entry(S.IN_PROGRESS, 50, D(2025, 1, 5))
    assert date_outside(e, Q3) == []
    assert [f.key for f in check_entry(e, None, "", Q3)] == ["done_on"]


DONE_Q2 = StatusEntry("NV01", "TTR", 2, S.DONE, 100, "Đã ban hành", "CV 12", D(2024, 5, 2), "", "ghi chú quý II")
HALF_Q2 = StatusEntry("NV01", "TTR", 2, S.IN_PROGRESS, 70, "", "", None, "", "")

# (entry now, previous period's, [(column, error?)], a phrase)
BACKWARDS = [
    (entry(S.DONE, 100, D(2024, 5, 2), "CV 12"), DONE_Q2, [], ""),
    (entry(S.IN_PROGRESS, 50), DONE_Q2, [("status", True)], "Nếu nhiệm vụ thật sự chưa hoàn thành, ghi lý do"),
    (entry(S.IN_PROGRESS, 50, note="ghi chú quý II"), DONE_Q2, [("status", True)], "ghi lý do ở cột Ghi chú"),
    (entry(S.IN_PROGRESS, 50, note="Văn bản bị thu hồi, đang soạn lại"), DONE_Q2, [("status", False)],
     "(lý do: Văn bản bị thu hồi, đang soạn lại)"),
    (entry(S.DROPPED, 0, result="Đã ban hành", evidence="CV 12", note="Không còn phù hợp"), DONE_Q2,
     [("status", False)], "Kết quả thực hiện và Văn bản/minh chứng vẫn ghi như khi báo hoàn thành."),
    (entry(S.NOT_STARTED, 0), HALF_Q2, [("status", False)], "đơn vị báo 'Đang thực hiện', phiếu này ghi 'Chưa"),
    (entry(S.IN_PROGRESS, 50), HALF_Q2, [("percent", False)], "Tỷ lệ giảm từ 70% (quý II) xuống 50%."),
    (entry(S.IN_PROGRESS, 90), HALF_Q2, [], ""),
    (entry(S.IN_PROGRESS, 10), None, [], ""),  # no previous entry: nothing to compare
]


@pytest.mark.parametrize(("e", "before", "want", "phrase"), BACKWARDS)
def test_status_going_backwards(e, before, want, phrase):
    got = found(backwards(e, before, "quý II"))
    assert [(k, err) for k, err, _ in got] == want
    if want:
        assert got[0][2].startswith("Kỳ trước (quý II) đơn vị báo") or got[0][2].startswith("Tỷ lệ giảm")
        assert phrase in got[0][2]


def test_the_issue_case_done_to_not_done_keeping_its_rate_and_evidence():
    """Đã hoàn thành → Không thực hiện, Tỷ lệ 100, 'Đã hoàn thành nhiệm vụ' and the công văn kept."""
    e = entry(S.DROPPED, 100, result="Đã ban hành", evidence="CV 12", note="Không thực hiện nữa")
    got = check_entry(e, DONE_Q2, "quý II", Q3)
    assert [(f.key, f.error) for f in got] == [("percent", True), ("status", False)]


# a dropped task's reason: (entry, previous period's, the findings' (column, error?))
DROPPED = [
    (entry(S.DROPPED), None, [("note", True)]),
    (entry(S.DROPPED, note="Không còn phù hợp"), None, []),
    (entry(S.DROPPED, note="  "), HALF_Q2, [("note", True)]),
    (entry(S.DROPPED), DONE_Q2, [("status", True)]),  # the step back asks for the reason: asked once
    (entry(S.DROPPED, 100), None, [("note", True), ("percent", True)]),  # every finding of the row at once
]


@pytest.mark.parametrize(("e", "before", "want"), DROPPED)
def test_a_dropped_task_needs_its_reason_asked_once(e, before, want):
    assert [(f.key, f.error) for f in check_entry(e, before, "quý II", Q3)] == want


def deadline(due: dt.date | None) -> Deadline:
    return Deadline(DeadlineKind.DATE if due else DeadlineKind.RECURRING, due, ())


ON_TIME_OR_LATE = (S.DONE, S.DONE_LATE)
# 'Hoàn thành': (deadline, done on, cut-off) → the status, or None (asked)
SETTLE = [
    (D(2024, 6, 30), D(2024, 6, 30), D(2024, 9, 14), S.DONE),
    (D(2024, 6, 30), D(2024, 7, 1), D(2024, 9, 14), S.DONE_LATE),
    (None, None, D(2024, 9, 14), S.DONE),  # no due date: cannot be late
    (D(2024, 12, 31), None, D(2024, 9, 14), S.DONE),  # the cut-off itself is before the deadline
    (D(2024, 6, 30), None, D(2024, 9, 14), None),  # the deadline passed: on time or late is unknown
]


@pytest.mark.parametrize(("due", "done_on", "cutoff", "want"), SETTLE)
def test_an_ambiguous_done_is_settled_by_the_deadline_or_asked(due, done_on, cutoff, want):
    settled = settle_status(ON_TIME_OR_LATE, deadline(due), done_on, 100, cutoff)
    assert settled.status is want
    if want is None:
        assert settled.why == "có thể là 'Đã hoàn thành' hoặc 'Hoàn thành quá hạn' (thời hạn 30/6/2024, chưa ghi " \
                              "Ngày hoàn thành)"


@pytest.mark.parametrize(("percent", "want"), [(40, S.IN_PROGRESS), (0, S.NOT_STARTED), (None, None)])
def test_an_ambiguous_not_done_is_settled_by_the_rate(percent, want):
    assert settle_status((S.NOT_STARTED, S.IN_PROGRESS), deadline(None), None, percent, D(2024, 9, 14)).status is want
