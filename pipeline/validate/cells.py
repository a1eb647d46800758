"""Typed cell values: one function per kind of column, each raising `Invalid` with the
message a clerk reads, and the vocabularies a clerk types (statuses, unit types …).

Pure functions of one value; where the value sits is the caller's business.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Generic, TypeVar

from pipeline.formatting import short_date
from pipeline.model import PartialDate, Status
from pipeline.schema import STATUS_WORDS, Kind, Words
from pipeline.text import clean, header_key, match_key

_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MONTH_YEAR = re.compile(r"^(?:(?:ngày)?\s*[/.\-]?\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIOD_WORDS = {"6 tháng": 2, "6 tháng đầu năm": 2, "9 tháng": 3, "năm": 4, "cả năm": 4}


class Invalid(ValueError):
    """A cell value that cannot be read; the message is shown to the clerk."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return short_date(value)  # a date typed in a text column reads as the documents write dates
    return clean(value)


def to_int(value: object) -> int:
    if isinstance(value, bool):
        raise Invalid("cần một số nguyên")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean(value)
    if re.fullmatch(r"\d+", text):
        return int(text)
    raise Invalid(f"'{text}' không phải số nguyên")


def to_number(value: object) -> float:
    if isinstance(value, bool):
        raise Invalid("cần một số")
    if isinstance(value, (int, float)):
        return float(value)
    text = clean(value).replace(" ", "").rstrip("%")
    # Vietnamese writes 87,5 and 1.234; accept both decimal marks when unambiguous.
    if re.fullmatch(r"\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise Invalid(f"'{clean(value)}' không phải số") from None


def to_percent(value: object) -> tuple[float, str | None]:
    """0–100. Returns the value and an optional warning."""
    if isinstance(value, str):
        text = clean(value).replace(" ", "")
        if re.fullmatch(r"\d+(?:[.,]\d+)?%", text):
            number = float(text[:-1].replace(",", "."))
        elif re.fullmatch(r"\d+", text):
            number = float(text)
        else:
            raise Invalid(f"tỷ lệ '{clean(value)}' không hợp lệ: ghi số từ 0 đến 100, ví dụ 50")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if 0 < number < 1:
            # A cell formatted as % in Excel stores 0.5 for 50%.
            return number * 100, f"tỷ lệ {value} được hiểu là {number * 100:g}%"
    else:
        raise Invalid("tỷ lệ phải là số từ 0 đến 100")
    if not 0 <= number <= 100:
        raise Invalid(f"tỷ lệ {number:g} nằm ngoài khoảng 0–100")
    return number, None


def to_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(value)
    m = _DATE_TEXT.match(text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise Invalid(f"ngày '{text}' không tồn tại") from None
    if isinstance(value, (int, float)):
        raise Invalid(f"'{to_text(value)}' không phải ngày; ghi dạng dd/mm/yyyy")
    raise Invalid(f"'{text}' không phải ngày; ghi dạng dd/mm/yyyy, ví dụ 15/3/2025")


def to_partial_date(value: object) -> PartialDate | None:
    if is_blank(value):
        return None
    if isinstance(value, str):
        m = _MONTH_YEAR.match(clean(value).replace("ngày", "").strip())
        if m:
            month, year = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise Invalid(f"tháng {month} không hợp lệ")
            return PartialDate(year, month)
    return PartialDate.of(to_date(value))


def to_period(value: object) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        n = int(value)
        if 1 <= n <= 4:
            return n
        raise Invalid(f"kỳ {n} không hợp lệ: chỉ có kỳ 1 đến 4")
    key = header_key(value)
    key = re.sub(r"^(kỳ|ky)\s*", "", key)
    key = re.sub(r"\s*(năm)?\s*\d{4}$", "", key).strip()
    if key in _PERIOD_WORDS:
        return _PERIOD_WORDS[key]
    m = re.fullmatch(r"(?:quý|quí|q)?\s*([1-4]|i{1,3}|iv)", key)
    if m:
        token = m[1]
        return int(token) if token.isdigit() else _ROMAN[token]
    raise Invalid(f"không hiểu kỳ '{clean(value)}': ghi 1–4, 'Quý III', 'Q3' hoặc 'III'")


CONVERTERS: dict[Kind, Callable[[object], object]] = {
    Kind.TEXT: to_text,
    Kind.INT: to_int,
    Kind.NUMBER: to_number,
    Kind.DATE: to_date,
    Kind.PARTIAL_DATE: to_partial_date,
    Kind.PERIOD: to_period,
}


# What Excel shows in a cell whose formula failed; calamine hands the text over.
EXCEL_ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!",
                "#GETTING_DATA")


def excel_error(value: object) -> str | None:
    """The Excel error a cell holds ('#N/A' …), or None."""
    if isinstance(value, str) and value.startswith("#"):
        text = value.strip().upper()
        return text if text in EXCEL_ERRORS else None
    return None


E = TypeVar("E", bound=Enum)


class Vocabulary(Generic[E]):
    """The members of one enum as a clerk may type them: label or alias, any case,
    spacing or tone placement."""

    def __init__(self, words: Mapping[E, Words]):
        self.words = words
        self._index = {match_key(n): m for m, w in words.items() for n in (w.label, *w.aliases)}

    def parse(self, value: object) -> E | None:
        return self._index.get(match_key(value))

    def label(self, member: E) -> str:
        return self.words[member].label

    @property
    def labels(self) -> list[str]:
        return [w.label for w in self.words.values()]


@functools.lru_cache(maxsize=1)
def _statuses() -> Vocabulary[Status]:
    return Vocabulary(STATUS_WORDS)


def status_key(value: object) -> Status | None:
    """A status typed by a person (label or alias, any case or tone placement) → its member."""
    return _statuses().parse(value)
