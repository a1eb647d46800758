"""Open a .docx defensively and read its body as paragraphs and table grids.

A Word table is turned into a grid with one entry per grid column. A cell merged
across columns (gridSpan, or the legacy hMerge) appears in every column it covers
and a cell merged down (vMerge) appears in every row it covers; both are the same
`Cell.tc` element, so callers dedupe by identity, as python-docx users must.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.errors import CchcError
from pipeline.schema import MAX_UNPACKED_BYTES
from pipeline.text import clean

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"





def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_SKIP = {f"{{{MC_NS}}}Fallback", w("txbxContent"), w("del"), w("moveFrom")}
_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")}


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
        return c == 0 or row[c - 1] is None or row[c - 1].tc is not cell.tc

    def text(self, r: int, c: int) -> str:
        """The cell's text at its leftmost column, '' elsewhere (horizontal dedupe)."""
        return self.rows[r][c].text if self.first(r, c) else ""

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


# -- file checks ---------------------------------------------------------------------


def check_source(path: Path) -> None:
    """Refuse anything that is not a readable .docx, with a message a clerk understands."""
    from pipeline.read import file_head

    name = path.name
    head = file_head(path, "văn bản Word .docx", "Kiểm tra lại đường dẫn tới văn bản Word (.docx).",
                     "Hãy lấy lại bản sao của văn bản.")
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix in (".doc", ".dot"):
            raise CchcError(
                f"Tệp {name} là định dạng Word 97-2003 (.doc). Mở tệp bằng Word, chọn File › Save As › "
                "Word Document (*.docx), rồi chạy lại với tệp .docx."
            )
        raise CchcError(
            f"Tệp {name} được đặt mật khẩu (mã hóa) hoặc là định dạng Word 97-2003 (.doc). "
            "Hãy bỏ mật khẩu và lưu lại dạng Word Document (*.docx)."
        )
    if head.startswith(b"{\\rtf"):
        raise CchcError(f"Tệp {name} là định dạng RTF. Mở tệp bằng Word và lưu dạng Word Document (*.docx).")
    if head.startswith(b"%PDF"):
        raise CchcError(
            f"Tệp {name} là tệp PDF. Chương trình chỉ đọc văn bản Word .docx; hãy dùng bản Word của Kế hoạch."
        )
    if not head.startswith(b"PK"):
        if suffix == ".docx":
            raise CchcError(f"Tệp {name} có đuôi .docx nhưng nội dung không phải văn bản Word (tệp hỏng hoặc "
                            "bị đổi tên). Hãy lấy lại bản sao của văn bản.")
        raise CchcError(f"Tệp {name} không phải văn bản Word .docx. Chương trình chỉ đọc tệp .docx.")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
            bad = zf.testzip() if unpacked <= MAX_UNPACKED_BYTES else None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise CchcError(f"Tệp {name} bị hỏng hoặc bị cắt dở ({exc}). Hãy lấy lại bản sao của văn bản.") from None
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise CchcError(f"Tệp {name} là sổ Excel, không phải văn bản Word. Hãy chọn tệp .docx của Kế hoạch.")
        if "ppt/presentation.xml" in names:
            raise CchcError(f"Tệp {name} là tệp PowerPoint, không phải văn bản Word .docx.")
        raise CchcError(f"Tệp {name} không phải văn bản Word .docx (thiếu phần word/document.xml).")
    if unpacked > MAX_UNPACKED_BYTES:
        raise CchcError(f"Tệp {name} giải nén ra quá lớn ({unpacked // (1024 * 1024)} MB); không phải một "
                        "văn bản Kế hoạch thông thường nên chương trình không đọc.")
    if bad is not None:
        raise CchcError(f"Tệp {name} bị hỏng: phần {bad} không đọc được. Hãy lấy lại bản sao của văn bản.")


def open_docx(path: Path) -> Body:
    """Check the file, open it with python-docx and read the body in order."""
    check_source(path)
    from docx import Document

    try:
        document = Document(str(path))
    except Exception as exc:  # python-docx raises many types for packages it cannot use
        raise CchcError(
            f"Không đọc được tệp {path.name}: tệp hỏng hoặc không phải văn bản Word .docx ({exc})."
        ) from None
    return read_body(document.element.body)


# -- body ------------------------------------------------------------------------------


def read_body(body: etree._Element) -> Body:
    out = Body()
    for el in _blocks(body):
        if el.tag == w("p"):
            out.blocks.append(paragraph_text(el))
        else:
            out.blocks.append(_grid(el, len(out.grids) + 1))
    return out


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        if child.tag in (w("p"), w("tbl")):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _blocks(child)


def _walk(el: etree._Element) -> Iterator[etree._Element]:
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        yield child
        yield from _walk(child)


def paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for el in _walk(p):
        tag = el.tag
        if tag == w("t"):
            parts.append(el.text or "")
        elif tag == w("tab"):
            parts.append("\t")
        elif tag in (w("br"), w("cr")):
            parts.append("\n")
        elif tag == w("noBreakHyphen"):
            parts.append("-")
    return clean("".join(parts))


def cell_text(tc: etree._Element) -> str:
    """A cell's text: its paragraphs (nested tables included) one per line, blank lines dropped."""
    lines: list[str] = []
    for el in _walk(tc):
        if el.tag == w("p"):
            lines += [ln.strip() for ln in paragraph_text(el).split("\n")]
    return clean("\n".join(ln for ln in lines if ln))


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _int_attr(el: etree._Element | None, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return int(el.get(w("val")) or default)
    except ValueError:
        return default


def _grid(tbl: etree._Element, number: int) -> Grid:
    rows: list[list[Cell | None]] = []
    for tr in _children(tbl, w("tr")):
        row: list[Cell | None] = []
        tr_pr = tr.find(w("trPr"))
        if tr_pr is not None:
            row += [None] * max(0, _int_attr(tr_pr.find(w("gridBefore"))))
        for tc in _children(tr, w("tc")):
            tc_pr = tc.find(w("tcPr"))
            span = max(1, _int_attr(tc_pr.find(w("gridSpan")) if tc_pr is not None else None, 1))
            v_merge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
            h_merge = tc_pr.find(w("hMerge")) if tc_pr is not None else None
            col = len(row)
            above = rows[-1][col] if rows and col < len(rows[-1]) else None
            if v_merge is not None and v_merge.get(w("val"), "continue") == "continue" and above is not None:
                cell = Cell(above.tc, above.text, fresh=False)
            elif h_merge is not None and h_merge.get(w("val"), "continue") == "continue" and row and row[-1]:
                cell = row[-1]
            else:
                cell = Cell(tc, cell_text(tc))
            row += [cell] * span
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row += [None] * (width - len(row))
    return Grid(number, rows)
