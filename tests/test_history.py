"""Git history as the audit trail: a small repository built commit by commit with fixed dates."""

import datetime
import json
import os
import subprocess

import pytest

from sunlight_gongshi.build import build
from sunlight_gongshi.cli import main
from sunlight_gongshi.history.audit import read_history
from builders import entry_lines, month, write_tree

JAN = "records/finance/2024/2024-01.yml"
FEB = "records/finance/2024/2024-02.yml"


def books(name: str, entries: list[tuple[str, str, str]], closing: str) -> str:
    return month(entry_lines(name, entries), f'  operating: "{closing}"\n', name)


def git(root, *args, date=None, env=None):
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                   "GIT_AUTHOR_NAME": "王秀兰", "GIT_AUTHOR_EMAIL": "secretary@example.org",
                   "GIT_COMMITTER_NAME": "王秀兰", "GIT_COMMITTER_EMAIL": "secretary@example.org", **(env or {})}
    if date:
        environment["GIT_AUTHOR_DATE"] = environment["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True,
                          env=environment).stdout


def commit(root, message, date, files, sign=None):
    write_tree(root, files)
    git(root, "add", "-A")
    extra = ["-S"] if sign else []
    git(root, *(sign or []), "commit", "-q", *extra, "-m", message, date=date)
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shas = [commit(root, "一月账目", "2024-02-01T10:00:00+08:00",
                   {JAN: books("2024-01", [("a1", "100.00", "停车费"), ("a2", "-20.00", "灯泡")], "180.00")}),
            commit(root, "二月账目", "2024-03-01T10:00:00+08:00",
                   {FEB: books("2024-02", [("b1", "5.00", "停车费")], "185.00")}),
            commit(root, "更正一月：停车费少记 50 元，灯泡重复记账", "2024-03-05T10:00:00+08:00",
                   {JAN: books("2024-01", [("a1", "150.00", "停车费"), ("a3", "-10.00", "胶带")], "240.00"),
                    FEB: books("2024-02", [("b1", "5.00", "停车费")], "245.00")}),
            commit(root, "二月补记", "2024-03-06T10:00:00+08:00",
                   {FEB: books("2024-02", [("b1", "5.00", "停车费"), ("b2", "1.00", "利息")], "246.00")})]
    return root, shas


def test_history_figures_and_entry_provenance(repo):
    root, shas = repo
    history = read_history(root)
    assert history.available and not history.shallow
    assert [c.sha for c in history.commits] == shas[::-1]
    assert history.commits[-1].date == "2024-02-01T10:00:00+08:00" and history.commits[-1].author == "王秀兰"
    assert history.files[JAN].introduced.sha == shas[0] and history.files[JAN].changed.sha == shas[2]
    assert (history.entries["a1"].introduced.sha, history.entries["a1"].changed.sha) == (shas[0], shas[2])
    assert (history.entries["b1"].introduced.sha, history.entries["b1"].changed.sha) == (shas[1], shas[1])
    assert history.entries["b2"].introduced.sha == shas[3]


def test_amendment_of_closed_books_lists_added_removed_and_changed_entries(repo):
    root, shas = repo
    history = read_history(root)
    assert [(a.commit.sha, a.month, a.later) for a in history.amendments] == [(shas[2], "2024-01", "2024-02")]
    diffs = {d.key: (d.kind, d.fields) for d in history.amendments[0].diffs}
    assert diffs["a1"] == ("changed", (("amount", "100.00", "150.00"),))
    assert diffs["a2"][0] == "removed" and ("amount", "-20.00", "") in diffs["a2"][1]
    assert diffs["a3"][0] == "added" and ("memo", "", "胶带") in diffs["a3"][1]
    assert diffs["closing:operating"] == ("changed", (("closing", "180.00", "240.00"),))


def test_site_shows_amendments_first_and_marks_the_month(repo, tmp_path):
    root, shas = repo
    problems, built = build(root, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    audit = (tmp_path / "site/audit.html").read_text(encoding="utf-8")
    assert audit.index("最近的修改") < audit.index("结账以后又改过的账目（1 次）")
    assert "2024-03-05</strong> 修改：2 个月的账目" in audit   # what changed, in words, and when
    assert "2024-03-01</strong> 修改：2024 年 2 月账目" in audit
    # Amended money as every page writes it, an account by its name.
    assert f"amend-{shas[2][:7]}-2024-01" in audit and "+100.00" in audit and "+150.00" in audit
    assert "月末余额 日常经费" in audit and "月末余额 operating" not in audit
    jan = (tmp_path / "site/finance/2024-01.html").read_text(encoding="utf-8")
    assert "被改动过" in jan and f"audit.html#amend-{shas[2][:7]}-2024-01" in jan
    assert "</strong>2024-03-05 改动，当时 2024 年 2 月 的账目已经登记" in jan
    assert "被改动过" not in (tmp_path / "site/finance/2024-02.html").read_text(encoding="utf-8")
    # The date first; the commit one tap away; the git author (often a maintainer's account) nowhere.
    assert "<summary>最后更新：2024-03-05</summary>" in jan and f"<p>提交 {shas[2][:7]}：" in jan
    decision = (tmp_path / "site/decisions/2024-001.html").read_text(encoding="utf-8")
    assert "<summary>登记日期：2024-02-01</summary>" in decision and f"提交 {shas[0][:7]}：" in decision
    assert "<summary>最后更新：2024-02-01</summary>" in (tmp_path / "site/people.html").read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "site").rglob("*.html") if "王秀兰" in p.read_text(encoding="utf-8")] == []


def test_a_community_that_shows_authors_names_them(repo, tmp_path):
    root, shas = repo
    (root / "mkdocs.yml").write_text("site_name: 测试小区\nextra:\n  sunlight:\n    show_authors: true\n",
                                     encoding="utf-8")
    problems, built = build(root, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    audit = (tmp_path / "site/audit.html").read_text(encoding="utf-8")
    assert "2024-03-05</strong> 由 王秀兰 修改：2 个月的账目" in audit
    assert "在 2024-03-05 由 王秀兰 改动，当时 2024 年 2 月 的账目已经登记" in audit
    jan = (tmp_path / "site/finance/2024-01.html").read_text(encoding="utf-8")
    assert "<summary>2024-03-05 由 王秀兰 更新</summary>" in jan
    decision = (tmp_path / "site/decisions/2024-001.html").read_text(encoding="utf-8")
    assert "<summary>2024-02-01 由 王秀兰 登记</summary>" in decision


def test_same_commit_builds_byte_identical_sites_and_verify_finds_tampering(repo, tmp_path, capsys):
    root, shas = repo
    assert build(root, tmp_path / "one", use_cache=False)[1] and build(root, tmp_path / "two", use_cache=True)[1]
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one == two
    manifest = (tmp_path / "one/data/manifest.json").read_text(encoding="utf-8")
    assert shas[3] in manifest and '"index.html"' in manifest
    assert main(["verify", "--root", str(root), str(tmp_path / "one")]) == 0
    (tmp_path / "one/finance/2024-01.html").write_text("<p>改过的账</p>", encoding="utf-8")
    (tmp_path / "one/extra.html").write_text("x", encoding="utf-8")
    assert main(["verify", "--root", str(root), str(tmp_path / "one")]) == 1
    out = capsys.readouterr().out
    assert "one/finance/2024-01.html:1: error:" in out and "[E-VERIFY-DIFFERENT]" in out
    assert "one/extra.html:1: error:" in out and "[E-VERIFY-EXTRA]" in out


def test_shallow_clone_is_detected_and_said(repo, tmp_path, capsys):
    root, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True)
    assert read_history(clone).shallow
    assert main(["build", "--root", str(clone), "--site-dir", str(tmp_path / "s")]) == 0
    assert "浅克隆" in capsys.readouterr().err
    assert "修改记录不完整" in (tmp_path / "s/audit.html").read_text(encoding="utf-8")


def test_signed_commits_are_marked(repo, tmp_path):
    root, _ = repo
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    allowed = tmp_path / "allowed"
    allowed.write_text(f"secretary@example.org {(tmp_path / 'key.pub').read_text()}")
    config = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "-c", f"gpg.ssh.allowedSignersFile={allowed}"]
    signed = commit(root, "三月账目（签名）", "2024-04-01T10:00:00+08:00",
                    {"records/finance/2024/2024-03.yml": books("2024-03", [("c1", "1.00", "利息")], "247.00")},
                    sign=config)
    git(root, "config", "gpg.ssh.allowedSignersFile", str(allowed))
    history = read_history(root)
    assert history.signed == {signed}
    build(root, tmp_path / "site", use_cache=False)
    audit = (tmp_path / "site/audit.html").read_text(encoding="utf-8")
    assert audit.count("已签名") == 1


def test_outside_git_the_site_says_no_history(tmp_path, capsys):
    write_tree(tmp_path, {})
    assert main(["build", "--root", str(tmp_path)]) == 0
    assert "不在 git 仓库中" in capsys.readouterr().err
    assert "没有修改记录" in (tmp_path / "site/audit.html").read_text(encoding="utf-8")


def test_the_audit_trail_follows_the_published_line_a_merge_counts_when_merged(repo):
    root, shas = repo
    git(root, "checkout", "-q", "-b", "march")
    side = commit(root, "三月账目（分支上）", "2024-04-02T10:00:00+08:00",
                  {"records/finance/2024/2024-03.yml": books("2024-03", [("c1", "1.00", "利息")], "247.00")})
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "合并三月账目", "march", date="2024-04-09T10:00:00+08:00")
    merge = git(root, "rev-parse", "HEAD").strip()
    history = read_history(root)
    assert [c.sha for c in history.commits[:2]] == [merge, shas[3]] and side not in {c.sha for c in history.commits}
    assert history.commits[0].files == ("records/finance/2024/2024-03.yml",)   # compared with main before it
    assert history.entries["c1"].introduced.sha == merge


def test_verify_reports_links_and_special_files_in_a_published_site(repo, tmp_path, capsys):
    root, _shas = repo
    assert build(root, tmp_path / "one", use_cache=False)[1]
    site = tmp_path / "one"
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/secret.html").write_text("<p>不是仓库生成的</p>", encoding="utf-8")
    os.symlink(tmp_path / "elsewhere", site / "more")                 # a folder no manifest names
    (site / "index.html").rename(site / "real-index.html")
    os.symlink("real-index.html", site / "index.html")                # a link that shows the same bytes
    os.mkfifo(site / "data/pipe")
    assert main(["verify", "--root", str(root), str(site)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "one/data/pipe:1: error: 这是一个命名管道（FIFO），不是普通的文件或文件夹：网站只由仓库生成的普通文件组成，链接会让居民"
        "看到它指向的别处的内容，而清单核对不到；请删掉它，重新发布  [E-VERIFY-SPECIAL]",
        "one/index.html:1: error: 这是一个链接（symlink），不是普通的文件或文件夹：网站只由仓库生成的普通文件组成，链接会让居民"
        "看到它指向的别处的内容，而清单核对不到；请删掉它，重新发布  [E-VERIFY-SPECIAL]",
        "one/more:1: error: 这是一个链接（symlink），不是普通的文件或文件夹：网站只由仓库生成的普通文件组成，链接会让居民"
        "看到它指向的别处的内容，而清单核对不到；请删掉它，重新发布  [E-VERIFY-SPECIAL]",
        "one/real-index.html:1: error: 公开的网站多出这个文件，仓库生成不出它  [E-VERIFY-EXTRA]"]


def test_verify_refuses_uncommitted_and_untracked_changes(repo, tmp_path, capsys):
    root, _shas = repo
    assert build(root, tmp_path / "one", use_cache=False)[1]
    (root / "content").mkdir(exist_ok=True)
    (root / "content/draft.md").write_text("# 草稿\n", encoding="utf-8")
    assert main(["verify", "--root", str(root), str(tmp_path / "one")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/draft.md:1: error: 这里有未提交的改动：核对只对已提交的内容有意义；请先提交或撤销改动（git stash）再核对"
        "  [E-VERIFY-DIRTY]"]


def test_a_commit_dated_back_counts_from_the_latest_day_before_it_and_is_warned_about(tmp_path):
    from sunlight_gongshi.validate import validate
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_tree(root, {})
    commit(root, "一月账目", "2024-02-01T10:00:00+08:00",
           {JAN: books("2024-01", [("a1", "100.00", "停车费")], "200.00")})
    commit(root, "公告", "2024-05-20T10:00:00+08:00", {"content/notices/a.md": "# 公告\n"})
    late = commit(root, "二月账目（补）", "2024-03-05T09:00:00+08:00",      # the date set back by hand
                  {FEB: books("2024-02", [("b1", "5.00", "停车费")], "205.00")})
    history = read_history(root)
    assert history.closings[("2024-01", "operating")] == datetime.date(2024, 2, 1)
    assert history.closings[("2024-02", "operating")] == datetime.date(2024, 5, 20)   # not 2024-03-05
    records, problems = validate(root, use_cache=False)
    assert [p.text() for p in problems if p.code == "W-HISTORY-DATE"] == [
        f"{FEB}:1: warning: 提交 {late[:7]}（王秀兰：“二月账目（补）”）的日期是 2024-03-05，却早于它之前的提交 "
        f"{git(root, 'rev-parse', 'HEAD~1').strip()[:7]} 的日期 2024-05-20：提交日期被往回改过（git commit --date、"
        "GIT_COMMITTER_DATE 或改写历史都会这样）。这个提交按 2024-05-20 算，账目的公开日期不会因此提前；"
        "以后提交请不要手工设置日期  [W-HISTORY-DATE]"]
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 0
    disclosure = json.loads((tmp_path / "site/data/disclosure.json").read_text(encoding="utf-8"))
    february = next(d for d in disclosure if d["period"] == "2024-02" and d["account"] == "operating")
    assert february["published"] == "2024-05-20" and february["status"] == "late"
    community = json.loads((tmp_path / "site/data/community.json").read_text(encoding="utf-8")) \
        if (tmp_path / "site/data/community.json").exists() else None
    if community is not None:   # the reference date counts from the latest day too
        assert community["reference_date"] == "2024-05-20"


def test_time_zones_and_minutes_of_clock_skew_are_not_dates_running_backwards(tmp_path):
    from sunlight_gongshi.history.gitinfo import timeline
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "东八区", "2024-03-02T01:00:00+08:00", {JAN: books("2024-01", [], "100.00")})
    commit(root, "零时区，其实晚一个半小时", "2024-03-01T18:30:00+00:00", {FEB: books("2024-02", [], "100.00")})
    commit(root, "钟慢了几分钟", "2024-03-01T18:25:00+00:00", {"content/a.md": "# a\n"})
    line = timeline(root)
    assert line.backwards == ()
    assert sorted(line.days.values()) == [datetime.date(2024, 3, 2)] * 3


def test_an_amendment_of_any_field_is_listed_and_only_formatting_is_formatting(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    base = {"records/files/r1.pdf": b"%PDF-1.4\n", "records/files/r2.pdf": b"%PDF-1.4\n%2\n",
            "records/finance/accounts.yml": """\
        accounts:
          - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}
          - {id: fund, name: 维修资金, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "1000.00"}
        """}
    jan = ('month: 2024-01\nentries:\n  - {id: a1, date: 2024-01-05, account: fund, amount: "-20.00", memo: 修门, '
           'decision: 2024-001, receipt: files/r1.pdf}\nclosing:\n  fund: "980.00"\n')
    commit(root, "一月账目", "2024-02-01T10:00:00+08:00", {**base, JAN: jan})
    commit(root, "二月账目", "2024-03-01T10:00:00+08:00", {**base, FEB: books("2024-02", [("b1", "5.00", "停车费")], "105.00")})
    changed = jan.replace("decision: 2024-001, receipt: files/r1.pdf", "emergency: true, receipt: files/r2.pdf")
    amend = commit(root, "一月：改成紧急使用", "2024-03-05T10:00:00+08:00", {**base, JAN: changed})
    formatted = changed.replace('amount: "-20.00"', "amount: -20").replace("month: 2024-01\n", "# 一月\nmonth: 2024-01\n")
    tidy = commit(root, "一月：只改写法", "2024-03-06T10:00:00+08:00", {**base, JAN: formatted})
    history = read_history(root)
    amendments = {a.commit.sha: a for a in history.amendments}
    assert amendments[amend].diffs[0].fields == (("decision", "2024-001", ""), ("receipt", "files/r1.pdf", "files/r2.pdf"),
                                                 ("emergency", "", "是"))
    assert amendments[tidy].readable and amendments[tidy].diffs == ()
    assert history.entries["a1"].changed.sha == tidy   # any edit of its text marks the entry as changed
    assert main(["build", "--root", str(root), "--site-dir", str(tmp_path / "site")]) == 0
    audit = (tmp_path / "site/audit.html").read_text(encoding="utf-8")
    block = audit.split(f'id="amend-{amend[:7]}-2024-01"', 1)[1].split("</table>", 1)[0]
    assert "紧急使用" in block and "只改了格式" not in block and "files/r2.pdf" in block
    assert "只改了格式" in audit.split(f'id="amend-{tidy[:7]}-2024-01"', 1)[1].split("</div>", 1)[0]


def test_an_award_added_to_a_closed_month_is_an_amendment():
    from sunlight_gongshi.history.audit import diff_versions, parse_month
    before = b'month: 2025-01\nentries:\n  - {id: e1, date: 2025-01-10, account: operating, amount: "-500.00"}\n'
    after = before.replace(b'"-500.00"}', b'"-500.00", award: {year: 2024, unit: "1-1"}}')
    broken = before.replace(b'"-500.00"}', b'"-500.00", award: {year: 2024}}')   # no unit: not a record
    (diff,) = diff_versions(parse_month(JAN, before), parse_month(JAN, after))
    assert (diff.key, diff.kind, diff.fields) == ("e1", "changed", (("award", "", "2024 年 1-1"),))
    (diff,) = diff_versions(parse_month(JAN, after), parse_month(JAN, broken))
    assert diff.kind == "changed" and ("entry", "", "{account: operating, amount: -500.00, award: {year: 2024}, "
                                                    "date: 2025-01-10, id: e1}") in diff.fields


SUPERVISORS = ("body: supervisors\nname: 监委会\nterm: {from: 2024-01-01, to: 2026-12-31}\n"
               "members:\n  - {name: 子, role: chair}\n  - {name: 丑, role: member}\n")
REVIEW = "records/reviews/2024-01.yml"


def test_a_change_to_a_reviewed_month_after_the_review_is_listed_as_changed_after_review(tmp_path):
    """Record format 1.2, section 3: a change to a month a review covered, committed after the day it
    was signed, is 审查后改动 on the audit page, the month's page, the review's page and in data/."""
    from sunlight_gongshi.compute.reviews import review_figures
    from sunlight_gongshi.validate import validate
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_tree(root, {"records/roster/supervisors.yml": SUPERVISORS})
    commit(root, "一月账目", "2024-02-01T10:00:00+08:00", {JAN: books("2024-01", [("a1", "100.00", "停车费")], "200.00")})
    review = "id: 2024-01\nby: supervisors\ndate: 2024-02-10\nthrough: 2024-01\nsigned: [子, 丑]\nopinion: clean\n"
    commit(root, "监委会审查一月账目", "2024-02-10T10:00:00+08:00", {REVIEW: review})
    commit(root, "审查当天补记", "2024-02-10T18:00:00+08:00",        # the day it was signed: not after it
           {JAN: books("2024-01", [("a1", "100.00", "停车费"), ("a2", "1.00", "利息")], "201.00")})
    commit(root, "二月账目", "2024-03-01T10:00:00+08:00", {FEB: books("2024-02", [("b1", "5.00", "停车费")], "206.00")})
    commit(root, "二月补记", "2024-03-02T10:00:00+08:00",             # a month the review did not cover
           {FEB: books("2024-02", [("b1", "5.00", "停车费"), ("b2", "2.00", "利息")], "208.00")})
    after = commit(root, "更正一月停车费", "2024-03-05T10:00:00+08:00",
                   {JAN: books("2024-01", [("a1", "150.00", "停车费"), ("a2", "1.00", "利息")], "251.00"),
                    FEB: books("2024-02", [("b1", "5.00", "停车费"), ("b2", "2.00", "利息")], "258.00")})
    records = validate(root, use_cache=False)[0]
    history = read_history(root, reviews=records.reviews)
    # the day's own change and February's are not after the review; the correction of January is
    assert [(a.commit.sha, a.month, a.day, a.accounts) for a in history.revised] == [
        (after, "2024-01", datetime.date(2024, 3, 5), ("operating",))]
    assert [(d.key, d.kind, d.fields) for d in history.revised[0].diffs] == [
        ("a1", "changed", (("amount", "100.00", "150.00"),)),
        ("closing:operating", "changed", (("closing", "201.00", "251.00"),))]
    figures = review_figures(records.reviews, records.accounts, records.books, history.revised)
    assert [c.amended_after for c in figures.covered] == [("2024-01",)]
    assert figures.reviewed_through("operating") == "2024-01" and figures.reviewed_through("revenue") is None
    # an account the review did not cover: the same change is not after it
    other = review_figures(records.reviews, records.accounts, records.books,
                           [type(history.revised[0])(**{**history.revised[0].__dict__, "accounts": ("revenue",)})])
    assert other.amended == () and other.covered[0].amendments == ()

    site = tmp_path / "site"
    problems, built = build(root, site, use_cache=False)
    assert built, [p.text() for p in problems]
    assert json.loads((site / "data/reviews.json").read_text(encoding="utf-8")) == [
        {"id": "2024-01", "by": "supervisors", "date": "2024-02-10", "through": "2024-01", "accounts": ["operating"],
         "opinion": "clean", "amended_after": ["2024-01"]}]
    finance = json.loads((site / "data/finance.json").read_text(encoding="utf-8"))
    assert [(a["id"], a["reviewed_through"]) for a in finance["accounts"]] == [("operating", "2024-01"), ("revenue", None)]

    def text(page):
        import re
        html = (site / page).read_text(encoding="utf-8")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html[html.index('<div class="sl">'):]))

    audit = text("audit.html")
    assert audit.index("审查后改动（1 次）") < audit.index("历史有没有被改写") < audit.index("结账以后又改过的账目")
    assert ("2024 年 1 月账目在 2024-03-05 改动，这时它已经审查过（审查 2024-01）。说明：更正一月停车费 "
            "流水 变化 项目 原来 现在 a1 修改 金额 +100.00 +150.00 月末余额 日常经费 修改 月末余额 201.00 251.00") in audit
    january = text("finance/2024-01.html")
    assert "✓ 本月账目已经监委会审查：审查 2024-01，2024-02-10 签署，无保留意见。" in january
    assert "审查后改动：本月账目审查（2024-01）以后，2024-03-05 改动。说明：更正一月停车费" in january
    february = text("finance/2024-02.html")
    assert "审查" not in february
    page = text("reviews/2024-01.html")
    assert "经监委会审查至 2024 年 1 月，无保留意见。2024-02-10 签署。" in page and "签字 子、丑" in page
    assert "审查后改动（1 次）" in page and \
        "2024 年 1 月账目在 2024-03-05 改动：a1（修改）。说明：更正一月停车费 查看改了什么" in page
    assert f'href="../audit.html#after-review-{after[:7]}-2024-01"' in (site / "reviews/2024-01.html").read_text(encoding="utf-8")
    assert "日常经费：经监委会审查至 2024 年 1 月，无保留意见（2024-02-10 签署） 审查后改动" in text("finance/index.html")
    assert "公共收益：还没有审查过" in text("finance/index.html")


def test_a_month_first_recorded_after_a_review_that_covered_it_is_one_line(tmp_path):
    """A month file of the reviewed range committed only after the review (no activity on record when it
    was signed) changes the reviewed books: it is 审查后改动, said in one line, not entry by entry."""
    import re
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write_tree(root, {"records/roster/supervisors.yml": SUPERVISORS})
    commit(root, "二月账目", "2024-03-01T10:00:00+08:00",
           {FEB: books("2024-02", [("b1", "5.00", "停车费")], "105.00")})
    commit(root, "监委会审查", "2024-03-10T10:00:00+08:00",
           {"records/reviews/2024-02.yml": "id: 2024-02\nby: supervisors\ndate: 2024-03-10\nthrough: 2024-02\n"
                                           "signed: [子, 丑]\nopinion: clean\n"})
    late = commit(root, "补登一月账目", "2024-03-20T10:00:00+08:00",
                  {JAN: books("2024-01", [("a1", "3.00", "利息"), ("a2", "-3.00", "手续费")], "100.00")})
    site = tmp_path / "site"
    problems, built = build(root, site, use_cache=False)
    assert built, [p.text() for p in problems]
    assert json.loads((site / "data/reviews.json").read_text(encoding="utf-8"))[0]["amended_after"] == ["2024-01"]
    month = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (site / "finance/2024-01.html").read_text(encoding="utf-8")))
    assert ("审查后改动：本月账目审查（2024-02）以后，2024-03-20 改动。说明：补登一月账目 "
            "这个月的账目文件这时才第一次登记，新增了 2 笔流水。") in month
    review = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (site / "reviews/2024-02.html").read_text(encoding="utf-8")))
    assert "2024 年 1 月账目在 2024-03-20 改动：第一次登记这个月的账目，新增 2 笔流水。说明：补登一月账目" in review
    assert f'href="../audit.html#after-review-{late[:7]}-2024-01"' in (site / "reviews/2024-02.html").read_text(encoding="utf-8")
