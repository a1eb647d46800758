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


def _with_images(value: object, tpl) -> object:
    """Replace Image values anywhere in the context by InlineImage objects bound to `tpl`."""
    if isinstance(value, Image):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(tpl, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {k: _with_images(v, tpl) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_images(v, tpl) for v in value]
    return value


def _finalize(value: object) -> object:
    """Every {{ }} output becomes escaped WordprocessingML text (line breaks as <w:br/>)."""
    from markupsafe import Markup

    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):  # docxtpl's InlineImage, RichText: already WordprocessingML
        return Markup(value.__html__())
    return Markup(ooxml.run_text(str(value)))


def jinja_env():
    from jinja2 import Environment, StrictUndefined

    return Environment(autoescape=True, finalize=_finalize, undefined=StrictUndefined)


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
        tpl.render(_with_images(context, tpl), env, autoescape=True)
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


def _document_chunks(xml: str, loops: list[tuple[object, dict]]) -> Iterator[str]:
    pos = 0
    for i, (template, ctx) in enumerate(loops):
        marker = MARKER.format(i)
        at = xml.find(marker, pos)
        if at < 0:
            raise CchcError("Không tìm thấy vị trí bảng trong mẫu sau khi dựng văn bản.")
        yield xml[pos:at]
        yield from template.generate(ctx)
        pos = at + len(marker)
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
