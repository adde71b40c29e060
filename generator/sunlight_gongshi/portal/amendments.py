"""Closed months whose figures changed between two harvests of an estate (record format section 7):
what an office must see even when the estate's own audit page would not show it, because the
history that page is drawn from was rewritten, or because no one looks there.

A month is closed at a harvest when that harvest's `finance.json` already had a later month.  A
month row (month, account) of a closed month whose opening, income, expense or closing differ in
a later harvest, or that appeared or disappeared, is a change; money is compared exactly.

What was found is kept in the portal's state folder as `amendments.json` (JSON, written
atomically, only ever added to): `{"format": FORMAT, "estates": {id: [{"found", "since", "kind",
"month", "account", "old", "new"}]}}`, `old`/`new` the four figures as strings, or null where the
row did not exist.  It is derived from `harvests/` and `blobs/`, so losing it loses no evidence.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

FORMAT = "sunlight-portal-amendments/1"
FILE = "amendments.json"
FIGURES = ("opening", "income", "expense", "closing")
# kind: an honest commit on top of what was seen; a rewrite no one declared; a declared one.
AMENDED, REWRITTEN, DECLARED = "amended", "rewritten", "declared"


@dataclass(frozen=True)
class Change:
    """One month row of a closed month, before and after (None: the row was not there)."""

    month: str
    account: str
    old: tuple[str, ...] | None
    new: tuple[str, ...] | None

    def as_dict(self) -> dict:
        return {"month": self.month, "account": self.account,
                "old": dict(zip(FIGURES, self.old)) if self.old else None,
                "new": dict(zip(FIGURES, self.new)) if self.new else None}

    @classmethod
    def of(cls, value: dict) -> "Change":
        def figures(side):
            return tuple(side[f] for f in FIGURES) if isinstance(side, dict) else None
        return cls(value["month"], value["account"], figures(value.get("old")), figures(value.get("new")))


def _exact(text: str):
    try:
        return Decimal(text)
    except (InvalidOperation, TypeError):
        return text


def _rows(finance: dict) -> dict[tuple[str, str], tuple[str, ...]]:
    return {(m["month"], m["account"]): tuple(m[f] for f in FIGURES) for m in finance.get("months", [])}


def closed_changes(old: dict, new: dict) -> list[Change]:
    """The month rows of months closed in `old` (a finance.json value) whose figures `new` changed."""
    before, after = _rows(old), _rows(new)
    if not before:
        return []
    last = max(month for month, _account in before)
    found = []
    for month, account in sorted(set(before) | set(after)):
        if month >= last:
            continue
        o, n = before.get((month, account)), after.get((month, account))
        if o is None or n is None or [_exact(v) for v in o] != [_exact(v) for v in n]:
            found.append(Change(month, account, o, n))
    return found


def changed_words(change: Change) -> tuple[str, str]:
    """(old, new) as an office reads them: only the figures that changed, in yuan."""
    if change.old is None:
        return "没有这个月的这一行", "，".join(f"{WORDS[f]} {v}" for f, v in zip(FIGURES, change.new))
    if change.new is None:
        return "，".join(f"{WORDS[f]} {v}" for f, v in zip(FIGURES, change.old)), "这一行被删去了"
    pairs = [(f, o, n) for f, o, n in zip(FIGURES, change.old, change.new) if _exact(o) != _exact(n)]
    return "，".join(f"{WORDS[f]} {o}" for f, o, _n in pairs), "，".join(f"{WORDS[f]} {n}" for f, _o, n in pairs)


WORDS = {"opening": "月初", "income": "收入", "expense": "支出", "closing": "月末"}


class Amendments:
    """`amendments.json` in the state folder: every change found, by estate, oldest first."""

    def __init__(self, state_dir: Path):
        self.path = state_dir / FILE
        self.estates: dict[str, list[dict]] = {}
        self.changed = False
        self._lock = threading.Lock()
        try:
            value = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            value = None
        if not (isinstance(value, dict) and value.get("format") == FORMAT and isinstance(value.get("estates"), dict)):
            # Not what this module writes (a hand edit, a broken cache): kept aside, never overwritten.
            os.replace(self.path, self.path.with_name(f"{FILE}.unreadable"))
            return
        for estate, found in value["estates"].items():
            if isinstance(found, list):
                self.estates[estate] = [f for f in found if _valid(f)]

    def add(self, estate: str, found: str, since: str, kind: str, changes: list[Change]) -> None:
        """Keep the changes one harvest (`found`) saw against an earlier one (`since`); one already
        kept (the same month row, figures and kind against the same harvest) is not kept twice."""
        with self._lock:
            kept = self.estates.setdefault(estate, [])
            known = {json.dumps([k["since"], k["kind"], k["month"], k["account"], k["old"], k["new"]]) for k in kept}
            for change in changes:
                item = {"found": found, "since": since, "kind": kind, **change.as_dict()}
                if json.dumps([since, kind, item["month"], item["account"], item["old"], item["new"]]) not in known:
                    kept.append(item)
                    self.changed = True

    def of(self, estate: str) -> list[dict]:
        return self.estates.get(estate, [])

    def save(self) -> None:
        if not self.changed:
            return
        text = json.dumps({"format": FORMAT, "estates": {e: self.estates[e] for e in sorted(self.estates)}},
                          ensure_ascii=False, indent=0)
        temporary = self.path.with_name(f".{FILE}.{os.getpid()}.tmp")
        temporary.write_text(text + "\n", encoding="utf-8")
        os.replace(temporary, self.path)
        self.changed = False


def _valid(item) -> bool:
    if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in
                                             ("found", "since", "kind", "month", "account")):
        return False
    return all(side is None or (isinstance(side, dict) and all(isinstance(side.get(f), str) for f in FIGURES))
               for side in (item.get("old"), item.get("new")))
