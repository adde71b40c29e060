"""`sunlight closings [--write]`: after a deliberate correction of closed books, the later closing lines rewritten.

Only the amount of each `closing` line that no longer holds changes: its quotes, its comment,
every other line and the file's line endings stay byte for byte, so the pull request shows
the correction and its consequences in one diff (and the audit page lists the rewritten
months as amendments, as for any change to closed books).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..checks.carried import Assertion
from ..money import yuan
from ..checks.finance import balance_walk
from ..cache.caches import Caches
from ..load.loader import load
from ..model.kinds import ACCOUNTS, FINANCE_MONTH
from ..problems import Problem, error
from .overlay import overlay, write_all


@dataclass(frozen=True)
class Rewrite:
    """One closing line that no longer holds, and the amount the entries give."""

    assertion: Assertion

    def text(self) -> str:
        a = self.assertion
        return (f"{a.path}:{a.line}: {a.account} 写的是 {yuan(a.declared)}，按流水应为 {yuan(a.computed)}"
                f"（相差 {yuan(a.difference)}）")


def _value_pattern(account: str) -> re.Pattern:
    key = re.escape(account)
    return re.compile(r"(?<![\w.-])(?P<key>\"" + key + r"\"|'" + key + r"'|" + key + r")(?P<sep>[ ]*:[ ]+)"
                      r"(?P<value>\"[^\"\n]*\"|'[^'\n]*'|[^\s,}#]+)")


def rewrite_line(line: str, account: str, amount: Decimal) -> str | None:
    """The line with the account's closing amount replaced in the same quoting, or None."""
    match = _value_pattern(account).search(line)
    if match is None:
        return None
    old = match.group("value")
    quote = old[0] if old[0] in "\"'" else ""
    return line[:match.start("value")] + f"{quote}{amount:.2f}{quote}" + line[match.end("value"):]


def plan(root: Path) -> tuple[list[Problem], list[Rewrite], dict[str, str]]:
    """(problems that stop a rewrite, the closings that no longer hold, the new text of each file)."""
    records, load_problems = load(root, Caches(root, enabled=False))
    stopping = [p for p in load_problems if p.level == "error"
                and (p.path.startswith(FINANCE_MONTH.place.prefix) or p.path == ACCOUNTS.place.path)]
    if stopping:
        return stopping, [], {}
    _missing, assertions = balance_walk(records)
    rewrites = [Rewrite(a) for a in assertions if a.difference != 0]
    texts: dict[str, list[str]] = {}
    problems = []
    for rewrite in rewrites:
        a = rewrite.assertion
        if a.path not in texts:
            texts[a.path] = (root / a.path).read_bytes().decode("utf-8").split("\n")
        lines = texts[a.path]
        new = rewrite_line(lines[a.line - 1], a.account, a.computed)
        if new is None:
            problems.append(error(a.path, a.line, "E-CLOSINGS-WRITE",
                                  f"这一行的写法特殊，找不到账户 {a.account} 的月末余额；请手工改成 "
                                  f"{a.account}: \"{a.computed:.2f}\""))
            continue
        lines[a.line - 1] = new
    joined = {path: "\n".join(lines) for path, lines in texts.items()}
    if not problems and joined:
        after, _load = overlay(records, joined)
        left = [a for a in balance_walk(after)[1] if a.difference != 0]
        problems += [error(a.path, a.line, "E-CLOSINGS-WRITE",
                           f"改写后账户 {a.account} 的月末余额仍然不符；请手工改成 {a.account}: \"{a.computed:.2f}\"")
                     for a in left]
    return problems, rewrites, joined


def rewrite_closings(root: Path, write: bool) -> tuple[list[Problem], list[Rewrite]]:
    """Problems, or the closing lines that no longer hold (rewritten when `write`)."""
    problems, rewrites, texts = plan(root)
    if problems:
        return problems, []
    if write:
        write_all(root, texts)
    return [], rewrites
