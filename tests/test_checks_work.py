"""Checks of requests, the activity log, award payments and covers, each at its exact line."""

from builders import month
from probes import at, codes

R = "records/requests/2024/2024-03.yml"
A = "records/activities/2024/2024-03.yml"
M = "records/finance/2024/2024-03.yml"
ROSTER = "records/roster/branch.yml"
BRANCH = """\
    body: party_branch
    name: 党支部
    term: {from: 2024-01-01, to: 2024-12-31}
    members:
      - {name: 甲, role: chair, pledge: 每月办一件实事, covers: ["1-1", "9-9"]}
      - {name: 乙, role: member}
    """


def requests(*lines: str) -> str:
    return "month: 2024-03\nrequests:\n" + "".join(lines)


def test_a_valid_month_of_requests_has_no_problem(tree):
    assert tree({R: requests("  - {id: r1, received: 2024-03-02, category: 维修, summary: 灯坏了, unit: \"1-1\", "
                             "status: resolved, resolved: 2024-03-04, decision: 2024-001}\n",
                             "  - {id: r2, received: 2024-03-09, category: 绿化, summary: 树, status: open}\n")}) == []


def test_resolved_without_a_day_and_open_with_one(tree):
    problems = tree({R: requests("  - id: r1\n    received: 2024-03-02\n    category: 维修\n    summary: 灯\n"
                                 "    status: resolved\n",
                                 "  - id: r2\n    received: 2024-03-02\n    category: 维修\n    summary: 灯\n"
                                 "    status: open\n    resolved: 2024-03-05\n")})
    assert at(problems, R, 7, "E-REQUEST-RESOLVED").message.startswith("诉求 r1 的状态是 resolved，要写上解决或答复的日期")
    assert "还没办完" in at(problems, R, 13, "E-REQUEST-RESOLVED").message


def test_resolved_before_received_and_received_outside_the_month(tree):
    problems = tree({R: requests("  - id: r1\n    received: 2024-04-02\n    category: 维修\n    summary: 灯\n"
                                 "    status: declined\n    resolved: 2024-03-30\n")})
    assert codes(problems) == [(R, 4, "E-DATE-MONTH"), (R, 8, "E-REQUEST-RESOLVED")]
    assert at(problems, R, 8, "E-REQUEST-RESOLVED").message == "解决日期 2024-03-30 早于收到日期 2024-04-02；请核对"


def test_unknown_unit_entry_and_decision(tree):
    problems = tree({R: requests("  - id: r1\n    received: 2024-03-02\n    category: 维修\n    summary: 灯\n"
                                 "    status: open\n    unit: \"7-7\"\n    entry: 2024-03-999\n    decision: 2099-1\n")})
    assert codes(problems) == [(R, 8, "E-UNKNOWN-UNIT"), (R, 9, "E-ENTRY-REF"), (R, 10, "E-DECISION-REF")]
    assert at(problems, R, 9, "E-ENTRY-REF").message.startswith("找不到流水 2024-03-999")


def test_an_entry_of_another_month_is_found(tree):
    books = month("  - {id: e1, date: 2024-03-05, account: operating, amount: \"-10.00\"}\n", '  operating: "90.00"\n')
    assert tree({M: books, "records/requests/2024/2024-04.yml": "month: 2024-04\nrequests:\n  - {id: r1, received: "
                 "2024-04-01, category: 维修, summary: 灯, status: resolved, resolved: 2024-04-02, entry: e1}\n"}) == []


def test_request_ids_are_unique_across_months(tree):
    later = "records/requests/2024/2024-04.yml"
    problems = tree({R: requests("  - {id: r1, received: 2024-03-02, category: 维修, summary: 灯, status: open}\n"),
                     later: "month: 2024-04\nrequests:\n  - {id: r1, received: 2024-04-02, category: 维修, summary: 门, "
                            "status: open}\n"})
    assert "已用过" in at(problems, later, 3, "E-DUPLICATE-ID").message


def test_month_must_match_the_file_name(tree):
    problems = tree({R: "month: 2024-04\nrequests: []\n"})
    assert codes(problems) == [(R, 1, "E-MONTH-FILE")]


def test_deeds_only_by_serving_office_holders_with_a_pledge(tree):
    problems = tree({ROSTER: BRANCH, A: "month: 2024-03\nactivities:\n"
                     "  - {date: 2024-03-05, kind: deed, by: 甲, note: 修水龙头}\n"
                     "  - {date: 2024-03-06, kind: deed, by: 乙, note: 扫雪}\n"
                     "  - {date: 2024-03-07, kind: deed, by: 王某, note: 帮忙}\n"
                     "  - {date: 2024-04-01, kind: volunteer, by: 志愿队, count: 12}\n"})
    assert codes(problems) == [(A, 4, "E-DEED"), (A, 5, "E-DEED"), (A, 6, "E-DATE-MONTH"), (ROSTER, 5, "E-UNKNOWN-UNIT")]
    assert "乙 在名册里没有写公开承诺（pledge）" in at(problems, A, 4, "E-DEED").message
    assert "王某 在 2024-03-07 不在任何名册里" in at(problems, A, 5, "E-DEED").message
    assert "covers 里有单元 9-9" in at(problems, ROSTER, 5, "E-UNKNOWN-UNIT").message


def test_award_payment_must_go_to_the_years_winner(tree):
    scores = {f"records/scores/2024/2024-{m:02d}.yml": f"month: 2024-{m:02d}\nevents:\n"
              f"  - {{unit: \"1-2\", item: volunteer, date: 2024-{m:02d}-03}}\n" for m in (1, 2)}
    # paid in the next January, once the year is over (1.2)
    paid = month("  - {id: e1, date: 2025-01-05, account: operating, amount: \"-10.00\", award: {year: 2024, unit: \"1-2\"}}\n"
                 "  - {id: e2, date: 2025-01-06, account: operating, amount: \"-10.00\", award: {year: 2024, unit: \"1-3\"}}\n"
                 "  - {id: e3, date: 2025-01-07, account: operating, amount: \"10.00\", award: {year: 2023, unit: \"1-2\"}}\n",
                 '  operating: "90.00"\n', "2025-01")
    M = "records/finance/2025/2025-01.yml"
    problems = tree({**scores, M: paid})
    assert codes(problems) == [(M, 4, "E-AWARD"), (M, 5, "E-AWARD"), (M, 5, "E-AWARD")]
    assert "单元 1-3 没有获得 2024 年度奖励（获奖的是 1-2）" in problems[0].message
    assert {p.message.split("；")[0] for p in problems[1:]} == {
        "流水 e3 写的是发放 2023 年度奖励，金额却不是支出", "2023 年没有评比结果，谈不上年度奖励"}


def test_a_year_award_is_paid_after_its_year_and_once(tree):
    scores = {f"records/scores/2024/2024-{m:02d}.yml": f"month: 2024-{m:02d}\nevents:\n"
              f"  - {{unit: \"1-2\", item: volunteer, date: 2024-{m:02d}-03}}\n" for m in (1, 2)}
    early = month("  - {id: e1, date: 2024-12-31, account: operating, amount: \"-10.00\", award: {year: 2024, unit: \"1-2\"}}\n",
                  '  operating: "90.00"\n', "2024-12")
    december = "records/finance/2024/2024-12.yml"
    problems = tree({**scores, december: early})
    assert [p.text() for p in problems] == [
        f"{december}:3: error: 流水 e1 在 2024-12-31 发放 2024 年度奖励，那时这一年还没有结束：年度奖励按全年的评比结果"
        "（scores/rubric.yml 的 annual_awards）在年底以后才能确定和发放（记录格式 1.2）；请核对 award 的 year 或这笔流水的日期"
        "  [E-AWARD]"]
    january = "records/finance/2025/2025-01.yml"
    twice = month("  - {id: e2, date: 2025-01-05, account: operating, amount: \"-10.00\", award: {year: 2024, unit: \"1-2\"}}\n",
                  '  operating: "90.00"\n', "2025-01")
    problems = tree({**scores, december: month("", '  operating: "100.00"\n  revenue: "0.00"\n', "2024-12"), january: twice,
                     "records/finance/2025/2025-02.yml": month(
                         "  - {id: e3, date: 2025-02-05, account: operating, amount: \"-10.00\", "
                         "award: {year: 2024, unit: \"1-2\"}}\n", '  operating: "80.00"\n', "2025-02")})
    assert [p.text() for p in problems] == [
        f"records/finance/2025/2025-02.yml:3: error: 单元 1-2 的 2024 年度奖励已经由流水 e2（{january}:3）发放过："
        "每个单元每年的奖励只发一次（记录格式 1.2）；第一笔金额不对的，请更正那一笔，不要再记一笔  [E-AWARD-TWICE]"]
