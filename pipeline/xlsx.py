"""Write new workbooks in the project's own format: the bundled data, an imported plan,
next year's draft (`cchc new-year`), the report's figures. (The per-unit forms have
their own layout, in `forms/write`.)

Every such workbook looks the same: bold frozen header,
wrapped text, readable widths, dropdowns where the contract has a vocabulary.
Text is always stored as text: a value starting with '=', '+', '-' or '@' never
becomes a formula (CSV/formula injection).

New workbooks are written with XlsxWriter: it streams rows (constant memory) and is
about twice as fast as openpyxl's writer, which matters for a 10,000-task export.
openpyxl is kept for editing an existing workbook in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pipeline.errors import CchcError
from pipeline.export import OutputSet, backup, shown

if TYPE_CHECKING:
    from pipeline.schema import Words

# Excel's number format for date cells. Nghị định 30's rule (no leading zero in months 3–12,
# formatting.short_date) cannot be written as one number format, and a date cell must stay a
# date (sortable, filterable): Excel's own dd/mm/yyyy is the nearest.
DATE_FORMAT = "dd/mm/yyyy"


@dataclass
class SheetData:
    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths: Sequence[float] = ()  # characters, per column
    choices: dict[int, Sequence[str]] = field(default_factory=dict)  # column index → dropdown values
    note: str = ""  # a comment on the header's first cell


EXCEL_TEXT_LIMIT = 32767  # characters Excel keeps in one cell


def write(sheets: Sequence[SheetData], out: BinaryIO, cut: list[str] | None = None) -> None:
    """Write `sheets`; a text past Excel's cell limit is cut there and its cell named in `cut`."""
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell as xl_cell

    wb = xlsxwriter.Workbook(out, {
        "constant_memory": True,  # rows go to disk as they are written
        "strings_to_formulas": False,  # '=SUM(…)' typed as text stays text
        "strings_to_numbers": False,
        "strings_to_urls": False,
        "default_date_format": DATE_FORMAT,
    })
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    date = wb.add_format({"num_format": DATE_FORMAT, "valign": "top"})
    for spec in sheets:
        ws = wb.add_worksheet(spec.name)
        for c, width in enumerate(spec.widths):
            ws.set_column(c, c, width, wrap)
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, list(spec.headers), head)
        for r, row in enumerate(spec.rows, 1):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, str):
                    if len(value) > EXCEL_TEXT_LIMIT and cut is not None:
                        cut.append(f"{spec.name}!{xl_cell(r, c)}")
                    ws.write_string(r, c, value[:EXCEL_TEXT_LIMIT], wrap)
                elif isinstance(value, (dt.date, dt.datetime)):
                    ws.write_datetime(r, c, value if isinstance(value, dt.datetime)
                                      else dt.datetime(value.year, value.month, value.day), date)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                else:
                    ws.write_number(r, c, value)
        last = max(len(spec.rows) + 200, 1000)
        for c, values in spec.choices.items():
            # A list of literal choices must stay under Excel's 255-character limit.
            ws.data_validation(1, c, last, c, {
                "validate": "list", "source": list(values), "error_title": "Giá trị không hợp lệ",
                "error_message": "Chọn một giá trị trong danh sách.",
            })
        if spec.note:
            ws.write_comment(0, 0, spec.note, {"author": "cchc", "x_scale": 3, "y_scale": 2})
    wb.close()


def write_workbook(path: Path, sheets: Sequence[SheetData], inputs: Sequence[Path] = (), replace: bool = False
                   ) -> Path:
    """Write a new workbook whole. An existing file at `path` is refused unless `replace`,
    and then kept, byte for byte, in backup/ first."""
    path = Path(path)
    if path.exists() and not path.is_dir() and not replace:
        raise CchcError(f"Tệp {shown(path)} đã có; chương trình không ghi đè sổ đang có. Dùng --force để ghi đè "
                        "(sổ cũ được lưu trong thư mục backup/), hoặc chọn tên tệp khác (-o).")
    with OutputSet(inputs) as out:
        out.add(path, lambda fh: write(sheets, fh), ".xlsx", app="Excel")
        if path.exists():
            backup(path)
    return path


# -- the contract's sheets, laid out alike wherever they are written (import, new-year) ----

_WIDTHS: dict[str, dict[str, float]] = {
    "ThongTin": {"field": 30, "value": 80, "note": 50},
    "DonVi": {"code": 12, "name": 50, "aliases": 40, "type": 18, "own_plan": 14, "head": 20, "abbr": 14,
              "requirement": 60},
    "NhiemVu": {"id": 8, "section": 24, "task": 60, "assignment": 40, "lead": 16, "support": 30, "deadline": 22,
                "product": 40},
    "NoiDung": {"kind": 16, "text": 120},
    "ChiTieu": {"code": 8, "target": 10, "name": 60, "op": 10, "value": 10, "unit": 12},
    "KyBaoCao": {"period": 6, "name": 18, "unit_due": 18, "cutoff_from": 16, "cutoff_to": 16, "due": 18,
                 "number": 12, "date": 14},
    "TienDo": {"task": 12, "unit": 10, "period": 6, "status": 20, "percent": 10, "result": 40, "evidence": 40,
               "done_on": 14, "issues": 30, "note": 30},
    "NhanXet": {"period": 6, "part": 22, "text": 120},
    "KeHoachDonVi": {"unit": 14, "number": 18, "date": 14, "received": 14, "note": 40},
}


def _choices(sheet: str) -> dict[str, list[str]]:
    """Dropdown values by column key: the labels of the vocabulary a column holds."""
    from pipeline.schema import (
        COMPARATOR_WORDS,
        PARAGRAPH_KIND_WORDS,
        REMARK_PART_WORDS,
        STATUS_WORDS,
        UNIT_TYPE_WORDS,
    )

    def labels(words: Mapping[Any, Words]) -> list[str]:
        return [w.label for w in words.values()]

    return {
        "DonVi": {"type": labels(UNIT_TYPE_WORDS), "own_plan": ["có", "không"]},
        "NoiDung": {"kind": labels(PARAGRAPH_KIND_WORDS)},
        "ChiTieu": {"op": labels(COMPARATOR_WORDS)},
        "TienDo": {"status": labels(STATUS_WORDS)},
        "NhanXet": {"part": labels(REMARK_PART_WORDS)},
    }.get(sheet, {})


def contract_sheet(name: str, headers: Sequence[str], rows: Sequence[Sequence[object]], note: str = "") -> SheetData:
    """A sheet of the workbook contract (schema.SHEETS) with the project's widths and dropdowns;
    a column the contract does not know gets a width from its header."""
    from pipeline.read import find_header
    from pipeline.schema import SHEETS

    spec = SHEETS.get(name)
    keys = {c: k for k, c in find_header([list(headers)], spec)[1].items()} if spec else {}
    widths = _WIDTHS.get(name, {})
    choices = _choices(name)
    return SheetData(
        name, headers, rows,
        widths=[widths.get(keys.get(c, ""), min(max(len(str(h)) + 4, 14), 40)) for c, h in enumerate(headers)],
        choices={c: choices[k] for c, k in keys.items() if k in choices},
        note=note,
    )
