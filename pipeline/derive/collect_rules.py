"""The rules a returned form's entries must follow before `cchc collect` takes them.

Each rule is a small pure function of one entry (and, where it needs them, the unit's
entry of the previous period and the dates the period allows) returning `Finding`s:
an error refuses the whole form (nothing of it is written), a warning is written and
reported. The self-contradictions (Tỷ lệ against Trạng thái, a completion date on an
unfinished task) are `derive.report.contradictions`, the rule the report's warnings
use too, so the two never disagree.

A value a unit typed that is not one of the form's words is mapped when only one word
can be meant ("Đang triển khai" → "Đang thực hiện") and reported; a value that could
mean two ("Hoàn thành": on time or late?) is settled by the task's deadline where that
decides it, and otherwise asked about, never guessed (`settle_status`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.derive.amend import version_at
from pipeline.derive.deadlines import Deadline
from pipeline.derive.numbering import number_sections
from pipeline.derive.report import contradictions
from pipeline.formatting import short_date
from pipeline.model import DeadlineKind, Plan, Status, StatusEntry
from pipeline.schema import DROPPED_NEEDS_NOTE, STATUS_WORDS, roman


@dataclass(frozen=True)
class Finding:
    key: str  # the form column it is about (its cell is named), e.g. "done_on"
    message: str  # Vietnamese, without the unit and task (the caller names them)
    error: bool  # True: the form is refused; False: written, and reported


@dataclass(frozen=True)
class Window:
    """The completion dates a period's form may carry."""

    earliest: dt.date  # the reporting year's first day (the first period's cut-off start)
    cutoff: dt.date  # the period's cut-off (chốt số liệu đến)
    year: int  # the plan's year
    period_name: str  # "quý III"
    report_date: dt.date | None = None  # the form's Ngày báo cáo


def window(plan: Plan, quy: int, report_date: dt.date | None = None) -> Window:
    first = min([p.cutoff_from for p in plan.periods.values()] + [dt.date(plan.year, 1, 1)])
    period = plan.periods[quy]
    return Window(first, period.cutoff_to, plan.year, period.name, report_date)


def label(status: Status) -> str:
    return STATUS_WORDS[status].label


def _error(key: str, message: str) -> Finding:
    return Finding(key, message, True)


def _warning(key: str, message: str) -> Finding:
    return Finding(key, message, False)


# -- the rules, each on one entry ---------------------------------------------------------------


def contradicting(e: StatusEntry) -> list[Finding]:
    """Tỷ lệ or Ngày hoàn thành against Trạng thái (derive.report's rule): an error on a form,
    since only the unit knows which of the two is true."""
    return [_error(key, f"{message} Đề nghị đơn vị sửa cho thống nhất.") for key, message in contradictions(e)]


def done_incomplete(e: StatusEntry) -> list[Finding]:
    """A finished task must say when (an error: on-time or late depends on it); its Tỷ lệ and
    evidence left empty are written empty (never taken from the previous period) and reported."""
    if not e.status.done:
        return []
    out = []
    if e.done_on is None:
        out.append(_error("done_on", f"Trạng thái '{label(e.status)}' nhưng chưa ghi Ngày hoàn thành: ghi ngày "
                                     "hoàn thành (ngày/tháng/năm) để tính đúng hạn hay quá hạn."))
    if e.percent is None:
        out.append(_warning("percent", f"Trạng thái '{label(e.status)}' nhưng để trống Tỷ lệ (%); sổ ghi đúng như "
                                       "phiếu (để trống)."))
    if not e.evidence.strip():
        out.append(_warning("evidence", f"Trạng thái '{label(e.status)}' nhưng chưa ghi Văn bản/minh chứng."))
    return out


def date_outside(e: StatusEntry, w: Window) -> list[Finding]:
    """A completion date after the period's cut-off, after the form's own date, or outside the
    plan's year cannot be this period's: an error (it would also be pre-filled into the next
    period's form)."""
    d = e.done_on
    if d is None or not e.status.done:
        return []  # a date on an unfinished task is a contradiction (contradicting)
    shown = short_date(d)
    if d < w.earliest or d.year > w.year:
        return [_error("done_on", f"Ngày hoàn thành {shown} nằm ngoài năm kế hoạch {w.year}: kiểm tra lại ngày "
                                  "(nhiệm vụ hoàn thành năm sau được báo cáo trong năm sau).")]
    if d > w.cutoff:
        return [_error("done_on", f"Ngày hoàn thành {shown} sau ngày chốt số liệu {w.period_name} "
                                  f"({short_date(w.cutoff)}): số liệu kỳ này tính đến ngày chốt, nên ghi trạng thái "
                                  "của nhiệm vụ tại ngày chốt; việc hoàn thành sau đó báo cáo ở kỳ sau.")]
    if w.report_date is not None and d > w.report_date:
        return [_error("done_on", f"Ngày hoàn thành {shown} sau Ngày báo cáo của phiếu "
                                  f"({short_date(w.report_date)}): kiểm tra lại một trong hai ngày.")]
    return []


def backwards(e: StatusEntry, before: StatusEntry | None, before_name: str) -> list[Finding]:
    """The entry against the unit's entry of the previous period (`before_name`: "quý II").

    Going back from finished to unfinished refuses the form unless Ghi chú gives a reason of
    this period (not the previous period's note carried over): the earlier report may have
    been wrong, but the unit must say so. Smaller steps back are reported."""
    if before is None:
        return []
    was = f"Kỳ trước ({before_name}) đơn vị báo '{label(before.status)}'"
    if before.status.done and not e.status.done:
        kept = [name for name, now, then in (("Kết quả thực hiện", e.result, before.result),
                                             ("Văn bản/minh chứng", e.evidence, before.evidence))
                if now.strip() and now.strip() == then.strip()]
        stale = f" {' và '.join(kept)} vẫn ghi như khi báo hoàn thành." if kept else ""
        reason = e.note.strip()
        if not reason or reason == before.note.strip():
            return [_error("status", f"{was}, phiếu này ghi '{label(e.status)}'.{stale} Nếu nhiệm vụ thật sự chưa "
                                     "hoàn thành, ghi lý do ở cột Ghi chú; nếu ghi nhầm, sửa lại Trạng thái.")]
        return [_warning("status", f"{was}, phiếu này ghi '{label(e.status)}' (lý do: {reason}).{stale}")]
    if before.status is Status.IN_PROGRESS and e.status is Status.NOT_STARTED:
        return [_warning("status", f"{was}, phiếu này ghi '{label(e.status)}'.")]
    if (not e.status.done and e.status is not Status.DROPPED and before.percent is not None
            and e.percent is not None and e.percent < before.percent):
        return [_warning("percent", f"Tỷ lệ giảm từ {before.percent:g}% ({before_name}) xuống {e.percent:g}%.")]
    return []


def dropped_without_reason(e: StatusEntry) -> list[Finding]:
    """A task the unit will not carry out needs its reason (the sổ's own rule, validate/build)."""
    if e.status is Status.DROPPED and not e.note.strip():
        return [_error("note", DROPPED_NEEDS_NOTE)]
    return []


def check_entry(e: StatusEntry, before: StatusEntry | None, before_name: str, w: Window) -> list[Finding]:
    """Every rule on one entry, errors first; the reason a dropped task needs is asked once."""
    back = backwards(e, before, before_name)
    asked = any(f.error and f.key == "status" for f in back)
    found = [*([] if asked else dropped_without_reason(e)), *contradicting(e), *done_incomplete(e),
             *date_outside(e, w), *back]
    return sorted(found, key=lambda f: not f.error)


# -- values that could mean two statuses -----------------------------------------------------------


@dataclass(frozen=True)
class Settled:
    status: Status | None  # None: the value does not decide; the unit is asked
    why: str  # how it was settled, or what to ask


def settle_status(choices: tuple[Status, ...], deadline: Deadline, done_on: dt.date | None,
                  percent: float | None, cutoff: dt.date) -> Settled:
    """An ambiguous status word (schema.AMBIGUOUS_STATUS) decided by what the entry says, or not.

    On time or late ("Hoàn thành"): by the completion date against the deadline; without a date,
    only when the cut-off itself is not past the deadline; a task without a due date cannot be
    late. Not started or in progress ("Chưa hoàn thành"): by Tỷ lệ."""
    words = " hoặc ".join(f"'{label(s)}'" for s in choices)
    if set(choices) == {Status.DONE, Status.DONE_LATE}:
        due = deadline.due if deadline.kind is DeadlineKind.DATE else None
        if due is None:
            return Settled(Status.DONE, "nhiệm vụ không có hạn cụ thể")
        if done_on is not None:
            late = done_on > due
            return Settled(Status.DONE_LATE if late else Status.DONE,
                           f"ngày hoàn thành {'sau' if late else 'không quá'} thời hạn")
        if cutoff <= due:
            return Settled(Status.DONE, "ngày chốt số liệu chưa quá thời hạn")
        return Settled(None, f"có thể là {words} (thời hạn {short_date(due)}, chưa ghi Ngày hoàn thành)")
    if set(choices) == {Status.NOT_STARTED, Status.IN_PROGRESS}:
        if percent is not None:
            return Settled(Status.IN_PROGRESS if percent > 0 else Status.NOT_STARTED, f"theo Tỷ lệ {percent:g}%")
        return Settled(None, f"có thể là {words} (chưa ghi Tỷ lệ)")
    return Settled(None, f"có thể là {words}")


# -- how the documents number a task ----------------------------------------------------------------


def task_numbers(plan: Plan, day: dt.date) -> dict[str, str]:
    """Task id → its number in the plan as the documents print it ("II.3"): the issued number
    once the plan is recorded (fixed for good), else the Phụ lục's current numbering."""
    out: dict[str, str] = {}
    if plan.issued:
        out = {it.task.id: f"{roman(it.section_no)}.{it.stt}" for it in version_at(plan.issued, day).tasks}
    for section in number_sections(plan.tasks):
        for n in section.tasks:
            out.setdefault(n.task.id, f"{section.roman}.{n.stt}")
    return out
