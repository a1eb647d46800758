"""Moving a plan's text and dates to another year: the rules `cchc new-year` and
`cchc import --nam` share.

A year moves only where it is the plan's own: "Quý II/2025" → "Quý II/2026", "Trong năm
2025" → "Trong năm 2026", "trước ngày 15/12/2025" → "trước ngày 15/12/2026". Two kinds of
year never move:

- years inside a cited document ("Quyết định số 1117/QĐ-UBND ngày 19/5/2023",
  "Nghị định 30/2020/NĐ-CP"): they name a document, not a deadline;
- years that bound a range over several years ("giai đoạn 2021 - 2030", "2025-2030",
  "từ năm 2025 đến năm 2026", "Quý IV/2025 - Quý II/2026"): the range is the programme's,
  not this year's.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = r"(?:\s*,?\s*ngày\s*\d{1,2}(?:\s*[/.-]\s*|\s+tháng\s+)\d{1,2}(?:\s*[/.-]\s*|\s+năm\s+)\d{4})?"
# "số 05/QĐ-UBND", "số 1117/QĐ-UBND ngày 19/5/2023", or a bare code with letters ("30/2020/NĐ-CP").
_CITATION = re.compile(
    r"(?:\bsố\s*\d[\w./-]*|(?<![\w/-])\d+(?:-\d+)*/(?!năm\b)[\w]+(?:[/-][\w]+)*)" + _DATE,
    re.IGNORECASE,
)
# One end of a range: a bare year, "năm 2025", "Quý IV/2025", "tháng 6/2025", "30/6/2025".
_END = (r"(?:(?:quý|quí)\s*[IVX\d]{1,3}\s*[/.-]\s*|tháng\s*\d{1,2}\s*[/.-]\s*|\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*"
        r"|năm\s+)?(?<!\d)(\d{4})(?!\d)")
_RANGE = re.compile(_END + r"\s*(?:[-–—]|\bđến\b|\btới\b)\s*" + _END, re.IGNORECASE)


def _citations(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _CITATION.finditer(text):
        code = m.group(0)
        head = code.split("ngày")[0]
        if re.match(r"số", code, re.IGNORECASE) or re.search(r"[^\W\d_]", head):
            spans.append(m.span())
    return spans


def _ranges(text: str) -> list[tuple[int, int]]:
    """Spans of the years that bound a range over two different years."""
    spans = []
    for m in _RANGE.finditer(text):
        if m.group(1) != m.group(2):
            spans += [m.span(1), m.span(2)]
    return spans


def fixed_spans(text: str) -> list[tuple[int, int]]:
    """Where years must not move: cited documents and multi-year ranges."""
    return _citations(text) + _ranges(text)


def roll_text(text: str, old: int, new: int) -> str:
    """Replace the year `old` with `new` where it is the plan's own year (not inside a
    citation nor bounding a multi-year range)."""
    if old == new or str(old) not in text:
        return text
    spans = fixed_spans(text)

    def sub(m: re.Match[str]) -> str:
        inside = any(a <= m.start() < b for a, b in spans)
        return m.group(0) if inside else str(new)

    return re.sub(rf"(?<!\d){old}(?!\d)", sub, text)


def mentions_year(text: str, year: int) -> bool:
    """Whether `text` names `year` as the plan's own year (what `roll_text` would move)."""
    return roll_text(text, year, year + 1) != text


def roll_date(d: dt.date, years: int = 1) -> dt.date:
    """The same day and month `years` later; 29/02 becomes 28/02 in a common year."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)
