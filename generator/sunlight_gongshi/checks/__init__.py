"""Check stage: every rule that relates records to one another, listed once in `CHECKS`.

Every check is called one way, `check(records, ctx) -> list[Problem]`: `ctx` (`context.Context`)
carries the reference date (`ctx.today`), the disclosure calendar of that day, and the questions
a month file's checks ask about the rest of the community.  A check of one file at a time is
listed as `FileCheck(kind, function)` (`perfile`): what it found in each file is kept with the
questions it asked and their answers, and reused while the file is unchanged and every answer
is the same; the checks that span files read the records, or the month summaries (`Records.books`).
"""

from __future__ import annotations

from ..model.kinds import ACTIVITIES_MONTH, FINANCE_MONTH, REQUESTS_MONTH, SCORES_MONTH, SERIES
from ..problems import Problem
from .activities import activity_problems
from .books import check_receipts, check_revenue_authorisation, check_split_expenses
from .community import check_committees, check_policy, check_required_files, check_rosters, check_units
from .context import Context
from .decisions import check_announcements, check_decisions, check_publication
from .examples import check_examples, month_examples, one_warning
from .finance import (check_accounts, check_balances, check_budgets, check_disclosure, check_entry_ids,
                      month_problems)
from .meetings import check_meetings
from .perfile import FileCheck
from .requests import check_request_ids, request_problems
from .scores import check_award_payments, check_rubric, score_problems

CHECKS = (
    check_required_files,
    check_units,
    check_policy,
    check_rosters,
    check_committees,
    check_decisions,
    check_publication,
    check_announcements,
    check_meetings,
    check_accounts,
    FileCheck(FINANCE_MONTH, month_problems),
    check_entry_ids,
    check_balances,
    check_budgets,
    check_receipts,
    check_split_expenses,
    check_revenue_authorisation,
    check_disclosure,
    check_rubric,
    FileCheck(SCORES_MONTH, score_problems),
    check_award_payments,
    FileCheck(REQUESTS_MONTH, request_problems),
    check_request_ids,
    FileCheck(ACTIVITIES_MONTH, activity_problems),
    check_examples,
    *(FileCheck(kind, month_examples) for kind in SERIES),
)


def run_checks(records, ctx: Context) -> list[Problem]:
    """Every problem the checks find in `records`, on the reference date `ctx.today`."""
    problems: list[Problem] = []
    for check in CHECKS:
        problems += check(records, ctx)
    return one_warning(problems)
    return problems
