"""Sections and page geometry, header/footer references and PAGE fields.

A section ends at a paragraph whose pPr holds a w:sectPr; the last section's sectPr is
the body's last child. Sizes are in twips unless a name says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml.ns import R_NS, flag, w
from pipeline.ooxml.props import to_int

TWIPS_PER_MM = 1440 / 25.4
DEFAULT_TEXT_WIDTH = 9000  # a section without page setup: Word's default Letter text width, roughly
_SECT_PR, _P, _PPR = w("sectPr"), w("p"), w("pPr")


def section_breaks(body: etree._Element) -> list[etree._Element]:
    """Paragraphs that end a section (all but the last section, whose sectPr is a child of body)."""
    return [p for p in body.iterchildren(_P) if p.find(f"{_PPR}/{_SECT_PR}") is not None]


def body_sections(body: etree._Element) -> list[tuple[etree._Element, list[etree._Element]]]:
    """(sectPr, top-level elements) for each section, in order."""
    out: list[tuple[etree._Element, list[etree._Element]]] = []
    pending: list[etree._Element] = []
    for el in body:
        if el.tag == _SECT_PR:
            continue
        pending.append(el)
        sect = el.find(f"{_PPR}/{_SECT_PR}") if el.tag == _P else None
        if sect is not None:
            out.append((sect, pending))
            pending = []
    final = body.find(_SECT_PR)
    if final is None:
        final = etree.Element(_SECT_PR)
    out.append((final, pending))
    return out


def body_width(sect_pr: etree._Element) -> int:
    """The section's text width: page width less the left and right margins."""
    size, mar = sect_pr.find(w("pgSz")), sect_pr.find(w("pgMar"))
    page = to_int(size.get(w("w"))) if size is not None else None
    if page is None or mar is None:
        return DEFAULT_TEXT_WIDTH
    return page - (to_int(mar.get(w("left"))) or 0) - (to_int(mar.get(w("right"))) or 0)


def section_widths(body: etree._Element) -> dict[etree._Element, int]:
    """Text width (twips) of the section each top-level body element belongs to."""
    return {el: body_width(sect) for sect, elements in body_sections(body) for el in elements}


@dataclass(frozen=True)
class SectionProps:
    """A section's page setup (twips) and its header/footer references."""

    w: int
    h: int
    orient: str | None
    top: int
    bottom: int
    left: int
    right: int
    gutter: int
    title_pg: bool  # the first page has its own header and footer
    start: int | None  # page numbering restarts at this number
    refs: dict[tuple[str, str], str]  # ('header'|'footer', 'default'|'first'|'even') → rId

    def margin(self, side: str) -> int:
        return {"top": self.top, "bottom": self.bottom, "left": self.left, "right": self.right,
                "gutter": self.gutter}[side]


_MARGIN_DEFAULTS = (("top", 1440), ("bottom", 1440), ("left", 1800), ("right", 1800), ("gutter", 0))


def section_props(sect_pr: etree._Element) -> SectionProps:
    """Page size, margins, orientation, title page, numbering restart and header/footer
    references of one w:sectPr, with Word's defaults where the section names none."""
    size, mar = sect_pr.find(w("pgSz")), sect_pr.find(w("pgMar"))

    def size_attr(name: str) -> int | None:
        return to_int(size.get(w(name))) if size is not None else None

    margins: dict[str, int] = {}
    for side, default in _MARGIN_DEFAULTS:
        value = to_int(mar.get(w(side))) if mar is not None else None
        margins[side] = abs(value) if value is not None else default
    pg = sect_pr.find(w("pgNumType"))
    refs: dict[tuple[str, str], str] = {}
    for kind in ("header", "footer"):
        for ref in sect_pr.findall(w(f"{kind}Reference")):
            rid = ref.get(f"{{{R_NS}}}id")
            if rid:
                refs[(kind, ref.get(w("type"), "default"))] = rid
    return SectionProps(
        w=size_attr("w") or 11906, h=size_attr("h") or 16838,
        orient=size.get(w("orient")) if size is not None else None,
        title_pg=flag(sect_pr.find(w("titlePg"))),
        start=to_int(pg.get(w("start"))) if pg is not None else None,
        refs=refs, **margins,
    )


def page_geometry(sect_pr: etree._Element) -> dict[str, float]:
    """Page size and margins in mm, and orientation (1.0 landscape), for tests and the linter."""
    s = section_props(sect_pr)
    out = {"w": s.w / TWIPS_PER_MM, "h": s.h / TWIPS_PER_MM}
    out |= {side: s.margin(side) / TWIPS_PER_MM for side in ("top", "bottom", "left", "right")}
    out["landscape"] = float(s.orient == "landscape" or out["w"] > out["h"])
    return out


# -- fields ------------------------------------------------------------------------------

_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.IGNORECASE)  # PAGE, not NUMPAGES or PAGEREF
_PAGE_WORD = re.compile(r"\bPAGE\b")


def has_page_field(part_root: etree._Element) -> bool:
    """Whether a header/footer part starts a field with PAGE (complex or simple field)."""
    instr = "".join(t.text or "" for t in part_root.iter(w("instrText")))
    simple = [f.get(w("instr"), "") for f in part_root.iter(w("fldSimple"))]
    return bool(_PAGE_FIELD.match(instr)) or any(_PAGE_FIELD.match(s) for s in simple)


def page_field_paragraphs(part_root: etree._Element) -> list[etree._Element]:
    """Paragraphs of a header/footer part that hold a PAGE field (complex or simple)."""
    out = []
    for p in part_root.iter(_P):
        instr = "".join(t.text or "" for t in p.iter(w("instrText")))
        simple = " ".join(f.get(w("instr"), "") for f in p.iter(w("fldSimple")))
        if _PAGE_WORD.search(instr.upper()) or _PAGE_WORD.search(simple.upper()):
            out.append(p)
    return out


def field_runs(p: etree._Element) -> list[etree._Element]:
    """The runs that make up the fields of `p` (begin … end, or inside w:fldSimple)."""
    out, depth = [], 0
    for r in p.iter(w("r")):
        fld = r.find(w("fldChar"))
        kind = fld.get(w("fldCharType")) if fld is not None else None
        if kind == "begin":
            depth += 1
        if depth or next(r.iterancestors(w("fldSimple")), None) is not None:
            out.append(r)
        if kind == "end":
            depth = max(0, depth - 1)
    return out


# -- the Phụ lục's orientation (ThongTin's "Hướng trang Phụ lục") ------------------------------

A4_SHORT, A4_LONG = 11906, 16838  # twips
_WIDTH_TAG = re.compile(r"<w:(?:gridCol|tcW|tblW)\b[^>]*>")
_WIDTH_ATTR = re.compile(r'(\sw:w=")(\d+)(")')


NARROW_COLUMN = 700  # twips (about 12 mm): an STT column keeps its width, the others give way


@dataclass(frozen=True)
class Narrowing:
    """How widths change: each old width (a column, or columns spanned together) to its new
    one; any other width in proportion."""

    widths: dict[int, int]
    factor: float

    def __call__(self, width: int) -> int:
        return self.widths.get(width, round(width * self.factor))


def _narrowing(columns: list[int], factor: float) -> Narrowing:
    """Columns fitted to `factor` of their total: narrow ones (STT) kept, the rest shrunk."""
    total = sum(columns) * factor
    kept = sum(c for c in columns if c <= NARROW_COLUMN)
    wide = sum(c for c in columns if c > NARROW_COLUMN)
    ratio = (total - kept) / wide if wide and total > kept else factor
    new = [c if c <= NARROW_COLUMN else round(c * ratio) for c in columns]
    spans = {sum(columns[a:b]): sum(new[a:b]) for a in range(len(columns)) for b in range(a + 1, len(columns) + 1)}
    return Narrowing(spans, factor)


def portrait_last_section(body: etree._Element) -> Narrowing:
    """Turn the last section (a plan's Phụ lục, landscape in the template) to A4 portrait
    with the first section's margins, and fit its tables to the narrower page. Nghị định 30
    leaves the Phụ lục's orientation open (nd30.md), so the clerk chooses. Returns the
    narrowing of the section's (last) table, for rows streamed in later (`scale_widths`)."""
    found = body_sections(body)
    last, elements = found[-1]
    old = body_width(last)
    size = last.find(w("pgSz"))
    if size is None:
        size = etree.SubElement(last, w("pgSz"))
    size.set(w("w"), str(A4_SHORT))
    size.set(w("h"), str(A4_LONG))
    if w("orient") in size.attrib:
        del size.attrib[w("orient")]
    first_mar, mar = found[0][0].find(w("pgMar")), last.find(w("pgMar"))
    if first_mar is not None and mar is not None and found[0][0] is not last:
        for key, value in first_mar.attrib.items():
            mar.set(key, value)
    factor = body_width(last) / old if old else 1.0
    narrowing = Narrowing({}, factor)
    for el in elements:
        for tbl in el.iter(w("tbl")):
            columns = [to_int(c.get(w("w"))) or 0 for c in tbl.iter(w("gridCol"))]
            narrowing = _narrowing(columns, factor)
            for node in tbl.iter(w("gridCol"), w("tcW"), w("tblW")):
                width = to_int(node.get(w("w")))
                if width is not None and node.get(w("type")) in (None, "dxa"):
                    node.set(w("w"), str(narrowing(width)))
    return narrowing


def scale_widths(xml: str, narrowing: Narrowing) -> str:
    """`portrait_last_section`'s narrowing, on serialised rows (a streamed loop's source)."""
    def one(tag: re.Match[str]) -> str:
        if 'w:type="pct"' in tag.group(0) or 'w:type="auto"' in tag.group(0):
            return tag.group(0)
        return _WIDTH_ATTR.sub(lambda m: f"{m.group(1)}{narrowing(int(m.group(2)))}{m.group(3)}", tag.group(0))

    return _WIDTH_TAG.sub(one, xml)
