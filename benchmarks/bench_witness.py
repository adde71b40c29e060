"""What being a witness costs a resident's phone (record format section 8), at 20 years of history.

The chain of a repository of 5,000 commits over 20 years (`history_repo.py`, as bench_history
uses) is published under data/chain/ beside a page that carries the witness (witness.js and its
notice template), served gzip-compressed with ETags as static hosts serve it.  Headless Chromium
at 390 px then visits as a resident would and the script's own requests are counted:
  - the first visit (head.json only);
  - a return with the head unchanged (head.json, revalidated: 304 Not Modified);
  - a return after one new commit (head.json and the file holding the stored seq);
  - a return after one new commit that opens a new chain file (the worst case: two files);
  - a return after a rewrite (the files from the phone's first seen entry, to name the date);
each as the requests the server answered, bytes of JSON (uncompressed) and bytes on the wire (gzip
bodies plus headers; a 304 has no body).  Then `sunlight witness` on the same folder: the time of a
first record and of a check after one new commit, and the size of its state file.
Usage: python3 benchmarks/bench_witness.py [REPO_DIR]
Needs Debian's chromium and Playwright (pip install -e '.[test]').
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import io
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(REPO / "generator"))
from history_repo import write_history_repo  # noqa: E402
from sunlight_gongshi import chain as chains  # noqa: E402
from sunlight_gongshi.history.audit import read_history  # noqa: E402
from sunlight_gongshi.site.chainfiles import write_chain  # noqa: E402
from sunlight_gongshi.site.mkdocs.config import THEME_DIR, witness_words  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>witness</title></head><body>
<template id="sl-witness" data-site="./" data-day="{day}"><aside class="sl-witness" aria-labelledby="t">
<p id="t">{title}</p><p data-when="date">{text}</p><p data-when="unknown">{unknown}</p>
<p><a href="audit.html#chain">{link}</a> <button type="button">{dismiss}</button></p></aside></template>
<p>page</p><script defer src="assets/javascripts/witness.js"></script></body></html>
"""


class Host(SimpleHTTPRequestHandler):
    """A static host as residents meet one (GitHub Pages sends these headers): text gzip-compressed,
    an ETag and `Cache-Control: max-age=600`, 304 Not Modified when the ETag matches."""

    protocol_version = "HTTP/1.1"

    answered: list[tuple[str, int]] = []     # (file, status) of every chain request, as the server saw it

    def log_message(self, *args):
        pass

    def send_response(self, code, message=None):
        if "/data/chain/" in self.path:
            self.answered.append((self.path.rsplit("/", 1)[1], code))
        super().send_response(code, message)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        tag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        body = gzip.compress(data, 6) if "gzip" in self.headers.get("Accept-Encoding", "") else data
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if body is not data:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", tag)
        self.end_headers()
        return io.BytesIO(body)


def publish(site: Path, entries) -> None:
    shutil.rmtree(site / "data/chain", ignore_errors=True)
    write_chain(site, entries, ())


def visit(page, url: str, site: Path) -> dict:
    """One page view: the witness's requests as the server answered them, and their bytes."""
    seen = []
    listener = lambda response: seen.append(response) if "/data/chain/" in response.url else None  # noqa: E731
    Host.answered.clear()
    page.on("response", listener)
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(200)
    page.remove_listener("response", listener)
    wire = sum(r.request.sizes()["responseBodySize"] + r.request.sizes()["responseHeadersSize"] for r in seen)
    answered = list(Host.answered)
    sent = sum((site / "data/chain" / name).stat().st_size for name, code in answered if code == 200)
    return {"files": [f"{name} {code}" for name, code in answered], "json": sent, "wire": wire}


def report(name: str, found: dict) -> None:
    print(f"{name:46s} {len(found['files']):2d} req  {found['json'] / 1024:7.1f} KiB JSON  "
          f"{found['wire'] / 1024:6.1f} KiB on the wire   {', '.join(found['files'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", nargs="?", type=Path, help="a git repository of records (written there when it has no .git)")
    args = parser.parse_args()
    repo = args.repo or Path(tempfile.mkdtemp(prefix="sunlight-history-")) / "repo"
    if not (repo / ".git").exists():
        print(f"repository: {write_history_repo(repo)} commits")
    entries = read_history(repo).chain
    print(f"chain: {len(entries)} entries in {chains.file_count(len(entries))} files")
    site = Path(tempfile.mkdtemp(prefix="sunlight-witness-"))
    words = witness_words("zh")
    (site / "index.html").write_text(PAGE.format(day=words["witness_day"], title=words["witness_title"],
                                                 text=words["witness_text"], unknown=words["witness_text_unknown"],
                                                 link=words["witness_link"], dismiss=words["witness_dismiss"]),
                                     encoding="utf-8")
    script = THEME_DIR / "assets/javascripts/witness.js"
    (site / "assets/javascripts").mkdir(parents=True)
    shutil.copyfile(script, site / "assets/javascripts/witness.js")
    print(f"witness.js: {script.stat().st_size / 1024:.1f} KiB, {len(gzip.compress(script.read_bytes(), 6)) / 1024:.1f} "
          "KiB gzip (once, with the page's other scripts)")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/index.html"
    boundary = (len(entries) - 1) // chains.PER_FILE * chains.PER_FILE   # a head that ends a file

    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        publish(site, entries[:-1])
        report(f"first visit (head at {len(entries) - 1})", visit(page, url, site))
        report("return, head unchanged", visit(page, url, site))
        publish(site, entries)
        report(f"return after one new commit ({len(entries)})", visit(page, url, site))
        report("return, head unchanged", visit(page, url, site))

        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        publish(site, entries[:boundary])
        visit(page, url, site)
        publish(site, entries[:boundary + 1])
        report(f"one new commit opening a new file ({boundary + 1})", visit(page, url, site))
        rewritten = chains.entries_from([(e.commit, e.date, e.records) for e in entries[:boundary - 40]] +
                                        [("f" * 40, e.date, e.records) for e in entries[boundary - 40:boundary + 1]])
        publish(site, rewritten)
        found = visit(page, url, site)
        notice = page.locator("#sl-witness-notice").count()
        report(f"after a rewrite 41 entries back (notice: {notice})", found)
        browser.close()
    server.shutdown()
    bench_cli(site, entries)
    shutil.rmtree(site)


def bench_cli(site: Path, entries) -> None:
    """`sunlight witness` (the Python witness) on the same chain: seconds and the state's bytes."""
    import time
    from sunlight_gongshi.witness.run import witness
    state = site / "state.json"
    for name, chain in (("first record", entries[:-1]), ("after one new commit", entries)):
        publish(site, chain)
        start = time.perf_counter()
        report = witness([str(site)], state)
        took = time.perf_counter() - start
        print(f"sunlight witness, {name:22s} {took * 1000:6.0f} ms  {report.lines()[0].split(': ', 1)[1]}")
    print(f"state file: {state.stat().st_size / 1024:.0f} KiB for {len(entries)} entries "
          f"({state.stat().st_size / len(entries):.0f} bytes an entry)")


if __name__ == "__main__":
    main()
