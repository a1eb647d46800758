"""Each period's work: the report, the reminder, the workbook's check, the units' forms
and their collection, and the calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.api.core import (
    DEFAULT_DATA,
    Result,
    cut_notes,
    default_output,
    forms_folder,
    gaps_or_refuse,
    load,
    require_period,
    returned_folder,
    template,
    wrote,
)
from pipeline.errors import CchcError
from pipeline.model import Plan
from pipeline.schema import (
    FORM_SHEETS,
    REPORT_SHEETS,
    WORKBOOK_SHEETS,
)

if TYPE_CHECKING:
    from pipeline.derive.calendar import Calendar
    from pipeline.forms import Undo as forms_Undo
    from pipeline.forms.decide import CollectResult


def report_name(quy: int, year: int) -> str:
    """The report's default file name (in output/<năm>/)."""
    return f"BaoCao_CCHC_Quy{quy}_{year}.docx"


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
    require_period(plan, quy)
    plan = plan_at(plan, plan.periods[quy].cutoff_to)  # the plan as it stood at the cut-off (issue 12)
    gaps = gaps_or_refuse(report_gaps(plan, quy), strict, "Báo cáo")
    roll = rollup(plan.tasks, plan.entries, plan.periods, quy, plan.year, [u.code for u in plan.units])
    out_path = Path(output) if output else default_output(plan, report_name(quy, plan.year))
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
        phu_luc = context["phu_luc"]
        assert isinstance(phu_luc, dict)
        tasks = figures.task_sheet(phu_luc["nhom"], phu_luc["nhan"])  # the very rows of the report's Phụ lục
        out.add(figures_path, lambda fh: write(figures.sheets(plan, roll, quy, tasks), fh, cut), ".xlsx", app="Excel")
        if pdf:
            stage_pdf(out, out_path, staged)
    return wrote(out.written, loaded.warnings + gaps + cut_notes(cut))


def build_remind(data: Path = DEFAULT_DATA, quy: int = 3, output: Path | None = None,
                 force: bool = False, pdf: bool = False, *, today: dt.date | None = None) -> Result[None]:
    """A công văn đôn đốc to the units that have not reported for period `quy`, giving them a new
    deadline (ThongTin's, or working days after the công văn's date)."""
    from pipeline.api.core import remind_deadline, write_reminder
    from pipeline.derive.amend import plan_at
    from pipeline.derive.report import missing_units
    from pipeline.formatting import period_phrase
    from pipeline.render import remind

    loaded = load(data, WORKBOOK_SHEETS)
    plan = loaded.plan
    require_period(plan, quy)
    plan = plan_at(plan, plan.periods[quy].cutoff_to)  # the units of the tasks in force then (issue 12)
    units = missing_units(plan, quy)
    if not units:
        raise CchcError(f"Tất cả đơn vị đã báo cáo {period_phrase(plan.periods[quy].name, plan.year)}; "
                        "không cần công văn đôn đốc (không ghi tệp nào).")
    deadline, notes, how = remind_deadline(plan, plan.periods[quy].unit_due, today)
    out_path = Path(output) if output else default_output(plan, f"CongVan_DonDoc_Quy{quy}_{plan.year}.docx")
    return write_reminder(data, out_path, lambda date: remind.remind_context(plan, quy, units, deadline, date), force,
                          pdf, loaded.warnings + notes, how, plan)


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
    """One form (.xlsx) per unit with tasks, in `output/<năm>/phieu/Q<quy>/Phieu_Q<quy>_<năm>_<Mã>.xlsx`:
    its tasks pre-filled with its latest entries up to the period, ready to fill and return;
    and the empty folder `nhan/` beside them for the forms that come back. The forms are
    written together: none is, if one cannot be."""
    from pipeline import forms
    from pipeline.derive.amend import plan_at
    from pipeline.errors import Problem, Severity
    from pipeline.export import OutputSet, reporting
    from pipeline.forms.decide import RETURNED_FOLDER

    loaded = load(data, FORM_SHEETS)
    plan = loaded.plan
    require_period(plan, quy)
    plan = plan_at(plan, plan.periods[quy].cutoff_to)  # the tasks in force at the cut-off (issue 12)
    folder = Path(output_dir) if output_dir else forms_folder(plan.year, quy)
    cut: list[str] = []
    unfilled: list[str] = []
    with OutputSet([data]) as out:
        paths = forms.write_forms(plan, quy, folder, today or dt.date.today(), out, cut, unfilled)
    inbox = folder / RETURNED_FOLDER
    with reporting(inbox, "tạo thư mục"):
        inbox.mkdir(exist_ok=True)
    notes = [Problem(n, severity=Severity.WARNING) for n in unfilled]
    command = f"cchc collect --quy {quy}" + ("" if inbox == returned_folder(plan.year, quy) else f" {inbox}")
    return Result(written=paths, warnings=loaded.warnings + cut_notes(cut) + notes,
                  messages=[f"Đã ghi {len(paths)} phiếu vào {folder}:", *(f"  {p}" for p in paths),
                            f"Phiếu đơn vị gửi lại: lưu vào {inbox} rồi chạy {command}."])


def collect(data: Path = DEFAULT_DATA, quy: int = 3, paths: Iterable[Path] = (), *,
            now: dt.datetime | None = None) -> Result[CollectResult]:
    """Merge returned forms into the workbook's TienDo (and the NhanPhieu log); without paths,
    the period's `nhan/` folder. Holds the workbook's lock from reading it to writing it;
    refuses to start when the workbook is open in Excel or invalid; writes nothing when
    nothing changes. Exit code 0, 1 (nothing written) or 3 (written, some forms refused)."""
    from pipeline import forms
    from pipeline.derive.amend import plan_at
    from pipeline.export import ensure_not_open, workbook_lock

    data = Path(data)
    with workbook_lock(data):
        ensure_not_open(data, "Excel")
        loaded = load(data, WORKBOOK_SHEETS)
        require_period(loaded.plan, quy)
        plan = plan_at(loaded.plan, loaded.plan.periods[quy].cutoff_to)  # the tasks its forms list (issue 12)
        named = list(paths) or [returned_folder(plan.year, quy)]
        done = forms.collect(plan, data, quy, named, now=now, warnings=loaded.warnings,
                             forms_folder=forms_folder(plan.year, quy))
    refused = [p for f in done.refused for p in f.problems]
    return Result(written=[data] if done.written else [], warnings=done.warnings, messages=done.summary().splitlines(),
                  problems=refused, exit_code=done.exit_code, detail=done)


def undo_collect(data: Path = DEFAULT_DATA, *, now: dt.datetime | None = None, dry_run: bool = False,
                 expect: str | None = None) -> Result[str]:
    """Put the workbook back as the last collect found it, from that collect's backup (the
    journal in backup/ says which), while the workbook is still exactly what it wrote; holds
    the workbook's lock. `dry_run`: only say what would be restored. `expect`: the time of
    the collect the clerk was shown (a dry run's), refused if another one is now the last."""
    from pipeline import forms
    from pipeline.export import ensure_not_open, workbook_lock

    data = Path(data)
    with workbook_lock(data):
        ensure_not_open(data, "Excel")
        undo = forms.last_collect(data)
        lines = _undo_lines(undo)
        if dry_run:
            return Result(messages=lines, detail=undo.entry.at)
        if expect is not None and undo.entry.at != expect:
            raise CchcError("Sổ vừa có một lần nhập phiếu khác; chưa hoàn tác gì. Hãy chạy lại cchc collect --undo.")
        copy = forms.restore(data, undo, (now or dt.datetime.now()).replace(microsecond=0))
    return Result(written=[data], messages=[*lines, f"Đã khôi phục sổ {data}; bản trước khi hoàn tác được lưu ở "
                                                    f"{copy}."], detail=undo.entry.at)


def _undo_lines(undo: forms_Undo) -> list[str]:
    from pipeline.formatting import short_date

    e = undo.entry
    what = "phiếu tự đánh giá" if e.kind == "danh_gia" else "phiếu báo cáo"
    lines = [f"Hoàn tác lần nhập {what} {e.period_phrase} lúc {e.time:%H:%M:%S} ngày {short_date(e.time.date())}: "
             f"khôi phục sổ từ bản sao lưu {undo.backup}, bỏ {len(e.forms)} phiếu đã nhập:"]
    lines += [f"  {f.file} ({f.unit}, ngày {short_date(dt.date.fromisoformat(f.report_date))})" for f in e.forms]
    return lines


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
    lines += _late_lines(plan, cal.today, data)
    lines += _unit_plan_lines(plan, cal.today)
    return Result(warnings=loaded.warnings, messages=lines, detail=cal)


def _late_lines(plan: Plan, today: dt.date, data: Path) -> list[str]:
    """After a unit deadline (the last one passed): that it has passed, and who sent nothing."""
    from pipeline.api.status import invocation
    from pipeline.derive.status import late_units
    from pipeline.render.status import late_line

    passed = [p for p in plan.periods.values() if p.unit_due and p.unit_due < today]
    if not passed:
        return []
    last = max(passed, key=lambda p: (p.unit_due or today, p.number))
    return [late_line(plan, last, late_units(plan, last.number, today), today, invocation(data))]


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
