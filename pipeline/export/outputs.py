"""Putting a command's files on disk together, or not at all.

Every output is first written whole to a temporary file beside its target (a short
name, `.cchc-XXXXXXXX.tmp`, so a long output name still fits), then all the targets
are replaced together once every one of them is complete: a failure or a kill while
writing leaves every previous file as it was, and a failure while replacing puts back
what was already replaced. Before anything is written each target is checked: it
carries the extension of what is written, it is none of the command's inputs (the
workbook, a template, a form being collected), no Word, Excel or LibreOffice holds it,
and, for an issued document, `--force` was given (the old file then goes to backup/).
Symlinks are followed: the real file is updated and the link kept. Temporary files an
earlier, killed run left behind are removed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from filelock import FileLock, Timeout

from pipeline.errors import CchcError
from pipeline.export.issued import is_issued, issued_refusal
from pipeline.export.locks import ensure_not_open
from pipeline.oserrors import message, reporting, shown

TMP_PREFIX = ".cchc-"
STALE_AFTER = 3600  # seconds: a temporary file this old belongs to a run that was killed
COMMIT_WAIT = 60.0  # seconds: replacing files takes milliseconds; a long wait means a stuck run
# Temporary names of this and of earlier versions (".<stem>-XXXXXXXX<suffix>.tmp").
_LEFTOVER = re.compile(r"^(?:\.cchc-[\w-]+\.(?:tmp|old)|\..+-[\w]{8}\.\w+\.tmp)$")
_KINDS = {".docx": "văn bản Word", ".xlsx": "sổ Excel", ".xlsm": "sổ Excel", ".pdf": "tệp PDF"}


def target_of(path: Path) -> Path:
    """The file a write lands in: an absolute path, symlinks followed."""
    return Path(os.path.abspath(path)).resolve()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _ensure_folder(folder: Path) -> None:
    """Create `folder`, with a message when a file stands where a folder should be."""
    for parent in (folder, *folder.parents):
        if parent.exists():
            if not parent.is_dir():
                raise CchcError(f"Không tạo được thư mục {shown(folder)}: {shown(parent)} là một tệp, không phải thư "
                                "mục. Hãy chọn đường dẫn khác (-o).")
            break
    with reporting(folder, "tạo thư mục"):
        folder.mkdir(parents=True, exist_ok=True)


def clean_leftovers(folder: Path, now: float | None = None) -> None:
    """Remove temporary files a killed run left in `folder` (only old ones: a newer one may
    belong to a command running now)."""
    limit = (now or time.time()) - STALE_AFTER
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if _LEFTOVER.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)


def backup(path: Path, folder: Path | None = None, stamp: datetime | None = None) -> Path:
    """Copy `path`, byte for byte, to `<folder>/<stem>-YYYYmmdd-HHMMSS<suffix>` before it changes."""
    path = target_of(path)
    folder = folder or path.parent / "backup"
    if folder.exists() and not folder.is_dir():
        raise CchcError(f"Không sao lưu được {shown(path.name)}: {shown(folder)} là một tệp, không phải thư mục. Hãy "
                        "đổi tên tệp đó rồi chạy lại; chưa có gì bị ghi.")
    _ensure_folder(folder)
    stamp = stamp or datetime.now()
    target = folder / f"{path.stem}-{stamp:%Y%m%d-%H%M%S}{path.suffix}"
    n = 1
    while target.exists():
        target = folder / f"{path.stem}-{stamp:%Y%m%d-%H%M%S}-{n}{path.suffix}"
        n += 1
    with reporting(target, "sao lưu vào"):
        shutil.copy2(path, target)
    return target


@dataclass
class _Staged:
    shown: Path  # the path as the clerk named it
    target: Path  # where it lands
    tmp: Path
    backup: bool  # an issued document replaced with --force


class OutputSet:
    """The files one command writes, staged one by one and put in place together on `commit`.

        with OutputSet(inputs=[workbook, template], force=force) as out:
            out.add(docx_path, write_docx, ".docx", issued=True)
            out.add(figures_path, write_xlsx, ".xlsx", app="Excel")
        out.written  # the paths, once all are in place
    """

    def __init__(self, inputs: Iterable[Path] = (), force: bool = False):
        self.inputs = {target_of(p) for p in inputs}
        self.force = force
        self.staged: list[_Staged] = []
        self.written: list[Path] = []

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def check(self, path: Path, suffix: str, app: str = "Word", issued: bool = False,
              signed: bool = False) -> tuple[Path, bool]:
        """Refuse a target before anything is written; returns where it lands and whether it
        is an issued document to back up (with --force) before it is replaced. `issued`: the
        target counts as issued when it reads so (a .docx with its số); `signed`: it does
        whatever it holds (the PDF of an issued document)."""
        with reporting(path, "ghi"):  # a path the OS cannot even look at (too long …)
            return self._check(Path(path), suffix, app, issued, signed)

    def _check(self, path: Path, suffix: str, app: str, issued: bool, signed: bool = False) -> tuple[Path, bool]:
        kind = _KINDS.get(suffix, suffix)
        if path.suffix.lower() != suffix:
            raise CchcError(f"Tệp kết quả {shown(path)} phải có đuôi {suffix} ({kind}); chưa ghi tệp nào.")
        target = target_of(path)
        if target in self.inputs or any(_same_file(target, i) for i in self.inputs):
            raise CchcError(f"Không ghi {kind} vào {shown(path)}: đó là tệp lệnh này đang đọc (sổ Excel, mẫu hoặc "
                            "phiếu). Hãy chọn tên tệp khác (-o); chưa ghi tệp nào.")
        if any(s.target == target for s in self.staged):
            raise CchcError(f"Hai tệp kết quả cùng ghi vào {shown(path)}; chưa ghi tệp nào.")
        if target.is_dir():
            raise CchcError(f"{shown(path)} là một thư mục; hãy ghi đường dẫn tệp {suffix} cần ghi (-o).")
        ensure_not_open(target, app)
        signed = target.exists() and (signed or (issued and is_issued(target)))
        if signed and not self.force:
            raise CchcError(issued_refusal(path))
        return target, signed

    def add(self, path: Path, writer: Callable[[BinaryIO], None], suffix: str, app: str = "Word",
            issued: bool = False, signed: bool = False) -> Path:
        """Check `path` and write it whole to a temporary file beside it; returns that file."""
        target, signed = self.check(path, suffix, app, issued, signed)
        _ensure_folder(target.parent)
        clean_leftovers(target.parent)
        with reporting(target, "ghi"):
            fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=target.parent)
        tmp = Path(name)
        self.staged.append(_Staged(Path(path), target, tmp, signed))
        with contextlib.suppress(OSError):  # a shared folder's file is readable by colleagues, as Word's are
            os.chmod(tmp, 0o666 & ~_umask())
        with reporting(target, "ghi"), os.fdopen(fd, "wb") as fh:
            writer(fh)
            fh.flush()
            os.fsync(fh.fileno())
        return tmp

    def discard(self) -> None:
        for s in self.staged:
            with contextlib.suppress(OSError):
                s.tmp.unlink()
        self.staged = []

    def commit(self) -> list[Path]:
        """Replace every target at once; on a failure, put back those already replaced."""
        if not self.staged:
            return self.written
        with _commit_lock(self.staged[0].target, [s.shown for s in self.staged]):
            for s in self.staged:
                if s.backup:
                    backup(s.target)
            done: list[tuple[_Staged, Path | None]] = []
            try:
                for s in self.staged:
                    aside = _keep_aside(s.target)
                    os.replace(s.tmp, s.target)
                    done.append((s, aside))
            except OSError as exc:
                for s, aside in reversed(done):
                    with contextlib.suppress(OSError):
                        if aside:
                            os.replace(aside, s.target)
                        else:
                            os.unlink(s.target)
                self.discard()
                raise CchcError(message(exc, exc.filename or "", "ghi") + " Chưa tệp nào bị thay.") from None
            for _, aside in done:
                if aside:
                    with contextlib.suppress(OSError):
                        aside.unlink()
        self.written = [s.shown for s in self.staged]
        self.staged = []
        return self.written


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _keep_aside(target: Path) -> Path | None:
    """A second name for the file about to be replaced, to put it back if a later one fails."""
    if not target.exists():
        return None
    aside = target.with_name(f"{TMP_PREFIX}{os.getpid()}-{time.monotonic_ns() % 10**8}.old")
    try:
        os.link(target, aside)  # no copy: the old content stays reachable under the second name
    except OSError:
        shutil.copy2(target, aside)
    return aside


@contextlib.contextmanager
def _commit_lock(target: Path, names: list[Path]) -> Iterator[None]:
    """Two commands replacing the same files take turns, so the files of one never mix with
    the other's. The lock lives in the system's temp folder: nothing is left beside the outputs."""
    key = hashlib.sha1(str(target.parent).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    lock = FileLock(os.path.join(tempfile.gettempdir(), f"cchc-{key}.lock"), timeout=COMMIT_WAIT)
    try:
        lock.acquire()
    except Timeout:
        raise CchcError(f"Một lệnh cchc khác đang ghi {', '.join(shown(n) for n in names)} (đã chờ "
                        f"{COMMIT_WAIT:g} giây); chưa tệp nào bị thay. Hãy chạy lại sau.") from None
    except OSError as exc:
        raise CchcError(message(exc, tempfile.gettempdir(), "tạo tệp khóa")) from None
    try:
        yield
    finally:
        lock.release()


def write_atomic(path: Path, writer: Callable[[BinaryIO], None], app: str = "Word",
                 inputs: Iterable[Path] = ()) -> Path:
    """One output, written whole or not at all (see OutputSet)."""
    with OutputSet(inputs) as out:
        out.add(path, writer, Path(path).suffix.lower() or ".tmp", app)
    return Path(path)


@contextlib.contextmanager
def staged(inputs: Iterable[Path] = (), force: bool = False) -> Iterator[OutputSet]:
    """`with staged(inputs=…, force=…) as out:` — an OutputSet committed on leaving."""
    with OutputSet(inputs, force) as out:
        yield out


def _write_all(fh: BinaryIO, payload: bytes) -> None:
    fh.write(payload)


def update_workbook(path: Path, payload: bytes, stamp: datetime | None = None,
                    also: Callable[[Path], Iterable[tuple[Path, bytes]]] | None = None) -> Path:
    """Replace the workbook's content by `payload`, after a byte-identical backup; returns the
    backup. `also(backup)` names other files (path, content) replaced together with the
    workbook, all or none (collect's journal, which records the backup). The caller holds
    `workbook_lock`."""
    target = target_of(path)
    copy = backup(target, stamp=stamp)
    with OutputSet() as out:
        out.add(target, lambda fh: _write_all(fh, payload), target.suffix.lower(), app="Excel")
        for other, content in (also(copy) if also else ()):
            out.add(other, functools.partial(_write_all, payload=content), other.suffix.lower(), app="")
    return copy
