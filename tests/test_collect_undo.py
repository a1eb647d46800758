"""`cchc collect --undo`: the workbook put back, byte for byte, as the last collect found it,
after saying what is restored; refused, the workbook untouched, when there is nothing to undo or
the workbook changed since."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner
from conftest import edit_sheet
from test_forms import digest, fill, make_forms

from pipeline import api
from pipeline.cli import cli

NOW = dt.datetime(2024, 12, 12, 9, 30)
LATER = dt.datetime(2024, 12, 13, 14, 5, 7)


def undo(workbook: Path, *args: str, answer: str | None = None):
    return CliRunner().invoke(cli, ["--data", str(workbook), "collect", "--undo", *args], input=answer)


def collected(workbook: Path) -> tuple[str, Path]:
    """(the workbook's digest before, the form) after one collect of VP's quý IV form."""
    form = fill(make_forms(workbook, 4)["VP"], {"NV01": {"Khó khăn, vướng mắc": "Thiếu kinh phí"}},
                dt.date(2024, 12, 5))
    before = digest(workbook)
    assert api.collect(workbook, 4, [form], now=NOW).written
    return before, form


def test_undo_restores_the_workbook_byte_for_byte_after_saying_what(workbook: Path):
    before, _ = collected(workbook)
    written = digest(workbook)
    backup = workbook.parent / "backup" / "kehoach-20241212-093000.xlsx"
    result = undo(workbook, "--yes")
    assert result.exit_code == 0, result.output
    assert digest(workbook) == before, "the workbook is exactly what the collect found"
    lines = result.output.splitlines()
    assert lines[:2] == [
        f"Hoàn tác lần nhập phiếu báo cáo năm 2024 lúc 09:30:00 ngày 12/12/2024: khôi phục sổ từ bản sao lưu {backup}, "
        "bỏ 1 phiếu đã nhập:",
        "  Phieu_Q4_2024_VP.xlsx (VP, ngày 05/12/2024)"]
    assert lines[2].startswith(f"Đã khôi phục sổ {workbook}; bản trước khi hoàn tác được lưu ở "
                               f"{workbook.parent}/backup/")
    kept = Path(lines[2].rsplit(" ", 1)[1].rstrip("."))
    assert digest(kept) == written, "what the undo replaced is kept too"
    again = undo(workbook, "--yes")
    assert again.exit_code == 1 and digest(workbook) == before
    assert "Không có lần nhập phiếu nào để hoàn tác" in again.output
    assert "không còn lần nào chưa hoàn tác" in again.output


def test_undo_asks_first_and_a_no_changes_nothing(workbook: Path):
    before, _ = collected(workbook)
    written = digest(workbook)
    no = undo(workbook, answer="n\n")
    assert no.exit_code == 0 and digest(workbook) == written
    assert "Khôi phục sổ như trên? [y/N]" in no.output and "Chưa hoàn tác gì; sổ giữ nguyên." in no.output
    assert "bỏ 1 phiếu đã nhập:" in no.output  # what would be restored was said before asking
    yes = undo(workbook, answer="y\n")
    assert yes.exit_code == 0 and digest(workbook) == before


def test_undo_goes_back_one_collect_at_a_time(workbook: Path):
    forms = make_forms(workbook, 4)
    original = digest(workbook)
    api.collect(workbook, 4, [fill(forms["VP"], {"NV01": {"Ghi chú": "a"}}, dt.date(2024, 12, 5))], now=NOW)
    first = digest(workbook)
    api.collect(workbook, 4, [fill(forms["TTR"], {"NV02": {"Ghi chú": "b"}}, dt.date(2024, 12, 6))], now=LATER)
    out = undo(workbook, "--yes")
    assert "lúc 14:05:07 ngày 13/12/2024" in out.output
    assert "Phieu_Q4_2024_TTR.xlsx (TTR, ngày 06/12/2024)" in out.output
    assert digest(workbook) == first
    assert undo(workbook, "--yes").exit_code == 0 and digest(workbook) == original


def test_undo_refuses_when_the_workbook_changed_since(workbook: Path):
    collected(workbook)

    def by_hand(ws):
        ws["C2"].value = "Sửa tay sau khi nhập phiếu"

    edit_sheet(workbook, "NhanXet", by_hand)
    edited = digest(workbook)
    result = undo(workbook, "--yes")
    assert result.exit_code == 1 and digest(workbook) == edited
    backup = workbook.parent / "backup" / "kehoach-20241212-093000.xlsx"
    assert result.output.strip() == (
        "Không hoàn tác lần nhập phiếu lúc 12/12/2024 09:30:00: sổ kehoach.xlsx đã thay đổi sau lần nhập đó (sửa tay "
        "hoặc lệnh khác), hoàn tác sẽ làm mất các thay đổi ấy. Sổ giữ nguyên. Bản sao lưu trước lần nhập là "
        f"{backup}: nếu chắc chắn muốn quay lại, đóng Excel rồi chép tệp đó đè lên sổ.")


def test_undo_without_any_collect_or_while_open_in_excel(workbook: Path):
    before = digest(workbook)
    none = undo(workbook, "--yes")
    assert none.exit_code == 1 and digest(workbook) == before
    assert none.output.strip() == (f"Không có lần nhập phiếu nào để hoàn tác (nhật ký {workbook.parent}/backup/"
                                   "kehoach-nhap-phieu.json chưa có); sổ giữ nguyên.")
    collected(workbook)
    written = digest(workbook)
    (workbook.parent / "~$kehoach.xlsx").write_bytes(b"owner")
    opened = undo(workbook, "--yes")
    assert opened.exit_code == 1 and "đang mở trong Excel" in opened.output and digest(workbook) == written


def test_undo_takes_no_period_or_forms(workbook: Path):
    result = undo(workbook, "--quy", "3")
    assert result.exit_code == 2 and "--undo hoàn tác lần nhập gần nhất, không kèm --quy" in result.output


def test_undo_a_self_assessment_collect(tmp_path: Path):
    import evalbook
    from test_assess_forms import fill as fill_assessment

    book = evalbook.write(tmp_path / "kehoach.xlsx")
    forms = {p.stem: p for p in api.build_assessment_forms(book, tmp_path / "phieu", today=dt.date(2025, 11, 20))
             .written}
    before = digest(book)
    form = fill_assessment(forms["C"], {"2.1": (20, "", "Kế hoạch số 1/KH-C")}, dt.date(2025, 11, 28))
    assert api.collect_assessments(book, [form], now=dt.datetime(2025, 12, 2, 10, 0)).written
    result = undo(book, "--yes")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Hoàn tác lần nhập phiếu tự đánh giá năm 2025 lúc 10:00:00 ngày 02/12/2025:")
    assert "  C.xlsx (C, ngày 28/11/2025)" in result.output
    assert digest(book) == before
