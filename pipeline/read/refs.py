"""Cell references: 0-based indices ↔ Excel's "AB12"."""

from __future__ import annotations

import re

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """Excel letters → 0-based column index (A → 0)."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col - 1


def cell_ref(row0: int, col0: int) -> str:
    return f"{col_letter(col0)}{row0 + 1}"


def ref_to_index(ref: str) -> tuple[int, int] | None:
    """'B12' → (11, 1); None for anything else."""
    m = _REF.fullmatch(ref or "")
    return (int(m[2]) - 1, col_index(m[1])) if m else None
