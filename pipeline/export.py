"""Stage 7: put files on disk without losing anything.

Outputs are written to a temporary file in the destination folder and renamed into
place, so a failure midway leaves the previous file intact; a file open in Word or
Excel (its ~$ lock file exists) is refused with a message instead of overwritten.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import CchcError
from pipeline.ooxml import package, text


def lock_files(path: Path) -> list[Path]:
    """Office's owner files: '~$' + name, or '~$' + name minus its first two characters
    (Word does that for longer names)."""
    candidates = {path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:])}
    return [p for p in candidates if p.exists()]


def ensure_not_open(path: Path, app: str = "Word") -> None:
    if lock_files(path):
        raise CchcError(
            f"Tệp {path.name} đang mở trong {app} (có tệp khóa ~$ bên cạnh). "
            f"Hãy đóng tệp trong {app} rồi chạy lại; tệp cũ được giữ nguyên."
        )


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside `path`; on success it replaces `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix + ".tmp", dir=path.parent)
    # mkstemp makes the file private (0600); an output on a shared folder must be readable
    # by colleagues as any file the clerk saves would be.
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~_umask())
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError:
        _discard(tmp)
        raise CchcError(
            f"Không ghi được {path}: tệp đang được chương trình khác mở hoặc thư mục không cho phép ghi."
        ) from None
    except BaseException:
        _discard(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def write_atomic(path: Path, writer: Callable[[BinaryIO], None], app: str = "Word") -> Path:
    ensure_not_open(path, app)
    with atomic_output(path) as fh:
        writer(fh)
    return path


def backup(path: Path, folder: Path | None = None, stamp: datetime | None = None) -> Path:
    """Copy `path` to `<folder>/<stem>-YYYYmmdd-HHMMSS<suffix>` before it is changed."""
    folder = folder or path.parent / "backup"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = stamp or datetime.now()
    target = folder / f"{path.stem}-{stamp:%Y%m%d-%H%M%S}{path.suffix}"
    n = 1
    while target.exists():
        target = folder / f"{path.stem}-{stamp:%Y%m%d-%H%M%S}-{n}{path.suffix}"
        n += 1
    shutil.copy2(path, target)
    return target


_ISSUED = re.compile(r"Số\s*:\s*\d")
_HEADER_PARAGRAPHS = 200  # the number sits in the header block, among the first paragraphs


def is_issued(path: Path) -> bool:
    """Whether an existing .docx shows a filled-in "Số: 05/…" (a draft shows blanks), read
    as a reader sees the paragraph however Word split it into runs. A file that cannot be
    read as a .docx is not an issued document."""
    try:
        with package.open_docx(path) as pkg:
            header = pkg.leading_paragraphs(_HEADER_PARAGRAPHS)
            return any(_ISSUED.search(unicodedata.normalize("NFC", text.paragraph_text(p))) for p in header)
    except (CchcError, OSError):
        return False


def guard_issued(path: Path, force: bool) -> Path | None:
    """A document whose file carries its số has been signed: the file must keep matching
    the paper. Replacing it needs `force`, and the previous file is kept in backup/;
    a draft (blank số) is replaced freely. Returns the backup made, if any."""
    if not path.exists() or not is_issued(path):
        return None
    if not force:
        raise CchcError(
            f"{path.name} đã có số văn bản (đã ban hành); không ghi đè để tệp luôn khớp với bản đã ký. "
            "Nếu thật sự cần sinh lại, chạy lại với --force (bản cũ sẽ được lưu trong thư mục backup/)."
        )
    ensure_not_open(path)
    return backup(path)
