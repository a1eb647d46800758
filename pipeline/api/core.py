"""What every command shares: the `Result` it returns, loading a workbook (read →
validate → model, every error at once), the templates, default output paths, and
the warnings and refusals common to several documents."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from pipeline.errors import CchcError, Problem, Severity
from pipeline.model import Plan

DEFAULT_DATA = Path("data/kehoach.xlsx")
OUTPUT_ROOT = Path("output")

T = TypeVar("T")


@dataclass
class Result(Generic[T]):
    """What one command did. The CLI prints every command's result the same way:
    problems and warnings, then `messages`, then exits with `exit_code`."""

    written: list[Path] = field(default_factory=list)  # files written, the main one first
    warnings: list[Problem] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # what to tell the clerk, in Vietnamese
    problems: list[Problem] = field(default_factory=list)  # errors that did not stop the command
    exit_code: int = 0
    detail: T | None = None  # the command's own facts (collect's outcomes, the calendar …)

    @property
    def path(self) -> Path:
        """The main file written."""
        return self.written[0]

    @property
    def workbook_warnings(self) -> list[Problem]:
        """The workbook's own warnings (`validate` lists them; other commands count them)."""
        return [w for w in self.warnings if w.workbook]

    @property
    def own_warnings(self) -> list[Problem]:
        """The warnings about what this command made (a document's gaps, a form's notes …)."""
        return [w for w in self.warnings if not w.workbook]


def wrote(paths: list[Path], warnings: list[Problem], detail: Any = None) -> Result[Any]:
    return Result(written=paths, warnings=warnings, messages=[f"Đã ghi: {p}" for p in paths], detail=detail)


@dataclass
class Loaded:
    plan: Plan
    warnings: list[Problem] = field(default_factory=list)


def templates_dir() -> Path:
    """CCHC_TEMPLATES, else ./templates, else the templates beside the package."""
    env = os.environ.get("CCHC_TEMPLATES")
    if env:
        return Path(env)
    local = Path("templates")
    if local.is_dir():
        return local
    return Path(__file__).resolve().parents[2] / "templates"


def template(name: str) -> Path:
    path = templates_dir() / name
    if not path.exists():
        raise CchcError(f"Không tìm thấy mẫu {path}. Đặt mẫu vào thư mục templates/ hoặc đặt biến CCHC_TEMPLATES.")
    return path


def load(data: Path, sheets: Iterable[str]) -> Loaded:
    """read → validate → model; raise with every error at once, return the warnings (marked as
    the workbook's: `Problem.workbook`)."""
    from pipeline import read, validate

    checked = validate.workbook(read.read_workbook(Path(data), sheets))
    warnings = [replace(w, workbook=True) for w in checked.warnings]
    if checked.errors:
        raise CchcError(
            f"Sổ {Path(data).name} có {len(checked.errors)} lỗi; chưa ghi văn bản nào. Hãy sửa rồi chạy lại:",
            checked.errors + warnings,
        )
    return Loaded(checked.plan, warnings)


def default_output(plan: Plan, name: str) -> Path:
    return OUTPUT_ROOT / str(plan.year) / name


def cut_notes(cut: list[str]) -> list[Problem]:
    """Texts longer than an Excel cell holds, which a workbook written for the clerk had to cut."""
    if not cut:
        return []
    shown = ", ".join(cut[:10]) + (f" và {len(cut) - 10} ô khác" if len(cut) > 10 else "")
    return [Problem(f"Nội dung dài quá 32.767 ký tự (giới hạn một ô của Excel) chỉ ghi được phần đầu ở {shown}; "
                    "văn bản Word vẫn ghi đủ.", severity=Severity.WARNING)]


def forms_folder(year: int, quy: int) -> Path:
    """Where `forms` writes a period's blank forms: output/<năm>/phieu/Q<kỳ>/."""
    return OUTPUT_ROOT / str(year) / "phieu" / f"Q{quy}"


def returned_folder(year: int, quy: int) -> Path:
    """Where the clerk saves the forms the units send back, and `collect` reads by default:
    output/<năm>/phieu/Q<kỳ>/nhan/ (apart from the blank forms, never mixed with them)."""
    from pipeline.forms.decide import RETURNED_FOLDER

    return forms_folder(year, quy) / RETURNED_FOLDER


def require_period(plan: Plan, quy: int) -> None:
    if quy not in plan.periods:
        raise CchcError(f"Sheet KyBaoCao không có kỳ {quy}.")


def gaps_or_refuse(found: list[Problem], strict: bool, document: str) -> list[Problem]:
    """A document's empty parts (derive.gaps): warnings for a draft, errors with --strict."""
    if strict and found:
        raise CchcError(f"{document} còn {len(found)} phần chưa có nội dung; với --strict chương trình không ghi "
                        "văn bản nào. Hãy điền các phần dưới đây rồi chạy lại:",
                        [replace(p, severity=Severity.ERROR) for p in found])
    return found



def remind_deadline(plan: Plan, first: dt.date | None,
                    today: dt.date | None) -> tuple[dt.date, list[Problem], str]:
    """The new deadline of a công văn đôn đốc (derive.reminders) from ThongTin, counted from the
    công văn's date or else `today`; a warning when ThongTin's date had to be left out; and the
    line telling the clerk where the date came from."""
    from pipeline.derive.reminders import new_deadline
    from pipeline.formatting import short_date
    from pipeline.schema import FIELD_BY_KEY, REMIND_WORKING_DAYS

    info = plan.report
    base = (info.remind_date if info else None) or today or dt.date.today()
    days = info.remind_days if info and info.remind_days is not None else REMIND_WORKING_DAYS
    found = new_deadline(info.remind_due if info else None, days, base, first)
    warnings = []
    if found.stale is not None:
        label, count = FIELD_BY_KEY["dd_han"].label, FIELD_BY_KEY["dd_so_ngay"].label
        earlier = f"hạn ban đầu {short_date(first)}" if first and found.stale <= first else f"ngày {short_date(base)}"
        warnings.append(Problem(
            f"'{label}' ghi {short_date(found.stale)}, không sau {earlier} (có lẽ là hạn của lần đôn đốc trước): công "
            f"văn ghi hạn {short_date(found.date)}, tính {days} ngày làm việc từ ngày {short_date(base)} ('{count}'). "
            "Sửa hoặc xóa ô đó nếu cần.", plan.source, "ThongTin", severity=Severity.WARNING))
    if found.stale is None and info is not None and info.remind_due is not None:
        how = f"theo '{FIELD_BY_KEY['dd_han'].label}' ở sheet ThongTin"
    else:
        start = "ngày công văn" if info and info.remind_date else "hôm nay"
        how = (f"{days} ngày làm việc từ {start} {short_date(base)}, không tính thứ Bảy, Chủ nhật; ngày lễ chưa trừ, "
               f"nếu cần hãy ghi hạn vào '{FIELD_BY_KEY['dd_han'].label}' ở sheet ThongTin")
    return found.date, warnings, f"Hạn mới trong công văn: trước ngày {short_date(found.date)} ({how})."


def write_reminder(data: Path, out_path: Path, context: Callable[[dt.date | None], dict[str, Any]], force: bool,
                   pdf: bool, warnings: list[Problem], how: str, plan: Plan) -> Result[None]:
    """A công văn đôn đốc (the periodic report's or the units' plans'): refused before it is
    rendered if an issued one is there, written whole with its PDF if asked; `context` gets
    the công văn's date (ThongTin's, or none for a draft), `how` says where its deadline came from."""
    from pipeline.export import OutputSet
    from pipeline.pdf import stage_pdf
    from pipeline.render import docx

    tpl = template("congvan_dondoc.docx")
    with OutputSet([data, tpl], force) as out:
        out.check(out_path, ".docx", issued=True)
        rendered = docx.render(tpl, context(plan.report.remind_date if plan.report else None))
        staged = out.add(out_path, lambda fh: docx.write_package(rendered, fh), ".docx", issued=True)
        if pdf:
            stage_pdf(out, out_path, staged)
    done = wrote(out.written, warnings)
    done.messages.append(how)
    return done
