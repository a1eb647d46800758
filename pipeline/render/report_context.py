"""Model + roll-up → the dicts templates/baocao_quy.docx sees.

The outline follows the Bộ Nội vụ đề cương (I chỉ đạo điều hành, II kết quả by the
plan's own sections, III đánh giá, IV phương hướng, V kiến nghị). Everything data
can say is computed; what only the clerk can say comes from NhanXet, and where the
clerk wrote nothing the report says so instead of inventing text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from pipeline import format as fmt
from pipeline.derive.deadlines import DATE
from pipeline.derive.numbering import number_sections
from pipeline.derive.rollup import CLASSES, DONE_CLASSES, Rollup, TaskStatus
from pipeline.derive.targets import NOT_MET, verdict
from pipeline.model import Plan
from pipeline.render.context import addressees, plan_values, recipients, signature
from pipeline.render.docx import Image
from pipeline.schema import REMARK_PARTS
from pipeline.text import match_key


def _p(text: str, kind: str = "doan") -> dict[str, str]:
    return {"kieu": kind, "text": text}


def _missing(part: str, period_name: str) -> dict[str, str]:
    label = REMARK_PARTS[part][0]
    return _p(f"(Văn phòng chưa ghi nội dung “{label}” cho kỳ {period_name} trong sheet NhanXet.)", "ghi_chu")


class Names:
    """How units are written in the report: names, or a count when there are many."""

    def __init__(self, plan: Plan):
        self.names = {u.code: u.name for u in plan.units}
        self.all = set(self.names)

    def of(self, codes: tuple[str, ...] | list[str], full: bool = False) -> str:
        """In running text more than three units read as a count; in a table cell
        (`full`) every name is listed, unless it is every unit of the department."""
        codes = [c for c in codes if c in self.names]
        if not codes:
            return ""
        if set(codes) == self.all and len(codes) > 3:
            return "Các phòng, đơn vị thuộc Sở"
        if len(codes) > 3 and not full:
            return f"{len(codes)} phòng, đơn vị"
        return ", ".join(self.names[c] for c in codes)


def _status_text(s: TaskStatus) -> str:
    text = s.label.lower()
    if s.completed_on and s.done:
        text += f" ngày {fmt.short_date(s.completed_on)}"
    elif s.deadline.kind == DATE and s.deadline.due and not s.done:
        text += f" (hạn {fmt.short_date(s.deadline.due)})"
    return text


def _unique(values) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def task_line(s: TaskStatus, names: Names) -> str:
    """'Ban hành … (Văn phòng chủ trì): hoàn thành đúng hạn ngày 25/01/2030. Kết quả. Văn bản: …'"""
    lead = s.lead_entries()
    parts = [f"- {s.task.text.rstrip('.')} ({names.of(s.task.lead)} chủ trì): {_status_text(s)}"]
    done_units = [e.unit for e in lead if e.status in ("xong", "xong_tre")]
    if 0 < len(done_units) < len(s.task.lead) and not s.done:
        pending = [u for u in s.task.lead if u not in done_units]
        parts.append(f"{len(done_units)}/{len(s.task.lead)} đơn vị chủ trì đã hoàn thành; "
                     f"chưa hoàn thành: {names.of(pending)}")
    parts += _unique(e.result for e in lead)
    evidence = _unique(e.evidence for e in lead)
    if evidence:
        parts.append("Văn bản: " + "; ".join(evidence))
    reasons = _unique(e.note for e in lead if e.status == "khong")
    if reasons:
        parts.append("Lý do: " + "; ".join(reasons))
    return ". ".join(p.rstrip(".") for p in parts) + "."


def _class_sentence(counts, total: int) -> str:
    done = sum(counts[k] for k in DONE_CLASSES)
    pieces = [f"đã hoàn thành {fmt.integer(done)}/{fmt.integer(total)} nhiệm vụ ({fmt.ratio_percent(done, total)})"]
    details = [f"{fmt.integer(counts[k])} nhiệm vụ {CLASSES[k].lower()}" for k in CLASSES if counts[k]]
    return ", ".join(pieces) + ("; trong đó " + "; ".join(details) if details else "")


def _is_direction(title: str) -> bool:
    return "chỉ đạo" in match_key(title)


def _remarks(plan: Plan, period: int, part: str, expand: Callable[[str], str]) -> list[str]:
    return [expand(r.text) for r in plan.remarks if r.period == period and r.part == part]


def report_title(plan: Plan, period: int) -> str:
    return fmt.period_phrase(plan.periods[period].name, plan.year)


def _next_cutoff(plan: Plan, period: int, cutoff: dt.date) -> dt.date:
    if period + 1 in plan.periods:
        return plan.periods[period + 1].cutoff_to
    return cutoff + dt.timedelta(days=91)


def report_context(plan: Plan, roll: Rollup, period: int, chart: Callable[[list[str], list[float]], bytes]
                   ) -> dict[str, object]:
    a = plan.agency
    p = plan.periods[period]
    phrase = report_title(plan, period)
    lookup = fmt.placeholder_lookup(plan_values(plan) | {"kỳ báo cáo": phrase})

    def expand(text: str) -> str:
        return fmt.expand(text, lookup)

    info = plan.report
    names = Names(plan)
    cutoff = p.cutoff_to
    by_id = {s.task.id: s for s in roll.statuses}
    total = len(roll.statuses)
    counts = roll.counts()
    sections = number_sections(plan.tasks)
    direction = [sec for sec in sections if _is_direction(sec.title)]
    others = [sec for sec in sections if not _is_direction(sec.title)]

    # I. Chỉ đạo, điều hành
    d = plan.decision
    ref = ""
    if d.number.strip():
        ref = (f" (ban hành kèm theo Quyết định số {fmt.symbol(d.number, 'QĐ', a.abbr)} "
               f"{fmt.long_date(d.date, plan.year)} của {a.head_title} {a.name})")
    intro = [
        _p("1. Ban hành và triển khai Kế hoạch cải cách hành chính", "tieu_de"),
        _p(f"{a.name} ban hành Kế hoạch cải cách hành chính năm {plan.year}{ref} gồm "
           f"{fmt.integer(total)} nhiệm vụ thuộc {fmt.integer(len(sections))} lĩnh vực. Tính đến ngày "
           f"{fmt.short_date(cutoff)}, {_class_sentence(counts, total)} (Bảng 1, Bảng 2 và Phụ lục)."),
    ]
    chi_dao = [_p("2. Kết quả thực hiện các nhiệm vụ chỉ đạo, điều hành", "tieu_de")]
    for sec in direction:
        chi_dao += [_p(task_line(by_id[n.task.id], names)) for n in sec.tasks]
    if not direction:
        chi_dao.append(_p("Kế hoạch không có nhóm nhiệm vụ chỉ đạo, điều hành riêng.", "ghi_chu"))
    chi_dao += [_p(t) for t in _remarks(plan, period, "chi_dao", expand)]

    # II. Kết quả theo lĩnh vực
    ket_qua: list[dict[str, str]] = []
    chart_labels, chart_values = [], []
    for i, sec in enumerate(others, 1):
        sts = [by_id[n.task.id] for n in sec.tasks]
        c = roll.counts(sts)
        ket_qua.append(_p(f"{i}. {sec.title}", "tieu_de"))
        ket_qua.append(_p(f"Tổng số {fmt.integer(len(sts))} nhiệm vụ: {_class_sentence(c, len(sts))}."))
        ket_qua += [_p(task_line(s, names)) for s in sts]
    for sec, _, s in roll.by_section(sections):
        chart_labels.append(sec.roman)
        chart_values.append(100 * s.done / s.total)
    targets_heading = _p(f"{len(others) + 1}. Kết quả thực hiện các chỉ tiêu của Kế hoạch", "tieu_de")

    # Tables
    bang_tinh_trang = [
        {"stt": i, "ten": label, "so": fmt.integer(counts[k]), "ty_le": fmt.ratio_percent(counts[k], total)}
        for i, (k, label) in enumerate(CLASSES.items(), 1)
    ]
    def stats_row(s) -> dict[str, str]:
        return {"tong": fmt.integer(s.total), "xong": fmt.integer(s.done), "qua_han": fmt.integer(s.overdue),
                "ty_le": fmt.ratio_percent(s.done, s.total)}

    bang_linh_vuc = [{"stt": sec.roman, "ten": sec.title, **stats_row(s)} for sec, _, s in roll.by_section(sections)]
    tong_linh_vuc = stats_row(roll.summary())
    bang_chi_tieu = []
    unmet: list[str] = []
    for i, t in enumerate(plan.targets, 1):
        actual, result = verdict(t, period)
        if result == NOT_MET:
            unmet.append(t.name)
        bang_chi_tieu.append({"stt": i, "ten": t.name,
                              "ke_hoach": f"{fmt.OP_SYMBOLS[t.op]} {fmt.quantity(t.value, t.unit)}".lstrip("= "),
                              "ket_qua": "" if actual is None else fmt.quantity(actual, t.unit), "danh_gia": result})
    overdue = [s for s in roll.statuses if s.klass == "qua_han"]
    bang_qua_han = [{"stt": i, "nhiem_vu": s.task.text, "don_vi": names.of(s.task.lead, full=True),
                     "thoi_han": s.task.deadline, "tinh_trang": _overdue_state(s)} for i, s in enumerate(overdue, 1)]
    silent = [u for u in roll.units if u.tasks and not u.reported]
    unit_names = {u.code: u.name for u in plan.units}
    due_text = fmt.short_date(p.unit_due) if p.unit_due else ""
    bang_chua_bao_cao = [{"stt": i, "ten": unit_names[u.code], "so_nv": fmt.integer(u.tasks), "han": due_text}
                         for i, u in enumerate(silent, 1)]
    bang_don_vi = [{"stt": i, "ten": unit_names[u.code], "chu_tri": fmt.integer(u.tasks), "xong": fmt.integer(u.done),
                    "qua_han": fmt.integer(u.overdue), "bao_cao": "Đã gửi" if u.reported else "Chưa gửi"}
                   for i, u in enumerate((u for u in roll.units if u.tasks), 1)]

    # III. Đánh giá chung
    uu_diem = [_p("1. Ưu điểm", "tieu_de")]
    uu_diem += [_p(t) for t in _remarks(plan, period, "uu_diem", expand)] or [_missing("uu_diem", phrase)]
    han_che = [_p("2. Tồn tại, hạn chế và nguyên nhân", "tieu_de")]
    facts = []
    if overdue:
        facts.append(f"Còn {fmt.integer(len(overdue))} nhiệm vụ quá hạn chưa hoàn thành (Bảng 4).")
    if silent:
        facts.append(f"{fmt.integer(len(silent))} đơn vị chưa gửi báo cáo kỳ này: "
                     f"{', '.join(unit_names[u.code] for u in silent)} (Bảng 5).")
    if unmet:
        facts.append("Chỉ tiêu chưa đạt: " + "; ".join(unmet) + " (Bảng 3).")
    han_che += [_p(f"- {f}") for f in facts]
    han_che += [_p(t) for t in _remarks(plan, period, "han_che", expand)] or [_missing("han_che", phrase)]
    han_che += [_p(f"Nguyên nhân: {t}") for t in _remarks(plan, period, "nguyen_nhan", expand)] or [
        _missing("nguyen_nhan", phrase)]

    # IV. Phương hướng
    until = _next_cutoff(plan, period, cutoff)
    upcoming = [s for s in roll.statuses if not s.done and s.klass not in ("khong",) and s.deadline.kind == DATE
                and s.deadline.due and cutoff <= s.deadline.due <= until]
    phuong_huong = [_p("1. Nhiệm vụ đến hạn trong kỳ tiếp theo", "tieu_de")]
    phuong_huong += [_p(f"- {s.task.text.rstrip('.')} ({names.of(s.task.lead)} chủ trì; hạn "
                        f"{fmt.short_date(s.deadline.due)}).") for s in upcoming] or [
        _p(f"Không có nhiệm vụ đến hạn từ ngày {fmt.short_date(cutoff)} đến ngày {fmt.short_date(until)}.")]
    phuong_huong.append(_p("2. Nhiệm vụ quá hạn cần tập trung hoàn thành", "tieu_de"))
    phuong_huong += [_p(f"- {s.task.text.rstrip('.')} ({names.of(s.task.lead)} chủ trì; hạn "
                        f"{fmt.deadline_label(s.deadline)}).") for s in overdue] or [_p("Không có nhiệm vụ quá hạn.")]
    ongoing = counts["thuong_xuyen"] + counts["cho_dieu_kien"] + counts["dang"]
    if ongoing:
        phuong_huong.append(_p(f"Tiếp tục triển khai {fmt.integer(counts['dang'])} nhiệm vụ đang thực hiện, "
                               f"{fmt.integer(counts['thuong_xuyen'])} nhiệm vụ thường xuyên và theo dõi "
                               f"{fmt.integer(counts['cho_dieu_kien'])} nhiệm vụ chờ điều kiện."))
    phuong_huong += [_p(t) for t in _remarks(plan, period, "phuong_huong", expand)]
    kien_nghi = [_p(t) for t in _remarks(plan, period, "kien_nghi", expand)] or [_missing("kien_nghi", phrase)]

    # Document parts
    report_no = p.report_no
    so = fmt.so_line(report_no, "BC", a.abbr)
    summary = expand(info.summary or "Kết quả thực hiện công tác cải cách hành chính {kỳ báo cáo}")
    kinh_gui = [expand(x) for x in info.addressees]
    opening = (f"Thực hiện Kế hoạch cải cách hành chính năm {plan.year}{ref}, {a.name} báo cáo kết quả thực hiện "
               f"công tác cải cách hành chính {phrase} (số liệu trong kỳ từ ngày {fmt.short_date(p.cutoff_from)} "
               f"đến ngày {fmt.short_date(cutoff)}; tiến độ thực hiện Kế hoạch tính lũy kế từ đầu năm) như sau:")
    closing = f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {phrase} của {a.name}./."
    pl_ref = (f"(Kèm theo Báo cáo số {fmt.symbol(report_no, 'BC', a.abbr)} {fmt.long_date(p.report_date, plan.year)}"
              f" của {a.name})")
    return {
        "co_quan": {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name},
        "bc": {
            "so_ky_hieu": so,
            "ngay_thang": fmt.date_line(a.place, p.report_date, plan.year),
            "trich_yeu": summary,
            **addressees(kinh_gui),
            "mo_dau": opening,
            "gioi_thieu": intro,
            "chi_dao": chi_dao,
            "ket_qua": ket_qua,
            "chi_tieu_tieu_de": targets_heading["text"],
            "danh_gia_uu_diem": uu_diem,
            "danh_gia_han_che": han_che,
            "phuong_huong": phuong_huong,
            "kien_nghi": kien_nghi,
            "ket_thuc": closing,
            "bang_tinh_trang": bang_tinh_trang,
            "tong_tinh_trang": {"so": fmt.integer(total), "ty_le": "100%"},
            "bang_linh_vuc": bang_linh_vuc,
            "tong_linh_vuc": tong_linh_vuc,
            "bang_chi_tieu": bang_chi_tieu,
            "bang_qua_han": bang_qua_han,
            "bang_chua_bao_cao": bang_chua_bao_cao,
            "bang_don_vi": bang_don_vi,
            "bieu_do": Image(chart(chart_labels, chart_values), 140),
            "chu_thich_hinh": f"Hình 1. Tỷ lệ nhiệm vụ đã hoàn thành theo lĩnh vực (số La Mã như Bảng 2), {phrase}",
            "ky": signature(info.signer or plan.decision.signer) or {"dong1": "", "dong2": "", "ten": ""},
            "noi_nhan": recipients(info.recipients, a.office_code, expand),
        },
        "phu_luc": {
            "tieu_de": f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {phrase.upper()}",
            "kem_theo": pl_ref,
            "nhom": [
                {"so": sec.roman, "ten": sec.title,
                 "nhiem_vu": [_appendix_row(n.stt, by_id[n.task.id], names) for n in sec.tasks]}
                for sec in sections
            ],
        },
    }


def _overdue_state(s: TaskStatus) -> str:
    lead = s.lead_entries()
    if not lead:
        return "Chưa có báo cáo"
    pct = [e.percent for e in lead if e.percent is not None]
    return f"Đang thực hiện ({fmt.percent(min(pct))})" if pct else "Đang thực hiện"


def _appendix_row(stt: int, s: TaskStatus, names: Names) -> dict[str, object]:
    lead = s.lead_entries()
    result = _unique(e.result for e in lead) + _unique(e.evidence for e in lead)
    notes = _unique(e.issues for e in lead) + _unique(e.note for e in lead)
    return {"stt": stt, "nhiem_vu": s.task.text, "don_vi": names.of(s.task.lead, full=True),
            "thoi_han": s.task.deadline,
            "tinh_trang": _status_text(s).capitalize(), "ket_qua": "\n".join(result), "ghi_chu": "\n".join(notes)}


