"""Checks of decisions: votes under Civil Code art. 278, committee majorities, references."""

from probes import at

D = "records/decisions/2024-002.yml"
HEAD = "id: 2024-002\ntitle: 表决\ndate: 2024-03-01\n"


def owners(matter: str, status: str, part: str, yes: str) -> str:
    return (HEAD + f"body: owners_assembly\nmatter: {matter}\nstatus: {status}\n"
            f"vote:\n  participated: {part}\n  approved: {yes}\n")


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
    assert "赞成票占全体委员 2/5（40.00%），需要超过 1/2" in problem.message


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
