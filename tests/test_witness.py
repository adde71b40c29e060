"""`sunlight witness` against real git histories (record format section 8): honest commits extend
the chain; an amended commit, an interactive rebase, a shorter history pushed by force and a
history rebuilt with the same messages are each caught at the right entry; a declared rewrite is
accepted with its reason; broken or hostile sites and state files get a clear line, never a
traceback, and never a state that forgets what it had seen."""

import functools
import json
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sunlight_gongshi.build import build
from sunlight_gongshi.cache.caches import Caches
from sunlight_gongshi.cli import main
from sunlight_gongshi.history.audit import read_history
from sunlight_gongshi.load.loader import load
from sunlight_gongshi.site.output.output import FullBuild
from sunlight_gongshi.site.chainfiles import declarations, write_chain
from sunlight_gongshi.portal.witnessing import file_name
from sunlight_gongshi.witness.run import witness
from test_history import books, commit, git

MONTHS = [f"records/finance/2024/2024-0{n}.yml" for n in range(1, 10)]


def month_commit(root, n, memo="停车费", date=None):
    """Commit n: the books of month n, dated the first of the next month."""
    return commit(root, f"{n} 月账目", date or f"2024-0{n + 1}-01T10:00:00+08:00",
                  {MONTHS[n - 1]: books(f"2024-0{n}", [(f"e{n}", "1.00", memo)], f"{100 + n}.00")})


def publish(root, site):
    """What a build publishes under data/chain/ (the same code), without running MkDocs."""
    records, _problems = load(root, Caches(root, enabled=False))
    shutil.rmtree(site / "data/chain", ignore_errors=True)
    write_chain(site, read_history(root).chain, declarations(records.rewrites), FullBuild())
    return json.loads((site / "data/chain/head.json").read_text())


def run(capsys, *args):
    """(exit status, stdout lines, stderr) of `sunlight witness`."""
    status = main(["witness", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def short(root, rev):
    return git(root, "rev-parse", "--short=7", rev).strip()


@pytest.fixture
def estate(tmp_path):
    root = tmp_path / "estate"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for n in (1, 2, 3):
        month_commit(root, n)
    site, state = tmp_path / "site", tmp_path / "state.json"
    publish(root, site)
    return root, site, state


def test_honest_commits_extend_the_chain(estate, capsys):
    root, site, state = estate
    assert run(capsys, site, "--state", state) == (0, [f"{site}: 首次记录：共 3 条，最新一条 2024-04-01（提交 {short(root, 'HEAD')}）"],
                                                   f"见证了 1 个网站：1 个首次记录。见证记录在 {state}\n")
    month_commit(root, 4)
    publish(root, site)
    assert run(capsys, site, "--state", state)[:2] == (0, [f"{site}: 一致：新增第 4 条，最新一条 2024-05-01（提交 {short(root, 'HEAD')}）"])
    month_commit(root, 5)
    month_commit(root, 6)
    publish(root, site)
    assert run(capsys, site, "--state", state)[:2] == (0, [f"{site}: 一致：新增第 5–6 条，最新一条 2024-07-01（提交 {short(root, 'HEAD')}）"])
    before = state.read_bytes()
    assert run(capsys, site, "--state", state)[:2] == (0, [f"{site}: 一致：没有新的修改（共 6 条，最新一条 2024-07-01）"])
    assert state.read_bytes() == before      # nothing new: the state is not even written
    remembered = json.loads(before)["sites"][str(site)]
    chain = read_history(root).chain
    assert remembered["head"] == {"seq": 6, "link": chain[-1].link, "commit": chain[-1].commit, "date": chain[-1].date}
    assert remembered["entries"] == [f"{e.link[:16]} {e.commit[:12]} {e.date[:10]}" for e in chain]
    assert remembered["rewrites"] == []


def rewritten_line(site, seq, old, old_day, now):
    return f"{site}: 改写：第 {seq} 条起（{old_day}）与此前所见不同：此前是提交 {old}（{old_day}），{now}"


def test_an_amended_commit_is_caught_at_its_entry_and_never_accepted(estate, capsys):
    root, site, state = estate
    run(capsys, site, "--state", state)
    old = short(root, "HEAD")
    held = state.read_bytes()
    (root / MONTHS[2]).write_text(books("2024-03", [("e3", "1.50", "停车费")], "103.50"), encoding="utf-8")
    git(root, "commit", "-q", "-a", "--amend", "--no-edit", date="2024-04-01T10:00:00+08:00")
    publish(root, site)
    line = rewritten_line(site, 3, old, "2024-04-01", f"现在是提交 {short(root, 'HEAD')}（2024-04-01）")
    assert run(capsys, site, "--state", state)[:2] == (1, [line])
    after = json.loads(state.read_text())["sites"][str(site)]
    assert after["head"] == json.loads(held)["sites"][str(site)]["head"]        # the old head is kept
    assert [(r["seq"], r["old"]["commit"][:7], r["new"]["commit"][:7], r["declared"]) for r in after["rewrites"]] == \
        [(3, old, short(root, "HEAD"), None)]
    # Asked again, the witness says it again, and notes the rewritten head only once.
    assert run(capsys, site, "--state", state)[:2] == (1, [line])
    assert len(json.loads(state.read_text())["sites"][str(site)]["rewrites"]) == 1
    # An honest commit on top of the rewritten history does not make it acceptable.
    month_commit(root, 4)
    publish(root, site)
    status, lines, _ = run(capsys, site, "--state", state)
    assert status == 1 and lines[0].startswith(f"{site}: 改写：第 3 条起（2024-04-01）")


def test_an_interactive_rebase_is_caught_at_the_first_commit_it_changed(estate, capsys):
    root, site, state = estate
    month_commit(root, 4)
    publish(root, site)
    run(capsys, site, "--state", state)
    second = short(root, "HEAD~2")
    # Edit the second commit in an interactive rebase, as a committee member would.
    env = {"GIT_SEQUENCE_EDITOR": "sed -i '2s/^pick/edit/'", "GIT_EDITOR": "true"}
    git(root, "rebase", "-q", "-i", "--root", env=env)
    (root / MONTHS[1]).write_text(books("2024-02", [("e2", "9.00", "停车费")], "109.00"), encoding="utf-8")
    git(root, "commit", "-q", "-a", "--amend", "--no-edit", env=env)
    git(root, "rebase", "--continue", env=env)
    publish(root, site)
    new = read_history(root).chain[1]
    line = rewritten_line(site, 2, second, "2024-03-01", f"现在是提交 {new.commit[:7]}（{new.date[:10]}）")
    assert run(capsys, site, "--state", state)[:2] == (1, [line])


def test_a_shorter_history_pushed_by_force_is_caught_where_it_was_cut(estate, capsys):
    root, site, state = estate
    month_commit(root, 4)
    publish(root, site)
    run(capsys, site, "--state", state)
    third = short(root, "HEAD~1")
    git(root, "reset", "-q", "--hard", "HEAD~2")
    publish(root, site)
    line = rewritten_line(site, 3, third, "2024-04-01", "现在修改链只到第 2 条")
    assert run(capsys, site, "--state", state)[:2] == (1, [line])


def test_a_history_rebuilt_with_the_same_messages_is_caught_at_the_first_changed_commit(estate, tmp_path, capsys):
    root, site, state = estate
    run(capsys, site, "--state", state)
    second = short(root, "HEAD~1")
    again = tmp_path / "again"
    again.mkdir()
    git(again, "init", "-q", "-b", "main")
    month_commit(again, 1)                           # the very same commit: same files, message, author, date
    month_commit(again, 2, memo="停车费（补）")       # the same message and date, other books
    month_commit(again, 3)
    assert git(again, "rev-parse", "HEAD~2").strip() == git(root, "rev-parse", "HEAD~2").strip()
    assert git(again, "log", "--format=%s %cI") == git(root, "log", "--format=%s %cI")
    shutil.rmtree(site)
    publish(again, site)
    line = rewritten_line(site, 2, second, "2024-03-01", f"现在是提交 {short(again, 'HEAD~1')}（2024-03-01）")
    assert run(capsys, site, "--state", state)[:2] == (1, [line])


def declare(root, link, reason="删除误公开的电话号码", day="2024-04-02"):
    return commit(root, "声明改写", f"{day}T10:00:00+08:00",
                  {"records/rewrites.yml": f'rewrites:\n  - date: {day}\n    replaces: "{link}"\n    reason: {reason}\n'})


def test_a_declared_rewrite_is_accepted_with_its_reason(estate, capsys):
    root, site, state = estate
    run(capsys, site, "--state", state)
    old = json.loads(state.read_text())["sites"][str(site)]["head"]
    (root / MONTHS[2]).write_text(books("2024-03", [("e3", "1.00", "王某")], "103.00"), encoding="utf-8")
    git(root, "commit", "-q", "-a", "--amend", "--no-edit", date="2024-04-01T10:00:00+08:00")
    declare(root, old["link"])
    head = publish(root, site)
    assert head["rewrites"] == [{"date": "2024-04-02", "replaces": old["link"], "reason": "删除误公开的电话号码"}]
    assert run(capsys, site, "--state", state)[:2] == (0, [
        f"{site}: 改写（已声明：删除误公开的电话号码）：第 3 条（2024-04-01）起与此前所见不同，已接受新的修改链（共 4 条）"])
    remembered = json.loads(state.read_text())["sites"][str(site)]
    assert remembered["head"]["link"] == head["link"]
    assert [(r["seq"], r["old"], r["declared"]) for r in remembered["rewrites"]] == [(3, old, "删除误公开的电话号码")]
    month_commit(root, 4)
    publish(root, site)
    assert run(capsys, site, "--state", state)[0] == 0


def test_a_declaration_of_another_head_does_not_cover_a_rewrite(estate, capsys):
    root, site, state = estate
    run(capsys, site, "--state", state)
    old = short(root, "HEAD")
    (root / MONTHS[2]).write_text(books("2024-03", [("e3", "1.00", "王某")], "103.00"), encoding="utf-8")
    git(root, "commit", "-q", "-a", "--amend", "--no-edit", date="2024-04-01T10:00:00+08:00")
    amended = short(root, "HEAD")
    declare(root, "ab" * 32, day="2024-03-15")       # dated before the head this witness holds
    publish(root, site)
    line = rewritten_line(site, 3, old, "2024-04-01", f"现在是提交 {amended}（2024-04-01）")
    assert run(capsys, site, "--state", state)[:2] == (1, [line])


def test_a_declaration_published_before_the_rewrite_covers_nothing(estate, capsys):
    """No one can declare in advance: a witness remembers the declarations it has already seen."""
    root, site, state = estate
    declare(root, "cd" * 32, reason="例行维护", day="2099-01-01")
    publish(root, site)
    run(capsys, site, "--state", state)
    assert json.loads(state.read_text())["sites"][str(site)]["declarations"] == ["cd" * 32]
    old = short(root, "HEAD~1")
    git(root, "reset", "-q", "--hard", "HEAD~1")
    git(root, "commit", "-q", "--amend", "-m", "三月账目（改过）", date="2024-04-01T10:00:00+08:00")
    declare(root, "cd" * 32, reason="例行维护", day="2099-01-01")
    publish(root, site)
    status, lines, _ = run(capsys, site, "--state", state)
    assert (status, lines) == (1, [rewritten_line(site, 3, old, "2024-04-01", f"现在是提交 {short(root, 'HEAD~1')}（2024-04-01）")])


def test_the_reason_a_site_gives_is_shown_on_one_line(estate, capsys):
    root, site, state = estate
    run(capsys, site, "--state", state)
    old = json.loads(state.read_text())["sites"][str(site)]["head"]
    git(root, "commit", "-q", "--amend", "-m", "改个说明", date="2024-04-01T10:00:00+08:00")
    publish(root, site)
    head = json.loads((site / "data/chain/head.json").read_text())
    head["rewrites"] = [{"date": "2024-04-02", "replaces": old["link"], "reason": "第一行\n\x1b[31m第二行\u202e 反"}]
    (site / "data/chain/head.json").write_text(json.dumps(head))
    assert run(capsys, site, "--state", state)[1] == [
        f"{site}: 改写（已声明：第一行 [31m第二行 反）：第 3 条（2024-04-01）起与此前所见不同，已接受新的修改链（共 3 条）"]


# --- hostile and broken sites -------------------------------------------------------------------

def unchecked(capsys, site, state, why):
    before = state.read_bytes() if state.exists() else None
    assert run(capsys, site, "--state", state)[:2] == (1, [f"{site}: 无法核对：{why}"])
    assert (state.read_bytes() if state.exists() else None) == before


def edit(site, rel, change):
    path = site / rel
    path.write_text(change(path.read_text()))


def test_a_site_without_a_chain(estate, tmp_path, capsys):
    _root, site, state = estate
    bare = tmp_path / "bare"
    bare.mkdir()
    unchecked(capsys, bare, state, f"网站没有公布修改链：没有 data/chain/head.json（文件夹 {bare}）。"
                                   "它不是用 Sunlight 1.2 以后的版本生成的，或者地址不对")
    missing = tmp_path / "missing"
    unchecked(capsys, missing, state, f"找不到网站文件夹 {missing}")


def test_a_site_built_outside_git_after_one_that_had_a_chain(estate, capsys):
    _root, site, state = estate
    run(capsys, site, "--state", state)
    shutil.rmtree(site / "data/chain")
    write_chain(site, (), (), FullBuild())
    unchecked(capsys, site, state, "网站这次没有公布修改链（data/chain/head.json 是 {\"seq\": 0}：不在 git 仓库中生成，"
                                   "或只取了部分历史）；仍记着此前所见的第 3 条（2024-04-01）")


@pytest.mark.parametrize("case, change, why", [
    ("not JSON", lambda t: t[:-5], "data/chain/head.json 不是有效的 JSON"),
    ("a list", lambda t: "[1, 2]", "data/chain/head.json 应是一组字段（{\"seq\": …}），却是 [1, 2]"),
    ("seq as text", lambda t: t.replace('"seq": 3', '"seq": "3"'), "data/chain/head.json 的 seq 应是不小于 0 的整数，却是 \"3\""),
    ("short link", lambda t: t.replace('"link": "', '"link": "0'), None),
    ("files", lambda t: t.replace('"files": 1', '"files": 2'), "data/chain/head.json 说有 2 个链文件，但 3 条应分在 1 个文件里"),
    ("rewrites", lambda t: t.replace('"rewrites": []', '"rewrites": [{"date": "2024-02-30", "replaces": "x", "reason": "y"}]'),
     "data/chain/head.json 的 rewrites 第 1 项的 date 不是真实的日期：2024-02-30"),
])
def test_a_malformed_head(estate, capsys, case, change, why):
    _root, site, state = estate
    run(capsys, site, "--state", state)
    edit(site, "data/chain/head.json", change)
    if why is None:
        link = json.loads((site / "data/chain/head.json").read_text())["link"]
        why = f"data/chain/head.json 的 link 应是 64 位十六进制数，却是 \"{link}\""
    unchecked(capsys, site, state, why)


def test_a_head_that_contradicts_its_files(estate, capsys):
    root, site, state = estate
    chain = read_history(root).chain
    edit(site, "data/chain/head.json", lambda t: t.replace(chain[2].link, chain[1].link))
    unchecked(capsys, site, state, f"data/chain/head.json 与 data/chain/0001.json 不符：head.json 说第 3 条是提交 "
                                   f"{chain[2].commit[:7]}（link {chain[1].link[:12]}…），文件里却是提交 {chain[2].commit[:7]}"
                                   f"（link {chain[2].link[:12]}…）")
    publish(root, site)
    edit(site, "data/chain/head.json", lambda t: t.replace('"seq": 3', '"seq": 2'))
    unchecked(capsys, site, state, "data/chain/0001.json 应有第 1–2 条（2 条，按 data/chain/head.json 的第 2 条算），却有 3 条")


def test_a_link_that_does_not_recompute(estate, capsys):
    root, site, state = estate
    chain = read_history(root).chain
    edit(site, "data/chain/0001.json", lambda t: t.replace(chain[1].records, chain[0].records))
    unchecked(capsys, site, state, "data/chain/0001.json 第 2 条的 link 不是由前一条的 link、提交和 records 算出的："
                                   "修改链被人改动过，或已损坏")


def test_a_missing_or_malformed_chain_file(estate, capsys):
    root, site, state = estate
    run(capsys, site, "--state", state)
    month_commit(root, 4)
    publish(root, site)
    edit(site, "data/chain/0001.json", lambda t: t.replace('"seq": 2,', '"seq": 7,'))
    unchecked(capsys, site, state, "data/chain/0001.json 第 2 条的 seq 应是 2，却是 7")
    edit(site, "data/chain/0001.json", lambda t: t.replace("{", "(", 2))
    unchecked(capsys, site, state, "data/chain/0001.json 不是有效的 JSON")
    (site / "data/chain/0001.json").unlink()
    unchecked(capsys, site, state, f"缺少修改链文件：没有 data/chain/0001.json（文件夹 {site}）")


def test_a_huge_head_is_refused_before_it_is_read(estate, capsys):
    _root, site, state = estate
    (site / "data/chain/head.json").write_bytes(b'{"seq": 1, "pad": "' + b"x" * 3_000_000 + b'"}')
    unchecked(capsys, site, state, "data/chain/head.json 太大：超过 256 KB（这个文件不应这么大）")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_url_that_redirects_to_another_site(estate, capsys):
    _root, site, state = estate
    elsewhere = serve(functools.partial(Quiet, directory=str(site)))

    class Redirect(Quiet):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{elsewhere.server_port}{self.path}")
            self.end_headers()

    here = serve(Redirect)
    try:
        url = f"http://127.0.0.1:{here.server_port}/"
        unchecked(capsys, url, state, f"{url}data/chain/head.json 转到了另一个网站 http://127.0.0.1:{elsewhere.server_port}/"
                                      "（只接受同一网站内的跳转）")
        served = f"http://127.0.0.1:{elsewhere.server_port}"
        assert run(capsys, served, "--state", state)[:2] == (0, [f"{served}: 首次记录：共 3 条，最新一条 2024-04-01（提交 "
                                                                 f"{short(_root, 'HEAD')}）"])
        assert list(json.loads(state.read_text())["sites"]) == [served + "/"]
    finally:
        here.shutdown()
        elsewhere.shutdown()


# --- usage: sites given twice, state files edited by hand ---------------------------------------

def test_a_site_given_twice_stops_the_run(estate, capsys):
    _root, site, state = estate
    assert run(capsys, site, site, "--state", state) == (2, [], f"sunlight: 网站 {site} 写了两次：每个网站只写一次\n")
    assert run(capsys, "https://Example.org/minghu", "https://example.org:443/minghu/", "--state", state) == (
        2, [], "sunlight: https://Example.org/minghu 和 https://example.org:443/minghu/ 是同一个网站（写了两次）：每个网站只写一次\n")
    assert not state.exists()


@pytest.mark.parametrize("change, why", [
    (lambda t: t[:40], "不是有效的 JSON（第 {line} 行第 {column} 列：{msg}）"),
    (lambda t: t.replace('"format": "sunlight-witness/1"', '"format": "sunlight-witness/9"'),
     "应是 {\"format\": \"sunlight-witness/1\", \"sites\": {…}}（sunlight witness 写下的样子）"),
    (lambda t: t.replace('"rewrites": []', '"rewrites": [], "note": 1'),
     "网站 {site} 的记录应有且只有 head、first_seen、entries、declarations、rewrites 五项"),
    (lambda t: t.replace('"seq": 3', '"seq": 2'), "网站 {site} 的 entries 应是 2 条（head 的 seq），却不是"),
    (lambda t: t.replace('"seq": 3', '"seq": true'), "网站 {site} 的 head 的 seq 应是正整数"),
    (lambda t: t.replace(' 2024-04-01"\n', ' 2024-04-02"\n'), "网站 {site} 的 entries 的最后一条与 head 不符"),
])
def test_a_state_file_edited_by_hand_stops_the_run_and_stays_as_it_was(estate, capsys, change, why):
    _root, site, state = estate
    run(capsys, site, "--state", state)
    state.write_text(change(state.read_text()))
    before = state.read_bytes()
    if "{line}" in why:
        try:
            json.loads(before)
        except json.JSONDecodeError as exc:
            why = why.replace("{line}", str(exc.lineno)).replace("{column}", str(exc.colno)).replace("{msg}", exc.msg)
    message = f"sunlight: 见证记录文件 {state} {why.replace('{site}', str(site))}；没有改动它。请改正这个文件，或用 --state 另指一个\n"
    assert run(capsys, site, "--state", state) == (2, [], message)
    assert state.read_bytes() == before


def test_notes_of_rewrites_edited_by_hand_are_kept_and_break_nothing(estate, capsys):
    root, site, state = estate
    run(capsys, site, "--state", state)
    state.write_text(state.read_text().replace('"rewrites": []', '"rewrites": [{"new": 5, "note": "手工加的"}]'))
    git(root, "commit", "-q", "--amend", "-m", "三月账目（改过）", date="2024-04-01T10:00:00+08:00")
    publish(root, site)
    status, lines, _ = run(capsys, site, "--state", state)
    assert status == 1 and lines[0].startswith(f"{site}: 改写：第 3 条起（2024-04-01）")
    notes = json.loads(state.read_text())["sites"][str(site)]["rewrites"]
    assert notes[0] == {"new": 5, "note": "手工加的"} and notes[1]["seq"] == 3 and len(notes) == 2


def test_a_state_file_another_run_holds(estate, capsys):
    import fcntl
    _root, site, state = estate
    with open(str(state) + ".lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert run(capsys, site, "--state", state) == (
            2, [], f"sunlight: 见证记录文件 {state} 正被另一个 sunlight witness 使用，请等它结束再运行\n")
    assert not state.exists()


def test_many_sites_one_line_each_and_one_failure_fails_the_run(estate, tmp_path, capsys):
    root, site, state = estate
    other = tmp_path / "other"
    shutil.copytree(site, other)
    bare = tmp_path / "bare"
    bare.mkdir()
    status, lines, err = run(capsys, site, other, bare, "--state", state)
    assert status == 1 and [line.split(": ", 1)[1][:4] for line in lines] == ["首次记录", "首次记录", "无法核对"]
    assert err == f"见证了 3 个网站：2 个首次记录，1 个无法核对。见证记录在 {state}\n"
    assert sorted(json.loads(state.read_text())["sites"]) == sorted([str(site), str(other)])


def test_the_default_state_and_the_portals_own_state_file(estate, tmp_path, capsys, monkeypatch):
    _root, site, _state = estate
    monkeypatch.chdir(tmp_path)
    assert run(capsys, site)[0] == 0
    assert list(json.loads((tmp_path / ".sunlight/witness.json").read_text())["sites"]) == [str(site)]
    portal_file = tmp_path / ".sunlight/portal/witness" / file_name(str(site))   # the portal's file of the site
    report = witness([str(site)], portal_file, now="2026-01-31T08:00:00Z")
    assert [o.kind for _s, o in report.results] == ["first"]
    assert json.loads(portal_file.read_text())["sites"][str(site)]["first_seen"] == \
        "2026-01-31T08:00:00Z"


def test_a_built_site_is_witnessed_and_its_rebuilt_history_caught(estate, tmp_path, capsys):
    """The whole way: `sunlight build` publishes the chain the witness reads."""
    root, _site, state = estate
    site = tmp_path / "built"
    assert build(root, site, use_cache=False)[1]
    assert run(capsys, site, "--state", state)[0] == 0
    old = short(root, "HEAD")
    git(root, "commit", "-q", "--amend", "-m", "三月账目（改过）", date="2024-04-01T10:00:00+08:00")
    assert build(root, site, use_cache=False)[1]
    assert run(capsys, site, "--state", state)[:2] == (1, [rewritten_line(
        site, 3, old, "2024-04-01", f"现在是提交 {short(root, 'HEAD')}（2024-04-01）")])
    audit = (site / "audit.html").read_text(encoding="utf-8")
    assert "声明过的改写（0 次）" in audit and "到 2024 年 4 月 1 日 为止共 3 条" in audit
    held = json.loads(state.read_text())["sites"][str(site)]["head"]["link"]
    declare(root, held)
    assert build(root, site, use_cache=False)[1]
    assert run(capsys, site, "--state", state)[:2] == (0, [
        f"{site}: 改写（已声明：删除误公开的电话号码）：第 3 条（2024-04-01）起与此前所见不同，已接受新的修改链（共 4 条）"])
    audit = (site / "audit.html").read_text(encoding="utf-8")
    assert "声明过的改写（1 次）" in audit
    assert f"<li><strong>2024 年 4 月 2 日</strong>：删除误公开的电话号码 <span class=\"sl-note\">（替换了修改链 {held[:12]}…）</span></li>" in audit


def test_records_rewrites_yml_is_checked_line_by_line(tree):
    link = "3f9a0c51e2b74d6e8a1c0b9d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f"
    problems = tree({"records/rewrites.yml": f"""\
        rewrites:
          - {{date: 2026-03-02, replaces: "{link}", reason: 删除误公开的电话号码}}
          - {{date: 2026-03-03, replaces: "{link[:-1]}", reason: 再删一次}}
          - {{date: 2026-03-04, replaces: {link[:40]}0, reason: 又一次}}
          - {{date: 2026-03-05, replaces: "{link}", reason: "  "}}
        """})
    assert [p.text() for p in problems] == [
        f"records/rewrites.yml:3: error: replaces：“{link[:-1]}” 不是修改链的 link：应是 64 位十六进制数字（0–9、a–f），"
        "现在是 63 个字符；请从改写前的网站的 data/chain/head.json 里把 link 整个复制过来  [E-LINK]",
        f"records/rewrites.yml:4: error: replaces：“{link[:40]}0” 不是修改链的 link：应是 64 位十六进制数字（0–9、a–f），"
        "现在是 41 个字符；请从改写前的网站的 data/chain/head.json 里把 link 整个复制过来  [E-LINK]",
        "records/rewrites.yml:5: error: reason：这里不能为空；请写上内容，或删掉这一行  [E-VALUE]"]


def test_a_declaration_copied_in_capitals_is_published_as_the_link_it_names(estate):
    root, site, _state = estate
    declare(root, "AB" * 32)
    assert publish(root, site)["rewrites"] == [{"date": "2024-04-02", "replaces": "ab" * 32, "reason": "删除误公开的电话号码"}]
