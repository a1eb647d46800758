"""Stage 1 (read): the workbook → plain tables of raw cell values, one per sheet asked for.

Values come from python-calamine: an order of magnitude faster than openpyxl, and its
XML reader does not expand entities. Before calamine sees a file it is checked as a
package (`package`: a real .xlsx, no DTD in any XML part, not a zip bomb), and each
sheet it will read is measured and screened (`scan`): a sheet whose extent would cost
more than any plan needs is refused, and what calamine does not tell (formulas without
a cached value, error cells, hidden rows) is found. `tables` locates each sheet's
header and cuts its rows into columns. Nothing is interpreted beyond that; typing
and checks belong to `validate`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import CchcError, Problem, Severity
from pipeline.oserrors import reporting, shown
from pipeline.read.package import check_file, defined_names, inspect_package, sheet_parts
from pipeline.read.refs import cell_ref, col_letter
from pipeline.read.scan import FormulaCell, SheetScan, formula_cells, scan_sheet
from pipeline.read.tables import HEADER_SEARCH_ROWS, Table, build_table, find_header, problem, suggest
from pipeline.schema import MAX_SHEET_CELLS, MAX_SHEET_ROWS, SHEETS, SheetSpec
from pipeline.text import header_key

__all__ = [
    "HEADER_SEARCH_ROWS",
    "FormulaCell",
    "RawBook",
    "SheetScan",
    "Table",
    "all_rows",
    "cell_ref",
    "col_letter",
    "defined_names",
    "find_header",
    "formula_cells",
    "inspect_package",
    "read_workbook",
    "sheet_parts",
    "suggest",
]


@dataclass
class RawBook:
    """What `read_workbook` found: the sheets asked for, and what was wrong with the file."""

    path: Path
    tables: dict[str, Table]
    problems: list[Problem]

    @property
    def label(self) -> str:
        return shown(self.path.name)


def _check_extent(path: Path, sheet: str, scan: SheetScan) -> None:
    """Refuse a sheet that would make the reader allocate far more than any plan needs."""
    area = scan.last_row * (scan.last_col + 1)
    if scan.last_row > MAX_SHEET_ROWS or area > MAX_SHEET_CELLS:
        far = cell_ref(max(scan.last_row - 1, 0), scan.last_col)
        rows, limit, cells = (f"{n:,}".replace(",", ".") for n in (scan.last_row, MAX_SHEET_ROWS, MAX_SHEET_CELLS))
        raise CchcError(
            f"Sheet '{sheet}' trong {shown(path.name)} trải tới ít nhất ô {far} ({rows} dòng × {scan.last_col + 1} "
            f"cột), vượt giới hạn {limit} dòng và {cells} ô của một sheet. Có thể có ô bị ghi nhầm ở rất xa phía dưới "
            "hoặc bên phải: hãy xóa các dòng, cột thừa (Ctrl+End để tìm ô cuối) rồi lưu lại.")


def _hidden(path: Path, book: object, real: str) -> Problem | None:
    meta = next((m for m in getattr(book, "sheets_metadata", []) if m.name == real), None)
    state = str(getattr(meta, "visible", "")).rsplit(".", 1)[-1].lower() if meta else ""
    if state in ("hidden", "veryhidden"):
        how = "bị ẩn" if state == "hidden" else "bị ẩn kỹ (very hidden, không bỏ ẩn được từ menu)"
        return problem(path, f"Sheet '{real}' đang {how} nhưng vẫn được đọc vào văn bản. Hãy bỏ ẩn để kiểm tra nội "
                       "dung (chuột phải vào tên sheet › Unhide).", real, "", Severity.WARNING)
    return None


def read_workbook(path: Path, sheets: Iterable[str], specs: Mapping[str, SheetSpec] | None = None) -> RawBook:
    """Read the named sheets (of `specs`, by default the workbook contract). Missing sheets
    and columns become problems, not exceptions, so `validate` can report every one of them
    at once; a file that is no readable, safe .xlsx raises CchcError."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    check_file(path)
    parts = inspect_package(path)
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    # calamine is handed an open file, not a name: it then tells the format by content (an
    # .xlsx renamed .xls still reads) and a file name any byte can be opened.
    with reporting(path, "đọc"), path.open("rb") as fh:
        try:
            wb = CalamineWorkbook.from_filelike(fh)
        except Exception as exc:  # calamine raises its own types for every corruption
            raise CchcError(f"Không đọc được tệp {shown(path.name)}: tệp hỏng hoặc không phải .xlsx ({exc}).") from None
        actual = {header_key(n): n for n in wb.sheet_names}
        for name in sheets:
            spec = (specs or SHEETS)[name]
            real = next((actual[k] for k in (header_key(n) for n in (name, *spec.aliases)) if k in actual), None)
            if real is None:
                if not spec.optional:
                    near = suggest(name, wb.sheet_names)
                    hint = f" Sheet '{near}' có phải là sheet này không? Hãy đổi tên thành '{name}'." if near else ""
                    problems.append(problem(path, f"Thiếu sheet '{name}' ({spec.title}).{hint}"))
                continue
            scan = scan_sheet(path, parts[real]) if real in parts else None
            if scan is not None:
                _check_extent(path, real, scan)
            if specs is None and (hidden := _hidden(path, wb, real)) is not None:
                problems.append(hidden)  # a form's identity sheet is hidden by design: only the workbook's are told
            try:
                sheet = wb.get_sheet_by_name(real)
                rows = sheet.to_python(skip_empty_area=False)
                merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except Exception as exc:
                raise CchcError(f"Không đọc được sheet '{real}' trong {shown(path.name)}: tệp bị hỏng ({exc}). "
                                "Hãy lấy lại bản sao lưu.") from None
            tables[name] = build_table(path, real, spec, rows, merged, problems, scan)
    return RawBook(path, tables, problems)


def all_rows(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet of the workbook, in its order, as raw rows of cell values (for copying a
    workbook whole, as `cchc new-year` does), after the same checks as `read_workbook`."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    check_file(path)
    parts = inspect_package(path)
    with reporting(path, "đọc"), path.open("rb") as fh:
        try:
            wb = CalamineWorkbook.from_filelike(fh)
        except Exception as exc:  # calamine raises its own types for every corruption
            raise CchcError(f"Không đọc được tệp {shown(path.name)}: tệp hỏng hoặc không phải .xlsx ({exc}).") from None
        out: dict[str, list[list[object]]] = {}
        for name in wb.sheet_names:
            if name in parts:
                _check_extent(path, name, scan_sheet(path, parts[name]))
            try:
                out[name] = [list(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
            except Exception as exc:
                raise CchcError(f"Không đọc được sheet '{name}' trong {shown(path.name)}: tệp bị hỏng "
                                f"({exc}).") from None
    return out
