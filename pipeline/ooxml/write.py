"""Writing WordprocessingML: run text, rules under headings, PAGE fields, and the
template builder's tweaks (keep one section, strip theme fonts).

The renderer and tools/build_templates.py call these helpers and never spell element
names themselves.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from lxml import etree

from pipeline.ooxml import lines, sections, tables, text
from pipeline.ooxml.ns import w
from pipeline.ooxml.props import style_id
from pipeline.ooxml.styles import Resolver
from pipeline.text import XML_ILLEGAL

TWIPS_PER_MM = sections.TWIPS_PER_MM
TWIPS_PER_PT = 20

# Style ids the renderer looks for; names shown in Word are Vietnamese.
RULE_FULL = "CCHCRuleFull"  # rule as long as the text above (Tiêu ngữ)
RULE_SHORT = "CCHCRuleShort"  # rule 1/3–1/2 of the text above (agency name, trích yếu)
RULE_RATIO = {RULE_FULL: 1.0, RULE_SHORT: 0.4}


def mm(value: float) -> int:
    """Millimetres in twips."""
    return round(value * TWIPS_PER_MM)


# -- text ------------------------------------------------------------------------------

_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
# What run_text changes; text without any of it is returned as it is (the common case, fast).
_UNSAFE = re.compile("[&<>\n\t\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def run_text(value: str) -> str:
    """Text for the inside of an open <w:t xml:space="preserve">: escaped, XML-illegal
    characters dropped, line breaks and tabs as Word's own elements."""
    if not _UNSAFE.search(value):
        return value
    value = XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return escape(value).replace("\n", _BREAK).replace("\t", _TAB)


def text_width_pt(line: str, size_pt: float, bold: bool = False) -> float:
    """Printed width of one line of Times New Roman text, in points."""
    return sum(lines.char_width(ch, size_pt, bold) for ch in line)


# -- rules under headings ------------------------------------------------------------------


def fit_rules(body: etree._Element, styles: Resolver) -> None:
    """Size each rule paragraph to the text above it: the full length under the Tiêu
    ngữ, about 40% under agency names and trích yếu (NĐ 30 asks for 1/3–1/2)."""
    widths = sections.section_widths(body)
    for top in body:
        for p in top.iter(w("p")):
            ratio = RULE_RATIO.get(style_id(p) or "")
            if ratio is None:
                continue
            prev = p.getprevious()
            while prev is not None and (prev.tag != w("p") or not text.paragraph_text(prev).strip()):
                prev = prev.getprevious()
            if prev is None:
                continue
            runs = text.runs(prev)
            fmt = styles.run_format(runs[0] if runs else None, prev)
            cell = tables.cell_text_width(p)
            width = cell if cell is not None else widths.get(top, sections.DEFAULT_TEXT_WIDTH)
            shown = text.paragraph_text(prev).split("\n")
            longest = max(text_width_pt(line, fmt.size, fmt.bold) for line in shown)
            rule = min(longest * TWIPS_PER_PT, width) * ratio
            set_indent(p, max(0, round((width - rule) / 2)))


def set_indent(p: etree._Element, side: int) -> None:
    """Indent `p` by `side` twips left and right, without a first-line indent."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    ind = ppr.find(w("ind"))
    if ind is None:
        ind = etree.SubElement(ppr, w("ind"))
    ind.set(w("left"), str(side))
    ind.set(w("right"), str(side))
    ind.set(w("firstLine"), "0")


# -- template building blocks (tools/build_templates.py) and tweaks -----------------------------


def page_field_runs(rpr_xml: str = "") -> str:
    """A PAGE field as Word writes it (complex field), for a header paragraph."""
    return (
        f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr_xml}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr_xml}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def keep_last_section(body: etree._Element) -> None:
    """Drop everything before the last section: the Phụ lục printed on its own."""
    breaks = sections.section_breaks(body)
    if not breaks:
        return
    last_break = breaks[-1]
    for el in list(body):
        body.remove(el)
        if el is last_break:
            break


def strip_theme_fonts(root: etree._Element) -> None:
    """Theme fonts (Calibri/Cambria via theme1.xml) would bypass Times New Roman; so would colours."""
    for fonts in root.iter(w("rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            if w(attr) in fonts.attrib:
                del fonts.attrib[w(attr)]
    for color in list(root.iter(w("color"))):
        parent = color.getparent()
        if parent is not None:
            parent.remove(color)



# -- a table whose columns a loop repeats (issue 13: one column per lĩnh vực) -------------------


def table_headed(body: etree._Element, first_cell: str) -> etree._Element | None:
    """The first table whose first row's first cell reads `first_cell`."""
    for tbl in body.iter(w("tbl")):
        row = next(tables.rows(tbl), None)
        cell = next(tables.cells(row), None) if row is not None else None
        if cell is not None and text.cell_text(cell).strip() == first_cell:
            return tbl
    return None


def set_column_widths(tbl: etree._Element, widths: list[int]) -> None:
    """Give `tbl` exactly these grid columns (twips): its grid, its width, and each cell's
    width (a cell spanning columns gets their sum). docxtpl's column loops copy one cell's
    width; Word and LibreOffice then need the grid and the cells to agree again."""
    grid = tbl.find(w("tblGrid"))
    if grid is None:
        grid = etree.SubElement(tbl, w("tblGrid"))
    for old in list(grid):
        grid.remove(old)
    for width in widths:
        etree.SubElement(grid, w("gridCol")).set(w("w"), str(width))
    tbl_w = tbl.find(f"{w('tblPr')}/{w('tblW')}")
    if tbl_w is not None:
        tbl_w.set(w("w"), str(sum(widths)))
        tbl_w.set(w("type"), "dxa")
    for tr in tables.rows(tbl):
        col = 0
        for tc in tables.cells(tr):
            span_el = tc.find(f"{w('tcPr')}/{w('gridSpan')}")
            span = int(span_el.get(w("val")) or 1) if span_el is not None else 1
            tc_w = tc.find(f"{w('tcPr')}/{w('tcW')}")
            if tc_w is not None:
                tc_w.set(w("w"), str(sum(widths[col:col + span])))
                tc_w.set(w("type"), "dxa")
            col += span
