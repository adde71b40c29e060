"""Checks of meetings: named attendees, outcomes, minutes, notice periods and the committee's quorum."""

from probes import at

MT = "records/meetings/2024-M01.yml"
D = "records/decisions/2024-001.yml"   # base: a committee decision of 2024-02-01


def meeting(body: str = "committee", date: str = "2024-02-01", notice: str | None = "2024-01-20",
            attendees: str = "[甲, 乙, 丙]", extra: str = "", ident: str = "2024-M01") -> str:
    text = f"id: {ident}\ntitle: 会议\ndate: {date}\nbody: {body}\n"
    if notice:
        text += f"notice: {notice}\n"
    return text + f"attendees: {attendees}\n" + extra


def test_a_lawful_committee_meeting_with_its_decision_is_valid(tree):
    # 2024-001 counts 3 + 1 + 1 = 5 votes: all five members were there (1.2: no proxies)
    assert tree({MT: meeting(attendees="[甲, 乙, 丙, 丁, 戊]", extra="others: 12\noutcomes: [2024-001]\n")}) == []


def test_meeting_ids_are_unique(tree):
    problems = tree({MT: meeting(), "records/meetings/2024-M02.yml": meeting()})
    assert MT in at(problems, "records/meetings/2024-M02.yml", 1, "E-DUPLICATE-ID").message


def test_an_attendee_must_serve_in_some_roster_on_the_day(tree):
    problem = at(tree({MT: meeting(attendees="[甲, 乙, 丙, 王大妈]")}), MT, 6, "E-ATTENDEE")
    assert "王大妈" in problem.message and "others" in problem.message
    heads = "body: unit_heads\nname: 楼栋长\nterm: {from: 2024-01-01, to: 2026-12-31}\nmembers:\n  - {name: 王大妈, role: head}\n"
    assert tree({MT: meeting(attendees="[甲, 乙, 丙, 王大妈]"), "records/roster/heads.yml": heads}) == []
    left = "body: unit_heads\nname: 楼栋长\nterm: {from: 2024-01-01, to: 2026-12-31}\nmembers:\n" \
           "  - {name: 王大妈, role: head, to: 2024-01-31}\n"
    at(tree({MT: meeting(attendees="[甲, 乙, 丙, 王大妈]"), "records/roster/heads.yml": left}), MT, 6, "E-ATTENDEE")


def test_outcomes_are_existing_decisions_of_that_day_and_body(tree):
    missing = at(tree({MT: meeting(extra="outcomes: [2024-404]\n")}), MT, 7, "E-OUTCOME")
    assert "找不到决议 2024-404" in missing.message
    other_day = at(tree({MT: meeting(date="2024-02-02", extra="outcomes: [2024-001]\n")}), MT, 7, "E-OUTCOME")
    assert "2024-02-01" in other_day.message and "2024-02-02" in other_day.message
    other_body = at(tree({MT: meeting(body="council", extra="outcomes: [2024-001]\n")}), MT, 7, "E-OUTCOME")
    assert "committee" in other_body.message and "council" in other_body.message
    no_decisions = at(tree({MT: meeting(body="scoring_panel", extra="outcomes: [2024-001]\n")}), MT, 7, "E-OUTCOME")
    assert "不作决议" in no_decisions.message


def test_a_decision_is_the_outcome_of_one_meeting_only(tree):
    second = "records/meetings/2024-M02.yml"
    problems = tree({MT: meeting(extra="outcomes: [2024-001]\n"),
                     second: meeting(ident="2024-M02", extra="outcomes: [2024-001]\n")})
    assert "2024-M01" in at(problems, second, 7, "E-OUTCOME").message


def test_minutes_must_exist(tree):
    problem = at(tree({MT: meeting(extra="minutes: files/2024-M01.pdf\n")}), MT, 7, "E-FILE")
    assert "records/files/2024-M01.pdf" in problem.message
    assert tree({MT: meeting(extra="minutes: files/2024-M01.pdf\n"), "records/files/2024-M01.pdf": b"%PDF"}) == []


def test_an_owners_assembly_needs_its_notice_in_time(tree):
    late = at(tree({MT: meeting(body="owners_assembly", notice="2024-01-20")}), MT, 5, "E-NOTICE")
    assert "只提前了 12 天" in late.message and "至少提前 15 天" in late.message
    assert tree({MT: meeting(body="owners_assembly", notice="2024-01-17")}) == []   # exactly 15 days before
    assert "要写 notice" in at(tree({MT: meeting(body="owners_assembly", notice=None)}), MT, 1, "E-NOTICE").message


def test_a_committee_agenda_posted_late_is_a_warning(tree):
    problem = at(tree({MT: meeting(notice="2024-01-30")}), MT, 5, "W-NOTICE-LATE")
    assert "只提前了 2 天" in problem.message
    assert tree({MT: meeting(notice="2024-01-25")}) == []       # 7 days before
    assert tree({MT: meeting(notice=None)}) == []               # a committee meeting's notice is optional
    policy = 'name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\npolicy: {committee_notice_days: 2}\n'
    assert tree({MT: meeting(notice="2024-01-30"), "records/community.yml": policy}) == []


def test_a_notice_after_the_meeting_is_an_error(tree):
    assert "晚于会议日期" in at(tree({MT: meeting(body="council", notice="2024-02-03")}), MT, 5, "E-NOTICE").message


def test_a_committee_meeting_without_quorum_is_an_error_when_it_decided(tree):
    # five serving members: two of them present is not more than half
    problem = at(tree({MT: meeting(attendees="[甲, 乙]", extra="outcomes: [2024-001]\n")}), MT, 7, "E-QUORUM")
    assert "在任委员 5 人，到会 2 人" in problem.message
    assert "到会 2 人" in at(tree({MT: meeting(attendees="[甲, 乙]")}), MT, 6, "W-QUORUM").message
    heads = "body: unit_heads\nname: 楼栋长\nterm: {from: 2024-01-01, to: 2026-12-31}\nmembers:\n  - {name: 王大妈, role: head}\n"
    problems = tree({MT: meeting(attendees="[甲, 乙, 王大妈]"), "records/roster/heads.yml": heads})
    at(problems, MT, 6, "W-QUORUM")   # other office holders do not count toward the committee's quorum


def test_other_bodies_need_no_committee_quorum(tree):
    assert tree({MT: meeting(body="council", attendees="[甲]")}) == []


def test_attendees_are_matched_by_their_names_as_they_read(tree):
    # 甲 typed with an ideographic space after it is 甲.
    assert tree({MT: meeting(attendees="[\"甲\u3000\", 乙, 丙, 丁, 戊]", extra="outcomes: [2024-001]\n")}) == []
    # The same person written twice is one person towards the quorum.
    at(tree({MT: meeting(attendees="[甲, 乙, \"乙 \"]", extra="outcomes: [2024-001]\n")}), MT, 7, "E-QUORUM")


def test_meeting_ids_that_differ_only_in_case_would_be_one_page(tree):
    problems = tree({MT: meeting(ident="2024-m01"), "records/meetings/2024-M01b.yml": meeting(ident="2024-M01")})
    assert [p.text() for p in problems] == [
        f"records/meetings/2024-M01b.yml:1: error: 会议编号 2024-M01 和 2024-m01（{MT}:1）只差大小写：网站上每个编号是一个网页，"
        "在 Windows 和苹果电脑上这两个网页会变成同一个文件，其中一个会丢失；请改用不同的编号  [E-DUPLICATE-ID]"]


def test_content_pages_whose_names_differ_only_in_case_would_be_one_page(tree):
    problems = tree({"content/notices/Repair.md": "# 维修通知\n", "content/notices/repair.md": "# 维修\n"})
    assert [p.text() for p in problems] == [
        "content/notices/repair.md:1: error: 页面 content/notices/repair.md 和 content/notices/Repair.md 的文件名只差大小写："
        "网站上每个文件是一个网页，在 Windows 和苹果电脑上这两个网页会变成同一个文件，其中一个会丢失；请给其中一个改名"
        "  [E-DUPLICATE-ID]"]
