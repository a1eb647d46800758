"""What a reader sees on the printed pages, for the layout tests: stranded section rows and
centred headings that end with one word alone, found in a PDF (poppler's pdftotext) against
the .docx it was made from."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from html import unescape
from pathlib import Path

from docxutil import Doc

from pipeline import ooxml
from pipeline.ooxml.lines import HEADING_STYLES, LEFT_HEADING_STYLES
from pipeline.ooxml.ns import w

GROUP_STYLE = "CCHCBangNhom"  # the title cell of a section row (tools/build_templates.py)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def layout_pages(pdf: Path) -> list[list[str]]:
    """Each page's lines as `pdftotext -layout` prints them (the table's cells side by side)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    return [[nfc(line) for line in page.splitlines() if line.strip()] for page in out.split("\f")]


def group_rows(docx: Path) -> list[tuple[str, str, str]]:
    """(number, title, first cell of the row after it) of every section row of every table."""
    doc = Doc(docx)
    out = []
    for table in doc.tables():
        rows = list(ooxml.tables.rows(table))
        for k, tr in enumerate(rows[:-1]):
            cells = list(ooxml.tables.cells(tr))
            if len(cells) < 2 or not any(ooxml.style_id(p) == GROUP_STYLE for p in cells[1].iter(w("p"))):
                continue
            nxt = next(iter(ooxml.tables.cells(rows[k + 1])), None)
            out.append((nfc(ooxml.cell_text(cells[0]).strip()), nfc(ooxml.cell_text(cells[1]).strip()),
                        nfc(ooxml.cell_text(nxt).strip()) if nxt is not None else ""))
    return out


def stranded_rows(pdf: Path, docx: Path) -> list[str]:
    """Section rows printed with nothing of their first row under them on the same page. A
    section row's line holds its number and its title (or the title's first words, when it
    wraps), nothing else: a data row naming the same lĩnh vực carries its figures too."""
    found = []
    pages = layout_pages(pdf)
    for number, title, following in group_rows(docx):
        head = re.compile(r"^\s*" + re.escape(number) + r"\s+(\S.*?)\s*$")
        after = re.compile(r"^\s*" + re.escape(following.split()[0] if following else "") + r"(\s|$)")
        words = " ".join(title.split())
        for n, lines in enumerate(pages, 1):
            for k, line in enumerate(lines):
                m = head.match(line)
                is_group = m is not None and words.startswith(" ".join(m.group(1).split()))
                if is_group and not any(after.match(x) for x in lines[k + 1:]):
                    found.append(f"trang {n}: '{number} {title}' là dòng cuối của trang")
    return found


def pdf_lines(pdf: Path) -> list[tuple[int, list[str]]]:
    """(page, words) of every printed line, top to bottom: the words of a page (`pdftotext
    -bbox`) grouped by height, left to right. (Poppler's own lines cut a line at a wide gap,
    such as a draft's blanks, and may list the pieces apart.)"""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    out: list[tuple[int, list[str]]] = []
    for n, page in enumerate(html.split("<page ")[1:], 1):
        found = sorted((float(y), float(x), nfc(unescape(t))) for x, y, t in
                       re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', page))
        rows: list[list[tuple[float, float, str]]] = []
        for word in found:
            if rows and word[0] - rows[-1][0][0] < 2:
                rows[-1].append(word)
            else:
                rows.append([word])
        out += [(n, [t for _, _, t in sorted(row, key=lambda x: x[1])]) for row in rows]
    return out


def headings(docx: Path) -> list[str]:
    """The text of every heading and title lines.balance_headings breaks (centred ones, and the
    body's flush-left "I. TIÊU ĐỀ MỤC")."""
    doc = Doc(docx)
    return [nfc(" ".join(ooxml.paragraph_text(p).split())) for p in doc.body.iter(w("p"))
            if ooxml.style_id(p) in HEADING_STYLES | LEFT_HEADING_STYLES and len(ooxml.paragraph_text(p).split()) >= 3]


def heading_lines(pdf: Path, docx: Path) -> dict[str, list[list[str]]]:
    """The printed lines (their words) of each centred heading of `docx` found in `pdf`."""
    lines = pdf_lines(pdf)
    out: dict[str, list[list[str]]] = {}
    for heading in headings(docx):
        target = heading.split()
        for i, (_, words) in enumerate(lines):
            if words != target[: len(words)]:
                continue
            taken, j = [words], i
            while sum(map(len, taken)) < len(target) and j + 1 < len(lines):
                nxt = lines[j + 1][1]
                done = sum(map(len, taken))
                if nxt != target[done: done + len(nxt)]:
                    break
                j += 1
                taken.append(nxt)
            if sum(map(len, taken)) == len(target):
                out[heading] = taken
                break
    return out


def lonely_last_words(found: dict[str, list[list[str]]]) -> list[str]:
    """Headings printed on several lines whose last line is one word."""
    return [f"'{h}' kết thúc bằng '{lines[-1][0]}' một mình trên dòng cuối" for h, lines in found.items()
            if len(lines) > 1 and len(lines[-1]) == 1]
