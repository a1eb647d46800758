"""Bad input never gives a traceback: every malformed workbook, file or form (tests/bad_cases.py)
is refused through the real CLI with its file › sheet › cell, exit code 1 (2 for wrong usage),
no output written and the input's bytes unchanged. Spellings the contract accepts are read;
doubtful ones warn. Any text in a cell reaches the document exactly."""

from __future__ import annotations

import hashlib
import time
import unicodedata
from pathlib import Path

import minibook
import pytest
from bad_cases import CASES, Case, cell_xml, zip_edit
from click.testing import CliRunner
from conftest import edit_sheet
from hostile_cases import HOSTILE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline import api
from pipeline.cli import cli
from pipeline.schema import APPENDIX_SHEETS, REPORT_SHEETS
from pipeline.text import clean


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its hash: nothing written means this does not change.
    The empty lock file a workbook edit leaves beside the workbook on Linux is no content."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".cchc-lock")}


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name the OS cannot look at does not exist either
        return False


def run(args: list[str]):
    return CliRunner().invoke(cli, args)


@pytest.mark.parametrize("case", CASES + HOSTILE, ids=[c.id for c in CASES + HOSTILE])
def test_bad_input_is_refused_clearly(case: Case, tmp_path: Path):
    built = case.build(tmp_path)
    inputs = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in built.inputs}
    before = snapshot(tmp_path)
    args = ["--data", str(built.data), *case.command, *built.args]
    if case.output:
        args += ["-o", str(tmp_path / case.output)]
    start = time.perf_counter()
    result = run(args)
    elapsed = time.perf_counter() - start
    out = result.output
    assert result.exit_code == case.exit_code, out
    assert result.exception is None or isinstance(result.exception, SystemExit), out
    assert "Traceback" not in out
    assert case.where in out, out
    assert case.says in out, out
    for phrase in case.extra:
        assert phrase in out, out
    if case.output:
        assert not _exists(tmp_path / case.output) and not (tmp_path / "out").exists()
    assert snapshot(tmp_path) == before, "nothing written, nothing changed"
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs} == inputs
    if "bomb" in case.id:
        assert elapsed < 5, "an XML bomb is refused before anything expands it"


def test_there_are_enough_cases():
    assert len(CASES) >= 25 and len(CASES + HOSTILE) >= 60
    assert len({c.id for c in CASES + HOSTILE}) == len(CASES + HOSTILE)


# -- what the contract accepts, and what it only warns about


def test_accepted_spellings_are_read(workbook: Path):
    def progress(ws):
        ws["E5"].value = "50%"
        ws["H5"].value = "15/3/2024"
        ws["H6"].value = "15-03-2024"
        ws["E7"].value = 0.5  # a cell formatted as % in Excel
        ws["B8"].value = "  phòng   QLMT "  # case and spaces
        ws["B9"].value = unicodedata.normalize("NFD", "Phòng Tài nguyên nước")  # decomposed, as pasted from a PDF
        ws["B11"].value = "Văn phòng Đăng ký đất đai Khánh Hoà"  # new-style tone placement
        for r in range(ws.max_row + 1, ws.max_row + 40):  # Excel's trailing rows: formatted, empty or blank
            ws.cell(r, 1).value = "   " if r % 2 else None
            ws.cell(r, 2).number_format = "dd/mm/yyyy"

    edit_sheet(workbook, "TienDo", progress)
    result = run(["--data", str(workbook), "validate"])
    assert result.exit_code == 0, result.output
    assert "kehoach.xlsx › TienDo › E7: tỷ lệ 0.5 được hiểu là 50%" in result.output
    plan = api.load(workbook, REPORT_SHEETS).plan
    rows = {e.row: e for e in plan.entries}
    assert rows[5].percent == 50 and rows[7].percent == 50
    assert rows[5].done_on.isoformat() == "2024-03-15" and rows[6].done_on.isoformat() == "2024-03-15"
    assert (rows[8].unit, rows[9].unit, rows[11].unit) == ("QLMT", "TNN", "VPDKDD")
    assert max(rows) == 404  # no trailing row became an entry


def test_hidden_row_is_read_with_a_warning(workbook: Path):
    def hide(ws):
        ws.row_dimensions[7].hidden = True

    edit_sheet(workbook, "TienDo", hide)
    result = run(["--data", str(workbook), "validate"])
    assert result.exit_code == 0, result.output
    assert "kehoach.xlsx › TienDo › dòng 7: Dòng 7 đang bị ẩn (hidden) nhưng vẫn được tính vào văn bản." \
        in result.output
    assert 7 in {e.row for e in api.load(workbook, REPORT_SHEETS).plan.entries}


def test_formula_uses_its_cached_value(tmp_path: Path):
    build = zip_edit("xl/worksheets/sheet3.xml", cell_xml("G2", '<f>"Quý " &amp; "III/2024"</f><v>Quý III/2024</v>',
                                                          ' t="str"'))
    path = build(tmp_path).data
    plan = api.load(path, APPENDIX_SHEETS).plan
    assert plan.tasks[0].deadline == "Quý III/2024"


def test_doubtful_entries_warn_with_their_cell(workbook: Path):
    def progress(ws):
        ws["D20"].value, ws["E20"].value = "Đã hoàn thành", 80  # done below 100%
        ws["H21"].value = "20/12/2024"  # completion after the period's cut-off (C21 is period 2)

    edit_sheet(workbook, "TienDo", progress)
    result = run(["--data", str(workbook), "validate"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "kehoach.xlsx › TienDo › E20: Trạng thái đã hoàn thành nhưng tỷ lệ chỉ 80%." in out
    assert "kehoach.xlsx › TienDo › H21: Ngày hoàn thành 20/12/2024 sau ngày chốt số liệu kỳ 2 (14/6/2024)." in out
    assert "kehoach.xlsx › NhiemVu › G30: Thời gian 'Trong năm 2023' của nhiệm vụ NV29 ghi năm 2023" in out
    # a completion date on a task still in progress contradicts the entry's own status
    assert "kehoach.xlsx › TienDo › H21: Có ngày hoàn thành 20/12/2024 nhưng trạng thái là 'Đang thực hiện'." in out
    assert "Cảnh báo (4)" in out and "Lỗi (" not in out


def test_every_error_is_listed_at_once(workbook: Path, tmp_path: Path):
    def tasks(ws):
        ws["C5"].value = None
        ws["E12"].value = "Chi cuc QLDD"

    def progress(ws):
        ws["E5"].value = 150
        ws["D9"].value = "Xong rồi"

    edit_sheet(workbook, "NhiemVu", tasks)
    edit_sheet(workbook, "TienDo", progress)
    result = run(["--data", str(workbook), "report", "--quy", "3", "-o", str(tmp_path / "bc.docx")])
    assert result.exit_code == 1
    assert "có 4 lỗi; chưa ghi văn bản nào" in result.output
    for where in ("NhiemVu › C5", "NhiemVu › E12", "TienDo › E5", "TienDo › D9"):
        assert f"kehoach.xlsx › {where}:" in result.output
    assert not (tmp_path / "bc.docx").exists()


# -- property: any text in a cell reaches the document exactly (NFC, XML-illegal characters dropped)


# Every character but lone surrogates (which no Unicode text file can hold); U+FFFE/U+FFFF
# travel as _xFFFE_ in the xlsx and must vanish like the controls.
_any_text = st.text(st.characters(blacklist_categories=("Cs",)),
                    min_size=1, max_size=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(task=_any_text.filter(lambda t: clean(t) and not clean(t).startswith("#")),
       product=_any_text.filter(lambda t: not clean(t).startswith("#")))
@example(task="=SUM(A1) & <b> \"x\" {{ y }} {% z %}", product="_x0041_ _x0001_ \x01\x0b tab\there")
@example(task=unicodedata.normalize("NFD", "Khánh Hoà\r\ndòng hai\rba"), product="  lề  \u00a0 ")
@example(task="a\ufffeb\uffffc", product="\ufffe")
def test_any_cell_text_reaches_the_appendix_exactly(tmp_path_factory, task: str, product: str):
    from docxutil import Doc
    from test_plan import appendix_entries

    folder = tmp_path_factory.mktemp("text")
    row = minibook.task("T1", "A", "Quý II/2025")
    row[2], row[7] = task, product
    book = minibook.write(folder / "kehoach.xlsx", [row, minibook.task("T2", "B", "Quý III/2025")], [])
    out = api.build_appendix(book, folder / "pl.docx").path
    entries = appendix_entries(Doc(out))
    assert [cells[1] for _, _, cells in entries] == [clean(task), "Nhiệm vụ T2"]
    assert entries[0][2][4] == clean(product)
