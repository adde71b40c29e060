"""The typed records of every record file (docs/records.md): frozen dataclasses that remember where they were written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping, Optional

from .fields import (Bool, Choice, Date, FilePath, Id, Int, ListOf, MapOf, Money, Month, Sub,
                     Text, spec)

BODIES = ("committee", "supervisors", "party_branch", "unit_heads", "volunteers", "other")
ROLES = ("chair", "vice_chair", "member", "secretary", "head", "volunteer")
DECISION_BODIES = ("committee", "owners_assembly", "joint_meeting", "council")
MATTERS = ("ordinary", "major")
STATUSES = ("proposed", "decided", "rejected", "in_progress", "done")
ACCOUNT_KINDS = ("operating", "maintenance_fund", "public_revenue", "campaign")
LANGUAGES = ("zh", "zh-Hant", "en")


@dataclass(frozen=True, eq=False)
class Src:
    """Where a record stands: its file (relative to the root), its line, and each key's line."""

    path: str
    line: int
    lines: Mapping[str, int] = field(default_factory=dict)

    def at(self, key: str) -> int:
        return self.lines.get(key, self.line)


def _src():
    return field(default=None, compare=False, repr=False)


# --- community and units -------------------------------------------------------------

@dataclass(frozen=True)
class CommitteeSize:
    min: int = spec(Int(1), default=5)
    max: int = spec(Int(1), default=11)
    odd: bool = spec(Bool(), default=True)
    src: Src = _src()


@dataclass(frozen=True)
class Policy:
    expense_approval_threshold: Decimal = spec(Money("positive", "审批金额线"), default=Decimal("5000.00"))
    committee_size: CommitteeSize = spec(Sub(CommitteeSize), default=CommitteeSize())
    src: Src = _src()


@dataclass(frozen=True)
class Community:
    name: str = spec(Text())
    households: int = spec(Int(1))
    area_m2: Decimal = spec(Money("positive", "面积"))
    neighbourhood: Optional[str] = spec(Text(), default=None)
    residents: Optional[int] = spec(Int(1), default=None)
    language: str = spec(Choice(*LANGUAGES), default="zh")
    policy: Policy = spec(Sub(Policy), default=Policy())
    src: Src = _src()


@dataclass(frozen=True)
class Unit:
    id: str = spec(Id())
    name: str = spec(Text())
    households: int = spec(Int(0))
    area_m2: Decimal = spec(Money("nonnegative", "面积"))
    src: Src = _src()


@dataclass(frozen=True)
class UnitsFile:
    units: tuple[Unit, ...] = spec(ListOf(Sub(Unit)))
    src: Src = _src()


# --- rosters ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    start: dt.date = spec(Date(), key="from")
    end: dt.date = spec(Date(), key="to")
    src: Src = _src()


@dataclass(frozen=True)
class Member:
    name: str = spec(Text())
    role: str = spec(Choice(*ROLES))
    title: Optional[str] = spec(Text(), default=None)
    unit: Optional[str] = spec(Id(), default=None)
    party_member: bool = spec(Bool(), default=False)
    start: Optional[dt.date] = spec(Date(), key="from", default=None)
    end: Optional[dt.date] = spec(Date(), key="to", default=None)
    src: Src = _src()


@dataclass(frozen=True)
class Roster:
    body: str = spec(Choice(*BODIES))
    name: str = spec(Text())
    term: Term = spec(Sub(Term))
    members: tuple[Member, ...] = spec(ListOf(Sub(Member)))
    src: Src = _src()


# --- decisions --------------------------------------------------------------------------

@dataclass(frozen=True)
class Stage:
    stage: str = spec(Text())
    date: dt.date = spec(Date())
    by: Optional[str] = spec(Text(), default=None)
    note: Optional[str] = spec(Text(), default=None)
    src: Src = _src()


@dataclass(frozen=True)
class CountVote:
    """A vote counted by members present and absent: committee and similar bodies."""

    members: int = spec(Int(1))
    yes: int = spec(Int(0), key="for")
    against: int = spec(Int(0), default=0)
    abstain: int = spec(Int(0), default=0)
    src: Src = _src()


@dataclass(frozen=True)
class Share:
    households: int = spec(Int(0))
    area_m2: Decimal = spec(Money("nonnegative", "面积"))
    src: Src = _src()


@dataclass(frozen=True)
class OwnersVote:
    """An owners' assembly vote, counted by households and by area (Civil Code art. 278)."""

    participated: Share = spec(Sub(Share))
    approved: Share = spec(Sub(Share))
    eligible: Optional[Share] = spec(Sub(Share), default=None)
    src: Src = _src()


@dataclass(frozen=True)
class Decision:
    id: str = spec(Id())
    title: str = spec(Text())
    date: dt.date = spec(Date())
    body: str = spec(Choice(*DECISION_BODIES))
    matter: str = spec(Choice(*MATTERS))
    status: str = spec(Choice(*STATUSES))
    budget: Optional[Decimal] = spec(Money("positive", "预算"), default=None)
    stages: tuple[Stage, ...] = spec(ListOf(Sub(Stage)), default=())
    summary: Optional[str] = spec(Text(markdown=True), default=None)
    vote: CountVote | OwnersVote | None = spec(Sub(CountVote, OwnersVote), default=None)
    documents: tuple[str, ...] = spec(ListOf(FilePath()), default=())
    src: Src = _src()


# --- finance -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Account:
    id: str = spec(Id())
    name: str = spec(Text())
    kind: str = spec(Choice(*ACCOUNT_KINDS))
    opened: dt.date = spec(Date())
    opening_balance: Decimal = spec(Money(what="期初余额"))
    target: Optional[Decimal] = spec(Money("positive", "筹款目标"), default=None)
    src: Src = _src()


@dataclass(frozen=True)
class AccountsFile:
    accounts: tuple[Account, ...] = spec(ListOf(Sub(Account)))
    src: Src = _src()


@dataclass(frozen=True)
class Transfer:
    source: str = spec(Id(), key="from")
    target: str = spec(Id(), key="to")
    src: Src = _src()


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
    src: Src = _src()


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
    src: Src = _src()


# --- scores ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    code: str = spec(Id())
    category: str = spec(Text())
    label: str = spec(Text())
    points: Optional[int] = spec(Int(-1000), default=None)
    veto: bool = spec(Bool(), default=False)
    src: Src = _src()


@dataclass(frozen=True)
class RubricVersion:
    effective_from: str = spec(Month())
    base: int = spec(Int(0))
    flags: int = spec(Int(0))
    annual_awards: int = spec(Int(0))
    items: tuple[Item, ...] = spec(ListOf(Sub(Item)))
    decision: Optional[str] = spec(Id(), default=None)
    src: Src = _src()


@dataclass(frozen=True)
class Rubric:
    versions: tuple[RubricVersion, ...] = spec(ListOf(Sub(RubricVersion)))
    src: Src = _src()


@dataclass(frozen=True)
class Event:
    unit: str = spec(Id())
    item: str = spec(Id())
    date: dt.date = spec(Date())
    count: int = spec(Int(1), default=1)
    note: Optional[str] = spec(Text(), default=None)
    src: Src = _src()


@dataclass(frozen=True)
class ScoreMonth:
    month: str = spec(Month())
    events: tuple[Event, ...] = spec(ListOf(Sub(Event)), default=())
    src: Src = _src()


# The record kind of each file: what `sunlight schema` publishes and the loader expects.
FILE_KINDS = {
    "community": Community,
    "units": UnitsFile,
    "roster": Roster,
    "decision": Decision,
    "accounts": AccountsFile,
    "finance-month": MonthBooks,
    "rubric": Rubric,
    "scores-month": ScoreMonth,
}
