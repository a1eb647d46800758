"""How the forms print: their font, and row heights for wrapped text.

A spreadsheet program does not grow a row for wrapped text that was written by another
program (LibreOffice prints such rows one line high, the lines overlapping), so every
row that wraps is given its height here: the text is wrapped as the printer will wrap
it, with the Times New Roman widths of `ooxml.metrics` (LibreOffice prints with the
metric-compatible Liberation Serif), inside the column's width.

Column widths are Excel's: characters of the default font (Calibri 11, 7 pixels to a
character plus 5 pixels of padding, at 96 pixels to the inch).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable

from pipeline.ooxml import metrics

FONT_NAME = "Times New Roman"  # the font of the documents; its widths are known (ooxml.metrics)
FONT_SIZE = 11
FONT = {"font_name": FONT_NAME, "font_size": FONT_SIZE}
LINE = 1.15  # line height, in font sizes (Times New Roman and Liberation Serif: ascent + descent, 1.15 em)
PADDING = 4.0  # points above and below the text of a cell
SIDES = 5.0  # points of a cell's width the text cannot use (both sides)
MAX_ROW = 409.0  # Excel's highest row, in points


def column_points(width: float) -> float:
    """A column `width` characters wide, in points."""
    return (width * 7 + 5) * 0.75


def text_points(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """Printed width of one line of Times New Roman text, in points."""
    table = metrics.BOLD if bold else metrics.REGULAR
    total = 0
    for ch in text:
        if ch not in table:
            ch = unicodedata.normalize("NFD", ch)[:1] or ch  # diacritics add no width
        total += table.get(ch, table["n"])
    return total * size / metrics.UNITS_PER_EM


def line_count(text: str, width: float, size: float = FONT_SIZE, bold: bool = False) -> int:
    """Lines `text` takes in a wrapped cell of a column `width` characters wide: words go on a
    line while they fit; a word longer than the line is broken, as the printer does."""
    room = max(column_points(width) - SIDES, size)
    space = text_points(" ", size, bold)
    lines = 0
    for paragraph in text.split("\n"):
        used, lines = 0.0, lines + 1
        for word in paragraph.split():
            w = text_points(word, size, bold)
            if used and used + space + w <= room:
                used += space + w
                continue
            if used:
                lines += 1
            if w > room:  # broken across lines
                lines += math.ceil(w / room) - 1
                w = w % room or room
            used = w
    return max(lines, 1)


def row_height(cells: Iterable[tuple[str, float]], size: float = FONT_SIZE, bold: bool = False,
               least: int = 1) -> float:
    """The height (points) of a row whose wrapped cells hold (text, column width) each."""
    lines = max([least, *(line_count(text, width, size, bold) for text, width in cells if text)])
    return min(round(lines * size * LINE + PADDING, 1), MAX_ROW)
