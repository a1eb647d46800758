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
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pipeline.errors import CchcError, Problem, Severity
from pipeline.model import Plan
from pipeline.schema import APPENDIX_SHEETS, FORM_SHEETS, PLAN_SHEETS, REPORT_SHEETS, WORKBOOK_SHEETS

if TYPE_CHECKING:
    from pipeline.derive.calendar import Calendar
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


def _require_period(plan: Plan, quy: int) -> None:
    if quy not in plan.periods:
        raise CchcError(f"Sheet KyBaoCao không có kỳ {quy}.")


# -- documents ---------------------------------------------------------------------------


def _stage_plan(out: OutputSet, plan: Plan, output: Path, tpl: Path, appendix_only: bool) -> Path:
    from pipeline.ooxml.write import keep_last_section
    from pipeline.render import docx
    from pipeline.render import plan as plan_context

    def tweak(document: Any) -> None:
        if appendix_only:
            keep_last_section(document.element.body)

    out.check(output, ".docx", issued=True)  # refuse before the rendering's cost
    rendered = docx.render(tpl, plan_context.plan_context(plan), fast_loops=("phu_luc.nhom",), tweak=tweak)
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


def _document(data: Path, sheets: tuple[str, ...], name: str, output: Path | None, force: bool, pdf: bool,
              appendix_only: bool) -> Result[None]:
    from pipeline.export import OutputSet
    from pipeline.pdf import stage_pdf

    loaded = load(data, sheets)
    plan = loaded.plan
    target = Path(output) if output else default_output(plan, name.format(nam=plan.year))
    tpl = template("qd_kehoach.docx")
    with OutputSet([data, tpl], force) as out:
        staged = _stage_plan(out, plan, target, tpl, appendix_only)
        if pdf:
            stage_pdf(out, target, staged)
    return _wrote(out.written, loaded.warnings)


def build_plan(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False,
               pdf: bool = False) -> Result[None]:
    return _document(data, PLAN_SHEETS, "QD_KeHoach_CCHC_{nam}.docx", output, force, pdf, appendix_only=False)


def build_appendix(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False,
                   pdf: bool = False) -> Result[None]:
    return _document(data, APPENDIX_SHEETS, "PhuLuc_KeHoach_CCHC_{nam}.docx", output, force, pdf,
                     appendix_only=True)


def build_report(data: Path = DEFAULT_DATA, quy: int = 3, nam: int | None = None,
                 output: Path | None = None, force: bool = False, pdf: bool = False) -> Result[None]:
    """The periodic CCHC report (.docx) and its figures (_so_lieu.xlsx) beside it, written together."""
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
        out.add(figures_path, lambda fh: write(figures.sheets(plan, roll, quy), fh), ".xlsx", app="Excel")
        if pdf:
            stage_pdf(out, out_path, staged)
    # What the report still lacks (placeholders, missing results, an unset deadline): listed, never fatal.
    return _wrote(out.written, loaded.warnings + report.warnings(plan, roll, quy))


def build_remind(data: Path = DEFAULT_DATA, quy: int = 3, output: Path | None = None,
                 force: bool = False) -> Result[None]:
    """A công văn đôn đốc to the units that have not reported for period `quy`."""
    from pipeline.derive.report import missing_units
    from pipeline.export import OutputSet
    from pipeline.formatting import period_phrase
    from pipeline.render import docx, remind

    loaded = load(data, WORKBOOK_SHEETS)
    plan = loaded.plan
    _require_period(plan, quy)
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
    from pipeline.export import OutputSet

    loaded = load(data, FORM_SHEETS)
    plan = loaded.plan
    _require_period(plan, quy)
    folder = Path(output_dir) if output_dir else OUTPUT_ROOT / str(plan.year) / "phieu" / f"Q{quy}"
    with OutputSet([data]) as out:
        paths = forms.write_forms(plan, quy, folder, today or dt.date.today(), out)
    return Result(written=paths, warnings=loaded.warnings,
                  messages=[f"Đã ghi {len(paths)} phiếu vào {folder}:", *(f"  {p}" for p in paths)])


def collect(data: Path = DEFAULT_DATA, quy: int = 3, paths: Iterable[Path] = (), *,
            now: dt.datetime | None = None) -> Result[CollectResult]:
    """Merge returned forms into the workbook's TienDo (and the NhanPhieu log). Holds the
    workbook's lock from reading it to writing it; refuses to start when the workbook is
    open in Excel or invalid; writes nothing when nothing changes."""
    from pipeline import forms
    from pipeline.export import ensure_not_open, workbook_lock

    data = Path(data)
    with workbook_lock(data):
        ensure_not_open(data, "Excel")
        loaded = load(data, WORKBOOK_SHEETS)
        _require_period(loaded.plan, quy)
        done = forms.collect(loaded.plan, data, quy, list(paths), now=now, warnings=loaded.warnings)
    refused = [p for f in done.refused for p in f.problems]
    return Result(written=[data] if done.written else [], warnings=done.warnings, messages=done.summary().splitlines(),
                  problems=refused, exit_code=done.exit_code, detail=done)


def calendar(data: Path = DEFAULT_DATA, today: dt.date | None = None) -> Result[Calendar]:
    """The year's reporting periods from KyBaoCao, and what falls due next."""
    from pipeline.derive.calendar import calendar as year_calendar
    from pipeline.formatting import short_date

    loaded = load(data, ("ThongTin", "KyBaoCao"))
    plan = loaded.plan
    cal = year_calendar(plan, today or dt.date.today())

    def d(x: dt.date | None) -> str:
        return short_date(x) if x else "(chưa đặt)"

    lines = [f"Lịch báo cáo cải cách hành chính năm {plan.year}:",
             f"{'Kỳ':<3} {'Tên kỳ':<18} {'Đơn vị gửi VP':<14} {'Chốt số liệu':<26} {'Gửi Sở Nội vụ':<14}"]
    for p in cal.periods:
        lines.append(f"{p.number:<3} {p.name:<18} {d(p.unit_due):<14} "
                     f"{d(p.cutoff_from) + ' – ' + d(p.cutoff_to):<26} {d(p.due):<14}")
    if cal.next_event:
        lines.append(f"Hôm nay {short_date(cal.today)}. Việc đến hạn tiếp theo: {cal.next_event.what}, ngày "
                     f"{short_date(cal.next_event.when)} (còn {(cal.next_event.when - cal.today).days} ngày).")
    else:
        lines.append(f"Hôm nay {short_date(cal.today)}: các kỳ báo cáo năm {plan.year} đã qua hết.")
    return Result(warnings=loaded.warnings, messages=lines, detail=cal)


# -- other agencies' documents ----------------------------------------------------------------


def template_contexts(data: Path = DEFAULT_DATA) -> dict[str, dict[str, object]]:
    """Example contexts, by template file name, built from a workbook: what each bundled
    template may use. `cchc lint --template` checks a template's variables against them."""
    from pipeline.derive.rollup import rollup
    from pipeline.render import plan as plan_context
    from pipeline.render import report

    plan = load(data, REPORT_SHEETS).plan
    period = min(plan.periods)
    roll = rollup(plan.tasks, plan.entries, plan.periods, period, plan.year, [u.code for u in plan.units])
    return {
        "qd_kehoach.docx": plan_context.plan_context(plan),
        "baocao_quy.docx": report.report_context(plan, roll, period, lambda labels, values: b""),
    }


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
