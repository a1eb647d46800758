"""A complete `cchc import`: the Kế hoạch's text into NoiDung, its targets into ChiTieu, the
decision's parts into ThongTin, the units from every place the document names them, and
every sheet, so the imported workbook validates and prints the document back.

Round trips: the seed plan typed in Word as an agency would (numbered paragraphs typed by
hand, the Phụ lục as several tables split across pages); the tool's own generated plan; the
real documents' excerpts in tests/data/import/."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BUNDLED, SEED, seed_tasks
from docx import Document
from docxutil import Doc
from test_import import add_seed_appendix, add_table, info, page_break, realdoc_docx, sheet, small_docx, tasks, units
from test_plan import appendix_entries

from pipeline import api
from pipeline.cli import cli
from pipeline.importer import import_docx
from pipeline.render.blocks import expander
from pipeline.schema import PLAN_SHEETS

AGENCY_BLOCK = [["UBND TỈNH KHÁNH HÒA\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\n-------",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]]


def seed_lines() -> list[str]:
    """The seed's narrative paragraphs as a reader sees them (markdown marks dropped)."""
    text = SEED.read_text(encoding="utf-8")
    narrative = text[text.index("#### I. MỤC TIÊU"): text.index("**PHỤ LỤC**")]
    lines = [unicodedata.normalize("NFC", ln.replace("**", "").lstrip("#").strip()) for ln in narrative.splitlines()]
    return [ln for ln in lines if ln]


def seed_plan_docx(path: Path) -> Path:
    """The whole seed plan as a clerk types it in Word: the agency block, KẾ HOẠCH and its
    trích yếu, the "(Ban hành kèm theo …)" line broken over two lines, headings in bold with
    their numbers typed, then on a new page the Phụ lục as one table per page, its header row
    repeated and rows split across pages."""
    doc = Document()
    add_table(doc, AGENCY_BLOCK)
    head, table = SEED.read_text(encoding="utf-8").split("**PHỤ LỤC**", 1)
    pending: list[str] = []
    for raw in head.splitlines():
        line = raw.replace("**", "").lstrip("#").strip()
        if raw.endswith("  ") and line:  # a markdown line break: the paragraph goes on
            pending.append(line)
            continue
        if pending:
            para = doc.add_paragraph()
            for k, part in enumerate([*pending, line]):
                run = para.add_run(part)
                if k < len(pending):
                    run.add_break()
            pending = []
        elif line:
            doc.add_paragraph().add_run(line).bold = raw.lstrip().startswith("#")
    page_break(doc)
    add_seed_appendix(doc, table)
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def seed_word(tmp_path_factory) -> Path:
    return seed_plan_docx(tmp_path_factory.mktemp("seedword") / "KeHoach2024.docx")


@pytest.fixture(scope="module")
def seed_book(seed_word) -> tuple[Path, object]:
    result = CliRunner().invoke(cli, ["import", str(seed_word), "-o", str(seed_word.with_suffix(".xlsx"))])
    assert result.exit_code == 0, result.output
    return seed_word.with_suffix(".xlsx"), result


def plan_paragraphs(path: Path) -> list[str]:
    return [p.text.replace("\n", " ") for p in Doc(path).paragraphs()]  # balanced headings' breaks


def test_the_seed_typed_in_word_prints_back_every_paragraph_and_task(seed_book, tmp_path):
    book, result = seed_book
    assert "30 nhiệm vụ, 7 lĩnh vực, 4 đơn vị, 32 đoạn nội dung và 7 chỉ tiêu (năm 2024)" in result.output
    checked = api.check_workbook(book)
    assert checked.exit_code == 0 and checked.problems == []
    out = api.build_plan(book, tmp_path / "qd.docx").path
    printed = plan_paragraphs(out)
    lines = seed_lines()
    start = printed.index(lines[0])
    assert printed[start: start + len(lines)] == lines  # every paragraph, in order, with its numbering
    entries = appendix_entries(Doc(out))
    assert [(r, t, c[1:]) for r, t, c in entries] == [
        (r, t, [e["task"], e["assignment"], e["deadline"], e["product"]]) for r, t, e in seed_tasks()]
    for args in (["forms", "--quy", "1", "-o", str(tmp_path / "phieu")],
                 ["report", "--quy", "1", "-o", str(tmp_path / "bc.docx")]):  # every sheet is there
        done = CliRunner().invoke(cli, ["--data", str(book), *args])
        assert done.exit_code == 0, done.output


def test_the_seed_narrative_has_the_bundled_kinds_targets_and_placeholders(seed_book):
    book = seed_book[0]
    got, bundled = sheet(book, "NoiDung"), sheet(BUNDLED, "NoiDung")
    assert [r["Kiểu"] for r in got] == [r["Kiểu"] for r in bundled]
    assert got[0]["Nội dung"] == "MỤC TIÊU TRỌNG TÂM NĂM {năm}"
    assert got[-1]["Nội dung"].endswith("toàn bộ nội dung Kế hoạch này.")  # the tool adds "./."
    assert "cắt giảm {CT:2a} thông tin" in got[5]["Nội dung"]
    assert got[7]["Nội dung"].startswith("{CT:2c.1} thủ tục hành chính") and "đạt {CT:2c.2}." in got[7]["Nội dung"]
    targets = sheet(book, "ChiTieu")
    assert [(t["Mã"], t["Mục tiêu"], t["So sánh"], t["Giá trị"], t["Đơn vị tính"]) for t in targets] == [
        (t["Mã"], t["Mục tiêu"], t["So sánh"], t["Giá trị"], t["Đơn vị tính"]) for t in sheet(BUNDLED, "ChiTieu")]
    names = [t["Chỉ tiêu"] for t in targets]
    assert names[1] == "100% hồ sơ, kết quả giải quyết thủ tục hành chính được thực hiện số hóa theo quy định"
    assert names[4] == "Tỷ lệ giao dịch thanh toán trực tuyến đạt trên 35%"
    assert names[6] == "Đối với sự phục vụ của đơn vị sự nghiệp công lập đạt trên 87%"


def test_the_seed_decision_parts_and_units(seed_book):
    book, result = seed_book
    ti = info(book)
    assert ti["Cơ quan chủ quản"] == ["UBND TỈNH KHÁNH HÒA"] and ti["Tên viết tắt"] == ["STNMT"]
    assert ti["Ngày quyết định"] == ["01/2024"] and ti["Chức danh người đứng đầu"] == ["Giám đốc"]
    assert ti["Trích yếu kế hoạch"] == ["Cải cách hành chính của {cơ quan} năm {năm}"]
    assert "Căn cứ" not in ti  # the seed has no Quyết định: nothing invented …
    assert "Văn bản không có Quyết định ban hành" in result.output  # … and said so
    found = units(book)
    assert set(found) == {"VP", "CCQLDD", "VPDKDD", "TTCNTT"}
    requirement = "Riêng Kế hoạch Cải cách hành chính của Chi cục Quản lý đất đai và Văn phòng Đăng ký đất đai"
    assert str(found["CCQLDD"]["Yêu cầu đối với kế hoạch của đơn vị"]).startswith(requirement)
    assert str(found["VPDKDD"]["Yêu cầu đối với kế hoạch của đơn vị"]).startswith(requirement)
    assert found["VP"]["Yêu cầu đối với kế hoạch của đơn vị"] == ""
    assert [name for name in ("ThongTin", "DonVi", "NhiemVu", "NoiDung", "ChiTieu", "KyBaoCao", "TienDo", "NhanXet",
                              "NhanPhieu", "KeHoachDonVi") if sheet(book, name) is not None]


def test_import_nam_rolls_the_narrative_as_new_year_does(seed_word, tmp_path):
    result = import_docx(seed_word, tmp_path / "kh2025.xlsx", year=2025)
    rows = sheet(result.path, "NoiDung")
    text = " ".join(r["Nội dung"] for r in rows)
    assert "trước ngày 15/12/2025" in text and "trước ngày 20/01/2025" in text and "10/3/2025" in text
    assert "giai đoạn 2021 - 2030" in text and "Nghị quyết số 76/NQ-CP ngày 15/7/2021" in text
    assert "2024" not in text.replace("2024-2030", "")
    assert any("Năm 2024 ghi trực tiếp trong nội dung đã được chuyển sang 2025" in p.message for p in result.warnings)


# -- the tool's own plan --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def own(plan_docx, tmp_path_factory) -> Path:
    return import_docx(plan_docx, tmp_path_factory.mktemp("own") / "kh.xlsx").path


def test_the_own_plan_gives_back_the_narrative_targets_and_thong_tin(own):
    bundled_plan = api.load(BUNDLED, PLAN_SHEETS).plan
    imported = api.load(own, PLAN_SHEETS).plan
    same, mine = expander(bundled_plan), expander(imported)
    assert [(p.kind, same(p.text)) for p in bundled_plan.narrative] == [
        (p.kind, mine(p.text)) for p in imported.narrative]
    assert [(t.code, t.goal, t.op, t.value, t.unit) for t in imported.targets] == [
        (t.code, t.goal, t.op, t.value, t.unit) for t in bundled_plan.targets]
    assert {"{năm}", "{CT:2a}", "{CT:8.2}"} <= {m for p in imported.narrative for m in re.findall(r"\{[^}]+\}", p.text)}
    before, after = info(BUNDLED), info(own)
    fields = ("Cơ quan chủ quản", "Cơ quan ban hành", "Tên cơ quan trong câu", "Tên viết tắt", "Địa danh", "Tên tỉnh",
              "Năm kế hoạch", "Chức danh người đứng đầu", "Số quyết định", "Ngày quyết định", "Trích yếu quyết định",
              "Trích yếu kế hoạch", "Căn cứ", "Theo đề nghị của", "Điều", "Chức vụ người ký", "Nơi nhận",
              "Đơn vị soạn thảo", "Kế hoạch có chữ ký", "Tiêu đề Phụ lục", "Dòng kèm theo Phụ lục")
    assert {k: after.get(k) for k in fields} == {k: before.get(k) for k in fields}


def test_the_own_plan_imported_renders_the_same_document(plan_docx, own, tmp_path):
    again = api.build_plan(own, tmp_path / "again.docx").path
    original, rebuilt = Doc(plan_docx), Doc(again)
    assert rebuilt.text() == original.text()
    assert [rebuilt.rows(t) for t in rebuilt.tables()] == [original.rows(t) for t in original.tables()]


# -- kinds, numbering, targets, units --------------------------------------------------------------

PLAN_TOP = ["KẾ HOẠCH", "Cải cách hành chính năm 2025 của Sở Nội vụ", "(Ban hành kèm theo Quyết định số 07/QĐ-SNV "
            "ngày 08/01/2025 của Giám đốc Sở Nội vụ)", "--------"]
HEADER = ["STT", "Nhiệm vụ", "Phân công và cách thức thực hiện", "Thời gian", "Kết quả/sản phẩm đạt được"]
ROWS = [HEADER, ["I", "Cải cách thể chế", "", "", ""],
        ["1", "Rà soát văn bản", "Phòng Pháp chế chủ trì", "Quý II/2025", "Báo cáo"]]


def story_docx(path: Path, paragraphs: list[str]) -> Path:
    return small_docx(path, ROWS, paragraphs=[*PLAN_TOP, *paragraphs, "Phụ lục"])


def test_kinds_are_read_from_the_typed_numbering_which_is_stripped(tmp_path):
    paragraphs = ["Thực hiện Kế hoạch của UBND tỉnh, Sở Nội vụ ban hành Kế hoạch năm 2025 như sau:",
                  "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Triển khai kịp thời", "b) Đúng tiến độ",
                  "- Phân công rõ", "+ Từng công chức", "1.1. Nội dung chi tiết", "3. Yêu cầu",
                  "II. NHIỆM VỤ", "1) Nhiệm vụ trọng tâm", "Sở Nội vụ yêu cầu các phòng thực hiện./."]
    result = import_docx(story_docx(tmp_path / "k.docx", paragraphs), tmp_path / "k.xlsx")
    rows = [(r["Kiểu"], r["Nội dung"]) for r in sheet(result.path, "NoiDung")]
    assert rows == [
        ("Đoạn", "Thực hiện Kế hoạch của UBND tỉnh, {cơ quan} ban hành Kế hoạch năm {năm} như sau:"),
        ("Mục", "MỤC ĐÍCH, YÊU CẦU"), ("Khoản", "Mục đích"), ("Điểm", "Triển khai kịp thời"),
        ("Điểm", "Đúng tiến độ"), ("Gạch đầu dòng", "Phân công rõ"), ("Gạch đầu dòng", "Từng công chức"),
        ("Đoạn", "1.1. Nội dung chi tiết"),  # a numbering the tool does not make is kept as typed
        ("Khoản", "Yêu cầu"), ("Mục", "NHIỆM VỤ"), ("Khoản", "Nhiệm vụ trọng tâm"),
        ("Đoạn", "{cơ quan} yêu cầu các phòng thực hiện."),
    ]
    assert any("đánh số “3” nhưng chương trình sẽ đánh số lại là “2”" in p.message for p in result.warnings)
    assert api.check_workbook(result.path).problems == []


def test_targets_are_linked_only_where_the_printed_words_stay_the_same(tmp_path):
    paragraphs = ["I. MỤC TIÊU", "1. Tỷ lệ hồ sơ trực tuyến đạt trên 80%; tối thiểu 30% hồ sơ toàn trình",
                  "2. Mức độ hài lòng đạt 87,5%, không quá 5% hồ sơ trễ hạn./."]
    result = import_docx(story_docx(tmp_path / "t.docx", paragraphs), tmp_path / "t.xlsx")
    targets = [(t["Mã"], t["Mục tiêu"], t["So sánh"], t["Giá trị"]) for t in sheet(result.path, "ChiTieu")]
    assert targets == [("1.1", "1", ">", 80), ("1.2", "1", "≥", 30), ("2.1", "2", "=", 87.5), ("2.2", "2", "≤", 5)]
    rows = [r["Nội dung"] for r in sheet(result.path, "NoiDung")]
    assert rows[1] == "Tỷ lệ hồ sơ trực tuyến đạt {CT:1.1}; tối thiểu 30% hồ sơ toàn trình"
    assert rows[2] == "Mức độ hài lòng đạt {CT:2.1}, {CT:2.2} hồ sơ trễ hạn."
    assert any("1.2 (“tối thiểu 30%”)" in p.message for p in result.warnings)
    plan = api.load(result.path, PLAN_SHEETS).plan
    assert expander(plan)(rows[2]) == "Mức độ hài lòng đạt 87,5%, không quá 5% hồ sơ trễ hạn."


def test_units_come_from_every_place_and_doubtful_names_are_listed(tmp_path):
    doc = Document()
    add_table(doc, [["UBND TỈNH NINH BÌNH\nSỞ NỘI VỤ", AGENCY_BLOCK[0][1]],
                    ["Số: 07/QĐ-SNV", "Ninh Bình, ngày 08 tháng 01 năm 2025"]])
    for text in ("QUYẾT ĐỊNH", "Ban hành Kế hoạch cải cách hành chính năm 2025", "GIÁM ĐỐC SỞ NỘI VỤ",
                 "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
                 "Theo đề nghị của Chánh Văn phòng Sở.", "QUYẾT ĐỊNH:",
                 "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách hành chính năm 2025.",
                 "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
                 "Điều 3. Chánh Văn phòng Sở, Trưởng Phòng Tổ chức cán bộ, Giám đốc Trung tâm Lưu trữ lịch sử chịu "
                 "trách nhiệm thi hành Quyết định này./."):
        doc.add_paragraph(text)
    add_table(doc, [["Nơi nhận:\n- Như Điều 3;\n- Phòng Tài nguyên nước (để biết);\n- Lưu: VT, VP.",
                     "GIÁM ĐỐC\n\n\nNguyễn Văn A"]])
    for text in (*PLAN_TOP, "I. MỤC TIÊU", "Phòng TNN-KS-KTTV phối hợp Chi cục Văn thư lưu trữ triển khai./.",
                 "Phụ lục"):
        doc.add_paragraph(text)
    add_table(doc, ROWS)
    doc.save(str(tmp_path / "u.docx"))
    result = import_docx(tmp_path / "u.docx", tmp_path / "u.xlsx")
    found = units(result.path)
    assert set(found) == {"VP", "PC", "TCCB", "TNN", "TNNKSKTTV", "CCVTLT", "TTLTLS"}
    assert found["TTLTLS"]["Tên đơn vị"] == "Trung tâm Lưu trữ lịch sử"  # named only in Điều 3
    assert found["TNN"]["Tên đơn vị"] == "Phòng Tài nguyên nước"  # only in Nơi nhận
    assert found["CCVTLT"]["Loại"] == "chi cục"  # only in the narrative
    [doubt] = [p.message for p in result.warnings if "Không phân biệt được" in p.message]
    assert "“Phòng Tài nguyên nước” (TNN)" in doubt and "“Phòng TNN-KS-KTTV” (TNNKSKTTV)" in doubt
    ti = info(result.path)
    assert ti["Căn cứ"] == ["Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác "
                            "văn thư"]
    assert ti["Theo đề nghị của"] == ["Chánh Văn phòng Sở"] and ti["Người ký"] == ["Nguyễn Văn A"]
    assert ti["Số quyết định"] == ["07"] and ti["Ngày quyết định"] == ["08/01/2025"]
    assert len(ti["Điều"]) == 3 and ti["Nơi nhận"] == ["Như Điều 3", "Phòng Tài nguyên nước (để biết)"]
    assert api.check_workbook(result.path).problems == []


# -- real documents ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bvhttdl_cv6225.txt", "dongthap_kh617.txt", "nghean_kh980.txt", "ttg_qd2629.txt"])
def test_real_documents_import_to_a_workbook_that_validates(name, tmp_path):
    source = realdoc_docx(name, tmp_path / "real.docx")
    result = import_docx(source, tmp_path / "real.xlsx")
    checked = api.check_workbook(result.path)
    assert checked.exit_code == 0 and checked.problems == []
    assert len(tasks(result.path)) == result.tasks > 0
    assert any("sheet NoiDung và ChiTieu để trống" in p.message for p in result.warnings)  # appendices only
    done = CliRunner().invoke(cli, ["--data", str(result.path), "plan", "-o", str(tmp_path / "qd.docx")])
    assert done.exit_code == 0 and "Kế hoạch chưa có nội dung" in done.output
