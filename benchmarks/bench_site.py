"""Site benchmark: site build time and size at 5 and 20 years, and a phone's first visit.

Prints for the large community of bench_validate (500 units, 100 entries and 300 events a
month, 100 decisions a year) at 5 and at 20 years:
  - build time and site size, and the 20/5 ratios (target <= 4.4 each: linear growth);
  - the share of build time spent outside MkDocs itself (target <= 15%);
  - bytes a phone downloads for the home page on a first visit, theme assets included and
    the search index excluded (target < 300 KB), measured in Debian's chromium.
Usage: python3 benchmarks/bench_site.py [WORKDIR] [--with-work]
--with-work adds 50 residents' requests and 30 activities a month (record format 1.1).
"""

from __future__ import annotations

import functools
import gzip
import shutil
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from community import write_community  # noqa: E402
from sunlight_gongshi.build import build  # noqa: E402


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def build_once(years: int, work: Path, with_work: bool = False) -> tuple[float, int, dict, Path]:
    root = work / f"community-{years}y{'-work' if with_work else ''}"
    if not (root / "records").exists():
        write_community(root, years=years, decisions=100 * years,
                        requests=50 if with_work else 0, activities=30 if with_work else 0)
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(root / ".sunlight", ignore_errors=True)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    problems, built = build(root, site, use_cache=False, timings=timings)
    elapsed = time.perf_counter() - start
    if not built:
        sys.exit("\n".join(p.text() for p in problems[:20]))
    return elapsed, site_bytes(site), timings, site


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def first_visit_bytes(site: Path) -> tuple[int, int, list[str]]:
    """Bytes of every response the home page needs (search index excluded), raw and gzipped."""
    from playwright.sync_api import sync_playwright
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    urls: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.on("request", lambda r: urls.append(r.url))
        page.goto(base + "index.html", wait_until="networkidle")
        browser.close()
    server.shutdown()
    raw = zipped = 0
    counted = []
    for url in dict.fromkeys(urls):
        if "search_index.json" in url or not url.startswith(base):
            continue
        data = (site / url[len(base):].split("?")[0]).read_bytes()
        raw += len(data)
        zipped += len(gzip.compress(data, 6))
        counted.append(url[len(base):])
    return raw, zipped, counted


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--with-work"]
    with_work = "--with-work" in sys.argv   # 50 requests and 30 activities a month (format 1.1)
    work = Path(args[0]) if args else Path(tempfile.mkdtemp(prefix="sunlight-site-"))
    results = {}
    for years in (5, 20):
        elapsed, size, timings, site = build_once(years, work, with_work)
        results[years] = (elapsed, size, timings, site)
        outside = elapsed - timings.get("mkdocs", 0.0)
        pages = sum(1 for _ in site.rglob("*.html"))
        print(f"{years:2d} years: build {elapsed:7.1f} s, site {size / 1e6:7.1f} MB, {pages} pages; "
              f"outside MkDocs {outside:5.1f} s ({outside / elapsed:5.1%})  "
              + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
    t5, s5 = results[5][0], results[5][1]
    t20, s20 = results[20][0], results[20][1]
    print(f"ratio 20y/5y build time: {t20 / t5:5.2f}   (target <= 4.4)")
    print(f"ratio 20y/5y site size:  {s20 / s5:5.2f}   (target <= 4.4)")
    share = max((r[0] - r[2].get("mkdocs", 0.0)) / r[0] for r in results.values())
    print(f"share outside MkDocs:    {share:5.1%}   (target <= 15%)")
    raw, zipped, counted = first_visit_bytes(results[20][3])
    print(f"home page first visit:   {raw / 1024:6.0f} KB raw, {zipped / 1024:6.0f} KB gzip "
          f"({len(counted)} files, search index excluded; target < 300 KB)")


if __name__ == "__main__":
    main()
