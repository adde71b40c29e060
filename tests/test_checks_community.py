"""Checks of community totals, units and rosters."""

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


def test_committee_term_at_most_five_years(tree):
    problem = at(tree({R: roster("{from: 2021-03-01, to: 2026-03-01}", FIVE)}), R, 3, "E-TERM")
    assert "2026-02-28" in problem.message


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
