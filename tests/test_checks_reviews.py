"""Checks of the supervisors' reviews of the books (records/reviews/, record format 1.2): who signs,
which months and accounts a review can cover, what a reservation must say, and its documents.
Each case asserts the exact lines `sunlight validate` prints."""

import os
import subprocess

from builders import month, write_tree

R = "records/reviews/2024-Q1.yml"
COPY = "records/reviews/copy.yml"
SUPERVISORS = """\
    body: supervisors
    name: 第一届业主监督委员会
    term: {from: 2024-01-01, to: 2026-12-31}
    members:
      - {name: 子, role: chair}
      - {name: 丑, role: member}
      - {name: 寅, role: member, to: 2024-03-31}
    """
CLOSED = {"records/roster/supervisors.yml": SUPERVISORS,
          "records/finance/2024/2024-03.yml": month("", '  operating: "100.00"\n  revenue: "0.00"\n')}
ONE_CLOSING = {**CLOSED, "records/finance/2024/2024-03.yml": month("", '  operating: "100.00"\n')}


def review(ident="2024-Q1", by="supervisors", date="2024-04-12", through="2024-03", accounts=None,
           signed="[子, 丑]", opinion="clean", findings=None, documents=None) -> str:
    """A review file; its lines: 1 id, 2 by, 3 date, 4 through, then accounts (5) when given, signed,
    opinion, findings, documents."""
    text = f"id: {ident}\nby: {by}\ndate: {date}\nthrough: {through}\n"
    if accounts is not None:
        text += f"accounts: {accounts}\n"
    text += f"signed: {signed}\nopinion: {opinion}\n"
    if findings is not None:
        text += f"findings: {findings}\n"
    if documents is not None:
        text += f"documents: {documents}\n"
    return text


def lines(tree, files) -> list[str]:
    """What `sunlight validate` prints for the base community with `files` (a test's calls share one folder)."""
    return [p.text() for p in tree(files)]


def test_a_clean_review_by_two_serving_supervisors_of_closed_books_is_valid(tree):
    assert tree({**CLOSED, R: review()}) == []
    assert tree({**CLOSED, R: review(accounts="[operating]", opinion="qualified", findings="3 月少一张凭证")}) == []
    assert tree({**ONE_CLOSING, R: review()}) == []      # by default: the accounts with a closing by then
    assert tree({**CLOSED, R: review(date="2024-04-01")}) == []   # the first day after the month


def test_a_signer_not_serving_on_the_day_and_fewer_than_two_signers(tree):
    assert lines(tree, {**CLOSED, R: review(signed="[子, 王某]")}) == STRANGER
    assert lines(tree, {**CLOSED, R: review(signed="[子, 寅]")}) == LEFT       # 寅 left on 31 March
    assert lines(tree, {**CLOSED, R: review(signed="[子, 子]")}) == TWICE
    assert lines(tree, {**CLOSED, R: review(signed="[子, 丑, 丑丑]")}) == TYPO


STRANGER = [
        "records/reviews/2024-Q1.yml:5: error: 审查意见要由监委会（业主监督委员会）至少两名在任成员签字，现在在任的签字人只有 1 名；请补上签字的成员（阳光公示记录格式 1.2：监委会参与经费审查、民主理财，审查意见由它的成员签字；这是小区的做法，不是国家法律的条文）  [E-REVIEW-SIGNED]",
        "records/reviews/2024-Q1.yml:5: error: 签字的 王某 在 2024-04-12 不是监委会（业主监督委员会）的在任成员；signed 只写审查那天在任的监委会（业主监督委员会）成员  [E-REVIEW-SIGNED]",
    ]
LEFT = [
        "records/reviews/2024-Q1.yml:5: error: 审查意见要由监委会（业主监督委员会）至少两名在任成员签字，现在在任的签字人只有 1 名；请补上签字的成员（阳光公示记录格式 1.2：监委会参与经费审查、民主理财，审查意见由它的成员签字；这是小区的做法，不是国家法律的条文）  [E-REVIEW-SIGNED]",
        "records/reviews/2024-Q1.yml:5: error: 签字的 寅 在 2024-04-12 不是监委会（业主监督委员会）的在任成员；signed 只写审查那天在任的监委会（业主监督委员会）成员  [E-REVIEW-SIGNED]",
    ]
TWICE = [
        "records/reviews/2024-Q1.yml:5: error: 审查意见要由监委会（业主监督委员会）至少两名在任成员签字，现在在任的签字人只有 1 名（同一人写了两次只算一人）；请补上签字的成员（阳光公示记录格式 1.2：监委会参与经费审查、民主理财，审查意见由它的成员签字；这是小区的做法，不是国家法律的条文）  [E-REVIEW-SIGNED]",
    ]
TYPO = [
        "records/reviews/2024-Q1.yml:5: error: 签字的 丑丑 在 2024-04-12 不是监委会（业主监督委员会）的在任成员；是不是 丑？signed 只写审查那天在任的监委会（业主监督委员会）成员  [E-REVIEW-SIGNED]",
    ]


def test_the_committee_cannot_review_its_own_books(tree):
    assert lines(tree, {**CLOSED, R: review(signed="[甲, 乙]")}) == [
        "records/reviews/2024-Q1.yml:5: error: 审查意见要由监委会（业主监督委员会）至少两名在任成员签字，现在在任的签字人只有 0 名；请补上签字的成员（阳光公示记录格式 1.2：监委会参与经费审查、民主理财，审查意见由它的成员签字；这是小区的做法，不是国家法律的条文）  [E-REVIEW-SIGNED]",
        "records/reviews/2024-Q1.yml:5: error: 签字的 乙 在 2024-04-12 不是监委会（业主监督委员会）的在任成员，业委会不能审查自己管的账；signed 只写审查那天在任的监委会（业主监督委员会）成员  [E-REVIEW-SIGNED]",
        "records/reviews/2024-Q1.yml:5: error: 签字的 甲 在 2024-04-12 不是监委会（业主监督委员会）的在任成员，业委会不能审查自己管的账；signed 只写审查那天在任的监委会（业主监督委员会）成员  [E-REVIEW-SIGNED]",
    ]
    assert lines(tree, {**CLOSED, R: review(by="committee")}) == [
        "records/reviews/2024-Q1.yml:2: error: by：“committee” 不是可选值；只能是 supervisors | party_branch | other  [E-CHOICE]",
    ]


def test_a_signer_who_also_sits_on_the_committee_that_day_is_a_warning(tree):
    both = SUPERVISORS + "  - {name: 甲, role: member}\n"
    assert lines(tree, {**CLOSED, "records/roster/supervisors.yml": both, R: review(signed="[子, 甲]")}) == [
        "records/reviews/2024-Q1.yml:5: warning: 签字的 甲 在 2024-04-12 同时是业委会委员：审查的是业委会管的账，自己审自己的账不算独立审查；请由不在业委会任职的成员签字，或核对名册的任期  [W-REVIEW-INDEPENDENT]",
    ]


def test_a_body_with_no_roster_serving_on_the_day(tree):
    assert lines(tree, {**CLOSED, R: review(by="party_branch")}) == [
        "records/reviews/2024-Q1.yml:5: error: 2024-04-12 名册里没有在任的党支部（roster/ 下 body: party_branch 的名册），签字的 子、丑 都不是它的成员；请先登记党支部的名册和任期，或核对 by 和 date（阳光公示记录格式 1.2：监委会参与经费审查、民主理财，审查意见由它的成员签字；这是小区的做法，不是国家法律的条文）  [E-REVIEW-SIGNED]",
    ]


def test_a_review_covers_only_months_closed_before_the_month_it_was_signed_in(tree):
    assert lines(tree, {**CLOSED, R: review(date="2024-03-31")}) == [
        "records/reviews/2024-Q1.yml:4: error: 审查到 2024-03（through），签署日期 2024-03-31 却还在审查到的那个月里：一个月的账要到月底结账以后才能审查，through 必须早于签署的月份 2024-03；请核对 through 和 date  [E-REVIEW-THROUGH]",
    ]
    assert lines(tree, {**CLOSED, R: review(date="2024-02-20")}) == [
        "records/reviews/2024-Q1.yml:4: error: 审查到 2024-03（through），签署日期 2024-02-20 却在审查到的那个月结束之前：一个月的账要到月底结账以后才能审查，through 必须早于签署的月份 2024-02；请核对 through 和 date  [E-REVIEW-THROUGH]",
    ]


def test_bad_dates_and_months(tree):
    assert lines(tree, {**CLOSED, R: review(date="2024-04-31")}) == [
        "records/reviews/2024-Q1.yml:3: error: date：日期 “2024-04-31” 不对：应写成 YYYY-MM-DD 的真实日期，如 2024-03-05  [E-DATE]",
    ]
    assert lines(tree, {**CLOSED, R: review(through="2024-13")}) == [
        "records/reviews/2024-Q1.yml:4: error: through：月份 “2024-13” 不对：应写成 YYYY-MM，如 2024-03  [E-DATE]",
    ]


def test_each_reviewed_account_is_known_once_and_has_a_closing_line_in_through(tree):
    assert lines(tree, {**CLOSED, R: review(accounts="[operating, operatin]")}) == [
        "records/reviews/2024-Q1.yml:5: error: 账户 operatin 不在 finance/accounts.yml 里（是不是 operating？）；accounts 写审查过的账户编号  [E-REVIEW-ACCOUNT]",
    ]
    assert lines(tree, {**CLOSED, R: review(accounts="[operating, operating]")}) == [
        "records/reviews/2024-Q1.yml:5: error: 账户 operating 在 accounts 里写了两次；每个账户写一次  [E-REVIEW-ACCOUNT]",
    ]
    assert lines(tree, {**ONE_CLOSING, R: review(accounts="[operating, revenue]")}) == [
        "records/reviews/2024-Q1.yml:5: error: 审查到 2024-03 的账户要有那个月的月末余额，审查意见才有核对过的数字可依：records/finance/2024/2024-03.yml 的 closing 里没有 revenue 的月末余额；请在那个月的 closing 里写上（当月没有收支也要写），或在 accounts 里只写审查过的账户  [E-REVIEW-ACCOUNT]",
    ]


def test_a_review_of_a_month_not_yet_on_record(tree):
    earlier = {**CLOSED, "records/finance/2024/2024-01.yml": month("", '  operating: "100.00"\n', "2024-01")}
    assert lines(tree, {**earlier, R: review(through="2024-02")}) == [
        "records/finance/accounts.yml:2: warning: 日常经费（operating）2024 年 2 月的账目应在 2024-03-30 前公示（期末后 30 天内），到参考日 2024-04-12 已逾期 13 天：请提交 records/finance/2024/2024-02.yml，在 closing 里写上 operating 的月末余额（当月没有收支也要写）  [W-DISCLOSURE-OVERDUE]",
        "records/reviews/2024-Q1.yml:4: error: 审查到 2024-02 的账户（没写 accounts，就审查到那时写过月末余额的每个账户）要有那个月的月末余额，审查意见才有核对过的数字可依：还没有 records/finance/2024/2024-02.yml；请在那个月的 closing 里写上（当月没有收支也要写），或在 accounts 里只写审查过的账户  [E-REVIEW-ACCOUNT]",
    ]


def test_a_review_of_books_with_no_closing_at_all(tree):
    assert lines(tree, {"records/roster/supervisors.yml": SUPERVISORS, R: review()}) == [
        "records/reviews/2024-Q1.yml:4: error: 到 2024-03 为止还没有哪个账户写过月末余额（closing），没有可审查的账目；请核对 through，或先登记那时的账目  [E-REVIEW-ACCOUNT]",
    ]


def test_a_reservation_or_an_adverse_opinion_says_what_was_found(tree):
    assert lines(tree, {**CLOSED, R: review(opinion="qualified")}) == [
        "records/reviews/2024-Q1.yml:6: error: 审查意见是保留意见（opinion: qualified），要在 findings 里写明发现了什么问题、涉及哪些账目，居民才知道保留或否定的是什么；只有无保留意见（clean）可以不写  [E-REVIEW-FINDINGS]",
    ]
    assert [p.code for p in tree({**CLOSED, R: review(opinion="adverse")})] == ["E-REVIEW-FINDINGS"]
    assert lines(tree, {**CLOSED, R: review(opinion="adverse", findings='"  "')}) == [
        "records/reviews/2024-Q1.yml:7: error: findings：这里不能为空；请写上内容，或删掉这一行  [E-VALUE]",
    ]
    assert lines(tree, {**CLOSED, R: review(opinion="unsure")}) == [
        "records/reviews/2024-Q1.yml:6: error: opinion：“unsure” 不是可选值；只能是 clean | qualified | adverse  [E-CHOICE]",
    ]
    assert lines(tree, {**CLOSED, R: "id: x\nby: supervisors\ndate: 2024-04-12\nthrough: 2024-03\nopinion: clean\n"}) == \
        [
        "records/reviews/2024-Q1.yml:1: error: 缺少必填字段 signed  [E-MISSING]",
    ]


def test_documents_exist_under_records(tree):
    assert lines(tree, {**CLOSED, R: review(documents="[files/reviews/2024-Q1.pdf]")}) == [
        "records/reviews/2024-Q1.yml:7: error: 找不到文件 records/files/reviews/2024-Q1.pdf；请先上传这个文件，或改正文件名（大小写也要一致）  [E-FILE]",
    ]
    assert tree({**CLOSED, R: review(documents="[files/reviews/2024-Q1.pdf]"),
                 "records/files/reviews/2024-Q1.pdf": b"%PDF"}) == []


def test_review_ids_are_unique_ignoring_case_and_one_review_is_one_file(tree):
    assert lines(tree, {**CLOSED, R: review(), COPY: review()}) == [
        "records/reviews/copy.yml:1: error: 审查编号 2024-Q1 重复了（records/reviews/2024-Q1.yml:1 已用过）；每个编号只能用一次  [E-DUPLICATE-ID]",
        "records/reviews/copy.yml:1: error: 这份审查和 records/reviews/2024-Q1.yml（2024-Q1）是同一天（2024-04-12）、同一机构、审查到同一个月（2024-03）的同一批账户，像是同一份审查写了两个文件；请删掉多余的一份，或把两份合成一份  [E-REVIEW-REPEAT]",
    ]
    assert lines(tree, {**CLOSED, R: review(), COPY: review(ident="2024-q1", date="2024-04-13")}) == [
        "records/reviews/copy.yml:1: error: 审查编号 2024-q1 和 2024-Q1（records/reviews/2024-Q1.yml:1）只差大小写：网站上每个编号是一个网页，在 Windows 和苹果电脑上这两个网页会变成同一个文件，其中一个会丢失；请改用不同的编号  [E-DUPLICATE-ID]",
    ]
    # done again after a correction: signed on a later day, its own review
    assert tree({**CLOSED, R: review(), COPY: review(ident="2024-Q1b", date="2024-04-20")}) == []
    # the same day, other accounts: two reviews
    assert tree({**CLOSED, R: review(accounts="[operating]"), COPY: review(ident="b", accounts="[revenue]")}) == []


def _commit_on(root, day: str) -> None:
    stamp = f"{day}T12:00:00+08:00"
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "记录"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def test_a_review_signed_after_the_reference_date_is_not_yet_a_review(tmp_path):
    from sunlight_gongshi.validate import validate
    write_tree(tmp_path, {**CLOSED, R: review(date="2024-05-02")})
    _commit_on(tmp_path, "2024-04-30")
    assert [p.text() for p in validate(tmp_path, use_cache=False)[1]] == [
        "records/reviews/2024-Q1.yml:3: error: 签署日期 2024-05-02 在网站的参照日期 2024-04-30（最新一次提交的日期）之后："
        "还没签的审查不能公示；请核对 date，写实际签字的那一天  [E-REVIEW-DATE]"]
