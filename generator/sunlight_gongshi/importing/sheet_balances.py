"""The sheet's 余额 column checked three ways: its own arithmetic, its opening, and each month's end.

In the order the treasurer wrote the rows, each balance must equal the one before plus the
row's amount (a back-dated 补记 row in the middle is fine: the sheet's balance follows her
order).  The sheet's opening must equal the account's balance before its first date.  In date
order, the books after the import must end each month where the sheet does; where they do
not, the entries on record that the sheet lacks are named.  A difference carried unchanged
to later rows or months is reported once, where it starts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..money import yuan
from ..problems import Problem, error
from .matching import Booked
from .rows import Checkpoint, Parsed, Row

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Account:
    """What the checks need of the account the sheet goes into."""

    id: str
    name: str
    opening: Decimal
    path: str          # records/finance/accounts.yml
    line: int          # the line of its opening_balance


def example_hint(account: str, examples: list[Booked]) -> str:
    if not examples:
        return ""
    named = "、".join(f"{e.id}（{e.path} 第 {e.line} 行，{yuan(e.amount)}）" for e in examples[:3])
    more = f" 等 {len(examples)} 笔" if len(examples) > 3 else ""
    return (f"。账户 {account} 里还有 sunlight init 写的示例流水 {named}{more}：示例不是真实账目，"
            "请先删掉示例流水和示例月份 closing 里这个账户的一行，再导入")


def _example_advice(examples: list[Booked]) -> str:
    named = "、".join(f"{e.id}（{e.path} 第 {e.line} 行）" for e in examples[:3])
    return (f"。{named}是 sunlight init 写的示例流水，不是真实账目：请先删掉它，并删掉或改好示例月份 closing 里"
            "这个账户的一行，再导入")


def _carried(diffs: list[tuple[object, Decimal]]) -> list[tuple[object, Decimal, int]]:
    """(where, difference, how many later places carry it) for each place a difference starts or changes."""
    starts = []
    previous = ZERO
    for where, diff in diffs:
        if diff != previous and diff != 0:
            starts.append([where, diff, 0])
        elif diff != 0 and starts:
            starts[-1][2] += 1
        previous = diff
    return [tuple(s) for s in starts]


def check(parsed: Parsed, account: Account, existing: list[Booked], matched: dict[int, Booked],
          new: list[Row], label: str) -> list[Problem]:
    rows = parsed.rows
    if not rows or parsed.header is None or "balance" not in parsed.header.columns:
        return []
    column = parsed.header.name("balance")
    problems: list[Problem] = []
    # 1. the sheet's own arithmetic, in the order it was written: each balance is the one before
    #    plus the rows between; one that is not is reported unless it holds from the start
    #    (the row after a mistyped balance) -- later rows that build on a wrong one are counted.
    total, start, previous, reported = ZERO, None, None, None
    since, wrong = ZERO, []
    for item in parsed.items:
        if isinstance(item, Row):
            total += item.amount
            since += item.amount
        stated = item.balance
        if stated is None:
            continue
        if start is None:
            start, previous, since = (item, stated - total), (item, stated), ZERO
            continue
        local = stated - (previous[1] + since)
        from_start = stated - (start[1] + total)
        if local and from_start:
            reported = [item, previous, local, 0]
            wrong.append(reported)
        elif from_start and reported is not None:
            reported[3] += 1
        elif not from_start:
            reported = None
        previous, since = (item, stated), ZERO
    problems += [error(label, item.number, "E-IMPORT-BALANCE",
                      f"第 {item.number} 行：“{column}”列是 {yuan(item.balance)}，按上一个余额（第 {before[0].number} 行的 "
                      f"{yuan(before[1])}）加减其间的收支应为 {yuan(item.balance - local)}，相差 {yuan(local)}"
                      + (f"（之后 {later} 行的余额是接着这个数算的，要一起改）" if later else "")
                      + "。请核对这一行的金额和余额（Excel 公式是否引用错了行）")
                for item, before, local, later in wrong]
    if start is None:
        return problems
    # 2. the sheet's opening against the books before its first date
    first = min(r.date for r in rows).replace(day=1)   # a sheet opens with the balance carried into its first month
    held = {id(b) for b in matched.values()}
    before = [e for e in existing if id(e) not in held and e.date < first]
    books_before = account.opening + sum((e.amount for e in before), ZERO)
    opening_diff = start[1] - books_before
    if opening_diff:
        item = start[0]
        what = f"“{item.label}”" if isinstance(item, Checkpoint) else f"由“{column}”列倒推"
        counted = f"加上已入账的 {len(before)} 笔流水" if before else "此前没有已入账的流水"
        problems.append(error(label, item.number, "E-IMPORT-BALANCE",
                              f"第 {item.number} 行：表格的期初余额（{what}）是 {yuan(start[1])}，账户 {account.id} 在 "
                              f"{first} 之前的余额却是 {yuan(books_before)}（{account.path} 第 {account.line} 行的期初余额 "
                              f"{yuan(account.opening)}，{counted}），相差 {yuan(opening_diff)}；请核对 accounts.yml 里的 "
                              "opening_balance 和 opened，或表格的期初余额"
                              + example_hint(account.id, [e for e in before if e.is_example])))
    # 3. each month's end, in date order, against the books with the import
    months = sorted({r.month for r in rows})
    ends = []
    for month in months:
        last = max(i for i, r in enumerate(rows) if r.month <= month)
        if any(r.month > month for r in rows[:last + 1]):
            continue   # a row of a later month stands above: the sheet has no balance for this month's end
        sheet_end = start[1] + sum((r.amount for r in rows[:last + 1]), ZERO)
        books_end = account.opening + sum((e.amount for e in existing if e.month <= month), ZERO) \
            + sum((r.amount for r in new if r.month <= month), ZERO)
        ends.append(((month, rows[last], sheet_end, books_end), sheet_end - books_end - opening_diff))
    checked = [where[0] for where, _diff in ends]
    for (month, row, sheet_end, books_end), diff, later in _carried(ends):
        since = checked[checked.index(month) - 1] if checked.index(month) else ""
        missing = [e for e in existing if id(e) not in held and e.date >= first and since < e.month <= month]
        cause = ("：已入账的 " + "、".join(f"{e.id}（{e.date}，{e.plain_memo() or '无摘要'}，{yuan(e.amount)}）"
                                       for e in missing[:3]) + ("等" if len(missing) > 3 else "") + "不在表格里"
                 if missing else "")
        carried = f"；之后 {later} 个月的月末也都相差同样的 {yuan(diff + opening_diff)}" if later else ""
        shown = [e for e in missing if e.is_example]
        advice = (_example_advice(shown) if shown else
                  "。请把缺的流水补进表格，或确认是重复记账后从月度文件里删掉")
        problems.append(error(label, row.number, "E-IMPORT-BALANCE",
                              f"第 {row.number} 行是表格里 {month} 的最后一笔，余额应为 {yuan(sheet_end)}；账户 {account.id} "
                              f"按已入账和这次导入的全部流水算出 {month} 月末余额 {yuan(books_end)}，"
                              f"相差 {yuan(sheet_end - books_end)}{cause}{carried}{advice}"))
    return problems


def before_opening(rows: list[Row], account_id: str, opened: dt.date, path: str, line: int,
                   examples: list[Booked]) -> list[Problem]:
    """One error at the account's `opened` line for all rows dated before it, not one per row."""
    early = sorted((r for r in rows if r.date < opened), key=lambda r: (r.date, r.number))
    if not early:
        return []
    hint = "（opened 和 opening_balance 可能还是 sunlight init 写的示例值）" if examples else ""
    return [error(path, line, "E-IMPORT-OPENED",
                  f"账户 {account_id} 的开立日（opened）是 {opened}{hint}，表格里却有 {len(early)} 行更早的流水"
                  f"（最早是第 {early[0].number} 行的 {early[0].date}）：请把 opened 改成真实的开立日（不晚于 "
                  f"{early[0].date}），opening_balance 改成那天开始时的余额" + example_hint(account_id, examples))]
