"""Effective formatting as Word computes it: the one style resolver.

A run's formatting comes from direct formatting, then its character style, then the
paragraph style (following basedOn), then the table style, then the document defaults.
Bold, italic, caps and hidden are toggles across the style levels; theme fonts and
colours resolve through word/theme/theme1.xml; a numbered paragraph takes the indents of
its list level. The renderer (rules under headings), the linter and the tests read
formatting through `Resolver`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from pipeline.ooxml import props, tables
from pipeline.ooxml.ns import on_off
from pipeline.ooxml.numbering import Level, levels
from pipeline.ooxml.props import Props

TWIPS_PER_CM = 1440 / 2.54
TOGGLES = ("b", "i", "caps", "vanish")
DEFAULT_SIZE = 10.0  # pt: Word's built-in size when nothing sets one
_THEME_SLOTS = {
    "text1": "dk1", "dark1": "dk1", "text2": "dk2", "dark2": "dk2", "background1": "lt1", "light1": "lt1",
    "background2": "lt2", "light2": "lt2", "hyperlink": "hlink", "followedHyperlink": "folHlink",
}


@dataclass(frozen=True)
class RunFmt:
    size: float
    bold: bool
    italic: bool
    caps: bool
    font_ascii: str | None  # None: the document names no font (Word falls back to Times New Roman)
    font_hansi: str | None
    color: str  # "auto" or RRGGBB
    hidden: bool = False
    script: bool = False  # superscript or subscript (footnote marks)


@dataclass(frozen=True)
class ParaFmt:
    align: str | None
    first_line: int  # twips; negative for a hanging indent
    left: int
    before_pt: float
    after_pt: float
    line: tuple[str, float] | None  # ("auto", lines) or ("exact"/"atLeast", pt)
    contextual: bool
    right: int = 0  # twips

    @property
    def first_line_cm(self) -> float:
        return self.first_line / TWIPS_PER_CM


@dataclass(frozen=True)
class ParaStyles:
    """What a paragraph's formatting is resolved against."""

    direct: Props  # the paragraph's own pPr values
    style: str | None  # its paragraph style (the default one when it names none or an unknown one)
    table_style: str | None  # the table style that applies, if it sits in a table
    in_table: bool


def _num(value: object, default: float) -> float:
    return float(value) if isinstance(value, (int, float)) else default


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


class Resolver:
    """Effective run and paragraph formatting, cached per style combination."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None = None,
                 numbering_root: etree._Element | None = None, settings: etree._Element | None = None):
        self.defs = props.style_defs(styles) if styles is not None else {}
        self.run_defaults, self.para_defaults = props.doc_defaults(styles) if styles is not None else ({}, {})
        self.fonts = props.theme_fonts(theme)
        self.colors = props.theme_colors(theme)
        self.levels = levels(numbering_root)
        self.default_para = self._default("paragraph")
        self.default_table = self._default("table")
        self.default_char = self._default("character")
        # Word 2013+ lets a table style's size and alignment beat a plain Normal only with this setting.
        self.table_rules_2013 = on_off(props.compat_setting(settings, "overrideTableStyleFontSizeAndJustification"),
                                       absent=False)
        self._merged: dict[tuple[str | None, str], Props] = {}
        self._runs: dict[tuple[str | None, str | None, str | None], Props] = {}
        self._paras: dict[tuple[str | None, str | None], Props] = {}

    def _default(self, kind: str) -> str | None:
        return next((sid for sid, d in self.defs.items() if d["type"] == kind and d["default"]), None)

    def merged(self, style_id: str | None, key: str) -> Props:
        """Properties ('rpr' or 'ppr') of a style with its basedOn chain, nearest first."""
        cache_key = (style_id, key)
        if cache_key not in self._merged:
            out: Props = {}
            seen: set[str] = set()
            sid = style_id
            while sid and sid in self.defs and sid not in seen:
                seen.add(sid)
                level = self.defs[sid][key]
                for k, v in (level.items() if isinstance(level, dict) else ()):
                    out.setdefault(k, v)
                sid = _str(self.defs[sid]["basedOn"])
            self._merged[cache_key] = out
        return self._merged[cache_key]

    def table_style(self, table_style: str | None, in_table: bool) -> str | None:
        if not in_table:
            return None
        sid = table_style or self.default_table
        # Word ignores a table style named "Normal Table" (the built-in default).
        if sid is None or sid not in self.defs or self.defs[sid]["name"] == "Normal Table":
            return None
        return sid

    def _own(self, style_id: str | None, key: str, prop: str) -> bool:
        if style_id not in self.defs:
            return False
        level = self.defs[style_id][key]
        return isinstance(level, dict) and prop in level

    def paragraph_style(self, direct: Props) -> str | None:
        sid = _str(direct.get("pStyle"))
        return sid if sid in self.defs else self.default_para

    # -- runs ----------------------------------------------------------------------------

    def _run_base(self, char_style: str | None, para_style: str | None, table_style: str | None) -> Props:
        key = (char_style, para_style, table_style)
        if key in self._runs:
            return self._runs[key]
        char = self.merged(char_style, "rpr") if char_style else {}
        para = self.merged(para_style, "rpr") if para_style else {}
        table = self.merged(table_style, "rpr") if table_style else {}
        if (table_style and not self.table_rules_2013 and "sz" in table and para.get("sz") == 12
                and (para_style == self.default_para or not self._own(para_style, "rpr", "sz"))):
            para = {**para, "sz": table["sz"]}  # Word: a 12 pt Normal does not beat the table style's size
        out: Props = {}
        for level in (char, para, table, self.run_defaults):
            for k, v in level.items():
                if k not in TOGGLES:
                    out.setdefault(k, v)
        for t in TOGGLES:
            values = [level[t] for level in (char, para, table) if t in level]
            out[t] = sum(bool(v) for v in values) % 2 == 1 if values else bool(self.run_defaults.get(t, False))
        self._runs[key] = out
        return out

    def run(self, direct: Props, para_style: str | None, table_style: str | None) -> RunFmt:
        """A run's formatting from its own rPr values and the paragraph's styles."""
        char_style = _str(direct.get("rStyle"))
        char_style = char_style if char_style in self.defs else self.default_char
        values = {**self._run_base(char_style, para_style, table_style), **direct}
        return RunFmt(
            size=_num(values.get("sz"), DEFAULT_SIZE),
            bold=bool(values["b"]),
            italic=bool(values["i"]),
            caps=bool(values["caps"]),
            font_ascii=self._font(values.get("font_ascii")),
            font_hansi=self._font(values.get("font_hAnsi")),
            color=self._color(values.get("color")),
            hidden=bool(values["vanish"]),
            script=values.get("vert") in ("superscript", "subscript"),
        )

    def _font(self, value: object) -> str | None:
        if not isinstance(value, tuple):
            return None
        kind, name = value
        if kind == "theme":
            return self.fonts.get("major" if str(name).startswith("major") else "minor")
        return str(name)

    def _color(self, value: object) -> str:
        if not isinstance(value, tuple):
            return "auto"
        val, theme, tinted = value
        if theme and not tinted:
            slot = _THEME_SLOTS.get(theme, theme)
            if slot in self.colors:
                return self.colors[slot]
        return (val or "auto").upper() if (val or "auto").lower() != "auto" else "auto"

    # -- paragraphs --------------------------------------------------------------------------

    def _para_base(self, para_style: str | None, table_style: str | None) -> Props:
        key = (para_style, table_style)
        if key in self._paras:
            return self._paras[key]
        para = self.merged(para_style, "ppr") if para_style else {}
        table = self.merged(table_style, "ppr") if table_style else {}
        if (table_style and not self.table_rules_2013 and "jc" in table and para.get("jc") in ("left", "start")
                and (para_style == self.default_para or not self._own(para_style, "ppr", "jc"))):
            para = {**para, "jc": table["jc"]}  # Word: a left-aligned Normal does not beat the table style
        out: Props = {}
        for level in (para, table, self.para_defaults):
            for k, v in level.items():
                out.setdefault(k, v)
        self._paras[key] = out
        return out

    def numbering(self, direct: Props, para_style: str | None) -> tuple[str | None, int]:
        """(numId, ilvl) of the list a paragraph is in; numId None when it is in none."""
        style = self.merged(para_style, "ppr") if para_style else {}
        num_id = direct.get("numId", style.get("numId"))
        ilvl = direct.get("ilvl", style.get("ilvl", 0))
        return (str(num_id) if num_id not in (None, "0") else None), int(_num(ilvl, 0))

    def paragraph(self, direct: Props, para_style: str | None, table_style: str | None,
                  level: Level | None) -> ParaFmt:
        """A paragraph's formatting from its own pPr values, its styles and its list level."""
        values = dict(self._para_base(para_style, table_style))
        level_ppr = level.get("ppr") if level else None
        if isinstance(level_ppr, dict):
            values.update({k: v for k, v in level_ppr.items() if k in ("first", "left")})
        values.update(direct)
        line = values.get("line")
        spacing: tuple[str, float] | None = None
        if isinstance(line, tuple):
            rule, amount = line
            spacing = ("auto", amount / 240) if rule == "auto" else (str(rule), amount / 20)
        before = 14.0 if values.get("before_auto") else _num(values.get("before"), 0) / 20
        after = 14.0 if values.get("after_auto") else _num(values.get("after"), 0) / 20
        return ParaFmt(
            align=_str(values.get("jc")),
            first_line=int(_num(values.get("first"), 0)),
            left=int(_num(values.get("left"), 0)),
            before_pt=before,
            after_pt=after,
            line=spacing,
            contextual=bool(values.get("contextual", False)),
            right=int(_num(values.get("right"), 0)),
        )

    # -- from elements ------------------------------------------------------------------------

    def styles_of(self, p: etree._Element) -> ParaStyles:
        direct = props.paragraph_props(p)
        in_table, table_style = tables.table_style_id(p)
        return ParaStyles(direct, self.paragraph_style(direct), self.table_style(table_style, in_table), in_table)

    def level_of(self, ps: ParaStyles) -> Level | None:
        """The list level a paragraph is numbered at, if any."""
        num_id, ilvl = self.numbering(ps.direct, ps.style)
        return self.levels.get(num_id or "", {}).get(ilvl)

    def run_format(self, r: etree._Element | None, p: etree._Element) -> RunFmt:
        """How run `r` of paragraph `p` prints (r None: text typed at the paragraph's start)."""
        ps = self.styles_of(p)
        return self.run(props.run_props(r), ps.style, ps.table_style)

    def paragraph_format(self, p: etree._Element) -> ParaFmt:
        ps = self.styles_of(p)
        return self.paragraph(ps.direct, ps.style, ps.table_style, self.level_of(ps))
