"""Reading one returned self-assessment form and checking it against the criteria.

The hidden `_cchc` sheet says which unit, year and agency the form is for; the data sheet's
manual rows are converted and checked (a criterion of TieuChi the unit scores itself, listed
once, a score from 0 to its maximum, a document or an explanation for any score above 0).
Group and automatic rows are read-only and ignored. Any error refuses the whole form, every
problem listed; a form that passes becomes a `ReturnedAssessment`, marked untouched when its
fingerprint matches the one it was written with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import formatting as fmt
from pipeline import read
from pipeline.derive.criteria import Tree
from pipeline.derive.units import UnitIndex
from pipeline.errors import CchcError, Problem, Severity
from pipeline.forms.assess_content import AssessContent, assess_content, assess_fingerprint
from pipeline.model import Plan, Unit
from pipeline.schema import ASSESS_DATA_SHEET, ASSESS_DATE, ASSESS_KIND, ASSESS_SPECS, FORM_META_SHEET
from pipeline.text import header_key, match_key
from pipeline.validate.cells import Invalid, to_date, to_text
from pipeline.validate.rows import Reporter, Rows, convert


@dataclass(frozen=True)
class AssessRow:
    criterion: str
    score: float | None
    explanation: str
    evidence: str
    row: int = 0

    def content(self) -> AssessContent:
        return assess_content(self.criterion, self.score, self.explanation, self.evidence)

    @property
    def empty(self) -> bool:
        return self.score is None and not self.explanation and not self.evidence


@dataclass
class ReturnedAssessment:
    path: Path
    unit: str
    unit_name: str
    year: int
    date: dt.date  # Ngày tự đánh giá
    rows: list[AssessRow]  # every manual criterion on the form, in its order
    untouched: bool
    warnings: list[Problem] = field(default_factory=list)

    def contents(self) -> list[AssessContent]:
        return sorted(r.content() for r in self.rows)


def read_assessment(path: Path, plan: Plan) -> ReturnedAssessment:
    """Read and check one returned self-assessment form; CchcError with every problem when it cannot be taken."""
    path = Path(path)
    wb = read.read_workbook(path, (FORM_META_SHEET, ASSESS_DATA_SHEET), ASSESS_SPECS)
    table = wb.tables.get(FORM_META_SHEET)
    meta = ({header_key(k): (to_text(v), table.ref("value", i)) for i, (k, v) in enumerate(
        zip(table.values.get("key", []), table.values.get("value", [])))} if table else {})
    unit = _identify(path.name, meta, plan)
    data = wb.tables.get(ASSESS_DATA_SHEET)
    if data is None:
        raise CchcError(f"Phiếu {path.name} thiếu sheet {ASSESS_DATA_SHEET}.", wb.problems)
    problems: list[Problem] = list(wb.problems)
    report = Reporter(wb, problems)
    date = _labelled_date(data, report)
    rows = _rows(convert(data, report), report, plan)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or date is None:
        raise CchcError(f"Phiếu {path.name} có {len(errors)} lỗi; không nhập gì từ phiếu này.", problems)
    stored = meta.get("dau", ("", ""))[0]
    untouched = bool(stored) and stored == assess_fingerprint(date, [r.content() for r in rows])
    return ReturnedAssessment(path, unit.code, unit.name, plan.year, date, rows, untouched,
                              [p for p in problems if p.severity is Severity.WARNING])


def _identify(name: str, meta: dict[str, tuple[str, str]], plan: Plan) -> Unit:
    def value(key: str) -> str:
        return meta.get(key, ("", ""))[0]

    def mismatch(key: str, reason: str, what: str) -> CchcError:
        return CchcError(reason, [Problem(what, name, FORM_META_SHEET, meta.get(key, ("", ""))[1])])

    if match_key(value("loai")) != match_key(ASSESS_KIND):
        raise CchcError(f"Tệp {name} không phải phiếu tự đánh giá do chương trình lập (sheet ẩn {FORM_META_SHEET} "
                        "không ghi loại phiếu này). Hãy dùng phiếu tạo bằng lệnh cchc forms --danh-gia.")
    agency, year, code = value("co_quan"), value("nam"), value("don_vi")
    if match_key(agency) != match_key(plan.agency.abbr):
        raise mismatch("co_quan", f"Phiếu {name} là của cơ quan {agency or '(không rõ)'}, không phải "
                                  f"{plan.agency.abbr}.", "Phiếu của cơ quan khác.")
    if year != str(plan.year):
        raise mismatch("nam", f"Phiếu {name} là phiếu năm {year or '(không rõ)'}, không phải năm {plan.year}.",
                       "Phiếu của năm khác.")
    found = UnitIndex(plan.units).resolve(code) if code else None
    if found is None or found.code is None:
        hint = f" Có phải '{found.suggestion}'?" if found and found.suggestion else ""
        raise mismatch("don_vi", f"Phiếu {name} của đơn vị '{code}' không có trong sheet DonVi.{hint}",
                       f"Đơn vị '{code}' không có trong sheet DonVi.{hint}")
    return plan.unit(found.code)


def _rows(rows: Rows, report: Reporter, plan: Plan) -> list[AssessRow]:
    tree = Tree(plan.evaluation.criteria)
    out: list[AssessRow] = []
    seen: dict[str, int] = {}
    for i, (code, score, explanation, evidence) in enumerate(zip(
            rows.text("criterion"), rows.number("score"), rows.text("explanation"), rows.text("evidence"))):
        if not code:
            continue  # reported by convert (Mã tiêu chí is required)

        def error(key: str, message: str, i: int = i) -> None:
            report.error(rows.sheet, rows.ref(key, i), message)

        c = tree.by_code.get(code)
        if c is None:
            near = read.suggest(code, list(tree.by_code))
            error("criterion", f"Mã tiêu chí '{code}' không có trong bộ tiêu chí (sheet TieuChi)."
                               + (f" Có phải '{near}'?" if near else "") + " Hãy dùng phiếu lập lại.")
            continue
        if tree.is_group(c) or not tree.method(c).manual:
            continue  # read-only rows: what they show is not the unit's to say
        if c.code in seen:
            error("criterion", f"Tiêu chí {c.code} ghi hai lần (dòng {seen[c.code]}).")
            continue
        seen[c.code] = rows.numbers[i]
        if score is not None and not 0 <= score <= c.maximum:
            error("score", f"Điểm tự chấm {fmt.points(score)} ngoài khoảng 0–{fmt.points(c.maximum)} (điểm tối đa của "
                           f"tiêu chí {c.code}).")
        elif score and not evidence and not explanation:
            error("evidence", f"Tiêu chí {c.code} tự chấm {fmt.points(score)} điểm: ghi Tài liệu kiểm chứng, hoặc "
                              "Giải trình khi không có tài liệu.")
        out.append(AssessRow(c.code, score, explanation, evidence, rows.numbers[i]))
    return out


def _labelled_date(table: read.Table, report: Reporter) -> dt.date | None:
    """The date in the cell right of the 'Ngày tự đánh giá' label above the table."""
    key = header_key(ASSESS_DATE)
    for r, line in enumerate(table.above):
        for c, value in enumerate(line):
            if isinstance(value, str) and header_key(value) == key:
                value = line[c + 1] if c + 1 < len(line) else None
                where = read.cell_ref(r, c + 1)
                if value is None or (isinstance(value, str) and not value.strip()):
                    report.error(table.sheet, where, f"Chưa ghi {ASSESS_DATE} (ngày đơn vị gửi phiếu).")
                    return None
                try:
                    return to_date(value)
                except Invalid as exc:
                    report.error(table.sheet, where, f"{ASSESS_DATE}: {exc}.")
                    return None
    report.error(table.sheet, "", f"Không thấy ô '{ASSESS_DATE}' phía trên bảng; phiếu đã bị sửa cấu trúc.")
    return None
