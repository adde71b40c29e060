"""Checks of the books: accounts, entries, approvals, receipts and month-end balance assertions."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..compute.balances import carry, opening_balances
from ..compute.disclosure import OVERDUE
from ..money import ZERO, yuan
from ..problems import Problem, error, warning
from ..model.decisions import IN_FORCE
from ..model.kinds import ACCOUNTS, FINANCE_MONTH
from ..model.finance import counts_as_spending
from ..words import period_words
from .carried import Assertion, balance_problems
from .common import check_month_matches_file, duplicate_ids, file_month, in_month, month_end, same_page_ids


def check_accounts(records, ctx) -> list[Problem]:
    problems = duplicate_ids(records.accounts, lambda a: a.id, "账户", lambda a: (a.src.path, a.src.at("id")))
    problems += same_page_ids(records.accounts, lambda a: a.id, "账户", lambda a: (a.src.path, a.src.at("id")))
    for account in records.accounts:
        if account.opening_balance < 0:
            problems.append(warning(account.src.path, account.src.at("opening_balance"), "W-NEGATIVE-BALANCE",
                                    f"账户 {account.id} 的期初余额是 {yuan(account.opening_balance)} 元，低于零："
                                    "账户不能付出它没有的钱（记录格式 1.2：余额为负是提醒）；请核对结转的数"))
        if account.target is not None and account.kind != "campaign":
            problems.append(error(account.src.path, account.src.at("target"), "E-TARGET",
                                  f"只有众筹账户（kind: campaign）才有 target；账户 {account.id} 是 {account.kind}"))
    return problems


def _account_problem(ctx, account_id: str, date, what: str = "账户") -> str | None:
    opened = ctx.opened(account_id)
    if opened is None:
        close = ctx.account_hint(account_id)
        hint = f"是不是 {close}？" if close else "请先添加这个账户，或改正拼写"
        return f"{what} {account_id} 不在 finance/accounts.yml 里；{hint}"
    if opened > date:
        return f"{what} {account_id} 在 {opened} 才开立，不能有 {date} 的流水"
    return None


def _entry_problems(entry, path, ctx) -> list[Problem]:
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
            message = _account_problem(ctx, account, entry.date, f"转账的 {key} 账户")
            if message:
                problems.append(error(path, entry.transfer.src.at(key), "E-ACCOUNT", message))
    elif entry.account is not None:
        if entry.amount == 0:
            problems.append(error(path, at("amount"), "E-AMOUNT", "金额不能是 0；没有发生的收支请删掉这一笔"))
        message = _account_problem(ctx, entry.account, entry.date)
        if message:
            problems.append(error(path, at("account"), "E-ACCOUNT", message))
        threshold = ctx.threshold()
        if entry.decision is None and -entry.amount >= threshold and _fund_outflow(entry, ctx) is None:
            problems.append(error(path, at("amount"), "E-APPROVAL",
                                  f"这笔支出 {yuan(-entry.amount)} 元达到了审批线 {yuan(threshold)} 元，"
                                  "需要写明批准它的决议：decision: 决议编号"))
    if entry.decision is not None:
        problems += _approval_on_record(entry, path, ctx)
        decision = ctx.decision(entry.decision)
        if decision is None:
            problems.append(error(path, at("decision"), "E-DECISION-REF",
                                  f"找不到决议 {entry.decision}；请核对编号，或先在 decisions/ 下登记这项决议"))
        elif decision[0] not in IN_FORCE:
            problems.append(error(path, at("decision"), "E-DECISION-REF",
                                  f"决议 {entry.decision} 的状态是 {decision[0]}，还不能据此花钱；"
                                  "只有 decided、in_progress、done 的决议可以"))
        elif decision[1] > entry.date:
            problems.append(error(path, at("decision"), "E-DECISION-REF",
                                  f"这笔流水日期 {entry.date} 早于决议 {entry.decision} 的日期 {decision[1]}；"
                                  "先决定，后花钱"))
    problems += _fund_problems(entry, path, ctx)
    if entry.receipt is not None:
        message = ctx.file_problem(entry.receipt)
        if message:
            problems.append(error(path, at("receipt"), "E-FILE", message))
    return problems


_KIND_WORDS = {"operating": "日常经费", "public_revenue": "公共收益", "campaign": "众筹"}


def _approval_on_record(entry, path, ctx) -> list[Problem]:
    """A decision that approves spending at or above the threshold records its vote (or nobody can tell that
    anyone but its writer decided), and money raised into a maintenance fund needs the owners' three quarters."""
    approval = ctx.approval(entry.decision)
    if approval is None:
        return []   # an unknown decision is reported below
    body, status, passed = approval
    at = entry.src.at
    if (entry.expense and -entry.amount >= ctx.threshold() and passed is None and status in IN_FORCE
            and _fund_outflow(entry, ctx) is None):   # the fund's own rule says more (E-FUND-APPROVAL)
        return [warning(path, at("decision"), "W-APPROVAL-UNVOTED",
                        f"这笔支出 {yuan(-entry.amount)} 元达到了审批线 {yuan(ctx.threshold())} 元"
                        f"（policy.expense_approval_threshold），批准它的决议 {entry.decision} 却没有登记表决结果（vote）："
                        "看不出是集体决定的，还是一个人说了算；请在决议里写上表决票数")]
    if entry.income and ctx.account_kind(entry.account) == "maintenance_fund" and (
            body != "owners_assembly" or ctx.matter(entry.decision) != "major" or not passed):
        return [warning(path, at("decision"), "W-FUND-RAISING",
                        f"这笔收入记入专项维修资金，写的决议 {entry.decision} 却不是业主大会按重大事项"
                        "（matter: major）通过的决定：筹集维修资金须经参与表决的业主四分之三以上同意"
                        "（《民法典》第二百七十八条第一款第六项、第二款）；利息等不是筹集的收入不用写 decision")]
    return []


def _fund_outflow(entry, ctx) -> tuple[str, int] | None:
    """(account, line) when the entry takes money out of a maintenance fund: an expense, or the
    `from` side of a transfer."""
    if entry.transfer is not None:
        if entry.amount > 0 and ctx.account_kind(entry.transfer.source) == "maintenance_fund":
            return entry.transfer.source, entry.transfer.src.at("from")
    elif entry.account is not None and entry.amount < 0 and ctx.account_kind(entry.account) == "maintenance_fund":
        return entry.account, entry.src.at("amount")
    return None


def _fund_problems(entry, path, ctx) -> list[Problem]:
    """Civil Code art. 278 (1) 5: using the maintenance fund is the owners' joint decision, whatever
    the amount; an emergency repair may go first, and is then shown to every owner."""
    outflow = _fund_outflow(entry, ctx)
    at = entry.src.at
    if outflow is None:
        if entry.emergency:
            return [error(path, at("emergency"), "E-EMERGENCY",
                          "emergency: true 只用于从专项维修资金（kind: maintenance_fund）支出的紧急维修；"
                          "这一笔不是，请删掉这一行")]
        return []
    account, line = outflow
    return _diverted(entry, path, ctx, account) + _fund_approval(entry, path, ctx, account, line)


def _diverted(entry, path, ctx, account) -> list[Problem]:
    """The fund is for repairs only: moving it to an account of another kind is diverting it, whatever the vote."""
    amount = yuan(abs(entry.amount))
    if entry.transfer is not None and ctx.account_kind(entry.transfer.target) not in ("maintenance_fund", None):
        target = entry.transfer.target
        return [error(path, entry.transfer.src.at("to"), "E-FUND-DIVERTED",
                      f"专项维修资金 {account} 转入 {target}（{_KIND_WORDS.get(ctx.account_kind(target), '')}）的 "
                      f"{amount} 元，是把维修资金挪作他用：住宅专项维修资金专项用于共用部位、共用设施设备的维修和更新、改造，"
                      "不得挪作他用（《住宅专项维修资金管理办法》），业主大会的表决也不能改变；"
                      "维修支出请直接从维修资金账户支付，写上业主大会的决议")]
    return []


def _fund_approval(entry, path, ctx, account, line) -> list[Problem]:
    """The owners' passed decision behind money out of the fund, or an emergency shown to every owner."""
    at = entry.src.at
    amount = yuan(abs(entry.amount))
    approval = ctx.approval(entry.decision) if entry.decision is not None else None
    if approval is not None and approval[0] != "owners_assembly":
        return [error(path, at("decision"), "E-FUND-APPROVAL",
                      f"决议 {entry.decision} 不是业主大会的决定（body: {approval[0]}）；动用专项维修资金 {account} "
                      "须由业主大会表决通过（《民法典》第二百七十八条第一款第五项），业委会或其他组织不能决定。"
                      + ("紧急维修经业委会同意的，不写 decision，在 memo 里写明（如“业委会决议 2026-007 同意”）"
                         if entry.emergency else ""))]
    if entry.emergency:
        return [warning(path, at("emergency"), "W-FUND-EMERGENCY",
                        f"这笔从专项维修资金 {account} 支出的 {amount} 元标为紧急使用，没有业主大会的决定：危及房屋安全的"
                        "紧急情况可以不经业主表决先维修，但要业委会同意（《住宅专项维修资金管理办法》第二十四条），"
                        "请在 memo 里写明业委会的同意。网站会把它列为维修资金的紧急使用，事后应向全体业主公告使用情况")]
    if entry.decision is None:
        return [error(path, line, "E-FUND-APPROVAL",
                      f"从专项维修资金 {account} 支出或转出的每一笔钱（这笔 {amount} 元），不论金额大小，"
                      "都须经业主大会决定（《民法典》第二百七十八条第一款第五项）：请写上 decision: 业主大会决议编号；"
                      "危及房屋安全的紧急维修写 emergency: true")]
    if approval is None:
        return []   # an unknown decision is reported by the decision check
    _body, _status, passed = approval
    if passed is None:
        return [error(path, at("decision"), "E-FUND-APPROVAL",
                      f"业主大会决议 {entry.decision} 没有登记表决结果，无法核实它已通过；"
                      "动用专项维修资金须有通过的表决（《民法典》第二百七十八条第一款第五项）：请在决议里写上 vote")]
    if not passed:
        return [error(path, at("decision"), "E-FUND-APPROVAL",
                      f"业主大会决议 {entry.decision} 的表决没有通过，不能据此动用专项维修资金 {account}"
                      "（《民法典》第二百七十八条第一款第五项）")]
    return []


def month_problems(books, ctx) -> list[Problem]:
    """One month's own problems: dates in the month, and what its entries refer to."""
    path = books.src.path
    problems = check_month_matches_file(books, "账目")
    for entry in books.entries:
        if not in_month(entry.date, books.month):
            problems.append(error(path, entry.src.at("date"), "E-DATE-MONTH",
                                  f"日期 {entry.date} 不在 {books.month} 月内；请放到对应月份的文件里"))
        problems += _entry_problems(entry, path, ctx)
    for closing in books.closing:
        opened = ctx.opened(closing.account) if ctx.has_accounts() else None
        if ctx.has_accounts() and opened is None:
            problems.append(error(path, closing.line, "E-ACCOUNT",
                                  f"closing 里的账户 {closing.account} 不在 finance/accounts.yml 里"))
        elif opened is not None and opened > month_end(books.month):
            problems.append(error(path, closing.line, "E-ACCOUNT",
                                  f"账户 {closing.account} 在 {opened} 才开立，{books.month} 月末还没有这个账户，"
                                  "不能有它的月末余额；请删掉这一行，或核对 accounts.yml 里的 opened"))
    return problems


def check_entry_ids(records, ctx) -> list[Problem]:
    """Entry ids are unique across every month of the books."""
    ids = [(s.path, ident, line) for s in records.books for ident, line in zip(s.ids, s.id_lines)]
    return duplicate_ids(ids, lambda i: i[1], "流水", lambda i: (i[0], i[2]))


def check_balances(records, ctx) -> list[Problem]:
    """Each month's closing equals opening balance plus every entry up to the month's end; a balance
    below zero is a warning (an account cannot pay out money it does not hold)."""
    problems, assertions = balance_walk(records)
    names = {a.id: a.name for a in records.accounts}
    below = [warning(a.path, a.line, "W-NEGATIVE-BALANCE",
                     f"{names.get(a.account, a.account)}（{a.account}）{a.month} 月末余额是 {yuan(a.declared)} 元，低于零："
                     "账户不能付出它没有的钱（记录格式 1.2：余额为负是提醒）；请核对是否漏记了收入或转入，"
                     "或是否有一笔支出记错了账户")
             for a in assertions if a.declared < 0]
    return problems + balance_problems(assertions) + below   # one message per difference, see carried.py


def balance_walk(records) -> tuple[list[Problem], list[Assertion]]:
    """Missing closing lines, and every closing line with the balance computed for it, in month
    order; `sunlight closings --write` rewrites from the same walk."""
    if ACCOUNTS.place.path in records.broken:
        return [], []
    opening = opening_balances(records.accounts)
    loaded = {books.path for books in records.books}
    unread = min((file_month(path) for path in records.broken
                  if path.startswith(FINANCE_MONTH.place.prefix) and path not in loaded and file_month(path)),
                 default=None)
    steps = []
    for books in records.books:
        if books.path in records.broken or (unread and books.month >= unread):
            break  # its lost entries would make every later figure wrong; fix that file first
        steps.append((books, [(account, change) for account, change in books.activity if account in opening]))
    balance = dict(opening)
    problems: list[Problem] = []
    assertions: list[Assertion] = []   # every closing line with the balance computed for it
    for books, moved in carry(opening, steps):
        balance.update({account: after for account, (_before, after) in moved.items()})
        declared = {account: (amount, line) for account, amount, line in books.closings}
        for account in moved:
            if account not in declared:
                problems.append(error(books.path, books.closing_line, "E-CLOSING-MISSING",
                                      f"账户 {account} 本月有收支，closing 里却没有它的月末余额；"
                                      f"按流水算应为 {account}: \"{balance[account]}\""))
        for account, (amount, line) in declared.items():
            if account in balance:
                assertions.append(Assertion(books.path, books.month, account, amount, balance[account], line))
    return problems, assertions


def check_budgets(records, ctx) -> list[Problem]:
    """Spending past a decision's budget is a warning at the entry that crosses it; money moved out of
    a maintenance fund under a decision is spending of it (`counts_as_spending`)."""
    budgets = {d.id: d.budget for d in records.decisions if d.budget is not None}
    kinds = {a.id: a.kind for a in records.accounts}
    running: dict[str, Decimal] = defaultdict(lambda: ZERO)
    problems = []
    for books in records.books:
        for decision, paid, line, source, transfer in books.spending:
            if decision not in budgets or not counts_as_spending(transfer, kinds.get(source)):
                continue
            before = running[decision]
            running[decision] = before + paid
            budget = budgets[decision]
            if before <= budget < running[decision]:
                problems.append(warning(books.path, line, "W-OVER-BUDGET",
                                        f"这笔{'转出' if transfer else '支出'}使决议 {decision} 的花费累计 {yuan(running[decision])} 元，"
                                        f"超过预算 {yuan(budget)} 元；超支部分需要说明或追加决议"))
    return problems


def check_disclosure(records, ctx) -> list[Problem]:
    """Each period of the disclosure calendar whose books are not out by their due day (section 5.1)."""
    if records.community is None or ACCOUNTS.place.path in records.broken:
        return []
    disclosure = records.community.policy.disclosure
    calendar, today = ctx.calendar, ctx.today
    files = {books.month: books for books in records.books}
    accounts = {a.id: a for a in records.accounts}
    problems = []
    for period in calendar:
        if period.status != OVERDUE:
            continue
        account = accounts[period.account]
        month = period.last_month
        books = files.get(month)
        file = FINANCE_MONTH.place.path_of(month)
        if books is None and file in records.present:
            continue   # the file is there but could not be read: its own error says why
        if books is None:
            path, line, fix = account.src.path, account.src.at("id"), f"请提交 {file}，在 closing 里写上"
        else:
            path, line, fix = books.path, books.closing_line, "请在 closing 里写上"
        problems.append(warning(path, line, "W-DISCLOSURE-OVERDUE",
                                f"{account.name}（{account.id}）{period_words(period.period)}的账目应在 {period.due} 前公示"
                                f"（期末后 {disclosure.within_days(account.kind)} 天内），到参考日 {today} 已逾期 "
                                f"{period.days} 天：{fix} {account.id} 的月末余额（当月没有收支也要写）"))
    return problems
