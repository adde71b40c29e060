"""Records of who the community is: community.yml, units.yml and the rosters of its bodies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from .fields import (Area, Bool, Choice, Date, Id, Int, ListOf, Money, Src, Sub,
                     Text, spec, src_field)

BODIES = ("committee", "supervisors", "party_branch", "unit_heads", "volunteers", "other")
ROLES = ("chair", "vice_chair", "member", "secretary", "head", "volunteer")
LANGUAGES = ("zh", "zh-Hant", "en")


@dataclass(frozen=True)
class CommitteeSize:
    min: int = spec(Int(1), default=5)
    max: int = spec(Int(1), default=11)
    odd: bool = spec(Bool(), default=True)
    src: Src = src_field()


PERIODS = ("month", "quarter", "half_year", "year")
# How many of all serving members a committee decision needs: 半数以上 (指导规则 art. 38; 以上 includes
# the number, Civil Code art. 1259), or 过半数 where a community's own rules say so.
MAJORITIES = ("at_least_half", "more_than_half")
# How often each account kind's books are published unless community.yml says otherwise.
DEFAULT_EVERY = {"operating": "month", "public_revenue": "quarter", "maintenance_fund": "half_year",
                 "campaign": "month"}


@dataclass(frozen=True)
class Cadence:
    """How often an account kind's books must be published, and how many days after a period ends."""

    every: Optional[str] = spec(Choice(*PERIODS), default=None)   # None: the kind's default
    within_days: int = spec(Int(0), default=30)
    src: Src = src_field()


@dataclass(frozen=True)
class Disclosure:
    operating: Cadence = spec(Sub(Cadence), default=Cadence())
    public_revenue: Cadence = spec(Sub(Cadence), default=Cadence())
    maintenance_fund: Cadence = spec(Sub(Cadence), default=Cadence())
    campaign: Cadence = spec(Sub(Cadence), default=Cadence())
    src: Src = src_field()

    def every(self, kind: str) -> str:
        return getattr(self, kind).every or DEFAULT_EVERY[kind]

    def within_days(self, kind: str) -> int:
        return getattr(self, kind).within_days


@dataclass(frozen=True)
class Policy:
    expense_approval_threshold: Decimal = spec(Money("positive", "审批金额线"), default=Decimal("5000.00"))
    committee_size: CommitteeSize = spec(Sub(CommitteeSize), default=CommitteeSize())
    assembly_notice_days: int = spec(Int(0), default=15)
    committee_notice_days: int = spec(Int(0), default=7)
    publish_within_days: int = spec(Int(0), default=3)
    reelection_notice_days: int = spec(Int(0), default=90)
    disclosure: Disclosure = spec(Sub(Disclosure), default=Disclosure())
    committee_majority: str = spec(Choice(*MAJORITIES), default="at_least_half")
    src: Src = src_field()


@dataclass(frozen=True)
class Community:
    name: str = spec(Text())
    households: int = spec(Int(1))
    area_m2: Decimal = spec(Area("positive"))
    neighbourhood: Optional[str] = spec(Text(), default=None)
    residents: Optional[int] = spec(Int(1), default=None)
    language: str = spec(Choice(*LANGUAGES), default="zh")
    policy: Policy = spec(Sub(Policy), default=Policy())
    src: Src = src_field()


@dataclass(frozen=True)
class Unit:
    id: str = spec(Id())
    name: str = spec(Text())
    households: int = spec(Int(0))
    area_m2: Decimal = spec(Area("nonnegative"))
    src: Src = src_field()


@dataclass(frozen=True)
class UnitsFile:
    units: tuple[Unit, ...] = spec(ListOf(Sub(Unit)))
    src: Src = src_field()


# --- rosters ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    start: dt.date = spec(Date(), key="from")
    end: dt.date = spec(Date(), key="to")
    src: Src = src_field()


@dataclass(frozen=True)
class Member:
    name: str = spec(Text())
    role: str = spec(Choice(*ROLES))
    title: Optional[str] = spec(Text(), default=None)
    unit: Optional[str] = spec(Id(), default=None)
    party_member: bool = spec(Bool(), default=False)
    start: Optional[dt.date] = spec(Date(), key="from", default=None)
    end: Optional[dt.date] = spec(Date(), key="to", default=None)
    covers: tuple[str, ...] = spec(ListOf(Id()), default=())    # units this office holder answers for
    pledge: Optional[str] = spec(Text(), default=None)          # a public commitment (承诺)
    src: Src = src_field()


@dataclass(frozen=True)
class Roster:
    body: str = spec(Choice(*BODIES))
    name: str = spec(Text())
    term: Term = spec(Sub(Term))
    members: tuple[Member, ...] = spec(ListOf(Sub(Member)))
    src: Src = src_field()
