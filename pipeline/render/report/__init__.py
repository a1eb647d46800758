"""Model + roll-up → the dict templates/baocao_quy.docx sees: the periodic CCHC report.

The outline follows the Bộ Nội vụ đề cương (`outline`); the tables and the status
Phụ lục are `tables`; what every part shares (the period's inputs, unit names, a
task's sentence) is `common`. This module only assembles the document.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline import formatting as fmt
from pipeline.derive.rollup import Rollup
from pipeline.model import Plan
from pipeline.render.blocks import addressees, recipients, signature
from pipeline.render.docx import Image
from pipeline.render.report import outline, tables
from pipeline.render.report.common import Inputs

DEFAULT_SUMMARY = "Kết quả thực hiện công tác cải cách hành chính {kỳ báo cáo}"


def report_title(plan: Plan, period: int) -> str:
    return fmt.period_phrase(plan.periods[period].name, plan.year)


def _chart(r: Inputs, chart: Callable[[list[str], list[float]], bytes]) -> Image:
    labels, values = [], []
    for sec, _, s in r.roll.by_section(r.sections):
        labels.append(sec.roman)
        values.append(100 * s.done / s.total)
    return Image(chart(labels, values), 140)


def _document(r: Inputs) -> dict[str, object]:
    """The header, opening, closing, signature and Nơi nhận of the report."""
    plan, p = r.plan, r.plan.periods[r.period]
    a, info = plan.agency, plan.report
    assert info is not None  # validate.build always sets it
    opening = (f"Thực hiện Kế hoạch cải cách hành chính năm {plan.year}{outline.plan_reference(r)}, {a.name} báo cáo "
               f"kết quả thực hiện công tác cải cách hành chính {r.phrase} (số liệu trong kỳ từ ngày "
               f"{fmt.short_date(p.cutoff_from)} đến ngày {fmt.short_date(p.cutoff_to)}; tiến độ thực hiện Kế hoạch "
               "tính lũy kế từ đầu năm) như sau:")
    return {
        "so_ky_hieu": fmt.so_line(p.report_no, "BC", a.abbr),
        "ngay_thang": fmt.date_line(a.place, p.report_date, plan.year),
        "trich_yeu": r.expand(info.summary or DEFAULT_SUMMARY),
        **addressees([r.expand(x) for x in info.addressees]),
        "mo_dau": opening,
        "ket_thuc": f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {r.phrase} của {a.name}./.",
        "ky": signature(info.signer or plan.decision.signer) or {"dong1": "", "dong2": "", "ten": ""},
        "noi_nhan": recipients(info.recipients, a.office_code, r.expand),
    }


def report_context(plan: Plan, roll: Rollup, period: int, chart: Callable[[list[str], list[float]], bytes]
                   ) -> dict[str, object]:
    r = Inputs(plan, roll, period)
    a, p = plan.agency, plan.periods[period]
    appendix_ref = (f"(Kèm theo Báo cáo số {fmt.symbol(p.report_no, 'BC', a.abbr)} "
                    f"{fmt.long_date(p.report_date, plan.year)} của {a.name})")
    return {
        "co_quan": {"chu_quan": a.chu_quan.upper(), "ban_hanh": a.name_caps.upper(), "ten": a.name},
        "bc": {
            **_document(r),
            "gioi_thieu": outline.intro(r),
            "chi_dao": outline.direction(r),
            "ket_qua": outline.results(r),
            "chi_tieu_tieu_de": outline.targets_heading(r),
            "danh_gia_uu_diem": outline.strengths(r),
            "danh_gia_han_che": outline.shortfalls(r),
            "phuong_huong": outline.outlook(r),
            "kien_nghi": outline.proposals(r),
            "bang_tinh_trang": tables.by_class(r),
            "tong_tinh_trang": {"so": fmt.integer(len(roll.statuses)), "ty_le": "100%"},
            "bang_linh_vuc": tables.by_section(r),
            "tong_linh_vuc": tables.stats_row(roll.summary()),
            "bang_chi_tieu": tables.targets(r),
            "bang_qua_han": tables.overdue(r),
            "bang_chua_bao_cao": tables.silent_units(r),
            "bang_don_vi": tables.units(r),
            "bieu_do": _chart(r, chart),
            "chu_thich_hinh": f"Hình 1. Tỷ lệ nhiệm vụ đã hoàn thành theo lĩnh vực (số La Mã như Bảng 2), {r.phrase}",
        },
        "phu_luc": {
            "tieu_de": f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {r.phrase.upper()}",
            "kem_theo": appendix_ref,
            "nhom": tables.appendix(r),
        },
    }
