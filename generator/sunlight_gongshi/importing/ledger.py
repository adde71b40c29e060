"""`sunlight import ledger`: a treasurer's spreadsheet (日记账) into month files, all or nothing.

The sheet is read (workbook), its rows understood (columns, rows), matched against the books
so nothing is booked twice (matching), its 余额 column checked (sheet_balances), and the new
month texts written (writer).  Before a single byte is written, the community is checked in
memory as it would be after the import (overlay): any new error, and nothing is written.
Existing entries are never rewritten; only the imported account's closing lines change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ..cache.caches import Caches
from ..compute.balances import carry, net_changes, opening_balances
from ..compute.reference import reference_date
from ..history.gitinfo import counted_date, head
from ..problems import Problem, error, has_errors, warning
from ..load.loader import load
from ..model.kinds import ACCOUNTS, FINANCE_MONTH
from . import sheet_balances, transfers, writer
from .matching import booked, match
from .overlay import new_problems, overlay, write_all
from .rows import Row, parse_sheet
from .targets import choose
from .workbook import SheetError, read_workbook

ZERO = Decimal("0.00")


@dataclass
class Outcome:
    """What an import did or would do: problems (errors stop it), files written, rows booked."""

    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    booked: int = 0
    known: int = 0
    placed: list["_Placed"] = field(default_factory=list)   # where each new entry went


def import_ledger(root: Path, sheet_path: Path, account: str | None, sheets: list[str] | None = None,
                  label: str | None = None) -> Outcome:
    label = label or sheet_path.name
    records, load_problems = load(root, Caches(root, enabled=False))
    blocking = [p for p in load_problems if p.level == "error" and p.path.startswith(FINANCE_MONTH.place.prefix)]
    if blocking:
        return Outcome(blocking + [error(ACCOUNTS.place.path, 1, "E-IMPORT-BOOKS",
                                         "账目文件本身有错误（见上面几行），导入会在错误的账目上继续记账；请先改正它们")])
    try:
        workbook = read_workbook(sheet_path)
    except SheetError as exc:
        return Outcome([error(label, 1, "E-IMPORT-READ", f"读不了这个表格：{exc}")])
    jobs, problems = choose(workbook, sheets or [], account, records.accounts, label)
    if problems:
        return Outcome(problems)
    parsed, refused = transfers.plan(jobs, {id(job): parse_sheet(job.sheet, job.label) for job in jobs}, records)
    outcome, texts = Outcome(refused), {}
    for job in jobs:
        now = overlay(records, texts)[0] if texts else records
        _import_sheet(root, now, job, parsed[id(job)], texts, outcome)
    if has_errors(outcome.problems) or not texts:
        return outcome
    commit = head(root)
    added, _after = new_problems(records, texts, reference_date(records, counted_date(root, commit)))
    spans = _spans(texts, outcome)
    mapped = [_at_row(p, spans) for p in added]
    outcome.problems += mapped
    if has_errors(mapped):
        return outcome
    write_all(root, texts)
    outcome.written = sorted(texts)
    return outcome


@dataclass(frozen=True)
class _Placed:
    """A new entry: its file and id, how many lines it takes, and the sheet row it came from."""

    path: str
    entry_id: str
    size: int
    label: str
    row: int


def _import_sheet(root: Path, records, job, parsed, texts: dict[str, str], outcome: Outcome) -> None:
    outcome.problems += parsed.problems
    the = next(a for a in records.accounts if a.id == job.account)
    existing = booked(records, job.account)
    examples = [e for e in existing if e.is_example]
    accounts_path = the.src.path
    outcome.problems += sheet_balances.before_opening(parsed.rows, the.id, the.opened, accounts_path,
                                                      the.src.at("opened"), examples)
    has_voucher = parsed.header is not None and "voucher" in parsed.header.columns
    new, matched, found = match(parsed.rows, existing, job.label, has_voucher)
    outcome.problems += found
    if not has_errors(parsed.problems + found):   # rows left out would make every balance after them differ
        account = sheet_balances.Account(the.id, the.name, the.opening_balance, accounts_path,
                                         the.src.at("opening_balance"))
        outcome.problems += sheet_balances.check(parsed, account, existing, matched, new, job.label)
    outcome.known += len(matched)
    if has_errors(outcome.problems) or not new:
        return
    outcome.booked += len(new)
    _write_months(root, records, job, new, texts, outcome)
    if examples:
        for e in examples:
            outcome.problems.append(warning(e.path, e.line, "W-IMPORT-EXAMPLE",
                                            f"{e.id} 是 sunlight init 写的示例流水，不是真实账目；导入真实账目后请删掉它，"
                                            f"并改好那个月 closing 里 {job.account} 的一行"))


def _write_months(root: Path, records, job, new: list[Row], texts: dict[str, str], outcome: Outcome) -> None:
    """The new rows into their months, then the closing lines of every account they move (the
    sheet's own, and the other side of each transfer), computed from the books as they will be."""
    by_month: dict[str, list[Row]] = {}
    for row in sorted(new, key=lambda r: (r.date, r.number)):
        by_month.setdefault(row.month, []).append(row)
    books = {m.month: m for m in records.months}
    for month, rows in sorted(by_month.items()):
        rel = FINANCE_MONTH.place.path_of(month)
        text = _text(root, rel, month, texts)
        held = books.get(month)
        used = [int(m.group(1)) for e in (held.entries if held else ())
                for m in [re.match(rf"^{month}-(\d+)$", e.id)] if m]
        start = max(used, default=0)
        numbered = [(f"{month}-{start + n:03d}", row) for n, row in enumerate(rows, 1)]
        merged = writer.merge(text, month, numbered, job.account, None)
        if merged is None:
            outcome.problems.append(_merge_problem(rel, text))
            continue
        texts[rel] = merged
        outcome.placed += [_Placed(rel, entry_id, len(writer.entry_lines(entry_id, row, job.account, "")),
                                   job.label, row.number) for entry_id, row in numbered]
    if has_errors(outcome.problems):
        return
    after = overlay(records, texts)[0]
    moved = {job.account: min(by_month)}
    for row in new:
        if row.transfer:
            moved[row.transfer] = min(moved.get(row.transfer, row.month), row.month)
    months = {b.month: b for b in after.months}
    balance = opening_balances(after.accounts)
    for month, moving in carry(balance, ((m, net_changes(b)) for m, b in months.items())):
        balance.update({account: now for account, (_before, now) in moving.items()})
        declared = {c.account for c in months[month].closing}
        for account, first in moved.items():
            touched = any(r.month == month and account in (job.account, r.transfer) for r in new)
            if month < first or not (touched or account in declared):
                continue
            rel = FINANCE_MONTH.place.path_of(month)
            merged = writer.merge(_text(root, rel, month, texts), month, [], account, balance.get(account))
            if merged is None:
                outcome.problems.append(_merge_problem(rel, _text(root, rel, month, texts)))
                continue
            texts[rel] = merged


def _text(root: Path, rel: str, month: str, texts: dict[str, str]) -> str:
    if rel in texts:
        return texts[rel]
    return (root / rel).read_bytes().decode("utf-8") if (root / rel).exists() else writer.new_month(month)


def _merge_problem(rel: str, text: str) -> Problem:
    where = next((n for n, line in enumerate(text.split("\n"), 1) if re.match(r"^(entries|closing):\s*[\[{]", line)), 1)
    return error(rel, where, "E-IMPORT-MERGE", "这个月的文件写法特殊（entries 或 closing 写在一行的方括号、花括号里），"
                                               "无法自动合并；请把它改成每笔流水一行 - id: 开头的写法，或手工把新流水加进去")


def _spans(texts: dict[str, str], outcome: Outcome) -> dict[str, list[tuple[int, _Placed]]]:
    """For each written file, the line where each imported entry starts."""
    spans: dict[str, list[tuple[int, _Placed]]] = {}
    for placed in outcome.placed:
        pattern = re.compile(rf"^\s*- id: {re.escape(placed.entry_id)}\s*$")
        for number, line in enumerate(texts[placed.path].split("\n"), 1):
            if pattern.match(line):
                spans.setdefault(placed.path, []).append((number, placed))
    return spans


def _at_row(problem: Problem, spans) -> Problem:
    """A problem found in an imported entry, moved to the spreadsheet row it came from."""
    for start, placed in spans.get(problem.path, []):
        if start <= problem.line < start + placed.size:
            hint = "（表格里可以加一列“决议”，写上批准它的决议编号）" if problem.code == "E-APPROVAL" else ""
            make = error if problem.level == "error" else warning
            return make(placed.label, placed.row, problem.code, f"第 {placed.row} 行导入后：{problem.message}{hint}")
    return problem
