"""The new deadline of a công văn đôn đốc (derive.reminders): working days skip Saturdays and
Sundays (holidays are not counted, and say so), a date set in ThongTin wins unless stale."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.derive.reminders import new_deadline, working_days_after

D = dt.date


@pytest.mark.parametrize(("start", "days", "due"), [
    (D(2024, 9, 9), 3, D(2024, 9, 12)),  # Monday → Thursday
    (D(2024, 9, 12), 3, D(2024, 9, 17)),  # Thursday → Tuesday, over the weekend
    (D(2024, 9, 14), 1, D(2024, 9, 16)),  # a Saturday's công văn: Monday
    (D(2024, 12, 27), 5, D(2025, 1, 3)),  # across the year
    (D(2024, 4, 29), 3, D(2024, 5, 2)),  # 30/4 and 1/5 are holidays, but not counted: said in the docstring
    (D(2024, 9, 12), 0, D(2024, 9, 12)),
])
def test_working_days(start, days, due):
    assert working_days_after(start, days) == due


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 1, 1)), st.integers(min_value=1, max_value=60))
def test_working_days_land_on_a_weekday_and_count_exactly(start, days):
    due = working_days_after(start, days)
    assert due.weekday() < 5
    between = [start + dt.timedelta(k) for k in range(1, (due - start).days + 1)]
    assert sum(d.weekday() < 5 for d in between) == days


@pytest.mark.parametrize(("setting", "first", "date", "stale"), [
    (None, D(2024, 9, 10), D(2024, 9, 17), None),  # nothing set: 3 working days
    (D(2024, 9, 20), D(2024, 9, 10), D(2024, 9, 20), None),  # set: used
    (D(2024, 6, 20), D(2024, 9, 10), D(2024, 9, 17), D(2024, 6, 20)),  # before the missed deadline: last period's
    (D(2024, 9, 11), None, D(2024, 9, 17), D(2024, 9, 11)),  # before the công văn itself
])
def test_new_deadline(setting, first, date, stale):
    found = new_deadline(setting, 3, D(2024, 9, 12), first)
    assert (found.date, found.stale) == (date, stale)
