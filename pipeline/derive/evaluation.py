"""Scoring a unit (or the Sở) on a criteria tree, then banding and ranking the units.

Each leaf is scored: an automatic one by `scoring`, a manual one from its self-score and
appraisal (the appraised score counts when there is one, else the self-score, else 0). A
group's points are the sum of its children's; a bonus or penalty group's are capped at its
maximum. The total is the lĩnh vực points plus the bonus minus the penalty. A total exactly
on a band's lower bound belongs to that (higher) band; equal totals share a rank and the
next rank is skipped (1, 2, 2, 4). All arithmetic is decimal, to the hundredth. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline import formatting as fmt
from pipeline.derive.criteria import Tree, dec
from pipeline.derive.scoring import Facts, agency_facts, automatic, unit_facts, year_period
from pipeline.model import Band, Criterion, CriterionScore, Plan, ScoreMethod, Unit

ZERO = Decimal(0)


@dataclass(frozen=True)
class ItemScore:
    """One leaf criterion for one unit."""

    criterion: Criterion
    method: ScoreMethod  # as it counts (a blank leaf of a bonus group: BONUS)
    self_points: Decimal | None  # the unit's own (automatic: the computed score)
    appraised: Decimal | None
    points: Decimal  # what counts
    explanation: str
    entry: CriterionScore | None = None

    @property
    def lowered(self) -> bool:
        return self.appraised is not None and self.self_points is not None and self.appraised < self.self_points


@dataclass(frozen=True)
class NodeScore:
    """Any criterion, group or leaf: points after its cap, and the sum before it."""

    criterion: Criterion
    points: Decimal
    self_points: Decimal
    raw: Decimal

    @property
    def capped(self) -> bool:
        return self.raw > self.points


@dataclass
class Result:
    """One unit's (or the Sở's) scores on one tree."""

    unit: Unit | None  # None: the Sở itself
    items: dict[str, ItemScore]
    nodes: dict[str, NodeScore]
    base: Decimal  # the lĩnh vực points (out of 100)
    bonus: Decimal
    penalty: Decimal
    self_total: Decimal
    assessed: bool  # the unit sent its self-assessment (or some self-score is recorded)
    received: dt.date | None = None  # the latest self-assessment form taken
    band: Band | None = None
    rank: int = 0

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus - self.penalty


def manual_item(c: Criterion, method: ScoreMethod, entry: CriterionScore | None, council: bool = True) -> ItemScore:
    """A manual leaf; without a `council` (the Sở scoring itself) there is no appraisal to wait for."""
    maximum = dec(c.maximum)
    own = dec(entry.score) if entry and entry.score is not None else None
    appraised = dec(entry.appraised) if entry and entry.appraised is not None else None
    out_of = f"/{fmt.points(maximum)} điểm"
    if appraised is not None:
        points = appraised
        said = f"tự chấm {fmt.points(own)}" if own is not None else "đơn vị chưa tự chấm"
        if own == appraised:
            text = f"tự chấm {fmt.points(own)}{out_of}, thẩm định giữ nguyên"
        else:
            text = f"{said}, thẩm định {fmt.points(appraised)}{out_of}"
            if entry and entry.note:
                text += f": {entry.note.rstrip('.')}"
    elif own is not None:
        pending = " (chưa có điểm thẩm định, tính theo điểm tự chấm)" if council else ""
        points, text = own, f"tự chấm {fmt.points(own)}{out_of}{pending}"
    elif method is ScoreMethod.BONUS:
        points, text = ZERO, f"không đề nghị điểm thưởng → 0{out_of}"
    elif method is ScoreMethod.PENALTY:
        points, text = ZERO, f"không bị trừ điểm → 0{out_of}"
    else:
        points, text = ZERO, f"{'đơn vị chưa tự chấm' if council else 'chưa chấm'} → 0{out_of}"
    return ItemScore(c, method, own, appraised, points, text, entry)


def score(tree: Tree, facts: Facts, entries: dict[str, CriterionScore], unit: Unit | None = None,
          assessed: bool = False, received: dt.date | None = None, council: bool = True) -> Result:
    """Every criterion of `tree` scored from `facts` (automatic) and `entries` (manual, by code)."""
    items: dict[str, ItemScore] = {}
    for c in tree.leaves:
        method = tree.method(c)
        if method.automatic:
            auto = automatic(method, facts, dec(c.maximum), c.empty)
            items[c.code] = ItemScore(c, method, auto.points, None, auto.points, auto.explanation)
        else:
            items[c.code] = manual_item(c, method, entries.get(c.code), council)
    nodes: dict[str, NodeScore] = {}

    def node(c: Criterion) -> NodeScore:
        if c.code in nodes:
            return nodes[c.code]
        if c.code in items:
            item = items[c.code]
            own = item.self_points if item.self_points is not None else ZERO
            result = NodeScore(c, item.points, own, item.points)
        else:
            kids = [node(k) for k in tree.kids(c)]
            raw = sum((k.points for k in kids), ZERO)
            own = sum((k.self_points for k in kids), ZERO)
            cap = dec(c.maximum) if tree.method(c).extra else None
            result = NodeScore(c, min(raw, cap) if cap is not None else raw,
                               min(own, cap) if cap is not None else own, raw)
        nodes[c.code] = result
        return result

    base = bonus = penalty = self_total = ZERO
    for c in tree.top:
        n = node(c)
        kind = tree.extra(c)
        if kind is ScoreMethod.BONUS:
            bonus += n.points
            self_total += n.self_points
        elif kind is ScoreMethod.PENALTY:
            penalty += n.points
            self_total -= n.self_points
        else:
            base += n.points
            self_total += n.self_points
    return Result(unit, items, nodes, base, bonus, penalty, self_total, assessed, received)


def band_of(total: Decimal, bands: Sequence[Band]) -> Band | None:
    """The band with the highest lower bound at or under `total`; below every bound, the lowest band."""
    ordered = sorted(bands, key=lambda b: dec(b.lower), reverse=True)
    for b in ordered:
        if total >= dec(b.lower):
            return b
    return ordered[-1] if ordered else None


def competition_ranks(totals: Sequence[Decimal]) -> list[int]:
    """Rank of each total, highest first; equal totals share a rank and the next is skipped."""
    return [1 + sum(other > t for other in totals) for t in totals]


@dataclass
class Evaluated:
    """The units' evaluation: one result per unit of DonVi, ranked (ties in DonVi order)."""

    tree: Tree
    results: list[Result]  # by rank
    bands: list[Band]  # highest first
    cutoff: dt.date  # the data cut-off of the automatic scores
    as_of: dt.date
    missing: list[Unit] = field(default_factory=list)  # no self-assessment received


def evaluate(plan: Plan, as_of: dt.date) -> Evaluated:
    ev = plan.evaluation
    tree = Tree(ev.criteria)
    by_unit: dict[str, dict[str, CriterionScore]] = {}
    for s in ev.scores:
        by_unit.setdefault(s.unit, {})[s.criterion] = s
    received: dict[str, dt.date] = {}
    for got in ev.receipts:
        received[got.unit] = max(received.get(got.unit, got.date), got.date)
    needs_self = any(tree.method(c).manual for c in tree.leaves)
    results = []
    for unit in plan.units:
        entries = by_unit.get(unit.code, {})
        assessed = not needs_self or unit.code in received or any(e.score is not None for e in entries.values())
        results.append(score(tree, unit_facts(plan, unit.code, as_of), entries, unit, assessed,
                             received.get(unit.code)))
    bands = sorted(ev.bands, key=lambda b: dec(b.lower), reverse=True)
    for r, rank in zip(results, competition_ranks([r.total for r in results])):
        r.rank, r.band = rank, band_of(r.total, bands)
    ranked = sorted(results, key=lambda r: r.rank)  # stable: DonVi order within a tie
    cutoff = plan.periods[year_period(plan)].cutoff_to
    return Evaluated(tree, ranked, bands, cutoff, as_of, [r.unit for r in results if not r.assessed and r.unit])


def evaluate_agency(plan: Plan, as_of: dt.date) -> Result:
    """The Sở's self-assessment on the province's criteria (TuDanhGia)."""
    ev = plan.evaluation
    entries = {s.criterion: s for s in ev.own_scores}
    return score(Tree(ev.own_criteria), agency_facts(plan, as_of), entries, None,
                 any(s.score is not None for s in ev.own_scores), council=False)


def band_counts(results: Iterable[Result], bands: Sequence[Band]) -> list[tuple[Band, list[Result]]]:
    """Each band (highest first) with its units in rank order."""
    results = list(results)
    return [(b, [r for r in results if r.band is b]) for b in bands]
