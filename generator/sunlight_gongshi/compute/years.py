"""A year's figures for the one-line summaries of the site's long lists, which are paged by year:
how many decisions and how many passed, their budgets and spending; a year of books' money in and out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable, Mapping

from ..money import ZERO


@dataclass(frozen=True)
class DecisionYear:
    year: str
    count: int
    passed: int                 # passed by the recounted vote
    failed: int                 # put to a vote and not passed
    budget: Decimal             # the budgets of the year's decisions
    spent: Decimal              # spent, to this day, under the year's decisions


def decision_years(decisions: Iterable, passed: Callable[[object], bool | None],
                   spent: Mapping[str, Decimal]) -> list[DecisionYear]:
    """Decisions by the year of their date, newest year first."""
    by_year: dict[str, list] = defaultdict(list)
    for d in decisions:
        by_year[str(d.date.year)].append(d)
    years = []
    for year in sorted(by_year, reverse=True):
        ds = by_year[year]
        outcomes = [passed(d) for d in ds]
        years.append(DecisionYear(year, len(ds), outcomes.count(True), outcomes.count(False),
                                  sum((d.budget for d in ds if d.budget is not None), ZERO),
                                  sum((spent.get(d.id, ZERO) for d in ds), ZERO)))
    return years


@dataclass(frozen=True)
class BooksYear:
    year: str
    months: tuple[str, ...]     # the year's months of books, oldest first
    money_in: Decimal           # transfers between accounts left out
    money_out: Decimal
    entries: int


def books_years(months: Iterable, totals: Mapping[str, list[Decimal]]) -> list[BooksYear]:
    """The months of books by year, newest year first; `totals` is money in and out by month."""
    by_year: dict[str, list] = defaultdict(list)
    for books in months:
        by_year[books.month[:4]].append(books)
    return [BooksYear(year, tuple(b.month for b in by_year[year]),
                      sum((totals[b.month][0] for b in by_year[year] if b.month in totals), ZERO),
                      sum((totals[b.month][1] for b in by_year[year] if b.month in totals), ZERO),
                      sum(len(b.entries) for b in by_year[year]))
            for year in sorted(by_year, reverse=True)]
