"""Decision records: what was decided, by which body, with which vote (Civil Code art. 278)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from .fields import (Area, Choice, Date, FilePath, Id, Int, ListOf, Money, Src, Sub,
                     Text, spec, src_field)

DECISION_BODIES = ("committee", "owners_assembly", "joint_meeting", "council")
MATTERS = ("ordinary", "major")
STATUSES = ("proposed", "decided", "rejected", "in_progress", "done")
IN_FORCE = ("decided", "in_progress", "done")   # statuses that mean "this was decided"


@dataclass(frozen=True)
class Stage:
    stage: str = spec(Text())
    date: dt.date = spec(Date())
    by: Optional[str] = spec(Text(), default=None)
    note: Optional[str] = spec(Text(), default=None)
    src: Src = src_field()


@dataclass(frozen=True)
class CountVote:
    """A vote counted by members present and absent: committee and similar bodies."""

    members: int = spec(Int(1))
    yes: int = spec(Int(0), key="for")
    against: int = spec(Int(0), default=0)
    abstain: int = spec(Int(0), default=0)
    src: Src = src_field()


@dataclass(frozen=True)
class Share:
    households: int = spec(Int(0))
    area_m2: Decimal = spec(Area("nonnegative"))
    src: Src = src_field()


@dataclass(frozen=True)
class OwnersVote:
    """An owners' assembly vote, counted by households and by area (Civil Code art. 278)."""

    participated: Share = spec(Sub(Share))
    approved: Share = spec(Sub(Share))
    eligible: Optional[Share] = spec(Sub(Share), default=None)
    src: Src = src_field()


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
    published: Optional[dt.date] = spec(Date(), default=None)   # posted on the notice board
    announced: Optional[dt.date] = spec(Date(), default=None)   # (1.2) the owners were told of the vote
    src: Src = src_field()

    def dates(self) -> list[dt.date]:
        """The days it names: taken, posted, each stage (the reference date outside git is the newest)."""
        return [self.date, *([self.published] if self.published else []), *(s.date for s in self.stages)]
