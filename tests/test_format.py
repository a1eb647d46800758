"""Vietnamese text as Nghị định 30 and clerks write it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import formatting as fmt
from pipeline.model import PartialDate, Signer
from pipeline.text import expand


@pytest.mark.parametrize(("date", "text"), [
    (dt.date(2024, 1, 5), "Khánh Hòa, ngày 05 tháng 01 năm 2024"),
    (dt.date(2024, 3, 15), "Khánh Hòa, ngày 15 tháng 3 năm 2024"),
    (dt.date(2024, 2, 9), "Khánh Hòa, ngày 09 tháng 02 năm 2024"),
    (dt.date(2024, 12, 31), "Khánh Hòa, ngày 31 tháng 12 năm 2024"),
    (PartialDate(2024, 1), "Khánh Hòa, ngày      tháng 01 năm 2024"),
    (None, "Khánh Hòa, ngày      tháng      năm 2024"),
])
def test_date_line(date, text):
    assert fmt.date_line("Khánh Hòa", date, 2024) == text


@pytest.mark.parametrize(("number", "line"), [
    ("5", "Số: 05/QĐ-STNMT"), ("05", "Số: 05/QĐ-STNMT"), ("123", "Số: 123/QĐ-STNMT"), ("", "Số:        /QĐ-STNMT"),
])
def test_so_line(number, line):
    assert fmt.so_line(number, "QĐ", "STNMT") == line


def test_cong_van_symbol_has_no_type():
    assert fmt.so_line("", "", "STNMT-VP") == "Số:        /STNMT-VP"
    assert fmt.so_line("7", "", "STNMT-VP") == "Số: 07/STNMT-VP"


@pytest.mark.parametrize(("value", "text"), [(1234, "1.234"), (1234567, "1.234.567"), (0, "0")])
def test_integer(value, text):
    assert fmt.integer(value) == text


@pytest.mark.parametrize(("part", "whole", "text"), [
    (7, 8, "87,5%"), (8, 8, "100%"), (0, 8, "0%"), (1, 3, "33,3%"), (1999, 2000, "99,9%"), (1, 2000, "0,1%"),
    (0, 0, "0%"),
])
def test_ratio_percent_never_claims_more_or_less_than_the_data(part, whole, text):
    assert fmt.ratio_percent(part, whole) == text


@given(st.integers(0, 10**6), st.integers(1, 10**6))
def test_ratio_percent_is_100_only_when_all_and_0_only_when_none(part, whole):
    part = min(part, whole)
    text = fmt.ratio_percent(part, whole)
    assert (text == "100%") is (part == whole)
    assert (text == "0%") is (part == 0)


@pytest.mark.parametrize(("op", "value", "text"), [
    (">=", 20, "ít nhất 20%"), (">", 35, "trên 35%"), ("=", 100, "100%"), ("<=", 5, "không quá 5%"),
    (">", 87.5, "trên 87,5%"),
])
def test_target_phrase(op, value, text):
    assert fmt.target_phrase(op, value, "%") == text


@pytest.mark.parametrize(("signer", "lines"), [
    (Signer("GIÁM ĐỐC"), ("GIÁM ĐỐC", "")),
    (Signer("PHÓ GIÁM ĐỐC", "KT.", "GIÁM ĐỐC"), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    (Signer("phó giám đốc", "kt", "giám đốc"), ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    (Signer("GIÁM ĐỐC", "Q."), ("Q. GIÁM ĐỐC", "")),
    (Signer("CHÁNH VĂN PHÒNG", "TL.", "GIÁM ĐỐC"), ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")),
])
def test_signature_lines(signer, lines):
    assert fmt.signature_lines(signer) == lines


def test_placeholders_case_tone_and_braces():
    lookup = fmt.placeholder_lookup({"năm": "2025", "cơ quan": "Sở Nội vụ", "CƠ QUAN": "SỞ NỘI VỤ"})
    assert expand("{năm} {NĂM} { Năm } {cơ quan} {CƠ QUAN} {{năm}} {khác}", lookup) == \
        "2025 2025 2025 Sở Nội vụ SỞ NỘI VỤ {năm} {khác}"


def test_period_phrase():
    assert fmt.period_phrase("quý III", 2025) == "quý III năm 2025"
    assert fmt.period_phrase("6 tháng đầu năm", 2025) == "6 tháng đầu năm 2025"
    assert fmt.period_phrase("năm", 2025) == "năm 2025"
    assert fmt.period_phrase("9 tháng", 2025) == "9 tháng năm 2025"
