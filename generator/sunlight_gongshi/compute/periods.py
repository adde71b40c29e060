"""Periods counted as the Civil Code counts them (arts. 201–202), and the calendar periods of disclosure.

A period of years or months starts the day after the event (art. 201: the first day is not
counted) and ends on the corresponding day of its last month; when that month has no such
day, on the month's last day (art. 202).  Art. 203 (a period ending on a statutory holiday
runs to the next working day) needs the State Council's holiday calendar of each year, which
no record holds: the site says so where it shows such a day.
"""

from __future__ import annotations

import calendar
import datetime as dt

EVERY_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_end(start: dt.date, years: int = 0, months: int = 0) -> dt.date:
    """The last day of a period of `years` and `months` counted from the event on `start`
    (the calendar's last or first day when it would end outside years 1–9999)."""
    total = start.year * 12 + start.month - 1 + years * 12 + months
    year, month = divmod(total, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))


def plus_days(day: dt.date, days: int) -> dt.date:
    """`day` + `days`, or the calendar's last day when that is past year 9999."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def _index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def period_label(first_month: str, every: str) -> str:
    """How a period is written: 2024-03 (month), 2024-Q1, 2024-H1, or 2024 (year)."""
    year, number = first_month[:4], int(first_month[5:7])
    if every == "month":
        return first_month
    if every == "quarter":
        return f"{year}-Q{(number - 1) // 3 + 1}"
    if every == "half_year":
        return f"{year}-H{(number - 1) // 6 + 1}"
    return year


def period_start(month: str, every: str) -> str:
    """The first month of the calendar period of `every` that holds `month`."""
    size = EVERY_MONTHS[every]
    index = _index(month)
    return _month(index - index % 12 % size)


def periods(first: str, every: str, ended_before: dt.date) -> list[tuple[str, str, dt.date]]:
    """(label, last month, last day) of each period from the one holding month `first` up to the
    last one that ended before `ended_before`."""
    size = EVERY_MONTHS[every]
    out = []
    index = _index(period_start(first, every))
    while True:
        last = _month(index + size - 1)
        end = month_end(int(last[:4]), int(last[5:7]))
        if end >= ended_before:
            return out
        out.append((period_label(_month(index), every), last, end))
        index += size
