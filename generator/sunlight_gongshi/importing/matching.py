"""Which rows of a sheet are already in the books, so that importing the same sheet again books nothing twice.

Rows with a voucher number (凭证号) are matched by it within their month: fixing a memo in the
sheet and importing again finds the entry that voucher made.  Other rows are matched as a
multiset on date and amount: two real 10-yuan parking fees on one day stay two, and an entry
typed by hand or a transfer already on record is not booked again.  A booked entry is never
rewritten; a changed row is an error or a warning that says where to edit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..money import yuan
from ..problems import Problem, error, warning
from .rows import Row

VOUCHER = re.compile(r"凭证号 ([^，,）)]+)")
EXAMPLE = "示例"   # `sunlight init` writes example entries whose memo starts with this word


@dataclass(frozen=True)
class Booked:
    """One leg of an existing entry on the imported account."""

    id: str
    path: str
    line: int
    date: dt.date
    amount: Decimal
    memo: str
    other: str | None = None   # the other account of a transfer

    @property
    def voucher(self) -> str:
        match = VOUCHER.search(self.memo)
        return match.group(1).strip() if match else ""

    @property
    def month(self) -> str:
        return self.date.isoformat()[:7]

    @property
    def is_example(self) -> bool:
        return self.memo.startswith(EXAMPLE)

    def plain_memo(self) -> str:
        return re.sub(r"（(凭证号|经手人)[^）]*）$", "", self.memo)


def booked(records, account: str) -> list[Booked]:
    """Every leg of every entry on `account`, in month then file order."""
    result = []
    for books in records.months:
        for entry in books.entries:
            legs = entry.legs()
            for leg in legs:
                if leg.account == account:
                    other = next((o.account for o in legs if o is not leg), None)
                    result.append(Booked(entry.id, books.src.path, entry.src.line, entry.date, leg.amount,
                                         entry.memo or "", other))
    return result


def match(rows: list[Row], existing: list[Booked], label: str, by_voucher: bool
          ) -> tuple[list[Row], dict[int, Booked], list[Problem]]:
    """(rows to book, row number -> the entry that already holds it, problems)."""
    matched: dict[int, Booked] = {}
    problems: list[Problem] = []
    free = list(existing)
    if by_voucher:
        vouchers: dict[tuple[str, str], list[Booked]] = defaultdict(list)
        for entry in existing:
            if entry.voucher:
                vouchers[(entry.month, entry.voucher)].append(entry)
        groups: dict[tuple[str, str], list[Row]] = defaultdict(list)
        for row in rows:
            if row.voucher and (row.month, row.voucher) in vouchers:
                groups[(row.month, row.voucher)].append(row)
        for key, group in groups.items():
            candidates = vouchers[key]
            left = _pair(group, candidates, matched)
            unused = [c for c in candidates if c not in matched.values()]
            for row in left:
                if unused:
                    was = unused[0]
                    problems.append(error(label, row.number, "E-IMPORT-CHANGED",
                                          f"第 {row.number} 行：凭证号 {row.voucher} 已经入账为 {was.id}"
                                          f"（{was.date}，{yuan(was.amount)}），表格里这一行却是 {row.date}、"
                                          f"{yuan(row.amount)}。导入不会改写已入账的流水：如果是更正，请直接改 "
                                          f"{was.path} 第 {was.line} 行那一笔；否则请把表格改回来"))
            for entry in candidates:
                if entry in free:
                    free.remove(entry)
    pending = [row for row in rows if row.number not in matched
               and not any(p.line == row.number for p in problems)]
    new = _multiset(pending, free, matched)
    for row in rows:   # a transfer's other side was written from the other sheet's row: its words differ
        was = matched.get(row.number)
        if was is not None and was.other is None and row.memo and row.memo != was.plain_memo():
            problems.append(warning(label, row.number, "W-IMPORT-CHANGED",
                                    f"第 {row.number} 行已经入账为 {was.id}，表格里的摘要改过了（“{was.plain_memo()}” → "
                                    f"“{row.memo}”）；导入不改写已入账的流水，要改请直接编辑 {was.path} 第 {was.line} 行那一笔"))
    return new, matched, problems


def _pair(rows: list[Row], candidates: list[Booked], matched: dict[int, Booked]) -> list[Row]:
    """Pair rows with entries of the same date and amount, same memo first; the rows left over."""
    taken = set(id(c) for c in matched.values())
    left = []
    for exact in (True, False):
        left = []
        for row in rows:
            if row.number in matched:
                continue
            for entry in candidates:
                if id(entry) in taken or (entry.date, entry.amount) != (row.date, row.amount):
                    continue
                if exact and entry.plain_memo() != row.memo:
                    continue
                matched[row.number] = entry
                taken.add(id(entry))
                break
            else:
                left.append(row)
    return left


def _multiset(rows: list[Row], free: list[Booked], matched: dict[int, Booked]) -> list[Row]:
    by_key: dict[tuple[dt.date, Decimal], list[Booked]] = defaultdict(list)
    for entry in free:
        by_key[(entry.date, entry.amount)].append(entry)
    new = []
    groups: dict[tuple[dt.date, Decimal], list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row.date, row.amount)].append(row)
    for key, group in groups.items():
        left = _pair(group, by_key.get(key, []), matched)
        new += left
    return sorted(new, key=lambda r: r.number)
