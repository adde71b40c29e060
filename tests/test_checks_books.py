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
