"""What a sheet's XML says that python-calamine does not, found before calamine reads it.

A byte search over each sheet part (about 30× faster than parsing) measures its extent
(last row, last column), so a sheet that would make calamine allocate gigabytes (one
cell at XFD1048576 does) is refused first, and tells whether the sheet may hold
formulas, hidden rows or error cells (#N/A …, which calamine reads as empty). Only then
is the sheet parsed, streaming (lxml iterparse, entities unresolved, no network, no huge
trees), for formulas without a cached value, hidden rows and error cells.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CchcError
from pipeline.read.package import ZIP_ERRORS, corrupt, inspect_package, local
from pipeline.read.refs import col_index, ref_to_index
from pipeline.schema import MAX_SHEET_CELLS, MAX_SHEET_ROWS

_CHUNK = 1 << 20
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_HIDDEN_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*\shidden=\"(?:1|true)\"")
_ERROR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*\st=\"e\"")
_ROW_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?\sr=\"(\d+)\"")
_DEEP_ROW = re.compile(rb'<row r="([5-9]\d{5}|\d{7,})"')  # 500,000 and beyond, as every writer spells a row
_ROW_TAG = re.compile(rb"<[A-Za-z_][\w.-]*:row[\s>/]")  # a prefixed row tag
# Cells past column Z or row 999,999 are rare: matching only them keeps the search cheap.
_WIDE_OR_DEEP = re.compile(rb' r="(?:([A-Z]{2,3})\d|[A-Z]{1,3}(\d{7,}))')  # a literal prefix: a fast search
_WIDE_OR_DEEP_ANY = re.compile(rb'\sr="(?:([A-Z]{2,3})\d|[A-Z]{1,3}(\d{7,}))')  # for attributes split by tabs


@dataclass(frozen=True)
class FormulaCell:
    formula: str  # the text in <f> ('' for a shared formula's dependants)
    kind: str | None  # the cell's t attribute: None (number), 'str', 'b', 'e'
    cached: str | None  # the text of <v>; None when there is none


@dataclass
class SheetScan:
    uncached: list[tuple[int, int]] = field(default_factory=list)  # 0-based cells: formula, no cached value
    hidden_rows: set[int] = field(default_factory=set)  # 1-based
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # 0-based cell, '#N/A' …
    formulas: int = 0
    last_row: int = 0  # 1-based, the largest row number the sheet names
    last_col: int = 0  # 0-based, at least this far (exact past column Z)
    cells: dict[str, FormulaCell] | None = None  # ref → formula cell, when asked for (`formula_cells`)


@dataclass
class _Clues:
    formulas: bool = False
    hidden: bool = False
    errors: bool = False

    def any(self) -> bool:
        return self.formulas or self.hidden or self.errors


def _measure(zf: zipfile.ZipFile, member: str, scan: SheetScan) -> _Clues:
    clues = _Clues()
    tail = b""
    unnumbered = 0  # rows without r=, which readers number one after the other
    with zf.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            window = tail + chunk  # a tag cut between two chunks is whole here (seeing it twice is harmless)
            if not clues.formulas and (b"<f" in window or (b":" in window and b":f" in window)):
                clues.formulas = _FORMULA.search(window) is not None
            if not clues.hidden and b"hidden=" in window:
                clues.hidden = _HIDDEN_ROW.search(window) is not None
            if not clues.errors and b't="e"' in window:
                clues.errors = _ERROR_CELL.search(window) is not None
            _extent(chunk, window, scan)
            written = chunk.count(b'<row r="')
            tags = chunk.count(b"<row") + (len(_ROW_TAG.findall(chunk)) if b":" in chunk and b":row" in chunk else 0)
            if tags > written:  # rows written another way (prefixed, r= later or absent): the careful search
                numbers = _ROW_NUMBER.findall(window)
                scan.last_row = max(scan.last_row, max(map(int, numbers), default=0))
                unnumbered += max(0, tags - len(_ROW_NUMBER.findall(chunk)))
            if scan.last_row > MAX_SHEET_ROWS or scan.last_row * (scan.last_col + 1) > MAX_SHEET_CELLS:
                break  # already too large: the caller refuses it, no need to read on
            tail = chunk[-4096:]
    scan.last_row = max(scan.last_row, unnumbered)
    scan.last_col = max(scan.last_col, 25)  # no cell past Z seen: at most Z
    return clues


def _extent(chunk: bytes, window: bytes, scan: SheetScan) -> None:
    """The last row and column a chunk names. Writers put rows in order, so the chunk's last
    row is its largest; a row out of order that matters (500,000 or more) is searched for."""
    last = chunk.rfind(b'<row r="')
    if last >= 0:
        end = chunk.find(b'"', last + 8)
        digits = chunk[last + 8:end] if end > 0 else b""
        if digits.isdigit():
            scan.last_row = max(scan.last_row, int(digits))
    deep = _DEEP_ROW.findall(window)
    if deep:
        scan.last_row = max(scan.last_row, max(map(int, deep)))
    # One byte searched is several times cheaper than a pair; a sheet with none of them is most.
    spaced = (b"\t" in chunk and b'\tr="' in chunk) or (b"\n" in chunk and b'\nr="' in chunk) or (
        b"\r" in chunk and b'\rr="' in chunk)
    far = _WIDE_OR_DEEP_ANY if spaced else _WIDE_OR_DEEP
    found = far.findall(window)
    if found:
        scan.last_col = max([scan.last_col, *(col_index(a.decode()) for a, _ in found if a)])
        scan.last_row = max([scan.last_row, *(int(d) for _, d in found if d)])


def scan_sheet(path: Path, member: str, keep_cells: bool = False) -> SheetScan:
    """The extent, formulas without a cached value, hidden rows and error cells of one sheet
    part (and with `keep_cells` every formula cell)."""
    scan = SheetScan(cells={} if keep_cells else None)
    try:
        with zipfile.ZipFile(path) as zf:
            if member not in zf.namelist():
                return scan
            if _measure(zf, member, scan).any():
                _parse_sheet(zf, member, scan)
    except CchcError:
        raise
    except ZIP_ERRORS as exc:
        raise corrupt(path, member, exc) from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends
        raise corrupt(path, member, exc) from None
    return scan


def _parse_sheet(zf: zipfile.ZipFile, member: str, scan: SheetScan) -> None:
    from lxml import etree  # only for the few sheets that hold formulas, hidden rows or errors

    row, col = 0, -1
    shared: dict[str, str] = {}  # shared formula index → the master's text
    with zf.open(member) as fh:
        events = etree.iterparse(fh, events=("start", "end"), tag=("{*}row", "{*}c"), resolve_entities=False,
                                 no_network=True, huge_tree=False, load_dtd=False)
        for event, el in events:
            if local(el.tag) == "row":
                if event == "start":
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    col = -1
                    if el.get("hidden") in ("1", "true"):
                        scan.hidden_rows.add(row)
                else:
                    el.clear()
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]
                continue
            if event == "start":
                continue
            where = ref_to_index(el.get("r") or "")
            col = where[1] if where else col + 1
            _cell(el, where[0] if where else row - 1, col, scan, shared)


def _cell(el: object, row0: int, col: int, scan: SheetScan, shared: dict[str, str]) -> None:
    f = v = None
    for child in el:  # type: ignore[attr-defined]
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        name = local(child.tag)
        if name == "f":
            f = child
        elif name == "v":
            v = child
    kind = el.get("t")  # type: ignore[attr-defined]
    if kind == "e":
        scan.errors.append((row0, col, (v.text or "#ERROR") if v is not None else "#ERROR"))
    if f is None:
        return
    scan.formulas += 1
    if v is None or (not v.text and kind != "str"):
        scan.uncached.append((row0, col))
    ref = el.get("r")  # type: ignore[attr-defined]
    if scan.cells is not None and ref:
        text = f.text or ""
        if f.get("t") == "shared":  # dependants carry only the index of their master's text
            if text:
                shared[f.get("si") or ""] = text
            else:
                text = shared.get(f.get("si") or "", "")
        cached = None if v is None else v.text or ""
        scan.cells[ref] = FormulaCell(text, kind, cached)


def formula_cells(path: Path) -> dict[str, dict[str, FormulaCell]]:
    """Sheet name → cell ref → formula cell, for every sheet holding formulas (read or not)."""
    out: dict[str, dict[str, FormulaCell]] = {}
    for name, member in inspect_package(path).items():
        cells = scan_sheet(path, member, keep_cells=True).cells
        if cells:
            out[name] = cells
    return out
