"""Write new workbooks in the project's own format: the bundled data, an imported plan,
the report's figures. (The per-unit forms have their own layout, in `forms/write`.)

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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import CchcError
from pipeline.export import OutputSet, backup, shown

DATE_FORMAT = "dd/mm/yyyy"


@dataclass
class SheetData:
    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths: Sequence[float] = ()  # characters, per column
    choices: dict[int, Sequence[str]] = field(default_factory=dict)  # column index → dropdown values
    note: str = ""  # a comment on the header's first cell


def write(sheets: Sequence[SheetData], out: BinaryIO) -> None:
    import xlsxwriter

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
                    ws.write_string(r, c, value, wrap)
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
