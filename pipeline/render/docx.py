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

from pipeline.errors import CchcError
from pipeline.render import ooxml

MARKER = "<?cchc-rows {}?>"
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


_PLAIN = re.compile("[&<>\n\t\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _finalize(value: object) -> str:
    """Every {{ }} output becomes escaped WordprocessingML text (line breaks as <w:br/>).

    Escaping here rather than through Jinja's autoescape avoids a Markup object per
    cell, which matters at tens of thousands of rows; nothing reaches the output
    without passing through this function.
    """
    if value is None:
        return ""
    if value.__class__ is str:
        return ooxml.run_text(value) if _PLAIN.search(value) else value
    if hasattr(value, "__html__"):  # docxtpl's InlineImage, RichText: already WordprocessingML
        return value.__html__()
    return ooxml.run_text(str(value))


def jinja_env():
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=False, finalize=_finalize, undefined=StrictUndefined)


def _cut_loop(xml: str, source: str) -> tuple[str, str] | None:
    """Find '{% for x in <source> %}' … its matching endfor; return (xml with marker, block)."""
    for m in _FOR.finditer(xml):
        if m.group(1) != source:
            continue
        depth = 0
        for b in _BLOCK.finditer(xml, m.start()):
            depth += 1 if b.group(1) == "for" else -1
            if depth == 0:
                return xml[: m.start()] + "\x00" + xml[b.end():], xml[m.start(): b.end()]
    return None


@dataclass
class Rendered:
    """A rendered document whose fast loops are still to be streamed in."""

    package: bytes  # the .docx written by python-docx, markers in document.xml
    loops: list[tuple[object, dict]] = field(default_factory=list)  # (jinja template, context)


def render(template: Path, context: dict, *, fast_loops: tuple[str, ...] = (),
           tweak: Callable[[object], None] | None = None) -> Rendered:
    """Render `template` with `context`; `tweak(document)` may edit the python-docx
    Document (e.g. keep one section) before it is serialised."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError, UndefinedError

    env = jinja_env()
    blocks: list[str] = []

    class _Template(DocxTemplate):
        def patch_xml(self, src_xml: str) -> str:
            xml = super().patch_xml(src_xml)
            for source in fast_loops:
                cut = _cut_loop(xml, source)
                if cut is None:
                    continue
                xml, block = cut
                xml = xml.replace("\x00", MARKER.format(len(blocks)))
                blocks.append(block)
            return xml

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
    styles = ooxml.Styles(document.styles.element)
    if tweak:
        tweak(document)
    ooxml.fit_rules(document.element.body, styles)
    buf = io.BytesIO()
    document.save(buf)
    loops = [(env.from_string(block), context) for block in blocks]
    return Rendered(buf.getvalue(), loops)


_MARKER = re.compile(r"<\?cchc-rows (\d+)\?>")


def _document_chunks(xml: str, loops: list[tuple[object, dict]]) -> Iterator[str]:
    """document.xml with each marker replaced by its loop's rows, in document order."""
    pos = 0
    seen = set()
    for m in _MARKER.finditer(xml):
        template, ctx = loops[int(m.group(1))]
        seen.add(int(m.group(1)))
        yield xml[pos:m.start()]
        yield from template.generate(ctx)
        pos = m.end()
    if len(seen) != len(loops):
        raise CchcError("Không tìm thấy vị trí bảng trong mẫu sau khi dựng văn bản.")
    yield xml[pos:]


def write_package(rendered: Rendered, out: io.BufferedIOBase) -> None:
    """Write the final .docx to an open binary file, streaming table rows."""
    with zipfile.ZipFile(io.BytesIO(rendered.package)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "word/document.xml" or not rendered.loops:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            target.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(target, "w", force_zip64=True) as fh:
                buffer: list[str] = []
                size = 0
                for chunk in _document_chunks(data.decode("utf-8"), rendered.loops):
                    buffer.append(chunk)
                    size += len(chunk)
                    if size > 1 << 20:  # write in ~1 MB pieces: few syscalls, bounded memory
                        fh.write("".join(buffer).encode("utf-8"))
                        buffer, size = [], 0
                fh.write("".join(buffer).encode("utf-8"))
