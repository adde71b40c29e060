"""Account balances: every figure derives from the opening balance carried through the entries.

`carry` is the one running balance: the checks, the pages, the exports and the importer all
move balances forward through it, so they cannot disagree on a figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Hashable, Iterable, Iterator, Mapping, TypeVar

from ..model.finance import Account, MonthBooks, counts_as_spending
from ..money import ZERO

K = TypeVar("K", bound=Hashable)


def carry(opening: Mapping[str, Decimal],
          steps: Iterable[tuple[K, Iterable[tuple[str, Decimal]]]]) -> Iterator[tuple[K, dict[str, tuple[Decimal, Decimal]]]]:
    """The running balance: for each step (a month, a row…) and each account it moves, the
    balance before and after.  An account unknown to `opening` starts from zero."""
    balance = dict(opening)
    for key, changes in steps:
        moved: dict[str, tuple[Decimal, Decimal]] = {}
        for account, change in changes:
            before = balance.get(account, ZERO)
            balance[account] = before + change
            moved[account] = (moved[account][0] if account in moved else before, balance[account])
        yield key, moved


def opening_balances(accounts: Iterable[Account]) -> dict[str, Decimal]:
    return {a.id: a.opening_balance for a in accounts}


def net_changes(books: MonthBooks) -> list[tuple[str, Decimal]]:
    """Every leg of a month's entries as (account, amount), in file order."""
    return [(leg.account, leg.amount) for entry in books.entries for leg in entry.legs()]


@dataclass(frozen=True)
class MonthRow:
    """One account in one month: the row of data/finance.json."""

    month: str
    account: str
    opening: Decimal
    income: Decimal
    expense: Decimal   # a positive amount
    closing: Decimal


def month_rows(accounts: tuple[Account, ...], months: tuple[MonthBooks, ...]) -> list[MonthRow]:
    """A row per month file and account with entries that month, in month then account order."""
    order = {a.id: i for i, a in enumerate(accounts)}
    flows = {books.month: in_out(net_changes(books)) for books in months}
    rows = []
    for month, moved in carry(opening_balances(accounts), ((b.month, net_changes(b)) for b in months)):
        for account in sorted(moved, key=lambda a: (order.get(a, len(order)), a)):
            income, expense = flows[month][account]
            rows.append(MonthRow(month, account, moved[account][0], income, expense, moved[account][1]))
    return rows


def balances(accounts: tuple[Account, ...], months: tuple[MonthBooks, ...]) -> dict[str, Decimal]:
    """Each account's balance after its last entry."""
    result = opening_balances(accounts)
    for _month, moved in carry(result, ((b.month, net_changes(b)) for b in months)):
        result.update({account: after for account, (_before, after) in moved.items()})
    return result


def in_out(pairs) -> dict[str, list[Decimal]]:
    """Money in and money out (both positive) per key, from (key, amount) pairs."""
    flows: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for key, amount in pairs:
        flows[key][0 if amount > 0 else 1] += abs(amount)
    return flows


def spent_by_decision(months: tuple[MonthBooks, ...], accounts: tuple[Account, ...] = ()) -> dict[str, Decimal]:
    """Money out of all entries that name a decision: expenses, and transfers out of a maintenance fund."""
    kinds = {a.id: a.kind for a in accounts}
    spent: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for books in months:
        for entry in books.entries:
            paid = entry.paid_out()
            if paid and counts_as_spending(entry.transfer is not None, kinds.get(paid[0])):
                spent[entry.decision] += paid[1]
    return dict(spent)
