"""Any cell may hold &, <, >, quotes, Alt+Enter line breaks, NFD text, non-breaking
spaces or characters XML forbids: the document shows the text exactly (NFC, illegal
controls dropped) and loses no neighbouring paragraph or row."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from conftest import edit_sheet, set_field
from docxutil import Doc
from test_plan import appendix_entries

from pipeline import api

NASTY = [
    ("Tom & Jerry <b>đậm</b> \"ngoặc kép\" 'đơn' > < &amp;", "Tom & Jerry <b>đậm</b> \"ngoặc kép\" 'đơn' > < &amp;"),
    ("Dòng một\nDòng hai\r\nDòng ba", "Dòng một\nDòng hai\nDòng ba"),
    (unicodedata.normalize("NFD", "Thường xuyên cập nhật Hòa Khánh"), "Thường xuyên cập nhật Hòa Khánh"),
    ("Cách\u00a0không\u00a0ngắt và tab\tgiữa", "Cách\u00a0không\u00a0ngắt và tab\tgiữa"),
    # _x0001_ is how a control character is stored in xlsx; it must vanish, not cut the text
    ("Ký tự _x0001_cấm_x000B_ giữa câu {{ không phải lệnh }} {% if %}",
     "Ký tự cấm giữa câu {{ không phải lệnh }} {% if %}"),
    ("=SUM(A1:A2) +1 -2 @cell", "=SUM(A1:A2) +1 -2 @cell"),
]


def test_nasty_text_arrives_exactly(workbook: Path, tmp_path: Path):
    def add_rows(ws):
        for i, (raw, _) in enumerate(NASTY):
            ws.append([f"X{i}", "Cải cách thể chế", raw, raw, "VP", "", "Quý II/2024", raw])
            for cell in ws[ws.max_row]:
                cell.data_type = "s"  # typed as text, not a formula

    edit_sheet(workbook, "NhiemVu", add_rows)
    set_field(workbook, "Trích yếu quyết định", "Ban hành <Kế hoạch> & \"{năm}\"")
    out = api.build_plan(workbook, tmp_path / "qd.docx").path
    doc = Doc(out)
    entries = appendix_entries(doc)
    assert len(entries) == 30 + len(NASTY)
    section_one = [cells for roman, _, cells in entries if roman == "I"]
    added = section_one[-len(NASTY):]
    for cells, (_, expected) in zip(added, NASTY):
        assert cells[1] == expected
        assert cells[2] == expected
        assert cells[4] == expected
        assert len(cells[1]) == len(expected)
    # the rows after the nasty ones are all still there
    assert [roman for roman, _, _ in entries][-1] == "VII"
    assert "Ban hành <Kế hoạch> & \"2024\"" in doc.text()
    assert doc.text().rstrip().endswith("Kết quả/sản phẩm đạt được") is False


def test_text_safety_in_narrative_and_fields(workbook: Path, tmp_path: Path):
    def edit(ws):
        ws.append(["Đoạn", "A & B < C > D \"E\" _x0002_F\nG"])

    edit_sheet(workbook, "NoiDung", edit)
    out = api.build_plan(workbook, tmp_path / "qd.docx").path
    text = Doc(out).text()
    assert "A & B < C > D \"E\" F\nG./." in text
    assert "Giám đốc Sở yêu cầu các phòng, đơn vị" in text  # the paragraph before it survived
