"""Balanced line breaks in centred headings (pipeline.ooxml.lines): where a clerk would break a
trích yếu, a Phụ lục title, a caption or a V/v by hand, measured with Times New Roman's metrics."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ooxml import lines

MM = 72 / 25.4  # points per millimetre


def layout(text: str, size: float, bold: bool, width_mm: float) -> tuple[list[str], list[str] | None]:
    """(how Word wraps the text, how balance breaks it), as lines of words."""
    words, _ = lines.split_words(text, lambda k, ch: lines.char_width(ch, size, bold))
    width = width_mm * MM * lines.FIT
    tokens = re.findall(r"\S+", text)

    def cut(starts: list[int]) -> list[str]:
        bounds = [0, *starts, len(tokens)]
        return [" ".join(tokens[a:b]) for a, b in itertools.pairwise(bounds)]

    balanced = lines.balance(words, width)
    return cut(lines.greedy(words, width)), cut(balanced) if balanced is not None else None


# (text, size, bold, width in mm, Word's wrap, the clerk's break)
CASES = [
    ("Ban hành Kế hoạch cải cách hành chính năm 2024 của Sở Tài nguyên và Môi trường", 14, True, 165,
     ["Ban hành Kế hoạch cải cách hành chính năm 2024 của Sở Tài nguyên và", "Môi trường"],
     ["Ban hành Kế hoạch cải cách hành chính", "năm 2024 của Sở Tài nguyên và Môi trường"]),
    ("NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN", 14, True, 165,
     ["NHIỆM VỤ CỤ THỂ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC", "HIỆN"],
     ["NHIỆM VỤ CỤ THỂ, SẢN PHẨM,", "TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN"]),
    ("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2024", 14, True, 165,
     ["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG TÁC CẢI CÁCH HÀNH", "CHÍNH NĂM 2024"],
     ["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÔNG TÁC", "CẢI CÁCH HÀNH CHÍNH NĂM 2024"]),
    # "quý III" and "năm 2024" stay together
    ("V/v đôn đốc báo cáo kết quả CCHC quý III năm 2024", 12, False, 74,
     ["V/v đôn đốc báo cáo kết quả CCHC quý", "III năm 2024"],
     ["V/v đôn đốc báo cáo kết quả", "CCHC quý III năm 2024"]),
    # a draft's blanks are never a place to break
    ("(Kèm theo Báo cáo số        /BC-STNMT ngày      tháng      năm 2024 của Sở Tài nguyên và Môi trường)", 14,
     False, 165,
     ["(Kèm theo Báo cáo số /BC-STNMT ngày tháng năm 2024 của Sở Tài", "nguyên và Môi trường)"],
     ["(Kèm theo Báo cáo số /BC-STNMT", "ngày tháng năm 2024 của Sở Tài nguyên và Môi trường)"]),
    ("Bảng 1. Tình hình thực hiện nhiệm vụ theo tình trạng", 13, False, 165,
     ["Bảng 1. Tình hình thực hiện nhiệm vụ theo tình trạng"], None),
]


@pytest.mark.parametrize(("text", "size", "bold", "width", "word", "clerk"), CASES, ids=[c[0][:30] for c in CASES])
def test_breaks_where_a_clerk_would(text, size, bold, width, word, clerk):
    assert layout(text, size, bold, width) == (word, clerk)


def test_no_break_inside_a_number_or_a_blank():
    words, _ = lines.split_words("quý III năm 2024 Số        /QĐ ngày 15/3/2024 phần II",
                                 lambda k, ch: lines.char_width(ch, 12, False))
    # gaps: quý|III, III|năm, năm|2024, 2024|Số, Số|/QĐ (blank), /QĐ|ngày, ngày|15/3/2024, 15/3/2024|phần, phần|II
    assert words.breaks == [None, True, None, False, None, True, None, False, None]


# -- properties over any words -----------------------------------------------------------------

widths = st.lists(st.floats(min_value=5, max_value=80), min_size=1, max_size=14)


@st.composite
def texts(draw):
    ws = draw(widths)
    n = len(ws) - 1
    gaps = draw(st.lists(st.floats(min_value=2, max_value=6), min_size=n, max_size=n))
    breaks = draw(st.lists(st.sampled_from([None, True, False]), min_size=n, max_size=n))
    return lines.Words(ws, gaps, breaks), draw(st.floats(min_value=60, max_value=400))


def feasible(words: lines.Words, width: float, n: int):
    """Every layout of `n` lines breaking only where allowed, each line within `width`."""
    m = len(words.widths)
    allowed = [k for k in range(1, m) if words.breaks[k - 1] is not None]
    for starts in itertools.combinations(allowed, n - 1):
        bounds = [0, *starts, m]
        if all(words.span(a, b) <= width for a, b in itertools.pairwise(bounds)):
            yield list(starts)


@settings(max_examples=300, deadline=None)
@given(texts())
def test_balanced_lines_are_the_best_layout_of_as_many_lines(case):
    words, width = case
    n = len(lines.greedy(words, width)) + 1
    found = lines.balance(words, width)
    options = list(feasible(words, width, n)) if n > 1 else []
    if n == 1 or not options:
        assert found is None  # fits on one line, or no allowed breaks fit: left to Word
        return
    assert found is not None and len(found) == n - 1  # as many lines as Word would print
    bounds = [0, *found, len(words.widths)]
    assert all(words.span(a, b) <= width for a, b in itertools.pairwise(bounds))  # every line fits
    assert all(words.breaks[k - 1] is not None for k in found)  # only where a break is allowed
    best = min(lines.layout_cost(words, o) for o in options)
    assert lines.layout_cost(words, found) == pytest.approx(best)


# -- flush-left Mục headings ---------------------------------------------------------------------

# (text, Word's wrap, the clerk's break) at 14 pt bold on A4 (text width 165 mm) after the
# 1.27 cm first-line indent of CCHCMuc
LEFT_CASES = [
    ("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
     ["II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH", "CHÍNH"],
     ["II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "CẢI CÁCH HÀNH CHÍNH"]),
    ("II. NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC HIỆN",
     ["II. NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM THỰC", "HIỆN"],
     ["II. NHIỆM VỤ, SẢN PHẨM, TIẾN ĐỘ VÀ TRÁCH NHIỆM", "THỰC HIỆN"]),
    # Word's wrap already ends with a phrase: no hand-made break
    ("V. ĐỀ XUẤT, KIẾN NGHỊ VỚI ỦY BAN NHÂN DÂN TỈNH VÀ SỞ NỘI VỤ VỀ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2024",
     ["V. ĐỀ XUẤT, KIẾN NGHỊ VỚI ỦY BAN NHÂN DÂN TỈNH VÀ SỞ", "NỘI VỤ VỀ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2024"],
     None),
    ("III. TỔ CHỨC THỰC HIỆN", ["III. TỔ CHỨC THỰC HIỆN"], None),
]
INDENT_PT = 36


@pytest.mark.parametrize(("text", "word", "clerk"), LEFT_CASES, ids=[c[0][:30] for c in LEFT_CASES])
def test_a_flush_left_heading_keeps_full_lines_and_ends_with_a_phrase(text, word, clerk):
    words, _ = lines.split_words(text, lambda k, ch: lines.char_width(ch, 14, True))
    width = 165 * MM * lines.FIT
    tokens = text.split()

    def cut(starts: list[int]) -> list[str]:
        return [" ".join(tokens[a:b]) for a, b in itertools.pairwise([0, *starts, len(tokens)])]

    found = lines.fill(words, width, width - INDENT_PT)
    assert cut(lines.greedy(words, width, width - INDENT_PT)) == word
    assert (cut(found) if found is not None else None) == clerk


@settings(max_examples=300, deadline=None)
@given(texts(), st.floats(min_value=0, max_value=40))
def test_filled_lines_are_the_best_layout_whose_last_line_ends_well(case, indent):
    words, width = case
    first = width - indent
    word = lines.greedy(words, width, first)
    found = lines.fill(words, width, first)
    m = len(words.widths)
    if not word or lines.fill_cost(words, word, width, first) is not None:
        assert found is None  # one line, or Word's own last line is fine: left to Word
        return
    n = len(word) + 1
    allowed = [k for k in range(1, m) if words.breaks[k - 1] is not None]
    costs = [c for o in itertools.combinations(allowed, n - 1)
             if (c := lines.fill_cost(words, list(o), width, first)) is not None]
    if not costs:
        assert found is None
        return
    assert found is not None and len(found) == n - 1
    last = found[-1]
    assert m - last >= 2 and words.span(last, m) >= lines.LAST_LINE_MIN * width  # no lone last word
    assert lines.fill_cost(words, found, width, first) == pytest.approx(min(costs))


# -- in the rendered documents -------------------------------------------------------------------


def test_the_plans_titles_are_broken_in_the_document(plan_docx):
    from docxutil import Doc

    doc = Doc(plan_docx)
    trich_yeu = [p.text for p in doc.paragraphs() if p.style == "CCHCTrichYeu"]
    assert trich_yeu[0] == "Ban hành Kế hoạch cải cách hành chính\nnăm 2024 của Sở Tài nguyên và Môi trường"
    # body text is left to Word: justified paragraphs get no break
    assert all("\n" not in p.text for p in doc.paragraphs() if p.style == "CCHCNoiDung")


def test_a_clerks_own_line_break_is_kept(workbook, tmp_path):
    from conftest import set_field
    from docxutil import Doc

    from pipeline import api

    set_field(workbook, "Trích yếu quyết định", "Ban hành Kế hoạch cải cách hành chính năm {năm} của Sở Tài nguyên\nvà "
              "Môi trường")
    doc = Doc(api.build_plan(workbook, tmp_path / "qd.docx").path)
    first = next(p.text for p in doc.paragraphs() if p.style == "CCHCTrichYeu")
    assert first == "Ban hành Kế hoạch cải cách hành chính năm 2024 của Sở Tài nguyên\nvà Môi trường"
