"""The công văn đôn đốc, and issued documents that must not be overwritten silently."""

from __future__ import annotations

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
