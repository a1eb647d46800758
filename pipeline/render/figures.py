"""The report's figures workbook (`…_so_lieu.xlsx`), for typing into the reporting software.

Numbers stay numbers (counts as integers, rates as percentages with one decimal)
so they can be copied cell by cell. Statistics, targets, the figures annex (with
each unit's figures beside the totals), and the task-by-task status Phụ lục: the very
rows the report prints (its context's `phu_luc.nhom`), section rows included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipeline.derive.figures import annex
from pipeline.derive.numbering import number_sections
from pipeline.derive.report import period_facts, unit_loads
from pipeline.derive.rollup import Rollup
from pipeline.derive.targets import verdict
from pipeline.formatting import op_symbol
from pipeline.model import IndicatorKind, Plan, TaskClass
from pipeline.schema import INDICATOR_KIND_WORDS, REFORM_AREA_WORDS, TASK_CLASS_WORDS
from pipeline.xlsx import SheetData

CLASS_LABELS = {k: TASK_CLASS_WORDS[k].label for k in TaskClass}


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


# The status Phụ lục's columns, as the template heads them (tools/build_templates.py).
TASK_COLUMNS = (("stt", "STT", 6), ("nhiem_vu", "Nhiệm vụ", 50), ("don_vi", "Đơn vị chủ trì", 30),
                ("thoi_han", "Thời hạn", 16), ("tinh_trang", "Tình trạng", 24),
                ("ket_qua", "Kết quả thực hiện, văn bản", 60), ("ghi_chu", "Khó khăn, vướng mắc, ghi chú", 40))


def task_sheet(groups: Sequence[Mapping[str, object]], label: str) -> SheetData:
    """The report's status Phụ lục as a sheet: each section's row (numeral, title), then its tasks."""
    rows: list[list[object]] = []
    for group in groups:
        rows.append([group["so"], group["ten"]])
        items = group["nhiem_vu"]
        assert isinstance(items, list)
        rows += [[item[key] for key, _, _ in TASK_COLUMNS] for item in items]
    return SheetData("PhuLucNhiemVu", [name for _, name, _ in TASK_COLUMNS], rows,
                     widths=tuple(w for _, _, w in TASK_COLUMNS), note=f"{label} của báo cáo, đúng như văn bản.")


def sheets(plan: Plan, roll: Rollup, period: int, tasks: SheetData | None = None) -> list[SheetData]:
    """The workbook's sheets; `tasks` is the status Phụ lục (task_sheet of the report's context)."""
    whole = roll.summary()
    names = {u.code: u.name for u in plan.units}
    summary: list[list[object]] = [[label, whole.counts[key], _pct(whole.counts[key], whole.total)]
                                   for key, label in CLASS_LABELS.items()]
    summary.append(["Tổng số nhiệm vụ", whole.total, 100.0])
    summary.append(["Đã hoàn thành (đúng hạn và quá hạn)", whole.done, _pct(whole.done, whole.total)])
    by_section = [[sec.roman, sec.title, s.total, s.done, s.overdue, _pct(s.done, s.total),
                   *(s.counts[k] for k in TaskClass)] for sec, _, s in roll.by_section(number_sections(plan.tasks))]
    by_unit = [[u.code, names[u.code], u.own, u.own_done, u.own_overdue, u.shared, u.shared_done, u.shared_overdue,
                "Đã gửi" if u.reported else "Chưa gửi"] for u in unit_loads(roll)]
    targets = []
    for t in plan.targets:
        actual, result = verdict(t, period)
        targets.append([t.code, t.name, op_symbol(t.op), t.value, t.unit, actual, result])
    overdue = [[s.task.id, s.task.section, s.task.text, "; ".join(names.get(u, u) for u in s.task.lead),
                s.task.deadline] for s in period_facts(plan, roll, period).overdue]
    return [
        SheetData("TongHop", ["Tình trạng", "Số nhiệm vụ", "Tỷ lệ (%)"], summary, widths=(40, 14, 12)),
        SheetData("TheoLinhVuc", ["Số", "Lĩnh vực", "Tổng số", "Đã hoàn thành", "Quá hạn chưa hoàn thành",
                                  "Tỷ lệ hoàn thành (%)", *CLASS_LABELS.values()], by_section,
                  widths=(6, 40, 10, 12, 14, 14, *(14,) * len(CLASS_LABELS))),
        SheetData("TheoDonVi", ["Mã đơn vị", "Đơn vị", "Chủ trì riêng", "Riêng: đã hoàn thành", "Riêng: quá hạn",
                                "Giao chung nhiều đơn vị", "Chung: đơn vị đã hoàn thành", "Chung: đơn vị quá hạn",
                                "Báo cáo kỳ này"], by_unit, widths=(12, 50, 12, 14, 12, 14, 16, 14, 16)),
        SheetData("ChiTieu", ["Mã", "Chỉ tiêu", "So sánh", "Kế hoạch", "Đơn vị tính", "Kết quả kỳ này", "Đánh giá"],
                  targets, widths=(8, 60, 10, 10, 12, 14, 16)),
        SheetData("QuaHan", ["Mã", "Lĩnh vực", "Nhiệm vụ quá hạn chưa hoàn thành", "Đơn vị chủ trì", "Thời gian"],
                  overdue, widths=(8, 30, 60, 40, 24)),
        *_annex_sheets(plan, period),
        *([tasks] if tasks is not None else []),
    ]


def _annex_sheets(plan: Plan, period: int) -> list[SheetData]:
    """The figures annex: the totals as the report prints them, and each unit's figures beside them."""
    if not plan.indicators:
        return []
    figures = annex(plan.indicators, plan.figures, period)
    rows = [[f.indicator.code, REFORM_AREA_WORDS[f.indicator.area].label, f.indicator.name, f.indicator.unit,
             INDICATOR_KIND_WORDS[f.indicator.kind].label, None if f.value is None else round(f.value, 2),
             f.office, f.units, f.numerator, f.denominator] for f in figures]
    reporting = [u for u in plan.units if any(x.unit == u.code and x.period == period for x in plan.figures)]
    mine = {(x.indicator, x.unit): x.value for x in plan.figures if x.period == period}
    by_unit = [[x.code, x.name, *(mine.get((x.code, u.code)) for u in reporting)]
               for x in plan.indicators if x.kind is IndicatorKind.COUNT and x.by_units]
    return [
        SheetData("SoLieu", ["Mã chỉ số", "Nhóm", "Chỉ số", "Đơn vị tính", "Loại", "Kết quả kỳ này",
                             "Số liệu Văn phòng", "Tổng các đơn vị", "Tử số", "Mẫu số"], rows,
                  widths=(10, 30, 60, 12, 10, 14, 14, 14, 12, 12)),
        SheetData("SoLieuTheoDonVi", ["Mã chỉ số", "Chỉ số", *(u.code for u in reporting)], by_unit,
                  widths=(10, 60, *(10,) * len(reporting))),
    ]
