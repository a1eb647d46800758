"""The command line speaks Vietnamese: every message of the installed click is translated
(or is a programming error no clerk can meet), every usage error our commands can hit
reads exactly as written here, the help pages have no English and no '...', date options
take dd/mm/yyyy, and the workbook's warnings are listed by `validate` only."""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import BUNDLED, edit_sheet

from pipeline import api, cli_vi
from pipeline.cli import cli

CLICK_DIR = Path(click.__file__).parent


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="cchc")


def click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every literal message of the installed click: _("…") and ngettext("…", "…", n)."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in CLICK_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            literal = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "_" and literal:
                singles.add(literal[0])
            elif node.func.id == "ngettext" and len(literal) == 2:
                plurals.add((literal[0], literal[1]))
    return singles, plurals


def test_every_message_of_click_is_translated_or_a_programming_error():
    singles, plurals = click_messages()
    assert len(singles) > 40 and len(plurals) > 5  # the scan found click's messages
    assert sorted(singles - set(cli_vi.MESSAGES) - cli_vi.UNTRANSLATED) == []
    assert sorted(plurals - set(cli_vi.PLURALS)) == []
    # _(extra["required"]) is the one message click translates through a variable
    assert cli_vi.gettext("required") == "bắt buộc"


def test_every_click_module_that_translates_is_routed_through_the_tables():
    for path in CLICK_DIR.glob("*.py"):
        if "from gettext import" not in path.read_text(encoding="utf-8"):
            continue
        if path.stem == "_winconsole" and sys.platform != "win32":
            continue
        module = importlib.import_module(f"click.{path.stem}")
        assert module._ is cli_vi.gettext, path.name
        if hasattr(module, "ngettext"):
            assert module.ngettext is cli_vi.ngettext, path.name


def usage(command: str = "") -> str:
    if command:
        return f"Cách dùng: cchc {command} [TÙY_CHỌN]\nXem hướng dẫn: cchc {command} --help\n\n"
    return "Cách dùng: cchc [TÙY_CHỌN] LỆNH [THAM_SỐ]…\nXem hướng dẫn: cchc --help\n\n"


PERIOD_WORDS = "ghi 1 (quý I), 2 (6 tháng), 3 (quý III) hoặc 4 (năm)."
DATE_WORDS = "ghi dạng dd/mm/yyyy (ví dụ 15/9/2025 hoặc 15/09/2025) hoặc yyyy-mm-dd (2025-09-15)."

ERRORS = [
    (("report",), usage("report") + "Lỗi: Thiếu tùy chọn '--quy' / '-q'.\n"),
    (("repot",), usage() + "Lỗi: Không có lệnh 'repot'. Có phải 'report'?\n"),
    (("bao-cao",), usage() + "Lỗi: Không có lệnh 'bao-cao'.\n"),
    (("report", "--quyy", "3"), usage("report") + "Lỗi: Không có tùy chọn '--quyy'. Có phải '--quy'?\n"),
    (("report", "--quy", "5"), usage("report") + f"Lỗi: Giá trị không hợp lệ cho '--quy' / '-q': '5' không phải kỳ "
                                                 f"báo cáo; {PERIOD_WORDS}\n"),
    (("forms", "-q", "III"), usage("forms") + f"Lỗi: Giá trị không hợp lệ cho '--quy' / '-q': 'III' không phải kỳ "
                                              f"báo cáo; {PERIOD_WORDS}\n"),
    (("report", "--quy", "3", "--nam", "hai"),
     usage("report") + "Lỗi: Giá trị không hợp lệ cho '--nam': 'hai' không phải năm; ghi bốn chữ số, ví dụ 2025.\n"),
    (("calendar", "--today", "2024/13/01"),
     usage("calendar") + f"Lỗi: Giá trị không hợp lệ cho '--today': '2024/13/01' không phải ngày; {DATE_WORDS}\n"),
    (("evaluate", "--today", "31/02/2024"),
     usage("evaluate") + "Lỗi: Giá trị không hợp lệ cho '--today': không có ngày 31/02/2024; kiểm tra ngày và "
                         "tháng.\n"),
    (("status", "--today", "mai"),
     usage("status") + f"Lỗi: Giá trị không hợp lệ cho '--today': 'mai' không phải ngày; {DATE_WORDS}\n"),
    (("validate", "thừa"), usage("validate") + "Lỗi: Thừa tham số: thừa\n"),
    (("validate", "a", "b"), usage("validate") + "Lỗi: Thừa các tham số: a b\n"),
    (("report", "--quy"), usage("report") + "Lỗi: Tùy chọn '--quy' cần một giá trị.\n"),
    (("plan", "--pdf=có"), usage("plan") + "Lỗi: Tùy chọn '--pdf' không nhận giá trị.\n"),
    (("--data",), usage() + "Lỗi: Tùy chọn '--data' cần một giá trị.\n"),
    (("--data", "so.xlsx"), usage() + "Lỗi: Thiếu tên lệnh.\n"),
    # collect --quy N alone reads output/<năm>/phieu/Q<N>/nhan/; the self-assessment forms must be named
    (("collect", "--danh-gia"), "Cách dùng: cchc collect [TÙY_CHỌN] [THƯ_MỤC_HOẶC_TỆP…]\nXem hướng dẫn: cchc "
                                "collect --help\n\nLỗi: Ghi tệp hoặc thư mục chứa phiếu tự đánh giá cần nhập.\n"),
    (("lint",), "Cách dùng: cchc lint [TÙY_CHỌN] TỆP…\nXem hướng dẫn: cchc lint --help\n\nLỗi: Thiếu tham số "
                "'TỆP…'.\n"),
    (("import",), "Cách dùng: cchc import [TÙY_CHỌN] TỆP\nXem hướng dẫn: cchc import --help\n\nLỗi: Thiếu tham số "
                  "'TỆP'.\n"),
    (("remind",), usage("remind") + "Lỗi: Ghi một trong hai: --quy KỲ (đôn đốc báo cáo) hoặc --ke-hoach (đôn đốc "
                                    "Kế hoạch của đơn vị).\n"),
    (("forms", "--quy", "3", "--danh-gia"), usage("forms") + "Lỗi: Phiếu tự đánh giá (--danh-gia) không theo kỳ: bỏ "
                                                             "--quy.\n"),
]


@pytest.mark.parametrize(("args", "expected"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_usage_errors_read_in_vietnamese(args: tuple[str, ...], expected: str):
    result = run(*args)
    assert result.exit_code == 2
    assert result.output == expected


def test_a_folder_given_for_a_file(tmp_path: Path):
    result = run("lint", str(tmp_path))
    assert result.exit_code == 2
    assert result.output == (f"Cách dùng: cchc lint [TÙY_CHỌN] TỆP…\nXem hướng dẫn: cchc lint --help\n\nLỗi: Giá trị "
                             f"không hợp lệ cho 'TỆP…': '{tmp_path}' là một thư mục, không phải tệp.\n")
    out = run("--data", str(BUNDLED), "forms", "--quy", "3", "-o", str(BUNDLED))
    assert out.exit_code == 2
    assert out.output.endswith(f"Lỗi: Giá trị không hợp lệ cho '-o' / '--output': '{BUNDLED}' là một tệp, không "
                               "phải thư mục.\n")


def test_no_command_prints_the_help():
    result = run()
    assert result.output.startswith("Cách dùng: cchc [TÙY_CHỌN] LỆNH [THAM_SỐ]…\n")
    assert "Lệnh:\n" in result.output


# -- help pages ---------------------------------------------------------------------------

ENGLISH = re.compile(r"Usage|Options|Commands|Show this|Show the|required|default:|Error|Try '|\.\.\.|<=x|"
                     r"\b(?:TEXT|INTEGER|PATH|FILE|DIRECTORY|OPTIONS|COMMAND|ARGS|DATETIME|FILES|PATHS|SOURCE)\b")


def _list_entries(text: str) -> dict[str, str]:
    """The 'Lệnh:' section of the top-level help: command → its description, wrapped lines joined."""
    section = text.split("\nLệnh:\n", 1)[1]
    entries: dict[str, str] = {}
    name = ""
    for line in section.splitlines():
        m = re.match(r"  (\S+)\s+(.*)", line)
        if m and not line.startswith("   "):
            name = m.group(1)
            entries[name] = m.group(2).strip()
        elif name and line.strip():
            entries[name] += " " + line.strip()
    return entries


def test_top_level_help_lists_each_command_with_its_whole_first_sentence():
    result = run("--help")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith("Cách dùng: cchc [TÙY_CHỌN] LỆNH [THAM_SỐ]…\n")
    assert "\nTùy chọn:\n" in text and "\nLệnh:\n" in text
    assert "-h, --help        In hướng dẫn này rồi thoát." in text
    assert "--version         In số phiên bản rồi thoát." in text
    assert "--data ĐƯỜNG_DẪN  Sổ Excel kế hoạch và tiến độ.  [mặc định:" in text
    assert not ENGLISH.search(text), ENGLISH.search(text)
    entries = _list_entries(text)
    assert sorted(entries) == sorted(cli.commands)
    for name, command in cli.commands.items():
        paragraph = " ".join((command.help or "").split("\n\n")[0].split())
        entry = entries[name]
        assert paragraph.startswith(entry) and entry.endswith("."), name  # whole, up to its first full stop
    assert entries["status"] == ("Tình hình kỳ báo cáo: đơn vị đã gửi phiếu, gửi trễ, chưa gửi, nhiệm vụ quá hạn; hạn "
                                 "sắp tới và việc cần làm.")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_each_command_help_is_vietnamese(name: str):
    result = run(name, "--help")
    assert result.exit_code == 0
    text = result.output
    assert text.startswith(f"Cách dùng: cchc {name} [TÙY_CHỌN]")
    assert "\nTùy chọn:\n" in text and "In hướng dẫn này rồi thoát." in text
    assert not ENGLISH.search(text), ENGLISH.search(text)
    for param in cli.commands[name].params:  # every value an option takes is named in Vietnamese
        if isinstance(param, click.Option) and not param.is_flag:
            assert param.metavar and not re.search(r"[a-z]", param.metavar), (name, param.name)


def test_a_required_period_shows_as_required():
    text = " ".join(run("report", "--help").output.split())
    assert "-q, --quy KỲ Kỳ báo cáo: 1 = quý I, 2 = 6 tháng, 3 = quý III (9 tháng), 4 = năm. [bắt buộc]" in text


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["12/9/2024", "12/09/2024", "2024-09-12", " 12/9/2024 "])
def test_date_options_take_three_forms(typed: str):
    result = run("--data", str(BUNDLED), "calendar", "--today", typed)
    assert result.exit_code == 0, result.output
    assert "Hôm nay 12/9/2024. Việc đến hạn tiếp theo: chốt số liệu quý III, ngày 14/9/2024 (còn 2 ngày)." \
        in result.output


def test_single_digit_day_and_month():
    import datetime as dt

    assert cli_vi.parse_date("1/2/2025") == dt.date(2025, 2, 1)
    assert cli_vi.parse_date("2025-2-1") == dt.date(2025, 2, 1)
    assert cli_vi.parse_date("1.2.2025") is None
    with pytest.raises(ValueError):
        cli_vi.parse_date("29/02/2025")


# -- the workbook's warnings: listed by validate, counted by every other command -----------------

NV29 = "kehoach.xlsx › NhiemVu › G30: Thời gian 'Trong năm 2023' của nhiệm vụ NV29 ghi năm 2023"


def test_other_commands_count_the_workbooks_warnings_and_point_to_validate(workbook: Path, tmp_path: Path):
    checked = api.check_workbook(workbook)
    assert len(checked.warnings) == 1 and str(checked.warnings[0]).startswith(NV29)
    full = run("--data", str(workbook), "validate")
    assert full.exit_code == 0
    assert f"Cảnh báo (1):\n  ! {NV29}" in full.output and "xem chi tiết" not in full.output

    report = run("--data", str(workbook), "report", "--quy", "3", "-o", str(tmp_path / "bc.docx"))
    assert report.exit_code == 0, report.output
    assert NV29 not in report.output
    assert f"Sổ kehoach.xlsx có 1 cảnh báo; xem chi tiết: cchc --data {workbook} validate\n" in report.output
    # the report's own gaps are still listed in full
    assert "Cảnh báo (1):\n  ! kehoach.xlsx › KyBaoCao › F4: Chưa ghi hạn gửi Sở Nội vụ cho kỳ quý III năm 2024" \
        in report.output
    result = api.build_report(workbook, 3, output=tmp_path / "bc2.docx")
    assert [w.message for w in result.workbook_warnings] == [w.message for w in checked.warnings]
    assert [w.cell for w in result.own_warnings] == ["F4"]


def test_the_default_workbook_is_pointed_to_without_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "data").mkdir()
    shutil.copy(BUNDLED, tmp_path / "data" / "kehoach.xlsx")
    monkeypatch.chdir(tmp_path)
    result = run("calendar", "--today", "01/3/2024")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Sổ kehoach.xlsx có 1 cảnh báo; xem chi tiết: cchc validate\n")
    assert NV29 not in result.output


def test_a_refused_workbook_lists_its_errors_and_counts_its_warnings(workbook: Path):
    def progress(ws):
        ws["E5"].value = 150  # an error
        ws["D20"].value, ws["E20"].value = "Đã hoàn thành", 80  # a warning

    edit_sheet(workbook, "TienDo", progress)
    result = run("--data", str(workbook), "remind", "--quy", "3")
    assert result.exit_code == 1
    assert "Lỗi (1):\n  ✗ kehoach.xlsx › TienDo › E5:" in result.output
    assert "Trạng thái đã hoàn thành nhưng tỷ lệ chỉ 80%" not in result.output
    assert f"\nSổ kehoach.xlsx có 2 cảnh báo; xem chi tiết: cchc --data {workbook} validate\n" in result.output
    assert "Trạng thái đã hoàn thành nhưng tỷ lệ chỉ 80%" in run("--data", str(workbook), "validate").output


# -- what no stage foresaw: a bug, the OS, memory -----------------------------------------------


def test_a_bug_is_a_vietnamese_message_with_its_log_and_exit_code_4(monkeypatch, tmp_path):
    """Fault injection: the report stage fails as a bug would. The clerk sees no traceback, a
    message saying nothing was half-written, and where the details are; nothing is written."""
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))

    def broken(*args, **kwargs):
        raise KeyError("bc.bang_tinh_trang")

    monkeypatch.setattr(api, "build_report", broken)
    out = tmp_path / "bc.docx"
    result = run("--data", str(BUNDLED), "report", "--quy", "3", "-o", str(out))
    assert result.exit_code == 4 and not out.exists()
    assert "Traceback" not in result.output
    logs = list(tmp_path.glob("cchc-loi-*.txt"))
    assert len(logs) == 1 and "KeyError: 'bc.bang_tinh_trang'" in logs[0].read_text(encoding="utf-8")
    assert result.output.strip() == (
        "Lỗi ngoài dự kiến của chương trình cchc (KeyError: 'bc.bang_tinh_trang'). Không tệp nào bị ghi dở: văn bản "
        f"và sổ chỉ được thay khi đã ghi xong. Chi tiết kỹ thuật đã ghi vào {logs[0]}; hãy gửi tệp này cho người phụ "
        "trách phần mềm.")


def test_an_os_refusal_no_stage_caught_names_the_file(monkeypatch, tmp_path):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "mau.docx"))

    monkeypatch.setattr(api, "build_plan", refused)
    result = run("--data", str(BUNDLED), "plan", "-o", str(tmp_path / "qd.docx"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"Không đọc hoặc ghi được {tmp_path / 'mau.docx'}: thư mục hoặc tệp chỉ cho đọc")


def test_cchc_debug_lets_a_developer_see_the_traceback(monkeypatch):
    monkeypatch.setenv("CCHC_DEBUG", "1")
    monkeypatch.setattr(api, "calendar", lambda *a, **k: {}["x"])
    result = run("--data", str(BUNDLED), "calendar")
    assert isinstance(result.exception, KeyError)
