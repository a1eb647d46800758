"""Starting the year (issue 11): next year's workbook, the units' own plans, and the
reminder of plans not yet sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, BinaryIO

from pipeline.api.core import (
    DEFAULT_DATA,
    OUTPUT_ROOT,
    Result,
    default_output,
    load,
    template,
)
from pipeline.errors import CchcError, Problem, Severity
from pipeline.model import Plan
from pipeline.schema import (
    WORKBOOK_SHEETS,
)

# -- starting the year (issue 11) ------------------------------------------------------------------


def _put(fh: BinaryIO, payload: bytes) -> None:
    fh.write(payload)


def _checked_bytes(payload: bytes, name: str) -> Any:
    """Validate a workbook not yet written, under the file name it will have."""
    import tempfile

    from pipeline import read, validate
    from pipeline.export import write_atomic

    with tempfile.TemporaryDirectory(prefix="cchc-") as tmp:
        path = write_atomic(Path(tmp) / name, lambda fh: _put(fh, payload), app="Excel")
        return validate.workbook(read.read_workbook(path, WORKBOOK_SHEETS))


def new_year(data: Path = DEFAULT_DATA, output: Path | None = None, year: int | None = None,
             force: bool = False, *, today: dt.date | None = None) -> Result[None]:
    """Next year's draft workbook from this year's (`newyear`): never over the input, never
    over another workbook without `force` (which backs it up first), checked before it is written."""
    import io
    from dataclasses import replace

    from pipeline import newyear
    from pipeline.export import OutputSet, backup
    from pipeline.xlsx import write

    data = Path(data)
    plan = load(data, WORKBOOK_SHEETS).plan
    target = plan.year + 1 if year is None else year
    if not plan.year < target <= plan.year + 20:
        raise CchcError(f"Năm {target} không hợp lệ: sổ {data.name} là kế hoạch năm {plan.year}, năm mới phải sau "
                        f"năm {plan.year} (mặc định {plan.year + 1}).")
    out = Path(output) if output else data.with_name(f"kehoach_{target}.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise CchcError(f"Tệp kết quả {out.name} phải có đuôi .xlsx (sổ Excel).")
    if out.exists() and out.resolve() == data.resolve():
        raise CchcError(f"Không ghi sổ năm {target} đè lên chính sổ {data.name} đang đọc; chọn tên khác (-o).")
    if out.exists() and not force:
        raise CchcError(f"Tệp {out} đã có; chương trình không ghi đè sổ đang có. Dùng --force để ghi đè (sổ cũ được "
                        "lưu vào thư mục backup/), hoặc chọn tên tệp khác (-o).")
    draft = newyear.build(plan, data, target, today or dt.date.today())
    buffer = io.BytesIO()
    write(draft.sheets, buffer)
    payload = buffer.getvalue()
    checked = _checked_bytes(payload, out.name)
    if checked.errors:  # a rule above is wrong, not the clerk's workbook: say so, write nothing
        raise CchcError(f"Sổ năm {target} lập từ {data.name} chưa hợp lệ nên chưa ghi; hãy báo lỗi này cho người "
                        "phát triển chương trình:", checked.errors)
    with OutputSet([data]) as staged:
        staged.add(out, lambda fh: _put(fh, payload), ".xlsx", app="Excel")
        kept = backup(out) if out.exists() else None
    messages = [f"Đã ghi sổ nháp năm {target}: {out} (lập từ {data.name}, năm {plan.year}).",
                *(f"  - {line}" for line in draft.lines)]
    if kept:
        messages.append(f"Sổ cũ cùng tên đã được lưu tại {kept}.")
    messages.append(f"Tiếp theo: rà soát ThongTin (căn cứ), NhiemVu (cột '{newyear.CARRIED_HEADER}'), NoiDung; rồi "
                    f"chạy cchc --data {out} validate và plan.")
    warnings = [replace(p, file=out.name) for p in draft.warnings] + checked.warnings
    return Result(written=[out], warnings=warnings, messages=messages)


def _unit(plan: Plan, name: str) -> Any:
    from pipeline.derive.units import UnitIndex

    found = UnitIndex(plan.units).resolve(name)
    if found.code is None:
        hint = f" Có phải '{found.suggestion}'?" if found.suggestion else ""
        raise CchcError(f"Không có đơn vị '{name}' trong sheet DonVi.{hint}")
    return plan.unit(found.code)


def build_unit_plans(data: Path = DEFAULT_DATA, don_vi: str | None = None, output_dir: Path | None = None,
                     force: bool = False) -> Result[None]:
    """A draft Kế hoạch CCHC for each unit that must write one (or for `don_vi` alone), in
    output/<năm>/KeHoach_DonVi/KeHoach_CCHC_<năm>_<Mã đơn vị>.docx."""
    from functools import partial

    from pipeline.derive.unit_plans import must_plan, planning_units, unit_tasks
    from pipeline.export import OutputSet
    from pipeline.render import docx, unit_plan
    from pipeline.schema import UNIT_PLAN_SHEETS
    from pipeline.text import strip_accents

    loaded = load(data, UNIT_PLAN_SHEETS)
    plan = loaded.plan
    warnings = list(loaded.warnings)
    units = [_unit(plan, don_vi)] if don_vi else planning_units(plan)
    if not units:
        raise CchcError("Không có đơn vị nào phải lập Kế hoạch CCHC riêng: sheet DonVi không có chi cục, đơn vị sự "
                        "nghiệp nào, hoặc cột 'Lập kế hoạch CCHC riêng' ghi 'không'. Dùng --don-vi MÃ để lập cho một "
                        "đơn vị bất kỳ.")
    folder = Path(output_dir) if output_dir else OUTPUT_ROOT / str(plan.year) / "KeHoach_DonVi"
    source = template("kehoach_donvi.docx")
    written = []
    with OutputSet([data, source], force) as staged:  # every unit's plan, or none
        for unit in units:
            name = Path(data).name
            if don_vi and not must_plan(unit):
                warnings.append(Problem(f"Đơn vị {unit.code} không thuộc diện lập kế hoạch riêng (sheet DonVi); vẫn "
                                        "lập bản nháp theo yêu cầu.", name, "DonVi", severity=Severity.WARNING))
            if not any(unit_tasks(plan, unit.code)):
                warnings.append(Problem(f"Kế hoạch của Sở không giao nhiệm vụ nào cho {unit.name} ({unit.code}): Kế "
                                        "hoạch của đơn vị chỉ có phần chung.", name, "NhiemVu",
                                        severity=Severity.WARNING))
            safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in strip_accents(unit.code))
            out = folder / f"KeHoach_CCHC_{plan.year}_{safe}.docx"
            staged.check(out, ".docx", issued=True)
            rendered = docx.render(source, unit_plan.unit_plan_context(plan, unit))
            staged.add(out, partial(docx.write_package, rendered), ".docx", issued=True)
            written.append(out)
    lines = [f"Đã ghi {len(written)} Kế hoạch CCHC của đơn vị vào {folder}:", *(f"  {p}" for p in written)]
    return Result(written=written, warnings=warnings, messages=lines)


def build_remind_plans(data: Path = DEFAULT_DATA, output: Path | None = None, force: bool = False,
                       pdf: bool = False, *, today: dt.date | None = None) -> Result[None]:
    """A công văn đôn đốc to the units whose own CCHC plan Văn phòng has not received."""
    from pipeline.api.core import remind_deadline, write_reminder
    from pipeline.derive.unit_plans import awaited_plans, plan_due
    from pipeline.render import remind

    loaded = load(data, WORKBOOK_SHEETS)
    plan = loaded.plan
    awaited = awaited_plans(plan, today or dt.date.today())
    if not awaited:
        raise CchcError(f"Văn phòng đã nhận Kế hoạch CCHC năm {plan.year} của tất cả các đơn vị phải lập (sheet "
                        "KeHoachDonVi); không cần công văn đôn đốc (không ghi tệp nào).")
    deadline, notes, how = remind_deadline(plan, plan_due(plan), today)
    out = Path(output) if output else default_output(plan, f"CongVan_DonDoc_KeHoach_DonVi_{plan.year}.docx")
    codes, due = [s.unit.code for s in awaited], plan_due(plan)
    return write_reminder(data, out, lambda date: remind.remind_plans_context(plan, codes, due, deadline, date), force,
                          pdf, loaded.warnings + notes, how, plan)
