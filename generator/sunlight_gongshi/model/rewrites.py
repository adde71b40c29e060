"""rewrites.yml (under records/): the rewrites of published history a committee declares (record format
section 8), so that witnesses accept them with the reason instead of raising an alarm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .fields import Date, Link, ListOf, Src, Sub, Text, spec, src_field


@dataclass(frozen=True)
class Rewrite:
    date: dt.date = spec(Date())
    replaces: str = spec(Link())
    reason: str = spec(Text())
    src: Src = src_field()


@dataclass(frozen=True)
class RewritesFile:
    rewrites: tuple[Rewrite, ...] = spec(ListOf(Sub(Rewrite)))
    src: Src = src_field()
