"""Stage 1: read the workbook into plain tables of raw cell values.

Values come from python-calamine: it is an order of magnitude faster than openpyxl
and its XML reader does not expand entities, so a crafted workbook cannot blow up
memory. Nothing is interpreted here beyond locating each sheet's header row; cell
typing and checks belong to `validate`.
"""

from __future__ import annotations

import difflib
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CchcError, Problem
from pipeline.schema import SHEETS, SheetSpec
from pipeline.text import header_key

# A header may sit below a title line or two; look this far down for it.
HEADER_SEARCH_ROWS = 6
MAX_UNPACKED = 1 << 30


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row0: int, col0: int) -> str:
    return f"{col_letter(col0)}{row0 + 1}"


@dataclass
class Record:
    """One data row: its Excel row number and raw values by column key."""

    row: int  # 1-based, as Excel shows it
    values: dict[str, object]
    table: Table = field(repr=False)

    def get(self, key: str) -> object:
        return self.values.get(key)

    def ref(self, key: str) -> str:
        col = self.table.columns.get(key)
        return f"{col_letter(col)}{self.row}" if col is not None else f"{self.row}"


@dataclass
class Table:
    sheet: str
    spec: SheetSpec
    header_row: int  # 1-based
    columns: dict[str, int]  # column key → 0-based index
    records: list[Record] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based)


@dataclass
class Workbook:
    path: Path
    tables: dict[str, Table]
    problems: list[Problem]

    @property
    def label(self) -> str:
        return self.path.name


def _problem(path: Path, msg: str, sheet: str = "", cell: str = "") -> Problem:
    return Problem(msg, file=path.name, sheet=sheet, cell=cell)


def check_file(path: Path) -> None:
    """Refuse anything that is not a readable .xlsx, with a message a clerk understands."""
    name = path.name
    if not path.exists():
        raise CchcError(f"Không tìm thấy tệp {path}. Kiểm tra lại đường dẫn (tùy chọn --data).")
    if path.is_dir():
        raise CchcError(f"{path} là một thư mục, không phải tệp Excel .xlsx.")
    if path.stat().st_size == 0:
        raise CchcError(f"Tệp {name} rỗng (0 byte). Hãy lấy lại bản sao lưu của sổ Excel.")
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if suffix == ".xls":
            raise CchcError(
                f"Tệp {name} là định dạng Excel 97-2003 (.xls). Mở tệp bằng Excel và "
                "chọn File › Save As › Excel Workbook (*.xlsx), rồi chạy lại."
            )
        raise CchcError(
            f"Tệp {name} được đặt mật khẩu (mã hóa) hoặc là định dạng .xls cũ. "
            "Hãy bỏ mật khẩu (File › Info › Protect Workbook) và lưu dạng .xlsx."
        )
    if suffix == ".csv" or (suffix not in (".xlsx", ".xlsm") and not head.startswith(b"PK")):
        raise CchcError(
            f"Tệp {name} không phải sổ Excel .xlsx. Chương trình chỉ đọc tệp .xlsx "
            "(mở tệp bằng Excel và lưu dạng Excel Workbook)."
        )
    if not head.startswith(b"PK"):
        raise CchcError(f"Tệp {name} không phải sổ Excel .xlsx hợp lệ (nội dung không đúng định dạng).")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CchcError(
            f"Tệp {name} bị hỏng hoặc bị cắt dở ({exc}). Hãy lấy lại bản sao lưu."
        ) from None
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise CchcError(f"Tệp {name} bị hỏng: thiếu phần xl/workbook.xml (không phải sổ Excel).")
    # A few MB of XML per 10,000 rows; gigabytes mean a zip bomb, not a plan.
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        raise CchcError(f"Tệp {name} giải nén ra quá lớn (trên {MAX_UNPACKED // 2**20} MB); "
                        "đây không phải sổ kế hoạch bình thường nên chương trình không mở.")


def suggest(word: str, choices: Iterable[str]) -> str | None:
    choices = list(choices)
    keyed = {header_key(c): c for c in choices}
    match = difflib.get_close_matches(header_key(word), list(keyed), n=1, cutoff=0.6)
    return keyed[match[0]] if match else None


def _find_header(rows: list[list[object]], spec: SheetSpec) -> tuple[int, dict[str, int]]:
    names = {header_key(n): c.key for c in spec.columns for n in c.names}
    best_row, best = 0, {}
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = names.get(header_key(value)) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = c
        if len(found) > len(best):
            best_row, best = r, found
    return best_row, best


def _table(path: Path, sheet_name: str, spec: SheetSpec, rows: list[list[object]],
           merged: list[tuple[int, int, int, int]], problems: list[Problem]) -> Table:
    header_row, columns = _find_header(rows, spec)
    table = Table(sheet_name, spec, header_row + 1, columns, merged=merged)
    present = {header_key(v): cell_ref(header_row, c) for c, v in enumerate(rows[header_row] if rows else [])
               if isinstance(v, str) and v.strip()}
    for col in spec.columns:
        if col.required and col.key not in columns:
            unknown = [h for h in present if h not in {header_key(n) for c in spec.columns for n in c.names}]
            near = suggest(col.header, unknown) if unknown else None
            if near:
                cell = present[header_key(near)]
                hint = f" Tiêu đề '{near}' ở ô {cell} có phải là cột này không? Hãy sửa thành '{col.header}'."
            else:
                cell = f"dòng {header_row + 1}"
                hint = f" Hãy thêm cột có tiêu đề '{col.header}' vào dòng tiêu đề (dòng {header_row + 1})."
            problems.append(_problem(path, f"Thiếu cột '{col.header}'.{hint}", sheet_name, cell))
    keys = list(columns)
    width = max(len(row) for row in rows) if rows else 0
    # Pad short rows once so each row is read with one itemgetter call (tens of thousands of rows).
    picks = [columns[k] for k in keys]
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        values = [row[c] for c in picks]
        if all(v is None or (v.__class__ is str and not v.strip()) for v in values):
            continue  # blank rows, including Excel's trailing empty rows, carry nothing
        table.records.append(Record(r + 1, dict(zip(keys, values)), table))
    return table


def read_workbook(path: Path, sheets: Iterable[str]) -> Workbook:
    """Read the named sheets. Missing sheets and columns become problems, not exceptions,
    so `validate` can report every one of them at once."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    check_file(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own types for every corruption
        raise CchcError(f"Không đọc được tệp {path.name}: tệp hỏng hoặc không phải .xlsx ({exc}).") from None
    problems: list[Problem] = []
    actual = {header_key(n): n for n in wb.sheet_names}
    tables: dict[str, Table] = {}
    for name in sheets:
        spec = SHEETS[name]
        real = next((actual[k] for k in (header_key(n) for n in (name, *spec.aliases)) if k in actual), None)
        if real is None:
            near = suggest(name, wb.sheet_names)
            hint = f" Sheet '{near}' có phải là sheet này không? Hãy đổi tên thành '{name}'." if near else ""
            problems.append(_problem(path, f"Thiếu sheet '{name}' ({spec.title}).{hint}"))
            continue
        try:
            sheet = wb.get_sheet_by_name(real)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        except Exception as exc:
            raise CchcError(f"Không đọc được sheet '{real}' trong {path.name}: {exc}") from None
        tables[name] = _table(path, real, spec, rows, merged, problems)
    return Workbook(path, tables, problems)


def iter_records(wb: Workbook, name: str) -> Iterator[Record]:
    table = wb.tables.get(name)
    return iter(table.records) if table else iter(())
