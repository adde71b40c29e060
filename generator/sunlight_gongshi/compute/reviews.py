"""The supervisors' reviews of the books (record format 1.2) as values: which accounts each review
covered, how far each account's books were reviewed, which months each review covered, and which
reviewed months were changed after a review.

A review covers every month of its accounts up to `through` (the books up to that month's
closing, not only the last quarter's).  Its accounts are the ones it names, or every account with
a closing line in a month up to `through`.  The checks ask `reviewed_accounts`; the pages and
the exports read `review_figures`, given the changes to reviewed months that history found
(`history.audit`: committed after a review's date, every field compared).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence


def reviewed_accounts(review, account_ids: Sequence[str], books) -> tuple[str, ...]:
    """The accounts a review covers: those it names, or by default every account (in accounts.yml's
    order) with a closing line in a month up to `through`; `books` are the month summaries."""
    if review.accounts:
        return tuple(review.accounts)
    closed = {account for summary in books if summary.month <= review.through
              for account, _amount, _line in summary.closings}
    return tuple(a for a in account_ids if a in closed)


@dataclass(frozen=True)
class Covered:
    """One review with what it covered, and what was changed in it afterwards."""

    review: object                 # model.reviews.Review
    accounts: tuple[str, ...]      # the accounts it covered, in accounts.yml's order
    amendments: tuple = ()         # history's changes to its months committed after its date, newest first

    @property
    def amended_after(self) -> tuple[str, ...]:
        """The months of its accounts up to `through` changed by a commit dated after it (data/reviews.json)."""
        return tuple(sorted({a.month for a in self.amendments}))

    def covers(self, month: str, accounts: Optional[Iterable[str]]) -> bool:
        """Whether it covered `month` of any of `accounts` (None: of any account)."""
        return month <= self.review.through and (accounts is None or not set(self.accounts).isdisjoint(accounts))

    def came_before(self, amendment) -> bool:
        """Whether `amendment` (a change to a month, with the day it counts as) changed what it had covered."""
        return amendment.day is not None and amendment.day > self.review.date and \
            self.covers(amendment.month, amendment.accounts)


@dataclass(frozen=True)
class ReviewFigures:
    covered: tuple[Covered, ...] = ()                        # every review, oldest first
    latest: dict[str, Covered] = field(default_factory=dict)  # account -> the review that reached furthest
    months: dict[str, tuple[Covered, ...]] = field(default_factory=dict)   # month -> its reviews, oldest first
    amended: tuple[tuple[object, tuple[Covered, ...]], ...] = ()   # each change after a review, newest first

    def of_month(self, month: str) -> tuple[Covered, ...]:
        return self.months.get(month, ())

    def amended_in(self, month: str) -> tuple[tuple[object, tuple[Covered, ...]], ...]:
        """The changes to `month` after a review, with the reviews each came after."""
        return tuple(item for item in self.amended if item[0].month == month)

    def reviewed_through(self, account: str) -> Optional[str]:
        """How far the account's books were reviewed (YYYY-MM), None if never (data/finance.json)."""
        latest = self.latest.get(account)
        return latest.review.through if latest else None


def review_figures(reviews, accounts, books, revised=()) -> ReviewFigures:
    """What the site shows of the reviews.  `books` are the month summaries; `revised` are history's
    changes to months a review covered, each with the `day` it counts as and the `accounts` it
    touched (`history.audit.History.revised`), newest first."""
    ids = [a.id for a in accounts]
    covered = []
    for review in sorted(reviews, key=lambda r: (r.date, r.id)):
        own = tuple(a for a in reviewed_accounts(review, ids, books) if a in ids)
        covered.append(Covered(review, own))
    covered = [Covered(c.review, c.accounts, tuple(a for a in revised if c.came_before(a))) for c in covered]
    latest: dict[str, Covered] = {}
    for c in covered:   # oldest first: a later review of the same reach takes the place
        for account in c.accounts:
            if account not in latest or c.review.through >= latest[account].review.through:
                latest[account] = c
    months = {}
    for summary in books:
        touched = {account for account, _ in summary.activity} | {account for account, _a, _l in summary.closings}
        found = tuple(c for c in covered if c.covers(summary.month, touched))
        if found:
            months[summary.month] = found
    amended = tuple((a, after) for a in revised if (after := tuple(c for c in covered if a in c.amendments)))
    return ReviewFigures(tuple(covered), latest, months, amended)
