"""The repository's own demo community: valid, complete, and its golden figures."""

from decimal import Decimal

import pytest

from sunlight_gongshi.compute.balances import balances, month_rows
from sunlight_gongshi.compute.rankings import rankings
from sunlight_gongshi.validate import validate
from builders import REPO, copy_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo validated outside git, so that its reference date is its newest record's, not
    the date of whatever commit the repository is at."""
    records, problems = validate(copy_demo(tmp_path_factory.mktemp("demo")), use_cache=False)
    return records, problems


def test_demo_validates_with_only_the_warnings_it_shows_on_purpose(demo):
    assert [(p.path, p.line, p.code) for p in demo[1]] == [
        ("records/decisions/2025-007.yml", 12, "W-PUBLISHED-LATE"),       # posted 7 days after, 3 allowed
        ("records/finance/2026/2026-10.yml", 53, "W-FUND-EMERGENCY"),     # an emergency repair from the fund
        ("records/roster/2021-committee.yml", 15, "W-COMMITTEE-VACANCY"),  # a seat empty until a by-election
    ]


def test_demo_in_its_repository_has_no_error():
    assert [p.text() for p in validate(REPO, use_cache=False)[1] if p.level == "error"] == []


def test_demo_exercises_every_rule(demo):
    records, _ = demo
    assert len(records.units) >= 12
    assert len([r for r in records.rosters if r.body == "committee"]) == 2
    assert {r.body for r in records.rosters} >= {"committee", "supervisors", "party_branch", "unit_heads"}
    assert len(records.months) == 24 and {a.kind for a in records.accounts} == {
        "operating", "maintenance_fund", "public_revenue", "campaign"}
    assert len(records.decisions) >= 15
    statuses = {d.status for d in records.decisions}
    assert {"rejected", "proposed", "done"} <= statuses
    assert {(d.body, d.matter) for d in records.decisions if d.vote} >= {
        ("committee", "ordinary"), ("owners_assembly", "ordinary"), ("owners_assembly", "major")}
    assert len(records.rubric.versions) == 2 and len(records.scores) >= 12
    assert all(d.published for d in records.decisions)
    assert [e.id for m in records.months for e in m.entries if e.emergency] == ["2026-10-007"]


def test_golden_balances(demo):
    records, _ = demo
    assert balances(records.accounts, records.months) == {
        "operating": Decimal("39770.70"), "public_revenue": Decimal("70850.00"),   # after the 2025 award paid in 2026-01
        "maintenance": Decimal("589880.86"), "ebike-shed": Decimal("200.00")}
    rows = {(r.month, r.account): r for r in month_rows(records.accounts, records.months)}
    roof = rows[("2025-08", "maintenance")]
    assert (roof.opening, roof.income, roof.expense, roof.closing) == (
        Decimal("472313.73"), Decimal("0.00"), Decimal("41600.00"), Decimal("430713.73"))


def test_golden_rankings(demo):
    records, _ = demo
    monthly, yearly = rankings(records.units, records.rubric, records.scores)
    sept = {m.month: m for m in monthly}["2025-09"]
    assert [(r.unit, r.score, r.rank, r.flag) for r in sept.rows[:3]] == [
        ("3-3", 111, 1, True), ("4-3", 108, 2, True), ("2-2", 106, 3, True)]
    assert [(r.unit, r.vetoed, r.rank) for r in sept.rows if r.vetoed] == [("2-3", True, None)]
    tie = {m.month: m for m in monthly}["2025-01"]
    assert [r.unit for r in tie.rows if r.flag] == ["3-1", "4-2", "2-2", "4-3"]
    assert [y.year for y in yearly] == ["2024", "2025", "2026"]
