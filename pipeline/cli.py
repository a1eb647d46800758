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


def _done(written) -> None:
    if written.warnings:
        _echo_problems(written.warnings)
    click.echo(f"Đã ghi: {written.path}")


OUTPUT = click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                      help="Tệp .docx cần ghi (mặc định trong output/<năm>/).")


@cli.command(context_settings=CONTEXT)
@OUTPUT
@click.pass_obj
def plan(obj: dict, output: Path | None) -> None:
    """Quyết định ban hành Kế hoạch CCHC, kèm Kế hoạch và Phụ lục nhiệm vụ."""
    from pipeline import api

    _done(api.build_plan(obj["data"], output))


@cli.command(context_settings=CONTEXT)
@OUTPUT
@click.pass_obj
def appendix(obj: dict, output: Path | None) -> None:
    """Chỉ Phụ lục nhiệm vụ của Kế hoạch (đánh số lại theo sổ Excel hiện tại)."""
    from pipeline import api

    _done(api.build_appendix(obj["data"], output))


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


def main() -> None:
    cli(prog_name="cchc")
