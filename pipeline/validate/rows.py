"""Typed columns of one sheet, and the reporter that names every problem by its cell.

`convert(table, report)` turns the raw column lists `read` made into typed column
lists of the same shape. Values are read through accessors that know the column's
kind: asking for a key the sheet's contract does not have, or for a column as the
wrong kind, is a programming error (KeyError, TypeError), never a silent None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from pipeline.errors import Findings, Problem, Severity
from pipeline.model import PartialDate
from pipeline.read import RawBook, Table, cell_ref
from pipeline.schema import Column, Kind
from pipeline.text import clean, dropped_characters
from pipeline.validate.cells import CONVERTERS, Invalid, excel_error, is_blank, to_percent, to_text


class Reporter:
    """Collects problems for one workbook with its file name filled in."""

    def __init__(self, book: RawBook | str, problems: list[Problem]):
        self.file = book if isinstance(book, str) else book.label
        self.problems = problems

    def _add(self, problem: Problem) -> None:
        if isinstance(self.problems, Findings):
            self.problems.add(problem)  # bounded: past the limit only counted
        else:
            self.problems.append(problem)

    def error(self, sheet: str, cell: str, message: str) -> None:
        self._add(Problem(message, self.file, sheet, cell, Severity.ERROR))

    def warn(self, sheet: str, cell: str, message: str) -> None:
        self._add(Problem(message, self.file, sheet, cell, Severity.WARNING))


@dataclass
class Rows:
    """A sheet's data rows with typed values, column by column (index i is data row i)."""

    table: Table
    values: dict[str, list[Any]]  # every column of the contract; one absent from the sheet holds blanks

    def __len__(self) -> int:
        return len(self.table.rows)

    @property
    def sheet(self) -> str:
        return self.table.sheet

    @property
    def numbers(self) -> list[int]:
        """The Excel row number of each data row."""
        return self.table.rows

    def ref(self, key: str, i: int) -> str:
        return self.table.ref(key, i)

    def has(self, key: str) -> bool:
        """Whether the sheet has the column (an optional column may be absent)."""
        self.table.spec.column(key)
        return key in self.table.columns

    def _column(self, key: str, *kinds: Kind) -> list[Any]:
        kind = self.table.spec.column(key).kind
        if kind not in kinds:
            raise TypeError(f"column {key!r} of {self.table.spec.name} is {kind.value}, not {kinds[0].value}")
        return self.values[key]

    def text(self, key: str) -> list[str]:
        return cast(list[str], self._column(key, Kind.TEXT))

    def number(self, key: str) -> list[float | None]:
        return cast(list["float | None"], self._column(key, Kind.NUMBER, Kind.PERCENT))

    def integer(self, key: str) -> list[int | None]:
        return cast(list["int | None"], self._column(key, Kind.INT, Kind.PERIOD))

    def date(self, key: str) -> list[dt.date | None]:
        return cast(list["dt.date | None"], self._column(key, Kind.DATE))

    def partial_date(self, key: str) -> list[PartialDate | None]:
        return cast(list["PartialDate | None"], self._column(key, Kind.PARTIAL_DATE))


def check_merged(table: Table, report: Reporter) -> None:
    first_data = table.header_row  # 0-based index of the first data row
    for r0, c0, r1, c1 in table.merged:
        if r1 >= first_data and (r1 > r0 or c1 > c0):
            span = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"
            report.error(
                table.sheet,
                cell_ref(r0, c0),
                f"Ô gộp (merge) {span} trong vùng dữ liệu. Hãy bỏ gộp ô (Merge & Center › Unmerge) "
                "và ghi đủ giá trị vào từng dòng.",
            )


def convert(table: Table, report: Reporter) -> Rows:
    """Typed columns for every column of the sheet's contract, each problem reported by cell."""
    check_merged(table, report)
    n = len(table.rows)
    values: dict[str, list[Any]] = {}
    for col in table.spec.columns:
        raw = table.values.get(col.key)
        if raw is None:  # the sheet lacks the column (a required one is reported by `read`)
            values[col.key] = [""] * n if col.kind is Kind.TEXT else [None] * n
        else:
            values[col.key] = _convert_column(table, col, raw, report)
    return Rows(table, values)


_SLOW = object()  # "take the general path": the value needs checking or a message
_BLANK = object()
_NUMBERS = (int, float)


def _fast_text(raw: list[object], nonempty: bool) -> list[object]:
    """Plain text cleaned, blanks as ''; anything else left to the general path. Sections,
    deadlines, units and statuses repeat over thousands of rows: each distinct text is
    cleaned once."""
    memo: dict[str, object] = {}
    out: list[object] = []
    append = out.append
    for value in raw:
        if value.__class__ is str:
            typed = memo.get(value, _SLOW)
            if typed is _SLOW:
                if (not value.isprintable() or "_x" in value) and dropped_characters(value):
                    pass  # the general path says which characters go
                elif value and value[0] != "#":
                    text = clean(value)
                    typed = text if text or not nonempty else _SLOW
                elif value == "" and not nonempty:
                    typed = ""
                if typed is not _SLOW:
                    memo[value] = typed
        elif value is None and not nonempty:
            typed = ""
        else:
            typed = _SLOW
        append(typed)
    return out


def _fast_other(kind: Kind, raw: list[object], nonempty: bool) -> list[object]:
    """The common typed cells without the general path's checks: a date cell, a period
    number, a number, a whole percentage; blanks as None. Class checks keep True/False
    (which equal 1/0) on the general path."""
    blank = _SLOW if nonempty else _BLANK
    if kind is Kind.DATE:
        out = [v if v.__class__ is dt.date else blank if v is None or v == "" else _SLOW for v in raw]
    elif kind is Kind.PERIOD:
        out = [int(v) if v.__class__ in _NUMBERS and v in (1, 2, 3, 4) else
               blank if v is None or v == "" else _SLOW for v in raw]
    elif kind is Kind.NUMBER:
        out = [float(v) if v.__class__ in _NUMBERS else
               blank if v is None or v == "" else _SLOW for v in raw]
    elif kind is Kind.PERCENT:
        out = [float(v) if v.__class__ in _NUMBERS and (v == 0 or 1 <= v <= 100)
               else blank if v is None or v == "" else _SLOW for v in raw]
    else:
        out = [blank if v is None or v == "" else _SLOW for v in raw]
    return out if nonempty else [None if v is _BLANK else v for v in out]


def _convert_column(table: Table, col: Column, raw: list[object], report: Reporter) -> list[object]:
    fast = _fast_text(raw, col.nonempty) if col.kind is Kind.TEXT else _fast_other(col.kind, raw, col.nonempty)
    for i, value in enumerate(fast):
        if value is _SLOW:
            fast[i] = _convert_cell(table, col, i, raw[i], report)
    return fast


def _text_cell(table: Table, col: Column, i: int, raw: object, report: Reporter) -> str:
    """A text cell the fast path left: a TRUE/FALSE, a number, a date, or text with characters
    no document can hold. Nothing changes silently: each is said at its cell."""
    where = table.ref(col.key, i)
    if isinstance(raw, bool):
        word = "TRUE" if raw else "FALSE"
        report.warn(table.sheet, where, f"Ô '{col.header}' chứa giá trị logic {word} (Excel đổi chữ TRUE/FALSE gõ vào "
                                        f"thành giá trị đúng/sai); văn bản ghi '{word}'.")
        return word
    if isinstance(raw, str) and (gone := dropped_characters(raw)):
        report.warn(table.sheet, where, f"Ô '{col.header}' có ký tự không in được ({', '.join(gone[:5])}) "
                                        "đã bị bỏ khỏi văn bản.")
    text = to_text(raw)
    if col.nonempty and not text:
        report.error(table.sheet, where, f"Ô '{col.header}' không được để trống.")
    return text


def _convert_cell(table: Table, col: Column, i: int, raw: object, report: Reporter) -> object:
    blank = None if col.kind is not Kind.TEXT else ""
    if table.uncached and (table.rows[i], col.key) in table.uncached:
        return blank  # reported by `read`: a formula without a value
    if is_blank(raw):
        if col.nonempty:
            report.error(table.sheet, table.ref(col.key, i), f"Ô '{col.header}' không được để trống.")
        return blank
    error = excel_error(raw)
    if error:
        report.error(table.sheet, table.ref(col.key, i), f"Ô '{col.header}' chứa lỗi công thức {raw}.")
        return None
    if col.kind is Kind.TEXT:
        return _text_cell(table, col, i, raw, report)
    try:
        if col.kind is Kind.PERCENT:
            value, warning = to_percent(raw)
            if warning:
                report.warn(table.sheet, table.ref(col.key, i), warning)
            return value
        return CONVERTERS[col.kind](raw)
    except Invalid as exc:
        report.error(table.sheet, table.ref(col.key, i), f"'{col.header}': {exc}.")
        return None
