"""Money moved between two of the community's accounts, as the sheets show it: booked once, as a transfer.

A treasurer with a sheet per account writes a transfer twice, as money out of one sheet
(“转入维修资金”) and money into the other (“由日常经费转入”).  Booked as an expense and an
income, it would overstate both totals by the amount moved.  A row is a transfer when its
words name another account with a verb of moving money (转入、划拨、调出…) or its
counterparty is that account; the two rows of one transfer, in two sheets imported together,
become one `transfer` entry, and a row whose other side is not imported becomes a transfer on
its own (the other sheet's row will then be found booked).  A row that moves money but names
no account, or whose other side is already booked as an ordinary entry, is refused.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ..money import yuan
from ..problems import Problem, error, warning
from .matching import booked
from .rows import Parsed, Row

VERBS = ("转入", "转出", "转到", "转至", "转给", "转存", "转拨", "转回", "划入", "划出", "划转", "划拨", "划到", "划至",
         "调入", "调出", "调拨", "调剂", "拨入", "拨出", "拨给", "拨到", "拨至", "存入", "转来", "转往")
BARE = re.compile(r"^(?:内部|账户间?|账户之间|户间)?(?:转账|互转|转款)$|^(?:" + "|".join(VERBS) + r")(?:资金|款项?)?$")


def _bare(text: str) -> str:
    return re.sub(r"[（(【\[].*?[）)】\]]|\s", "", text or "")


def _names(account) -> set[str]:
    return {name for name in (account.id, account.name, _bare(account.name)) if name and len(name) >= 2}


def other_account(row: Row, account: str, accounts) -> list[str]:
    """The other accounts this row says the money went to or came from."""
    words = _bare(" ".join((row.memo, row.category)))
    party = _bare(row.counterparty)
    found = []
    for other in accounts:
        if other.id == account:
            continue
        names = _names(other)
        moved = any(v in words for v in VERBS) and any(n in words for n in names)
        if party and party in names or moved or any(f"{v}{n}" in words for v in "转划拨调存" for n in names):
            found.append(other.id)
    return found


def is_bare(row: Row) -> bool:
    """A row whose memo only says money was moved (转出、内部转账), to no one named."""
    return not _bare(row.counterparty) and bool(BARE.match(_bare(row.memo)))


@dataclass
class _Side:
    job: object
    row: Row
    other: str | None


def plan(jobs, parsed: dict[int, Parsed], records) -> tuple[dict[int, Parsed], list[Problem]]:
    """Each job's rows with those to book as a transfer marked (`Row.transfer`), and the rows refused."""
    accounts = records.accounts
    by_account = {job.account: job for job in jobs}
    sides: list[_Side] = []
    problems: list[Problem] = []
    for job in jobs:
        for row in parsed[id(job)].rows:
            others = other_account(row, job.account, accounts)
            if len(others) > 1:
                problems.append(_refused(job, row, f"摘要里写了几个账户（{'、'.join(others)}），看不出钱转到了哪个账户；"
                                                   "请只写一个"))
            elif others or (is_bare(row) and len(jobs) > 1):
                sides.append(_Side(job, row, others[0] if others else None))
            elif is_bare(row):
                problems.append(_refused(job, row, f"摘要“{row.memo}”只说钱转走了（转来了），没说是哪个账户：如果是本小区"
                                                   "另一个账户，请写明（如“转入维修资金”），导入会记成一笔转账；如果是付给别人"
                                                   "或别人付来的钱，请写明对方"))
    marked: dict[tuple[int, int], str] = {}
    words: dict[tuple[int, int], Row] = {}
    paired: set[int] = set()
    used: set[tuple[int, int]] = set()          # rows of other sheets taken as a named transfer's other side
    order = {id(job): index for index, job in enumerate(jobs)}
    for i, side in enumerate(sides):
        if i in paired:
            continue
        partner = _partner(sides, i, paired)
        if partner is not None:
            paired.update((i, partner))
            other = sides[partner]
            marked[(id(side.job), side.row.number)] = other.job.account
            if side.row.amount > 0:   # the entry's words are those of the side the money left
                words[(id(side.job), side.row.number)] = other.row
            continue
        if side.other is None:
            problems.append(_refused(side.job, side.row, "像是账户之间的转账，其他工作表里却没有同一天、同样金额、方向相反的一行；"
                                                         "请写明转到（或来自）哪个账户，或核对两个工作表"))
            continue
        if side.other in by_account:
            other_job = by_account[side.other]
            found = _unnamed_partner(side, other_job, parsed, sides, used)
            if found is not None:   # the other sheet's row says nothing of a transfer: this row named it
                clash = _booked_plainly(records, side.job.account, side.other, side.row)
                if clash:
                    problems.append(_refused(side.job, side.row, clash))
                    continue
                used.add((id(other_job), found.number))
                if order[id(side.job)] < order[id(other_job)]:   # booked by the sheet imported first
                    marked[(id(side.job), side.row.number)] = side.other
                else:
                    marked[(id(other_job), found.number)] = side.job.account
                    words[(id(other_job), found.number)] = side.row
                continue
            sheet = by_account[side.other].label
            problems.append(_refused(side.job, side.row,
                                     f"是和账户 {side.other} 之间的转账，一起导入的 {sheet} 里却没有 {side.row.date} 方向相反、"
                                     f"金额 {yuan(abs(side.row.amount))} 的一行；请核对两个工作表（日期和金额要一致），再导入"))
            continue
        clash = _booked_plainly(records, side.job.account, side.other, side.row)
        if clash:
            problems.append(_refused(side.job, side.row, clash))
            continue
        marked[(id(side.job), side.row.number)] = side.other
        if not any(leg.date == side.row.date and leg.amount == -side.row.amount and leg.other == side.job.account
                   for leg in booked(records, side.other)):   # not a transfer already on record
            problems.append(warning(side.job.label, side.row.number, "W-IMPORT-TRANSFER",
                                    f"第 {side.row.number} 行记成了和账户 {side.other} 之间的转账（摘要“{side.row.memo}”），"
                                    f"{side.other} 的月末余额也一起改了；以后导入 {side.other} 的工作表时，那边的这一笔会被认出已经入账。"
                                    "如果这不是本小区两个账户之间的转账，请改掉摘要里的账户名"))
    result = {}
    for job in jobs:
        p = parsed[id(job)]
        items = [_as_transfer(item, marked[(id(job), item.number)], words.get((id(job), item.number)))
                 if isinstance(item, Row) and (id(job), item.number) in marked else item for item in p.items]
        result[id(job)] = Parsed(items, p.header, p.problems)
    for side in sides:
        if (id(side.job), side.row.number) in marked:
            clash = _booked_plainly(records, side.job.account, marked[(id(side.job), side.row.number)], side.row)
            if clash:
                problems.append(_refused(side.job, side.row, clash))
    return result, problems


def _as_transfer(row: Row, other: str, source: Row | None) -> Row:
    if source is None:
        return dataclasses.replace(row, transfer=other)
    return dataclasses.replace(row, transfer=other, memo=source.memo, counterparty=source.counterparty,
                               category=source.category)


def _unnamed_partner(side: _Side, job, parsed: dict[int, Parsed], sides: list[_Side], used: set) -> Row | None:
    """The one row of the other account's sheet on the same day with the opposite amount, when the
    row at hand names that account and that row says nothing of a transfer ("收到转款")."""
    taken = {s.row.number for s in sides if s.job is job} | {number for key, number in used if key == id(job)}
    candidates = [row for row in parsed[id(job)].rows if row.number not in taken and row.date == side.row.date
                  and row.amount == -side.row.amount]
    return candidates[0] if len(candidates) == 1 else None


def _partner(sides: list[_Side], i: int, paired: set[int]) -> int | None:
    """The row of the other sheet that is the other side of side i: the same day, the opposite
    amount, and each naming the other account (or saying only that money moved)."""
    side = sides[i]
    for j, other in enumerate(sides):
        if j == i or j in paired or other.job is side.job:
            continue
        if other.row.date != side.row.date or other.row.amount != -side.row.amount:
            continue
        if side.other not in (None, other.job.account) or other.other not in (None, side.job.account):
            continue
        if side.other is None and other.other is None and not (is_bare(side.row) and is_bare(other.row)):
            continue
        return j
    return None


def _booked_plainly(records, account: str, other: str, row: Row) -> str | None:
    """Why a transfer cannot be booked: one of its sides is already on record as an ordinary entry."""
    for acc, amount in ((account, row.amount), (other, -row.amount)):
        for leg in booked(records, acc):
            if leg.date == row.date and leg.amount == amount and leg.other is None:
                return (f"是和账户 {other} 之间的转账，可是 {leg.id}（{leg.path} 第 {leg.line} 行，{yuan(leg.amount)}）"
                        f"已经把{'这' if acc == account else '另'}一边记成了普通的{'收入' if amount > 0 else '支出'}："
                        f"请先把那一笔改成转账（transfer: {{from: {account if row.amount < 0 else other}, "
                        f"to: {other if row.amount < 0 else account}}}，去掉 account），再导入")
    return None


def _refused(job, row: Row, why: str) -> Problem:
    return error(job.label, row.number, "E-IMPORT-TRANSFER", f"第 {row.number} 行：{why}")
