"""Model + roll-up → the dict templates/baocao_quy.docx sees: the periodic CCHC report.

The outline follows the Bộ Nội vụ đề cương (`outline`); the tables and the status
Phụ lục are `tables`; the figures annex and the figures each part quotes are `annex`;
what every part shares (the period's inputs, unit names, a task's sentence) is
`common`. What the clerk must still fill before sending is derive.gaps.report_gaps,
which `cchc report` prints. This module only assembles the document.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline import formatting as fmt
from pipeline.derive.figures import section_area
from pipeline.derive.rollup import Rollup
from pipeline.model import Plan
from pipeline.render.blocks import addressees, recipients, signature
from pipeline.render.docx import Image
from pipeline.render.report import annex, outline, tables
from pipeline.render.report.common import Inputs
from pipeline.schema import REFORM_AREA_SHORT

DEFAULT_SUMMARY = "Kết quả thực hiện công tác cải cách hành chính {kỳ báo cáo}"


def report_title(plan: Plan, period: int) -> str:
    return fmt.period_phrase(plan.periods[period].name, plan.year)


def short_name(title: str, limit: int = 26) -> str:
    """A section's name on a chart bar: its outline area's short name, else its title cut at a word."""
    area = section_area(title)
    if area is not None:
        return REFORM_AREA_SHORT[area]
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;") + "…"


def _chart(r: Inputs, chart: Callable[[list[str], list[float]], bytes]) -> Image | None:
    """The optional chart (ThongTin 'Biểu đồ trong báo cáo'), bars labelled 'II. Thủ tục hành chính'."""
    assert r.plan.report is not None
    if not r.plan.report.chart:
        return None
    labels, values = [], []
    for sec, _, s in r.roll.by_section(r.sections):
        labels.append(f"{sec.roman}. {short_name(sec.title)}")
        values.append(100 * s.done / s.total)
    return Image(chart(labels, values), 150)


def _document(r: Inputs) -> dict[str, object]:
    """The header, opening, closing, signature and Nơi nhận of the report."""
    plan, p = r.plan, r.plan.periods[r.period]
    a, info = plan.agency, plan.report
    assert info is not None  # validate.build always sets it
    return {
        "so_ky_hieu": fmt.so_line(p.report_no, "BC", a.abbr),
        "ngay_thang": fmt.date_line(a.place, p.report_date, plan.year),
        "trich_yeu": r.expand(info.summary or DEFAULT_SUMMARY),
        **addressees([r.expand(x) for x in info.addressees]),
        "mo_dau": outline.opening(r),
        "ket_thuc": f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {r.phrase} của {a.name}./.",
        "ky": signature(info.signer or plan.decision.signer) or {"dong1": "", "dong2": "", "ten": ""},
        "noi_nhan": recipients(info.recipients, a.office_code, r.expand),
    }


def report_context(plan: Plan, roll: Rollup, period: int, chart: Callable[[list[str], list[float]], bytes]
                   ) -> dict[str, object]:
    r = Inputs(plan, roll, period)
    a = plan.agency
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
            "phuong_huong_tieu_de": outline.outlook_heading(r),
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
            "bieu_do": _chart(r, chart) or "",
            "chu_thich_hinh": f"Hình 1. Tỷ lệ nhiệm vụ đã hoàn thành theo lĩnh vực (như Bảng 2), {r.phrase}",
        },
        "so_lieu": annex.annex_context(r),
        "phu_luc": {
            "nhan": r.status_label,
            "tieu_de": f"TÌNH HÌNH THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH {r.phrase.upper()}",
            "kem_theo": r.appendix_ref,
            "nhom": tables.appendix(r),
        },
    }

