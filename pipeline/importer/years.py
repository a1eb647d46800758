"""Which year a plan is for, and a title's year and agency as ThongTin placeholders.

Moving a text to another year (`roll_text`) is `derive.years`'s, shared with
`cchc new-year`; it is re-exported here for the importer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pipeline.derive.deadlines import parse_deadline
from pipeline.derive.years import fixed_spans, roll_text
from pipeline.text import match_key

__all__ = ["common_deadline_year", "roll_text", "stated_year", "templatize"]

_PLAN_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_TOPICS = tuple(match_key(w) for w in ("kế hoạch", "cải cách hành chính", "trọng tâm", "phụ lục"))
_TITLES = tuple(match_key(w) for w in ("(", "kế hoạch", "cải cách hành chính", "ban hành kế hoạch"))
_GROUNDS = match_key("căn cứ")
_BEFORE_NOT_PLAN = ("đến", "giai đoạn", "từ", "trước", "sau")  # "đến năm 2030" is a horizon, not the plan's year
_NOT_PLAN_YEAR = re.compile(r"(?:tháng\s*\d{1,2}|" + "|".join(match_key(w) for w in _BEFORE_NOT_PLAN) + r")\s*$")


def stated_year(paragraphs: Iterable[str]) -> int | None:
    """The year a title states: "Kế hoạch cải cách hành chính năm 2025", "(Kèm theo …
    năm 2025)", "MỤC TIÊU TRỌNG TÂM NĂM 2025" — not "ngày 19 tháng 6 năm 2015" nor
    "đến năm 2030". Titles (capitals, "(Kèm theo …)", "Cải cách hành chính …") are read
    before sentences that merely mention a plan."""
    candidates = []
    for text in paragraphs:
        key = match_key(text)
        if key.startswith(_GROUNDS) or not any(k in key for k in _TOPICS):
            continue
        title = text.isupper() or key.startswith(_TITLES)
        candidates.append((not title, text))
    for _, text in sorted(candidates, key=lambda c: c[0]):
        for m in _PLAN_YEAR.finditer(text):
            before = match_key(text[max(0, m.start() - 14): m.start()])
            if _NOT_PLAN_YEAR.search(before):
                continue
            year = int(m.group(1))
            if 1990 <= year <= 2200:
                return year
    return None


def common_deadline_year(deadlines: Iterable[str]) -> int | None:
    """The year deadlines name most often (citations excluded); ties go to the later year."""
    counts: Counter[int] = Counter()
    for text in deadlines:
        counts.update(parse_deadline(text, 2000).years)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def templatize(text: str, year: int | None, agency: str, agency_caps: str) -> str:
    """A title from the document as a ThongTin template: the plan's year → {năm},
    the agency's name → {cơ quan}; braces already there are escaped."""
    out = text.replace("{", "{{").replace("}", "}}")
    if agency:
        out = out.replace(agency, "{cơ quan}")
    if agency_caps and agency_caps != agency:
        out = out.replace(agency_caps, "{CƠ QUAN}")
    if year:
        fixed = fixed_spans(out)

        def sub(m: re.Match[str]) -> str:
            before = out[max(0, m.start() - 12): m.start()]
            if re.search(r"tháng\s*\d{1,2}\s*$", before) or any(a <= m.start(2) < b for a, b in fixed):
                return m.group(0)  # a date, a citation or a range over several years
            return f"{m.group(1)} {{năm}}"

        out = re.sub(rf"\b(năm|NĂM|Năm)\s+({year})(?!\d)", sub, out)
    return out
