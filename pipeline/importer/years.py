"""Which year a plan is for, and moving a plan's deadlines to another year.

Years inside cited documents ("Quyết định số 1117/QĐ-UBND ngày 19/5/2023",
"Nghị định 30/2020/NĐ-CP") are never moved: they name a document, not a deadline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pipeline.derive.deadlines import parse_deadline
from pipeline.text import match_key

_DATE = r"(?:\s*,?\s*ngày\s*\d{1,2}(?:\s*[/.-]\s*|\s+tháng\s+)\d{1,2}(?:\s*[/.-]\s*|\s+năm\s+)\d{4})?"
# "số 05/QĐ-UBND", "số 1117/QĐ-UBND ngày 19/5/2023", or a bare code with letters ("30/2020/NĐ-CP").
_CITATION = re.compile(
    r"(?:\bsố\s*\d[\w./-]*|(?<![\w/-])\d+(?:-\d+)*/(?!năm\b)[\w]+(?:[/-][\w]+)*)" + _DATE,
    re.IGNORECASE,
)
_PLAN_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_TOPICS = tuple(match_key(w) for w in ("kế hoạch", "cải cách hành chính", "trọng tâm", "phụ lục"))
_TITLES = tuple(match_key(w) for w in ("(", "kế hoạch", "cải cách hành chính", "ban hành kế hoạch"))
_GROUNDS = match_key("căn cứ")
_BEFORE_NOT_PLAN = ("đến", "giai đoạn", "từ", "trước", "sau")  # "đến năm 2030" is a horizon, not the plan's year
_NOT_PLAN_YEAR = re.compile(r"(?:tháng\s*\d{1,2}|" + "|".join(match_key(w) for w in _BEFORE_NOT_PLAN) + r")\s*$")


def _citations(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _CITATION.finditer(text):
        code = m.group(0)
        head = code.split("ngày")[0]
        if re.match(r"số", code, re.IGNORECASE) or re.search(r"[^\W\d_]", head):
            spans.append(m.span())
    return spans


def roll_text(text: str, old: int, new: int) -> str:
    """Replace the year `old` with `new` outside citations ("Quý II/2025" → "Quý II/2026")."""
    if old == new or str(old) not in text:
        return text
    spans = _citations(text)

    def sub(m: re.Match[str]) -> str:
        inside = any(a <= m.start() < b for a, b in spans)
        return m.group(0) if inside else str(new)

    return re.sub(rf"(?<!\d){old}(?!\d)", sub, text)


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
        def sub(m: re.Match[str]) -> str:
            before = out[max(0, m.start() - 12): m.start()]
            if re.search(r"tháng\s*\d{1,2}\s*$", before):
                return m.group(0)
            return f"{m.group(1)} {{năm}}"

        out = re.sub(rf"\b(năm|NĂM|Năm)\s+{year}(?!\d)", sub, out)
    return out
