"""The record of the last collects, kept beside the workbook's backups, so that
`cchc collect --undo` can put the workbook back exactly as it was.

Each collect that writes the workbook adds one entry to `backup/<sổ>-nhap-phieu.json`
in the same step as the workbook itself (`export.update_workbook(also=…)`): when it
ran, which backup holds the workbook as it was, the digests of the workbook before and
after, and the forms it took. Undoing restores that backup's bytes, but only while the
workbook is still exactly what the collect wrote: a workbook changed since (by hand, or
by another command) is never overwritten, the clerk is told where the backup is. The
restore itself keeps a backup of what it replaces, and marks the entry undone; the next
undo then goes one collect further back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.errors import CchcError
from pipeline.export import shown, target_of, update_workbook

KEPT = 20  # entries kept in the journal
STATUS, ASSESSMENT = "tien_do", "danh_gia"  # the two kinds of forms collected


@dataclass(frozen=True)
class TakenForm:
    file: str
    unit: str
    report_date: str  # ISO date


@dataclass
class Record:
    kind: str  # STATUS | ASSESSMENT
    period: int  # 0 for the year's self-assessment
    period_phrase: str  # "quý III năm <năm>", "năm <năm>"
    at: str  # ISO time of the collect
    backup: str  # the backup's file name, in the backup folder
    before: str  # sha256 of the workbook before the collect (the backup's bytes)
    after: str  # sha256 of the workbook the collect wrote
    forms: list[TakenForm] = field(default_factory=list)
    undone: str = ""  # ISO time of the undo, once undone

    @property
    def time(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.at)


def digest(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def journal_path(workbook: Path) -> Path:
    target = target_of(workbook)
    return target.parent / "backup" / f"{target.stem}-nhap-phieu.json"


def entries(workbook: Path) -> list[Record]:
    """The journal's entries, oldest first; [] without a journal."""
    path = journal_path(workbook)
    if not path.is_file():  # none yet (or backup/ is no folder: the backup itself says so)
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [Record(**{**e, "forms": [TakenForm(**f) for f in e.get("forms", [])]}) for e in raw["entries"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CchcError(f"Không đọc được nhật ký nhập phiếu {shown(path)} ({exc}); sổ giữ nguyên. Các bản sao lưu "
                        f"vẫn ở {shown(path.parent)}.") from None


def _dump(items: Sequence[Record]) -> bytes:
    payload = {"note": "Nhật ký các lần cchc collect ghi sổ, để cchc collect --undo hoàn tác. Không sửa tay.",
               "entries": [asdict(e) for e in items[-KEPT:]]}
    return json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8")


def write_recorded(workbook: Path, payload: bytes, now: dt.datetime, kind: str, period: int, phrase: str,
                   forms: Sequence[TakenForm]) -> Path:
    """`update_workbook` with this collect added to the journal, both replaced together; returns the backup."""
    before = digest(Path(workbook).read_bytes())
    known = entries(workbook)

    def journal(copy: Path) -> list[tuple[Path, bytes]]:
        entry = Record(kind, period, phrase, now.isoformat(), copy.name, before, digest(payload), list(forms))
        return [(journal_path(workbook), _dump([*known, entry]))]

    return update_workbook(workbook, payload, stamp=now, also=journal)


@dataclass(frozen=True)
class Undo:
    """What undoing the last collect restores."""

    entry: Record
    backup: Path
    all_entries: list[Record]


def last_collect(workbook: Path) -> Undo:
    """The last collect not undone, checked restorable; CchcError saying why not (no collect
    recorded, its backup gone or changed, the workbook changed since)."""
    items = entries(workbook)
    todo = [e for e in items if not e.undone]
    folder = journal_path(workbook).parent
    if not todo:
        raise CchcError(f"Không có lần nhập phiếu nào để hoàn tác (nhật ký {shown(journal_path(workbook))} "
                        + ("không còn lần nào chưa hoàn tác" if items else "chưa có") + "); sổ giữ nguyên.")
    entry = todo[-1]
    copy = folder / entry.backup
    when = entry.time.strftime("%d/%m/%Y %H:%M:%S")
    if not copy.is_file() or digest(copy.read_bytes()) != entry.before:
        raise CchcError(f"Không hoàn tác được lần nhập phiếu lúc {when}: bản sao lưu {shown(copy)} không còn hoặc đã "
                        "bị thay đổi; sổ giữ nguyên.")
    if digest(Path(workbook).read_bytes()) != entry.after:
        raise CchcError(
            f"Không hoàn tác lần nhập phiếu lúc {when}: sổ {shown(Path(workbook).name)} đã thay đổi sau lần nhập đó "
            "(sửa tay hoặc lệnh khác), hoàn tác sẽ làm mất các thay đổi ấy. Sổ giữ nguyên. Bản sao lưu trước lần "
            f"nhập là {shown(copy)}: nếu chắc chắn muốn quay lại, đóng Excel rồi chép tệp đó đè lên sổ.")
    return Undo(entry, copy, items)


def restore(workbook: Path, undo: Undo, now: dt.datetime) -> Path:
    """Put the backup's bytes back (the workbook as the collect found it), keeping a backup of
    what is replaced, and mark the entry undone; returns that new backup."""
    undo.entry.undone = now.isoformat()
    journal = _dump(undo.all_entries)
    return update_workbook(workbook, undo.backup.read_bytes(), stamp=now,
                           also=lambda _copy: [(journal_path(workbook), journal)])
