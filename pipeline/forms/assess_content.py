"""What a self-assessment form (`cchc forms --danh-gia`) says, as values its writer, its
reader and its collector share.

A form lists the unit's criteria tree: groups and automatic criteria read-only (the latter
with their score as computed so far and how), manual criteria (tự chấm, điểm thưởng, điểm
trừ) open for the self-score, its explanation and its evidence. A manual row's content is a
tuple of plain strings, so a form as written, as read back and the workbook's DiemDanhGia
compare alike; their fingerprint tells an untouched form from a filled one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.derive.criteria import Tree
from pipeline.derive.evaluation import ItemScore, score
from pipeline.derive.scoring import unit_facts
from pipeline.model import Criterion, CriterionScore, Plan, ScoreMethod

ASSESS_VERSION = "1"

AssessContent = tuple[str, str, str, str]  # criterion, self-score, explanation, evidence


def score_text(value: float | None) -> str:
    return "" if value is None else f"{float(value):.6g}"


def assess_content(criterion: str, value: float | None, explanation: str, evidence: str) -> AssessContent:
    return (criterion, score_text(value), explanation, evidence)


def entry_content(e: CriterionScore) -> AssessContent:
    return assess_content(e.criterion, e.score, e.explanation, e.evidence)


def assess_fingerprint(date: dt.date | None, rows: Iterable[AssessContent]) -> str:
    payload = json.dumps(["danh_gia", date.isoformat() if date else "", sorted(list(r) for r in rows)],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:40]


@dataclass(frozen=True)
class AssessLine:
    """One criterion on a unit's form."""

    criterion: Criterion
    depth: int  # 0 for a lĩnh vực
    method: ScoreMethod  # as it counts (a blank leaf of a bonus group: BONUS)
    group: bool
    computed: ItemScore | None  # an automatic criterion's score so far
    entry: CriterionScore | None  # a manual criterion's self-score already in DiemDanhGia

    @property
    def open(self) -> bool:
        """The unit fills it."""
        return not self.group and self.method.manual


def assess_lines(plan: Plan, code: str, as_of: dt.date) -> list[AssessLine]:
    """The unit's criteria in tree order, with the automatic scores as the workbook stands on `as_of`."""
    tree = Tree(plan.evaluation.criteria)
    entries = {e.criterion: e for e in plan.evaluation.scores if e.unit == code}
    result = score(tree, unit_facts(plan, code, as_of), entries)
    out = []
    for c, depth in tree.walk():
        group = tree.is_group(c)
        method = tree.method(c)
        item = result.items.get(c.code)
        out.append(AssessLine(c, depth, method, group, item if item and method.automatic else None,
                              entries.get(c.code) if not group else None))
    return out


def prefilled(lines: Iterable[AssessLine]) -> list[AssessContent]:
    """The open rows as a form holds them when written."""
    out = []
    for line in lines:
        if line.open:
            e = line.entry
            out.append(entry_content(e) if e else assess_content(line.criterion.code, None, "", ""))
    return out
