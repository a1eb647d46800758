"""Stage 2: check raw tables and turn cell values into typed values.

Every finding is collected (never raised one by one) so the clerk sees them all at
once, each naming file › sheet › cell. Conversion and checking live together here
because the rule that rejects a value is the rule that reads it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.errors import Problem, Severity
from pipeline.model import PartialDate
from pipeline.read import Record, Table, Workbook, cell_ref, suggest
from pipeline.schema import FIELDS, Column, Field, Kind
from pipeline.text import clean, header_key

_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_MONTH_YEAR = re.compile(r"^(?:(?:ngày)?\s*[/.\-]?\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIOD_WORDS = {"6 tháng": 2, "6 tháng đầu năm": 2, "9 tháng": 3, "năm": 4, "cả năm": 4}


class Invalid(ValueError):
    """A cell value that cannot be read; the message is shown to the clerk."""


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return clean(value)


def to_int(value: object) -> int:
    if isinstance(value, bool):
        raise Invalid("cần một số nguyên")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = clean(value)
    if re.fullmatch(r"\d+", text):
        return int(text)
    raise Invalid(f"'{text}' không phải số nguyên")


def to_number(value: object) -> float:
    if isinstance(value, bool):
        raise Invalid("cần một số")
    if isinstance(value, (int, float)):
        return float(value)
    text = clean(value).replace(" ", "").rstrip("%")
    # Vietnamese writes 87,5 and 1.234; accept both decimal marks when unambiguous.
    if re.fullmatch(r"\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise Invalid(f"'{clean(value)}' không phải số") from None


def to_percent(value: object) -> tuple[float, str | None]:
    """0–100. Returns the value and an optional warning."""
    if isinstance(value, str):
        text = clean(value).replace(" ", "")
        if re.fullmatch(r"\d+(?:[.,]\d+)?%", text):
            number = float(text[:-1].replace(",", "."))
        elif re.fullmatch(r"\d+", text):
            number = float(text)
        else:
            raise Invalid(f"tỷ lệ '{clean(value)}' không hợp lệ: ghi số từ 0 đến 100, ví dụ 50")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if 0 < number < 1:
            # A cell formatted as % in Excel stores 0.5 for 50%.
            return number * 100, f"tỷ lệ {value} được hiểu là {number * 100:g}%"
    else:
        raise Invalid("tỷ lệ phải là số từ 0 đến 100")
    if not 0 <= number <= 100:
        raise Invalid(f"tỷ lệ {number:g} nằm ngoài khoảng 0–100")
    return number, None


def to_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(value)
    m = _DATE_TEXT.match(text)
    try:
        if m:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        m = _ISO_DATE.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise Invalid(f"ngày '{text}' không tồn tại") from None
    if isinstance(value, (int, float)):
        raise Invalid(f"'{to_text(value)}' không phải ngày; ghi dạng dd/mm/yyyy")
    raise Invalid(f"'{text}' không phải ngày; ghi dạng dd/mm/yyyy, ví dụ 15/3/2025")


def to_partial_date(value: object) -> PartialDate | None:
    if _is_blank(value):
        return None
    if isinstance(value, str):
        m = _MONTH_YEAR.match(clean(value).replace("ngày", "").strip())
        if m:
            month, year = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise Invalid(f"tháng {month} không hợp lệ")
            return PartialDate(year, month)
    return PartialDate.of(to_date(value))


def to_period(value: object) -> int:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        n = int(value)
        if 1 <= n <= 4:
            return n
        raise Invalid(f"kỳ {n} không hợp lệ: chỉ có kỳ 1 đến 4")
    key = header_key(value)
    key = re.sub(r"^(kỳ|ky)\s*", "", key)
    key = re.sub(r"\s*(năm)?\s*\d{4}$", "", key).strip()
    if key in _PERIOD_WORDS:
        return _PERIOD_WORDS[key]
    m = re.fullmatch(r"(?:quý|quí|q)?\s*([1-4]|i{1,3}|iv)", key)
    if m:
        token = m[1]
        return int(token) if token.isdigit() else _ROMAN[token]
    raise Invalid(f"không hiểu kỳ '{clean(value)}': ghi 1–4, 'Quý III', 'Q3' hoặc 'III'")


CONVERTERS: dict[Kind, Callable[[object], object]] = {
    Kind.TEXT: to_text,
    Kind.INT: to_int,
    Kind.NUMBER: to_number,
    Kind.DATE: to_date,
    Kind.PARTIAL_DATE: to_partial_date,
    Kind.PERIOD: to_period,
}


@dataclass
class Row:
    """A data row with typed values; `ref(key)` gives its cell for messages."""

    record: Record
    values: dict[str, object]

    @property
    def row(self) -> int:
        return self.record.row

    def ref(self, key: str) -> str:
        return self.record.ref(key)

    def __getitem__(self, key: str) -> object:
        return self.values.get(key)


@dataclass
class Info:
    """ThongTin as typed values: single fields map to a value, multi fields to a list."""

    values: dict[str, object] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)  # field key → cell of its (first) value

    def get(self, key: str, default: object = None) -> object:
        value = self.values.get(key)
        return default if value in (None, "", []) else value

    def text(self, key: str, default: str = "") -> str:
        value = self.get(key)
        return default if value is None else str(value)

    def lines(self, key: str) -> list[str]:
        return list(self.values.get(key) or [])


@dataclass
class Checked:
    """What `validate` hands to `model`: typed rows per sheet plus every problem found."""

    workbook: Workbook
    info: Info
    rows: dict[str, list[Row]]
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


class Reporter:
    """Collects problems for one workbook with its file name filled in."""

    def __init__(self, wb: Workbook, problems: list[Problem]):
        self.file = wb.label
        self.problems = problems

    def error(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(message, self.file, sheet, cell, Severity.ERROR))

    def warn(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(message, self.file, sheet, cell, Severity.WARNING))


def _check_merged(table: Table, report: Reporter) -> None:
    first_data = table.header_row  # 0-based index of the first data row
    for r0, c0, r1, c1 in table.merged:
        if r1 >= first_data and (r1 > r0 or c1 > c0):
            span = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"
            report.error(
                table.sheet,
                cell_ref(r0, c0),
                f"Ô gộp (merge) {span} trong vùng dữ liệu. Hãy bỏ gộp ô (Merge & Center › Unmerge) "
                "và ghi đủ giá trị vào từng dòng.",
            )


def convert_rows(table: Table, report: Reporter) -> list[Row]:
    _check_merged(table, report)
    out: list[Row] = []
    cols = [c for c in table.spec.columns if c.key in table.columns]
    for record in table.records:
        raw_values = record.values
        values: dict[str, object] = {}
        for col in cols:
            raw = raw_values.get(col.key)
            # Common cases without the general path's checks: plain text, a period
            # number, a date cell, a whole percentage.
            kind = col.kind
            if (raw is None or raw == "") and not col.nonempty:
                values[col.key] = "" if kind is Kind.TEXT else None
                continue
            if kind is Kind.TEXT and raw.__class__ is str and raw and raw[0] != "#":
                text = clean(raw)
                if text or not col.nonempty:
                    values[col.key] = text
                    continue
            elif kind is Kind.PERIOD and raw.__class__ in (int, float) and raw in (1, 2, 3, 4):
                values[col.key] = int(raw)
                continue
            elif kind is Kind.DATE and raw.__class__ is dt.date:
                values[col.key] = raw
                continue
            elif kind is Kind.PERCENT and raw.__class__ in (int, float) and (raw == 0 or 1 <= raw <= 100):
                values[col.key] = float(raw)
                continue
            values[col.key] = _convert_cell(table, record, col, report, raw)
        out.append(Row(record, values))
    return out


def _convert_cell(table: Table, record: Record, col: Column, report: Reporter, raw: object) -> object:
    if table.uncached and (record.row, col.key) in table.uncached:
        return None if col.kind is not Kind.TEXT else ""  # reported by `read`: a formula without a value
    if _is_blank(raw):
        if col.nonempty:
            report.error(table.sheet, record.ref(col.key), f"Ô '{col.header}' không được để trống.")
        return None if col.kind is not Kind.TEXT else ""
    if isinstance(raw, str) and raw.startswith("#") and raw.rstrip("!?0/").upper() in (
        "#DIV", "#N/A", "#NAME", "#NULL", "#NUM", "#REF", "#VALUE"):
        report.error(table.sheet, record.ref(col.key), f"Ô '{col.header}' chứa lỗi công thức {raw}.")
        return None
    try:
        if col.kind is Kind.PERCENT:
            value, warning = to_percent(raw)
            if warning:
                report.warn(table.sheet, record.ref(col.key), warning)
            return value
        return CONVERTERS[col.kind](raw)
    except Invalid as exc:
        report.error(table.sheet, record.ref(col.key), f"'{col.header}': {exc}.")
        return None


_FIELD_INDEX = {header_key(n): f for f in FIELDS for n in f.names}


def read_info(table: Table, report: Reporter) -> Info:
    info = Info()
    seen: dict[str, str] = {}
    for record in table.records:
        raw_name = record.get("field")
        if _is_blank(raw_name):
            if not _is_blank(record.get("value")):
                report.warn(table.sheet, record.ref("field"), "Giá trị không có tên trường; dòng này bị bỏ qua.")
            continue
        spec: Field | None = _FIELD_INDEX.get(header_key(raw_name))
        if spec is None:
            near = suggest(str(raw_name), [f.label for f in FIELDS])
            hint = f" Có phải '{near}'?" if near else ""
            report.warn(table.sheet, record.ref("field"), f"Trường '{clean(raw_name)}' không dùng đến.{hint}")
            continue
        raw = record.get("value")
        ref = record.ref("value")
        if spec.multi:
            info.values.setdefault(spec.key, [])
            info.cells.setdefault(spec.key, ref)
            if not _is_blank(raw):
                info.values[spec.key].append(_strip_line(to_text(raw)))
            continue
        if spec.key in seen:
            report.error(table.sheet, record.ref("field"),
                         f"Trường '{spec.label}' được ghi hai lần (lần đầu ở ô {seen[spec.key]}).")
            continue
        seen[spec.key] = record.ref("field")
        info.cells[spec.key] = ref
        if _is_blank(raw):
            info.values[spec.key] = None
            continue
        try:
            info.values[spec.key] = CONVERTERS[spec.kind](raw)
        except Invalid as exc:
            report.error(table.sheet, ref, f"'{spec.label}': {exc}.")
    for spec in FIELDS:
        if spec.required and info.get(spec.key) is None:
            where = info.cells.get(spec.key, "")
            report.error(table.sheet, where,
                         f"Thiếu '{spec.label}' (cột Trường ghi '{spec.label}', cột Giá trị ghi nội dung).")
    return info


def _strip_line(text: str) -> str:
    # The template adds "- " and the final ";" or "."; tolerate clerks who typed them.
    text = re.sub(r"^[-–+•]\s*", "", text.strip())
    return re.sub(r"\s*[;.]$", "", text) if not text.endswith("./.") else text[:-3]


def check(wb: Workbook) -> Checked:
    """Convert every table that was read. Cross-sheet references are resolved (and
    reported) by `model.build`; rules that need derived facts by `audit`."""
    problems = list(wb.problems)
    report = Reporter(wb, problems)
    rows: dict[str, list[Row]] = {}
    info = Info()
    for name, table in wb.tables.items():
        if name == "ThongTin":
            _check_merged(table, report)
            info = read_info(table, report)
        else:
            rows[name] = convert_rows(table, report)
    return Checked(wb, info, rows, problems)


def audit(plan) -> list[Problem]:
    """Warnings that need derived facts: deadlines nobody can place, or in another year."""
    from pipeline.derive.deadlines import UNKNOWN, parse_deadline

    problems: list[Problem] = []
    if not plan.year:
        return problems
    for task in plan.tasks:
        deadline = parse_deadline(task.deadline, plan.year)
        sheet, cell = plan.cell("NhiemVu", "deadline", task.row)
        if deadline.kind == UNKNOWN:
            problems.append(Problem(
                f"Không hiểu thời gian '{task.deadline}' của nhiệm vụ {task.id}; báo cáo sẽ ghi 'không xác định'.",
                plan.source, sheet, cell, Severity.WARNING))
        elif deadline.years and not min(deadline.years) <= plan.year <= max(deadline.years):
            problems.append(Problem(
                f"Thời gian '{task.deadline}' của nhiệm vụ {task.id} ghi năm {', '.join(map(str, deadline.years))}, "
                f"khác năm kế hoạch {plan.year}.",
                plan.source, sheet, cell, Severity.WARNING))
    problems += _audit_entries(plan)
    return problems


def _audit_entries(plan) -> list[Problem]:
    """TienDo rows that are readable but doubtful."""
    out: list[Problem] = []
    tasks = {t.id: t for t in plan.tasks}

    def warn(key: str, row: int, message: str) -> None:
        sheet, cell = plan.cell("TienDo", key, row)
        out.append(Problem(message, plan.source, sheet, cell, Severity.WARNING))

    for e in plan.entries:
        task = tasks.get(e.task)
        if task and e.unit not in task.lead and e.unit not in task.support:
            warn("unit", e.row, f"Đơn vị {e.unit} không được giao nhiệm vụ {e.task} (không chủ trì, không phối hợp).")
        if e.status in ("xong", "xong_tre") and e.percent is not None and e.percent < 100:
            warn("percent", e.row, f"Trạng thái đã hoàn thành nhưng tỷ lệ chỉ {e.percent:g}%.")
        period = plan.periods.get(e.period)
        if period and period.cutoff_to and e.done_on and e.done_on > period.cutoff_to:  # None: reported above
            warn("done_on", e.row, f"Ngày hoàn thành {e.done_on:%d/%m/%Y} sau ngày chốt số liệu kỳ {e.period} "
                                   f"({period.cutoff_to:%d/%m/%Y}).")
    return out
