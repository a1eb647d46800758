"""The status view of a period (`cchc status`, derive/status.py) as the lines the clerk
reads on screen: the period's deadlines, a table of the units, the units' plans and
self-assessments still awaited, the next deadlines and what to do next; and the
calendar's line on a unit deadline that has passed."""

from __future__ import annotations

import datetime as dt

from pipeline import formatting as fmt
from pipeline.derive.status import SHOWN_TASKS, Action, ActionKind, FormState, PeriodStatus, UnitRow
from pipeline.derive.unit_plans import PlanState, plan_due
from pipeline.model import Period, Plan, Unit


def _date(d: dt.date | None) -> str:
    return fmt.short_date(d) if d else "(chưa đặt)"


def _days(n: int) -> str:
    return f"{n} ngày"


def received_text(row: UnitRow, period: Period, today: dt.date) -> str:
    due = period.unit_due
    if row.state is FormState.ON_TIME and row.received:
        return f"đã nhận phiếu ngày {fmt.short_date(row.received)}"
    if row.state is FormState.LATE and row.received and due:
        return f"đã nhận phiếu ngày {fmt.short_date(row.received)}, trễ {_days((row.received - due).days)}"
    if row.state is FormState.TYPED:
        return "số liệu nhập thẳng vào TienDo"
    if row.state is FormState.MISSING and due:
        return f"chưa gửi, quá hạn {_days((today - due).days)}" + ("" if row.leads else " (chỉ phối hợp)")
    return f"chưa gửi (còn {_days((due - today).days)})" if due else "chưa gửi"


def overdue_text(refs: tuple[str, ...]) -> str:
    """'0', '2: I.3, II.1', '5: I.3, II.1, II.4 …'."""
    if not refs:
        return "0"
    more = " …" if len(refs) > SHOWN_TASKS else ""
    return f"{len(refs)}: {', '.join(refs[:SHOWN_TASKS])}{more}"


def _table(view: PeriodStatus) -> list[str]:
    head = ("Đơn vị", "Phiếu trống", "Nhận phiếu", "Nhiệm vụ quá hạn")
    forms = {True: "đã lập", False: "chưa lập", None: "?"}
    rows = [(r.unit.code, forms[r.form], received_text(r, view.period, view.today), overdue_text(r.overdue))
            for r in view.units]
    widths = [max(len(x[i]) for x in (head, *rows)) for i in range(3)]
    return ["  ".join(cell.ljust(w) for cell, w in zip(line[:3], widths)) + "  " + line[3]
            for line in (head, *rows)]


def _summary(view: PeriodStatus) -> str:
    got = sum(r.state.received for r in view.units)
    parts = [f"{n} {words}" for n, words in ((view.count(FormState.ON_TIME), "phiếu đúng hạn"),
                                             (view.count(FormState.LATE), "phiếu trễ hạn"),
                                             (view.count(FormState.TYPED), "nhập thẳng vào TienDo")) if n]
    text = f"Đã có báo cáo của {got}/{len(view.units)} đơn vị" + (f" ({', '.join(parts)})" if parts else "")
    missing, awaited = view.count(FormState.MISSING), view.count(FormState.AWAITED)
    if missing or awaited:
        text += f"; chưa gửi {missing + awaited}" + (f", trong đó {missing} quá hạn" if missing else "")
    return text + "."


def _plans_line(plan: Plan, view: PeriodStatus) -> list[str]:
    if not view.plans:
        return []
    got = sum(s.received for s in view.plans)
    text = f"Kế hoạch CCHC của đơn vị (hạn gửi {fmt.short_date(plan_due(plan))}): đã nhận {got}/{len(view.plans)}"
    waiting = [f"{s.unit.code}{' (quá hạn)' if s.state is PlanState.MISSING else ''}"
               for s in view.plans if not s.received]
    return [text + (f"; chưa gửi: {', '.join(waiting)}." if waiting else ".")]


def _assessments_line(plan: Plan, view: PeriodStatus) -> list[str]:
    if view.assessments is None:
        return []
    deadline = plan.evaluation.docs.self_deadline
    got = view.assessment_units - len(view.assessments)
    text = f"Phiếu tự đánh giá cuối năm (hạn {_date(deadline)}): đã nhận {got}/{view.assessment_units}"
    waiting = [u.code for u in view.assessments]
    return [text + (f"; chưa gửi: {', '.join(waiting)}." if waiting else ".")]


def action_text(action: Action, view: PeriodStatus, phrase: str, cchc: str) -> str:
    q = view.period.number
    if action.kind is ActionKind.FORMS:
        return f"Lập phiếu báo cáo cho {action.count} đơn vị: {cchc} forms --quy {q}"
    if action.kind is ActionKind.REMIND:
        return f"Gửi công văn đôn đốc {action.count} đơn vị chưa gửi phiếu: {cchc} remind --quy {q}"
    if action.kind is ActionKind.COLLECT:
        return (f"Nhập phiếu các đơn vị gửi về (còn chờ {action.count} đơn vị): {cchc} collect --quy {q} "
                "THƯ_MỤC_PHIẾU")
    if action.kind is ActionKind.REPORT:
        due = f"; hạn gửi Sở Nội vụ {fmt.short_date(view.period.due)}" if view.period.due else ""
        make = f" (hoặc make report Q={q})" if cchc == "cchc" else ""
        return f"Lập báo cáo {phrase}: {cchc} report --quy {q}{make}{due}"
    if action.kind is ActionKind.REMIND_PLANS:
        return f"Gửi công văn đôn đốc {action.count} đơn vị chưa gửi Kế hoạch CCHC: {cchc} remind --ke-hoach"
    return (f"Đôn đốc {action.count} đơn vị chưa gửi phiếu tự đánh giá (đã quá hạn); khi nhận: "
            f"{cchc} collect --danh-gia THƯ_MỤC_PHIẾU")


def status_lines(plan: Plan, view: PeriodStatus, cchc: str = "cchc", forms_folder: str = "") -> list[str]:
    """The whole view; `cchc` is how the clerk runs the tool ("cchc --data D:\\so.xlsx")."""
    p, today = view.period, view.today
    phrase = fmt.period_phrase(p.name, plan.year)
    lines = [f"Tình hình báo cáo {phrase}, ngày {fmt.short_date(today)}:"]
    due = _date(p.unit_due)
    if p.unit_due and today > p.unit_due:
        due += f" (đã qua {_days((today - p.unit_due).days)})"
    lines.append(f"Hạn đơn vị gửi Văn phòng {due}; chốt số liệu {fmt.short_date(p.cutoff_to)}; hạn gửi Sở Nội vụ "
                 f"{_date(p.due)}" + (f"; báo cáo đã có số {p.report_no}." if p.report_no.strip() else "."))
    if view.units:
        lines += _table(view)
        lines.append(_summary(view))
        if view.as_of < today:
            lines.append(f"Nhiệm vụ quá hạn tính đến ngày chốt số liệu {fmt.short_date(view.as_of)}.")
        if forms_folder:
            lines.append(f"Phiếu trống: tìm trong {forms_folder}.")
    else:
        lines.append("Chưa có đơn vị nào được giao nhiệm vụ (sheet NhiemVu).")
    lines += _plans_line(plan, view) + _assessments_line(plan, view)
    if view.next_events:
        lines.append("Hạn sắp tới:")
        lines += [f"  {fmt.short_date(e.when)}: {e.what} (còn {_days((e.when - today).days)})"
                  for e in view.next_events]
    lines.append("Việc cần làm:")
    lines += [f"  - {action_text(a, view, phrase, cchc)}" for a in view.actions] or ["  (không có việc đến hạn)"]
    return lines


def late_line(plan: Plan, period: Period, late: list[Unit], today: dt.date, cchc: str = "cchc") -> str:
    """The calendar's word on the last unit deadline passed: who has sent nothing."""
    assert period.unit_due is not None
    head = (f"Đã qua hạn các đơn vị gửi báo cáo {fmt.period_phrase(period.name, plan.year)} "
            f"({fmt.short_date(period.unit_due)}, {_days((today - period.unit_due).days)} trước)")
    if not late:
        return f"{head}: các đơn vị đều đã báo cáo."
    names = "; ".join(f"{u.name} ({u.code})" for u in late)
    return f"{head}: {len(late)} đơn vị chưa gửi: {names}. Công văn đôn đốc: {cchc} remind --quy {period.number}."
