"""Month-end balances that do not hold, reported once where the difference starts, not at every later month.

Correcting an entry in a closed month moves every later balance by the same amount, so every
later `closing` line, computed before the correction, is off by that amount.  One message at
the first month that no longer holds names the later ones that carry the same difference and
the command that rewrites them (`sunlight closings --write`).  A month whose difference
changes has a mistake of its own and gets a message of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..problems import Problem, error
from ..money import yuan

REWRITE = "sunlight closings --write"


@dataclass(frozen=True)
class Assertion:
    """One `closing` line of one month: what it declares and what the entries give."""

    path: str
    month: str
    account: str
    declared: Decimal
    computed: Decimal
    line: int

    @property
    def difference(self) -> Decimal:
        return self.declared - self.computed


def _months(run: list[Assertion]) -> str:
    names = [a.month for a in run]
    return "、".join(names) if len(names) <= 4 else f"{names[0]}、{names[1]} … {names[-1]}"


def _message(first: Assertion, later: list[Assertion]) -> str:
    head = (f"账户 {first.account} 月末余额不符：写的是 {yuan(first.declared)}，"
            f"按期初余额和全部流水算出 {yuan(first.computed)}，相差 {yuan(first.difference)}")
    if not later:
        return head + "；请核对本月流水是否漏记、重记或金额写错"
    return (head + f"；之后 {len(later)} 个月的 closing（{_months(later)}）也都相差同样的 {yuan(first.difference)}，"
            "是同一个原因，不再逐月报告。如果这是有意更正本月或更早已结账的账目造成的，请运行 "
            f"{REWRITE} 把本月和之后各月的 closing 一并改写；否则请核对本月流水是否漏记、重记或金额写错")


def balance_problems(assertions: list[Assertion]) -> list[Problem]:
    """E-BALANCE at each month where an account's difference starts or changes, naming the carriers."""
    by_account: dict[str, list[Assertion]] = {}
    for assertion in assertions:
        by_account.setdefault(assertion.account, []).append(assertion)
    problems = []
    for chain in by_account.values():
        chain.sort(key=lambda a: a.month)
        index = 0
        while index < len(chain):
            first = chain[index]
            if first.difference == 0:
                index += 1
                continue
            end = index + 1
            while end < len(chain) and chain[end].difference == first.difference:
                end += 1
            problems.append(error(first.path, first.line, "E-BALANCE", _message(first, chain[index + 1:end])))
            index = end
    return problems
