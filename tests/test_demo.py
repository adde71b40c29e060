"""The repository's own demo community: valid, complete, its golden figures, and its replayed history."""

import json
import re
import subprocess
import sys
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


DELIBERATE = [
    ("records/decisions/2025-007.yml", 12, "W-PUBLISHED-LATE"),       # posted 7 days after, 3 allowed
    ("records/finance/2026/2026-10.yml", 52, "W-FUND-EMERGENCY"),     # an emergency repair from the fund
    ("records/roster/2021-committee.yml", 15, "W-COMMITTEE-VACANCY"),  # a seat empty until a by-election
]


def test_demo_validates_with_only_the_warnings_it_shows_on_purpose(demo):
    assert [(p.path, p.line, p.code) for p in demo[1]] == DELIBERATE


def test_the_readme_lists_each_deliberate_warning():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(records/[^`:]+):(\d+)` \| `([EW]-[A-Z-]+)` \|", readme, re.M)
    assert [(path, int(line), code) for path, line, code in listed] == DELIBERATE


def test_demo_in_its_repository_shows_the_same_warnings_and_no_error():
    """Measured against this repository's newest commit, the demo also says that the months after its
    story ends (October 2026, due by 30 November) are not published, once they are due: nothing else."""
    problems = validate(REPO, use_cache=False)[1]
    later = [p for p in problems if p.code == "W-DISCLOSURE-OVERDUE"
             and re.search(r"应在 (\d{4}-\d\d-\d\d) 前公示", p.message).group(1) > "2026-11-30"]
    assert [(p.path, p.line, p.code) for p in problems if p not in later] == DELIBERATE


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


# --- the demo builder: the demo's history replayed as a diligent committee kept it (demo/replay.py) ---

sys.path.insert(0, str(REPO / "demo"))
import replay  # noqa: E402


# the replayed repository and its site are the session fixtures `replayed` and `replayed_site` (conftest.py)


def git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def test_the_replayed_demo_validates_with_the_same_warnings(replayed):
    problems = validate(replayed, use_cache=False)[1]
    assert [(p.path, p.line, p.code) for p in problems] == DELIBERATE
    assert git(replayed, "log", "-1", "--format=%ci").startswith("2026-11-03 20:30:00 +0800")   # its "today"


def test_the_replay_holds_the_records_as_they_stand_and_the_same_commits_every_time(replayed, tmp_path):
    tracked = set(git(replayed, "ls-files").split("\n")) - {""}
    for rel in tracked:
        assert (replayed / rel).read_bytes() == (REPO / rel).read_bytes(), rel
    assert {rel for rel in tracked if rel.startswith("records/")} == {
        p.relative_to(REPO).as_posix() for p in (REPO / "records").rglob("*") if p.is_file()}
    again = replay.replay(tmp_path / "again")
    assert git(again, "rev-parse", "HEAD") == git(replayed, "rev-parse", "HEAD")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit, match="not empty and not an earlier replay"):
        replay.replay(tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").is_file()


def test_every_step_of_the_replay_is_a_valid_community(replayed, tmp_path):
    """The late month, the month after it, and the amended month before and after: no error at any of them."""
    commits = git(replayed, "log", "--reverse", "--format=%H %cs %s").splitlines()
    wanted = [c for c in commits if " 2025-10-08 " in c or " 2026-08-14 " in c or " 2026-08-03 " in c]
    assert len(wanted) == 3
    for line in wanted:
        checkout = tmp_path / line[:8]
        subprocess.run(["git", "clone", "--quiet", str(replayed), str(checkout)], check=True)
        git(checkout, "checkout", "--quiet", line.split()[0])
        assert [p.text() for p in validate(checkout, use_cache=False)[1] if p.level == "error"] == [], line


def test_the_replayed_site_has_one_late_period_and_one_amendment_after_a_review(replayed_site):
    calendar = json.loads((replayed_site / "data/disclosure.json").read_text(encoding="utf-8"))
    late = [(row["account"], row["period"], row["published"]) for row in calendar if row["status"] != "on_time"]
    assert late == [(account, "2025-08", "2025-10-08") for account in ("operating", "public_revenue", "ebike-shed")]
    assert len(calendar) > 60
    audit = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (replayed_site / "audit.html").read_text(encoding="utf-8")))
    assert "结账以后又改过的账目（1 次）" in audit
    assert "2026 年 6 月账目在 2026-08-14 改动，当时 2026 年 7 月 的账目已经登记" in audit
    assert "监委会审查 2026 年第二季度账目后更正 6 月账目" in audit
    assert "2026-06-002 修改 类别 办公 维修 摘要 材料 零星维修材料" in audit
    home = (replayed_site / "index.html").read_text(encoding="utf-8")
    assert "各账户账目都按时公示" in home


def test_the_supervisors_review_each_quarter_and_one_month_was_changed_after_its_review(replayed, replayed_site):
    from sunlight_gongshi.portal.published import first_error
    reviews = json.loads((replayed_site / "data/reviews.json").read_text(encoding="utf-8"))
    assert first_error("reviews", reviews) is None
    assert [(r["id"], r["through"], r["opinion"], r["amended_after"]) for r in reviews] == [
        ("2024-Q4", "2024-12", "clean", []), ("2025-Q1", "2025-03", "clean", []), ("2025-Q2", "2025-06", "clean", []),
        ("2025-Q3", "2025-09", "clean", []), ("2025-Q4", "2025-12", "clean", []), ("2026-Q1", "2026-03", "clean", []),
        ("2026-Q2", "2026-06", "qualified", ["2026-06"]), ("2026-Q3", "2026-09", "clean", [])]
    finance = json.loads((replayed_site / "data/finance.json").read_text(encoding="utf-8"))
    assert first_error("finance", finance) is None
    assert {a["reviewed_through"] for a in finance["accounts"]} == {"2026-09"}
    # each review is committed on the day it was signed
    signed = [line for line in git(replayed, "log", "--reverse", "--format=%cs %s").splitlines() if "监委会审查账目" in line]
    assert [line[:10] for line in signed] == [r["date"] for r in reviews]
    audit = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (replayed_site / "audit.html").read_text(encoding="utf-8")))
    assert "审查后改动（1 次）" in audit
    assert "2026 年 6 月账目在 2026-08-14 改动，这时它已经审查过（审查 2026-Q2）" in audit
