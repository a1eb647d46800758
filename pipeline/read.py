"""Stage 1: read the workbook into plain tables of raw cell values.

Values come from python-calamine: it is an order of magnitude faster than openpyxl
and its XML reader does not expand entities. Before calamine sees a file, every XML
part is checked for a DTD (entity declarations: the "billion laughs" bomb) with
defusedxml, and each sheet that is read is scanned for what calamine does not tell:
formulas without a cached value (calamine returns '') and hidden rows. Nothing is
interpreted here beyond locating each sheet's header row; cell typing and checks
belong to `validate`.
"""

from __future__ import annotations

import difflib
import operator
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CchcError, Problem, Severity
from pipeline.files import file_head
from pipeline.schema import MAX_UNPACKED_BYTES, SHEETS, SheetSpec
from pipeline.text import header_key

# A header may sit below a title line or two; look this far down for it.
HEADER_SEARCH_ROWS = 6



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


@dataclass
class SheetScan:
    """What the sheet XML says that calamine does not."""

    uncached: list[tuple[int, int]] = field(default_factory=list)  # 0-based cells: formula, no cached value
    hidden_rows: set[int] = field(default_factory=set)  # 1-based
    formulas: int = 0
    cells: dict[str, FormulaCell] | None = None  # ref → formula cell, when asked for (`formula_cells`)


@dataclass(frozen=True)
class FormulaCell:
    formula: str  # the text in <f> ('' for a shared formula's dependants)
    kind: str | None  # the cell's t attribute: None (number), 'str', 'b', 'e'
    cached: str | None  # the text of <v>; None when there is none


@dataclass
class RawBook:
    """What `read_workbook` found: the sheets asked for, and what was wrong with the file."""

    path: Path
    tables: dict[str, Table]
    problems: list[Problem]

    @property
    def label(self) -> str:
        return self.path.name


def _problem(path: Path, msg: str, sheet: str = "", cell: str = "",
             severity: Severity = Severity.ERROR) -> Problem:
    return Problem(msg, file=path.name, sheet=sheet, cell=cell, severity=severity)


def check_file(path: Path) -> None:
    """Refuse anything that is not a readable .xlsx, with a message a clerk understands."""
    name = path.name
    head = file_head(path, "tệp Excel .xlsx", "Kiểm tra lại đường dẫn (tùy chọn --data).",
                     "Hãy lấy lại bản sao lưu của sổ Excel.")
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
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise CchcError(f"Tệp {name} là văn bản Word (.docx), không phải sổ Excel .xlsx.")
        if "content.xml" in names or "mimetype" in names:
            raise CchcError(f"Tệp {name} là bảng tính OpenDocument (.ods). Mở tệp và lưu dạng Excel Workbook (.xlsx).")
        raise CchcError(f"Tệp {name} bị hỏng: thiếu phần xl/workbook.xml (không phải sổ Excel).")
    # A few MB of XML per 10,000 rows; gigabytes mean a zip bomb, not a plan.
    if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
        raise CchcError(f"Tệp {name} giải nén ra quá lớn (trên {MAX_UNPACKED_BYTES // 2**20} MB); "
                        "đây không phải sổ kế hoạch bình thường nên chương trình không mở.")


# -- the package's XML, read with parsers that refuse DTDs and never expand entities

_XML_PART = re.compile(r"\.(?:xml|rels|vml)$", re.IGNORECASE)
_MAY_HAVE_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_MAY_HAVE_HIDDEN_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*\shidden=\"(?:1|true)\"")
_CHUNK = 1 << 20
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError)


def _corrupt(path: Path, member: str, exc: object) -> CchcError:
    return CchcError(f"Tệp {path.name} bị hỏng (phần {member} không đọc được: {exc}). Hãy lấy lại bản sao lưu.")


def _bomb(path: Path, member: str) -> CchcError:
    return CchcError(
        f"Tệp {path.name} bị từ chối: phần {member} có khai báo DTD/thực thể XML (kiểu 'XML bomb'), "
        "điều Excel không bao giờ ghi. Tệp có thể đã bị sửa để làm treo máy; chương trình không mở. "
        "Hãy mở bản gốc bằng Excel và lưu lại dạng .xlsx."
    )


def _refuse_dtd(zf: zipfile.ZipFile, path: Path, member: str) -> None:
    """Parse the part just up to its root element: a DOCTYPE (entity declarations) must come before it."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        with zf.open(member) as fh:
            for _ in iterparse(fh, events=("start",), forbid_dtd=True):
                break
    except DefusedXmlException:
        raise _bomb(path, member) from None
    except ParseError as exc:
        raise _corrupt(path, member, exc) from None
    except _ZIP_ERRORS as exc:
        raise _corrupt(path, member, exc) from None


def _parse_small(zf: zipfile.ZipFile, path: Path, member: str):
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(zf.read(member), forbid_dtd=True)
    except DefusedXmlException:
        raise _bomb(path, member) from None
    except (ParseError, *_ZIP_ERRORS) as exc:
        raise _corrupt(path, member, exc) from None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def sheet_parts(zf: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """Sheet name → its XML part, from xl/workbook.xml and its relationships."""
    book = _parse_small(zf, path, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in zf.namelist():
        for rel in _parse_small(zf, path, rels_name):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id") or ""] = member
    parts: dict[str, str] = {}
    for el in book.iter():
        if _local(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
            if rid in targets:
                parts[el.get("name") or ""] = targets[rid]
    return parts


def inspect_package(path: Path) -> dict[str, str]:
    """Refuse DTDs in any XML part; return sheet name → part. Call after `check_file`."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if _XML_PART.search(info.filename) and not info.is_dir():
                    _refuse_dtd(zf, path, info.filename)
            return sheet_parts(zf, path)
    except _ZIP_ERRORS as exc:
        raise CchcError(f"Tệp {path.name} bị hỏng hoặc bị cắt dở ({exc}). Hãy lấy lại bản sao lưu.") from None


def _needs_scan(zf: zipfile.ZipFile, member: str) -> tuple[bool, bool]:
    """(may hold formulas, may hold hidden rows): a byte search, ~30× faster than parsing."""
    formulas = hidden = False
    tail = b""
    with zf.open(member) as fh:
        while not (formulas and hidden):
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            edge = tail + chunk[:2048]  # a tag cut between two chunks
            if not formulas and any(m in part for m in (b"<f", b":f") for part in (chunk, edge)):
                formulas = _MAY_HAVE_FORMULA.search(tail + chunk) is not None
            if not hidden and (b"hidden=" in chunk or b"hidden=" in edge):
                hidden = _MAY_HAVE_HIDDEN_ROW.search(tail + chunk) is not None
            tail = chunk[-2048:]
    return formulas, hidden


def _ref_to_index(ref: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref or "")
    if not m:
        return None
    col = 0
    for ch in m[1].upper():
        col = col * 26 + ord(ch) - 64
    return int(m[2]) - 1, col - 1


def scan_sheet(path: Path, member: str, keep_cells: bool = False) -> SheetScan:
    """Formula cells without a cached value, and hidden rows, of one sheet part (and with
    `keep_cells` every formula cell).

    A byte search decides whether the sheet can hold either; only then is it parsed,
    streaming (lxml iterparse, entities unresolved, no network, no huge trees)."""
    scan = SheetScan(cells={} if keep_cells else None)
    try:
        with zipfile.ZipFile(path) as zf:
            if member not in zf.namelist():
                return scan
            formulas, hidden = _needs_scan(zf, member)
            if formulas or hidden:
                _parse_sheet(zf, member, scan)
    except CchcError:
        raise
    except _ZIP_ERRORS as exc:
        raise _corrupt(path, member, exc) from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends
        raise _corrupt(path, member, exc) from None
    return scan


def _parse_sheet(zf: zipfile.ZipFile, member: str, scan: SheetScan) -> None:
    from lxml import etree

    row, col = 0, -1
    shared: dict[str, str] = {}  # shared formula index → the master's text
    with zf.open(member) as fh:
        events = etree.iterparse(fh, events=("start", "end"), tag=("{*}row", "{*}c"), resolve_entities=False,
                                 no_network=True, huge_tree=False, load_dtd=False)
        for event, el in events:
            if _local(el.tag) == "row":
                if event == "start":
                    r = el.get("r")
                    row = int(r) if r and r.isdigit() else row + 1
                    col = -1
                    if el.get("hidden") in ("1", "true"):
                        scan.hidden_rows.add(row)
                else:
                    el.clear()
                    parent = el.getparent()
                    while parent is not None and el.getprevious() is not None:
                        del parent[0]
                continue
            if event == "start":
                continue
            where = _ref_to_index(el.get("r") or "")
            col = where[1] if where else col + 1
            f = v = None
            for child in el:
                if not isinstance(child.tag, str):
                    continue  # a comment or processing instruction
                name = _local(child.tag)
                if name == "f":
                    f = child
                elif name == "v":
                    v = child
            if f is not None:
                scan.formulas += 1
                if v is None or (not v.text and el.get("t") != "str"):
                    scan.uncached.append((where[0] if where else row - 1, col))
                if scan.cells is not None and el.get("r"):
                    text = f.text or ""
                    if f.get("t") == "shared":  # dependants carry only the index of their master's text
                        if text:
                            shared[f.get("si") or ""] = text
                        else:
                            text = shared.get(f.get("si") or "", "")
                    cached = None if v is None else v.text or ""
                    scan.cells[el.get("r") or ""] = FormulaCell(text, el.get("t"), cached)


def suggest(word: str, choices: Iterable[str]) -> str | None:
    choices = list(choices)
    keyed = {header_key(c): c for c in choices}
    match = difflib.get_close_matches(header_key(word), list(keyed), n=1, cutoff=0.6)
    return keyed[match[0]] if match else None


def _find_header(rows: Sequence[Sequence[object]], spec: SheetSpec) -> tuple[int, dict[str, int]]:
    names = {header_key(n): c.key for c in spec.columns for n in c.names}
    best_row, best = 0, dict[str, int]()
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = names.get(header_key(value)) if isinstance(value, str) else None
            if key and key not in found:
                found[key] = c
        if len(found) > len(best):
            best_row, best = r, found
    return best_row, best


def find_header(rows: Sequence[Sequence[object]], spec: SheetSpec) -> tuple[int, dict[str, int]]:
    """The 0-based header row among the first rows, and column key → 0-based index."""
    return _find_header(rows, spec)


def _table(path: Path, sheet_name: str, spec: SheetSpec, rows: Sequence[Sequence[object]],
           merged: list[tuple[int, int, int, int]], problems: list[Problem], scan: SheetScan | None = None) -> Table:
    header_row, columns = _find_header(rows, spec)
    table = Table(sheet_name, spec, header_row + 1, columns, merged=merged, above=[list(r) for r in rows[:header_row]])
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
            problems.append(_problem(path, f"Thiếu cột '{col.header}'.{hint}", sheet_name, cell))
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
    if scan and (scan.uncached or scan.hidden_rows):
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
        problems.append(_problem(
            path, "Ô có công thức nhưng chưa có giá trị đã tính (sổ được tạo bằng chương trình khác và chưa mở "
            "bằng Excel). Hãy mở sổ bằng Excel, lưu lại rồi chạy lại, hoặc thay công thức bằng giá trị.",
            table.sheet, cell_ref(r0, c0)))
    for row in table.rows if scan.hidden_rows else ():
        if row in scan.hidden_rows:
            problems.append(_problem(
                path, f"Dòng {row} đang bị ẩn (hidden) nhưng vẫn được tính vào văn bản. Bỏ ẩn dòng "
                "(Unhide) để kiểm tra, hoặc xóa dòng nếu không dùng.",
                table.sheet, f"dòng {row}", Severity.WARNING))


def read_workbook(path: Path, sheets: Iterable[str], specs: Mapping[str, SheetSpec] | None = None) -> RawBook:
    """Read the named sheets (of `specs`, by default the workbook contract). Missing sheets
    and columns become problems, not exceptions, so `validate` can report every one of them
    at once; a file that is no readable, safe .xlsx raises CchcError."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    check_file(path)
    parts = inspect_package(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own types for every corruption
        raise CchcError(f"Không đọc được tệp {path.name}: tệp hỏng hoặc không phải .xlsx ({exc}).") from None
    problems: list[Problem] = []
    actual = {header_key(n): n for n in wb.sheet_names}
    tables: dict[str, Table] = {}
    for name in sheets:
        spec = (specs or SHEETS)[name]
        real = next((actual[k] for k in (header_key(n) for n in (name, *spec.aliases)) if k in actual), None)
        if real is None and spec.optional:
            continue
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
            raise CchcError(f"Không đọc được sheet '{real}' trong {path.name}: tệp bị hỏng ({exc}). "
                            "Hãy lấy lại bản sao lưu.") from None
        scan = scan_sheet(path, parts[real]) if real in parts else None
        tables[name] = _table(path, real, spec, rows, merged, problems, scan)
    return RawBook(path, tables, problems)


def formula_cells(path: Path) -> dict[str, dict[str, FormulaCell]]:
    """Sheet name → cell ref → formula cell, for every sheet holding formulas (read or not)."""
    out: dict[str, dict[str, FormulaCell]] = {}
    for name, member in inspect_package(path).items():
        cells = scan_sheet(path, member, keep_cells=True).cells
        if cells:
            out[name] = cells
    return out


def defined_names(path: Path) -> dict[str, str]:
    """Workbook-level defined names → what they refer to (xl/workbook.xml)."""
    try:
        with zipfile.ZipFile(path) as zf:
            book = _parse_small(zf, path, "xl/workbook.xml")
    except _ZIP_ERRORS as exc:
        raise _corrupt(path, "xl/workbook.xml", exc) from None
    return {el.get("name") or "": el.text or "" for el in book.iter() if _local(el.tag) == "definedName"}


def all_rows(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet of the workbook, in its order, as raw rows of cell values (for copying a
    workbook whole, as `cchc new-year` does); the same file checks as `read_workbook`."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    check_file(path)
    inspect_package(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
        return {name: [list(r) for r in wb.get_sheet_by_name(name).to_python(skip_empty_area=False)]
                for name in wb.sheet_names}
    except Exception as exc:  # calamine raises its own types for every corruption
        raise CchcError(f"Không đọc được tệp {path.name}: tệp hỏng hoặc không phải .xlsx ({exc}).") from None
