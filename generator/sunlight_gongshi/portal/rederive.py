"""Re-deriving what an estate's exports let the portal check itself (spec section 7, 1.2): an estate
whose exports contradict themselves is `unverified`, and the reason names the file, the row and
the figures, so the estate's maintainer can find it and an office can read it.

- finance.json: each month row's opening + income - expense = closing; its opening is the
  account's previous closing; each account's balance is its last month's closing; each month
  row's income and expense are the sums of that month's entries in entries.csv, and every
  month and account with entries has its row;
- disclosure.json: `status` agrees with `due` and `published` (on time, late, not disclosed),
  an `overdue` period was due before the site's reference date (or the harvest) and a
  `pending` one not before the reference date, and nothing was published after the harvest;
- requests.json: a request is closed exactly when it has a `resolved` day, not before it was
  received, and `days` is `resolved - received`.

Values only go in; the schemas have already checked every field's shape, so an amount is
`-?digits.dd` and is added exactly as whole cents (an int), thousands of rows an estate.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..money import yuan

FINANCE, ENTRIES, DISCLOSURE, REQUESTS = "data/finance.json", "data/entries.csv", "data/disclosure.json", \
    "data/requests.json"
STATUS_WORDS = {"on_time": "按时公开", "late": "迟公开", "overdue": "逾期未公开", "pending": "未到截止日",
                "unknown": "已公开、日期不明"}
SLACK = dt.timedelta(days=1)   # the harvest's day is the portal's; the site's dates are its own time zone's


def contradiction(exports: dict, harvest_day: dt.date) -> str | None:
    """Why the exports contradict themselves, or None when every re-derived figure agrees."""
    community = exports.get("community")
    reference = dt.date.fromisoformat(community["reference_date"]) if community else None
    return (_finance(exports["finance"]) or _entries(exports["finance"]["months"], exports["entries"])
            or _disclosure(exports["disclosure"], reference, harvest_day) or _requests(exports["requests"]))


def _cents(value: str) -> int:
    """An amount as the schema has it ("-1234.50") in whole cents: exact, and cheaper than Decimal."""
    return int(value.replace(".", ""))


def _yuan(cents: int) -> str:
    return yuan(Decimal(cents) / 100)


def _money(value: str) -> str:
    return yuan(Decimal(value))


def _finance(finance: dict) -> str | None:
    accounts = {a["id"] for a in finance["accounts"]}
    last: dict[str, tuple[int, dict]] = {}
    for i, row in enumerate(finance["months"]):
        where = f"{FINANCE} 的 months 第 {i + 1} 行（{row['month']} {row['account']}）"
        opening, income, expense, closing = (_cents(row[k]) for k in ("opening", "income", "expense", "closing"))
        if row["account"] not in accounts:
            return f"{where}的账户 {row['account']} 不在 accounts 里"
        if opening + income - expense != closing:
            derived = opening + income - expense
            return (f"{where}自相矛盾：月初 {_yuan(opening)} + 收入 {_yuan(income)} − 支出 {_yuan(expense)} = "
                    f"{_yuan(derived)}，月末却写的是 {_yuan(closing)}（相差 {_yuan(closing - derived)}）")
        before = last.get(row["account"])
        if before is not None and _cents(before[1]["closing"]) != opening:
            j, previous = before
            return (f"{where}的月初 {_yuan(opening)} 与这个账户上一行（第 {j + 1} 行，{previous['month']}）的月末 "
                    f"{_money(previous['closing'])} 不符")
        last[row["account"]] = (i, row)
    for k, account in enumerate(finance["accounts"]):
        found = last.get(account["id"])
        if found is not None and _cents(found[1]["closing"]) != _cents(account["balance"]):
            j, row = found
            return (f"{FINANCE} 的 accounts 第 {k + 1} 行（{account['id']}）的余额 {_money(account['balance'])} 与这个账户"
                    f"最后一个月（months 第 {j + 1} 行，{row['month']}）的月末 {_money(row['closing'])} 不符")
    return None


def _entries(months: list[dict], entries: list[dict]) -> str | None:
    sums: dict[tuple[str, str], list] = {}      # (month, account) -> [in, out, first line], in cents
    for n, entry in enumerate(entries, start=2):      # the CSV's line: its header is line 1
        amount = _cents(entry["amount"])
        key = (entry["date"][:7], entry["account"])
        found = sums.get(key)
        if found is None:
            found = sums[key] = [0, 0, n]
        if amount > 0:
            found[0] += amount
        else:
            found[1] -= amount
    for i, row in enumerate(months):
        income, expense = _cents(row["income"]), _cents(row["expense"])
        got_in, got_out, _first = sums.pop((row["month"], row["account"]), (0, 0, 0))
        if (got_in, got_out) != (income, expense):
            return (f"{ENTRIES} 里 {row['month']} {row['account']} 的流水合计收入 {_yuan(got_in)}、支出 {_yuan(got_out)}，"
                    f"与 {FINANCE} 的 months 第 {i + 1} 行的收入 {_yuan(income)}、支出 {_yuan(expense)} 不符")
    if sums:
        (month, account), (_in, _out, first) = min(sums.items(), key=lambda item: item[1][2])
        return f"{ENTRIES} 第 {first} 行起有 {month} {account} 的流水，{FINANCE} 的 months 却没有这个月这个账户的一行"
    return None


def _disclosure(rows: list[dict], reference: dt.date | None, harvest_day: dt.date) -> str | None:
    for i, row in enumerate(rows):
        status, due = row["status"], dt.date.fromisoformat(row["due"])
        published = dt.date.fromisoformat(row["published"]) if row["published"] else None
        where = f"{DISCLOSURE} 第 {i + 1} 行（{row['account']} {row['period']}）标为“{STATUS_WORDS[status]}”（{status}）"
        if published is not None:
            if published > harvest_day + SLACK:
                return f"{DISCLOSURE} 第 {i + 1} 行（{row['account']} {row['period']}）的公开日 {published} 晚于本站采集的日期 {harvest_day}"
            should = "on_time" if published <= due else "late"
            if status != should:
                relation = "不晚于" if should == "on_time" else "晚于"
                return f"{where}，但公开日 {published} {relation}截止日 {due}，应为“{STATUS_WORDS[should]}”"
        elif status in ("on_time", "late"):
            return f"{where}，却没有公开日"
        if published is not None:
            continue
        if status == "overdue" and not (due < reference if reference else due < harvest_day + SLACK):
            against = f"网站的参考日期 {reference}" if reference else f"本站采集的日期 {harvest_day}"
            return f"{where}，但截止日 {due} 不早于{against}，还不算逾期"
        if status == "pending" and reference is not None and due < reference:
            return f"{where}，但截止日 {due} 早于网站的参考日期 {reference}，应为“逾期未公开”"
    return None


def _requests(rows: list[dict]) -> str | None:
    for i, row in enumerate(rows):
        where = f"{REQUESTS} 第 {i + 1} 行（{row['id']}）"
        closed = row["status"] in ("resolved", "declined")
        if closed and row["resolved"] is None:
            return f"{where}的状态是 {row['status']}（已办完），却没有办结日期 resolved"
        if not closed and row["resolved"] is not None:
            return f"{where}的状态是 {row['status']}（没办完），却有办结日期 {row['resolved']}"
        if not closed:
            if row["days"] is not None:
                return f"{where}没办完，days 却是 {row['days']}（应为 null）"
            continue
        received, resolved = dt.date.fromisoformat(row["received"]), dt.date.fromisoformat(row["resolved"])
        if resolved < received:
            return f"{where}的办结日期 {resolved} 早于收到的日期 {received}"
        if row["days"] != (resolved - received).days:
            return (f"{where}的 days 是 {row['days']}，但办结 {resolved} − 收到 {received} = "
                    f"{(resolved - received).days} 天")
    return None
