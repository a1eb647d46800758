"""Read a .docx's body as paragraphs and table grids, for the importer.

The file is opened through pipeline.ooxml.package (file-type checks, size limits,
DTDs, corrupt parts) and read with pipeline.ooxml's text rule and table grids. A cell
merged across columns (gridSpan, or the legacy hMerge) appears in every column it
covers and a cell merged down (vMerge) appears in every row it covers; both are the
same `Cell.tc` element, so callers dedupe by identity, as python-docx users must.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.errors import CchcError
from pipeline.ooxml import package, tables, text
from pipeline.text import clean


@dataclass(frozen=True)
class Cell:
    tc: etree._Element  # the cell's element; the same object across its merged span
    text: str
    fresh: bool = True  # False: a vertical-merge continuation of the cell above


@dataclass
class Grid:
    number: int  # 1-based position among the document's tables
    rows: list[list[Cell | None]]  # one entry per grid column; None where a row has no cell

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def first(self, r: int, c: int) -> bool:
        """Whether column c holds the leftmost occurrence of its cell in row r."""
        row = self.rows[r]
        cell = row[c] if c < len(row) else None
        if cell is None:
            return False
        left = row[c - 1] if c else None
        return left is None or left.tc is not cell.tc

    def text(self, r: int, c: int) -> str:
        """The cell's text at its leftmost column, '' elsewhere (horizontal dedupe)."""
        cell = self.rows[r][c]
        return cell.text if cell is not None and self.first(r, c) else ""

    def cells(self, r: int) -> list[tuple[int, Cell]]:
        """(first column, cell) for each distinct cell of row r."""
        return [(c, cell) for c, cell in enumerate(self.rows[r]) if cell is not None and self.first(r, c)]

    def row_text(self, r: int, limit: int = 120) -> str:
        text = " | ".join(cell.text.replace("\n", " ") for _, cell in self.cells(r) if cell.text)
        return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Body:
    """The document body in reading order: str for a paragraph, Grid for a table."""

    blocks: list[str | Grid] = field(default_factory=list)

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]

    @property
    def paragraphs(self) -> list[str]:
        return [b for b in self.blocks if isinstance(b, str)]


# -- reading ---------------------------------------------------------------------------


def open_docx(path: Path) -> Body:
    """Check the file, open it and read the body in order."""
    with package.open_docx(path) as pkg:
        return read_body(pkg.body, Path(path).name)


def read_body(body: etree._Element, name: str = "văn bản") -> Body:
    out = Body()
    for el in tables.body_blocks(body):
        if tables.is_paragraph(el):
            out.blocks.append(paragraph_text(el))
            continue
        try:
            out.blocks.append(_grid(el, len(out.grids) + 1))
        except ValueError as exc:
            raise CchcError(f"Bảng thứ {len(out.grids) + 1} trong {name} không phải bảng Word bình thường ({exc}); "
                            "tệp có thể đã bị sửa để làm treo máy nên chương trình không đọc. Hãy mở bằng Word và "
                            "lưu lại.") from None
    return out


def paragraph_text(p: etree._Element) -> str:
    return clean(text.paragraph_text(p))


def cell_text(tc: etree._Element) -> str:
    """A cell's text: its paragraphs (nested tables included) one per line, blank lines dropped."""
    lines = (ln.strip() for ln in text.cell_text(tc).split("\n"))
    return clean("\n".join(ln for ln in lines if ln))


def _grid(tbl: etree._Element, number: int) -> Grid:
    texts: dict[etree._Element, str] = {}  # a merged cell is read once
    rows: list[list[Cell | None]] = []
    for row in tables.grid(tbl):
        cells: list[Cell | None] = []
        for slot in row:
            if slot is None:
                cells.append(None)
                continue
            if slot.tc not in texts:
                texts[slot.tc] = cell_text(slot.tc)
            cells.append(Cell(slot.tc, texts[slot.tc], slot.fresh))
        rows.append(cells)
    return Grid(number, rows)
