"""The namespaces of a .docx, Clark names for tags and attributes, and the on/off rule.

Every namespace URI the pipeline uses is spelled here and nowhere else; other modules
write `qn("w:p")` (or the shorthand `w("p")` for the WordprocessingML namespace, by far
the commonest) and `decl("w")` when they build XML as text.
"""

from __future__ import annotations

from functools import cache

from lxml import etree

NSMAP: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
W_NS = NSMAP["w"]
R_NS = NSMAP["r"]
A_NS = NSMAP["a"]
MC_NS = NSMAP["mc"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"  # xml:space, e.g. on <w:t> that keeps its spaces

# Relationship types (the Type of a <Relationship> in a .rels part).
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_STYLES = _RT + "styles"
RT_THEME = _RT + "theme"
RT_NUMBERING = _RT + "numbering"
RT_SETTINGS = _RT + "settings"
RT_HEADER = _RT + "header"
RT_FOOTER = _RT + "footer"
RT_FOOTNOTES = _RT + "footnotes"


@cache
def qn(tag: str) -> str:
    """'w:p' → '{<the w namespace>}p', the Clark name lxml uses."""
    prefix, _, local = tag.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"


@cache
def w(local: str) -> str:
    """qn('w:' + local): a WordprocessingML tag or attribute."""
    return f"{{{W_NS}}}{local}"


def decl(*prefixes: str) -> str:
    """Namespace declarations for XML built as text: decl('w') → 'xmlns:w="…"'."""
    return " ".join(f'xmlns:{p}="{NSMAP[p]}"' for p in prefixes)


# -- ST_OnOff ------------------------------------------------------------------------------
# One rule for every on/off attribute (w:val of <w:b>, <w:tblHeader>, <w:titlePg> …, w:default,
# beforeAutospacing, compatibility settings). ECMA-376's ST_OnOff is "true"/"1" or "false"/"0",
# and the Transitional schema, which Word reads, adds "on"/"off": all six are accepted. Case
# and stray spaces are ignored: hand-edited and converted files are sometimes capitalised, and
# the linter should read what the author meant. "none" is not an ST_OnOff value (it belongs to
# ST_Underline, ST_Border …): like any unknown or empty value it reads as if the attribute
# were absent.
ON_VALUES = frozenset({"1", "true", "on"})
OFF_VALUES = frozenset({"0", "false", "off"})


def on_off(value: str | None, absent: bool = True) -> bool:
    """An ST_OnOff attribute value; `absent` is what a missing (or unknown) value means:
    True for w:val of a toggle (<w:b/> is bold), False for e.g. w:style/@w:default."""
    if value is None:
        return absent
    lowered = value.strip().lower()
    if lowered in OFF_VALUES:
        return False
    if lowered in ON_VALUES:
        return True
    return absent


_VAL = w("val")


def flag(el: etree._Element | None) -> bool:
    """A toggle element (<w:b/>, <w:titlePg w:val="0"/> …): off when absent, else its w:val."""
    return el is not None and on_off(el.get(_VAL))
