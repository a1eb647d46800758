"""Self-assessment forms (`cchc forms --danh-gia`) and collecting them back (`cchc collect
--danh-gia`) on the hand-computed workbook of tests/evalbook.py: the form as a unit meets it
(locked criteria, open self-score cells limited to 0–maximum, the automatic scores with how
they were computed, the hidden identity), and the round trip with the status forms'
guarantees: identity checks, newer replaces older, nothing lost, a byte-identical backup."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import evalbook
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline import api
from pipeline.cli import cli

MADE = dt.date(2025, 11, 20)
NOW = dt.datetime(2025, 12, 2, 10, 0)
HEADERS = ["Mã tiêu chí", "Tiêu chí", "Điểm tối đa", "Cách chấm", "Tài liệu kiểm chứng cần có", "Điểm tự chấm",
           "Giải trình", "Tài liệu kiểm chứng", "Cách tính điểm tự động"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return evalbook.write(tmp_path / "kehoach.xlsx")


def make(book: Path) -> dict[str, Path]:
    return {p.stem: p for p in api.build_assessment_forms(book, book.parent / "phieu", today=MADE).written}


def fill(form: Path, scores: dict[str, tuple], date: dt.date | None = None, meta: dict[str, str] | None = None,
         copy_to: Path | None = None) -> Path:
    """Fill a form as a unit would in Excel: criterion → (score, explanation, evidence)."""
    wb = load_workbook(form)
    ws = wb["DanhGia"]
    for row in ws.iter_rows(min_row=5):
        if row[0].value in scores:
            for cell, value in zip(row[5:8], scores[row[0].value]):
                cell.value = value
    if date:
        ws["B2"].value = date
    for key, value in (meta or {}).items():
        for r in wb["_cchc"].iter_rows(min_row=2):
            if r[0].value == key:
                r[1].value = value
    wb.save(copy_to or form)
    return copy_to or form


def said(result: api.Result) -> list[str]:
    return [m.strip() for m in result.messages]


def rows(book: Path, sheet: str = "DiemDanhGia") -> list[tuple]:
    return [r for r in load_workbook(book)[sheet].iter_rows(min_row=2, values_only=True) if r[0]]


def test_one_form_per_unit_laid_out_for_the_unit(book: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    written = api.build_assessment_forms(book, today=MADE)
    assert [p.as_posix() for p in written.written] == [f"output/2025/phieu/danh_gia/{c}.xlsx"
                                                       for c in ("VP", "A", "B", "C", "D")]
    assert written.messages[-1] == "Hạn đơn vị gửi lại: 30/11/2025."
    wb = load_workbook(tmp_path / written.written[1])
    assert wb.sheetnames == ["HuongDan", "DanhGia", "_cchc"] and wb["_cchc"].sheet_state == "veryHidden"
    ws = wb["DanhGia"]
    assert [c.value for c in ws[4]] == HEADERS
    assert ws["A2"].value == "Ngày tự đánh giá" and ws["B2"].value.date() == MADE and not ws["B2"].protection.locked
    lines = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    assert list(lines) == [c[0] for c in evalbook.CRITERIA]
    auto = lines["1.1"]
    assert auto[5].value == 7.5 and auto[8].value == "hoàn thành 3/4 nhiệm vụ chủ trì = 75% → 7,5/10 điểm"
    assert all(c.protection.locked for c in auto) and ws.protection.sheet
    manual = lines["2.1"]  # pre-filled with what DiemDanhGia holds; the appraisal is not the unit's to see
    assert [c.value for c in manual[5:8]] == [28, "Đã tổ chức 2 hội nghị", "Kế hoạch số 3/KH-A"]
    assert not any(c.protection.locked for c in manual[5:8]) and manual[0].protection.locked
    assert lines["1"][1].font.bold and lines["3.1"][3].value == "điểm thưởng"
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert (rules["F11"].type, rules["F11"].formula1, rules["F11"].formula2) == ("decimal", "0", "30")
    assert rules["F14"].formula2 == "3" and "F6" not in rules
    meta = dict(wb["_cchc"].iter_rows(min_row=2, values_only=True))
    assert {k: meta[k] for k in ("loai", "don_vi", "nam", "co_quan")} == {
        "loai": "phiếu tự đánh giá CCHC", "don_vi": "A", "nam": "2025", "co_quan": "STN"}
    guide = "\n".join(str(r[0]) for r in wb["HuongDan"].iter_rows(values_only=True) if r[0])
    assert "Hạn gửi phiếu về Văn phòng: 30/11/2025." in guide and "Đơn vị tự đánh giá: Phòng A (mã A)" in guide
    assert "• điểm thưởng:" in guide and "• tỷ lệ hoàn thành: tự động" in guide


def test_round_trip_adds_then_keeps_then_replaces(book: Path):
    forms = make(book)
    original = book.read_bytes()
    form = fill(forms["C"], {"2.1": (20, "", "Kế hoạch số 1/KH-C"), "2.2": (25, "Không có văn bản riêng", None)},
                dt.date(2025, 11, 28))
    first = api.collect_assessments(book, [form], now=NOW)
    assert first.exit_code == 0 and first.written == [book]
    assert "C.xlsx: Phòng C (C), ngày tự đánh giá 28/11/2025, 2 tiêu chí." in said(first)
    backup = first.detail.backup
    assert backup.read_bytes() == original  # byte-identical, before the change
    assert ("C", "2.1", 20, None, "Kế hoạch số 1/KH-C", None, None) in rows(book)
    assert ("C", "4.1", None, None, None, 2, "Chậm nộp hồ sơ thi đua") in rows(book)  # the council's penalty kept
    assert rows(book, "NhanDanhGia") == [("C", dt.datetime(2025, 11, 28), "C.xlsx", NOW)]
    ranked = {r.unit.code: r for r in api.evaluate(book, output_dir=book.parent / "out", today=evalbook.TODAY)
              .detail.results}
    assert ranked["C"].assessed and ranked["C"].total == 20 + 45 - 2
    # The same form again changes nothing, not even a byte.
    before = digest(book)
    again = api.collect_assessments(book, [form], now=NOW)
    assert not again.written and digest(book) == before
    assert "đã nhập trước đó (cùng ngày 28/11/2025, cùng nội dung)" in "\n".join(again.messages)
    # An older one is refused; a newer one replaces the unit's self-scores and nothing else.
    older = fill(forms["C"], {"2.1": (10, "", "Kế hoạch")}, dt.date(2025, 11, 25), copy_to=book.parent / "C_cu.xlsx")
    refused = api.collect_assessments(book, [older], now=NOW)
    assert refused.exit_code == 1 and digest(book) == before
    assert "Ngày tự đánh giá 25/11/2025 cũ hơn phiếu đã nhập của đơn vị C (ngày 28/11/2025)" in "\n".join(
        refused.messages)
    newer = fill(forms["C"], {"2.1": (22, "", "Kế hoạch số 1/KH-C"), "2.2": (25, "Không có văn bản riêng", None)},
                 dt.date(2025, 11, 29), copy_to=book.parent / "C_moi.xlsx")
    replaced = api.collect_assessments(book, [newer], now=NOW)
    assert "C_moi.xlsx: Phòng C (C), ngày tự đánh giá 29/11/2025 thay phiếu ngày 28/11/2025, 2 tiêu chí." in \
        said(replaced)
    got = [r for r in rows(book) if r[0] == "C"]
    assert got == [("C", "4.1", None, None, None, 2, "Chậm nộp hồ sơ thi đua"),
                   ("C", "2.1", 22, None, "Kế hoạch số 1/KH-C", None, None),
                   ("C", "2.2", 25, "Không có văn bản riêng", None, None, None)]


def test_a_changed_self_score_keeps_the_appraisal_and_says_so(book: Path):
    form = fill(make(book)["A"], {"2.1": (30, "Đã bổ sung báo cáo", "Kế hoạch số 3/KH-A; Báo cáo số 9/BC-A")},
                dt.date(2025, 11, 29))
    done = api.collect_assessments(book, [form], now=NOW)
    assert done.exit_code == 0
    assert ("A", "2.1", 30, "Đã bổ sung báo cáo", "Kế hoạch số 3/KH-A; Báo cáo số 9/BC-A", 25,
            "Thiếu báo cáo kết quả tuyên truyền") in rows(book)
    assert any("Đơn vị A đổi điểm tự chấm tiêu chí 2.1 từ 28 thành 30; điểm thẩm định 25 giữ nguyên" in str(w)
               for w in done.warnings)


def test_untouched_forms_and_bad_ones_are_told_apart(book: Path):
    forms = make(book)
    untouched = api.collect_assessments(book, [forms["A"]], now=NOW)
    assert not untouched.written and "không tính là đã tự đánh giá" in "\n".join(untouched.messages)
    bad = fill(forms["C"], {"2.1": (31, "", "Kế hoạch"), "2.2": (5, None, None)}, copy_to=book.parent / "C_sai.xlsx")
    before = digest(book)
    refused = api.collect_assessments(book, [bad], now=NOW)
    assert refused.exit_code == 1 and digest(book) == before
    assert [str(p) for p in refused.problems] == [
        "C_sai.xlsx › DanhGia › F11: Điểm tự chấm 31 ngoài khoảng 0–30 (điểm tối đa của tiêu chí 2.1).",
        "C_sai.xlsx › DanhGia › H12: Tiêu chí 2.2 tự chấm 5 điểm: ghi Tài liệu kiểm chứng, hoặc Giải trình khi không "
        "có tài liệu."]


@pytest.mark.parametrize("meta, message", [
    ({"nam": "2024"}, "Phiếu C.xlsx là phiếu năm 2024, không phải năm 2025."),
    ({"co_quan": "SXD"}, "Phiếu C.xlsx là của cơ quan SXD, không phải STN."),
    ({"don_vi": "Z"}, "Phiếu C.xlsx của đơn vị 'Z' không có trong sheet DonVi."),
    ({"loai": "phiếu báo cáo tiến độ CCHC"}, "Tệp C.xlsx không phải phiếu tự đánh giá do chương trình lập"),
])
def test_identity_checks(book: Path, meta: dict[str, str], message: str):
    form = fill(make(book)["C"], {"2.1": (20, "", "Kế hoạch")}, meta=meta)
    done = api.collect_assessments(book, [form], now=NOW)
    assert done.exit_code == 1 and not done.written
    assert any(line.strip().startswith(f"C.xlsx: {message}") for line in done.messages), done.messages


def test_a_status_form_is_not_a_self_assessment_and_back(book: Path):
    status = api.build_forms(book, 4, book.parent / "tien_do", today=MADE).written[0]
    done = api.collect_assessments(book, [status], now=NOW)
    assert done.exit_code == 1 and "không phải phiếu tự đánh giá do chương trình lập" in "\n".join(done.messages)
    other = api.collect(book, 4, [make(book)["C"]], now=NOW)
    assert other.exit_code == 1 and "không phải phiếu báo cáo do chương trình lập" in "\n".join(other.messages)


def test_cli_forms_and_collect(book: Path):
    runner = CliRunner()
    folder = book.parent / "phieu_cli"
    made = runner.invoke(cli, ["--data", str(book), "forms", "--danh-gia", "-o", str(folder)])
    assert made.exit_code == 0 and "Đã ghi 5 phiếu tự đánh giá vào" in made.output
    fill(folder / "C.xlsx", {"2.1": (20, "", "Kế hoạch")}, dt.date(2025, 11, 28))
    got = runner.invoke(cli, ["--data", str(book), "collect", "--danh-gia", str(folder / "C.xlsx")])
    assert got.exit_code == 0 and "Nhập phiếu tự đánh giá năm 2025 vào sổ kehoach.xlsx:" in got.output
    neither = runner.invoke(cli, ["--data", str(book), "forms"])
    assert neither.exit_code == 2 and "Ghi --quy (kỳ báo cáo) hoặc --danh-gia" in neither.output
    both = runner.invoke(cli, ["--data", str(book), "collect", "--quy", "3", "--danh-gia", str(folder)])
    assert both.exit_code == 2 and "bỏ --quy" in both.output
    (book.parent / "~$kehoach.xlsx").write_bytes(b"owner")  # the workbook is open in Excel
    locked = runner.invoke(cli, ["--data", str(book), "collect", "--danh-gia", str(folder / "C.xlsx")])
    assert locked.exit_code == 1 and "đang mở trong Excel" in locked.output
