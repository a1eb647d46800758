"""Stage 6 (export): put files on disk without losing anything.

    OutputSet / staged   a command's outputs, checked, staged and replaced together (`outputs`)
    write_atomic         one output, whole or not at all
    update_workbook      the workbook's new content, after a byte-identical backup
    workbook_lock        the cross-process lock every edit of the workbook holds (`locks`)
    ensure_not_open      refuse a file Word, Excel or LibreOffice holds open
    backup               a byte-identical copy in backup/ before a change
    is_issued            whether a .docx carries its số (`issued`)
    reporting / message  an OS error as a Vietnamese message naming the path (pipeline.oserrors)
"""

from __future__ import annotations

from pipeline.export.issued import is_issued, issued_refusal
from pipeline.export.locks import ensure_not_open, lock_files, workbook_lock
from pipeline.export.outputs import (
    OutputSet,
    backup,
    clean_leftovers,
    staged,
    target_of,
    update_workbook,
    write_atomic,
)
from pipeline.oserrors import message, reporting, shown

__all__ = ["OutputSet", "backup", "clean_leftovers", "ensure_not_open", "is_issued", "issued_refusal", "lock_files",
           "message", "reporting", "shown", "staged", "target_of", "update_workbook", "workbook_lock",
           "write_atomic"]
