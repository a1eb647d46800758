"""`cchc evaluate` and `cchc self-assess` on the hand-computed workbook of tests/evalbook.py:
every automatic method, a unit with no task in scope, an appraisal lower than the self-score,
a bonus over its cap, tied totals (1, 2, 2, 4), a total exactly on a band's bound; the
documents reopened and read as a clerk would, the scores workbook, the messages naming cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import evalbook
import pytest
from click.testing import CliRunner
from docxutil import Doc
from openpyxl import load_workbook

from pipeline import api, ooxml
from pipeline.cli import cli
from pipeline.errors import CchcError
from pipeline.ooxml import w

TODAY = evalbook.TODAY


@pytest.fixture(scope="module")
def done(tmp_path_factory) -> tuple[Path, api.Result]:
    folder = tmp_path_factory.mktemp("evaluate")
    book = evalbook.write(folder / "kehoach.xlsx")
    return book, api.evaluate(book, output_dir=folder / "out", today=TODAY)


def num(x: Decimal) -> str:
    """A decimal as plain digits: '7.5', '10', '100'."""
    return format(x.normalize(), "f")


def by_unit(result: api.Result) -> dict:
    return {r.unit.code: r for r in result.detail.results}


def explained(result: api.Result, unit: str) -> dict[str, tuple[str, str]]:
    return {code: (num(i.points), i.explanation) for code, i in by_unit(result)[unit].items.items()}


def test_every_automatic_method_hand_computed(done):
    a = explained(done[1], "A")
    assert a["1.1"] == ("7.5", "hoàn thành 3/4 nhiệm vụ chủ trì = 75% → 7,5/10 điểm")
    assert a["1.2"] == ("5", "hoàn thành đúng hạn 2/4 nhiệm vụ chủ trì = 50% → 5/10 điểm")
    assert a["1.3"] == ("4", "có văn bản minh chứng 2/3 nhiệm vụ đã hoàn thành = 66,7% → 4/6 điểm")
    assert a["1.4"] == ("7", "gửi đúng hạn 2/4 kỳ báo cáo = 50% → 7/14 điểm; gửi chậm: 6 tháng đầu năm (ngày "
                             "12/6/2025, hạn 10/6/2025); có số liệu trong TienDo nhưng không có ngày nhận phiếu "
                             "(sheet NhanPhieu): năm")
    b = explained(done[1], "B")
    assert b["1.1"] == ("5", "hoàn thành 1/2 nhiệm vụ chủ trì = 50% → 5/10 điểm")  # T7 lags for B, not for A
    assert b["1.3"] == ("6", "có văn bản minh chứng 1/1 nhiệm vụ đã hoàn thành = 100% → 6/6 điểm")
    assert b["1.4"] == ("14", "gửi đúng hạn 4/4 kỳ báo cáo = 100% → 14/14 điểm")
    c = explained(done[1], "C")
    assert c["1.4"][0] == "0" and c["1.4"][1].endswith("chưa gửi: quý I (hạn 10/3/2025), 6 tháng đầu năm (hạn "
                                                        "10/6/2025), quý III (hạn 10/9/2025), năm (hạn 10/12/2025)")


def test_a_unit_with_no_task_in_scope_follows_each_criterion_rule(done):
    vp = explained(done[1], "VP")
    assert vp["1.1"] == ("10", "không có nhiệm vụ chủ trì thuộc phạm vi tiêu chí (không phát sinh) → 10/10 điểm")
    assert vp["1.2"][0] == "10"
    assert vp["1.3"] == ("0", "không có nhiệm vụ đã hoàn thành thuộc phạm vi tiêu chí (không phát sinh) → 0/6 điểm")
    assert vp["1.4"] == ("14", "không có kỳ báo cáo thuộc phạm vi tiêu chí (không phát sinh) → 14/14 điểm")


def test_appraisal_lower_than_self_score_and_bonus_over_its_cap(done):
    a, b = by_unit(done[1])["A"], by_unit(done[1])["B"]
    assert explained(done[1], "A")["2.1"] == ("25", "tự chấm 28, thẩm định 25/30 điểm: Thiếu báo cáo kết quả "
                                                   "tuyên truyền")
    assert a.items["2.1"].lowered and b.items["2.2"].lowered and not a.items["2.2"].lowered
    assert a.nodes["3"].raw == 6 and a.bonus == 5 and a.nodes["3"].capped
    assert (a.base, a.total, a.self_total) == (78.5, 83.5, 86.5)
    c = by_unit(done[1])["C"]
    assert c.penalty == 2
    assert explained(done[1], "C")["4.1"][1] == "đơn vị chưa tự chấm, thẩm định 2/10 điểm: Chậm nộp hồ sơ thi đua"


def test_ranks_share_ties_and_a_total_on_a_bound_takes_the_higher_band(done):
    got = [(r.rank, r.unit.code, num(r.total), r.band.name) for r in done[1].detail.results]
    assert got == [(1, "D", "100", "Xuất sắc"), (2, "A", "83.5", "Tốt"), (2, "B", "83.5", "Tốt"),
                   (4, "VP", "80", "Tốt"), (5, "C", "18", "Yếu")]
    assert [u.code for u in done[1].detail.missing] == ["C"]


def ranking_table(doc: Doc):
    tbl = next(t for t in doc.tables() if doc.rows(t)[0][0] == "Hạng")
    return tbl, doc.rows(tbl)


def test_decision_and_its_ranking_phu_luc(done):
    decision = Doc(done[1].written[1])
    tbl, rows = ranking_table(decision)
    assert rows == [
        ["Hạng", "Đơn vị", "1", "2", "Thưởng, trừ", "Tổng điểm tự chấm", "Tổng điểm sau thẩm định", "Xếp loại"],
        ["1", "Phòng D", "40", "58", "+2", "100", "100", "Xuất sắc"],
        ["2", "Phòng A", "23,5", "55", "+5", "86,5", "83,5", "Tốt"],
        ["2", "Phòng B", "30", "53,5", "0", "90", "83,5", "Tốt"],
        ["4", "Văn phòng", "34", "46", "0", "80", "80", "Tốt"],
        ["5", "Phòng C", "20", "0", "-2", "chưa gửi", "18", "Yếu"],
    ]
    grid = [int(g.get(w("w"))) for g in tbl.find(w("tblGrid"))]
    assert len(grid) == 8 and grid[2] == grid[3] and abs(sum(grid) - ooxml.mm(252)) <= 8  # the landscape width
    for tr in tbl.findall(w("tr")):  # every cell's width is its grid column's
        assert [int(tc.find(f"{w('tcPr')}/{w('tcW')}").get(w("w"))) for tc in tr.findall(w("tc"))] == grid
    text = decision.text()
    assert "Điều 1. Công bố kết quả đánh giá, xếp loại công tác cải cách hành chính năm 2025 của 5 phòng, đơn vị " \
           "thuộc Sở Thử nghiệm (1 đơn vị xếp loại Xuất sắc, 3 đơn vị xếp loại Tốt, 1 đơn vị xếp loại Yếu), chi " \
           "tiết tại Phụ lục kèm theo Quyết định này." in text
    assert decision.find("Căn cứ Quyết định số 12/QĐ-STN ngày 05 tháng 01 năm 2025").italic
    assert decision.find_exact("Số:        /QĐ-STN").size == 13
    assert "Điểm theo lĩnh vực (sau thẩm định): 1: Thực hiện nhiệm vụ (tối đa 40 điểm); 2: Công tác khác (tối đa " \
           "60 điểm); 3: Điểm thưởng (tối đa 5 điểm); 4: Điểm trừ (tối đa 10 điểm)." in text
    sections = decision.sections()
    assert ooxml.page_geometry(sections[1])["landscape"] and not ooxml.page_geometry(sections[0])["landscape"]


def test_report_method_results_units_and_missing_self_assessment(done):
    report = Doc(done[1].written[0])
    text = report.text()
    assert report.find_exact("BÁO CÁO").bold
    assert "Bộ tiêu chí gồm 4 lĩnh vực" not in text  # bonus and penalty are not lĩnh vực
    assert "Bộ tiêu chí gồm 2 lĩnh vực, 6 tiêu chí, tổng điểm tối đa 100 điểm; điểm thưởng tối đa 5, điểm trừ tối đa " \
           "10." in text
    assert "- 1.1 Tỷ lệ nhiệm vụ chủ trì hoàn thành (10 điểm): điểm = điểm tối đa × nhiệm vụ chủ trì đã hoàn thành / " \
           "nhiệm vụ chủ trì đến hạn; không phát sinh: điểm tối đa." in text
    assert "không phát sinh: 0 điểm." in report.find("- 1.3 ").text
    assert "Xuất sắc từ 90 điểm; Tốt từ 80 đến dưới 90 điểm; Khá từ 70 đến dưới 80 điểm; Trung bình từ 50 đến dưới " \
           "70 điểm; Yếu dưới 50 điểm; tổng điểm đúng bằng mức dưới của một loại thì xếp vào loại đó." in text
    assert "Tổng số 5 đơn vị được đánh giá: 1 đơn vị xếp loại Xuất sắc; 3 đơn vị xếp loại Tốt; 1 đơn vị xếp loại " \
           "Yếu (Bảng 1)." in text
    bands = next(t for t in report.tables() if report.rows(t)[0][:2] == ["STT", "Xếp loại"])
    assert report.rows(bands)[2] == ["2", "Tốt", "từ 80 đến dưới 90 điểm", "3", "60%", "Phòng A, Phòng B, Văn phòng"]
    assert report.rows(bands)[-1] == ["", "Tổng cộng", "", "5", "100%", ""]
    heading = report.find_exact("2.2. Phòng A: 83,5 điểm, xếp loại Tốt (hạng 2)")
    assert heading.bold
    # B's strengths are the clerk's own words; A's follow from its figures, never invented.
    assert "Ưu điểm: Chủ động tham mưu các văn bản thường xuyên, đúng hạn." in text
    assert "Ưu điểm: đạt điểm tối đa ở 1/6 tiêu chí; được cộng 5 điểm thưởng." in text
    lead = report.find("Tồn tại, hạn chế: 5 tiêu chí chưa đạt điểm tối đa:")
    assert lead.el.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "CCHCNoiDungCuoi"  # kept with its list
    assert "- 2.1 Tuyên truyền cải cách hành chính: tự chấm 28, thẩm định 25/30 điểm: Thiếu báo cáo kết quả tuyên " \
           "truyền." in text
    assert "Đơn vị chưa gửi tự đánh giá: các tiêu chí tự chấm chưa được thẩm định tính 0 điểm" in text
    assert "1 đơn vị chưa gửi tự đánh giá: Phòng C." in text
    assert report.find_exact("Trên đây là báo cáo kết quả đánh giá, xếp loại công tác cải cách hành chính năm 2025 "
                             "của các phòng, đơn vị thuộc Sở Thử nghiệm./.")


def test_documents_pass_the_nd30_linter(done, tmp_path: Path):
    book = done[0]
    own = api.self_assess(book, output_dir=tmp_path, today=TODAY)
    result = api.lint([*done[1].written[:2], own.written[0]])
    assert result.exit_code == 0, [str(p) for p in result.problems]


def test_scores_workbook_holds_every_score_with_its_computation(done):
    wb = load_workbook(done[1].written[2], data_only=True)
    assert wb.sheetnames == ["TongHop", "ChiTiet", "TieuChi", "XepLoai"]
    summary = [r for r in wb["TongHop"].iter_rows(min_row=2, values_only=True)]
    assert summary[1][:10] == (2, "A", "Phòng A", 23.5, 55, 5, 0, 86.5, 83.5, "Tốt")
    assert summary[4][-1] == "chưa gửi"
    detail = {(r[0], r[2]): r for r in wb["ChiTiet"].iter_rows(min_row=2, values_only=True)}
    assert len(detail) == 5 * 9
    assert detail["A", "1.1"][5:11] == (10, "tỷ lệ hoàn thành", 7.5, None, 7.5,
                                        "hoàn thành 3/4 nhiệm vụ chủ trì = 75% → 7,5/10 điểm")
    assert detail["A", "2.1"][7:] == (28, 25, 25, "tự chấm 28, thẩm định 25/30 điểm: Thiếu báo cáo kết quả tuyên "
                                                  "truyền", "Đã tổ chức 2 hội nghị", "Kế hoạch số 3/KH-A",
                                      "Thiếu báo cáo kết quả tuyên truyền")
    assert [r[0] for r in wb["XepLoai"].iter_rows(min_row=2, values_only=True)] == [
        "Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]


def test_cli_prints_where_it_wrote_and_who_has_no_self_score(done, tmp_path: Path):
    result = CliRunner().invoke(cli, ["--data", str(done[0]), "evaluate", "--nam", "2025", "-o", str(tmp_path),
                                      "--today", "2025-12-12"])
    assert result.exit_code == 0, result.output
    for name in ("BaoCao_DanhGia_XepLoai_CCHC_2025.docx", "QD_CongBo_XepLoai_CCHC_2025.docx",
                 "BangDiem_DanhGia_CCHC_2025.xlsx"):
        assert f"Đã ghi: {tmp_path / name}" in result.output
    assert "Chưa có tự đánh giá (1 đơn vị, các tiêu chí tự chấm tính 0 điểm): Phòng C (C)" in result.output
    wrong = CliRunner().invoke(cli, ["--data", str(done[0]), "evaluate", "--nam", "2024", "-o", str(tmp_path)])
    assert wrong.exit_code == 1 and "là kế hoạch năm 2025, không phải năm 2024" in wrong.output


def test_an_issued_decision_is_replaced_only_with_force(tmp_path: Path):
    book = evalbook.write(tmp_path / "kehoach.xlsx", info=[("Số quyết định xếp loại", "15"),
                                                           ("Ngày quyết định xếp loại", "12/12/2025")])
    first = api.evaluate(book, output_dir=tmp_path / "out", today=TODAY)
    assert Doc(first.written[1]).find_exact("Số: 15/QĐ-STN")
    with pytest.raises(CchcError) as refused:
        api.evaluate(book, output_dir=tmp_path / "out", today=TODAY)
    assert "--force" in refused.value.message
    again = api.evaluate(book, output_dir=tmp_path / "out", force=True, today=TODAY)
    assert again.written and list((tmp_path / "out" / "backup").glob("QD_CongBo_XepLoai_CCHC_2025-*.docx"))


def test_bands_from_the_sheet_and_without_criteria(tmp_path: Path):
    bands = [["Hoàn thành xuất sắc", 85, ""], ["Hoàn thành tốt", 70, ""], ["Hoàn thành", 50, ""],
             ["Không hoàn thành", 0, ""]]
    book = evalbook.write(tmp_path / "a.xlsx", bands=bands)
    got = {r.unit.code: r.band.name for r in api.evaluate(book, output_dir=tmp_path / "o", today=TODAY).detail.results}
    assert got == {"D": "Hoàn thành xuất sắc", "A": "Hoàn thành tốt", "B": "Hoàn thành tốt", "VP": "Hoàn thành tốt",
                   "C": "Không hoàn thành"}
    empty = evalbook.write(tmp_path / "b.xlsx", criteria=[], scores=[])
    with pytest.raises(CchcError) as no_criteria:
        api.evaluate(empty, output_dir=tmp_path / "o2", today=TODAY)
    assert "chưa có bộ tiêu chí đánh giá các đơn vị (sheet TieuChi)" in no_criteria.value.message


def test_bad_criteria_scores_and_bands_are_named_by_cell(tmp_path: Path):
    criteria = [row[:] for row in evalbook.CRITERIA]
    criteria[1][3] = 12  # 1.1: the lĩnh vực 1 no longer adds up, nor do the lĩnh vực
    criteria[7][1] = "9"  # 2.2 under a criterion that does not exist
    criteria[9][4] = "chấm bừa"
    scores = [*evalbook.SCORES, ["C", "2.1", 35, "", "Kế hoạch", None, ""], ["A", "1.1", 5, "", "", None, ""],
              ["Phòng X", "2.1", 1, "", "", None, ""], ["D", "2.2", 28, "", "", 20, ""]]
    bands = [["Tốt", 80, ""], ["Khá", 80, ""]]
    book = evalbook.write(tmp_path / "kehoach.xlsx", criteria=criteria, scores=scores, bands=bands)
    found = [str(p) for p in api.check_workbook(book).problems]
    expected = [
        "kehoach.xlsx › TieuChi › E11: Cách chấm 'chấm bừa' không hợp lệ",
        "kehoach.xlsx › TieuChi › B9: Mã cha '9' không có trong sheet.",
        "kehoach.xlsx › TieuChi › D2: Điểm tối đa của 1 là 40 nhưng các tiêu chí thành phần cộng lại 42 điểm.",
        "kehoach.xlsx › DiemDanhGia › B17: Điểm của đơn vị D cho tiêu chí 2.2 đã ghi ở dòng 12.",
        "kehoach.xlsx › DiemDanhGia › C14: Điểm 35 ngoài khoảng 0–30 (điểm tối đa của tiêu chí 2.1).",
        "kehoach.xlsx › DiemDanhGia › B15: Tiêu chí 1.1 được chấm tự động từ sổ; không ghi điểm ở sheet này.",
        "kehoach.xlsx › DiemDanhGia › A16: Đơn vị 'Phòng X' không có trong sheet DonVi.",
        "kehoach.xlsx › XepLoai › B3: Mức điểm xếp loại trùng với dòng 2.",
    ]
    for line in expected:
        assert any(f.startswith(line) for f in found), (line, found)
    # An appraisal that differs needs its reason.
    scores = [*evalbook.SCORES[:-1], ["D", "3.2", 2, "", "Bằng khen", 1, ""]]
    found = [str(p) for p in api.check_workbook(evalbook.write(tmp_path / "b.xlsx", scores=scores)).problems]
    assert found == ["b.xlsx › DiemDanhGia › G13: Điểm thẩm định (1) khác điểm tự chấm (2): ghi lý do ở cột Ý kiến "
                     "thẩm định."]


def test_calendar_shows_the_self_assessment_and_evaluation_deadlines(tmp_path: Path):
    book = evalbook.write(tmp_path / "kehoach.xlsx")
    cal = api.calendar(book, dt.date(2025, 12, 11))
    assert "Đánh giá, xếp loại năm 2025: đơn vị gửi tự đánh giá 30/11/2025; hạn đánh giá, xếp loại 15/12/2025." \
        in cal.messages
    what = "hạn đánh giá, xếp loại kết quả cải cách hành chính năm 2025"
    assert any(e.what == what and e.when == dt.date(2025, 12, 15) for e in cal.detail.events)
    assert cal.detail.next_event.what == "chốt số liệu năm"


# -- the Sở's own self-assessment -------------------------------------------------------------------


@pytest.fixture(scope="module")
def own(done, tmp_path_factory) -> api.Result:
    return api.self_assess(done[0], output_dir=tmp_path_factory.mktemp("own"), today=TODAY)


def test_self_assessment_scores(own):
    items = {code: (num(i.points), i.explanation) for code, i in own.detail.items.items()}
    assert items["1.2"] == ("6.67", "hoàn thành 4/6 nhiệm vụ của Kế hoạch = 66,7% → 6,67/10 điểm")
    assert items["1.3"] == ("6.67", "gửi đúng hạn 2/3 kỳ báo cáo = 66,7% → 6,67/10 điểm; gửi chậm: 6 tháng đầu năm "
                                    "(ngày 16/6/2025, hạn 15/6/2025)")
    assert items["2.2"] == ("0", "chưa chấm → 0/30 điểm")
    assert own.detail.self_total == Decimal("58.34")
    assert own.messages[-1] == "Tổng điểm Sở tự chấm: 58,34/100. Chưa chấm 1 tiêu chí: 2.2."


def test_self_assessment_report_and_its_danh_muc(own):
    doc = Doc(own.written[0])
    text = doc.text()
    assert doc.find_exact("Tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2025 của Sở Thử nghiệm").bold
    summary = next(t for t in doc.tables() if doc.rows(t)[0][0] == "Mã")
    rows = doc.rows(summary)
    assert rows[1] == ["1", "Công tác chỉ đạo, điều hành", "30", "23,34", "8"]
    assert rows[2] == ["1.1", "Ban hành kế hoạch cải cách hành chính năm", "10", "10", "1"]
    assert rows[-1] == ["", "Tổng cộng", "100", "58,34", ""]
    assert "- 2.1 Công khai thủ tục hành chính: tự chấm 35/40 điểm; giải trình: Còn 2 thủ tục chưa cập nhật." in text
    assert "- 2.2 Giải quyết hồ sơ đúng hạn: chưa chấm (0/30 điểm); chưa ghi giải trình (sheet TuDanhGia); chưa có " \
           "tài liệu kiểm chứng." in text
    listing = doc.rows(next(t for t in doc.tables() if doc.rows(t)[0][:2] == ["STT", "Tài liệu kiểm chứng"]))
    assert listing[1][0] == "1.1"  # a criterion, then its documents
    assert listing[2] == ["1", "Quyết định số 12/QĐ-STN ngày 05 tháng 01 năm 2025 của Giám đốc Sở Thử nghiệm ban "
                               "hành Kế hoạch cải cách hành chính năm 2025", "Kế hoạch"]
    docs = [r[1:] for r in listing if r[0].isdigit() and len(r) == 3]
    assert ["Công văn số 1/STN-A ngày 01/3/2025", "Tiến độ T1"] in docs
    assert ["Báo cáo số 8/BC-STN", "Tiến độ T8"] in docs
    assert ["Báo cáo số 10/BC-STN ngày 16 tháng 6 năm 2025 về kết quả cải cách hành chính 6 tháng đầu năm 2025",
            "Báo cáo định kỳ"] in docs
    assert ["Báo cáo rà soát thủ tục hành chính", "Sở ghi"] in docs
    assert listing[-1][-2:] == ["(Chưa có tài liệu kiểm chứng)", ""]
    assert "Tổng điểm tự đánh giá: 58,34/100 điểm (58,3%); trong đó 5 tiêu chí, 10 tài liệu kiểm chứng (Phụ lục)." \
        in text

