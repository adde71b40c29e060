"""Finance records: accounts, month files of entries, and the closing balances they assert."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..money import ZERO
from .fields import (Bool, Choice, Date, FilePath, Id, Int, ListOf, MapOf, Money, Month, Src, Sub,
                     Text, spec, src_field)

ACCOUNT_KINDS = ("operating", "maintenance_fund", "public_revenue", "campaign")


@dataclass(frozen=True)
class Account:
    id: str = spec(Id())
    name: str = spec(Text())
    kind: str = spec(Choice(*ACCOUNT_KINDS))
    opened: dt.date = spec(Date())
    opening_balance: Decimal = spec(Money(what="期初余额"))
    target: Optional[Decimal] = spec(Money("positive", "筹款目标"), default=None)
    authorised_by: Optional[str] = spec(Id(), default=None)   # (1.2) public revenue: the owners' vote
    src: Src = src_field()


@dataclass(frozen=True)
class AccountsFile:
    accounts: tuple[Account, ...] = spec(ListOf(Sub(Account)))
    src: Src = src_field()


@dataclass(frozen=True)
class Transfer:
    source: str = spec(Id(), key="from")
    target: str = spec(Id(), key="to")
    src: Src = src_field()


@dataclass(frozen=True)
class Award:
    """The year award this entry pays (a property-fee subsidy, say), by year and unit."""

    year: int = spec(Int(1900))
    unit: str = spec(Id())
    src: Src = src_field()


@dataclass(frozen=True)
class Entry:
    id: str = spec(Id())
    date: dt.date = spec(Date())
    amount: Decimal = spec(Money())
    account: Optional[str] = spec(Id(), default=None)
    transfer: Optional[Transfer] = spec(Sub(Transfer), default=None)
    category: Optional[str] = spec(Text(), default=None)
    counterparty: Optional[str] = spec(Text(), default=None)
    memo: Optional[str] = spec(Text(), default=None)
    decision: Optional[str] = spec(Id(), default=None)
    receipt: Optional[str] = spec(FilePath(), default=None)
    emergency: bool = spec(Bool(), default=False)    # an emergency repair paid from the maintenance fund
    award: Optional[Award] = spec(Sub(Award), default=None)
    src: Src = src_field()

    def legs(self) -> tuple["Leg", ...]:
        """The entry's effect on each account: a transfer has two legs, any other entry one."""
        if self.transfer is not None:
            return (Leg(self.transfer.source, -self.amount, self), Leg(self.transfer.target, self.amount, self))
        if self.account is not None:
            return (Leg(self.account, self.amount, self),)
        return ()

    def paid_out(self) -> tuple[str, Decimal] | None:
        """(account, amount) of money out under a decision: an expense, or a transfer (which is spending
        only when it leaves a maintenance fund, see `counts_as_spending`); None otherwise."""
        if self.decision is None:
            return None
        if self.transfer is not None:
            return (self.transfer.source, self.amount) if self.amount > 0 else None
        if self.account is not None and self.amount < 0:
            return self.account, -self.amount
        return None

    @property
    def income(self) -> bool:
        """Money into an account from outside the community's books (not a transfer)."""
        return self.account is not None and self.transfer is None and self.amount > 0

    @property
    def expense(self) -> bool:
        """Money out of an account to someone outside the community's books (not a transfer)."""
        return self.account is not None and self.transfer is None and self.amount < 0


def counts_as_spending(transfer: bool, source_kind: str | None) -> bool:
    """Money out under a decision counts against its budget and shows as spent: every expense, and a
    transfer when it leaves a maintenance fund (format 1.2: the fund is spent only on repairs, and
    moving it is using it); other transfers move the owners' money between their own accounts."""
    return not transfer or source_kind == "maintenance_fund"


@dataclass(frozen=True)
class Leg:
    """One side of an entry on one account."""

    account: str
    amount: Decimal
    entry: Entry


@dataclass(frozen=True)
class Closing:
    account: str
    amount: Decimal
    line: int


@dataclass(frozen=True)
class MonthBooks:
    """One month of the community's books: entries and the balances asserted at its end."""

    month: str = spec(Month())
    entries: tuple[Entry, ...] = spec(ListOf(Sub(Entry)), default=())
    closing: tuple[Closing, ...] = spec(MapOf(Money(what="月末余额"), Closing), default=())
    src: Src = src_field()

    def summary(self) -> "BooksSummary":
        """This month reduced to what the checks spanning months read (see `BooksSummary`)."""
        # Decimal sums of cent amounts under 1e13 are exact, so a month's total added to a
        # balance equals adding its entries one by one.
        totals: dict[str, Decimal] = {}
        for entry in self.entries:
            for leg in entry.legs():
                totals[leg.account] = totals.get(leg.account, ZERO) + leg.amount
        spending = [(e.decision, e.paid_out()[1], e.src.at("amount"), e.paid_out()[0], e.transfer is not None)
                    for e in sorted(self.entries, key=lambda e: e.date) if e.paid_out()]
        first_income: dict[str, tuple] = {}
        for e in sorted(self.entries, key=lambda e: e.date):
            if e.income:
                first_income.setdefault(e.account, (e.account, e.date, e.id, e.src.at("amount"), self.src.path))
        return BooksSummary(
            path=self.src.path,
            month=self.month,
            closing_line=self.src.at("closing"),
            ids=tuple(e.id for e in self.entries),
            id_lines=tuple(e.src.at("id") for e in self.entries),
            activity=tuple(totals.items()),
            closings=tuple((c.account, c.amount, c.line) for c in self.closing),
            spending=tuple(spending),
            awards=tuple((e.award.year, e.award.unit, e.amount, e.date, e.id, e.src.at("award"))
                         for e in self.entries if e.award is not None),
            last_date=max((e.date for e in self.entries), default=None),
            first_income=tuple(first_income.values()),
            receipts=tuple((e.receipt, e.id, e.src.at("receipt")) for e in self.entries
                           if e.receipt is not None and e.expense),
            unapproved=tuple((e.date, e.counterparty, -e.amount, e.id, e.src.at("amount"), e.account)
                             for e in self.entries if e.expense and e.decision is None),
        )


@dataclass(frozen=True)
class BooksSummary:
    """One month file reduced to ids, net change per account, closings and decision spending.

    Duplicate ids, running balances and budgets span every month; reading them from these
    lets a changed month be checked against the others without reading their entries.
    """

    path: str
    month: str
    closing_line: int                              # the line of `closing:`, for a missing closing
    ids: tuple[str, ...]                           # entry ids in file order
    id_lines: tuple[int, ...]                      # the line of each id
    activity: tuple[tuple[str, Decimal], ...]      # account, net change; in order of first use
    closings: tuple[tuple[str, Decimal, int], ...]  # account, declared balance, line; as written
    # decision, amount paid, line, the account it left, whether a transfer; by entry date
    spending: tuple[tuple[str, Decimal, int, str, bool], ...]
    awards: tuple[tuple[int, str, Decimal, dt.date, str, int], ...] = ()  # year, unit, amount, date, entry id, line
    last_date: Optional[dt.date] = None            # the newest entry date (the reference date outside git)
    first_income: tuple[tuple[str, dt.date, str, int, str], ...] = ()  # account, date, entry id, line, path
    receipts: tuple[tuple[str, str, int], ...] = ()  # an expense's receipt, entry id, line; in file order
    # expenses naming no decision: date, counterparty, amount paid, entry id, line, account; in file order
    unapproved: tuple[tuple[dt.date, Optional[str], Decimal, str, int, str], ...] = ()
