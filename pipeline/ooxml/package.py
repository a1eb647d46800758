"""Open a .docx defensively: the one way the pipeline reads a Word file.

Refused with a Vietnamese message that names the file (and the part at fault):
anything that is not a .docx (an old .doc, RTF, PDF, an encrypted file, an Excel or
PowerPoint file, a truncated zip), a package whose members unpack to more than
`schema.MAX_UNPACKED_BYTES`, any XML part with a DTD (entity declarations: the
"billion laughs" bomb, refused with defusedxml before any part is parsed), and a part
that does not read (bad CRC, broken XML) when the caller reads it. Parts are parsed
with lxml without entity expansion or network access.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
import zlib
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from lxml import etree

from pipeline.errors import CchcError
from pipeline.files import file_head, xml_bomb
from pipeline.ooxml.ns import RT_OFFICE_DOCUMENT, qn, w
from pipeline.schema import MAX_PARSED_PART_BYTES, MAX_UNPACKED_BYTES

MAIN_PART = "word/document.xml"  # where Word (and python-docx) put the main document
_XML_MEMBER = re.compile(r"\.(?:xml|rels|vml)$", re.IGNORECASE)
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError)
_COPY_HINT = "Hãy lấy lại bản sao của văn bản."


@dataclass(frozen=True)
class Rel:
    """One relationship of a part: its type and the part (or URL, if external) it points to."""

    type: str
    target: str
    external: bool = False


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=True)


def _corrupt(path: Path, member: str, detail: object = "") -> CchcError:
    extra = f" ({detail})" if str(detail) else ""
    return CchcError(f"Tệp {path.name} bị hỏng: phần {member} không đọc được{extra}. {_COPY_HINT}")


class Package:
    """An open .docx: its parts by name, parsed on demand, and their relationships.
    Use as a context manager (or call close()); every error is a CchcError."""

    def __init__(self, path: Path, zf: zipfile.ZipFile):
        self.path = path
        self.zf = zf
        self.names = {i.filename for i in zf.infolist() if not i.is_dir()}
        self._checked: set[str] = set()
        self._xml: dict[str, etree._Element] = {}
        self._rels: dict[str, dict[str, Rel]] = {}
        # The main document part (from _rels/.rels; word/document.xml in every file Word
        # writes): a package without one is refused here, before any other part is read.
        self.main = self._main_part()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.zf.close()

    # -- raw members ---------------------------------------------------------------------

    def read(self, member: str) -> bytes:
        try:
            return self.zf.read(member)
        except _ZIP_ERRORS as exc:
            raise _corrupt(self.path, member, exc) from None

    def refuse_dtd(self, member: str) -> None:
        """Parse the part just up to its root element: a DOCTYPE (entity declarations) comes before it."""
        if member in self._checked:
            return
        from xml.etree.ElementTree import ParseError

        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import iterparse

        try:
            with self.zf.open(member) as fh:
                for _ in iterparse(fh, events=("start",), forbid_dtd=True):
                    break
        except DefusedXmlException:
            raise xml_bomb(self.path, member, "Word", ".docx") from None
        except (ParseError, *_ZIP_ERRORS) as exc:
            raise _corrupt(self.path, member, exc) from None
        self._checked.add(member)

    def xml(self, member: str) -> etree._Element:
        """The part's root element (parsed once). A part too large to hold as a tree (a
        plan's document.xml is a few MB) is refused: parsing costs about ten times its size."""
        if member not in self._xml:
            self.refuse_dtd(member)
            size = self.zf.getinfo(member).file_size
            if size > MAX_PARSED_PART_BYTES:
                raise CchcError(f"Tệp {self.path.name} quá lớn để đọc: phần {member} giải nén ra {size // 2**20} MB "
                                f"(giới hạn {MAX_PARSED_PART_BYTES // 2**20} MB). Hãy chia văn bản thành các tệp nhỏ "
                                "hơn.")
            try:
                self._xml[member] = etree.fromstring(self.read(member), _parser())
            except etree.XMLSyntaxError as exc:
                raise _corrupt(self.path, member, exc) from None
        return self._xml[member]

    def stream(self, member: str, tag: str) -> Generator[etree._Element, None, None]:
        """The part's `tag` elements ('w:p') as each ends, without building the whole tree
        first: for a look at the start of a long document. Stop early, or clear as you go."""
        self.refuse_dtd(member)
        try:
            with self.zf.open(member) as fh:
                for _, el in etree.iterparse(fh, events=("end",), tag=qn(tag), resolve_entities=False,
                                             no_network=True, huge_tree=True):
                    yield el
        except etree.XMLSyntaxError as exc:
            raise _corrupt(self.path, member, exc) from None
        except _ZIP_ERRORS as exc:
            raise _corrupt(self.path, member, exc) from None

    def leading_paragraphs(self, limit: int) -> list[etree._Element]:
        """The main document's first `limit` paragraphs (table cells' included, in the order
        they end), reading no further into the part than they reach."""
        out: list[etree._Element] = []
        with contextlib.closing(self.stream(self.main, "w:p")) as paragraphs:
            for p in paragraphs:
                if len(out) >= limit:
                    break
                out.append(p)
        return out

    # -- relationships ---------------------------------------------------------------------

    def rels(self, source: str) -> dict[str, Rel]:
        """rId → relationship of part `source` ('' for the package itself)."""
        if source not in self._rels:
            folder, name = posixpath.split(source)
            rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
            out: dict[str, Rel] = {}
            if rels_name in self.names:
                for rel in self.xml(rels_name).iter(qn("pr:Relationship")):
                    target = rel.get("Target") or ""
                    external = rel.get("TargetMode") == "External"
                    if not external:
                        target = target.lstrip("/") if target.startswith("/") else \
                            posixpath.normpath(posixpath.join(folder, target))
                    out[rel.get("Id") or ""] = Rel(rel.get("Type") or "", target, external)
            self._rels[source] = out
        return self._rels[source]

    def target(self, rid: str, source: str | None = None) -> str | None:
        """The part relationship `rid` of `source` (the main document by default) points to,
        None when there is no such relationship or part."""
        rel = self.rels(self.main if source is None else source).get(rid)
        return rel.target if rel is not None and not rel.external and rel.target in self.names else None

    def related(self, reltype: str, source: str | None = None) -> list[tuple[str, str]]:
        """(rId, part) of each internal relationship of type `reltype` whose part exists."""
        rels = self.rels(self.main if source is None else source)
        return [(rid, r.target) for rid, r in rels.items()
                if r.type == reltype and not r.external and r.target in self.names]

    def related_xml(self, reltype: str) -> etree._Element | None:
        """The first part of type `reltype` the main document relates to (styles, theme …), parsed."""
        found = self.related(reltype)
        return self.xml(found[0][1]) if found else None

    @property
    def body(self) -> etree._Element:
        body = self.xml(self.main).find(w("body"))
        if body is None:
            raise _corrupt(self.path, self.main, "không có w:body")
        return body

    def _root_tag(self, member: str) -> str:
        self.refuse_dtd(member)
        try:
            with self.zf.open(member) as fh:
                for _, el in etree.iterparse(fh, events=("start",), resolve_entities=False, no_network=True):
                    return str(el.tag)
        except (etree.XMLSyntaxError, *_ZIP_ERRORS) as exc:
            raise _corrupt(self.path, member, exc) from None
        return ""

    def _main_part(self) -> str:
        candidates = [rel.target for rel in (self.rels("").values() if "_rels/.rels" in self.names else ())
                      if rel.type == RT_OFFICE_DOCUMENT and not rel.external]
        for member in [*candidates, MAIN_PART]:
            if member in self.names and self._root_tag(member) == w("document"):
                return member
        name = self.path.name
        if "xl/workbook.xml" in self.names:
            raise CchcError(f"Tệp {name} là sổ Excel, không phải văn bản Word. Hãy chọn tệp .docx của văn bản.")
        if "ppt/presentation.xml" in self.names:
            raise CchcError(f"Tệp {name} là tệp PowerPoint, không phải văn bản Word .docx.")
        raise CchcError(f"Tệp {name} không phải văn bản Word .docx (thiếu phần {MAIN_PART}).")


# -- opening -------------------------------------------------------------------------------


def check_head(path: Path) -> None:
    """Refuse, by its first bytes, a file that is not a zip package: a missing or empty file,
    an old .doc or encrypted file, RTF, PDF, or something renamed to .docx."""
    name = path.name
    head = file_head(path, "văn bản Word .docx", "Kiểm tra lại đường dẫn tới văn bản Word (.docx).", _COPY_HINT)
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix in (".doc", ".dot"):
            raise CchcError(
                f"Tệp {name} là định dạng Word 97-2003 (.doc). Mở tệp bằng Word, chọn File › Save As › "
                "Word Document (*.docx), rồi chạy lại với tệp .docx."
            )
        raise CchcError(
            f"Tệp {name} được đặt mật khẩu (mã hóa) hoặc là định dạng Word 97-2003 (.doc). "
            "Hãy bỏ mật khẩu và lưu lại dạng Word Document (*.docx)."
        )
    if head.startswith(b"{\\rtf"):
        raise CchcError(f"Tệp {name} là định dạng RTF. Mở tệp bằng Word và lưu dạng Word Document (*.docx).")
    if head.startswith(b"%PDF"):
        raise CchcError(
            f"Tệp {name} là tệp PDF. Chương trình chỉ đọc văn bản Word .docx; hãy dùng bản Word của văn bản."
        )
    if not head.startswith(b"PK"):
        if suffix == ".docx":
            raise CchcError(f"Tệp {name} có đuôi .docx nhưng nội dung không phải văn bản Word (tệp hỏng hoặc "
                            f"bị đổi tên). {_COPY_HINT}")
        raise CchcError(f"Tệp {name} không phải văn bản Word .docx. Chương trình chỉ đọc tệp .docx.")


def open_docx(path: Path) -> Package:
    """Check `path` and open it as a package; the caller closes it (use `with`)."""
    path = Path(path)
    check_head(path)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except _ZIP_ERRORS as exc:
        raise CchcError(f"Tệp {path.name} bị hỏng hoặc bị cắt dở ({exc}). {_COPY_HINT}") from None
    try:
        pkg = _checked(path, zf, infos)
    except BaseException:
        zf.close()
        raise
    return pkg


def _checked(path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Package:
    # The sizes the zip declares bound what reading can produce (zipfile stops there); a
    # few MB of XML per 10,000 rows, so gigabytes mean a zip bomb, not a document.
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        raise CchcError(f"Tệp {path.name} giải nén ra quá lớn ({unpacked // 2**20} MB, giới hạn "
                        f"{MAX_UNPACKED_BYTES // 2**20} MB); không phải một văn bản Word thông thường nên "
                        "chương trình không đọc.")
    pkg = Package(path, zf)
    for info in infos:
        if _XML_MEMBER.search(info.filename) and not info.is_dir():
            pkg.refuse_dtd(info.filename)
    return pkg
