"""What every input file gets before its format is looked at: it exists, is a file, is not
empty. Each failure is a Vietnamese message naming the path; the caller then tells the
format by the first bytes, not by the name."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import CchcError


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
