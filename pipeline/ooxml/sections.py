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
