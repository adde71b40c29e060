"""The site on a resident's phone: Lighthouse (mobile, slow 4G), axe-core and a first visit's bytes.

Prints, for a built site (the demo by default):
  - Lighthouse mobile scores of home, a finance month, a decision and a month's ranking
    (targets: accessibility, best practices and SEO 100, performance >= 95);
  - axe-core violations on every page type (target: none);
  - bytes a 390 px phone downloads for the home page on a first visit, uncompressed, the search
    index excluded (target < 300 KB), and with --large the same for a 20-year community;
  - with --largest, the largest HTML page of each type (target: none over 150 KB raw), the count of
    pages of each type, and Lighthouse on each of those pages (target: performance >= 90 at 20 years).
Performance is timing-based, so it is measured here rather than asserted by a test. The pages are
served gzip-compressed, as every static host does; the first-visit bytes are counted uncompressed.
Usage: python3 benchmarks/bench_phone.py [--site SITE_DIR] [--large WORKDIR] [--largest] [--json OUT]
Needs `npm ci --prefix tests/browser` (Lighthouse, axe-core) and Debian's chromium.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(REPO / "generator"))
NODE_TOOLS = REPO / "tests" / "browser" / "node_modules"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
LIGHTHOUSE_PAGES = {"home": "index.html", "finance month": "finance/2025-08.html", "unit": "units/3-3.html",
                    "printed notice": "print/decision-2025-004.html",
                    "decision": "decisions/2025-005.html", "monthly ranking": "rankings/2025-09.html"}
PAGE_TYPES = {
    "home": "index.html", "finance": "finance/index.html", "finance month": "finance/2025-08.html",
    "account": "finance/accounts/maintenance.html", "decisions": "decisions/index.html",
    "decision": "decisions/2025-005.html", "people": "people.html", "rankings": "rankings/index.html",
    "monthly ranking": "rankings/2025-09.html", "year ranking": "rankings/2025.html", "unit": "units/3-3.html",
    "notices": "notices/index.html", "notice": "pages/notices/2026-10-water-outage.html",
    "content page": "pages/about.html", "history": "audit.html", "open data": "data.html",
    "printed decision": "print/decision-2025-004.html", "printed month": "print/finance-2025-08.html",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Each type of page by its path (the first pattern that matches), for the largest page of each type.
PATH_TYPES = (
    ("home", r"index\.html"), ("decisions", r"decisions/index\.html"), ("decisions of a year", r"decisions/years/\d{4}\.html"),
    ("decision", r"decisions/[^/]+\.html"), ("finance", r"finance/index\.html"), ("finance year", r"finance/\d{4}\.html"),
    ("finance month", r"finance/\d{4}-\d\d\.html"), ("account", r"finance/accounts/[^/]+\.html"),
    ("rankings", r"rankings/index\.html"), ("year ranking", r"rankings/\d{4}\.html"),
    ("monthly ranking", r"rankings/\d{4}-\d\d\.html"), ("unit", r"units/[^/]+\.html"),
    ("requests", r"requests/index\.html"), ("requests of a year", r"requests/\d{4}\.html"),
    ("activities", r"activities/index\.html"), ("meetings", r"meetings/.+\.html"), ("report", r"report/.+\.html"),
    ("people", r"people\.html"), ("pledges", r"pledges\.html"), ("history", r"audit\.html"), ("open data", r"data\.html"),
    ("notices", r"notices/index\.html"), ("content page", r"pages/.+\.html"), ("printed page", r"print/.+\.html"),
)
LIGHT = 150 * 1024     # no HTML page heavier than this, raw


def largest_pages(site: Path) -> dict[str, tuple[str, int, int]]:
    """type -> (path of its largest HTML page, that page's bytes, pages of the type)."""
    import re
    patterns = [(name, re.compile(pattern)) for name, pattern in PATH_TYPES]
    found: dict[str, tuple[str, int, int]] = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        name = next((name for name, pattern in patterns if pattern.fullmatch(rel)), None)
        if name is None:
            continue
        size = path.stat().st_size
        best, most, count = found.get(name, ("", -1, 0))
        found[name] = (rel, size, count + 1) if size > most else (best, most, count + 1)
    return {name: found[name] for name, _ in PATH_TYPES if name in found}


class Gzipping(SimpleHTTPRequestHandler):
    """A static host as residents meet one (GitHub Pages, Gitea, nginx): text is sent gzip-compressed."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in self.TEXT or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipping, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(url: str) -> dict:
    """Category scores (0-100) and the failing audits of one Lighthouse mobile run."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        try:
            subprocess.run(["node", str(NODE_TOOLS / "lighthouse" / "cli" / "index.js"), url, "--quiet",
                            "--output=json", f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}",
                            f"--chrome-flags={' '.join(FLAGS)}"],
                           check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, timeout=300)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as failed:
            # A page too heavy for Lighthouse to finish (a 1 MB list at 20 years) scores 0: it is the answer.
            said = (failed.stderr or b"").decode("utf-8", "replace").strip().splitlines()
            return {"scores": {c: 0 for c in CATEGORIES}, "failing": ["lighthouse gave up: " + (said[-1] if said else "")],
                    "total_blocking_ms": None}
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = sorted({ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
                      if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                      and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric")})
    tbt = round(report["audits"]["total-blocking-time"]["numericValue"])
    return {"scores": scores, "failing": failing, "total_blocking_ms": tbt}


def axe(browser, url: str) -> list[str]:
    """axe-core violations of one page at 390 px, as "rule (count)"."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.add_script_tag(path=str(NODE_TOOLS / "axe-core" / "axe.min.js"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    context.close()
    return [f"{v['id']} ({len(v['nodes'])})" for v in result["violations"]]


def demo_site(work: Path) -> Path:
    from sunlight_gongshi.build import build
    problems, built = build(REPO, work / "site", use_cache=False)
    if not built:
        sys.exit("\n".join(p.text() for p in problems[:20]))
    return work / "site"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo)")
    parser.add_argument("--large", type=Path, help="also measure the first visit of a 20-year community here")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--largest", action="store_true",
                        help="the largest HTML page of each type, and Lighthouse on each (instead of the demo's four)")
    parser.add_argument("--skip-axe", action="store_true")
    parser.add_argument("--only", help="with --largest: Lighthouse only on these types (comma-separated)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from bench_site import build_once, first_visit_bytes

    site = args.site or demo_site(Path(tempfile.mkdtemp(prefix="sunlight-phone-")))
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    results: dict = {"lighthouse": {}, "axe": {}}
    lighthouse_pages = LIGHTHOUSE_PAGES
    if args.largest:
        results["largest"] = largest = largest_pages(site)
        for name, (path, size, count) in largest.items():
            print(f"largest {name:20s} {size / 1024:7.1f} KB{' (over 150 KB)' if size > LIGHT else ''}"
                  f"  of {count:5d} pages  {path}")
        lighthouse_pages = {name: path for name, (path, _, _) in largest.items()
                            if not args.only or name in args.only.split(",")}
    if not args.skip_lighthouse:
        for name, path in lighthouse_pages.items():
            run = lighthouse(base + path)
            results["lighthouse"][name] = run
            print(f"lighthouse {name:20s} " + "  ".join(f"{c} {s:3d}" for c, s in run["scores"].items())
                  + (f"  blocking {run['total_blocking_ms']} ms" if run["total_blocking_ms"] is not None else "")
                  + (f"   failing: {', '.join(run['failing'])}" if run["failing"] else ""))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS[1:])
        for name, path in ({} if args.skip_axe else PAGE_TYPES).items():
            if (site / path).exists():
                results["axe"][name] = found = axe(browser, base + path)
                print(f"axe {name:16s} {'no violations' if not found else ', '.join(found)}")
        browser.close()
    server.shutdown()
    raw, _, counted = first_visit_bytes(site)
    results["first_visit"] = {"demo": raw}
    print(f"first visit, demo home:     {raw / 1024:6.0f} KB uncompressed ({len(counted)} files; target < 300 KB)")
    if args.large:
        large = build_once(REPO, 20, args.large, "phone")["site"]
        raw, _, counted = first_visit_bytes(large)
        results["first_visit"]["20 years"] = raw
        print(f"first visit, 20-year home:  {raw / 1024:6.0f} KB uncompressed ({len(counted)} files; target < 300 KB)")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
