"""Time exporting .docx files to PDF: one LibreOffice run per file, or one run for all.
Run in a fresh process by bench/run.py:

    python bench/pdf_batch.py each|batch FILE.docx …

Prints the seconds for all files; `batch` is what `cchc pdf FILE.docx…` does.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from pipeline import api
from pipeline.pdf import to_pdf

mode, files = sys.argv[1], [Path(f) for f in sys.argv[2:]]
start = time.perf_counter()
if mode == "each":
    for f in files:
        to_pdf(f)
else:
    api.export_pdf(files, force=True)
print(json.dumps({"seconds": time.perf_counter() - start}))
