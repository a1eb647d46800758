"""Balanced lines for centred headings: where a clerk puts a line break by hand in Word.

Word fills a centred heading line by line, so a trích yếu one word too long for a line
ends with that word alone ("… và Môi / trường"). `balance` finds, for the same number of
lines, the breaks that make the lines as even as they can be, measured with the font
metrics of Times New Roman (`metrics`), preferring the places a clerk would choose: after a
comma, before a word that opens a phrase ("của", "và", "năm" …) rather than between the
syllables of one word ("cải cách / hành chính", not "cải cách hành / chính").
A flush-left Mục heading ("II. KẾT QUẢ …") is not evened out but `fill`ed: Word's full lines
are kept, and only a short last line ("… CẢI CÁCH HÀNH / CHÍNH") makes the break move back
to the start of a phrase. `balance_headings` writes the breaks into a rendered document as
<w:br/>, only in these headings and titles.

A break is never put inside a run of several spaces (a draft's blank "Số        /QĐ-…" is
to be filled in), nor between a word and the number that belongs to it ("năm 2030",
"quý III", "số 05/QĐ-…").
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml import metrics, sections, tables
from pipeline.ooxml.ns import XML_SPACE, w
from pipeline.ooxml.props import style_id
from pipeline.ooxml.styles import Resolver

TWIPS_PER_PT = 20
# The styles of centred headings and titles (tools/build_templates.py): tên loại, trích yếu,
# thẩm quyền, the Phụ lục's label, title and "(Kèm theo …)" line, captions, V/v.
HEADING_STYLES = frozenset({"CCHCTenLoai", "CCHCTrichYeu", "CCHCThamQuyen", "CCHCPhuLuc", "CCHCPhuLucTieuDe",
                            "CCHCKemTheo", "CCHCChuThich", "CCHCVv"})
# Flush-left headings, the body's "I. TIÊU ĐỀ MỤC": not evened out like a centred title (the
# first line starts at the indent, the next at the margin) but kept full, and broken by hand
# only where Word would end one with a word alone ("… TRÁCH NHIỆM THỰC / HIỆN"), see `fill`.
LEFT_HEADING_STYLES = frozenset({"CCHCMuc"})
_BALANCED_ALIGN = {"center": HEADING_STYLES, "left": LEFT_HEADING_STYLES, "start": LEFT_HEADING_STYLES}
# Lines measured within this share of the width: Word and LibreOffice may round a little
# differently, and a line that overflowed would wrap again.
FIT = 0.98
MAX_WORDS = 150  # a heading longer than this is not a heading: left as Word wraps it
# Words that open a phrase: a line may start with them without cutting a word in two.
PHRASE_STARTS = frozenset({
    "của", "và", "năm", "trong", "theo", "về", "cho", "đối", "tại", "thuộc", "giai", "với", "để", "đến", "từ",
    "trên", "quý", "kỳ", "ngày", "tháng", "các", "những", "giữa", "sau", "trước", "nhằm", "thực", "ban", "kèm",
    "cải", "kế",  # "… công tác / cải cách hành chính", "Ban hành / Kế hoạch …"
})
# The cost of a break elsewhere, as the square of a line's distance from the even width, in
# shares of that width: a good break may leave lines 60/40 rather than cut a word at 50/50.
BAD_BREAK = 0.3
# A flush-left heading is broken by hand only when Word would end it with one word, or with
# a last line shorter than this share of the width.
LAST_LINE_MIN = 0.15
_ROMAN = re.compile(r"^[IVXLC]+[.,;:)]*$")
_GLUED_BEFORE_ROMAN = frozenset({"quý", "phần", "mục", "chương", "phụ", "lục", "khóa", "đoạn", "kỳ"})
_WORD = re.compile(r"\S+")


def char_width(ch: str, size_pt: float, bold: bool) -> float:
    """Printed width of one character of Times New Roman, in points (a Vietnamese letter
    has the width of its base letter)."""
    table = metrics.BOLD if bold else metrics.REGULAR
    if ch not in table:
        ch = unicodedata.normalize("NFD", ch)[0]
    return table.get(ch, table["n"]) * size_pt / metrics.UNITS_PER_EM


@dataclass(frozen=True)
class Words:
    """A line of text cut into words: each word's width, and for each gap (between word i
    and i + 1) its width and whether a line may break there: None where it must not, else
    True for a clerk's place (after a comma, before a phrase), False between syllables."""

    widths: Sequence[float]
    gaps: Sequence[float]
    breaks: Sequence[bool | None]

    def span(self, i: int, j: int) -> float:
        """Width of words i..j-1 on one line."""
        return sum(self.widths[i:j]) + sum(self.gaps[i:j - 1])


def greedy(words: Words, width: float, first: float | None = None) -> list[int]:
    """Where Word breaks the text, filling each line (any gap may break; the first line
    within `first` when given, after a first-line indent): the index of the first word of
    each line after the first."""
    starts: list[int] = []
    line_start = 0
    for k in range(1, len(words.widths)):
        if words.span(line_start, k + 1) > (first if first is not None and not starts else width):
            starts.append(k)
            line_start = k
    return starts


def layout_cost(words: Words, starts: Sequence[int]) -> float:
    """How far a layout is from even lines, plus the cost of its breaks between syllables."""
    bounds = [0, *starts, len(words.widths)]
    n = len(bounds) - 1
    even = words.span(0, len(words.widths)) / n
    lines = sum((words.span(a, b) - even) ** 2 for a, b in itertools.pairwise(bounds))
    return lines + sum((BAD_BREAK * even) ** 2 for k in starts if words.breaks[k - 1] is False)


def balance(words: Words, width: float) -> list[int] | None:
    """The line starts for as many lines as `greedy` gives, every line within `width`, of
    least `layout_cost`; None when the text fits on one line or cannot be broken so."""
    n = len(greedy(words, width)) + 1
    m = len(words.widths)
    if n < 2 or m > MAX_WORDS:
        return None
    even = words.span(0, m) / n
    bad = (BAD_BREAK * even) ** 2

    def line_cost(_: int, i: int, j: int) -> float | None:
        line = words.span(i, j)
        return None if line > width else (line - even) ** 2 + (bad if i and words.breaks[i - 1] is False else 0)

    return _least(words, n, line_cost)


def _least(words: Words, n: int, line_cost: Callable[[int, int, int], float | None]) -> list[int] | None:
    """The line starts of the `n`-line layout of least total cost, breaking only where a break
    is allowed; `line_cost(k, i, j)` is the cost of line k (1 to n) holding words i..j-1, None
    where it may not. None when no layout may."""
    m = len(words.widths)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for lines in range(1, n + 1):
        for j in (range(1, m + 1) if lines < n else (m,)):
            for i in ((0,) if lines == 1 else range(1, j)):
                if cost[lines - 1][i] == inf or (i and words.breaks[i - 1] is None):
                    continue
                c = line_cost(lines, i, j)
                if c is not None and cost[lines - 1][i] + c < cost[lines][j]:
                    cost[lines][j], back[lines][j] = cost[lines - 1][i] + c, i
    if cost[n][m] == inf:
        return None
    starts, j = [], m
    for lines in range(n, 1, -1):
        j = back[lines][j]
        starts.append(j)
    return sorted(starts)


def fill_cost(words: Words, starts: Sequence[int], width: float, first: float) -> float | None:
    """For a flush-left heading: the room left on each line before the last, plus the cost of
    its breaks between syllables; None when a line overflows or the last line is too short."""
    bounds = [0, *starts, len(words.widths)]
    spans = [words.span(a, b) for a, b in itertools.pairwise(bounds)]
    if any(s > (first if k == 0 else width) for k, s in enumerate(spans)):
        return None
    if len(spans) > 1 and not _last_line_ok(words, bounds[-2], bounds[-1], width):
        return None
    room = sum(((first if k == 0 else width) - s) ** 2 for k, s in enumerate(spans[:-1]))
    return room + sum((BAD_BREAK * width) ** 2 for k in starts if words.breaks[k - 1] is False)


def _last_line_ok(words: Words, a: int, b: int, width: float) -> bool:
    """Whether words a..b-1, a heading's last line, are two words or more and LAST_LINE_MIN
    of the width."""
    return b - a >= 2 and words.span(a, b) >= LAST_LINE_MIN * width


def fill(words: Words, width: float, first: float) -> list[int] | None:
    """The line starts of a flush-left heading: None when Word's own wrap ends well (a clerk
    leaves it alone) or no layout of as many lines does; else the layout of least `fill_cost`,
    which keeps the lines full and moves the phrase that ends the heading to the last line."""
    word = greedy(words, width, first)
    m = len(words.widths)
    if not word or m > MAX_WORDS or _last_line_ok(words, word[-1], m, width):
        return None
    n = len(word) + 1
    bad = (BAD_BREAK * width) ** 2

    def line_cost(k: int, i: int, j: int) -> float | None:
        line, limit = words.span(i, j), first if k == 1 else width
        if line > limit or (k == n and not _last_line_ok(words, i, j, width)):
            return None
        return (0 if k == n else (limit - line) ** 2) + (bad if i and words.breaks[i - 1] is False else 0)

    return _least(words, n, line_cost)


def split_words(text: str, width_of: Callable[[int, str], float]) -> tuple[Words, list[tuple[int, int]]]:
    """`text` as Words, measuring character k with `width_of(k, ch)`, and each gap's (start,
    end) offsets in `text`."""
    found = list(_WORD.finditer(text))
    widths = [sum(width_of(k, text[k]) for k in range(m.start(), m.end())) for m in found]
    spans = [(a.end(), b.start()) for a, b in itertools.pairwise(found)]
    gaps = [sum(width_of(k, text[k]) for k in range(s, e)) for s, e in spans]
    tokens = [m.group() for m in found]
    breaks = [_break(tokens[i], tokens[i + 1]) if e - s == 1 else None for i, (s, e) in enumerate(spans)]
    return Words(widths, gaps, breaks), spans


def _break(before: str, after: str) -> bool | None:
    """Whether a line may break between two words: None never, True at a clerk's place."""
    if after[:1].isdigit():  # "năm 2030", "số 05/QĐ-…", "ngày 15/3/2030"
        return None
    if _ROMAN.match(after) and before.lower().strip("(") in _GLUED_BEFORE_ROMAN:  # "quý III"
        return None
    return before.endswith((",", ";", ":", ")")) or after.startswith("(") or after.lower() in PHRASE_STARTS


# -- the rendered document ----------------------------------------------------------------------

_R, _T, _RPR = w("r"), w("t"), w("rPr")
# Paragraph children that carry no text; any other (a field, a hyperlink, a drawing) is left alone.
_INERT = frozenset({w("pPr"), w("bookmarkStart"), w("bookmarkEnd"), w("proofErr")})


def balance_headings(body: etree._Element, styles: Resolver) -> None:
    """Put balanced line breaks into every centred heading of `body` that wraps."""
    widths = sections.section_widths(body)
    for top in body:
        for p in top.iter(w("p")):
            if style_id(p) in HEADING_STYLES or style_id(p) in LEFT_HEADING_STYLES:
                cell = tables.cell_text_width(p)
                balance_paragraph(p, styles, cell if cell is not None else widths.get(top, sections.DEFAULT_TEXT_WIDTH))


def balance_paragraph(p: etree._Element, styles: Resolver, width_twips: int) -> bool:
    """Break `p` into balanced lines if it is a centred heading (or a flush-left one of
    LEFT_HEADING_STYLES), plain text, and wraps; True when it did."""
    pieces = _plain_runs(p)
    fmt = styles.paragraph_format(p)
    allowed = _BALANCED_ALIGN.get(fmt.align or "left", frozenset())
    if not pieces or (fmt.align != "center" and style_id(p) not in allowed):
        return False
    text = "".join(t for _, t in pieces)
    owner: list[tuple[float, bool]] = []
    for r, t in pieces:
        run = styles.run_format(r, p)
        owner += [(run.size, run.bold)] * len(t)
    caps = [styles.run_format(r, p).caps for r, t in pieces for _ in t]
    words, spans = split_words(text, lambda k, ch: char_width(ch.upper() if caps[k] else ch, *owner[k]))
    if fmt.align == "center":
        width = (width_twips - fmt.left - fmt.right - max(fmt.first_line, 0)) / TWIPS_PER_PT * FIT
        starts = balance(words, width)
        if starts is None or starts == greedy(words, width):
            return False
    else:  # flush left after its first-line indent: full lines, a whole phrase on the last
        width = (width_twips - fmt.left - fmt.right) / TWIPS_PER_PT * FIT
        starts = fill(words, width, width - fmt.first_line / TWIPS_PER_PT)
        if starts is None:
            return False
    _insert_breaks(pieces, [spans[k - 1][0] for k in starts])
    return True


def _plain_runs(p: etree._Element) -> list[tuple[etree._Element, str]]:
    """(run, text) of a paragraph made only of runs of plain text; [] otherwise."""
    out: list[tuple[etree._Element, str]] = []
    for child in p:
        if child.tag in _INERT:
            continue
        if child.tag != _R or any(el.tag not in (_T, _RPR) for el in child):
            return []
        out.append((child, "".join(t.text or "" for t in child.iter(_T))))
    return out if any(t.strip() for _, t in out) else []


def _insert_breaks(pieces: list[tuple[etree._Element, str]], offsets: list[int]) -> None:
    """Replace the space at each offset of the paragraph's text with a line break."""
    pos = 0
    for r, text in pieces:
        local = [k - pos for k in offsets if pos <= k < pos + len(text)]
        pos += len(text)
        if not local:
            continue
        for t in list(r.iter(_T)):
            r.remove(t)
        cuts = [0, *local, len(text)]
        for n, (a, b) in enumerate(itertools.pairwise(cuts)):
            if n:
                etree.SubElement(r, w("br"))
                a += 1  # the space the break replaces
            t = etree.SubElement(r, _T)
            t.text = text[a:b]
            t.set(XML_SPACE, "preserve")
