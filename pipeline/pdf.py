"""Export .docx files to PDF through LibreOffice (soffice --headless).

Each LibreOffice run gets its own profile and output folder, so two conversions at once
(two clerks, or a test run beside a report) never collide; a PDF is handed to the caller's
output (export.OutputSet) only when complete. Several documents are converted in one run
(`converted`): LibreOffice's start-up, a few seconds, is paid once (bench/run.py measures
it). Times New Roman is not installable from Linux package registries: LibreOffice
substitutes the metric-compatible Liberation Serif (Debian: fonts-liberation2), so line
breaks and page counts match Word's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import CchcError
from pipeline.export import OutputSet, reporting, write_atomic

TIMEOUT = 900  # seconds; a 5,000-task appendix takes well under a minute
PER_EXTRA_FILE = 120  # seconds more for each further document of one run

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
    with converted([(Path(docx), name or Path(docx).name)], timeout) as pdfs, pdfs[0].open("rb") as fh:
        shutil.copyfileobj(fh, out)


def batch_timeout(count: int) -> int:
    """How long one run converting `count` documents may take."""
    return TIMEOUT + PER_EXTRA_FILE * max(0, count - 1)


@contextlib.contextmanager
def converted(documents: list[tuple[Path, str]], timeout: int | None = None) -> Iterator[list[Path]]:
    """Convert every (docx, name) in ONE LibreOffice run; yields the PDFs, in order, in a
    temporary folder removed afterwards. `name` names the document in messages. Any document
    LibreOffice could not export raises CchcError naming it, and none of the PDFs is yielded."""
    soffice = find_soffice()
    if soffice is None:
        raise CchcError(INSTALL_HINT)
    names = [name for _, name in documents]
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        outdir = work / "out"
        outdir.mkdir()
        sources = []
        for k, (docx, name) in enumerate(documents, 1):
            # numbered copies: two inputs of the same name never overwrite each other's PDF
            source = work / f"van_ban_{k}{Path(name).suffix or '.docx'}"
            with reporting(docx, "đọc"):
                shutil.copyfile(docx, source)
            sources.append(source)
        cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir),
               *map(str, sources)]
        shown_name = names[0] if len(names) == 1 else f"{len(names)} văn bản ({', '.join(names)})"
        returncode, output = _run(cmd, batch_timeout(len(sources)) if timeout is None else timeout, shown_name)
        produced = [outdir / f"{source.stem}.pdf" for source in sources]
        failed = [name for name, pdf in zip(names, produced) if not pdf.exists()]
        if failed or (returncode != 0 and len(sources) == 1):
            detail = output.strip().splitlines()[-1:] or ["không rõ lý do"]
            raise CchcError(f"LibreOffice không xuất được PDF từ {', '.join(failed or names)}: {detail[0]}")
        yield produced


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
