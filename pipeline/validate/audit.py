"""Checks that need derived facts, run on the built model: deadlines nobody can place or
that name another year, status entries that are readable but doubtful, and NhiemVu
against the plan as last issued (a deleted task, changes not yet issued). All warnings."""

from __future__ import annotations

from pipeline.derive.amend import in_force, pending
from pipeline.derive.deadlines import parse_deadline, task_deadline
from pipeline.derive.report import contradictions
from pipeline.errors import Problem, Severity
from pipeline.formatting import short_date
from pipeline.model import DeadlineKind, DeadlineType, Plan
from pipeline.schema import roman


def audit(plan: Plan) -> list[Problem]:
    if not plan.year:
        return []
    return _deadlines(plan) + _entries(plan) + _history(plan)


def _deadlines(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    for task in plan.tasks:
        deadline = task_deadline(task.deadline, plan.year, task.text, task.deadline_type)
        if task.deadline_type is DeadlineType.ONCE and parse_deadline(task.deadline, plan.year).due is None:
            message = (f"Nhiệm vụ {task.id} ghi Loại thời hạn 'một lần' nhưng Thời gian '{task.deadline}' không nêu "
                       f"hạn; báo cáo tính hạn là ngày 31/12/{plan.year}.")
        elif deadline.kind is DeadlineKind.UNKNOWN:
            message = f"Không hiểu thời gian '{task.deadline}' của nhiệm vụ {task.id}; báo cáo sẽ ghi 'không xác định'."
        elif deadline.years and not min(deadline.years) <= plan.year <= max(deadline.years):
            message = (f"Thời gian '{task.deadline}' của nhiệm vụ {task.id} ghi năm "
                       f"{', '.join(map(str, deadline.years))}, khác năm kế hoạch {plan.year}.")
        else:
            continue  # the cell is looked up only for a task that has something to say
        sheet, cell = plan.cell("NhiemVu", "deadline", task.row)
        problems.append(Problem(message, plan.source, sheet, cell, Severity.WARNING))
    return problems


def _entries(plan: Plan) -> list[Problem]:
    """TienDo rows that are readable but doubtful; a row is checked against the task as it
    stood at its period's cut-off (an amendment may have reassigned it since)."""
    out: list[Problem] = []
    tasks = {t.id: t for t in plan.tasks}
    by_period = {n: {t.id: t for t in in_force(plan, p.cutoff_to).tasks} for n, p in plan.periods.items()} \
        if plan.issued else {}

    def warn(key: str, row: int, message: str) -> None:
        sheet, cell = plan.cell("TienDo", key, row)
        out.append(Problem(message, plan.source, sheet, cell, Severity.WARNING))

    for e in plan.entries:
        task = by_period.get(e.period, tasks).get(e.task)
        if task and e.unit not in task.lead and e.unit not in task.support:
            warn("unit", e.row, f"Đơn vị {e.unit} không được giao nhiệm vụ {e.task} (không chủ trì, không phối hợp).")
        for key, message in contradictions(e):  # the report's status Phụ lục flags the same
            warn(key, e.row, message)
        period = plan.periods.get(e.period)
        if period and period.cutoff_to and e.done_on and e.done_on > period.cutoff_to:
            warn("done_on", e.row, f"Ngày hoàn thành {short_date(e.done_on)} sau ngày chốt số liệu kỳ {e.period} "
                                   f"({short_date(period.cutoff_to)}).")
    return out


# -- issue 12: NhiemVu against the issued plan ---------------------------------------------------


def _history(plan: Plan) -> list[Problem]:
    changes = pending(plan)
    if changes is None:
        return []
    base = changes.base
    where = "bản Kế hoạch đã ban hành" if base.number == 0 else f"bản sửa đổi, bổ sung lần {base.number}"
    sheet = plan.layout.get("NhiemVu", ("NhiemVu", {}))[0]
    out = [Problem(_deleted(c.id, c.replaced_by, f"nhiệm vụ số {c.stt}, mục {roman(c.section_no)} của {where}"),
                   plan.source, sheet, "", Severity.WARNING) for c in changes.dropped if c.deleted]
    if not changes.empty:
        out.append(Problem(
            f"Sheet NhiemVu có {len(changes.added)} nhiệm vụ bổ sung, {len(changes.changed)} điều chỉnh, "
            f"{len(changes.dropped)} bãi bỏ so với {where}, chưa có Quyết định sửa đổi, bổ sung: báo cáo và phiếu "
            "vẫn tính theo bản đã ban hành cho đến khi lập (cchc amend) và ghi nhận Quyết định.",
            plan.source, sheet, "", Severity.WARNING))
    for a in plan.amendments:
        if a.number > base.number and a.decision_no.strip():
            out.append(Problem(
                f"Quyết định sửa đổi, bổ sung lần {a.number} đã có số {a.decision_no} nhưng chưa được ghi nhận vào "
                "sheet BanHanh: chạy cchc amend để ghi nhận; đến khi đó báo cáo vẫn tính theo bản trước.",
                plan.source, plan.layout.get("SuaDoi", ("SuaDoi", {}))[0], f"dòng {a.row}", Severity.WARNING))
    return out


def _deleted(old: str, new: str, where: str) -> str:
    if new:
        return (f"Mã nhiệm vụ '{old}' ({where}) không còn trong sheet NhiemVu, còn nhiệm vụ '{new}' cùng nội dung là "
                "nhiệm vụ mới: đổi Mã là bãi bỏ nhiệm vụ cũ và bổ sung nhiệm vụ mới ở lần sửa đổi tới. Nếu chỉ muốn "
                "sửa nội dung, hãy giữ Mã cũ.")
    return (f"Nhiệm vụ '{old}' ({where}) không còn trong sheet NhiemVu: chương trình vẫn giữ bản đã ban hành (sheet "
            "BanHanh) và coi nhiệm vụ này là bãi bỏ ở lần sửa đổi tới. Lịch sử rõ hơn khi giữ dòng và ghi 'Bãi bỏ' ở "
            "cột Tình trạng nhiệm vụ (kèm Lý do điều chỉnh) thay vì xóa dòng.")
