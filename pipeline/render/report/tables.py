"""The report's tables (Bảng 1–6) and its status Phụ lục, as rows of formatted text."""

from __future__ import annotations

from pipeline import formatting as fmt
from pipeline.derive.rollup import Summary, TaskStatus
from pipeline.derive.targets import verdict
from pipeline.model import TaskClass
from pipeline.render.report.common import Inputs, class_label, status_text, unique

Row = dict[str, object]


def by_class(r: Inputs) -> list[Row]:
    """Bảng 1: tasks by class."""
    counts, total = r.roll.counts(), len(r.roll.statuses)
    return [{"stt": i, "ten": class_label(k), "so": fmt.integer(counts[k]),
             "ty_le": fmt.ratio_percent(counts[k], total)} for i, k in enumerate(TaskClass, 1)]


def stats_row(s: Summary) -> dict[str, str]:
    return {"tong": fmt.integer(s.total), "xong": fmt.integer(s.done), "qua_han": fmt.integer(s.overdue),
            "ty_le": fmt.ratio_percent(s.done, s.total)}


def by_section(r: Inputs) -> list[Row]:
    """Bảng 2: tasks by section."""
    return [{"stt": sec.roman, "ten": sec.title, **stats_row(s)} for sec, _, s in r.roll.by_section(r.sections)]


def targets(r: Inputs) -> list[Row]:
    """Bảng 3: the plan's targets and this period's results."""
    out: list[Row] = []
    for i, t in enumerate(r.plan.targets, 1):
        actual, result = verdict(t, r.period)
        out.append({"stt": i, "ten": t.name,
                    "ke_hoach": f"{fmt.op_symbol(t.op)} {fmt.quantity(t.value, t.unit)}".lstrip("= "),
                    "ket_qua": "" if actual is None else fmt.quantity(actual, t.unit), "danh_gia": result})
    return out


def overdue_state(s: TaskStatus) -> str:
    lead = s.lead_entries()
    if not lead:
        return "Chưa có báo cáo"
    pct = [e.percent for e in lead if e.percent is not None]
    return f"Đang thực hiện ({fmt.percent(min(pct))})" if pct else "Đang thực hiện"


def overdue(r: Inputs) -> list[Row]:
    """Bảng 4: overdue tasks."""
    return [{"stt": i, "nhiem_vu": s.task.text, "don_vi": r.names.of(s.task.lead, full=True),
             "thoi_han": s.task.deadline, "tinh_trang": overdue_state(s)} for i, s in enumerate(r.facts.overdue, 1)]


def silent_units(r: Inputs) -> list[Row]:
    """Bảng 5: units that have not reported for the period."""
    due = r.plan.periods[r.period].unit_due
    due_text = fmt.short_date(due) if due else ""
    return [{"stt": i, "ten": r.names.names[u.code], "so_nv": fmt.integer(u.tasks), "han": due_text}
            for i, u in enumerate(r.facts.silent, 1)]


def units(r: Inputs) -> list[Row]:
    """Bảng 6: each unit's tasks."""
    return [{"stt": i, "ten": r.names.names[u.code], "chu_tri": fmt.integer(u.tasks), "xong": fmt.integer(u.done),
             "qua_han": fmt.integer(u.overdue), "bao_cao": "Đã gửi" if u.reported else "Chưa gửi"}
            for i, u in enumerate((u for u in r.roll.units if u.tasks), 1)]


def appendix_row(stt: int, s: TaskStatus, r: Inputs) -> Row:
    lead = s.lead_entries()
    result = unique(e.result for e in lead) + unique(e.evidence for e in lead)
    notes = unique(e.issues for e in lead) + unique(e.note for e in lead)
    return {"stt": stt, "nhiem_vu": s.task.text, "don_vi": r.names.of(s.task.lead, full=True),
            "thoi_han": s.task.deadline,
            "tinh_trang": status_text(s).capitalize(), "ket_qua": "\n".join(result), "ghi_chu": "\n".join(notes)}


def appendix(r: Inputs) -> list[Row]:
    """The status Phụ lục: every task, grouped by section."""
    return [{"so": sec.roman, "ten": sec.title,
             "nhiem_vu": [appendix_row(n.stt, r.by_id[n.task.id], r) for n in sec.tasks]}
            for sec in r.sections]
