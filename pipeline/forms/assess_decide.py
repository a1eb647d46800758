"""Deciding what returned self-assessment forms change, per unit, as `decide` does for the
status forms: the Ngày tự đánh giá decides between two forms of one unit (newer replaces
older; an older one, or one of the same date with other content, is refused), a form returned
untouched says nothing new, and a form replaces the unit's self-scores for exactly the
criteria it lists. The council's appraisal (Điểm thẩm định, Ý kiến thẩm định) is never
touched; when a self-score it was given on changes, the clerk is told.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline import formatting as fmt
from pipeline.errors import Problem, Severity
from pipeline.forms.assess_content import AssessContent, entry_content
from pipeline.forms.assess_read import AssessRow, ReturnedAssessment
from pipeline.forms.content import short_date
from pipeline.forms.decide import ADDED, REFUSED, REPLACED, UNCHANGED, CollectResult, Received
from pipeline.model import CriterionScore, Plan


class AssessCollectResult(CollectResult):
    """What `collect --danh-gia` did; printed like the status forms' result."""

    def summary(self) -> str:
        lines = super().summary().splitlines()
        lines[0] = f"Nhập phiếu tự đánh giá năm {self.period} vào sổ {self.workbook.name}:"
        return "\n".join(lines)


class AssessReceived(Received):
    """One self-assessment form's outcome, in its own words."""

    def line(self) -> str:
        who = f"{self.unit_name} ({self.unit})" if self.unit else ""
        if self.outcome == ADDED:
            return f"{self.path.name}: {who}, ngày tự đánh giá {short_date(self.report_date)}, {self.tasks} tiêu chí."
        if self.outcome == REPLACED:
            before = f"phiếu ngày {short_date(self.previous)}" if self.previous else "điểm đã có trong sổ"
            extra = f" {self.reason}" if self.reason else ""
            return (f"{self.path.name}: {who}, ngày tự đánh giá {short_date(self.report_date)} thay {before}, "
                    f"{self.tasks} tiêu chí.{extra}")
        return super().line()


@dataclass(frozen=True)
class ScoreChange:
    unit: str
    criterion: str
    row: int | None  # the DiemDanhGia row (1-based) to update; None: append one
    new: AssessRow


@dataclass(frozen=True)
class AssessReceipt:
    unit: str
    date: dt.date
    file: str
    at: dt.datetime


@dataclass
class AssessChanges:
    scores: list[ScoreChange] = field(default_factory=list)
    receipts: list[AssessReceipt] = field(default_factory=list)  # empty: nothing to write


@dataclass
class AssessDecision:
    received: list[Received]
    warnings: list[Problem]
    changes: AssessChanges


@dataclass
class _Group:
    rows: dict[str, CriterionScore] = field(default_factory=dict)  # DiemDanhGia, by criterion
    current: dict[str, AssessContent] = field(default_factory=dict)  # after the forms taken so far
    recorded: dt.date | None = None
    new: dict[str, AssessRow] = field(default_factory=dict)


def decide_assessments(plan: Plan, forms: Sequence[ReturnedAssessment], now: dt.datetime,
                       workbook: str = "") -> AssessDecision:
    groups: dict[str, _Group] = {}
    for s in plan.evaluation.scores:
        g = groups.setdefault(s.unit, _Group())
        g.rows[s.criterion] = s
        g.current[s.criterion] = entry_content(s)
    for r in plan.evaluation.receipts:
        g = groups.setdefault(r.unit, _Group())
        g.recorded = max(g.recorded, r.date) if g.recorded else r.date
    decision = AssessDecision([], [], AssessChanges())
    for form in sorted(forms, key=lambda f: (f.unit, f.date, f.path.name)):  # oldest first: the later wins
        decision.warnings += form.warnings
        received = _decide(form, groups.setdefault(form.unit, _Group()))
        decision.received.append(received)
        if received.outcome in (ADDED, REPLACED):
            decision.changes.receipts.append(AssessReceipt(form.unit, form.date, form.path.name, now))
    for unit, g in groups.items():
        for code, row in g.new.items():
            old = g.rows.get(code)
            decision.changes.scores.append(ScoreChange(unit, code, old.row if old else None, row))
            if old is not None and old.appraised is not None and old.score != row.score:
                decision.warnings.append(Problem(
                    f"Đơn vị {unit} đổi điểm tự chấm tiêu chí {code} từ {_pts(old.score)} thành {_pts(row.score)}; "
                    f"điểm thẩm định {fmt.points(old.appraised)} giữ nguyên: Văn phòng xem lại.",
                    workbook, "DiemDanhGia", f"dòng {old.row}", Severity.WARNING))
    return decision


def _pts(x: float | None) -> str:
    return fmt.points(x) if x is not None else "(trống)"


def _decide(form: ReturnedAssessment, group: _Group) -> Received:
    def made(outcome: str, reason: str = "", previous: dt.date | None = None) -> Received:
        return AssessReceived(form.path, outcome, reason, form.unit, form.unit_name, form.date, previous,
                              sum(not r.empty for r in form.rows))

    def refused(reason: str, previous: dt.date | None = None) -> Received:
        return AssessReceived(form.path, REFUSED, reason, form.unit, form.unit_name, form.date, previous)

    if form.untouched:
        return made(UNCHANGED, "phiếu gửi lại chưa điền, chưa sửa gì (giống hệt phiếu đã gửi đi) nên không tính là đã "
                               "tự đánh giá. Nếu giữ nguyên điểm, đơn vị ghi Ngày tự đánh giá rồi gửi lại.")
    if all(r.empty for r in form.rows):
        return refused("phiếu chưa chấm tiêu chí nào.")
    recorded = group.recorded
    listed = {r.criterion for r in form.rows}
    before = sorted(c for k, c in group.current.items() if k in listed and any(c[1:]))
    mine = sorted(r.content() for r in form.rows if not r.empty)
    same = mine == before
    if recorded and form.date < recorded:
        return refused(f"Ngày tự đánh giá {short_date(form.date)} cũ hơn phiếu đã nhập của đơn vị {form.unit} (ngày "
                       f"{short_date(recorded)}); giữ điểm đã nhập.", recorded)
    if recorded and form.date == recorded:
        if same:
            return made(UNCHANGED, f"đã nhập trước đó (cùng ngày {short_date(recorded)}, cùng nội dung).")
        return refused(f"cùng Ngày tự đánh giá {short_date(recorded)} với phiếu đã nhập của đơn vị {form.unit} nhưng "
                       "nội dung khác. Nếu đây là bản sửa, đơn vị ghi ngày mới hơn rồi gửi lại.", recorded)
    outcome = REPLACED if recorded or before else ADDED
    reason = "Điểm như đã có; chỉ ghi nhận ngày tự đánh giá mới." if same else ""
    for r in form.rows:
        if r.empty and r.criterion not in group.current:
            continue  # nothing there, nothing said
        if group.current.get(r.criterion) != r.content():
            group.new[r.criterion] = r
            group.current[r.criterion] = r.content()
    group.recorded = form.date
    return made(outcome, reason, recorded)
