"""Writes the spreadsheet corpus of tests/test_ledger.py: Excel files as Excel and WPS save them.

Run from the repository root:  python3 tests/sheets/make_sheets.py
It needs XlsxWriter (which, unlike openpyxl, stores a formula's cached value, as Excel does)
and xlwt (Excel 97-2003 .xls); neither is needed to run the tests, which read the committed
files.  The running balances are computed here with binary floats, as Excel computes them, so
the cached 余额 values carry Excel's noise (48932.579999999994 where Excel shows 48932.58).
"""

import datetime as dt
from pathlib import Path

import xlsxwriter
import xlwt

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 5, 1, 9, 0, 0)   # document properties, so a rerun writes the same workbook


def operating(book):
    """日常经费: merged title, header variants, 上月结转, formula 余额, Excel and text dates,
    two identical 10-yuan rows, a back-dated 补记 row, 经手人 and 决议 columns, 合计 rows."""
    ws = book.add_worksheet("日常经费")
    title = book.add_format({"bold": True, "align": "center"})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    noisy = []
    ws.merge_range("A1:I1", "2024年日常经费日记账", title)
    ws.merge_range("A2:I2", "单位：元")
    ws.write_row(2, 0, ["日 期", "凭证号", "摘  要", "对方单位", "收入（元）", "支出（元）", "余额（元）", "经手人", "决议"])
    rows = [  # date, voucher, memo, counterparty, income, expense, handler, decision
        (dt.date(2024, 3, 1), "记-1", "存款利息", "某银行", 12.35, None, "", ""),
        (dt.date(2024, 3, 5), "记-2", "楼道灯更换", "某某五金店", None, 320.1, "李建国", ""),
        ("2024/3/9", "记-3", "打印公示材料", "某某文印店", None, 48.6, "李建国", ""),
        (dt.date(2024, 3, 12), "记-4", "楼道保洁", "某某保洁公司", None, 10, "", ""),
        (dt.date(2024, 3, 12), "记-5", "楼道保洁", "某某保洁公司", None, 10, "", ""),
        (dt.date(2024, 3, 3), "记-6", "补记：会议茶水", "某某超市", None, 35.57, "李建国", ""),
        (dt.date(2024, 3, 20), "记-7", "更换单元门禁", "某某安防公司", None, 6800, "李建国", "2024-001"),
    ]
    april = [
        (45383, "记-1", "电费", "供电公司", None, 120.8, "", ""),          # an Excel serial number, not formatted
        ("2024年4月10日", "记-2", "电梯广告分成", "某某传媒", 533.33, None, "", ""),
    ]
    balance = 46321.19
    ws.write(3, 2, "上月结转")
    ws.write_number(3, 6, balance)
    r = 4
    for block, total_word in ((rows, "本月合计"), (april, "合  计")):
        first = r
        for date, voucher, memo, party, income, expense, handler, decision in block:
            if isinstance(date, dt.date):
                ws.write_datetime(r, 0, dt.datetime.combine(date, dt.time()), day)
            else:
                ws.write(r, 0, date)
            ws.write(r, 1, voucher)
            ws.write(r, 2, memo)
            ws.write(r, 3, party)
            if income is not None:
                ws.write_number(r, 4, income)
            if expense is not None:
                ws.write_number(r, 5, expense)
            balance = balance + (income or 0) - (expense or 0)
            noisy.append(repr(balance) != f"{balance:.2f}")
            ws.write_formula(r, 6, f"=G{r}+E{r + 1}-F{r + 1}", None, balance)
            ws.write(r, 7, handler)
            ws.write(r, 8, decision)
            r += 1
        ws.write(r, 2, total_word)
        income = sum(x[4] or 0 for x in block)
        expense = sum(x[5] or 0 for x in block)
        ws.write_formula(r, 4, f"=SUM(E{first + 1}:E{r})", None, income)
        ws.write_formula(r, 5, f"=SUM(F{first + 1}:F{r})", None, expense)
        ws.write_formula(r, 6, f"=G{r}", None, balance)
        r += 1
    ws.write(r, 2, "结转下月")
    ws.write_formula(r, 6, f"=G{r}", None, balance)
    ws.merge_range(r + 2, 0, r + 2, 8, "会计：王某　　出纳：李建国")
    assert any(noisy), "the cached balances should carry float noise"


def revenue(book):
    ws = book.add_worksheet("公共收益")
    ws.write_row(0, 0, ["日期", "摘要", "收入", "支出", "余额"])
    ws.write(1, 1, "期初余额")
    ws.write_number(1, 4, 0)
    day = book.add_format({"num_format": "yyyy/m/d"})
    balance = 0.0
    for r, (date, memo, income) in enumerate([(dt.date(2024, 3, 5), "外来车辆停车费", 4500.15),
                                               (dt.date(2024, 3, 18), "电梯广告", 1200.3)], start=2):
        ws.write_datetime(r, 0, dt.datetime.combine(date, dt.time()), day)
        ws.write(r, 1, memo)
        ws.write_number(r, 2, income)
        balance += income
        ws.write_formula(r, 4, f"=E{r}+C{r + 1}-D{r + 1}", None, balance)


def books_xlsx():
    book = xlsxwriter.Workbook(HERE / "books.xlsx")
    book.set_properties({"created": FIXED})
    operating(book)
    revenue(book)
    book.add_worksheet("Sheet3")   # Excel's empty default sheet
    book.close()


def old_xls():
    """Excel 97-2003: a 金额 column with a 收支 column, date cells, a spaced 合  计 row."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("2024年2月")
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, word in enumerate(["日期", "摘要", "收支", "金额", "余额", "经办人"]):
        ws.write(0, c, word)
    balance = 46321.19
    rows = [(dt.date(2024, 2, 2), "收回押金", "收入", 300.0, "李建国"),
            (dt.date(2024, 2, 14), "春节慰问品", "支出", 1280.4, "李建国")]
    for r, (date, memo, way, amount, handler) in enumerate(rows, start=1):
        ws.write(r, 0, dt.datetime.combine(date, dt.time()), day)
        ws.write(r, 1, memo)
        ws.write(r, 2, way)
        ws.write(r, 3, amount)
        balance += amount if way == "收入" else -amount
        ws.write(r, 4, balance)
        ws.write(r, 5, handler)
    ws.write(3, 1, "合  计")
    ws.write(3, 4, balance)
    book.save(str(HERE / "old.xls"))


def gbk_csv():
    """What Chinese Excel writes for 'CSV (逗号分隔)': GBK, a title line, text dates."""
    text = ("2024年公共收益明细,,,,\n"
            "日期,摘要,收入（元）,支出（元）,余额（元）\n"
            ",上年结转,,,0.00\n"
            "2024年2月3日,外来车辆停车费,\"1,200.00\",,\"1,200.00\"\n"
            "2024-2-10,电梯广告,800,,2000\n"
            ",本月合计,\"2,000.00\",,\"2,000.00\"\n")
    (HERE / "gbk.csv").write_bytes(text.encode("gbk"))


def html_xls():
    """A bank's 'Excel' export that is really a web page."""
    (HERE / "bank.xls").write_text("<html><head><meta charset='utf-8'></head><body><table>"
                                   "<tr><td>日期</td><td>摘要</td><td>金额</td></tr></table></body></html>\n",
                                   encoding="utf-8")


def phones_xls():
    """A sign-in sheet kept in Excel 97-2003, as committees attach them: a phone typed as a number."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("签到表")
    for r, row in enumerate([("姓名", "电话"), ("王某", 13912345678), ("李某", "（未留）")]):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    book.save(str(HERE / "phones.xls"))


def shown_xls():
    """Excel 97-2003 cells whose look changes their meaning: a date typed 3.10 kept as 3.1 under
    the format 0.00, a struck-through row and a hidden row."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("2024年日常经费")
    two = xlwt.easyxf(num_format_str="0.00")
    struck = xlwt.easyxf("font: struck_out on")
    for c, word in enumerate(["日期", "摘要", "支出"]):
        ws.write(0, c, word)
    ws.write(1, 0, 3.1, two)
    ws.write(1, 1, "十号的灯泡")
    ws.write(1, 2, 10)
    ws.write(2, 0, "2024-03-11")
    ws.write(2, 1, "作废的一笔", struck)
    ws.write(2, 2, 20)
    ws.write(3, 0, "2024-03-12")
    ws.write(3, 1, "收起来的一笔")
    ws.write(3, 2, 30)
    ws.row(3).hidden = True
    book.save(str(HERE / "shown.xls"))


if __name__ == "__main__":
    books_xlsx()
    old_xls()
    gbk_csv()
    html_xls()
    phones_xls()
    shown_xls()
    print("wrote", ", ".join(sorted(p.name for p in HERE.iterdir() if p.suffix in (".xlsx", ".xls", ".csv"))))
