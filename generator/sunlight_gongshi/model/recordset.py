"""Everything a community wrote, as one value: the typed records of every file and the pages.

The many month files are held as `LoadedFile`s whose records come on demand: checks that
span months read their summaries, and a month's own checks often reuse what they found last
time, so a run that reads nothing needs none of their entries.  Asking for `months` or
`scores` gives every record, fetched from wherever the loader can get it.  Which attributes
there are, and what each holds, is declared once per kind in `kinds.KINDS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from ..problems import Problem
from .kinds import KINDS, SERIES


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
    """Everything a community wrote, typed; records that failed to load are left out.

    Each kind's records are the attribute `kinds.KINDS` names (records.decisions, records.months):
    a kind held in full is in `held`, a monthly series' files in `series`, their records fetched
    the first time they are asked for (as are the series' summaries: records.books)."""

    held: Mapping[str, object]       # attribute -> the records of each kind held in full
    series: Mapping[str, tuple[LoadedFile, ...]]   # kind -> its loaded month files, in month order
    attachments: frozenset[str]      # files under records/ that records may point to
    outside_links: frozenset[str]    # links under records/ that lead out of it
    pages: tuple[Page, ...]
    broken: frozenset[str]           # record files that had load errors
    present: frozenset[str]          # every record file path that exists

    @classmethod
    def gather(cls, loaded: Mapping[str, list], series: Mapping[str, list[LoadedFile]], **rest) -> "Records":
        """From the records of each kind's files (kind name -> records, in file order) and the loaded
        files of each series (in any order)."""
        held = {kind.attribute: kind.holding(loaded.get(kind.name, [])) for kind in KINDS if not kind.series}
        ordered = {kind.name: tuple(sorted(series.get(kind.name, ()), key=lambda f: f.month or ""))
                   for kind in SERIES}
        return cls(held=held, series=ordered, **rest)

    def files_of(self, kind: str) -> tuple[LoadedFile, ...]:
        """The files of a series kind whose record loaded."""
        return tuple(f for f in self.series.get(kind, ()) if f.month is not None)

    def __getattr__(self, name: str):
        """A kind's records by the attribute `kinds.KINDS` gives it, kept once asked for."""
        found = _ATTRIBUTES.get(name)
        if found is None:
            raise AttributeError(name)
        what, kind = found
        if what == "held":
            value = self.__dict__["held"][name]
        elif what == "records":
            value = fetch_records(self.files_of(kind.name))
        else:
            value = tuple(f.summary for f in self.files_of(kind.name))
        self.__dict__[name] = value
        return value


_ATTRIBUTES = {kind.attribute: ("held" if not kind.series else "records", kind) for kind in KINDS}
_ATTRIBUTES.update({kind.summaries: ("summaries", kind) for kind in SERIES if kind.summaries})
