"""The disclosure calendar (record format section 5.1): which books were due when, and when they came out.

For each account, each calendar period of its kind's cadence, from the period that holds the
later of the account's opening and the first month with a finance file, up to the last period
that ended before the reference date.  A period is disclosed when the file of its last month
has a closing line for the account; the day it was published comes from git history (the
first commit on the published line whose tree had that line), added by `dated`: a build
computes the calendar once, for the checks, and dates it for the site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Mapping, Optional

from .periods import periods, plus_days

ON_TIME, LATE, OVERDUE, PENDING, UNKNOWN = "on_time", "late", "overdue", "pending", "unknown"


@dataclass(frozen=True)
class Period:
    account: str
    kind: str
    period: str                    # 2024-03, 2024-Q1, 2024-H1 or 2024
    last_month: str                # the month whose file discloses the period
    end: dt.date                   # the period's last day
    due: dt.date                   # end + within_days
    published: Optional[dt.date]   # None: not disclosed, or no commit has it (outside git)
    status: str                    # on_time | late | overdue | pending | unknown
    days: Optional[int]            # late: days after due; overdue: days since due; else None


def disclosure_calendar(accounts, books, disclosure, today: dt.date,
                        published: Mapping[tuple[str, str], dt.date] | None = None) -> tuple[Period, ...]:
    """Every period of every account, in account order then period order.

    `books` are the finance month summaries (`BooksSummary`), `disclosure` the policy's
    `Disclosure`, `published` (month, account) -> the day the closing line was first published.
    """
    if not books:
        return ()
    first_month = min(b.month for b in books)
    closed = {(b.month, account) for b in books for account, _amount, _line in b.closings}
    out = []
    for account in accounts:
        every, within = disclosure.every(account.kind), disclosure.within_days(account.kind)
        start = max(account.opened.isoformat()[:7], first_month)
        for label, last_month, end in periods(start, every, today):
            due = plus_days(end, within)
            if (last_month, account.id) not in closed:
                status, days = (OVERDUE, (today - due).days) if due < today else (PENDING, None)
            else:
                status, days = UNKNOWN, None
            out.append(Period(account.id, account.kind, label, last_month, end, due, None, status, days))
    return dated(tuple(out), published) if published else tuple(out)


def dated(calendar: tuple[Period, ...], published: Mapping[tuple[str, str], dt.date] | None) -> tuple[Period, ...]:
    """The calendar with the day each disclosed period was published (`published`: (month, account) ->
    the day its closing line was first published), on time or late by its due day."""
    if not published:
        return calendar
    out = []
    for period in calendar:
        day = published.get((period.last_month, period.account)) if period.status == UNKNOWN else None
        if day is None:
            out.append(period)
        elif day <= period.due:
            out.append(replace(period, published=day, status=ON_TIME))
        else:
            out.append(replace(period, published=day, status=LATE, days=(day - period.due).days))
    return tuple(out)


def _latest(calendar: tuple[Period, ...]) -> dict[str, Period]:
    """Each account's latest period that is due (pending ones are not yet)."""
    latest: dict[str, Period] = {}
    for p in calendar:
        if p.status != PENDING:
            latest[p.account] = p
    return latest


def worst_current(calendar: tuple[Period, ...]) -> Optional[Period]:
    """What the home page reports: the longest overdue period; else the latest period of an
    account when it came out late (the most days); None otherwise.  Ties go to the first in
    account order."""
    overdue = [p for p in calendar if p.status == OVERDUE]
    if overdue:
        return max(overdue, key=lambda p: p.days)
    late = [p for p in _latest(calendar).values() if p.status == LATE]
    return max(late, key=lambda p: p.days) if late else None


def all_on_time(calendar: tuple[Period, ...]) -> bool:
    """Whether every account's latest due period was published on time (False when none is due,
    or when publication days are unknown, outside git)."""
    latest = _latest(calendar)
    return bool(latest) and all(p.status == ON_TIME for p in latest.values())
