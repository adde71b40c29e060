"""What the site shows from git history: numbers the records removed stay masked, any commit reads,
merges and deleted later months still count as amendments of closed books."""

import json
import subprocess

import pytest

from sunlight_gongshi import privacy
from sunlight_gongshi.build import build
from sunlight_gongshi.history.audit import read_history
from sunlight_gongshi.history.gitlog import _unquote
from test_history import FEB, JAN, books, commit, git

PHONE, ID, CARD = "13912345678", "11010519491231002X", "6222021234567890128"
FORMS = (PHONE, "139 1234 5678", "139-1234-5678", ID, CARD, "+86" + PHONE)
MASKED = {"139****5678", "110***********002X", "622************0128"}


def _leak(root, tmp_path):
    """A committee that wrote a phone and an ID number into closed books, then removed them as told."""
    git(root, "init", "-q", "-b", "main")
    commit(root, "一月账目", "2024-02-01T10:00:00+08:00",
           {JAN: books("2024-01", [("a1", "100.00", f"王某 {PHONE} 身份证 {ID}"), ("a2", "-20.00", "灯泡")], "180.00"),
            "records/files/王某13912345678.jpg": b"x", "records/王某13912345678.yml": "misplaced: true\n"})
    commit(root, "二月账目", "2024-03-01T10:00:00+08:00", {FEB: books("2024-02", [("b1", "5.00", "停车费")], "185.00")})
    # The removal: a subject and an author name that repeat the number, as people do.
    (root / "records/files/王某13912345678.jpg").unlink()
    (root / "records/王某13912345678.yml").unlink()
    (root / JAN).write_text(books("2024-01", [("a1", "100.00", "王某"), ("a2", "-20.00", "灯泡")], "180.00"),
                            encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"删除王某的电话 {PHONE}、身份证 {ID} 和卡号 {CARD}", date="2024-03-05T10:00:00+08:00",
        env={"GIT_AUTHOR_NAME": f"王某{PHONE}"})


def test_a_number_removed_from_the_records_is_nowhere_on_the_site(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    _leak(root, tmp_path)
    git(root, "commit", "-q", "--allow-empty", "-m", "x", env={"GIT_AUTHOR_NAME": f"王某 {PHONE}"})
    # a community that names who changed its records (by default no page names them): the names are masked too
    (root / "mkdocs.yml").write_text("site_name: 测试小区\nextra:\n  sunlight:\n    show_authors: true\n", encoding="utf-8")
    problems, built = build(root, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    seen = 0
    for path in (tmp_path / "site").rglob("*"):
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        if path.name == "search_index.json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        assert not [form for form in FORMS if form in text], path
        assert not [hit for hit in privacy.find(text) if hit.masked in MASKED], path
        seen += "139****5678" in text
    audit = (tmp_path / "site/audit.html").read_text(encoding="utf-8")
    assert "删除王某的电话 139****5678、身份证 110***********002X 和卡号 622************0128" in audit
    assert "由 王某139****5678 修改" in audit and "王某139****5678.yml" in audit   # author and a file's name
    assert "王某 139****5678 身份证 110***********002X" in audit   # the amendment's old memo, masked
    # The audit page is found by its title alone (site.search): its masked text stays off the index.
    index = (tmp_path / "site/search/search_index.json").read_text(encoding="utf-8")
    assert '"location":"audit.html"' in index and seen >= 2


def test_the_amendment_compares_the_values_and_shows_them_masked(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    _leak(root, tmp_path)
    history = read_history(root)
    (amendment,) = history.amendments
    assert amendment.diffs[0].fields == (("memo", "王某 139****5678 身份证 110***********002X", "王某"),)
    assert history.commits[0].author == "王某139****5678"


@pytest.mark.parametrize("subject", ["一月\x1e账目", "\x1e", "a\x1fb\x01c", "更正\r一月", "x\x00y"])
def test_a_commit_message_with_any_byte_does_not_stop_the_build(tmp_path, subject):
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "一月账目", "2024-02-01T10:00:00+08:00", {JAN: books("2024-01", [("a1", "1.00", "x")], "101.00")})
    # git commit refuses some of these bytes; a commit object can hold them all.
    parent, tree = git(root, "rev-parse", "HEAD").strip(), git(root, "write-tree").strip()
    raw = (f"tree {tree}\nparent {parent}\nauthor a\x1eb <a@b> 1706781600 +0800\n"
           f"committer c <c@d> 1706781600 +0800\n\n{subject}\n").encode()
    made = subprocess.run(["git", "-C", str(root), "hash-object", "-t", "commit", "-w", "--stdin"], input=raw,
                          capture_output=True, check=True)
    git(root, "update-ref", "HEAD", made.stdout.decode().strip())
    (root / JAN).write_text(books("2024-01", [("a1", "2.00", "x")], "102.00"), encoding="utf-8")
    git(root, "commit", "-qam", "一月更正", date="2024-02-02T10:00:00+08:00")
    history = read_history(root)
    assert [c.subject for c in history.commits] == ["一月更正", "一月账目"]   # the empty commit has no change
    assert history.files[JAN].changed.subject == "一月更正"
    assert build(root, tmp_path / "site", use_cache=False)[1]


def test_a_merge_that_edits_a_closed_month_is_an_amendment(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "一月账目", "2024-02-01T10:00:00+08:00", {JAN: books("2024-01", [("a1", "100.00", "x")], "200.00")})
    git(root, "checkout", "-q", "-b", "fix")
    fixed = commit(root, "一月补记", "2024-02-02T10:00:00+08:00",
                   {JAN: books("2024-01", [("a1", "100.00", "x"), ("a2", "1.00", "利息")], "201.00")})
    git(root, "checkout", "-q", "main")
    commit(root, "二月账目", "2024-03-01T10:00:00+08:00", {FEB: books("2024-02", [("b1", "5.00", "y")], "206.00")})
    git(root, "merge", "-q", "--no-ff", "--no-edit", "fix", date="2024-03-05T10:00:00+08:00")
    merge = git(root, "rev-parse", "HEAD").strip()
    history = read_history(root)
    assert [(a.commit.sha, a.month, a.later) for a in history.amendments] == [(merge, "2024-01", "2024-02")]
    assert [d.key for d in history.amendments[0].diffs] == ["a2", "closing:operating"]
    assert merge in {c.sha for c in history.commits} and fixed not in {c.sha for c in history.commits}
    assert history.files[JAN].changed.sha == merge                     # it reached the published line there


def test_deleting_and_adding_back_the_later_month_does_not_hide_an_amendment(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, "一月账目", "2024-02-01T10:00:00+08:00", {JAN: books("2024-01", [("a1", "100.00", "x")], "200.00")})
    commit(root, "二月账目", "2024-03-01T10:00:00+08:00", {FEB: books("2024-02", [("b1", "5.00", "y")], "205.00")})
    (root / FEB).unlink()
    git(root, "commit", "-qam", "暂时删除二月", date="2024-03-02T10:00:00+08:00")
    edit = commit(root, "改一月", "2024-03-03T10:00:00+08:00", {JAN: books("2024-01", [("a1", "90.00", "x")], "190.00")})
    commit(root, "加回二月", "2024-03-04T10:00:00+08:00", {FEB: books("2024-02", [("b1", "5.00", "y")], "195.00")})
    history = read_history(root)
    assert (edit, "2024-01", "2024-02") in [(a.commit.sha, a.month, a.later) for a in history.amendments]


def test_paths_git_quotes_read_back_as_written():
    assert _unquote('"records/files/\\344\\270\\200\\t\\"a\\".pdf"') == 'records/files/一\t"a".pdf'
    assert _unquote('"records/files/一\\tb.pdf"') == "records/files/一\tb.pdf"
    assert _unquote("records/files/一.pdf") == "records/files/一.pdf"
