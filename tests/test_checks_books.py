"""Checks of the books across months (format 1.2): one receipt backs one expense, and business income
from common parts has the owners' authorisation."""

from builders import month
from probes import at

M = "records/finance/2024/2024-03.yml"
A = "records/finance/accounts.yml"
AUTH = "records/decisions/2024-004.yml"


def receipt_months(first: str, second: str) -> dict:
    return {"records/finance/2024/2024-02.yml": month(
                f"  - {{id: a1, date: 2024-02-05, account: operating, amount: -10, receipt: {first}}}\n",
                '  operating: "90.00"\n', "2024-02"),
            M: month(f"  - {{id: a2, date: 2024-03-05, account: operating, amount: -10, receipt: {second}}}\n",
                     '  operating: "80.00"\n'),
            "records/files/a.jpg": b"\xff\xd8", "records/files/b.jpg": b"\xff\xd8"}


def test_one_receipt_backs_one_expense(tree):
    problems = tree(receipt_months("files/a.jpg", "files/a.jpg"))
    assert [p.text() for p in problems] == [
        f"{M}:3: warning: 票据 files/a.jpg 已经是流水 a1（records/finance/2024/2024-02.yml:3）的凭证："
        "一张原始凭证只能报销一笔支出（一票多报是重复报销）；一张发票确实包括几笔支出时，请把它们合成一笔流水，"
        "否则给这一笔附上它自己的凭证  [W-RECEIPT-REUSED]"]
    assert tree(receipt_months("files/a.jpg", "files/b.jpg")) == []


def test_a_receipt_written_another_way_is_the_same_receipt(tree):
    problems = tree(receipt_months("files/a.jpg", "./files/a.jpg"))
    assert "已经是流水 a1" in at(problems, M, 3, "W-RECEIPT-REUSED").message


def test_a_receipt_of_an_income_is_not_an_expense_claimed_twice(tree):
    files = receipt_months("files/a.jpg", "files/a.jpg")
    files[M] = month("  - {id: a2, date: 2024-03-05, account: operating, amount: 10, receipt: files/a.jpg}\n",
                     '  operating: "100.00"\n')
    assert tree(files) == []


def assembly(matter: str = "major", date: str = "2024-01-10", approved: int = 7) -> str:
    return (f"id: 2024-004\ntitle: 电梯广告经营\ndate: {date}\nbody: owners_assembly\nmatter: {matter}\nstatus: decided\n"
            'vote:\n  participated: {households: 8, area_m2: "800.00"}\n'
            f'  approved: {{households: {approved}, area_m2: "700.00"}}\nannounced: 2023-12-20\n')


def accounts(authorised: str = "") -> str:
    return ('accounts:\n  - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}\n'
            f'  - {{id: revenue, name: 公共收益, kind: public_revenue, opened: 2024-01-01, opening_balance: "0.00"{authorised}}}\n')


INCOME = month("  - {id: r1, date: 2024-03-05, account: revenue, amount: 600, memo: 电梯广告}\n", '  revenue: "600.00"\n')


def test_business_income_without_the_owners_authorisation_is_a_warning(tree):
    problems = tree({A: accounts(), M: INCOME})
    assert [p.text() for p in problems] == [
        f"{A}:3: warning: 公共收益账户 revenue 有经营收入（第一笔：{M} 的流水 r1，2024-03-05），却没有写 authorised_by："
        "利用共有部分从事经营活动（电梯广告、公共场地停车等），须经参与表决专有部分面积四分之三以上的业主且参与表决人数"
        "四分之三以上的业主同意（《民法典》第二百七十八条第一款第八项、第二款）。请写上 authorised_by: 授权的业主大会决议编号；"
        "还没有表决过的，请提交业主大会表决  [W-REVENUE-UNAUTHORISED]"]
    assert tree({A: accounts(", authorised_by: 2024-004"), AUTH: assembly(), M: INCOME}) == []
    # a transfer into the account is no business income
    moved = month("  - {id: t1, date: 2024-03-05, transfer: {from: operating, to: revenue}, amount: 60}\n",
                  '  operating: "40.00"\n  revenue: "60.00"\n')
    assert tree({A: accounts(), AUTH: None, M: moved}) == []


def test_the_authorisation_is_a_passed_major_owners_assembly_decision(tree):
    cases = {
        "2024-001": "决议 2024-001 不是业主大会的决定（body: committee）",
        "2024-009": "决议 2024-009 不存在（decisions/ 里没有这个编号）",
    }
    for ident, why in cases.items():
        problems = tree({A: accounts(f", authorised_by: {ident}"), AUTH: assembly(), M: INCOME})
        assert [p.text() for p in problems] == [
            f"{A}:3: error: {why}，不能授权公共收益账户 revenue 的经营：利用共有部分从事经营活动（电梯广告、公共场地停车等），"
            "须经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意"
            "（《民法典》第二百七十八条第一款第八项、第二款）  [E-AUTHORISED]"]
    ordinary = tree({A: accounts(", authorised_by: 2024-004"), AUTH: assembly("ordinary"), M: INCOME})
    assert "不是按重大事项（matter: major，四分之三）表决的" in at(ordinary, A, 3, "E-AUTHORISED").message
    failed = tree({A: accounts(", authorised_by: 2024-004"), AUTH: assembly(approved=5).replace("decided", "rejected"),
                   M: INCOME})
    assert "状态是 rejected" in at(failed, A, 3, "E-AUTHORISED").message
    operating = accounts().replace('opening_balance: "100.00"}', 'opening_balance: "100.00", authorised_by: 2024-004}')
    assert "只写在公共收益账户" in at(tree({A: operating, AUTH: assembly(), M: INCOME}), A, 2, "E-AUTHORISED").message


def test_income_before_the_authorisation_is_a_warning_at_that_income(tree):
    problems = tree({A: accounts(", authorised_by: 2024-004"), AUTH: assembly(date="2024-03-10"), M: INCOME})
    assert [p.text() for p in problems] == [
        f"{M}:3: warning: 这笔收入（2024-03-05）早于授权经营的业主大会决议 2024-004（2024-03-10）：利用共有部分从事经营活动"
        "（电梯广告、公共场地停车等），须经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意"
        "（《民法典》第二百七十八条第一款第八项、第二款）；表决之前的经营收入没有业主的授权，请在决议里说明  [W-REVENUE-UNAUTHORISED]"]


# --- what a determined insider tries (docs/choices.md, "格式 1.2 和防止作假") -------------------

def test_one_payment_cut_into_pieces_under_the_approval_line_is_a_warning(tree):
    pieces = ("  - {id: a1, date: 2024-03-05, account: operating, amount: \"-2400.00\", counterparty: 某某五金店}\n"
              "  - {id: a2, date: 2024-03-05, account: operating, amount: \"-2400.00\", counterparty: 某某五金店}\n"
              "  - {id: a3, date: 2024-03-05, account: operating, amount: \"-2400.00\", counterparty: 某某五金店}\n")
    opening = "records/finance/2024/2024-02.yml"
    files = {opening: month("  - {id: f1, date: 2024-02-01, account: operating, amount: 10000}\n",
                            '  operating: "10100.00"\n', "2024-02"),
             M: month(pieces, '  operating: "2900.00"\n')}
    problems = tree(files)
    assert [p.text() for p in problems] == [
        f"{M}:5: warning: 7 天内付给 某某五金店 的支出 a1（2024-03-05，2,400.00 元）、a2（2024-03-05，2,400.00 元）和这一笔 "
        "2,400.00 元合计 7,200.00 元，达到了审批线 5,000.00 元（policy.expense_approval_threshold），每笔都没有写决议："
        "把一笔支出拆成几笔来避开审批（拆分支出）是不允许的。请写上批准它们的决议（decision）；确是互不相关的几笔支出的，"
        "在摘要（memo）里写明，这条提醒仍会显示，供监委会核对  [W-SPLIT-EXPENSE]"]
    # across a month's end, the payee's name typed with a full-width space: the same payee
    files[opening] = month("  - {id: f1, date: 2024-02-01, account: operating, amount: 10000}\n"
                           "  - {id: a0, date: 2024-02-28, account: operating, amount: \"-2600.00\", counterparty: \"某某\u3000五金店\"}\n",
                           '  operating: "7500.00"\n', "2024-02")
    files[M] = month(pieces.splitlines(keepends=True)[0], '  operating: "5100.00"\n')
    at(tree(files), M, 3, "W-SPLIT-EXPENSE")
    # a week apart, or with a decision, or to different payees: no warning
    files[M] = month(pieces.splitlines(keepends=True)[0].replace("2024-03-05", "2024-03-07"), '  operating: "5100.00"\n')
    assert tree(files) == []


def test_pieces_without_a_payee_are_looked_at_together(tree):
    pieces = ("  - {id: a1, date: 2024-03-05, account: operating, amount: \"-3000.00\", memo: 材料}\n"
              "  - {id: a2, date: 2024-03-06, account: operating, amount: \"-3000.00\", memo: 材料}\n")
    files = {"records/finance/2024/2024-02.yml": month("  - {id: f1, date: 2024-02-01, account: operating, amount: 10000}\n",
                                                       '  operating: "10100.00"\n', "2024-02"),
             M: month(pieces, '  operating: "4100.00"\n')}
    assert "没写对方（counterparty）的支出 a1" in at(tree(files), M, 4, "W-SPLIT-EXPENSE").message


def test_a_large_expense_under_a_decision_without_a_vote_is_a_warning(tree):
    unvoted = ("id: 2024-003\ntitle: 主任决定\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\nstatus: decided\n")
    files = {"records/finance/2024/2024-02.yml": month("  - {id: f1, date: 2024-02-01, account: operating, amount: 10000}\n",
                                                       '  operating: "10100.00"\n', "2024-02"),
             M: month("  - {id: a1, date: 2024-03-05, account: operating, amount: \"-6000.00\", decision: 2024-003}\n",
                      '  operating: "4100.00"\n'),
             "records/decisions/2024-003.yml": unvoted}
    problems = tree(files)
    assert [p.text() for p in problems] == [
        f"{M}:3: warning: 这笔支出 6,000.00 元达到了审批线 5,000.00 元（policy.expense_approval_threshold），"
        "批准它的决议 2024-003 却没有登记表决结果（vote）：看不出是集体决定的，还是一个人说了算；请在决议里写上表决票数"
        "  [W-APPROVAL-UNVOTED]"]
    files["records/decisions/2024-003.yml"] = unvoted + "vote: {members: 5, for: 3}\n"
    assert tree(files) == []


def test_money_raised_into_the_fund_under_an_ordinary_vote_is_a_warning(tree):
    fund = (accounts() + '  - {id: fund, name: 维修资金, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "0.00"}\n')
    raised = month("  - {id: r1, date: 2024-03-05, account: fund, amount: 9000, decision: 2024-004}\n"
                   "  - {id: r2, date: 2024-03-06, account: fund, amount: 12.5, category: 利息}\n", '  fund: "9012.50"\n')
    problems = tree({A: fund, AUTH: assembly("ordinary"), M: raised})
    assert [p.text() for p in problems] == [
        f"{M}:3: warning: 这笔收入记入专项维修资金，写的决议 2024-004 却不是业主大会按重大事项（matter: major）通过的决定："
        "筹集维修资金须经参与表决的业主四分之三以上同意（《民法典》第二百七十八条第一款第六项、第二款）；"
        "利息等不是筹集的收入不用写 decision  [W-FUND-RAISING]"]
    assert tree({A: fund, AUTH: assembly("major"), M: raised}) == []


def test_a_negative_opening_balance_is_a_warning(tree):
    negative = accounts().replace('opening_balance: "100.00"', 'opening_balance: "-100.00"')
    problems = tree({A: negative})
    assert [p.text() for p in problems] == [
        f"{A}:2: warning: 账户 operating 的期初余额是 -100.00 元，低于零：账户不能付出它没有的钱"
        "（记录格式 1.2：余额为负是提醒）；请核对结转的数  [W-NEGATIVE-BALANCE]"]


def test_a_policy_that_gives_owners_less_notice_than_the_regulation_is_a_warning(tree):
    lax = 'name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\npolicy:\n  assembly_notice_days: 7\n'
    problems = tree({"records/community.yml": lax})
    assert [p.text() for p in problems] == [
        "records/community.yml:5: warning: policy.assembly_notice_days 写的是 7 天，比国家的规定宽松（《物业管理条例》第十四条："
        "业主大会会议应当于会议召开 15 日以前通知全体业主）；这是国务院的行政法规，小区和地方的规定可以更严，不能更松："
        "请改为至少 15  [W-POLICY-LAX]"]
    assert tree({"records/community.yml": lax.replace(": 7", ": 20")}) == []
