"""Whether a document on disk has been issued: it shows a filled-in "Số: 05/…" (a draft
shows blanks), read as a reader sees the paragraph however Word split it into runs. An
issued file must keep matching the signed paper, so no command replaces it without
--force (and then the old file is kept in backup/)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pipeline.errors import CchcError
from pipeline.ooxml import package, text
from pipeline.oserrors import shown

_ISSUED = re.compile(r"Số\s*:\s*\d")
_HEADER_PARAGRAPHS = 200  # the number sits in the header block, among the first paragraphs


def is_issued(path: Path) -> bool:
    """A file that cannot be read as a .docx is not an issued document."""
    try:
        with package.open_docx(path) as pkg:
            header = pkg.leading_paragraphs(_HEADER_PARAGRAPHS)
            return any(_ISSUED.search(unicodedata.normalize("NFC", text.paragraph_text(p))) for p in header)
    except (CchcError, OSError):
        return False


def issued_refusal(path: Path) -> str:
    return (f"{shown(Path(path).name)} đã có số văn bản (đã ban hành); không ghi đè để tệp luôn khớp với bản đã ký. "
            "Nếu thật sự cần sinh lại, chạy lại với --force (bản cũ sẽ được lưu trong thư mục backup/).")
