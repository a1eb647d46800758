"""A returned form's entries checked as the clerk reads them: per unit and task.

After `read` has converted the data sheet's cells, this module
- settles the status words that could mean two statuses ("Hoàn thành": on time or late?)
  by the task's deadline where that decides, and otherwise asks the unit to choose;
- reports the values it mapped ("Đang triển khai" → "Đang thực hiện", "100%" → 100), one
  line per distinct mapping per unit, a bounded number of them;
- applies `derive.collect_rules` (contradictions, a finished task without its date,
  dates outside the period or the year, a status going backwards);
- and words every problem of a task's row as "TTR, nhiệm vụ II.3 (ô J7): …", the unit's
  code and the task's number in the plan, instead of the form's row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.derive.collect_rules import check_entry, settle_status, task_numbers, window
from pipeline.derive.deadlines import task_deadline
from pipeline.derive.rollup import latest_entries
from pipeline.errors import Problem, Severity
from pipeline.forms.content import Entry
from pipeline.model import Plan, StatusEntry, Task, Unit
from pipeline.read import Table, col_letter
from pipeline.schema import AMBIGUOUS_STATUS, PHIEU_TIEN_DO, STATUS_WORDS
from pipeline.text import clean, match_key

MAPPING_LINES = 10  # per unit; past it, one line counts the rest
MAPPED_TASKS = 5  # task numbers named on one mapping line

_AMBIGUOUS = {match_key(word): choices for word, choices in AMBIGUOUS_STATUS.items()}
_ROW = re.compile(r"^(?:[A-Z]+|dòng )(\d+)$")


@dataclass
class _Form:
    """One form being checked: who, which period, how to name its cells and tasks."""

    plan: Plan
    unit: Unit
    quy: int
    table: Table
    numbers: dict[str, str]
    problems: list[Problem] = field(default_factory=list)
    mapped: dict[tuple[str, str, str, str], list[str]] = field(default_factory=dict)  # (column, typed, read, why)
    mapped_cells: set[str] = field(default_factory=set)  # percent cells whose converter warning a mapping replaces

    def number(self, task: str) -> str:
        return self.numbers.get(task, task)

    def cell(self, key: str, row: int) -> str:
        col = self.table.columns.get(key)
        return f"{col_letter(col)}{row}" if col is not None else f"dòng {row}"

    def say(self, e: Entry, key: str, message: str, error: bool) -> None:
        where = f"{self.unit.code}, nhiệm vụ {self.number(e.task)} (ô {self.cell(key, e.row)})"
        self.problems.append(Problem(f"{where}: {message}", severity=Severity.ERROR if error else Severity.WARNING))

    def map(self, key: str, typed: str, read: str, task: str, why: str = "") -> None:
        self.mapped.setdefault((key, typed, read, why), []).append(self.number(task))


def check_entries(entries: Sequence[Entry], problems: Sequence[Problem], table: Table, plan: Plan, unit: Unit,
                  quy: int, report_date: dt.date | None) -> list[Problem]:
    """Every problem of the form, the data sheet's in the clerk's terms, with the checks of
    this module added; entries whose ambiguous status the deadline settles get that status."""
    form = _Form(plan, unit, quy, table, task_numbers(plan, plan.periods[quy].cutoff_to))
    tasks = {t.id: t for t in plan.tasks}
    asked: set[int] = set()
    for e in entries:
        if _settle(form, e, tasks[e.task]):
            _note_mappings(form, e)
        else:
            asked.add(e.row)
    before = latest_entries((x for x in plan.entries if x.unit == unit.code and x.period < quy), quy - 1)
    w = window(plan, quy, report_date)
    wrong = asked | {int(m.group(1)) for p in problems if p.severity is Severity.ERROR and p.sheet == table.sheet
                     and (m := _ROW.match(p.cell))}
    for e in entries:
        if e.row in wrong:
            continue  # a cell it could not read: its value is unknown, the rules would only guess
        previous = before.get((e.task, unit.code))
        name = plan.periods[previous.period].name if previous and previous.period in plan.periods else ""
        for f in check_entry(_as_status_entry(e, unit.code, quy), previous, name, w):
            form.say(e, f.key, f.message, f.error)
    kept = [p for p in problems if not (p.severity is Severity.WARNING and p.sheet == table.sheet
                                        and p.cell in form.mapped_cells)]
    rows = {e.row: e.task for e in entries}
    rows.update(_listed_rows(table, tasks))
    return [*in_clerk_terms(kept, table.sheet, rows, unit.code, form.number), *form.problems, *_mapping_lines(form)]


def _as_status_entry(e: Entry, unit: str, quy: int) -> StatusEntry:
    return StatusEntry(e.task, unit, quy, e.status, e.percent, e.result, e.evidence, e.done_on, e.issues, e.note,
                       e.row)


def _settle(form: _Form, e: Entry, task: Task) -> bool:
    """An ambiguous status word: the status the entry's own facts decide (True), or a question
    to the unit (False: its other rules wait for the answer)."""
    choices = _AMBIGUOUS.get(match_key(e.typed_status))
    if not choices:
        return True
    deadline = task_deadline(task.deadline, form.plan.year, task.text, task.deadline_type)
    settled = settle_status(choices, deadline, e.done_on, e.percent, form.plan.periods[form.quy].cutoff_to)
    if settled.status is None:
        form.say(e, "status", f"Trạng thái '{e.typed_status}' {settled.why}: đề nghị đơn vị chọn một trạng thái "
                              "trong danh sách.", True)
        return False
    e.status = settled.status
    form.map("status", e.typed_status, STATUS_WORDS[e.status].label, e.task, settled.why)
    return True


def _note_mappings(form: _Form, e: Entry) -> None:
    """Values read as another word or number than the one typed."""
    label = STATUS_WORDS[e.status].label
    if match_key(e.typed_status) not in _AMBIGUOUS and match_key(e.typed_status) != match_key(label):
        form.map("status", e.typed_status, label, e.task)
    raw, pct = e.typed_percent, e.percent
    if pct is None:
        return
    if isinstance(raw, str):
        form.map("percent", clean(raw), f"{pct:g}", e.task)
    elif isinstance(raw, float) and 0 < raw < 1:
        form.map("percent", f"{raw:g}", f"{pct:g}", e.task)
        form.mapped_cells.add(form.cell("percent", e.row))


def _mapping_lines(form: _Form) -> list[Problem]:
    headers = {c.key: c.header for c in PHIEU_TIEN_DO.columns}
    lines = []
    for (key, typed, read, why), tasks in form.mapped.items():
        shown = ", ".join(tasks[:MAPPED_TASKS]) + (f" và {len(tasks) - MAPPED_TASKS} nhiệm vụ khác"
                                                    if len(tasks) > MAPPED_TASKS else "")
        value = read if key == "percent" else f"'{read}'"
        because = f"{why}; " if why else ""
        lines.append(f"{form.unit.code}: {headers[key]} '{typed}' được hiểu là {value} ({because}nhiệm vụ {shown}).")
    if len(lines) > MAPPING_LINES:
        rest = len(lines) - MAPPING_LINES
        lines = [*lines[:MAPPING_LINES], f"{form.unit.code}: … và {rest} cách ghi khác được hiểu tương tự."]
    return [Problem(line, severity=Severity.WARNING) for line in lines]


def _listed_rows(table: Table, tasks: dict[str, Task]) -> dict[int, str]:
    """Excel row → task id for every row naming a task of the plan (with or without a status)."""
    keyed = {match_key(t): t for t in tasks}
    return {row: keyed[match_key(raw)] for row, raw in zip(table.rows, table.values.get("task", []))
            if match_key(raw) in keyed}


def in_clerk_terms(problems: Sequence[Problem], sheet: str, rows: dict[int, str], unit: str,
                   number: Callable[[str], str]) -> list[Problem]:
    """Problems on a task's row of the data sheet as "TTR, nhiệm vụ II.3 (ô F7): …"; others as they were."""
    out = []
    for p in problems:
        m = _ROW.match(p.cell) if p.sheet == sheet else None
        task = rows.get(int(m.group(1))) if m else None
        if task is None:
            out.append(p)
            continue
        out.append(Problem(f"{unit}, nhiệm vụ {number(task)} (ô {p.cell}): {p.message}", severity=p.severity))
    return out
