"""Checks of community totals, units and rosters."""

import datetime as dt

from sunlight_gongshi.checks.common import add_months, add_years
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


def test_add_months_ends_on_the_last_day_of_a_shorter_month():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2024, 3, 31), 1) == dt.date(2024, 4, 30)
    assert add_months(dt.date(2024, 11, 15), 2) == dt.date(2025, 1, 15)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)
    assert add_years(dt.date(9998, 1, 1), 5) == dt.date.max


def test_a_term_near_the_end_of_the_calendar_is_checked_without_failing(tree):
    assert not [p for p in tree({R: roster("{from: 9998-01-01, to: 9999-12-31}", FIVE)}) if p.code == "E-TERM"]


def test_member_dates_inside_the_term(tree):
    members = FIVE + "  - {name: 己, role: member, from: 2023-12-01}\n  - {name: 庚, role: member}\n"
    at(tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members)}), R, 10, "E-DATES")


def test_committee_size_checked_on_every_day_of_the_term(tree):
    members = FIVE.replace("委员4, role: member}", "委员4, role: member, to: 2025-05-01}")
    problem = at(tree({R: roster("{from: 2024-01-01, to: 2026-12-31}", members)}), R, 9, "E-COMMITTEE-SIZE")
    assert "2025-05-02" in problem.message and "4 人" in problem.message


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
