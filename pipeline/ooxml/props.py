"""Raw formatting properties as plain dicts, one level at a time.

A key is present only when the element sets it, so the style resolver (`styles`) can
merge the levels (direct → character style → paragraph style → table style → defaults)
itself. Also the style definitions, document defaults, theme fonts and colours and the
compatibility settings those levels come from.
"""

from __future__ import annotations

from lxml import etree

from pipeline.ooxml.ns import A_NS, flag, on_off, w

Props = dict[str, object]

_VAL = w("val")
_TOGGLE_TAGS = {w(t): t for t in ("b", "i", "caps", "vanish")}
_SZ, _RFONTS, _COLOR, _VERT, _RSTYLE = (w(t) for t in ("sz", "rFonts", "color", "vertAlign", "rStyle"))
_JC, _IND, _SPACING, _CTX, _NUMPR, _PSTYLE = (w(t) for t in ("jc", "ind", "spacing", "contextualSpacing", "numPr",
                                                            "pStyle"))


def to_int(value: str | None) -> int | None:
    """An integer attribute ('240', '240.0'); None when absent or not a number."""
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def rpr_values(rpr: etree._Element | None) -> Props:
    """Run properties set on one rPr: b, i, caps, vanish (bool); sz (pt); font_ascii,
    font_hAnsi (('theme', 'minorHAnsi') or ('name', 'Arial')); color ((val, themeColor,
    tinted)); vert ('superscript'…); rStyle."""
    out: Props = {}
    if rpr is None:
        return out
    for el in rpr:  # one pass over the children: rPr is read for every run
        tag = el.tag
        if tag in _TOGGLE_TAGS:
            out[_TOGGLE_TAGS[tag]] = flag(el)
        elif tag == _SZ:
            size = to_int(el.get(_VAL))
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


def _indent(el: etree._Element, out: Props) -> None:
    if el.get(w("hanging")) is not None:
        out["first"] = -(to_int(el.get(w("hanging"))) or 0)
    elif el.get(w("firstLine")) is not None:
        out["first"] = to_int(el.get(w("firstLine"))) or 0
    left = el.get(w("left"), el.get(w("start")))
    if left is not None:
        out["left"] = to_int(left) or 0
    right = el.get(w("right"), el.get(w("end")))
    if right is not None:
        out["right"] = to_int(right) or 0


def _spacing(el: etree._Element, out: Props) -> None:
    for key in ("before", "after"):
        auto = el.get(w(f"{key}Autospacing"))
        if auto is not None:
            out[f"{key}_auto"] = on_off(auto)
        if el.get(w(key)) is not None:
            out[key] = to_int(el.get(w(key))) or 0
    if el.get(w("line")) is not None:
        out["line"] = (el.get(w("lineRule"), "auto"), to_int(el.get(w("line"))) or 0)


def ppr_values(ppr: etree._Element | None) -> Props:
    """Paragraph properties set on one pPr: jc; first (twips, negative when hanging);
    left; right; before/after (twips); before_auto/after_auto; line ((lineRule, value));
    contextual; numId/ilvl; pStyle."""
    out: Props = {}
    if ppr is None:
        return out
    for el in ppr:
        tag = el.tag
        if tag == _JC:
            out["jc"] = el.get(_VAL)
        elif tag == _IND:
            _indent(el, out)
        elif tag == _SPACING:
            _spacing(el, out)
        elif tag == _CTX:
            out["contextual"] = flag(el)
        elif tag == _NUMPR:
            num_id, ilvl = el.find(w("numId")), el.find(w("ilvl"))
            if num_id is not None:
                out["numId"] = num_id.get(_VAL)
            if ilvl is not None:
                out["ilvl"] = to_int(ilvl.get(_VAL)) or 0
        elif tag == _PSTYLE:
            out["pStyle"] = el.get(_VAL)
    return out


def paragraph_props(p: etree._Element) -> Props:
    return ppr_values(p.find(w("pPr")))


def run_props(r: etree._Element | None) -> Props:
    return rpr_values(r.find(w("rPr"))) if r is not None else {}


def style_id(p: etree._Element) -> str | None:
    """The paragraph's own w:pStyle, None when it names none."""
    el = p.find(f"{w('pPr')}/{w('pStyle')}")
    return el.get(_VAL) if el is not None else None


def style_defs(styles_root: etree._Element) -> dict[str, dict[str, object]]:
    """styleId → {type, basedOn, default, name, rpr (rpr_values), ppr (ppr_values)}."""
    out: dict[str, dict[str, object]] = {}
    for s in styles_root.iter(w("style")):
        based = s.find(w("basedOn"))
        name = s.find(w("name"))
        out[s.get(w("styleId")) or ""] = {
            "type": s.get(w("type")),
            "basedOn": based.get(_VAL) if based is not None else None,
            "default": on_off(s.get(w("default")), absent=False),
            "name": name.get(_VAL) if name is not None else "",
            "rpr": rpr_values(s.find(w("rPr"))),
            "ppr": ppr_values(s.find(w("pPr"))),
        }
    return out


def doc_defaults(styles_root: etree._Element) -> tuple[Props, Props]:
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
        typeface = latin.get("typeface") if latin is not None else None
        if typeface:
            out[kind] = typeface
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
    return settings_root is not None and flag(settings_root.find(w("evenAndOddHeaders")))
