"""One sheet's rows → a `Table` of raw values, column by column, under its header.

The header row is looked for among the first rows (a title line or two may sit above
it); a header found further down is one clear message, not a missing column per
column and an error per cell. A header cell that names a column twice is a warning
(the first is used); formulas without values, error cells and hidden rows the scan
found are reported at their cells.
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Problem, Severity
from pipeline.oserrors import shown
from pipeline.read.refs import cell_ref, col_letter
from pipeline.read.scan import SheetScan
from pipeline.schema import SheetSpec
from pipeline.text import header_key

# A header may sit below a title line or two; look this far down for it.
HEADER_SEARCH_ROWS = 6
# How far down a misplaced header is still found, to say where it is.
HEADER_FAR_ROWS = 60


@dataclass
class Table:
    """One sheet's data rows as raw cell values, column by column.

    Column lists (rather than a dict per row) keep tens of thousands of rows cheap to
    read and to convert; `validate` turns them into typed columns of the same shape."""

    sheet: str  # the sheet's name as in the file
    spec: SheetSpec
    header_row: int  # 1-based
    columns: dict[str, int]  # column key → 0-based index, for the contract's columns found
    rows: list[int] = field(default_factory=list)  # 1-based Excel row number of each data row
    values: dict[str, list[object]] = field(default_factory=dict)  # column key → raw values, aligned with rows
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 (0-based)
    above: list[list[object]] = field(default_factory=list)  # rows above the header (titles, a form's date)
    uncached: set[tuple[int, str]] = field(default_factory=set)  # (row, key): formula without a value, reported

    def __len__(self) -> int:
        return len(self.rows)

    def ref(self, key: str, i: int) -> str:
        """The cell of column `key` in data row `i` ("E12"), or "dòng 12" without the column."""
        col = self.columns.get(key)
        return f"{col_letter(col)}{self.rows[i]}" if col is not None else f"dòng {self.rows[i]}"


def problem(path: Path, msg: str, sheet: str = "", cell: str = "", severity: Severity = Severity.ERROR) -> Problem:
    return Problem(msg, file=shown(path.name), sheet=sheet, cell=cell, severity=severity)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    choices = list(choices)
    keyed = {header_key(c): c for c in choices}
    match = difflib.get_close_matches(header_key(word), list(keyed), n=1, cutoff=0.6)
    return keyed[match[0]] if match else None


def _header_cells(row: Sequence[object], spec: SheetSpec) -> tuple[dict[str, int], list[tuple[str, int, int]]]:
    """Column key → index in one row, and the columns named twice (key, first, second)."""
    names = {header_key(n): c.key for c in spec.columns for n in c.names}
    found: dict[str, int] = {}
    twice: list[tuple[str, int, int]] = []
    for c, value in enumerate(row):
        key = names.get(header_key(value)) if isinstance(value, str) else None
        if key and key in found:
            twice.append((key, found[key], c))
        elif key:
            found[key] = c
    return found, twice


def _find_header(rows: Sequence[Sequence[object]], spec: SheetSpec, depth: int = HEADER_SEARCH_ROWS
                 ) -> tuple[int, dict[str, int]]:
    best_row, best = 0, dict[str, int]()
    for r, row in enumerate(rows[:depth]):
        found, _ = _header_cells(row, spec)
        if len(found) > len(best):
            best_row, best = r, found
    return best_row, best


def find_header(rows: Sequence[Sequence[object]], spec: SheetSpec) -> tuple[int, dict[str, int]]:
    """The 0-based header row among the first rows, and column key → 0-based index."""
    return _find_header(rows, spec)


def _misplaced_header(path: Path, sheet: str, spec: SheetSpec, rows: Sequence[Sequence[object]],
                      near: dict[str, int], problems: list[Problem]) -> bool:
    """A header further down than looked for: one message saying where it is."""
    required = [c.key for c in spec.columns if c.required]
    if all(k in near for k in required):
        return False
    far_row, far = _find_header(rows, spec, HEADER_FAR_ROWS)
    if far_row < HEADER_SEARCH_ROWS or not all(k in far for k in required):
        return False
    problems.append(problem(
        path, f"Dòng tiêu đề của sheet nằm ở dòng {far_row + 1}, quá xa phía dưới (chương trình tìm trong "
        f"{HEADER_SEARCH_ROWS} dòng đầu). Hãy xóa các dòng trống hoặc dòng chữ phía trên dòng tiêu đề.",
        sheet, f"dòng {far_row + 1}"))
    return True


def build_table(path: Path, sheet_name: str, spec: SheetSpec, rows: Sequence[Sequence[object]],
           merged: list[tuple[int, int, int, int]], problems: list[Problem], scan: SheetScan | None = None) -> Table:
    header_row, columns = _find_header(rows, spec)
    if _misplaced_header(path, sheet_name, spec, rows, columns, problems):
        return Table(sheet_name, spec, header_row + 1, {}, merged=merged)
    table = Table(sheet_name, spec, header_row + 1, columns, merged=merged, above=[list(r) for r in rows[:header_row]])
    for key, first, second in _header_cells(rows[header_row] if rows else [], spec)[1]:
        problems.append(problem(
            path, f"Cột '{spec.column(key).header}' có hai lần (ô {cell_ref(header_row, first)} và ô "
            f"{cell_ref(header_row, second)}); chương trình dùng cột ở ô {cell_ref(header_row, first)}. Hãy xóa "
            "hoặc đổi tên cột thừa.", sheet_name, cell_ref(header_row, second), Severity.WARNING))
    present = {header_key(v): (cell_ref(header_row, c), " ".join(v.split()))
               for c, v in enumerate(rows[header_row] if rows else []) if isinstance(v, str) and v.strip()}
    for col in spec.columns:
        if col.required and col.key not in columns:
            unknown = [h for h in present if h not in {header_key(n) for c in spec.columns for n in c.names}]
            near = suggest(col.header, unknown) if unknown else None
            if near:
                cell, typed = present[header_key(near)]
                hint = f" Tiêu đề '{typed}' ở ô {cell} có phải là cột này không? Hãy sửa thành '{col.header}'."
            else:
                cell = f"dòng {header_row + 1}"
                hint = f" Hãy thêm cột có tiêu đề '{col.header}' vào dòng tiêu đề (dòng {header_row + 1})."
            problems.append(problem(path, f"Thiếu cột '{col.header}'.{hint}", sheet_name, cell))
    keys = list(columns)
    data = rows[header_row + 1:]
    width = max(map(len, rows), default=0)
    if data and min(map(len, data)) < width:  # calamine's rows are rectangular; be safe
        data = [list(row) + [""] * (width - len(row)) for row in data]
    if keys and data:
        picked = map(operator.itemgetter(*(columns[k] for k in keys)), data)
        cols = list(zip(*picked)) if len(keys) > 1 else [tuple(v for v in picked)]
    else:
        cols = [() for _ in keys]
    keep = _nonblank_rows(cols, len(data))
    if len(keep) == len(data):
        table.rows = list(range(header_row + 2, header_row + 2 + len(data)))
        table.values = {k: list(col) for k, col in zip(keys, cols)}
    else:  # blank rows, including Excel's trailing empty rows, carry nothing
        table.rows = [header_row + 2 + i for i in keep]
        table.values = {k: [col[i] for i in keep] for k, col in zip(keys, cols)}
    if scan and (scan.uncached or scan.hidden_rows or scan.errors):
        _report_scan(path, table, scan, problems)
    return table


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _nonblank_rows(cols: list[tuple[object, ...]], n: int) -> list[int]:
    """Indices of the rows with a value in some contract column. The first column (a code
    or name) decides most rows alone; only a row blank there is looked at whole."""
    if not cols:
        return []
    first, rest = cols[0], cols[1:]
    return [i for i, v in enumerate(first)
            if not _blank(v) or any(not _blank(c[i]) for c in rest)]


def _report_scan(path: Path, table: Table, scan: SheetScan, problems: list[Problem]) -> None:
    by_col = {c: k for k, c in table.columns.items()}
    for r0, c0 in sorted(scan.uncached):
        key = by_col.get(c0)
        if key is None or r0 + 1 < table.header_row:
            continue  # outside the table: an extra column or a title line
        table.uncached.add((r0 + 1, key))
        problems.append(problem(
            path, "Ô có công thức nhưng chưa có giá trị đã tính (sổ được tạo bằng chương trình khác và chưa mở "
            "bằng Excel). Hãy mở sổ bằng Excel, lưu lại rồi chạy lại, hoặc thay công thức bằng giá trị.",
            table.sheet, cell_ref(r0, c0)))
    for r0, c0, error in sorted(scan.errors):
        if r0 + 1 > table.header_row and c0 in by_col:
            table.uncached.add((r0 + 1, by_col[c0]))  # calamine reads it as empty: so does validate
            problems.append(problem(
                path, f"Ô chứa lỗi công thức {error}; Excel hiển thị lỗi này, chương trình không dùng giá trị ở ô. "
                "Hãy sửa công thức hoặc ghi giá trị vào ô.", table.sheet, cell_ref(r0, c0)))
    for row in table.rows if scan.hidden_rows else ():
        if row in scan.hidden_rows:
            problems.append(problem(
                path, f"Dòng {row} đang bị ẩn (hidden) nhưng vẫn được tính vào văn bản. Bỏ ẩn dòng "
                "(Unhide) để kiểm tra, hoặc xóa dòng nếu không dùng.",
                table.sheet, f"dòng {row}", Severity.WARNING))
