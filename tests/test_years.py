"""The year-rolling rules `cchc new-year` and `cchc import --nam` share (derive.years), and the
title templates the importer makes from them (importer.years.templatize)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.derive.deadlines import parse_deadline
from pipeline.derive.years import mentions_year, roll_date, roll_text
from pipeline.importer.years import templatize

# (text in the 2024 plan, the same text in the 2025 plan)
ROLLED = [
    # deadline phrases move
    ("Quý II/2024", "Quý II/2025"),
    ("Trong năm 2024", "Trong năm 2025"),
    ("Thường xuyên trong năm 2024", "Thường xuyên trong năm 2025"),
    ("Tháng 01/2024", "Tháng 01/2025"),
    ("Năm 2024", "Năm 2025"),
    ("2024", "2025"),
    ("Quí IV-2024", "Quí IV-2025"),
    ("trước ngày 15/12/2024", "trước ngày 15/12/2025"),
    ("từ 15/12/2024 đến 20/12/2024", "từ 15/12/2025 đến 20/12/2025"),  # a range inside one year moves whole
    ("quý I trước ngày 10/3/2024; 6 tháng trước ngày 10/6/2024", "quý I trước ngày 10/3/2025; 6 tháng trước ngày "
                                                                  "10/6/2025"),
    ("MỤC TIÊU TRỌNG TÂM NĂM 2024", "MỤC TIÊU TRỌNG TÂM NĂM 2025"),
    # multi-year ranges stay
    ("giai đoạn 2021 - 2030", "giai đoạn 2021 - 2030"),
    ("giai đoạn 2024-2030", "giai đoạn 2024-2030"),
    ("Năm 2024–2025", "Năm 2024–2025"),
    ("từ năm 2024 đến năm 2026", "từ năm 2024 đến năm 2026"),
    ("Quý IV/2024- Quý II/2025", "Quý IV/2024- Quý II/2025"),
    ("Quý IV/2023 - Quý II/2024", "Quý IV/2023 - Quý II/2024"),
    # citations stay
    ("Theo Quyết định số 1117/QĐ-UBND ngày 19/5/2024 của UBND tỉnh", "Theo Quyết định số 1117/QĐ-UBND ngày "
                                                                     "19/5/2024 của UBND tỉnh"),
    ("Nghị định 30/2024/NĐ-CP", "Nghị định 30/2024/NĐ-CP"),
    ("Nghị quyết số 55/2024/QH15 và Quý II/2024", "Nghị quyết số 55/2024/QH15 và Quý II/2025"),
    # other years stay
    ("Trong năm 2023", "Trong năm 2023"),
    ("Thường xuyên", "Thường xuyên"),
    ("đến năm 2030, tầm nhìn đến năm 2045", "đến năm 2030, tầm nhìn đến năm 2045"),
]


@pytest.mark.parametrize("old, new", ROLLED)
def test_roll_text(old, new):
    assert roll_text(old, 2024, 2025) == new
    assert mentions_year(old, 2024) is (old != new)


@pytest.mark.parametrize("old, new", [(o, n) for o, n in ROLLED if o != n and "ngày" not in o])
def test_a_rolled_deadline_falls_due_a_year_later(old, new):
    before, after = parse_deadline(old, 2024), parse_deadline(new, 2025)
    if before.due is not None:
        assert after.due == roll_date(before.due)


@given(st.text(alphabet="0123456789 /-–Quýnăm IVđến", max_size=40))
def test_roll_text_changes_only_the_plan_year_and_is_undone_by_rolling_back(text):
    rolled = roll_text(text, 2024, 2025)
    assert rolled.replace("2025", "2024") == text.replace("2025", "2024")
    if "2025" not in text:
        assert roll_text(rolled, 2025, 2024) == text


@pytest.mark.parametrize("day, years, expected", [
    (dt.date(2024, 3, 10), 1, dt.date(2025, 3, 10)),
    (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),
    (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29)),
    (dt.date(2023, 12, 15), 2, dt.date(2025, 12, 15)),
])
def test_roll_date(day, years, expected):
    assert roll_date(day, years) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kế hoạch cải cách hành chính năm 2024 của Sở Nội vụ", "Kế hoạch cải cách hành chính năm {năm} của {cơ quan}"),
    ("MỤC TIÊU TRỌNG TÂM NĂM 2024", "MỤC TIÊU TRỌNG TÂM NĂM {năm}"),
    ("ngày 19 tháng 6 năm 2024", "ngày 19 tháng 6 năm 2024"),  # a date is not the plan's year
    ("từ năm 2024 đến năm 2030", "từ năm 2024 đến năm 2030"),  # a range over several years
    ("Kế hoạch số 12/KH-UBND năm 2024", "Kế hoạch số 12/KH-UBND năm {năm}"),
    ("dấu {ngoặc}", "dấu {{ngoặc}}"),
])
def test_templatize(text, expected):
    assert templatize(text, 2024, "Sở Nội vụ", "SỞ NỘI VỤ") == expected
