"""A treasurer's sheet as rows to book and balances to check, or an error at each row that cannot be read.

Each entry row becomes a `Row`; opening rows (上月结转) and total rows (本月合计) become
`Checkpoint`s when they carry a balance, so that the sheet's own running balance can be
checked in the order she wrote it.  Footer rows (制表人、会计) without a date or an amount are
left alone; a row with money but no date is an error.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from .. import privacy
from ..model.fields import ID_RE
from ..problems import Problem, error, warning
from . import cells
from . import sheet_marks
from .columns import MONEY_FIELDS, Header, find_header, normalise, normalise_label, row_kind, without_periods
from .workbook import Sheet

_OUT_WORDS = {"支出", "支", "付", "付款", "出", "贷", "贷方", "-"}
_IN_WORDS = {"收入", "收", "收款", "入", "借", "借方", "+"}


@dataclass(frozen=True)
class Row:
    """One entry row, as the spreadsheet numbers it (counting from 1)."""

    number: int
    date: dt.date
    amount: Decimal
    memo: str
    counterparty: str
    category: str
    voucher: str
    decision: str
    handler: str
    balance: Decimal | None
    transfer: str | None = None   # the other account, when the row books a transfer between two accounts

    @property
    def month(self) -> str:
        return self.date.isoformat()[:7]


@dataclass(frozen=True)
class Checkpoint:
    """A balance the sheet states outside entry rows: an opening (上月结转) or a total row (合计)."""

    number: int
    kind: str          # "opening" or "total"
    balance: Decimal
    label: str         # the row's words, for messages


@dataclass
class Parsed:
    """What a sheet said: entries and checkpoints in sheet order, and the header it used."""

    items: list[Row | Checkpoint]
    header: Header | None
    problems: list[Problem]

    @property
    def rows(self) -> list[Row]:
        return [item for item in self.items if isinstance(item, Row)]


def _cell(row: list[object], header: Header, name: str) -> object:
    col = header.columns.get(name)
    return row[col] if col is not None and col < len(row) else None


def parse_sheet(sheet: Sheet, label: str) -> Parsed:
    header = find_header(sheet.rows, sheet.name)
    if header is None:
        return Parsed([], None, [error(label, 1, "E-IMPORT-HEADER",
                                       "找不到表头：表格里要有一行写着“日期”（或“月”“日”），"
                                       "以及“收入”“支出”两列或一个“金额”列")])
    if header.in_wan:
        return Parsed([], header, [error(label, header.row + 1, "E-IMPORT-HEADER",
                                         f"“{header.in_wan[0]}”列以万元为单位；请把表格改成以元为单位再导入")])
    hidden = sheet_marks.header_problem(sheet, header)
    if hidden:
        return Parsed([], header, [error(label, header.row + 1, "E-IMPORT-HEADER", hidden)])
    reading = _Reading(sheet, header, label)
    for index in range(header.row + 1, len(sheet.rows)):
        reading.read(sheet.rows[index], index + 1)
    problems = reading.problems
    items = reading.items
    if "amount" in header.columns and "direction" not in header.columns:
        rows = [item for item in items if isinstance(item, Row)]
        if len(rows) >= 3 and all(r.amount > 0 for r in rows):
            problems.append(warning(label, header.row + 1, "W-IMPORT-SIGN",
                                    f"“{header.name('amount')}”列全是正数，导入后都记为收入；如果其中有支出，"
                                    "请把支出写成负数，或加一列“收支”写明“收入”“支出”"))
    return Parsed(items, header, problems)


class _Reading:
    """The rows of one sheet read in order, with what a total row is compared against: the rows
    since the last opening or total row, and the last balance the sheet stated."""

    def __init__(self, sheet: Sheet, header: Header, label: str):
        self.sheet, self.header, self.label = sheet, header, label
        self.items: list[Row | Checkpoint] = []
        self.problems: list[Problem] = []
        self.previous: dt.date | None = None
        self.span: list[Row] = []              # entry rows since the last opening or total row
        self.stated: Decimal | None = None     # the last balance the sheet stated
        self.merges = sheet_marks.money_merges(sheet, header)
        self.header_words = {col: cell for col, cell in enumerate(sheet.rows[header.row])
                             if col in header.columns.values()}

    def read(self, raw: list[object], number: int) -> None:
        header = self.header
        if not any(cells.text(v) for v in raw) or sheet_marks.only_formulas(raw) or self._repeated_header(raw):
            return
        try:
            why = sheet_marks.row_problem(self.sheet, number, raw, header) or self.merges.get(number)
            if why:
                raise cells.CellError(why)
            kind = row_kind(raw, header)
            if kind and kind[0] == "goods-total":
                kind = self._goods_total(raw, number, kind[1])
            if kind:
                stated = cells.balance(_cell(raw, header, "balance"), header.name("balance"))
                if stated is not None:
                    self.items.append(Checkpoint(number, kind[0], stated, kind[1]))
                    self.stated = stated
                self.span = []
                return
            row = _row(raw, number, header, self.previous, self.sheet.date1904)
        except cells.CellError as exc:
            self.problems.append(error(self.label, number, "E-IMPORT-ROW", f"第 {number} 行：{exc}"))
            return
        if row is None:
            return
        self.previous = row.date
        for value in (row.memo, row.counterparty, row.category, row.handler):
            for _line, code, message in privacy.scan(value.encode()):
                self.problems.append(error(self.label, number, code, f"第 {number} 行：{message}"))
        self.items.append(row)
        self.span.append(row)
        if row.balance is not None:
            self.stated = row.balance

    def _repeated_header(self, raw: list[object]) -> bool:
        """The header again, as a printed ledger repeats it at the top of each page."""
        same = [col for col, word in self.header_words.items()
                if col < len(raw) and cells.text(raw[col]) and normalise(raw[col]) == normalise(word)]
        return len(same) >= 2

    def _goods_total(self, raw: list[object], number: int, label: str) -> tuple[str, str] | None:
        """A label such as 一季度保洁费合计 names goods and ends like a total: it is a total when the
        sheet's own figures say so (its balance did not move, or it is the sum of two or more
        rows above), a real payment when they say otherwise, and refused when one row above
        alone holds the same amount (a total of one row, or a second payment: it cannot be told)."""
        header = self.header
        income = cells.money(_cell(raw, header, "income"), header.name("income"))
        expense = cells.money(_cell(raw, header, "expense"), header.name("expense"))
        if "amount" in header.columns:
            amount = _amount(raw, header)
            income, expense = (amount, None) if amount and amount > 0 else (None, -amount if amount else None)
        if not income and not expense:
            return "total", label
        if income and expense:
            return "total", label   # one row books one side: both sides filled is a total
        stated = cells.balance(_cell(raw, header, "balance"), header.name("balance"))
        if stated is not None and self.stated is not None:
            if stated == self.stated:
                return "total", label   # the balance did not move
            return None
        goods = goods_word(label)
        side = (lambda r: r.amount > 0) if income else (lambda r: r.amount < 0)
        wanted = income or expense
        above = [r for r in self.items if isinstance(r, Row)]
        runs = (self.span, [r for r in self.span if goods and goods in r.memo],
                [r for r in above if goods and goods in r.memo])
        for run in runs:
            chosen = [r for r in run if side(r)]
            if chosen and sum((abs(r.amount) for r in chosen), Decimal(0)) == wanted:
                if len(chosen) >= 2:
                    return "total", label
                raise cells.CellError(
                    f"摘要“{label}”像是合计，金额 {wanted} 又正好等于第 {chosen[0].number} 行的一笔：看不出这是那一行的合计，"
                    "还是又一笔真实的收支。是合计的，请把摘要改成“合计”或删掉这一行；是真实收支的，请把摘要里的"
                    "“合计”改掉（如“一季度保洁费”），再导入")
        self.problems.append(warning(self.label, number, "W-IMPORT-TOTAL",
                                     f"第 {number} 行：摘要“{label}”以“合计”之类的词结尾，金额却不等于上面各行之和，"
                                     "按一笔真实的收支导入；如果它是合计行，请把摘要改成“合计”再导入"))
        return None


def goods_word(label: str) -> str:
    """What a subtotal's label totals: 一季度保洁费合计 -> 保洁."""
    word = without_periods(normalise_label(label))
    word = re.sub(r"(?:合计|小计|总计|共计|累计|月计|日计|季计|年计)(?:数|金额|额)?$", "", word)
    word = without_periods(word)
    return re.sub(r"(?:费用|费|款|金|额)$", "", word)


def _amount(raw: list[object], header: Header) -> Decimal | None:
    income = cells.money(_cell(raw, header, "income"), header.name("income"))
    expense = cells.money(_cell(raw, header, "expense"), header.name("expense"))
    amount = cells.money(_cell(raw, header, "amount"), header.name("amount")) if "amount" in header.columns else None
    if amount is not None:
        direction = cells.plain(_cell(raw, header, "direction"))
        if direction in _OUT_WORDS:
            amount = -abs(amount)
        elif direction in _IN_WORDS:
            amount = abs(amount)
        elif direction:
            raise cells.CellError(f"“{header.name('direction')}”列的 “{direction}” 看不出是收入还是支出；请写“收入”或“支出”")
        return amount if amount != 0 else None
    if income and expense:
        raise cells.CellError(f"“{header.name('income')}”和“{header.name('expense')}”同时有数；一行只能记一笔，请拆成两行")
    for value, name in ((income, "income"), (expense, "expense")):
        if value is not None and value < 0:
            raise cells.CellError(f"“{header.name(name)}”列写了负数 {value}：这一列请写正数，方向由列表示；"
                                  "如果是冲销（红字），请改写到另一列，并在摘要里写明冲销哪一笔")
    if not income and not expense:
        return None
    return (income or Decimal(0)) - (expense or Decimal(0))


def _row(raw: list[object], number: int, header: Header, previous: dt.date | None, date1904: bool = False
         ) -> Row | None:
    amount = _amount(raw, header)
    date_cell = _cell(raw, header, "date")
    has_date = cells.text(date_cell) or ("date" not in header.columns and cells.text(_cell(raw, header, "month")))
    if amount is None:
        try:
            if not has_date or cells.date(date_cell, header.name("date"), header.year, date1904) is None:
                return None
        except cells.CellError:
            return None   # a footer or a note (制表人、会计): nothing to book
        raise cells.CellError("这一行没有金额")
    if not has_date:
        raise cells.CellError("有金额却没有日期；请写上日期（和上一行同一天也请写上，或写“同上”）")
    guessed = False   # the year came from the title, not from the cell
    if "date" in header.columns:
        if cells.plain(date_cell) in cells.DITTO:
            if previous is None:
                raise cells.CellError("日期写的是“同上”，上面却没有日期")
            date = previous
        else:
            date = cells.date(date_cell, header.name("date"), header.year, date1904)
            guessed = isinstance(date_cell, (str, float)) and not re.search(r"(?:19|20)\d\d|^\d{5}$", cells.plain(date_cell))
    else:
        year = header.year
        if "year" in header.columns and cells.plain(_cell(raw, header, "year")).rstrip("年").isdigit():
            year = int(cells.plain(_cell(raw, header, "year")).rstrip("年"))
        else:
            guessed = True
        date = cells.month_day(_cell(raw, header, "month"), _cell(raw, header, "day"), year, header.name("month"))
    if guessed and previous is not None:   # the sheet runs on from the year of the row above
        year = previous.year + (1 if date.month < previous.month else 0)   # December, then January
        try:
            date = date.replace(year=year)
        except ValueError:
            raise cells.CellError(f"{year} 年没有 {date.month} 月 {date.day} 日") from None
    decision = cells.plain(_cell(raw, header, "decision"))
    if decision and not ID_RE.match(decision):
        raise cells.CellError(f"“{header.name('decision')}”列的 “{decision}” 不是决议编号：编号只能用字母、数字和 . _ -，"
                              "如 2024-007")
    memo = cells.text(_cell(raw, header, "memo"))
    note = cells.text(_cell(raw, header, "note"))
    if note and note != memo:
        memo = f"{memo}；{note}" if memo else note
    return Row(number, date, amount, memo, cells.text(_cell(raw, header, "counterparty")),
               cells.text(_cell(raw, header, "category")), cells.text(_cell(raw, header, "voucher")), decision,
               cells.text(_cell(raw, header, "handler")),
               cells.balance(_cell(raw, header, "balance"), header.name("balance")) if "balance" in header.columns
               else None)


def money_columns(header: Header) -> str:
    return "、".join(f"“{header.name(f)}”" for f in MONEY_FIELDS if f in header.columns)
