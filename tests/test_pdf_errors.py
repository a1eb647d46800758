"""PDF export failures a clerk may meet, without LibreOffice installed: a clear
Vietnamese message, no traceback, nothing half-written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.errors import CchcError
from pipeline.pdf import to_pdf


def fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text(f"#!{sys.executable}\nimport sys, time, pathlib\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_missing_libreoffice_gives_an_install_hint(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_SOFFICE", str(tmp_path / "khong-co"))
    with pytest.raises(CchcError, match="Cần LibreOffice"):
        to_pdf(tmp_path / "x.docx")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX script as a stand-in for soffice")
def test_a_hanging_conversion_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_SOFFICE", str(fake_soffice(tmp_path, "time.sleep(60)")))
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(CchcError, match="sau 1 giây"):
        to_pdf(tmp_path / "x.docx", timeout=1)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX script as a stand-in for soffice")
def test_a_failed_conversion_keeps_the_previous_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("CCHC_SOFFICE", str(fake_soffice(tmp_path, "print('Error: source file could not be loaded')\n"
                                                                  "sys.exit(1)")))
    (tmp_path / "x.docx").write_bytes(b"PK")
    (tmp_path / "x.pdf").write_bytes(b"old")
    with pytest.raises(CchcError, match="could not be loaded"):
        to_pdf(tmp_path / "x.docx")
    assert (tmp_path / "x.pdf").read_bytes() == b"old"
