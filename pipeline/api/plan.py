"""The plan's documents: the Quyết định and its Phụ lục, the appendix alone, and the
Quyết định sửa đổi, bổ sung (issue 12), with the record of what was issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.api.core import (
    DEFAULT_DATA,
    Loaded,
    Result,
    default_output,
    gaps_or_refuse,
    load,
    template,
    wrote,
)
from pipeline.errors import CchcError
from pipeline.model import Plan
from pipeline.schema import (
    AMEND_SHEETS,
    APPENDIX_SHEETS,
    PLAN_SHEETS,
)

if TYPE_CHECKING:
    from pipeline.derive.amend import Changes
    from pipeline.export import OutputSet

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
    rendered = docx.render(tpl, plan_context.plan_context(plan, groups), fast_loops=("phu_luc.nhom",), tweak=tweak,
                           portrait_last=not plan.appendix_landscape)
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
    return wrote(out.written, loaded.warnings)


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
    gaps = gaps_or_refuse(plan_gaps(loaded.plan), strict, "Kế hoạch")
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
