"""Parts of a document the clerk has not written yet: one small function per document.

A draft may be printed with parts still empty, but never silently: `cchc plan` and
`cchc report` print each gap as a warning naming the part and the sheet to fill, and
`--strict` turns them into errors. Each gap is a `Problem` located at the sheet (and
column) to fill, so the CLI prints it like any other finding.
"""

from __future__ import annotations

from pipeline.derive.figures import annex
from pipeline.errors import Problem, Severity
from pipeline.formatting import period_phrase
from pipeline.model import Plan, RemarkPart
from pipeline.schema import CHI_TIEU, FIELD_BY_KEY, REMARK_PART_WORDS

# NhanXet parts the report shows as "(Văn phòng chưa ghi …)" when they are missing;
# chỉ đạo, điều hành and phương hướng have computed text of their own.
REPORT_REMARKS = (RemarkPart.UU_DIEM, RemarkPart.HAN_CHE, RemarkPart.NGUYEN_NHAN, RemarkPart.KIEN_NGHI)


def _gap(plan: Plan, sheet: str, message: str, key: str = "") -> Problem:
    name, letters = plan.layout.get(sheet, (sheet, {}))
    cell = f"cột {letters[key]}" if key and key in letters else ""
    return Problem(message, plan.source, name, cell, Severity.WARNING)


def _field(key: str) -> str:
    return FIELD_BY_KEY[key].label


def plan_gaps(plan: Plan) -> list[Problem]:
    """What the Quyết định + Kế hoạch + Phụ lục would print empty."""
    out = []
    if not plan.narrative:
        out.append(_gap(plan, "NoiDung", "Kế hoạch chưa có nội dung: sheet NoiDung không có dòng nào, văn bản chỉ có "
                                         "tiêu đề. Hãy soạn nội dung Kế hoạch trong sheet NoiDung."))
    if not plan.decision.grounds:
        out.append(_gap(plan, "ThongTin", f"Quyết định chưa có căn cứ: ghi các dòng '{_field('can_cu')}' trong "
                                          "sheet ThongTin (mỗi căn cứ một dòng)."))
    if not plan.decision.articles:
        out.append(_gap(plan, "ThongTin", f"Quyết định chưa có Điều nào: ghi các dòng '{_field('dieu')}' trong "
                                          "sheet ThongTin (mỗi Điều một dòng)."))
    if not plan.tasks:
        out.append(_gap(plan, "NhiemVu", "Phụ lục chưa có nhiệm vụ nào: sheet NhiemVu không có dòng nào."))
    return out


def _shown(items: list[str], limit: int = 8, what: str = "") -> str:
    """'a, b, c' or 'a, …, h và 5 <what> khác': a long list stays one readable line."""
    more = len(items) - limit
    return ", ".join(items[:limit]) + (f" và {more} {what} khác".replace("  ", " ") if more > 0 else "")


def report_gaps(plan: Plan, period: int) -> list[Problem]:
    """What the report of `period` would still show as not written or without figures, each
    located at the sheet and cell to fill: the one list `cchc report` warns of (and refuses
    with --strict)."""
    out: list[Problem] = []
    p = plan.periods.get(period)
    phrase = period_phrase(p.name, plan.year) if p is not None else f"kỳ {period}"
    annual = bool(plan.periods) and period == max(plan.periods)  # the year's report also looks ahead
    # In the report's order: phần III (ưu điểm … nguyên nhân), IV (phương hướng, yearly), V (kiến nghị).
    parts = (*REPORT_REMARKS[:3], RemarkPart.PHUONG_HUONG, *REPORT_REMARKS[3:]) if annual else REPORT_REMARKS
    written = {r.part for r in plan.remarks if r.period == period and r.text.strip()}
    missing = [f"“{REMARK_PART_WORDS[x].label}”" for x in parts if x not in written]
    if missing:
        out.append(_gap(plan, "NhanXet", f"Báo cáo {phrase} còn ghi “(Văn phòng chưa ghi …)” ở {len(missing)} phần: "
                                         f"{', '.join(missing)}. Ghi vào sheet NhanXet (Kỳ {period}, cột Mục, cột "
                                         "Nội dung)."))
    empty = [t for t in plan.targets if period not in t.actual]
    if empty:
        column = CHI_TIEU.column(f"actual{period}").header
        sheet, cell = plan.cell("ChiTieu", f"actual{period}", empty[0].row)
        out.append(Problem(f"{len(empty)}/{len(plan.targets)} chỉ tiêu chưa có kết quả {phrase} "
                           f"({_shown([t.code for t in empty], what='chỉ tiêu')}): Bảng 3 ghi “Chưa có số liệu”. Ghi "
                           f"cột '{column}' trong sheet ChiTieu.", plan.source, sheet, cell, Severity.WARNING))
    if not any(e.period == period for e in plan.entries):
        out.append(_gap(plan, "TienDo", f"Sheet TienDo chưa có dòng tiến độ nào của kỳ {period}: mọi nhiệm vụ sẽ ghi "
                                        "'Chưa có báo cáo'. Nhập phiếu các đơn vị gửi về (cchc collect) hoặc ghi "
                                        "trực tiếp vào sheet TienDo."))
    no_figure = [f.indicator for f in annex(plan.indicators, plan.figures, period) if f.value is None]
    if no_figure:
        sheet, cell = plan.cell("ChiSo", f"value{period}", no_figure[0].row)
        out.append(Problem(f"Phụ lục số liệu: {len(no_figure)} chỉ số chưa có số liệu {phrase} "
                           f"({_shown([x.code for x in no_figure], what='chỉ số')}); ghi vào sheet ChiSo hoặc nhập "
                           "phiếu của các đơn vị (cchc collect).", plan.source, sheet, cell, Severity.WARNING))
    if p is not None and p.due is None:
        sheet, cell = plan.cell("KyBaoCao", "due", p.row)
        out.append(Problem(f"Chưa ghi hạn gửi Sở Nội vụ cho kỳ {phrase} (cột “Hạn gửi Sở Nội vụ”): hạn do tỉnh quy "
                           "định hằng năm, thường trước ngày 20 tháng cuối kỳ.", plan.source, sheet, cell,
                           Severity.WARNING))
    return out
