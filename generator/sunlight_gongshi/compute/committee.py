"""How a committee's membership runs through its term: its size on the first day, its vacancies,
the days it fell to half, the joins that took it out of its lawful size, and when it ends.

Record format 1.1: the size is checked on the first day of a term; later, a member who leaves
before a by-election opens a vacancy (a warning), not an error, unless the committee falls to
half or fewer of its first-day number (it must be re-elected).  The checks word these values,
the people page shows them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

ONE_DAY = dt.timedelta(days=1)


def serving(roster, day: dt.date) -> list:
    """Members of a roster serving on `day`: from their start (or the term's) to their end."""
    return [m for m in roster.members
            if (m.start or roster.term.start) <= day <= (m.end or roster.term.end)]


@dataclass(frozen=True)
class Vacancy:
    start: dt.date              # the first day with fewer members than the first day of the term
    filled: Optional[dt.date]   # the day the number was back, None while still short
    last: dt.date               # the last day counted: before `filled`, or the reference date or term's end
    days: int                   # length in days, both ends counted
    short: int                  # most seats empty at once
    line: int                   # the `to` line of the member whose leaving opened it


@dataclass(frozen=True)
class Change:
    day: dt.date
    count: int                  # members serving from this day
    line: int                   # the line of the `from`/`to` that made the change


@dataclass(frozen=True)
class Course:
    first: int                          # members serving on the term's first day
    changes: tuple[Change, ...]         # each later day the number changed
    vacancies: tuple[Vacancy, ...]      # those begun on or before the reference date
    halved: tuple[Change, ...]          # the first day of each stretch at half or fewer of `first`
    joined_out_of_size: tuple[Change, ...]   # a join that left more than max, or even where odd is set


def _changes(roster) -> list[Change]:
    term = roster.term
    lines: dict[dt.date, int] = {}
    joins: set[dt.date] = set()
    for member in roster.members:
        if member.start and term.start < member.start <= term.end:
            lines.setdefault(member.start, member.src.at("from"))
            joins.add(member.start)
        if member.end and term.start <= member.end < term.end:
            lines.setdefault(member.end + ONE_DAY, member.src.at("to"))
    changes, before = [], len(serving(roster, term.start))
    for day in sorted(lines):
        count = len(serving(roster, day))
        if count != before:
            changes.append(Change(day, count, lines[day]))
        before = count
    return changes


def _join_lines(roster) -> dict[dt.date, int]:
    return {m.start: m.src.at("from") for m in roster.members
            if m.start and roster.term.start < m.start <= roster.term.end}


def committee_course(roster, size, today: dt.date) -> Course:
    """The course of one committee term; `size` is the policy's `CommitteeSize`."""
    term = roster.term
    first = len(serving(roster, term.start))
    changes = _changes(roster)
    joins = _join_lines(roster)
    vacancies, halved, out_of_size = [], [], []
    before, opened, short, was_halved = first, None, 0, False
    for change in changes:
        if change.count < first and opened is None:
            opened, short = change, 0
        if opened is not None:
            short = max(short, first - change.count)
            if change.count >= first:
                vacancies.append((opened, change.day, short))
                opened = None
        if change.count * 2 <= first and not was_halved:
            halved.append(change)
        was_halved = change.count * 2 <= first
        if change.day in joins and change.count > before and (
                change.count > size.max or (size.odd and change.count % 2 == 0)):
            out_of_size.append(Change(change.day, change.count, joins[change.day]))
        before = change.count
    if opened is not None:
        vacancies.append((opened, None, short))
    return Course(first, tuple(changes), tuple(_vacancy(v, term, today) for v in vacancies if v[0].day <= today),
                  tuple(halved), tuple(out_of_size))


def _vacancy(found, term, today: dt.date) -> Vacancy:
    opened, filled, short = found
    last = filled - ONE_DAY if filled else min(today, term.end)
    if filled and filled > today:
        last = today
    return Vacancy(opened.day, filled if filled and filled <= today else None, last,
                   (last - opened.day).days + 1, short, opened.line)


def size_ok(count: int, size) -> bool:
    return size.min <= count <= size.max and (not size.odd or count % 2 == 1)


def latest_committee(rosters):
    """The committee term that starts last (no later committee term is on record), or None."""
    committees = sorted((r for r in rosters if r.body == "committee" and r.term.start <= r.term.end),
                        key=lambda r: r.term.start)
    return committees[-1] if committees else None


def term_ending(rosters, notice_days: int, today: dt.date):
    """The latest committee term when it ends within `notice_days` of `today` (or has ended) and
    no later committee term is on record; None otherwise."""
    latest = latest_committee(rosters)
    if latest is None:
        return None
    return latest if (latest.term.end - today).days <= notice_days else None


def seats_and_serving(roster, today: dt.date) -> tuple[int, int]:
    """(members serving on the term's first day, members serving on `today`), `today` taken into
    the term: its first day before it begins, its last day once it has ended."""
    day = min(max(today, roster.term.start), roster.term.end)
    return len(serving(roster, roster.term.start)), len(serving(roster, day))
