"""The year-end evaluation's sheets → `model.Evaluation`, every problem named by its cell.

    TieuChi       the units' criteria tree (checked by derive.criteria)
    XepLoai       the bands (absent: schema.DEFAULT_BANDS)
    DiemDanhGia   the units' self-scores and the appraisal of manual criteria
    NhanDanhGia   the self-assessment forms taken (`cchc collect --danh-gia` writes it)
    NhanXetDonVi  the clerk's comments per unit (the Sở itself by its Tên viết tắt)
    TuDanhGia     the province's criteria with the Sở's own self-scores

One function per sheet; `evaluation` ties them together for `build.plan`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pipeline import formatting as fmt
from pipeline.derive import criteria as tree_rules
from pipeline.derive.units import UnitIndex
from pipeline.model import (
    AssessmentReceipt,
    Band,
    Criterion,
    CriterionScore,
    EmptyScope,
    Evaluation,
    EvaluationDocs,
    ScoreMethod,
    UnitRemark,
)
from pipeline.read import suggest
from pipeline.schema import (
    DEFAULT_BANDS,
    EMPTY_SCOPE_WORDS,
    EVIDENCE_SOURCE_WORDS,
    REMARK_PART_WORDS,
    SCORE_METHOD_WORDS,
)
from pipeline.text import match_key
from pipeline.validate.cells import Vocabulary
from pipeline.validate.info import Info
from pipeline.validate.rows import Reporter, Rows

_METHODS = Vocabulary(SCORE_METHOD_WORDS)
_EMPTY = Vocabulary(EMPTY_SCOPE_WORDS)
_SOURCES = Vocabulary(EVIDENCE_SOURCE_WORDS)
_PARTS = Vocabulary(REMARK_PART_WORDS)


def criteria(report: Reporter, t: Rows | None) -> list[Criterion]:
    """One criteria tree (TieuChi or TuDanhGia); the tree's rules reported on their cells."""
    out: list[Criterion] = []
    if t is None:
        return out
    where: dict[str, int] = {}
    for i, (code, parent, name, maximum, method_text, asked, empty_text, sources_text) in enumerate(zip(
            t.text("code"), t.text("parent"), t.text("name"), t.number("maximum"), t.text("method"),
            t.text("asked"), t.text("empty"), t.text("sources"))):
        if not code:
            continue
        if code in where:
            report.error(t.sheet, t.ref("code", i), f"Mã tiêu chí '{code}' trùng với dòng {t.numbers[where[code]]}.")
            continue
        where[code] = i
        method = _METHODS.parse(method_text) if method_text else ScoreMethod.SUM
        if method is None:
            report.error(t.sheet, t.ref("method", i), f"Cách chấm '{method_text}' không hợp lệ: để trống (nhóm, điểm "
                                                      f"là tổng tiêu chí con) hoặc ghi {', '.join(_METHODS.labels)}.")
        empty = _EMPTY.parse(empty_text) if empty_text else EmptyScope.FULL
        if empty is None:
            report.error(t.sheet, t.ref("empty", i), f"'{empty_text}' không hợp lệ: ghi 'điểm tối đa' hoặc '0 điểm'.")
        sources = []
        for word in (w.strip() for w in sources_text.replace("\n", ";").split(";")):
            source = _SOURCES.parse(word) if word else None
            if word and source is None:
                report.error(t.sheet, t.ref("sources", i), f"Nguồn minh chứng '{word}' không hợp lệ: ghi "
                                                           f"{', '.join(_SOURCES.labels)} (cách nhau bởi ;).")
            elif source is not None and source not in sources:
                sources.append(source)
        out.append(Criterion(code, parent, name, maximum or 0.0, method or ScoreMethod.SUM, asked,
                             empty or EmptyScope.FULL, tuple(sources), t.numbers[i]))
    for problem in tree_rules.check(out):
        report.error(t.sheet, t.ref(problem.column, where[problem.code]), problem.message)
    return out


def bands(report: Reporter, t: Rows | None) -> tuple[list[Band], bool]:
    """The bands and whether they are the defaults (no XepLoai sheet)."""
    if t is None:
        return [Band(name, float(lower), note) for name, lower, note in DEFAULT_BANDS], True
    out: list[Band] = []
    for i, (name, lower, note) in enumerate(zip(t.text("name"), t.number("lower"), t.text("note"))):
        if lower is None:
            continue  # reported where it is
        same = next((b for b in out if match_key(b.name) == match_key(name) or b.lower == lower), None)
        if same is not None:
            what = "Tên" if match_key(same.name) == match_key(name) else "Mức điểm"
            report.error(t.sheet, t.ref("name" if what == "Tên" else "lower", i),
                         f"{what} xếp loại trùng với dòng {same.row}.")
            continue
        out.append(Band(name, lower, note, t.numbers[i]))
    if not out:
        report.error(t.sheet, "", "Sheet chưa có mức xếp loại nào (cột Xếp loại, Điểm từ).")
    return out, False


def _unit(report: Reporter, t: Rows, i: int, raw: str, index: UnitIndex, agency: str = "") -> str | None:
    """The unit code a cell names; '' for the Sở itself when `agency` (its Tên viết tắt) is allowed."""
    if agency and match_key(raw) == match_key(agency):
        return ""
    res = index.resolve(raw)
    if res.code:
        return res.code
    if res.candidates:
        report.error(t.sheet, t.ref("unit", i), f"Tên đơn vị '{raw}' không rõ là đơn vị nào "
                                                f"({', '.join(res.candidates)}); ghi mã đơn vị.")
    else:
        hint = f" Có phải '{res.suggestion}'?" if res.suggestion else ""
        report.error(t.sheet, t.ref("unit", i), f"Đơn vị '{raw}' không có trong sheet DonVi.{hint}")
    return None


def _in_range(report: Reporter, t: Rows, key: str, i: int, value: float | None, c: Criterion) -> None:
    if value is not None and not 0 <= value <= c.maximum:
        report.error(t.sheet, t.ref(key, i), f"Điểm {fmt.points(value)} ngoài khoảng 0–{fmt.points(c.maximum)} "
                                             f"(điểm tối đa của tiêu chí {c.code}).")


def _manual(report: Reporter, t: Rows, i: int, code: str, tree: tree_rules.Tree, sheet: str) -> Criterion | None:
    """The manual leaf criterion `code` names, or None with the reason reported."""
    c = tree.by_code.get(code)
    if c is None:
        near = suggest(code, list(tree.by_code))
        hint = f" Có phải '{near}'?" if near else ""
        report.error(t.sheet, t.ref("criterion", i), f"Mã tiêu chí '{code}' không có trong sheet {sheet}.{hint}")
    elif tree.is_group(c):
        report.error(t.sheet, t.ref("criterion", i), f"Tiêu chí {code} là nhóm (điểm là tổng các tiêu chí thành "
                                                     "phần); ghi điểm cho từng tiêu chí thành phần.")
    elif tree.method(c).automatic:
        report.error(t.sheet, t.ref("criterion", i), f"Tiêu chí {code} được chấm tự động từ sổ; không ghi điểm ở "
                                                     "sheet này.")
    else:
        return c
    return None


def scores(report: Reporter, t: Rows | None, index: UnitIndex, crit: list[Criterion]) -> list[CriterionScore]:
    out: list[CriterionScore] = []
    if t is None:
        return out
    tree = tree_rules.Tree(crit)
    seen: dict[tuple[str, str], int] = {}
    for i, (unit_text, code, score, explanation, evidence, appraised, note) in enumerate(zip(
            t.text("unit"), t.text("criterion"), t.number("score"), t.text("explanation"), t.text("evidence"),
            t.number("appraised"), t.text("note"))):
        if not unit_text or not code:
            continue  # reported by convert (required cells)
        unit = _unit(report, t, i, unit_text, index)
        c = _manual(report, t, i, code, tree, "TieuChi")
        if unit is None or c is None:
            continue
        if (unit, c.code) in seen:
            report.error(t.sheet, t.ref("criterion", i), f"Điểm của đơn vị {unit} cho tiêu chí {c.code} đã ghi ở "
                                                         f"dòng {seen[unit, c.code]}.")
            continue
        seen[unit, c.code] = t.numbers[i]
        _in_range(report, t, "score", i, score, c)
        _in_range(report, t, "appraised", i, appraised, c)
        if appraised is not None and (score is None or Decimal(str(appraised)) != Decimal(str(score))) and not note:
            said = f"điểm tự chấm ({fmt.points(score)})" if score is not None else "điểm tự chấm (chưa có)"
            report.error(t.sheet, t.ref("note", i), f"Điểm thẩm định ({fmt.points(appraised)}) khác {said}: ghi lý "
                                                    "do ở cột Ý kiến thẩm định.")
        out.append(CriterionScore(unit, c.code, score, explanation, evidence, appraised, note, t.numbers[i]))
    return out


def receipts(report: Reporter, t: Rows | None, index: UnitIndex) -> list[AssessmentReceipt]:
    out: list[AssessmentReceipt] = []
    if t is None:
        return out
    for i, (unit_text, date, file, at) in enumerate(zip(t.text("unit"), t.date("date"), t.text("file"),
                                                        t.text("imported_at"))):
        unit = _unit(report, t, i, unit_text, index) if unit_text else None
        if unit and date:
            out.append(AssessmentReceipt(unit, date, file, at, t.numbers[i]))
    return out


def remarks(report: Reporter, t: Rows | None, index: UnitIndex, agency: str) -> list[UnitRemark]:
    out: list[UnitRemark] = []
    if t is None:
        return out
    for i, (unit_text, part_text, text) in enumerate(zip(t.text("unit"), t.text("part"), t.text("text"))):
        part = _PARTS.parse(part_text) if part_text else None
        if part_text and part is None:
            report.error(t.sheet, t.ref("part", i), f"Mục '{part_text}' không hợp lệ: ghi một trong "
                                                    f"{', '.join(_PARTS.labels)}.")
        unit = _unit(report, t, i, unit_text, index, agency) if unit_text else None
        if unit is not None and part is not None and text:
            out.append(UnitRemark(unit, part, text, t.numbers[i]))
    return out


def own_scores(report: Reporter, t: Rows | None, crit: list[Criterion]) -> list[CriterionScore]:
    """The Sở's self-scores, on the rows of its own criteria (TuDanhGia)."""
    out: list[CriterionScore] = []
    if t is None:
        return out
    tree = tree_rules.Tree(crit)
    for i, (code, score, explanation, evidence) in enumerate(zip(
            t.text("code"), t.number("score"), t.text("explanation"), t.text("evidence"))):
        c = tree.by_code.get(code)
        if c is None or c.row != t.numbers[i]:
            continue  # blank or a duplicate code, reported by `criteria`
        if score is not None and (tree.is_group(c) or tree.method(c).automatic):
            what = "là nhóm (tổng các tiêu chí thành phần)" if tree.is_group(c) else "được chấm tự động từ sổ"
            report.error(t.sheet, t.ref("score", i), f"Tiêu chí {code} {what}; để trống Điểm tự chấm.")
            continue
        _in_range(report, t, "score", i, score, c)
        if score is not None or explanation or evidence:
            out.append(CriterionScore("", code, score, explanation, evidence, row=t.numbers[i]))
    return out


def docs(info: Info) -> EvaluationDocs:
    return EvaluationDocs(
        deadline=_date(info, "dg_han"), self_deadline=_date(info, "tdg_han"),
        report_no=info.text("dg_so"), report_date=info.partial_date("dg_ngay"),
        decision_no=info.text("xl_so"), decision_date=info.partial_date("xl_ngay"),
        grounds=tuple(info.lines("xl_can_cu")), proposer=info.text("xl_de_nghi"),
        articles=tuple(info.lines("xl_dieu")), recipients=tuple(info.lines("xl_noi_nhan")),
        report_recipients=tuple(info.lines("dg_noi_nhan")), index_name=info.text("chi_so"),
        own_no=info.text("tdg_so"), own_date=info.partial_date("tdg_ngay"),
    )


def _date(info: Info, key: str) -> dt.date | None:
    value = info.get(key)
    return value if isinstance(value, dt.date) else None


def evaluation(report: Reporter, rows: dict[str, Rows], index: UnitIndex, info: Info) -> Evaluation:
    """Every evaluation sheet that was read, and ThongTin's evaluation settings."""
    crit = criteria(report, rows.get("TieuChi"))
    own = criteria(report, rows.get("TuDanhGia"))
    band_list, default = bands(report, rows.get("XepLoai"))
    return Evaluation(
        criteria=crit, bands=band_list, default_bands=default,
        scores=scores(report, rows.get("DiemDanhGia"), index, crit),
        receipts=receipts(report, rows.get("NhanDanhGia"), index),
        remarks=remarks(report, rows.get("NhanXetDonVi"), index, info.text("viet_tat")),
        own_criteria=own, own_scores=own_scores(report, rows.get("TuDanhGia"), own), docs=docs(info),
    )

