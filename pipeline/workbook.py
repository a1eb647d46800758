"""Write workbooks in the project's own format (bundled data, import, forms, so liệu).

One writer so every workbook a clerk receives looks the same: bold frozen header,
wrapped text, readable widths, dropdowns where the contract has a vocabulary.
Text is always stored as text: a value starting with '=', '+', '-' or '@' never
becomes a formula (CSV/formula injection).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.export import write_atomic


@dataclass
class SheetData:
    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths: Sequence[float] = ()  # characters, per column
    choices: dict[int, Sequence[str]] = field(default_factory=dict)  # column index → dropdown values
    note: str = ""  # a comment on the header's first cell


def _set(cell, value: object) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would otherwise store '=…' as a formula
    elif isinstance(value, (dt.date, dt.datetime)):
        cell.number_format = "dd/mm/yyyy"


def build(sheets: Sequence[SheetData]):
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for c, header in enumerate(spec.headers, 1):
            cell = ws.cell(row=1, column=c)
            _set(cell, header)
            cell.font, cell.fill, cell.alignment = head_font, head_fill, wrap
        for r, row in enumerate(spec.rows, 2):
            for c, value in enumerate(row, 1):
                cell = ws.cell(row=r, column=c)
                _set(cell, value)
                cell.alignment = wrap
        ws.freeze_panes = "A2"
        for c, width in enumerate(spec.widths, 1):
            ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = width
        last = max(len(spec.rows) + 200, 1000)
        for c, values in spec.choices.items():
            # A list of literal choices must stay under Excel's 255-character limit.
            dv = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                                error="Chọn một giá trị trong danh sách.")
            letter = ws.cell(row=1, column=c + 1).column_letter
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
        if spec.note:
            ws.cell(row=1, column=1).comment = Comment(spec.note, "cchc")
    return wb


def write_workbook(path: Path, sheets: Sequence[SheetData]) -> Path:
    wb = build(sheets)
    return write_atomic(Path(path), wb.save, app="Excel")
