"""What every input file gets before its format is looked at: it exists, is a file, is not
empty. Each failure is a Vietnamese message naming the path; the caller then tells the
format by the first bytes, not by the name. Also the refusal both package readers (.xlsx,
.docx) give a part that declares a DTD."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CchcError
from pipeline.oserrors import shown


def file_head(path: Path, what: str, where_hint: str, copy_hint: str) -> bytes:
    """The checks every input file gets (exists, not a folder, not empty); returns its
    first bytes so the caller can tell the format by content, not by name."""
    if not path.exists():
        raise CchcError(f"Không tìm thấy tệp {path}. {where_hint}")
    if path.is_dir():
        raise CchcError(f"{path} là một thư mục, không phải {what}.")
    if path.stat().st_size == 0:
        raise CchcError(f"Tệp {path.name} rỗng (0 byte). {copy_hint}")
    with path.open("rb") as fh:
        return fh.read(8)


def xml_bomb(path: Path, member: str, app: str, suffix: str) -> CchcError:
    """A part declaring a DTD or entities: what Word and Excel never write, and how a file is
    made to hang a reader ('billion laughs'); refused before anything is expanded."""
    return CchcError(
        f"Tệp {shown(path.name)} bị từ chối: phần {member} có khai báo DTD/thực thể XML (kiểu 'XML bomb'), "
        f"điều {app} không bao giờ ghi. Tệp có thể đã bị sửa để làm treo máy; chương trình không mở. "
        f"Hãy mở bản gốc bằng {app} và lưu lại dạng {suffix}."
    )
