"""Importing a treasurer's spreadsheet: entries and closings, or row errors and nothing written."""

import datetime

import openpyxl

from sunlight_gongshi.cli import main
from sunlight_gongshi.validate import validate
from builders import write_tree

ACCOUNTS = 'accounts:\n  - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "1000.00"}\n'


def sheet(path, rows, title="日常经费日记账"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([title])
    ws.append([])
    ws.append(["日期", "凭证号", "摘要", "对方", "收入", "支出", "余额"])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_xlsx_becomes_month_files_with_closings(tmp_path, capsys):
    write_tree(tmp_path, {"records/finance/accounts.yml": ACCOUNTS})
    xlsx = sheet(tmp_path / "ledger.xlsx", [
        ["", "", "期初余额", "", "", "", "1,000.00"],
        [datetime.date(2024, 3, 5), "记-1", "停车费", "物业服务中心", "1,234.50", "", "2,234.50"],
        ["2024/3/9", "记-2", "买灯泡", "某某五金店", "", "34.5", "2,200.00"],
        ["2024年4月1日", "", "保洁用品", "某某超市", "", "¥200", ""],
        ["", "", "本月合计", "", "1,234.50", "234.50", ""]])
    assert main(["import", "ledger", str(xlsx), "--account", "operating", "--root", str(tmp_path)]) == 0
    march = (tmp_path / "records/finance/2024/2024-03.yml").read_text(encoding="utf-8")
    assert '  - id: 2024-03-001\n    date: 2024-03-05\n    account: operating\n    amount: "1234.50"' in march
    assert 'memo: "停车费（凭证号 记-1）"' in march and 'amount: "-34.50"' in march
    assert 'closing:\n  operating: "2200.00"' in march
    assert 'operating: "2000.00"' in (tmp_path / "records/finance/2024/2024-04.yml").read_text(encoding="utf-8")
    assert validate(tmp_path, use_cache=False)[1] == []
    assert main(["import", "ledger", str(xlsx), "--account", "operating", "--root", str(tmp_path)]) == 0
    assert "没有新的流水" in capsys.readouterr().err
    assert (tmp_path / "records/finance/2024/2024-03.yml").read_text(encoding="utf-8") == march


def test_import_adds_to_an_existing_month_without_rewriting_it(tmp_path):
    existing = ("month: 2024-03\n# 三月的账\nentries:\n  - {id: 2024-03-001, date: 2024-03-01, account: operating, "
                "amount: 10, memo: 利息}\nclosing:\n  operating: \"1010.00\"\n")
    write_tree(tmp_path, {"records/finance/accounts.yml": ACCOUNTS, "records/finance/2024/2024-03.yml": existing})
    csv = tmp_path / "ledger.csv"
    csv.write_bytes("说明行\n日期,摘要,金额,对方\n2024-03-20,\"补记，停车费\",\"1,000.00\",物业\n".encode("gb18030"))
    assert main(["import", "ledger", str(csv), "--account", "operating", "--root", str(tmp_path)]) == 0
    text = (tmp_path / "records/finance/2024/2024-03.yml").read_text(encoding="utf-8")
    assert text.startswith(existing.split("closing:")[0]) and "# 三月的账" in text
    assert "id: 2024-03-002" in text and 'operating: "2010.00"' in text
    assert validate(tmp_path, use_cache=False)[1] == []


def test_unreadable_rows_are_errors_and_nothing_is_written(tmp_path, capsys):
    write_tree(tmp_path, {"records/finance/accounts.yml": ACCOUNTS})
    xlsx = sheet(tmp_path / "bad.xlsx", [
        ["2024-03-05", "", "停车费", "", "100", "", ""],
        ["三月五号", "", "坏日期", "", "100", "", ""],
        ["2024-03-06", "", "两边都有", "", "100", "50", ""],
        ["2024-03-07", "", "三位小数", "", "1.005", "", ""],
        ["2024-03-08", "", "联系 13912345678", "", "1", "", ""],
        ["2024-03-09", "", "没有金额", "", "", "", ""]])
    assert main(["import", "ledger", str(xlsx), "--account", "operating", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": error:")[0] for line in out] == [f"{xlsx}:{n}" for n in (5, 6, 7, 8, 9)]
    assert "日期 “三月五号” 看不懂" in out[0] and "两位小数" in out[2] and "139****5678" in out[3]
    assert not (tmp_path / "records/finance/2024").exists()


def test_balance_column_is_cross_checked(tmp_path, capsys):
    write_tree(tmp_path, {"records/finance/accounts.yml": ACCOUNTS})
    xlsx = sheet(tmp_path / "l.xlsx", [["2024-03-05", "", "停车费", "", "100", "", "1,100.00"],
                                       ["2024-03-06", "", "灯泡", "", "", "30", "1,080.00"]])
    assert main(["import", "ledger", str(xlsx), "--account", "operating", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{xlsx}:5: error:" in out and "1,080.00" in out and "1,070.00" in out and "[E-IMPORT-BALANCE]" in out


def test_missing_header_and_unknown_account(tmp_path, capsys):
    write_tree(tmp_path, {"records/finance/accounts.yml": ACCOUNTS})
    csv = tmp_path / "x.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["import", "ledger", str(csv), "--account", "operating", "--root", str(tmp_path)]) == 1
    assert "找不到表头" in capsys.readouterr().out
    assert main(["import", "ledger", str(csv), "--account", "nope", "--root", str(tmp_path)]) == 1
