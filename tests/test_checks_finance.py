"""Checks of the books: entries, approvals, receipts, closings and budgets."""

import os

from builders import month
from probes import at

M = "records/finance/2024/2024-03.yml"
D = "records/decisions/2024-001.yml"


def test_closing_mismatch_shows_declared_computed_and_difference(tree):
    problem = at(tree({M: month("  - {id: a1, date: 2024-03-05, account: operating, amount: \"-30.00\"}\n",
                                '  operating: "75.00"\n')}), M, 5, "E-BALANCE")
    assert "写的是 75.00" in problem.message and "算出 70.00" in problem.message and "相差 5.00" in problem.message


def test_closing_counts_every_earlier_month(tree):
    problems = tree({"records/finance/2024/2024-02.yml": month(
        "  - {id: f1, date: 2024-02-05, account: operating, amount: 1000}\n", '  operating: "1100.00"\n', "2024-02"),
        M: month("  - {id: a1, date: 2024-03-05, account: operating, amount: \"-0.01\"}\n", '  operating: "1099.99"\n')})
    assert problems == []


def test_a_month_that_cannot_be_read_stops_the_balance_check(tree):
    """Later closings cannot be verified without its entries: one error, not one per later month."""
    problems = tree({"records/finance/2024/2024-02.yml": "month: [2024-02\n",
                     M: month("  - {id: a1, date: 2024-03-05, account: operating, amount: 5}\n",
                              '  operating: "999.00"\n')})
    assert [(p.path, p.code) for p in problems] == [("records/finance/2024/2024-02.yml", "E-YAML")]


def test_active_account_needs_a_closing_line(tree):
    problem = at(tree({M: month("  - {id: a1, date: 2024-03-05, account: revenue, amount: 10}\n",
                                '  operating: "100.00"\n')}), M, 4, "E-CLOSING-MISSING")
    assert 'revenue: "10.00"' in problem.message


def test_transfer_counts_on_both_sides(tree):
    entries = "  - {id: t1, date: 2024-03-05, transfer: {from: operating, to: revenue}, amount: 40}\n"
    assert tree({M: month(entries, '  operating: "60.00"\n  revenue: "40.00"\n')}) == []
    problems = tree({M: month(entries.replace("amount: 40", "amount: -40"), '  operating: "140.00"\n  revenue: "-40.00"\n')})
    at(problems, M, 3, "E-AMOUNT")


def test_entry_checks(tree):
    entries = ("  - {id: a1, date: 2024-04-01, account: operating, amount: 5}\n"
               "  - {id: a1, date: 2024-03-02, account: operatng, amount: 5}\n"
               "  - {id: a3, date: 2024-03-03, account: operating, amount: 0}\n"
               "  - {id: a4, date: 2024-03-04, amount: 5}\n"
               "  - {id: a5, date: 2024-03-05, account: operating, amount: \"-5000.00\"}\n"
               "  - {id: a6, date: 2024-03-06, transfer: {from: revenue, to: revenue}, amount: 1}\n")
    problems = tree({M: month(entries)})
    at(problems, M, 3, "E-DATE-MONTH")
    assert "records/finance/2024/2024-03.yml:3" in at(problems, M, 4, "E-DUPLICATE-ID").message
    assert "是不是 operating" in at(problems, M, 4, "E-ACCOUNT").message
    at(problems, M, 5, "E-AMOUNT")
    at(problems, M, 6, "E-ENTRY-ACCOUNT")
    assert "5,000.00" in at(problems, M, 7, "E-APPROVAL").message
    at(problems, M, 8, "E-TRANSFER")


def test_account_not_yet_opened(tree):
    problem = at(tree({"records/finance/2023/2023-12.yml": month(
        "  - {id: a1, date: 2023-12-05, account: operating, amount: 5}\n", name="2023-12")}),
        "records/finance/2023/2023-12.yml", 3, "E-ACCOUNT")
    assert "2024-01-01" in problem.message


def test_decision_reference_rules(tree):
    entries = ("  - {id: a1, date: 2024-03-01, account: operating, amount: -6000, decision: 2024-009}\n"
               "  - {id: a2, date: 2024-01-15, account: operating, amount: -6, decision: 2024-001}\n"
               "  - {id: a3, date: 2024-03-03, account: operating, amount: -6, decision: 2024-002}\n")
    pending = "id: 2024-002\ntitle: x\ndate: 2024-02-01\nbody: council\nmatter: ordinary\nstatus: proposed\n"
    problems = tree({"records/finance/2024/2024-01.yml": month(entries, name="2024-01").replace(
        "2024-03-01", "2024-01-01").replace("2024-03-03", "2024-01-03"), "records/decisions/2024-002.yml": pending})
    path = "records/finance/2024/2024-01.yml"
    assert "2024-009" in at(problems, path, 3, "E-DECISION-REF").message
    assert "先决定，后花钱" in at(problems, path, 4, "E-DECISION-REF").message
    assert "proposed" in at(problems, path, 5, "E-DECISION-REF").message


def test_receipts_must_be_files_inside_records(tree, tmp_path):
    entries = ("  - {id: a1, date: 2024-03-01, account: operating, amount: 5, receipt: files/r.jpg}\n"
               "  - {id: a2, date: 2024-03-02, account: operating, amount: 5, receipt: files/missing.jpg}\n"
               "  - {id: a3, date: 2024-03-03, account: operating, amount: 5, receipt: ../../etc/passwd}\n"
               "  - {id: a4, date: 2024-03-04, account: operating, amount: 5, receipt: files/link.jpg}\n")
    (tmp_path / "records/files").mkdir(parents=True)
    (tmp_path / "records/files/r.jpg").write_bytes(b"jpg")
    (tmp_path / "outside.jpg").write_bytes(b"secret")
    os.symlink(tmp_path / "outside.jpg", tmp_path / "records/files/link.jpg")
    problems = tree({M: month(entries, '  operating: "120.00"\n')})
    assert [(p.line, p.code) for p in problems] == [(4, "E-FILE"), (5, "E-FILE"), (6, "E-FILE")]
    assert "找不到文件 records/files/missing.jpg" in problems[0].message
    assert "外面" in problems[1].message and "链接" in problems[2].message


def test_month_file_name_must_match(tree):
    at(tree({M: "month: 2024-04\n"}), M, 1, "E-MONTH-FILE")


def test_spending_past_budget_is_a_warning_at_the_crossing_entry(tree):
    entries = ("  - {id: a1, date: 2024-03-01, account: operating, amount: 9000}\n"
               "  - {id: a2, date: 2024-03-02, account: operating, amount: -5000, decision: 2024-001}\n"
               "  - {id: a3, date: 2024-03-03, account: operating, amount: -3500, decision: 2024-001}\n")
    problems = tree({M: month(entries, '  operating: "600.00"\n')})
    assert [(p.line, p.level, p.code) for p in problems] == [(5, "warning", "W-OVER-BUDGET")]
    assert "8,500.00" in problems[0].message and "8,000.00" in problems[0].message


def test_target_only_on_campaigns(tree):
    accounts = ('accounts:\n  - {id: operating, name: x, kind: operating, opened: 2024-01-01, '
                'opening_balance: 0, target: 100}\n')
    at(tree({"records/finance/accounts.yml": accounts}), "records/finance/accounts.yml", 2, "E-TARGET")


FUND = ('accounts:\n  - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}\n'
        '  - {id: fund, name: 维修资金, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "1000.00"}\n')
ASSEMBLY = "records/decisions/2024-005.yml"


def assembly(approved_households: int, vote: bool = True) -> str:
    text = "id: 2024-005\ntitle: 使用维修资金修屋面\ndate: 2024-02-10\nbody: owners_assembly\nmatter: ordinary\nstatus: decided\n"
    if vote:
        text += ('vote:\n  participated: {households: 8, area_m2: "800.00"}\n'
                 f'  approved: {{households: {approved_households}, area_m2: "700.00"}}\n')
    return text + "announced: 2024-01-20\n"


def fund_month(entry: str, fund: str, operating: str = "100.00") -> dict:
    return {"records/finance/accounts.yml": FUND,
            M: month(entry, f'  operating: "{operating}"\n  fund: "{fund}"\n')}


def test_any_money_out_of_the_maintenance_fund_needs_an_owners_assembly_decision(tree):
    small = "  - {id: a1, date: 2024-03-05, account: fund, amount: \"-1.00\", memo: 灯泡}\n"
    problem = at(tree(fund_month(small, "999.00")), M, 3, "E-FUND-APPROVAL")
    assert "不论金额大小" in problem.message and "emergency: true" in problem.message
    assert tree({**fund_month(small.replace("}", ", decision: 2024-005}"), "999.00"), ASSEMBLY: assembly(7)}) == []


def test_a_transfer_out_of_the_maintenance_fund_needs_the_decision_too(tree):
    transfer = "  - {id: t1, date: 2024-03-05, transfer: {from: fund, to: operating}, amount: 50}\n"
    at(tree(fund_month(transfer, "950.00", "150.00")), M, 3, "E-FUND-APPROVAL")
    into = "  - {id: t1, date: 2024-03-05, transfer: {from: operating, to: fund}, amount: 50}\n"
    assert tree(fund_month(into, "1050.00", "50.00")) == []   # money into the fund is not a use of it


def test_a_committee_decision_cannot_release_the_maintenance_fund(tree):
    entry = "  - {id: a1, date: 2024-03-05, account: fund, amount: \"-100.00\", decision: 2024-001}\n"
    problem = at(tree(fund_month(entry, "900.00")), M, 3, "E-FUND-APPROVAL")
    assert "不是业主大会的决定（body: committee）" in problem.message


def test_an_assembly_decision_without_a_passing_vote_cannot_release_the_fund(tree):
    entry = "  - {id: a1, date: 2024-03-05, account: fund, amount: \"-100.00\", decision: 2024-005}\n"
    assert "没有登记表决结果" in at(tree({**fund_month(entry, "900.00"), ASSEMBLY: assembly(0, vote=False)}),
                                  M, 3, "E-FUND-APPROVAL").message
    failed = tree({**fund_month(entry, "900.00"), ASSEMBLY: assembly(4)})   # 4 of 8 households: not more than half
    assert "没有通过" in at(failed, M, 3, "E-FUND-APPROVAL").message


def test_an_emergency_repair_is_a_warning_and_needs_no_decision_even_over_the_threshold(tree):
    entry = "  - {id: a1, date: 2024-03-05, account: fund, amount: \"-6000.00\",\n    emergency: true}\n"
    problems = tree(fund_month(entry, "-5000.00"))
    # the fund held 1,000.00: paying 6,000.00 takes it below zero, a warning of its own (1.2)
    assert [(p.line, p.code) for p in problems] == [(4, "W-FUND-EMERGENCY"), (7, "W-NEGATIVE-BALANCE")]
    assert "紧急使用" in problems[0].message


def test_emergency_on_an_entry_that_is_not_a_fund_outflow_is_an_error(tree):
    entry = "  - {id: a1, date: 2024-03-05, account: operating, amount: \"-1.00\", emergency: true}\n"
    at(tree(fund_month(entry, "1000.00", "99.00")), M, 3, "E-EMERGENCY")


def test_closing_dated_before_its_account_was_opened(tree):
    accounts = ("accounts:\n  - {id: operating, name: 日常, kind: operating, opened: 2024-01-01, opening_balance: \"100.00\"}\n"
                "  - {id: fund, name: 维修, kind: maintenance_fund, opened: 2024-04-01, opening_balance: \"0.00\"}\n")
    problems = tree({"records/finance/accounts.yml": accounts, M: month("", '  operating: "100.00"\n  fund: "0.00"\n')})
    assert "2024-04-01" in at(problems, M, 5, "E-ACCOUNT").message
    opened_mid_month = accounts.replace("2024-04-01", "2024-03-31")
    assert [p for p in tree({"records/finance/accounts.yml": opened_mid_month,
                             M: month("", '  operating: "100.00"\n  fund: "0.00"\n')}) if p.code == "E-ACCOUNT"] == []


def test_receipt_of_a_type_the_site_does_not_publish(tree, tmp_path):
    for name in ("a.shtml", "a.xht", "a.svgz", ".htaccess", "a"):
        (tmp_path / "records" / "files").mkdir(parents=True, exist_ok=True)
        (tmp_path / "records" / "files" / name).write_text("x")
        problems = tree({M: month(f"  - {{id: a1, date: 2024-03-05, account: operating, amount: 5, receipt: files/{name}}}\n",
                                  '  operating: "105.00"\n')})
        assert "转成 PDF" in at(problems, M, 3, "E-FILE").message
    (tmp_path / "records" / "files" / "a.PDF").write_text("x")
    assert tree({M: month("  - {id: a1, date: 2024-03-05, account: operating, amount: 5, receipt: files/a.PDF}\n",
                          '  operating: "105.00"\n')}) == []


def test_receipts_whose_names_differ_only_in_case(tree, tmp_path):
    files = tmp_path / "records" / "files"
    files.mkdir(parents=True)
    (files / "A1.pdf").write_bytes(b"%PDF")
    (files / "a1.pdf").write_bytes(b"%PDF")
    problems = tree({M: month("  - {id: a1, date: 2024-03-05, account: operating, amount: 5, receipt: files/a1.pdf}\n",
                              '  operating: "105.00"\n')})
    assert "files/A1.pdf" in at(problems, M, 3, "E-FILE").message


# --- format 1.2: the maintenance fund stays a repair fund; balances; receipts ----------------

TWO_FUNDS = FUND + '  - {id: fund2, name: 维修资金（二期）, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "0.00"}\n'


def test_the_maintenance_fund_cannot_be_moved_to_another_kind_of_account_whatever_the_vote(tree):
    transfer = "  - {id: t1, date: 2024-03-05, transfer: {from: fund, to: operating}, amount: 50, decision: 2024-005}\n"
    problems = tree({**fund_month(transfer, "950.00", "150.00"), ASSEMBLY: assembly(7)})
    assert [p.text() for p in problems] == [
        f"{M}:3: error: 专项维修资金 fund 转入 operating（日常经费）的 50.00 元，是把维修资金挪作他用：住宅专项维修资金"
        "专项用于共用部位、共用设施设备的维修和更新、改造，不得挪作他用（《住宅专项维修资金管理办法》），"
        "业主大会的表决也不能改变；维修支出请直接从维修资金账户支付，写上业主大会的决议  [E-FUND-DIVERTED]"]
    # at the line of `to` when the transfer is written as a block
    block = ("  - id: t1\n    date: 2024-03-05\n    transfer:\n      from: fund\n      to: operating\n"
             "    amount: 50\n    decision: 2024-005\n")
    at(tree({**fund_month(block, "950.00", "150.00"), ASSEMBLY: assembly(7)}), M, 7, "E-FUND-DIVERTED")
    # an emergency does not make it a repair either
    urgent = transfer.replace("decision: 2024-005", "emergency: true")
    at(tree(fund_month(urgent, "950.00", "150.00")), M, 3, "E-FUND-DIVERTED")
    # between two maintenance fund accounts, under the owners' decision: allowed
    between = "  - {id: t1, date: 2024-03-05, transfer: {from: fund, to: fund2}, amount: 50, decision: 2024-005}\n"
    assert tree({"records/finance/accounts.yml": TWO_FUNDS, ASSEMBLY: assembly(7),
                 M: month(between, '  fund: "950.00"\n  fund2: "50.00"\n')}) == []


def test_money_out_of_the_fund_under_a_decision_counts_against_its_budget(tree):
    budgeted = assembly(7).replace("status: decided\n", 'status: decided\nbudget: "500.00"\n')
    moved = "  - {id: t1, date: 2024-03-05, transfer: {from: fund, to: fund2}, amount: 800, decision: 2024-005}\n"
    problems = tree({"records/finance/accounts.yml": TWO_FUNDS, ASSEMBLY: budgeted,
                     M: month(moved, '  fund: "200.00"\n  fund2: "800.00"\n')})
    assert [p.text() for p in problems] == [
        f"{M}:3: warning: 这笔转出使决议 2024-005 的花费累计 800.00 元，超过预算 500.00 元；"
        "超支部分需要说明或追加决议  [W-OVER-BUDGET]"]


def test_a_closing_below_zero_is_a_warning(tree):
    entries = "  - {id: a1, date: 2024-03-05, account: operating, amount: \"-130.00\"}\n"
    problems = tree({M: month(entries, '  operating: "-30.00"\n')})
    assert [p.text() for p in problems] == [
        f"{M}:5: warning: 日常经费（operating）2024-03 月末余额是 -30.00 元，低于零：账户不能付出它没有的钱"
        "（记录格式 1.2：余额为负是提醒）；请核对是否漏记了收入或转入，或是否有一笔支出记错了账户  [W-NEGATIVE-BALANCE]"]
    assert tree({M: month(entries.replace("-130.00", "-100.00"), '  operating: "0.00"\n')}) == []


def test_an_emergency_use_still_cannot_name_a_committee_decision(tree):
    """Format 1.2: no entry taking money out of the fund names a committee decision; the committee's
    approval of an emergency repair goes in the memo."""
    entry = "  - {id: a1, date: 2024-03-05, account: fund, amount: \"-100.00\", decision: 2024-001, emergency: true}\n"
    problems = tree(fund_month(entry, "900.00"))
    assert [p.text() for p in problems] == [
        f"{M}:3: error: 决议 2024-001 不是业主大会的决定（body: committee）；动用专项维修资金 fund 须由业主大会表决通过"
        "（《民法典》第二百七十八条第一款第五项），业委会或其他组织不能决定。紧急维修经业委会同意的，不写 decision，"
        "在 memo 里写明（如“业委会决议 2026-007 同意”）  [E-FUND-APPROVAL]"]
