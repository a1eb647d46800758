"""Model → the dict templates/kehoach_donvi.docx sees: a unit's own CCHC plan, drafted from
the department's (seed Part IV.3), as a Kế hoạch issued on its own (Nghị định 30, Mẫu 1.4).

The department is the cơ quan chủ quản and the unit the issuer; the opening cites the
department's plan by its Quyết định's number and date, or leaves the blanks a draft
leaves; the Phụ lục lists the unit's tasks from the department's Phụ lục, those it leads
apart from those it supports, with the department's deadlines; what the department's
plan asks of this unit (DonVi) is quoted; the unit's head signs.
"""

from __future__ import annotations

from pipeline import formatting as fmt
from pipeline.derive.unit_plans import UnitTask, abbreviation, head_title, unit_tasks
from pipeline.model import Plan, Signer, Unit
from pipeline.render.blocks import plan_values, signature
from pipeline.render.report.common import Names
from pipeline.schema import roman

Para = dict[str, str]


def _para(text: str, kind: str = "doan") -> Para:
    return {"kieu": kind, "text": text}


def department_plan(plan: Plan) -> str:
    """'Kế hoạch cải cách hành chính năm 2025 của Sở … ban hành kèm theo Quyết định số 05/QĐ-…
    ngày … của Giám đốc Sở …', blanks where the Quyết định has no số or day yet."""
    a, d = plan.agency, plan.decision
    return (f"Kế hoạch cải cách hành chính năm {plan.year} của {a.name} ban hành kèm theo Quyết định số "
            f"{fmt.symbol(d.number, 'QĐ', a.abbr)} {fmt.long_date(d.date, plan.year)} của {a.head_title} {a.name}")


def _partners(t: UnitTask, unit: Unit, names: Names) -> str:
    others, support = t.partners(unit.code)
    if not t.lead:
        return f"{names.of(others, full=True)} (chủ trì)"
    parts = []
    if others:
        text = names.of(others, full=True) if len(others) <= 3 else f"{len(others)} phòng, đơn vị khác của Sở"
        parts.append(f"Cùng chủ trì: {text}")
    if support:
        text = names.of(support, full=True) if len(support) <= 3 else f"{len(support)} phòng, đơn vị của Sở"
        parts.append(f"Phối hợp: {text}")
    return "; ".join(parts)


def _rows(tasks: list[UnitTask], unit: Unit, names: Names) -> list[dict[str, object]]:
    return [{"stt": i, "nhiem_vu": t.task.text, "phoi_hop": _partners(t, unit, names), "thoi_gian": t.task.deadline,
             "san_pham": t.task.product, "ke_hoach_so": f"{t.reference} – {t.section_title}"}
            for i, t in enumerate(tasks, 1)]


def _groups(lead: list[UnitTask], support: list[UnitTask], unit: Unit, names: Names) -> list[dict[str, object]]:
    parts = [("NHIỆM VỤ CHỦ TRÌ THỰC HIỆN", lead), ("NHIỆM VỤ PHỐI HỢP THỰC HIỆN", support)]
    return [{"so": roman(i), "ten": title, "nhiem_vu": _rows(tasks, unit, names)}
            for i, (title, tasks) in enumerate(((t, x) for t, x in parts if x), 1)]


def _reports(plan: Plan) -> str:
    due = [f"{p.name} trước ngày {fmt.short_date(p.unit_due)}" for _, p in sorted(plan.periods.items()) if p.unit_due]
    return "; ".join(due)


def _body(plan: Plan, unit: Unit, lead: list[UnitTask], support: list[UnitTask]) -> list[Para]:
    a = plan.agency
    head = plan_values(plan)["người đứng đầu"]  # "Giám đốc Sở"
    part = {"lead": "I" if lead else "", "support": ("II" if lead else "I") if support else ""}
    out = [
        _para(f"Thực hiện {department_plan(plan)}, {unit.name} xây dựng Kế hoạch cải cách hành chính năm "
              f"{plan.year} của đơn vị như sau:"),
        _para("I. MỤC ĐÍCH, YÊU CẦU", "muc"),
        _para(f"1. Triển khai đầy đủ, kịp thời các nhiệm vụ cải cách hành chính năm {plan.year} được giao cho "
              f"{unit.name} tại Kế hoạch của {a.name}; gắn cải cách hành chính với thực hiện nhiệm vụ chuyên môn của "
              "đơn vị."),
        _para("2. Xác định rõ nhiệm vụ, thời hạn hoàn thành, sản phẩm và trách nhiệm của từng bộ phận, công chức, "
              "viên chức; mỗi nhiệm vụ giao một bộ phận chủ trì; báo cáo kết quả đầy đủ, đúng thời hạn."),
    ]
    if unit.requirement.strip():
        out.append(_para(f"3. Bảo đảm yêu cầu của Kế hoạch của {a.name} đối với {unit.name}:"))
        out += [_para(line.strip()) for line in unit.requirement.splitlines() if line.strip()]
    out.append(_para("II. NHIỆM VỤ", "muc"))
    if lead:
        out.append(_para(f"1. Chủ trì thực hiện {fmt.integer(len(lead))} nhiệm vụ tại Phần {part['lead']} của Phụ lục "
                         f"kèm theo Kế hoạch này, bảo đảm đúng thời hạn và sản phẩm Kế hoạch của {a.name} đã giao."))
    else:
        out.append(_para(f"1. Kế hoạch của {a.name} không giao {unit.name} chủ trì nhiệm vụ nào."))
    if support:
        out.append(_para(f"2. Phối hợp với các phòng, đơn vị chủ trì thực hiện {fmt.integer(len(support))} nhiệm vụ "
                         f"tại Phần {part['support']} của Phụ lục; chủ động cung cấp thông tin, tài liệu theo đề nghị "
                         "của đơn vị chủ trì."))
    else:
        out.append(_para(f"2. Kế hoạch của {a.name} không giao {unit.name} phối hợp thực hiện nhiệm vụ nào."))
    out.append(_para("3. Nhiệm vụ cải cách hành chính riêng của đơn vị, gắn với chức năng, nhiệm vụ được giao: "
                     "……………………………………………………………………"))
    out += [
        _para("III. TỔ CHỨC THỰC HIỆN", "muc"),
        _para(f"1. {head_title(unit)} {unit.name} chịu trách nhiệm trước {head} về kết quả thực hiện Kế hoạch này; "
              "phân công bộ phận, công chức, viên chức theo dõi, thực hiện từng nhiệm vụ."),
    ]
    reports = _reports(plan)
    if reports:
        out.append(_para("2. Báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính định kỳ về Văn phòng Sở theo "
                         f"phiếu báo cáo: {reports}."))
    return out


def unit_plan_context(plan: Plan, unit: Unit) -> dict[str, object]:
    a = plan.agency
    names = Names(plan)
    lead, support = unit_tasks(plan, unit.code)
    abbr = abbreviation(unit)
    office = next((u.name for u in plan.units if u.code == a.office_code), "Văn phòng Sở")
    head = plan_values(plan)["người đứng đầu"]
    return {
        "co_quan": {"chu_quan": a.name_caps.upper(), "ban_hanh": unit.name.upper()},
        "kh": {
            "so_ky_hieu": fmt.so_line("", "KH", abbr),
            "ngay_thang": fmt.date_line(a.place, None, plan.year),
            "trich_yeu": f"Cải cách hành chính năm {plan.year} của {unit.name}",
            "doan": _body(plan, unit, lead, support),
            "ket_thuc": f"Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các bộ phận báo cáo "
                        f"{head_title(unit)} để xem xét, giải quyết hoặc báo cáo {head} (qua {office}) theo thẩm "
                        "quyền./.",
            "ky": signature(Signer(chuc_vu=head_title(unit).upper())),
            "noi_nhan": [f"- {a.name} (b/c);", f"- {office};", f"- Các bộ phận thuộc {unit.name};",
                         "- Lưu: VT, ……."],
        },
        "phu_luc": {
            "tieu_de": f"NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM {plan.year} CỦA {unit.name.upper()}",
            "kem_theo": f"(Kèm theo Kế hoạch số {fmt.symbol('', 'KH', abbr)} {fmt.long_date(None, plan.year)} của "
                        f"{unit.name})",
            "nhom": _groups(lead, support, unit, names),
        },
    }
