"""Model → the dict templates/congvan_dondoc.docx sees: a công văn urging the units
that have not reported for a period to send their report, or that have not sent their
own CCHC plan (Nghị định 30 công văn)."""

from __future__ import annotations

import datetime as dt

from pipeline import formatting as fmt
from pipeline.model import Plan
from pipeline.render.blocks import addressees, recipients, signature


def units_words(count: int) -> tuple[str, str]:
    """How the công văn names the units it is sent to: ("đơn vị", "đơn vị có tên trên") for one,
    ("các đơn vị", "các đơn vị có tên trên") for several."""
    return ("đơn vị", "đơn vị có tên trên") if count == 1 else ("các đơn vị", "các đơn vị có tên trên")


def remind_context(plan: Plan, period: int, units: list[str], deadline: dt.date,
                   date: dt.date | None = None) -> dict[str, object]:
    """The công văn to `units` for period `period`, giving them until `deadline`; `date` is the
    công văn's (None: a draft, the date left blank)."""
    a = plan.agency
    p = plan.periods[period]
    phrase = fmt.period_phrase(p.name, plan.year)
    names = {u.code: u.name for u in plan.units}
    due = f" trước ngày {fmt.short_date(p.unit_due)}" if p.unit_due else ""
    who, named = units_words(len(units))
    body = [
        f"Thực hiện Kế hoạch cải cách hành chính năm {plan.year} của {a.name}, các phòng, đơn vị gửi báo cáo kết "
        f"quả thực hiện nhiệm vụ cải cách hành chính {phrase} về Văn phòng Sở{due} (số liệu từ ngày "
        f"{fmt.short_date(p.cutoff_from)} đến ngày {fmt.short_date(p.cutoff_to)}).",
        f"Đến nay, Văn phòng Sở chưa nhận được báo cáo của {named}.",
        f"Để kịp tổng hợp, báo cáo Sở Nội vụ đúng thời hạn, đề nghị {who} khẩn trương hoàn thành phiếu báo cáo kết "
        f"quả thực hiện nhiệm vụ cải cách hành chính của đơn vị và gửi về Văn phòng Sở trước ngày "
        f"{fmt.short_date(deadline)}./.",
    ]
    office = a.office_code
    signer = plan.report.signer if plan.report and plan.report.signer else plan.decision.signer
    return {
        "co_quan": {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name},
        "cv": {
            # A công văn's ký hiệu has no type: <agency>-<drafting unit>.
            "so_ky_hieu": fmt.so_line("", "", f"{a.abbr}-{office}"),
            "trich_yeu": f"V/v đôn đốc báo cáo kết quả CCHC {phrase}",
            "ngay_thang": fmt.date_line(a.place, date, plan.year),
            **addressees([names[c] for c in units]),
            "doan": [{"kieu": "doan", "text": t} for t in body],
            "ky": signature(signer) or {"dong1": "", "dong2": "", "ten": ""},
            "noi_nhan": recipients(["Như trên", f"{a.head_title}, các Phó {a.head_title} Sở (b/c)"], office,
                                   lambda t: t),
        },
    }


def remind_plans_context(plan: Plan, units: list[str], due: dt.date, deadline: dt.date,
                         date: dt.date | None = None) -> dict[str, object]:
    """A công văn urging the units that have not sent their own CCHC plan (issue 11, seed Part IV.3),
    by `deadline`."""
    a = plan.agency
    names = {u.code: u.name for u in plan.units}
    office = next((u.name for u in plan.units if u.code == a.office_code), "Văn phòng Sở")
    reference = ""
    if plan.decision.number.strip():
        reference = (f" (ban hành kèm theo Quyết định số {fmt.symbol(plan.decision.number, 'QĐ', a.abbr)} "
                     f"{fmt.long_date(plan.decision.date, plan.year)} của {a.head_title} {a.name})")
    who, named = units_words(len(units))
    body = [
        f"Thực hiện Kế hoạch cải cách hành chính năm {plan.year} của {a.name}{reference}, các chi cục, đơn vị sự "
        f"nghiệp trực thuộc Sở xây dựng Kế hoạch cải cách hành chính năm {plan.year} của đơn vị, gửi về {office} "
        f"trước ngày {fmt.short_date(due)}.",
        f"Đến nay, {office} chưa nhận được Kế hoạch của {named}.",
        f"Đề nghị {who} khẩn trương hoàn thành, ban hành Kế hoạch cải cách hành chính năm {plan.year} của đơn vị và "
        f"gửi về {office} trước ngày {fmt.short_date(deadline)} để tổng hợp, theo dõi việc thực hiện./.",
    ]
    signer = plan.report.signer if plan.report and plan.report.signer else plan.decision.signer
    return {
        "co_quan": {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name},
        "cv": {
            "so_ky_hieu": fmt.so_line("", "", f"{a.abbr}-{a.office_code}"),
            "trich_yeu": f"V/v đôn đốc gửi Kế hoạch cải cách hành chính năm {plan.year} của đơn vị",
            "ngay_thang": fmt.date_line(a.place, date, plan.year),
            **addressees([names[c] for c in units]),
            "doan": [{"kieu": "doan", "text": t} for t in body],
            "ky": signature(signer) or {"dong1": "", "dong2": "", "ten": ""},
            "noi_nhan": recipients(["Như trên", f"{a.head_title}, các Phó {a.head_title} Sở (b/c)"], a.office_code,
                                   lambda t: t),
        },
    }
