"""`sunlight import ledger`: a treasurer's spreadsheet (日记账) into month files with closing balances.

pandas reads .xlsx and .csv (UTF-8 or the GBK that Chinese Excel writes).  The header row is
found wherever it is; amounts may carry thousands separators and ¥.  Every row that cannot be
read is an error at its spreadsheet row number, and then nothing is written.  Existing entries
are never rewritten: new ones are inserted before the month's `closing:` and only the imported
account's closing line changes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .. import privacy
from ..cache.caches import Caches
from ..compute.balances import carry
from ..money import CENT, yuan
from ..load.loader import load
from ..problems import Problem, error
from ..load.yamlread import YamlError, parse

COLUMNS = {   # our field -> header words a treasurer may use
    "date": ("日期", "记账日期", "交易日期"),
    "memo": ("摘要", "说明", "事由", "备注"),
    "income": ("收入", "借方", "收入金额"),
    "expense": ("支出", "贷方", "支出金额"),
    "amount": ("金额", "发生额"),
    "counterparty": ("对方", "对方单位", "对方户名", "收付款人", "往来单位"),
    "voucher": ("凭证号", "凭证编号", "凭证"),
    "category": ("类别", "科目", "用途", "分类"),
    "balance": ("余额",),
}
DATE_FORMS = (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日"))


@dataclass(frozen=True)
class Row:
    number: int            # as the spreadsheet shows it, counting from 1
    date: dt.date
    amount: Decimal
    memo: str
    counterparty: str
    category: str
    balance: Decimal | None


def read_sheet(path: Path) -> list[list[str]]:
    import pandas as pd
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        frame = pd.read_excel(path, header=None, dtype=str, keep_default_na=False)
    else:
        data = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        import csv
        import io
        width = max((len(row) for row in csv.reader(io.StringIO(text))), default=1)  # title rows are short
        frame = pd.read_csv(io.StringIO(text), header=None, names=range(width), dtype=str, keep_default_na=False)
    return [[str(v).strip() for v in row] for row in frame.itertuples(index=False)]


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:30]):
        found = {}
        for field, words in COLUMNS.items():
            for col, cell in enumerate(row):
                if cell.replace(" ", "") in words and field not in found:
                    found[field] = col
        if "date" in found and ({"income", "expense"} & set(found) or "amount" in found):
            return index, found
    return None


def _money(text: str) -> Decimal | None:
    cleaned = re.sub(r"[,，¥￥元\s]", "", text)
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = "-" + cleaned[1:-1]
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"金额 “{text}” 看不懂") from None
    if not value.is_finite() or value != value.quantize(CENT):
        raise ValueError(f"金额 “{text}” 超过两位小数")
    return value.quantize(CENT)


def _date(text: str) -> dt.date:
    for form in DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                break
    raise ValueError(f"日期 “{text}” 看不懂，请写成 2024-03-05 这样")


def parse_rows(rows: list[list[str]], label: str) -> tuple[list[Row], list[Problem]]:
    found = _header(rows)
    if found is None:
        return [], [error(label, 1, "E-IMPORT-HEADER", "找不到表头：表格里要有“日期”列，以及“收入”“支出”两列或一个“金额”列")]
    start, columns = found
    result, problems = [], []
    for index in range(start + 1, len(rows)):
        row, number = rows[index], index + 1

        def cell(field: str) -> str:
            col = columns.get(field)
            return row[col] if col is not None and col < len(row) else ""

        if not any(row) or cell("memo") in ("合计", "本月合计", "累计", "本年累计"):
            continue
        if cell("date") in ("", "承前页", "上年结转") and cell("memo") in ("期初余额", "上年结转", "承前页", ""):
            continue
        try:
            date = _date(cell("date"))
            income, expense = _money(cell("income")), _money(cell("expense"))
            amount = _money(cell("amount")) if "amount" in columns else None
            if amount is None:
                if (income or 0) and (expense or 0):
                    raise ValueError("收入和支出同时有数；一行只能记一笔")
                amount = (income or Decimal(0)) - (expense or Decimal(0))
            if amount == 0:
                raise ValueError("这一行没有金额")
            balance = _money(cell("balance")) if "balance" in columns else None
        except ValueError as exc:
            problems.append(error(label, number, "E-IMPORT-ROW", f"第 {number} 行：{exc}"))
            continue
        memo = cell("memo") + (f"（凭证号 {cell('voucher')}）" if cell("voucher") else "")
        for field in ("memo", "counterparty", "category"):
            for _line, code, message in privacy.scan(cell(field).encode()):
                problems.append(error(label, number, code, f"第 {number} 行：{message}"))
        result.append(Row(number, date, amount, memo, cell("counterparty"), cell("category"), balance))
    return result, problems


def _entry_yaml(entry_id: str, row: Row, account: str) -> str:
    lines = [f"  - id: {entry_id}", f"    date: {row.date.isoformat()}", f"    account: {account}",
             f'    amount: "{row.amount}"']
    for key, value in (("category", row.category), ("counterparty", row.counterparty), ("memo", row.memo)):
        if value:
            lines.append(f"    {key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _merge(text: str, new_entries: str, account: str, closing: Decimal) -> str:
    """Insert entries before `closing:` and set the account's closing, leaving the rest as written."""
    text = re.sub(r"(?m)^entries:\s*\[\]\s*$", "entries:", text)
    if not re.search(r"(?m)^entries:\s*$", text):
        text = re.sub(r"(?m)^(closing:)", "entries:\n\\1", text, count=1) if "\nclosing:" in f"\n{text}" \
            else text.rstrip("\n") + "\nentries:\n"
    match = re.search(r"(?m)^closing:\s*$", text)
    if match is None:
        return text.rstrip("\n") + "\n" + new_entries + f'closing:\n  {account}: "{closing}"\n'
    before, after = text[:match.start()], text[match.start():]
    line = re.compile(rf'(?m)^(\s+){re.escape(account)}:.*$')
    if line.search(after):
        after = line.sub(lambda m: f'{m.group(1)}{account}: "{closing}"', after, count=1)
    else:
        after = after.replace("closing:", f'closing:\n  {account}: "{closing}"', 1)
    return before + new_entries + after


def import_ledger(root: Path, sheet: Path, account: str, label: str | None = None) -> tuple[list[Problem], list[str]]:
    """Problems, or the month files written (relative to root)."""
    label = label or sheet.name
    records, _load_problems = load(root, Caches(root, enabled=False))
    accounts = {a.id: a for a in records.accounts}
    if account not in accounts:
        return [error("records/finance/accounts.yml", 1, "E-ACCOUNT", f"没有账户 {account}；请先在 accounts.yml 里添加")], []
    try:
        rows, problems = parse_rows(read_sheet(sheet), label)
    except (OSError, ValueError) as exc:
        return [error(label, 1, "E-IMPORT-READ", f"读不了这个表格：{exc}")], []
    existing = {(e.date, e.amount, e.memo or "") for m in records.months for e in m.entries if e.account == account}
    rows = [r for r in rows if (r.date, r.amount, r.memo) not in existing]
    books = {m.month: m for m in records.months}
    for row in rows:
        if row.date < accounts[account].opened:
            problems.append(error(label, row.number, "E-IMPORT-ROW",
                                  f"第 {row.number} 行：日期 {row.date} 早于账户 {account} 的开立日 {accounts[account].opened}"))
    if problems:
        return problems, []
    by_month: dict[str, list[Row]] = {}
    for row in sorted(rows, key=lambda r: (r.date, r.number)):
        by_month.setdefault(row.date.isoformat()[:7], []).append(row)
    # Running balance of the account over existing and new entries, month by month.
    steps = []
    for month in sorted(set(books) | set(by_month)):
        if month in books:
            steps.append(((month, None), [(leg.account, leg.amount) for e in books[month].entries
                                          for leg in e.legs() if leg.account == account]))
        steps += [((month, row), [(account, row.amount)]) for row in by_month.get(month, [])]
    balance = accounts[account].opening_balance
    closings: dict[str, Decimal] = {}
    for (month, row), moved in carry({account: balance}, steps):
        balance = moved[account][1] if account in moved else balance
        if row is not None and row.balance is not None and row.balance != balance:
            problems.append(error(label, row.number, "E-IMPORT-BALANCE",
                                  f"第 {row.number} 行：表格里的余额 {yuan(row.balance)} 与按账户期初和前面各笔算出的 "
                                  f"{yuan(balance)} 不符，相差 {yuan(row.balance - balance)}"))
        closings[month] = balance
    if problems:
        return problems, []
    first = min(by_month, default=None)
    outputs: dict[str, str] = {}
    for month in sorted(closings):
        if first is None or month < first:
            continue
        touched = month in by_month
        declared = month in books and any(c.account == account for c in books[month].closing)
        if not touched and not declared:
            continue
        rel = f"records/finance/{month[:4]}/{month}.yml"
        path = root / rel
        text = path.read_text(encoding="utf-8") if path.exists() else f"month: {month}\nentries:\n"
        used = {int(m.group(1)) for e in (books[month].entries if month in books else ())
                for m in [re.match(rf"^{month}-(\d+)$", e.id)] if m}
        new, n = [], max(used, default=0)
        for row in by_month.get(month, []):
            n += 1
            new.append(_entry_yaml(f"{month}-{n:03d}", row, account))
        outputs[rel] = _merge(text, "".join(new), account, closings[month])
        try:
            parse(outputs[rel])
        except YamlError:
            problems.append(error(rel, 1, "E-IMPORT-MERGE", "这个月的文件格式特殊，无法自动合并；请手工把新流水加进去"))
    if problems:
        return problems, []
    for rel, text in outputs.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".yml.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
    return [], sorted(outputs)
