"""Stage 5 (format): Vietnamese text as Nghị định 30 and clerks write it.

Dates ("ngày 05 tháng 01 năm 2020"), số/ký hiệu ("Số: 05/QĐ-SNV"), numbers
("1.234", "87,5%"), signature lines and {placeholder} expansion. Pure functions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from pipeline.derive.deadlines import Deadline
from pipeline.model import Comparator, DeadlineKind, PartialDate, Signer
from pipeline.schema import COMPARATOR_WORDS, DEADLINE_KIND_WORDS
from pipeline.text import clean, match_key

# What an unnumbered document shows where the văn thư writes the number or day by
# hand: "Số:        /QĐ-…" and "ngày      tháng 01" (8 and 6 spaces between the words).
BLANK_NUMBER = " " * 7
BLANK_DAY = " " * 4


def day2(day: int) -> str:
    """Days below 10 take a leading zero (NĐ 30, Phụ lục I)."""
    return f"{day:02d}"


def month_nd30(month: int) -> str:
    """Only January and February take a leading zero: "tháng 01", "tháng 3"."""
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(d: PartialDate | dt.date | None, year: int) -> str:
    """'ngày 05 tháng 01 năm 2020'; missing day or month are left blank for the văn thư."""
    if isinstance(d, dt.date):
        d = PartialDate.of(d)
    day = day2(d.day) if d and d.day else BLANK_DAY
    month = month_nd30(d.month) if d and d.month else BLANK_DAY
    return f"ngày {day} tháng {month} năm {d.year if d else year}"


def date_line(place: str, d: PartialDate | dt.date | None, year: int) -> str:
    """Ô 4 of the header: 'Hà Nội, ngày 05 tháng 01 năm 2020'."""
    return f"{place}, {long_date(d, year)}"


def short_date(d: dt.date) -> str:
    """'10/3/2020', '20/01/2020': the same leading-zero rule as the long form."""
    return f"{day2(d.day)}/{month_nd30(d.month)}/{d.year}"


def number_part(number: str) -> str:
    number = number.strip()
    if re.fullmatch(r"\d", number):
        return f"0{number}"  # numbers below 10 take a leading zero
    return number or BLANK_NUMBER


def symbol(number: str, kind: str, abbr: str) -> str:
    """'05/QĐ-SNV'; a công văn has no type: kind='' gives '05/SNV-VP' when abbr='SNV-VP'."""
    code = f"{kind}-{abbr}" if kind else abbr
    return f"{number_part(number)}/{code}"


def so_line(number: str, kind: str, abbr: str) -> str:
    return f"Số: {symbol(number, kind, abbr)}"


def integer(n: int) -> str:
    from babel.numbers import format_decimal  # babel loads its locale data on import: only when used

    return format_decimal(n, locale="vi")


def decimal(x: float) -> str:
    """One decimal where not whole: 87,5 / 100 / 1.234,5."""
    from babel.numbers import format_decimal

    return format_decimal(round(x, 1), format="#,##0.#", locale="vi")


def percent(x: float) -> str:
    """'87,5%', '100%' (babel's own percent pattern would round to '88%')."""
    return f"{decimal(x)}%"


def ratio_percent(part: int, whole: int) -> str:
    """part/whole as a percentage that never rounds to a claim the data does not make:
    1.999 of 2.000 is "99,9%", not "100%"; 1 of 2.000 is "0,1%", not "0%"."""
    if not whole:
        return "0%"
    value = 100 * part / whole
    if 0 < part < whole:
        value = min(max(value, 0.1), 99.9)
    return percent(value)


# How a target's comparison reads inside a sentence ("ít nhất 20%").
_OP_WORDS = {Comparator.GE: "ít nhất", Comparator.GT: "trên", Comparator.EQ: "", Comparator.LE: "không quá",
             Comparator.LT: "dưới"}


def op_symbol(op: Comparator) -> str:
    """'≥', '>', '=' … as a table prints a comparison."""
    return COMPARATOR_WORDS[op].label


def quantity(value: float, unit: str) -> str:
    unit = unit.strip()
    text = decimal(value)
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}".strip()


def target_phrase(op: Comparator, value: float, unit: str) -> str:
    """'ít nhất 20%', 'trên 35%', '100%': how plans write a target inside a sentence."""
    words = _OP_WORDS[op]
    return f"{words} {quantity(value, unit)}".strip()


def signature_lines(signer: Signer) -> tuple[str, str]:
    """(quyền hạn line, chức vụ line): 'KT. GIÁM ĐỐC' / 'PHÓ GIÁM ĐỐC', or 'GIÁM ĐỐC' / ''."""
    qh = signer.quyen_han.strip().upper()
    if qh and not qh.endswith("."):
        qh += "."
    chuc_vu = signer.chuc_vu.strip().upper()
    if not qh:
        return chuc_vu, ""
    head = (signer.tham_quyen or signer.chuc_vu).strip().upper()
    if qh == "Q.":
        return f"Q. {head}", ""
    return f"{qh} {head}", chuc_vu


def placeholder_lookup(values: Mapping[str, str]) -> Callable[[str], str | None]:
    """Exact name first ({CƠ QUAN} and {cơ quan} are different entries), then a
    lookup that ignores case, spacing and tone placement."""
    exact = {clean(k): v for k, v in values.items()}
    keyed: dict[str, str] = {}
    for k, v in values.items():
        keyed.setdefault(match_key(k), v)

    def lookup(name: str) -> str | None:
        name = clean(name)
        return exact[name] if name in exact else keyed.get(match_key(name))

    return lookup


def deadline_label(deadline: Deadline) -> str:
    """'30/6/2030' for a due date; 'thường xuyên', 'chờ điều kiện', 'không xác định' otherwise."""
    if deadline.due is not None:
        return short_date(deadline.due)
    return DEADLINE_KIND_WORDS.get(deadline.kind, DEADLINE_KIND_WORDS[DeadlineKind.UNKNOWN]).label


def period_phrase(name: str, year: int) -> str:
    """'quý III năm 2025', '6 tháng đầu năm 2025', '9 tháng năm 2025', 'năm 2025'."""
    name = name.strip()
    return f"{name} {year}" if name.endswith("năm") else f"{name} năm {year}"


# -- points of an evaluation (issue 13) ----------------------------------------------------

CENT = Decimal("0.01")


def points(x: float | Decimal) -> str:
    """Points as a score sheet writes them, to the hundredth: '6,43', '10', '1,5', '-2'."""
    from babel.numbers import format_decimal

    value = Decimal(str(x)).quantize(CENT, ROUND_HALF_UP)
    return format_decimal(value, format="#,##0.##;-#,##0.##", locale="vi")


def signed_points(x: float | Decimal) -> str:
    """'+2', '-1,5', '0': a bonus or penalty balance."""
    return f"+{points(x)}" if Decimal(str(x)) > 0 else points(x)
