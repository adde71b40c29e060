"""Check stage: every rule that relates records to one another, as `check_x(records) -> problems`."""

from __future__ import annotations

from ..problems import Problem
from .community import check_required_files, check_rosters, check_units
from .decisions import check_decisions
from .finance import check_accounts, check_balances, check_budgets, check_months
from .scores import check_rubric, check_scores

CHECKS = (
    check_required_files,
    check_units,
    check_rosters,
    check_decisions,
    check_accounts,
    check_months,
    check_balances,
    check_budgets,
    check_rubric,
    check_scores,
)


def run_checks(records) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems += check(records)
    return problems
