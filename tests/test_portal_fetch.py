"""Fetching estates over HTTP from servers on 127.0.0.1 (a good one, a slow one, one serving a bad
manifest, one that is down) and from folders: bounded, concurrent, incremental, never a crash."""

from __future__ import annotations

import functools
import json
import os
import socket
import threading
import time
from collections import Counter
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from estate_sites import exports, write_site
from sunlight_gongshi.sitereader import SiteReader, read_in_folder
from sunlight_gongshi.portal import fetch
from sunlight_gongshi.portal.build import build_portal
from sunlight_gongshi.portal.fetch import bounded_map, fetch_estate, strong_last_modified
from sunlight_gongshi.portal.registry import Estate

SLOW_SECONDS = 1.0


class Server:
    """A site served on 127.0.0.1 in a thread; `behaviour` is good | slow | bad; stops with the test."""

    def __init__(self, folder: Path, behaviour: str = "good"):
        self.hits: Counter = Counter()
        self.release = threading.Event()
        outer = self

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.hits[self.path] += 1
                if behaviour == "slow":
                    outer.release.wait(5 * SLOW_SECONDS)   # longer than the estate's time; set at teardown
                if behaviour == "bad" and self.path.endswith("manifest.json"):
                    body = b"<html><body>404 - page not found</body></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().do_GET()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def stop(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve():
    started = []

    def start(folder: Path, behaviour: str = "good") -> Server:
        started.append(Server(folder, behaviour))
        return started[-1]
    yield start
    for server in started:
        server.stop()


def down_url() -> str:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def estate(ident: str, site: str) -> Estate:
    return Estate(id=ident, name=f"小区{ident}", site=site)


def test_a_slow_estate_delays_nothing_else(tmp_path, serve):
    for i in range(4):
        write_site(tmp_path / f"e{i}", exports(i))
    slow = serve(tmp_path / "e0", "slow")
    good = [serve(tmp_path / f"e{i}") for i in (1, 2, 3)]
    estates = [estate("slow", slow.url)] + [estate(f"g{i}", s.url) for i, s in enumerate(good)]
    start = time.monotonic()
    results = {f.estate.id: f for f in bounded_map(
        lambda e: fetch_estate(e, tmp_path, None, timeout=SLOW_SECONDS), estates, 2)}
    elapsed = time.monotonic() - start
    assert results["slow"].outcome == "unreachable" and "超时" in results["slow"].reason
    assert SLOW_SECONDS <= results["slow"].seconds < SLOW_SECONDS + 0.5
    for i in range(3):
        assert results[f"g{i}"].outcome == "fetched" and results[f"g{i}"].seconds < SLOW_SECONDS / 2
    assert elapsed < SLOW_SECONDS + 0.5     # the good ones went through the other connection meanwhile


def test_bounded_map_never_runs_more_than_its_workers():
    running, most = [0], [0]
    lock = threading.Lock()

    def work(item):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return item

    assert sorted(bounded_map(work, range(40), 3)) == list(range(40))
    assert most[0] == 3


def write_registry(root: Path, estates: list[tuple[str, str]]) -> Path:
    lines = ["estates:"]
    for ident, site in estates:
        lines += [f"  - id: {ident}", f"    name: 小区{ident}", "    neighbourhood: 示例社区", f"    site: {site!r}"]
    (root / "registry.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "registry.yml"


def statuses(root: Path) -> dict[str, str]:
    return {e["id"]: e["status"] for e in json.loads((root / "site/data/estates.json").read_text(encoding="utf-8"))}


def test_good_slow_bad_down_and_folder_estates_in_one_portal(tmp_path, serve):
    for i in range(4):
        write_site(tmp_path / "sites" / f"e{i}", exports(i))
    good, slow, bad = serve(tmp_path / "sites/e0"), serve(tmp_path / "sites/e1", "slow"), serve(tmp_path / "sites/e2", "bad")
    registry = write_registry(tmp_path, [("good", good.url), ("slow", slow.url), ("bad", bad.url),
                                         ("down", down_url()), ("folder", "sites/e3"), ("gone", "sites/nothing")])
    problems, built, rows = build_portal(registry, timeout=SLOW_SECONDS)
    assert built
    assert statuses(tmp_path) == {"good": "ok", "slow": "unreachable", "bad": "unreachable", "down": "unreachable",
                                  "folder": "ok", "gone": "unreachable"}
    reasons = {r.estate.id: r.reason for r in rows}
    assert "超时" in reasons["slow"]
    assert reasons["bad"] == "data/manifest.json 不是有效的 JSON（JSONDecodeError）；网站可能没有正确发布"
    assert "拒绝连接" in reasons["down"]
    assert reasons["gone"].startswith("找不到网站文件夹 ")
    assert [(p.line, p.level, p.code) for p in problems] == [
        (6, "warning", "W-PORTAL-UNREACHABLE"), (10, "warning", "W-PORTAL-UNREACHABLE"),
        (14, "warning", "W-PORTAL-UNREACHABLE"), (22, "warning", "W-PORTAL-UNREACHABLE")]
    assert problems[1].text().startswith("registry.yml:10: warning: 小区 bad（小区bad）无法访问，不计入汇总：")
    published = duckdb.sql(f"SELECT DISTINCT estate FROM '{tmp_path}/site/data/decisions.parquet' ORDER BY 1").fetchall()
    assert published == [("folder",), ("good",)]


def spy_folder_reads(monkeypatch) -> Counter:
    reads: Counter = Counter()
    original = SiteReader._read_file

    def spy(reader, rel, *limit):
        reads[(reader.folder.name, rel)] += 1
        return original(reader, rel, *limit)

    def spy_unchanged(folder, rel, most):   # the unchanged check's own read of the manifest
        reads[(folder.name, rel)] += 1
        return read_in_folder(folder, rel, most)
    monkeypatch.setattr(SiteReader, "_read_file", spy)
    monkeypatch.setattr(fetch, "read_in_folder", spy_unchanged)
    return reads


def test_an_unchanged_estate_is_not_fetched_again(tmp_path, serve, monkeypatch):
    for i in range(3):
        write_site(tmp_path / "sites" / f"e{i}", exports(i))
    web = serve(tmp_path / "sites/e0")
    registry = write_registry(tmp_path, [("web", web.url), ("a", "sites/e1"), ("b", "sites/e2")])
    build_portal(registry)
    assert sum(web.hits.values()) == 10                     # the manifest and nine exports (format 1.2)
    reads = spy_folder_reads(monkeypatch)
    web.hits.clear()
    build_portal(registry)
    assert dict(web.hits) == {"/data/manifest.json": 1}      # 304 Not Modified, or the same manifest
    assert set(reads) == {("e1", "data/manifest.json"), ("e2", "data/manifest.json")}

    reads.clear()
    write_site(tmp_path / "sites/e2", exports(99))          # b publishes anew
    build_portal(registry)
    assert {rel for name, rel in reads if name == "e1"} == {"data/manifest.json"}
    assert len([1 for name, _ in reads if name == "e2"]) == 10
    con = duckdb.connect(str(tmp_path / "site/data/portal.duckdb"), read_only=True)
    new_balance = exports(99)["finance"]["accounts"][0]["balance"]
    assert con.execute("SELECT CAST(balance AS VARCHAR) FROM finance_accounts WHERE estate = 'b' AND id = 'operating'"
                       ).fetchall() == [(new_balance,)]


def test_an_unchanged_manifest_reached_through_a_link_is_read_as_fetching_reads_it(tmp_path):
    """The unchanged check's quick read declines a link below the estate's folder, and the reader's
    rule decides: a manifest linked from outside is outside the site (unreachable), even with the
    very bytes of the last good data; one linked within the site is the site's (unchanged)."""
    for i in range(2):
        write_site(tmp_path / "sites" / f"e{i}", exports(i))
    registry = write_registry(tmp_path, [("a", "sites/e0"), ("b", "sites/e1")])
    build_portal(registry)
    for name, target in (("e0", tmp_path / "outside.json"), ("e1", tmp_path / "sites/e1/data/manifest.copy.json")):
        manifest = tmp_path / "sites" / name / "data/manifest.json"
        target.write_bytes(manifest.read_bytes())
        manifest.unlink()
        manifest.symlink_to(target)
    _problems, built, rows = build_portal(registry)
    assert built
    assert [(r.estate.id, r.status, r.reason) for r in rows] == [
        ("a", "unreachable", "data/manifest.json 在网站文件夹以外（或是指向外面的链接）"), ("b", "ok", "")]


def test_a_last_modified_within_the_second_of_the_response_is_not_trusted_for_next_time():
    assert strong_last_modified({"Last-Modified": "Sat, 05 Dec 2026 10:00:00 GMT",
                                 "Date": "Sat, 05 Dec 2026 10:00:00 GMT"}) is None
    assert strong_last_modified({"Last-Modified": "Sat, 05 Dec 2026 10:00:00 GMT",
                                 "Date": "Sat, 05 Dec 2026 10:00:01 GMT"}) == "Sat, 05 Dec 2026 10:00:00 GMT"
    assert strong_last_modified({"Last-Modified": "Sat, 05 Dec 2026 10:00:00 GMT"}) is None
    assert strong_last_modified({"Last-Modified": "yesterday", "Date": "Sat, 05 Dec 2026 10:00:01 GMT"}) is None


def test_an_estate_republished_within_the_second_it_was_read_is_read_anew(tmp_path, serve):
    def publish(seed: int) -> None:        # both publications stamped with one second (a fixed one, so no race)
        write_site(tmp_path / "sites/e0", exports(seed))
        for path in (tmp_path / "sites/e0").rglob("*"):
            os.utime(path, (second, second))
    second = int(time.time()) + 3600
    publish(0)
    web = serve(tmp_path / "sites/e0")
    registry = write_registry(tmp_path, [("web", web.url)])
    build_portal(registry)
    publish(99)
    web.hits.clear()
    build_portal(registry)
    assert web.hits["/data/finance.json"] == 1
    con = duckdb.connect(str(tmp_path / "site/data/portal.duckdb"), read_only=True)
    assert con.execute("SELECT CAST(balance AS VARCHAR) FROM finance_accounts WHERE estate = 'web' AND id = 'operating'"
                       ).fetchall() == [(exports(99)["finance"]["accounts"][0]["balance"],)]


def test_a_tampered_estate_is_left_out_and_comes_back_without_a_fetch(tmp_path, monkeypatch):
    for i in range(2):
        write_site(tmp_path / "sites" / f"e{i}", exports(i))
    registry = write_registry(tmp_path, [("a", "sites/e0"), ("b", "sites/e1")])
    build_portal(registry)
    finance = tmp_path / "sites/e1/data/finance.json"
    original = finance.read_bytes()
    finance.write_bytes(original.replace(b'"balance": "', b'"balance": "9', 1))   # edited after the build
    manifest = tmp_path / "sites/e1/data/manifest.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"commit": "a', b'"commit": "b', 1))   # and a new manifest
    problems, _, rows = build_portal(registry)
    assert statuses(tmp_path) == {"a": "ok", "b": "unverified"}
    assert {r.estate.id: r.reason for r in rows}["b"] == (
        "data/finance.json 与文件清单的 SHA-256 不符：文件被改动过，或不是同一次生成的")
    assert [p.code for p in problems] == ["W-PORTAL-UNVERIFIED"]
    assert duckdb.sql(f"SELECT DISTINCT estate FROM '{tmp_path}/site/data/finance_months.parquet'").fetchall() == [("a",)]
    index = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "本页汇总 1 个小区" in index and "1 个没有通过核验或无法访问" in index

    finance.write_bytes(original)
    write_site(tmp_path / "sites/e1", exports(1))           # the estate publishes its good site again
    reads = spy_folder_reads(monkeypatch)
    build_portal(registry)
    assert statuses(tmp_path) == {"a": "ok", "b": "ok"}
    assert set(reads) == {("e0", "data/manifest.json"), ("e1", "data/manifest.json")}   # the last good data


def test_an_estate_removed_from_the_registry_leaves_the_state(tmp_path):
    for i in range(2):
        write_site(tmp_path / "sites" / f"e{i}", exports(i))
    registry = write_registry(tmp_path, [("a", "sites/e0"), ("b", "sites/e1")])
    build_portal(registry)
    write_registry(tmp_path, [("a", "sites/e0")])
    build_portal(registry)
    state = duckdb.connect(str(tmp_path / ".sunlight/portal/portal.duckdb"), read_only=True)
    assert state.execute("SELECT DISTINCT estate FROM entries").fetchall() == [("a",)]
    assert statuses(tmp_path) == {"a": "ok"}
