"""The library's one door: a function per command, each returning a `Result`.

Every function raises `CchcError` for bad input or a refused action and otherwise
returns what it did: the files written, the input's warnings, the lines to tell the
clerk, and the command's own facts in `detail`. The command line (`cli`), scripts,
tests and the benchmark all call these and nothing below them.

Each function imports the stages it needs inside itself, only so that `cchc --help`
(which imports this module) loads none of docxtpl, openpyxl, lxml or babel.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, TypeVar

from pipeline.errors import CchcError, Problem, Severity
from pipeline.model import Plan
from pipeline.schema import (
    AMEND_SHEETS,
    APPENDIX_SHEETS,
    EVALUATE_SHEETS,
    FORM_SHEETS,
    PLAN_SHEETS,
    REPORT_SHEETS,
    WORKBOOK_SHEETS,
)

if TYPE_CHECKING:
    from pipeline.derive.amend import Changes
    from pipeline.derive.calendar import Calendar
    from pipeline.derive.evaluation import Evaluated
    from pipeline.derive.evaluation import Result as Scored
    from pipeline.export import OutputSet
    from pipeline.forms.decide import CollectResult
    from pipeline.importer import ImportResult

DEFAULT_DATA = Path("data/kehoach.xlsx")
OUTPUT_ROOT = Path("output")

T = TypeVar("T")


@dataclass
class Result(Generic[T]):
    """What one command did. The CLI prints every command's result the same way:
    problems and warnings, then `messages`, then exits with `exit_code`."""

    written: list[Path] = field(default_factory=list)  # files written, the main one first
    warnings: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # what to tell the clerk, in Vietnamese
    problems: list[Problem] = field(default_factory=list)  # errors that did not stop the command
    exit_code: int = 0
    detail: T | None = None  # the command's own facts (collect's outcomes, the calendar …)

    @property
    def path(self) -> Path:
        """The main file written."""
        return self.written[0]


def _wrote(paths: list[Path], warnings: list[Problem], detail: Any = None) -> Result[Any]:
    return Result(written=paths, warnings=warnings, messages=[f"Đã ghi: {p}" for p in paths], detail=detail)


@dataclass
class Loaded:
    plan: Plan
    warnings: list[Problem] = field(default_factory=list)


def templates_dir() -> Path:
    """CCHC_TEMPLATES, else ./templates, else the templates beside the package."""
    env = os.environ.get("CCHC_TEMPLATES")
    if env:
        return Path(env)
    local = Path("templates")
    if local.is_dir():
        return local
    return Path(__file__).resolve().parents[1] / "templates"


def template(name: str) -> Path:
    path = templates_dir() / name
    if not path.exists():
        raise CchcError(f"Không tìm thấy mẫu {path}. Đặt mẫu vào thư mục templates/ hoặc đặt biến CCHC_TEMPLATES.")
    return path


def load(data: Path, sheets: Iterable[str]) -> Loaded:
    """read → validate → model; raise with every error at once, return warnings."""
    from pipeline import read, validate

    checked = validate.workbook(read.read_workbook(Path(data), sheets))
    if checked.errors:
        raise CchcError(
            f"Sổ {Path(data).name} có {len(checked.errors)} lỗi; chưa ghi văn bản nào. Hãy sửa rồi chạy lại:",
            checked.errors + checked.warnings,
        )
    return Loaded(checked.plan, checked.warnings)


def default_output(plan: Plan, name: str) -> Path:
    return OUTPUT_ROOT / str(plan.year) / name


def _cut_notes(cut: list[str]) -> list[Problem]:
    """Texts longer than an Excel cell holds, which a workbook written for the clerk had to cut."""
    if not cut:
        return []
    shown = ", ".join(cut[:10]) + (f" và {len(cut) - 10} ô khác" if len(cut) > 10 else "")
    return [Problem(f"Nội dung dài quá 32.767 ký tự (giới hạn một ô của Excel) chỉ ghi được phần đầu ở {shown}; "
                    "văn bản Word vẫn ghi đủ.", severity=Severity.WARNING)]


def _require_period(plan: Plan, quy: int) -> None:
    if quy not in plan.periods:
        raise CchcError(f"Sheet KyBaoCao không có kỳ {quy}.")


def _gaps(found: list[Problem], strict: bool, document: str) -> list[Problem]:
    """A document's empty parts (derive.gaps): warnings for a draft, errors with --strict."""
    if strict and found:
        from dataclasses import replace

        raise CchcError(f"{document} còn {len(found)} phần chưa có nội dung; với --strict chương trình không ghi "
                        "văn bản nào. Hãy điền các phần dưới đây rồi chạy lại:",
                        [replace(p, severity=Severity.ERROR) for p in found])
    return found


# -- documents ---------------------------------------------------------------------------


def _stage_plan(out: OutputSet, plan: Plan, output: Path, tpl: Path, appendix_only: bool,
                groups: list[dict[str, object]] | None = None) -> Path:
    from pipeline.ooxml.write import keep_last_section
    from pipeline.render import docx
    from pipeline.render import plan as plan_context

    def tweak(document: Any) -> None:
        if appendix_only:
            keep_last_section(document.element.body)

    out.check(output, ".docx", issued=True)  # refuse before the rendering's cost
    rendered = docx.render(tpl, plan_context.plan_context(plan, groups), fast_loops=("phu_luc.nhom",), tweak=tweak)
    return out.add(output, lambda fh: docx.write_package(rendered, fh), ".docx", issued=True)


def render_plan(plan: Plan, output: Path, *, appendix_only: bool = False, force: bool = False,
                inputs: Iterable[Path] = ()) -> Path:
    """Render the Quyết định + Kế hoạch + Phụ lục (or the Phụ lục alone) and save it whole.
    Once the decision has its số, an existing file is replaced only with `force` (and backed up)."""
    from pipeline.export import OutputSet

    tpl = template("qd_kehoach.docx")
    with OutputSet([*inputs, tpl], force) as out:
        _stage_plan(out, plan, Path(output), tpl, appendix_only)
    return Path(output)


def _document(data: Path, loaded: Loaded, name: str, output: Path | None, force: bool, pdf: bool,
              appendix_only: bool, groups: list[dict[str, object]] | None = None) -> Result[None]:
    from pipeline.export import OutputSet
    from pipeline.pdf import stage_pdf

    plan = loaded.plan
    target = Path(output) if output else default_output(plan, name.format(nam=plan.year))
    tpl = template("qd_kehoach.docx")
    with OutputSet([data, tpl], force) as out:
        staged = _stage_plan(out, plan, target, tpl, appendix_only, groups)
        if pdf:
            stage_pdf(out, target, staged)
    return _wrote(out.written, loaded.warnings)


def build_plan(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False,
               pdf: bool = False, strict: bool = False) -> Result[None]:
    """The Quyết định + Kế hoạch + Phụ lục. The first run with the decision's số and date
    records the issued plan in sheet BanHanh; once recorded, the Phụ lục is printed as
    recorded (changes since go in `amend`), and a số or date that differs is refused. Empty
    parts of the plan are warnings, or errors with `strict`."""
    from pipeline.derive.amend import IssueState, plan_issue_state
    from pipeline.derive.gaps import plan_gaps
    from pipeline.export import ensure_not_open, workbook_lock

    data = Path(data)
    loaded = load(data, PLAN_SHEETS)
    gaps = _gaps(plan_gaps(loaded.plan), strict, "Kế hoạch")
    state = plan_issue_state(loaded.plan)
    if state is IssueState.RECORD:
        with workbook_lock(data):
            loaded = load(data, PLAN_SHEETS)  # again under the lock: another run may have recorded it
            state = plan_issue_state(loaded.plan)
            if state is IssueState.RECORD:
                ensure_not_open(data, "Excel")  # the record is written after the document: refuse first
                result = _issue_plan(data, loaded, output, force, pdf)
                result.warnings += gaps
                return result
    result = _reprint_plan(data, loaded, state, output, force, pdf)
    result.warnings += gaps
    return result


def build_appendix(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False,
                   pdf: bool = False, ban_hanh: bool = False) -> Result[None]:
    """The Phụ lục alone: the plan in force as NhiemVu states it (rows marked Bãi bỏ left out,
    renumbered until the plan is issued, then numbered as the decisions number its tasks),
    or with `ban_hanh` the issued version exactly as recorded in BanHanh."""
    from pipeline.render.plan import consolidated_groups, issued_groups

    loaded = load(data, APPENDIX_SHEETS)
    if not ban_hanh:
        groups = consolidated_groups(loaded.plan) if loaded.plan.issued else None
        return _document(data, loaded, "PhuLuc_KeHoach_CCHC_{nam}.docx", output, force, pdf, appendix_only=True,
                         groups=groups)

    if not loaded.plan.issued:
        raise CchcError(f"Sổ {Path(data).name} chưa ghi nhận bản Kế hoạch đã ban hành (sheet BanHanh): ghi Số và "
                        "Ngày quyết định vào sheet ThongTin rồi chạy cchc plan. Chưa ghi tệp nào.")
    return _document(data, loaded, "PhuLuc_KeHoach_CCHC_{nam}_BanHanh.docx", output, force, pdf,
                     appendix_only=True, groups=issued_groups(loaded.plan.issued[0]))


# -- issue 12: the issued plan and its amendments -------------------------------------------

PLAN_NAME = "QD_KeHoach_CCHC_{nam}.docx"


def _decision_text(number: str, date: dt.date, abbr: str) -> str:
    from pipeline.formatting import short_date, symbol

    return f"Quyết định số {symbol(number, 'QĐ', abbr)} ngày {short_date(date)}"


def _issue_plan(data: Path, loaded: Loaded, output: Path | None, force: bool, pdf: bool) -> Result[None]:
    """The plan's first issued run: the document, then its record (version 0) in BanHanh.
    The caller holds the workbook's lock."""
    from pipeline import plan_record
    from pipeline.derive.amend import first_version

    plan = loaded.plan
    date = plan.decision.date.as_date()
    assert date is not None
    result = _document(data, loaded, PLAN_NAME, output, force, pdf, appendix_only=False)
    version = first_version(plan.tasks, plan.decision.number.strip(), date)
    copy = plan_record.write(data, [plan_record.record_edit(data, version)])
    result.written.append(data)
    result.messages += [
        f"Đã ghi nhận Kế hoạch đã ban hành ({_decision_text(version.decision_no, date, plan.agency.abbr)}, "
        f"{len(version.tasks)} nhiệm vụ) vào sheet BanHanh của sổ {data.name} (bản sao lưu: {copy}).",
        "Từ nay, thay đổi nhiệm vụ trong sheet NhiemVu cần Quyết định sửa đổi, bổ sung: chạy cchc amend."]
    return result


def _reprint_plan(data: Path, loaded: Loaded, state: Any, output: Path | None, force: bool,
                  pdf: bool) -> Result[None]:
    """A draft, or an issued plan printed again: its Phụ lục as recorded, never as edited since."""
    from pipeline.derive.amend import IssueState, pending
    from pipeline.render.plan import issued_groups

    plan = loaded.plan
    if state is IssueState.MISMATCH:
        first = plan.issued[0]
        raise CchcError(
            f"Sổ {data.name} đã ghi nhận Kế hoạch ban hành theo "
            f"{_decision_text(first.decision_no, first.date, plan.agency.abbr)} (sheet BanHanh), khác Số/Ngày quyết "
            "định trong sheet ThongTin. Nếu ThongTin ghi nhầm, hãy sửa cho khớp. Nếu Kế hoạch thật sự được ban hành "
            "lại (chưa có Quyết định sửa đổi nào), hãy bỏ bảo vệ và xóa sheet BanHanh (Review › Unprotect Sheet) rồi "
            "chạy lại cchc plan. Chưa ghi tệp nào.")
    groups = issued_groups(plan.issued[0]) if state is IssueState.ISSUED else None
    result = _document(data, loaded, PLAN_NAME, output, force, pdf, appendix_only=False, groups=groups)
    changes = pending(plan) if state is IssueState.ISSUED else None
    if changes is not None and not changes.empty:
        result.messages.append(
            "Phụ lục in theo bản đã ban hành (sheet BanHanh); các thay đổi trong sheet NhiemVu sau đó cần Quyết "
            "định sửa đổi, bổ sung (cchc amend); Kế hoạch hiện hành: cchc appendix.")
    if state is IssueState.UNDATED:
        result.messages.append(
            "Quyết định đã có số nhưng Ngày quyết định chưa ghi đủ ngày, tháng, năm: chưa ghi nhận bản ban hành vào "
            "sheet BanHanh. Ghi đủ ngày (dd/mm/yyyy) rồi chạy lại cchc plan --force.")
    return result


@dataclass
class AmendDone:
    number: int  # lần
    changes: Changes
    recorded: bool  # the amendment had its số and date: its version is now the baseline
    registered: bool  # its row was added to SuaDoi
    undated: bool = False  # its row has a số but not a full date: printed, not recorded


def _amend_plan(data: Path) -> tuple[Loaded, Changes, int]:
    """The workbook, its changes against the last issued version, and the number of the amendment."""
    from pipeline.derive.amend import compare

    loaded = load(data, AMEND_SHEETS)
    plan = loaded.plan
    if not plan.issued:
        raise CchcError(f"Sổ {data.name} chưa ghi nhận bản Kế hoạch đã ban hành (sheet BanHanh), nên chưa có gì để "
                        "so sánh. Ghi Số và Ngày quyết định vào sheet ThongTin rồi chạy cchc plan; sau đó mới lập "
                        "Quyết định sửa đổi, bổ sung. Chưa ghi tệp nào.")
    base = plan.issued[-1]
    changes = compare(base, plan.tasks, plan.dropped_tasks)
    if changes.empty:
        what = "bản ban hành" if base.number == 0 else f"bản sửa đổi, bổ sung lần {base.number}"
        raise CchcError(f"Sheet NhiemVu không có thay đổi nào so với bản đã ban hành gần nhất ({what} theo "
                        f"{_decision_text(base.decision_no, base.date, plan.agency.abbr)}): không lập Quyết định sửa "
                        "đổi, bổ sung. Chưa ghi tệp nào.")
    return loaded, changes, base.number + 1


def _amend_messages(plan: Plan, done: AmendDone, copy: Path | None) -> list[str]:
    from pipeline.render.amend import place

    c = done.changes
    lines = [f"Quyết định sửa đổi, bổ sung lần {done.number}: bổ sung {len(c.added)}, điều chỉnh {len(c.changed)}, "
             f"bãi bỏ {len(c.dropped)} nhiệm vụ."]
    lines += [f"  Mã nhiệm vụ '{old}' đổi thành '{new}': đổi Mã là bãi bỏ nhiệm vụ cũ và bổ sung nhiệm vụ mới; nếu "
              "chỉ sửa nội dung, hãy giữ Mã cũ." for old, new in c.rekeyed]
    lines += [f"  Nhiệm vụ '{x.id}' ({place(x.section_no, x.stt)}) bị xóa khỏi sheet NhiemVu nên được tính là bãi bỏ; "
              "lịch sử rõ hơn khi giữ dòng và ghi 'Bãi bỏ' ở cột Tình trạng nhiệm vụ." for x in c.dropped
              if x.deleted and not x.replaced_by]
    unexplained = [x.id for x in c.all if not x.reason and not x.deleted]
    if unexplained:
        lines.append(f"  Chưa ghi Lý do điều chỉnh (cột Lý do của Phụ lục để trống): {', '.join(unexplained)}.")
    if copy is not None:
        lines.append(f"Đã cập nhật sổ {plan.source} (bản sao lưu: {copy}).")
    if done.undated:
        lines.append(f"Dòng Lần {done.number} của sheet SuaDoi đã có số nhưng Ngày quyết định chưa đủ ngày, tháng, "
                     "năm: chưa ghi nhận. Ghi đủ ngày (dd/mm/yyyy) rồi chạy lại cchc amend --force.")
    elif done.recorded:
        lines.append(f"Đã ghi nhận lần {done.number} vào sheet BanHanh: lần sửa đổi sau sẽ so sánh với bản này.")
    else:
        lines.append(f"Văn bản là dự thảo: sau khi ký, ghi Số và Ngày quyết định vào dòng Lần {done.number} của sheet "
                     "SuaDoi rồi chạy lại cchc amend để ghi nhận.")
    return lines


def build_amend(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False, pdf: bool = False,
                today: dt.date | None = None) -> Result[AmendDone]:
    """The Quyết định sửa đổi, bổ sung Kế hoạch (lần N) from NhiemVu's changes since the last
    issued version. Draft: SuaDoi gets its row for the clerk to number. With its số and
    date in SuaDoi: its version is recorded in BanHanh and becomes the new baseline."""
    from pipeline import plan_record
    from pipeline.derive.amend import next_version
    from pipeline.export import OutputSet, ensure_not_open, workbook_lock
    from pipeline.pdf import stage_pdf
    from pipeline.render import docx
    from pipeline.render.amend import amend_context

    data = Path(data)
    with workbook_lock(data):
        loaded, changes, number = _amend_plan(data)
        plan = loaded.plan
        row = next((x for x in plan.amendments if x.number == number), None)
        date = row.date.as_date() if row and row.date and row.decision_no.strip() else None
        if date is not None and date < changes.base.date:
            raise CchcError(f"Ngày quyết định của lần {number} (sheet SuaDoi, dòng {row.row if row else ''}) trước "
                            "ngày của bản đã ban hành trước nó; hãy kiểm tra lại. Chưa ghi tệp nào.")
        done = AmendDone(number, changes, recorded=date is not None, registered=row is None,
                         undated=bool(row and row.decision_no.strip()) and date is None)
        if done.recorded or done.registered:
            ensure_not_open(data, "Excel")
        target = Path(output) if output else default_output(plan, f"QD_SuaDoi_KeHoach_{plan.year}_lan{number}.docx")
        tpl = template("qd_suadoi.docx")
        with OutputSet([data, tpl], force) as out:
            out.check(target, ".docx", issued=True)
            rendered = docx.render(tpl, amend_context(plan, changes, number, row), fast_loops=("phu_luc.nhom",))
            staged = out.add(target, lambda fh: docx.write_package(rendered, fh), ".docx", issued=True)
            if pdf:
                stage_pdf(out, target, staged)
        edits = []
        if done.registered:
            edits.append(plan_record.register_edit(data, number, today or dt.date.today()))
        if date is not None and row is not None:
            edits.append(plan_record.record_edit(data, next_version(changes, number, row.decision_no.strip(), date)))
        copy = plan_record.write(data, edits) if edits else None
    written = [*out.written, *([data] if copy else [])]
    return Result(written=written, warnings=loaded.warnings,
                  messages=[f"Đã ghi: {p}" for p in out.written] + _amend_messages(plan, done, copy), detail=done)


def build_report(data: Path = DEFAULT_DATA, quy: int = 3, nam: int | None = None,
                 output: Path | None = None, force: bool = False, pdf: bool = False,
                 strict: bool = False) -> Result[None]:
    """The periodic CCHC report (.docx) and its figures (_so_lieu.xlsx) beside it, written together."""
    from pipeline.derive.amend import plan_at
    from pipeline.derive.gaps import report_gaps
    from pipeline.derive.rollup import rollup
    from pipeline.export import OutputSet
    from pipeline.pdf import stage_pdf
    from pipeline.render import chart, docx, figures, report
    from pipeline.xlsx import write

    loaded = load(data, REPORT_SHEETS)
    plan = loaded.plan
    if nam is not None and nam != plan.year:
        raise CchcError(f"Sổ {Path(data).name} là kế hoạch năm {plan.year}, không phải năm {nam}. "
                        f"Dùng --data để chọn sổ của năm {nam}.")
    _require_period(plan, quy)
    plan = plan_at(plan, plan.periods[quy].cutoff_to)  # the plan as it stood at the cut-off (issue 12)
    gaps = _gaps(report_gaps(plan, quy), strict, "Báo cáo")
    roll = rollup(plan.tasks, plan.entries, plan.periods, quy, plan.year, [u.code for u in plan.units])
    out_path = Path(output) if output else default_output(plan, f"BaoCao_CCHC_Quy{quy}_{plan.year}.docx")
    figures_path = out_path.with_name(f"{out_path.stem}_so_lieu.xlsx")
    tpl = template("baocao_quy.docx")
    with OutputSet([data, tpl], force) as out:
        # Both files are checked before either is rendered: neither is written if one is refused.
        out.check(out_path, ".docx", issued=True)
        out.check(figures_path, ".xlsx", app="Excel")
        context = report.report_context(plan, roll, quy, chart.completion_chart)
        # The task-by-task paragraphs and the status appendix grow with the plan: stream them.
        rendered = docx.render(tpl, context, fast_loops=("phu_luc.nhom", "bc.ket_qua", "bc.chi_dao", "bc.phuong_huong"))
        staged = out.add(out_path, lambda fh: docx.write_package(rendered, fh), ".docx", issued=True)
        cut: list[str] = []
        out.add(figures_path, lambda fh: write(figures.sheets(plan, roll, quy), fh, cut), ".xlsx", app="Excel")
        if pdf:
            stage_pdf(out, out_path, staged)
    return _wrote(out.written, loaded.warnings + gaps + _cut_notes(cut))


def build_remind(data: Path = DEFAULT_DATA, quy: int = 3, output: Path | None = None,
                 force: bool = False) -> Result[None]:
    """A công văn đôn đốc to the units that have not reported for period `quy`."""
    from pipeline.derive.amend import plan_at
    from pipeline.derive.report import missing_units
    from pipeline.export import OutputSet
    from pipeline.formatting import period_phrase
    from pipeline.render import docx, remind

    loaded = load(data, WORKBOOK_SHEETS)
    plan = loaded.plan
    _require_period(plan, quy)
    plan = plan_at(plan, plan.periods[quy].cutoff_to)  # the units of the tasks in force then (issue 12)
    units = missing_units(plan, quy)
    if not units:
        raise CchcError(f"Tất cả đơn vị đã báo cáo {period_phrase(plan.periods[quy].name, plan.year)}; "
                        "không cần công văn đôn đốc (không ghi tệp nào).")
    out_path = Path(output) if output else default_output(plan, f"CongVan_DonDoc_Quy{quy}_{plan.year}.docx")
    tpl = template("congvan_dondoc.docx")
    with OutputSet([data, tpl], force) as out:
        out.check(out_path, ".docx", issued=True)
        rendered = docx.render(tpl, remind.remind_context(plan, quy, units))
        out.add(out_path, lambda fh: docx.write_package(rendered, fh), ".docx", issued=True)
    return _wrote(out.written, loaded.warnings)


# -- the workbook and the forms ------------------------------------------------------------


def check_workbook(data: Path = DEFAULT_DATA) -> Result[None]:
    """Every problem in the workbook (all sheets): errors in `problems`, then `warnings`."""
    from pipeline import read, validate

    checked = validate.workbook(read.read_workbook(Path(data), WORKBOOK_SHEETS))
    errors, warnings = checked.errors, checked.warnings
    if errors:
        return Result(problems=errors, warnings=warnings, messages=[f"Sổ {data} có {len(errors)} lỗi cần sửa."],
                      exit_code=1)
    note = f" ({len(warnings)} cảnh báo)." if warnings else "."
    return Result(warnings=warnings, messages=[f"Sổ {data} hợp lệ{note}"])


def build_forms(data: Path = DEFAULT_DATA, quy: int = 3, output_dir: Path | None = None, *,
                today: dt.date | None = None) -> Result[None]:
    """One form (.xlsx) per unit with tasks, in `output/<năm>/phieu/Q<quy>/<Mã đơn vị>.xlsx`:
    its tasks pre-filled with its latest entries up to the period, ready to fill and return.
    The forms are written together: none is, if one cannot be."""
    from pipeline import forms
    from pipeline.derive.amend import plan_at
    from pipeline.export import OutputSet

    loaded = load(data, FORM_SHEETS)
    plan = loaded.plan
    _require_period(plan, quy)
    plan = plan_at(plan, plan.periods[quy].cutoff_to)  # the tasks in force at the cut-off (issue 12)
    folder = Path(output_dir) if output_dir else OUTPUT_ROOT / str(plan.year) / "phieu" / f"Q{quy}"
    cut: list[str] = []
    with OutputSet([data]) as out:
        paths = forms.write_forms(plan, quy, folder, today or dt.date.today(), out, cut)
    return Result(written=paths, warnings=loaded.warnings + _cut_notes(cut),
                  messages=[f"Đã ghi {len(paths)} phiếu vào {folder}:", *(f"  {p}" for p in paths)])


def collect(data: Path = DEFAULT_DATA, quy: int = 3, paths: Iterable[Path] = (), *,
            now: dt.datetime | None = None) -> Result[CollectResult]:
    """Merge returned forms into the workbook's TienDo (and the NhanPhieu log). Holds the
    workbook's lock from reading it to writing it; refuses to start when the workbook is
    open in Excel or invalid; writes nothing when nothing changes."""
    from pipeline import forms
    from pipeline.derive.amend import plan_at
    from pipeline.export import ensure_not_open, workbook_lock

    data = Path(data)
    with workbook_lock(data):
        ensure_not_open(data, "Excel")
        loaded = load(data, WORKBOOK_SHEETS)
        _require_period(loaded.plan, quy)
        plan = plan_at(loaded.plan, loaded.plan.periods[quy].cutoff_to)  # the tasks its forms list (issue 12)
        done = forms.collect(plan, data, quy, list(paths), now=now, warnings=loaded.warnings)
    refused = [p for f in done.refused for p in f.problems]
    return Result(written=[data] if done.written else [], warnings=done.warnings, messages=done.summary().splitlines(),
                  problems=refused, exit_code=done.exit_code, detail=done)


def calendar(data: Path = DEFAULT_DATA, today: dt.date | None = None) -> Result[Calendar]:
    """The year's reporting periods from KyBaoCao, and what falls due next."""
    from pipeline.derive.calendar import calendar as year_calendar
    from pipeline.formatting import short_date
    from pipeline.schema import CALENDAR_SHEETS

    loaded = load(data, CALENDAR_SHEETS)
    plan = loaded.plan
    cal = year_calendar(plan, today or dt.date.today())

    def d(x: dt.date | None) -> str:
        return short_date(x) if x else "(chưa đặt)"

    lines = [f"Lịch báo cáo cải cách hành chính năm {plan.year}:",
             f"{'Kỳ':<3} {'Tên kỳ':<18} {'Đơn vị gửi VP':<14} {'Chốt số liệu':<26} {'Gửi Sở Nội vụ':<14}"]
    for p in cal.periods:
        lines.append(f"{p.number:<3} {p.name:<18} {d(p.unit_due):<14} "
                     f"{d(p.cutoff_from) + ' – ' + d(p.cutoff_to):<26} {d(p.due):<14}")
    docs = plan.evaluation.docs  # the year-end evaluation (issue 13)
    lines.append(f"Đánh giá, xếp loại năm {plan.year}: đơn vị gửi tự đánh giá {d(docs.self_deadline)}; hạn đánh giá, "
                 f"xếp loại {d(docs.deadline)}.")
    if cal.next_event:
        lines.append(f"Hôm nay {short_date(cal.today)}. Việc đến hạn tiếp theo: {cal.next_event.what}, ngày "
                     f"{short_date(cal.next_event.when)} (còn {(cal.next_event.when - cal.today).days} ngày).")
    else:
        lines.append(f"Hôm nay {short_date(cal.today)}: các kỳ báo cáo năm {plan.year} đã qua hết.")
    lines += _unit_plan_lines(plan, cal.today)
    return Result(warnings=loaded.warnings, messages=lines, detail=cal)


def _unit_plan_lines(plan: Plan, today: dt.date) -> list[str]:
    """The calendar's word on the units' own plans (issue 11): who sent theirs, who has not."""
    from pipeline.derive.unit_plans import PlanState, plan_due, plan_statuses
    from pipeline.formatting import short_date

    statuses = plan_statuses(plan, today)
    if not statuses:
        return []
    due = plan_due(plan)
    got = [s for s in statuses if s.received]
    lines = [f"Kế hoạch CCHC của các đơn vị (hạn gửi Văn phòng {short_date(due)}): đã nhận {len(got)}/{len(statuses)}."]
    late = [f"{s.unit.name} (nhận {short_date(s.receipt.received)})" for s in statuses
            if s.state is PlanState.LATE and s.receipt and s.receipt.received]
    if late:
        lines.append(f"  Gửi quá hạn: {'; '.join(late)}.")
    for state, words in ((PlanState.MISSING, f"Chưa gửi, đã quá hạn {short_date(due)}"),
                         (PlanState.AWAITED, f"Chưa gửi (còn {(due - today).days} ngày)")):
        names = [s.unit.name for s in statuses if s.state is state]
        if names:
            lines.append(f"  {words}: {'; '.join(names)}." + (" Công văn đôn đốc: cchc remind --ke-hoach."
                                                               if state is PlanState.MISSING else ""))
    return lines


# -- the year-end evaluation (issue 13) --------------------------------------------------------


def _evaluation_plan(data: Path, nam: int | None, own: bool = False) -> Loaded:
    loaded = load(data, EVALUATE_SHEETS)
    plan = loaded.plan
    if nam is not None and nam != plan.year:
        raise CchcError(f"Sổ {Path(data).name} là kế hoạch năm {plan.year}, không phải năm {nam}. "
                        f"Dùng --data để chọn sổ của năm {nam}.")
    if own and not plan.evaluation.own_criteria:
        raise CchcError(f"Sổ {Path(data).name} chưa có sheet TuDanhGia (tiêu chí của tỉnh và điểm Sở tự chấm); "
                        "xem README, mục Đánh giá, xếp loại.")
    if not own and not plan.evaluation.criteria:
        raise CchcError(f"Sổ {Path(data).name} chưa có bộ tiêu chí đánh giá các đơn vị (sheet TieuChi); "
                        "xem README, mục Đánh giá, xếp loại.")
    return loaded


def evaluation_folder(plan: Plan) -> Path:
    return OUTPUT_ROOT / str(plan.year) / "danh_gia"


def evaluate(data: Path = DEFAULT_DATA, nam: int | None = None, output_dir: Path | None = None,
             force: bool = False, *, today: dt.date | None = None) -> Result[Evaluated]:
    """The units' evaluation, written together into output/<năm>/danh_gia/: the Báo cáo kết quả
    đánh giá, xếp loại, the Quyết định công bố kết quả with its ranking Phụ lục, and the
    workbook of every score with its computation."""
    from pipeline.derive.evaluation import evaluate as score_units
    from pipeline.export import OutputSet
    from pipeline.render import docx, evaluation
    from pipeline.xlsx import write

    loaded = _evaluation_plan(data, nam)
    plan = loaded.plan
    ev = score_units(plan, today or dt.date.today())
    folder = Path(output_dir) if output_dir else evaluation_folder(plan)
    report_path = folder / f"BaoCao_DanhGia_XepLoai_CCHC_{plan.year}.docx"
    decision_path = folder / f"QD_CongBo_XepLoai_CCHC_{plan.year}.docx"
    scores_path = folder / f"BangDiem_DanhGia_CCHC_{plan.year}.xlsx"
    report_tpl, decision_tpl = template("baocao_danhgia.docx"), template("qd_xeploai.docx")
    with OutputSet([data, report_tpl, decision_tpl], force) as out:
        out.check(report_path, ".docx", issued=True)
        out.check(decision_path, ".docx", issued=True)
        out.check(scores_path, ".xlsx", app="Excel")
        report = docx.render(report_tpl, evaluation.report_context(plan, ev))
        out.add(report_path, lambda fh: docx.write_package(report, fh), ".docx", issued=True)
        decision = docx.render(decision_tpl, evaluation.decision_context(plan, ev),
                               tweak=evaluation.widths_tweak(len(ev.tree.regular_top())))
        out.add(decision_path, lambda fh: docx.write_package(decision, fh), ".docx", issued=True)
        out.add(scores_path, lambda fh: write(evaluation.score_sheets(plan, ev), fh), ".xlsx", app="Excel")
    messages = [f"Đã ghi: {p}" for p in out.written]
    if ev.missing:
        messages.append(f"Chưa có tự đánh giá ({len(ev.missing)} đơn vị, các tiêu chí tự chấm tính 0 điểm): "
                        + "; ".join(f"{u.name} ({u.code})" for u in ev.missing))
    else:
        messages.append("Tất cả các đơn vị đã gửi tự đánh giá.")
    return Result(written=out.written, warnings=loaded.warnings, messages=messages, detail=ev)


def self_assess(data: Path = DEFAULT_DATA, nam: int | None = None, output_dir: Path | None = None,
                force: bool = False, *, today: dt.date | None = None) -> Result[Scored]:
    """The Sở's Báo cáo tự đánh giá, chấm điểm on the province's index (sheet TuDanhGia), with
    its Danh mục tài liệu kiểm chứng, and the workbook of its scores, written together."""
    from pipeline.derive.evaluation import evaluate_agency
    from pipeline.export import OutputSet
    from pipeline.render import docx, self_assessment
    from pipeline.xlsx import write

    loaded = _evaluation_plan(data, nam, own=True)
    plan = loaded.plan
    scored = evaluate_agency(plan, today or dt.date.today())
    folder = Path(output_dir) if output_dir else evaluation_folder(plan)
    report_path = folder / f"BaoCao_TuDanhGia_CCHC_{plan.year}.docx"
    scores_path = folder / f"TuDanhGia_CCHC_{plan.year}.xlsx"
    tpl = template("baocao_tudanhgia.docx")
    with OutputSet([data, tpl], force) as out:
        out.check(report_path, ".docx", issued=True)
        out.check(scores_path, ".xlsx", app="Excel")
        rendered = docx.render(tpl, self_assessment.context(plan, scored))
        out.add(report_path, lambda fh: docx.write_package(rendered, fh), ".docx", issued=True)
        out.add(scores_path, lambda fh: write(self_assessment.sheets(plan, scored), fh), ".xlsx", app="Excel")
    messages = [f"Đã ghi: {p}" for p in out.written]
    messages.append(_own_total_line(scored))
    return Result(written=out.written, warnings=loaded.warnings, messages=messages, detail=scored)


def build_assessment_forms(data: Path = DEFAULT_DATA, output_dir: Path | None = None, *,
                           today: dt.date | None = None) -> Result[None]:
    """One self-assessment form (.xlsx) per unit, in output/<năm>/phieu/danh_gia/<Mã đơn vị>.xlsx,
    written together: none is, if one cannot be."""
    from pipeline import forms
    from pipeline.export import OutputSet
    from pipeline.formatting import short_date

    loaded = _evaluation_plan(data, None)
    plan = loaded.plan
    folder = Path(output_dir) if output_dir else OUTPUT_ROOT / str(plan.year) / "phieu" / "danh_gia"
    with OutputSet([data]) as out:
        paths = forms.write_assessment_forms(plan, folder, today or dt.date.today(), out)
    due = plan.evaluation.docs.self_deadline
    return Result(written=paths, warnings=loaded.warnings,
                  messages=[f"Đã ghi {len(paths)} phiếu tự đánh giá vào {folder}:", *(f"  {p}" for p in paths)]
                  + ([f"Hạn đơn vị gửi lại: {short_date(due)}."] if due else []))


def collect_assessments(data: Path = DEFAULT_DATA, paths: Iterable[Path] = (), *,
                        now: dt.datetime | None = None) -> Result[CollectResult]:
    """Merge returned self-assessment forms into DiemDanhGia (and the NhanDanhGia log), with the
    same guarantees as `collect`: the workbook's lock, identity checks, backups, newer replaces older."""
    from pipeline import forms
    from pipeline.export import ensure_not_open, workbook_lock

    data = Path(data)
    with workbook_lock(data):
        ensure_not_open(data, "Excel")
        loaded = _evaluation_plan(data, None)
        done = forms.collect_assessments(loaded.plan, data, list(paths), now=now, warnings=loaded.warnings)
    refused = [p for f in done.refused for p in f.problems]
    return Result(written=[data] if done.written else [], warnings=done.warnings, messages=done.summary().splitlines(),
                  problems=refused, exit_code=done.exit_code, detail=done)


def _own_total_line(scored: Scored) -> str:
    from pipeline.formatting import points

    missing = [i.criterion.code for i in scored.items.values() if i.method.manual and i.self_points is None]
    line = f"Tổng điểm Sở tự chấm: {points(scored.self_total)}/100."
    if missing:
        line += f" Chưa chấm {len(missing)} tiêu chí: {', '.join(missing)}."
    return line


# -- other agencies' documents ----------------------------------------------------------------


def template_contexts(data: Path = DEFAULT_DATA) -> dict[str, dict[str, object]]:
    """Example contexts, by template file name, built from a workbook: what each bundled
    template may use. `cchc lint --template` checks a template's variables against them."""
    from pipeline.derive.rollup import rollup
    from pipeline.render import plan as plan_context
    from pipeline.render import report
    from pipeline.render.amend import sample_context

    plan = load(data, REPORT_SHEETS).plan
    period = min(plan.periods)
    roll = rollup(plan.tasks, plan.entries, plan.periods, period, plan.year, [u.code for u in plan.units])
    from pipeline.render import remind, unit_plan

    contexts: dict[str, dict[str, object]] = {
        "qd_kehoach.docx": plan_context.plan_context(plan),
        "baocao_quy.docx": report.report_context(plan, roll, period, lambda labels, values: b""),
        **({"kehoach_donvi.docx": unit_plan.unit_plan_context(plan, plan.units[-1])} if plan.units else {}),
        "qd_suadoi.docx": sample_context(plan),
        "congvan_dondoc.docx": remind.remind_context(plan, period, [u.code for u in plan.units]),
    }
    contexts.update(_evaluation_contexts(data))
    return contexts


def _evaluation_contexts(data: Path) -> dict[str, dict[str, object]]:
    """The year-end evaluation's templates (issue 13), when the workbook has their criteria."""
    from pipeline.derive.evaluation import evaluate as score_units
    from pipeline.derive.evaluation import evaluate_agency
    from pipeline.render import evaluation, self_assessment

    plan = load(data, EVALUATE_SHEETS).plan
    today = dt.date(plan.year, 12, 31)
    out: dict[str, dict[str, object]] = {}
    if plan.evaluation.criteria:
        ev = score_units(plan, today)
        out["baocao_danhgia.docx"] = evaluation.report_context(plan, ev)
        out["qd_xeploai.docx"] = evaluation.decision_context(plan, ev)
    if plan.evaluation.own_criteria:
        out["baocao_tudanhgia.docx"] = self_assessment.context(plan, evaluate_agency(plan, today))
    return out


def lint(paths: list[Path], template_mode: bool = False, data: Path = DEFAULT_DATA) -> Result[None]:
    """Nghị định 30 problems of documents, or unknown variables of templates."""
    from pipeline.lint import lint_docx, lint_template

    found: list[Problem] = []
    if not template_mode:
        for path in paths:
            found += lint_docx(Path(path))
    else:
        contexts = template_contexts(data)
        for path in paths:
            provided = contexts.get(Path(path).name)
            if provided is None:  # a renamed copy: accept what either template may use
                provided = {k: v for ctx in contexts.values() for k, v in ctx.items()}
            found += lint_template(Path(path), provided)
    errors = [p for p in found if p.severity is Severity.ERROR]
    warnings = [p for p in found if p.severity is Severity.WARNING]
    if errors:
        what = "biến không có dữ liệu" if template_mode else "lỗi thể thức"
        message = f"Mẫu có {len(errors)} {what}." if template_mode else f"Có {len(errors)} {what}."
        return Result(problems=errors, warnings=warnings, messages=[message], exit_code=1)
    ok = "Mẫu dùng đúng các biến chương trình cung cấp." if template_mode else "Không thấy lỗi thể thức."
    return Result(warnings=warnings, messages=[ok])


def import_plan(source: Path, output: Path | None = None, *, year: int | None = None,
                force: bool = False) -> Result[ImportResult]:
    """A workbook in the project's format from another plan's .docx."""
    from pipeline.importer import import_docx

    done = import_docx(source, output, year=year, force=force)
    errors = [p for p in done.problems if p.severity is Severity.ERROR]
    warnings = [p for p in done.problems if p.severity is Severity.WARNING]
    return Result(written=[done.path], warnings=warnings, messages=[done.summary], problems=errors,
                  exit_code=0 if done.complete else 1, detail=done)


# -- starting the year (issue 11) ------------------------------------------------------------------


def _put(fh: BinaryIO, payload: bytes) -> None:
    fh.write(payload)


def _checked_bytes(payload: bytes, name: str) -> Any:
    """Validate a workbook not yet written, under the file name it will have."""
    import tempfile

    from pipeline import read, validate
    from pipeline.export import write_atomic

    with tempfile.TemporaryDirectory(prefix="cchc-") as tmp:
        path = write_atomic(Path(tmp) / name, lambda fh: _put(fh, payload), app="Excel")
        return validate.workbook(read.read_workbook(path, WORKBOOK_SHEETS))


def new_year(data: Path = DEFAULT_DATA, output: Path | None = None, year: int | None = None,
             force: bool = False, *, today: dt.date | None = None) -> Result[None]:
    """Next year's draft workbook from this year's (`newyear`): never over the input, never
    over another workbook without `force` (which backs it up first), checked before it is written."""
    import io
    from dataclasses import replace

    from pipeline import newyear
    from pipeline.export import OutputSet, backup
    from pipeline.xlsx import write

    data = Path(data)
    plan = load(data, WORKBOOK_SHEETS).plan
    target = plan.year + 1 if year is None else year
    if not plan.year < target <= plan.year + 20:
        raise CchcError(f"Năm {target} không hợp lệ: sổ {data.name} là kế hoạch năm {plan.year}, năm mới phải sau "
                        f"năm {plan.year} (mặc định {plan.year + 1}).")
    out = Path(output) if output else data.with_name(f"kehoach_{target}.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise CchcError(f"Tệp kết quả {out.name} phải có đuôi .xlsx (sổ Excel).")
    if out.exists() and out.resolve() == data.resolve():
        raise CchcError(f"Không ghi sổ năm {target} đè lên chính sổ {data.name} đang đọc; chọn tên khác (-o).")
    if out.exists() and not force:
        raise CchcError(f"Tệp {out} đã có; chương trình không ghi đè sổ đang có. Dùng --force để ghi đè (sổ cũ được "
                        "lưu vào thư mục backup/), hoặc chọn tên tệp khác (-o).")
    draft = newyear.build(plan, data, target, today or dt.date.today())
    buffer = io.BytesIO()
    write(draft.sheets, buffer)
    payload = buffer.getvalue()
    checked = _checked_bytes(payload, out.name)
    if checked.errors:  # a rule above is wrong, not the clerk's workbook: say so, write nothing
        raise CchcError(f"Sổ năm {target} lập từ {data.name} chưa hợp lệ nên chưa ghi; hãy báo lỗi này cho người "
                        "phát triển chương trình:", checked.errors)
    with OutputSet([data]) as staged:
        staged.add(out, lambda fh: _put(fh, payload), ".xlsx", app="Excel")
        kept = backup(out) if out.exists() else None
    messages = [f"Đã ghi sổ nháp năm {target}: {out} (lập từ {data.name}, năm {plan.year}).",
                *(f"  - {line}" for line in draft.lines)]
    if kept:
        messages.append(f"Sổ cũ cùng tên đã được lưu tại {kept}.")
    messages.append(f"Tiếp theo: rà soát ThongTin (căn cứ), NhiemVu (cột '{newyear.CARRIED_HEADER}'), NoiDung; rồi "
                    f"chạy cchc --data {out} validate và plan.")
    warnings = [replace(p, file=out.name) for p in draft.warnings] + checked.warnings
    return Result(written=[out], warnings=warnings, messages=messages)


def _unit(plan: Plan, name: str) -> Any:
    from pipeline.derive.units import UnitIndex

    found = UnitIndex(plan.units).resolve(name)
    if found.code is None:
        hint = f" Có phải '{found.suggestion}'?" if found.suggestion else ""
        raise CchcError(f"Không có đơn vị '{name}' trong sheet DonVi.{hint}")
    return plan.unit(found.code)


def build_unit_plans(data: Path = DEFAULT_DATA, don_vi: str | None = None, output_dir: Path | None = None,
                     force: bool = False) -> Result[None]:
    """A draft Kế hoạch CCHC for each unit that must write one (or for `don_vi` alone), in
    output/<năm>/KeHoach_DonVi/KeHoach_CCHC_<năm>_<Mã đơn vị>.docx."""
    from functools import partial

    from pipeline.derive.unit_plans import must_plan, planning_units, unit_tasks
    from pipeline.export import OutputSet
    from pipeline.render import docx, unit_plan
    from pipeline.schema import UNIT_PLAN_SHEETS
    from pipeline.text import strip_accents

    loaded = load(data, UNIT_PLAN_SHEETS)
    plan = loaded.plan
    warnings = list(loaded.warnings)
    units = [_unit(plan, don_vi)] if don_vi else planning_units(plan)
    if not units:
        raise CchcError("Không có đơn vị nào phải lập Kế hoạch CCHC riêng: sheet DonVi không có chi cục, đơn vị sự "
                        "nghiệp nào, hoặc cột 'Lập kế hoạch CCHC riêng' ghi 'không'. Dùng --don-vi MÃ để lập cho một "
                        "đơn vị bất kỳ.")
    folder = Path(output_dir) if output_dir else OUTPUT_ROOT / str(plan.year) / "KeHoach_DonVi"
    source = template("kehoach_donvi.docx")
    written = []
    with OutputSet([data, source], force) as staged:  # every unit's plan, or none
        for unit in units:
            name = Path(data).name
            if don_vi and not must_plan(unit):
                warnings.append(Problem(f"Đơn vị {unit.code} không thuộc diện lập kế hoạch riêng (sheet DonVi); vẫn "
                                        "lập bản nháp theo yêu cầu.", name, "DonVi", severity=Severity.WARNING))
            if not any(unit_tasks(plan, unit.code)):
                warnings.append(Problem(f"Kế hoạch của Sở không giao nhiệm vụ nào cho {unit.name} ({unit.code}): Kế "
                                        "hoạch của đơn vị chỉ có phần chung.", name, "NhiemVu",
                                        severity=Severity.WARNING))
            safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in strip_accents(unit.code))
            out = folder / f"KeHoach_CCHC_{plan.year}_{safe}.docx"
            staged.check(out, ".docx", issued=True)
            rendered = docx.render(source, unit_plan.unit_plan_context(plan, unit))
            staged.add(out, partial(docx.write_package, rendered), ".docx", issued=True)
            written.append(out)
    lines = [f"Đã ghi {len(written)} Kế hoạch CCHC của đơn vị vào {folder}:", *(f"  {p}" for p in written)]
    return Result(written=written, warnings=warnings, messages=lines)


def build_remind_plans(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False, *,
                       today: dt.date | None = None) -> Result[None]:
    """A công văn đôn đốc to the units whose own CCHC plan Văn phòng has not received."""
    from pipeline.derive.unit_plans import awaited_plans, plan_due
    from pipeline.export import OutputSet
    from pipeline.render import docx, remind

    loaded = load(data, WORKBOOK_SHEETS)
    plan = loaded.plan
    awaited = awaited_plans(plan, today or dt.date.today())
    if not awaited:
        raise CchcError(f"Văn phòng đã nhận Kế hoạch CCHC năm {plan.year} của tất cả các đơn vị phải lập (sheet "
                        "KeHoachDonVi); không cần công văn đôn đốc (không ghi tệp nào).")
    out = Path(output) if output else default_output(plan, f"CongVan_DonDoc_KeHoach_DonVi_{plan.year}.docx")
    context = remind.remind_plans_context(plan, [s.unit.code for s in awaited], plan_due(plan))
    tpl = template("congvan_dondoc.docx")
    with OutputSet([data, tpl], force) as out_set:
        out_set.check(out, ".docx", issued=True)
        rendered = docx.render(tpl, context)
        out_set.add(out, lambda fh: docx.write_package(rendered, fh), ".docx", issued=True)
    return _wrote(out_set.written, loaded.warnings)
