"""The typed rows validation hands to the model: a mistyped key or a wrong kind is a
programming error that fails loudly, never a silent empty value."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import BUNDLED

from pipeline import read, validate
from pipeline.schema import REPORT_SHEETS


@pytest.fixture(scope="module")
def checked() -> validate.Checked:
    return validate.check(read.read_workbook(BUNDLED, REPORT_SHEETS))


def test_columns_are_typed_and_aligned_with_their_rows(checked):
    tasks = checked.rows["NhiemVu"]
    assert len(tasks.text("id")) == len(tasks) == 30 and tasks.numbers[0] == 2
    assert tasks.text("deadline")[0] == "Quý II/2024"
    periods = checked.rows["KyBaoCao"]
    assert periods.integer("period") == [1, 2, 3, 4]
    assert all(isinstance(d, dt.date) for d in periods.date("cutoff_to"))
    assert tasks.ref("lead", 0) == "E2"


def test_a_mistyped_key_or_a_wrong_kind_fails_loudly(checked):
    tasks = checked.rows["NhiemVu"]
    with pytest.raises(KeyError):
        tasks.text("deadlne")
    with pytest.raises(TypeError):
        tasks.date("deadline")
    with pytest.raises(KeyError):
        checked.info.text("nam_ke_hoach")


@pytest.mark.parametrize(("sheet", "what"), [
    ("TienDo", "Mỗi dòng tiến độ"),
    ("KeHoachDonVi", "Mỗi dòng"),
    ("SoLieuDonVi", "Mỗi dòng"),
])
def test_a_row_about_one_unit_names_exactly_one(workbook, sheet, what):
    """Rows of TienDo, KeHoachDonVi and SoLieuDonVi are each about one unit: 'VP; TTR' is refused at the cell."""
    from conftest import edit_sheet
    from openpyxl.utils import get_column_letter

    from pipeline import api
    from pipeline.errors import CchcError
    from pipeline.schema import WORKBOOK_SHEETS

    column = {}

    def two_units(ws):
        column["c"] = next(c.column for c in ws[1] if c.value == "Đơn vị")
        ws.cell(2, column["c"]).value = "VP; TTR"

    edit_sheet(workbook, sheet, two_units)
    with pytest.raises(CchcError) as err:
        api.load(workbook, WORKBOOK_SHEETS)
    cell = f"{get_column_letter(column['c'])}2"
    assert [str(p) for p in err.value.problems if p.sheet == sheet and p.cell == cell] == [
        f"kehoach.xlsx › {sheet} › {cell}: {what} chỉ ghi một đơn vị."]
