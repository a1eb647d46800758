"""What the tool guarantees about the clerk's files, tried the hostile way: two runs at once,
a run killed half-way, outputs aimed at inputs, symlinks, a full disk, a read-only folder,
names the OS refuses, forms and sheets built to mislead. (The refusals that fit one table
are in hostile_cases.py, run by test_bad_inputs.py.)"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from bad_cases import copy_book, rezip
from click.testing import CliRunner
from conftest import BUNDLED, ROOT, edit_sheet
from hostile_cases import form_renamed_xls
from test_forms import fill, make_forms

from pipeline import api
from pipeline.cli import cli
from pipeline.export import outputs

NOW = dt.datetime(2024, 12, 12, 9, 30)


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def visible(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if not p.name.startswith(".")}


def pipeline_process(*args: str, cwd: Path) -> subprocess.Popen:
    env = os.environ | {"PYTHONPATH": str(ROOT), "CCHC_TEMPLATES": str(ROOT / "templates")}
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


# -- outputs aimed at inputs -------------------------------------------------------------------


def test_an_output_aimed_at_the_workbook_is_refused_whatever_its_name(tmp_path: Path):
    book = tmp_path / "so.docx"  # a workbook given a .docx name is still the input
    shutil.copy(BUNDLED, book)
    before = digest(book)
    result = run("--data", str(book), "report", "--quy", "3", "-o", str(book))
    assert result.exit_code == 1 and "đó là tệp lệnh này đang đọc" in result.output
    assert digest(book) == before and visible(tmp_path) == {"so.docx"}


def test_an_output_aimed_at_the_template_through_a_symlink_is_refused(tmp_path: Path, monkeypatch):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    monkeypatch.setenv("CCHC_TEMPLATES", str(templates))
    link = tmp_path / "mau.docx"
    link.symlink_to(templates / "qd_kehoach.docx")
    before = digest(templates / "qd_kehoach.docx")
    result = run("--data", str(BUNDLED), "plan", "-o", str(link))
    assert result.exit_code == 1 and "đó là tệp lệnh này đang đọc" in result.output
    assert digest(templates / "qd_kehoach.docx") == before


def test_a_path_past_the_os_limit_is_a_message(tmp_path: Path):
    result = run("--data", str(BUNDLED), "appendix", "-o", str(tmp_path / ("dd/" * 1500) / "pl.docx"))
    assert result.exit_code == 1 and "quá dài" in result.output and "Traceback" not in result.output


# -- the OS refusing a write --------------------------------------------------------------------


def _previous_plan(tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "QD.docx"
    api.build_plan(BUNDLED, out)
    return out, digest(out)


@pytest.mark.parametrize(("code", "says"), [(errno.ENOSPC, "ổ đĩa đã đầy"), (errno.EACCES, "chỉ cho đọc"),
                                            (errno.EROFS, "chỉ cho đọc")])
def test_a_full_disk_or_read_only_folder_keeps_the_previous_file(tmp_path: Path, monkeypatch, code, says):
    out, before = _previous_plan(tmp_path)

    def refuse(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(outputs.os, "fsync", refuse)
    result = run("--data", str(BUNDLED), "plan", "-o", str(out))
    assert result.exit_code == 1 and says in result.output and "QD.docx" in result.output
    assert digest(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".cchc-")], "no temporary file left"


def test_a_folder_where_no_temporary_file_can_be_made(tmp_path: Path, monkeypatch):
    out, before = _previous_plan(tmp_path)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path))

    monkeypatch.setattr(outputs.tempfile, "mkstemp", denied)
    result = run("--data", str(BUNDLED), "plan", "-o", str(out))
    assert result.exit_code == 1 and "chỉ cho đọc" in result.output and digest(out) == before


# -- outputs together or not at all ---------------------------------------------------------------


def test_the_report_and_its_figures_are_written_together_or_not_at_all(tmp_path: Path):
    out = tmp_path / "bc.docx"
    api.build_report(BUNDLED, 3, output=out)
    before = digest(out)
    figures = tmp_path / "bc_so_lieu.xlsx"
    figures.unlink()
    figures.mkdir()  # the second output cannot be written
    result = run("--data", str(BUNDLED), "report", "--quy", "3", "-o", str(out))
    assert result.exit_code == 1 and "bc_so_lieu.xlsx" in result.output
    assert digest(out) == before, "the report was not replaced without its figures"


def test_a_run_killed_half_way_leaves_a_whole_old_or_a_whole_new_set(tmp_path: Path):
    book = copy_book(tmp_path)
    out = tmp_path / "out" / "bc.docx"
    api.build_report(book, 3, output=out)
    old = (digest(out), digest(out.with_name("bc_so_lieu.xlsx")))
    edit_sheet(book, "NhanXet", lambda ws: ws.append([3, "Kiến nghị", "Một kiến nghị mới để văn bản khác đi."]))
    for delay in (0.3, 0.9, 1.6):
        proc = pipeline_process("--data", str(book), "report", "--quy", "3", "-o", str(out), cwd=tmp_path)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = (digest(out), digest(out.with_name("bc_so_lieu.xlsx")))
        assert now == old or (now[0] != old[0] and now[1] != old[1]), "never a new report beside old figures"
        assert visible(out.parent) == {"bc.docx", "bc_so_lieu.xlsx"}


def test_temporary_files_of_killed_runs_are_cleaned_by_the_next_run(tmp_path: Path):
    old = tmp_path / ".cchc-abcdefgh.tmp"
    old.write_bytes(b"half a document")
    long_ago = time.time() - 2 * outputs.STALE_AFTER
    os.utime(old, (long_ago, long_ago))
    fresh = tmp_path / ".cchc-ijklmnop.tmp"  # may belong to a command running now
    fresh.write_bytes(b"in progress")
    legacy = tmp_path / ".QD-a1b2c3d4.docx.tmp"  # the name earlier versions used
    legacy.write_bytes(b"old")
    os.utime(legacy, (long_ago, long_ago))
    api.build_plan(BUNDLED, tmp_path / ("Quyet_dinh_" + "x" * 200 + ".docx"))
    assert not old.exists() and not legacy.exists() and fresh.exists()


# -- the workbook: locks, symlinks, backups --------------------------------------------------------


def test_two_collects_at_once_lose_no_form(tmp_path: Path):
    book = copy_book(tmp_path)
    forms = make_forms(book, 4)
    first = fill(forms["TTR"], {"NV05": {"Tỷ lệ (%)": 55}}, dt.date(2024, 12, 5))
    second = fill(forms["KHTC"], {"NV04": {"Khó khăn, vướng mắc": "Chờ hướng dẫn"}}, dt.date(2024, 12, 6))
    procs = [pipeline_process("--data", str(book), "collect", "--quy", "4", str(f), cwd=tmp_path)
             for f in (first, second)]
    outs = [p.communicate(timeout=120)[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("TienDo").to_python()
    taken = {(r[0], r[1], r[4], r[8]) for r in rows if r[2] == 4}
    assert ("NV05", "TTR", 55, "") in taken, "both forms are in TienDo"
    assert ("NV04", "KHTC", 100, "Chờ hướng dẫn") in taken
    log = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("NhanPhieu").to_python()
    assert {r[0] for r in log[1:]} == {"TTR", "KHTC"}


def test_a_collect_that_cannot_get_the_lock_stops_with_a_message(tmp_path: Path, monkeypatch):
    book = copy_book(tmp_path)
    form = fill(make_forms(book, 4)["TTR"], {"NV05": {"Tỷ lệ (%)": 55}}, dt.date(2024, 12, 5))
    before = digest(book)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; sys.path.insert(0, sys.argv[1]); from pipeline.export.locks import workbook_lock\n"
        "with workbook_lock(sys.argv[2]):\n    print('held', flush=True); time.sleep(30)"), str(ROOT), str(book)],
        stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        monkeypatch.setattr("pipeline.export.locks.LOCK_WAIT", 0.5)
        result = run("--data", str(book), "collect", "--quy", "4", str(form))
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 1 and "đang được một lệnh cchc khác cập nhật" in result.output
    assert digest(book) == before


def test_a_workbook_reached_through_a_symlink_is_updated_where_it_lives(tmp_path: Path):
    real = tmp_path / "chung" / "kehoach.xlsx"
    real.parent.mkdir()
    shutil.copy(BUNDLED, real)
    link = tmp_path / "kehoach.xlsx"
    link.symlink_to(real)
    before = real.read_bytes()
    form = fill(make_forms(link, 4)["TTR"], {"NV05": {"Tỷ lệ (%)": 55}}, dt.date(2024, 12, 5))
    result = api.collect(link, 4, [form], now=NOW)
    assert result.written and link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes() != before
    assert result.detail is not None and result.detail.backup is not None
    assert result.detail.backup.read_bytes() == before, "the backup is the workbook as it was, byte for byte"


def test_import_force_keeps_the_replaced_workbook(tmp_path: Path):
    doc = tmp_path / "KeHoach.docx"
    api.build_plan(BUNDLED, doc)
    out = tmp_path / "kehoach_2025.xlsx"
    shutil.copy(BUNDLED, out)
    before = out.read_bytes()
    result = run("import", str(doc), "--nam", "2025", "-o", str(out), "--force")
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    backups = list((tmp_path / "backup").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == before and out.read_bytes() != before


def test_remind_force_replaces_an_issued_cong_van_after_a_backup(tmp_path: Path):
    from hostile_cases import _issued_cong_van

    built = _issued_cong_van(tmp_path)
    target = Path(built.args[-1])
    before = target.read_bytes()
    result = run("--data", str(built.data), "remind", "--quy", "3", "-o", str(target), "--force")
    assert result.exit_code == 0, result.output
    backups = list((target.parent / "backup").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == before


# -- names and files the OS and other programs make ---------------------------------------------------


def test_a_file_name_with_a_non_utf8_byte_reads_and_prints(tmp_path: Path):
    name = os.fsdecode(b"ke\xffhoach.xlsx")
    book = tmp_path / name
    shutil.copy(BUNDLED, book)
    result = run("--data", str(book), "validate")
    assert result.exit_code == 0 and "Traceback" not in result.output and "hợp lệ" in result.output


def test_a_form_renamed_xls_is_still_taken(tmp_path: Path):
    built = form_renamed_xls(tmp_path)
    result = run("--data", str(built.data), "collect", *built.args)
    assert result.exit_code == 0 and "Thêm mới: 1 phiếu" in result.output


def test_a_malformed_core_properties_part_does_not_stop_collect(tmp_path: Path):
    book = rezip(BUNDLED, tmp_path / "kehoach.xlsx", {"docProps/core.xml": lambda d: d[: len(d) // 2]})
    form = fill(make_forms(book, 4)["TTR"], {"NV05": {"Tỷ lệ (%)": 55}}, dt.date(2024, 12, 5))
    result = api.collect(book, 4, [form], now=NOW)
    assert result.written and result.exit_code == 0
    with zipfile.ZipFile(book) as zf:
        assert zf.read("docProps/core.xml") == zipfile.ZipFile(BUNDLED).read("docProps/core.xml")[:len(
            zipfile.ZipFile(BUNDLED).read("docProps/core.xml")) // 2], "copied as it was"


# -- nothing changed without a word ------------------------------------------------------------------


def test_what_would_change_silently_is_said_at_its_cell(tmp_path: Path):
    def control(data: bytes) -> bytes:  # Excel stores a control character as _x0007_
        text = data.decode()
        start = text.index('<c r="C4"')
        end = text.index("</c>", start)
        cell = text[start:end]
        return (text[:start] + cell.replace("Tham gia", "Tham_x0007_ gia", 1) + text[end:]).encode()

    workbook = rezip(BUNDLED, tmp_path / "kehoach.xlsx", {"xl/worksheets/sheet3.xml": control})

    def nhiem_vu(ws):
        ws["H3"].value = True  # Kết quả/sản phẩm typed TRUE: Excel stores a boolean
        ws["I1"].value = "Thời gian"  # the column named twice

    edit_sheet(workbook, "NhiemVu", nhiem_vu)
    edit_sheet(workbook, "NhanXet", lambda ws: setattr(ws, "sheet_state", "hidden"))
    result = run("--data", str(workbook), "validate")
    out = result.output
    assert result.exit_code == 0, out
    assert "kehoach.xlsx › NhiemVu › H3: Ô 'Kết quả/sản phẩm' chứa giá trị logic TRUE" in out
    assert "kehoach.xlsx › NhiemVu › C4: Ô 'Nhiệm vụ' có ký tự không in được (U+0007)" in out
    assert "kehoach.xlsx › NhiemVu › I1: Cột 'Thời gian' có hai lần (ô G1 và ô I1)" in out
    assert "kehoach.xlsx › NhanXet: Sheet 'NhanXet' đang bị ẩn" in out
    plan = api.load(workbook, ("ThongTin", "DonVi", "NhiemVu")).plan
    assert plan.tasks[1].product == "TRUE" and plan.tasks[2].text.startswith("Tham gia góp ý")


def test_millions_of_messages_are_neither_kept_nor_printed(workbook: Path):
    def statuses(ws):
        for r in range(2, 3002):
            ws.cell(r, 1, "NV01")
            ws.cell(r, 2, "VP")
            ws.cell(r, 3, 1)
            ws.cell(r, 4, f"Trạng thái lạ {r}")

    edit_sheet(workbook, "TienDo", statuses)
    start = time.perf_counter()
    result = run("--data", str(workbook), "validate")
    lines = result.output.splitlines()
    assert result.exit_code == 1 and time.perf_counter() - start < 30
    assert len(lines) < 450, "at most 200 lines of each severity"
    assert any("và" in ln and "lỗi khác" in ln for ln in lines)
