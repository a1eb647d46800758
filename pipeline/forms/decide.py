"""Deciding what the returned forms change: per unit, per task, for one period.

Nothing here touches a file beyond finding the forms. The report date on a form
decides between two forms of one unit and period (newer replaces older, an older one
or one of the same date with other content is refused), a form returned untouched
says nothing new, and a form replaces the unit's entries for exactly the tasks it
lists. What comes out is plain data: the outcome of each form (`Received`, gathered
into the `CollectResult` the command line prints) and the `Changes` the workbook
edit applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CchcError, Problem, Severity
from pipeline.forms.content import Content, FigureContent, entry_content, figure_content, short_date
from pipeline.forms.read import Entry, FigureEntry, ReturnedForm
from pipeline.model import Plan, StatusEntry, UnitFigure

ADDED, REPLACED, UNCHANGED, REFUSED = "added", "replaced", "unchanged", "refused"
PARTIAL = 3  # exit code: some forms written, some refused
FORM_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")  # taken from a folder (the wrong ones refused)


@dataclass
class Received:
    """What became of one returned form."""

    path: Path
    outcome: str  # ADDED | REPLACED | UNCHANGED | REFUSED
    reason: str = ""
    unit: str = ""
    unit_name: str = ""
    report_date: dt.date | None = None
    previous: dt.date | None = None  # the report date it replaced
    tasks: int = 0
    problems: list[Problem] = field(default_factory=list)
    figures: int = 0  # figures the form carries (its SoLieu sheet)

    def line(self) -> str:
        who = f"{self.unit_name} ({self.unit})" if self.unit else ""
        counted = f"{self.tasks} nhiệm vụ" + (f", {self.figures} số liệu" if self.figures else "")
        if self.outcome == ADDED:
            return f"{self.path.name}: {who}, ngày báo cáo {short_date(self.report_date)}, {counted}."
        if self.outcome == REPLACED:
            before = f"phiếu ngày {short_date(self.previous)}" if self.previous else "số liệu đã có trong sổ"
            extra = f" {self.reason}" if self.reason else ""
            return (f"{self.path.name}: {who}, ngày báo cáo {short_date(self.report_date)} thay {before}, "
                    f"{counted}.{extra}")
        return f"{self.path.name}: {self.reason}"


@dataclass
class CollectResult:
    workbook: Path
    period: int
    period_phrase: str
    forms: list[Received]
    written: bool = False
    backup: Path | None = None
    warnings: list[Problem] = field(default_factory=list)

    def _of(self, outcome: str) -> list[Received]:
        return [f for f in self.forms if f.outcome == outcome]

    @property
    def added(self) -> list[Received]:
        return self._of(ADDED)

    @property
    def replaced(self) -> list[Received]:
        return self._of(REPLACED)

    @property
    def unchanged(self) -> list[Received]:
        return self._of(UNCHANGED)

    @property
    def refused(self) -> list[Received]:
        return self._of(REFUSED)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of the refused forms, then the warnings."""
        return [p for f in self.refused for p in f.problems] + self.warnings

    @property
    def exit_code(self) -> int:
        """0: every form taken (warnings allowed); 1: a form refused and nothing written;
        PARTIAL: some forms written, some refused (README, "Mã thoát")."""
        if not self.refused:
            return 0
        return PARTIAL if self.written else 1

    def summary(self) -> str:
        out = [f"Nhập phiếu báo cáo {self.period_phrase} (kỳ {self.period}) vào sổ {self.workbook.name}:"]
        for title, items in (("Thêm mới", self.added), ("Thay thế", self.replaced),
                             ("Không thay đổi", self.unchanged), ("Từ chối", self.refused)):
            if items:
                out.append(f"- {title}: {len(items)} phiếu")
                out += [f"    {f.line()}" for f in items]
        if self.written:
            out.append(f"Đã sao lưu sổ cũ vào {self.backup} và ghi sổ {self.workbook} "
                       "(hoàn tác: cchc collect --undo).")
        else:
            out.append(f"Không có gì thay đổi; sổ {self.workbook.name} giữ nguyên, không ghi.")
        if self.refused:
            taken = " (các phiếu khác đã được ghi)" if self.written else ""
            out.append(f"{len(self.refused)} phiếu bị từ chối, không ghi gì từ các phiếu này{taken}: báo đơn vị sửa "
                       "theo các lỗi đã liệt kê rồi gửi lại.")
        return "\n".join(out)


RETURNED_FOLDER = "nhan"  # beside a period's blank forms: where the clerk saves what the units send back


def expand_paths(paths: Iterable[Path], workbook: Path) -> tuple[list[Path], list[Received], list[Problem]]:
    """The forms to read: files named, and spreadsheet files directly inside folders named
    (one in another spreadsheet format is read and judged as the unit's form); and notes.

    A path that is wrong is the clerk's error, not a unit's refused form: a file or folder
    not found, a file named that is no spreadsheet (.docx, .pdf …), the workbook itself, a
    folder without forms stop the command (CchcError) before anything is read."""
    files: list[Path] = []
    seen: set[Path] = set()
    own = workbook.resolve()
    wrong: list[str] = []
    notes: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FORM_SUFFIXES
                                and not p.name.startswith(("~$", ".")) and p.resolve() != own)
            if (path / RETURNED_FOLDER).is_dir():
                notes.append(Problem(f"Thư mục {path} là nơi lưu phiếu gửi đi; phiếu đơn vị gửi lại lưu trong "
                                     f"{path / RETURNED_FOLDER}.", severity=Severity.WARNING))
            if not candidates:
                wrong.append(f"thư mục {path} chưa có phiếu nào (.xlsx): lưu các phiếu đơn vị gửi lại vào thư mục "
                             "này rồi chạy lại")
        elif not path.exists():
            wrong.append(f"không tìm thấy {path}: kiểm tra lại đường dẫn")
            continue
        elif path.resolve() == own:
            wrong.append(f"{path} là chính sổ kế hoạch, không phải phiếu của đơn vị")
            continue
        elif path.suffix.lower() not in FORM_SUFFIXES:  # a spreadsheet a unit renamed is read, and judged
            wrong.append(f"{path} không phải tệp Excel: phiếu là tệp .xlsx do cchc forms lập")
            continue
        else:
            candidates = [path]
        for p in candidates:
            if (key := p.resolve()) not in seen:
                seen.add(key)
                files.append(p)
    if wrong:
        raise CchcError("Đường dẫn phiếu không đúng; chưa nhập phiếu nào, sổ giữ nguyên:\n"
                        + "\n".join(f"  - {w}." for w in wrong))
    return files, [], notes


# -- what the workbook edit is given --------------------------------------------------


@dataclass(frozen=True)
class TaskChange:
    """One unit's entry for one task and the period, as it must stand after collecting."""

    unit: str
    task: str
    rows: list[int]  # the TienDo rows (1-based) holding it now, in order
    entry: Entry | None  # the new entry; None: the rows are removed


@dataclass(frozen=True)
class ReceiptRow:
    """One form taken, for the NhanPhieu log."""

    unit: str
    period: int
    report_date: dt.date
    file: str
    at: dt.datetime


@dataclass(frozen=True)
class FigureChange:
    """One unit's figure for one indicator and the period, as it must stand after collecting."""

    unit: str
    indicator: str
    rows: list[int]  # the SoLieuDonVi rows (1-based) holding it now
    figure: FigureEntry | None  # the new figure; None: the rows are emptied


@dataclass
class Changes:
    period: int
    tasks: list[TaskChange] = field(default_factory=list)  # by unit, then in the order the forms set them
    receipts: list[ReceiptRow] = field(default_factory=list)  # empty: nothing to write
    figures: list[FigureChange] = field(default_factory=list)  # the figures sheets' changes (SoLieuDonVi)


@dataclass
class Decision:
    """The forms taken (oldest first), their warnings, and what the workbook must become."""

    received: list[Received]
    warnings: list[Problem]
    changes: Changes


# -- deciding -------------------------------------------------------------------------


@dataclass
class _Group:
    """One unit's entries for the period, by task: as the workbook holds them, and as they stand
    after the forms taken so far in this run."""

    rows: dict[str, list[StatusEntry]] = field(default_factory=dict)  # TienDo rows in the workbook
    current: dict[str, list[Content]] = field(default_factory=dict)
    recorded: dt.date | None = None  # latest report date received (NhanPhieu)
    new: dict[str, Entry | None] = field(default_factory=dict)  # replacements (None: entry removed)
    # The same for the unit's figures (SoLieuDonVi), by indicator code.
    figure_rows: dict[str, list[UnitFigure]] = field(default_factory=dict)
    figure_current: dict[str, list[FigureContent]] = field(default_factory=dict)
    figure_new: dict[str, FigureEntry | None] = field(default_factory=dict)

    def contents(self, tasks: Iterable[str]) -> list[Content]:
        return sorted(c for t in tasks for c in self.current.get(t, []))

    def figure_contents(self, codes: Iterable[str]) -> list[FigureContent]:
        return sorted(c for x in codes for c in self.figure_current.get(x, []))


def decide(plan: Plan, quy: int, forms: Sequence[ReturnedForm], now: dt.datetime) -> Decision:
    """What the readable forms change in the workbook (already validated into `plan`) for period `quy`."""
    groups = _groups(plan, quy)
    decision = Decision([], [], Changes(quy))
    # Oldest first, so when one run holds two forms of a unit the later report wins.
    for form in sorted(forms, key=lambda f: (f.unit, f.report_date, f.path.name)):
        decision.warnings += form.warnings
        received = _decide_form(form, groups.setdefault(form.unit, _Group()))
        decision.received.append(received)
        if received.outcome in (ADDED, REPLACED):
            decision.changes.receipts.append(ReceiptRow(form.unit, quy, form.report_date, form.path.name, now))
    decision.changes.tasks = [TaskChange(unit, task, sorted(e.row for e in g.rows.get(task, [])), entry)
                              for unit, g in groups.items() for task, entry in g.new.items()]
    decision.changes.figures = [FigureChange(unit, code, sorted(f.row for f in g.figure_rows.get(code, [])), figure)
                                for unit, g in groups.items() for code, figure in g.figure_new.items()]
    return decision


def _groups(plan: Plan, quy: int) -> dict[str, _Group]:
    """Each unit's entries and latest report date for the period, as the workbook holds them."""
    groups: dict[str, _Group] = {}
    for e in plan.entries:
        if e.period == quy:
            g = groups.setdefault(e.unit, _Group())
            g.rows.setdefault(e.task, []).append(e)
            g.current.setdefault(e.task, []).append(entry_content(e))
    for r in plan.receipts:
        if r.period == quy:
            g = groups.setdefault(r.unit, _Group())
            g.recorded = max(g.recorded, r.report_date) if g.recorded else r.report_date
    for f in plan.figures:
        if f.period == quy:
            g = groups.setdefault(f.unit, _Group())
            g.figure_rows.setdefault(f.indicator, []).append(f)
            g.figure_current.setdefault(f.indicator, []).append(figure_content(f.indicator, f.value, f.note))
    return groups


def _decide_form(form: ReturnedForm, group: _Group) -> Received:
    """One form against what its unit's group holds so far; a form taken updates the group."""

    def made(outcome: str, reason: str = "", previous: dt.date | None = None) -> Received:
        return Received(form.path, outcome, reason, form.unit, form.unit_name, form.report_date, previous,
                        len(form.entries), figures=len(form.figures))

    def refused(reason: str, previous: dt.date | None = None) -> Received:
        return Received(form.path, REFUSED, reason, form.unit, form.unit_name, form.report_date, previous)

    if form.untouched:
        return made(UNCHANGED, "phiếu gửi lại chưa điền, chưa sửa gì (giống hệt phiếu đã gửi đi) nên không tính là "
                               "đã báo cáo. Nếu số liệu không đổi, đơn vị ghi Ngày báo cáo rồi gửi lại.")
    if not form.entries and not form.figures:
        return refused("phiếu không có nhiệm vụ nào được chọn Trạng thái.")
    recorded = group.recorded
    before = group.contents(form.listed)
    figures_before = group.figure_contents(form.figures_listed)
    same_tasks = form.contents() == before
    same_figures = form.figure_contents() == figures_before  # a form without figures: both empty
    same = same_tasks and same_figures
    if recorded and form.report_date < recorded:
        return refused(f"Ngày báo cáo {short_date(form.report_date)} cũ hơn phiếu đã nhập của đơn vị {form.unit} "
                       f"(ngày {short_date(recorded)}); giữ số liệu đã nhập.", recorded)
    if recorded and form.report_date == recorded:
        if same:
            return made(UNCHANGED, f"đã nhập trước đó (cùng ngày báo cáo {short_date(recorded)}, cùng nội dung).")
        return refused(f"cùng Ngày báo cáo {short_date(recorded)} với phiếu đã nhập của đơn vị {form.unit} nhưng "
                       "nội dung khác. Nếu đây là bản sửa, đơn vị ghi Ngày báo cáo mới hơn rồi gửi lại.", recorded)
    outcome = REPLACED if before or figures_before else ADDED
    reason = "Nội dung như số liệu đã có; chỉ ghi nhận ngày báo cáo mới." if same else ""
    if not same_figures:
        _take_figures(form, group)
    if not same_tasks:
        by_task = {e.task: e for e in form.entries}
        for task in form.listed:  # a task left blank on the form loses its entry for the period
            entry = by_task.get(task)
            group.new[task] = entry
            group.current[task] = [entry.content()] if entry else []
    group.recorded = form.report_date
    return made(outcome, reason, recorded)


def _take_figures(form: ReturnedForm, group: _Group) -> None:
    """The form's figures replace the unit's for the indicators it lists (a blank one loses its figure)."""
    by_code = {f.indicator: f for f in form.figures}
    for code in form.figures_listed:
        figure = by_code.get(code)
        group.figure_new[code] = figure
        group.figure_current[code] = [figure.content()] if figure else []
