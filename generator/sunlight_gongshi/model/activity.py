"""Records of what the committees do besides money: meetings, residents' requests, the activity log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from .fields import Bool, Choice, Date, FilePath, Id, Int, ListOf, Month, Src, Sub, Text, spec, src_field

MEETING_BODIES = ("committee", "supervisors", "owners_assembly", "joint_meeting", "council", "scoring_panel",
                  "other")
REQUEST_STATUSES = ("open", "in_progress", "resolved", "declined")
CLOSED_STATUSES = ("resolved", "declined")   # a request with one of these has a `resolved` day
ACTIVITY_KINDS = ("volunteer", "mediation", "event", "publicity", "inspection", "deed", "other")


@dataclass(frozen=True)
class Meeting:
    """One meeting of a body: who of the office holders attended, how many others, what it decided."""

    id: str = spec(Id())
    title: str = spec(Text())
    date: dt.date = spec(Date())
    body: str = spec(Choice(*MEETING_BODIES))
    notice: Optional[dt.date] = spec(Date(), default=None)     # the day the notice or agenda was posted
    attendees: tuple[str, ...] = spec(ListOf(Text()), default=())   # office holders, by roster name
    others: Optional[int] = spec(Int(0), default=None)         # other people present, counted, never named
    agenda: Optional[str] = spec(Text(markdown=True), default=None)
    outcomes: tuple[str, ...] = spec(ListOf(Id()), default=())  # decisions taken at this meeting
    minutes: Optional[str] = spec(FilePath(), default=None)
    src: Src = src_field()

    def dates(self) -> list[dt.date]:
        """The days it names: held, and noticed (the reference date outside git is the newest)."""
        return [self.date, *([self.notice] if self.notice else [])]


@dataclass(frozen=True)
class Request:
    """A resident's service request or a problem found (报事报修), from receipt to resolution."""

    id: str = spec(Id())
    received: dt.date = spec(Date())
    category: str = spec(Text())
    summary: str = spec(Text())
    status: str = spec(Choice(*REQUEST_STATUSES))
    unit: Optional[str] = spec(Id(), default=None)
    resolved: Optional[dt.date] = spec(Date(), default=None)
    by: Optional[str] = spec(Text(), default=None)
    entry: Optional[str] = spec(Id(), default=None)       # the finance entry that paid for it
    decision: Optional[str] = spec(Id(), default=None)    # the decision it led to
    src: Src = src_field()


@dataclass(frozen=True)
class RequestsSummary:
    """A month of requests reduced to its ids, for the check that they are unique across months."""

    path: str
    month: str
    ids: tuple[str, ...]
    id_lines: tuple[int, ...]
    last_date: Optional[dt.date] = None   # the newest date received or resolved (the reference date outside git)


@dataclass(frozen=True)
class RequestMonth:
    """The requests received in one month (a request's status is updated in this file)."""

    month: str = spec(Month())
    requests: tuple[Request, ...] = spec(ListOf(Sub(Request)), default=())
    src: Src = src_field()

    def summary(self) -> RequestsSummary:
        dates = [r.received for r in self.requests] + [r.resolved for r in self.requests if r.resolved]
        return RequestsSummary(self.src.path, self.month, tuple(r.id for r in self.requests),
                               tuple(r.src.at("id") for r in self.requests), max(dates, default=None))


@dataclass(frozen=True)
class Activity:
    """Something done and counted: volunteer actions, disputes mediated, a deed kept as pledged."""

    date: dt.date = spec(Date())
    kind: str = spec(Choice(*ACTIVITY_KINDS))
    by: str = spec(Text())
    count: int = spec(Int(1), default=1)
    at_least: bool = spec(Bool(), default=False)   # the count is a lower bound ("300 余")
    note: Optional[str] = spec(Text(), default=None)
    src: Src = src_field()


@dataclass(frozen=True)
class ActivityMonth:
    month: str = spec(Month())
    activities: tuple[Activity, ...] = spec(ListOf(Sub(Activity)), default=())
    src: Src = src_field()

    def summary(self) -> "ActivitiesSummary":
        return ActivitiesSummary(self.src.path, self.month, max((a.date for a in self.activities), default=None))


@dataclass(frozen=True)
class ActivitiesSummary:
    """A month of activities reduced to its newest date (the reference date outside git)."""

    path: str
    month: str
    last_date: Optional[dt.date]
