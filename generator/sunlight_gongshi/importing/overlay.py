"""The community as it would be after writing some month files, checked in memory before any is written.

Importers and rewriters promise all or nothing: they build the new text of every month file
they would touch, read those texts exactly as `sunlight validate` reads files, and compare
the problems before and after.  Only when nothing new is wrong do they write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from ..checks import Context, run_checks
from ..load.loader import load_series_file
from ..model.kinds import FINANCE_MONTH, RECORDS
from ..model.recordset import Records
from ..problems import Problem, has_errors


def overlay(records: Records, texts: dict[str, str]) -> tuple[Records, list[Problem]]:
    """`records` with the finance month files in `texts` (path under the root -> text) replaced
    or added, and the load problems of those texts."""
    files = {f.path: f for f in records.series[FINANCE_MONTH.name]}
    broken = set(records.broken)
    problems: list[Problem] = []
    for path, text in texts.items():
        loaded = load_series_file(path.removeprefix(RECORDS), FINANCE_MONTH.name, text.encode("utf-8"))
        problems += loaded.problems
        files[path] = loaded
        broken.discard(path)
        if has_errors(loaded.problems):
            broken.add(path)
    series = {**records.series, FINANCE_MONTH.name: tuple(sorted(files.values(), key=lambda f: f.month or ""))}
    return dataclasses.replace(records, series=series, broken=frozenset(broken),
                               present=records.present | set(texts)), problems


def new_problems(records: Records, texts: dict[str, str], today: dt.date) -> tuple[list[Problem], list[Problem]]:
    """(problems the texts would add, every problem after) for the records with `texts` laid over;
    `today` is the reference date of both (so time alone adds nothing)."""
    before = {_key(p) for p in run_checks(records, Context(records, today))}
    after_records, load_problems = overlay(records, texts)
    after = load_problems + run_checks(after_records, Context(after_records, today))
    return [p for p in after if _key(p) not in before], after


def _key(problem: Problem) -> tuple[str, str, str, str]:
    """A problem without its line: lines move when entries are inserted above them."""
    return problem.path, problem.level, problem.code, problem.message


def write_all(root: Path, texts: dict[str, str]) -> None:
    """Write each file through a temporary file beside it, so none is ever left half-written."""
    for rel, text in sorted(texts.items()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.sunlight-tmp")
        tmp.write_bytes(text.encode("utf-8"))
        os.replace(tmp, target)
