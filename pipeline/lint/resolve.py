"""A .docx read the way Word shows it: every paragraph split into lines, every piece of
text with its effective formatting.

The file is opened through pipeline.ooxml.package (size limits, DTDs, corrupt parts),
formatting comes from the one style resolver (pipeline.ooxml.styles) and text from the
one text rule (pipeline.ooxml.text); list numbers and bullets that Word draws become
part of the text, so "- Lưu: VT, VP." reads the same typed or as a list. This module
only arranges the result into paragraphs, lines and sections for the rules.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from pipeline.ooxml import numbering, package, props, sections, tables, text
from pipeline.ooxml.ns import RT_NUMBERING, RT_SETTINGS, RT_STYLES, RT_THEME
from pipeline.ooxml.sections import SectionProps
from pipeline.ooxml.styles import ParaFmt, Resolver, RunFmt

__all__ = ["DocSection", "Document", "Line", "Para", "ParaFmt", "Piece", "RunFmt", "load"]


@dataclass(frozen=True)
class Piece:
    text: str
    fmt: RunFmt
    label: bool = False  # a list number or bullet drawn by Word

    @property
    def shown(self) -> str:
        return self.text.upper() if self.fmt.caps else self.text


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
class DocSection:
    index: int  # 1-based
    props: SectionProps
    parts: dict[tuple[str, str], list[Para] | None]  # ("header", "first") → paragraphs, None if absent


@dataclass
class Document:
    name: str
    paras: list[Para]  # body paragraphs in reading order (table cells row by row)
    sections: list[DocSection]
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


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value).replace("\u00a0", " ")


# -- reading the package -------------------------------------------------------------


class _Reader:
    def __init__(self, fmt: Resolver):
        self.fmt = fmt

    def paragraph(self, p: etree._Element, section: int, place: str, counters: numbering.Counters | None,
                  top: etree._Element | None = None, page_field: bool = False) -> Para:
        ps = self.fmt.styles_of(p)
        label, level = "", None
        if counters is not None:
            num_id, ilvl = self.fmt.numbering(ps.direct, ps.style)
            if num_id:
                label, level = counters.label(num_id, ilvl)
        para = Para(el=p, fmt=self.fmt.paragraph(ps.direct, ps.style, ps.table_style, level), style=ps.style,
                    section=section, place=place, cell=tables.table_cell(p) if ps.in_table else None, top=top)
        pieces: list[Piece] = []
        if label:
            pieces.append(Piece(label, self.fmt.run({}, ps.style, ps.table_style), label=True))
        for run, piece in text.run_pieces(p):
            pieces.append(Piece(piece, self.fmt.run(props.run_props(run), ps.style, ps.table_style)))
        para.lines = _split_lines(pieces, para)
        if page_field:
            para.page_field = self._field_formats(p, ps.style, ps.table_style)
        return para

    def _field_formats(self, p: etree._Element, pstyle: str | None, tstyle: str | None) -> list[RunFmt]:
        """How the field result prints: its text runs, else the run that opens the field."""
        runs = sections.field_runs(p)
        shown = {r for r, piece in text.run_pieces(p) if piece.strip()}  # lxml proxies: compare elements, not id()
        chosen = [r for r in runs if r in shown] or runs[:1]
        return [self.fmt.run(props.run_props(r), pstyle, tstyle) for r in chosen]


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


_VARIANTS = [(kind, variant) for kind in ("header", "footer") for variant in ("default", "first", "even")]


def load(path: Path) -> Document:
    """Open a .docx and resolve every paragraph of its body, headers and footers."""
    path = Path(path)
    with package.open_docx(path) as pkg:
        settings = pkg.related_xml(RT_SETTINGS)
        fmt = Resolver(pkg.related_xml(RT_STYLES), pkg.related_xml(RT_THEME), pkg.related_xml(RT_NUMBERING),
                       settings)
        reader = _Reader(fmt)
        counters = numbering.Counters(fmt.levels)
        paras: list[Para] = []
        out: list[DocSection] = []
        part_cache: dict[str, list[Para]] = {}
        inherited: dict[tuple[str, str], str] = {}
        for index, (sect_pr, elements) in enumerate(sections.body_sections(pkg.body), 1):
            for top in elements:
                for p in text.paragraphs_in(top):
                    paras.append(reader.paragraph(p, index, "body", counters, top))
            sect = sections.section_props(sect_pr)
            inherited.update(sect.refs)  # a section without a reference keeps the previous one
            parts: dict[tuple[str, str], list[Para] | None] = {}
            for kind, variant in _VARIANTS:
                rid = inherited.get((kind, variant))
                target = pkg.target(rid) if rid is not None else None
                if target is None:
                    parts[(kind, variant)] = None
                    continue
                if target not in part_cache:
                    part_cache[target] = _read_part(reader, pkg.xml(target), index, kind)
                parts[(kind, variant)] = part_cache[target]
            out.append(DocSection(index, sect, parts))
        return Document(path.name, paras, out, props.even_and_odd_headers(settings))


def _read_part(reader: _Reader, root: etree._Element, section: int, kind: str) -> list[Para]:
    holders = set(sections.page_field_paragraphs(root))
    return [reader.paragraph(p, section, kind, None, page_field=p in holders) for p in text.paragraphs_in(root)]
