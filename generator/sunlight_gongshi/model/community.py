"""Records of who the community is: community.yml, units.yml and the rosters of its bodies."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from .fields import (Bool, Choice, Date, FilePath, Id, Int, ListOf, MapOf, Money, Month, Src, Sub,
                     Text, spec, src_field)

BODIES = ("committee", "supervisors", "party_branch", "unit_heads", "volunteers", "other")
ROLES = ("chair", "vice_chair", "member", "secretary", "head", "volunteer")
LANGUAGES = ("zh", "zh-Hant", "en")


# --- community and units -------------------------------------------------------------

@dataclass(frozen=True)
class CommitteeSize:
    min: int = spec(Int(1), default=5)
    max: int = spec(Int(1), default=11)
    odd: bool = spec(Bool(), default=True)
    src: Src = src_field()


@dataclass(frozen=True)
class Policy:
    expense_approval_threshold: Decimal = spec(Money("positive", "审批金额线"), default=Decimal("5000.00"))
    committee_size: CommitteeSize = spec(Sub(CommitteeSize), default=CommitteeSize())
    src: Src = src_field()


@dataclass(frozen=True)
class Community:
    name: str = spec(Text())
    households: int = spec(Int(1))
    area_m2: Decimal = spec(Money("positive", "面积"))
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
    area_m2: Decimal = spec(Money("nonnegative", "面积"))
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
    src: Src = src_field()


@dataclass(frozen=True)
class Roster:
    body: str = spec(Choice(*BODIES))
    name: str = spec(Text())
    term: Term = spec(Sub(Term))
    members: tuple[Member, ...] = spec(ListOf(Sub(Member)))
    src: Src = src_field()
