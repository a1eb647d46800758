"""Parts of a document the clerk has not written yet: one small function per document.

A draft may be printed with parts still empty, but never silently: `cchc plan` and
`cchc report` print each gap as a warning naming the part and the sheet to fill, and
`--strict` turns them into errors. Each gap is a `Problem` located at the sheet (and
column) to fill, so the CLI prints it like any other finding.
"""

from __future__ import annotations

from pipeline.errors import Problem, Severity
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


def report_gaps(plan: Plan, period: int) -> list[Problem]:
    """What the report of `period` would show as not written or without figures."""
    out = []
    name = plan.periods[period].name if period in plan.periods else f"kỳ {period}"
    written = {r.part for r in plan.remarks if r.period == period and r.text.strip()}
    missing = [REMARK_PART_WORDS[p].label for p in REPORT_REMARKS if p not in written]
    if missing:
        parts = ", ".join(f"“{m}”" for m in missing)
        out.append(_gap(plan, "NhanXet", f"Văn phòng chưa ghi {parts} cho kỳ {period} ({name}): báo cáo sẽ để dòng "
                                         f"'chưa ghi' ở các phần này. Ghi vào sheet NhanXet (Kỳ {period}, cột Mục, "
                                         "cột Nội dung)."))
    empty = [t.code for t in plan.targets if period not in t.actual]
    if empty:
        column = CHI_TIEU.column(f"actual{period}").header
        out.append(_gap(plan, "ChiTieu", f"{len(empty)}/{len(plan.targets)} chỉ tiêu chưa có kết quả kỳ {period} "
                                         f"({', '.join(empty)}): báo cáo ghi 'Chưa có số liệu'. Ghi cột '{column}' "
                                         "trong sheet ChiTieu.", f"actual{period}"))
    if not any(e.period == period for e in plan.entries):
        out.append(_gap(plan, "TienDo", f"Sheet TienDo chưa có dòng tiến độ nào của kỳ {period}: mọi nhiệm vụ sẽ ghi "
                                        "'Chưa có báo cáo'. Nhập phiếu các đơn vị gửi về (cchc collect) hoặc ghi "
                                        "trực tiếp vào sheet TienDo."))
    return out
