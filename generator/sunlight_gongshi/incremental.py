"""`sunlight validate` that re-reads only what changed, with the same problems as a full run.

Loading the 100,000 entries of a large community from the load cache costs more than a
tenth of a cold run, so validation keeps its own small cache, keyed like the load cache by
tool, path and bytes:
  - for each month file: its load problems, its `BooksSummary`, and its own problems together
    with every question those checks asked of the rest of the community and the answer
    (`checks.context`).  The problems are reused while the file is unchanged and every
    question still gets the same answer; otherwise the month is read and checked again;
  - for every other file: its record, as the load cache keeps it.
The checks that span months read the summaries.  Tests compare the problems with
`validate.validate` on the demo and on every case of the corpus, warm and cold.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .cache.store import Cache
from .checks import run_checks
from .checks.context import Context
from .checks.finance import month_problems
from .checks.scores import score_problems
from .load.loader import assemble, load_file, load_pages, read_bytes, survey
from .problems import Problem, has_errors
from .model.records import FILE_KINDS
from .compute.summary import BooksSummary, summarize_books

MONTH_CHECKS = {"finance-month": month_problems, "scores-month": score_problems}
PARSE_AT_MOST = 20   # more stale months than this: open the load cache rather than parse each


@dataclass(frozen=True)
class MonthResult:
    """What validation keeps of one month file, so that it need not read the file again."""

    month: str | None                    # None when the file did not load as a record
    load_problems: tuple[Problem, ...]
    summary: BooksSummary | None         # finance months only
    dependencies: tuple                  # the questions its checks asked, with their answers
    problems: tuple[Problem, ...]        # what its own checks found


@dataclass
class _Month:
    rel: str
    kind: str
    digest: str
    result: MonthResult | None = None    # from the cache
    record: object = None                # when read in this run
    load_problems: tuple[Problem, ...] = ()
    summary: BooksSummary | None = None  # finance months that loaded, from the cache or the record


def check_incrementally(root: Path) -> list[Problem]:
    """Every problem of the community at `root`, unsorted, reusing what earlier runs found."""
    light, heavy = Cache(root, name="checks"), Cache(root)
    tree = survey(root)
    problems = list(tree.problems)
    by_kind: dict[str, list] = {kind: [] for kind in FILE_KINDS}
    broken: set[str] = set()
    months: list[_Month] = []
    records_dir = os.path.join(root, "records")
    for rel, kind in tree.files:
        expected = MonthResult if kind in MONTH_CHECKS else tuple
        data, digest = None, light.stat_digest(rel, os.path.join(records_dir, rel))
        hit = light.get(digest) if digest else None
        if not isinstance(hit, expected):   # changed, or not seen before: read it
            data = read_bytes(root, rel, problems)
            if data is None:
                continue
            digest = light.digest(rel, data)
            light.note_digest(rel, digest)
            hit = light.get(digest)
            if not isinstance(hit, expected):
                hit = None
        heavy.keep(digest)
        if kind in MONTH_CHECKS:
            month = _Month(rel, kind, digest, result=hit)
            if hit is None:
                month.record, month.load_problems = _parse(heavy, rel, kind, digest, data)
            months.append(month)
            file_problems = hit.load_problems if hit else month.load_problems
        else:
            if hit is None:
                hit = _parse(heavy, rel, kind, digest, data)
                light.put(digest, hit)
            record, file_problems = hit
            if record is not None:
                by_kind[kind].append(record)
        problems += file_problems
        if has_errors(file_problems):
            broken.add(f"records/{rel}")
    pages = load_pages(root, problems)
    records = assemble(tree, by_kind, broken, pages, *_summaries(months))
    problems += _month_problems(records, months, root, light, heavy)
    problems += run_checks(records)
    light.save()
    heavy.save()
    return problems


def _parse(heavy: Cache, rel: str, kind: str, digest: str, data: bytes):
    loaded = load_file(rel, kind, data)
    heavy.put(digest, loaded)   # `sunlight build` reuses it
    record, file_problems = loaded
    return record, tuple(file_problems)


def _summaries(months: list[_Month]) -> tuple[tuple[BooksSummary, ...], tuple[str, ...]]:
    """Summaries of the finance months and the months that have scores, each in month order."""
    books, scored = [], []
    for month in months:
        if month.result is not None:
            if month.result.month is None:
                continue
            summary, name = month.result.summary, month.result.month
        elif month.record is not None:
            name = month.record.month
            summary = summarize_books(month.record) if month.kind == "finance-month" else None
        else:
            continue
        if month.kind == "finance-month":
            month.summary = summary
            books.append(summary)
        else:
            scored.append(name)
    books.sort(key=lambda s: s.month)   # stable, like `assemble` sorts the records
    return tuple(books), tuple(sorted(scored))


def _month_problems(records, months: list[_Month], root: Path, light: Cache, heavy: Cache) -> list[Problem]:
    """Each month's own problems: remembered while their answers hold, found again otherwise."""
    ctx = Context(records)
    problems: list[Problem] = []
    stale = []
    for month in months:
        if month.result is None:
            stale.append(month)
        elif month.result.month is not None:
            if ctx.same_answers(month.result.dependencies):
                problems += month.result.problems
            else:
                stale.append(month)
    use_load_cache = sum(m.result is not None for m in stale) > PARSE_AT_MOST
    for month in stale:
        keep = True
        if month.result is not None:   # unchanged file, changed answers: read it again
            loaded = heavy.get(month.digest) if use_load_cache else None
            if loaded is None:
                data = read_bytes(root, month.rel, []) or b""
                keep = light.digest(month.rel, data) == month.digest   # not edited meanwhile
                loaded = load_file(month.rel, month.kind, data)
            month.record, month.load_problems = loaded[0], tuple(loaded[1])
        record = month.record
        if record is None:
            if keep:
                light.put(month.digest, MonthResult(None, month.load_problems, None, (), ()))
            continue
        asking = ctx.recording()
        found = MONTH_CHECKS[month.kind](record, asking)
        if keep:
            light.put(month.digest, MonthResult(record.month, month.load_problems, month.summary,
                                                asking.dependencies(), tuple(found)))
        problems += found
    return problems
