"""The criteria tree of an evaluation (sheets TieuChi and TuDanhGia): lĩnh vực → tiêu chí →
tiêu chí thành phần, each with its maximum, and the rules the tree must keep.

A row whose Cách chấm is blank (or "tổng") is a group: its points are the sum of its
children's and its maximum must equal the sum of theirs. The lĩnh vực (top-level rows) that
are not bonus or penalty total 100 points. A bonus or penalty group's maximum is a cap: its
children's maxima may add up to more, their points never count for more. A leaf under a
bonus or penalty group with a blank Cách chấm is a bonus or penalty item of that group.

Pure: problems come back as `TreeProblem`s naming the criterion and the column, for
`validate` to turn into cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from pipeline import formatting as fmt
from pipeline.model import Criterion, ScoreMethod

TOTAL_POINTS = Decimal(100)


def dec(x: float) -> Decimal:
    """A float typed in a cell as the decimal the clerk meant (7.5, not 7.4999…)."""
    return Decimal(str(x))


@dataclass(frozen=True)
class TreeProblem:
    code: str  # the criterion whose row shows the problem
    column: str  # the column key of that row
    message: str


class Tree:
    """Criteria by code, their children in sheet order, and each leaf's effective method."""

    def __init__(self, criteria: Iterable[Criterion]):
        self.criteria = list(criteria)
        self.by_code = {c.code: c for c in self.criteria}
        self.children: dict[str, list[Criterion]] = {}
        for c in self.criteria:
            # A row whose Mã cha is not in the sheet hangs nowhere (an error already): not a lĩnh vực.
            parent = c.parent if c.parent in self.by_code or not c.parent else "\0orphan"
            self.children.setdefault(parent, []).append(c)

    def kids(self, c: Criterion) -> list[Criterion]:
        return self.children.get(c.code, [])

    def is_group(self, c: Criterion) -> bool:
        return bool(self.kids(c))

    @property
    def top(self) -> list[Criterion]:
        return self.children.get("", [])

    def walk(self) -> Iterator[tuple[Criterion, int]]:
        """Every criterion reachable from the top, depth first in sheet order, with its depth (0 = lĩnh vực)."""
        stack = [(c, 0) for c in reversed(self.top)]
        seen: set[str] = set()
        while stack:
            c, depth = stack.pop()
            if c.code in seen:
                continue
            seen.add(c.code)
            yield c, depth
            stack += [(k, depth + 1) for k in reversed(self.kids(c))]

    @cached_property
    def ordered(self) -> list[Criterion]:
        return [c for c, _ in self.walk()]

    @cached_property
    def leaves(self) -> list[Criterion]:
        return [c for c in self.ordered if not self.is_group(c)]

    def ancestors(self, c: Criterion) -> list[Criterion]:
        """Parent first, up to the lĩnh vực; stops at a loop."""
        out: list[Criterion] = []
        seen = {c.code}
        while c.parent in self.by_code and c.parent not in seen:
            c = self.by_code[c.parent]
            seen.add(c.code)
            out.append(c)
        return out

    def in_loop(self, c: Criterion) -> bool:
        """Whether following Mã cha from `c` comes back to `c`."""
        at, steps = c, 0
        while at.parent in self.by_code and steps <= len(self.criteria):
            at, steps = self.by_code[at.parent], steps + 1
            if at.code == c.code:
                return True
        return False

    def root(self, c: Criterion) -> Criterion:
        chain = self.ancestors(c)
        return chain[-1] if chain else c

    def method(self, c: Criterion) -> ScoreMethod:
        """How `c` counts: its own method, or for a blank leaf the bonus/penalty of its group."""
        if c.method is not ScoreMethod.SUM or self.is_group(c):
            return c.method
        return next((a.method for a in self.ancestors(c) if a.method.extra), ScoreMethod.SUM)

    def extra(self, c: Criterion) -> ScoreMethod | None:
        """BONUS or PENALTY when `c` (a group or a leaf) counts outside the 100 points."""
        for x in (c, *self.ancestors(c)):
            if self.method(x).extra:
                return self.method(x)
        return None

    def regular_top(self) -> list[Criterion]:
        return [c for c in self.top if self.extra(c) is None]


def check(criteria: list[Criterion]) -> list[TreeProblem]:
    """Every rule the tree breaks."""
    tree = Tree(criteria)
    out: list[TreeProblem] = []
    for c in criteria:
        out += _check_one(tree, c)
    regular = tree.regular_top()
    total = sum((dec(c.maximum) for c in regular), Decimal(0))
    if regular and total != TOTAL_POINTS:
        out.append(TreeProblem(regular[-1].code, "maximum",
                               f"Các lĩnh vực cộng lại {fmt.points(total)} điểm tối đa; tổng phải là "
                               f"{fmt.points(TOTAL_POINTS)} điểm (chưa kể điểm thưởng, điểm trừ)."))
    return out


def _check_one(tree: Tree, c: Criterion) -> list[TreeProblem]:
    out: list[TreeProblem] = []

    def problem(column: str, message: str) -> None:
        out.append(TreeProblem(c.code, column, message))

    if c.parent and c.parent not in tree.by_code:
        problem("parent", f"Mã cha '{c.parent}' không có trong sheet.")
    elif tree.in_loop(c):
        problem("parent", f"Tiêu chí {c.code} nằm trong chính nó (Mã cha vòng lại tiêu chí này).")
    if c.maximum <= 0:
        problem("maximum", "Điểm tối đa phải lớn hơn 0.")
    kids = tree.kids(c)
    own = tree.method(c)
    group_extra = next((a.method for a in tree.ancestors(c) if tree.method(a).extra), None)
    if kids and not (own is ScoreMethod.SUM or own.extra):
        problem("method", f"Tiêu chí {c.code} có tiêu chí thành phần nên không chấm riêng: để trống Cách chấm "
                          "(điểm là tổng các tiêu chí thành phần).")
    elif not kids and own is ScoreMethod.SUM:
        problem("method", f"Tiêu chí {c.code} chưa ghi Cách chấm.")
    if group_extra is not None and own is not group_extra and not (kids and own is ScoreMethod.SUM):
        word = "điểm thưởng" if group_extra is ScoreMethod.BONUS else "điểm trừ"
        problem("method", f"Tiêu chí {c.code} thuộc nhóm {word}: ghi Cách chấm '{word}' hoặc để trống.")
    elif group_extra is None and own.extra and c.parent in tree.by_code:
        problem("method", f"Điểm thưởng, điểm trừ {c.code} phải ở cấp lĩnh vực hoặc trong một nhóm điểm thưởng, "
                          f"điểm trừ, không nằm trong lĩnh vực {tree.root(c).code}.")
    if kids and tree.extra(c) is None:
        total = sum((dec(k.maximum) for k in kids), Decimal(0))
        if total != dec(c.maximum):
            problem("maximum", f"Điểm tối đa của {c.code} là {fmt.points(c.maximum)} nhưng các tiêu chí thành phần "
                               f"cộng lại {fmt.points(total)} điểm.")
    return out
