"""The report's streamed parts, along the Bộ Nội vụ outline: I chỉ đạo, điều hành; II the
plan's own sections; III đánh giá chung; IV phương hướng; V kiến nghị. Everything the
data can say is computed; what only the clerk can say comes from NhanXet."""

from __future__ import annotations

import datetime as dt

from pipeline import formatting as fmt
from pipeline.derive.amend import in_force
from pipeline.derive.rollup import TaskStatus
from pipeline.model import Amendment, ReformArea, RemarkPart, TaskClass
from pipeline.render.report.annex import quote, quoted_areas
from pipeline.render.report.common import Inputs, Names, Para, class_sentence, is_direction, para, task_line
from pipeline.schema import roman


def plan_decision(r: Inputs) -> str:
    """'ban hành kèm theo Quyết định số 05/QĐ-… ngày … của …' once the decision has its số, else ''."""
    a, d = r.plan.agency, r.plan.decision
    if not d.number.strip():
        return ""
    return (f"ban hành kèm theo Quyết định số {fmt.symbol(d.number, 'QĐ', a.abbr)} "
            f"{fmt.long_date(d.date, r.plan.year)} của {a.head_title} {a.name}")


def plan_reference(r: Inputs) -> str:
    """' (ban hành kèm theo Quyết định số 05/QĐ-… ngày … của …)' once the decision has its số."""
    decision = plan_decision(r)
    return f" ({decision})" if decision else ""


# -- the opening: the plan, its amendments in force, the request answered ----------------


def decision_symbol(number: str, abbr: str) -> str:
    """'120/QĐ-SNV' from '120'; a number typed with its symbol is kept as typed."""
    return number.strip() if "/" in number else fmt.symbol(number, "QĐ", abbr)


def amendments_phrase(amendments: list[Amendment], abbr: str, year: int) -> str:
    """'được sửa đổi, bổ sung tại Quyết định số 120/QĐ-… ngày … và Quyết định số …'."""
    cited = [f"Quyết định số {decision_symbol(a.decision_no, abbr)} {fmt.long_date(a.date, year)}" for a in amendments]
    if not cited:
        return ""
    listed = cited[0] if len(cited) == 1 else ", ".join(cited[:-1]) + " và " + cited[-1]
    return f"được sửa đổi, bổ sung tại {listed}"


def request_text(text: str) -> str:
    """KyBaoCao's request line as the opening cites it: without a leading 'Thực hiện' or a final stop."""
    text = " ".join(text.split())
    if text.casefold().startswith("thực hiện "):
        text = text[len("thực hiện "):]
    return text.rstrip(" .;,")


def opening(r: Inputs) -> str:
    """'Thực hiện Kế hoạch … (ban hành kèm theo …; được sửa đổi, bổ sung tại …) và Công văn số … của
    Sở Nội vụ …, Sở … báo cáo …'."""
    plan, p, a = r.plan, r.plan.periods[r.period], r.plan.agency
    inside = [x for x in (plan_decision(r), amendments_phrase(r.facts.amendments, a.abbr, plan.year)) if x]
    basis = f"Kế hoạch cải cách hành chính năm {plan.year}" + (f" ({'; '.join(inside)})" if inside else "")
    request = request_text(p.request)
    return (f"Thực hiện {basis}{' và ' + request if request else ''}, {a.name} báo cáo kết quả thực hiện công tác "
            f"cải cách hành chính {r.phrase} (số liệu trong kỳ từ ngày {fmt.short_date(p.cutoff_from)} đến ngày "
            f"{fmt.short_date(p.cutoff_to)}; tiến độ thực hiện Kế hoạch tính lũy kế từ đầu năm) như sau:")


def intro(r: Inputs) -> list[Para]:
    total = len(r.roll.statuses)
    return [
        para("1. Ban hành và triển khai Kế hoạch cải cách hành chính", "tieu_de"),
        para(f"{r.plan.agency.name} ban hành Kế hoạch cải cách hành chính năm {r.plan.year}{plan_reference(r)} gồm "
             f"{fmt.integer(total)} nhiệm vụ thuộc {fmt.integer(len(r.sections))} lĩnh vực. Tính đến ngày "
             f"{fmt.short_date(r.roll.period.cutoff_to)}, {class_sentence(r.roll.counts(), total)} "
             f"(Bảng 1, Bảng 2 và {r.status_label})."),
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
    return out + quote(r, ReformArea.DIRECTION) + [para(t) for t in r.remarks(RemarkPart.CHI_DAO)]


def results(r: Inputs) -> list[Para]:
    """Part II: each section but chỉ đạo, điều hành, with its count and its tasks."""
    out: list[Para] = []
    areas = quoted_areas([sec for sec in r.sections if not is_direction(sec)])
    for i, sec in enumerate((sec for sec in r.sections if not is_direction(sec)), 1):
        sts = [r.by_id[n.task.id] for n in sec.tasks]
        out.append(para(f"{i}. {sec.title}", "tieu_de"))
        out.append(para(f"Tổng số {fmt.integer(len(sts))} nhiệm vụ: {class_sentence(r.roll.counts(sts), len(sts))}."))
        out += quote(r, areas[sec.title]) if sec.title in areas else []
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


def outlook_heading(r: Inputs) -> str:
    """Part IV's heading: the next period's, or after the year's last period the next year's."""
    if r.facts.outlook.annual:
        return f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {r.plan.year + 1}"
    return "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TIẾP THEO"


def outlook_line(s: TaskStatus, names: Names, overdue: bool = False) -> Para:
    """'- Xây dựng … (Các phòng, đơn vị thuộc Sở chủ trì, 4/10 đơn vị đã hoàn thành; hạn 31/12/2030).'"""
    lead = s.task.lead
    who = f"{names.of(lead)} chủ trì"
    if len(lead) > 1:
        done = sum(1 for u in lead if u in s.latest and s.latest[u].status.done)
        who += f", {done}/{len(lead)} đơn vị đã hoàn thành"
    late = ", đã quá hạn" if overdue else ""
    return para(f"- {s.task.text.rstrip('.')} ({who}; hạn {fmt.deadline_label(s.deadline)}{late}).")


def _going_on(r: Inputs) -> list[Para]:
    """What has no date to list: multi-year, recurring and conditional tasks, as one sentence."""
    counts = r.roll.counts()
    later = r.facts.outlook.later
    pieces = []
    if later and not r.facts.outlook.annual:
        pieces.append(f"{fmt.integer(len(later))} nhiệm vụ có thời hạn sau năm {r.plan.year}")
    if counts[TaskClass.RECURRING]:
        pieces.append(f"{fmt.integer(counts[TaskClass.RECURRING])} nhiệm vụ thường xuyên, định kỳ")
    text = f"Tiếp tục triển khai {' và '.join(pieces)}" if pieces else ""
    if counts[TaskClass.CONDITIONAL]:
        waiting = (f"theo dõi {fmt.integer(counts[TaskClass.CONDITIONAL])} nhiệm vụ chờ điều kiện (văn bản, "
                   "hướng dẫn hoặc phê duyệt của cấp có thẩm quyền)")
        text = f"{text}; {waiting}" if text else waiting[0].upper() + waiting[1:]
    return [para(text + ".")] if text else []


def outlook(r: Inputs) -> list[Para]:
    """Part IV: what falls due in the next period and by the year's end, what is overdue, what goes on."""
    look, names, year = r.facts.outlook, r.names, r.plan.year
    if look.annual:
        return _annual_outlook(r)
    assert look.end is not None  # not the year's last period
    number = iter(range(1, 5))
    out = [para(f"{next(number)}. Nhiệm vụ đến hạn trong kỳ tiếp theo (từ ngày {fmt.short_date(look.start)} đến "
                f"ngày {fmt.short_date(look.end)})", "tieu_de")]
    out += [outlook_line(s, names) for s in look.due_next] or [para("Không có nhiệm vụ đến hạn trong kỳ tiếp theo.")]
    if look.end < look.year_end:
        rest_from = look.end + dt.timedelta(days=1)
        out.append(para(f"{next(number)}. Nhiệm vụ còn lại phải hoàn thành trong năm {year} (đến hạn từ ngày "
                        f"{fmt.short_date(rest_from)} đến ngày {fmt.short_date(look.year_end)})", "tieu_de"))
        out += [outlook_line(s, names) for s in look.due_rest] or [
            para(f"Không có nhiệm vụ nào khác đến hạn trong năm {year}.")]
    out.append(para(f"{next(number)}. Nhiệm vụ quá hạn cần tập trung hoàn thành", "tieu_de"))
    out += [outlook_line(s, names, overdue=True) for s in look.overdue] or [para("Không có nhiệm vụ quá hạn.")]
    return out + _going_on(r) + [para(t) for t in r.remarks(RemarkPart.PHUONG_HUONG)]


def _annual_outlook(r: Inputs) -> list[Para]:
    """After the year's last period: this year's unfinished tasks carried on, the multi-year ones,
    and the next year's direction, which only the clerk can write."""
    look, names, year = r.facts.outlook, r.names, r.plan.year
    out = [para(f"1. Nhiệm vụ năm {year} chưa hoàn thành (tính đến ngày {fmt.short_date(r.roll.period.cutoff_to)}), "
                f"tiếp tục thực hiện trong năm {year + 1}", "tieu_de")]
    carried = [outlook_line(s, names, overdue=True) for s in look.overdue]
    carried += [outlook_line(s, names) for s in look.due_rest]
    out += carried or [para(f"Các nhiệm vụ có thời hạn trong năm {year} đã hoàn thành.")]
    if look.later:
        out.append(para(f"2. Nhiệm vụ nhiều năm tiếp tục thực hiện trong năm {year + 1}", "tieu_de"))
        out += [outlook_line(s, names) for s in look.later]
    return out + _going_on(r) + r.remarks_or_missing(RemarkPart.PHUONG_HUONG)


def proposals(r: Inputs) -> list[Para]:
    return r.remarks_or_missing(RemarkPart.KIEN_NGHI)
