"""The new deadline a công văn đôn đốc gives the units it reminds ("đề nghị … gửi … trước ngày
…"): the date set in ThongTin, else a number of working days after the công văn's date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SATURDAY = 5  # dt.date.weekday(): Monday 0 … Sunday 6


def working_days_after(start: dt.date, days: int) -> dt.date:
    """The day `days` working days after `start`, skipping Saturdays and Sundays. Public
    holidays (Tết, 30/4, 2/9 …) are NOT counted: they move every year and the workbook does
    not list them, so a clerk reminding around a holiday sets the date in ThongTin instead."""
    day = start
    left = max(0, days)
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < SATURDAY:
            left -= 1
    return day


@dataclass(frozen=True)
class NewDeadline:
    date: dt.date
    stale: dt.date | None = None  # the date set in ThongTin, not used: not after the first deadline


def new_deadline(setting: dt.date | None, days: int, base: dt.date, first: dt.date | None) -> NewDeadline:
    """`setting` when it comes after `first` (the deadline the units missed) and after `base`
    (the công văn's date); else `days` working days after `base`. A setting that does not is
    most likely last period's, left in ThongTin: it is reported, not printed."""
    computed = working_days_after(base, days)
    if setting is None:
        return NewDeadline(computed)
    if setting <= base or (first is not None and setting <= first):
        return NewDeadline(computed, stale=setting)
    return NewDeadline(setting)
