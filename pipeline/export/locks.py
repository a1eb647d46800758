"""Who else has a file: Word, Excel or LibreOffice holding it open, or another cchc command
editing the workbook.

Office marks an open file with an owner file ('~$' + name) and LibreOffice with
'.~lock.' + name + '#'; a file so marked is never written. A command that edits the
workbook holds a cross-process lock (a lock file beside it, `filelock`, which works on
Windows too), so two `collect` runs cannot each read the old workbook and write over the
other's forms: the second waits a few seconds, then stops with a message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from pipeline.errors import CchcError
from pipeline.oserrors import message, shown

LOCK_WAIT = 10.0  # seconds a second command waits for the first to finish


def lock_files(path: Path) -> list[Path]:
    """Office's owner files ('~$' + name, or '~$' + name minus its first two characters, as
    Word does for longer names) and LibreOffice's lock file."""
    candidates = {path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:]),
                  path.with_name(f".~lock.{path.name}#")}
    return [p for p in candidates if p.exists()]


def ensure_not_open(path: Path, app: str = "Word") -> None:
    locks = lock_files(path)
    if locks:
        who = "LibreOffice" if all(p.name.startswith(".~lock.") for p in locks) else app
        raise CchcError(
            f"Tệp {shown(path.name)} đang mở trong {who} (có tệp khóa {shown(locks[0].name)} bên cạnh). "
            f"Hãy đóng tệp trong {who} rồi chạy lại; tệp cũ được giữ nguyên."
        )


def lock_path(workbook: Path) -> Path:
    return workbook.with_name(f".{workbook.name}.cchc-lock")


@contextlib.contextmanager
def workbook_lock(workbook: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the workbook's edit lock for the whole read → decide → write of a command."""
    wait = LOCK_WAIT if wait is None else wait
    target = Path(workbook).resolve()
    lock = FileLock(str(lock_path(target)), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise CchcError(
            f"Sổ {shown(target.name)} đang được một lệnh cchc khác cập nhật (đã chờ {wait:g} giây). Hãy đợi lệnh đó "
            "chạy xong rồi chạy lại; sổ chưa bị thay đổi.") from None
    except OSError as exc:
        raise CchcError(message(exc, lock_path(target), "tạo tệp khóa")) from None
    try:
        yield
    finally:
        lock.release()
