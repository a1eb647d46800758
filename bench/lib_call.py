"""Time and peak memory of the library call that renders and saves the appendix from
an already-read plan. Run in a fresh process by bench/run.py:

    python bench/lib_call.py WORKBOOK.xlsx OUT.docx GROUPS.pickle

Also writes the plan's numbered table to GROUPS.pickle, the floor's input.
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path

from memory import Peak

from pipeline import api
from pipeline.derive.numbering import number_sections
from pipeline.schema import APPENDIX_SHEETS


def main() -> None:
    plan = api.load(Path(sys.argv[1]), APPENDIX_SHEETS).plan
    groups = [(s.roman, s.title, [(str(n.stt), n.task.text, n.task.assignment, n.task.deadline, n.task.product)
                                  for n in s.tasks]) for s in number_sections(plan.tasks)]
    with open(sys.argv[3], "wb") as fh:
        pickle.dump(groups, fh)
    del groups
    peak = Peak()
    start = time.perf_counter()
    api.render_plan(plan, Path(sys.argv[2]), appendix_only=True)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak.stop()}))


if __name__ == "__main__":
    main()
