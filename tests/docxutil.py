"""Read a produced .docx the way a reader sees it: text, and formatting resolved
through run → character style → paragraph style (basedOn) → document defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from lxml import etree

from pipeline.render import ooxml
from pipeline.render.ooxml import w


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


class Doc:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.doc = Document(str(path))
        self.body = self.doc.element.body
        self.styles = ooxml.Styles(self.doc.styles.element)

    def para(self, p: etree._Element) -> Para:
        runs = [r for r in p.iter(w("r")) if r.find(w("t")) is not None and (r.find(w("t")).text or "").strip()]
        first = runs[0] if runs else None
        s = self.styles
        ind = s.para_attr(p, "ind", "firstLine")
        before = s.para_attr(p, "spacing", "before")
        after = s.para_attr(p, "spacing", "after")
        line = s.para_attr(p, "spacing", "line")
        rule = s.para_attr(p, "spacing", "lineRule") or "auto"
        line_value = None
        if line is not None:
            line_value = (rule, int(line) / 240 if rule == "auto" else int(line) / 20)
        return Para(
            el=p,
            text=ooxml.paragraph_text(p),
            style=ooxml.style_id(p),
            size=s.run_size_pt(first, p),
            bold=s.run_flag(first, p, "b"),
            italic=s.run_flag(first, p, "i"),
            font=s.run_font(first, p),
            align=s.para_attr(p, "jc", "val"),
            first_line_cm=int(ind or 0) / 567,
            before_pt=int(before or 0) / 20,
            after_pt=int(after or 0) / 20,
            line=line_value,
        )

    def paragraphs(self) -> list[Para]:
        return [self.para(p) for p in self.body.iter(w("p"))]

    def find(self, startswith: str) -> Para:
        for p in self.paragraphs():
            if p.text.startswith(startswith):
                return p
        raise AssertionError(f"no paragraph starts with {startswith!r}")

    def find_exact(self, text: str) -> Para:
        for p in self.paragraphs():
            if p.text == text:
                return p
        raise AssertionError(f"no paragraph reads {text!r}")

    def all_runs(self) -> list[tuple[etree._Element, etree._Element]]:
        out = []
        for p in self.body.iter(w("p")):
            for r in p.iter(w("r")):
                if r.find(w("t")) is not None:
                    out.append((r, p))
        return out

    def sections(self) -> list[etree._Element]:
        return [p.find(f"{w('pPr')}/{w('sectPr')}") for p in ooxml.section_breaks(self.body)] + [
            self.body.find(w("sectPr"))
        ]

    def tables(self) -> list[etree._Element]:
        return list(self.body.iter(w("tbl")))

    def rows(self, table: etree._Element) -> list[list[str]]:
        return [[ooxml.paragraph_text_cell(tc) for tc in tr.findall(w("tc"))] for tr in table.findall(w("tr"))]

    def header_parts(self, sect: etree._Element) -> dict[str, etree._Element]:
        """'default' / 'first' → header part XML root, for one section."""
        out = {}
        for ref in sect.findall(w("headerReference")):
            rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            part = self.doc.part.related_parts[rid]
            out[ref.get(w("type"))] = etree.fromstring(part.blob)
        return out

    def text(self) -> str:
        return "\n".join(ooxml.paragraph_text(p) for p in self.body.iter(w("p")))
