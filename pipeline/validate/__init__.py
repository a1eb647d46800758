"""Stage 2: raw tables → typed values → the model, every problem named by its cell.

    check(raw)     → Checked: typed columns per sheet and ThongTin's fields (`rows`, `info`)
    build(checked) → Plan, cross-sheet references resolved and reported (`build`)
    audit(plan)    → warnings that need derived facts (`audit`)
    workbook(raw)  → Validated: the three in order

Every finding is collected, never raised one by one, so the clerk sees them all at
once. Conversion and checking live together because the rule that rejects a value
is the rule that reads it (`cells`).
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import Findings, Problem, Severity
from pipeline.model import Plan
from pipeline.read import RawBook
from pipeline.validate import build as _build
from pipeline.validate.audit import audit
from pipeline.validate.info import Info, read_thong_tin
from pipeline.validate.rows import Reporter, Rows, convert


@dataclass
class Checked:
    """Typed rows per sheet plus every problem found so far."""

    book: RawBook
    info: Info
    rows: dict[str, Rows]
    problems: list[Problem]


@dataclass
class Validated:
    plan: Plan
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def check(book: RawBook) -> Checked:
    """Convert every table that was read."""
    problems = Findings(book.problems)
    report = Reporter(book, problems)
    rows: dict[str, Rows] = {}
    info = Info()
    for name, table in book.tables.items():
        if name == "ThongTin":
            info = read_thong_tin(table, report)
        else:
            rows[name] = convert(table, report)
    return Checked(book, info, rows, problems)


def build(checked: Checked) -> Plan:
    """The model, appending reference problems to `checked.problems`."""
    report = Reporter(checked.book, checked.problems)
    return _build.plan(checked.info, checked.book.tables.get("ThongTin"), checked.rows, report)


def workbook(book: RawBook) -> Validated:
    """check → build → audit."""
    checked = check(book)
    plan = build(checked)
    problems = checked.problems
    for p in audit(plan):
        if isinstance(problems, Findings):
            problems.add(p)
        else:
            problems.append(p)
    return Validated(plan, problems.complete() if isinstance(problems, Findings) else list(problems))


__all__ = ["Checked", "Info", "Reporter", "Rows", "Validated", "audit", "build", "check", "convert", "workbook"]
