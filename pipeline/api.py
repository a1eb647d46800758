"""Library entry points: each CLI command is a thin wrapper over one function here.

Every function raises `CchcError` for bad input or a refused action and returns
what it wrote, so the same calls serve scripts, tests and the benchmark.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import CchcError, Problem
from pipeline.model import Plan

if TYPE_CHECKING:
    from pipeline.forms import CollectResult

DEFAULT_DATA = Path("data/kehoach.xlsx")
OUTPUT_ROOT = Path("output")


@dataclass
class Loaded:
    plan: Plan
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class Written:
    path: Path
    warnings: list[Problem] = field(default_factory=list)
    pdf: Path | None = None


def with_pdf(written: Written) -> Written:
    """Also export the written .docx to PDF beside it (LibreOffice)."""
    from pipeline.pdf import to_pdf

    written.pdf = to_pdf(written.path)
    return written


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
    from pipeline import model, read, validate

    wb = read.read_workbook(Path(data), sheets)
    checked = validate.check(wb)
    plan = model.build(checked)
    checked.problems.extend(validate.audit(plan))
    if checked.errors:
        raise CchcError(
            f"Sổ {Path(data).name} có {len(checked.errors)} lỗi; chưa ghi văn bản nào. Hãy sửa rồi chạy lại:",
            checked.errors + checked.warnings,
        )
    return Loaded(plan, checked.warnings)


def check_workbook(data: Path) -> list[Problem]:
    """Every problem in the workbook (all sheets), errors first."""
    from pipeline import model, read, validate
    from pipeline.schema import WORKBOOK_SHEETS

    wb = read.read_workbook(Path(data), WORKBOOK_SHEETS)
    checked = validate.check(wb)
    plan = model.build(checked)
    checked.problems.extend(validate.audit(plan))
    return checked.errors + checked.warnings


def default_output(plan: Plan, name: str) -> Path:
    return OUTPUT_ROOT / str(plan.year) / name


def render_plan(plan: Plan, output: Path, *, appendix_only: bool = False, force: bool = False) -> Path:
    """Render the Quyết định + Kế hoạch + Phụ lục (or the Phụ lục alone) and save it atomically.
    Once the decision has its số, an existing file is replaced only with `force` (and backed up)."""
    from pipeline import ooxml
    from pipeline.export import guard_issued, write_atomic
    from pipeline.render import context, docx

    guard_issued(Path(output), force)

    def tweak(document) -> None:
        if appendix_only:
            ooxml.keep_last_section(document.element.body)

    rendered = docx.render(template("qd_kehoach.docx"), context.plan_context(plan),
                           fast_loops=("phu_luc.nhom",), tweak=tweak)
    return write_atomic(Path(output), lambda fh: docx.write_package(rendered, fh))


def build_plan(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False) -> Written:
    from pipeline.schema import PLAN_SHEETS

    loaded = load(data, PLAN_SHEETS)
    plan = loaded.plan
    out = output or default_output(plan, f"QD_KeHoach_CCHC_{plan.year}.docx")
    return Written(render_plan(plan, out, force=force), loaded.warnings)


def build_appendix(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False) -> Written:
    from pipeline.schema import APPENDIX_SHEETS

    loaded = load(data, APPENDIX_SHEETS)
    plan = loaded.plan
    out = output or default_output(plan, f"PhuLuc_KeHoach_CCHC_{plan.year}.docx")
    return Written(render_plan(plan, out, appendix_only=True, force=force), loaded.warnings)


@dataclass
class ReportWritten(Written):
    figures: Path | None = None


def build_report(data: Path = DEFAULT_DATA, quy: int = 3, nam: int | None = None,
                 output: Path | None = None, force: bool = False) -> ReportWritten:
    """The periodic CCHC report (.docx) and its figures (_so_lieu.xlsx) beside it."""
    from pipeline.derive.rollup import rollup
    from pipeline.export import ensure_not_open, guard_issued, write_atomic
    from pipeline.render import chart, docx, report_context, so_lieu
    from pipeline.schema import REPORT_SHEETS
    from pipeline.workbook import write_workbook

    loaded = load(data, REPORT_SHEETS)
    plan = loaded.plan
    if nam is not None and nam != plan.year:
        raise CchcError(f"Sổ {Path(data).name} là kế hoạch năm {plan.year}, không phải năm {nam}. "
                        f"Dùng --data để chọn sổ của năm {nam}.")
    if quy not in plan.periods:
        raise CchcError(f"Sheet KyBaoCao không có kỳ {quy}.")
    roll = rollup(plan.tasks, plan.entries, plan.periods, quy, plan.year, [u.code for u in plan.units])
    context = report_context.report_context(plan, roll, quy, chart.completion_chart)
    out = Path(output) if output else default_output(plan, f"BaoCao_CCHC_Quy{quy}_{plan.year}.docx")
    figures = out.with_name(f"{out.stem}_so_lieu.xlsx")
    # The two files go together: refuse before writing either if one of them is open.
    ensure_not_open(out)
    ensure_not_open(figures, "Excel")
    guard_issued(out, force)
    # The task-by-task paragraphs and the status appendix grow with the plan: stream them.
    rendered = docx.render(template("baocao_quy.docx"), context,
                           fast_loops=("phu_luc.nhom", "bc.ket_qua", "bc.chi_dao", "bc.phuong_huong"))
    write_atomic(out, lambda fh: docx.write_package(rendered, fh))
    write_workbook(figures, so_lieu.sheets(plan, roll, quy))
    return ReportWritten(out, loaded.warnings, figures=figures)


def template_contexts(data: Path = DEFAULT_DATA) -> dict[str, dict]:
    """Example contexts, by template file name, built from a workbook: what each bundled
    template may use. `cchc lint --template` checks a template's variables against them."""
    from pipeline.derive.rollup import rollup
    from pipeline.render import context, report_context
    from pipeline.schema import REPORT_SHEETS

    plan = load(data, REPORT_SHEETS).plan
    period = min(plan.periods)
    roll = rollup(plan.tasks, plan.entries, plan.periods, period, plan.year, [u.code for u in plan.units])
    return {
        "qd_kehoach.docx": context.plan_context(plan),
        "baocao_quy.docx": report_context.report_context(plan, roll, period, lambda labels, values: b""),
    }


def lint(paths: list[Path], template_mode: bool = False, data: Path = DEFAULT_DATA) -> list[Problem]:
    """Nghị định 30 problems of documents, or unknown variables of templates."""
    from pipeline.lint import lint_docx, lint_template

    problems: list[Problem] = []
    if not template_mode:
        for path in paths:
            problems += lint_docx(Path(path))
        return problems
    contexts = template_contexts(data)
    for path in paths:
        provided = contexts.get(Path(path).name)
        if provided is None:  # a renamed copy: accept what either template may use
            provided = {k: v for ctx in contexts.values() for k, v in ctx.items()}
        problems += lint_template(Path(path), provided)
    return problems


def build_remind(data: Path = DEFAULT_DATA, quy: int = 3, output: Path | None = None) -> Written:
    """A công văn đôn đốc to the units that have not reported for period `quy`."""
    from pipeline.export import write_atomic
    from pipeline.render import docx, remind_context
    from pipeline.schema import WORKBOOK_SHEETS

    loaded = load(data, WORKBOOK_SHEETS)
    plan = loaded.plan
    if quy not in plan.periods:
        raise CchcError(f"Sheet KyBaoCao không có kỳ {quy}.")
    units = remind_context.missing_units(plan, quy)
    if not units:
        from pipeline.format import period_phrase

        raise CchcError(f"Tất cả đơn vị đã báo cáo {period_phrase(plan.periods[quy].name, plan.year)}; "
                        "không cần công văn đôn đốc (không ghi tệp nào).")
    out = Path(output) if output else default_output(plan, f"CongVan_DonDoc_Quy{quy}_{plan.year}.docx")
    rendered = docx.render(template("congvan_dondoc.docx"), remind_context.remind_context(plan, quy, units))
    write_atomic(out, lambda fh: docx.write_package(rendered, fh))
    return Written(out, loaded.warnings)


@dataclass
class CalendarRow:
    period: int
    name: str
    unit_due: object
    cutoff_from: object
    cutoff_to: object
    due: object


def calendar(data: Path = DEFAULT_DATA) -> tuple[int, list[CalendarRow]]:
    """The year's reporting periods from KyBaoCao: (plan year, rows)."""
    loaded = load(data, ("ThongTin", "KyBaoCao"))
    plan = loaded.plan
    rows = [CalendarRow(p.number, p.name, p.unit_due, p.cutoff_from, p.cutoff_to, p.due)
            for p in sorted(plan.periods.values(), key=lambda p: p.number)]
    return plan.year, rows


class FormsWritten(list):
    """The forms written (a list of paths), with the workbook's warnings and their folder."""

    def __init__(self, paths: Iterable[Path], warnings: list[Problem], folder: Path):
        super().__init__(paths)
        self.warnings = warnings
        self.folder = folder


def build_forms(data: Path = DEFAULT_DATA, quy: int = 3, output_dir: Path | None = None, *,
                today: dt.date | None = None) -> FormsWritten:
    """One form (.xlsx) per unit with tasks, in `output/<năm>/phieu/Q<quy>/<Mã đơn vị>.xlsx`:
    its tasks pre-filled with its latest entries up to the period, ready to fill and return."""
    from pipeline import forms
    from pipeline.schema import FORM_SHEETS

    loaded = load(data, FORM_SHEETS)
    plan = loaded.plan
    _require_period(plan, quy)
    folder = Path(output_dir) if output_dir else OUTPUT_ROOT / str(plan.year) / "phieu" / f"Q{quy}"
    paths = forms.write_forms(plan, quy, folder, today or dt.date.today())
    return FormsWritten(paths, loaded.warnings, folder)


def collect(data: Path = DEFAULT_DATA, quy: int = 3, paths: Iterable[Path] = (), *,
            now: dt.datetime | None = None) -> CollectResult:
    """Merge returned forms into the workbook's TienDo (and the NhanPhieu log). Refuses to
    start when the workbook is open in Excel or invalid; writes nothing when nothing changes."""
    from pipeline import forms
    from pipeline.export import ensure_not_open
    from pipeline.schema import WORKBOOK_SHEETS

    data = Path(data)
    ensure_not_open(data, "Excel")
    loaded = load(data, WORKBOOK_SHEETS)
    _require_period(loaded.plan, quy)
    return forms.collect(loaded.plan, data, quy, list(paths), now=now, warnings=loaded.warnings)


def _require_period(plan: Plan, quy: int) -> None:
    if quy not in plan.periods:
        raise CchcError(f"Sheet KyBaoCao không có kỳ {quy}.")
