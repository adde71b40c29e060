"""Checks of one file at a time, kept per file: what a check found in a month file is reused while
the file is unchanged and every question it asked the rest of the community gets the same answer.

`FileCheck(kind, function)` is a check like any other, called `check(records, ctx)`; `function`
is given one file's record and a context that records its questions (`Context.recording`), so
it can ask about the community only through the context.  What it found is kept in
`ctx.results` with those questions and their answers (`cache.caches.Results`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model.kinds import Kind
from ..model.recordset import fetch_records
from ..problems import Problem
from .context import Context


@dataclass(frozen=True)
class Found:
    """What a file check found in one file, and every answer it relied on."""

    dependencies: tuple
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class FileCheck:
    """A check of each file of a series `kind` by `run(record, ctx)`, its findings kept per file."""

    kind: Kind
    run: Callable[[object, Context], list[Problem]]

    @property
    def name(self) -> str:
        return self.run.__name__

    def __call__(self, records, ctx: Context) -> list[Problem]:
        problems: list[Problem] = []
        stale = []
        results = ctx.results
        for loaded in records.files_of(self.kind.name):
            kept = results.get(loaded.key, self.name) if results else None
            if kept is not None and ctx.same_answers(kept.dependencies):
                problems += kept.problems
            else:
                stale.append(loaded)
        for loaded, record in zip(stale, fetch_records(tuple(stale))):
            asking = ctx.recording()
            found = self.run(record, asking)
            if results and loaded.stable:
                results.put(loaded.key, self.name, Found(asking.dependencies(), tuple(found)))
            problems += found
        return problems
