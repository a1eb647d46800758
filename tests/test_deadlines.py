import calendar
import datetime as dt
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pipeline.derive.deadlines import Deadline, parse_deadline, periodic_report, task_deadline
from pipeline.formatting import deadline_label
from pipeline.model import DeadlineKind, DeadlineType

DATE, RECURRING, CONDITIONAL, UNKNOWN = (DeadlineKind.DATE, DeadlineKind.RECURRING, DeadlineKind.CONDITIONAL,
                                         DeadlineKind.UNKNOWN)

PLAN_YEAR = 2024
D = dt.date

# (text, kind, due, years); every phrase is parsed with plan_year=2024.
CASES = [
    # dates: the end of the stated period
    ("Quý II/2024", DATE, D(2024, 6, 30), (2024,)),
    ("Quý 2/2024", DATE, D(2024, 6, 30), (2024,)),
    ("Tháng 01/2024", DATE, D(2024, 1, 31), (2024,)),
    ("Trong năm 2024", DATE, D(2024, 12, 31), (2024,)),
    ("Năm 2024", DATE, D(2024, 12, 31), (2024,)),
    ("2025", DATE, D(2025, 12, 31), (2025,)),
    ("Trong năm 2023", DATE, D(2023, 12, 31), (2023,)),
    ("Trước ngày 30/6/2024", DATE, D(2024, 6, 30), (2024,)),
    ("30/11/2025", DATE, D(2025, 11, 30), (2025,)),
    ("6 tháng đầu năm 2024", DATE, D(2024, 6, 30), (2024,)),
    ("6 tháng cuối năm 2024", DATE, D(2024, 12, 31), (2024,)),
    ("Quí IV-2025", DATE, D(2025, 12, 31), (2025,)),
    ("Quý III Năm 2026", DATE, D(2026, 9, 30), (2026,)),
    ("Tháng 6/2024", DATE, D(2024, 6, 30), (2024,)),
    ("Tháng 06/2026", DATE, D(2026, 6, 30), (2026,)),
    ("Quý IV/2025 - Quý II/2026", DATE, D(2026, 6, 30), (2025, 2026)),
    ("Quý IV/2025- Quý II/2026", DATE, D(2026, 6, 30), (2025, 2026)),
    ("Năm 2025-2030", DATE, D(2030, 12, 31), (2025, 2030)),
    ("2026 - 2030", DATE, D(2030, 12, 31), (2026, 2030)),
    ("Giai đoạn 2026\n - 2030", DATE, D(2030, 12, 31), (2026, 2030)),
    ("Trước năm 2030", DATE, D(2029, 12, 31), (2030,)),
    ("Quý II", DATE, D(2024, 6, 30), ()),
    ("Tháng 5", DATE, D(2024, 5, 31), ()),
    ("Tháng 12 hằng năm", DATE, D(2024, 12, 31), ()),
    ("Tháng 12/2025", DATE, D(2025, 12, 31), (2025,)),
    ("Tháng 11/2025", DATE, D(2025, 11, 30), (2025,)),
    ("01/01/2026", DATE, D(2026, 1, 1), (2026,)),
    ("31/12/2025", DATE, D(2025, 12, 31), (2025,)),
    ("Trước ngày 30/11/2025", DATE, D(2025, 11, 30), (2025,)),
    ("Quý IV/2025", DATE, D(2025, 12, 31), (2025,)),
    ("Năm 2026", DATE, D(2026, 12, 31), (2026,)),
    # tolerance: case, NFD, extra spaces, trailing punctuation, other separators
    ("  QUÝ  ii / 2024 .", DATE, D(2024, 6, 30), (2024,)),
    (unicodedata.normalize("NFD", "Quý II năm 2024"), DATE, D(2024, 6, 30), (2024,)),
    ("Tháng 6 năm 2024;", DATE, D(2024, 6, 30), (2024,)),
    ("ngày 30 tháng 6 năm 2024", DATE, D(2024, 6, 30), (2024,)),
    ("Quý I – Quý II/2024", DATE, D(2024, 6, 30), (2024,)),
    ("Tháng 10-12/2024", DATE, D(2024, 12, 31), (2024,)),
    ("Trước Quý III/2024", DATE, D(2024, 6, 30), (2024,)),
    ("2025-11-30 00:00:00", DATE, D(2025, 11, 30), (2025,)),
    ("Theo tiến độ, hoàn thành trong Quý II/2024", DATE, D(2024, 6, 30), (2024,)),
    ("Quý II/2024 (theo Quyết định số 1117/QĐ-UBND ngày 19/5/2023)", DATE, D(2024, 6, 30), (2024,)),
    # recurring
    ("Thường xuyên", RECURRING, None, ()),
    ("Thường xuyên trong năm 2024", RECURRING, None, (2024,)),
    ("Thường xuyên, hằng năm", RECURRING, None, ()),
    ("Nhiệm vụ thường xuyên", RECURRING, None, ()),
    ("Thực hiện thường xuyên, liên tục", RECURRING, None, ()),
    ("Hằng quý", RECURRING, None, ()),
    ("Hàng quý", RECURRING, None, ()),
    ("Hằng năm", RECURRING, None, ()),
    ("Hàng năm", RECURRING, None, ()),
    ("Hằng tháng", RECURRING, None, ()),
    ("Định kỳ", RECURRING, None, ()),
    ("Quý I, II, III, IV/2024", RECURRING, None, (2024,)),
    ("Bắt đầu triển khai từ năm 2026", RECURRING, None, (2026,)),
    # conditional
    ("Sau khi đề án được phê duyệt", CONDITIONAL, None, ()),
    ("Sau khi có Quy chế của TW", CONDITIONAL, None, ()),
    ("Khi có chỉ đạo của UBND tỉnh", CONDITIONAL, None, ()),
    ("Khi có hướng dẫn của Bộ Nội vụ", CONDITIONAL, None, ()),
    ("Theo tiến độ triển khai của UBND tỉnh, khi có thêm hướng dẫn của Bộ", CONDITIONAL, None, ()),
    ("Theo tiến độ của UBND tỉnh", CONDITIONAL, None, ()),
    ("Theo tiến độ của cấp có thẩm quyền giao", CONDITIONAL, None, ()),
    ("Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW", CONDITIONAL, None, ()),
    ("Theo quy định", CONDITIONAL, None, ()),
    ("Theo kế hoạch", CONDITIONAL, None, ()),
    ("Theo Kế hoạch riêng", CONDITIONAL, None, ()),
    (
        "Theo Quyết định số 1117/QĐ-UBND ngày 19/5/2023 và Quyết định số 2426/QĐ-UBND "
        "ngày 11/10/2023 của UBND tỉnh",
        CONDITIONAL,
        None,
        (),
    ),
    ("Căn cứ Nghị định số 62/2020/NĐ-CP ngày 01/8/2020", CONDITIONAL, None, ()),
    ("Theo Nghị định 30/2020/NĐ-CP", CONDITIONAL, None, ()),
    ("Tùy tình hình thực tế", CONDITIONAL, None, ()),
    # unknown
    ("", UNKNOWN, None, ()),
    ("   \n ", UNKNOWN, None, ()),
    ("\x00\x1f", UNKNOWN, None, ()),
    ("Hoàn thành sớm", UNKNOWN, None, ()),
    ("số 12832/CTr-UBND ngày 23/12/2022", UNKNOWN, None, ()),
    ("Năm 99999", UNKNOWN, None, ()),
    ("Năm 1800", UNKNOWN, None, ()),
    ("Năm 2300", UNKNOWN, None, ()),
    ("Tháng 13/2024", UNKNOWN, None, (2024,)),
    ("32/13/2024", UNKNOWN, None, (2024,)),
    ("31/02/2024", UNKNOWN, None, (2024,)),
    ("Quý V/2024", UNKNOWN, None, (2024,)),
    ("Quý II/24", UNKNOWN, None, ()),
]


@pytest.mark.parametrize(("text", "kind", "due", "years"), CASES, ids=[c[0][:40] for c in CASES])
def test_phrases(text, kind, due, years):
    result = parse_deadline(text, PLAN_YEAR)
    assert (result.kind, result.due, result.years) == (kind, due, years)


def test_start_and_text():
    assert parse_deadline("Bắt đầu triển khai từ năm 2026", 2025).start == D(2026, 1, 1)
    ranged = parse_deadline("Từ năm 2025 đến năm 2030", 2025)
    assert (ranged.kind, ranged.due, ranged.start) == (DATE, D(2030, 12, 31), D(2025, 1, 1))
    assert parse_deadline("Quý II/2024", 2024).start is None
    assert parse_deadline(unicodedata.normalize("NFD", " Giai đoạn\n 2026 -  2030 "), 2024).text == (
        "Giai đoạn 2026 - 2030"
    )


def test_yearless_periods_follow_plan_year():
    assert parse_deadline("Quý II", 2026).due == D(2026, 6, 30)
    assert parse_deadline("Tháng 12 hằng năm", 2026).due == D(2026, 12, 31)
    assert parse_deadline("Quý II", 99999).kind == UNKNOWN  # no crash on an absurd plan year


@pytest.mark.parametrize(
    ("due", "label"),
    [
        (D(2024, 6, 30), "30/6/2024"),
        (D(2024, 1, 31), "31/01/2024"),
        (D(2025, 2, 5), "05/02/2025"),
        (D(2025, 12, 31), "31/12/2025"),
        (D(2025, 3, 1), "01/3/2025"),
    ],
)
def test_date_label(due, label):
    assert deadline_label(Deadline(DATE, due, (due.year,))) == label


def test_other_labels():
    assert deadline_label(parse_deadline("Thường xuyên", 2024)) == "thường xuyên"
    assert deadline_label(parse_deadline("Theo quy định", 2024)) == "chờ điều kiện"
    assert deadline_label(parse_deadline("???", 2024)) == "không xác định"


# --- properties ---

# Fragments that reach every branch of the parser, mixed with arbitrary text.
# fmt: off
_FRAGMENTS = [
    "Quý", "Quí", "II", "IV", "V", "2", "/", "-", "–", ",", "và", "năm", "Năm", "tháng", "Tháng",
    "ngày", "Trước", "trước", "từ", "Bắt đầu", "6 tháng đầu năm", "cuối", "hằng năm", "Hàng quý",
    "Thường xuyên", "Theo", "Sau khi", "số 1117/QĐ-UBND", "ngày 19/5/2023", "2024", "2030", "1899",
    "99999", "13", "30/6/2024", "32/13/2024", "2025-11-30", "\x00", "\u0301", "\n", "ı", "ß", "İ",
]
# fmt: on
soup = st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=5), max_size=8).map(" ".join)
any_text = st.text() | soup
plan_years = st.integers(min_value=1900, max_value=2200)


def _fields(d: Deadline):
    return d.kind, d.due, d.years, d.start


@given(st.text() | soup, st.integers())
@example("Năm 99999", 2024)
@example("\x00\u0301", 2024)
def test_never_raises(text, plan_year):
    result = parse_deadline(text, plan_year)
    assert result.kind in (DATE, RECURRING, CONDITIONAL, UNKNOWN)
    assert isinstance(deadline_label(result), str)


@given(any_text, plan_years)
def test_due_iff_date_and_year_is_stated(text, plan_year):
    result = parse_deadline(text, plan_year)
    assert (result.kind == DATE) == (result.due is not None)
    assert list(result.years) == sorted(set(result.years))
    if result.due is not None:
        allowed = {*result.years, plan_year}
        if result.due.year not in allowed:
            # only "trước <period>" may end the year before a stated (or the plan's) year
            assert result.due.year + 1 in allowed
            assert "trước" in unicodedata.normalize("NFC", text).casefold()


@given(any_text, plan_years)
def test_stable_under_nfd_and_case(text, plan_year):
    base = parse_deadline(text, plan_year)
    assert parse_deadline(unicodedata.normalize("NFD", text), plan_year) == base
    assert _fields(parse_deadline(text.upper(), plan_year)) == _fields(base)
    assert _fields(parse_deadline(text.lower(), plan_year)) == _fields(base)


_ROMAN = ["I", "II", "III", "IV"]


@given(
    st.integers(1, 4),
    st.integers(1900, 2200),
    st.sampled_from(["Quý", "Quí", "quý", "QUÝ"]),
    st.booleans(),
    st.sampled_from(["/", "-", " năm ", " / ", " - ", " Năm "]),
    plan_years,
)
def test_generated_quarters(quarter, year, word, roman, sep, plan_year):
    number = _ROMAN[quarter - 1] if roman else str(quarter)
    result = parse_deadline(f"{word} {number}{sep}{year}", plan_year)
    last_month = 3 * quarter
    assert result.kind == DATE
    assert result.due == D(year, last_month, calendar.monthrange(year, last_month)[1])
    assert result.years == (year,)


@given(
    st.integers(1, 12),
    st.integers(1900, 2200),
    st.booleans(),
    st.sampled_from(["/", "-", " năm ", " / "]),
    plan_years,
)
def test_generated_months(month, year, zero_pad, sep, plan_year):
    number = f"{month:02d}" if zero_pad else str(month)
    result = parse_deadline(f"Tháng {number}{sep}{year}", plan_year)
    assert result.kind == DATE
    assert result.due == D(year, month, calendar.monthrange(year, month)[1])
    assert result.years == (year,)


@pytest.mark.parametrize(
    ("text", "kind", "due", "start"),
    [
        ("Từ quý II đến quý IV/2024", DATE, dt.date(2024, 12, 31), dt.date(2024, 4, 1)),
        ("Từ tháng 3 đến tháng 9 năm 2024", DATE, dt.date(2024, 9, 30), dt.date(2024, 3, 1)),
        ("Từ tháng 01 - tháng 6/2024", DATE, dt.date(2024, 6, 30), dt.date(2024, 1, 1)),
        ("Quý I và Quý II/2024", DATE, dt.date(2024, 6, 30), None),
        ("Quý II, III, IV/2024", RECURRING, None, None),
        ("31/12", DATE, dt.date(2024, 12, 31), None),
        ("Trước 15/10", DATE, dt.date(2024, 10, 15), None),
    ],
)
def test_ranges_pairs_and_days_without_a_year(text, kind, due, start):
    d = parse_deadline(text, 2024)
    assert (d.kind, d.due, d.start) == (kind, due, start)


# --- a task's deadline: "Loại thời hạn" over the parse, "Theo quy định" on periodic reports ---

ONCE, EVERY, WAITS = DeadlineType.ONCE, DeadlineType.RECURRING, DeadlineType.CONDITIONAL
REPORT = "Báo cáo kết quả công tác CCHC định kỳ"

# (deadline text, task text, override, kind, due)
TASK_CASES = [
    # the bundled plan's NV30: a report made every period, "Theo quy định"
    ("Theo quy định", REPORT, None, RECURRING, None),
    ("theo đúng quy định", "Thực hiện chế độ báo cáo hằng quý về CCHC", None, RECURRING, None),
    ("Theo quy định của UBND tỉnh", "Báo cáo 6 tháng, năm về kiểm soát TTHC", None, RECURRING, None),
    (unicodedata.normalize("NFD", "THEO QUY ĐỊNH"), unicodedata.normalize("NFD", REPORT), None, RECURRING, None),
    # not a periodic report: "Theo quy định" still waits on the rules
    ("Theo quy định", "Xây dựng văn bản quy phạm pháp luật", None, CONDITIONAL, None),
    ("Theo quy định", "Báo cáo kết quả thực hiện Đề án", None, CONDITIONAL, None),
    ("Theo tiến độ của UBND tỉnh", REPORT, None, CONDITIONAL, None),  # only "Theo quy định" is read so
    ("Quý II/2024", REPORT, None, DATE, D(2024, 6, 30)),  # a stated date stays a date
    # the clerk's Loại thời hạn wins over the text
    ("Theo quy định", "Xây dựng văn bản quy phạm pháp luật", EVERY, RECURRING, None),
    ("Quý II/2024", "Ban hành kế hoạch", EVERY, RECURRING, None),
    ("Trong năm 2024", "Ban hành kế hoạch", WAITS, CONDITIONAL, None),
    ("Theo quy định", REPORT, WAITS, CONDITIONAL, None),
    ("Quý II/2024", "Ban hành kế hoạch", ONCE, DATE, D(2024, 6, 30)),
    ("Theo quy định", REPORT, ONCE, DATE, D(2024, 12, 31)),  # one-off without a date: by the year's end
    ("Thường xuyên", "Cập nhật cơ sở dữ liệu", ONCE, DATE, D(2024, 12, 31)),
    ("", "Ban hành kế hoạch", ONCE, DATE, D(2024, 12, 31)),
]


@pytest.mark.parametrize(("text", "task", "override", "kind", "due"), TASK_CASES,
                         ids=[f"{c[0][:20]}|{c[1][:20]}|{c[2]}" for c in TASK_CASES])
def test_task_deadlines(text, task, override, kind, due):
    result = task_deadline(text, PLAN_YEAR, task, override)
    assert (result.kind, result.due) == (kind, due)
    assert result.text == parse_deadline(text, PLAN_YEAR).text


def test_periodic_report_words():
    assert periodic_report(REPORT) and periodic_report("Báo cáo tình hình hằng tháng")
    assert not periodic_report("Báo cáo kết quả thực hiện Đề án")  # a report, but once
    assert not periodic_report("Kiểm tra định kỳ công tác CCHC")  # periodic, but no report


@given(any_text, any_text, plan_years)
def test_task_deadline_overrides(text, task, plan_year):
    base = parse_deadline(text, plan_year)
    assert task_deadline(text, plan_year, task, EVERY).kind == RECURRING
    assert task_deadline(text, plan_year, task, WAITS).kind == CONDITIONAL
    once = task_deadline(text, plan_year, task, ONCE)
    assert once.kind == DATE and once.due == (base.due or D(plan_year, 12, 31))
    plain = task_deadline(text, plan_year, task)
    # without an override only conditional "Theo quy định" may change, and only to recurring
    assert plain == base or (base.kind == CONDITIONAL and plain.kind == RECURRING and periodic_report(task))
    for d in (plain, once, task_deadline(text, plan_year, task, EVERY)):
        assert (d.kind == DATE) == (d.due is not None)
