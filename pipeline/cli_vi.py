"""click in Vietnamese: every message click prints, its help's headings and metavars,
untruncated command lists, and the parameter types of our options (dates, periods, years).

click routes its messages through `gettext` (`from gettext import gettext as _` in each of
its modules), which reads .mo files chosen by the user's locale: nothing a clerk's Windows
machine has. `install()` rebinds those modules' `_` and `ngettext` to a lookup in the tables
below, so the clerk sees Vietnamese whatever the locale; a message missing from the tables
stays English (tests/test_cli_vi.py fails on any message of the installed click that is
neither translated nor listed as a programming error). `install()` must run before the
commands are declared: click translates some help texts (--help, --version, the Path type's
name) when the option is built.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sys
from typing import Any

import click

# msgid → Vietnamese. The placeholders are click's own; a translation may leave one out (the
# path messages drop {name}, which click capitalises with str.title(): "Thư Mục").
MESSAGES: dict[str, str] = {
    # help pages
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "In hướng dẫn này rồi thoát.",
    "Show the version and exit.": "In số phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "required": "bắt buộc",
    "default: {default}": "mặc định: {default}",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tính khi chạy)",
    "deprecated": "không còn dùng",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Cảnh báo: lệnh '{name}' không còn dùng.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Cảnh báo: tham số '{name}' không còn dùng.{extra_message}",
    # usage errors
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: {command} {option}",
    "Missing command.": "Thiếu tên lệnh.",
    "No such command {name!r}.": "Không có lệnh '{name}'.",
    "No such option {name!r}.": "Không có tùy chọn '{name}'.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn '{name}' không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số '{name}' nhận {nargs} giá trị.",
    "Invalid start character for option ({option})": "Ký tự đầu của tùy chọn không hợp lệ ({option})",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Aborted!": "Đã dừng.",
    "unknown error": "lỗi không xác định",
    "Could not open file {filename!r}: {message}": "Không mở được tệp '{filename}': {message}",
    # values of the parameter types
    "file": "tệp",
    "directory": "thư_mục",
    "path": "đường_dẫn",
    "{name} {filename!r} does not exist.": "không tìm thấy '{filename}'.",
    "{name} {filename!r} is a file.": "'{filename}' là một tệp, không phải thư mục.",
    "{name} {filename!r} is a directory.": "'{filename}' là một thư mục, không phải tệp.",
    "{name} {filename!r} is not readable.": "không đọc được '{filename}' (không có quyền đọc).",
    "{name} {filename!r} is not writable.": "không ghi được vào '{filename}' (không có quyền ghi).",
    "{name} {filename!r} is not executable.": "không chạy được '{filename}' (không có quyền thực thi).",
    "{value!r} is not a valid {number_type}.": "'{value}' không phải một số.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "'{value}' không phải giá trị có/không; dùng một trong: {states}",
    "{value!r} is not a valid UUID.": "'{value}' không phải UUID.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "Choice({choices})": "Choice({choices})",
    # prompts (no command of ours prompts; kept for completeness)
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Press any key to continue...": "Nhấn phím bất kỳ để tiếp tục…",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận, không hỏi lại.",
    "{editor}: Editing failed": "{editor}: không sửa được",
    "{editor}: Editing failed: {e}": "{editor}: không sửa được: {e}",
    "Windows error: {error}": "Lỗi Windows: {error}",
    "d": " ngày",  # a progress bar's days: "2d 03:04:05"
}

# (singular, plural) → (Vietnamese for one, Vietnamese for several).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("Có phải {possibility}?", "(Có phải một trong: {possibilities}?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Thừa tham số: {args}", "Thừa các tham số: {args}"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("Tùy chọn '{name}' cần một giá trị.", "Tùy chọn '{name}' cần {nargs} giá trị."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Cần {nargs} giá trị nhưng chỉ có 1.", "Cần {nargs} giá trị nhưng có {len}."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("'{value}' không phải {choice}.", "'{value}' không thuộc: {choices}."),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."):
        ("'{value}' không đúng dạng {format}.", "'{value}' không đúng dạng nào trong: {formats}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Cần {len_type} giá trị nhưng có {len_value}.", "Cần {len_type} giá trị nhưng có {len_value}."),
}

# Raised while commands are declared (a programming error in cli.py, never a clerk's), or
# by shell completion, which the tool does not install: these stay English.
UNTRANSLATED = frozenset({
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you "
    "mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
})


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    vi = PLURALS.get((singular, plural))
    if vi is None:
        return singular if n == 1 else plural
    return vi[0] if n == 1 else vi[1]


def click_modules() -> list[Any]:
    """click's modules that translate messages (the Windows console's only on Windows)."""
    names = ["core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils",
             "shell_completion", "_termui_impl"]
    if sys.platform == "win32":
        names.append("_winconsole")
    found = []
    for name in names:
        try:
            found.append(importlib.import_module(f"click.{name}"))
        except ImportError:  # a module another click version does not have
            continue
    return found


def install() -> None:
    """Route click's messages through the tables above (idempotent)."""
    for module in click_modules():
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext


# -- commands and groups: Vietnamese metavars, full short help in the list of commands --------

OPTIONS_METAVAR = "[TÙY_CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [THAM_SỐ]…"
# A metavar from a click type's name ("TEXT", "INTEGER"); Path's name is translated above.
TYPE_METAVARS = {"text": "CHỮ", "integer": "SỐ", "float": "SỐ", "boolean": "CÓ_KHÔNG", "filename": "TỆP"}


def _metavar(param: click.Parameter) -> str | None:
    """A Vietnamese metavar for a parameter declared without one (None: click's own is fine)."""
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return None
    words = param.type.name
    if words not in TYPE_METAVARS and not isinstance(param.type, (click.Path, VietnameseType)):
        return None  # a Choice lists its values; nothing English to replace
    base = TYPE_METAVARS.get(words, words.upper())
    if isinstance(param, click.Argument):
        base = base if param.required else f"[{base}]"
    return base + ("…" if param.nargs != 1 else "")


def name_metavars(params: list[click.Parameter]) -> None:
    for param in params:
        if param.metavar is None:
            param.metavar = _metavar(param)


UNLIMITED = 10_000


class _Vietnamese(click.Command):
    """What a command and a group share: Vietnamese metavars, the whole first sentence in the
    list of commands, and the usage line above every usage error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)
        name_metavars(self.params)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help, whole: the list of commands never cuts it with '...'."""
        return super().get_short_help_str(limit=UNLIMITED)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:  # the option parser's errors ("cần một giá trị") come without the usage line
                exc.ctx = ctx
            raise


class Command(_Vietnamese):
    """A command whose usage line, metavars and messages are Vietnamese."""


class Group(_Vietnamese, click.Group):
    """A group of `Command`s, in Vietnamese like them."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)


# -- the parameter types of our options ----------------------------------------------------------


class VietnameseType(click.ParamType):
    """A type whose metavar is its (Vietnamese) name in capitals."""

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str | None:
        return self.name.upper()


_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
DATE_FORMS = "dd/mm/yyyy (ví dụ 15/9/2025 hoặc 15/09/2025) hoặc yyyy-mm-dd (2025-09-15)"


def parse_date(text: str) -> dt.date | None:
    """dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd; None when the text is none of them. Raises
    ValueError for a day that does not exist (31/02/2025)."""
    text = text.strip()
    if m := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        return None
    return dt.date(year, month, day)


class DateType(VietnameseType):
    name = "ngày"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            day = parse_date(str(value))
        except ValueError:
            self.fail(f"không có ngày {value}; kiểm tra ngày và tháng.", param, ctx)
        if day is None:
            self.fail(f"'{value}' không phải ngày; ghi dạng {DATE_FORMS}.", param, ctx)
        return day


class PeriodType(VietnameseType):
    name = "kỳ"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()
        if text in ("1", "2", "3", "4"):
            return int(text)
        self.fail(f"'{value}' không phải kỳ báo cáo; ghi 1 (quý I), 2 (6 tháng), 3 (quý III) hoặc 4 (năm).",
                  param, ctx)


class YearType(VietnameseType):
    name = "năm"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()
        if re.fullmatch(r"\d{4}", text) and 1900 < int(text) < 2200:
            return int(text)
        self.fail(f"'{value}' không phải năm; ghi bốn chữ số, ví dụ 2025.", param, ctx)


DATE = DateType()
PERIOD = PeriodType()
YEAR = YearType()


__all__ = ["DATE", "PERIOD", "YEAR", "Command", "Group", "gettext", "install", "ngettext"]
