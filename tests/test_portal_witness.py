"""The portal as a witness of every estate (record format sections 7 and 8), against real git
repositories whose sites' data/ is written by the build's own code and served on 127.0.0.1: an
honest commit moves the head; a rewritten closed month makes the estate `rewritten`, listed first,
with the day history changed and the month's old and new figures; a declared rewrite is `ok` with
its reason; an amendment committed honestly is listed as a closed month changed between harvests;
and each site's file of the portal's witness memory is the very state of `sunlight witness --state`,
either way round (a witness.json of every site is read once and moved into the folder)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from estate_sites import exports, write_site
from sunlight_gongshi.cache.caches import Caches
from sunlight_gongshi.cli import main
from sunlight_gongshi.compute.figures import compute
from sunlight_gongshi.history import gitinfo
from sunlight_gongshi.history.audit import read_history
from sunlight_gongshi.portal.build import StateBusy, build_portal
from sunlight_gongshi.portal.witnessing import file_name
from sunlight_gongshi.site.chainfiles import declarations, write_chain
from sunlight_gongshi.site.exports import write_exports
from sunlight_gongshi.site.output.manifest import write_manifest
from sunlight_gongshi.site.output.output import FullBuild
from sunlight_gongshi.validate import validate_with
from sunlight_gongshi.witness.run import witness
from test_browser import serve
from test_history import books, commit, git
from test_witness import MONTHS, declare, month_commit

UTC = dt.timezone.utc
RUNS = [dt.datetime(2025, 4, d, 19, 30, tzinfo=UTC) for d in (18, 19, 20, 21)]
STAMPS = [f"2025-04-{d}T19:30:00Z" for d in (18, 19, 20, 21)]
SEEN = ["2025-04-19 03:30", "2025-04-20 03:30", "2025-04-21 03:30", "2025-04-22 03:30"]   # Beijing time


def publish_data(root: Path, www: Path) -> None:
    """The data/ a `sunlight build` of `root` publishes (exports, chain, manifest), by the build's
    own stages without MkDocs: the portal reads nothing else."""
    head = gitinfo.head(root)
    validated = validate_with(root, Caches(root, enabled=False), head)
    assert [p.text() for p in validated.problems if p.level == "error"] == []
    history, records = read_history(root), validated.records
    figures = compute(records, validated.context.today, history.closings, calendar=validated.context.calendar)
    shutil.rmtree(www / "data", ignore_errors=True)
    output = FullBuild(www)
    write_exports(www, records, figures, output)
    write_chain(www, history.chain, declarations(records.rewrites), output)
    write_manifest(www, head.sha if head else None, output, history.chain[-1] if history.chain else None)


class Office:
    """A registry of three estates: one never reachable, one synthetic site without a chain (format
    1.2 built outside git), and a git repository whose data/ is served over HTTP at one address."""

    def __init__(self, tmp_path: Path):
        self.base, self.root, self.www = tmp_path, tmp_path / "estate", tmp_path / "www"
        self.root.mkdir()
        self.www.mkdir()
        git(self.root, "init", "-q", "-b", "main")
        write_site(tmp_path / "sites/plain", exports(7), commit=None)
        self.server = serve(self.www)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        (tmp_path / "registry.yml").write_text(
            "estates:\n"
            "  - {id: gone, name: 无人小区, site: \"https://127.0.0.1:1/\"}\n"
            "  - {id: plain, name: 平安小区, neighbourhood: 河西社区, site: sites/plain}\n"
            f"  - {{id: qc, name: 晴川花园, neighbourhood: 河西社区, site: \"{self.url}\"}}\n", encoding="utf-8")
        self.runs = 0

    def publish(self) -> None:
        publish_data(self.root, self.www)

    def build(self):
        problems, built, rows = build_portal(self.base / "registry.yml", now=RUNS[self.runs], timeout=5)
        self.runs += 1
        assert built
        return [p.text() for p in problems if "qc" in p.text() or "plain" in p.text()], {r.estate.id: r for r in rows}

    def state(self, name: str):
        return json.loads((self.base / ".sunlight/portal" / name).read_text(encoding="utf-8"))

    def witnessed(self) -> dict:
        """Every site's memory in the portal's witness folder, each file one site's state file."""
        sites = {}
        for path in sorted((self.base / ".sunlight/portal/witness").glob("*.json")):
            state = json.loads(path.read_text(encoding="utf-8"))
            assert state["format"] == "sunlight-witness/1" and len(state["sites"]) == 1
            (key, memory), = state["sites"].items()
            assert path.name == file_name(key)
            sites[key] = memory
        return sites

    def witness_file(self) -> Path:
        return self.base / ".sunlight/portal/witness" / file_name(self.url)

    def page(self, path: str) -> str:
        html = (self.base / "site" / path).read_text(encoding="utf-8")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    def estate(self, ident: str) -> dict:
        return next(e for e in self.state_json() if e["id"] == ident)

    def state_json(self) -> list[dict]:
        return json.loads((self.base / "site/data/estates.json").read_text(encoding="utf-8"))


@pytest.fixture
def office(tmp_path):
    found = Office(tmp_path)
    for n in (1, 2, 3):
        month_commit(found.root, n)
    found.publish()
    yield found
    found.server.shutdown()


def short(root: Path, rev: str = "HEAD") -> str:
    return git(root, "rev-parse", "--short=7", rev).strip()


def test_an_honest_commit_is_accepted_and_the_head_moves(office):
    problems, rows = office.build()
    chain = read_history(office.root).chain
    remembered = office.witnessed()[office.url]
    assert remembered["head"] == {"seq": 3, "link": chain[-1].link, "commit": chain[-1].commit, "date": chain[-1].date}
    assert (rows["qc"].status, rows["qc"].witness) == (
        "ok", f"本站自 {SEEN[0]}（北京时间）起见证这个小区的修改链，现在记着第 3 条（2024-04-01，提交 {short(office.root)}）")
    assert list(office.witnessed()) == [office.url]      # the site without a chain has none
    assert rows["plain"].witness == "小区网站没有公布修改链（1.2 版以前的网站，或不在 git 仓库中生成），本站无法见证它的历史"
    assert rows["plain"].status == "ok"

    month_commit(office.root, 4)
    office.publish()
    problems, rows = office.build()
    chain = read_history(office.root).chain
    remembered = office.witnessed()[office.url]
    assert (remembered["head"]["seq"], remembered["head"]["link"], remembered["first_seen"]) == (4, chain[-1].link,
                                                                                                  STAMPS[0])
    assert remembered["entries"][-1] == f"{chain[-1].link[:16]} {chain[-1].commit[:12]} 2024-05-01"
    assert rows["qc"].status == "ok" and problems == []
    harvests = [json.loads(line.rstrip(",")) for line in
                (office.base / ".sunlight/portal/harvests/qc.json").read_text(encoding="utf-8").splitlines()[1:-1]]
    assert [h["head"] for h in harvests] == [{"seq": 3, "link": read_history(office.root).chain[2].link},
                                             {"seq": 4, "link": chain[-1].link}]
    assert office.estate("qc") == {"id": "qc", "name": "晴川花园", "status": "ok", "commit": chain[-1].commit,
                                   "harvested": STAMPS[1], "reference_date": "2024-05-01", "reason": None}
    assert "本站采集以来，已经结账的月份的收支数字没有变过。" in office.page("estate/qc.html")


def rewrite_march(office: Office) -> tuple[str, str]:
    """Force-push a history whose March books differ (1.50 of parking fees, not 1.00), April
    recommitted on top: (the old and the new commit of March)."""
    old = short(office.root, "HEAD~1")
    git(office.root, "reset", "-q", "--hard", "HEAD~2")
    commit(office.root, "3 月账目", "2024-04-01T10:00:00+08:00",
           {MONTHS[2]: books("2024-03", [("e3", "1.50", "停车费")], "103.50")})
    new = short(office.root)
    commit(office.root, "4 月账目", "2024-05-01T10:00:00+08:00",
           {MONTHS[3]: books("2024-04", [("e4", "1.00", "停车费")], "104.50")})
    office.publish()
    return old, new


def test_a_rewritten_closed_month_makes_the_estate_rewritten_listed_first_with_old_and_new(office):
    month_commit(office.root, 4)
    office.publish()
    office.build()
    held = office.witnessed()[office.url]["head"]
    old, new = rewrite_march(office)
    problems, rows = office.build()
    reason = f"改写：第 3 条起（2024-04-01）与此前所见不同：此前是提交 {old}（2024-04-01），现在是提交 {new}（2024-04-01）"
    assert problems == [f"registry.yml:4: warning: 小区 qc（晴川花园）的历史被改写，没有声明，不计入汇总：{reason}  "
                        "[W-PORTAL-REWRITTEN]"]
    assert (rows["qc"].status, rows["qc"].reason, rows["qc"].first_day) == ("rewritten", reason, "2024-04-01")
    assert office.estate("qc")["status"] == "rewritten" and office.estate("qc")["reason"] == reason
    after = office.witnessed()[office.url]
    assert after["head"] == held                                                  # never accepted, never forgotten
    assert [(r["seq"], r["declared"]) for r in after["rewrites"]] == [(3, None)]

    change = "2024-03 operating 收入 1.00，月末 103.00 收入 1.50，月末 103.50"
    compared = f"与本站 {SEEN[0]}（北京时间）采集的数据相比，这些已经结账的月份的数字变了："
    for path in ("index.html", "estates.html"):
        page = office.page(path)
        top = "1 个小区的历史被改写了，没有声明：不计入任何数字"
        assert page.index(top) < page.index("按社区" if path == "estates.html" else "本页汇总"), path
        assert f"晴川花园 ：从 2024-04-01 的那一条起与本站此前所见不同 {reason} {compared} 月份 账户 原来 现在 {change}" \
            in page, path
    assert "本页汇总 1 个小区" in office.page("index.html")                          # only plain counts
    estate = office.page("estate/qc.html")
    assert f"历史被改写：不计入任何数字 {reason} 这个小区已经公开过的修改记录被改掉了" in estate
    assert f"{compared} 月份 账户 原来 现在 {change}" in estate
    problems_page = office.page("list/problems-1.html")
    assert problems_page.index("晴川花园 历史被改写") < problems_page.index("无人小区 无法访问")   # first, though later
    assert f"晴川花园 改写历史（没有声明） 2024-03 operating 收入 1.00，月末 103.00 收入 1.50，月末 103.50 {SEEN[1]}" \
        in office.page("list/amended-1.html")

    problems, rows = office.build()              # asked again: still rewritten, noted once
    assert rows["qc"].status == "rewritten" and len(office.witnessed()[office.url]["rewrites"]) == 1
    assert len(office.state("amendments.json")["estates"]["qc"]) == 1


def test_a_declared_rewrite_is_ok_with_its_reason(office):
    office.build()
    held = office.witnessed()[office.url]["head"]
    (office.root / MONTHS[2]).write_text(books("2024-03", [("e3", "1.00", "王某")], "103.00"), encoding="utf-8")
    git(office.root, "commit", "-q", "-a", "--amend", "--no-edit", date="2024-04-01T10:00:00+08:00")
    declare(office.root, held["link"])
    office.publish()
    problems, rows = office.build()
    text = "改写（已声明：删除误公开的电话号码）：第 3 条（2024-04-01）起与此前所见不同，已接受新的修改链（共 4 条）"
    assert problems == [f"registry.yml:4: warning: 小区 qc（晴川花园）：{text}  [W-PORTAL-REWRITE-DECLARED]"]
    note = f"已声明的改写（本站 {STAMPS[1][:10]} 见到）：删除误公开的电话号码"
    assert (rows["qc"].status, rows["qc"].witness_note) == ("ok", note)
    assert office.estate("qc")["reason"] == note
    assert office.witnessed()[office.url]["head"]["link"] == read_history(office.root).chain[-1].link
    estate = office.page("estate/qc.html")
    assert f"{note} 本站见到过的改写： 本站见到于 从第几条起 此前所见 改写后 声明的理由 {SEEN[1]} 3 第 3 条，2024-04-01 " \
           "第 4 条，2024-04-02 删除误公开的电话号码" in estate
    assert "本站采集以来，已经结账的月份的收支数字没有变过。" in estate           # the figures stayed as they were
    assert "本页汇总 2 个小区" in office.page("index.html")


def test_an_amendment_committed_honestly_is_listed_as_a_closed_month_changed(office):
    office.build()
    commit(office.root, "更正 2 月账目", "2024-04-05T10:00:00+08:00",
           {MONTHS[1]: books("2024-02", [("e2", "2.00", "停车费")], "103.00"),
            MONTHS[2]: books("2024-03", [("e3", "1.00", "停车费")], "104.00")})
    office.publish()
    problems, rows = office.build()
    assert rows["qc"].status == "ok" and problems == []
    assert office.witnessed()[office.url]["head"]["seq"] == 4
    assert office.state("amendments.json") == {"format": "sunlight-portal-amendments/1", "estates": {"qc": [
        {"found": STAMPS[1], "since": STAMPS[0], "kind": "amended", "month": "2024-02", "account": "operating",
         "old": {"opening": "101.00", "income": "1.00", "expense": "0.00", "closing": "102.00"},
         "new": {"opening": "101.00", "income": "2.00", "expense": "0.00", "closing": "103.00"}}]}}
    row = f"2024-02 operating 收入 1.00，月末 102.00 收入 2.00，月末 103.00 {SEEN[1]}"
    assert f"晴川花园 结账后又改（新的修改） {row}" in office.page("list/amended-1.html")
    assert f"结账以后改过的月份 已经结账的月份，后来采集时数字变了的（新发现的在前）： 怎样改的 月份 账户 原来 现在 本站发现于 " \
           f"结账后又改（新的修改） {row}" in office.page("estate/qc.html")
    assert "结账以后改过的月份 ：原来和现在的数字" in office.page("index.html")
    assert (office.base / "site/data/amendments.csv").read_text(encoding="utf-8") == (
        "estate,kind,month,account,old_opening,old_income,old_expense,old_closing,new_opening,new_income,new_expense,"
        "new_closing,since,found\n"
        "qc,amended,2024-02,operating,101.00,1.00,0.00,102.00,101.00,2.00,0.00,103.00,2025-04-18 19:30:00,"
        "2025-04-19 19:30:00\n")


def test_each_witness_file_is_the_state_of_sunlight_witness_either_way(office, tmp_path, capsys):
    office.build()
    portal_state = office.witness_file()
    written = portal_state.read_bytes()
    assert main(["witness", office.url, "--state", str(portal_state)]) == 0
    assert capsys.readouterr().out == f"{office.url}: 一致：没有新的修改（共 3 条，最新一条 2024-04-01）\n"
    assert portal_state.read_bytes() == written

    month_commit(office.root, 4)
    office.publish()
    theirs = tmp_path / "theirs.json"
    shutil.copyfile(portal_state, theirs)
    witness([office.url], theirs, now=STAMPS[1])         # `sunlight witness` and the portal, the same new head
    office.build()
    assert portal_state.read_bytes() == theirs.read_bytes()
    assert [p.name for p in portal_state.parent.glob("*.json")] == [portal_state.name]   # the site without a chain has none


def _new_office(office, tmp_path) -> Path:
    other = tmp_path / "other"
    shutil.copytree(office.base / "sites", other / "sites")
    (other / "registry.yml").write_text((office.base / "registry.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (other / ".sunlight/portal").mkdir(parents=True)
    return other


def test_a_witness_json_of_every_site_is_read_once_and_moved_into_the_folder(office, tmp_path):
    """The portal's one file of before (or one `sunlight witness` wrote) given to a portal: each site's
    memory goes into the folder as that site's own state file, kept as it was, and the file is renamed."""
    theirs = tmp_path / "theirs.json"
    witness([office.url], theirs, now=STAMPS[0])
    state = json.loads(theirs.read_text(encoding="utf-8"))
    other_site = "https://example.org/gone/"
    state["sites"][other_site] = state["sites"][office.url]          # a site no longer registered: kept too
    theirs.write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    other = _new_office(office, tmp_path)
    old = other / ".sunlight/portal/witness.json"
    shutil.copyfile(theirs, old)

    _problems, _built, found = build_portal(other / "registry.yml", now=RUNS[1], timeout=5)
    rows = {r.estate.id: r for r in found}
    assert {e: r.status for e, r in rows.items()} == {"gone": "unreachable", "plain": "ok", "qc": "ok"}
    folder = other / ".sunlight/portal/witness"
    assert sorted(p.name for p in folder.iterdir()) == sorted([file_name(office.url), file_name(other_site)])
    for site in (office.url, other_site):
        assert json.loads((folder / file_name(site)).read_text(encoding="utf-8")) == \
            {"format": "sunlight-witness/1", "sites": {site: state["sites"][site]}}
    assert not old.exists()
    assert (other / ".sunlight/portal/witness.json.moved").read_bytes() == theirs.read_bytes()
    assert rows["qc"].witness == "本站自 2025-04-19 03:30（北京时间）起见证这个小区的修改链，现在记着第 3 条（2024-04-01，提交 " \
        f"{short(office.root)}）"

    # Read once: the moved file is never read again, and a later run keeps the folder's memory.
    (other / ".sunlight/portal/witness.json.moved").write_text("not json", encoding="utf-8")
    month_commit(office.root, 4)
    office.publish()
    _problems, _built, found = build_portal(other / "registry.yml", now=RUNS[2], timeout=5)
    assert [r.status for r in found if r.estate.id == "qc"] == ["ok"]
    assert json.loads((folder / file_name(office.url)).read_text(encoding="utf-8"))["sites"][office.url]["head"]["seq"] == 4


def test_a_witness_json_beside_the_folder_adds_only_the_sites_the_folder_lacks(office, tmp_path):
    """Both at once (a run stopped between writing the folder and renaming the file): the folder's
    memory of a site is the newer one and is kept."""
    office.build()
    before = office.witness_file().read_bytes()           # head 3
    month_commit(office.root, 4)
    office.publish()
    office.build()
    newer = office.witness_file().read_bytes()            # head 4
    old = office.base / ".sunlight/portal/witness.json"
    old.write_bytes(before)
    problems, rows = office.build()
    assert rows["qc"].status == "ok" and problems == []
    assert office.witness_file().read_bytes() == newer
    assert not old.exists() and (office.base / ".sunlight/portal/witness.json.moved").read_bytes() == before


BAD_MEMORY = '{"format": "sunlight-witness/1", "sites": {"x": 1}}\n'
ADVICE = "；没有改动它。请从备份或缓存恢复这个文件，或把它移走（门户会从头见证这个文件记着的网站，以前见到的历史就不再比较）"


def test_a_witness_json_that_is_not_one_stops_the_run_and_is_left_as_it_is(office):
    state = office.base / ".sunlight/portal/witness.json"
    state.parent.mkdir(parents=True)
    state.write_text(BAD_MEMORY, encoding="utf-8")
    with pytest.raises(StateBusy) as caught:
        office.build()
    assert str(caught.value) == f"门户的见证记录 {state} 网站 x 的记录应有且只有 head、first_seen、entries、declarations、rewrites 五项{ADVICE}"
    assert state.read_text(encoding="utf-8") == BAD_MEMORY
    assert list((office.base / ".sunlight/portal/witness").iterdir()) == []


@pytest.mark.parametrize("case", ["not a state", "another site's", "two sites"])
def test_a_witness_file_that_is_not_its_sites_stops_the_run_and_is_left_as_it_is(office, case):
    """A file of the folder from a cache or an editor is read as untrusted: one that is not a
    witness's, or that holds another site than its name says, stops the run before anything is
    written (continuing would forget that site's history), and is left as it is."""
    office.build()
    path = office.witness_file()
    memory = office.witnessed()[office.url]
    text = {"not a state": BAD_MEMORY,
            "another site's": json.dumps({"format": "sunlight-witness/1", "sites": {"https://example.org/": memory}}),
            "two sites": json.dumps({"format": "sunlight-witness/1",
                                     "sites": {office.url: memory, "https://example.org/": memory}})}[case]
    path.write_text(text, encoding="utf-8")
    harvests = (office.base / ".sunlight/portal/harvests/qc.json").read_bytes()
    month_commit(office.root, 4)
    office.publish()
    with pytest.raises(StateBusy) as caught:
        office.build()
    assert str(caught.value) == f"门户的见证记录 {path} " + (
        f"网站 x 的记录应有且只有 head、first_seen、entries、declarations、rewrites 五项{ADVICE}" if case == "not a state" else
        f"应只记一个网站，文件名是这个网站地址的摘要（witness/<摘要>.json），却不是{ADVICE}")
    assert path.read_text(encoding="utf-8") == text
    assert (office.base / ".sunlight/portal/harvests/qc.json").read_bytes() == harvests


def test_an_estate_that_stops_publishing_its_chain_is_unverified(office):
    office.build()
    plain = office.base / "plain-records"
    shutil.copytree(office.root, plain, ignore=shutil.ignore_patterns(".git"))
    publish_data(plain, office.www)                   # the same records, built outside git
    problems, rows = office.build()
    chain = read_history(office.root).chain
    reason = ("无法核对：网站这次没有公布修改链（data/chain/head.json 是 {\"seq\": 0}：不在 git 仓库中生成，或只取了部分历史）"
              "；仍记着此前所见的第 3 条（2024-04-01）")
    assert (rows["qc"].status, rows["qc"].reason) == ("unverified", reason)
    assert office.witnessed()[office.url]["head"]["link"] == chain[-1].link
