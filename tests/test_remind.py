"""The công văn đôn đốc, and issued documents that must not be overwritten silently."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BUNDLED, set_field
from docxutil import Doc

from pipeline import api
from pipeline.cli import cli
from pipeline.errors import CchcError, Severity
from pipeline.lint import lint_docx


def test_remind_the_units_that_did_not_report(tmp_path: Path):
    out = api.build_remind(BUNDLED, 3, tmp_path / "cv.docx").path
    doc = Doc(out)
    text = doc.text()
    so = doc.find("Số:")
    assert so.text == "Số:        /STNMT-VP" and so.size == 13
    vv = doc.find_exact("V/v đôn đốc báo cáo kết quả CCHC quý III năm 2024")
    assert vv.size in (12, 13) and not vv.bold and vv.align == "center"
    assert next(vv.el.iterancestors()) is not None and vv.el.getprevious() is so.el  # right under the number
    assert doc.find_exact("Kính gửi: Trung tâm Quan trắc tài nguyên và môi trường.").size in (13, 14)
    assert "trước ngày 10/9/2024" in text and "từ ngày 15/6/2024 đến ngày 14/9/2024" in text
    assert doc.find_exact("KT. GIÁM ĐỐC").bold
    items = [p.text for p in doc.paragraphs() if p.style == "CCHCNoiNhan" and p.text]
    assert items[0] == "- Như trên;" and items[-1] == "- Lưu: VT, VP."
    assert [p for p in lint_docx(out) if p.severity is Severity.ERROR] == []


def test_no_reminder_when_everyone_reported(tmp_path: Path):
    result = CliRunner().invoke(cli, ["--data", str(BUNDLED), "remind", "--quy", "2", "-o", str(tmp_path / "cv.docx")])
    assert result.exit_code == 1
    assert "Tất cả đơn vị đã báo cáo 6 tháng đầu năm 2024" in result.output
    assert not (tmp_path / "cv.docx").exists()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_issued_decision_is_not_overwritten_without_force(workbook: Path, tmp_path: Path):
    out = tmp_path / "qd.docx"
    api.build_plan(workbook, out)  # a draft: may be regenerated freely
    api.build_plan(workbook, out)
    set_field(workbook, "Số quyết định", "5")
    api.build_plan(workbook, out)  # the draft on disk becomes the issued decision
    with pytest.raises(CchcError, match="--force"):
        api.build_plan(workbook, out)
    before = digest(out)
    result = CliRunner().invoke(cli, ["--data", str(workbook), "plan", "-o", str(out)])
    assert result.exit_code == 1 and "đã có số" in result.output
    assert digest(out) == before
    result = CliRunner().invoke(cli, ["--data", str(workbook), "plan", "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    backups = list((tmp_path / "backup").glob("qd-*.docx"))
    assert len(backups) == 1 and digest(backups[0]) == before
    assert "Số: 05/QĐ-STNMT" in Doc(out).text()


def test_report_refuses_while_its_figures_are_open_in_excel(tmp_path: Path):
    out = tmp_path / "bc.docx"
    (tmp_path / "~$bc_so_lieu.xlsx").write_bytes(b"lock")
    with pytest.raises(CchcError, match="đang mở trong Excel"):
        api.build_report(BUNDLED, 3, None, out)
    assert not out.exists()


# -- issue 15: one unit or several, and the new deadline ------------------------------------------


def test_one_unit_is_named_as_one_and_several_as_several(tmp_path: Path):
    one = Doc(api.build_remind(BUNDLED, 3, tmp_path / "q3.docx", today=dt.date(2024, 9, 12)).path).reading()
    assert "chưa nhận được báo cáo của đơn vị có tên trên." in one and "đề nghị đơn vị khẩn trương" in one
    assert "các đơn vị có tên trên" not in one and "đề nghị các đơn vị" not in one
    several = Doc(api.build_remind(BUNDLED, 4, tmp_path / "q4.docx", today=dt.date(2024, 12, 12)).path).reading()
    assert "chưa nhận được báo cáo của các đơn vị có tên trên." in several
    assert "đề nghị các đơn vị khẩn trương" in several


def test_the_new_deadline_counts_working_days_from_the_cong_van(workbook: Path, tmp_path: Path):
    # Thursday 12/9/2024 + 3 working days, over the weekend: Tuesday 17/9/2024
    result = api.build_remind(workbook, 3, tmp_path / "a.docx", today=dt.date(2024, 9, 12))
    text = Doc(result.path).reading()
    assert "gửi về Văn phòng Sở trước ngày 17/9/2024./." in text
    assert "Hạn mới trong công văn: trước ngày 17/9/2024 (3 ngày làm việc từ hôm nay 12/9/2024" in result.messages[-1]
    set_field(workbook, "Ngày công văn đôn đốc", dt.datetime(2024, 9, 13))  # a Friday, printed in the date line
    set_field(workbook, "Số ngày làm việc khi đôn đốc", 5)
    doc = Doc(api.build_remind(workbook, 3, tmp_path / "b.docx", today=dt.date(2024, 9, 12)).path)
    assert "Khánh Hòa, ngày 13 tháng 9 năm 2024" in doc.reading()
    assert "trước ngày 20/9/2024./." in doc.reading()


def test_a_deadline_set_in_thong_tin_wins_unless_it_is_stale(workbook: Path, tmp_path: Path):
    set_field(workbook, "Hạn gửi khi đôn đốc", dt.datetime(2024, 9, 18))
    result = api.build_remind(workbook, 3, tmp_path / "a.docx", today=dt.date(2024, 9, 12))
    assert "trước ngày 18/9/2024./." in Doc(result.path).reading() and not [
        w for w in result.warnings if w.sheet == "ThongTin"]
    set_field(workbook, "Hạn gửi khi đôn đốc", dt.datetime(2024, 6, 20))  # last period's, left in ThongTin
    result = api.build_remind(workbook, 3, tmp_path / "b.docx", today=dt.date(2024, 9, 12))
    assert "trước ngày 17/9/2024./." in Doc(result.path).reading()
    assert [str(w) for w in result.warnings if w.sheet == "ThongTin"] == [
        "kehoach.xlsx › ThongTin: 'Hạn gửi khi đôn đốc' ghi 20/6/2024, không sau hạn ban đầu 10/9/2024 (có lẽ là hạn "
        "của lần đôn đốc trước): công văn ghi hạn 17/9/2024, tính 3 ngày làm việc từ ngày 12/9/2024 ('Số ngày làm "
        "việc khi đôn đốc'). Sửa hoặc xóa ô đó nếu cần."]


def test_the_plans_reminder_gives_a_new_deadline_too(tmp_path: Path):
    result = api.build_remind_plans(BUNDLED, tmp_path / "cv.docx", today=dt.date(2024, 1, 26))  # a Friday
    assert "gửi về Văn phòng Sở trước ngày 31/01/2024 để tổng hợp" in Doc(result.path).reading()
