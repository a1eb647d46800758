"""`cchc amend` on a copy of the bundled workbook, issued as Quyết định 05 of 05/01/2024 and
then changed as a clerk would in Excel (a task added to a lĩnh vực and one in a new
lĩnh vực, one marked Bãi bỏ, one row deleted, a Mã changed, text, deadline, lead unit and
product changed): the Quyết định sửa đổi, bổ sung and its Phụ lục cell by cell, issuing
it, a second amendment against the first, and the rest of the tool following the plan as
it stood at each cut-off (reports, forms, appendix)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BUNDLED, edit_sheet, seed_tasks, set_field
from docxutil import Doc
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from test_plan import appendix_entries

from pipeline import api, ooxml
from pipeline.cli import cli
from pipeline.errors import CchcError
from pipeline.lint import lint_docx
from pipeline.ooxml import w

AGENCY = "Sở Tài nguyên và Môi trường"
PLAN = f"Kế hoạch cải cách hành chính năm 2024 của {AGENCY}"
QD05 = f"Quyết định số 05/QĐ-STNMT ngày 05 tháng 01 năm 2024 của Giám đốc {AGENCY}"
QD20 = f"Quyết định số 20/QĐ-STNMT ngày 15 tháng 7 năm 2024 của Giám đốc {AGENCY}"
NV03 = "Tham gia góp ý Quy định hệ số điều chỉnh giá đất trên địa bàn tỉnh Khánh Hòa năm 2024"
TODAY = dt.date(2024, 7, 1)


def change_nhiem_vu(ws) -> None:
    """The changes of lần 1, as a clerk types them in Excel."""
    ws["I1"], ws["J1"] = "Tình trạng nhiệm vụ", "Lý do điều chỉnh"
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}

    def put(tid: str, col: str, value: str) -> None:
        ws[f"{col}{rows[tid]}"] = value

    put("NV03", "I", "Bãi bỏ")
    put("NV03", "J", "UBND tỉnh đã ban hành quy định")
    put("NV05", "G", "Quý IV/2024")
    put("NV05", "J", "Chờ hướng dẫn của Bộ")
    put("NV07", "E", "CCQLDD")
    put("NV07", "H", "Quyết định của UBND tỉnh công bố danh mục")
    put("NV07", "J", "Phân công lại")
    put("NV10", "C", "Rà soát, đơn giản hóa thủ tục hành chính nội bộ")
    put("NV10", "J", "Theo chỉ đạo của UBND tỉnh")
    put("NV12", "A", "NV12A")  # the Mã changed: a drop and an addition
    ws.delete_rows(rows["NV20"])  # deleted rather than marked
    ws.append(["NV31", "Cải cách thể chế", "Góp ý dự thảo Luật Đất đai sửa đổi", "Chi cục QLDD chủ trì", "CCQLDD", "",
               "Quý III/2024", "Văn bản góp ý", "", "Theo đề nghị của Bộ"])
    ws.append(["NV32", "Chuyển đổi số", "Số hóa hồ sơ đất đai", "VPĐKĐĐ chủ trì", "VPDKDD", "TTCNTT", "Quý IV/2024",
               "Cơ sở dữ liệu", "", "Theo Đề án 06"])


def number_amendment(book: Path, row: int, number: str, date: str) -> None:
    wb = load_workbook(book)
    wb["SuaDoi"][f"B{row}"], wb["SuaDoi"][f"C{row}"] = number, date
    wb.save(book)


@pytest.fixture(scope="module")
def story(tmp_path_factory) -> dict[str, object]:
    """Issue, change, draft lần 1, number it, issue it; a copy of the workbook at each step."""
    folder = tmp_path_factory.mktemp("amend")
    book = folder / "kehoach.xlsx"
    shutil.copy(BUNDLED, book)
    set_field(book, "Số quyết định", "05")
    set_field(book, "Ngày quyết định", "05/01/2024")
    api.build_plan(book, folder / "QD.docx")
    edit_sheet(book, "NhiemVu", change_nhiem_vu)
    draft = api.build_amend(book, folder / "draft.docx", today=TODAY)
    shutil.copy(book, folder / "after_draft.xlsx")
    number_amendment(book, 2, "20", "15/07/2024")
    issued = api.build_amend(book, folder / "lan1.docx", today=TODAY)
    return {"folder": folder, "book": book, "draft": draft, "issued": issued}


def phu_luc(doc: Doc) -> list[list[str]]:
    return doc.rows(doc.tables()[-1])


def khoan(doc: Doc) -> list[str]:
    paras = [p.text for p in doc.paragraphs()]
    start = next(i for i, t in enumerate(paras) if t.startswith("Điều 1."))
    end = next(i for i, t in enumerate(paras) if t.startswith("Điều 2."))
    return paras[start:end]


# -- the draft of lần 1 -----------------------------------------------------------------------------


def test_article_one_names_each_change_by_its_number_in_the_issued_plan(story):
    doc = Doc(story["draft"].path)
    assert khoan(doc) == [
        f"Điều 1. Sửa đổi, bổ sung một số nhiệm vụ tại Phụ lục của {PLAN} ban hành kèm theo {QD05} như sau (chi "
        "tiết tại Phụ lục kèm theo Quyết định này):",
        "1. Bổ sung 3 nhiệm vụ: nhiệm vụ số 6, mục I; nhiệm vụ số 6, mục III (thay thế nhiệm vụ số 1, mục III); "
        "nhiệm vụ số 1, mục VIII.",
        "2. Điều chỉnh 3 nhiệm vụ: nhiệm vụ số 5, mục I (thời gian); nhiệm vụ số 2, mục II (đơn vị chủ trì, kết "
        "quả/sản phẩm); nhiệm vụ số 5, mục II (nội dung nhiệm vụ).",
        "3. Bãi bỏ 3 nhiệm vụ: nhiệm vụ số 3, mục I; nhiệm vụ số 1, mục III; nhiệm vụ số 4, mục IV.",
    ]


def test_the_decision_around_article_one(story):
    doc = Doc(story["draft"].path)
    text = doc.text()
    assert "Số:        /QĐ-STNMT" in text and "Khánh Hòa, ngày      tháng      năm 2024" in text
    assert doc.find("Về việc sửa đổi").text == (
        f"Về việc sửa đổi, bổ sung {PLAN} ban hành kèm theo Quyết định số 05/QĐ-STNMT ngày 05/01/2024 của Giám "
        f"đốc {AGENCY}")
    can_cu = [p.text for p in doc.paragraphs() if p.style == "CCHCCanCu"]
    assert can_cu == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải "
        "cách hành chính nhà nước giai đoạn 2021 - 2030;",
        "Căn cứ Quyết định số 4831/QĐ-UBND ngày 24 tháng 12 năm 2021 của UBND tỉnh ban hành Chương trình cải cách "
        "hành chính tỉnh Khánh Hòa giai đoạn 2021 - 2030;",
        f"Căn cứ {QD05} ban hành {PLAN};",
        "Theo đề nghị của Chánh Văn phòng Sở.",
    ]
    assert doc.find("Điều 2.").text == (
        f"Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Các nội dung khác của {PLAN} ban hành kèm theo {QD05} "
        "giữ nguyên hiệu lực.")
    assert doc.find("Điều 3.").text == (
        "Điều 3. Chánh Văn phòng Sở, Chánh Thanh tra Sở, Trưởng các phòng, Chi cục trưởng Chi cục Quản lý đất đai, "
        "Giám đốc các đơn vị sự nghiệp trực thuộc Sở và các tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành "
        "Quyết định này./.")
    # signer and Nơi nhận as for the plan
    plan = Doc(story["folder"] / "QD.docx")
    assert [p.text for p in doc.paragraphs() if p.style == "CCHCNoiNhan"] == \
        [p.text for p in plan.paragraphs() if p.style == "CCHCNoiNhan"]
    assert doc.find_exact("GIÁM ĐỐC").bold
    assert doc.find("GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG").bold


def test_the_phu_luc_lists_the_changes_cell_by_cell(story):
    doc = Doc(story["draft"].path)
    assert doc.find("NỘI DUNG SỬA ĐỔI").text == "NỘI DUNG SỬA ĐỔI, BỔ SUNG KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    assert doc.find("(Kèm theo Quyết định số").text == (
        f"(Kèm theo Quyết định số        /QĐ-STNMT ngày      tháng      năm 2024 của Giám đốc {AGENCY})")
    all_units = "Các phòng, đơn vị thuộc Sở"
    assert phu_luc(doc) == [
        ["STT", "Nhiệm vụ", "Nội dung đã ban hành", "Nội dung sửa đổi, bổ sung", "Lý do điều chỉnh"],
        ["I", "Bổ sung nhiệm vụ"],
        ["6\n(mục I)", "Góp ý dự thảo Luật Đất đai sửa đổi", "",
         "Lĩnh vực: Cải cách thể chế\nPhân công và cách thức thực hiện: Chi cục QLDD chủ trì\nThời gian: Quý III/2024"
         "\nKết quả/sản phẩm: Văn bản góp ý", "Theo đề nghị của Bộ"],
        ["6\n(mục III)", "Tiếp tục hoàn thiện quy định chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức của các đơn vị "
         "sự nghiệp công lập; hoàn thiện việc phê duyệt đề án tự chủ, quy chế tổ chức hoạt động", "",
         "Lĩnh vực: Cải cách tổ chức bộ máy\nPhân công và cách thức thực hiện: Các phòng, đơn vị sự nghiệp trực thuộc "
         "thực hiện gửi Sở Nội vụ thẩm định trình UBND tỉnh\nThời gian: Theo tiến độ triển khai của UBND tỉnh, khi có "
         "thêm hướng dẫn của Bộ\nKết quả/sản phẩm: Quyết định của UBND tỉnh\n(Thay thế nhiệm vụ số 1, mục III)", ""],
        ["1\n(mục VIII)", "Số hóa hồ sơ đất đai", "",
         "Lĩnh vực: Chuyển đổi số\nPhân công và cách thức thực hiện: VPĐKĐĐ chủ trì\nThời gian: Quý IV/2024\n"
         "Kết quả/sản phẩm: Cơ sở dữ liệu", "Theo Đề án 06"],
        ["II", "Điều chỉnh nhiệm vụ"],
        ["5\n(mục I)", "Xây dựng văn bản quy phạm pháp luật", "Thời gian: Trong năm 2024", "Thời gian: Quý IV/2024",
         "Chờ hướng dẫn của Bộ"],
        ["2\n(mục II)", "Phê duyệt phương án đơn giản hóa đối với ít nhất 50% TTHC nội bộ thuộc phạm vi chức năng "
         "quản lý", f"Đơn vị chủ trì: {all_units}\nKết quả/sản phẩm: Quyết định của UBND tỉnh",
         "Đơn vị chủ trì: Chi cục Quản lý đất đai\nKết quả/sản phẩm: Quyết định của UBND tỉnh công bố danh mục",
         "Phân công lại"],
        ["5\n(mục II)", "Giao chỉ tiêu hồ sơ trực tuyến cho các phòng, đơn vị",
         "Nhiệm vụ: Giao chỉ tiêu hồ sơ trực tuyến cho các phòng, đơn vị",
         "Nhiệm vụ: Rà soát, đơn giản hóa thủ tục hành chính nội bộ", "Theo chỉ đạo của UBND tỉnh"],
        ["III", "Bãi bỏ nhiệm vụ"],
        ["3\n(mục I)", NV03, "", "Bãi bỏ", "UBND tỉnh đã ban hành quy định"],
        ["1\n(mục III)", "Tiếp tục hoàn thiện quy định chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức của các đơn vị "
         "sự nghiệp công lập; hoàn thiện việc phê duyệt đề án tự chủ, quy chế tổ chức hoạt động", "",
         "Bãi bỏ (thay bằng nhiệm vụ số 6, mục III)", ""],
        ["4\n(mục IV)", "Tiếp tục hoàn thiện, thường xuyên cập nhật cơ sở dữ liệu thông tin cán bộ, công chức, viên "
         "chức vào Phần mềm Quản lý cán bộ, công chức. Đảm bảo đồng bộ dữ liệu với cơ sở dữ liệu quốc gia theo "
         "nguyên tắc “Đúng, đủ, sạch, sống”", "", "Bãi bỏ", ""],
    ]


def test_the_draft_adds_its_row_to_suadoi_and_says_what_to_do(story):
    draft = story["draft"]
    rows = CalamineWorkbook.from_path(str(story["folder"] / "after_draft.xlsx")).get_sheet_by_name("SuaDoi").to_python()
    assert rows[0][:3] == ["Lần", "Số quyết định", "Ngày quyết định"]
    assert rows[1][:3] == [1, "", ""] and "01/7/2024" in rows[1][5]
    assert draft.detail.number == 1 and draft.detail.registered and not draft.detail.recorded
    assert draft.messages[1] == "Quyết định sửa đổi, bổ sung lần 1: bổ sung 3, điều chỉnh 3, bãi bỏ 3 nhiệm vụ."
    assert ("  Mã nhiệm vụ 'NV12' đổi thành 'NV12A': đổi Mã là bãi bỏ nhiệm vụ cũ và bổ sung nhiệm vụ mới; nếu "
            "chỉ sửa nội dung, hãy giữ Mã cũ.") in draft.messages
    assert any(m.startswith("  Nhiệm vụ 'NV20' (nhiệm vụ số 4, mục IV) bị xóa khỏi sheet NhiemVu") for m in
               draft.messages)
    assert "  Chưa ghi Lý do điều chỉnh (cột Lý do của Phụ lục để trống): NV12A." in draft.messages
    assert draft.messages[-1] == ("Văn bản là dự thảo: sau khi ký, ghi Số và Ngày quyết định vào dòng Lần 1 của "
                                  "sheet SuaDoi rồi chạy lại cchc amend để ghi nhận.")


def test_a_number_without_a_full_date_is_printed_but_not_recorded(story, tmp_path):
    book = tmp_path / "kehoach.xlsx"
    shutil.copy(story["folder"] / "after_draft.xlsx", book)
    number_amendment(book, 2, "20", "07/2024")
    result = api.build_amend(book, tmp_path / "sd.docx")
    assert "Số: 20/QĐ-STNMT" in Doc(result.path).text() and not result.detail.recorded
    assert result.messages[-1].startswith("Dòng Lần 1 của sheet SuaDoi đã có số nhưng Ngày quyết định chưa đủ ngày")
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("BanHanh").to_python()[1:]
    assert {r[0] for r in rows} == {0}


def test_the_default_output_name(story, tmp_path, monkeypatch):
    book = tmp_path / "kehoach.xlsx"
    shutil.copy(story["folder"] / "after_draft.xlsx", book)
    monkeypatch.chdir(tmp_path)
    result = api.build_amend(book)
    assert result.path == Path("output/2024/QD_SuaDoi_KeHoach_2024_lan1.docx") and result.path.exists()


# -- issuing lần 1 and what follows --------------------------------------------------------------------


def test_issued_with_its_number_it_becomes_the_baseline(story):
    issued = story["issued"]
    doc = Doc(issued.path)
    assert "Số: 20/QĐ-STNMT" in doc.text() and "Khánh Hòa, ngày 15 tháng 7 năm 2024" in doc.text()
    assert issued.detail.recorded and not issued.detail.registered
    assert "Đã ghi nhận lần 1 vào sheet BanHanh: lần sửa đổi sau sẽ so sánh với bản này." in issued.messages
    rows = CalamineWorkbook.from_path(str(story["book"])).get_sheet_by_name("BanHanh").to_python()[1:]
    lan1 = {r[3]: r for r in rows if r[0] == 1}
    assert len([r for r in rows if r[0] == 0]) == 30 and len(lan1) == 33  # every task ever issued
    assert {r[1] for r in lan1.values()} == {"20"} and {r[2] for r in lan1.values()} == {dt.date(2024, 7, 15)}
    got = {tid: (r[4], int(r[5]), r[13], r[14], r[15]) for tid, r in lan1.items()
           if tid in ("NV03", "NV05", "NV12", "NV12A", "NV20", "NV31", "NV32", "NV01")}
    assert got == {
        "NV01": ("I", 1, "Còn hiệu lực", "", ""),
        "NV03": ("I", 3, "Bãi bỏ", "Bãi bỏ", "UBND tỉnh đã ban hành quy định"),
        "NV05": ("I", 5, "Còn hiệu lực", "Điều chỉnh", "Chờ hướng dẫn của Bộ"),
        "NV12": ("III", 1, "Bãi bỏ", "Bãi bỏ", ""),
        "NV12A": ("III", 6, "Còn hiệu lực", "Bổ sung", ""),
        "NV20": ("IV", 4, "Bãi bỏ", "Bãi bỏ", ""),
        "NV31": ("I", 6, "Còn hiệu lực", "Bổ sung", "Theo đề nghị của Bộ"),
        "NV32": ("VIII", 1, "Còn hiệu lực", "Bổ sung", "Theo Đề án 06"),
    }
    assert lan1["NV05"][11] == "Quý IV/2024"
    assert load_workbook(story["book"])["BanHanh"].protection.sheet
    plan = api.load(story["book"], ("ThongTin", "DonVi", "NhiemVu", "BanHanh", "SuaDoi")).plan
    assert [(a.number, a.decision_no, a.date.as_date()) for a in plan.amendments] == [(1, "20", dt.date(2024, 7, 15))]


def test_a_recorded_amendment_is_known_even_if_its_suadoi_row_is_removed(story, tmp_path):
    book = tmp_path / "kehoach.xlsx"
    shutil.copy(story["book"], book)
    edit_sheet(book, "SuaDoi", lambda ws: ws.delete_rows(2))
    plan = api.load(book, ("ThongTin", "DonVi", "NhiemVu", "BanHanh", "SuaDoi")).plan
    assert [(a.number, a.decision_no, a.date.as_date()) for a in plan.amendments] == [(1, "20", dt.date(2024, 7, 15))]


def test_nothing_changed_since_is_said_and_nothing_is_written(story, tmp_path):
    before = story["book"].read_bytes()
    with pytest.raises(CchcError) as exc:
        api.build_amend(story["book"], tmp_path / "again.docx")
    assert exc.value.message == (
        "Sheet NhiemVu không có thay đổi nào so với bản đã ban hành gần nhất (bản sửa đổi, bổ sung lần 1 theo Quyết "
        "định số 20/QĐ-STNMT ngày 15/7/2024): không lập Quyết định sửa đổi, bổ sung. Chưa ghi tệp nào.")
    assert story["book"].read_bytes() == before and not (tmp_path / "again.docx").exists()


def test_before_the_plan_is_recorded_there_is_nothing_to_amend(workbook, tmp_path):
    with pytest.raises(CchcError, match="chưa ghi nhận bản Kế hoạch đã ban hành"):
        api.build_amend(workbook, tmp_path / "x.docx")


def lan2(story, tmp_path) -> Path:
    """A copy of the workbook after lần 1, changed again for lần 2."""
    book = tmp_path / "kehoach.xlsx"
    shutil.copy(story["book"], book)

    def edit(ws):
        rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
        ws[f"G{rows['NV31']}"], ws[f"J{rows['NV31']}"] = "Quý IV/2024", "Bộ lùi thời hạn lấy ý kiến"
        ws[f"I{rows['NV32']}"], ws[f"J{rows['NV32']}"] = "Bãi bỏ", "Chuyển sang năm sau"
        ws[f"G{rows['NV01']}"] = "Quý III/2024"

    edit_sheet(book, "NhiemVu", edit)
    return book


def test_an_issued_amendment_is_not_replaced_without_force(story, tmp_path):
    book = lan2(story, tmp_path)
    target = tmp_path / "lan1.docx"
    shutil.copy(story["issued"].path, target)
    before = target.read_bytes()
    with pytest.raises(CchcError, match="đã có số văn bản"):
        api.build_amend(book, target)
    assert target.read_bytes() == before
    api.build_amend(book, target, force=True)
    assert target.read_bytes() != before and list((tmp_path / "backup").glob("lan1-*.docx"))


def test_a_second_amendment_compares_against_the_first(story, tmp_path):
    book = lan2(story, tmp_path)
    result = api.build_amend(book, tmp_path / "lan2.docx", today=TODAY)
    assert result.detail.number == 2
    doc = Doc(result.path)
    amended = f"{PLAN} ban hành kèm theo {QD05}, đã được sửa đổi, bổ sung tại {QD20}"
    assert khoan(doc) == [
        f"Điều 1. Sửa đổi, bổ sung một số nhiệm vụ tại Phụ lục của {amended} như sau (chi tiết tại Phụ lục kèm theo "
        "Quyết định này):",
        "1. Điều chỉnh 2 nhiệm vụ: nhiệm vụ số 1, mục I (thời gian); nhiệm vụ số 6, mục I (thời gian).",
        "2. Bãi bỏ 1 nhiệm vụ: nhiệm vụ số 1, mục VIII.",
    ]
    assert f"Căn cứ {QD20} sửa đổi, bổ sung {PLAN};" in [p.text for p in doc.paragraphs()]
    assert phu_luc(doc)[1:] == [
        ["I", "Điều chỉnh nhiệm vụ"],
        ["1\n(mục I)", "Phối hợp xây dựng Chương trình hành động nâng cao chỉ số năng lực cạnh tranh cấp tỉnh (PCI) "
         "tỉnh Khánh Hòa năm 2024", "Thời gian: Quý II/2024", "Thời gian: Quý III/2024", ""],
        ["6\n(mục I)", "Góp ý dự thảo Luật Đất đai sửa đổi", "Thời gian: Quý III/2024", "Thời gian: Quý IV/2024",
         "Bộ lùi thời hạn lấy ý kiến"],
        ["II", "Bãi bỏ nhiệm vụ"],
        ["1\n(mục VIII)", "Số hóa hồ sơ đất đai", "", "Bãi bỏ", "Chuyển sang năm sau"],
    ]
    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("SuaDoi").to_python()
    assert [r[0] for r in rows[1:]] == [1, 2]


# -- the rest of the tool follows the amended plan ----------------------------------------------------


@pytest.fixture(scope="module")
def reports(story) -> dict[int, Doc]:
    folder = story["folder"]
    return {q: Doc(api.build_report(story["book"], q, output=folder / f"bc{q}.docx").path) for q in (2, 3)}


def units_table(doc: Doc) -> dict[str, int]:
    """Bảng 6: the tasks each unit leads, alone (column 3) or with others (column 6)."""
    table = next(t for t in doc.tables() if doc.rows(t)[0][:3] == ["STT", "Đơn vị", "Nhiệm vụ đơn vị chủ trì riêng"])
    return {r[1]: int(r[2]) + int(r[5]) for r in doc.rows(table)[2:]}


def test_a_report_before_the_amendment_counts_the_plan_as_issued(reports):
    doc = reports[2]  # cut-off 14/6/2024, the amendment is of 15/7/2024
    text = doc.text()
    assert "gồm 30 nhiệm vụ thuộc 7 lĩnh vực" in text
    assert NV03 in text and "Góp ý dự thảo Luật Đất đai sửa đổi" not in text and "Số hóa hồ sơ đất đai" not in text
    assert "nhiệm vụ đã bãi bỏ" not in text


def test_a_report_after_the_amendment_counts_the_amended_plan(reports):
    doc = reports[3]  # cut-off 14/9/2024
    text = doc.text()
    assert "gồm 30 nhiệm vụ thuộc 8 lĩnh vực" in text  # 30 - 3 dropped + 3 added, a new lĩnh vực
    assert "Góp ý dự thảo Luật Đất đai sửa đổi" in text and "Số hóa hồ sơ đất đai" in text
    assert text.count(NV03) == 1  # listed once, as dropped, in no table
    paras = [p.text for p in doc.paragraphs()]
    at = paras.index("Không tính vào số liệu báo cáo 3 nhiệm vụ đã bãi bỏ trước ngày chốt số liệu:")
    assert paras[at + 1] == (f"- {NV03} (nhiệm vụ số 3, mục I; bãi bỏ tại Quyết định số 20/QĐ-STNMT ngày "
                             "15/7/2024).")
    assert [p.split(" (nhiệm vụ số ")[1] for p in paras[at + 2:at + 4]] == [
        "1, mục III; bãi bỏ tại Quyết định số 20/QĐ-STNMT ngày 15/7/2024).",
        "4, mục IV; bãi bỏ tại Quyết định số 20/QĐ-STNMT ngày 15/7/2024)."]
    before, after = units_table(reports[2]), units_table(doc)
    delta = {name: after[name] - before[name] for name in after}
    assert delta["Chi cục Quản lý đất đai"] == 0  # + NV31 (added) - NV03 (dropped); NV07 was already among its own
    assert delta["Văn phòng Sở"] == -2  # - NV07 (reassigned) - NV20 (deleted); NV12 → NV12A: - 1 + 1
    assert delta["Thanh tra Sở"] == -1  # - NV07


def form_tasks(folder: Path, unit: str) -> list[str]:
    ws = load_workbook(next(folder.glob(f"Phieu_Q*_{unit}.xlsx")))["TienDo"]
    return [ws.cell(r, 1).value for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value]


def test_the_forms_of_a_period_list_the_tasks_in_force_at_its_cut_off(story, tmp_path):
    q2 = api.build_forms(story["book"], 2, tmp_path / "q2", today=TODAY)
    q3 = api.build_forms(story["book"], 3, tmp_path / "q3", today=TODAY)
    assert q2.written and q3.written
    assert "NV03" in form_tasks(tmp_path / "q2", "CCQLDD") and "NV31" not in form_tasks(tmp_path / "q2", "CCQLDD")
    assert "NV03" not in form_tasks(tmp_path / "q3", "CCQLDD") and "NV31" in form_tasks(tmp_path / "q3", "CCQLDD")
    assert "NV32" in form_tasks(tmp_path / "q3", "VPDKDD") and "NV32" not in form_tasks(tmp_path / "q2", "VPDKDD")
    assert "NV20" in form_tasks(tmp_path / "q2", "VP") and "NV20" not in form_tasks(tmp_path / "q3", "VP")


def test_the_appendix_prints_the_plan_in_force_and_ban_hanh_the_issued_one(story, tmp_path):
    current = appendix_entries(Doc(api.build_appendix(story["book"], tmp_path / "pl.docx").path))
    first = [(r, c[0], c[1]) for r, _, c in current if r == "I"]
    assert [(r, stt) for r, stt, _ in first] == [("I", str(n)) for n in range(1, 7)]  # numbers as the decisions give
    assert first[2][2] == "(Đã bãi bỏ tại Quyết định số 20/QĐ-STNMT ngày 15/7/2024)"
    assert first[5][2] == "Góp ý dự thảo Luật Đất đai sửa đổi"
    assert [(r, c[0], c[1]) for r, _, c in current if r == "VIII"] == [("VIII", "1", "Số hóa hồ sơ đất đai")]
    issued = appendix_entries(Doc(api.build_appendix(story["book"], tmp_path / "bh.docx", ban_hanh=True).path))
    assert issued == [(r, t, [e["stt"], e["task"], e["assignment"], e["deadline"], e["product"]])
                      for r, t, e in seed_tasks()]


def test_ban_hanh_needs_a_recorded_plan(workbook, tmp_path):
    with pytest.raises(CchcError, match="chưa ghi nhận bản Kế hoạch đã ban hành"):
        api.build_appendix(workbook, tmp_path / "bh.docx", ban_hanh=True)


def test_the_command_line(story, tmp_path):
    book = tmp_path / "kehoach.xlsx"
    shutil.copy(story["folder"] / "after_draft.xlsx", book)
    runner = CliRunner()
    done = runner.invoke(cli, ["--data", str(book), "amend", "-o", str(tmp_path / "sd.docx")])
    assert done.exit_code == 0, done.output
    assert f"Đã ghi: {tmp_path / 'sd.docx'}" in done.output
    assert "Quyết định sửa đổi, bổ sung lần 1: bổ sung 3, điều chỉnh 3, bãi bỏ 3 nhiệm vụ." in done.output
    done = runner.invoke(cli, ["--data", str(book), "appendix", "--ban-hanh", "-o", str(tmp_path / "bh.docx")])
    assert done.exit_code == 0 and (tmp_path / "bh.docx").exists()
    set_field(book, "Số quyết định", "99")
    done = runner.invoke(cli, ["--data", str(book), "plan", "-o", str(tmp_path / "qd.docx")])
    assert done.exit_code == 1 and "đã ghi nhận Kế hoạch ban hành theo Quyết định số 05/QĐ-STNMT" in done.output


# -- Nghị định 30 on the new document ---------------------------------------------------------------


def test_the_amendment_passes_the_linter(story):
    for result in (story["draft"], story["issued"]):
        assert [str(p) for p in lint_docx(result.path)] == []  # the landscape Phụ lục holds its table


def test_the_template_uses_only_provided_variables():
    from conftest import ROOT

    result = api.lint([ROOT / "templates" / "qd_suadoi.docx"], template_mode=True, data=BUNDLED)
    assert result.exit_code == 0 and result.problems == []


def test_format_of_the_decision_and_its_phu_luc(story):
    doc = Doc(story["issued"].path)
    for r, p in doc.all_runs():
        assert doc.styles.run_font(r, p, "hAnsi") == "Times New Roman"
    sects = doc.sections()
    assert [bool(ooxml.page_geometry(s)["landscape"]) for s in sects] == [False, True]
    for s in sects:
        g = ooxml.page_geometry(s)
        assert 20 <= g["top"] <= 25 and 30 <= g["left"] <= 35 and 15 <= g["right"] <= 20
        assert s.find(w("titlePg")) is not None and s.find(w("pgNumType")).get(w("start")) == "1"
    title = doc.find_exact("QUYẾT ĐỊNH")
    assert title.bold and title.size == 14 and title.align == "center"
    assert doc.find("Về việc sửa đổi").bold and doc.find("QUYẾT ĐỊNH:").bold
    assert all(p.italic for p in doc.paragraphs() if p.style == "CCHCCanCu")
    for p in doc.paragraphs():
        if p.text.startswith(("Điều ", "1. ", "2. ", "3. ")) and p.style in ("CCHCNoiDung", "CCHCNoiDungCuoi"):
            assert p.align == "both" and 1.0 <= p.first_line_cm <= 1.28 and p.size == 14
    label = doc.find_exact("Phụ lục")
    assert label.bold and label.size == 14
    table = doc.tables()[-1]
    trs = table.findall(w("tr"))
    assert ooxml.row_flags(trs[0]) == (True, True)  # the header repeats on every page
    assert all(ooxml.row_flags(tr)[1] for tr in trs)  # no row splits across pages
    grid = [int(g.get(w("w"))) for g in table.iter(w("gridCol"))]
    assert abs(sum(grid) - ooxml.body_width(sects[-1])) < 30
