"""The plan's history sheets → the model: BanHanh (every issued version, written by the
tool) and SuaDoi (the register of amendments the clerk numbers and dates).

BanHanh is written by `cchc plan` and `cchc amend` and protected, so its rows are
normally well formed; a clerk who lifted the protection and typed in it is told, cell by
cell, what no longer reads, like in any other sheet.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.model import Amendment, ChangeKind, IssuedTask, IssuedVersion, Task, TaskState
from pipeline.schema import CHANGE_KIND_WORDS, TASK_STATE_WORDS
from pipeline.text import match_key
from pipeline.validate.cells import Vocabulary
from pipeline.validate.rows import Reporter, Rows

STATES = Vocabulary(TASK_STATE_WORDS)
CHANGES = Vocabulary(CHANGE_KIND_WORDS)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(text: str) -> int | None:
    """'II' → 2, 'XIV' → 14; None for anything that is not a Roman numeral."""
    text = text.strip().upper().rstrip(".")
    if not text or not re.fullmatch(r"[IVXLCDM]+", text):
        return None
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""]):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


def unit_codes(cell: str) -> tuple[str, ...]:
    return tuple(c for c in (x.strip() for x in cell.replace("\n", ";").split(";")) if c)


def amendments(t: Rows | None, report: Reporter) -> list[Amendment]:
    """SuaDoi's rows in order of their Lần; a Lần given twice is reported."""
    out: dict[int, Amendment] = {}
    if t is None:
        return []
    for i, (n, number, date, summary, grounds) in enumerate(zip(
            t.integer("number"), t.text("decision_no"), t.partial_date("date"), t.text("summary"),
            t.text("grounds"))):
        if n is None:
            continue
        if n < 1:
            report.error(t.sheet, t.ref("number", i), "Lần sửa đổi, bổ sung đánh số từ 1 (lần 1, lần 2 …).")
            continue
        if n in out:
            report.error(t.sheet, t.ref("number", i), f"Lần {n} được ghi hai lần (dòng {out[n].row} và dòng "
                                                       f"{t.numbers[i]}).")
            continue
        lines = tuple(x.strip() for x in grounds.split("\n") if x.strip())
        out[n] = Amendment(n, number, date, summary, lines, t.numbers[i])
    return [out[n] for n in sorted(out)]


def _issued_task(t: Rows, i: int, report: Reporter, values: tuple) -> IssuedTask | None:
    (tid, section_no, stt, section, text, assignment, lead, support, deadline, product, state_text, change_text,
     reason) = values
    number = roman_value(section_no)
    if number is None and section_no:
        report.error(t.sheet, t.ref("section_no", i), f"Mục '{section_no}' không phải số La Mã (I, II, …).")
    state = STATES.parse(state_text)
    if state is None and state_text:
        report.error(t.sheet, t.ref("state", i), f"Tình trạng '{state_text}' không hợp lệ: ghi "
                                                 f"'{STATES.label(TaskState.ACTIVE)}' hoặc "
                                                 f"'{STATES.label(TaskState.DROPPED)}'.")
    change: ChangeKind | None = CHANGES.parse(change_text) if change_text else None
    if change is None and change_text:
        report.error(t.sheet, t.ref("change", i), f"Thay đổi '{change_text}' không hợp lệ: ghi "
                                                  f"{', '.join(CHANGES.labels)} hoặc để trống.")
    if number is None or stt is None or state is None or not tid:
        return None
    task = Task(tid, section, text, assignment, unit_codes(lead), unit_codes(support), deadline, product, 0, state,
                reason)
    return IssuedTask(task, number, stt, state, change, reason, t.numbers[i])


def issued(t: Rows | None, report: Reporter) -> list[IssuedVersion]:
    """BanHanh's rows grouped into versions 0, 1, 2 … in order, each with its tasks in
    the order of their Mục and STT."""
    if t is None:
        return []
    tasks: dict[int, list[IssuedTask]] = {}
    heads: dict[int, tuple[str, dt.date, str]] = {}  # version → (số, date, first cell)
    seen: dict[tuple[int, str], int] = {}
    rows = zip(t.integer("version"), t.text("decision_no"), t.date("date"), t.text("id"), t.text("section_no"),
               t.integer("stt"), t.text("section"), t.text("task"), t.text("assignment"), t.text("lead"),
               t.text("support"), t.text("deadline"), t.text("product"), t.text("state"), t.text("change"),
               t.text("reason"))
    for i, (version, number, date, *values) in enumerate(rows):
        if version is None or date is None:
            continue
        head = heads.setdefault(version, (number, date, t.ref("version", i)))
        if head[:2] != (number, date):
            report.error(t.sheet, t.ref("decision_no", i), f"Lần {version} ghi hai số hoặc ngày quyết định khác "
                                                           f"nhau (xem ô {head[2]}).")
        key = (version, match_key(values[0]))
        if key in seen:
            report.error(t.sheet, t.ref("id", i), f"Mã '{values[0]}' ghi hai lần trong lần {version} (dòng "
                                                  f"{seen[key]}).")
            continue
        seen[key] = t.numbers[i]
        item = _issued_task(t, i, report, tuple(values))
        if item is not None:
            tasks.setdefault(version, []).append(item)
    numbers = sorted(heads)
    if numbers and numbers != list(range(len(numbers))):
        missing = sorted(set(range(max(numbers) + 1)) - set(numbers))
        report.error(t.sheet, "", f"Sheet {t.sheet} thiếu lần {', '.join(map(str, missing))}: đây là sheet chương "
                                  "trình tự ghi; hãy lấy lại từ bản sao lưu của sổ (thư mục backup/).")
    out = []
    for n in numbers:
        number, date, _ = heads[n]
        items = sorted(tasks.get(n, []), key=lambda x: (x.section_no, x.stt))
        out.append(IssuedVersion(n, number, date, tuple(items)))
    return out
