"""Text as a reader sees it: the one rule for which parts of a paragraph's XML print.

A paragraph's text is the text of its runs, found through the containers Word wraps runs
in (w:hyperlink, w:ins, w:moveTo, w:sdt, w:customXml, w:smartTag, w:fldSimple, mc:Choice …).
Left out: text boxes anchored in the paragraph (their paragraphs are paragraphs of their
own, see `paragraphs_in`), deleted and moved-away text (w:del, w:moveFrom), the mc:Fallback
copy of what mc:Choice shows, and field codes (w:instrText). Inside a run: w:t as written;
w:tab and w:ptab as a tab; w:br (of any type) and w:cr as a line break; w:noBreakHyphen as
'-'; w:sym as the character it shows, a Symbol-font code (U+F0xx) as its ASCII/Latin-1
character. Render, lint, the importer, the issued-document check and the tests all read
text through this module.
"""

from __future__ import annotations

import re

from lxml import etree

from pipeline.ooxml.ns import qn, w

_R, _P, _T = w("r"), w("p"), w("t")
_NEWLINE = frozenset({w("br"), w("cr")})
_TABS = frozenset({w("tab"), w("ptab")})
_NB_HYPHEN, _SYM, _CHAR = w("noBreakHyphen"), w("sym"), w("char")
_FALLBACK = qn("mc:Fallback")
# Subtrees whose text a reader does not see as this paragraph's (or this cell's) text.
_HIDDEN = frozenset({_FALLBACK, w("txbxContent"), w("del"), w("moveFrom")})
# … and, walking a paragraph, subtrees that hold no runs (faster to skip).
_NOT_RUNS = _HIDDEN | {w("pPr"), w("rPr"), _P}

_SYMBOL_PUA = re.compile("[\uf020-\uf0ff]")


def symbol_text(text: str) -> str:
    """Symbol-font private-use characters (U+F02D, U+F0B7 …) as the characters they show."""
    return _SYMBOL_PUA.sub(lambda m: chr(ord(m.group()) - 0xF000), text)


def _hex(value: str | None) -> int | None:
    try:
        return int(value, 16) if value else None
    except ValueError:
        return None


def _run_text(r: etree._Element) -> str | None:
    """The text a run shows; None when it has no text-bearing element at all."""
    parts: list[str] = []
    for el in r:
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag in _NEWLINE:
            parts.append("\n")
        elif tag in _TABS:
            parts.append("\t")
        elif tag == _NB_HYPHEN:
            parts.append("-")
        elif tag == _SYM:
            code = _hex(el.get(_CHAR))
            parts.append(symbol_text(chr(code)) if code else "")
    return "".join(parts) if parts else None


def _collect(el: etree._Element, wanted: str, skipped: frozenset[str], out: list[etree._Element]) -> None:
    """Descendants of `el` tagged `wanted`, in document order, not looking inside `skipped`
    elements nor inside a found one (a run's runs, a paragraph's paragraphs)."""
    for child in el:
        tag = child.tag
        if tag == wanted:
            out.append(child)
        elif isinstance(tag, str) and tag not in skipped:
            _collect(child, wanted, skipped, out)


def runs(p: etree._Element) -> list[etree._Element]:
    """The runs whose text belongs to paragraph `p`, in order."""
    out: list[etree._Element] = []
    _collect(p, _R, _NOT_RUNS, out)
    return out


def run_pieces(p: etree._Element) -> list[tuple[etree._Element, str]]:
    """(run, text) for each run of `p` that holds text; line breaks '\\n', tabs '\\t'."""
    out: list[tuple[etree._Element, str]] = []
    for r in runs(p):
        text = _run_text(r)
        if text is not None:
            out.append((r, text))
    return out


def paragraph_text(p: etree._Element) -> str:
    return "".join(text for _, text in run_pieces(p))


def cell_paragraphs(tc: etree._Element) -> list[etree._Element]:
    """A table cell's paragraphs, nested tables' included, text boxes' not."""
    out: list[etree._Element] = []
    _collect(tc, _P, _HIDDEN, out)
    return out


def cell_text(tc: etree._Element) -> str:
    """A table cell's text: its paragraphs (nested tables included) joined with newlines."""
    return "\n".join(paragraph_text(p) for p in cell_paragraphs(tc))


def paragraphs_in(el: etree._Element) -> list[etree._Element]:
    """Every paragraph of a body element or part in reading order, those of text boxes
    included (each after the paragraph it is anchored in), without mc:Fallback copies."""
    return [p for p in el.iter(_P) if not any(a.tag == _FALLBACK for a in p.iterancestors())]
