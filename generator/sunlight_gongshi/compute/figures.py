"""Every figure the site shows, computed once from the records by the pure compute functions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from ..model.decisions import Decision
from ..model.finance import Entry
from .balances import MonthRow, balances, in_out, month_rows, spent_by_decision
from .rankings import MonthRanking, YearRanking, rankings
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
    reference_date: dt.date            # "today" for the site: the newest date in the records

    def passed(self, decision: Decision) -> bool | None:
        result = self.outcomes.get(decision.id)
        return None if result is None else result.passed


def _reference_date(records) -> dt.date:
    dates = [e.date for m in records.months for e in m.entries] + [d.date for d in records.decisions]
    dates += [e.date for s in records.scores for e in s.events]
    return max(dates) if dates else dt.date(1970, 1, 1)


def direct(function, *args):
    """Call `function` (how `compute` runs each piece when nothing is reused)."""
    return function(*args)


def compute(records, call: Callable = direct) -> Figures:
    """Every figure; `call(f, *args)` runs each pure function of one record or month (`sunlight
    serve` passes one that gives back last rebuild's result for the very same arguments)."""
    community = records.community
    outcomes = {d.id: call(outcome, d, community.households, community.area_m2) for d in records.decisions}
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
        spent=spent_by_decision(records.months),
        entries_by_decision={k: tuple(v) for k, v in by_decision.items()},
        campaigns=campaigns,
        monthly=tuple(monthly),
        yearly=tuple(yearly),
        reference_date=_reference_date(records),
    )
