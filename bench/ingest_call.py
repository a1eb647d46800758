"""Time of reading a workbook in a fresh process, either python-calamine's raw read of the
sheets (the floor) or the pipeline's read → validate → model of the same sheets. Run by
bench/run.py:

    python bench/ingest_call.py raw|pipeline WORKBOOK.xlsx appendix|report

Prints one JSON line: {"seconds": …}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

from pipeline import read, validate
from pipeline.schema import APPENDIX_SHEETS, REPORT_SHEETS


def main() -> None:
    mode, path, which = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    sheets = APPENDIX_SHEETS if which == "appendix" else REPORT_SHEETS
    start = time.perf_counter()
    if mode == "raw":
        book = CalamineWorkbook.from_path(str(path))
        for name in sheets:
            if name in book.sheet_names:  # BanHanh, SuaDoi … are optional, as for the pipeline
                book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    else:
        checked = validate.workbook(read.read_workbook(path, sheets))
        assert not checked.errors, checked.errors[:3]
    print(json.dumps({"seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
