"""Every figure the site shows, computed once from the records by the pure compute functions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ..model.decisions import Decision
from ..model.activity import ACTIVITY_KINDS, MEETING_BODIES, Meeting, Request
from ..model.finance import Entry
from .activity import (ActivityYear, OpenRequest, Pledge, RequestStats, activity_years, meetings_per_year,
                       open_requests, pledges, request_stats, requests_by_unit, UnitRequest)
from .balances import MonthRow, balances, in_out, month_rows, spent_by_decision
from .committee import Course, committee_course, term_ending
from .disclosure import Period, all_on_time, dated, disclosure_calendar, worst_current
from .periods import period_end
from .rankings import MonthRanking, YearRanking, rankings
from .reviews import ReviewFigures, review_figures
from .votes import Outcome, outcome


@dataclass(frozen=True)
class Campaign:
    account: str
    target: Decimal
    raised: Decimal     # money in, contributions
    spent: Decimal      # money out
    share: Decimal      # raised / target, in percent with one decimal


@dataclass(frozen=True)
class Figures:
    balances: dict[str, Decimal]
    month_rows: tuple[MonthRow, ...]
    outcomes: dict[str, Outcome | None]
    spent: dict[str, Decimal]
    entries_by_decision: dict[str, tuple[tuple[str, Entry], ...]]   # decision -> (month, entry)
    campaigns: tuple[Campaign, ...]
    monthly: tuple[MonthRanking, ...]
    yearly: tuple[YearRanking, ...]
    reference_date: dt.date            # "today" for the site (section 5.1, `compute.reference`)
    work: Work                         # meetings, requests, the activity log, pledges
    disclosure: tuple[Period, ...] = ()                  # the disclosure calendar, every account
    committees: dict[str, Course] = field(default_factory=dict)   # roster path -> its committee's course
    term_ending: object = None                           # the committee Roster whose term ends with no next one
    emergency_uses: tuple[tuple[str, Entry], ...] = ()   # (month, entry) paid from a maintenance fund in an emergency
    court_windows: dict[str, dt.date] = field(default_factory=dict)   # owners' assembly decision -> last day to sue
    reviews: ReviewFigures = field(default_factory=ReviewFigures)   # the supervisors' reviews of the books

    @property
    def worst_disclosure(self) -> Period | None:
        return worst_current(self.disclosure)

    @property
    def disclosed_on_time(self) -> bool:
        return all_on_time(self.disclosure)

    def passed(self, decision: Decision) -> bool | None:
        result = self.outcomes.get(decision.id)
        return None if result is None else result.passed


@dataclass(frozen=True)
class Work:
    """What the committees did besides money, as the site shows it."""

    requests: tuple[Request, ...]                      # every request, by month received
    request_stats: tuple[RequestStats, ...]
    open_requests: tuple[OpenRequest, ...]             # oldest first
    activity_years: tuple[ActivityYear, ...]
    meetings_per_year: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    meeting_of: dict[str, Meeting]                     # decision id -> the meeting that took it
    requests_by_entry: dict[str, tuple[Request, ...]]
    requests_by_decision: dict[str, tuple[Request, ...]]
    award_payments: dict[tuple[str, str], tuple[tuple[str, str, Entry], ...]]  # (year, unit) -> (month, entry id, entry)
    pledges: tuple[Pledge, ...]                        # for the reference date's year
    requests_by_unit: dict[str, tuple[UnitRequest, ...]] = field(default_factory=dict)  # open, then closed this past year


def _work(records, today: dt.date) -> Work:
    requests = tuple(r for m in records.requests for r in m.requests)
    by_entry: dict[str, list] = defaultdict(list)
    by_decision: dict[str, list] = defaultdict(list)
    for request in requests:
        if request.entry:
            by_entry[request.entry].append(request)
        if request.decision:
            by_decision[request.decision].append(request)
    awards: dict[tuple[str, str], list] = defaultdict(list)
    for books in records.months:
        for entry in books.entries:
            if entry.award is not None:
                awards[(str(entry.award.year), entry.award.unit)].append((books.month, entry.id, entry))
    return Work(
        requests=requests,
        request_stats=tuple(request_stats(list(requests))),
        open_requests=tuple(open_requests(records.requests, today)),
        activity_years=tuple(activity_years(records.activities, ACTIVITY_KINDS)),
        meetings_per_year=tuple(meetings_per_year(records.meetings, MEETING_BODIES)),
        meeting_of={d: m for m in records.meetings for d in m.outcomes},
        requests_by_entry={k: tuple(v) for k, v in by_entry.items()},
        requests_by_decision={k: tuple(v) for k, v in by_decision.items()},
        award_payments={k: tuple(v) for k, v in awards.items()},
        pledges=tuple(pledges(records.rosters, records.activities, today.year)),
        requests_by_unit=requests_by_unit(requests, today),
    )


def court_window(decision: Decision) -> dt.date | None:
    """The last day an owner may ask a court to revoke an owners' assembly decision: one year
    from the day it was made known (Civil Code art. 280; counted per arts. 201–202 from `published`)."""
    if decision.body != "owners_assembly" or decision.published is None:
        return None
    return period_end(decision.published, years=1)


def direct(function, *args):
    """Call `function` (how `compute` runs each piece when nothing is reused)."""
    return function(*args)


def compute(records, today: dt.date, published=None, call: Callable = direct, calendar=None, revised=()) -> Figures:
    """`today` is the reference date; `published` maps (month, account) to the day a closing line
    was first published (`history.audit.History.closings`), None outside git; `call(f, *args)`
    runs each pure function of one record or month (`sunlight serve` passes one that gives back
    last rebuild's result for the very same arguments); `calendar` is the disclosure calendar of
    `today` when the checks already made it (`checks.context.Context.calendar`); `revised` are
    history's changes to reviewed months (`history.audit.History.revised`)."""
    community = records.community
    policy = community.policy
    if calendar is None:
        calendar = disclosure_calendar(records.accounts, records.books, policy.disclosure, today)
    outcomes = {d.id: call(outcome, d, community.households, community.area_m2, policy.committee_majority)
                for d in records.decisions}
    by_decision: dict[str, list] = defaultdict(list)
    for books in records.months:
        for entry in books.entries:
            if entry.decision:
                by_decision[entry.decision].append((books.month, entry))
    flows = in_out((leg.account, leg.amount) for books in records.months for e in books.entries
                   for leg in e.legs())
    campaigns = tuple(
        Campaign(a.id, a.target, flows[a.id][0], flows[a.id][1],
                 (flows[a.id][0] * 100 / a.target).quantize(Decimal("0.1")))
        for a in records.accounts if a.kind == "campaign" and a.target)
    monthly, yearly = rankings(records.units, records.rubric, records.scores, call)
    return Figures(
        balances=balances(records.accounts, records.months),
        month_rows=tuple(month_rows(records.accounts, records.months)),
        outcomes=outcomes,
        spent=spent_by_decision(records.months, records.accounts),
        entries_by_decision={k: tuple(v) for k, v in by_decision.items()},
        campaigns=campaigns,
        monthly=tuple(monthly),
        yearly=tuple(yearly),
        reference_date=today,
        work=_work(records, today),
        disclosure=dated(calendar, published),
        committees={r.src.path: committee_course(r, policy.committee_size, today) for r in records.rosters
                    if r.body == "committee" and r.term.start <= r.term.end},
        term_ending=term_ending(records.rosters, policy.reelection_notice_days, today),
        emergency_uses=tuple((books.month, e) for books in records.months for e in books.entries if e.emergency),
        court_windows={d.id: court_window(d) for d in records.decisions if court_window(d)},
        reviews=review_figures(records.reviews, records.accounts, records.books, revised),
    )
