"""The audit trail from git history: every change to the records, and closed books reopened."""

from __future__ import annotations

import ast
from decimal import Decimal, InvalidOperation

from ...history.audit import FIELD_NAMES
from ...marks import Np_
from ...money import yuan

NAV = (Np_("nav", "修改记录"), "audit.md")


def shower(account_names: dict[str, str]):
    """`shown_value` for one site's account names, as templates call it: shown(field, value)."""
    return lambda name, value: shown_value(name, value, account_names)


def shown_value(name: str, value: str, account_names: dict[str, str]) -> str:
    """An amended entry's field as every other page shows it: an account by its name, money with
    thousands separators (amounts with their sign), a transfer as "from → to" by names. A value that
    is not what its field holds (a broken version) is shown as written."""
    if not value:
        return value
    if name == "account":
        return account_names.get(value, value)
    if name in ("amount", "closing"):
        try:
            return yuan(Decimal(value), signed=name == "amount")
        except (InvalidOperation, ValueError):
            return value
    if name == "transfer":
        ends = value.split(" → ") if " → " in value else _written_transfer(value)
        if len(ends) == 2:
            return " → ".join(account_names.get(end, end) for end in ends)
    return value


def _written_transfer(value: str) -> list[str]:
    """A transfer as the version wrote it ({'from': …, 'to': …}): its two accounts, or nothing."""
    try:
        written = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return []
    if isinstance(written, dict) and {"from", "to"} <= set(written):
        return [str(written["from"]), str(written["to"])]
    return []


def write(w, site) -> None:
    account_names = site.common["account_names"]
    history = site.history
    w.page("audit.md", w.t("修改记录"), "audit.md.j2", history=history, field_names=FIELD_NAMES,
           reviews=site.figures.reviews, shown=shower(account_names),
           chain_head=history.chain[-1] if history.chain else None, rewrites=site.records.rewrites)
