"""The `cchc` command line: thin click wrappers, one `pipeline.api` call each.

`pipeline.api` imports the heavy libraries (docxtpl, openpyxl, babel …) only inside its
functions, so `cchc --help` stays instant.
Exit codes: 0 success (warnings allowed), 1 invalid input or refused action,
2 wrong usage of the command (click's own), 3 `collect` wrote some forms and refused others.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from pipeline import api, cli_vi
from pipeline.errors import CchcError, Problem, Severity
from pipeline.oserrors import message, shown

cli_vi.install()  # before any option is declared: click translates some help texts as it builds them

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


PRINTED = 200  # of each severity; the rest is a count (a hostile file must not print millions of lines)


def _say(text: str, err: bool = False) -> None:
    """Print a line whatever it holds: a file name with a byte that is no UTF-8 prints as '?'."""
    click.echo(text.encode("utf-8", "replace").decode("utf-8"), err=err)


def _echo_problems(problems: list[Problem], all_warnings: bool = False) -> None:
    """Errors and the command's own warnings in full; the workbook's warnings (which every command
    reading the workbook finds again) in full only when `all_warnings`, else one line."""
    book = [] if all_warnings else [p for p in problems if p.workbook and p.severity is Severity.WARNING]
    rest = [p for p in problems if p not in book] if book else problems
    for severity, title, mark in ((Severity.ERROR, "Lỗi", "✗"), (Severity.WARNING, "Cảnh báo", "!")):
        found = [p for p in rest if p.severity is severity]
        if not found:
            continue
        _say(f"{title} ({len(found)}):", err=True)
        for p in found[:PRINTED]:
            _say(f"  {mark} {p}", err=True)
        if len(found) > PRINTED:
            _say(f"  … và {len(found) - PRINTED} {title.lower()} khác (chỉ in {PRINTED} dòng đầu).", err=True)
    if book:
        _say(_workbook_warnings_line(len(book)), err=True)


def _workbook_warnings_line(count: int) -> str:
    """'Sổ kehoach.xlsx có 3 cảnh báo; xem chi tiết: cchc validate' (with the --data the clerk gave)."""
    ctx = click.get_current_context(silent=True)
    data = Path(ctx.find_root().params.get("data") or api.DEFAULT_DATA) if ctx else api.DEFAULT_DATA
    shown = f'"{data}"' if " " in str(data) else str(data)
    command = "cchc validate" if data == api.DEFAULT_DATA else f"cchc --data {shown} validate"
    return f"Sổ {data.name} có {count} cảnh báo; xem chi tiết: {command}"


class Group(cli_vi.Group):
    """Vietnamese (cli_vi); turns CchcError into a Vietnamese message and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            _say(exc.message, err=True)
            _echo_problems(exc.problems)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu; không tệp nào bị ghi dở.", err=True)
            sys.exit(130)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors (cli_vi words them), --help, a refused prompt
        except OSError as exc:  # the OS refused what no stage foresaw: still the clerk's words
            _say(message(exc, exc.filename if exc.filename is not None else "tệp", "đọc hoặc ghi"), err=True)
            sys.exit(1)
        except MemoryError:
            _say("Không đủ bộ nhớ để làm xong lệnh này; không tệp nào bị ghi dở. Hãy đóng bớt chương trình khác "
                 "rồi chạy lại.", err=True)
            sys.exit(1)
        except Exception as exc:  # a bug: a Vietnamese message and a log for whoever maintains cchc
            if os.environ.get("CCHC_DEBUG"):
                raise
            _say(crash_message(exc, crash_log(exc)), err=True)
            sys.exit(UNEXPECTED)


UNEXPECTED = 4  # exit code of a bug in cchc (README: Mã thoát)


def crash_log(exc: BaseException) -> Path | None:
    """The traceback written to a file in the temporary folder; None if even that fails."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:  # a name of its own: two failing runs in one second keep both logs
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix=f"cchc-loi-{stamp}-", suffix=".txt",
                                         delete=False) as fh:
            fh.write("".join(traceback.format_exception(exc)))
    except OSError:
        return None
    return Path(fh.name)


def crash_message(exc: BaseException, log: Path | None) -> str:
    said = " ".join(str(exc).split())
    said = said if len(said) <= 200 else said[:200] + "…"
    where = (f"Chi tiết kỹ thuật đã ghi vào {shown(log)}; hãy gửi tệp này cho người phụ trách phần mềm."
             if log else "Hãy chép thông báo này gửi cho người phụ trách phần mềm.")
    return (f"Lỗi ngoài dự kiến của chương trình cchc ({type(exc).__name__}: {said}). Không tệp nào bị ghi dở: "
            f"văn bản và sổ chỉ được thay khi đã ghi xong. {where}")


def _configure_streams() -> None:
    # Windows consoles default to a legacy code page; Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure and (stream.encoding or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")


@click.group(cls=Group, context_settings=CONTEXT)
@click.option("--data", "data", type=click.Path(path_type=Path), default=Path("data/kehoach.xlsx"),
              show_default=True, help="Sổ Excel kế hoạch và tiến độ.")
@click.version_option(package_name="cchc", prog_name="cchc", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, data: Path) -> None:
    """Sinh Quyết định, Kế hoạch, Phụ lục và báo cáo cải cách hành chính theo
    Nghị định 30/2020/NĐ-CP từ sổ Excel (mặc định data/kehoach.xlsx)."""
    _configure_streams()
    ctx.obj = {"data": data}


def _finish(result: api.Result, all_warnings: bool = False) -> None:
    """Print any command's result the same way, and exit with its code. The workbook's warnings
    are counted in one line, except by `validate` (`all_warnings`), whose subject they are."""
    _echo_problems(result.problems + result.warnings, all_warnings)
    for line in result.messages:
        _say(line, err=result.exit_code != 0)
    if result.exit_code:
        sys.exit(result.exit_code)


OUTPUT = click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                      help="Tệp .docx cần ghi (mặc định trong output/<năm>/).")
PDF = click.option("--pdf", is_flag=True, help="Xuất thêm PDF cùng tên bên cạnh (cần LibreOffice).")
FORCE = click.option("--force", is_flag=True,
                     help="Ghi lại văn bản đã có số (đã ban hành); bản cũ được lưu vào thư mục backup/.")
STRICT = click.option("--strict", is_flag=True,
                      help="Coi phần chưa có nội dung (chưa ghi trong sổ) là lỗi: không ghi văn bản, mã thoát 1.")


@cli.command(context_settings=CONTEXT)
@OUTPUT
@PDF
@FORCE
@STRICT
@click.pass_obj
def plan(obj: dict, output: Path | None, pdf: bool, force: bool, strict: bool) -> None:
    """Quyết định ban hành Kế hoạch CCHC, kèm Kế hoạch và Phụ lục nhiệm vụ.

    Khi ThongTin đã có Số và Ngày quyết định, lần chạy đầu ghi lại bản đã ban hành vào sheet
    BanHanh; các lần sau in lại Phụ lục đúng như bản đó."""
    _finish(api.build_plan(obj["data"], output, force, pdf, strict=strict))


@cli.command(context_settings=CONTEXT)
@OUTPUT
@PDF
@FORCE
@click.option("--ban-hanh", "ban_hanh", is_flag=True,
              help="In Phụ lục đúng như bản đã ban hành (sheet BanHanh), không theo sheet NhiemVu hiện tại.")
@click.pass_obj
def appendix(obj: dict, output: Path | None, pdf: bool, force: bool, ban_hanh: bool) -> None:
    """Chỉ Phụ lục nhiệm vụ của Kế hoạch hiện hành (trước khi ban hành: đánh số lại theo sổ
    Excel; sau khi ban hành: giữ số đã ban hành; nhiệm vụ ghi 'Bãi bỏ' không in)."""
    _finish(api.build_appendix(obj["data"], output, force, pdf, ban_hanh=ban_hanh))


# Issue 12: the Quyết định sửa đổi, bổ sung Kế hoạch.
@cli.command(context_settings=CONTEXT)
@OUTPUT
@PDF
@FORCE
@click.pass_obj
def amend(obj: dict, output: Path | None, pdf: bool, force: bool) -> None:
    """Quyết định sửa đổi, bổ sung Kế hoạch (lần 1, 2 …) kèm Phụ lục các nhiệm vụ bổ sung,
    điều chỉnh, bãi bỏ so với bản đã ban hành gần nhất (mặc định
    output/<năm>/QD_SuaDoi_KeHoach_<năm>_lan<N>.docx).

    Lần đầu chạy: văn bản dự thảo, sheet SuaDoi có thêm dòng Lần N. Sau khi ký, ghi Số và
    Ngày quyết định vào dòng đó rồi chạy lại: văn bản có số, bản sửa đổi được ghi nhận vào
    sheet BanHanh và trở thành bản gốc cho lần sửa đổi sau."""
    _finish(api.build_amend(obj["data"], output, force, pdf))


PERIOD = cli_vi.PERIOD


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD, required=True,
              help="Kỳ báo cáo: 1 = quý I, 2 = 6 tháng, 3 = quý III (9 tháng), 4 = năm.")
@click.option("--nam", type=cli_vi.YEAR, help="Năm báo cáo (kiểm tra khớp với năm của sổ).")
@OUTPUT
@PDF
@FORCE
@STRICT
@click.pass_obj
def report(obj: dict, quy: int, nam: int | None, output: Path | None, pdf: bool, force: bool,
           strict: bool) -> None:
    """Báo cáo kết quả CCHC định kỳ gửi Sở Nội vụ, kèm bảng số liệu .xlsx."""
    _finish(api.build_report(obj["data"], quy, nam, output, force, pdf, strict=strict))


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD, help="Kỳ báo cáo cần đôn đốc (1–4).")
@click.option("--ke-hoach", "ke_hoach", is_flag=True,
              help="Đôn đốc các chi cục, đơn vị sự nghiệp chưa gửi Kế hoạch CCHC của đơn vị (thay cho --quy).")
@OUTPUT
@PDF
@FORCE
@click.pass_obj
def remind(obj: dict, quy: int | None, ke_hoach: bool, output: Path | None, pdf: bool, force: bool) -> None:
    """Công văn đôn đốc các đơn vị chưa gửi báo cáo kỳ này (--quy), hoặc chưa gửi Kế hoạch CCHC của đơn vị
    (--ke-hoach)."""
    if (quy is None) == (not ke_hoach):
        raise click.UsageError("Ghi một trong hai: --quy KỲ (đôn đốc báo cáo) hoặc --ke-hoach (đôn đốc Kế hoạch của "
                               "đơn vị).")
    if ke_hoach:
        _finish(api.build_remind_plans(obj["data"], output, force, pdf))
    else:
        _finish(api.build_remind(obj["data"], quy or 0, output, force, pdf))


@cli.command(context_settings=CONTEXT)
@click.option("--today", type=cli_vi.DATE, help="Ngày tính hạn, dạng dd/mm/yyyy (mặc định: hôm nay).")
@click.pass_obj
def calendar(obj: dict, today: dt.date | None) -> None:
    """Lịch báo cáo trong năm (sheet KyBaoCao) và việc đến hạn tiếp theo."""
    _finish(api.calendar(obj["data"], today))


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD,
              help="Kỳ báo cáo (1–4; mặc định: kỳ của ngày tính, hoặc kỳ kế tiếp đến hạn).")
@click.option("--today", type=cli_vi.DATE, help="Ngày tính, dạng dd/mm/yyyy (mặc định: hôm nay).")
@click.pass_obj
def status(obj: dict, quy: int | None, today: dt.date | None) -> None:
    """Tình hình kỳ báo cáo: đơn vị đã gửi phiếu, gửi trễ, chưa gửi, nhiệm vụ quá hạn; hạn sắp tới và
    việc cần làm."""
    _finish(api.status(obj["data"], quy, today))


@cli.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--template", "template_mode", is_flag=True,
              help="Kiểm tra mẫu (.docx có thẻ {{ }}): liệt kê biến mà chương trình không cung cấp.")
@click.pass_obj
def lint(obj: dict, files: tuple[Path, ...], template_mode: bool) -> None:
    """Kiểm tra văn bản .docx theo thể thức Nghị định 30 (hoặc kiểm tra biến của mẫu)."""
    _finish(api.lint(list(files), template_mode, obj["data"]))


@cli.command("pdf", context_settings=CONTEXT)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--quy", "-q", type=PERIOD,
              help="Thay cho tên tệp: sinh lại Quyết định + Kế hoạch và báo cáo kỳ này (văn bản đã ban hành giữ "
                   "nguyên) rồi xuất PDF của cả hai (make pdf).")
@click.option("--force", is_flag=True,
              help="Xuất lại cả PDF của văn bản đã có số (đã ban hành); bản cũ được lưu vào thư mục backup/.")
@click.pass_obj
def pdf(obj: dict, files: tuple[Path, ...], quy: int | None, force: bool) -> None:
    """Xuất PDF cùng tên bên cạnh các văn bản .docx đã có (cả văn bản đã ban hành; tệp .docx không bị
    thay đổi), một lần chạy LibreOffice cho tất cả."""
    if bool(files) == (quy is not None):
        raise click.UsageError("Ghi tên các tệp .docx cần xuất PDF, hoặc --quy KỲ (Kế hoạch và báo cáo kỳ đó).")
    if quy is not None:
        _finish(api.export_period_pdf(obj["data"], quy, force))
    else:
        _finish(api.export_pdf(list(files), force))


@cli.command("import", context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Sổ Excel cần ghi (mặc định data/kehoach_<năm>.xlsx).")
@click.option("--nam", type=cli_vi.YEAR, help="Chuyển kế hoạch sang năm này (dời năm trong thời hạn, xóa số/ngày).")
@click.option("--force", is_flag=True, help="Ghi đè sổ đã có.")
def import_(source: Path, output: Path | None, nam: int | None, force: bool) -> None:
    """Nhập bảng nhiệm vụ từ Kế hoạch cũ (.docx) thành sổ Excel theo mẫu của chương trình."""
    _finish(api.import_plan(source, output, year=nam, force=force))


@cli.command(context_settings=CONTEXT)
@click.pass_obj
def validate(obj: dict) -> None:
    """Kiểm tra toàn bộ sổ Excel và liệt kê mọi lỗi, cảnh báo (tệp › sheet › ô)."""
    _finish(api.check_workbook(obj["data"]), all_warnings=True)


DANH_GIA = click.option("--danh-gia", "danh_gia", is_flag=True,
                        help="Phiếu tự đánh giá, chấm điểm cuối năm (sheet TieuChi) thay cho phiếu báo cáo tiến độ.")


def _period_or_assessment(quy: int | None, danh_gia: bool) -> None:
    if quy is None and not danh_gia:
        raise click.UsageError("Ghi --quy (kỳ báo cáo) hoặc --danh-gia (phiếu tự đánh giá cuối năm).")
    if quy is not None and danh_gia:
        raise click.UsageError("Phiếu tự đánh giá (--danh-gia) không theo kỳ: bỏ --quy.")


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD,
              help="Kỳ báo cáo: 1 = quý I, 2 = 6 tháng, 3 = quý III (9 tháng), 4 = năm.")
@DANH_GIA
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="Thư mục ghi phiếu (mặc định output/<năm>/phieu/Q<kỳ>/, hoặc …/phieu/danh_gia/).")
@click.pass_obj
def forms(obj: dict, quy: int | None, danh_gia: bool, output: Path | None) -> None:
    """Lập phiếu báo cáo tiến độ cho từng đơn vị (mỗi đơn vị một tệp .xlsx để điền và gửi lại);
    với --danh-gia: phiếu tự đánh giá, chấm điểm kết quả CCHC cả năm."""
    _period_or_assessment(quy, danh_gia)
    if danh_gia:
        _finish(api.build_assessment_forms(obj["data"], output))
    else:
        _finish(api.build_forms(obj["data"], quy or 0, output))


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD,
              help="Kỳ báo cáo của các phiếu: 1 = quý I, 2 = 6 tháng, 3 = quý III (9 tháng), 4 = năm.")
@DANH_GIA
@click.option("--undo", is_flag=True, help="Hoàn tác lần nhập phiếu gần nhất: khôi phục sổ từ bản sao lưu của lần đó.")
@click.option("--yes", "-y", "yes", is_flag=True, help="Với --undo: không hỏi lại trước khi khôi phục.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[THƯ_MỤC_HOẶC_TỆP…]")
@click.pass_obj
def collect(obj: dict, quy: int | None, danh_gia: bool, undo: bool, yes: bool, paths: tuple[Path, ...]) -> None:
    """Nhập các phiếu đơn vị gửi lại (tệp hoặc thư mục; mặc định thư mục
    output/<năm>/phieu/Q<kỳ>/nhan/) vào sheet TienDo của sổ Excel (với --danh-gia:
    phiếu tự đánh giá, vào sheet DiemDanhGia).

    Phiếu có ngày báo cáo mới hơn thay số liệu cũ của đơn vị trong kỳ; phiếu có lỗi bị từ
    chối cả phiếu; sổ được sao lưu vào backup/ trước khi ghi, và không ghi gì nếu không có
    gì thay đổi. Mã thoát 0: đã nhập hết; 1: không ghi gì; 3: đã ghi, có phiếu bị từ chối."""
    if undo:
        _undo(obj["data"], quy, danh_gia, paths, yes)
        return
    _period_or_assessment(quy, danh_gia)
    if danh_gia:
        if not paths:
            raise click.UsageError("Ghi tệp hoặc thư mục chứa phiếu tự đánh giá cần nhập.")
        _finish(api.collect_assessments(obj["data"], list(paths)))
    else:
        _finish(api.collect(obj["data"], quy or 0, list(paths)))


def _undo(data: Path, quy: int | None, danh_gia: bool, paths: tuple[Path, ...], yes: bool) -> None:
    """`collect --undo`: say what would be restored, ask (unless --yes), then restore."""
    if quy is not None or danh_gia or paths:
        raise click.UsageError("--undo hoàn tác lần nhập gần nhất, không kèm --quy, --danh-gia hay tệp phiếu.")
    shown = api.undo_collect(data, dry_run=True)
    for line in shown.messages:
        _say(line)
    if not yes and not click.confirm("Khôi phục sổ như trên?", default=False):
        _say("Chưa hoàn tác gì; sổ giữ nguyên.")
        return
    done = api.undo_collect(data, expect=shown.detail)
    done.messages = done.messages[len(shown.messages):]  # what it restores was said above
    _finish(done)


# -- the year-end evaluation (issue 13) ------------------------------------------------------

TODAY = click.option("--today", type=cli_vi.DATE,
                     help="Ngày đánh giá, dạng dd/mm/yyyy: các kỳ báo cáo có hạn đến ngày này được tính (mặc "
                          "định: hôm nay).")
FOLDER = click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
                      help="Thư mục ghi văn bản (mặc định output/<năm>/danh_gia/).")


@cli.command(context_settings=CONTEXT)
@click.option("--nam", type=cli_vi.YEAR, help="Năm đánh giá (kiểm tra khớp với năm của sổ).")
@FOLDER
@FORCE
@TODAY
@click.pass_obj
def evaluate(obj: dict, nam: int | None, output: Path | None, force: bool, today: dt.date | None) -> None:
    """Đánh giá, xếp loại kết quả CCHC của các đơn vị: Báo cáo kết quả, Quyết định công bố kèm
    Phụ lục xếp hạng, và bảng điểm .xlsx (sheet TieuChi, XepLoai, DiemDanhGia)."""
    _finish(api.evaluate(obj["data"], nam, output, force, today=today))


@cli.command("self-assess", context_settings=CONTEXT)
@click.option("--nam", type=cli_vi.YEAR, help="Năm đánh giá (kiểm tra khớp với năm của sổ).")
@FOLDER
@FORCE
@TODAY
@click.pass_obj
def self_assess(obj: dict, nam: int | None, output: Path | None, force: bool, today: dt.date | None) -> None:
    """Báo cáo tự đánh giá, chấm điểm chỉ số CCHC của Sở (sheet TuDanhGia), kèm Danh mục tài
    liệu kiểm chứng và bảng điểm .xlsx."""
    _finish(api.self_assess(obj["data"], nam, output, force, today=today))


# -- starting the year (issue 11) ------------------------------------------------------------


@cli.command("new-year", context_settings=CONTEXT)
@click.option("--nam", type=cli_vi.YEAR, help="Năm của sổ mới (mặc định: năm kế hoạch của sổ hiện tại + 1).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Sổ Excel cần ghi (mặc định kehoach_<năm>.xlsx cạnh sổ hiện tại).")
@click.option("--force", is_flag=True, help="Ghi đè sổ đã có (sổ cũ được lưu vào thư mục backup/).")
@click.pass_obj
def new_year(obj: dict, nam: int | None, output: Path | None, force: bool) -> None:
    """Lập sổ nháp cho năm sau từ sổ năm nay: giữ đơn vị, nhiệm vụ, nội dung, chỉ tiêu; dời thời hạn sang năm
    mới; đánh dấu nhiệm vụ chưa hoàn thành; để trống tiến độ, nhận xét."""
    _finish(api.new_year(obj["data"], output, nam, force))


@cli.command("unit-plans", context_settings=CONTEXT)
@click.option("--don-vi", "don_vi", metavar="MÃ_ĐƠN_VỊ", help="Chỉ lập cho một đơn vị (mã hoặc tên trong sheet DonVi).")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="Thư mục ghi (mặc định output/<năm>/KeHoach_DonVi/).")
@FORCE
@click.pass_obj
def unit_plans(obj: dict, don_vi: str | None, output: Path | None, force: bool) -> None:
    """Dự thảo Kế hoạch CCHC của từng chi cục, đơn vị sự nghiệp từ Kế hoạch của Sở (mỗi đơn vị một tệp .docx)."""
    _finish(api.build_unit_plans(obj["data"], don_vi, output, force))


def main() -> None:
    cli(prog_name="cchc")


if __name__ == "__main__":
    main()
