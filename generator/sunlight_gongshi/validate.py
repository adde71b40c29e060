"""The validation stages: load every file, then run every check; nothing is printed here."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .cache.caches import Caches
from .checks import Context, run_checks
from .compute.reference import reference_date
from .history import gitinfo
from .load.loader import load
from .model.recordset import Records
from .problems import Problem, sort_problems


@contextmanager
def no_cyclic_gc():
    """Loading makes hundreds of thousands of small acyclic objects; the cyclic collector
    would scan them again and again for nothing (half the time of a warm load)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


ASK_GIT = object()


@dataclass(frozen=True)
class Validated:
    """What validation gives: the records, every problem (sorted), and the context the checks ran
    in, whose reference date (`context.today`) and disclosure calendar the build goes on with."""

    records: Records
    problems: list[Problem]
    context: Context


def validate_with(root: Path, caches: Caches, commit=ASK_GIT) -> Validated:
    """The records of the community at `root` and every problem with them, sorted by file and line;
    `commit` is the `gitinfo.Commit` the reference date comes from (None outside git).  The
    reference date is decided here, once a run."""
    with no_cyclic_gc():
        records, problems = load(root, caches)
        if commit is ASK_GIT:
            commit = gitinfo.head(root)
        context = Context(records, reference_date(records, gitinfo.counted_date(root, commit, caches.facts)),
                          caches.results)
        problems += run_checks(records, context)
        problems += gitinfo.date_problems(root, commit, caches.facts)
    return Validated(records, sort_problems(problems), context)


def validate(root: Path, use_cache: bool = True) -> tuple[Records, list[Problem]]:
    """`validate_with` its own caches, saved at the end (a fresh, unused set with `use_cache=False`)."""
    caches = Caches(root, enabled=use_cache)
    validated = validate_with(root, caches)
    caches.save()
    return validated.records, validated.problems


def check(root: Path, use_cache: bool = True) -> list[Problem]:
    """Every problem, sorted: what `sunlight validate` prints."""
    return validate(root, use_cache)[1]
