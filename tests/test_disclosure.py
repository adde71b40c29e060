"""The disclosure calendar (record format section 5.1): periods, due days, publication from git history."""

import datetime as dt
import json
import os
import subprocess

import pytest

from sunlight_gongshi.build import build
from sunlight_gongshi.compute.periods import period_end, periods
from sunlight_gongshi.validate import validate
from builders import write_tree
from probes import at, spy

A = "records/finance/accounts.yml"
POLICY = ('name: 测试小区\nhouseholds: 10\narea_m2: "1000.00"\npolicy:\n  disclosure:\n'
          '    operating: {every: month, within_days: 20}\n    public_revenue: {within_days: 20}\n')


def books(name: str, closing: dict[str, str], entries: str = "") -> str:
    lines = "".join(f'  {account}: "{amount}"\n' for account, amount in closing.items())
    return f"month: {name}\nentries:{entries or ' []'}\nclosing:\n{lines}"


def path(name: str) -> str:
    return f"records/finance/{name[:4]}/{name}.yml"


def test_periods_count_as_the_civil_code_counts():
    assert period_end(dt.date(2024, 3, 10), years=1) == dt.date(2025, 3, 10)
    assert period_end(dt.date(2024, 2, 29), years=1) == dt.date(2025, 2, 28)   # art. 202: no such day
    assert period_end(dt.date(2024, 1, 31), months=1) == dt.date(2024, 2, 29)
    assert [p[0] for p in periods("2023-05", "quarter", dt.date(2023, 12, 31))] == ["2023-Q2", "2023-Q3"]
    assert [p[0] for p in periods("2023-05", "quarter", dt.date(2024, 1, 1))] == ["2023-Q2", "2023-Q3", "2023-Q4"]
    assert periods("2023-07", "half_year", dt.date(2024, 7, 1)) == [("2023-H2", "2023-12", dt.date(2023, 12, 31)),
                                                                    ("2024-H1", "2024-06", dt.date(2024, 6, 30))]
    assert periods("2022-03", "year", dt.date(2023, 12, 31)) == [("2022", "2022-12", dt.date(2022, 12, 31))]


def test_outside_git_an_undisclosed_period_is_overdue_at_the_account_or_the_closing(tmp_path):
    files = {"records/community.yml": POLICY,
             path("2024-01"): books("2024-01", {"operating": "100.00", "revenue": "0.00"}),
             path("2024-03"): books("2024-03", {"revenue": "0.00"}),
             # the newest date in the records, the reference date outside git: 2024-04-25
             "records/decisions/2024-009.yml": "id: 2024-009\ntitle: x\ndate: 2024-04-25\nbody: council\n"
                                               "matter: ordinary\nstatus: proposed\n"}
    problems = validate(write_tree(tmp_path, files), use_cache=False)[1]
    february = at(problems, A, 2, "W-DISCLOSURE-OVERDUE").message      # no 2024-02 file: the account's line
    assert "日常经费（operating）2024 年 2 月的账目应在 2024-03-20 前公示" in february
    assert "已逾期 36 天" in february and "请提交 records/finance/2024/2024-02.yml" in february
    march = at(problems, path("2024-03"), 3, "W-DISCLOSURE-OVERDUE").message   # the file lacks the line
    assert "2024 年 3 月" in march and "已逾期 5 天" in march and "当月没有收支也要写" in march
    assert [p.code for p in problems] == ["W-DISCLOSURE-OVERDUE"] * 2   # revenue's Q1 is out; nothing else due


def git(root, *args, date=None):
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "王秀兰", "GIT_AUTHOR_EMAIL": "secretary@example.org",
           "GIT_COMMITTER_NAME": "王秀兰", "GIT_COMMITTER_EMAIL": "secretary@example.org"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env).stdout


def commit(root, message, date, files):
    """A commit of `files` (the base community too, on the first commit)."""
    if not (root / "records").exists():
        write_tree(root, files)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def published_repo(tmp_path):
    """Operating books monthly, public revenue quarterly, each due 20 days after the period."""
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "一月账目", "2024-02-05T10:00:00+08:00",
           {"records/community.yml": POLICY, path("2024-01"): books("2024-01", {"operating": "100.00", "revenue": "0.00"})})
    # 01:00 on 21 March in Beijing is still 20 March in UTC: the commit's own zone counts
    commit(root, "二月账目", "2024-03-21T01:00:00+08:00", {path("2024-02"): books("2024-02", {"operating": "100.00"})})
    git(root, "checkout", "-q", "-b", "march")
    commit(root, "三月账目（在分支上，尚未公开）", "2024-04-05T10:00:00+08:00",
           {path("2024-03"): books("2024-03", {"operating": "100.00", "revenue": "0.00"})})
    git(root, "checkout", "-q", "main")
    commit(root, "登记决议", "2024-04-08T10:00:00+08:00",
           {"records/decisions/2024-002.yml": "id: 2024-002\ntitle: 议事\ndate: 2024-04-08\nbody: council\n"
                                              "matter: ordinary\nstatus: proposed\n"})
    git(root, "merge", "-q", "--no-ff", "-m", "合并三月账目", "march", date="2024-04-25T10:00:00+08:00")
    commit(root, "四月账目", "2024-05-05T10:00:00+08:00", {path("2024-04"): books("2024-04", {"operating": "100.00"})})
    interest = "\n  - {id: i1, date: 2024-04-30, account: operating, amount: 5, memo: 利息}"
    commit(root, "更正四月：补记利息", "2024-05-25T10:00:00+08:00",
           {path("2024-04"): books("2024-04", {"operating": "105.00"}, interest)})
    commit(root, "登记决议", "2024-07-15T09:00:00+08:00",   # HEAD: the reference date
           {"records/decisions/2024-003.yml": "id: 2024-003\ntitle: 议事\ndate: 2024-07-01\nbody: council\n"
                                              "matter: ordinary\nstatus: proposed\n"})
    return root


def test_calendar_from_history_on_time_late_overdue_and_pending(published_repo, tmp_path):
    problems, built = build(published_repo, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    got = json.loads((tmp_path / "site/data/disclosure.json").read_text(encoding="utf-8"))
    # Figures by hand, reference date 2024-07-15 (HEAD's day): periods that ended before it.
    assert got == [
        {"account": "operating", "period": "2024-01", "due": "2024-02-20", "published": "2024-02-05", "status": "on_time"},
        # published 21 March in its own zone (+08:00), a day after the due date
        {"account": "operating", "period": "2024-02", "due": "2024-03-20", "published": "2024-03-21", "status": "late"},
        # written on a branch on 5 April, published when merged on 25 April
        {"account": "operating", "period": "2024-03", "due": "2024-04-20", "published": "2024-04-25", "status": "late"},
        # amended on 25 May, after the due date: still published on 5 May
        {"account": "operating", "period": "2024-04", "due": "2024-05-20", "published": "2024-05-05", "status": "on_time"},
        {"account": "operating", "period": "2024-05", "due": "2024-06-20", "published": None, "status": "overdue"},
        {"account": "operating", "period": "2024-06", "due": "2024-07-20", "published": None, "status": "pending"},
        {"account": "revenue", "period": "2024-Q1", "due": "2024-04-20", "published": "2024-04-25", "status": "late"},
        {"account": "revenue", "period": "2024-Q2", "due": "2024-07-20", "published": None, "status": "pending"},
    ]
    assert [(p.path, p.line, p.code) for p in problems] == [(A, 2, "W-DISCLOSURE-OVERDUE")]
    assert "已逾期 25 天" in problems[0].message
    home = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "日常经费 2024 年 5 月账目逾期未公示，已逾期 25 天" in home
    finance = (tmp_path / "site/finance/index.html").read_text(encoding="utf-8")
    assert "逾期 25 天" in finance and "晚 5 天" in finance and "晚 1 天" in finance and "按时 ✓" in finance
    assert "未到期" in finance


def test_a_build_decides_the_reference_date_once_and_makes_the_calendar_once(published_repo, tmp_path, monkeypatch):
    from sunlight_gongshi import validate as validate_module
    from sunlight_gongshi.checks import context
    from sunlight_gongshi.compute import figures
    days = spy(monkeypatch, validate_module, "reference_date")
    by_checks = spy(monkeypatch, context, "disclosure_calendar", 3)
    by_figures = spy(monkeypatch, figures, "disclosure_calendar", 3)
    assert build(published_repo, tmp_path / "site", use_cache=False)[1]
    assert len(days) == 1 and by_checks == [dt.date(2024, 7, 15)] and by_figures == []
    assert json.loads((tmp_path / "site/data/disclosure.json").read_text(encoding="utf-8"))[0]["status"] == "on_time"


def test_validate_in_git_uses_the_commit_day_not_the_newest_record(published_repo):
    problems = validate(published_repo, use_cache=False)[1]
    assert [(p.path, p.line, p.code) for p in problems] == [(A, 2, "W-DISCLOSURE-OVERDUE")]
    # HEAD was committed on 15 July; the newest date in the records is 1 July
    assert "到参考日 2024-07-15 已逾期 25 天" in problems[0].message


def test_outside_git_disclosed_periods_have_no_publication_day(published_repo, tmp_path):
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(published_repo), str(copy)], check=True)
    subprocess.run(["rm", "-rf", str(copy / ".git")], check=True)
    assert build(copy, tmp_path / "site", use_cache=False)[1]
    got = json.loads((tmp_path / "site/data/disclosure.json").read_text(encoding="utf-8"))
    # reference date: the newest date in the records, 2024-07-01 (a decision), not HEAD's 15 July
    problems = validate(copy, use_cache=False)[1]
    assert "到参考日 2024-07-01 已逾期 11 天" in problems[0].message
    assert [(p["period"], p["published"], p["status"]) for p in got if p["account"] == "operating"] == [
        ("2024-01", None, "unknown"), ("2024-02", None, "unknown"), ("2024-03", None, "unknown"),
        ("2024-04", None, "unknown"), ("2024-05", None, "overdue"), ("2024-06", None, "pending")]


def test_books_written_but_not_committed_are_disclosed_on_an_unknown_day(published_repo, tmp_path):
    (published_repo / path("2024-05")).write_text(books("2024-05", {"operating": "105.00"}), encoding="utf-8")
    assert validate(published_repo, use_cache=False)[1] == []   # no longer overdue
    assert build(published_repo, tmp_path / "site", use_cache=False)[1]
    got = json.loads((tmp_path / "site/data/disclosure.json").read_text(encoding="utf-8"))
    assert {"account": "operating", "period": "2024-05", "due": "2024-06-20", "published": None,
            "status": "unknown"} in got
