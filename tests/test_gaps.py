"""A document with an empty part is not silent: `plan` and `report` warn, naming each empty
part and the sheet to fill, and exit 0; `--strict` makes them errors and writes nothing."""

from __future__ import annotations

from pathlib import Path

import minibook
from click.testing import CliRunner
from conftest import BUNDLED

from pipeline.cli import cli
from pipeline.derive.gaps import plan_gaps, report_gaps
from pipeline.xlsx import SheetData, write_workbook


def bare_plan(path: Path) -> Path:
    """A workbook whose Kế hoạch has no text, no căn cứ and no Điều."""
    info = [(k, v) for k, v in minibook.THONG_TIN if k != "Điều"]
    sheets = [
        SheetData("ThongTin", ["Trường", "Giá trị"], [list(kv) for kv in info]),
        SheetData("DonVi", ["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại"], [list(u) for u in minibook.UNITS]),
        SheetData("NhiemVu", minibook.TASK_HEAD, [minibook.task("NV1", "A", "Quý I/2025")]),
        SheetData("NoiDung", ["Kiểu", "Nội dung"], []),
        SheetData("ChiTieu", ["Mã", "Mục tiêu", "Chỉ tiêu", "So sánh", "Giá trị", "Đơn vị tính"],
                  [["1", "1", "Hồ sơ trực tuyến", ">", 50, "%"]]),
        SheetData("KyBaoCao", ["Kỳ", "Tên kỳ", "Hạn đơn vị báo cáo", "Chốt số liệu từ", "Chốt số liệu đến"],
                  [list(p) for p in minibook.PERIODS]),
        SheetData("TienDo", minibook.ENTRY_HEAD, []),
        SheetData("NhanXet", ["Kỳ", "Mục", "Nội dung"], [[1, "Ưu điểm", "Triển khai đúng kế hoạch."]]),
    ]
    return write_workbook(path, sheets)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_plan_with_empty_parts_warns_and_writes_the_draft(tmp_path):
    data, out = bare_plan(tmp_path / "kh.xlsx"), tmp_path / "qd.docx"
    result = run("--data", str(data), "plan", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert "kh.xlsx › NoiDung: Kế hoạch chưa có nội dung: sheet NoiDung không có dòng nào" in result.output
    assert "kh.xlsx › ThongTin: Quyết định chưa có căn cứ: ghi các dòng 'Căn cứ'" in result.output
    assert "kh.xlsx › ThongTin: Quyết định chưa có Điều nào: ghi các dòng 'Điều'" in result.output
    assert "Cảnh báo (3)" in result.output


def test_plan_strict_refuses_and_writes_nothing(tmp_path):
    data, out = bare_plan(tmp_path / "kh.xlsx"), tmp_path / "qd.docx"
    result = run("--data", str(data), "plan", "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert "Kế hoạch còn 3 phần chưa có nội dung; với --strict chương trình không ghi văn bản nào" in result.output
    assert "Lỗi (3)" in result.output and "✗ kh.xlsx › NoiDung" in result.output
    assert not out.exists()


def test_report_names_unwritten_remarks_and_targets_without_results(tmp_path):
    data, out = bare_plan(tmp_path / "kh.xlsx"), tmp_path / "bc.docx"
    result = run("--data", str(data), "report", "--quy", "1", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.exists()
    text = result.output
    assert ("kh.xlsx › NhanXet: Báo cáo quý I năm 2025 còn ghi “(Văn phòng chưa ghi …)” ở 3 phần: “Tồn tại, hạn chế”, "
            "“Nguyên nhân”, “Kiến nghị”. Ghi vào sheet NhanXet (Kỳ 1, cột Mục, cột Nội dung).") in text
    assert "“Ưu điểm”" not in text  # written for kỳ 1
    # the sheet lacks the column: the row is named
    assert "kh.xlsx › ChiTieu › dòng 2: 1/1 chỉ tiêu chưa có kết quả quý I năm 2025 (1)" in text
    assert "Ghi cột 'Kết quả quý I' trong sheet ChiTieu" in text
    assert "kh.xlsx › TienDo: Sheet TienDo chưa có dòng tiến độ nào của kỳ 1" in text
    result = run("--data", str(data), "report", "--quy", "1", "-o", str(tmp_path / "strict.docx"), "--strict")
    assert "kh.xlsx › KyBaoCao › dòng 2: Chưa ghi hạn gửi Sở Nội vụ cho kỳ quý I năm 2025" in text
    assert result.exit_code == 1 and "Báo cáo còn 4 phần chưa có nội dung" in result.output
    assert not (tmp_path / "strict.docx").exists() and not (tmp_path / "strict_so_lieu.xlsx").exists()


def test_the_bundled_workbook_lacks_only_the_so_noi_vu_deadline_in_quarter_iii():
    from pipeline import api

    plan = api.load(BUNDLED, ("ThongTin", "DonVi", "NhiemVu", "NoiDung", "ChiTieu", "KyBaoCao", "TienDo",
                              "NhanXet")).plan
    assert plan_gaps(plan) == []
    # the seed plan does not say when reports are due at Sở Nội vụ: the clerk must fill it in
    assert [(g.sheet, g.cell) for g in report_gaps(plan, 3)] == [("KyBaoCao", "F4")]
    assert [g.sheet for g in report_gaps(plan, 1)] == ["NhanXet", "ChiTieu", "KyBaoCao"]  # sample data from quý II
