"""Everything a community wrote, as one value: the typed records of every file and the pages.

The many month files are held as `LoadedFile`s whose records come on demand: checks that
span months read their summaries, and a month's own checks often reuse what they found last
time, so a run that reads nothing needs none of their entries.  Asking for `months` or
`scores` gives every record, fetched from wherever the loader can get it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable, Mapping, Optional

from ..problems import Problem
from .activity import ActivityMonth, Meeting, RequestMonth, RequestsSummary
from .community import Community, Roster, Unit
from .decisions import Decision
from .finance import Account, BooksSummary, MonthBooks
from .rewrites import Rewrite
from .scores import Rubric, ScoreMonth


@dataclass(frozen=True)
class Page:
    """A hand-written Markdown page of content/."""

    path: str
    text: str


class LoadedFile:
    """One record file of a series kind: what loading it gave, and its record on demand."""

    __slots__ = ("path", "kind", "key", "problems", "month", "summary", "stable", "_record", "_fetch")

    def __init__(self, path: str, kind: str, key: str, problems: tuple[Problem, ...], month: str | None,
                 summary, record=None,
                 fetch: Callable[[list["LoadedFile"]], None] | None = None):
        self.path, self.kind, self.key, self.problems = path, kind, key, problems
        self.month, self.summary = month, summary   # month is None when no record loaded
        self.stable = True          # False when the file changed while this run read it
        self._record, self._fetch = record, fetch

    @property
    def held(self) -> bool:
        return self._record is not None or self.month is None

    @property
    def record(self):
        if not self.held:
            self._fetch([self])
        return self._record

    def hold(self, record, stable: bool = True) -> None:
        """Called by the loader's fetch with the record of this file."""
        self._record, self.stable = record, stable


def fetch_records(files: tuple[LoadedFile, ...]) -> tuple:
    """Every file's record, the missing ones fetched together (cheaper than one by one)."""
    missing = [f for f in files if not f.held]
    if missing:
        missing[0]._fetch(missing)
    return tuple(f.record for f in files if f.month is not None)


@dataclass(frozen=True)
class Records:
    """Everything a community wrote, typed; records that failed to load are left out."""

    community: Optional[Community]
    units: tuple[Unit, ...]
    rosters: tuple[Roster, ...]
    decisions: tuple[Decision, ...]
    meetings: tuple[Meeting, ...]
    accounts: tuple[Account, ...]
    rubric: Optional[Rubric]
    series: Mapping[str, tuple[LoadedFile, ...]]   # kind -> its loaded month files, in month order
    attachments: frozenset[str]      # files under records/ that records may point to
    outside_links: frozenset[str]    # links under records/ that lead out of it
    pages: tuple[Page, ...]
    broken: frozenset[str]           # record files that had load errors
    present: frozenset[str]          # every record file path that exists
    rewrites: tuple[Rewrite, ...] = ()   # declared rewrites of published history (section 8)

    def files_of(self, kind: str) -> tuple[LoadedFile, ...]:
        """The files of a series kind whose record loaded."""
        return tuple(f for f in self.series.get(kind, ()) if f.month is not None)

    @functools.cached_property
    def months(self) -> tuple[MonthBooks, ...]:
        return fetch_records(self.files_of("finance-month"))

    @functools.cached_property
    def scores(self) -> tuple[ScoreMonth, ...]:
        return fetch_records(self.files_of("scores-month"))

    @functools.cached_property
    def requests(self) -> tuple[RequestMonth, ...]:
        return fetch_records(self.files_of("requests-month"))

    @functools.cached_property
    def activities(self) -> tuple[ActivityMonth, ...]:
        return fetch_records(self.files_of("activities-month"))

    @property
    def request_ids(self) -> tuple[RequestsSummary, ...]:
        return tuple(f.summary for f in self.files_of("requests-month"))

    @property
    def books(self) -> tuple[BooksSummary, ...]:
        """Each finance month reduced for the checks that span months, in month order."""
        return tuple(f.summary for f in self.files_of("finance-month"))

    @property
    def score_months(self) -> tuple[str, ...]:
        return tuple(f.month for f in self.files_of("scores-month"))
