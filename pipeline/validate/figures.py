"""Typed rows → the figures annex's part of the model: the indicators (ChiSo) and the
units' figures (SoLieuDonVi), one function per sheet like `build`, every problem named
by its cell.

Kept beside `build` rather than inside it because the annex is a contract of its own
(Sở Nội vụ re-issues its biểu most years): a rate must name two count indicators of the
sheet, a unit may report only the counts marked for the units, each figure once.
"""

from __future__ import annotations

from typing import Protocol

from pipeline.model import Indicator, IndicatorKind, UnitFigure
from pipeline.schema import INDICATOR_KIND_WORDS, REFORM_AREA_WORDS, YES_WORDS
from pipeline.text import match_key
from pipeline.validate.cells import Vocabulary
from pipeline.validate.rows import Reporter, Rows

_AREAS = Vocabulary(REFORM_AREA_WORDS)
_KINDS = Vocabulary(INDICATOR_KIND_WORDS)


class Context(Protocol):
    """What `build.Context` gives the sheet builders (named here so `build` can import this module)."""

    report: Reporter
    rows: dict[str, Rows]

    def one_unit(self, t: Rows, key: str, i: int, raw: str, what: str = ...) -> str | None: ...


def indicators(ctx: Context) -> list[Indicator]:
    """ChiSo: the annex's rows in order; absent sheet → no annex."""
    t = ctx.rows.get("ChiSo")
    out: list[Indicator] = []
    if t is None:
        return out
    seen: dict[str, int] = {}
    values = list(zip(*(t.number(f"value{n}") for n in range(1, 5))))
    refs: list[tuple[int, str, str]] = []  # (row index, column key, code named) of rates
    for i, (code, area_text, name, unit, kind_text, num, den, by_units, note) in enumerate(zip(
            t.text("code"), t.text("area"), t.text("name"), t.text("unit"), t.text("kind"), t.text("numerator"),
            t.text("denominator"), t.text("by_units"), t.text("note"))):
        if match_key(code) in seen:
            ctx.report.error(t.sheet, t.ref("code", i), f"Mã chỉ số '{code}' trùng với dòng {seen[match_key(code)]}.")
            continue
        seen[match_key(code)] = t.numbers[i]
        area, kind = _AREAS.parse(area_text), _KINDS.parse(kind_text)
        if area is None and area_text:
            ctx.report.error(t.sheet, t.ref("area", i),
                             f"Nhóm '{area_text}' không hợp lệ: ghi một trong {'; '.join(_AREAS.labels)}.")
        if kind is None and kind_text:
            ctx.report.error(t.sheet, t.ref("kind", i),
                             f"Loại '{kind_text}' không hợp lệ: ghi 'số lượng' hoặc 'tỷ lệ'.")
        units = match_key(by_units) in YES_WORDS
        if kind is IndicatorKind.RATE:
            if bool(num) != bool(den):
                ctx.report.error(t.sheet, t.ref("denominator" if num else "numerator", i),
                                 f"Chỉ số tỷ lệ '{code}' cần cả Tử số và Mẫu số (mã hai chỉ số số lượng), "
                                 "hoặc để trống cả hai khi Văn phòng ghi thẳng tỷ lệ.")
            elif not num and units:
                ctx.report.error(t.sheet, t.ref("by_units", i),
                                 f"Tỷ lệ '{code}' do đơn vị báo cáo phải có Tử số và Mẫu số: tỷ lệ được tính lại từ "
                                 "tổng tử số và tổng mẫu số của các đơn vị, không cộng các tỷ lệ.")
            refs += [(i, "numerator", num), (i, "denominator", den)] if num and den else []
        elif num or den:
            ctx.report.warn(t.sheet, t.ref("numerator" if num else "denominator", i),
                            f"Chỉ số '{code}' là số lượng: Tử số, Mẫu số chỉ dùng cho chỉ số tỷ lệ và bị bỏ qua.")
        if area is None or kind is None:
            continue
        typed = {n: v for n, v in enumerate(values[i], 1) if v is not None}
        for n, v in typed.items():
            if v < 0 or (kind is IndicatorKind.RATE and v > 100):
                ctx.report.error(t.sheet, t.ref(f"value{n}", i), f"Số liệu {v:g} của chỉ số '{code}' không hợp lệ.")
        out.append(Indicator(code, area, name, unit, kind, num if kind is IndicatorKind.RATE else "",
                             den if kind is IndicatorKind.RATE else "", units and kind is IndicatorKind.COUNT, typed,
                             note, t.numbers[i]))
    return _resolve_rates(ctx, t, out, refs)


def _resolve_rates(ctx: Context, t: Rows, out: list[Indicator], refs: list[tuple[int, str, str]]) -> list[Indicator]:
    """Each rate's numerator and denominator named by a count indicator's code (as the sheet spells it)."""
    counts = {match_key(x.code): x.code for x in out if x.kind is IndicatorKind.COUNT}
    known = {match_key(x.code) for x in out}
    fixed: dict[tuple[str, str], str] = {}
    for i, key, code in refs:
        found = counts.get(match_key(code))
        if found is None:
            what = "là chỉ số tỷ lệ" if match_key(code) in known else "không có trong sheet"
            ctx.report.error(t.sheet, t.ref(key, i),
                             f"{'Tử số' if key == 'numerator' else 'Mẫu số'} '{code}' {what}: ghi mã một chỉ số "
                             "số lượng của sheet ChiSo.")
        else:
            fixed[(t.text("code")[i], key)] = found
    result = []
    for x in out:
        if x.kind is IndicatorKind.RATE and x.numerator:
            num, den = fixed.get((x.code, "numerator")), fixed.get((x.code, "denominator"))
            if num is None or den is None:
                continue  # reported above
            x = Indicator(x.code, x.area, x.name, x.unit, x.kind, num, den, False, x.values, x.note, x.row)
            if x.values:
                ctx.report.warn(t.sheet, t.ref("value1", t.numbers.index(x.row)),
                                f"Tỷ lệ '{x.code}' được tính từ tử số và mẫu số; số liệu ghi ở dòng này không dùng.")
        result.append(x)
    return result


def unit_figures(ctx: Context, indicator_list: list[Indicator]) -> list[UnitFigure]:
    """SoLieuDonVi: one unit's figure for one count indicator the units report, per period, once."""
    t = ctx.rows.get("SoLieuDonVi")
    out: list[UnitFigure] = []
    if t is None:
        return out
    by_code = {match_key(x.code): x for x in indicator_list}
    seen: dict[tuple[str, str, int], int] = {}
    for i, (code, unit, period, value, note) in enumerate(zip(
            t.text("indicator"), t.text("unit"), t.integer("period"), t.number("value"), t.text("note"))):
        found = by_code.get(match_key(code))
        if found is None and code:
            ctx.report.error(t.sheet, t.ref("indicator", i), f"Mã chỉ số '{code}' không có trong sheet ChiSo.")
        elif found is not None and not found.by_units:
            ctx.report.error(t.sheet, t.ref("indicator", i),
                             f"Chỉ số '{found.code}' không do đơn vị báo cáo (cột Đơn vị báo cáo của sheet ChiSo).")
            found = None
        unit_code = ctx.one_unit(t, "unit", i, unit)
        if value is not None and value < 0:
            ctx.report.error(t.sheet, t.ref("value", i), f"Số liệu {value:g} không hợp lệ: ghi số từ 0 trở lên.")
            continue
        if found is None or unit_code is None or period is None or value is None:
            continue
        key = (found.code, unit_code, period)
        if key in seen:
            ctx.report.error(t.sheet, t.ref("indicator", i),
                             f"Số liệu chỉ số {found.code} của đơn vị {unit_code} kỳ {period} trùng với dòng "
                             f"{seen[key]}.")
            continue
        seen[key] = t.numbers[i]
        out.append(UnitFigure(found.code, unit_code, period, value, note, t.numbers[i]))
    return out
