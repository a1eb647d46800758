"""Render a docxtpl template, streaming long table loops straight into the zip.

docxtpl renders the whole body through Jinja, re-parses it with lxml and replaces
the body; past a few thousand rows that round trip dominates and grows faster than
linearly. Loops named in `fast_loops` are therefore cut out of the template after
docxtpl's own tag clean-up, replaced by a processing-instruction marker, and rendered
by Jinja directly into the document.xml entry of the output zip. The rows' look
(styles, widths, borders, header row) still comes from the template's own rows.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from lxml import etree

from pipeline.errors import CchcError
from pipeline.ooxml import lines, package, sections, serial, write
from pipeline.ooxml.ns import RT_SETTINGS
from pipeline.ooxml.styles import Resolver

if TYPE_CHECKING:
    from jinja2 import Template

MARKER = "<?cchc-rows {}?>"
# Rows per table in a long appendix; see _split_tables. 200 rows lay out in about a
# second in LibreOffice, and a page break at most every ~20 pages costs little paper.
SPLIT_ROWS = 200
_FOR = re.compile(r"\{%-?\s*for\s+\w+(?:\s*,\s*\w+)*\s+in\s+([\w.]+)\s*-?%\}")
_BLOCK = re.compile(r"\{%-?\s*(for|endfor)\b[^%]*%\}")


@dataclass(frozen=True)
class Image:
    """An image in a template context; `render` turns it into docxtpl's InlineImage."""

    data: bytes
    width_mm: float


def _with_images(context: dict, tpl) -> dict:
    """Replace Image values by InlineImage objects bound to `tpl`. Images sit in the
    context's dicts (e.g. bc.bieu_do), never inside row lists, so lists are not walked:
    an appendix of 50,000 rows costs nothing here."""
    from docx.shared import Mm
    from docxtpl import InlineImage

    def walk(value: object) -> object:
        if isinstance(value, Image):
            return InlineImage(tpl, io.BytesIO(value.data), width=Mm(value.width_mm))
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return walk(context)  # type: ignore[return-value]


def _finalize(value: object) -> str:
    """Every {{ }} output becomes escaped WordprocessingML text (line breaks as <w:br/>).

    Escaping here rather than through Jinja's autoescape avoids a Markup object per
    cell, which matters at tens of thousands of rows; nothing reaches the output
    without passing through this function.
    """
    if value is None:
        return ""
    if type(value) is str:  # exactly str (not Markup): the common case, kept fast
        return write.run_text(value)
    if hasattr(value, "__html__"):  # docxtpl's InlineImage, RichText: already WordprocessingML
        return value.__html__()
    return write.run_text(str(value))


def jinja_env():
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=False, finalize=_finalize, undefined=StrictUndefined)


GROUP = "<?cchc-group?>"


@dataclass
class Loop:
    """A loop cut out of the template: its Jinja source and, for a loop of table rows,
    the table's opening (tblPr, grid, header rows) to start a continuation table."""

    block: str
    table_head: str | None = None


def _cut_loop(xml: str, source: str) -> tuple[str, Loop] | None:
    """Find '{% for x in <source> %}' … its matching endfor; return (xml with marker, loop)."""
    for m in _FOR.finditer(xml):
        if m.group(1) != source:
            continue
        depth = 0
        for b in _BLOCK.finditer(xml, m.start()):
            depth += 1 if b.group(1) == "for" else -1
            if depth == 0:
                block = xml[m.start(): b.end()]
                # Mark where each outer item starts: a table may break there without a page break.
                block = block[: m.end() - m.start()] + GROUP + block[m.end() - m.start():]
                return xml[: m.start()] + "\x00" + xml[b.end():], Loop(block, serial.table_head(xml, m.start()))
    return None


@dataclass
class Rendered:
    """A rendered document whose fast loops are still to be streamed in."""

    package: bytes  # the .docx written by python-docx, markers in document.xml
    loops: list[tuple[Template, dict, Loop]] = field(default_factory=list)  # (jinja template, context, loop)
    split_rows: int | None = None


def render(template: Path, context: dict, *, fast_loops: tuple[str, ...] = (),
           tweak: Callable[[object], None] | None = None, split_rows: int | None = SPLIT_ROWS,
           portrait_last: bool = False) -> Rendered:
    """Render `template` with `context`; `tweak(document)` may edit the python-docx
    Document (e.g. keep one section) before it is serialised. Tables fed by a fast
    loop are split into tables of about `split_rows` rows (see `_split_tables`).
    `portrait_last` turns the last section (the plan's Phụ lục) to portrait."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError, UndefinedError

    env = jinja_env()
    blocks: list[Loop] = []

    class _Template(DocxTemplate):
        def patch_xml(self, src_xml: str) -> str:
            xml = super().patch_xml(src_xml)
            for source in fast_loops:
                cut = _cut_loop(xml, source)
                if cut is None:
                    continue
                xml, loop = cut
                xml = xml.replace("\x00", MARKER.format(len(blocks)))
                blocks.append(loop)
            return xml

    package.open_docx(template).close()  # a clerk may have re-saved it: the same checks as any .docx read
    try:
        tpl = _Template(str(template))
        tpl.render(_with_images(context, tpl), env)
    except UndefinedError as exc:
        raise CchcError(f"Mẫu {template.name} dùng biến không có dữ liệu: {exc.message}.") from None
    except TemplateError as exc:
        raise CchcError(f"Mẫu {template.name} có thẻ lệnh sai: {exc}.") from None
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise CchcError(f"Không mở được mẫu {template.name}: {exc}.") from None
    document = tpl.docx
    styles = Resolver(document.styles.element, settings=_settings(document))
    if portrait_last:
        _portrait_last(document.element.body, blocks)
    if tweak:
        tweak(document)
    lines.balance_headings(document.element.body, styles)  # before the rules: they follow the longest line
    write.fit_rules(document.element.body, styles)
    buf = io.BytesIO()
    document.save(buf)
    loops = [(env.from_string(loop.block), context, loop) for loop in blocks]
    return Rendered(buf.getvalue(), loops, split_rows)


def _portrait_last(body: etree._Element, blocks: list[Loop]) -> None:
    """The last section in portrait, and the rows its loops will stream as narrow as its tables."""
    narrowing = sections.portrait_last_section(body)
    _, elements = sections.body_sections(body)[-1]
    inside = {int(pi.text) for el in elements for pi in el.iter(etree.ProcessingInstruction)
              if isinstance(pi, etree._ProcessingInstruction) and pi.target == "cchc-rows"
              and pi.text and pi.text.strip().isdigit()}
    for i in inside:
        loop = blocks[i]
        blocks[i] = Loop(sections.scale_widths(loop.block, narrowing),
                         sections.scale_widths(loop.table_head, narrowing) if loop.table_head else None)


def _settings(document) -> etree._Element | None:
    """The template's settings part, if it has one (python-docx's Document.settings would add one)."""
    for rel in document.part.rels.values():
        if rel.reltype == RT_SETTINGS and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


_MARKER = re.compile(r"<\?cchc-rows (\d+)\?>")
_ROW_OR_GROUP = re.compile(serial.ROW_BOUNDARY + "|" + re.escape(GROUP))


def _split_tables(chunks: Iterator[str], head: str, limit: int) -> Iterator[str]:
    """Close the table and open an identical one (same header row, repeated on each
    page) every `limit` rows, so LibreOffice, whose layout time grows with the square
    of a table's length, lays out a long appendix in linear time.

    A new group (section) may start a new table where it stands: its header row then
    appears mid-page, right above the section. Inside a group the new table starts on
    a new page, so readers never see a header row in the middle of a page; the
    numbering is the data's, so it runs on unchanged."""
    rows = 0
    full = False  # the table is full: break before the next row, if one comes
    for chunk in chunks:
        pos = 0
        for m in _ROW_OR_GROUP.finditer(chunk):
            token = m.group(0)
            if token == GROUP:
                yield chunk[pos:m.start()]
                pos = m.end()
                if full or rows >= limit // 2:
                    yield serial.table_break(page_break=False) + head
                    rows, full = 0, False
            elif token == serial.ROW_END:
                rows += 1
                full = rows >= limit
            elif full:  # a row starts and the table is full: continue on a new page
                yield chunk[pos:m.start()] + serial.table_break(page_break=True) + head
                pos, rows, full = m.start(), 0, False
        yield chunk[pos:]


def _document_chunks(xml: str, loops: list[tuple[Template, dict, Loop]], split_rows: int | None) -> Iterator[str]:
    """document.xml with each marker replaced by its loop's rows, in document order."""
    pos = 0
    seen = set()
    for m in _MARKER.finditer(xml):
        template, ctx, loop = loops[int(m.group(1))]
        seen.add(int(m.group(1)))
        yield xml[pos:m.start()]
        rows = template.generate(ctx)
        if loop.table_head and split_rows:
            yield from _split_tables(rows, loop.table_head, split_rows)
        else:
            yield from (c.replace(GROUP, "") for c in rows)
        pos = m.end()
    if len(seen) != len(loops):
        raise CchcError("Không tìm thấy vị trí bảng trong mẫu sau khi dựng văn bản.")
    yield xml[pos:]


def write_package(rendered: Rendered, out: BinaryIO) -> None:
    """Write the final .docx to an open binary file, streaming table rows. A template
    error inside a streamed loop (a mistyped {{ t.… }}) surfaces here, as CchcError."""
    from jinja2 import TemplateError, UndefinedError

    try:
        _write_package(rendered, out)
    except UndefinedError as exc:
        raise CchcError(f"Mẫu dùng biến không có dữ liệu trong bảng: {exc.message}.") from None
    except TemplateError as exc:
        raise CchcError(f"Mẫu có thẻ lệnh sai trong bảng: {exc}.") from None


def _write_package(rendered: Rendered, out: BinaryIO) -> None:
    with zipfile.ZipFile(io.BytesIO(rendered.package)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != package.MAIN_PART or not rendered.loops:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            target.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(target, "w", force_zip64=True) as fh:
                buffer: list[str] = []
                size = 0
                for chunk in _document_chunks(data.decode("utf-8"), rendered.loops, rendered.split_rows):
                    buffer.append(chunk)
                    size += len(chunk)
                    if size > 1 << 20:  # write in ~1 MB pieces: few syscalls, bounded memory
                        fh.write("".join(buffer).encode("utf-8"))
                        buffer, size = [], 0
                fh.write("".join(buffer).encode("utf-8"))
