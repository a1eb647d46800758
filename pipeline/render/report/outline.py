"""The report's streamed parts, along the Bộ Nội vụ outline: I chỉ đạo, điều hành; II the
plan's own sections; III đánh giá chung; IV phương hướng; V kiến nghị. Everything the
data can say is computed; what only the clerk can say comes from NhanXet."""

from __future__ import annotations

from pipeline import formatting as fmt
from pipeline.derive.amend import in_force
from pipeline.model import RemarkPart, TaskClass
from pipeline.render.report.common import Inputs, Para, class_sentence, is_direction, para, task_line
from pipeline.schema import roman


def plan_reference(r: Inputs) -> str:
    """' (ban hành kèm theo Quyết định số 05/QĐ-… ngày … của …)' once the decision has its số."""
    a, d = r.plan.agency, r.plan.decision
    if not d.number.strip():
        return ""
    return (f" (ban hành kèm theo Quyết định số {fmt.symbol(d.number, 'QĐ', a.abbr)} "
            f"{fmt.long_date(d.date, r.plan.year)} của {a.head_title} {a.name})")


def intro(r: Inputs) -> list[Para]:
    total = len(r.roll.statuses)
    return [
        para("1. Ban hành và triển khai Kế hoạch cải cách hành chính", "tieu_de"),
        para(f"{r.plan.agency.name} ban hành Kế hoạch cải cách hành chính năm {r.plan.year}{plan_reference(r)} gồm "
             f"{fmt.integer(total)} nhiệm vụ thuộc {fmt.integer(len(r.sections))} lĩnh vực. Tính đến ngày "
             f"{fmt.short_date(r.roll.period.cutoff_to)}, {class_sentence(r.roll.counts(), total)} "
             "(Bảng 1, Bảng 2 và Phụ lục)."),
        *unit_plans(r),
        *dropped_tasks(r),
    ]


def unit_plans(r: Inputs) -> list[Para]:
    """Quý I: how many units sent their own CCHC plan on time, and the others by name (issue 11)."""
    from pipeline.derive.unit_plans import PlanState, plan_due, plan_statuses

    statuses = plan_statuses(r.plan, r.roll.period.cutoff_to)
    if r.period != 1 or not statuses:
        return []
    due = fmt.short_date(plan_due(r.plan))
    on_time = sum(s.state is PlanState.ON_TIME for s in statuses)
    text = (f"Đến ngày {fmt.short_date(r.roll.period.cutoff_to)}, {fmt.integer(on_time)}/{fmt.integer(len(statuses))} "
            f"chi cục, đơn vị sự nghiệp đã gửi Kế hoạch cải cách hành chính năm {r.plan.year} của đơn vị đúng hạn "
            f"(hạn {due})")
    late = [f"{s.unit.name} (ngày {fmt.short_date(s.receipt.received)})" for s in statuses
            if s.state is PlanState.LATE and s.receipt and s.receipt.received]
    missing = [s.unit.name for s in statuses if not s.received]
    if late:
        text += f"; gửi quá hạn: {', '.join(late)}"
    if missing:
        text += f"; chưa gửi: {', '.join(missing)}"
    return [para(text + ".")]


def dropped_tasks(r: Inputs) -> list[Para]:
    """Issue 12: the tasks an amendment dropped before the cut-off, named once with the decision
    that dropped them; they are in no count of the report."""
    dropped = in_force(r.plan, r.roll.period.cutoff_to).dropped
    if not dropped:
        return []
    abbr = r.plan.agency.abbr
    out = [para(f"Không tính vào số liệu báo cáo {fmt.integer(len(dropped))} nhiệm vụ đã bãi bỏ trước ngày chốt số "
                "liệu:")]
    for d in dropped:
        it, by = d.task, d.by
        out.append(para(f"- {it.task.text.rstrip('.')} (nhiệm vụ số {it.stt}, mục {roman(it.section_no)}; bãi bỏ "
                        f"tại Quyết định số {fmt.symbol(by.decision_no, 'QĐ', abbr)} ngày "
                        f"{fmt.short_date(by.date)})."))
    return out


def direction(r: Inputs) -> list[Para]:
    out = [para("2. Kết quả thực hiện các nhiệm vụ chỉ đạo, điều hành", "tieu_de")]
    sections = [sec for sec in r.sections if is_direction(sec)]
    for sec in sections:
        out += [para(task_line(r.by_id[n.task.id], r.names)) for n in sec.tasks]
    if not sections:
        out.append(para("Kế hoạch không có nhóm nhiệm vụ chỉ đạo, điều hành riêng.", "ghi_chu"))
    return out + [para(t) for t in r.remarks(RemarkPart.CHI_DAO)]


def results(r: Inputs) -> list[Para]:
    """Part II: each section but chỉ đạo, điều hành, with its count and its tasks."""
    out: list[Para] = []
    for i, sec in enumerate((sec for sec in r.sections if not is_direction(sec)), 1):
        sts = [r.by_id[n.task.id] for n in sec.tasks]
        out.append(para(f"{i}. {sec.title}", "tieu_de"))
        out.append(para(f"Tổng số {fmt.integer(len(sts))} nhiệm vụ: {class_sentence(r.roll.counts(sts), len(sts))}."))
        out += [para(task_line(s, r.names)) for s in sts]
    return out


def targets_heading(r: Inputs) -> str:
    return f"{sum(not is_direction(sec) for sec in r.sections) + 1}. Kết quả thực hiện các chỉ tiêu của Kế hoạch"


def strengths(r: Inputs) -> list[Para]:
    return [para("1. Ưu điểm", "tieu_de"), *r.remarks_or_missing(RemarkPart.UU_DIEM)]


def shortfalls(r: Inputs) -> list[Para]:
    """Part III.2: the facts the data shows, then the clerk's hạn chế and nguyên nhân."""
    f = r.facts
    facts = []
    if f.overdue:
        facts.append(f"Còn {fmt.integer(len(f.overdue))} nhiệm vụ quá hạn chưa hoàn thành (Bảng 4).")
    if f.silent:
        facts.append(f"{fmt.integer(len(f.silent))} đơn vị chưa gửi báo cáo kỳ này: "
                     f"{', '.join(r.names.names[u.code] for u in f.silent)} (Bảng 5).")
    if f.unmet:
        facts.append("Chỉ tiêu chưa đạt: " + "; ".join(t.name for t in f.unmet) + " (Bảng 3).")
    out = [para("2. Tồn tại, hạn chế và nguyên nhân", "tieu_de"), *(para(f"- {x}") for x in facts)]
    out += r.remarks_or_missing(RemarkPart.HAN_CHE)
    out += [para(f"Nguyên nhân: {t}") for t in r.remarks(RemarkPart.NGUYEN_NHAN)] or [
        r.missing(RemarkPart.NGUYEN_NHAN)]
    return out


def outlook(r: Inputs) -> list[Para]:
    """Part IV: what falls due next, what is overdue, what goes on."""
    f, names = r.facts, r.names
    cutoff = r.roll.period.cutoff_to
    out = [para("1. Nhiệm vụ đến hạn trong kỳ tiếp theo", "tieu_de")]
    out += [para(f"- {s.task.text.rstrip('.')} ({names.of(s.task.lead)} chủ trì; hạn "
                 f"{fmt.deadline_label(s.deadline)}).") for s in f.upcoming] or [
        para(f"Không có nhiệm vụ đến hạn từ ngày {fmt.short_date(cutoff)} đến ngày {fmt.short_date(f.next_cutoff)}.")]
    out.append(para("2. Nhiệm vụ quá hạn cần tập trung hoàn thành", "tieu_de"))
    out += [para(f"- {s.task.text.rstrip('.')} ({names.of(s.task.lead)} chủ trì; hạn "
                 f"{fmt.deadline_label(s.deadline)}).") for s in f.overdue] or [para("Không có nhiệm vụ quá hạn.")]
    counts = r.roll.counts()
    going, recurring, waiting = (counts[TaskClass.IN_PROGRESS], counts[TaskClass.RECURRING],
                                 counts[TaskClass.CONDITIONAL])
    if going + recurring + waiting:
        out.append(para(f"Tiếp tục triển khai {fmt.integer(going)} nhiệm vụ đang thực hiện, "
                        f"{fmt.integer(recurring)} nhiệm vụ thường xuyên và theo dõi "
                        f"{fmt.integer(waiting)} nhiệm vụ chờ điều kiện."))
    return out + [para(t) for t in r.remarks(RemarkPart.PHUONG_HUONG)]


def proposals(r: Inputs) -> list[Para]:
    return r.remarks_or_missing(RemarkPart.KIEN_NGHI)
