"""Account balances and monthly summaries: every figure derives from opening balance + entries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from ..model.records import Account, Entry, MonthBooks

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Leg:
    """One side of an entry on one account: a transfer has two legs, any other entry one."""

    account: str
    amount: Decimal
    entry: Entry


def legs(entry: Entry) -> tuple[Leg, ...]:
    if entry.transfer is not None:
        return (Leg(entry.transfer.source, -entry.amount, entry),
                Leg(entry.transfer.target, entry.amount, entry))
    if entry.account is not None:
        return (Leg(entry.account, entry.amount, entry),)
    return ()


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
    balance = {a.id: a.opening_balance for a in accounts}
    order = {a.id: i for i, a in enumerate(accounts)}
    rows = []
    for books in months:
        income: dict[str, Decimal] = defaultdict(lambda: ZERO)
        expense: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for entry in books.entries:
            for leg in legs(entry):
                if leg.amount > 0:
                    income[leg.account] += leg.amount
                else:
                    expense[leg.account] -= leg.amount
        for account in sorted(set(income) | set(expense), key=lambda a: (order.get(a, len(order)), a)):
            opening = balance.get(account, ZERO)
            closing = opening + income[account] - expense[account]
            balance[account] = closing
            rows.append(MonthRow(books.month, account, opening, income[account], expense[account], closing))
    return rows


def balances(accounts: tuple[Account, ...], months: tuple[MonthBooks, ...]) -> dict[str, Decimal]:
    """Each account's balance after its last entry."""
    result = {a.id: a.opening_balance for a in accounts}
    for books in months:
        for entry in books.entries:
            for leg in legs(entry):
                result[leg.account] = result.get(leg.account, ZERO) + leg.amount
    return result


def in_out(pairs) -> dict[str, list[Decimal]]:
    """Money in and money out (both positive) per key, from (key, amount) pairs."""
    flows: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for key, amount in pairs:
        flows[key][0 if amount > 0 else 1] += abs(amount)
    return flows


def spends(entry: Entry) -> bool:
    """Money out under a decision: transfers move money, they spend none."""
    return entry.decision is not None and entry.transfer is None and entry.amount < 0


def spent_by_decision(months: tuple[MonthBooks, ...]) -> dict[str, Decimal]:
    """Money out of all entries that name a decision."""
    spent: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for books in months:
        for entry in books.entries:
            if spends(entry):
                spent[entry.decision] -= entry.amount
    return dict(spent)
