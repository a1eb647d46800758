"""The `cchc` command line: thin click wrappers over `pipeline.api`.

Heavy libraries are imported inside the commands so `cchc --help` stays instant.
Exit codes: 0 success (warnings allowed), 1 invalid input or refused action,
2 wrong usage of the command (click's own).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from pipeline.errors import CchcError, Problem, Severity

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _echo_problems(problems: list[Problem]) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    if errors:
        click.echo(f"Lỗi ({len(errors)}):", err=True)
        for p in errors:
            click.echo(f"  ✗ {p}", err=True)
    if warnings:
        click.echo(f"Cảnh báo ({len(warnings)}):", err=True)
        for p in warnings:
            click.echo(f"  ! {p}", err=True)


class Group(click.Group):
    """Turns CchcError into a Vietnamese message and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except CchcError as exc:
            click.echo(exc.message, err=True)
            _echo_problems(exc.problems)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Đã dừng theo yêu cầu; không tệp nào bị ghi dở.", err=True)
            sys.exit(130)


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


def _done(written, pdf: bool = False) -> None:
    from pipeline import api

    if written.warnings:
        _echo_problems(written.warnings)
    click.echo(f"Đã ghi: {written.path}")
    if pdf:
        api.with_pdf(written)
        click.echo(f"Đã ghi: {written.pdf}")


OUTPUT = click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                      help="Tệp .docx cần ghi (mặc định trong output/<năm>/).")
PDF = click.option("--pdf", is_flag=True, help="Xuất thêm PDF cùng tên bên cạnh (cần LibreOffice).")
FORCE = click.option("--force", is_flag=True,
                     help="Ghi lại văn bản đã có số (đã ban hành); bản cũ được lưu vào thư mục backup/.")


@cli.command(context_settings=CONTEXT)
@OUTPUT
@PDF
@FORCE
@click.pass_obj
def plan(obj: dict, output: Path | None, pdf: bool, force: bool) -> None:
    """Quyết định ban hành Kế hoạch CCHC, kèm Kế hoạch và Phụ lục nhiệm vụ."""
    from pipeline import api

    _done(api.build_plan(obj["data"], output, force), pdf)


@cli.command(context_settings=CONTEXT)
@OUTPUT
@PDF
@FORCE
@click.pass_obj
def appendix(obj: dict, output: Path | None, pdf: bool, force: bool) -> None:
    """Chỉ Phụ lục nhiệm vụ của Kế hoạch (đánh số lại theo sổ Excel hiện tại)."""
    from pipeline import api

    _done(api.build_appendix(obj["data"], output, force), pdf)


PERIOD = click.IntRange(1, 4)


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD, required=True,
              help="Kỳ báo cáo: 1 = quý I, 2 = 6 tháng, 3 = quý III (9 tháng), 4 = năm.")
@click.option("--nam", type=int, help="Năm báo cáo (kiểm tra khớp với năm của sổ).")
@OUTPUT
@PDF
@FORCE
@click.pass_obj
def report(obj: dict, quy: int, nam: int | None, output: Path | None, pdf: bool, force: bool) -> None:
    """Báo cáo kết quả CCHC định kỳ gửi Sở Nội vụ, kèm bảng số liệu .xlsx."""
    from pipeline import api

    written = api.build_report(obj["data"], quy, nam, output, force)
    _done(written, pdf)
    click.echo(f"Đã ghi: {written.figures}")


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD, required=True, help="Kỳ báo cáo cần đôn đốc (1–4).")
@OUTPUT
@click.pass_obj
def remind(obj: dict, quy: int, output: Path | None) -> None:
    """Công văn đôn đốc các đơn vị chưa gửi báo cáo kỳ này."""
    from pipeline import api

    _done(api.build_remind(obj["data"], quy, output))


@cli.command(context_settings=CONTEXT)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="Ngày tính hạn (mặc định: hôm nay).")
@click.pass_obj
def calendar(obj: dict, today) -> None:
    """Lịch báo cáo trong năm (sheet KyBaoCao) và việc đến hạn tiếp theo."""
    import datetime as dt

    from pipeline import api
    from pipeline.format import short_date

    year, rows = api.calendar(obj["data"])
    day = today.date() if today else dt.date.today()

    def d(x) -> str:
        return short_date(x) if x else "(chưa đặt)"

    click.echo(f"Lịch báo cáo cải cách hành chính năm {year}:")
    click.echo(f"{'Kỳ':<3} {'Tên kỳ':<18} {'Đơn vị gửi VP':<14} {'Chốt số liệu':<26} {'Gửi Sở Nội vụ':<14}")
    events = []
    for r in rows:
        click.echo(f"{r.period:<3} {r.name:<18} {d(r.unit_due):<14} "
                   f"{d(r.cutoff_from) + ' – ' + d(r.cutoff_to):<26} {d(r.due):<14}")
        for when, what in ((r.unit_due, "hạn các đơn vị gửi báo cáo"), (r.cutoff_to, "chốt số liệu"),
                           (r.due, "hạn gửi báo cáo đến Sở Nội vụ")):
            if when:
                events.append((when, f"{what} {r.name}"))
    upcoming = sorted(e for e in events if e[0] >= day)
    if upcoming:
        when, what = upcoming[0]
        click.echo(f"Hôm nay {short_date(day)}. Việc đến hạn tiếp theo: {what}, ngày {short_date(when)} "
                   f"(còn {(when - day).days} ngày).")
    else:
        click.echo(f"Hôm nay {short_date(day)}: các kỳ báo cáo năm {year} đã qua hết.")


@cli.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--template", "template_mode", is_flag=True,
              help="Kiểm tra mẫu (.docx có thẻ {{ }}): liệt kê biến mà chương trình không cung cấp.")
@click.pass_obj
def lint(obj: dict, files: tuple[Path, ...], template_mode: bool) -> None:
    """Kiểm tra văn bản .docx theo thể thức Nghị định 30 (hoặc kiểm tra biến của mẫu)."""
    from pipeline import api

    problems = api.lint(list(files), template_mode, obj["data"])
    _echo_problems(problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    if errors:
        click.echo(f"Có {errors} lỗi thể thức." if not template_mode else f"Mẫu có {errors} biến không có dữ liệu.",
                   err=True)
        sys.exit(1)
    click.echo("Không thấy lỗi thể thức." if not template_mode else "Mẫu dùng đúng các biến chương trình cung cấp.")


@cli.command("import", context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Sổ Excel cần ghi (mặc định data/kehoach_<năm>.xlsx).")
@click.option("--nam", type=int, help="Chuyển kế hoạch sang năm này (dời năm trong thời hạn, xóa số/ngày).")
@click.option("--force", is_flag=True, help="Ghi đè sổ đã có.")
def import_(source: Path, output: Path | None, nam: int | None, force: bool) -> None:
    """Nhập bảng nhiệm vụ từ Kế hoạch cũ (.docx) thành sổ Excel theo mẫu của chương trình."""
    from pipeline.importer import import_docx

    result = import_docx(source, output, year=nam, force=force)
    _echo_problems(result.problems)
    click.echo(result.summary)
    if not result.complete:
        sys.exit(1)


@cli.command(context_settings=CONTEXT)
@click.pass_obj
def validate(obj: dict) -> None:
    """Kiểm tra toàn bộ sổ Excel và liệt kê mọi lỗi, cảnh báo (tệp › sheet › ô)."""
    from pipeline import api

    problems = api.check_workbook(obj["data"])
    _echo_problems(problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    if errors:
        click.echo(f"Sổ {obj['data']} có {errors} lỗi cần sửa.", err=True)
        sys.exit(1)
    click.echo(f"Sổ {obj['data']} hợp lệ" + (f" ({len(problems)} cảnh báo)." if problems else "."))


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD, required=True,
              help="Kỳ báo cáo: 1 = quý I, 2 = 6 tháng, 3 = quý III (9 tháng), 4 = năm.")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="Thư mục ghi phiếu (mặc định output/<năm>/phieu/Q<kỳ>/).")
@click.pass_obj
def forms(obj: dict, quy: int, output: Path | None) -> None:
    """Lập phiếu báo cáo tiến độ cho từng đơn vị (mỗi đơn vị một tệp .xlsx để điền và gửi lại)."""
    from pipeline import api

    written = api.build_forms(obj["data"], quy, output)
    if written.warnings:
        _echo_problems(written.warnings)
    click.echo(f"Đã ghi {len(written)} phiếu vào {written.folder}:")
    for path in written:
        click.echo(f"  {path}")


@cli.command(context_settings=CONTEXT)
@click.option("--quy", "-q", type=PERIOD, required=True,
              help="Kỳ báo cáo của các phiếu: 1 = quý I, 2 = 6 tháng, 3 = quý III (9 tháng), 4 = năm.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def collect(obj: dict, quy: int, paths: tuple[Path, ...]) -> None:
    """Nhập các phiếu đơn vị gửi lại (tệp hoặc thư mục) vào sheet TienDo của sổ Excel.

    Phiếu có ngày báo cáo mới hơn thay số liệu cũ của đơn vị trong kỳ; phiếu có lỗi bị từ
    chối cả phiếu; sổ được sao lưu vào backup/ trước khi ghi, và không ghi gì nếu không có
    gì thay đổi."""
    from pipeline import api

    result = api.collect(obj["data"], quy, list(paths))
    click.echo(result.summary())
    _echo_problems(result.problems)
    sys.exit(result.exit_code)


def main() -> None:
    cli(prog_name="cchc")
