"""The figures annex (phụ lục số liệu) of the report and the figures each part quotes.

The annex groups ChiSo's indicators by outline area (I. chỉ đạo, điều hành … VII.
chính quyền số); its first group opens with the plan's own task counts, from the same
roll-up as Bảng 1. Each section of part II (and part I's chỉ đạo, điều hành) quotes
the figures of its area, so the text and the annex state the same numbers.
"""

from __future__ import annotations

from pipeline import formatting as fmt
from pipeline.derive.figures import Figure, section_area
from pipeline.derive.numbering import Section
from pipeline.model import IndicatorKind, ReformArea
from pipeline.render.report.common import Inputs, Para, para
from pipeline.schema import REFORM_AREA_WORDS, roman

Row = dict[str, object]


def value_text(f: Figure) -> str:
    """'1.250', '98,5%': a rate computed from counts never rounds to a claim they do not make."""
    if f.value is None:
        return ""
    if f.indicator.kind is IndicatorKind.RATE and f.numerator is not None and f.denominator:
        return fmt.ratio_percent(f.numerator, f.denominator)  # type: ignore[arg-type]
    if f.indicator.kind is IndicatorKind.RATE or f.indicator.unit.strip() == "%":
        return fmt.percent(f.value)
    return fmt.decimal(f.value)


def _note(f: Figure, r: Inputs) -> str:
    """Where the figure comes from: how many units reported it, a rate's terms, the sheet's note."""
    parts = []
    x = f.indicator
    if f.value is None:
        parts.append("Chưa có số liệu")
    elif x.kind is IndicatorKind.RATE and f.numerator is not None and f.denominator is not None:
        parts.append(f"{fmt.decimal(f.numerator)}/{fmt.decimal(f.denominator)}")
    elif x.by_units:
        parts.append(f"{fmt.integer(len(set(f.reporting)))}/{fmt.integer(len(r.form_units))} đơn vị"
                     + (" và Văn phòng" if f.office is not None else ""))
    if x.note:
        parts.append(x.note)
    return "; ".join(parts)


def units_note(r: Inputs) -> str:
    """Below the annex: whose figures it sums, and whose are missing."""
    if not any(x.by_units for x in r.plan.indicators):
        return ""
    sent = {f.unit for f in r.plan.figures if f.period == r.period}
    expected = r.form_units
    missing = [u for u in expected if u not in sent]
    text = (f"Số liệu các chỉ tiêu do đơn vị báo cáo là tổng số liệu của {fmt.integer(len(expected) - len(missing))}/"
            f"{fmt.integer(len(expected))} đơn vị gửi qua phiếu báo cáo; tỷ lệ được tính lại từ tổng số")
    if missing:
        text += "; chưa có số liệu của " + ", ".join(r.names.names[u] for u in missing)
    return text + "."


def _task_rows(r: Inputs) -> list[Row]:
    """The plan's own figures, first in group I: what Bảng 1 counts."""
    s = r.roll.summary()
    return [
        {"ten": "Số nhiệm vụ trong Kế hoạch cải cách hành chính", "dvt": "nhiệm vụ", "ket_qua": fmt.integer(s.total),
         "ghi_chu": "Bảng 1"},
        {"ten": "Số nhiệm vụ đã hoàn thành", "dvt": "nhiệm vụ", "ket_qua": fmt.integer(s.done), "ghi_chu": ""},
        {"ten": "Tỷ lệ nhiệm vụ đã hoàn thành", "dvt": "%", "ket_qua": fmt.ratio_percent(s.done, s.total),
         "ghi_chu": f"{fmt.integer(s.done)}/{fmt.integer(s.total)}"},
        {"ten": "Số nhiệm vụ quá hạn chưa hoàn thành", "dvt": "nhiệm vụ", "ket_qua": fmt.integer(s.overdue),
         "ghi_chu": "Bảng 4" if s.overdue else ""},
    ]


def annex_groups(r: Inputs) -> list[Row]:
    """The annex table: one group per outline area with figures, rows numbered within it."""
    if not r.plan.indicators:
        return []
    groups: dict[ReformArea, list[Row]] = {ReformArea.DIRECTION: _task_rows(r)}
    for f in r.figures:
        groups.setdefault(f.indicator.area, []).append(
            {"ten": f.indicator.name, "dvt": f.indicator.unit, "ket_qua": value_text(f), "ghi_chu": _note(f, r)})
    out: list[Row] = []
    for n, area in enumerate((a for a in ReformArea if a in groups), 1):
        rows = [{"stt": i, **row} for i, row in enumerate(groups[area], 1)]
        out.append({"so": roman(n), "ten": REFORM_AREA_WORDS[area].label, "chi_so": rows})
    return out


def annex_context(r: Inputs) -> dict[str, object]:
    p = r.plan.periods[r.period]
    return {
        "co": bool(r.plan.indicators),
        "nhan": "Phụ lục I",
        "tieu_de": f"SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH {r.phrase.upper()}",
        "kem_theo": r.appendix_ref,
        "ky": f"Số liệu tính từ ngày {fmt.short_date(p.cutoff_from)} đến ngày {fmt.short_date(p.cutoff_to)}.",
        "nhom": annex_groups(r),
        "ghi_chu": units_note(r),
    }


# -- the figures each part quotes ------------------------------------------------------


def _quoted(f: Figure, units: dict[str, str]) -> str:
    """'số hồ sơ TTHC tiếp nhận: 2.930 hồ sơ', 'tỷ lệ … : 70% (2.050/2.930 hồ sơ)'."""
    x = f.indicator
    name = x.name
    if len(name) > 1 and name[1].islower():  # "Số hồ sơ" → "số hồ sơ" inside the sentence; "TTHC …" stays
        name = name[0].lower() + name[1:]
    value = value_text(f)
    if x.kind is IndicatorKind.RATE and f.numerator is not None and f.denominator is not None:
        terms = f"{fmt.decimal(f.numerator)}/{fmt.decimal(f.denominator)} {units.get(x.denominator, '')}".strip()
        return f"{name}: {value} ({terms})"
    unit = x.unit.strip()
    return f"{name}: {value if value.endswith('%') or not unit else f'{value} {unit}'}"


def quote(r: Inputs, area: ReformArea) -> list[Para]:
    """'Số liệu chủ yếu (Phụ lục I): …' for one area: its counts and rates, a count that is a rate's
    term stated inside the rate ('70% (2.050/2.930 hồ sơ)'); nothing without figures."""
    terms = {c for x in r.plan.indicators if x.kind is IndicatorKind.RATE for c in (x.numerator, x.denominator)}
    units = {x.code: x.unit.strip() for x in r.plan.indicators}
    items = [_quoted(f, units) for f in r.figures if f.indicator.area is area and f.value is not None
             and f.indicator.code not in terms]
    if not items:
        return []
    return [para(f"Số liệu chủ yếu ({r.figures_label}): {'; '.join(items)}.")]


def quoted_areas(sections: list[Section]) -> dict[str, ReformArea]:
    """Section title → the area whose figures it quotes: the first section naming an area quotes it."""
    out: dict[str, ReformArea] = {}
    for sec in sections:
        area = section_area(sec.title)
        if area is not None and area not in out.values():
            out[sec.title] = area
    return out
