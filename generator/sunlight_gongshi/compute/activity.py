"""What the committees did, as figures: requests from receipt to resolution, activity totals,
meetings per body, pledges kept month by month, and who answers for each unit.

Days to resolve are counted for resolved requests only (a declined one was answered, not
solved).  The median of an even count is the mean of the middle two; the 90th percentile is
the nearest rank: the smallest value with at least 90% of the values at or below it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from ..model.activity import CLOSED_STATUSES, Activity, ActivityMonth, Meeting, Request, RequestMonth
from ..model.community import Roster


def days_taken(request: Request) -> Optional[int]:
    """Days from receipt to resolution (or to the answer that declined it); None while open."""
    if request.status not in CLOSED_STATUSES or request.resolved is None:
        return None
    return (request.resolved - request.received).days


def median(values: list[int]) -> Optional[Fraction]:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Fraction(ordered[middle])
    return Fraction(ordered[middle - 1] + ordered[middle], 2)


def nearest_rank(values: list[int], percent: int) -> Optional[int]:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * percent / 100)) - 1]


@dataclass(frozen=True)
class RequestStats:
    """Requests received in one year (and category, or all of them when `category` is None)."""

    year: str
    category: Optional[str]
    received: int
    resolved: int
    declined: int
    open: int
    median_days: Optional[Fraction]
    p90_days: Optional[int]


def request_stats(requests: list[Request]) -> list[RequestStats]:
    """Per year, a row for all requests followed by one per category (categories by name)."""
    groups: dict[tuple[str, Optional[str]], list[Request]] = defaultdict(list)
    for request in requests:
        year = str(request.received.year)
        groups[(year, None)].append(request)
        groups[(year, request.category)].append(request)
    rows = []
    for (year, category), group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] is not None, kv[0][1] or "")):
        days = [days_taken(r) for r in group if r.status == "resolved"]
        rows.append(RequestStats(year, category, len(group), sum(r.status == "resolved" for r in group),
                                 sum(r.status == "declined" for r in group),
                                 sum(r.status not in CLOSED_STATUSES for r in group),
                                 median(days), nearest_rank(days, 90)))
    return rows


@dataclass(frozen=True)
class OpenRequest:
    request: Request
    month: str          # the file it is kept in
    days_open: int      # as of the reference date


def open_requests(months: tuple[RequestMonth, ...], today: dt.date) -> list[OpenRequest]:
    """Requests not yet resolved or declined, the oldest first."""
    found = [OpenRequest(r, m.month, max(0, (today - r.received).days))
             for m in months for r in m.requests if r.status not in CLOSED_STATUSES]
    return sorted(found, key=lambda o: (o.request.received, o.request.id))


RECENT_DAYS = 365   # a closed request stays on its unit's page for a year after it was closed


@dataclass(frozen=True)
class UnitRequest:
    request: Request
    days: Optional[int]   # waited so far (open) or taken (closed); None for a closed one without a date
    open: bool


def requests_by_unit(requests: tuple[Request, ...], today: dt.date) -> dict[str, tuple[UnitRequest, ...]]:
    """Each unit's requests as its page lists them: every open one (the oldest first), then those
    closed in the last year (the most recently closed first)."""
    since = today - dt.timedelta(days=RECENT_DAYS)
    waiting: dict[str, list[UnitRequest]] = defaultdict(list)
    closed: dict[str, list[tuple[dt.date, UnitRequest]]] = defaultdict(list)
    for r in requests:
        if not r.unit:
            continue
        if r.status not in CLOSED_STATUSES:
            waiting[r.unit].append(UnitRequest(r, max(0, (today - r.received).days), True))
            continue
        ended = r.resolved or r.received
        if ended >= since:
            closed[r.unit].append((ended, UnitRequest(r, days_taken(r), False)))
    units = set(waiting) | set(closed)
    return {unit: tuple(sorted(waiting[unit], key=lambda u: (u.request.received, u.request.id)))
            + tuple(u for _, u in sorted(closed[unit], key=lambda c: (c[0], c[1].request.id), reverse=True))
            for unit in units}


@dataclass(frozen=True)
class Total:
    """A summed count; `at_least` when any count in it was a lower bound ("300 余")."""

    count: int
    at_least: bool


@dataclass(frozen=True)
class ActivityYear:
    year: str
    rows: tuple[tuple[str, str, Total], ...]     # (kind, by, total), by kind then by
    by_kind: tuple[tuple[str, Total], ...]       # kind totals, in the format's order of kinds


def _add(total: Total | None, activity: Activity) -> Total:
    if total is None:
        return Total(activity.count, activity.at_least)
    return Total(total.count + activity.count, total.at_least or activity.at_least)


def activity_years(months: tuple[ActivityMonth, ...], kinds: tuple[str, ...]) -> list[ActivityYear]:
    rows: dict[str, dict[tuple[str, str], Total]] = defaultdict(dict)
    per_kind: dict[str, dict[str, Total]] = defaultdict(dict)
    for month in months:
        for activity in month.activities:
            year = str(activity.date.year)
            key = (activity.kind, activity.by)
            rows[year][key] = _add(rows[year].get(key), activity)
            per_kind[year][activity.kind] = _add(per_kind[year].get(activity.kind), activity)
    order = {kind: i for i, kind in enumerate(kinds)}
    return [ActivityYear(year,
                         tuple((kind, by, total) for (kind, by), total
                               in sorted(rows[year].items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))),
                         tuple((kind, per_kind[year][kind]) for kind in kinds if kind in per_kind[year]))
            for year in sorted(rows)]


def meetings_per_year(meetings: tuple[Meeting, ...], bodies: tuple[str, ...]) -> list[tuple[str, tuple[tuple[str, int], ...]]]:
    """(year, ((body, number of meetings), …)) with bodies in the format's order, years in order."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for meeting in meetings:
        counts[str(meeting.date.year)][meeting.body] += 1
    return [(year, tuple((body, counts[year][body]) for body in bodies if counts[year][body]))
            for year in sorted(counts)]


@dataclass(frozen=True)
class Pledge:
    name: str
    body: str                        # the roster's body
    roster: str                      # the roster's name
    pledge: str
    months: tuple[tuple[str, int], ...]   # each month of the year with the number of deeds recorded
    # each month of the year with its deeds as (date, note), in the order of their dates (format 1.2:
    # each deed's date and note under the pledge it keeps)
    deeds: tuple[tuple[str, tuple[tuple[dt.date, Optional[str]], ...]], ...] = ()


def pledges(rosters: tuple[Roster, ...], months: tuple[ActivityMonth, ...], year: int) -> list[Pledge]:
    """Every member with a pledge serving at some time in `year`, with their deeds month by month."""
    kept: dict[tuple[str, str], list[tuple[dt.date, Optional[str]]]] = defaultdict(list)
    for month in months:
        for activity in month.activities:
            if activity.kind == "deed" and activity.date.year == year:
                kept[(activity.by, activity.date.isoformat()[:7])].append((activity.date, activity.note))
    deeds = {key: tuple(sorted(found, key=lambda deed: deed[0])) for key, found in kept.items()}
    found = []
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for roster in sorted(rosters, key=lambda r: (r.term.start, r.name)):
        for member in roster.members:
            start, end = member.start or roster.term.start, member.end or roster.term.end
            if member.pledge and start <= last and end >= first:
                of_months = tuple((f"{year}-{m:02d}", deeds.get((member.name, f"{year}-{m:02d}"), ()))
                                  for m in range(1, 13))
                found.append(Pledge(member.name, roster.body, roster.name, member.pledge,
                                    tuple((month, len(done)) for month, done in of_months), of_months))
    return found


def answering_for(rosters: tuple[Roster, ...], unit: str, today: dt.date) -> list[tuple[str, str, str]]:
    """(name, title or role, body) of the office holders who answer for `unit` on `today`:
    those whose `covers` names it, and unit heads who live in it."""
    found = []
    for roster in rosters:
        if not roster.term.start <= today <= roster.term.end:
            continue
        for member in roster.members:
            start, end = member.start or roster.term.start, member.end or roster.term.end
            if not start <= today <= end:
                continue
            if unit in member.covers or (roster.body == "unit_heads" and member.unit == unit):
                found.append((member.name, member.title or member.role, roster.body))
    return found
