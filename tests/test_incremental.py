"""`sunlight validate` with its cache finds exactly what a full run finds, whatever changed.

The cache re-reads a month only when its bytes change or an answer its checks relied on
changes (a decision's status, an account, a receipt, the units, the rubric, the threshold).
Each test below changes one such thing in a warmed demo community and compares with a run
that reads everything (`validate(root, use_cache=False)`), and names the problem that must
now appear in a file that did not change.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import sunlight_gongshi.load.loader as loader
import sunlight_gongshi.validate as validate_module
from sunlight_gongshi.cli import main
from sunlight_gongshi.validate import check, validate
from builders import CASES, REPO, copy_demo, corpus_tree
from probes import codes


# The warnings the demo shows on purpose (tests/test_demo.py); the tests below look past them.
DEMO_WARNINGS = {("records/decisions/2025-007.yml", "W-PUBLISHED-LATE"),
                 ("records/finance/2026/2026-10.yml", "W-FUND-EMERGENCY"),
                 ("records/roster/2021-committee.yml", "W-COMMITTEE-VACANCY")}


def beyond_demo(problems: list) -> list:
    return [p for p in problems if (p.path, p.code) not in DEMO_WARNINGS]


def same_as_full(root: Path) -> list:
    """The cached run's problems, after asserting they equal a full uncached run's (without
    the demo's own warnings)."""
    cached = check(root)
    assert cached == validate(root, use_cache=False)[1]
    return beyond_demo(cached)


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """A copy of the demo community whose validation cache is warm."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    root = copy_demo(tmp_path / "community")
    assert same_as_full(root) == []
    assert (root / ".sunlight/checks/pack").exists()
    return root


def cached_calls(monkeypatch, name: str, arg: int = 0) -> list:
    """Argument `arg` of the calls to `loader.name` made by validations that use the cache
    (the full runs these tests compare with read everything, by design, and are not counted)."""
    calls, counting = [], [False]
    real_validate, real = validate_module.validate_with, getattr(loader, name)

    def validate_with(root, caches):
        counting[0] = caches.facts.enabled
        try:
            return real_validate(root, caches)
        finally:
            counting[0] = False

    def recorded(*args, **kwargs):
        if counting[0]:
            calls.append(args[arg])
        return real(*args, **kwargs)

    monkeypatch.setattr(validate_module, "validate_with", validate_with)
    monkeypatch.setattr(loader, name, recorded)
    return calls


@pytest.fixture
def reads(monkeypatch):
    """The record files the cached validation parses."""
    return cached_calls(monkeypatch, "load_file")


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_unchanged_community_reads_no_file(demo, reads):
    assert same_as_full(demo) == [] and reads == []


def test_one_changed_month_is_the_only_file_read(demo, reads):
    edit(demo, "records/finance/2025/2025-03.yml", "month: 2025-03", "month: 2025-03  # 核对过")
    assert beyond_demo(check(demo)) == [] and reads == ["finance/2025/2025-03.yml"]


def test_withdrawn_decision_rechecks_the_months_that_spend_under_it(demo, reads):
    edit(demo, "records/decisions/2024-013.yml", "status: done", "status: proposed")
    problems = same_as_full(demo)
    assert ("records/finance/2024/2024-12.yml", 18, "E-DECISION-REF") in codes(problems)
    assert reads == ["decisions/2024-013.yml", "finance/2024/2024-12.yml"]   # the only month naming it


def test_deleted_receipt_is_missed_by_the_month_that_names_it(demo):
    (demo / "records/files/2024-12-002.png").unlink()
    problems = same_as_full(demo)
    assert ("records/finance/2024/2024-12.yml", 19, "E-FILE") in codes(problems)


def test_lower_threshold_asks_for_approvals_in_unchanged_months(demo):
    edit(demo, "records/community.yml", 'expense_approval_threshold: "5000.00"',
         'expense_approval_threshold: "300.00"')
    problems = same_as_full(demo)
    assert ("records/finance/2024/2024-11.yml", 14, "E-APPROVAL") in codes(problems)


def test_renamed_account_is_missed_with_a_hint(demo):
    edit(demo, "records/finance/accounts.yml", "id: operating", "id: operatinq")
    problems = same_as_full(demo)
    hits = [p for p in problems if (p.path, p.line, p.code) == ("records/finance/2024/2024-11.yml", 13, "E-ACCOUNT")]
    assert hits and "是不是 operatinq？" in hits[0].message


def test_account_opened_later_refuses_earlier_entries(demo):
    edit(demo, "records/finance/accounts.yml", "opened: 2025-03-01", "opened: 2026-03-01")
    problems = same_as_full(demo)
    assert any(p.code == "E-ACCOUNT" and p.path.startswith("records/finance/2025/") and "才开立" in p.message
               for p in problems)


def test_removed_unit_is_unknown_in_score_months(demo):
    edit(demo, "records/units.yml", '  - {id: "1-2", name: 1栋2单元, households: 24, area_m2: "2150.40"}\n', "")
    problems = same_as_full(demo)
    assert ("records/scores/2025/2025-03.yml", 9, "E-UNKNOWN-UNIT") in codes(problems)


def test_renamed_rubric_item_is_unknown_in_score_months(demo):
    edit(demo, "records/scores/rubric.yml", "code: flying-wire", "code: wire", count=2)
    problems = same_as_full(demo)
    assert ("records/scores/2025/2025-03.yml", 9, "E-UNKNOWN-ITEM") in codes(problems)


def test_changed_amount_is_reported_once_naming_every_later_month(demo):
    edit(demo, "records/finance/2024/2024-11.yml", 'amount: "-335.10"', 'amount: "-335.00"')
    problems = same_as_full(demo)
    balance = [p for p in problems if p.code == "E-BALANCE"]
    assert [p.path for p in balance] == ["records/finance/2024/2024-11.yml"]
    assert "2024-12、2025-01 … 2026-10" in balance[0].message


def test_broken_month_stops_the_balance_check(demo):
    (demo / "records/finance/2025/2025-01.yml").write_text("month: [2025-01\n", encoding="utf-8")
    problems = same_as_full(demo)
    assert [p.path for p in problems] == ["records/finance/2025/2025-01.yml"]


def test_repeated_entry_id_in_another_month(demo):
    edit(demo, "records/finance/2026/2026-10.yml", "id: 2026-10-001", "id: 2024-11-001")
    problems = same_as_full(demo)
    assert ("records/finance/2026/2026-10.yml", 4, "E-DUPLICATE-ID") in codes(problems)


def test_smaller_budget_warns_at_the_entry_that_crosses_it(demo):
    edit(demo, "records/decisions/2024-013.yml", 'budget: "12000.00"', 'budget: "10000.00"')
    problems = same_as_full(demo)
    assert codes(problems) == [("records/finance/2024/2024-12.yml", 14, "W-OVER-BUDGET")]


def test_new_tool_version_rereads_everything(demo, reads, monkeypatch):
    monkeypatch.setattr("sunlight_gongshi.cache.keys.tool_digest", lambda: "another version")
    assert same_as_full(demo) == []
    assert len(reads) == len(list((demo / "records").rglob("*.yml")))


def test_no_cache_flag_leaves_the_cache_alone(demo, reads):
    before = sorted(p.name for p in (demo / ".sunlight/checks").iterdir())
    edit(demo, "records/finance/2025/2025-03.yml", "month: 2025-03", "month: 2025-03  # 改")
    assert main(["validate", "--root", str(demo), "--no-cache"]) == 0
    assert reads == [] and sorted(p.name for p in (demo / ".sunlight/checks").iterdir()) == before


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_cold_and_warm(case, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    root = corpus_tree(case, tmp_path / "community")
    assert same_as_full(root)
    assert same_as_full(root)


# --- random edits: delete lines of a few files, then compare --------------------------

RECORD_FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "records").rglob("*") if p.is_file())
# Files that others depend on are picked more often than months, whose changes stay local.
WEIGHTED = [f for f in RECORD_FILES if not re.search(r"/\d{4}-\d\d\.yml$", f)] * 4 + RECORD_FILES


@pytest.fixture(scope="module")
def warm_demo(tmp_path_factory):
    home = tmp_path_factory.mktemp("home-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        root = copy_demo(tmp_path_factory.mktemp("warm"))
        check(root)
        yield root


@settings(max_examples=int(os.environ.get("SUNLIGHT_FUZZ_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(WEIGHTED), st.lists(st.integers(0, 400), min_size=1, max_size=3)),
                min_size=1, max_size=3))
def test_random_line_deletions_match_a_full_run(warm_demo, edits):
    saved = {}
    try:
        for rel, lines in edits:
            path = warm_demo / rel
            if not path.exists():
                continue   # an attachment deleted by an earlier edit of this example
            saved.setdefault(rel, path.read_bytes())
            if not rel.endswith(".yml"):
                path.unlink()
                continue
            kept = path.read_text(encoding="utf-8").splitlines(keepends=True)
            for line in lines:
                if kept:
                    del kept[line % len(kept)]
            path.write_text("".join(kept), encoding="utf-8")
        same_as_full(warm_demo)
    finally:
        for rel, data in saved.items():
            (warm_demo / rel).write_bytes(data)


# --- the stat index: files that did not change are not even read --------------------

@pytest.fixture
def settled_at_once(monkeypatch):
    """Trust stat stamps at once: tests cannot wait for files to settle."""
    monkeypatch.setattr("sunlight_gongshi.cache.keys.SETTLED_NS", 0)


@pytest.fixture
def opened(monkeypatch):
    """The record files the cached validation opens."""
    return cached_calls(monkeypatch, "read_bytes", arg=1)


def test_unchanged_files_are_not_opened(settled_at_once, demo, opened):
    check(demo)   # the demo fixture's run saw fresh files; this one records their stamps
    opened.clear()
    assert beyond_demo(check(demo)) == [] and opened == []


def test_a_same_size_edit_with_its_old_mtime_is_still_seen(settled_at_once, demo, opened):
    check(demo)
    path = demo / "records/finance/2024/2024-11.yml"
    before = path.stat()
    time.sleep(0.05)   # past the file system's clock tick: the change time moves on
    path.write_text(path.read_text(encoding="utf-8").replace('"-335.10"', '"-335.01"'), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    opened.clear()
    problems = same_as_full(demo)
    assert opened == ["finance/2024/2024-11.yml"]
    assert ("records/finance/2024/2024-11.yml", 34, "E-BALANCE") in codes(problems)


def test_files_changed_moments_before_a_run_are_read_again_next_time(demo, opened):
    """Like git's racy-clean rule: a stamp younger than two seconds is not trusted later."""
    edit(demo, "records/finance/2025/2025-03.yml", "month: 2025-03", "month: 2025-03  # 改")
    check(demo)
    opened.clear()
    check(demo)
    assert "finance/2025/2025-03.yml" in opened


def test_planted_validation_cache_is_ignored(demo):
    edit(demo, "records/finance/2024/2024-11.yml", 'amount: "-335.10"', 'amount: "-335.00"')
    for folder in ("checks", "cache"):
        for entry in (demo / ".sunlight" / folder).iterdir():
            entry.write_bytes(b"\x00" * 32 + b"cos\nsystem\n(S'echo pwned'\ntR.")
    assert ("records/finance/2024/2024-11.yml", 34, "E-BALANCE") in codes(same_as_full(demo))
