"""The supervisors' review of the books (监委会经费审查, 民主理财; record format 1.2): a body that is not the
committee checks the books up to a month's closing and signs its opinion, one file a review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .fields import Choice, Date, FilePath, Id, ListOf, Month, Src, Text, spec, src_field

# The roster bodies that may review: never the committee, whose books they are.
REVIEWERS = ("supervisors", "party_branch", "other")
# 无保留意见 | 保留意见 | 否定意见, as an auditor's opinion reads.
OPINIONS = ("clean", "qualified", "adverse")


@dataclass(frozen=True)
class Review:
    id: str = spec(Id())
    by: str = spec(Choice(*REVIEWERS))
    date: dt.date = spec(Date())                   # the day the review was signed
    through: str = spec(Month())                   # the books were checked up to this month's closing
    signed: tuple[str, ...] = spec(ListOf(Text()))  # members serving in a body of kind `by` on `date`
    opinion: str = spec(Choice(*OPINIONS))
    accounts: tuple[str, ...] = spec(ListOf(Id()), default=())   # none: every account with a closing by then
    findings: Optional[str] = spec(Text(markdown=True), default=None)   # required unless the opinion is clean
    documents: tuple[str, ...] = spec(ListOf(FilePath()), default=())
    src: Src = src_field()

    def dates(self) -> list[dt.date]:
        """The day it names (the reference date outside git is the newest)."""
        return [self.date]
