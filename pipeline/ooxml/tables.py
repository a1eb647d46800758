"""Tables as WordprocessingML holds them: the body's blocks, grids with merged cells,
row flags, the table style and cell widths a paragraph sits in.

`grid` gives one entry per grid column: a cell merged across columns (w:gridSpan, or
the legacy w:hMerge) appears in every column it covers, a cell merged down (w:vMerge)
in every row it covers, always as the element of the cell where the merge starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.ns import flag, w
from pipeline.ooxml.props import to_int

_P, _TBL, _TR, _TC = w("p"), w("tbl"), w("tr"), w("tc")
# Containers that may hold body-level paragraphs, tables, rows or cells.
_CONTAINERS = frozenset({w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")})
DEFAULT_CELL_MARGIN = 108  # twips each side: Word's default 0.19 cm


def is_paragraph(el: etree._Element) -> bool:
    return el.tag == _P


def _children(parent: etree._Element, tags: frozenset[str]) -> Iterator[etree._Element]:
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tags)


def body_blocks(body: etree._Element) -> Iterator[etree._Element]:
    """The body's paragraphs and tables in reading order (through content controls)."""
    return _children(body, frozenset({_P, _TBL}))


def rows(tbl: etree._Element) -> Iterator[etree._Element]:
    return _children(tbl, frozenset({_TR}))


def cells(tr: etree._Element) -> Iterator[etree._Element]:
    return _children(tr, frozenset({_TC}))


@dataclass(frozen=True)
class Slot:
    """One grid position: the cell element shown there and whether this row starts it
    (False for a vertical-merge continuation of the cell above)."""

    tc: etree._Element
    fresh: bool = True


def _val_int(el: etree._Element | None, default: int) -> int:
    value = to_int(el.get(w("val"))) if el is not None else None
    return default if value is None else value


def _merge_continues(el: etree._Element | None) -> bool:
    return el is not None and el.get(w("val"), "continue") == "continue"


# Word tables have at most 63 columns; a span or gridBefore past this is a hostile file (a
# gridSpan of 100,000,000 would otherwise build a row of that many entries).
MAX_GRID_COLUMNS = 64
MAX_GRID_CELLS = 500_000  # rows × columns of one table


def grid(tbl: etree._Element) -> list[list[Slot | None]]:
    """The table as rows of equal length, one entry per grid column (None where a row has
    no cell: w:gridBefore, or a short row). A table wider than Word allows or larger than
    any plan's raises ValueError."""
    out: list[list[Slot | None]] = []
    cells_seen = 0
    for tr in rows(tbl):
        row: list[Slot | None] = []
        tr_pr = tr.find(w("trPr"))
        if tr_pr is not None:
            row += [None] * min(max(0, _val_int(tr_pr.find(w("gridBefore")), 0)), MAX_GRID_COLUMNS + 1)
        for tc in cells(tr):
            tc_pr = tc.find(w("tcPr"))
            span = max(1, _val_int(tc_pr.find(w("gridSpan")) if tc_pr is not None else None, 1))
            col = len(row)
            above = out[-1][col] if out and col < len(out[-1]) else None
            slot: Slot | None
            if tc_pr is not None and _merge_continues(tc_pr.find(w("vMerge"))) and above is not None:
                slot = Slot(above.tc, fresh=False)
            elif tc_pr is not None and _merge_continues(tc_pr.find(w("hMerge"))) and row and row[-1]:
                slot = row[-1]
            else:
                slot = Slot(tc)
            if len(row) + span > MAX_GRID_COLUMNS:
                raise ValueError(f"a row {len(row) + span} columns wide (Word allows {MAX_GRID_COLUMNS - 1})")
            row += [slot] * span
        cells_seen += len(row)
        if cells_seen > MAX_GRID_CELLS:
            raise ValueError(f"a table of more than {MAX_GRID_CELLS} cells")
        out.append(row)
    width = max((len(r) for r in out), default=0)
    for row in out:
        row += [None] * (width - len(row))
    return out


def column_count(tbl: etree._Element) -> int:
    """Columns of a table: its grid's, else the cells of its first row (read without walking
    every row of a long table)."""
    for child in tbl:
        if child.tag == w("tblGrid"):
            return sum(1 for col in child if col.tag == w("gridCol"))
        if child.tag == _TR:
            return sum(1 for _ in cells(child))
    return 0


def row_flags(tr: etree._Element) -> tuple[bool, bool]:
    """(is a repeated header row, cannot split across pages)."""
    trpr = tr.find(w("trPr"))
    if trpr is None:
        return False, False
    return flag(trpr.find(w("tblHeader"))), flag(trpr.find(w("cantSplit")))


def table_style_id(p: etree._Element) -> tuple[bool, str | None]:
    """(paragraph is in a table, the nearest table's w:tblStyle or None)."""
    tbl = next(p.iterancestors(_TBL), None)
    if tbl is None:
        return False, None
    # tblPr comes before the rows: stop there (lxml's find() would walk every row of a long table)
    for child in tbl:
        if child.tag == w("tblPr"):
            el = child.find(w("tblStyle"))
            return True, el.get(w("val")) if el is not None else None
        if child.tag == _TR:
            break
    return True, None


def table_cell(p: etree._Element) -> etree._Element | None:
    """The table cell a paragraph sits in, if any."""
    return next(p.iterancestors(_TC), None)


def enclosing_table(el: etree._Element | None) -> etree._Element | None:
    """The nearest table holding `el` (a cell, a paragraph), if any."""
    return next(el.iterancestors(_TBL), None) if el is not None else None


def table_row(tc: etree._Element | None) -> etree._Element | None:
    return next(tc.iterancestors(_TR), None) if tc is not None else None


def row_cells(tr: etree._Element | None) -> list[etree._Element]:
    return tr.findall(_TC) if tr is not None else []


def _cell_margins(tbl: etree._Element) -> int:
    total = 0
    for side in ("left", "right"):
        el = tbl.find(f"{w('tblPr')}/{w('tblCellMar')}/{w(side)}")
        width = to_int(el.get(w("w"))) if el is not None else None
        total += DEFAULT_CELL_MARGIN if width is None else width
    return total


def cell_text_width(p: etree._Element) -> int | None:
    """Text width (twips) of the cell holding `p`: its fixed width less the table's cell
    margins; None outside a table or for a cell sized otherwise (auto, percent)."""
    cell = table_cell(p)
    if cell is None:
        return None
    tcw = cell.find(f"{w('tcPr')}/{w('tcW')}")
    tbl = next(cell.iterancestors(_TBL), None)
    width = to_int(tcw.get(w("w"))) if tcw is not None else None
    if tbl is None or width is None or tcw is None or tcw.get(w("type")) not in (None, "dxa"):
        return None
    return width - _cell_margins(tbl)
