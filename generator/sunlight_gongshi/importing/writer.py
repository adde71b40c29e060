"""New entries and closing balances written into a month file, leaving every other line as it was.

Entries go at the end of the `entries:` list, indented like the items already there; the
imported account's closing line has only its amount replaced (quotes and comment kept), or
is added at the end of the `closing:` block.  A file laid out in a way this cannot follow
safely (a one-line `entries: [...]`) is left for a person: `merge` returns None.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from .closings import rewrite_line
from .rows import Row

_TOP_KEY = re.compile(r"^[^\s#-]")


def memo(row: Row) -> str:
    """The row's memo, with its voucher number and handler kept in words (the format has no field for them)."""
    extra = [f"凭证号 {row.voucher}"] * bool(row.voucher) + [f"经手人 {row.handler}"] * bool(row.handler)
    return row.memo + (f"（{'，'.join(extra)}）" if extra else "")


def entry_lines(entry_id: str, row: Row, account: str, indent: str) -> list[str]:
    lines = [f"{indent}- id: {entry_id}", f"{indent}  date: {row.date.isoformat()}"]
    if row.transfer:   # money out of `account` goes to the other, money in comes from it
        source, target = (account, row.transfer) if row.amount < 0 else (row.transfer, account)
        lines += [f"{indent}  transfer: {{from: {source}, to: {target}}}", f'{indent}  amount: "{abs(row.amount)}"']
    else:
        lines += [f"{indent}  account: {account}", f'{indent}  amount: "{row.amount}"']
    for key, value in (("category", row.category), ("counterparty", row.counterparty), ("memo", memo(row)),
                       ("decision", row.decision)):
        if value:
            lines.append(f"{indent}  {key}: {json.dumps(value, ensure_ascii=False)}")
    return lines


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """(index of the top-level `key:` line, index after the last line of its block), or None."""
    for start, line in enumerate(lines):
        if not re.match(rf"^{key}:", line):
            continue
        last = start + 1
        for index in range(start + 1, len(lines)):
            text = lines[index]
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            if _TOP_KEY.match(text):   # the next top-level key ends the block
                break
            last = index + 1
        return start, last
    return None


def merge(text: str, month: str, rows: list[tuple[str, Row]], account: str, closing: Decimal | None
          ) -> str | None:
    """The month file with `rows` (entry id, row) added and the account's closing set, or None."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if rows:
        entries = _block(lines, "entries")
        if entries is None:
            closing_at = _block(lines, "closing")
            at = closing_at[0] if closing_at else len(lines)
            lines[at:at] = ["entries:"]
            entries = (at, at + 1)
        start, end = entries
        head = lines[start].split("#", 1)[0].strip()
        if head not in ("entries:", "entries: []"):
            return None
        lines[start] = lines[start].replace("entries: []", "entries:", 1)
        items = [line for line in lines[start + 1:end] if line.lstrip().startswith("- ")]
        indent = re.match(r"^ *", items[0]).group(0) if items else "  "
        added = [line for entry_id, row in rows for line in entry_lines(entry_id, row, account, indent)]
        lines[end:end] = added
    if closing is not None:
        block = _block(lines, "closing")
        if block is None:
            lines += ["closing:", f'  {account}: "{closing:.2f}"']
        else:
            start, end = block
            for index in range(start, end):
                if lines[index].lstrip().startswith("#"):
                    continue
                new = rewrite_line(lines[index], account, closing)
                if new is not None:
                    lines[index] = new
                    break
            else:
                if lines[start].split("#", 1)[0].strip() != "closing:":
                    return None
                body = [line for line in lines[start + 1:end] if line.strip() and not line.lstrip().startswith("#")]
                indent = re.match(r"^ *", body[0]).group(0) if body else "  "
                lines[end:end] = [f'{indent}{account}: "{closing:.2f}"']
    return newline.join(lines) + newline


def new_month(month: str) -> str:
    return f"month: {month}\nentries:\n"
