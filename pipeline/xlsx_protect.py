"""Sheet settings a workbook edit may add to one sheet part (bytes in, bytes out):
protection without a password, and the column widths of a sheet the edit creates.

Used by `xlsx_edit`; like it, it rewrites only what it adds and copies the rest of the
part as bytes.
"""

from __future__ import annotations

import re

_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData\b[^>]*?(/?)>")
_PROTECTION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheetProtection\b[^>]*>")
_DATA_END = re.compile(rb"</((?:[A-Za-z_][\w.-]*:)?)sheetData>|<((?:[A-Za-z_][\w.-]*:)?)sheetData\b[^>]*/>")
_CALC_PR = re.compile(rb"\s*<(?:[A-Za-z_][\w.-]*:)?sheetCalcPr\b[^>]*/>")
_ON = re.compile(rb'\ssheet="(?:1|true)"')


def protect_sheet(blob: bytes) -> bytes:
    """The sheet locked against typing, as Review › Protect Sheet without a password does:
    anyone can read it, resize its columns and rows, or lift the lock (Unprotect Sheet) on
    purpose, but no stray keystroke changes it. A sheet already protected is left alone."""
    found = _PROTECTION.search(blob)
    if found is not None and _ON.search(found.group(0)):
        return blob
    end = _DATA_END.search(blob)
    if end is None:
        raise ValueError("sheet without sheetData")
    prefix = end.group(1) if end.group(1) is not None else end.group(2)
    tag = b"<" + prefix + b'sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>'
    if found is not None:  # a protection element switched off: switch it on
        return blob[:found.start()] + tag + blob[found.end():]
    at = end.end()
    calc = _CALC_PR.match(blob, at)  # the schema puts sheetCalcPr between sheetData and sheetProtection
    at = calc.end() if calc else at
    return blob[:at] + tag + blob[at:]


def with_widths(blob: bytes, columns: dict[str, int], widths: dict[str, float]) -> bytes:
    """A new sheet's column widths (characters), as <cols> before its sheetData."""
    cols = sorted((columns[k], w) for k, w in widths.items() if k in columns)
    if not cols or re.search(rb"<(?:[\w.-]+:)?cols\b", blob):
        return blob
    xml = "".join(f'<col min="{c + 1}" max="{c + 1}" width="{w:g}" customWidth="1"/>' for c, w in cols)
    at = _SHEET_DATA.search(blob)
    assert at is not None
    prefix = at.group(1).decode()
    xml = xml.replace("<col ", f"<{prefix}col ")
    return blob[:at.start()] + f"<{prefix}cols>{xml}</{prefix}cols>".encode() + blob[at.start():]
