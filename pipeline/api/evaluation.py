"""The year-end evaluation (issue 13): the units' scores and ranking, the Sở's own
self-assessment, and the self-assessment forms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.api.core import (
    DEFAULT_DATA,
    OUTPUT_ROOT,
    Loaded,
    Result,
    load,
    template,
)
from pipeline.errors import CchcError
from pipeline.model import Plan
from pipeline.schema import (
    EVALUATE_SHEETS,
)

if TYPE_CHECKING:
    from pipeline.derive.evaluation import Evaluated
    from pipeline.derive.evaluation import Result as Scored
    from pipeline.forms.decide import CollectResult

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
