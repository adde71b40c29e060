"""Checks of the books that span months and accounts (format 1.2): a receipt backs one expense, and
business income from common parts comes with the owners' authorisation."""

from __future__ import annotations

import posixpath
from collections import deque

from ..compute.votes import outcome
from ..model.decisions import IN_FORCE
from ..money import ZERO, yuan
from ..problems import Problem, error, warning
from .common import name_key

BUSINESS = ("利用共有部分从事经营活动（电梯广告、公共场地停车等），须经参与表决专有部分面积四分之三以上的业主"
            "且参与表决人数四分之三以上的业主同意（《民法典》第二百七十八条第一款第八项、第二款）")


def check_receipts(records, ctx) -> list[Problem]:
    """One receipt backs one expense (一票多报 is the oldest way to pay oneself twice)."""
    first: dict[str, tuple[str, str, int]] = {}
    problems = []
    for books in records.books:
        for receipt, entry, line in books.receipts:
            key = posixpath.normpath(receipt).casefold()   # files/a.jpg, ./files/A.JPG: one file where it is checked out
            earlier = first.setdefault(key, (entry, books.path, line))
            if earlier[0] != entry:
                problems.append(warning(books.path, line, "W-RECEIPT-REUSED",
                                        f"票据 {receipt} 已经是流水 {earlier[0]}（{earlier[1]}:{earlier[2]}）的凭证："
                                        "一张原始凭证只能报销一笔支出（一票多报是重复报销）；一张发票确实包括几笔支出时，"
                                        "请把它们合成一笔流水，否则给这一笔附上它自己的凭证"))
    return problems


SPLIT_DAYS = 7   # expenses to one counterparty this many days apart or less are looked at together


def check_split_expenses(records, ctx) -> list[Problem]:
    """Expenses to one counterparty within a week, none naming a decision, that together reach the approval
    threshold: one payment cut into pieces under the line (拆分支出) is the easiest way round it."""
    if records.community is None:
        return []
    threshold = records.community.policy.expense_approval_threshold
    kinds = {a.id: a.kind for a in records.accounts}
    by_payee: dict[str, list] = {}
    for books in records.books:
        for date, counterparty, paid, entry, line, account in books.unapproved:
            if paid >= threshold or kinds.get(account) == "maintenance_fund":
                continue   # reported as unapproved on their own (E-APPROVAL, E-FUND-APPROVAL)
            key = name_key(counterparty) if counterparty else ""
            by_payee.setdefault(key, []).append((date, paid, entry, line, books.path, counterparty))
    problems = []
    for payments in by_payee.values():
        payments.sort(key=lambda p: p[0])
        window: deque = deque()   # the payee's earlier payments of the last SPLIT_DAYS days, and their sum
        before = ZERO
        for date, paid, entry, line, path, counterparty in payments:
            while window and (date - window[0][0]).days > SPLIT_DAYS:
                before -= window.popleft()[1]
            if before < threshold <= before + paid:
                pieces = "、".join(f"{p[2]}（{p[0]}，{yuan(p[1])} 元）" for p in window)
                who = f"付给 {counterparty} 的" if counterparty else "没写对方（counterparty）的"
                problems.append(warning(path, line, "W-SPLIT-EXPENSE",
                                        f"{SPLIT_DAYS} 天内{who}支出 {pieces}和这一笔 {yuan(paid)} 元合计 "
                                        f"{yuan(before + paid)} 元，达到了审批线 {yuan(threshold)} 元"
                                        "（policy.expense_approval_threshold），每笔都没有写决议：把一笔支出拆成几笔来避开审批"
                                        "（拆分支出）是不允许的。请写上批准它们的决议（decision）；确是互不相关的几笔支出的，"
                                        "在摘要（memo）里写明，这条提醒仍会显示，供监委会核对"))
            window.append((date, paid, entry))
            before += paid
    return problems


def check_revenue_authorisation(records, ctx) -> list[Problem]:
    """A public revenue account names the owners' decision that allowed the business (`authorised_by`),
    dated on or before its first income; income without it is a warning."""
    decisions = {d.id: d for d in records.decisions}
    first_income: dict[str, tuple] = {}
    for books in records.books:
        for account, date, entry, line, path in books.first_income:
            first_income.setdefault(account, (date, entry, line, path))
    problems = []
    for account in records.accounts:
        path, income = account.src.path, first_income.get(account.id)
        if account.authorised_by is None:
            if account.kind == "public_revenue" and income is not None:
                date, entry, _line, where = income
                problems.append(warning(path, account.src.at("id"), "W-REVENUE-UNAUTHORISED",
                                        f"公共收益账户 {account.id} 有经营收入（第一笔：{where} 的流水 {entry}，{date}），"
                                        f"却没有写 authorised_by：{BUSINESS}。请写上 authorised_by: 授权的业主大会决议编号；"
                                        "还没有表决过的，请提交业主大会表决"))
            continue
        line = account.src.at("authorised_by")
        if account.kind != "public_revenue":
            problems.append(error(path, line, "E-AUTHORISED",
                                  f"authorised_by 只写在公共收益账户（kind: public_revenue）上；账户 {account.id} 是 "
                                  f"{account.kind}，请删掉这一行"))
            continue
        decision = decisions.get(account.authorised_by)
        why = _not_authorising(decision, records.community)
        if why:
            problems.append(error(path, line, "E-AUTHORISED",
                                  f"决议 {account.authorised_by} {why}，不能授权公共收益账户 {account.id} 的经营：{BUSINESS}"))
        elif income is not None and income[0] < decision.date:
            date, entry, income_line, where = income
            problems.append(warning(where, income_line, "W-REVENUE-UNAUTHORISED",
                                    f"这笔收入（{date}）早于授权经营的业主大会决议 {decision.id}（{decision.date}）："
                                    f"{BUSINESS}；表决之前的经营收入没有业主的授权，请在决议里说明"))
    return problems


def _not_authorising(decision, community) -> str | None:
    """Why a decision cannot authorise business on common parts, or None when it can."""
    if decision is None:
        return "不存在（decisions/ 里没有这个编号）"
    if decision.body != "owners_assembly":
        return f"不是业主大会的决定（body: {decision.body}）"
    if decision.matter != "major":
        return "不是按重大事项（matter: major，四分之三）表决的"
    if decision.status not in IN_FORCE:
        return f"的状态是 {decision.status}，不是已决定的事项"
    result = outcome(decision, community.households, community.area_m2) if community else None
    if result is None:
        return "没有登记表决结果，无法核实它已通过"
    if not result.passed:
        return "的表决没有通过"
    return None
