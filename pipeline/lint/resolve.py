"""A .docx read the way Word shows it: every paragraph split into lines, every piece of
text with its effective formatting.

Formatting is resolved as Word does: direct formatting, then the character style,
then the paragraph style (following basedOn), then the table style, then the document
defaults. Bold, italic and caps are toggles across those style levels; theme fonts and
colours resolve through word/theme/theme1.xml; list numbers and bullets that Word draws
become part of the text, so "- Lưu: VT, VP." reads the same typed or as a list. Raw XML
reading lives in pipeline.render.ooxml; this module only combines the levels.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from pipeline.errors import CchcError
from pipeline.render import ooxml

TWIPS_PER_CM = 1440 / 2.54
TOGGLES = ("b", "i", "caps", "vanish")
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
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
class Piece:
    text: str
    fmt: RunFmt
    label: bool = False  # a list number or bullet drawn by Word

    @property
    def shown(self) -> str:
        return self.text.upper() if self.fmt.caps else self.text


@dataclass(frozen=True)
class ParaFmt:
    align: str | None
    first_line: int  # twips; negative for a hanging indent
    left: int
    before_pt: float
    after_pt: float
    line: tuple[str, float] | None  # ("auto", lines) or ("exact"/"atLeast", pt)
    contextual: bool

    @property
    def first_line_cm(self) -> float:
        return self.first_line / TWIPS_PER_CM


@dataclass(eq=False)
class Line:
    """One line of a paragraph (paragraphs split at manual line breaks)."""

    pieces: list[Piece]
    para: Para = field(repr=False)

    @cached_property
    def text(self) -> str:
        return _clean("".join(p.text for p in self.pieces))

    @cached_property
    def shown(self) -> str:
        return _clean("".join(p.shown for p in self.pieces))

    @cached_property
    def segments(self) -> list[Line]:
        """The line cut at tabs: in a header laid out with tab stops instead of a table,
        "UBND TỈNH …<tab>CỘNG HÒA …" holds two elements."""
        if not any("\t" in p.text for p in self.pieces):
            return [self]
        out: list[list[Piece]] = [[]]
        for piece in self.pieces:
            for i, part in enumerate(piece.text.split("\t")):
                if i:
                    out.append([])
                if part:
                    out[-1].append(Piece(part, piece.fmt, piece.label))
        return [Line(pieces=ps, para=self.para) for ps in out if "".join(p.text for p in ps).strip()]

    def visible(self, *, labels: bool = False) -> list[Piece]:
        """Pieces that print something (no blanks, hidden text, footnote marks, list labels)."""
        return [p for p in self.pieces if p.text.strip() and not p.fmt.hidden and not p.fmt.script
                and (labels or not p.label)]


@dataclass(eq=False)
class Para:
    el: etree._Element = field(repr=False)
    fmt: ParaFmt
    style: str | None
    section: int  # 1-based
    place: str  # "body", "header" or "footer"
    cell: etree._Element | None = field(default=None, repr=False)
    top: etree._Element | None = field(default=None, repr=False)  # the body child holding it
    lines: list[Line] = field(default_factory=list)
    page_field: list[RunFmt] | None = None  # formatting of the PAGE field shown here, if any

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def in_table(self) -> bool:
        return self.cell is not None

    def nonblank(self) -> list[Line]:
        return [line for line in self.lines if line.text.strip()]


@dataclass
class Section:
    index: int  # 1-based
    props: dict[str, object]
    parts: dict[tuple[str, str], list[Para] | None]  # ("header", "first") → paragraphs, None if absent


@dataclass
class Document:
    name: str
    paras: list[Para]  # body paragraphs in reading order (table cells row by row)
    sections: list[Section]
    even_odd: bool

    def header_paras(self) -> list[Para]:
        seen: set[int] = set()
        out: list[Para] = []
        for s in self.sections:
            for paras in s.parts.values():
                if paras and id(paras) not in seen:
                    seen.add(id(paras))
                    out += paras
        return out


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ")


# -- style resolution ------------------------------------------------------------------


class Formatter:
    """Effective run and paragraph formatting, cached per style combination."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None,
                 numbering: etree._Element | None, settings: etree._Element | None):
        self.defs = ooxml.style_defs(styles) if styles is not None else {}
        self.run_defaults, self.para_defaults = ooxml.doc_defaults(styles) if styles is not None else ({}, {})
        self.fonts = ooxml.theme_fonts(theme)
        self.colors = ooxml.theme_colors(theme)
        self.levels = ooxml.numbering_levels(numbering)
        self.default_para = self._default("paragraph")
        self.default_table = self._default("table")
        self.default_char = self._default("character")
        self.table_rules_2013 = (ooxml.compat_setting(settings, "overrideTableStyleFontSizeAndJustification")
                                 or "0").lower() in ("1", "true", "on")
        self._merged: dict[tuple[str | None, str], dict[str, object]] = {}
        self._runs: dict[tuple[str | None, str | None, str | None], dict[str, object]] = {}
        self._paras: dict[tuple[str | None, str | None], dict[str, object]] = {}

    def _default(self, kind: str) -> str | None:
        return next((sid for sid, d in self.defs.items() if d["type"] == kind and d["default"]), None)

    def merged(self, style_id: str | None, key: str) -> dict[str, object]:
        """Properties ('rpr' or 'ppr') of a style with its basedOn chain, nearest first."""
        cache_key = (style_id, key)
        if cache_key not in self._merged:
            out: dict[str, object] = {}
            seen: set[str] = set()
            sid = style_id
            while sid and sid in self.defs and sid not in seen:
                seen.add(sid)
                for k, v in self.defs[sid][key].items():
                    out.setdefault(k, v)
                sid = self.defs[sid]["basedOn"]
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
        return style_id in self.defs and prop in self.defs[style_id][key]

    def paragraph_style(self, direct: dict[str, object]) -> str | None:
        sid = direct.get("pStyle")
        return sid if sid in self.defs else self.default_para

    def _run_base(self, char_style: str | None, para_style: str | None, table_style: str | None) -> dict[str, object]:
        key = (char_style, para_style, table_style)
        if key in self._runs:
            return self._runs[key]
        char = self.merged(char_style, "rpr") if char_style else {}
        para = self.merged(para_style, "rpr") if para_style else {}
        table = self.merged(table_style, "rpr") if table_style else {}
        if (table_style and not self.table_rules_2013 and "sz" in table and para.get("sz") == 12
                and (para_style == self.default_para or not self._own(para_style, "rpr", "sz"))):
            para = {**para, "sz": table["sz"]}  # Word: a 12 pt Normal does not beat the table style's size
        out: dict[str, object] = {}
        for level in (char, para, table):
            for k, v in level.items():
                if k not in TOGGLES:
                    out.setdefault(k, v)
        for k, v in self.run_defaults.items():
            if k not in TOGGLES:
                out.setdefault(k, v)
        for t in TOGGLES:
            values = [level[t] for level in (char, para, table) if t in level]
            out[t] = sum(bool(v) for v in values) % 2 == 1 if values else bool(self.run_defaults.get(t, False))
        self._runs[key] = out
        return out

    def run(self, direct: dict[str, object], para_style: str | None, table_style: str | None) -> RunFmt:
        char_style = direct.get("rStyle")
        char_style = char_style if char_style in self.defs else self.default_char
        values = {**self._run_base(char_style, para_style, table_style), **direct}
        return RunFmt(
            size=float(values.get("sz", 10.0)),
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
        if not value:
            return None
        kind, name = value
        if kind == "theme":
            return self.fonts.get("major" if str(name).startswith("major") else "minor")
        return str(name)

    def _color(self, value: object) -> str:
        if not value:
            return "auto"
        val, theme, tinted = value
        if theme and not tinted:
            slot = _THEME_SLOTS.get(theme, theme)
            if slot in self.colors:
                return self.colors[slot]
        return (val or "auto").upper() if (val or "auto").lower() != "auto" else "auto"

    def _para_base(self, para_style: str | None, table_style: str | None) -> dict[str, object]:
        key = (para_style, table_style)
        if key in self._paras:
            return self._paras[key]
        para = self.merged(para_style, "ppr") if para_style else {}
        table = self.merged(table_style, "ppr") if table_style else {}
        if (table_style and not self.table_rules_2013 and "jc" in table and para.get("jc") in ("left", "start")
                and (para_style == self.default_para or not self._own(para_style, "ppr", "jc"))):
            para = {**para, "jc": table["jc"]}  # Word: a left-aligned Normal does not beat the table style
        out: dict[str, object] = {}
        for level in (para, table, self.para_defaults):
            for k, v in level.items():
                out.setdefault(k, v)
        self._paras[key] = out
        return out

    def numbering(self, direct: dict[str, object], para_style: str | None) -> tuple[str | None, int]:
        style = self.merged(para_style, "ppr") if para_style else {}
        num_id = direct.get("numId", style.get("numId"))
        ilvl = direct.get("ilvl", style.get("ilvl", 0))
        return (str(num_id) if num_id not in (None, "0") else None), int(ilvl or 0)

    def paragraph(self, direct: dict[str, object], para_style: str | None, table_style: str | None,
                  level: dict[str, object] | None) -> ParaFmt:
        values = dict(self._para_base(para_style, table_style))
        if level:
            values.update({k: v for k, v in level.get("ppr", {}).items() if k in ("first", "left")})
        values.update(direct)
        line = values.get("line")
        if line:
            rule, amount = line
            line = ("auto", amount / 240) if rule == "auto" else (rule, amount / 20)
        before = 14.0 if values.get("before_auto") else int(values.get("before", 0)) / 20
        after = 14.0 if values.get("after_auto") else int(values.get("after", 0)) / 20
        return ParaFmt(
            align=values.get("jc"),
            first_line=int(values.get("first", 0)),
            left=int(values.get("left", 0)),
            before_pt=before,
            after_pt=after,
            line=line,
            contextual=bool(values.get("contextual", False)),
        )


# -- list numbers ---------------------------------------------------------------------


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
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt == "none":
        return ""
    return str(n)


class Counters:
    """List numbering as Word counts it: per list, deeper levels restart."""

    def __init__(self, levels: dict[str, dict[int, dict[str, object]]]):
        self.levels = levels
        self.state: dict[str, dict[int, int]] = {}

    def label(self, num_id: str | None, ilvl: int) -> tuple[str, dict[str, object] | None]:
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return "", None
        level = levels[ilvl]
        counts = self.state.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, int(level["start"]) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if level["fmt"] == "bullet":
            text = ooxml.symbol_text(str(level["text"]))
        else:
            text = str(level["text"])
            for k in range(9):
                if f"%{k + 1}" in text:
                    lv = levels.get(k, {"start": 1, "fmt": "decimal"})
                    text = text.replace(f"%{k + 1}", format_number(counts.get(k, int(lv["start"])), str(lv["fmt"])))
        if not text:
            return "", level
        return text + ("" if level["suff"] == "nothing" else " "), level


# -- reading the package -------------------------------------------------------------


def _parse(blob: bytes | None) -> etree._Element | None:
    if not blob:
        return None
    try:
        return etree.fromstring(blob, _SAFE)
    except etree.XMLSyntaxError:
        return None


class _Reader:
    def __init__(self, fmt: Formatter):
        self.fmt = fmt

    def paragraph(self, p: etree._Element, section: int, place: str, counters: Counters | None,
                  top: etree._Element | None = None, page_field: bool = False) -> Para:
        direct = ooxml.paragraph_props(p)
        in_table, table_style = ooxml.table_style_id(p)
        tstyle = self.fmt.table_style(table_style, in_table)
        pstyle = self.fmt.paragraph_style(direct)
        label, level = "", None
        if counters is not None:
            num_id, ilvl = self.fmt.numbering(direct, pstyle)
            if num_id:
                label, level = counters.label(num_id, ilvl)
        para = Para(el=p, fmt=self.fmt.paragraph(direct, pstyle, tstyle, level), style=pstyle, section=section,
                    place=place, cell=ooxml.table_cell(p) if in_table else None, top=top)
        pieces: list[Piece] = []
        if label:
            pieces.append(Piece(label, self.fmt.run({}, pstyle, tstyle), label=True))
        for run, text in ooxml.run_pieces(p):
            pieces.append(Piece(text, self.fmt.run(ooxml.run_props(run), pstyle, tstyle)))
        para.lines = _split_lines(pieces, para)
        if page_field:
            para.page_field = self._field_formats(p, pstyle, tstyle)
        return para

    def _field_formats(self, p: etree._Element, pstyle: str | None, tstyle: str | None) -> list[RunFmt]:
        """How the field result prints: its text runs, else the run that opens the field."""
        runs = ooxml.field_runs(p)
        shown = {r for r, text in ooxml.run_pieces(p) if text.strip()}  # lxml proxies: compare elements, not id()
        chosen = [r for r in runs if r in shown] or runs[:1]
        return [self.fmt.run(ooxml.run_props(r), pstyle, tstyle) for r in chosen]


def _split_lines(pieces: list[Piece], para: Para) -> list[Line]:
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        parts = piece.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(Piece(part, piece.fmt, piece.label))
    return [Line(pieces=ps, para=para) for ps in lines]


def load(path: Path) -> Document:
    """Open a .docx and resolve every paragraph of its body, headers and footers."""
    from docx import Document as open_docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.exceptions import PackageNotFoundError

    path = Path(path)
    try:
        doc = open_docx(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError):
        raise CchcError(f"Không mở được {path.name}: không phải tệp Word .docx hợp lệ.") from None
    main = doc.part

    def related(reltype: str) -> etree._Element | None:
        for rel in main.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                part = rel.target_part
                element = getattr(part, "element", None)
                return element if element is not None else _parse(part.blob)
        return None

    fmt = Formatter(related(RT.STYLES), related(RT.THEME), related(RT.NUMBERING), related(RT.SETTINGS))
    reader = _Reader(fmt)
    body = doc.element.body
    counters = Counters(fmt.levels)
    paras: list[Para] = []
    sections: list[Section] = []
    part_cache: dict[str, list[Para]] = {}
    inherited: dict[tuple[str, str], str] = {}
    for index, (sect_pr, elements) in enumerate(ooxml.body_sections(body), 1):
        for top in elements:
            for p in ooxml.paragraphs_in(top):
                paras.append(reader.paragraph(p, index, "body", counters, top))
        props = ooxml.section_props(sect_pr)
        inherited.update(props["refs"])  # a section without a reference keeps the previous one
        parts: dict[tuple[str, str], list[Para] | None] = {}
        for kind in ("header", "footer"):
            for variant in ("default", "first", "even"):
                rid = inherited.get((kind, variant))
                if rid is None or rid not in main.rels:
                    parts[(kind, variant)] = None
                    continue
                if rid not in part_cache:
                    part_cache[rid] = _read_part(reader, _parse(main.rels[rid].target_part.blob), index, kind)
                parts[(kind, variant)] = part_cache[rid]
        sections.append(Section(index, props, parts))
    settings = related(RT.SETTINGS)
    return Document(path.name, paras, sections, ooxml.even_and_odd_headers(settings))


def _read_part(reader: _Reader, root: etree._Element | None, section: int, kind: str) -> list[Para]:
    if root is None:
        return []
    holders = set(ooxml.page_field_paragraphs(root))
    return [reader.paragraph(p, section, kind, None, page_field=p in holders) for p in ooxml.paragraphs_in(root)]
