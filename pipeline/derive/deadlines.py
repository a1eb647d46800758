"""Parse the "Thời gian" (deadline) text of a task into a structured deadline.

A due date is the last day of the stated day / month / quarter / half-year / year;
with several periods ("Quý IV/2025 - Quý II/2026", "Năm 2025-2030") the latest end wins.
"Trước <period>" means before the period starts ("Trước năm 2030" → 31/12/2029,
"Trước Quý III/2030" → 30/6/2030), except "Trước ngày d/m/y", which is due that day.
A period with no year ("Quý II", "Tháng 12 hằng năm") falls in the plan's year.
"Từ / Bắt đầu <period>" sets `start`; with no end period the task is recurring.
Document citations ("Quyết định số 1117/QĐ-UBND ngày 19/5/2023") are removed first:
their dates are not deadlines and their years are not stated years.
Anything not understood, or holding an invalid date or a year outside 1900–2200, is unknown.

Matching runs on a key without case or diacritics, so NFD input, "Quí"/"Quý" and
"Hằng"/"Hàng" all match the same patterns.

`task_deadline` reads a task's deadline as the reports use it: the clerk's "Loại thời
hạn" (NhiemVu) overrides the parse, and "Theo quy định" on a periodic reporting task
("Báo cáo … định kỳ") is recurring, not waiting on anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from pipeline.model import DeadlineKind, DeadlineType

MIN_YEAR, MAX_YEAR = 1900, 2200


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    due: dt.date | None  # set iff kind is DATE: the last day by which the task is due
    years: tuple[int, ...]  # calendar years the text states outside citations, sorted, unique
    start: dt.date | None = None  # "Bắt đầu triển khai từ năm 2026" → 2026-01-01
    text: str = ""  # the input, NFC-normalised and whitespace-collapsed


# --- patterns, written against the key: lower case, no diacritics, đ → d, single spaces ---

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})

# "số <code>" or a bare code with a slash and letters ("30/2020/nd-cp"), plus the date it was signed.
_CITATION = re.compile(
    r"(?:\bso\s*(?P<no>[0-9][0-9a-z]*(?:[./-][0-9a-z]+)*)"
    r"|(?<![\w/-])(?P<code>[0-9]+(?:-[0-9a-z]+)*/(?!nam\b)[0-9a-z]+(?:[/-][0-9a-z]+)*))"
    r"(?:\s*,?\s*ngay\s*[0-9]{1,2}(?:\s*[/.-]\s*|\s+thang\s+)[0-9]{1,2}(?:\s*[/.-]\s*|\s+nam\s+)[0-9]{4})?"
)
_LETTER = re.compile(r"[a-z]")
_YEARS = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")

_QN = r"(?:[ivx]+\b|[0-9]{1,2}(?![0-9]))"  # quarter number, Roman or Arabic
_MN = r"[0-9]{1,2}(?![0-9])"  # month number
_MORE = r"(?:\s*(?:[-,;]|\bva\b|\bden\b)\s*(?:{word}\s*)?(?P<{name}>{num}))*"  # list or range: keep the last
_YR = r"(?:(?:\s*[/.,-]\s*|\s+)(?:nam\s*)?(?P<{name}>[0-9]+)(?![0-9]))?"  # "/2030", "-2030", " năm 2030"

# Order matters where alternatives can start at the same place: full dates before bare years.
_PERIOD = re.compile(
    "|".join(
        [
            r"(?P<iso>(?<![0-9])(?P<iy>[0-9]{4})-(?P<im>[0-9]{1,2})-(?P<id>[0-9]{1,2})(?![0-9]))",
            r"(?P<day>(?:\bngay\s*)?(?<![0-9])(?P<dd>[0-9]{1,2})(?:\s*[/.-]\s*|\s+thang\s+)"
            r"(?P<dm>[0-9]{1,2})(?:\s*[/.-]\s*|\s+nam\s+)(?P<dy>[0-9]+)(?![0-9]))",
            # A day and month without a year, "ngày 15/10" or just "31/12": in the plan's year.
            r"(?P<dayless>(?:\bngay\s*)?(?<![0-9/.-])(?P<ed>[0-9]{1,2})\s*[/.]\s*(?P<em>[0-9]{1,2})"
            r"(?![0-9/.]))",
            r"(?P<half>(?:(?<![0-9])(?P<hn>[0-9]{1,2})\s*thang|\bnua)\s*(?P<hs>dau|cuoi)\s*nam"
            + _YR.format(name="hy")
            + ")",
            rf"(?P<quarter>\bqu[yi]\s*(?P<q1>{_QN})"
            + _MORE.format(word="qu[yi]", name="q2", num=_QN)
            + _YR.format(name="qy")
            + ")",
            rf"(?P<month>\bthang\s*(?P<m1>{_MN})"
            + _MORE.format(word="thang", name="m2", num=_MN)
            + _YR.format(name="my")
            + ")",
            r"(?P<monthyear>(?<![0-9/.-])(?P<bm>[0-9]{1,2})\s*/\s*(?P<by>[0-9]{4,})(?![0-9]))",
            r"(?P<year>(?:\bnam\s*)?(?<![0-9])(?P<y>[0-9]{4,})(?![0-9]))",
        ]
    )
)
_QUARTER_LIST = re.compile(r"\bqu[yi]\s*" + _QN + r"(?:\s*(?:[,;]|\bva\b)\s*(?:qu[yi]\s*)?" + _QN + r")+")

# Looked for in the text just before a period.
_BEFORE = re.compile(r"\btruoc\s*$")
_FROM = re.compile(r"(?:(?<!qu[yi] )\btu|\bbat dau(?:\s+[a-z]+){0,3})\s*$")

_RECURRING = re.compile(r"\b(?:thuong xuyen|dinh ky|lien tuc|(?:hang|moi) (?:ngay|tuan|thang|quy))\b")
_YEARLY = re.compile(r"\b(?:hang|moi) nam\b")  # recurring, unless a month/day without year is named
_CONDITIONAL = re.compile(
    r"^\W*(?:theo|khi|sau khi|tuy|can cu|cho|neu)\b"
    r"|\b(?:sau khi|khi co|khi duoc|tuy theo|tuy thuoc|phu thuoc|theo tien do|theo lo trinh)\b"
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _tidy(text: object) -> str:
    raw = "" if text is None else text if isinstance(text, str) else str(text)
    return " ".join(unicodedata.normalize("NFC", raw).split())


def _key(text: str) -> str:
    # upper() before casefold() keeps the key identical under upper/lower changes (ı, ſ, U+0345).
    folded = unicodedata.normalize("NFD", text.upper().casefold())
    bare = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    return " ".join(bare.replace("đ", "d").translate(_DASHES).split())


def _strip_citations(key: str) -> str:
    def drop(m: re.Match[str]) -> str:
        if m["no"] is not None or _LETTER.search(m["code"]):
            return " "
        return m[0]  # digits only ("30/6/2030"): a date, not a document code

    return " ".join(_CITATION.sub(drop, key).split())


def _year(digits: str | None, plan_year: int) -> int:
    year = plan_year if digits is None else int(digits) if len(digits) <= 5 else MAX_YEAR + 1
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"year {year} out of range")
    return year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter(numeral: str) -> int:
    number = _ROMAN.get(numeral) or (int(numeral) if numeral.isdigit() else 0)
    if not 1 <= number <= 4:
        raise ValueError(f"quarter {numeral}")
    return number


def _span(m: re.Match[str], plan_year: int) -> tuple[dt.date, dt.date, bool, bool]:
    """(first day, last day, year stated, is a single day) of one period; ValueError if invalid."""
    kind = m.lastgroup
    if kind in ("iso", "day", "dayless", "monthyear"):
        y, mo, d = {
            "iso": ("iy", "im", "id"),
            "day": ("dy", "dm", "dd"),
            "dayless": (None, "em", "ed"),
            "monthyear": ("by", "bm", None),
        }[kind]
        year = _year(m[y] if y else None, plan_year)
        month = int(m[mo])
        if d is None:
            return dt.date(year, month, 1), _month_end(year, month), True, False
        day = dt.date(year, month, int(m[d]))
        return day, day, y is not None, True
    if kind == "half":
        year = _year(m["hy"], plan_year)
        months = int(m["hn"]) if m["hn"] else 6
        if not 1 <= months <= 12:
            raise ValueError(f"{months} months")
        if m["hs"] == "dau":
            return dt.date(year, 1, 1), _month_end(year, months), m["hy"] is not None, False
        return dt.date(year, 13 - months, 1), dt.date(year, 12, 31), m["hy"] is not None, False
    if kind == "quarter":
        year = _year(m["qy"], plan_year)
        first, last = _quarter(m["q1"]), _quarter(m["q2"] or m["q1"])
        return dt.date(year, 3 * first - 2, 1), _month_end(year, 3 * last), m["qy"] is not None, False
    if kind == "month":
        year = _year(m["my"], plan_year)
        last = int(m["m2"] or m["m1"])
        return dt.date(year, int(m["m1"]), 1), _month_end(year, last), m["my"] is not None, False
    year = _year(m["y"], plan_year)
    return dt.date(year, 1, 1), dt.date(year, 12, 31), True, False


def _periods(key: str, plan_year: int) -> tuple[list[dt.date], dt.date | None, bool] | None:
    """(due dates, start, any year stated), or None when some period is invalid."""
    dues: list[dt.date] = []
    starts: list[dt.date] = []
    stated = False
    for m in _PERIOD.finditer(key):
        try:
            first, last, has_year, single_day = _span(m, plan_year)
        except (ValueError, OverflowError):
            return None
        stated = stated or has_year
        head = key[max(0, m.start() - 48) : m.start()]
        if _FROM.search(head):
            starts.append(first)
            if m.group("q2") or m.group("m2"):  # "Từ quý II đến quý IV/2030": a range with an end
                dues.append(last)
        elif _BEFORE.search(head) and not single_day:
            dues.append(first - dt.timedelta(days=1))
        else:
            dues.append(last)
    return dues, min(starts, default=None), stated


def _every_quarter(key: str) -> bool:
    m = _QUARTER_LIST.search(key)
    if not m:
        return False
    numerals = set(re.findall(r"\b(?:iv|i{1,3}|[1-4])\b", m.group(0)))
    return len(numerals) >= 3


def parse_deadline(text: str, plan_year: int) -> Deadline:
    """Parse a "Thời gian" cell; never raises. `plan_year` places periods stated without a year."""
    if isinstance(text, str) and isinstance(plan_year, int):
        # Plans repeat a handful of phrasings ("Trong năm …") over thousands of tasks.
        return _parse_cached(text, plan_year)
    return _parse(text, plan_year)


@functools.lru_cache(maxsize=8192)
def _parse_cached(text: str, plan_year: int) -> Deadline:
    return _parse(text, plan_year)


def _parse(text: object, plan_year: int) -> Deadline:
    tidy = _tidy(text)
    key = _strip_citations(_key(tidy))
    years = tuple(sorted({y for y in map(int, _YEARS.findall(key)) if MIN_YEAR <= y <= MAX_YEAR}))
    periods = _periods(key, plan_year)
    dues, start, stated = periods or ([], None, False)

    def result(kind: DeadlineKind, due: dt.date | None = None) -> Deadline:
        return Deadline(kind, due, years, start, tidy)

    # Several quarters listed ("Quý I, II, III, IV/2030") means every quarter; two
    # ("Quý I và Quý II/2030") are one period ending with the second.
    if _RECURRING.search(key) or _every_quarter(key):
        return result(DeadlineKind.RECURRING)
    if periods is None:
        return result(DeadlineKind.UNKNOWN)
    # "Hằng năm" is recurring, but "Tháng 12 hằng năm" names a due month in the plan's year.
    if _YEARLY.search(key) and (stated or not dues):
        return result(DeadlineKind.RECURRING)
    if dues:
        return result(DeadlineKind.DATE, max(dues))
    if start is not None:
        return result(DeadlineKind.RECURRING)
    if _CONDITIONAL.search(key):
        return result(DeadlineKind.CONDITIONAL)
    return result(DeadlineKind.UNKNOWN)


# --- a task's deadline: the clerk's Loại thời hạn first, then periodic reports ---

_BY_REGULATION = re.compile(r"^\W*theo (?:dung |cac )?quy dinh\b")
_REPORT = re.compile(r"\bbao cao\b")
_PERIODIC = re.compile(r"\b(?:dinh ky|thuong xuyen|(?:hang|moi) (?:ngay|tuan|thang|quy|nam)|6 thang)\b")


def periodic_report(task_text: str) -> bool:
    """'Báo cáo kết quả công tác CCHC định kỳ', 'Báo cáo hằng quý …': a report made every period."""
    key = _key(_tidy(task_text))
    return bool(_REPORT.search(key) and _PERIODIC.search(key))


def task_deadline(text: str, plan_year: int, task_text: str = "", override: DeadlineType | None = None) -> Deadline:
    """The deadline of a task as reports count it; never raises.

    - override ONCE: the parsed due date, or without one the end of the plan's year;
    - override RECURRING / CONDITIONAL: that kind, whatever the text says;
    - no override: the parse, except "Theo quy định" on a periodic report, which is recurring.
    """
    base = parse_deadline(text, plan_year)
    if override is DeadlineType.RECURRING:
        return replace(base, kind=DeadlineKind.RECURRING, due=None)
    if override is DeadlineType.CONDITIONAL:
        return replace(base, kind=DeadlineKind.CONDITIONAL, due=None)
    if override is DeadlineType.ONCE:
        if base.kind is DeadlineKind.DATE or not isinstance(plan_year, int) or not MIN_YEAR <= plan_year <= MAX_YEAR:
            return base
        return replace(base, kind=DeadlineKind.DATE, due=dt.date(plan_year, 12, 31))
    if base.kind is DeadlineKind.CONDITIONAL and _by_regulation(base.text) and periodic_report(task_text):
        return replace(base, kind=DeadlineKind.RECURRING)
    return base


@functools.lru_cache(maxsize=8192)
def _by_regulation(text: str) -> bool:
    """'Theo quy định' (citations aside); cached like the parse: a plan repeats its few
    deadline phrases over thousands of tasks."""
    return bool(_BY_REGULATION.search(_strip_citations(_key(text))))
