"""Checks of community totals, units and rosters."""

import datetime as dt

from sunlight_gongshi.checks.common import add_years
from probes import at

R = "records/roster/committee.yml"


def roster(term: str, members: str, body: str = "committee") -> str:
    return f"body: {body}\nname: 届\nterm: {term}\nmembers:\n{members}"


FIVE = "".join(f"  - {{name: 委员{i}, role: member}}\n" for i in range(5))


def test_base_tree_is_valid(tree):
    assert tree() == []


def test_units_must_add_up_to_the_community(tree):
    problems = tree({"records/community.yml": 'name: x\nhouseholds: 11\narea_m2: "1000.01"\n'})
    messages = sorted(p.message for p in problems if p.code == "E-UNITS-TOTAL")
    assert [(p.path, p.line) for p in problems] == [("records/units.yml", 1)] * 2
    assert "合计 10 户" in messages[1] and "11 户" in messages[1] and "相差 -1" in messages[1]
    assert "合计 1000.00 平方米" in messages[0] and "相差 -0.01" in messages[0]


def test_duplicate_unit_id(tree):
    problems = tree({"records/units.yml": 'units:\n  - {id: "1-1", name: a, households: 6, area_m2: "600.00"}\n'
                                          '  - {id: "1-1", name: b, households: 4, area_m2: "400.00"}\n'})
    assert "records/units.yml:2" in at(problems, "records/units.yml", 3, "E-DUPLICATE-ID").message


def test_committee_term_at_most_five_years_counted_as_the_civil_code_counts(tree):
    # Arts. 201-202: the first day is not counted, so five years from 2021-03-01 end on 2026-03-01.
    assert not [p for p in tree({R: roster("{from: 2021-03-01, to: 2026-03-01}", FIVE)}) if p.code == "E-TERM"]
    problem = at(tree({R: roster("{from: 2021-03-01, to: 2026-03-02}", FIVE)}), R, 3, "E-TERM")
    assert "最晚到 2026-03-01" in problem.message


def test_a_term_from_29_february_ends_on_the_last_day_of_february(tree):
    assert not [p for p in tree({R: roster("{from: 2024-02-29, to: 2029-02-28}", FIVE)}) if p.code == "E-TERM"]
    assert "最晚到 2029-02-28" in at(tree({R: roster("{from: 2024-02-29, to: 2029-03-01}", FIVE)}),
                                   R, 3, "E-TERM").message


def test_add_years_ends_on_the_same_day_or_at_the_end_of_the_calendar():
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(9998, 1, 1), 5) == dt.date.max


def test_a_term_near_the_end_of_the_calendar_is_checked_without_failing(tree):
    assert not [p for p in tree({R: roster("{from: 9998-01-01, to: 9999-12-31}", FIVE)}) if p.code == "E-TERM"]


def test_member_dates_inside_the_term(tree):
    members = FIVE + "  - {name: 己, role: member, from: 2023-12-01}\n  - {name: 庚, role: member}\n"
    at(tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members)}), R, 10, "E-DATES")


def later(day: str) -> dict:
    """A decision dated `day`: outside git the reference date is the newest date in the records."""
    return {"records/decisions/2099-001.yml": f"id: 2099-001\ntitle: 后来的事\ndate: {day}\nbody: committee\n"
                                              "matter: ordinary\nstatus: proposed\n"}


def test_a_member_leaving_mid_term_is_a_vacancy_up_to_the_reference_date(tree):
    members = FIVE.replace("委员4, role: member}", "委员4, role: member, to: 2025-05-01}")
    problems = tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members), **later("2025-06-30")})
    assert [p.code for p in problems] == ["W-COMMITTEE-VACANCY"]
    message = at(problems, R, 9, "W-COMMITTEE-VACANCY").message
    assert "2025-05-02 起" in message and "缺额 1 人" in message and "已空缺 60 天" in message   # May 2 – June 30


def test_a_vacancy_filled_by_a_by_election_has_its_length(tree):
    members = (FIVE.replace("委员4, role: member}", "委员4, role: member, to: 2025-05-01}")
               + "  - {name: 己, role: member, from: 2025-07-01}\n")
    problems = tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members), **later("2025-12-31")})
    message = at(problems, R, 9, "W-COMMITTEE-VACANCY").message
    assert "到 2025-07-01 补齐，空缺了 60 天" in message and len(problems) == 1


def test_a_vacancy_not_yet_begun_on_the_reference_date_is_not_reported(tree):
    members = FIVE.replace("委员4, role: member}", "委员4, role: member, to: 2025-05-01}")
    assert tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members), **later("2025-05-01")}) == []


def test_half_or_fewer_of_the_first_day_needs_a_re_election(tree):
    members = FIVE.replace("委员2, role: member}", "委员2, role: member, to: 2024-06-30}").replace(
        "委员3, role: member}", "委员3, role: member, to: 2024-08-31}").replace(
        "委员4, role: member}", "委员4, role: member, to: 2024-08-31}")
    problems = tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members), **later("2024-10-10")})
    assert "2024-09-01 起在任委员只剩 2 人" in at(problems, R, 8, "E-COMMITTEE-HALF").message
    vacancy = at(problems, R, 7, "W-COMMITTEE-VACANCY").message
    assert "2024-07-01 起" in vacancy and "最多时缺额 3 人" in vacancy and "已空缺 102 天" in vacancy


def test_a_member_joining_past_the_size_is_an_error_at_the_join(tree):
    even = FIVE + "  - {name: 己, role: member, from: 2025-03-01}\n"
    at(tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", even)}), R, 10, "E-COMMITTEE-SIZE")
    seven = FIVE + "  - {name: 己, role: member}\n  - {name: 庚, role: member}\n"
    over = seven + "  - {name: 辛, role: member, from: 2025-03-01}\n  - {name: 壬, role: member, from: 2025-03-01}\n"
    policy = 'name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\npolicy:\n  committee_size: {min: 5, max: 7, odd: false}\n'
    problems = tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", over), "records/community.yml": policy})
    assert "超过上限 7 人" in at(problems, R, 13, "E-COMMITTEE-SIZE").message


def test_a_swap_on_one_day_is_neither_a_vacancy_nor_a_join_out_of_size(tree):
    members = (FIVE.replace("委员4, role: member}", "委员4, role: member, to: 2025-05-01}")
               + "  - {name: 己, role: member, from: 2025-05-02}\n")
    assert tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members), **later("2025-12-31")}) == []


def test_a_term_ending_soon_with_no_next_term_is_a_warning(tree):
    ending = roster("{from: 2024-01-01, to: 2024-04-30}", FIVE)
    message = at(tree({R: ending}), R, 3, "W-TERM-ENDING").message
    assert "2024-04-30 届满" in message and "还有 89 天" in message   # the reference date is 2024-02-01
    assert tree({R: roster("{from: 2024-01-01, to: 2024-05-02}", FIVE)}) == []   # 91 days ahead: not yet
    next_term = roster("{from: 2024-05-01, to: 2029-04-30}", FIVE)
    assert tree({R: ending, "records/roster/next.yml": next_term}) == []


def test_a_term_that_has_ended_with_no_next_term_is_a_warning(tree):
    message = at(tree({R: roster("{from: 2023-01-01, to: 2023-12-31}", FIVE)}), R, 3, "W-TERM-ENDING").message
    assert "已于 2023-12-31 届满" in message and "已过 32 天" in message


def test_an_even_committee_is_refused(tree):
    members = FIVE + "  - {name: 己, role: member}\n"
    at(tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members)}), R, 4, "E-COMMITTEE-SIZE")


def test_same_name_twice_at_once(tree):
    members = FIVE.replace("委员4", "委员3")
    problems = tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members)})
    at(problems, R, 9, "E-DOUBLE-SERVICE")


def test_terms_of_the_same_body_do_not_overlap(tree):
    problem = at(tree({"records/roster/second.yml": roster("{from: 2026-06-01, to: 2030-12-31}", FIVE)}),
                 "records/roster/second.yml", 3, "E-TERM-OVERLAP")
    assert "records/roster/committee.yml" in problem.message


def test_member_unit_must_exist(tree):
    members = FIVE.replace("委员0, role: member}", '委员0, role: member, unit: "9-9"}')
    at(tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members)}), R, 5, "E-UNKNOWN-UNIT")


def test_missing_required_files(tree):
    problems = tree({"records/community.yml": None, "records/finance/accounts.yml": None,
                     "records/finance/2024/2024-03.yml": "month: 2024-03\n"})
    at(problems, "records/community.yml", 1, "E-MISSING-FILE")
    at(problems, "records/finance/accounts.yml", 1, "E-MISSING-FILE")


def test_a_name_written_in_another_width_is_the_same_person(tree):
    members = FIVE + "  - {name: 委员０, role: secretary}\n"   # full-width 0: the same name as 委员0
    problem = at(tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members)}), R, 10, "E-DOUBLE-SERVICE")
    assert "委员０" in problem.message


def test_unit_ids_that_differ_only_in_case(tree):
    units = ('units:\n  - {id: a1, name: 1单元, households: 6, area_m2: "600.00"}\n'
             '  - {id: A1, name: 2单元, households: 4, area_m2: "400.00"}\n')
    at(tree({"records/units.yml": units}), "records/units.yml", 3, "E-DUPLICATE-ID")


def test_a_deed_by_a_name_written_in_another_width_is_the_office_holder_s(tree):
    members = FIVE.replace("{name: 委员0, role: member}", "{name: 委员0, role: member, pledge: 每月办一件实事}")
    log = "records/activities/2024/2024-03.yml"
    deed = "month: 2024-03\nactivities:\n  - {date: 2024-03-08, kind: deed, by: 委员０, note: 修水龙头}\n"
    problems = tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members), log: deed})
    assert not [p for p in problems if p.code == "E-DEED"], [p.text() for p in problems]
    at(tree({log: deed.replace("委员０", "委员9")}), log, 3, "E-DEED")
