"""The workbook as a package: is it a readable .xlsx at all, and is every XML part in it
free of DTDs (entity declarations: the "billion laughs" bomb)? Parts are checked by
content, not by name, with parsers that refuse DTDs and never expand entities."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import Any

from pipeline.errors import CchcError
from pipeline.files import file_head, xml_bomb
from pipeline.oserrors import shown
from pipeline.schema import MAX_UNPACKED_BYTES

ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError)


def check_file(path: Path) -> None:
    """Refuse anything that is not a readable .xlsx, with a message a clerk understands."""
    name = shown(path.name)
    head = file_head(path, "tệp Excel .xlsx", "Kiểm tra lại đường dẫn (tùy chọn --data).",
                     "Hãy lấy lại bản sao lưu của sổ Excel.")
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix == ".xls":
            raise CchcError(
                f"Tệp {name} là định dạng Excel 97-2003 (.xls). Mở tệp bằng Excel và "
                "chọn File › Save As › Excel Workbook (*.xlsx), rồi chạy lại."
            )
        raise CchcError(
            f"Tệp {name} được đặt mật khẩu (mã hóa) hoặc là định dạng .xls cũ. "
            "Hãy bỏ mật khẩu (File › Info › Protect Workbook) và lưu dạng .xlsx."
        )
    if suffix == ".csv" or (suffix not in (".xlsx", ".xlsm", ".xls") and not head.startswith(b"PK")):
        raise CchcError(
            f"Tệp {name} không phải sổ Excel .xlsx. Chương trình chỉ đọc tệp .xlsx "
            "(mở tệp bằng Excel và lưu dạng Excel Workbook)."
        )
    if not head.startswith(b"PK"):
        raise CchcError(f"Tệp {name} không phải sổ Excel .xlsx hợp lệ (nội dung không đúng định dạng).")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CchcError(f"Tệp {name} bị hỏng hoặc bị cắt dở ({exc}). Hãy lấy lại bản sao lưu.") from None
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise CchcError(f"Tệp {name} là văn bản Word (.docx), không phải sổ Excel .xlsx.")
        if "content.xml" in names or "mimetype" in names:
            raise CchcError(f"Tệp {name} là bảng tính OpenDocument (.ods). Mở tệp và lưu dạng Excel Workbook (.xlsx).")
        raise CchcError(f"Tệp {name} bị hỏng: thiếu phần xl/workbook.xml (không phải sổ Excel).")
    # A few MB of XML per 10,000 rows; gigabytes mean a zip bomb, not a plan.
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise CchcError(f"Tệp {name} giải nén ra quá lớn (trên {MAX_UNPACKED_BYTES // 2**20} MB); "
                        "đây không phải sổ kế hoạch bình thường nên chương trình không mở.")


def corrupt(path: Path, member: str, exc: object) -> CchcError:
    return CchcError(f"Tệp {shown(path.name)} bị hỏng (phần {member} không đọc được: {exc}). Hãy lấy lại bản sao lưu.")


def _looks_like_xml(zf: zipfile.ZipFile, member: str) -> bool:
    """Whether a part is XML by its first bytes, whatever its name says."""
    with zf.open(member) as fh:
        head = fh.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def _refuse_dtd(zf: zipfile.ZipFile, path: Path, member: str) -> None:
    """Parse the part just up to its root element: a DOCTYPE (entity declarations) must come before it."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        with zf.open(member) as fh:
            for _ in iterparse(fh, events=("start",), forbid_dtd=True):
                break
    except DefusedXmlException:
        raise xml_bomb(path, member, "Excel", ".xlsx") from None
    except ParseError:
        # Ill-formed before its root: no DTD was read, so nothing can expand. Whether the part
        # matters (a sheet) or not (docProps/core.xml) is for its reader to say.
        return
    except ZIP_ERRORS as exc:
        raise corrupt(path, member, exc) from None


def parse_small(zf: zipfile.ZipFile, path: Path, member: str) -> Any:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(zf.read(member), forbid_dtd=True)
    except DefusedXmlException:
        raise xml_bomb(path, member, "Excel", ".xlsx") from None
    except (ParseError, *ZIP_ERRORS) as exc:
        raise corrupt(path, member, exc) from None


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def sheet_parts(zf: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """Sheet name → its XML part, from xl/workbook.xml and its relationships."""
    book = parse_small(zf, path, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in zf.namelist():
        for rel in parse_small(zf, path, rels_name):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id") or ""] = member
    parts: dict[str, str] = {}
    for el in book.iter():
        if local(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if local(k) == "id"), "")
            if rid in targets:
                parts[el.get("name") or ""] = targets[rid]
    return parts


def inspect_package(path: Path) -> dict[str, str]:
    """Refuse DTDs in every XML part (found by content, so a sheet part named .bin is checked
    too); return sheet name → part. Call after `check_file`."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                if _looks_like_xml(zf, info.filename):
                    _refuse_dtd(zf, path, info.filename)
            return sheet_parts(zf, path)
    except ZIP_ERRORS as exc:
        raise CchcError(f"Tệp {shown(path.name)} bị hỏng hoặc bị cắt dở ({exc}). Hãy lấy lại bản sao lưu.") from None


def defined_names(path: Path) -> dict[str, str]:
    """Workbook-level defined names → what they refer to (xl/workbook.xml)."""
    try:
        with zipfile.ZipFile(path) as zf:
            book = parse_small(zf, path, "xl/workbook.xml")
    except ZIP_ERRORS as exc:
        raise corrupt(path, "xl/workbook.xml", exc) from None
    return {el.get("name") or "": el.text or "" for el in book.iter() if local(el.tag) == "definedName"}
