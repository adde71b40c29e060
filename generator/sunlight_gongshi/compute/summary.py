"""What the cross-month checks need of one month's books, small enough to cache without the entries.

Duplicate entry ids, running balances and decision budgets span every month of the books.
Reading them from these summaries lets `sunlight validate` check a changed month against
the other 239 without unpickling their hundred entries each (see `incremental`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .balances import legs, spends
from ..model.records import MonthBooks


@dataclass(frozen=True)
class BooksSummary:
    """One finance month file, reduced to ids, per-account totals, closings and decision spending."""

    path: str
    month: str
    closing_line: int                              # the line of `closing:`, for a missing closing
    ids: tuple[str, ...]                           # entry ids in file order
    id_lines: tuple[int, ...]                      # the line of each id
    activity: tuple[tuple[str, Decimal], ...]      # account, net change; in order of first use
    closings: tuple[tuple[str, Decimal, int], ...]  # account, declared balance, line; as written
    spending: tuple[tuple[str, Decimal, int], ...]  # decision, amount paid, line; by entry date


def summarize_books(books: MonthBooks) -> BooksSummary:
    # Decimal sums of cent amounts under 1e13 are exact, so a month's total added to a
    # balance equals adding its entries one by one.
    totals: dict[str, Decimal] = {}
    for entry in books.entries:
        for leg in legs(entry):
            totals[leg.account] = totals[leg.account] + leg.amount if leg.account in totals else leg.amount
    spending = [(e.decision, -e.amount, e.src.at("amount"))
                for e in sorted(books.entries, key=lambda e: e.date)
                if spends(e)]
    return BooksSummary(
        path=books.src.path,
        month=books.month,
        closing_line=books.src.at("closing"),
        ids=tuple(e.id for e in books.entries),
        id_lines=tuple(e.src.at("id") for e in books.entries),
        activity=tuple(totals.items()),
        closings=tuple((c.account, c.amount, c.line) for c in books.closing),
        spending=tuple(spending),
    )
