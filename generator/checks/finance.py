"""Checks of the books: accounts, entries, approvals, receipts and month-end balance assertions."""

from __future__ import annotations

import difflib
from collections import defaultdict
from decimal import Decimal

from ..compute.balances import ZERO, legs
from ..problems import Problem, error, warning
from .common import (IN_FORCE, check_month_matches_file, duplicate_ids, file_ref_problem, in_month,
                     yuan)


def check_accounts(records) -> list[Problem]:
    problems = duplicate_ids(records.accounts, lambda a: a.id, "账户", lambda a: (a.src.path, a.src.at("id")))
    for account in records.accounts:
        if account.target is not None and account.kind != "campaign":
            problems.append(error(account.src.path, account.src.at("target"), "E-TARGET",
                                  f"只有众筹账户（kind: campaign）才有 target；账户 {account.id} 是 {account.kind}"))
    return problems


def _account_problem(accounts: dict, account_id: str, date, what: str = "账户") -> str | None:
    account = accounts.get(account_id)
    if account is None:
        close = difflib.get_close_matches(account_id, list(accounts), n=1)
        hint = f"是不是 {close[0]}？" if close else "请先添加这个账户，或改正拼写"
        return f"{what} {account_id} 不在 finance/accounts.yml 里；{hint}"
    if account.opened > date:
        return f"{what} {account_id} 在 {account.opened} 才开立，不能有 {date} 的流水"
    return None


def _entry_problems(records, entry, path, threshold, decisions, accounts) -> list[Problem]:
    at = entry.src.at
    problems = []
    if (entry.account is None) == (entry.transfer is None):
        problems.append(error(path, entry.src.line, "E-ENTRY-ACCOUNT",
                              "每笔流水要写 account（哪个账户），转账则写 transfer（从哪到哪），二者只写一个"))
    if entry.transfer is not None:
        if entry.amount <= 0:
            problems.append(error(path, at("amount"), "E-AMOUNT",
                                  f"转账金额写正数（{yuan(abs(entry.amount))}）；方向由 transfer 的 from/to 表示"))
        if entry.transfer.source == entry.transfer.target:
            problems.append(error(path, at("transfer"), "E-TRANSFER", "转账的 from 和 to 是同一个账户"))
        for key, account in (("from", entry.transfer.source), ("to", entry.transfer.target)):
            message = _account_problem(accounts, account, entry.date, f"转账的 {key} 账户")
            if message:
                problems.append(error(path, entry.transfer.src.at(key), "E-ACCOUNT", message))
    elif entry.account is not None:
        if entry.amount == 0:
            problems.append(error(path, at("amount"), "E-AMOUNT", "金额不能是 0；没有发生的收支请删掉这一笔"))
        message = _account_problem(accounts, entry.account, entry.date)
        if message:
            problems.append(error(path, at("account"), "E-ACCOUNT", message))
        if entry.decision is None and -entry.amount >= threshold:
            problems.append(error(path, at("amount"), "E-APPROVAL",
                                  f"这笔支出 {yuan(-entry.amount)} 元达到了审批线 {yuan(threshold)} 元，"
                                  "需要写明批准它的决议：decision: 决议编号"))
    if entry.decision is not None:
        decision = decisions.get(entry.decision)
        if decision is None:
            problems.append(error(path, at("decision"), "E-DECISION-REF",
                                  f"找不到决议 {entry.decision}；请核对编号，或先在 decisions/ 下登记这项决议"))
        elif decision.status not in IN_FORCE:
            problems.append(error(path, at("decision"), "E-DECISION-REF",
                                  f"决议 {entry.decision} 的状态是 {decision.status}，还不能据此花钱；"
                                  "只有 decided、in_progress、done 的决议可以"))
        elif decision.date > entry.date:
            problems.append(error(path, at("decision"), "E-DECISION-REF",
                                  f"这笔流水日期 {entry.date} 早于决议 {entry.decision} 的日期 {decision.date}；"
                                  "先决定，后花钱"))
    if entry.receipt is not None:
        message = file_ref_problem(entry.receipt, records)
        if message:
            problems.append(error(path, at("receipt"), "E-FILE", message))
    return problems


def check_months(records) -> list[Problem]:
    """Every entry of every month: ids unique across months, dates in the month, references valid."""
    entries = [(books.src.path, e) for books in records.months for e in books.entries]
    problems = duplicate_ids(entries, lambda pe: pe[1].id, "流水", lambda pe: (pe[0], pe[1].src.at("id")))
    policy = records.community.policy if records.community else None
    threshold = policy.expense_approval_threshold if policy else Decimal("Infinity")
    decisions = {d.id: d for d in records.decisions}
    accounts = {a.id: a for a in records.accounts}
    for books in records.months:
        path = books.src.path
        problems += check_month_matches_file(books, "账目")
        for entry in books.entries:
            if not in_month(entry.date, books.month):
                problems.append(error(path, entry.src.at("date"), "E-DATE-MONTH",
                                      f"日期 {entry.date} 不在 {books.month} 月内；请放到对应月份的文件里"))
            problems += _entry_problems(records, entry, path, threshold, decisions, accounts)
        for closing in books.closing:
            if records.accounts and closing.account not in accounts:
                problems.append(error(path, closing.line, "E-ACCOUNT",
                                      f"closing 里的账户 {closing.account} 不在 finance/accounts.yml 里"))
    return problems


def check_balances(records) -> list[Problem]:
    """Each month's closing equals opening balance plus every entry up to the month's end."""
    if "records/finance/accounts.yml" in records.broken:
        return []
    balance = {a.id: a.opening_balance for a in records.accounts}
    problems = []
    for books in records.months:
        if books.src.path in records.broken:
            break  # its lost entries would make every later figure wrong; fix that file first
        active = []
        for entry in books.entries:
            for leg in legs(entry):
                if leg.account in balance:
                    balance[leg.account] += leg.amount
                    active.append(leg.account)
        declared = {c.account: c for c in books.closing}
        for account in dict.fromkeys(active):
            if account not in declared:
                problems.append(error(books.src.path, books.src.at("closing"), "E-CLOSING-MISSING",
                                      f"账户 {account} 本月有收支，closing 里却没有它的月末余额；"
                                      f"按流水算应为 {account}: \"{balance[account]}\""))
        for account, closing in declared.items():
            if account in balance and closing.amount != balance[account]:
                diff = closing.amount - balance[account]
                problems.append(error(books.src.path, closing.line, "E-BALANCE",
                                      f"账户 {account} 月末余额不符：写的是 {yuan(closing.amount)}，"
                                      f"按期初余额和全部流水算出 {yuan(balance[account])}，相差 {yuan(diff)}；"
                                      "请核对本月流水是否漏记、重记或金额写错"))
    return problems


def check_budgets(records) -> list[Problem]:
    """Spending past a decision's budget is a warning at the entry that crosses it."""
    budgets = {d.id: d.budget for d in records.decisions if d.budget is not None}
    running: dict[str, object] = defaultdict(lambda: ZERO)
    problems = []
    for books in records.months:
        for entry in sorted(books.entries, key=lambda e: e.date):
            if entry.decision not in budgets or entry.transfer is not None or entry.amount >= 0:
                continue
            before = running[entry.decision]
            running[entry.decision] = before - entry.amount
            budget = budgets[entry.decision]
            if before <= budget < running[entry.decision]:
                problems.append(warning(books.src.path, entry.src.at("amount"), "W-OVER-BUDGET",
                                        f"这笔支出使决议 {entry.decision} 的花费累计 {yuan(running[entry.decision])} 元，"
                                        f"超过预算 {yuan(budget)} 元；超支部分需要说明或追加决议"))
    return problems
