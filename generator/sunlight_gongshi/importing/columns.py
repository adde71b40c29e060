"""Which column of a treasurer's sheet holds what: the header row found wherever it is, in her words.

Headers come as 收入, 收入（元）, 收 入, 借方金额 or 日期 over two columns 月 and 日; titles are
merged over the top rows.  Header cells are compared after dropping spaces, full-width forms
and units in brackets.  Opening rows (上月结转, 期初余额) and total rows (合计, 合  计, 本年累计)
are recognised by their words wherever in the row they stand.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import cells

WORDS = {   # our field -> the header words treasurers use, after normalising
    "date": ("日期", "记账日期", "交易日期", "发生日期", "业务日期", "入账日期", "时间", "交易时间", "日期时间"),
    "year": ("年", "年份"),
    "month": ("月", "月份"),
    "day": ("日",),
    "voucher": ("凭证号", "凭证编号", "凭证", "凭证字号", "凭证号码", "记账凭证号", "单据号", "票据号", "凭单号"),
    "memo": ("摘要", "说明", "事由", "摘要说明", "内容", "业务内容", "交易摘要"),
    "note": ("备注", "附注", "附言"),
    "income": ("收入", "借方", "收入金额", "借方金额", "收款", "收款金额", "存入", "收", "进账", "收入数"),
    "expense": ("支出", "贷方", "支出金额", "贷方金额", "付款", "付款金额", "支取", "支", "出账", "支出数"),
    "amount": ("金额", "发生额", "收支金额", "交易金额"),
    "direction": ("收支", "收/支", "收支类型", "收支方向", "方向", "借贷方向", "借/贷"),
    "counterparty": ("对方", "对方单位", "对方户名", "对方账户名", "对方名称", "交易对方", "收付款人", "收款人",
                     "付款人", "往来单位", "收付款单位", "单位"),
    "category": ("类别", "科目", "分类", "用途", "费用类别", "收支类别", "会计科目", "支出类别", "项目"),
    "balance": ("余额", "结余", "账户余额", "结存", "本日余额", "账面余额", "结存金额", "余额金额"),
    "decision": ("决议", "决议编号", "决议号", "批准决议", "审批决议", "依据决议", "决议文号"),
    "handler": ("经手人", "经办人", "经办", "经手", "经手人签字", "报销人"),
}
FIELD_OF = {word: name for name, words in WORDS.items() for word in words}
MONEY_FIELDS = ("income", "expense", "amount")
_UNITS = re.compile(r"[(\[【{].*?[)\]】}]|[/／]?(人民币)?(万元|元)$")
# Labels of rows that book nothing: a balance carried in (上月结转, 承前页), a total (本月合计,
# 月计, 本日合计数, 一季度合计) or a balance carried out (过次页, 结转下月).  A label is read after
# dropping a period it names (本月, 3月份, 2024年, 一季度, 上半年, 本页...): what is left must be
# the carrying or totalling word itself.  "一季度保洁费合计" leaves 保洁费合计: a label that names
# goods, which may be a real payment (`total_of_goods`).
_NUMERAL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[１-９][０-９]?)"
_PERIOD = re.compile(r"^(?:(?:19|20)\d\d年度?|[上下]半年|(?:本|上|当|全|以上|截至|截止|截止到|至)|" + _NUMERAL +
                     r"月份?|第?" + _NUMERAL + r"(?:季度|季|周)|年度|年|季度|季|月份|月|日|天|周|期|页|"
                     r"发生额?|收支|收入|支出|借方|贷方|借贷|账户|金额)")
_OPENING_WORDS = re.compile(r"^(?:上月|上年|上期|上季|上页|前页|期初|年初|月初|季初|承前页?|承上页|接上页|承上月|接上月|"
                            r"转上页|承前|上年度|上月份|去年)(?:结转|余额|结存|转入|转来|结余|滚存|余|数|金额|结转余额|"
                            r"余额结转|转入余额|结存余额)?$|^(?:期初|年初|月初|季初|开户|起始)(?:余额|数|金额|结存|结余)$|"
                            r"^(?:结转|转入)(?:上月|上年|上期|上页)(?:余额)?$")
_CARRIED_OUT = re.compile(r"^(?:过次页|转次页|转下页|过下页|结转下月|结转下年|结转下期|结转下页|转下月|转下年|本月结转|"
                          r"本年结转|本期结转|期末余额|月末余额|年末余额|季末余额|期末结存|月末结存|年末结存|期末结余|月末结余|"
                          r"年末结余|本月余额|本月结余|本月结存|本期余额|本期结余|余额|结余|结存)$")
_TOTAL_WORD = re.compile(r"(?:合计|小计|总计|共计|累计|月计|日计|季计|年计|周计|页计|计)(?:数|金额|额)?$")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def normalise(value: object) -> str:
    """A header or keyword cell without spaces, full-width forms and units: 收 入（元） -> 收入."""
    text = unicodedata.normalize("NFKC", cells.text(value))
    text = re.sub(r"\s+", "", text).rstrip(":：")
    return _UNITS.sub("", text) or text


@dataclass
class Header:
    """Where the header is (0-based row index of its last row) and each field's column."""

    row: int
    columns: dict[str, int]
    names: dict[str, str]              # field -> the header text as the treasurer wrote it
    year: int | None = None            # from the title rows, for dates without a year
    in_wan: list[str] = field(default_factory=list)   # money columns whose unit is 万元

    def name(self, field_name: str) -> str:
        return self.names.get(field_name, field_name)


def _fields(row: list[object]) -> dict[str, int]:
    found: dict[str, int] = {}
    for col, cell in enumerate(row):
        name = FIELD_OF.get(normalise(cell))
        if name and name not in found:
            found[name] = col
    return found


def _usable(found: dict[str, int]) -> bool:
    has_date = "date" in found or {"month", "day"} <= set(found)
    return has_date and bool(set(MONEY_FIELDS) & set(found))


def find_header(rows: list[list[object]], sheet_name: str = "") -> Header | None:
    """The header among the first 30 rows, one row or two (a merged 日期/金额 over 月 日/收入 支出)."""
    for index, row in enumerate(rows[:30]):
        found = _fields(row)
        last = index
        if not _usable(found) and index + 1 < len(rows):
            below = _fields(rows[index + 1])
            merged = {**found, **{k: v for k, v in below.items() if k not in found}}
            if _usable(merged) and below and set(below) - set(found):
                found, last = merged, index + 1
        if not _usable(found):
            continue
        if {"income", "expense"} & set(found):
            found.pop("amount", None)   # 金额 over 收入 支出 in a two-row header is a group title
        names = {}
        for name, col in found.items():
            for header_row in rows[index:last + 1]:
                if col < len(header_row) and FIELD_OF.get(normalise(header_row[col])) == name:
                    names[name] = cells.shown(header_row[col])
        in_wan = [names[f] for f in MONEY_FIELDS + ("balance",) if f in names and "万元" in names[f]]
        return Header(last, found, names, _year(rows[:index + 1], sheet_name), in_wan)
    return None


def _year(title_rows: list[list[object]], sheet_name: str) -> int | None:
    for row in title_rows:
        for cell in row:
            match = _YEAR.search(cells.text(cell))
            if match:
                return int(match.group(1))
    match = re.match(r"^((?:19|20)\d\d)", sheet_name)
    return int(match.group(1)) if match else None


def without_periods(word: str) -> str:
    """The label with the periods it names dropped from its start: 2024年3月份合计 -> 合计."""
    while True:
        match = _PERIOD.match(word)
        if not match or not match.group(0):
            return word
        word = word[match.end():]


def label_kind(cell: object) -> str | None:
    """'opening', 'total' or 'goods-total' (a label such as 一季度保洁费合计) for one cell, else None."""
    if not isinstance(cell, str):
        return None
    word = re.sub(r"^[\[【〔（(<《]|[\]】〕）)>》]$", "", normalise_label(cell))
    if not word:
        return None
    if _OPENING_WORDS.match(word) or _OPENING_WORDS.match(without_periods(word)):
        return "opening"
    rest = without_periods(word)
    if _CARRIED_OUT.match(word) or _CARRIED_OUT.match(rest):
        return "total"
    if not rest and "发生" in word:
        return "total"   # 本月发生额: the month's turnover
    total = _TOTAL_WORD.search(rest)
    if total is None or (total.group(0).startswith("计") and total.start() > 0):
        return None   # 会计, 设计费: 计 alone totals only as a whole label
    goods = rest[:total.start()]
    if not goods or without_periods(goods) == "":
        return "total"
    return "goods-total"


def normalise_label(value: object) -> str:
    """A label cell without spaces, full-width forms and a trailing colon (合  计： -> 合计)."""
    text = unicodedata.normalize("NFKC", cells.text(value))
    return re.sub(r"\s+", "", text).rstrip(":：")


def row_kind(row: list[object], header: Header) -> tuple[str, str] | None:
    """('opening' | 'total' | 'goods-total', the label as written) for a carried-forward, total or
    subtotal row, else None; read in every column but the money ones."""
    money_cols = {header.columns[f] for f in MONEY_FIELDS + ("balance",) if f in header.columns}
    found = None
    for col, cell in enumerate(row):
        if col in money_cols:
            continue
        kind = label_kind(cell)
        if kind in ("opening", "total"):
            return kind, cells.shown(cell)
        if kind and found is None:
            found = (kind, cells.shown(cell))
    return found
