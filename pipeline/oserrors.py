"""What the operating system says when a file cannot be read or written, as a Vietnamese
message naming the path and what to do: a read-only folder, a full disk, a name or path
too long, a file where a folder should be, a file held open by another program."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import CchcError

# Windows' own codes for a file another program holds open.
_WIN_SHARING = {32, 33}


def shown(path: os.PathLike[str] | str | bytes) -> str:
    """A path as text that can always be printed (a non-UTF-8 byte in a file name shows as '?')."""
    return os.fsdecode(path).encode("utf-8", "replace").decode("utf-8")


def message(exc: OSError, path: Path | str, doing: str = "ghi") -> str:
    """`doing` is the verb of what failed: 'ghi', 'đọc', 'tạo thư mục'."""
    where = shown(exc.filename or path) if isinstance(exc.filename, (str, bytes, os.PathLike)) else shown(path)
    code = exc.errno
    if getattr(exc, "winerror", None) in _WIN_SHARING:
        return f"Không {doing} được {where}: tệp đang được chương trình khác mở. Hãy đóng tệp rồi chạy lại."
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"Không {doing} được {where}: thư mục hoặc tệp chỉ cho đọc (không có quyền ghi). Hãy chọn thư mục "
                "khác bằng -o, hoặc xin quyền ghi vào thư mục này.")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (f"Không {doing} được {where}: ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi chạy lại; tệp cũ được "
                "giữ nguyên.")
    if code == errno.ENAMETOOLONG:
        return (f"Không {doing} được {where}: tên tệp hoặc đường dẫn quá dài ({len(str(path))} ký tự). Hãy chọn "
                "tên ngắn hơn hoặc thư mục gần gốc ổ đĩa hơn.")
    if code == errno.ENOTDIR:
        return (f"Không {doing} được {where}: một phần của đường dẫn là tệp, không phải thư mục. Hãy kiểm tra lại "
                "đường dẫn.")
    if code == errno.EISDIR:
        return f"Không {doing} được {where}: đây là một thư mục, không phải tệp."
    if code == errno.ENOENT:
        return f"Không tìm thấy {where}. Hãy kiểm tra lại đường dẫn."
    if code in (errno.EBUSY, getattr(errno, "ETXTBSY", -1)):
        return f"Không {doing} được {where}: tệp đang được dùng. Hãy đóng chương trình đang mở tệp rồi chạy lại."
    reason = exc.strerror or exc.__class__.__name__
    return f"Không {doing} được {where} ({reason}). Hãy kiểm tra ổ đĩa và quyền ghi rồi chạy lại."


@contextlib.contextmanager
def reporting(path: Path | str, doing: str = "ghi") -> Iterator[None]:
    """Any OSError inside becomes a CchcError with `message`."""
    try:
        yield
    except OSError as exc:
        raise CchcError(message(exc, path, doing)) from None
