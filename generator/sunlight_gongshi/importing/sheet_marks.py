"""What a sheet shows beyond its values, where it changes what a row means: refused, never guessed.

A treasurer hides a row she cancelled or a detail under a subtotal, strikes a cancelled row
through, writes a reversal in red ink (红字冲销), merges one amount over two rows, or saves the
file from a program that never calculated its formulas.  The values alone would book each of
these as an ordinary row, silently; here each is an error at its row that says what to do.
"""

from __future__ import annotations

from .cells import text, uncalculated
from .columns import MONEY_FIELDS, Header
from .workbook import Sheet, Uncalculated


def _used(header: Header) -> dict[int, str]:
    """Column (counted from 1) -> the header text of each column the import reads."""
    return {col + 1: header.name(name) for name, col in header.columns.items()}


def header_problem(sheet: Sheet, header: Header) -> str | None:
    """Why the columns the import would read cannot be trusted, or None."""
    hidden = sorted(c for c in _used(header) if c in sheet.hidden_columns)
    if hidden:
        return (f"“{_used(header)[hidden[0]]}”列在表格里是隐藏的，导入会读它，看表格的人却看不见；"
                "请在 Excel 里取消隐藏这一列（用不着的列请删掉），再导入")
    return None


def money_merges(sheet: Sheet, header: Header) -> dict[int, str]:
    """Row number -> why, for each merged cell that spreads one amount over several rows or columns."""
    money = {header.columns[f] + 1: header.name(f) for f in MONEY_FIELDS + ("balance",) if f in header.columns}
    found: dict[int, str] = {}
    for first, last, left, right in sheet.merged:
        columns = [c for c in range(left, right + 1) if c in money]
        top = sheet.rows[first - 1][left - 1] if first - 1 < len(sheet.rows) and left - 1 < len(sheet.rows[first - 1]) \
            else None
        if left not in money or not text(top) or (last == first and len(columns) == 1):
            continue   # a title or a label merged across the money columns holds no amount
        rows = f"第 {first}–{last} 行" if last > first else f"第 {first} 行"
        found.setdefault(first, f"“{money[columns[0]]}”列的格子合并了{'几行' if last > first else '几列'}（{rows}）："
                                "一笔钱只能写在一行的一个格子里，合并后看不出这个数属于哪一行、是收入还是支出；"
                                "请取消合并，把金额写在它所属的那一行")
    return found


def row_problem(sheet: Sheet, number: int, raw: list[object], header: Header) -> str | None:
    """Why row `number` cannot be read as the values say, or None."""
    used = _used(header)
    if number in sheet.hidden_rows:
        return ("这一行在表格里是隐藏的：看不出它是作废了、还是只是收起来了。请在 Excel 里取消隐藏；"
                "作废的行请删掉，再导入")
    for (row, col), mark in sorted(sheet.marks.items()):
        if row != number or col not in used:
            continue
        if mark == "strike":
            return (f"“{used[col]}”列的文字划了删除线，像是作废的一笔：导入看不见删除线。作废的行请删掉；"
                    "不是作废的，请去掉删除线，再导入")
        money = {header.columns[f] + 1 for f in MONEY_FIELDS + ("balance",) if f in header.columns}
        if mark == "red" and col in money:
            return (f"“{used[col]}”列的数字是红色的：账本里红字表示冲销（负数），导入却只读到一个正数。"
                    "如果是冲销，请把它写成负数（或写到另一方向的列里），并在摘要里写明冲销哪一笔；"
                    "只是标记颜色的，请改回黑色，再导入")
    for col, name in used.items():
        value = raw[col - 1] if col - 1 < len(raw) else None
        if isinstance(value, Uncalculated):
            return uncalculated(name, value)
    return None


def only_formulas(raw: list[object]) -> bool:
    """A row whose cells are all formulas never calculated (a template filled down past the data)."""
    return any(isinstance(v, Uncalculated) for v in raw) and \
        not any(text(v) for v in raw if not isinstance(v, Uncalculated))
