"""Checks of decisions: votes under Civil Code art. 278, committee majorities, references."""

from probes import at

D = "records/decisions/2024-002.yml"
HEAD = "id: 2024-002\ntitle: 表决\ndate: 2024-03-01\n"


def owners(matter: str, status: str, part: str, yes: str) -> str:
    return (HEAD + f"body: owners_assembly\nmatter: {matter}\nstatus: {status}\n"
            f"vote:\n  participated: {part}\n  approved: {yes}\nannounced: 2024-02-01\n")


def test_ordinary_vote_missing_area_participation_names_the_threshold(tree):
    # households 7/10 >= 2/3 but area 600/1000 < 2/3
    problem = at(tree({D: owners("ordinary", "decided", '{households: 7, area_m2: "600.00"}',
                                 '{households: 6, area_m2: "500.00"}')}), D, 6, "E-VOTE-FAILED")
    assert "参与表决的专有面积 600.00/1000.00（60.00%），需要至少 2/3（66.67%）" in problem.message
    assert "户数" not in problem.message.split("参与表决的专有面积")[0].replace("表决未通过（", "")


def test_exactly_two_thirds_participation_and_just_over_half_approval_passes(tree):
    nine = {"records/community.yml": 'name: x\nhouseholds: 9\narea_m2: "999.00"\n',
            "records/units.yml": 'units:\n  - {id: a, name: a, households: 9, area_m2: "999.00"}\n',
            "records/scores/rubric.yml": None}
    assert tree({**nine, D: owners("ordinary", "decided", '{households: 6, area_m2: "666.00"}',
                                   '{households: 4, area_m2: "333.01"}')}) == []
    problem = at(tree({**nine, D: owners("ordinary", "decided", '{households: 6, area_m2: "665.99"}',
                                         '{households: 4, area_m2: "333.01"}')}), D, 6, "E-VOTE-FAILED")
    assert "665.99/999.00（66.67%），需要至少 2/3（66.67%）" in problem.message


def test_exactly_half_approval_fails_because_it_must_be_more_than_half(tree):
    problem = at(tree({D: owners("ordinary", "decided", '{households: 8, area_m2: "800.00"}',
                                 '{households: 4, area_m2: "500.00"}')}), D, 6, "E-VOTE-FAILED")
    assert "同意的户数占参与户数 4/8（50.00%），需要超过 1/2" in problem.message


def test_major_matter_needs_three_quarters(tree):
    vote = ('{households: 8, area_m2: "800.00"}', '{households: 6, area_m2: "590.00"}')
    problem = at(tree({D: owners("major", "decided", *vote)}), D, 6, "E-VOTE-FAILED")
    assert "同意的面积占参与面积 590.00/800.00（73.75%），需要至少 3/4（75.00%）" in problem.message
    assert tree({D: owners("major", "rejected", *vote)}) == []


def test_rejected_although_the_vote_passed(tree):
    at(tree({D: owners("ordinary", "rejected", '{households: 8, area_m2: "800.00"}',
                       '{households: 8, area_m2: "800.00"}')}), D, 6, "E-VOTE-PASSED")


def test_committee_majority_counts_all_serving_members(tree):
    text = HEAD + "body: committee\nmatter: ordinary\nstatus: done\nvote: {members: 5, for: 2, against: 0, abstain: 1}\n"
    problem = at(tree({D: text}), D, 6, "E-VOTE-FAILED")
    assert "赞成票占全体委员 2/5（40.00%），需要至少 1/2（50.00%）" in problem.message


def test_committee_members_must_match_the_roster(tree):
    text = HEAD + "body: committee\nmatter: ordinary\nstatus: done\nvote: {members: 3, for: 2, against: 1, abstain: 0}\n"
    problem = at(tree({D: text}), D, 7, "E-VOTE-MEMBERS")
    assert "在任委员 5 人" in problem.message


def test_tally_cannot_exceed_members_or_participants(tree):
    text = HEAD + "body: committee\nmatter: ordinary\nstatus: done\nvote: {members: 5, for: 4, against: 1, abstain: 1}\n"
    at(tree({D: text}), D, 7, "E-VOTE-COUNT")
    problems = tree({D: owners("ordinary", "decided", '{households: 8, area_m2: "800.00"}',
                               '{households: 9, area_m2: "800.00"}')})
    at(problems, D, 9, "E-VOTE-COUNT")


def test_vote_shape_must_fit_the_body(tree):
    text = HEAD + "body: owners_assembly\nmatter: ordinary\nstatus: done\nvote: {members: 5, for: 4}\n"
    at(tree({D: text}), D, 7, "E-VOTE-SHAPE")


def test_stages_in_date_order_and_documents_exist(tree):
    text = HEAD + ("body: council\nmatter: ordinary\nstatus: decided\nstages:\n"
                   "  - {stage: 提议, date: 2024-02-10}\n  - {stage: 商议, date: 2024-02-01}\n"
                   "documents: [files/minutes.pdf, ../secret.txt, /etc/passwd]\n")
    problems = tree({D: text})
    at(problems, D, 9, "E-STAGE-ORDER")
    assert [p.code for p in problems if p.line == 10] == ["E-FILE"] * 3


def test_duplicate_decision_id_across_files(tree):
    text = HEAD.replace("2024-002", "2024-001") + "body: council\nmatter: ordinary\nstatus: decided\n"
    at(tree({D: text}), D, 1, "E-DUPLICATE-ID")


def test_published_before_the_decision_is_an_error(tree):
    decided = HEAD + "body: committee\nmatter: ordinary\nstatus: decided\npublished: 2024-02-29\n"
    problem = at(tree({D: decided}), D, 7, "E-PUBLISHED-EARLY")
    assert "2024-02-29" in problem.message and "2024-03-01" in problem.message


def test_published_later_than_the_policy_is_a_warning_with_the_days(tree):
    decided = HEAD + "body: council\nmatter: ordinary\nstatus: decided\npublished: 2024-03-05\n"
    problem = at(tree({D: decided}), D, 7, "W-PUBLISHED-LATE")
    assert "用了 4 天" in problem.message and "3 天内" in problem.message
    assert tree({D: decided.replace("2024-03-05", "2024-03-04")}) == []   # 3 days: in time
    policy = 'name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\npolicy: {publish_within_days: 5}\n'
    assert tree({D: decided, "records/community.yml": policy}) == []


def test_a_proposal_posted_late_is_not_a_late_decision(tree):
    proposed = HEAD + "body: council\nmatter: ordinary\nstatus: proposed\npublished: 2024-03-20\n"
    assert tree({D: proposed}) == []


def test_no_vote_share_exceeds_the_community(tree):
    # community.yml: 10 households, 1000.00 m²; without `eligible` the community is the whole.
    problem = at(tree({D: owners("ordinary", "decided", '{households: 11, area_m2: "900.00"}',
                                 '{households: 9, area_m2: "800.00"}')}), D, 8, "E-VOTE-COUNT")
    assert "11 户" in problem.message and "全小区" in problem.message
    text = (HEAD + "body: owners_assembly\nmatter: ordinary\nstatus: decided\nvote:\n"
            '  eligible: {households: 10, area_m2: "1000.01"}\n  participated: {households: 9, area_m2: "900.00"}\n'
            '  approved: {households: 8, area_m2: "800.00"}\n')
    assert "1000.01" in at(tree({D: text}), D, 8, "E-VOTE-COUNT").message
    within = text.replace('"1000.01"', '"1000.00"')
    assert [p for p in tree({D: within}) if p.code == "E-VOTE-COUNT"] == []


def test_decision_ids_that_differ_only_in_case_would_be_one_page(tree):
    other = HEAD.replace("2024-002", "2024-A") + "body: committee\nmatter: ordinary\nstatus: proposed\n"
    problems = tree({D: other, "records/decisions/2024-003.yml": other.replace("2024-A", "2024-a")})
    assert "2024-A" in at(problems, "records/decisions/2024-003.yml", 1, "E-DUPLICATE-ID").message


def test_fewer_eligible_owners_than_the_community_is_a_warning(tree):
    text = (HEAD + "body: owners_assembly\nmatter: ordinary\nstatus: decided\nvote:\n"
            '  eligible: {households: 2, area_m2: "200.00"}\n  participated: {households: 2, area_m2: "200.00"}\n'
            '  approved: {households: 2, area_m2: "200.00"}\n')
    problem = at(tree({D: text}), D, 8, "W-VOTE-ELIGIBLE")
    assert problem.level == "warning" and "2 户" in problem.message and "10 户" in problem.message


def test_a_committee_vote_on_a_day_no_committee_served_is_a_warning(tree, tmp_path):
    text = HEAD.replace("2024-03-01", "2023-06-01") + "body: committee\nmatter: ordinary\nstatus: decided\nvote: {members: 5, for: 3}\n"
    assert at(tree({D: text}), D, 3, "W-NO-COMMITTEE").level == "warning"
    (tmp_path / "records/roster/committee.yml").unlink()   # no roster at all: nothing to compare with
    assert not [p for p in tree({D: text, "records/roster/committee.yml": None}) if p.code == "W-NO-COMMITTEE"]


# --- format 1.2: the corrected law ------------------------------------------------------

SIX = {"records/community.yml": 'name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\n'
                                "policy: {committee_size: {odd: false}}\n",
       "records/roster/committee.yml": "body: committee\nname: 第一届业主委员会\nterm: {from: 2024-01-01, to: 2026-12-31}\n"
                                       "members:\n" + "".join(f"  - {{name: 委员{i}, role: member}}\n" for i in range(6)),
       "records/decisions/2024-001.yml": None}


def committee_vote(yes: int, members: int = 6, status: str = "decided") -> str:
    return HEAD + f"body: committee\nmatter: ordinary\nstatus: {status}\nvote: {{members: {members}, for: {yes}}}\n"


def test_a_committee_decision_passes_with_half_of_all_members(tree):
    """指导规则 art. 38: 半数以上, and 以上 includes the number (Civil Code art. 1259): 3 of 6 passes."""
    assert tree({**SIX, D: committee_vote(3)}) == []
    problems = tree({**SIX, D: committee_vote(2)})
    assert [p.text() for p in problems] == [
        f"{D}:6: error: 表决未通过（赞成票占全体委员 2/6（33.33%），需要至少 1/2（50.00%）；"
        "《业主大会和业主委员会指导规则》第三十八条：全体委员半数以上同意），状态却是 decided；"
        "未通过的事项状态应写 rejected  [E-VOTE-FAILED]"]


def test_a_community_whose_rules_say_more_than_half_sets_committee_majority(tree):
    strict = SIX["records/community.yml"].replace("policy: {", "policy: {committee_majority: more_than_half, ")
    problems = tree({**SIX, "records/community.yml": strict, D: committee_vote(3)})
    assert [p.text() for p in problems] == [
        f"{D}:6: error: 表决未通过（赞成票占全体委员 3/6（50.00%），需要超过 1/2（50.00%）；"
        "本小区议事规则：过半数（policy.committee_majority）），状态却是 decided；"
        "未通过的事项状态应写 rejected  [E-VOTE-FAILED]"]
    assert tree({**SIX, "records/community.yml": strict, D: committee_vote(4)}) == []
    wrong = SIX["records/community.yml"].replace("policy: {", "policy: {committee_majority: half, ")
    assert [p.code for p in tree({**SIX, "records/community.yml": wrong})] == ["E-CHOICE"]


def test_a_council_still_needs_more_than_half(tree):
    council = committee_vote(3).replace("body: committee", "body: council")
    assert "需要超过 1/2" in at(tree({**SIX, D: council}), D, 6, "E-VOTE-FAILED").message


def test_only_the_owners_decide_a_major_matter(tree):
    for body, words in (("committee", "业主委员会"), ("council", "居民议事会"), ("joint_meeting", "联席会议")):
        text = HEAD + f"body: {body}\nmatter: major\nstatus: decided\nvote: {{members: 5, for: 5}}\n"
        problems = tree({D: text})
        assert [p.text() for p in problems] == [
            f"{D}:5: error: 重大事项（筹集维修资金，改建、重建建筑物，改变共有部分的用途或者利用共有部分从事经营活动）"
            "由业主共同决定，须经参与表决的业主四分之三以上同意（《民法典》第二百七十八条第一款第六至八项、第二款），"
            f"{words}不能决定：请把 body 改为 owners_assembly 并写上业主大会的表决结果；不是这类事项的，"
            "把 matter 改为 ordinary  [E-MATTER-BODY]"], body


MEETING = "records/meetings/2024-M03.yml"


def test_committee_votes_cannot_exceed_the_members_present(tree):
    """No proxies (指导规则 art. 38): a vote at a meeting counts only the committee members there."""
    text = HEAD + "body: committee\nmatter: ordinary\nstatus: decided\nvote: {members: 5, for: 3, against: 1, abstain: 1}\n"
    meeting = ("id: 2024-M03\ntitle: 会议\ndate: 2024-03-01\nbody: committee\n"
               "attendees: [甲, 乙, 丙, 丁]\noutcomes: [2024-002]\n")
    problems = tree({D: text, MEETING: meeting})
    assert [p.text() for p in problems] == [
        f"{D}:7: error: 赞成 3 + 反对 1 + 弃权 1 = 5 票，多于会议 2024-M03（{MEETING}）到会的业委会委员 4 人："
        "业委会委员不能委托他人参加会议和表决（《业主大会和业主委员会指导规则》第三十八条），票数不能超过到会的委员；"
        "请核对票数，或核对那次会议的 attendees  [E-VOTE-PRESENT]"]
    assert tree({D: text.replace("abstain: 1", "abstain: 0"), MEETING: meeting}) == []
    # an office holder of another body at the meeting is no committee member
    heads = "body: unit_heads\nname: 楼栋长\nterm: {from: 2024-01-01, to: 2026-12-31}\nmembers:\n  - {name: 王大妈, role: head}\n"
    problems = tree({D: text, MEETING: meeting.replace("丁]", "王大妈]"), "records/roster/heads.yml": heads})
    assert "到会的业委会委员 3 人" in at(problems, D, 7, "E-VOTE-PRESENT").message
    # block style: the line of `vote:`
    block = HEAD + "body: committee\nmatter: ordinary\nstatus: decided\nvote:\n  members: 5\n  for: 5\n"
    at(tree({D: block, MEETING: meeting}), D, 7, "E-VOTE-PRESENT")


ASSEMBLY = HEAD + ("body: owners_assembly\nmatter: ordinary\nstatus: decided\n"
                   'vote:\n  participated: {households: 8, area_m2: "800.00"}\n  approved: {households: 8, area_m2: "800.00"}\n')


def test_an_owners_assembly_decision_is_announced_in_time(tree):
    assert tree({D: ASSEMBLY + "announced: 2024-02-15\n"}) == []           # 15 days before 2024-03-01
    problems = tree({D: ASSEMBLY + "announced: 2024-02-16\n"})
    assert [p.text() for p in problems] == [
        f"{D}:10: error: 业主大会 2024-03-01 作出决定，2024-02-16 才公告，只提前了 14 天；业主大会（包括书面征求意见）"
        "应当提前 15 天通知全体业主（policy.assembly_notice_days；《物业管理条例》第十四条：15 日以前），"
        "通知不足的决定，业主可以请求人民法院撤销（《民法典》第二百八十条）  [E-ANNOUNCED]"]
    after = tree({D: ASSEMBLY + "announced: 2024-03-02\n"})
    assert [p.text() for p in after] == [
        f"{D}:10: error: 公告日期 2024-03-02 晚于决议日期 2024-03-01；先公告，后表决：请核对这两个日期  [E-ANNOUNCED]"]


def test_an_owners_assembly_decision_without_a_notice_on_record_is_a_warning(tree, tmp_path):
    problems = tree({D: ASSEMBLY})
    assert [p.text() for p in problems] == [
        f"{D}:4: warning: 这项业主大会的决定没有登记通知全体业主的日期：它不是 meetings/ 里哪次业主大会会议的结果"
        "（outcomes），也没有写 announced。业主大会（包括书面征求意见）应当提前 15 天通知全体业主"
        "（《物业管理条例》第十四条，policy.assembly_notice_days）；请写上 announced: 公告日期。"
        "决议页会写明通知情况不在记录中  [W-NOT-ANNOUNCED]"]
    # the outcome of an owners' assembly meeting: its notice is checked there
    meeting = ("id: 2024-M03\ntitle: 业主大会\ndate: 2024-03-01\nbody: owners_assembly\nnotice: 2024-02-10\n"
               "attendees: [甲]\noutcomes: [2024-002]\n")
    assert tree({D: ASSEMBLY, MEETING: meeting}) == []
    late = at(tree({D: ASSEMBLY, MEETING: meeting.replace("2024-02-10", "2024-02-20")}), MEETING, 5, "E-NOTICE")
    assert "只提前了 10 天" in late.message
    # a proposal not yet put to the owners has no notice to check
    (tmp_path / MEETING).unlink()
    assert tree({D: ASSEMBLY.replace("status: decided", "status: proposed").split("vote:")[0]}) == []
    # the policy's number of days counts
    policy = 'name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\npolicy: {assembly_notice_days: 20}\n'
    assert "应当提前 20 天" in at(tree({D: ASSEMBLY + "announced: 2024-02-15\n", "records/community.yml": policy}),
                                D, 10, "E-ANNOUNCED").message
