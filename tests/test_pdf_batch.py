"""`cchc pdf FILE.docx…` and `cchc pdf --quy N` (make pdf): every PDF from ONE LibreOffice run,
the .docx never touched, an issued document's PDF replaced only with --force (after a backup),
an issued document skipped with a note while the rest is still exported.

LibreOffice is stood in for by a script that logs how it was called and writes a small PDF
per input (test_pdf.py runs the real one), so these tests take seconds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import set_field

from pipeline import api
from pipeline.cli import cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX script as a stand-in for soffice")

FAKE = """#!{python}
import json, pathlib, sys
args = sys.argv[1:]
out = pathlib.Path(args[args.index("--outdir") + 1])
files = [a for a in args if a.endswith(".docx")]
with open({log!r}, "a") as fh:
    fh.write(json.dumps(files) + "\\n")
for f in files:
    if "{fail}" and "{fail}" in pathlib.Path(f).read_bytes().decode("latin-1"):
        continue
    (out / (pathlib.Path(f).stem + ".pdf")).write_bytes(b"%PDF-1.4 " + pathlib.Path(f).name.encode())
"""


@pytest.fixture
def soffice(tmp_path, monkeypatch):
    """Install the stand-in; returns a function listing its runs (the files of each)."""
    log = tmp_path / "runs.log"

    def install(fail: str = "") -> None:
        script = tmp_path / "soffice"
        script.write_text(FAKE.format(python=sys.executable, log=str(log), fail=fail), encoding="utf-8")
        script.chmod(0o755)
        monkeypatch.setenv("CCHC_SOFFICE", str(script))

    install()

    def runs() -> list[list[str]]:
        return [json.loads(x) for x in log.read_text().splitlines()] if log.exists() else []

    runs.install = install  # type: ignore[attr-defined]
    return runs


@pytest.fixture
def documents(workbook, tmp_path) -> list[Path]:
    plan = api.build_plan(workbook, tmp_path / "out" / "QD.docx").path
    remind = api.build_remind(workbook, 3, tmp_path / "out" / "CV.docx").path
    return [plan, remind]


def test_all_files_in_one_run_the_docx_untouched(soffice, documents):
    before = [d.read_bytes() for d in documents]
    result = CliRunner().invoke(cli, ["pdf", *map(str, documents)])
    assert result.exit_code == 0, result.output
    assert len(soffice()) == 1 and len(soffice()[0]) == 2  # one LibreOffice run for both
    for d, old in zip(documents, before):
        assert d.read_bytes() == old
        assert d.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
        assert f"Đã ghi: {d.with_suffix('.pdf')}" in result.output


def test_a_file_libreoffice_cannot_export_writes_no_pdf_at_all(soffice, documents):
    soffice.install(fail="KHONG-XUAT-DUOC")  # the stand-in skips the file holding this marker
    documents[1].write_bytes(documents[1].read_bytes() + b"KHONG-XUAT-DUOC")
    result = CliRunner().invoke(cli, ["pdf", *map(str, documents)])
    assert result.exit_code == 1 and "LibreOffice không xuất được PDF từ CV.docx" in result.output
    assert not any(d.with_suffix(".pdf").exists() for d in documents)


def test_an_issued_documents_pdf_is_replaced_only_with_force(soffice, workbook, tmp_path):
    set_field(workbook, "Số quyết định", "05")
    set_field(workbook, "Ngày quyết định", "05/01/2024")
    plan = api.build_plan(workbook, tmp_path / "QD.docx").path
    runner = CliRunner()
    assert runner.invoke(cli, ["pdf", str(plan)]).exit_code == 0  # an issued plan is exported like any other
    pdf = plan.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF the signed copy")
    refused = runner.invoke(cli, ["pdf", str(plan)])
    assert refused.exit_code == 1 and "QD.pdf đã có số văn bản (đã ban hành)" in refused.output
    assert pdf.read_bytes() == b"%PDF the signed copy" and len(soffice()) == 1  # refused before LibreOffice ran
    forced = runner.invoke(cli, ["pdf", "--force", str(plan)])
    assert forced.exit_code == 0, forced.output
    assert pdf.read_bytes() != b"%PDF the signed copy"
    assert [p.read_bytes() for p in (tmp_path / "backup").glob("QD-*.pdf")] == [b"%PDF the signed copy"]


def test_usage_and_bad_files(soffice, tmp_path, documents):
    runner = CliRunner()
    neither = runner.invoke(cli, ["pdf"])
    assert neither.exit_code == 2 and "Ghi tên các tệp .docx cần xuất PDF, hoặc --quy KỲ" in neither.output
    missing = runner.invoke(cli, ["pdf", str(tmp_path / "khong_co.docx")])
    assert missing.exit_code == 1 and "Không tìm thấy tệp" in missing.output
    (tmp_path / "bang.xlsx").write_bytes(b"PK")
    other = runner.invoke(cli, ["pdf", str(tmp_path / "bang.xlsx")])
    assert other.exit_code == 1 and "không phải văn bản Word .docx" in other.output
    assert soffice() == []


def test_make_pdf_skips_the_issued_plan_and_still_exports_the_report(soffice, workbook, tmp_path, monkeypatch):
    """`make pdf Q=3` once the plan has its số: the plan is kept (a note), the report is written
    again, both PDFs come from one run; a second run keeps the issued plan's PDF."""
    monkeypatch.chdir(tmp_path)
    set_field(workbook, "Số quyết định", "05")
    set_field(workbook, "Ngày quyết định", "05/01/2024")
    runner = CliRunner()
    first = runner.invoke(cli, ["--data", str(workbook), "pdf", "--quy", "3"])
    assert first.exit_code == 0, first.output
    plan, report = Path("output/2024/QD_KeHoach_CCHC_2024.docx"), Path("output/2024/BaoCao_CCHC_Quy3_2024.docx")
    assert plan.with_suffix(".pdf").exists() and report.with_suffix(".pdf").exists()
    signed = plan.read_bytes()
    again = runner.invoke(cli, ["--data", str(workbook), "pdf", "--quy", "3"])
    assert again.exit_code == 0, again.output
    assert f"Bỏ qua {plan}: văn bản đã có số (đã ban hành), giữ nguyên tệp đã có." in again.output
    assert f"Giữ nguyên {plan.with_suffix('.pdf')}: PDF của văn bản đã ban hành đã có" in again.output
    assert plan.read_bytes() == signed
    assert f"Đã ghi: {report.with_suffix('.pdf')}" in again.output
    assert [len(run) for run in soffice()] == [2, 1]


def test_remind_pdf_like_the_other_documents(soffice, tmp_path):
    from conftest import BUNDLED

    runner = CliRunner()
    for args, name in ((["--quy", "3"], "cv.docx"), (["--ke-hoach"], "kh.docx")):
        out = tmp_path / name
        result = runner.invoke(cli, ["--data", str(BUNDLED), "remind", *args, "-o", str(out), "--pdf"])
        assert result.exit_code == 0, result.output
        assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF") and f"Đã ghi: {out.with_suffix('.pdf')}" in \
            result.output
