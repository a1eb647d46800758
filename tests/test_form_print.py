"""How the per-unit forms print (issue 15): read back with openpyxl, every wrapped row has a
height for its text, the header row repeats on every page, the sheets fit the width of an A4
page (landscape for the tables, portrait for the guide) without being shrunk to one page; and,
where LibreOffice is installed, the PDF it prints shows it."""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from test_forms import make_forms

from pipeline.pdf import find_soffice, to_pdf

A4_LONG, A4_SHORT = 11.69, 8.27  # inches


def printable(ws, long_side: bool) -> float:
    """The page's width between its margins, in points."""
    m = ws.page_margins
    return ((A4_LONG if long_side else A4_SHORT) - m.left - m.right) * 72


def column_points(width: float) -> float:
    return (width * 7 + 5) * 0.75  # Excel: 7 pixels a character (the default font's digit) + 5, 96 to the inch


def sheet_width(ws, columns: str) -> float:
    return sum(column_points(ws.column_dimensions[c].width) for c in columns)


def test_print_settings_of_every_sheet(workbook: Path):
    wb = load_workbook(make_forms(workbook, 3)["CCQLDD"])
    for name, orientation, columns, title in (("HuongDan", "portrait", "A", None), ("TienDo", "landscape",
                                              "ABCDEFGHIJKL", "$4:$4"), ("SoLieu", "landscape", "ABCDEF", "$3:$3")):
        ws = wb[name]
        setup = ws.page_setup
        assert (setup.orientation, str(setup.paperSize)) == (orientation, "9"), name  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert (setup.fitToWidth in (None, 1), setup.fitToHeight) == (True, 0), f"{name}: fit to width only"
        assert ws.page_margins.left == ws.page_margins.right == 0.5 and ws.page_margins.top == 0.6
        assert "&P" in ws.oddFooter.center.text, "page numbers"
        assert ws.print_title_rows == title, name
        scale = printable(ws, orientation == "landscape") / sheet_width(ws, columns)
        assert scale >= (1 if name == "HuongDan" else 0.85), f"{name} printed at {scale:.0%}: too small to read"
    assert wb["TienDo"]["C5"].font.name == "Times New Roman" and wb["HuongDan"]["A1"].font.name == "Times New Roman"


def lines_at_least(text: str, width: float) -> int:
    """A lower bound on the lines a text takes in a wrapped cell: Times New Roman 11 averages more
    than 4 points a character."""
    return max(1, math.ceil(len(text) * 4.0 / column_points(width)))


def test_wrapped_rows_are_as_tall_as_their_text(workbook: Path):
    form = make_forms(workbook, 3)["CCQLDD"]
    wb = load_workbook(form)
    ws = wb["TienDo"]
    tall = 0
    for r in range(4, ws.max_row + 1):
        height = ws.row_dimensions[r].height
        assert height is not None, f"row {r} has no height"
        need = max(lines_at_least(str(c.value), ws.column_dimensions[c.column_letter].width)
                   for c in ws[r] if isinstance(c.value, str))
        assert height >= need * 11, f"row {r}: {height} pt for {need} lines"
        assert height <= (need * 2 + 2) * 13, f"row {r}: {height} pt is far more than its text needs"
        tall += need > 3
    assert tall >= 3, "the bundled plan's long tasks wrap to several lines"
    guide = wb["HuongDan"]
    for r in range(1, guide.max_row + 1):
        text = guide.cell(r, 1).value
        if text:
            assert guide.row_dimensions[r].height >= lines_at_least(text, guide.column_dimensions["A"].width) * 11


def test_forms_are_named_with_period_and_year(workbook: Path):
    forms = make_forms(workbook, 2)
    assert {p.name for p in forms.values()} == {f"Phieu_Q2_2024_{code}.xlsx" for code in forms}
    assert "Phieu_Q2_2024_CCQLDD.xlsx" in {p.name for p in forms.values()}


# -- the PDF LibreOffice prints ---------------------------------------------------------------------

TOOLS_MISSING = [t for t in ("pdftotext",) if shutil.which(t) is None] + ([] if find_soffice() else ["soffice"])
if TOOLS_MISSING and os.environ.get("CCHC_REQUIRE_PDF") == "1":
    raise RuntimeError(f"PDF tests required but missing: {', '.join(TOOLS_MISSING)}")


@pytest.mark.skipif(bool(TOOLS_MISSING), reason=f"missing {', '.join(TOOLS_MISSING)}")
def test_the_printed_form_reads_well(workbook: Path):
    form = make_forms(workbook, 3, today=dt.date(2024, 9, 2))["CCQLDD"]
    pdf = to_pdf(form, form.with_suffix(".pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    pages = text.split("\f")[:-1]
    assert "HƯỚNG DẪN ĐIỀN PHIẾU" in pages[0] and "Các cột nền" in pages[0]
    assert "xám là nội dung Kế hoạch, không sửa được." in pages[0], "the guide wraps inside the page"
    data = [p for p in pages if "Kết quả thực hiện" in p and "Trạng thái" in p and "Mã chỉ số" not in p]
    assert len(data) >= 2, "the task table runs over several pages, not shrunk to one"
    assert all("Vai trò" in p and "Ngày hoàn" in p for p in data), "the header row repeats on every page"
    assert any("Trang 2/" in p for p in pages)
    # the table is printed near full size: its words about as tall as 11 pt type at 85% or more
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    import re

    heights = sorted(float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"',
                                                                 bbox))
    assert heights[len(heights) // 2] >= 11 * 0.85 * 1.1, "median word box"
