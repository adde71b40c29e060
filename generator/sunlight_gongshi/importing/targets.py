"""Which sheet of a workbook goes into which account: `--sheet`, `--sheet 名称=账户`, and names understood.

Treasurers keep one sheet per account, named in Chinese; accounts have ids.  A workbook with
several sheets is never guessed at: the message lists its sheets and proposes the command,
pairing sheets with accounts by name.  An account written by its name (`--account 日常经费`)
is answered with its id.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..model.kinds import ACCOUNTS
from ..problems import Problem, error
from .workbook import Sheet

ACCOUNTS_PATH = ACCOUNTS.place.path
KIND_WORDS = {"operating": ("日常", "经费", "运营", "办公"), "maintenance_fund": ("维修", "专项"),
              "public_revenue": ("公共收益", "收益", "停车", "广告"), "campaign": ("众筹", "筹款", "募捐")}


@dataclass(frozen=True)
class Job:
    """One sheet to import into one account; `label` is how problems name the sheet."""

    sheet: Sheet
    account: str
    label: str


def _bare(name: str) -> str:
    return re.sub(r"[（(【\[].*?[）)】\]]|\s", "", name)


def suggest(text: str, accounts) -> list:
    """Accounts a treasurer may mean by `text`: an id, a name, part of a name, a kind word."""
    text = text.strip()
    bare = _bare(text)
    for test in (lambda a: a.id == text, lambda a: a.id.lower() == text.lower(),
                 lambda a: bare and bare in (a.name, _bare(a.name)),
                 lambda a: bare and (bare in a.name or _bare(a.name) in bare)):
        found = [a for a in accounts if test(a)]
        if found:
            return found
    found = [a for a in accounts if any(word in bare for word in KIND_WORDS.get(a.kind, ()))]
    if found:
        return found
    close = difflib.get_close_matches(text, [a.id for a in accounts], n=2, cutoff=0.6)
    return [a for a in accounts if a.id in close]


def _named(accounts) -> str:
    return "、".join(f"{a.id}（{a.name}）" for a in accounts)


def account_problem(text: str, accounts, sheet: str | None = None) -> Problem | None:
    """None when `text` is an account id; else where it is and which account it may mean
    (`sheet` when the account was named in --sheet 名称=账户)."""
    if any(a.id == text for a in accounts):
        return None
    if not accounts:
        return error(ACCOUNTS_PATH, 1, "E-IMPORT-ACCOUNT", "还没有任何账户；请先在 accounts.yml 里添加账户，再导入")
    options = suggest(text, accounts)
    if options:
        first = options[0]
        guess = "或".join(f"{a.id}（{a.name}）" for a in options[:3])
        usage = f"--sheet {sheet}={first.id}" if sheet else f"--account {first.id}"
        return error(first.src.path, first.src.at("id"), "E-IMPORT-ACCOUNT",
                     f"没有编号为 “{text}” 的账户（要写 accounts.yml 里的编号）；是不是 {guess}？请写 {usage}")
    return error(ACCOUNTS_PATH, 1, "E-IMPORT-ACCOUNT",
                 f"没有编号为 “{text}” 的账户；accounts.yml 里的账户有：{_named(accounts)}。"
                 "请写其中一个编号，或先在 accounts.yml 里添加账户")


def _find_sheet(name: str, sheets: list[Sheet]) -> Sheet | None:
    for sheet in sheets:
        if sheet.name == name or sheet.name.strip() == name.strip():
            return sheet
    if name.isdigit() and 1 <= int(name) <= len(sheets):
        return sheets[int(name) - 1]
    return None


def proposal(sheets: list[Sheet], accounts) -> str:
    """`--sheet 名称=账户` for each sheet whose name points to one account."""
    pairs = []
    for sheet in sheets:
        options = suggest(sheet.name, accounts)
        if len(options) == 1:
            pairs.append(f"--sheet {sheet.name}={options[0].id}")
    return " ".join(pairs)


def choose(sheets: list[Sheet], wanted: list[str], account: str | None, accounts, label: str
           ) -> tuple[list[Job], list[Problem]]:
    """The (sheet, account) jobs the command asks for, or why they cannot be chosen."""
    used = [s for s in sheets if not s.is_empty()]
    if not used:
        return [], [error(label, 1, "E-IMPORT-SHEET", "表格里没有任何内容")]
    several = len(sheets) > 1
    if not wanted:
        if len(used) > 1:
            names = "、".join(f"“{s.name}”" for s in used)
            mapping = proposal(used, accounts)
            both = f"；或一次导入几个工作表，每个记入一个账户：{mapping}" if mapping else ""
            return [], [error(label, 1, "E-IMPORT-SHEET",
                              f"这个工作簿有 {len(used)} 个工作表（{names}），不知道导入哪一个。请用 --sheet 指定，"
                              f"如 --sheet {used[0].name} --account {account or '账户编号'}{both}")]
        wanted = [used[0].name]
        several = False
    jobs, problems = [], []
    for want in wanted:
        name, _, target = want.partition("=")
        sheet = _find_sheet(name, sheets)
        if sheet is None:
            names = "、".join(f"“{s.name}”" for s in sheets)
            close = difflib.get_close_matches(name, [s.name for s in sheets], n=1, cutoff=0.4)
            hint = f"是不是 “{close[0]}”？" if close else ""
            problems.append(error(label, 1, "E-IMPORT-SHEET", f"没有名为 “{name}” 的工作表；{hint}这个工作簿里有：{names}"))
            continue
        named_here = bool(target.strip())
        target = target.strip() or account
        if not target:
            options = suggest(sheet.name, accounts)
            hint = f"，如 --account {options[0].id}（{options[0].name}）" if options else ""
            problems.append(error(label, 1, "E-IMPORT-ACCOUNT",
                                  f"工作表 “{sheet.name}” 记入哪个账户？请用 --account 写 accounts.yml 里的编号{hint}，"
                                  f"或写成 --sheet {sheet.name}=账户编号"))
            continue
        problem = account_problem(target, accounts, name if named_here else None)
        if problem is not None:
            problems.append(problem)
            continue
        jobs.append(Job(sheet, target, f"{label}[{sheet.name}]" if several else label))
    return jobs, problems
