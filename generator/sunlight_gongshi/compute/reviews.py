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
    accounts: tuple[str, ...]
    body_name: Optional[str] = None    # the roster its first signer served in, for `by: other`
    amendments: tuple = ()         # history's changes to its months committed after its date, newest first

    @property
    def amended_after(self) -> tuple[str, ...]:
        """The months of its accounts up to `through` changed by a commit dated after it (data/reviews.json)."""
        return tuple(sorted({a.month for a in self.amendments}))

    def covers(self, month: str, accounts: Iterable[str]) -> bool:
        return month <= self.review.through and not set(self.accounts).isdisjoint(accounts)


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


def _body_name(review, rosters) -> Optional[str]:
    """The name of the roster of kind `by` that the first signer served in on the review's day."""
    for roster in rosters:
        if roster.body == review.by and roster.term.start <= review.date <= roster.term.end:
            for member in roster.members:
                if member.name in review.signed[:1] and \
                        (member.start or roster.term.start) <= review.date <= (member.end or roster.term.end):
                    return roster.name
    return None


def review_figures(reviews, accounts, books, rosters, amendments=()) -> ReviewFigures:
    """What the site shows of the reviews.  `books` are the month summaries; `amendments` are
    history's changes to reviewed months (each with `month`, the ids of the reviews it came `after`,
    and the `accounts` it touched, None when unknown), newest first."""
    ids = [a.id for a in accounts]
    ordered = sorted(reviews, key=lambda r: (r.date, r.id))
    changed: dict[str, list] = {}
    for amendment in amendments:
        for ident in amendment.after:
            changed.setdefault(ident, []).append(amendment)
    covered = []
    for review in ordered:
        own = reviewed_accounts(review, ids, books)
        mine = tuple(a for a in changed.get(review.id, ())
                     if a.accounts is None or not set(own).isdisjoint(a.accounts))
        covered.append(Covered(review, own, _body_name(review, rosters) if review.by == "other" else None, mine))
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
    amended = []
    for amendment in amendments:
        after = tuple(c for c in covered if amendment in c.amendments)
        if after:
            amended.append((amendment, after))
    return ReviewFigures(tuple(covered), latest, months, tuple(amended))
