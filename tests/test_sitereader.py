"""The bounded reader of published sites shared by the portal and `sunlight witness`."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sunlight_gongshi.sitereader import Limits, Missing, SiteReader, Unreadable, read_in_folder


class Hostile:
    """127.0.0.1 serving fixed answers by path: (status, headers, body or a body generator)."""

    def __init__(self, routes):
        outer = self
        self.routes = routes

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                status, headers, body = outer.routes.get(self.path, (404, {}, b"no"))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value.replace("{self}", outer.url.rstrip("/")))
                self.end_headers()
                try:
                    for chunk in ([body] if isinstance(body, bytes) else body()):
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hostile():
    started = []

    def start(routes):
        started.append(Hostile(routes))
        return started[-1]
    yield start
    for server in started:
        server.stop()


def test_a_redirect_within_the_site_is_followed(hostile):
    site = hostile({"/a.json": (302, {"Location": "{self}/b.json"}, b""), "/b.json": (200, {}, b"{}")})
    assert SiteReader(site.url).read("a.json") == b"{}"


def test_a_redirect_to_another_host_is_refused(hostile):
    other = hostile({"/data/manifest.json": (200, {}, b'{"other": true}')})
    site = hostile({"/data/manifest.json": (301, {"Location": other.url.replace("127.0.0.1", "localhost")
                                                   + "data/manifest.json"}, b"")})
    with pytest.raises(Unreadable) as exc:
        SiteReader(site.url).read("data/manifest.json")
    assert str(exc.value) == (f"{site.url}data/manifest.json 转到了另一个网站 "
                              f"{other.url.replace('127.0.0.1', 'localhost')}（只接受同一网站内的跳转）")


def test_a_declared_length_past_the_budget_is_refused_before_reading(hostile):
    site = hostile({"/big": (200, {"Content-Length": str(200 * 1024 * 1024)}, b"x")})
    with pytest.raises(Unreadable) as exc:
        SiteReader(site.url, limits=Limits(total_bytes=1024 * 1024)).read("big")
    assert str(exc.value) == f"{site.url}big 太大：这个网站的文件合计超过 1 MB"


def test_an_undeclared_stream_stops_at_the_budget(hostile):
    sent = []

    def endless():
        for _ in range(10_000):
            sent.append(1)
            yield b"x" * 65536
    site = hostile({"/big": (200, {}, endless)})
    reader = SiteReader(site.url, limits=Limits(total_bytes=2 * 1024 * 1024))
    with pytest.raises(Unreadable) as exc:
        reader.read("big")
    assert "太大" in str(exc.value) and reader.used <= 2 * 1024 * 1024 + 65536
    assert len(sent) < 10_000


def test_the_budget_covers_every_file_of_the_site(tmp_path):
    (tmp_path / "a").write_bytes(b"x" * 700)
    (tmp_path / "b").write_bytes(b"y" * 700)
    reader = SiteReader(str(tmp_path), limits=Limits(total_bytes=1000))
    assert reader.read("a") == b"x" * 700
    with pytest.raises(Unreadable) as exc:
        reader.read("b")
    assert str(exc.value) == "b 太大：这个网站的文件合计超过 1,000 字节"


def test_a_missing_file_is_missing(hostile, tmp_path):
    site = hostile({})
    with pytest.raises(Missing):
        SiteReader(site.url).read("data/chain/head.json")
    with pytest.raises(Missing):
        SiteReader(str(tmp_path)).read("data/chain/head.json")


def test_a_folder_site_never_reads_outside_itself(tmp_path):
    (tmp_path / "secret").write_text("x")
    site = tmp_path / "site"
    site.mkdir()
    os.symlink(tmp_path / "secret", site / "link")
    for rel in ("link", "../secret"):
        with pytest.raises(Unreadable) as exc:
            SiteReader(str(site)).read(rel)
        assert str(exc.value) == f"{rel} 在网站文件夹以外（或是指向外面的链接）"


def test_the_quick_folder_read_gives_the_readers_bytes_or_declines(tmp_path):
    """`read_in_folder` (the portal's check of thousands of unchanged manifests) gives what the
    reader gives for a plain file, and declines (None) everything the reader would have to judge:
    links below the folder, whether they lead out or not, a pipe (without waiting for a writer),
    a folder, a missing file, a file past the size, a path with "..", "." or an empty part."""
    site = tmp_path / "site"
    (site / "data/inner").mkdir(parents=True)
    (site / "data/manifest.json").write_bytes(b"{}\n" * 10)
    (tmp_path / "outside.json").write_bytes(b"{}\n")
    assert read_in_folder(site, "data/manifest.json", 30) == SiteReader(str(site)).read("data/manifest.json") == b"{}\n" * 10
    assert read_in_folder(tmp_path / "." / "site", "data/manifest.json", 30) == b"{}\n" * 10
    (site / "out.json").symlink_to(tmp_path / "outside.json")
    (site / "in.json").symlink_to(site / "data/manifest.json")
    (site / "linked").symlink_to(site / "data")
    os.mkfifo(site / "pipe")
    for rel in ("out.json", "in.json", "linked/manifest.json", "pipe", "data", "data/inner", "missing.json",
                "../outside.json", "data/../data/manifest.json", "./data/manifest.json", "data//manifest.json"):
        assert read_in_folder(site, rel, 1000) is None, rel
    assert read_in_folder(site, "data/manifest.json", 29) is None
    assert read_in_folder(tmp_path / "nothing", "data/manifest.json", 1000) is None
