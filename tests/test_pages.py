"""Pages that read well, as the clerk sees them in print: every document the tool writes passes
the Nghị định 30 linter without a single remark, no page ends with a section row whose tasks
start on the next, and no centred heading ends with one word alone on its last line.

All documents are exported by `cchc pdf` in one LibreOffice run and read back with poppler.
Needs LibreOffice and poppler-utils (skipped without them, unless CCHC_REQUIRE_PDF=1)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, edit_sheet, set_field
from pages import group_rows, heading_lines, headings, lonely_last_words, stranded_rows

from pipeline import api
from pipeline.lint import lint_docx
from pipeline.ooxml import lines
from pipeline.pdf import find_soffice

missing = [t for t in ("pdftotext",) if shutil.which(t) is None] + ([] if find_soffice() else ["soffice"])
if missing:
    if os.environ.get("CCHC_REQUIRE_PDF") == "1":
        raise RuntimeError(f"PDF tests required but missing: {', '.join(missing)}")
    pytest.skip(f"missing {', '.join(missing)}", allow_module_level=True)

# Titles a clerk may type that Word would end with a word alone: "… CẢI CÁCH HÀNH / CHÍNH" across a
# landscape page, "… quý III năm / 2024" across a portrait one.
LONG_TITLE = "NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH"
LONG_SUMMARY = "Kết quả thực hiện công tác cải cách hành chính và chuyển đổi số {kỳ báo cáo}"


def _documents(out: Path) -> list[Path]:
    docs = [api.build_plan(BUNDLED, out / "QD_KeHoach.docx").path,
            api.build_appendix(BUNDLED, out / "PhuLuc.docx").path,
            api.build_report(BUNDLED, 3, None, out / "BaoCao_Q3.docx").path,
            api.build_report(BUNDLED, 4, None, out / "BaoCao_Q4.docx").path,
            api.build_remind(BUNDLED, 3, out / "CongVan_Q3.docx", today=dt.date(2024, 9, 12)).path,
            api.build_remind(BUNDLED, 4, out / "CongVan_Q4.docx", today=dt.date(2024, 12, 12)).path,
            api.build_remind_plans(BUNDLED, out / "CongVan_KeHoach.docx", today=dt.date(2024, 1, 26)).path,
            *api.build_unit_plans(BUNDLED, "CCQLDD", out / "donvi").written]
    docs += [p for p in api.evaluate(BUNDLED, None, out / "dg", today=dt.date(2024, 12, 12)).written
             if p.suffix == ".docx"]
    docs += [p for p in api.self_assess(BUNDLED, None, out / "tdg").written if p.suffix == ".docx"]
    # The plan issued, then amended (a task added): the Quyết định sửa đổi, bổ sung.
    book = out / "kehoach.xlsx"
    shutil.copy(BUNDLED, book)
    set_field(book, "Số quyết định", "05")
    set_field(book, "Ngày quyết định", "05/01/2024")
    docs.append(api.build_plan(book, out / "QD_KeHoach_BanHanh.docx").path)
    edit_sheet(book, "NhiemVu", lambda ws: ws.append(
        ["NV31", "Cải cách thể chế", "Góp ý dự thảo Luật Đất đai sửa đổi", "Chi cục QLDD chủ trì", "CCQLDD", "",
         "Quý III/2024", "Văn bản góp ý"]))
    docs.append(api.build_amend(book, out / "QD_SuaDoi.docx", today=dt.date(2024, 7, 1)).path)
    long = out / "kehoach_dai.xlsx"
    shutil.copy(BUNDLED, long)
    set_field(long, "Tiêu đề Phụ lục", LONG_TITLE)
    set_field(long, "Trích yếu báo cáo", LONG_SUMMARY)
    docs.append(api.build_report(long, 3, None, out / "BaoCao_TieuDeDai.docx").path)
    docs.append(api.build_plan(long, out / "QD_TieuDeDai.docx").path)
    return docs


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> list[tuple[Path, Path]]:
    """(docx, its PDF) of every kind of document the tool writes, exported in one run."""
    out = tmp_path_factory.mktemp("pages")
    docs = _documents(out)
    result = api.export_pdf(docs)
    assert result.exit_code == 0 and len(result.written) == len(docs)
    return [(d, d.with_suffix(".pdf")) for d in docs]


def test_every_generated_document_lints_clean(printed):
    for docx, _ in printed:
        assert [str(p) for p in lint_docx(docx)] == [], docx.name


def test_no_page_ends_with_a_section_row(printed):
    checked = 0
    for docx, pdf in printed:
        assert stranded_rows(pdf, docx) == [], docx.name
        checked += len(group_rows(docx))
    assert checked > 60  # the plan's, the reports' (both annexes), the amendment's, the evaluation's sections


def test_no_centred_heading_ends_with_a_lone_word(printed):
    for docx, pdf in printed:
        found = heading_lines(pdf, docx)
        assert [h for h in headings(docx) if h not in found] == [], docx.name  # every heading was read back
        assert lonely_last_words(found) == [], docx.name
    # Not vacuous: as Word fills lines, these would end with a word alone; printed, they do not.
    summary = LONG_SUMMARY.replace("{kỳ báo cáo}", "quý III năm 2024")
    cases = [("Ban hành Kế hoạch cải cách hành chính năm 2024 của Sở Tài nguyên và Môi trường", 165, printed[0]),
             (LONG_TITLE, 252, printed[-1]), (summary, 165, printed[-2]),
             # the body's Mục heading, flush left after its first-line indent
             ("II. NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN", 165 - 12.7, printed[0])]
    for text, width_mm, (docx, pdf) in cases:
        words, _ = lines.split_words(text, lambda k, ch: lines.char_width(ch, 14, True))
        starts = lines.greedy(words, width_mm * 72 / 25.4)
        assert starts and starts[-1] == len(words.widths) - 1, text
        shown = heading_lines(pdf, docx)[text]
        assert len(shown) == 2 and min(len(x) for x in shown) >= 2, shown  # no word alone
