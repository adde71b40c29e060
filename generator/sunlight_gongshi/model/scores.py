"""Score records: the versioned rubric and each month's score events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .fields import (Bool, Date, Id, Int, ListOf, Month, Src, Sub,
                     Text, spec, src_field)


@dataclass(frozen=True)
class Item:
    code: str = spec(Id())
    category: str = spec(Text())
    label: str = spec(Text())
    points: Optional[int] = spec(Int(-1000), default=None)
    veto: bool = spec(Bool(), default=False)
    src: Src = src_field()


@dataclass(frozen=True)
class RubricVersion:
    effective_from: str = spec(Month())
    base: int = spec(Int(0))
    flags: int = spec(Int(0))
    annual_awards: int = spec(Int(0))
    items: tuple[Item, ...] = spec(ListOf(Sub(Item)))
    decision: Optional[str] = spec(Id(), default=None)
    src: Src = src_field()


@dataclass(frozen=True)
class Rubric:
    versions: tuple[RubricVersion, ...] = spec(ListOf(Sub(RubricVersion)))
    src: Src = src_field()


@dataclass(frozen=True)
class Event:
    unit: str = spec(Id())
    item: str = spec(Id())
    date: dt.date = spec(Date())
    count: int = spec(Int(1), default=1)
    note: Optional[str] = spec(Text(), default=None)
    src: Src = src_field()


@dataclass(frozen=True)
class ScoreMonth:
    month: str = spec(Month())
    events: tuple[Event, ...] = spec(ListOf(Sub(Event)), default=())
    src: Src = src_field()

    def summary(self) -> "ScoresSummary":
        return ScoresSummary(self.src.path, self.month, max((e.date for e in self.events), default=None))


@dataclass(frozen=True)
class ScoresSummary:
    """A month of scores reduced to its newest date (the reference date outside git)."""

    path: str
    month: str
    last_date: Optional[dt.date]
