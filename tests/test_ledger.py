"""Importing a treasurer's spreadsheet: entries and closings, or exact row errors and nothing written.

The corpus in tests/sheets/ (written by make_sheets.py) holds files as Excel, WPS and banks
save them: a workbook with a sheet per account, merged titles, formula-computed 余额 with
Excel's float noise, 合计/结转 rows, Excel and text dates, a GBK CSV, an .xls and an .xls that
is a web page.  Smaller cases are written here with openpyxl.
"""

import datetime
import shutil
from pathlib import Path

import openpyxl
import pytest

from sunlight_gongshi.cli import main
from sunlight_gongshi.validate import validate
from builders import write_tree

SHEETS = Path(__file__).resolve().parent / "sheets"
ACCOUNTS = """\
    accounts:
      - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "46321.19"}
      - {id: revenue, name: 公共收益, kind: public_revenue, opened: 2024-01-01, opening_balance: "0.00",
         authorised_by: 2023-009}
    """
# The owners' 3/4 vote that allows parking and advertising on common parts (format 1.2, `authorised_by`).
AUTHORISED = """\
    id: 2023-009
    title: 利用共有部分经营停车
    date: 2023-12-01
    body: owners_assembly
    matter: major
    status: in_progress
    announced: 2023-11-10
    vote:
      participated: {households: 8, area_m2: "800.00"}
      approved: {households: 8, area_m2: "800.00"}
    """
MARCH, APRIL = "records/finance/2024/2024-03.yml", "records/finance/2024/2024-04.yml"


@pytest.fixture
def books(tmp_path, monkeypatch):
    """A community with the two accounts of the corpus, the current folder its root."""
    write_tree(tmp_path, {"records/finance/accounts.yml": ACCOUNTS, "records/decisions/2023-009.yml": AUTHORISED})
    for sheet in SHEETS.iterdir():
        if sheet.suffix in (".xlsx", ".xls", ".csv"):
            shutil.copy(sheet, tmp_path / sheet.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def imports(capsys, *args) -> tuple[int, list[str], str]:
    """(exit status, the problem lines, what was said on stderr) of one `sunlight import ledger`."""
    code = main(["import", "ledger", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def sheet(path, rows, title="2024年日常经费日记账", header=("日期", "凭证号", "摘要", "对方", "收入", "支出", "余额")):
    book = openpyxl.Workbook()
    ws = book.active
    if title:
        ws.append([title])
    if header:
        ws.append(list(header))
    for row in rows:
        ws.append(row)
    book.save(path)
    return path.name


def text(root, rel) -> str:
    return (root / rel).read_text(encoding="utf-8")


# --- choosing the sheet and the account ----------------------------------------------------------

def test_a_workbook_with_several_sheets_is_refused_without_a_choice(books, capsys):
    assert imports(capsys, "books.xlsx", "--account", "operating") == (1, [
        "books.xlsx:1: error: 这个工作簿有 2 个工作表（“日常经费”、“公共收益”），不知道导入哪一个。请用 --sheet 指定，"
        "如 --sheet 日常经费 --account operating；或一次导入几个工作表，每个记入一个账户："
        "--sheet 日常经费=operating --sheet 公共收益=revenue  [E-IMPORT-SHEET]"],
        "没有写入任何文件：请改正上面这些问题后再导入。\n")
    assert not (books / "records/finance/2024").exists()


def test_an_account_written_by_its_name_is_answered_with_its_id(books, capsys):
    assert imports(capsys, "books.xlsx", "--sheet", "日常经费", "--account", "日常经费")[:2] == (1, [
        "records/finance/accounts.yml:2: error: 没有编号为 “日常经费” 的账户（要写 accounts.yml 里的编号）；"
        "是不是 operating（日常经费）？请写 --account operating  [E-IMPORT-ACCOUNT]"])
    assert imports(capsys, "books.xlsx", "--sheet", "2=revnue")[1] == [
        "records/finance/accounts.yml:3: error: 没有编号为 “revnue” 的账户（要写 accounts.yml 里的编号）；"
        "是不是 revenue（公共收益）？请写 --sheet 2=revenue  [E-IMPORT-ACCOUNT]"]
    assert imports(capsys, "gbk.csv", "--account", "维修资金")[1] == [
        "records/finance/accounts.yml:1: error: 没有编号为 “维修资金” 的账户；accounts.yml 里的账户有："
        "operating（日常经费）、revenue（公共收益）。请写其中一个编号，或先在 accounts.yml 里添加账户  [E-IMPORT-ACCOUNT]"]


def test_unknown_sheet_and_sheet_without_account(books, capsys):
    assert imports(capsys, "books.xlsx", "--sheet", "日常费用", "--account", "operating")[1] == [
        "books.xlsx:1: error: 没有名为 “日常费用” 的工作表；是不是 “日常经费”？这个工作簿里有：“日常经费”、“公共收益”、“Sheet3”"
        "  [E-IMPORT-SHEET]"]
    assert imports(capsys, "books.xlsx", "--sheet", "公共收益")[1] == [
        "books.xlsx:1: error: 工作表 “公共收益” 记入哪个账户？请用 --account 写 accounts.yml 里的编号，"
        "如 --account revenue（公共收益），或写成 --sheet 公共收益=账户编号  [E-IMPORT-ACCOUNT]"]


# --- the workbook, sheet by sheet into its account ------------------------------------------------

OPERATING_MARCH = """\
month: 2024-03
entries:
  - id: 2024-03-001
    date: 2024-03-01
    account: operating
    amount: "12.35"
    counterparty: "某银行"
    memo: "存款利息（凭证号 记-1）"
  - id: 2024-03-002
    date: 2024-03-03
    account: operating
    amount: "-35.57"
    counterparty: "某某超市"
    memo: "补记：会议茶水（凭证号 记-6，经手人 李建国）"
  - id: 2024-03-003
    date: 2024-03-05
    account: operating
    amount: "-320.10"
    counterparty: "某某五金店"
    memo: "楼道灯更换（凭证号 记-2，经手人 李建国）"
  - id: 2024-03-004
    date: 2024-03-09
    account: operating
    amount: "-48.60"
    counterparty: "某某文印店"
    memo: "打印公示材料（凭证号 记-3，经手人 李建国）"
  - id: 2024-03-005
    date: 2024-03-12
    account: operating
    amount: "-10.00"
    counterparty: "某某保洁公司"
    memo: "楼道保洁（凭证号 记-4）"
  - id: 2024-03-006
    date: 2024-03-12
    account: operating
    amount: "-10.00"
    counterparty: "某某保洁公司"
    memo: "楼道保洁（凭证号 记-5）"
  - id: 2024-03-007
    date: 2024-03-20
    account: operating
    amount: "-6800.00"
    counterparty: "某某安防公司"
    memo: "更换单元门禁（凭证号 记-7，经手人 李建国）"
    decision: "2024-001"
  - id: 2024-03-008
    date: 2024-03-05
    account: revenue
    amount: "4500.15"
    memo: "外来车辆停车费"
  - id: 2024-03-009
    date: 2024-03-18
    account: revenue
    amount: "1200.30"
    memo: "电梯广告"
closing:
  operating: "39109.27"
  revenue: "5700.45"
"""


def test_each_sheet_into_its_account_with_formula_balances_totals_and_every_date_form(books, capsys):
    code, out, err = imports(capsys, "books.xlsx", "--sheet", "日常经费=operating", "--sheet", "公共收益=revenue")
    assert (code, out) == (0, [])
    assert err == ("已写入 records/finance/2024/2024-03.yml\n已写入 records/finance/2024/2024-04.yml\n"
                   "导入完成：新记 11 笔。请运行 sunlight validate 检查，再提交合并请求。\n")
    assert text(books, MARCH) == OPERATING_MARCH
    assert text(books, APRIL).splitlines()[2:6] == [   # 45383 is an Excel serial date, 2024年4月10日 text
        "  - id: 2024-04-001", "    date: 2024-04-01", "    account: operating", '    amount: "-120.80"']
    assert "    date: 2024-04-10" in text(books, APRIL) and text(books, APRIL).endswith('closing:\n  operating: "39521.80"\n')
    assert validate(books, use_cache=False)[1] == []


def test_importing_the_same_workbook_again_books_nothing(books, capsys):
    args = ("books.xlsx", "--sheet", "日常经费=operating", "--sheet", "公共收益=revenue")
    imports(capsys, *args)
    before = text(books, MARCH), text(books, APRIL)
    assert imports(capsys, *args) == (0, [], "没有新的流水需要导入（另有 11 笔已经入账，没有重复记）。\n")
    assert (text(books, MARCH), text(books, APRIL)) == before


def resaved(books, name, edits) -> str:
    """The operating sheet saved again with cells changed, as a treasurer's second try."""
    book = openpyxl.load_workbook(books / "books.xlsx", data_only=True)
    ws = book["日常经费"]
    for cell, value in edits.items():
        ws[cell] = value
    book.save(books / name)
    return name


def test_a_fixed_memo_is_found_by_its_voucher_not_booked_twice(books, capsys):
    imports(capsys, "books.xlsx", "--sheet", "日常经费", "--account", "operating")
    before = text(books, MARCH)
    fixed = resaved(books, "fixed.xlsx", {"C7": "打印三月公示材料"})
    assert imports(capsys, fixed, "--sheet", "日常经费", "--account", "operating") == (0, [
        "fixed.xlsx[日常经费]:7: warning: 第 7 行已经入账为 2024-03-004，表格里的摘要改过了（“打印公示材料” → "
        "“打印三月公示材料”）；导入不改写已入账的流水，要改请直接编辑 records/finance/2024/2024-03.yml 第 21 行那一笔"
        "  [W-IMPORT-CHANGED]"], "没有新的流水需要导入（另有 9 笔已经入账，没有重复记）。\n")
    assert text(books, MARCH) == before


def test_a_changed_amount_under_a_booked_voucher_is_refused(books, capsys):
    imports(capsys, "books.xlsx", "--sheet", "日常经费", "--account", "operating")
    changed = resaved(books, "changed.xlsx", {"F9": 12, "G9": 45942.84})
    code, out, _err = imports(capsys, changed, "--sheet", "日常经费", "--account", "operating")
    assert (code, out) == (1, [
        "changed.xlsx[日常经费]:9: error: 第 9 行：凭证号 记-5 已经入账为 2024-03-006（2024-03-12，-10.00），"
        "表格里这一行却是 2024-03-12、-12.00。导入不会改写已入账的流水：如果是更正，请直接改 "
        "records/finance/2024/2024-03.yml 第 33 行那一笔；否则请把表格改回来  [E-IMPORT-CHANGED]"])


def test_two_identical_real_rows_stay_two(books, capsys):
    csv = books / "parking.csv"
    csv.write_text("日期,摘要,收入\n2024-03-05,临时停车,10\n2024-03-05,临时停车,10\n", encoding="utf-8")
    assert imports(capsys, "parking.csv", "--account", "revenue")[0] == 0
    assert imports(capsys, "parking.csv", "--account", "revenue")[2] == "没有新的流水需要导入（另有 2 笔已经入账，没有重复记）。\n"
    csv.write_text("日期,摘要,收入\n2024-03-05,临时停车,10\n2024-03-05,临时停车,10\n2024-03-05,临时停车,10\n",
                   encoding="utf-8")
    assert imports(capsys, "parking.csv", "--account", "revenue")[0] == 0
    assert text(books, MARCH).count('amount: "10.00"') == 3 and 'revenue: "30.00"' in text(books, MARCH)


# --- other files -----------------------------------------------------------------------------

def test_an_excel_97_file_with_a_direction_column(books, capsys):
    assert imports(capsys, "old.xls", "--account", "operating")[:2] == (0, [])
    assert text(books, "records/finance/2024/2024-02.yml") == """\
month: 2024-02
entries:
  - id: 2024-02-001
    date: 2024-02-02
    account: operating
    amount: "300.00"
    memo: "收回押金（经手人 李建国）"
  - id: 2024-02-002
    date: 2024-02-14
    account: operating
    amount: "-1280.40"
    memo: "春节慰问品（经手人 李建国）"
closing:
  operating: "45340.79"
"""


def test_a_gbk_csv_with_text_dates_and_thousands_separators(books, capsys):
    assert imports(capsys, "gbk.csv", "--account", "revenue")[:2] == (0, [])
    february = text(books, "records/finance/2024/2024-02.yml")
    assert '    date: 2024-02-03\n    account: revenue\n    amount: "1200.00"\n    memo: "外来车辆停车费"' in february
    assert february.endswith('closing:\n  revenue: "2000.00"\n')


def test_a_web_page_saved_as_xls_says_so(books, capsys):
    assert imports(capsys, "bank.xls", "--account", "revenue")[1] == [
        "bank.xls:1: error: 读不了这个表格：这个文件其实是网页（HTML）格式的表格，只是扩展名写成了 .xls；"
        "请用 Excel 或 WPS 打开它，“另存为” .xlsx 后再导入  [E-IMPORT-READ]"]


def test_month_and_day_columns_under_a_two_row_header_run_into_the_next_year(books, capsys):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2024年公共收益日记账"])
    ws.merge_cells("A1:F1")
    ws.append(["2024年", None, "摘 要", "金额", None, "余额"])
    ws.merge_cells("A2:B2")
    ws.merge_cells("D2:E2")
    ws.append(["月", "日", None, "借方", "贷方", None])
    for row in ([None, None, "上年结转", None, None, 0], [11, 3, "停车费", 100, None, 100],
                [12, 28, "广告", 50, None, 150], [12, 30, "退还押金", None, 20, 130], [1, 5, "停车费", 100, None, 230]):
        ws.append(row)
    book.save(books / "md.xlsx")
    assert imports(capsys, "md.xlsx", "--account", "revenue")[:2] == (0, [])
    assert "    date: 2025-01-05\n" in text(books, "records/finance/2025/2025-01.yml")
    assert 'revenue: "130.00"' in text(books, "records/finance/2024/2024-12.yml")


# --- rows that cannot be read ------------------------------------------------------------------

def test_unreadable_rows_are_errors_at_their_rows_and_nothing_is_written(books, capsys):
    bad = sheet(books / "bad.xlsx", [
        ["2024-03-05", "", "停车费", "", "100", "", ""],
        ["三月五号", "", "坏日期", "", "100", "", ""],
        ["2024-03-06", "", "两边都有", "", "100", "50", ""],
        ["2024-03-07", "", "三位小数", "", "1.005", "", ""],
        ["2024-03-08", "", "联系 13912345678", "", "1", "", ""],
        ["2024-03-09", "", "没有金额", "", "", "", ""],
        ["", "", "没有日期", "", "5", "", ""],
        ["2024-02-30", "", "没有这一天", "", "5", "", ""],
        ["3月9日", "", "没有年份", "", "5", "", ""],
        ["2024-03-10", "", "万", "", "1.2万", "", ""],
        ["2024-03-10", "", "错误值", "", "5", "", "#REF!"],
        ["", "", "制表：李建国", "", "", "", ""]], title=None)
    assert imports(capsys, "bad.xlsx", "--account", "operating") == (1, [
        f"{bad}:3: error: 第 3 行：“日期”列的 “三月五号” 不是日期；请写成 2024-03-05 这样  [E-IMPORT-ROW]",
        f"{bad}:4: error: 第 4 行：“收入”和“支出”同时有数；一行只能记一笔，请拆成两行  [E-IMPORT-ROW]",
        f"{bad}:5: error: 第 5 行：“收入”列的 “1.005” 超过两位小数：钱要精确到分，请改成两位小数  [E-IMPORT-ROW]",
        f"{bad}:6: error: 第 6 行：这里有一个手机号码（139****5678）：居民的手机号未经本人同意不能公开（个人信息保护法）；"
        "请删掉，居民只写作“王某”  [E-PRIVACY-PHONE]",
        f"{bad}:7: error: 第 7 行：这一行没有金额  [E-IMPORT-ROW]",
        f"{bad}:8: error: 第 8 行：有金额却没有日期；请写上日期（和上一行同一天也请写上，或写“同上”）  [E-IMPORT-ROW]",
        f"{bad}:9: error: 第 9 行：“日期”列的 “2024-02-30” 不是真实的日期（没有这一天）  [E-IMPORT-ROW]",
        f"{bad}:10: error: 第 10 行：“日期”列的 “3月9日” 没有年份；请写成 2024-03-05 这样，"
        "或在表格标题里写明年份（如“2024年日记账”）  [E-IMPORT-ROW]",
        f"{bad}:11: error: 第 11 行：“收入”列的 “1.2万” 以“万”为单位；请写成以元为单位的数，如 12000.00  [E-IMPORT-ROW]",
        f"{bad}:12: error: 第 12 行：“余额”列是 Excel 的错误值 #REF!，公式算不出结果；请先在 Excel 里修好这一格的公式"
        "  [E-IMPORT-ROW]"],
        "没有写入任何文件：请改正上面这些问题后再导入。\n")
    assert not (books / "records/finance/2024").exists()


def test_headers_that_are_not_a_ledger(books, capsys):
    sheet(books / "none.xlsx", [[1, 2]], header=("a", "b"))
    sheet(books / "wan.xlsx", [["2024-03-09", "", "x", "", 1, "", ""]],
          header=("日期", "凭证号", "摘要", "对方", "收入（万元）", "支出", "余额"))
    assert imports(capsys, "none.xlsx", "--account", "operating")[1] == [
        "none.xlsx:1: error: 找不到表头：表格里要有一行写着“日期”（或“月”“日”），以及“收入”“支出”两列或一个“金额”列"
        "  [E-IMPORT-HEADER]"]
    assert imports(capsys, "wan.xlsx", "--account", "operating")[1] == [
        "wan.xlsx:2: error: “收入（万元）”列以万元为单位；请把表格改成以元为单位再导入  [E-IMPORT-HEADER]"]


# --- the 余额 column -------------------------------------------------------------------------------

def test_balances_are_compared_to_the_cent_and_a_wrong_one_is_reported_once(books, capsys):
    rows = [["", "", "上月结转", "", "", "", 46321.19],
            [datetime.date(2024, 3, 1), "", "利息", "", 10, "", 46331.190000000004],
            [datetime.date(2024, 3, 2), "", "灯泡", "", "", 20, 46301.19],
            [datetime.date(2024, 3, 3), "", "胶带", "", "", 1, 46300.19],
            [datetime.date(2024, 3, 4), "", "抹布", "", "", 1, 46299.19],
            [datetime.date(2024, 3, 5), "", "扫帚", "", "", 1, 46298.2]]
    path = sheet(books / "c.xlsx", rows)
    assert imports(capsys, "c.xlsx", "--account", "operating")[1] == [
        f"{path}:5: error: 第 5 行：“余额”列是 46,301.19，按上一个余额（第 4 行的 46,331.19）加减其间的收支应为 46,311.19，"
        "相差 -10.00（之后 2 行的余额是接着这个数算的，要一起改）。请核对这一行的金额和余额（Excel 公式是否引用错了行）"
        "  [E-IMPORT-BALANCE]",
        f"{path}:8: error: 第 8 行：“余额”列是 46,298.20，按上一个余额（第 7 行的 46,299.19）加减其间的收支应为 46,298.19，"
        "相差 0.01。请核对这一行的金额和余额（Excel 公式是否引用错了行）  [E-IMPORT-BALANCE]"]


def test_a_back_dated_row_in_the_middle_of_a_month_is_fine(books, capsys):
    first = [["", "", "上月结转", "", "", "", 46321.19], [datetime.date(2024, 3, 1), "", "利息", "", 10, "", 46331.19],
             [datetime.date(2024, 3, 20), "", "灯", "", "", 31, 46300.19]]
    sheet(books / "b1.xlsx", first)
    assert imports(capsys, "b1.xlsx", "--account", "operating")[:2] == (0, [])
    sheet(books / "b2.xlsx", first + [[datetime.date(2024, 3, 10), "", "补记：茶水", "", "", 5.5, 46294.69],
                                      [datetime.date(2024, 4, 2), "", "电费", "", "", 100, 46194.69]])
    assert imports(capsys, "b2.xlsx", "--account", "operating")[:2] == (0, [])
    assert 'memo: "补记：茶水"' in text(books, MARCH) and 'operating: "46294.69"' in text(books, MARCH)
    assert validate(books, use_cache=False)[1] == []


def test_entries_on_record_that_the_sheet_lacks_are_named(books, capsys):
    write_tree(books, {"records/finance/accounts.yml": ACCOUNTS, MARCH: """\
        month: 2024-03
        entries:
          - {id: 2024-03-001, date: 2024-03-02, account: operating, amount: 10, memo: 利息}
        closing:
          operating: "46331.19"
        """})
    path = sheet(books / "l.xlsx", [["", "", "上月结转", "", "", "", 46321.19],
                                    [datetime.date(2024, 3, 20), "", "灯", "", "", 31, 46290.19]])
    assert imports(capsys, "l.xlsx", "--account", "operating")[1] == [
        f"{path}:4: error: 第 4 行是表格里 2024-03 的最后一笔，余额应为 46,290.19；账户 operating 按已入账和这次导入的"
        "全部流水算出 2024-03 月末余额 46,300.19，相差 -10.00：已入账的 2024-03-001（2024-03-02，利息，10.00）不在表格里。"
        "请把缺的流水补进表格，或确认是重复记账后从月度文件里删掉  [E-IMPORT-BALANCE]"]


def test_an_opening_that_differs_from_the_books(books, capsys):
    path = sheet(books / "o.xlsx", [["", "", "上月结转", "", "", "", 46000],
                                    [datetime.date(2024, 3, 20), "", "灯", "", "", 31, 45969]])
    assert imports(capsys, "o.xlsx", "--account", "operating")[1] == [
        f"{path}:3: error: 第 3 行：表格的期初余额（“上月结转”）是 46,000.00，账户 operating 在 2024-03-01 之前的余额却是 "
        "46,321.19（records/finance/accounts.yml 第 2 行的期初余额 46,321.19，此前没有已入账的流水），相差 -321.19；"
        "请核对 accounts.yml 里的 opening_balance 和 opened，或表格的期初余额  [E-IMPORT-BALANCE]"]


# --- what the books say after the import -------------------------------------------------------------

def test_an_expense_above_the_approval_line_needs_the_decision_column(books, capsys):
    header = ("日期", "凭证号", "摘要", "对方", "收入", "支出", "决议")
    path = sheet(books / "big.xlsx", [[datetime.date(2024, 3, 5), "", "大修", "", "", 6000, ""]], header=header)
    assert imports(capsys, "big.xlsx", "--account", "operating")[1] == [
        f"{path}:3: error: 第 3 行导入后：这笔支出 6,000.00 元达到了审批线 5,000.00 元，需要写明批准它的决议："
        "decision: 决议编号（表格里可以加一列“决议”，写上批准它的决议编号）  [E-APPROVAL]"]
    sheet(books / "big.xlsx", [[datetime.date(2024, 3, 5), "", "大修", "", "", 6000, "2024-009"]], header=header)
    assert imports(capsys, "big.xlsx", "--account", "operating")[1] == [
        f"{path}:3: error: 第 3 行导入后：找不到决议 2024-009；请核对编号，或先在 decisions/ 下登记这项决议  [E-DECISION-REF]"]
    assert not (books / MARCH).exists()


def test_entries_join_a_month_written_by_hand_without_touching_its_lines(books, capsys):
    existing = ("# 三月\nmonth: 2024-03\nclosing:  # 月末\n  revenue: \"0.00\"\n  operating: \"46326.19\"   # 核对过\n"
                "entries:\n- id: x1\n  date: 2024-03-01\n  account: operating\n  amount: 5\n\n# 完\n")
    write_tree(books, {"records/finance/accounts.yml": ACCOUNTS, MARCH: existing})
    sheet(books / "a.xlsx", [[datetime.date(2024, 3, 9), "", "退款", "", 1, "", ""]])
    assert imports(capsys, "a.xlsx", "--account", "operating")[:2] == (0, [])
    assert text(books, MARCH) == existing.replace('"46326.19"', '"46327.19"').replace(
        "  amount: 5\n", '  amount: 5\n- id: 2024-03-001\n  date: 2024-03-09\n  account: operating\n'
                         '  amount: "1.00"\n  memo: "退款"\n')
    write_tree(books, {MARCH: 'month: 2024-03\nentries: [{id: x1, date: 2024-03-01, account: operating, amount: 5}]\n'
                              'closing: {operating: "46326.19"}\n'})
    assert imports(capsys, "a.xlsx", "--account", "operating")[1] == [
        "records/finance/2024/2024-03.yml:2: error: 这个月的文件写法特殊（entries 或 closing 写在一行的方括号、花括号里），"
        "无法自动合并；请把它改成每笔流水一行 - id: 开头的写法，或手工把新流水加进去  [E-IMPORT-MERGE]"]


# --- sunlight init's example entries in the way ------------------------------------------------------

INIT = {"records/finance/accounts.yml": """\
            accounts:
              - id: operating
                name: 日常经费
                kind: operating
                opened: 2026-01-01
                opening_balance: "2000.00"
            """,
        "records/finance/2026/2026-01.yml": """\
            month: 2026-01
            entries:
              - id: 2026-01-001
                date: 2026-01-15
                account: operating
                amount: "-1150.00"
                memo: 示例：更换楼道声控灯 20 盏
            closing:
              operating: "850.00"
            """}


def test_rows_before_an_example_opening_date_are_one_message_at_opened(books, capsys):
    write_tree(books, INIT)
    rows = [[datetime.date(2025, m, 5), "", f"{m}月停车费", "", 100, "", 2000 + 100 * m] for m in range(1, 13)]
    sheet(books / "early.xlsx", [["", "", "上年结转", "", "", "", 2000]] + rows, title="2025年日记账")
    assert imports(capsys, "early.xlsx", "--account", "operating")[1] == [
        "records/finance/accounts.yml:5: error: 账户 operating 的开立日（opened）是 2026-01-01（opened 和 opening_balance "
        "可能还是 sunlight init 写的示例值），表格里却有 12 行更早的流水（最早是第 4 行的 2025-01-05）：请把 opened 改成"
        "真实的开立日（不晚于 2025-01-05），opening_balance 改成那天开始时的余额。账户 operating 里还有 sunlight init 写的"
        "示例流水 2026-01-001（records/finance/2026/2026-01.yml 第 3 行，-1,150.00）：示例不是真实账目，请先删掉示例流水"
        "和示例月份 closing 里这个账户的一行，再导入  [E-IMPORT-OPENED]"]


def test_an_example_entry_that_puts_the_balances_off_is_named(books, capsys):
    write_tree(books, INIT)
    path = sheet(books / "real.xlsx", [["", "", "上月结转", "", "", "", 2000],
                                       [datetime.date(2026, 1, 5), "", "1月停车费", "", 100, "", 2100],
                                       [datetime.date(2026, 2, 5), "", "2月停车费", "", 100, "", 2200]])
    assert imports(capsys, "real.xlsx", "--account", "operating")[1] == [
        f"{path}:4: error: 第 4 行是表格里 2026-01 的最后一笔，余额应为 2,100.00；账户 operating 按已入账和这次导入的全部流水"
        "算出 2026-01 月末余额 950.00，相差 1,150.00：已入账的 2026-01-001（2026-01-15，示例：更换楼道声控灯 20 盏，-1,150.00）"
        "不在表格里；之后 1 个月的月末也都相差同样的 1,150.00。2026-01-001（records/finance/2026/2026-01.yml 第 3 行）"
        "是 sunlight init 写的示例流水，不是真实账目：请先删掉它，并删掉或改好示例月份 closing 里这个账户的一行，再导入"
        "  [E-IMPORT-BALANCE]"]


def test_a_date_merged_down_over_the_rows_of_one_day(books, capsys):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["日期", "摘要", "支出", "余额"])
    ws.append([None, "上月结转", None, 46321.19])
    ws.append([datetime.date(2024, 3, 5), "灯泡", 10, 46311.19])
    ws.append([None, "胶带", 2, 46309.19])
    ws.merge_cells("A3:A4")
    book.save(books / "merged.xlsx")
    assert imports(capsys, "merged.xlsx", "--account", "operating")[:2] == (0, [])
    assert text(books, MARCH).count("date: 2024-03-05") == 2


def test_signs_that_would_turn_an_expense_into_income_are_not_guessed(books, capsys):
    path = sheet(books / "neg.xlsx", [[datetime.date(2024, 3, 5), "", "灯泡", "", "", -10, ""]])
    assert imports(capsys, "neg.xlsx", "--account", "operating")[1] == [
        f"{path}:3: error: 第 3 行：“支出”列写了负数 -10.00：这一列请写正数，方向由列表示；如果是冲销（红字），"
        "请改写到另一列，并在摘要里写明冲销哪一笔  [E-IMPORT-ROW]"]
    path = sheet(books / "pos.xlsx", [[datetime.date(2024, 3, d), "灯泡", 10] for d in (1, 2, 3)],
                 header=("日期", "摘要", "金额"))
    assert imports(capsys, "pos.xlsx", "--account", "operating")[:2] == (0, [
        f"{path}:2: warning: “金额”列全是正数，导入后都记为收入；如果其中有支出，请把支出写成负数，"
        "或加一列“收支”写明“收入”“支出”  [W-IMPORT-SIGN]"])


def test_unicode_text_ditto_dates_and_files_that_are_not_tables(books, capsys):
    (books / "unicode.txt").write_bytes("日期\t摘要\t收入\n2024-03-05\t停车费\t10\n同上\t广告\t20\n".encode("utf-16"))
    assert imports(capsys, "unicode.txt", "--account", "revenue")[:2] == (0, [])
    assert text(books, MARCH).count("date: 2024-03-05") == 2
    (books / "scan.xlsx").write_bytes(b"%PDF-1.4\n")
    assert imports(capsys, "scan.xlsx", "--account", "revenue")[1] == [
        "scan.xlsx:1: error: 读不了这个表格：这是 PDF 文件，不是表格；请导入原来的 Excel 文件  [E-IMPORT-READ]"]
    (books / "broken.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert imports(capsys, "broken.xls", "--account", "revenue")[1] == [
        "broken.xls:1: error: 读不了这个表格：这个 .xls 文件已经损坏，读不出来；请用 Excel 或 WPS 打开，"
        "“另存为” .xlsx 后再导入  [E-IMPORT-READ]"]
    (books / "fake.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert imports(capsys, "fake.xlsx", "--account", "revenue")[1] == [
        "fake.xlsx:1: error: 读不了这个表格：这个文件不是 Excel 表格（.xlsx）；如果是 WPS 或 Numbers 的文件，"
        "请“另存为” Excel 工作簿（.xlsx）后再导入  [E-IMPORT-READ]"]


def test_a_broken_month_file_stops_the_import(books, capsys):
    write_tree(books, {MARCH: "month: 2024-03\nentries:\n\t- id: x\n"})
    code, out, _err = imports(capsys, "gbk.csv", "--account", "revenue")
    assert code == 1 and out[-1] == ("records/finance/accounts.yml:1: error: 账目文件本身有错误（见上面几行），导入会在错误的"
                                     "账目上继续记账；请先改正它们  [E-IMPORT-BOOKS]")
    assert any(line.startswith(f"{MARCH}:3: error: 行首用了制表符（Tab）") for line in out)


# --- rows that are not what their values say --------------------------------------------------------

SIMPLE = ("日期", "摘要", "收入", "支出")


def test_a_dated_month_total_in_a_ledger_without_balances_books_nothing(books, capsys):
    path = sheet(books / "t.xlsx", [[datetime.date(2024, 3, 5), "灯泡", None, 10],
                                    [datetime.date(2024, 3, 9), "胶带", None, 5],
                                    [datetime.date(2024, 3, 31), "月计", None, 15],
                                    [datetime.date(2024, 4, 2), "电费", None, 20],
                                    [datetime.date(2024, 4, 30), "本月合计数", None, 20],
                                    [datetime.date(2024, 4, 30), "本日合计", None, 20],
                                    [datetime.date(2024, 4, 30), "2024年4月份合计", None, 20],
                                    [datetime.date(2024, 4, 30), "【合计】", None, 20]], header=SIMPLE)
    assert imports(capsys, path, "--account", "operating")[:2] == (0, [])
    assert text(books, MARCH).count("- id:") == 2 and text(books, MARCH).endswith('closing:\n  operating: "46306.19"\n')
    assert text(books, APRIL).count("- id:") == 1 and text(books, APRIL).endswith('closing:\n  operating: "46286.19"\n')


def test_a_real_payment_whose_memo_ends_in_a_total_word_is_booked(books, capsys):
    path = sheet(books / "q.xlsx", [[datetime.date(2024, 3, 5), "楼道灯泡", None, 10],
                                    [datetime.date(2024, 3, 31), "一季度保洁费合计", None, 3000]], header=SIMPLE)
    assert imports(capsys, path, "--account", "operating")[:2] == (0, [
        f"{path}:4: warning: 第 4 行：摘要“一季度保洁费合计”以“合计”之类的词结尾，金额却不等于上面各行之和，按一笔真实的"
        "收支导入；如果它是合计行，请把摘要改成“合计”再导入  [W-IMPORT-TOTAL]"])
    assert '    amount: "-3000.00"\n    memo: "一季度保洁费合计"\n' in text(books, MARCH)
    assert text(books, MARCH).endswith('closing:\n  operating: "43311.19"\n')


def test_a_subtotal_of_the_rows_above_books_nothing_and_a_total_of_one_row_is_refused(books, capsys):
    path = sheet(books / "s.xlsx", [[datetime.date(2024, 1, 10), "一月保洁费", None, 1000],
                                    [datetime.date(2024, 1, 12), "灯泡", None, 10],
                                    [datetime.date(2024, 2, 10), "二月保洁费", None, 1000],
                                    [datetime.date(2024, 3, 10), "三月保洁费", None, 1000],
                                    [datetime.date(2024, 3, 31), "一季度保洁费合计", None, 3000]], header=SIMPLE)
    assert imports(capsys, path, "--account", "operating")[:2] == (0, [])
    assert text(books, MARCH).count("- id:") == 1 and text(books, MARCH).endswith('operating: "43311.19"\n')
    path = sheet(books / "one.xlsx", [[datetime.date(2024, 4, 10), "四月保洁费", None, 1000],
                                      [datetime.date(2024, 4, 30), "四月保洁费合计", None, 1000]], header=SIMPLE)
    assert imports(capsys, path, "--account", "operating")[:2] == (1, [
        f"{path}:4: error: 第 4 行：摘要“四月保洁费合计”像是合计，金额 1000.00 又正好等于第 3 行的一笔：看不出这是那一行的"
        "合计，还是又一笔真实的收支。是合计的，请把摘要改成“合计”或删掉这一行；是真实收支的，请把摘要里的“合计”改掉"
        "（如“一季度保洁费”），再导入  [E-IMPORT-ROW]"])
    assert not (books / APRIL).exists()


def test_with_a_balance_column_a_subtotal_is_told_by_the_balance_not_moving(books, capsys):
    path = sheet(books / "b.xlsx", [["", "", "上月结转", "", "", "", 46321.19],
                                    [datetime.date(2024, 3, 5), "", "灯泡", "", "", 10, 46311.19],
                                    [datetime.date(2024, 3, 6), "", "灯泡小计", "", "", 10, 46311.19],
                                    [datetime.date(2024, 3, 31), "", "三月保洁费合计", "", "", 1000, 45311.19]])
    assert imports(capsys, path, "--account", "operating")[:2] == (0, [])
    assert text(books, MARCH).count("- id:") == 2 and 'memo: "三月保洁费合计"' in text(books, MARCH)


def dated(path, cells, header=("日期", "摘要", "支出"), title="2024年日常经费日记账"):
    """A sheet whose date cells carry a number format: cells are (value, number format, memo, amount)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([title])
    ws.append(list(header))
    for value, number_format, memo, amount in cells:
        ws.append([value, memo, amount])
        ws.cell(ws.max_row, 1).number_format = number_format
    book.save(path)
    return path.name


def test_a_date_typed_as_a_number_is_read_as_the_sheet_shows_it_or_refused(books, capsys):
    path = dated(books / "n.xlsx", [(3.1, "General", "十号的灯泡", 10), (11.2, "General", "二十号的胶带", 5),
                                    (3.3, "0", "三号还是三十号", 5)])
    assert imports(capsys, path, "--account", "operating")[:2] == (1, [
        f"{path}:3: error: 第 3 行：“日期”列的 3.1 是 Excel 存下的数字，不是日期：Excel 把 3.10 也存成 3.1，看不出是 3 月 1 日"
        "还是 3 月 10 日。请把这一列设成“日期”或“文本”格式，重新输入这个日期（如 2024-03-10），再导入  [E-IMPORT-ROW]",
        f"{path}:4: error: 第 4 行：“日期”列的 11.2 是 Excel 存下的数字，不是日期：Excel 把 11.20 也存成 11.2，看不出是 11 月 2 日"
        "还是 11 月 20 日。请把这一列设成“日期”或“文本”格式，重新输入这个日期（如 2024-11-20），再导入  [E-IMPORT-ROW]",
        f"{path}:5: error: 第 5 行：“日期”列的 “3” 不是日期；请写成 2024-03-05 这样  [E-IMPORT-ROW]"])
    path = dated(books / "f.xlsx", [(3.1, "0.00", "十号的灯泡", 10), (3.4, "General", "四号的胶带", 5),
                                    (datetime.datetime(2025, 3, 12), "m月d日", "去年输入的日期", 1)])
    assert imports(capsys, path, "--account", "operating")[:2] == (0, [])
    assert [line for line in text(books, MARCH).splitlines() if "date:" in line] == [
        "    date: 2024-03-04", "    date: 2024-03-10", "    date: 2024-03-12"]


def test_serial_dates_of_a_1904_workbook(books, capsys):
    book = openpyxl.Workbook()
    book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = book.active
    ws.append(["日期", "摘要", "支出"])
    ws.append([(datetime.date(2024, 3, 5) - datetime.date(1904, 1, 1)).days, "灯泡", 10])
    book.save(books / "mac.xlsx")
    assert imports(capsys, "mac.xlsx", "--account", "operating")[:2] == (0, [])
    assert "    date: 2024-03-05\n" in text(books, MARCH)


def test_what_the_sheet_shows_beyond_its_values_is_refused_at_its_row(books, capsys):
    from openpyxl.styles import Font
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["日期", "摘要", "收入", "支出"])
    ws.append([datetime.date(2024, 3, 1), "利息", 1, None])
    ws.append([datetime.date(2024, 3, 2), "作废的一笔", None, 50])
    ws.append([datetime.date(2024, 3, 3), "收起来的一笔", None, 60])
    ws.append([datetime.date(2024, 3, 4), "冲销多付的电费", None, 70])
    ws.append([datetime.date(2024, 3, 5), "两行合用一个金额", None, 80])
    ws.append([datetime.date(2024, 3, 6), "第二行", None, None])
    ws.append([datetime.date(2024, 3, 7), "没算过的公式", None, "=10*2"])
    ws.append([None, None, None, "=D8+1"])      # a formula filled down past the data: nothing to read
    ws.append(["日期", "摘要", "收入", "支出"])   # the header again, as on each printed page
    ws.append([datetime.date(2024, 3, 8), "胶带", None, "1,00"])
    ws["B3"].font = Font(strike=True)
    ws.row_dimensions[4].hidden = True
    ws["D5"].font = Font(color="FFFF0000")
    ws.merge_cells("D6:D7")
    book.save(books / "marks.xlsx")
    assert imports(capsys, "marks.xlsx", "--account", "operating")[:2] == (1, [
        "marks.xlsx:3: error: 第 3 行：“摘要”列的文字划了删除线，像是作废的一笔：导入看不见删除线。作废的行请删掉；"
        "不是作废的，请去掉删除线，再导入  [E-IMPORT-ROW]",
        "marks.xlsx:4: error: 第 4 行：这一行在表格里是隐藏的：看不出它是作废了、还是只是收起来了。请在 Excel 里取消隐藏；"
        "作废的行请删掉，再导入  [E-IMPORT-ROW]",
        "marks.xlsx:5: error: 第 5 行：“支出”列的数字是红色的：账本里红字表示冲销（负数），导入却只读到一个正数。"
        "如果是冲销，请把它写成负数（或写到另一方向的列里），并在摘要里写明冲销哪一笔；只是标记颜色的，请改回黑色，再导入"
        "  [E-IMPORT-ROW]",
        "marks.xlsx:6: error: 第 6 行：“支出”列的格子合并了几行（第 6–7 行）：一笔钱只能写在一行的一个格子里，合并后看不出"
        "这个数属于哪一行、是收入还是支出；请取消合并，把金额写在它所属的那一行  [E-IMPORT-ROW]",
        "marks.xlsx:8: error: 第 8 行：“支出”列是公式 =10*2，文件里却没有保存算出的结果（这个文件是用不计算公式的程序"
        "生成或改过的）；请用 Excel 或 WPS 打开它，保存一次，再导入  [E-IMPORT-ROW]",
        "marks.xlsx:11: error: 第 11 行：“支出”列的 “1,00” 里的逗号不是千位分隔（1,234.50 这样每三位一个）：看不出是多少钱；"
        "请只写数字和小数点，如 1234.50  [E-IMPORT-ROW]"])
    assert not (books / MARCH).exists()


def test_a_hidden_column_that_would_be_read_is_refused(books, capsys):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["日期", "摘要", "支出", "支出"])
    ws.append([datetime.date(2024, 3, 1), "灯泡", 999, 10])
    ws.column_dimensions["C"].hidden = True
    book.save(books / "col.xlsx")
    assert imports(capsys, "col.xlsx", "--account", "operating")[1] == [
        "col.xlsx:1: error: “支出”列在表格里是隐藏的，导入会读它，看表格的人却看不见；请在 Excel 里取消隐藏这一列"
        "（用不着的列请删掉），再导入  [E-IMPORT-HEADER]"]


def test_openings_under_other_names_and_amounts_as_treasurers_write_them(books, capsys):
    path = sheet(books / "o.xlsx", [[datetime.date(2024, 3, 1), "", "上月结余", "", 46321.19, None, None],
                                    ["2024年3月2号", "", "退押金", "", "１２０．５０元", None, None],
                                    [datetime.date(2024, 3, 3), "", "灯泡", "", None, "¥1,000.00", None],
                                    [datetime.date(2024, 3, 31), "", "过次页", "", 120.5, 1000, None]])
    assert imports(capsys, path, "--account", "operating")[:2] == (0, [])
    assert text(books, MARCH).count("- id:") == 2 and text(books, MARCH).endswith('operating: "45441.69"\n')


# --- transfers between two account sheets ---------------------------------------------------------

def two_sheets(path, operating_rows, revenue_rows):
    book = openpyxl.Workbook()
    for name, rows in (("日常经费", operating_rows), ("公共收益", revenue_rows)):
        ws = book.create_sheet(name)
        ws.append(["日期", "摘要", "收入", "支出"])
        for row in rows:
            ws.append(row)
    del book["Sheet"]
    book.save(path)
    return path.name


TRANSFER = """\
  - id: 2024-03-001
    date: 2024-03-08
    transfer: {from: revenue, to: operating}
    amount: "2000.00"
    memo: "停车收益转日常经费"
"""


def test_a_transfer_between_two_sheets_is_booked_once_as_a_transfer(books, capsys):
    path = two_sheets(books / "tr.xlsx", [[datetime.date(2024, 3, 8), "收公共收益转来", 2000, None]],
                      [[datetime.date(2024, 3, 5), "停车费", 2500, None],
                       [datetime.date(2024, 3, 8), "停车收益转日常经费", None, 2000]])
    assert imports(capsys, path, "--sheet", "日常经费=operating", "--sheet", "公共收益=revenue")[:2] == (0, [])
    assert TRANSFER in text(books, MARCH) and text(books, MARCH).count("- id:") == 2
    assert text(books, MARCH).endswith('closing:\n  operating: "48321.19"\n  revenue: "500.00"\n')
    assert validate(books, use_cache=False)[1] == []


def test_one_side_of_a_transfer_imported_alone_is_booked_as_the_transfer(books, capsys):
    path = two_sheets(books / "tr.xlsx", [[datetime.date(2024, 3, 8), "收公共收益转来", 2000, None],
                                          [datetime.date(2024, 3, 9), "灯泡", None, 10]],
                      [[datetime.date(2024, 3, 5), "停车费", 2500, None],
                       [datetime.date(2024, 3, 8), "停车收益转日常经费", None, 2000]])
    assert imports(capsys, path, "--sheet", "公共收益=revenue")[:2] == (0, [
        f"{path}[公共收益]:3: warning: 第 3 行记成了和账户 operating 之间的转账（摘要“停车收益转日常经费”），operating 的"
        "月末余额也一起改了；以后导入 operating 的工作表时，那边的这一笔会被认出已经入账。如果这不是本小区两个账户之间的转账，"
        "请改掉摘要里的账户名  [W-IMPORT-TRANSFER]"])
    assert TRANSFER.replace("2024-03-001", "2024-03-002") in text(books, MARCH)
    assert text(books, MARCH).endswith('closing:\n  revenue: "500.00"\n  operating: "48321.19"\n')
    assert imports(capsys, path, "--sheet", "日常经费=operating")[:2] == (0, [])
    assert text(books, MARCH).count("- id:") == 3 and text(books, MARCH).endswith('operating: "48311.19"\n')
    assert validate(books, use_cache=False)[1] == []


def test_transfers_that_cannot_be_told_are_refused(books, capsys):
    path = two_sheets(books / "bare.xlsx", [[datetime.date(2024, 3, 8), "转出", None, 300]], [])
    assert imports(capsys, path, "--sheet", "日常经费=operating")[1] == [
        f"{path}[日常经费]:2: error: 第 2 行：摘要“转出”只说钱转走了（转来了），没说是哪个账户：如果是本小区另一个账户，请写明"
        "（如“转入维修资金”），导入会记成一笔转账；如果是付给别人或别人付来的钱，请写明对方  [E-IMPORT-TRANSFER]"]
    write_tree(books, {"records/finance/accounts.yml": ACCOUNTS, MARCH: """\
        month: 2024-03
        entries:
          - {id: x1, date: 2024-03-08, account: revenue, amount: "-2000.00", memo: 转日常经费}
        closing:
          revenue: "-2000.00"
        """})
    path = two_sheets(books / "half.xlsx", [[datetime.date(2024, 3, 8), "收公共收益转来", 2000, None]], [])
    assert imports(capsys, path, "--sheet", "日常经费=operating")[1] == [
        f"{path}[日常经费]:2: error: 第 2 行：是和账户 revenue 之间的转账，可是 x1（records/finance/2024/2024-03.yml 第 3 行，-2,000.00）"
        "已经把另一边记成了普通的支出：请先把那一笔改成转账（transfer: {from: revenue, to: operating}，去掉 account），再导入"
        "  [E-IMPORT-TRANSFER]"]


def test_an_excel_97_file_is_read_as_it_shows_too(books, capsys):
    assert imports(capsys, "shown.xls", "--account", "operating")[:2] == (1, [
        "shown.xls:3: error: 第 3 行：“摘要”列的文字划了删除线，像是作废的一笔：导入看不见删除线。作废的行请删掉；"
        "不是作废的，请去掉删除线，再导入  [E-IMPORT-ROW]",
        "shown.xls:4: error: 第 4 行：这一行在表格里是隐藏的：看不出它是作废了、还是只是收起来了。请在 Excel 里取消隐藏；"
        "作废的行请删掉，再导入  [E-IMPORT-ROW]"])
    book = openpyxl.Workbook()   # the same rows without the two marks: 3.1 under 0.00 is the 10th
    ws = book.active
    ws.title = "2024年日常经费"
    for row in (["日期", "摘要", "支出"], [3.1, "十号的灯泡", 10]):
        ws.append(row)
    ws["A2"].number_format = "0.00"
    book.save(books / "shown.xlsx")
    assert imports(capsys, "shown.xlsx", "--account", "operating")[:2] == (0, [])
    assert "    date: 2024-03-10\n" in text(books, MARCH)


def test_a_transfer_named_on_one_side_only_pairs_with_the_other_sheets_row(books, capsys):
    path = two_sheets(books / "one.xlsx", [[datetime.date(2024, 3, 8), "收到转款", 2000, None]],
                      [[datetime.date(2024, 3, 5), "停车费", 2500, None],
                       [datetime.date(2024, 3, 8), "停车收益转日常经费", None, 2000]])
    assert imports(capsys, path, "--sheet", "日常经费=operating", "--sheet", "公共收益=revenue")[:2] == (0, [])
    assert TRANSFER in text(books, MARCH) and text(books, MARCH).count("- id:") == 2
    assert text(books, MARCH).endswith('closing:\n  operating: "48321.19"\n  revenue: "500.00"\n')
