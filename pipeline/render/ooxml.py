"""WordprocessingML tweaks, kept apart from business rules (as python-docx keeps oxml).

Everything that knows element names (w:tblHeader, w:titlePg, w:pBdr …) lives here:
the template builder and the renderer call these helpers and never spell XML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from lxml import etree

from pipeline.render import metrics

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {"w": W_NS}
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20

# Style ids the renderer looks for; names shown in Word are Vietnamese.
RULE_FULL = "CCHCRuleFull"  # rule as long as the text above (Tiêu ngữ)
RULE_SHORT = "CCHCRuleShort"  # rule 1/3–1/2 of the text above (agency name, trích yếu)
RULE_RATIO = {RULE_FULL: 1.0, RULE_SHORT: 0.4}


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def mm(value: float) -> int:
    return round(value * TWIPS_PER_MM)


# -- text ------------------------------------------------------------------

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def run_text(text: str) -> str:
    """Text for the inside of an open <w:t xml:space="preserve">: escaped, XML-illegal
    characters dropped, line breaks and tabs as Word's own elements."""
    text = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return escape(text).replace("\n", _BREAK).replace("\t", _TAB)


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    import unicodedata

    table = metrics.BOLD if bold else metrics.REGULAR
    total = 0
    for ch in text:
        if ch not in table:
            ch = unicodedata.normalize("NFD", ch)[0]  # diacritics do not add width
        total += table.get(ch, table["n"])
    return total * size_pt / metrics.UNITS_PER_EM


# -- reading effective formatting ------------------------------------------------


class Styles:
    """Resolves paragraph/run properties through styles as Word does: direct formatting,
    then the character style, then the paragraph style chain (basedOn), then defaults."""

    def __init__(self, styles_root: etree._Element):
        self.root = styles_root
        self.by_id = {s.get(w("styleId")): s for s in styles_root.iter(w("style"))}

    def chain(self, style_id: str | None) -> list[etree._Element]:
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def default_paragraph_style(self) -> str | None:
        for s in self.root.iter(w("style")):
            if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true"):
                return s.get(w("styleId"))
        return None

    def rpr_chain(self, run: etree._Element | None, paragraph: etree._Element) -> list[etree._Element]:
        """rPr elements in priority order for a run inside `paragraph`."""
        chain: list[etree._Element] = []
        if run is not None:
            rpr = run.find(w("rPr"))
            if rpr is not None:
                chain.append(rpr)
                rstyle = rpr.find(w("rStyle"))
                if rstyle is not None:
                    styles = self.chain(rstyle.get(w("val")))
                    chain += [s.find(w("rPr")) for s in styles if s.find(w("rPr")) is not None]
        ppr = paragraph.find(w("pPr"))
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = pstyle.get(w("val")) if pstyle is not None else self.default_paragraph_style()
        chain += [s.find(w("rPr")) for s in self.chain(style_id) if s.find(w("rPr")) is not None]
        defaults = self.root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        if defaults is not None:
            chain.append(defaults)
        return chain

    def ppr_chain(self, paragraph: etree._Element) -> list[etree._Element]:
        """pPr elements in priority order: direct, paragraph style chain, defaults."""
        chain: list[etree._Element] = []
        ppr = paragraph.find(w("pPr"))
        if ppr is not None:
            chain.append(ppr)
        pstyle = ppr.find(w("pStyle")) if ppr is not None else None
        style_id = pstyle.get(w("val")) if pstyle is not None else self.default_paragraph_style()
        chain += [s.find(w("pPr")) for s in self.chain(style_id) if s.find(w("pPr")) is not None]
        defaults = self.root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        if defaults is not None:
            chain.append(defaults)
        return chain

    def para_attr(self, paragraph: etree._Element, tag: str, attr: str) -> str | None:
        """First value of <w:tag w:attr> along the pPr chain (e.g. 'jc', 'val')."""
        for ppr in self.ppr_chain(paragraph):
            el = ppr.find(w(tag))
            if el is not None and el.get(w(attr)) is not None:
                return el.get(w(attr))
        return None

    def run_size_pt(self, run: etree._Element | None, paragraph: etree._Element) -> float:
        for rpr in self.rpr_chain(run, paragraph):
            sz = rpr.find(w("sz"))
            if sz is not None:
                return int(sz.get(w("val"))) / 2
        return 10.0  # Word's built-in default

    def run_flag(self, run: etree._Element | None, paragraph: etree._Element, tag: str) -> bool:
        for rpr in self.rpr_chain(run, paragraph):
            el = rpr.find(w(tag))
            if el is not None:
                return el.get(w("val"), "true") not in ("0", "false", "off")
        return False

    def run_font(self, run: etree._Element | None, paragraph: etree._Element, attr: str = "hAnsi") -> str | None:
        for rpr in self.rpr_chain(run, paragraph):
            fonts = rpr.find(w("rFonts"))
            if fonts is not None:
                if fonts.get(w(f"{attr}Theme")) is not None:
                    return f"theme:{fonts.get(w(f'{attr}Theme'))}"
                if fonts.get(w(attr)) is not None:
                    return fonts.get(w(attr))
        return None


def paragraph_text(p: etree._Element) -> str:
    parts = []
    for el in p.iter(w("t"), w("br"), w("tab")):
        if el.tag == w("t"):
            parts.append(el.text or "")
        elif el.tag == w("br"):
            parts.append("\n")
        else:
            parts.append("\t")
    return "".join(parts)


def style_id(p: etree._Element) -> str | None:
    el = p.find(f"{w('pPr')}/{w('pStyle')}")
    return el.get(w("val")) if el is not None else None


# -- rules under headings ----------------------------------------------------------


def _cell_margins(tbl: etree._Element) -> int:
    total = 0
    for side in ("left", "right"):
        el = tbl.find(f"{w('tblPr')}/{w('tblCellMar')}/{w(side)}")
        total += int(el.get(w("w"))) if el is not None else 108  # Word's default 0.19 cm
    return total


def _available_width(p: etree._Element, section_width: int) -> int:
    cell = next(p.iterancestors(w("tc")), None)
    if cell is not None:
        tcw = cell.find(f"{w('tcPr')}/{w('tcW')}")
        tbl = next(cell.iterancestors(w("tbl")))
        if tcw is not None and tcw.get(w("type")) in (None, "dxa"):
            return int(tcw.get(w("w"))) - _cell_margins(tbl)
    return section_width


def section_widths(body: etree._Element) -> dict[etree._Element, int]:
    """Text width (twips) of the section each top-level body element belongs to."""
    out: dict[etree._Element, int] = {}
    pending: list[etree._Element] = []
    for el in body:
        if el.tag == w("sectPr"):
            break
        pending.append(el)
        sect = el.find(f"{w('pPr')}/{w('sectPr')}") if el.tag == w("p") else None
        if sect is not None:
            out.update(dict.fromkeys(pending, body_width(sect)))
            pending = []
    final = body.find(w("sectPr"))
    out.update(dict.fromkeys(pending, body_width(final) if final is not None else 9000))
    return out


def fit_rules(body: etree._Element, styles: Styles) -> None:
    """Size each rule paragraph to the text above it: the full length under the Tiêu
    ngữ, about 40% under agency names and trích yếu (NĐ 30 asks for 1/3–1/2)."""
    widths = section_widths(body)
    for top in body:
        for p in top.iter(w("p")):
            ratio = RULE_RATIO.get(style_id(p) or "")
            if ratio is None:
                continue
            prev = p.getprevious()
            while prev is not None and (prev.tag != w("p") or not paragraph_text(prev).strip()):
                prev = prev.getprevious()
            if prev is None:
                continue
            runs = prev.findall(f".//{w('r')}")
            first = runs[0] if runs else None
            size = styles.run_size_pt(first, prev)
            bold = styles.run_flag(first, prev, "b")
            width = _available_width(p, widths.get(top, 9000))
            longest = max(text_width_pt(line, size, bold) for line in paragraph_text(prev).split("\n"))
            rule = min(longest * TWIPS_PER_PT, width) * ratio
            _set_indent(p, max(0, round((width - rule) / 2)))


def _set_indent(p: etree._Element, side: int) -> None:
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


# -- sections --------------------------------------------------------------------


def section_breaks(body: etree._Element) -> list[etree._Element]:
    """Paragraphs that end a section (all but the last section, whose sectPr is a child of body)."""
    return [p for p in body.iterchildren(w("p")) if p.find(f"{w('pPr')}/{w('sectPr')}") is not None]


def keep_last_section(body: etree._Element) -> None:
    """Drop everything before the last section: the Phụ lục printed on its own."""
    breaks = section_breaks(body)
    if not breaks:
        return
    last_break = breaks[-1]
    for el in list(body):
        if el is last_break:
            body.remove(el)
            break
        body.remove(el)


def body_width(sect_pr: etree._Element) -> int:
    size = sect_pr.find(w("pgSz"))
    mar = sect_pr.find(w("pgMar"))
    return int(size.get(w("w"))) - int(mar.get(w("left"))) - int(mar.get(w("right")))


def page_geometry(sect_pr: etree._Element) -> dict[str, float]:
    """Page size and margins in mm, and orientation, for tests and the linter."""
    size, mar = sect_pr.find(w("pgSz")), sect_pr.find(w("pgMar"))
    out = {k: int(size.get(w(k))) / TWIPS_PER_MM for k in ("w", "h")}
    out |= {k: int(mar.get(w(k))) / TWIPS_PER_MM for k in ("top", "bottom", "left", "right")}
    out["landscape"] = float(size.get(w("orient")) == "landscape" or out["w"] > out["h"])
    return out


# -- template building blocks (used by tools/build_templates.py) ----------------------


def page_field_runs(rpr_xml: str = "") -> str:
    """A PAGE field as Word writes it (complex field), for a header paragraph."""
    return (
        f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr_xml}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr_xml}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def has_page_field(part_root: etree._Element) -> bool:
    instr = "".join(t.text or "" for t in part_root.iter(w("instrText")))
    simple = [f.get(w("instr"), "") for f in part_root.iter(w("fldSimple"))]
    return "PAGE" in instr.upper() or any("PAGE" in s.upper() for s in simple)


def set_row_flags(tr: etree._Element, *, header: bool = False, cant_split: bool = True) -> None:
    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        tc = tr.find(w("tc"))
        tr.insert(list(tr).index(tc) if tc is not None else 0, trpr)
    for tag, on in (("cantSplit", cant_split), ("tblHeader", header)):
        el = trpr.find(w(tag))
        if on and el is None:
            etree.SubElement(trpr, w(tag))
        elif not on and el is not None:
            trpr.remove(el)


def row_flags(tr: etree._Element) -> tuple[bool, bool]:
    """(is a repeated header row, cannot split across pages)."""
    trpr = tr.find(w("trPr"))
    if trpr is None:
        return False, False
    def on(tag: str) -> bool:
        el = trpr.find(w(tag))
        return el is not None and el.get(w("val"), "true") not in ("0", "false")
    return on("tblHeader"), on("cantSplit")


def strip_theme_fonts(root: etree._Element) -> None:
    """Theme fonts (Calibri/Cambria via theme1.xml) would bypass Times New Roman."""
    for fonts in root.iter(w("rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(w(attr), None)
    for color in list(root.iter(w("color"))):
        color.getparent().remove(color)


def iter_tables(body: etree._Element) -> Iterable[etree._Element]:
    return body.iter(w("tbl"))


def paragraph_text_cell(tc: etree._Element) -> str:
    """A table cell's text, paragraphs joined with newlines."""
    return "\n".join(paragraph_text(p) for p in tc.iter(w("p")))
