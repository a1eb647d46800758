"""Checks that need derived facts, run on the built model: deadlines nobody can place or
that name another year, and status entries that are readable but doubtful. All warnings."""

from __future__ import annotations

from pipeline.derive.deadlines import parse_deadline, task_deadline
from pipeline.derive.report import contradictions
from pipeline.errors import Problem, Severity
from pipeline.model import DeadlineKind, DeadlineType, Plan


def audit(plan: Plan) -> list[Problem]:
    if not plan.year:
        return []
    return _deadlines(plan) + _entries(plan)


def _deadlines(plan: Plan) -> list[Problem]:
    problems: list[Problem] = []
    for task in plan.tasks:
        deadline = task_deadline(task.deadline, plan.year, task.text, task.deadline_type)
        sheet, cell = plan.cell("NhiemVu", "deadline", task.row)
        if task.deadline_type is DeadlineType.ONCE and parse_deadline(task.deadline, plan.year).due is None:
            problems.append(Problem(
                f"Nhiệm vụ {task.id} ghi Loại thời hạn 'một lần' nhưng Thời gian '{task.deadline}' không nêu hạn; "
                f"báo cáo tính hạn là ngày 31/12/{plan.year}.", plan.source, sheet, cell, Severity.WARNING))
        elif deadline.kind is DeadlineKind.UNKNOWN:
            problems.append(Problem(
                f"Không hiểu thời gian '{task.deadline}' của nhiệm vụ {task.id}; báo cáo sẽ ghi 'không xác định'.",
                plan.source, sheet, cell, Severity.WARNING))
        elif deadline.years and not min(deadline.years) <= plan.year <= max(deadline.years):
            problems.append(Problem(
                f"Thời gian '{task.deadline}' của nhiệm vụ {task.id} ghi năm {', '.join(map(str, deadline.years))}, "
                f"khác năm kế hoạch {plan.year}.",
                plan.source, sheet, cell, Severity.WARNING))
    return problems


def _entries(plan: Plan) -> list[Problem]:
    """TienDo rows that are readable but doubtful."""
    out: list[Problem] = []
    tasks = {t.id: t for t in plan.tasks}

    def warn(key: str, row: int, message: str) -> None:
        sheet, cell = plan.cell("TienDo", key, row)
        out.append(Problem(message, plan.source, sheet, cell, Severity.WARNING))

    for e in plan.entries:
        task = tasks.get(e.task)
        if task and e.unit not in task.lead and e.unit not in task.support:
            warn("unit", e.row, f"Đơn vị {e.unit} không được giao nhiệm vụ {e.task} (không chủ trì, không phối hợp).")
        for key, message in contradictions(e):  # the report's status Phụ lục flags the same
            warn(key, e.row, message)
        period = plan.periods.get(e.period)
        if period and period.cutoff_to and e.done_on and e.done_on > period.cutoff_to:
            warn("done_on", e.row, f"Ngày hoàn thành {e.done_on:%d/%m/%Y} sau ngày chốt số liệu kỳ {e.period} "
                                   f"({period.cutoff_to:%d/%m/%Y}).")
    return out
