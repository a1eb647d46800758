"""The figures annex (phụ lục số liệu) of one period, as pure arithmetic over the model.

A count is the office's own figure (ChiSo) plus the units' figures (SoLieuDonVi),
summed; a rate is recomputed from the summed numerator and denominator (never an
average of the units' rates), or, when it names neither, the figure the office typed.
Nothing here formats a number. `section_area` tells which outline area a plan
section's title belongs to, so each part II section quotes its own figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.model import Indicator, IndicatorKind, ReformArea, UnitFigure
from pipeline.schema import REFORM_AREA_KEYS
from pipeline.text import strip_accents


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: float | None  # the annex's figure; None: no figure for the period
    office: float | None = None  # a count's own figure typed in ChiSo
    units: float | None = None  # a count's units' figures, summed (None: no unit reported it)
    reporting: tuple[str, ...] = ()  # units that reported it, in the order their rows came
    numerator: float | None = None  # a computed rate's summed counts
    denominator: float | None = None


def count_figure(ind: Indicator, figures: Iterable[UnitFigure], period: int) -> Figure:
    """The office's figure plus the units' for one count indicator and period."""
    mine = [f for f in figures if f.indicator == ind.code and f.period == period]
    office = ind.values.get(period)
    units = sum(f.value for f in mine) if mine else None
    parts = [x for x in (office, units) if x is not None]
    return Figure(ind, sum(parts) if parts else None, office, units, tuple(f.unit for f in mine))


def rate(numerator: float | None, denominator: float | None) -> float | None:
    """100 × numerator / denominator; None without both or with a zero denominator."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return 100 * numerator / denominator


def annex(indicators: list[Indicator], figures: list[UnitFigure], period: int) -> list[Figure]:
    """One figure per indicator, in the sheet's order."""
    counts = {x.code: count_figure(x, figures, period) for x in indicators if x.kind is IndicatorKind.COUNT}
    out = []
    for x in indicators:
        if x.kind is IndicatorKind.COUNT:
            out.append(counts[x.code])
        elif x.numerator and x.denominator:
            num, den = counts[x.numerator].value, counts[x.denominator].value
            out.append(Figure(x, rate(num, den), numerator=num, denominator=den))
        else:
            out.append(Figure(x, x.values.get(period), office=x.values.get(period)))
    return out


def by_area(figures: list[Figure]) -> list[tuple[ReformArea, list[Figure]]]:
    """The figures grouped by outline area, areas in the outline's order, figures in the sheet's."""
    return [(area, [f for f in figures if f.indicator.area is area]) for area in ReformArea
            if any(f.indicator.area is area for f in figures)]


def section_area(title: str) -> ReformArea | None:
    """The outline area a plan section's title names ('Cải cách thủ tục hành chính (TTHC)' →
    PROCEDURES), by its key words; None when it names none."""
    key = " ".join(strip_accents(title).casefold().replace(",", " ").split())
    for area, words in REFORM_AREA_KEYS.items():
        if any(f" {w} " in f" {key} " for w in words):
            return area
    return None
