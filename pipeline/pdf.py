"""Export a .docx to PDF through LibreOffice (soffice --headless).

Each conversion gets its own LibreOffice profile and output folder, so two
conversions at once (two clerks, or a test run beside a report) never collide; the
PDF is handed to the caller's output (export.OutputSet) only when complete. Times New Roman is not installable from
Linux package registries: LibreOffice substitutes the metric-compatible Liberation
Serif (Debian: fonts-liberation2), so line breaks and page counts match Word's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import CchcError
from pipeline.export import OutputSet, write_atomic

TIMEOUT = 900  # seconds; a 5,000-task appendix takes well under a minute

_CANDIDATES = ("soffice", "libreoffice")
_WINDOWS = (
    Path(os.environ.get("PROGRAMFILES", "C:/Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", "C:/Program Files (x86)")) / "LibreOffice/program/soffice.exe",
)
_MAC = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")

INSTALL_HINT = (
    "Cần LibreOffice để xuất PDF. Trên Debian/Ubuntu: sudo apt install libreoffice-writer-nogui fonts-liberation2; "
    "trên Windows: cài LibreOffice từ https://www.libreoffice.org rồi chạy lại. "
    "Có thể chỉ đường dẫn bằng biến môi trường CCHC_SOFFICE."
)


def find_soffice() -> str | None:
    env = os.environ.get("CCHC_SOFFICE")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    for path in (*(_WINDOWS if sys.platform == "win32" else ()), _MAC):
        if path.exists():
            return str(path)
    return None


def convert(docx: Path, out: BinaryIO, name: str | None = None, timeout: int = TIMEOUT) -> None:
    """Write the PDF of `docx` to `out`. `name` is the document's name for messages and for
    the copy LibreOffice reads (a staged output's temporary file has no .docx name).
    Raises CchcError with a Vietnamese message when LibreOffice is missing, fails or runs
    too long."""
    docx = Path(docx)
    name = name or docx.name
    soffice = find_soffice()
    if soffice is None:
        raise CchcError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        outdir = work / "out"
        outdir.mkdir()
        source = work / f"van_ban{Path(name).suffix or '.docx'}"
        shutil.copyfile(docx, source)
        cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(source)]
        returncode, output = _run(cmd, timeout, name)
        produced = outdir / f"{source.stem}.pdf"
        if returncode != 0 or not produced.exists():
            detail = output.strip().splitlines()[-1:] or ["không rõ lý do"]
            raise CchcError(f"LibreOffice không xuất được PDF từ {name}: {detail[0]}")
        with produced.open("rb") as fh:
            shutil.copyfileobj(fh, out)


def to_pdf(docx: Path, pdf: Path | None = None, timeout: int = TIMEOUT) -> Path:
    """Convert `docx` to `pdf` (default: beside it, same name), written whole or not at all."""
    docx = Path(docx)
    pdf = Path(pdf) if pdf else docx.with_suffix(".pdf")
    return write_atomic(pdf, lambda fh: convert(docx, fh, docx.name, timeout), app="trình đọc PDF", inputs=[docx])


def _run(cmd: list[str], timeout: int, name: str) -> tuple[int, str]:
    """Run LibreOffice in its own process group so a timeout stops soffice.bin too."""
    kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}
    if sys.platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        kwargs["start_new_session"] = True
    try:
        proc = subprocess.Popen(cmd, **kwargs)
    except OSError as exc:
        raise CchcError(f"Không chạy được LibreOffice ({exc}). {INSTALL_HINT}") from None
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc)
        raise CchcError(f"LibreOffice chưa xuất xong {name} sau {timeout} giây; đã dừng. "
                        "Thử lại, hoặc chia nhỏ văn bản.") from None
    # LibreOffice prints in the system's encoding on some platforms: never fail on it.
    return proc.returncode, out.decode("utf-8", errors="replace")


def _kill_tree(proc: subprocess.Popen) -> None:
    if sys.platform == "win32":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True, check=False)
    else:
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def stage_pdf(out: OutputSet, docx: Path, staged_docx: Path, pdf: Path | None = None) -> None:
    """Add the PDF of a .docx the same command is writing (its staged temporary file) to `out`."""
    pdf = Path(pdf) if pdf else Path(docx).with_suffix(".pdf")
    out.add(pdf, lambda fh: convert(staged_docx, fh, Path(docx).name), ".pdf", app="trình đọc PDF")
