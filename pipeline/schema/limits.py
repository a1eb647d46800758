"""Bounds on what one input file may cost, whatever it holds."""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Bounds on what one input file may cost, whatever it holds. A 50,000-task workbook with a
# year of entries unpacks to well under 200 MB and a plan's .docx to a few MB; a package that
# unpacks past this is a zip bomb or not a document, and is refused before it is parsed.
MAX_UNPACKED_BYTES = 512 * 2**20  # all members of an .xlsx or .docx together
# One sheet: 50,000 tasks with four periods of entries is 200,000 rows of ten columns.
MAX_SHEET_ROWS = 500_000
MAX_SHEET_CELLS = 12_000_000  # rows × columns up to the last cell: what the reader allocates
# One XML part of a .docx parsed whole (lint, import); a 5,000-task plan's document.xml is ~15 MB.
MAX_PARSED_PART_BYTES = 96 * 2**20
# Problems kept and printed: past this many, a count says how many more there are.
MAX_PROBLEMS = 1000
