"""List numbers and bullets as Word draws them, from word/numbering.xml.

`levels` reads each list's level definitions (w:lvlOverride applied); `Counters` counts
paragraphs the way Word does (per list, deeper levels restart) and gives the label a
paragraph shows, e.g. "1." or "- ".
"""

from __future__ import annotations

from lxml import etree

from pipeline.ooxml.ns import w
from pipeline.ooxml.props import ppr_values, to_int
from pipeline.ooxml.text import symbol_text

Level = dict[str, object]  # fmt, text, start, suff, ppr


def _levels(parent: etree._Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in parent.findall(w("lvl")):
        def val(tag: str, default: str | None = None, el: etree._Element = lvl) -> str | None:
            child = el.find(w(tag))
            return child.get(w("val"), default) if child is not None else default
        out[to_int(lvl.get(w("ilvl"))) or 0] = {
            "fmt": val("numFmt", "decimal"), "text": val("lvlText", ""),
            "start": to_int(val("start", "1")) or 0, "suff": val("suff", "tab"),
            "ppr": ppr_values(lvl.find(w("pPr"))),
        }
    return out


def levels(numbering_root: etree._Element | None) -> dict[str, dict[int, Level]]:
    """numId → ilvl → {fmt, text, start, suff, ppr}, with w:lvlOverride applied."""
    if numbering_root is None:
        return {}
    abstract = {a.get(w("abstractNumId")): _levels(a) for a in numbering_root.findall(w("abstractNum"))}
    out: dict[str, dict[int, Level]] = {}
    for num in numbering_root.findall(w("num")):
        ref = num.find(w("abstractNumId"))
        lv = {k: dict(v) for k, v in abstract.get(ref.get(w("val")) if ref is not None else None, {}).items()}
        for ov in num.findall(w("lvlOverride")):
            ilvl = to_int(ov.get(w("ilvl"))) or 0
            lv.update(_levels(ov))
            start = ov.find(w("startOverride"))
            if start is not None and ilvl in lv:
                lv[ilvl]["start"] = to_int(start.get(w("val"))) or 0
        out[num.get(w("numId")) or ""] = lv
    return out


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letters(n: int) -> str:
    n = max(n, 1) - 1
    return chr(ord("a") + n % 26) * (n // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A list number in a w:numFmt: decimal, decimalZero, upper/lowerRoman, upper/lowerLetter, none."""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt == "none":
        return ""
    return str(n)


def _int(value: object, default: int = 0) -> int:
    return value if isinstance(value, int) else default


class Counters:
    """List numbering as Word counts it: per list, deeper levels restart."""

    def __init__(self, defs: dict[str, dict[int, Level]]):
        self.levels = defs
        self.state: dict[str, dict[int, int]] = {}

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, Level | None]:
        """The next label of list `num_id` at level `ilvl` (with its separating space) and
        the level's definition; ('', None) for a paragraph that is not in a list."""
        levels = self.levels.get(num_id or "")
        if not num_id or not levels or ilvl not in levels:
            return "", None
        level = levels[ilvl]
        counts = self.state.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, _int(level["start"]) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if level["fmt"] == "bullet":
            text = symbol_text(str(level["text"]))
        else:
            text = str(level["text"])
            for k in range(9):
                if f"%{k + 1}" in text:
                    lv = levels.get(k, {"start": 1, "fmt": "decimal"})
                    text = text.replace(f"%{k + 1}", format_number(counts.get(k, _int(lv["start"])), str(lv["fmt"])))
        if not text:
            return "", level
        return text + ("" if level["suff"] == "nothing" else " "), level
