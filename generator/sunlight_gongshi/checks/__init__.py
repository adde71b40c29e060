"""Check stage: every rule that relates records to one another, listed once in `CHECKS`.

A check is either a function of the whole community, `check_x(records) -> problems`, or a
`FileCheck`: a function of one file's record that asks about the rest of the community only
through a `Context`.  What a file check found is kept with the questions it asked and their
answers, and reused while the file is unchanged and every answer is the same; the checks that
span files read the records, or the month summaries (`Records.books`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from ..compute.reference import newest_record_date
from ..model.recordset import fetch_records
from ..problems import Problem
from .community import check_committees, check_required_files, check_rosters, check_units
from .context import Context
from .decisions import check_decisions, check_publication
from .examples import SERIES, check_examples, month_examples, one_warning
from .finance import (check_accounts, check_balances, check_budgets, check_disclosure, check_entry_ids,
                      month_problems)
from .meetings import check_meetings
from .activities import activity_problems
from .requests import check_request_ids, request_problems
from .scores import check_award_payments, check_rubric, score_problems


@dataclass(frozen=True)
class FileCheck:
    """A check of one file of `kind`; its results can be kept per file (see module docstring)."""

    kind: str
    run: Callable[[object, Context], list[Problem]]

    @property
    def name(self) -> str:
        return self.run.__name__


@dataclass(frozen=True)
class DatedCheck:
    """A check of the whole community whose findings depend on the reference date (section 5.1)."""

    run: Callable[[object, dt.date], list[Problem]]


@dataclass(frozen=True)
class Found:
    """What a file check found in one file, and every answer it relied on."""

    dependencies: tuple
    problems: tuple[Problem, ...]


CHECKS = (
    check_required_files,
    check_units,
    check_rosters,
    DatedCheck(check_committees),
    check_decisions,
    check_publication,
    check_meetings,
    check_accounts,
    FileCheck("finance-month", month_problems),
    check_entry_ids,
    check_balances,
    check_budgets,
    DatedCheck(check_disclosure),
    check_rubric,
    FileCheck("scores-month", score_problems),
    check_award_payments,
    FileCheck("requests-month", request_problems),
    check_request_ids,
    FileCheck("activities-month", activity_problems),
    check_examples,
    *(FileCheck(kind, month_examples) for kind in SERIES),
)


def run_checks(records, results=None, today: dt.date | None = None) -> list[Problem]:
    """Every problem the checks find; `results` (a `cache.caches.Results`) keeps file checks' findings,
    `today` is the reference date (by default the newest date in the records)."""
    problems: list[Problem] = []
    ctx = Context(records)
    today = today or newest_record_date(records)
    for check in CHECKS:
        if isinstance(check, FileCheck):
            problems += _file_check(check, records, ctx, results)
        elif isinstance(check, DatedCheck):
            problems += check.run(records, today)
        else:
            problems += check(records)
    return one_warning(problems)


def _file_check(check: FileCheck, records, ctx: Context, results) -> list[Problem]:
    problems: list[Problem] = []
    stale = []
    for loaded in records.files_of(check.kind):
        kept = results.get(loaded.key, check.name) if results else None
        if kept is not None and ctx.same_answers(kept.dependencies):
            problems += kept.problems
        else:
            stale.append(loaded)
    for loaded, record in zip(stale, fetch_records(tuple(stale))):
        asking = ctx.recording()
        found = check.run(record, asking)
        if results and loaded.stable:
            results.put(loaded.key, check.name, Found(asking.dependencies(), tuple(found)))
        problems += found
    return problems
