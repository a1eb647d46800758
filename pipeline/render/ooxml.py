"""WordprocessingML tweaks, kept apart from business rules (as python-docx keeps oxml).

Everything that knows element names (w:tblHeader, w:titlePg, w:pBdr …) lives here:
the template builder and the renderer call these helpers and never spell XML.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from lxml import etree

from pipeline.render import metrics
from pipeline.text import XML_ILLEGAL

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

_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'


def run_text(text: str) -> str:
    """Text for the inside of an open <w:t xml:space="preserve">: escaped, XML-illegal
    characters dropped, line breaks and tabs as Word's own elements."""
    text = XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
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

    def _props(self, style_id: str | None, tag: str) -> list[etree._Element]:
        """The `tag` (rPr or pPr) of each style along a basedOn chain."""
        return [el for el in (s.find(w(tag)) for s in self.chain(style_id)) if el is not None]

    def _paragraph_tail(self, paragraph: etree._Element, tag: str) -> list[etree._Element]:
        """`tag` from the paragraph's style chain, then the document defaults."""
        pstyle = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
        style_id = pstyle.get(w("val")) if pstyle is not None else self.default_paragraph_style()
        chain = self._props(style_id, tag)
        defaults = self.root.find(f"{w('docDefaults')}/{w(tag + 'Default')}/{w(tag)}")
        return chain + ([defaults] if defaults is not None else [])

    def rpr_chain(self, run: etree._Element | None, paragraph: etree._Element) -> list[etree._Element]:
        """rPr elements in priority order for a run inside `paragraph`: direct, character
        style chain, paragraph style chain, defaults."""
        chain: list[etree._Element] = []
        rpr = run.find(w("rPr")) if run is not None else None
        if rpr is not None:
            chain.append(rpr)
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None:
                chain += self._props(rstyle.get(w("val")), "rPr")
        return chain + self._paragraph_tail(paragraph, "rPr")

    def ppr_chain(self, paragraph: etree._Element) -> list[etree._Element]:
        """pPr elements in priority order: direct, paragraph style chain, defaults."""
        ppr = paragraph.find(w("pPr"))
        return ([ppr] if ppr is not None else []) + self._paragraph_tail(paragraph, "pPr")

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
    return {el: body_width(sect) for sect, elements in body_sections(body) for el in elements}


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
    if size is None or mar is None:
        return 9000  # a section without page setup: Word's default Letter text width, roughly
    return int(size.get(w("w"))) - int(mar.get(w("left"), 0)) - int(mar.get(w("right"), 0))


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


_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.IGNORECASE)  # PAGE, not NUMPAGES or PAGEREF


def has_page_field(part_root: etree._Element) -> bool:
    instr = "".join(t.text or "" for t in part_root.iter(w("instrText")))
    simple = [f.get(w("instr"), "") for f in part_root.iter(w("fldSimple"))]
    return bool(_PAGE_FIELD.match(instr)) or any(_PAGE_FIELD.match(s) for s in simple)


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



def paragraph_text_cell(tc: etree._Element) -> str:
    """A table cell's text, paragraphs joined with newlines."""
    return "\n".join(paragraph_text(p) for p in tc.iter(w("p")))


# -- reading for the linter (pipeline.lint) -------------------------------------------
# Raw property values as plain dicts: a key is present only when the element sets it,
# so callers can merge levels (direct → styles → defaults) themselves.

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_OFF = ("0", "false", "off", "none")


def _on(el: etree._Element) -> bool:
    return el.get(w("val"), "true").lower() not in _OFF


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def rpr_values(rpr: etree._Element | None) -> dict[str, object]:
    """Run properties set on one rPr: b, i, caps, vanish (bool); sz (pt); font_ascii,
    font_hAnsi (('theme', 'minorHAnsi') or ('name', 'Arial')); color ((val, themeColor,
    tinted)); vert ('superscript'…); rStyle."""
    out: dict[str, object] = {}
    if rpr is None:
        return out
    for el in rpr:  # one pass over the children: rPr is read for every run
        tag = el.tag
        if tag in _TOGGLE_TAGS:
            out[_TOGGLE_TAGS[tag]] = _on(el)
        elif tag == _SZ:
            size = _int(el.get(_VAL))
            if size is not None:
                out["sz"] = size / 2
        elif tag == _RFONTS:
            for attr in ("ascii", "hAnsi"):
                if el.get(w(f"{attr}Theme")) is not None:
                    out[f"font_{attr}"] = ("theme", el.get(w(f"{attr}Theme")))
                elif el.get(w(attr)) is not None:
                    out[f"font_{attr}"] = ("name", el.get(w(attr)))
        elif tag == _COLOR:
            tinted = el.get(w("themeTint")) is not None or el.get(w("themeShade")) is not None
            out["color"] = (el.get(_VAL), el.get(w("themeColor")), tinted)
        elif tag == _VERT:
            out["vert"] = el.get(_VAL)
        elif tag == _RSTYLE:
            out["rStyle"] = el.get(_VAL)
    return out


_VAL = w("val")
_TOGGLE_TAGS = {w(t): t for t in ("b", "i", "caps", "vanish")}
_SZ, _RFONTS, _COLOR, _VERT, _RSTYLE = (w(t) for t in ("sz", "rFonts", "color", "vertAlign", "rStyle"))
_JC, _IND, _SPACING, _CTX, _NUMPR, _PSTYLE = (w(t) for t in ("jc", "ind", "spacing", "contextualSpacing", "numPr",
                                                            "pStyle"))


def ppr_values(ppr: etree._Element | None) -> dict[str, object]:
    """Paragraph properties set on one pPr: jc; first (twips, negative when hanging);
    left; before/after (twips); before_auto/after_auto; line ((lineRule, value));
    contextual; numId/ilvl; pStyle."""
    out: dict[str, object] = {}
    if ppr is None:
        return out
    for el in ppr:
        tag = el.tag
        if tag == _JC:
            out["jc"] = el.get(_VAL)
        elif tag == _IND:
            if el.get(w("hanging")) is not None:
                out["first"] = -(_int(el.get(w("hanging"))) or 0)
            elif el.get(w("firstLine")) is not None:
                out["first"] = _int(el.get(w("firstLine"))) or 0
            left = el.get(w("left"), el.get(w("start")))
            if left is not None:
                out["left"] = _int(left) or 0
        elif tag == _SPACING:
            for key in ("before", "after"):
                auto = el.get(w(f"{key}Autospacing"))
                if auto is not None:
                    out[f"{key}_auto"] = auto.lower() not in _OFF
                if el.get(w(key)) is not None:
                    out[key] = _int(el.get(w(key))) or 0
            if el.get(w("line")) is not None:
                out["line"] = (el.get(w("lineRule"), "auto"), _int(el.get(w("line"))) or 0)
        elif tag == _CTX:
            out["contextual"] = _on(el)
        elif tag == _NUMPR:
            num_id, ilvl = el.find(w("numId")), el.find(w("ilvl"))
            if num_id is not None:
                out["numId"] = num_id.get(_VAL)
            if ilvl is not None:
                out["ilvl"] = _int(ilvl.get(_VAL)) or 0
        elif tag == _PSTYLE:
            out["pStyle"] = el.get(_VAL)
    return out


def style_defs(styles_root: etree._Element) -> dict[str, dict[str, object]]:
    """styleId → {type, basedOn, default, name, rpr (rpr_values), ppr (ppr_values)}."""
    out: dict[str, dict[str, object]] = {}
    for s in styles_root.iter(w("style")):
        based = s.find(w("basedOn"))
        name = s.find(w("name"))
        out[s.get(w("styleId"))] = {
            "type": s.get(w("type")),
            "basedOn": based.get(w("val")) if based is not None else None,
            "default": s.get(w("default")) in ("1", "true"),
            "name": name.get(w("val")) if name is not None else "",
            "rpr": rpr_values(s.find(w("rPr"))),
            "ppr": ppr_values(s.find(w("pPr"))),
        }
    return out


def doc_defaults(styles_root: etree._Element) -> tuple[dict[str, object], dict[str, object]]:
    """(run defaults, paragraph defaults) from w:docDefaults."""
    rpr = styles_root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    ppr = styles_root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
    return rpr_values(rpr), ppr_values(ppr)


def theme_fonts(theme_root: etree._Element | None) -> dict[str, str]:
    """{'major': latin typeface, 'minor': latin typeface} from word/theme/theme1.xml."""
    out: dict[str, str] = {}
    if theme_root is None:
        return out
    for kind in ("major", "minor"):
        latin = theme_root.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface")
    return out


def theme_colors(theme_root: etree._Element | None) -> dict[str, str]:
    """Colour-scheme slot (dk1, lt1, accent1 …) → RRGGBB."""
    out: dict[str, str] = {}
    scheme = theme_root.find(f".//{{{A_NS}}}clrScheme") if theme_root is not None else None
    if scheme is None:
        return out
    for slot in scheme:
        for c in slot:
            value = c.get("lastClr") if c.tag == f"{{{A_NS}}}sysClr" else c.get("val")
            if value:
                out[etree.QName(slot).localname] = value.upper()
    return out


def compat_setting(settings_root: etree._Element | None, name: str) -> str | None:
    if settings_root is None:
        return None
    for s in settings_root.iter(w("compatSetting")):
        if s.get(w("name")) == name:
            return s.get(w("val"))
    return None


def even_and_odd_headers(settings_root: etree._Element | None) -> bool:
    el = settings_root.find(w("evenAndOddHeaders")) if settings_root is not None else None
    return el is not None and _on(el)


def numbering_levels(numbering_root: etree._Element | None) -> dict[str, dict[int, dict[str, object]]]:
    """numId → ilvl → {fmt, text, start, suff, ppr}, with w:lvlOverride applied."""
    if numbering_root is None:
        return {}

    def levels(parent: etree._Element) -> dict[int, dict[str, object]]:
        out: dict[int, dict[str, object]] = {}
        for lvl in parent.findall(w("lvl")):
            def val(tag: str, default: str | None = None, el: etree._Element = lvl) -> str | None:
                child = el.find(w(tag))
                return child.get(w("val"), default) if child is not None else default
            out[_int(lvl.get(w("ilvl"))) or 0] = {
                "fmt": val("numFmt", "decimal"), "text": val("lvlText", ""),
                "start": _int(val("start", "1")) or 0, "suff": val("suff", "tab"),
                "ppr": ppr_values(lvl.find(w("pPr"))),
            }
        return out

    abstract = {a.get(w("abstractNumId")): levels(a) for a in numbering_root.findall(w("abstractNum"))}
    out: dict[str, dict[int, dict[str, object]]] = {}
    for num in numbering_root.findall(w("num")):
        ref = num.find(w("abstractNumId"))
        lv = {k: dict(v) for k, v in abstract.get(ref.get(w("val")) if ref is not None else None, {}).items()}
        for ov in num.findall(w("lvlOverride")):
            ilvl = _int(ov.get(w("ilvl"))) or 0
            lv.update(levels(ov))
            start = ov.find(w("startOverride"))
            if start is not None and ilvl in lv:
                lv[ilvl]["start"] = _int(start.get(w("val"))) or 0
        out[num.get(w("numId"))] = lv
    return out


def table_style_id(p: etree._Element) -> tuple[bool, str | None]:
    """(paragraph is in a table, the nearest table's w:tblStyle or None)."""
    tbl = next(p.iterancestors(w("tbl")), None)
    if tbl is None:
        return False, None
    # tblPr comes before the rows: stop there (lxml's find() counts every row of a long table)
    for child in tbl:
        if child.tag == w("tblPr"):
            el = child.find(w("tblStyle"))
            return True, el.get(w("val")) if el is not None else None
        if child.tag == w("tr"):
            break
    return True, None


def table_cell(p: etree._Element) -> etree._Element | None:
    return next(p.iterancestors(w("tc")), None)


def table_row(tc: etree._Element) -> etree._Element | None:
    return next(tc.iterancestors(w("tr")), None)


def row_cells(tr: etree._Element) -> list[etree._Element]:
    return tr.findall(w("tc"))


def _visible_run(r: etree._Element, p: etree._Element) -> bool:
    for anc in r.iterancestors():
        if anc is p:
            return True
        if anc.tag in (w("p"), w("del"), w("moveFrom"), f"{{{MC_NS}}}Fallback"):
            return False  # text box paragraph, deleted text, or a duplicate fallback
    return True


_SYMBOL_PUA = re.compile("[\uf020-\uf0ff]")


def symbol_text(text: str) -> str:
    """Symbol-font private-use characters (U+F02D, U+F0B7) as the characters they show."""
    return _SYMBOL_PUA.sub(lambda m: chr(ord(m.group()) - 0xF000), text)


def _int_hex(value: str | None) -> int | None:
    try:
        return int(value, 16) if value else None
    except ValueError:
        return None


def run_pieces(p: etree._Element) -> list[tuple[etree._Element, str]]:
    """(run, text) for the runs that show text in paragraph `p` (not in text boxes,
    deletions or fallbacks); line breaks as '\\n', tabs as '\\t'."""
    out: list[tuple[etree._Element, str]] = []
    for r in p.iter(w("r")):
        if not _visible_run(r, p):
            continue
        parts: list[str] = []
        for el in r:
            if el.tag == w("t"):
                parts.append(el.text or "")
            elif el.tag in (w("br"), w("cr")):
                parts.append("\n")
            elif el.tag in (w("tab"), w("ptab")):
                parts.append("\t")
            elif el.tag == w("noBreakHyphen"):
                parts.append("-")
            elif el.tag == w("sym"):
                code = _int_hex(el.get(w("char")))
                parts.append(symbol_text(chr(code)) if code else "")
        if parts:
            out.append((r, "".join(parts)))
    return out


def section_props(sect_pr: etree._Element) -> dict[str, object]:
    """Page size, margins (twips), orientation, title page flag, numbering restart,
    and header/footer references {('header'|'footer', 'default'|'first'|'even'): rId}."""
    size, mar = sect_pr.find(w("pgSz")), sect_pr.find(w("pgMar"))
    out: dict[str, object] = {
        "w": _int(size.get(w("w"))) if size is not None else 11906,
        "h": _int(size.get(w("h"))) if size is not None else 16838,
        "orient": size.get(w("orient")) if size is not None else None,
    }
    for side, default in (("top", 1440), ("bottom", 1440), ("left", 1800), ("right", 1800), ("gutter", 0)):
        value = _int(mar.get(w(side))) if mar is not None else None
        out[side] = abs(value) if value is not None else default
    title = sect_pr.find(w("titlePg"))
    out["title_pg"] = title is not None and _on(title)
    pg = sect_pr.find(w("pgNumType"))
    out["start"] = _int(pg.get(w("start"))) if pg is not None else None
    refs: dict[tuple[str, str], str] = {}
    for kind in ("header", "footer"):
        for ref in sect_pr.findall(w(f"{kind}Reference")):
            refs[(kind, ref.get(w("type"), "default"))] = ref.get(f"{{{R_NS}}}id")
    out["refs"] = refs
    return out


def body_sections(body: etree._Element) -> list[tuple[etree._Element, list[etree._Element]]]:
    """(sectPr, top-level elements) for each section, in order."""
    out: list[tuple[etree._Element, list[etree._Element]]] = []
    pending: list[etree._Element] = []
    for el in body:
        if el.tag == w("sectPr"):
            continue
        pending.append(el)
        sect = el.find(f"{w('pPr')}/{w('sectPr')}") if el.tag == w("p") else None
        if sect is not None:
            out.append((sect, pending))
            pending = []
    final = body.find(w("sectPr"))
    if final is None:
        final = etree.Element(w("sectPr"))
    out.append((final, pending))
    return out


def page_field_paragraphs(part_root: etree._Element) -> list[etree._Element]:
    """Paragraphs of a header/footer part that hold a PAGE field (complex or simple)."""
    out = []
    for p in part_root.iter(w("p")):
        instr = "".join(t.text or "" for t in p.iter(w("instrText")))
        simple = " ".join(f.get(w("instr"), "") for f in p.iter(w("fldSimple")))
        if re.search(r"\bPAGE\b", instr.upper()) or re.search(r"\bPAGE\b", simple.upper()):
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


def paragraphs_in(el: etree._Element) -> list[etree._Element]:
    """Paragraphs of a body element or part in reading order, without the duplicate
    copies kept in mc:Fallback."""
    fallback = f"{{{MC_NS}}}Fallback"
    return [p for p in el.iter(w("p")) if not any(a.tag == fallback for a in p.iterancestors())]


def paragraph_props(p: etree._Element) -> dict[str, object]:
    return ppr_values(p.find(w("pPr")))


def run_props(r: etree._Element) -> dict[str, object]:
    return rpr_values(r.find(w("rPr")))


_XML_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def paragraph_text_at(xml: str, offset: int) -> str | None:
    """Text of the paragraph around `offset` in serialised document XML (as docxtpl's
    patched template is), or None when `offset` lies between paragraphs."""
    from html import unescape

    begin = max(xml.rfind("<w:p>", 0, offset), xml.rfind("<w:p ", 0, offset))
    if begin <= xml.rfind("</w:p>", 0, offset):
        return None
    end = xml.find("</w:p>", offset)
    return unescape("".join(_XML_TEXT.findall(xml[begin: end if end >= 0 else len(xml)])))
