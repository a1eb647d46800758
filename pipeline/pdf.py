"""Export a .docx to PDF through LibreOffice (soffice --headless).

Each conversion gets its own LibreOffice profile and output folder, so two
conversions at once (two clerks, or a test run beside a report) never collide; the
PDF is moved into place only when complete. Times New Roman is not installable from
Linux package registries: LibreOffice substitutes the metric-compatible Liberation
Serif (Debian: fonts-liberation2), so line breaks and page counts match Word's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pipeline.errors import CchcError

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


def to_pdf(docx: Path, pdf: Path | None = None, timeout: int = TIMEOUT) -> Path:
    """Convert `docx` to `pdf` (default: beside it, same name). Raises CchcError with a
    Vietnamese message when LibreOffice is missing, fails or runs too long."""
    from pipeline.export import ensure_not_open

    docx = Path(docx)
    pdf = Path(pdf) if pdf else docx.with_suffix(".pdf")
    soffice = find_soffice()
    if soffice is None:
        raise CchcError(INSTALL_HINT)
    ensure_not_open(pdf, "trình đọc PDF")
    with tempfile.TemporaryDirectory(prefix="cchc-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        outdir = work / "out"
        outdir.mkdir()
        cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir), str(docx.resolve())]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise CchcError(f"LibreOffice chưa xuất xong {docx.name} sau {timeout} giây; đã dừng. "
                            "Thử lại, hoặc chia nhỏ văn bản.") from None
        except OSError as exc:
            raise CchcError(f"Không chạy được LibreOffice ({exc}). {INSTALL_HINT}") from None
        produced = outdir / f"{docx.stem}.pdf"
        if done.returncode != 0 or not produced.exists():
            detail = (done.stderr or done.stdout or "").strip().splitlines()[-1:] or ["không rõ lý do"]
            raise CchcError(f"LibreOffice không xuất được PDF từ {docx.name}: {detail[0]}")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        tmp_target = pdf.with_name(f".{pdf.stem}-{os.getpid()}.pdf.tmp")
        shutil.move(str(produced), tmp_target)
        os.replace(tmp_target, pdf)
    return pdf
