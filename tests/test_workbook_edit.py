"""The workbook edit changes only what it means to change: collecting a form leaves every
other part of the clerk's workbook (text boxes, rich text, other sheets) as it was."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from bad_cases import rezip
from conftest import BUNDLED
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.table import Table
from python_calamine import CalamineWorkbook

from pipeline import api
from pipeline.pdf import find_soffice
from pipeline.schema import NHAN_PHIEU, TIEN_DO
from pipeline.xlsx_edit import SheetEdit, apply, excel_serial

NOW = dt.datetime(2024, 12, 12, 9, 30)
DRAWING = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats'
           '.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
           '<xdr:twoCellAnchor><xdr:from><xdr:col>9</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
           '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>5'
           '</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" '
           'name="Ghi chú"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1"'
           ' cy="1"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr><xdr:txBody><a:bodyPr/>'
           '<a:p><a:r><a:t>Nhớ kiểm tra lại hạn của nhiệm vụ II.3</a:t></a:r></a:p></xdr:txBody></xdr:sp>'
           '<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>')
RICH = ('<c r="C2" t="inlineStr"><is><r><rPr><b/></rPr><t>Ban hành</t></r><r><t xml:space="preserve"> Kế hoạch '
        'cải cách hành chính</t></r></is></c>')


def with_text_box_and_rich_text(target: Path) -> Path:
    """The bundled workbook with a text box over NhiemVu and a rich-text task cell, as Excel keeps them."""
    def sheet(data: bytes) -> bytes:
        text = data.decode()
        start = text.index('<c r="C2"')
        end = text.index("</c>", start) + 4
        text = text[:start] + RICH + text[end:]
        return text.replace("</sheetData>", '</sheetData><drawing r:id="rIdDr1"/>', 1).encode()

    def types(data: bytes) -> bytes:
        return data.replace(b"</Types>", b'<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/'
                            b'vnd.openxmlformats-officedocument.drawing+xml"/></Types>')

    rezip(BUNDLED, target, {"xl/worksheets/sheet3.xml": sheet, "[Content_Types].xml": types})
    with zipfile.ZipFile(target, "a") as zf:
        zf.writestr("xl/drawings/drawing1.xml", DRAWING)
        zf.writestr("xl/worksheets/_rels/sheet3.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship'
                    ' Id="rIdDr1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
                    'Target="../drawings/drawing1.xml"/></Relationships>')
    return target


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_collect_keeps_text_boxes_rich_text_and_every_sheet_it_does_not_edit(tmp_path: Path):
    from test_forms import fill, make_forms

    book = with_text_box_and_rich_text(tmp_path / "kehoach.xlsx")
    before = members(book)
    form = fill(make_forms(book, 4)["VP"], {"NV01": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))
    result = api.collect(book, 4, [form], now=NOW)
    assert result.written and result.exit_code == 0
    after = members(book)
    changed = {n for n in before if before[n] != after.get(n)}
    # TienDo (sheet7) and the package lists that name the new NhanPhieu sheet; styles for its dates.
    assert changed <= {"xl/worksheets/sheet7.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                       "[Content_Types].xml", "xl/styles.xml"}, changed
    assert "xl/worksheets/sheet7.xml" in changed
    assert after["xl/drawings/drawing1.xml"] == before["xl/drawings/drawing1.xml"]
    assert after["xl/worksheets/sheet3.xml"] == before["xl/worksheets/sheet3.xml"]
    # the new NhanPhieu sheet: one worksheet part after the workbook's own
    sheets = sum(1 for n in before if n.startswith("xl/worksheets/sheet") and n.endswith(".xml"))
    assert set(after) - set(before) == {f"xl/worksheets/sheet{sheets + 1}.xml"}
    # Both readers the clerk may use open it and see the new entry.
    tien_do = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("TienDo").to_python()
    assert any(r[0] == "NV01" and r[1] == "VP" and r[2] == 4 and r[4] == 90 for r in tien_do)
    ws = load_workbook(book)["NhanPhieu"]
    assert [c.value for c in ws[1]][:3] == [c.header for c in NHAN_PHIEU.columns][:3]
    assert ws["C2"].value == dt.datetime(2024, 12, 5) and ws["C2"].number_format == "dd/mm/yyyy"


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not installed")
def test_libreoffice_opens_the_edited_workbook(tmp_path: Path):
    from test_forms import fill, make_forms

    book = with_text_box_and_rich_text(tmp_path / "kehoach.xlsx")
    form = fill(make_forms(book, 4)["VP"], {"NV01": {"Tỷ lệ (%)": 90}}, dt.date(2024, 12, 5))
    assert api.collect(book, 4, [form], now=NOW).written
    profile = (tmp_path / "profile").resolve().as_uri()
    done = subprocess.run([str(find_soffice()), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                           "ods", "--outdir", str(tmp_path / "out"), str(book)], capture_output=True, timeout=180)
    assert done.returncode == 0 and (tmp_path / "out" / "kehoach.ods").stat().st_size > 0


def small_book(path: Path, date1904: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "TienDo"
    ws.append([c.header for c in TIEN_DO.columns])
    ws.append(["NV01", "VP", 1, "Đang thực hiện", 50, "Kết quả cũ", "", None, "", ""])
    ws.append(["NV02", "VP", 1, "Đã hoàn thành", 100, "", "", dt.date(2024, 2, 1), "", ""])
    ws.add_table(Table(displayName="TienDoBang", ref="A1:J3"))
    if date1904:
        wb.epoch = dt.datetime(1904, 1, 1)
    wb.save(path)
    return path


def columns() -> dict[str, int]:
    return {c.key: i for i, c in enumerate(TIEN_DO.columns)}


def test_values_keep_their_types_and_text_stays_text(tmp_path: Path):
    book = small_book(tmp_path / "a.xlsx")
    edit = SheetEdit(TIEN_DO, "TienDo", 1, columns(), updates={2: {"result": "=SUM(A1:A9)", "percent": 75}},
                     appends=[{"task": "NV03", "unit": "VP", "period": 1, "status": "Đã hoàn thành",
                               "done_on": dt.date(2024, 3, 5), "note": "_x0041_ gõ nguyên văn\ndòng hai"}])
    (tmp_path / "b.xlsx").write_bytes(apply(book.read_bytes(), [edit]).payload)
    ws = load_workbook(tmp_path / "b.xlsx")["TienDo"]
    assert ws["F2"].value == "=SUM(A1:A9)" and ws["F2"].data_type == "s"  # never a formula
    assert ws["E2"].value == 75
    assert [c.value for c in ws[4]][:4] == ["NV03", "VP", 1, "Đã hoàn thành"]
    assert ws["H4"].value == dt.datetime(2024, 3, 5) and ws["H4"].number_format == ws["H3"].number_format
    # Excel, LibreOffice and python-calamine decode OOXML's _xHHHH_ escapes (openpyxl does not in inline strings).
    cal = CalamineWorkbook.from_path(str(tmp_path / "b.xlsx")).get_sheet_by_name("TienDo").to_python()
    assert cal[3][9] == "_x0041_ gõ nguyên văn\ndòng hai"
    assert ws.tables["TienDoBang"].ref == "A1:J4"
    assert ws["F3"].value is None and ws["H3"].value == dt.datetime(2024, 2, 1)  # an untouched row stays


def test_a_1904_workbook_gets_1904_serials(tmp_path: Path):
    book = small_book(tmp_path / "a.xlsx", date1904=True)
    edit = SheetEdit(TIEN_DO, "TienDo", 1, columns(), appends=[{"task": "NV03", "done_on": dt.date(2024, 3, 5)}])
    (tmp_path / "b.xlsx").write_bytes(apply(book.read_bytes(), [edit]).payload)
    assert load_workbook(tmp_path / "b.xlsx")["TienDo"]["H4"].value == dt.datetime(2024, 3, 5)
    assert excel_serial(dt.date(2024, 3, 5), date1904=True) == excel_serial(dt.date(2024, 3, 5)) - 1462


def test_emptied_rows_keep_their_place_and_readers_skip_them(tmp_path: Path):
    book = small_book(tmp_path / "a.xlsx")
    edit = SheetEdit(TIEN_DO, "TienDo", 1, columns(), updates={2: dict.fromkeys(c.key for c in TIEN_DO.columns)})
    (tmp_path / "b.xlsx").write_bytes(apply(book.read_bytes(), [edit]).payload)
    rows = CalamineWorkbook.from_path(str(tmp_path / "b.xlsx")).get_sheet_by_name("TienDo").to_python()
    assert rows[2][0] == "NV02" and not any(rows[1])


def test_a_missing_sheet_is_created_with_its_headers(tmp_path: Path):
    book = small_book(tmp_path / "a.xlsx")
    edit = SheetEdit(NHAN_PHIEU, None, appends=[{"unit": "VP", "period": 1, "date": dt.date(2024, 3, 9)}])
    (tmp_path / "b.xlsx").write_bytes(apply(book.read_bytes(), [edit]).payload)
    wb = load_workbook(tmp_path / "b.xlsx")
    assert wb.sheetnames == ["TienDo", "NhanPhieu"]
    assert [c.value for c in wb["NhanPhieu"][2]][:3] == ["VP", 1, dt.datetime(2024, 3, 9)]


def test_a_copy_is_unchanged_when_nothing_is_edited(tmp_path: Path):
    book = small_book(tmp_path / "a.xlsx")
    shutil.copy(book, tmp_path / "c.xlsx")
    payload = apply(book.read_bytes(), []).payload
    with zipfile.ZipFile(book) as a, zipfile.ZipFile(__import__("io").BytesIO(payload)) as b:
        assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}
