"""PDF copies of the documents: `cchc pdf FILE.docx…` exports documents already written (an
issued one included: converting never touches the .docx), and `cchc pdf --quy N` (`make
pdf`) writes the plan and the period's report again, except those already issued, then
exports them. Either way all PDFs come from ONE LibreOffice run and are put in place
together; the PDF of an issued document is replaced only with --force (after a backup)."""

from __future__ import annotations

from pathlib import Path

from pipeline.api.core import DEFAULT_DATA, Result, default_output, load
from pipeline.errors import CchcError, Problem
from pipeline.schema import CALENDAR_SHEETS

PDF_APP = "trình đọc PDF"


def export_pdf(paths: list[Path], force: bool = False) -> Result[None]:
    """The PDF of each .docx beside it (same name), all from one LibreOffice run."""
    from pipeline.export import is_issued

    docs = [Path(p) for p in paths]
    issued = [_readable_docx(d) and is_issued(d) for d in docs]
    written = _convert(docs, issued, force)
    return Result(written=written, messages=[f"Đã ghi: {p}" for p in written])


def _readable_docx(path: Path) -> bool:
    """Refuse, with the usual Vietnamese message, what is not a .docx one can open."""
    from pipeline.ooxml import package

    if path.suffix.lower() != ".docx":
        raise CchcError(f"{path} không phải văn bản Word .docx; chỉ xuất PDF được từ tệp .docx. Chưa ghi tệp nào.")
    package.open_docx(path).close()
    return True


def _convert(docs: list[Path], issued: list[bool], force: bool) -> list[Path]:
    """Convert `docs` in one run and put every PDF in place together, or none."""
    import shutil

    from pipeline.export import OutputSet
    from pipeline.pdf import converted

    targets = [d.with_suffix(".pdf") for d in docs]
    with OutputSet(inputs=docs, force=force) as out:
        for target, signed in zip(targets, issued):
            out.check(target, ".pdf", app=PDF_APP, signed=signed)  # refuse before LibreOffice's minutes
        with converted([(d, d.name) for d in docs]) as pdfs:
            for target, pdf, signed in zip(targets, pdfs, issued):
                def copy(fh, pdf: Path = pdf) -> None:
                    with pdf.open("rb") as src:
                        shutil.copyfileobj(src, fh)

                out.add(target, copy, ".pdf", app=PDF_APP, signed=signed)
    return out.written


def export_period_pdf(data: Path = DEFAULT_DATA, quy: int = 3, force: bool = False) -> Result[None]:
    """`make pdf`: the Quyết định + Kế hoạch and the report of period `quy` written again (an
    issued one is kept as it is, with a note), then the PDF of each, from one LibreOffice run.
    The PDF of an issued document already exported is kept too, unless `force`."""
    from pipeline.api.period import build_report, report_name
    from pipeline.api.plan import PLAN_NAME, build_plan
    from pipeline.export import is_issued

    plan = load(data, CALENDAR_SHEETS).plan
    documents = [(default_output(plan, PLAN_NAME.format(nam=plan.year)), lambda p: build_plan(data, p)),
                 (default_output(plan, report_name(quy, plan.year)), lambda p: build_report(data, quy, None, p))]
    notes: list[str] = []
    warnings: list[Problem] = []
    written: list[Path] = []
    docs, issued = [], []
    for path, build in documents:
        signed = path.exists() and is_issued(path)
        if signed:
            notes.append(f"Bỏ qua {path}: văn bản đã có số (đã ban hành), giữ nguyên tệp đã có.")
        else:
            done = build(path)
            warnings += done.warnings
            notes += [m for m in done.messages if not m.startswith("Đã ghi: ")]
            written += done.written
            signed = is_issued(path)
        if signed and path.with_suffix(".pdf").exists() and not force:
            notes.append(f"Giữ nguyên {path.with_suffix('.pdf')}: PDF của văn bản đã ban hành đã có (thêm --force để "
                         "xuất lại; bản cũ được lưu vào backup/).")
            continue
        docs.append(path)
        issued.append(signed)
    written += _convert(docs, issued, force) if docs else []
    unique = list(dict.fromkeys(written))
    shown = list({str(w): w for w in warnings}.values())  # both documents read the same workbook
    return Result(written=unique, warnings=shown, messages=[f"Đã ghi: {p}" for p in unique] + notes)
