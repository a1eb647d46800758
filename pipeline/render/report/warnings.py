"""What the clerk must still fill before the report goes out, as warnings the command
prints: parts of the report still holding "(Văn phòng chưa ghi …)", targets with no
result for the period, indicators of the figures annex with no figure, an unset Sở
Nội vụ deadline. Each names the sheet and cell to fill; none stops the report (a draft
is allowed)."""

from __future__ import annotations

from pipeline.errors import Problem, Severity
from pipeline.render.report.common import Inputs
from pipeline.schema import REMARK_PART_WORDS


def report_warnings(r: Inputs) -> list[Problem]:
    plan, period = r.plan, r.plan.periods[r.period]
    out: list[Problem] = []

    def warn(message: str, sheet: str, key: str = "", row: int = 0) -> None:
        name, cell = plan.cell(sheet, key, row) if key and row else (plan.layout.get(sheet, (sheet, {}))[0], "")
        out.append(Problem(message, plan.source, name, cell, Severity.WARNING))

    for part in r.required_parts:
        if not r.remarks(part):
            label = REMARK_PART_WORDS[part].label
            warn(f"Báo cáo {r.phrase} còn ghi “(Văn phòng chưa ghi …)” ở phần “{label}”: ghi nội dung vào sheet "
                 f"NhanXet (Kỳ {r.period}, Mục “{label}”).", "NhanXet")
    for t in plan.targets:
        if r.period not in t.actual:
            warn(f"Chỉ tiêu {t.code} “{t.name}” chưa có kết quả {r.phrase}; Bảng 3 ghi “Chưa có số liệu”.",
                 "ChiTieu", f"actual{r.period}", t.row)
    empty = [f.indicator for f in r.figures if f.value is None]
    if empty:
        shown = ", ".join(x.code for x in empty[:8]) + (f" và {len(empty) - 8} chỉ số khác" if len(empty) > 8 else "")
        warn(f"Phụ lục số liệu: {len(empty)} chỉ số chưa có số liệu {r.phrase} ({shown}); ghi vào sheet ChiSo "
             "hoặc nhập phiếu của các đơn vị (cchc collect).", "ChiSo", f"value{r.period}", empty[0].row)
    if period.due is None:
        warn(f"Chưa ghi hạn gửi Sở Nội vụ cho kỳ {r.phrase} (cột “Hạn gửi Sở Nội vụ”): hạn do tỉnh quy định "
             "hằng năm, thường trước ngày 20 tháng cuối kỳ.", "KyBaoCao", "due", period.row)
    return out
