"""What a form row says, as values both sides of the round trip share.

A row's content is a tuple of plain strings, so a form as written, a form as read back
and the workbook's TienDo (or, for the figures sheet, SoLieuDonVi) compare (and hash)
alike; the fingerprint of those tuples tells an untouched form from a filled one. The
small formatting pieces the writer, the reader and the collector all need (dates,
status labels, the period phrase, the entry cells of a row) live here too, so none of
them imports another for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pipeline.formatting import period_phrase as _phrase
from pipeline.formatting import short_date as _short_date
from pipeline.model import Plan, Status, StatusEntry, Unit
from pipeline.schema import STATUS_WORDS
from pipeline.text import strip_accents

DATE_FORMAT = "dd/mm/yyyy"

Content = tuple[str, str, str, str, str, str, str, str]


def content(task: str, status: Status | str | None, percent: float | None, result: str, evidence: str,
            done_on: dt.date | None, issues: str, note: str) -> Content:
    """One row as plain strings, so a form and the workbook compare (and hash) alike; a
    status is its key ("xong"), or the text as typed when it is no known status."""
    pct = "" if percent is None else f"{float(percent):.6g}"
    key = status.value if isinstance(status, Status) else status or ""
    return (task, key, pct, result, evidence, done_on.isoformat() if done_on else "", issues, note)


@dataclass
class Entry:
    """One row of a returned form that carries a status (and, for the checks, what was typed)."""

    task: str
    status: Status
    percent: float | None
    result: str
    evidence: str
    done_on: dt.date | None
    issues: str
    note: str
    row: int = 0
    typed_status: str = ""  # the Trạng thái cell as typed ("Đang triển khai")
    typed_percent: object = None  # the Tỷ lệ cell as read ("100%", 0.5, 100)

    def content(self) -> Content:
        return content(self.task, self.status, self.percent, self.result, self.evidence, self.done_on,
                       self.issues, self.note)


def entry_content(e: StatusEntry) -> Content:
    return content(e.task, e.status, e.percent, e.result, e.evidence, e.done_on, e.issues, e.note)


# A unit's figure for one indicator (the form's second sheet, SoLieu): (code, value, note).
FigureContent = tuple[str, str, str]


def figure_content(code: str, value: float | None, note: str) -> FigureContent:
    return (code, "" if value is None else f"{float(value):.10g}", note)


def fingerprint(report_date: dt.date | None, rows: Iterable[tuple[str, ...]]) -> str:
    payload = json.dumps([report_date.isoformat() if report_date else "", [list(r) for r in rows]],
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:40]


class EntryLike(Protocol):
    """An entry of the workbook (model.StatusEntry) or of a returned form (read.Entry)."""

    @property
    def status(self) -> Status: ...
    @property
    def percent(self) -> float | None: ...
    @property
    def result(self) -> str: ...
    @property
    def evidence(self) -> str: ...
    @property
    def done_on(self) -> dt.date | None: ...
    @property
    def issues(self) -> str: ...
    @property
    def note(self) -> str: ...


def entry_cells(e: EntryLike) -> dict[str, object]:
    """Entry column key → the cell's value, as forms and TienDo show it (the status by its label)."""
    return {"status": status_label(e.status), "percent": e.percent, "result": e.result, "evidence": e.evidence,
            "done_on": e.done_on, "issues": e.issues, "note": e.note}


def status_label(status: Status) -> str:
    return STATUS_WORDS[status].label


def short_date(d: dt.date | None) -> str:
    """The project's one date rule (Nghị định 30: 05/9/<năm>, 10/01/<năm>); '' for no date."""
    return _short_date(d) if d else ""


def unit_stem(unit: Unit) -> str:
    """The unit's part of a form's file name: its code, without accents or unsafe characters."""
    return re.sub(r"[^\w.-]+", "_", strip_accents(unit.code)).strip("._") or f"don_vi_{unit.row}"


def form_filename(unit: Unit, quy: int, year: int) -> str:
    """'Phieu_Q3_<năm>_<mã>.xlsx': the period and year in the name, so forms of different
    periods never mix in a folder or a mailbox (collect still identifies a form by its
    hidden _cchc sheet, never by its name)."""
    return f"Phieu_Q{quy}_{year}_{unit_stem(unit)}.xlsx"


def period_phrase(plan: Plan, quy: int) -> str:
    return _phrase(plan.periods[quy].name, plan.year)
