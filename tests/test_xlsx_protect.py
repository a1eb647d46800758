"""The sheet protection a workbook edit adds (pipeline.xlsx_protect): where the element goes
in the sheet's XML, and what it leaves alone."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook

from pipeline.schema import SUA_DOI
from pipeline.xlsx_edit import SheetEdit, apply
from pipeline.xlsx_protect import protect_sheet

# -- sheet protection (xlsx_protect) ---------------------------------------------------------------

PROTECT = b'<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>'


@pytest.mark.parametrize(("blob", "expected"), [
    (b'<worksheet xmlns="M"><sheetData><row r="1"/></sheetData><pageMargins/></worksheet>',
     b'<worksheet xmlns="M"><sheetData><row r="1"/></sheetData>' + PROTECT + b"<pageMargins/></worksheet>"),
    (b'<worksheet xmlns="M"><dimension ref="A1"/><sheetData/></worksheet>',
     b'<worksheet xmlns="M"><dimension ref="A1"/><sheetData/>' + PROTECT + b"</worksheet>"),
    (b'<worksheet xmlns="M"><sheetData></sheetData><sheetCalcPr fullCalcOnLoad="1"/><pageMargins/></worksheet>',
     b'<worksheet xmlns="M"><sheetData></sheetData><sheetCalcPr fullCalcOnLoad="1"/>' + PROTECT +
     b"<pageMargins/></worksheet>"),
    (b'<worksheet xmlns="M"><sheetData/><sheetProtection sheet="0" objects="1"/></worksheet>',
     b'<worksheet xmlns="M"><sheetData/>' + PROTECT + b"</worksheet>"),
    (b'<x:worksheet xmlns:x="M"><x:sheetData/></x:worksheet>',
     b'<x:worksheet xmlns:x="M"><x:sheetData/>' + PROTECT.replace(b"<", b"<x:") + b"</x:worksheet>"),
])
def test_protection_goes_where_the_schema_puts_it(blob, expected):
    assert protect_sheet(blob) == expected


def test_a_sheet_the_clerk_protected_with_a_password_is_left_alone():
    blob = b'<worksheet xmlns="M"><sheetData/><sheetProtection password="CC1A" sheet="1"/></worksheet>'
    assert protect_sheet(blob) == blob


def test_an_edit_protects_the_sheet_it_creates_and_sets_its_widths(tmp_path):
    wb = Workbook()
    wb.active.title = "ThongTin"
    wb.save(tmp_path / "a.xlsx")
    edit = SheetEdit(SUA_DOI, None, appends=[{"number": 1, "date": dt.date(2024, 7, 15)}], protect=True,
                     widths={"summary": 50, "note": 40})
    (tmp_path / "b.xlsx").write_bytes(apply((tmp_path / "a.xlsx").read_bytes(), [edit]).payload)
    ws = load_workbook(tmp_path / "b.xlsx")["SuaDoi"]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.column_dimensions["D"].width == 50 and ws.column_dimensions["F"].width == 40
    assert [c.value for c in ws[2]][:3] == [1, None, dt.datetime(2024, 7, 15)]
