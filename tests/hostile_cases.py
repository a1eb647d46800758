"""Hostile and careless inputs of the data-loss review, built at test time: outputs aimed at
inputs, paths the OS refuses, forms whose identity was edited, sheets and tables built to
exhaust memory, cells whose text would change silently.

Each `Case` (the format of bad_cases.py) is refused with a message naming where it is and
leaves every file as it was; tests/test_hostile.py runs the cases that need more than that
(real processes, backups, symlinks, warnings).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from bad_cases import BUNDLED, Built, Case, K, cells, copy_book, edit, form, rezip, with_dtd
from docx import Document

TIEN_DO_PART = "xl/worksheets/sheet7.xml"


def _sheet_edit(part: str, fn) -> callable:
    def build(folder: Path) -> Built:
        path = rezip(BUNDLED, folder / "kehoach.xlsx", {part: fn})
        return Built(path, inputs=(path,))

    return build


def _append_rows(xml: str) -> callable:
    return lambda data: data.replace(b"</sheetData>", xml.encode() + b"</sheetData>", 1)


def _cell(ref: str, inner: str, attrs: str = ""):
    def fn(data: bytes) -> bytes:
        text = data.decode()
        new, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', f'<c r="{ref}"{attrs}>{inner}</c>', text, count=1)
        assert n == 1, ref
        return new.encode()

    return fn


def _many_rows(n: int):
    def fn(data: bytes) -> bytes:
        rows = "".join(f'<row r="{r}"/>' for r in range(50, 50 + n))
        return data.replace(b"</sheetData>", rows.encode() + b"</sheetData>", 1)

    return fn


def _renamed_part_with_dtd(folder: Path) -> Built:
    """A sheet part named .bin (not .xml) whose DOCTYPE no entity uses: still refused."""
    path = folder / "kehoach.xlsx"
    with zipfile.ZipFile(BUNDLED) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            name = info.filename
            if name == TIEN_DO_PART:
                name = "xl/worksheets/sheet7.bin"
                text = data.decode()
                decl, body = text.split("?>", 1)
                data = (decl + '?><!DOCTYPE worksheet [<!ENTITY unused "x">]>' + body).encode()
            elif name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = data.replace(b"sheet7.xml", b"sheet7.bin")
            zout.writestr(name, data)
    return Built(path, inputs=(path,))


def _header_low(ws) -> None:
    ws.insert_rows(1, amount=10)


def _output_under_a_file(folder: Path) -> Built:
    book = copy_book(folder)
    (folder / "ghi_chu").write_text("một tệp, không phải thư mục", encoding="utf-8")
    return Built(book, inputs=(book, folder / "ghi_chu"))


def _backup_is_a_file(folder: Path) -> Built:
    built = form(rows={"G5": 60})(folder)
    (folder / "backup").write_text("không phải thư mục", encoding="utf-8")
    return Built(built.data, built.args, (*built.inputs, folder / "backup"))


def _issued_cong_van(folder: Path) -> Built:
    """The công văn đôn đốc quý III, then its Số filled in by the văn thư in Word."""
    from pipeline import api

    book = copy_book(folder)
    target = folder / "out" / "CongVan.docx"
    api.build_remind(book, 3, target)
    doc = Document(str(target))
    for p in doc.paragraphs + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]:
        if p.text.startswith("Số:"):
            p.runs[0].text = "Số: 12/" + p.text.split("/", 1)[1]
            for r in p.runs[1:]:
                r.text = ""
            break
    doc.save(str(target))
    return Built(book, ("-o", str(target)), (book, target))


def _grid_span_bomb(folder: Path) -> Built:
    doc = Document()
    table = doc.add_table(rows=2, cols=3)
    for i, text in enumerate(("STT", "Nhiệm vụ", "Thời gian")):
        table.cell(0, i).text = text
    table.cell(1, 1).text = "Một nhiệm vụ"
    path = folder / "KeHoach.docx"
    doc.save(str(path))
    huge = '<w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr>'

    def spans(data: bytes) -> bytes:
        return data.replace(b"<w:tc><w:tcPr>", b"<w:tc>" + huge.encode() + b"<w:tcPr>", 1)

    bomb = rezip(path, folder / "KeHoach_bomb.docx", {"word/document.xml": spans})
    path.unlink()
    return Built(folder / "kehoach.xlsx", (str(bomb),), (bomb,))


def _existing_workbook(folder: Path) -> Built:
    from pipeline import api

    doc = folder / "KeHoach.docx"
    api.build_plan(BUNDLED, doc)
    out = folder / "kehoach_2025.xlsx"
    out.write_bytes(BUNDLED.read_bytes())
    return Built(folder / "kehoach.xlsx", (str(doc), "--nam", "2025", "-o", str(out)), (doc, out))


FAR = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'

HOSTILE: list[Case] = [
    # -- outputs aimed at what the command reads, or at paths the OS refuses
    Case("output-wrong-extension", lambda folder: Built(copy_book(folder)), ("plan",), "QD.xlsx",
         "phải có đuôi .docx", output="QD.xlsx"),
    Case("output-under-a-file", _output_under_a_file, ("report", "--quy", "3"), "ghi_chu",
         "là một tệp, không phải thư mục", output="ghi_chu/bc.docx"),
    Case("output-name-too-long", lambda folder: Built(copy_book(folder)), ("plan",), "a" * 40,
         "tên tệp hoặc đường dẫn quá dài", output="a" * 300 + ".docx"),
    Case("backup-is-a-file", _backup_is_a_file, ("collect",), "backup", "là một tệp, không phải thư mục"),
    Case("remind-over-issued", _issued_cong_van, ("remind", "--quy", "3"), "CongVan.docx",
         "đã có số văn bản (đã ban hành)", extra=("--force",)),
    Case("import-over-existing", _existing_workbook, ("import",), "kehoach_2025.xlsx",
         "không ghi đè sổ đang có", extra=("--force",)),
    # -- forms whose identity was edited
    Case("form-claims-another-unit", form(meta={"don_vi": "KHTC"}), ("collect",), "TTR.xlsx",
         "không nhất quán", extra=("KHTC", "TTR")),
    # -- built to exhaust memory
    Case("far-cell", _sheet_edit(TIEN_DO_PART, _append_rows(FAR)), ("validate",), "Sheet 'TienDo'",
         "vượt giới hạn", extra=("XFD1048576",)),
    Case("too-many-rows", _sheet_edit(TIEN_DO_PART, _many_rows(600_000)), ("validate",), "Sheet 'TienDo'",
         "vượt giới hạn 500.000 dòng"),
    Case("dtd-in-a-part-not-named-xml", _renamed_part_with_dtd, ("validate",), "xl/worksheets/sheet7.bin",
         "có khai báo DTD"),
    Case("docx-grid-span-bomb", _grid_span_bomb, ("import",), "KeHoach_bomb.docx",
         "không phải bảng Word bình thường"),
    # -- cells whose value would be lost without a word
    Case("excel-error-cell", _sheet_edit(TIEN_DO_PART, _cell("E3", "<v>#N/A</v>", ' t="e"')), ("validate",),
         f"{K} › TienDo › E3", "lỗi công thức #N/A"),
    Case("excel-error-formula", _sheet_edit(TIEN_DO_PART, _cell("E4", "<f>1/0</f><v>#DIV/0!</v>", ' t="e"')),
         ("validate",), f"{K} › TienDo › E4", "lỗi công thức #DIV/0!"),
    Case("header-too-low", edit(_header_low, "NhiemVu"), ("validate",), f"{K} › NhiemVu › dòng 11",
         "Dòng tiêu đề của sheet nằm ở dòng 11"),
    Case("formula-text-in-number", cells("ChiTieu", E2="=1/0"), ("validate",), f"{K} › ChiTieu › E2",
         "không phải số"),
]


def form_renamed_xls(folder: Path) -> Built:
    """A good form whose extension a unit changed to .xls: it is still an .xlsx inside."""
    built = form(rows={"G5": 60})(folder)
    form_path = Path(built.args[-1])
    renamed = form_path.with_suffix(".xls")
    form_path.rename(renamed)
    return Built(built.data, (*built.args[:-1], str(renamed)), (built.data, renamed))


__all__ = ["HOSTILE", "dt", "form_renamed_xls", "with_dtd"]
