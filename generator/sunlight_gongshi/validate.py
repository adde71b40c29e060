"""The validation pipeline: load every file, then run every check; nothing is printed here."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from .cache.store import Cache
from .checks import run_checks
from .load.loader import Records, load
from .problems import Problem, sort_problems


@contextmanager
def _no_cyclic_gc():
    """Loading makes hundreds of thousands of small acyclic objects; the cyclic collector
    would scan them again and again for nothing (half the time of a warm load)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def validate(root: Path, use_cache: bool = True) -> tuple[Records, list[Problem]]:
    """Records of the community at `root` and every problem with them, sorted by file and line."""
    with _no_cyclic_gc():
        records, problems = load(root, Cache(root, enabled=use_cache))
        problems += run_checks(records)
    return records, sort_problems(problems)


def check(root: Path, use_cache: bool = True) -> list[Problem]:
    """Every problem, sorted: what `sunlight validate` prints.  With the cache, only what changed
    (or what depends on a change) is read again; see `incremental`."""
    if not use_cache:
        return validate(root, use_cache=False)[1]
    from .incremental import check_incrementally
    with _no_cyclic_gc():
        return sort_problems(check_incrementally(root))
