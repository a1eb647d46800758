"""Read a produced .docx the way a reader sees it: text through pipeline.ooxml's text
rule, formatting through its style resolver (run → character style → paragraph style
(basedOn) → table style → document defaults)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline import ooxml
from pipeline.ooxml import package, props
from pipeline.ooxml.ns import RT_NUMBERING, RT_SETTINGS, RT_STYLES, RT_THEME, w


@dataclass
class Para:
    el: etree._Element
    text: str
    style: str | None
    size: float
    bold: bool
    italic: bool
    font: str | None
    align: str | None
    first_line_cm: float
    before_pt: float
    after_pt: float
    line: tuple[str, float] | None  # (rule, value: multiple for auto, pt otherwise)


class Styles:
    """The questions the tests ask of formatting, answered by ooxml.Resolver."""

    def __init__(self, resolver: ooxml.Resolver, styles_root: etree._Element):
        self.resolver = resolver
        self.by_id = {s.get(w("styleId")): s for s in styles_root.iter(w("style"))}

    def run_size_pt(self, run: etree._Element | None, p: etree._Element) -> float:
        return self.resolver.run_format(run, p).size

    def run_flag(self, run: etree._Element | None, p: etree._Element, tag: str) -> bool:
        fmt = self.resolver.run_format(run, p)
        return {"b": fmt.bold, "i": fmt.italic, "caps": fmt.caps, "vanish": fmt.hidden}[tag]

    def run_font(self, run: etree._Element | None, p: etree._Element, attr: str = "hAnsi") -> str | None:
        fmt = self.resolver.run_format(run, p)
        return fmt.font_hansi if attr == "hAnsi" else fmt.font_ascii

    def para_attr(self, p: etree._Element, tag: str, attr: str) -> str | None:
        if (tag, attr) != ("jc", "val"):
            raise NotImplementedError(f"{tag}/{attr}: use Doc.para()")
        return self.resolver.paragraph_format(p).align


class Doc:
    def __init__(self, path: Path):
        self.path = Path(path)
        with package.open_docx(self.path) as pkg:
            self.body = pkg.body
            styles_root = pkg.related_xml(RT_STYLES)
            resolver = ooxml.Resolver(styles_root, pkg.related_xml(RT_THEME), pkg.related_xml(RT_NUMBERING),
                                      pkg.related_xml(RT_SETTINGS))
            self.styles_root = styles_root if styles_root is not None else etree.Element(w("styles"))
            self._headers = {rid: pkg.xml(part) for rid, part in pkg.related(ooxml.ns.RT_HEADER)}
        self.styles = Styles(resolver, self.styles_root)

    def para(self, p: etree._Element) -> Para:
        runs = [r for r, text in ooxml.run_pieces(p) if text.strip()]
        run = self.styles.resolver.run_format(runs[0] if runs else None, p)
        fmt = self.styles.resolver.paragraph_format(p)
        return Para(
            el=p,
            text=ooxml.paragraph_text(p),
            style=props.style_id(p),
            size=run.size,
            bold=run.bold,
            italic=run.italic,
            font=run.font_hansi,
            align=fmt.align,
            first_line_cm=fmt.first_line / 567,
            before_pt=fmt.before_pt,
            after_pt=fmt.after_pt,
            line=fmt.line,
        )

    def paragraphs(self) -> list[Para]:
        return [self.para(p) for p in ooxml.paragraphs_in(self.body)]

    def find(self, startswith: str) -> Para:
        for p in self.paragraphs():
            if p.text.startswith(startswith):
                return p
        raise AssertionError(f"no paragraph starts with {startswith!r}")

    def find_exact(self, text: str) -> Para:
        """The paragraph that reads `text`; a line break placed in a heading reads as the space it replaces."""
        for p in self.paragraphs():
            if p.text == text or p.text.replace("\n", " ") == text:
                return p
        raise AssertionError(f"no paragraph reads {text!r}")

    def all_runs(self) -> list[tuple[etree._Element, etree._Element]]:
        return [(r, p) for p in ooxml.paragraphs_in(self.body) for r, _ in ooxml.run_pieces(p)]

    def sections(self) -> list[etree._Element]:
        return [sect for sect, _ in ooxml.body_sections(self.body)]

    def tables(self) -> list[etree._Element]:
        return list(self.body.iter(w("tbl")))

    def rows(self, table: etree._Element) -> list[list[str]]:
        return [[ooxml.cell_text(tc) for tc in tr.findall(w("tc"))] for tr in table.findall(w("tr"))]

    def header_parts(self, sect: etree._Element) -> dict[str, etree._Element]:
        """'default' / 'first' → header part XML root, for one section."""
        refs = ooxml.section_props(sect).refs
        return {variant: self._headers[rid] for (kind, variant), rid in refs.items()
                if kind == "header" and rid in self._headers}

    def text(self) -> str:
        return "\n".join(ooxml.paragraph_text(p) for p in ooxml.paragraphs_in(self.body))

    def reading(self) -> str:
        """`text`, each paragraph on one line: line breaks inside a paragraph (a balanced heading's)
        read as the spaces they replace."""
        return "\n".join(ooxml.paragraph_text(p).replace("\n", " ") for p in ooxml.paragraphs_in(self.body))
