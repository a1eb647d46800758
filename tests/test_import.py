"""Importing an existing plan's appendix from .docx into a workbook (pipeline.importer).

Documents are built here with python-docx from the seed's text tables, from excerpts
of real agencies' appendices (tests/data/import/) and from small hand-made tables,
then imported and checked the way a clerk would: the tasks, their order, sections,
deadlines, products and assignments, the units, and that the workbook loads and
renders.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import BUNDLED, SEED, seed_tasks
from docx import Document
from docx.enum.text import WD_BREAK
from docxutil import Doc

from pipeline import api
from pipeline.errors import CchcError
from pipeline.importer import ImportResult, import_docx
from pipeline.schema import NHIEM_VU, PLAN_SHEETS

DATA = Path(__file__).parent / "data" / "import"
TASK_COLUMNS = ("Mã", "Lĩnh vực", "Nhiệm vụ", "Phân công và cách thức thực hiện", "Thời gian", "Kết quả/sản phẩm")


# -- reading the result ------------------------------------------------------------------


def sheet(path: Path, name: str) -> list[dict[str, object]]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def headers(path: Path, name: str) -> list[str]:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()[0]


def info(path: Path) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for row in sheet(path, "ThongTin"):
        out.setdefault(str(row["Trường"]), []).append(row["Giá trị"])
    return out


def tasks(path: Path) -> list[dict[str, object]]:
    return sheet(path, "NhiemVu")


def units(path: Path) -> dict[str, dict[str, object]]:
    return {str(u["Mã đơn vị"]): u for u in sheet(path, "DonVi")}


def loads(path: Path, tmp_path: Path):
    """The workbook passes the project's own validation and renders its appendix."""
    plan = api.load(path, PLAN_SHEETS).plan
    written = api.build_appendix(path, tmp_path / f"{path.stem}_pl.docx")
    assert written.path.exists()
    return plan


# -- building documents ----------------------------------------------------------------------


def set_text(cell, text: str) -> None:
    bold = "<b>" in text
    text = re.sub(r"</?b>", "", text)
    lines = text.split("\n")
    para = cell.paragraphs[0]
    para.add_run(lines[0]).bold = bold
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def add_table(doc, rows: list[list[str]], merges=()):
    """rows of cell texts ('<b>' marks bold); merges: (r0, c0, r1, c1) spans merged with python-docx."""
    ncols = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=ncols)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                set_text(table.cell(r, c), text)
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    return table


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def seed_docx(path: Path, head: list[str] | None = None, header_table: list[list[str]] | None = None) -> Path:
    """The seed's appendix as a Word file: its title lines, then each text table (the header
    row repeated as a new table after each page break, rows split across pages)."""
    doc = Document()
    if header_table:
        add_table(doc, header_table)
    for line in head or []:
        doc.add_paragraph(line)
    add_seed_appendix(doc, SEED.read_text(encoding="utf-8").split("**PHỤ LỤC**", 1)[1])
    doc.save(str(path))
    return path


def add_seed_appendix(doc, text: str) -> None:
    """The seed's tab-separated Phụ lục: its title lines, then one Word table per page (the
    header row starting each, as the seed repeats it after each page break)."""
    rows: list[list[str]] = []
    for line in text.splitlines():
        if "\t" not in line:
            title = line.replace("**", "").strip()
            if title and not rows:
                doc.add_paragraph(title)
            continue
        cells = line.split("\t")
        if re.sub(r"</?b>", "", cells[0]) == "STT" and rows:
            add_table(doc, rows)
            page_break(doc)
            rows = []
        rows.append(cells)
    add_table(doc, rows)


def realdoc_docx(name: str, path: Path) -> Path:
    """A docx from an excerpt in the realdocs format: '@TEXT' before a header is a title
    paragraph, inside a table a row merged across; a two-cell row ('I' | title) has its
    title merged across the remaining columns."""
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    doc = Document()
    table_rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []

    def flush() -> None:
        if table_rows:
            add_table(doc, table_rows, merges)
            table_rows.clear()
            merges.clear()

    for i, line in enumerate(lines):
        kind, _, rest = line.partition("\t")
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (not table_rows and kind != "@HEADER") or (kind == "@TEXT" and nxt.startswith("@HEADER")):
            flush()
            doc.add_paragraph(rest if kind == "@TEXT" else line)
        elif kind == "@HEADER":
            flush()
            table_rows.append(rest.split("\t"))
        else:
            ncols = len(table_rows[0])
            cells = [rest] if kind == "@TEXT" else line.split("\t")
            r = len(table_rows)
            if kind == "@TEXT":
                merges.append((r, 0, r, ncols - 1))
            elif len(cells) == 2 and ncols > 2:
                merges.append((r, 1, r, ncols - 1))
            table_rows.append(cells + [""] * (ncols - len(cells)))
    flush()
    doc.save(str(path))
    return path


def small_docx(path: Path, rows: list[list[str]], merges=(), paragraphs=("PHỤ LỤC",)) -> Path:
    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    add_table(doc, rows, merges)
    doc.save(str(path))
    return path


HEADER = ["STT", "Nhiệm vụ", "Phân công và cách thức thực hiện", "Thời gian", "Kết quả/sản phẩm đạt được"]


# -- the project's own documents -------------------------------------------------------------


def test_own_appendix_imports_back_to_the_same_tasks(appendix_docx, tmp_path):
    result = import_docx(appendix_docx, tmp_path / "kh.xlsx")
    assert result.complete and result.skipped == []
    assert (result.tasks, result.sections, result.year) == (30, 7, 2024)
    bundled = [{k: t[k] for k in TASK_COLUMNS} for t in tasks(BUNDLED)]
    assert [{k: t[k] for k in TASK_COLUMNS} for t in tasks(result.path)] == bundled
    ti = info(result.path)
    assert ti["Cơ quan ban hành"] == ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"]
    assert ti["Tên cơ quan trong câu"] == ["Sở Tài nguyên và Môi trường"]
    assert ti["Năm kế hoạch"] == [2024]
    # Rendering the imported workbook gives back the same appendix table, cell for cell.
    loads(result.path, tmp_path)
    again = api.build_appendix(result.path, tmp_path / "again.docx").path
    original, rebuilt = Doc(appendix_docx), Doc(again)
    assert [original.rows(t) for t in original.tables()] == [rebuilt.rows(t) for t in rebuilt.tables()]


def test_full_plan_imports_tasks_and_decision_header(plan_docx, tmp_path):
    result = import_docx(plan_docx, tmp_path / "kh.xlsx")
    assert result.complete, result.skipped  # header, signature blocks are not task tables
    bundled = [{k: t[k] for k in TASK_COLUMNS} for t in tasks(BUNDLED)]
    assert [{k: t[k] for k in TASK_COLUMNS} for t in tasks(result.path)] == bundled
    ti = info(result.path)
    assert ti["Cơ quan chủ quản"] == ["UBND TỈNH KHÁNH HÒA"]
    assert ti["Cơ quan ban hành"] == ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"]
    assert ti["Tên viết tắt"] == ["STNMT"]
    assert ti["Địa danh"] == ["Khánh Hòa"]
    assert ti["Số quyết định"] == [""]  # the draft is unnumbered
    assert ti["Ngày quyết định"] == ["01/2024"]
    assert ti["Căn cứ"][0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"
    assert ti["Điều"][0] == "Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm {năm} của {cơ quan}"
    assert "Sở Nội vụ (b/c)" in ti["Nơi nhận"]
    plan = loads(result.path, tmp_path)
    assert plan.decision.proposer == "Chánh Văn phòng Sở"
    assert api.build_plan(result.path, tmp_path / "qd.docx").path.exists()


# -- the seed's tables -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory) -> ImportResult:
    folder = tmp_path_factory.mktemp("seed")
    source = seed_docx(folder / "kehoach_2024.docx")
    return import_docx(source, folder / "kh.xlsx")


def test_seed_tables_import_to_the_bundled_tasks(seed_import, tmp_path):
    assert seed_import.complete and seed_import.skipped == []
    got = tasks(seed_import.path)
    expected = seed_tasks()
    assert len(got) == len(expected) == 30
    for row, (_, title, e) in zip(got, expected):
        assert (row["Lĩnh vực"], row["Nhiệm vụ"], row["Phân công và cách thức thực hiện"], row["Thời gian"],
                row["Kết quả/sản phẩm"]) == (title, e["task"], e["assignment"], e["deadline"], e["product"])
    bundled = tasks(BUNDLED)
    assert [{k: t[k] for k in TASK_COLUMNS} for t in got] == [{k: t[k] for k in TASK_COLUMNS} for t in bundled]
    # page-split rows are joined with a space
    joined = "Văn phòng Sở chủ trì hướng dẫn các đơn vị trực thuộc thực hiện"
    assert got[22]["Phân công và cách thức thực hiện"] == joined
    assert (seed_import.sections, seed_import.year) == (7, 2024)
    loads(seed_import.path, tmp_path)


def test_seed_units_are_guessed_from_the_assignments(seed_import):
    found = units(seed_import.path)
    assert set(found) == {"VP", "CCQLDD", "VPDKDD", "TTCNTT"}
    assert found["VP"]["Tên đơn vị"] == "Văn phòng Sở" and found["VP"]["Loại"] == "phòng"
    assert found["CCQLDD"]["Loại"] == "chi cục"
    assert found["VPDKDD"]["Tên đơn vị"] == "Văn phòng Đăng ký đất đai Khánh Hòa"
    assert found["VPDKDD"]["Loại"] == "đơn vị sự nghiệp"
    # "Trung tâm CNTT" and "TTCNTT TNMT" are one unit
    assert found["TTCNTT"]["Tên đơn vị"] == "Trung tâm CNTT"
    assert found["TTCNTT"]["Tên gọi khác"] == "TTCNTT TNMT"
    assert seed_import.units == 4
    got = {t["Mã"]: t for t in tasks(seed_import.path)}
    bundled = {t["Mã"]: t for t in tasks(BUNDLED)}
    for tid, t in got.items():  # every unit named is one the bundled data names too
        assert set(str(t["Đơn vị chủ trì"]).split("; ")) <= set(str(bundled[tid]["Đơn vị chủ trì"]).split("; "))
    assert [got[i]["Đơn vị chủ trì"] for i in ("NV03", "NV11", "NV13", "NV22", "NV26")] == [
        "CCQLDD", "VPDKDD", "VP", "VP", "TTCNTT"]
    assert "TTCNTT" in str(got["NV22"]["Đơn vị phối hợp"])
    assert got["NV01"]["Đơn vị chủ trì"] == "VP"  # names no unit: the office leads, with a warning
    assert any("NV01" in p.message for p in seed_import.warnings)


def test_units_merge_aliases_get_types_and_leave_outside_bodies_out(tmp_path):
    rows = [
        HEADER,
        ["I", "Cải cách thể chế", "", "", ""],
        ["1", "Nhiệm vụ 1", "Văn phòng Sở chủ trì, phối hợp với Sở Nội vụ và UBND tỉnh", "Quý I/2025", ""],
        ["2", "Nhiệm vụ 2", "Phòng Kế hoạch - Tài chính chủ trì; Thanh tra Sở phối hợp", "Quý I/2025", ""],
        ["3", "Nhiệm vụ 3", "Phòng KHTC thực hiện. Chi cục QLĐĐ phối hợp.", "Quý I/2025", ""],
        ["4", "Nhiệm vụ 4", "Chi cục Quản lý đất đai chủ trì; Ban Quản lý dự án phối hợp", "Quý I/2025", ""],
        ["5", "Nhiệm vụ 5", "Trung tâm Phát triển quỹ đất chủ trì; Văn phòng UBND tỉnh, Bộ Nội vụ phối hợp",
         "Quý I/2025", ""],
        ["6", "Nhiệm vụ 6", "Các phòng, đơn vị thuộc Sở", "Quý I/2025", ""],
    ]
    paragraphs = ["PHỤ LỤC", "(Kèm theo Kế hoạch cải cách hành chính Sở Nông nghiệp và Môi trường năm 2025)"]
    result = import_docx(small_docx(tmp_path / "u.docx", rows, paragraphs=paragraphs), tmp_path / "u.xlsx")
    found = units(result.path)
    assert [(code, u["Tên đơn vị"], u["Tên gọi khác"], u["Loại"]) for code, u in found.items()] == [
        ("VP", "Văn phòng Sở", "", "phòng"),
        ("TTR", "Thanh tra Sở", "", "phòng"),
        ("KHTC", "Phòng Kế hoạch - Tài chính", "Phòng KHTC", "phòng"),
        ("CCQLDD", "Chi cục Quản lý đất đai", "Chi cục QLĐĐ", "chi cục"),
        ("BQLDA", "Ban Quản lý dự án", "", "đơn vị sự nghiệp"),
        ("TTPTQD", "Trung tâm Phát triển quỹ đất", "", "đơn vị sự nghiệp"),
    ]
    got = [(t["Đơn vị chủ trì"], t["Đơn vị phối hợp"]) for t in tasks(result.path)]
    assert got == [("VP", ""), ("KHTC", "TTR"), ("KHTC", "CCQLDD"), ("CCQLDD", "BQLDA"), ("TTPTQD", ""),
                   ("VP; TTR; KHTC; CCQLDD; BQLDA; TTPTQD", "")]
    ti = info(result.path)
    assert ti["Tên cơ quan trong câu"] == ["Sở Nông nghiệp và Môi trường"] and ti["Tên viết tắt"] == ["SNNMT"]
    loads(result.path, tmp_path)


# -- layouts of real plans ------------------------------------------------------------------------


def test_roman_in_merged_text_continuous_numbering_separate_columns_no_product(tmp_path):
    source = realdoc_docx("dongthap_kh617.txt", tmp_path / "dongthap.docx")
    result = import_docx(source, tmp_path / "dt.xlsx")
    assert result.complete, result.skipped
    got = tasks(result.path)
    assert len(got) == 11
    assert [t["Lĩnh vực"] for t in got] == (["NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY"] * 3
                                           + ["HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ CHUYỂN ĐỔI SỐ DOANH NGHIỆP"] * 4
                                           + ["PHÁT TRIỂN HẠ TẦNG SỐ VÀ THÚC ĐẨY ỨNG DỤNG TRONG SẢN XUẤT KINH DOANH"]
                                           + ["HỢP TÁC VÀ THU HÚT ĐẦU TƯ"] * 3)
    assert got[3]["Thời gian"] == "Quí IV-2025"
    assert all(t["Kết quả/sản phẩm"] == "" for t in got)
    assert got[0]["Phân công và cách thức thực hiện"] == (
        "Chủ trì: Sở KH&CN\nPhối hợp: Các sở, ban, ngành tỉnh; UBND các xã, phường")
    names = " ".join(str(u["Tên đơn vị"]) for u in units(result.path).values())
    assert "Sở" not in names.split() and "UBND" not in names  # outside bodies are not units
    assert result.year == 2025
    loads(result.path, tmp_path)


def test_sub_levels_and_an_unrecognised_table(tmp_path):
    source = realdoc_docx("ttg_qd2629.txt", tmp_path / "qd2629.docx")
    result = import_docx(source, tmp_path / "cps.xlsx")
    # Phụ lục I is a table of targets, not tasks: listed, and the tasks are still written.
    assert [(s.table, s.row) for s in result.skipped] == [(1, 0)]
    assert "không nhận ra bảng nhiệm vụ" in result.skipped[0].reason
    assert not result.complete
    got = tasks(result.path)
    assert [t["Lĩnh vực"] for t in got] == [
        "Hoàn thiện thể chế", "Hoàn thiện thể chế",
        "Nhóm các nền tảng số giải quyết thủ tục hành chính và tương tác với người dân, doanh nghiệp",
        "Nhóm các nền tảng số giải quyết thủ tục hành chính và tương tác với người dân, doanh nghiệp",
        "Nhóm các nền tảng phục vụ quản trị và chỉ đạo, điều hành",
        "Nhóm ứng dụng, nền tảng số cấp bộ, cấp tỉnh",
        "Phát triển hạ tầng Chính phủ số",
    ]
    assert got[2]["Nhiệm vụ"].startswith("Triển khai Cổng Dịch vụ công quốc gia")
    assert got[3]["Thời gian"] == "Năm 2025-2026"  # "Thời gian thực hiện"
    assert got[3]["Kết quả/sản phẩm"] == "Hoàn thành, khai thác sử dụng"  # "Kết quả"
    loads(result.path, tmp_path)


def test_restarting_numbers_empty_products_and_a_stray_row(tmp_path):
    source = realdoc_docx("nghean_kh980.txt", tmp_path / "nghean.docx")
    result = import_docx(source, tmp_path / "na.xlsx")
    got = tasks(result.path)
    assert len(got) == 17  # "TT" numbering restarts in each group: nothing is lost
    assert got[0]["Nhiệm vụ"].startswith("Tổ chức lại Ban Chỉ huy")  # "Nội dung thực hiện"
    assert got[0]["Kết quả/sản phẩm"] == "Quyết định của Chủ tịch UBND cấp tỉnh, cấp xã"  # "Sản phẩm dự kiến"
    assert got[1]["Kết quả/sản phẩm"] == ""
    assert [t["Lĩnh vực"] for t in got].count("DIỄN TẬP PHÒNG THỦ DÂN SỰ") == 2
    # The dotted line left in the source is listed with where it is; the rest is written.
    assert [(s.table, s.row) for s in result.skipped] == [(1, 13)]
    assert "không có chữ" in result.skipped[0].reason
    assert "bảng 1, dòng 13" in str(result.problems[0])
    loads(result.path, tmp_path)


def test_extra_columns_are_kept(tmp_path):
    source = realdoc_docx("bvhttdl_cv6225.txt", tmp_path / "bvh.docx")
    result = import_docx(source, tmp_path / "bvh.xlsx")
    assert result.complete
    assert headers(result.path, "NhiemVu")[len(NHIEM_VU.columns):] == ["Người đứng đầu chịu trách nhiệm"]
    got = tasks(result.path)
    assert got[1]["Người đứng đầu chịu trách nhiệm"] == "Cục trưởng Cục Du lịch Quốc gia Việt Nam"
    assert got[1]["Kết quả/sản phẩm"].startswith("Mô hình du lịch thông minh")  # "Kết quả thực hiện"
    assert got[3]["Thời gian"] == "Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW"
    loads(result.path, tmp_path)


def test_two_level_header_and_notes_columns(tmp_path):
    rows = [
        ["TT", "Nội dung", "Cơ quan thực hiện", "", "Thời hạn", "Kinh phí", "Ghi chú"],
        ["", "", "Chủ trì", "Phối hợp", "", "", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["I", "Cải cách thể chế", "", "", "", "", ""],
        ["1", "Rà soát văn bản quy phạm pháp luật", "Phòng Pháp chế", "Thanh tra Sở", "Quý IV/2025", "20 triệu",
         "Ưu tiên"],
    ]
    merges = [(0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1), (0, 4, 1, 4), (0, 5, 1, 5), (0, 6, 1, 6), (3, 1, 3, 6)]
    source = small_docx(tmp_path / "two.docx", rows, merges, ["KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025"])
    result = import_docx(source, tmp_path / "two.xlsx")
    assert result.complete, result.skipped
    assert headers(result.path, "NhiemVu")[len(NHIEM_VU.columns):] == ["Kinh phí", "Ghi chú"]
    [t] = tasks(result.path)
    assert (t["Lĩnh vực"], t["Thời gian"], t["Kinh phí"], t["Ghi chú"]) == (
        "Cải cách thể chế", "Quý IV/2025", "20 triệu", "Ưu tiên")
    found = units(result.path)
    assert t["Đơn vị chủ trì"] == "PC" and found["PC"]["Tên đơn vị"] == "Phòng Pháp chế"
    assert t["Đơn vị phối hợp"] == "TTR" and found["TTR"]["Loại"] == "phòng"
    loads(result.path, tmp_path)


@pytest.mark.parametrize("head", [
    ["TT", "Tên nhiệm vụ", "Phân công", "Thời hạn hoàn thành", "Kết quả/sản phẩm đạt được"],
    ["STT", "Nội dung", "Cách thức thực hiện", "Thời gian thực hiện", "Sản phẩm dự kiến"],
    ["STT", "Nhiệm vụ", "Phân công thực hiện", "Thời gian hoàn thành", "Kết quả thực hiện"],
    ["Số thứ tự", "Nhiệm vụ trọng tâm", "Trách nhiệm thực hiện", "Tiến độ hoàn thành dự kiến", "Kết quả đầu ra"],
    # NFD text, capitals, the old tone placement (HOÀ) and a trailing colon do not matter
    [unicodedata.normalize("NFD", "SỐ TT"), unicodedata.normalize("NFD", "NHIỆM VỤ"), "PHÂN CÔNG:",
     "THỜI GIAN HOÀN THÀNH", "KẾT QUẢ"],
])
def test_headers_worded_differently(head, tmp_path):
    rows = [head, ["I", "Cải cách hành chính", "", "", ""],
            ["1", "Ban hành Kế hoạch", "Văn phòng Sở chủ trì", "Tháng 01/2025", "Kế hoạch"]]
    result = import_docx(small_docx(tmp_path / "h.docx", rows), tmp_path / "h.xlsx")
    [t] = tasks(result.path)
    assert (t["Lĩnh vực"], t["Nhiệm vụ"], t["Phân công và cách thức thực hiện"], t["Thời gian"],
            t["Kết quả/sản phẩm"], t["Đơn vị chủ trì"]) == (
        "Cải cách hành chính", "Ban hành Kế hoạch", "Văn phòng Sở chủ trì", "Tháng 01/2025", "Kế hoạch", "VP")
    assert result.complete and result.year == 2025


def test_merged_cells_are_read_once(tmp_path):
    head = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Sản phẩm"]
    rows = [
        head,
        ["I", "Cải cách thủ tục hành chính", "", "", "", ""],  # title merged across five columns
        ["1", "Rà soát thủ tục", "Chi cục Quản lý đất đai", "Văn phòng Sở", "Quý I/2025", "Báo cáo"],
        ["2", "Công bố thủ tục", "", "", "Quý II/2025", ""],  # lead merged down; deadline across product
        ["3", "Số hóa hồ sơ", "Trung tâm Công nghệ thông tin", "", "Năm 2025", "Kế hoạch"],
        ["", "", "", "", "", "được ban hành"],  # STT and task merged down: the row goes on
    ]
    merges = [(1, 1, 1, 5), (2, 2, 3, 2), (3, 4, 3, 5), (4, 0, 5, 0), (4, 1, 5, 1)]
    result = import_docx(small_docx(tmp_path / "m.docx", rows, merges), tmp_path / "m.xlsx")
    assert result.complete, result.skipped
    got = tasks(result.path)
    assert [t["Nhiệm vụ"] for t in got] == ["Rà soát thủ tục", "Công bố thủ tục", "Số hóa hồ sơ"]
    assert {t["Lĩnh vực"] for t in got} == {"Cải cách thủ tục hành chính"}
    assert got[1]["Đơn vị chủ trì"] == got[0]["Đơn vị chủ trì"] == "CCQLDD"
    assert (got[1]["Thời gian"], got[1]["Kết quả/sản phẩm"]) == ("Quý II/2025", "")
    assert got[2]["Kết quả/sản phẩm"] == "Kế hoạch được ban hành"
    assert got[2]["Đơn vị chủ trì"] == "TTCNTT"
    loads(result.path, tmp_path)


def test_header_repeated_inside_and_as_new_tables(tmp_path):
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025")
    add_table(doc, [HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)"], ["I", "Cải cách thể chế", "", "", ""],
                    ["1", "Nhiệm vụ một", "Văn phòng Sở", "Quý I/2025", "Báo cáo"],
                    HEADER,  # the header typed again at the top of page 2
                    ["2", "Nhiệm vụ hai", "Thanh tra Sở", "Quý II/2025", "Kết luận"]])
    page_break(doc)
    add_table(doc, [[f"<b>{h}</b>" for h in HEADER],  # repeated as a new table …
                    ["", "tiếp theo", "", "", "thanh tra"],  # … starting with the rest of task 2
                    ["II", "Cải cách tổ chức bộ máy", "", "", ""],
                    ["1", "Nhiệm vụ ba", "Văn phòng Sở", "Quý III/2025", "Đề án"]])
    page_break(doc)
    add_table(doc, [["2", "Nhiệm vụ bốn", "Văn phòng Sở", "Quý IV/2025", "Báo cáo"]])  # no header at all
    doc.save(str(tmp_path / "rep.docx"))
    result = import_docx(tmp_path / "rep.docx", tmp_path / "rep.xlsx")
    assert result.complete, result.skipped
    got = tasks(result.path)
    assert [(t["Mã"], t["Lĩnh vực"], t["Nhiệm vụ"], t["Kết quả/sản phẩm"]) for t in got] == [
        ("NV01", "Cải cách thể chế", "Nhiệm vụ một", "Báo cáo"),
        ("NV02", "Cải cách thể chế", "Nhiệm vụ hai tiếp theo", "Kết luận thanh tra"),
        ("NV03", "Cải cách tổ chức bộ máy", "Nhiệm vụ ba", "Đề án"),
        ("NV04", "Cải cách tổ chức bộ máy", "Nhiệm vụ bốn", "Báo cáo"),
    ]
    assert result.sections == 2


def test_numbered_sub_groups_keep_the_deepest_group(tmp_path):
    rows = [
        HEADER,
        ["I", "Cải cách thủ tục hành chính", "", "", ""],
        ["1", "Rà soát thủ tục hành chính", "", "", ""],  # numbered deeper below: a group
        ["1.1", "Rà soát lĩnh vực đất đai", "Chi cục Quản lý đất đai", "Quý II/2025", "Báo cáo"],
        ["1.2", "Rà soát lĩnh vực môi trường", "Phòng Quản lý môi trường", "Quý III/2025", "Báo cáo"],
        ["2", "Công khai thủ tục", "Văn phòng Sở", "Thường xuyên", ""],
        ["3", "Tổng kết", "", "", ""],  # nothing below it: a task, not a group
        ["II", "Giai đoạn 2025", "", "", ""],
        ["II.1", "Dịch vụ số", "", "", ""],
        ["a)", "Dịch vụ công trực tuyến", "Văn phòng Sở", "Năm 2025", "Báo cáo"],
        ["III", "Giai đoạn 2026", "", "", ""],
        ["III.1", "Dịch vụ số", "", "", ""],  # same title under another parent
        ["a)", "Dịch vụ công toàn trình", "Văn phòng Sở", "Năm 2026", "Báo cáo"],
    ]
    result = import_docx(small_docx(tmp_path / "sub.docx", rows), tmp_path / "sub.xlsx", year=2025)
    got = tasks(result.path)
    assert [(t["Nhiệm vụ"], t["Lĩnh vực"]) for t in got] == [
        ("Rà soát lĩnh vực đất đai", "Rà soát thủ tục hành chính"),
        ("Rà soát lĩnh vực môi trường", "Rà soát thủ tục hành chính"),
        ("Công khai thủ tục", "Cải cách thủ tục hành chính"),
        ("Tổng kết", "Cải cách thủ tục hành chính"),
        ("Dịch vụ công trực tuyến", "Giai đoạn 2025 - Dịch vụ số"),
        ("Dịch vụ công toàn trình", "Giai đoạn 2026 - Dịch vụ số"),
    ]
    assert any("NV04" in p.message and "Thời gian" in p.message for p in result.warnings)  # "Tổng kết" has none


# -- roll-forward ---------------------------------------------------------------------------------

HEADER_BLOCK = [
    ["UBND TỈNH KHÁNH HÒA\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "Độc lập - Tự do - Hạnh phúc"],
    ["Số: 05/QĐ-STNMT", "Khánh Hòa, ngày 05 tháng 01 năm 2024"],
]
PLAN_HEAD = ["KẾ HOẠCH", "Cải cách hành chính của Sở Tài nguyên và Môi trường năm 2024",
             "(Ban hành kèm theo Quyết định số 05/QĐ-STNMT ngày 05/01/2024 của Giám đốc Sở Tài nguyên và Môi trường)"]


@pytest.fixture(scope="module")
def issued_plan(tmp_path_factory) -> Path:
    return seed_docx(tmp_path_factory.mktemp("issued") / "kh2024.docx", PLAN_HEAD, HEADER_BLOCK)


def test_issued_plan_keeps_its_number_and_date(issued_plan, tmp_path):
    result = import_docx(issued_plan, tmp_path / "kh.xlsx")
    ti = info(result.path)
    assert ti["Số quyết định"] == ["05"] and ti["Ngày quyết định"] == ["05/01/2024"]
    assert ti["Năm kế hoạch"] == [2024] and ti["Tên viết tắt"] == ["STNMT"]
    assert result.year == result.source_year == 2024
    plan = loads(result.path, tmp_path)
    assert plan.decision.number == "05"


def test_year_rolls_deadlines_forward_as_a_draft(issued_plan, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = import_docx(issued_plan, year=2025)
    assert result.path == Path("data/kehoach_2025.xlsx") and result.path.exists()
    assert (result.year, result.source_year) == (2025, 2024)
    got = {t["Mã"]: t for t in tasks(result.path)}
    assert got["NV01"]["Thời gian"] == "Quý II/2025"
    assert got["NV02"]["Thời gian"] == "Trong năm 2025"
    assert got["NV06"]["Thời gian"] == "Thường xuyên trong năm 2025"
    assert got["NV27"]["Thời gian"] == "Tháng 01/2025"
    assert got["NV13"]["Thời gian"] == ("Theo Quyết định số 1117/QĐ-UBND ngày 19/5/2023 và Quyết định số "
                                        "2426/QĐ-UBND ngày 11/10/2023 của UBND tỉnh")  # citations stay
    assert got["NV29"]["Thời gian"] == "Trong năm 2023"  # only the plan's own year moves
    assert got["NV01"]["Nhiệm vụ"].endswith("năm 2024")  # task texts are the clerk's to edit …
    assert any("NV01" in p.message and "2024" in p.message for p in result.warnings)  # … and are pointed out
    ti = info(result.path)
    assert ti["Năm kế hoạch"] == [2025]
    assert ti["Số quyết định"] == [""] and ti["Ngày quyết định"] == [""]
    assert any("BẢN NHÁP" in str(x) for x in ti["Ghi chú về dữ liệu"])
    kbc = sheet(result.path, "KyBaoCao")
    assert [str(k["Chốt số liệu đến"])[:10] for k in kbc] == ["2025-03-14", "2025-06-14", "2025-09-14", "2025-12-14"]
    plan = loads(result.path, tmp_path)
    assert plan.year == 2025 and plan.decision.number == ""


# -- refusing, bad input, what could not be placed ----------------------------------------------------


def test_refuses_to_overwrite_without_force(appendix_docx, tmp_path):
    out = tmp_path / "kh.xlsx"
    import_docx(appendix_docx, out)
    before = out.read_bytes()
    with pytest.raises(CchcError) as exc:
        import_docx(appendix_docx, out)
    assert "kh.xlsx" in exc.value.message and "--force" in exc.value.message
    assert out.read_bytes() == before
    assert import_docx(appendix_docx, out, force=True).tasks == 30


def _zip_truncated(src: Path, dst: Path) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst


@pytest.mark.parametrize("make, words", [
    (lambda d, src: d / "khong_co.docx", "Không tìm thấy tệp"),
    (lambda d, src: (d / "a.docx").write_text("không phải docx") and d / "a.docx", "không phải văn bản Word"),
    (lambda d, src: (d / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512) and d / "cu.doc",
     "Word 97-2003 (.doc)"),
    (lambda d, src: _zip_truncated(src, d / "hong.docx"), "hỏng"),
    (lambda d, src: shutil.copy(BUNDLED, d / "so.xlsx") and d / "so.xlsx", "sổ Excel"),
    (lambda d, src: (d / "rong.docx").write_bytes(b"") is not None and d / "rong.docx", "rỗng"),
])
def test_bad_files_give_a_vietnamese_message(make, words, appendix_docx, tmp_path):
    path = make(tmp_path, appendix_docx)
    with pytest.raises(CchcError) as exc:
        import_docx(path, tmp_path / "out.xlsx")
    assert words in exc.value.message
    assert not (tmp_path / "out.xlsx").exists()


def test_zip_without_a_document_is_refused(tmp_path):
    with zipfile.ZipFile(tmp_path / "x.docx", "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    with pytest.raises(CchcError, match=r"word/document\.xml"):
        import_docx(tmp_path / "x.docx", tmp_path / "out.xlsx")


def test_document_without_a_task_table_lists_the_tables_seen(tmp_path):
    doc = Document()
    doc.add_paragraph("Báo cáo")
    add_table(doc, [["TT", "Chỉ tiêu", "Đơn vị"], ["1", "Tỷ lệ hồ sơ trực tuyến", "%"]])
    doc.save(str(tmp_path / "no.docx"))
    with pytest.raises(CchcError) as exc:
        import_docx(tmp_path / "no.docx", tmp_path / "out.xlsx")
    assert "Không tìm thấy bảng nhiệm vụ" in exc.value.message
    assert any("Bảng 1" in p.message and "Chỉ tiêu" in p.message for p in exc.value.problems)


def test_rows_that_cannot_be_placed_are_listed_and_the_rest_written(tmp_path):
    rows = [
        HEADER,
        ["I", "Cải cách thể chế", "", "", ""],
        ["1", "Xây dựng văn bản", "Văn phòng Sở", "Quý I/2025", "Văn bản"],
        ["2", "", "Thanh tra Sở", "Quý II/2025", "Báo cáo"],  # no task text
        ["3", "Kiểm tra", "Thanh tra Sở", "Quý III/2025", "Kết luận"],
    ]
    result = import_docx(small_docx(tmp_path / "s.docx", rows), tmp_path / "s.xlsx")
    assert not result.complete
    [skipped] = result.skipped
    assert (skipped.table, skipped.row) == (1, 4)
    assert "không có nội dung nhiệm vụ" in skipped.reason
    assert str(skipped).startswith("Bảng 1, dòng 4: ")
    assert [t["Nhiệm vụ"] for t in tasks(result.path)] == ["Xây dựng văn bản", "Kiểm tra"]
    loads(result.path, tmp_path)


def test_ids_widen_past_99_and_text_is_nfc(tmp_path):
    rows = [HEADER, ["I", "Cải cách thể chế", "", "", ""]]
    rows += [[str(i), unicodedata.normalize("NFD", f"Nhiệm vụ số {i}"), "Văn phòng Sở", "Quý I/2025", ""]
             for i in range(1, 121)]
    result = import_docx(small_docx(tmp_path / "many.docx", rows), tmp_path / "many.xlsx")
    got = tasks(result.path)
    assert [got[0]["Mã"], got[98]["Mã"], got[-1]["Mã"]] == ["NV001", "NV099", "NV120"]
    assert got[0]["Nhiệm vụ"] == unicodedata.normalize("NFC", "Nhiệm vụ số 1")
    assert result.tasks == 120
