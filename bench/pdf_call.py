"""Time one LibreOffice PDF export of a .docx: python bench/pdf_call.py FILE.docx"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from pipeline.pdf import to_pdf

start = time.perf_counter()
to_pdf(Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - start}))
