"""The issued plan kept in the workbook: `cchc plan` with the decision's số and date writes
sheet BanHanh (every task as printed, the decision's number and date), protected and
readable, surviving a save by openpyxl and by LibreOffice; what later `plan` runs do; the
Tình trạng nhiệm vụ column and the amendments' register."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import edit_sheet, seed_tasks, set_field
from docxutil import Doc
from lxml import etree
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from test_plan import appendix_entries

from pipeline import api
from pipeline.errors import CchcError
from pipeline.model import TaskState
from pipeline.pdf import find_soffice
from pipeline.schema import BAN_HANH, PLAN_SHEETS

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NEEDS_SOFFICE = pytest.mark.skipif(find_soffice() is None and os.environ.get("CCHC_REQUIRE_PDF") != "1",
                                   reason="LibreOffice not installed")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def sheet(path: Path, name: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def issue(workbook: Path, number: str = "05", date: str = "05/01/2024") -> None:
    set_field(workbook, "Số quyết định", number)
    set_field(workbook, "Ngày quyết định", date)


def issued_tuple(path: Path) -> list[tuple]:
    plan = api.load(path, PLAN_SHEETS).plan
    return [(v.number, v.decision_no, v.date, [(it.task.id, it.section_no, it.stt, it.task.section, it.task.text,
                                                 it.task.assignment, it.task.lead, it.task.support,
                                                 it.task.deadline, it.task.product, it.state) for it in v.tasks])
            for v in plan.issued]


# -- recording the issued plan --------------------------------------------------------------------


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> tuple[Path, Path, dict[str, bytes], api.Result]:
    """A copy of the bundled workbook issued as Quyết định 05 of 05/01/2024, and `cchc plan` run on it."""
    from conftest import BUNDLED

    folder = tmp_path_factory.mktemp("recorded")
    book = folder / "kehoach.xlsx"
    shutil.copy(BUNDLED, book)
    issue(book)
    before = members(book)
    result = api.build_plan(book, folder / "QD.docx")
    return book, folder / "QD.docx", before, result


def test_the_issued_plan_is_recorded_task_by_task(recorded):
    book, docx, _, result = recorded
    assert result.written == [docx, book]
    assert any("Đã ghi nhận Kế hoạch đã ban hành (Quyết định số 05/QĐ-STNMT ngày 05/01/2024, 30 nhiệm vụ) vào "
               "sheet BanHanh" in m for m in result.messages)
    rows = sheet(book, "BanHanh")
    assert rows[0] == [c.header for c in BAN_HANH.columns]
    seed = seed_tasks()
    nhiem_vu = {r[0]: r for r in sheet(book, "NhiemVu")[1:]}
    assert len(rows) - 1 == len(seed) == 30
    for row, (roman, title, cells) in zip(rows[1:], seed):
        version, number, date, tid, mục, stt, section, text, assignment, lead, support, deadline, product, state, \
            change, reason = row
        assert (version, number, date) == (0, "05", dt.date(2024, 1, 5))
        assert (mục, str(int(stt)), section) == (roman, cells["stt"], title)  # as the plan's Phụ lục printed it
        assert (text, assignment, deadline, product) == (cells["task"], cells["assignment"], cells["deadline"],
                                                         cells["product"])
        source = nhiem_vu[tid]
        assert (lead, support) == (source[4], source[5])  # unit codes as NhiemVu has them
        assert (state, change, reason) == ("Còn hiệu lực", "", "")


def test_the_record_is_protected_and_nothing_else_changed(recorded):
    book, _, before, _ = recorded
    after = members(book)
    changed = {n for n in before if before[n] != after[n]}
    assert changed <= {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"}
    (new,) = set(after) - set(before)
    root = etree.fromstring(after[new])
    protection = root.find(f"{{{MAIN}}}sheetProtection")
    assert protection is not None and protection.get("sheet") == "1" and protection.get("password") is None
    ws = load_workbook(book)["BanHanh"]
    assert ws.protection.sheet and ws.column_dimensions["H"].width == 50  # readable: the task column is wide
    backups = list((book.parent / "backup").glob("kehoach-*.xlsx"))
    assert len(backups) == 1 and members(backups[0]) == before  # the workbook as it was, kept first


def test_the_record_survives_a_save_by_openpyxl(recorded, tmp_path):
    book, *_ = recorded
    copy = tmp_path / "kehoach.xlsx"
    wb = load_workbook(book)
    wb["NhiemVu"]["C2"] = "Sửa trong Excel sau khi ban hành"
    wb.save(copy)
    assert issued_tuple(copy) == issued_tuple(book)
    assert load_workbook(copy)["BanHanh"].protection.sheet


@NEEDS_SOFFICE
def test_the_record_survives_a_save_by_libreoffice(recorded, tmp_path):
    book, *_ = recorded
    profile = (tmp_path / "profile").resolve().as_uri()
    done = subprocess.run([str(find_soffice()), f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                           "xlsx", "--outdir", str(tmp_path / "out"), str(book)], capture_output=True, timeout=180)
    converted = tmp_path / "out" / "kehoach.xlsx"
    assert done.returncode == 0 and converted.exists()
    assert issued_tuple(converted) == issued_tuple(book)
    assert len(issued_tuple(book)[0][3]) == 30
    assert load_workbook(converted)["BanHanh"].protection.sheet


def test_printing_again_prints_the_phu_luc_as_recorded(recorded, tmp_path):
    book, docx, *_ = recorded
    copy = tmp_path / "kehoach.xlsx"
    shutil.copy(book, copy)
    target = tmp_path / "QD.docx"
    shutil.copy(docx, target)

    def edit(ws):
        ws["C2"] = "Nội dung sửa sau khi ban hành"
        ws.delete_rows(4)

    edit_sheet(copy, "NhiemVu", edit)
    with pytest.raises(CchcError, match="đã có số văn bản"):
        api.build_plan(copy, target)  # issued: only with --force
    before = copy.read_bytes()
    result = api.build_plan(copy, target, force=True)
    assert copy.read_bytes() == before  # the record is not written again
    got = appendix_entries(Doc(target))
    assert [(r, t, c) for r, t, c in got] == [(r, t, [e["stt"], e["task"], e["assignment"], e["deadline"],
                                                      e["product"]]) for r, t, e in seed_tasks()]
    assert "Phụ lục in theo bản đã ban hành (sheet BanHanh); các thay đổi trong sheet NhiemVu sau đó cần Quyết " \
           "định sửa đổi, bổ sung (cchc amend); Kế hoạch hiện hành: cchc appendix." in result.messages
    messages = [w.message for w in result.warnings]
    assert any(m.startswith("Nhiệm vụ 'NV03' (nhiệm vụ số 3, mục I của bản Kế hoạch đã ban hành) không còn trong "
                            "sheet NhiemVu") and "ghi 'Bãi bỏ' ở cột Tình trạng nhiệm vụ" in m for m in messages)
    assert any("Sheet NhiemVu có 0 nhiệm vụ bổ sung, 1 điều chỉnh, 1 bãi bỏ so với bản Kế hoạch đã ban hành" in m
               for m in messages)


def test_another_number_in_thongtin_is_refused(recorded, tmp_path):
    book, *_ = recorded
    copy = tmp_path / "kehoach.xlsx"
    shutil.copy(book, copy)
    set_field(copy, "Số quyết định", "06")
    before = copy.read_bytes()
    with pytest.raises(CchcError) as exc:
        api.build_plan(copy, tmp_path / "QD.docx")
    assert exc.value.message.startswith(
        "Sổ kehoach.xlsx đã ghi nhận Kế hoạch ban hành theo Quyết định số 05/QĐ-STNMT ngày 05/01/2024 (sheet "
        "BanHanh), khác Số/Ngày quyết định trong sheet ThongTin.")
    assert not (tmp_path / "QD.docx").exists() and copy.read_bytes() == before


def test_a_number_without_a_full_date_is_not_recorded(workbook, tmp_path):
    issue(workbook, "05", "01/2024")
    result = api.build_plan(workbook, tmp_path / "QD.docx")
    assert "BanHanh" not in CalamineWorkbook.from_path(str(workbook)).sheet_names
    assert result.written == [tmp_path / "QD.docx"]
    assert any(m.startswith("Quyết định đã có số nhưng Ngày quyết định chưa ghi đủ ngày, tháng, năm") for m in
               result.messages)


def test_a_draft_plan_writes_nothing_to_the_workbook(workbook, tmp_path):
    before = workbook.read_bytes()
    api.build_plan(workbook, tmp_path / "QD.docx")
    assert workbook.read_bytes() == before
    assert not (workbook.parent / f".{workbook.name}.cchc-lock").exists()


def test_an_open_workbook_is_refused_before_the_document_is_written(workbook, tmp_path):
    issue(workbook)
    (workbook.parent / f"~${workbook.name}").write_text("x")
    with pytest.raises(CchcError, match="đang mở trong Excel"):
        api.build_plan(workbook, tmp_path / "QD.docx")
    assert not (tmp_path / "QD.docx").exists()


# -- Tình trạng nhiệm vụ -------------------------------------------------------------------------


def test_a_task_marked_bai_bo_is_out_of_the_plan(workbook, tmp_path):
    def edit(ws):
        ws["I4"], ws["J4"] = "bãi bỏ", "Không còn phù hợp"  # NV03, spelled as a clerk might

    edit_sheet(workbook, "NhiemVu", edit)
    plan = api.load(workbook, PLAN_SHEETS).plan
    assert "NV03" not in [t.id for t in plan.tasks]
    assert [(t.id, t.state, t.reason) for t in plan.dropped_tasks] == [("NV03", TaskState.DROPPED,
                                                                        "Không còn phù hợp")]
    got = appendix_entries(Doc(api.build_appendix(workbook, tmp_path / "pl.docx").path))
    assert len(got) == 29 and [c[0] for r, _, c in got if r == "I"] == ["1", "2", "3", "4"]  # renumbered: not issued


def test_an_unknown_state_is_an_error_naming_its_cell(workbook):
    edit_sheet(workbook, "NhiemVu", lambda ws: ws.__setitem__("I5", "Tạm hoãn"))
    with pytest.raises(CchcError) as exc:
        api.load(workbook, PLAN_SHEETS)
    assert [str(p) for p in exc.value.problems if p.cell == "I5"] == [
        "kehoach.xlsx › NhiemVu › I5: Tình trạng nhiệm vụ 'Tạm hoãn' không hợp lệ: để trống khi nhiệm vụ còn hiệu "
        "lực, ghi 'Bãi bỏ' khi nhiệm vụ bị bãi bỏ."]


def test_the_amendments_register_refuses_a_lan_given_twice(workbook):
    from openpyxl import load_workbook as open_book

    wb = open_book(workbook)
    ws = wb.create_sheet("SuaDoi")
    ws.append(["Lần", "Số quyết định", "Ngày quyết định"])
    ws.append([1, "20", "15/07/2024"])
    ws.append([1, "21", "16/07/2024"])
    wb.save(workbook)
    with pytest.raises(CchcError) as exc:
        api.load(workbook, PLAN_SHEETS)
    assert [p.message for p in exc.value.problems if p.sheet == "SuaDoi"] == [
        "Lần 1 được ghi hai lần (dòng 2 và dòng 3)."]
