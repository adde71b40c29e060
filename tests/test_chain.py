"""The chain a site publishes (record format section 8): made from one pass over git history,
reproducible, in files of 512 entries, named by the manifest and checked by `sunlight verify`."""

import hashlib
import json

import pytest

from sunlight_gongshi import chain
from sunlight_gongshi.build import build
from sunlight_gongshi.history.audit import read_history
from sunlight_gongshi.publishing.verify import verify
from sunlight_gongshi.site.output.output import FullBuild
from sunlight_gongshi.site.chainfiles import write_chain
from test_history import FEB, JAN, books, commit, git

GENESIS = "0" * 64


def expected_link(previous, commit_sha, records):
    return hashlib.sha256(f"{previous}\n{commit_sha}\n{records}".encode()).hexdigest()


def chain_rows(root):
    """(commit, committer date, records tree) of the chain as git itself says, one call per commit."""
    rows = []
    for line in git(root, "log", "--first-parent", "--reverse", "--format=%H %cI", "--", "records/").split("\n"):
        if line:
            sha, date = line.split(" ")
            rows.append((sha, date, git(root, "rev-parse", f"{sha}:records").strip()))
    return rows


@pytest.fixture
def estate(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


def test_the_chain_keeps_first_parent_commits_that_change_records_and_links_them(estate):
    shas = [commit(estate, "一月账目", "2024-02-01T10:00:00+08:00",
                   {JAN: books("2024-01", [("a1", "100.00", "停车费")], "200.00")})]
    (estate / "README.md").write_text("说明\n", encoding="utf-8")
    git(estate, "add", "-A")
    git(estate, "commit", "-qm", "只改说明", date="2024-02-02T10:00:00+08:00")        # records/ unchanged: not in the chain
    git(estate, "checkout", "-q", "-b", "side")
    side = commit(estate, "二月账目（分支上）", "2024-03-01T09:00:00+02:00",
                  {FEB: books("2024-02", [("b1", "5.00", "停车费")], "205.00")})
    git(estate, "checkout", "-q", "main")
    git(estate, "merge", "-q", "--no-ff", "side", "-m", "合并二月账目", date="2024-03-02T10:00:00-05:00")
    merge = git(estate, "rev-parse", "HEAD").strip()
    entries = read_history(estate).chain
    # The merge stands for the side branch's commit, as it reached the published branch.
    assert [e.commit for e in entries] == [shas[0], merge] and side not in [e.commit for e in entries]
    assert [(e.commit, e.date, e.records) for e in entries] == chain_rows(estate)
    assert [e.date for e in entries] == ["2024-02-01T10:00:00+08:00", "2024-03-02T10:00:00-05:00"]
    assert [e.seq for e in entries] == [1, 2]
    first = expected_link(GENESIS, entries[0].commit, entries[0].records)
    assert [e.link for e in entries] == [first, expected_link(first, entries[1].commit, entries[1].records)]

    later = commit(estate, "二月补记", "2024-03-06T10:00:00+08:00",
                   {FEB: books("2024-02", [("b1", "5.00", "停车费"), ("b2", "1.00", "利息")], "206.00")})
    extended = read_history(estate).chain
    assert extended[:2] == entries and (extended[2].seq, extended[2].commit) == (3, later)


def test_a_root_commit_without_records_is_not_in_the_chain_and_deleted_records_are_the_empty_tree(estate):
    (estate / "README.md").write_text("说明\n", encoding="utf-8")
    git(estate, "add", "-A")
    git(estate, "commit", "-qm", "开始", date="2024-01-01T10:00:00+08:00")
    first = commit(estate, "记录", "2024-02-01T10:00:00+08:00", {})
    git(estate, "rm", "-rq", "records")
    git(estate, "commit", "-qm", "删掉全部记录", date="2024-02-02T10:00:00+08:00")
    gone = git(estate, "rev-parse", "HEAD").strip()
    entries = read_history(estate).chain
    assert [(e.seq, e.commit) for e in entries] == [(1, first), (2, gone)]
    assert entries[1].records == chain.EMPTY_TREE[40] == git(estate, "hash-object", "-t", "tree", "/dev/null").strip()


def test_a_shallow_clone_publishes_no_chain(estate, tmp_path):
    commit(estate, "一月", "2024-02-01T10:00:00+08:00", {JAN: books("2024-01", [("a1", "1.00", "x")], "101.00")})
    commit(estate, "二月", "2024-03-01T10:00:00+08:00", {FEB: books("2024-02", [("b1", "1.00", "x")], "102.00")})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{estate}", str(clone))
    history = read_history(clone)
    assert history.shallow and history.chain == ()
    assert len(read_history(estate).chain) == 2


def synthetic(count):
    return chain.entries_from((f"{n:040x}", f"2024-01-01T00:00:{n % 60:02d}+08:00", f"{n + 7:040x}")
                              for n in range(1, count + 1))


def test_files_hold_512_entries_each_and_the_head_names_the_newest(tmp_path):
    entries = synthetic(1025)
    write_chain(tmp_path, entries, (), FullBuild())
    folder = tmp_path / "data/chain"
    assert sorted(p.name for p in folder.iterdir()) == ["0001.json", "0002.json", "0003.json", "head.json"]
    files = [json.loads((folder / f"000{n}.json").read_text())["entries"] for n in (1, 2, 3)]
    assert [len(f) for f in files] == [512, 512, 1]
    assert [files[0][0]["seq"], files[1][0]["seq"], files[2][0]["seq"]] == [1, 513, 1025]
    assert list(files[0][0]) == ["seq", "commit", "date", "records", "link"]
    head = json.loads((folder / "head.json").read_text())
    assert head == {"seq": 1025, "link": entries[-1].link, "commit": entries[-1].commit, "date": entries[-1].date,
                    "files": 3, "rewrites": []}
    # One entry a line: the line a reader (or `verify`) points to is the entry's.
    lines = (folder / "0002.json").read_text().split("\n")
    assert json.loads(lines[chain.entry_line(600) - 1].rstrip(","))["seq"] == 600
    read = lambda rel: (tmp_path / rel).read_bytes()  # noqa: E731
    assert chain.read_chain(read) == (chain.parse_head(read(chain.HEAD)), entries)


def test_without_a_chain_the_head_says_seq_0(tmp_path):
    write_chain(tmp_path, (), (), FullBuild())
    assert (tmp_path / "data/chain/head.json").read_text() == '{\n "seq": 0\n}\n'
    assert sorted(p.name for p in (tmp_path / "data/chain").iterdir()) == ["head.json"]


def test_the_manifest_names_the_head_and_verify_catches_one_edited_link(estate, tmp_path):
    for n in range(1, 4):
        commit(estate, f"{n} 月账目", f"2024-0{n + 1}-01T10:00:00+08:00",
               {f"records/finance/2024/2024-0{n}.yml": books(f"2024-0{n}", [(f"e{n}", "1.00", "x")], f"{100 + n}.00")})
    site = tmp_path / "site"
    problems, built = build(estate, site, use_cache=False)
    assert built, [p.text() for p in problems]
    entries = read_history(estate).chain
    head = json.loads((site / chain.HEAD).read_text())
    manifest = json.loads((site / "data/manifest.json").read_text())
    assert (head["seq"], head["link"]) == (3, entries[-1].link)
    assert manifest["chain"] == {"seq": 3, "link": entries[-1].link}
    assert {"data/chain/0001.json", "data/chain/head.json"} <= set(manifest["files"])
    assert verify(estate, site) == []

    published = site / "data/chain/0001.json"
    text = published.read_text()
    published.write_text(text.replace(entries[1].link, "f" * 64))
    found = [p.text() for p in verify(estate, site)]
    assert found == [
        "site/data/chain/0001.json:1: error: 内容与仓库重新生成的结果不同：这个文件被改动过，或不是从这个提交生成的  [E-VERIFY-DIFFERENT]",
        "site/data/chain/0001.json:3: error: data/chain/0001.json 第 2 条的 link 不是由前一条的 link、提交和 records "
        "算出的：修改链被人改动过，或已损坏  [E-VERIFY-CHAIN]"]
