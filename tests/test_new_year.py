"""`cchc new-year`: next year's draft workbook from the bundled 2024 workbook, checked sheet by
sheet against the old one, then validated and used for plan, forms and report."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BUNDLED, edit_sheet
from docxutil import Doc
from test_import import sheet

from pipeline import api
from pipeline.cli import cli

NEW = "Chuyển từ năm trước"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def old(tmp_path_factory) -> Path:
    """The bundled workbook with a literal year in its text and a report number, as a clerk's would have."""
    path = tmp_path_factory.mktemp("ny") / "kehoach.xlsx"
    shutil.copy(BUNDLED, path)

    def narrative(ws):
        ws.append(["Đoạn", "Đánh giá, xếp hạng trước ngày 15/12/2024; Chương trình giai đoạn 2024-2030 và Quyết định "
                           "số 12/QĐ-UBND ngày 05/01/2024 giữ nguyên."])

    def periods(ws):
        ws["G2"], ws["H2"] = "15", dt.date(2024, 3, 20)

    edit_sheet(path, "NoiDung", narrative)
    edit_sheet(path, "KyBaoCao", periods)
    return path


@pytest.fixture(scope="module")
def new(old) -> tuple[Path, str, str]:
    """(the 2025 workbook, the command's output, the old workbook's digest before the run)."""
    before = digest(old)
    result = run("--data", str(old), "new-year")
    assert result.exit_code == 0, result.output
    return old.with_name("kehoach_2025.xlsx"), result.output, before


def test_the_draft_is_written_beside_the_old_workbook_which_is_untouched(old, new):
    path, output, before = new
    assert path.exists()
    assert f"Đã ghi sổ nháp năm 2025: {path}" in output
    assert digest(old) == before


def test_the_draft_validates_and_serves_plan_forms_and_report(new, tmp_path):
    path = new[0]
    assert api.check_workbook(path).exit_code == 0
    assert api.check_workbook(path).problems == []
    for args in (["plan", "-o", str(tmp_path / "qd.docx")], ["forms", "--quy", "1", "-o", str(tmp_path / "phieu")],
                 ["report", "--quy", "1", "-o", str(tmp_path / "bc.docx")]):
        result = run("--data", str(path), *args)
        assert result.exit_code == 0, result.output
    text = Doc(tmp_path / "qd.docx").reading()
    assert "Ban hành Kế hoạch cải cách hành chính năm 2025 của Sở Tài nguyên và Môi trường" in text
    assert "MỤC TIÊU TRỌNG TÂM NĂM 2025" in text
    assert "Khánh Hòa, ngày      tháng      năm 2025" in text  # the date was cleared
    assert len(list((tmp_path / "phieu").glob("*.xlsx"))) == 10
    report = Doc(tmp_path / "bc.docx").text()
    assert "quý I năm 2025" in report and "từ ngày 15/12/2024 đến ngày 14/3/2025" in report


def test_thong_tin_keeps_its_fields_with_the_new_year(old, new):
    def fields(path: Path) -> dict[str, list[object]]:
        out: dict[str, list[object]] = {}
        for row in sheet(path, "ThongTin"):
            out.setdefault(str(row["Trường"]), []).append(row["Giá trị"])
        return out

    before, after = fields(old), fields(new[0])
    assert after["Năm kế hoạch"] == [2025]
    assert after["Số quyết định"] == [""] and after["Ngày quyết định"] == [""]
    assert after["Căn cứ"] == before["Căn cứ"]  # kept for the clerk to review …
    assert "căn cứ giữ nguyên (hãy rà soát)" in new[1]  # … and said so
    assert str(after["Ghi chú về dữ liệu"][0]).startswith("BẢN NHÁP Kế hoạch năm 2025")
    assert after["Hạn gửi kế hoạch của đơn vị"] == [dt.date(2025, 1, 20)]  # the units' plans: 20/01 again
    unchanged = set(before) - {"Năm kế hoạch", "Số quyết định", "Ngày quyết định", "Ghi chú về dữ liệu",
                               "Hạn gửi kế hoạch của đơn vị"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_units_targets_and_narrative_are_kept(old, new):
    path = new[0]
    assert sheet(path, "DonVi") == sheet(old, "DonVi")
    targets = sheet(path, "ChiTieu")
    assert [(t["Mã"], t["So sánh"], t["Giá trị"]) for t in targets] == [
        (t["Mã"], t["So sánh"], t["Giá trị"]) for t in sheet(old, "ChiTieu")]
    assert all(t[k] == "" for t in targets for k in ("Kết quả quý I", "Kết quả 6 tháng", "Kết quả quý III",
                                                      "Kết quả năm"))
    before, after = sheet(old, "NoiDung"), sheet(path, "NoiDung")
    assert after[:-1] == before[:-1]  # {năm} needs nothing
    assert after[-1]["Nội dung"] == ("Đánh giá, xếp hạng trước ngày 15/12/2025; Chương trình giai đoạn 2024-2030 và "
                                     "Quyết định số 12/QĐ-UBND ngày 05/01/2024 giữ nguyên.")
    assert f"NoiDung: Năm 2024 ghi trực tiếp trong nội dung (không dùng {{năm}}) đã được chuyển sang 2025 ở dòng " \
           f"{len(before) + 1}" in new[1]


def test_tasks_keep_their_ids_deadlines_move_and_unfinished_ones_are_marked(old, new):
    before = {t["Mã"]: t for t in sheet(old, "NhiemVu")}
    after = {t["Mã"]: t for t in sheet(new[0], "NhiemVu")}
    assert list(after) == list(before)
    assert after["NV01"]["Thời gian"] == "Quý II/2025"
    assert after["NV02"]["Thời gian"] == "Trong năm 2025"
    assert after["NV27"]["Thời gian"] == "Tháng 01/2025"
    assert after["NV13"]["Thời gian"] == before["NV13"]["Thời gian"]  # citations stay
    assert after["NV29"]["Thời gian"] == "Trong năm 2023"  # only the plan's year moves
    assert after["NV01"]["Nhiệm vụ"] == before["NV01"]["Nhiệm vụ"]  # task texts are the clerk's …
    assert "5 nhiệm vụ còn ghi năm 2024 trong nội dung hoặc kết quả (NV01, NV03, NV27, NV28, NV29)" in new[1]
    assert after["NV01"][NEW] == "Chuyển từ năm 2024: quá hạn chưa hoàn thành; VP: Đang thực hiện 70%"
    assert after["NV02"][NEW].startswith("Chuyển từ năm 2024: đang thực hiện (trong hạn); 4/10 đơn vị chủ trì đã "
                                         "hoàn thành; TTR, QLMT, CCQLDD, TTCNTT, TTPTQD: Đang thực hiện 70%")
    assert after["NV16"][NEW].startswith("Chuyển từ năm 2024: không thực hiện (có lý do)")
    done = {"NV03", "NV04", "NV10", "NV14", "NV19", "NV22", "NV23", "NV27", "NV28", "NV29"}  # the sample's
    assert {tid for tid, t in after.items() if not t[NEW]} == done
    assert "20 nhiệm vụ chưa hoàn thành tại kỳ chốt số liệu cuối năm 2024" in new[1]


def test_periods_are_recomputed_and_the_year_sheets_emptied(new):
    path = new[0]
    periods = sheet(path, "KyBaoCao")
    d = dt.date
    assert [(p["Chốt số liệu từ"], p["Chốt số liệu đến"], p["Hạn đơn vị báo cáo"]) for p in periods] == [
        (d(2024, 12, 15), d(2025, 3, 14), d(2025, 3, 10)), (d(2024, 12, 15), d(2025, 6, 14), d(2025, 6, 10)),
        (d(2025, 6, 15), d(2025, 9, 14), d(2025, 9, 10)), (d(2024, 12, 15), d(2025, 12, 14), d(2025, 12, 10))]
    assert all(p["Số báo cáo"] == "" and p["Ngày báo cáo"] == "" for p in periods)
    for name in ("TienDo", "NhanXet", "NhanPhieu", "KeHoachDonVi"):
        assert sheet(path, name) == []
    assert "Trạng thái" in sheet_headers(path, "TienDo")


def sheet_headers(path: Path, name: str) -> list[str]:
    from test_import import headers

    return headers(path, name)


def test_never_overwrites_without_force_and_keeps_a_backup(old, new, tmp_path):
    path = tmp_path / "kh2025.xlsx"
    assert run("--data", str(old), "new-year", "-o", str(path)).exit_code == 0
    first = digest(path)
    result = run("--data", str(old), "new-year", "-o", str(path))
    assert result.exit_code == 1 and "đã có" in result.output and "--force" in result.output
    assert digest(path) == first
    result = run("--data", str(old), "new-year", "-o", str(path), "--force")
    assert result.exit_code == 0, result.output
    [kept] = (tmp_path / "backup").glob("kh2025-*.xlsx")
    assert digest(kept) == first


@pytest.mark.parametrize("args, words", [
    (["--nam", "2024"], "năm mới phải sau năm 2024"),
    (["-o", "{old}"], "đè lên chính sổ"),
    (["-o", "{dir}/kh.docx"], "phải có đuôi .xlsx"),
])
def test_refusals(args, words, old, tmp_path):
    args = [a.format(old=old, dir=tmp_path) for a in args]
    before = digest(old)
    result = run("--data", str(old), "new-year", *args)
    assert result.exit_code == 1 and words in result.output
    assert digest(old) == before


def test_two_years_ahead(old, tmp_path):
    path = tmp_path / "kh2026.xlsx"
    result = run("--data", str(old), "new-year", "--nam", "2026", "-o", str(path))
    assert result.exit_code == 0, result.output
    tasks = {t["Mã"]: t for t in sheet(path, "NhiemVu")}
    assert tasks["NV01"]["Thời gian"] == "Quý II/2026"
    assert sheet(path, "KyBaoCao")[0]["Chốt số liệu đến"] == dt.date(2026, 3, 14)
