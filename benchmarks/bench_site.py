"""Site benchmark: cold build time and size at 5 and 20 years, stage shares, a phone's first visit.

Prints for the large community of bench_validate (500 units, 100 entries and 300 events a
month, 100 decisions a year) at 5 and at 20 years, each build a real `sunlight build` with an
empty cache in a process of its own:
  - build time and site size, and the 20/5 ratios (build time target <= 3.0);
  - cold validate (empty cache, a process of its own, right after each build), the build's
    multiple of it (target <= 2.5 at 20 years), and the build's peak memory: the largest
    resident set of the build's processes (target <= 500 MB);
  - the share of each stage in the build time (Sunlight's own: validate, compute, history,
    generate, finish; and MkDocs);
  - the search index at 20 years, raw and gzipped;
  - bytes a phone downloads for the home page on a first visit, theme assets included, measured
    in Debian's chromium (target < 300 KB), and the same with the search index and Material's
    search worker added: what a reader who then searches has downloaded.
Usage: python3 benchmarks/bench_site.py [WORKDIR] [--repeat N] [--compare CHECKOUT] [--with-work] [--no-phone]
--with-work adds 50 residents' requests and 30 activities a month (record format 1.1).
With --compare, every build is made with the tool of another checkout of this repository (an
older commit, say) and with this one, one after the other on the same files (medians of N).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from community import write_community  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
INDEX = "search/search_index.json"
DRIVER = """
import json, resource, sys, time
from pathlib import Path
from sunlight_gongshi.build import build
timings = {}
start = time.perf_counter()
problems, built = build(Path(sys.argv[1]), Path(sys.argv[2]), use_cache=False, timings=timings)
elapsed = time.perf_counter() - start
usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
peak, cpu = max(u.ru_maxrss for u in usage), sum(u.ru_utime + u.ru_stime for u in usage)
print(json.dumps({"elapsed": elapsed, "timings": timings, "built": built, "peak_kb": peak, "cpu": cpu,
                  "problems": [p.text() for p in problems[:20]]}))
"""
VALIDATE = """
import json, sys, time
from pathlib import Path
from sunlight_gongshi.validate import validate
start, cpu = time.perf_counter(), time.process_time()
records, problems = validate(Path(sys.argv[1]), use_cache=False)
print(json.dumps({"elapsed": time.perf_counter() - start, "cpu": time.process_time() - cpu}))
"""


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def build_once(checkout: Path, years: int, work: Path, label: str, with_work: bool = False) -> dict:
    root = work / f"community-{years}y{'-work' if with_work else ''}"
    if not (root / "records").exists():
        write_community(root, years=years, decisions=100 * years,
                        requests=50 if with_work else 0, activities=30 if with_work else 0)
    site = work / f"site-{years}y{'-work' if with_work else ''}-{label}"
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(root / ".sunlight", ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(checkout / "generator"))
    out = subprocess.run([sys.executable, "-c", DRIVER, str(root), str(site)], env=env, check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    if not result["built"]:
        sys.exit("\n".join(result["problems"]))
    shutil.rmtree(root / ".sunlight", ignore_errors=True)
    out = subprocess.run([sys.executable, "-c", VALIDATE, str(root)], env=env, check=True,
                         capture_output=True, text=True).stdout
    checked = json.loads(out.strip().splitlines()[-1])
    result["validate"], result["validate_cpu"] = checked["elapsed"], checked["cpu"]
    result["size"] = site_bytes(site)
    result["pages"] = sum(1 for _ in site.rglob("*.html"))
    result["site"] = site
    return result


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def first_visit_bytes(site: Path) -> tuple[int, int, list[str]]:
    """Bytes of every response the home page needs on a first visit, raw and gzipped."""
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
        if not url.startswith(base):
            continue
        data = (site / url[len(base):].split("?")[0]).read_bytes()
        raw += len(data)
        zipped += len(gzip.compress(data, 6))
        counted.append(url[len(base):])
    return raw, zipped, counted


def median_run(runs: list[dict]) -> dict:
    best = sorted(runs, key=lambda r: r["elapsed"])[len(runs) // 2]
    stages = {k: statistics.median(r["timings"].get(k, 0.0) for r in runs) for k in best["timings"]}
    return {**best, "elapsed": statistics.median(r["elapsed"] for r in runs), "timings": stages,
            "validate": statistics.median(r["validate"] for r in runs),
            "ratio": statistics.median(r["elapsed"] / r["validate"] for r in runs),
            "peak_kb": max(r["peak_kb"] for r in runs),
            "cpu": statistics.median(r["cpu"] for r in runs),
            "cpu_ratio": statistics.median(r["cpu"] / r["validate_cpu"] for r in runs)}


def describe(label: str, years: int, r: dict) -> str:
    total = r["elapsed"]
    shares = ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in r["timings"].items())
    own = sum(v for k, v in r["timings"].items() if k != "mkdocs")
    return (f"{label:6s} {years:2d} years: build {total:6.1f} s, validate {r['validate']:5.1f} s, build/validate "
            f"{r['ratio']:5.2f} (median of pairs), peak memory {r['peak_kb'] / 1024:4.0f} MB, "
            f"site {r['size'] / 1e6:6.1f} MB, {r['pages']} pages; "
            f"Sunlight's own stages {own:5.1f} s ({own / total:.0%}): {shares}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workdir", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--compare", type=lambda value: Path(value).resolve(), metavar="CHECKOUT")
    parser.add_argument("--with-work", action="store_true", help="50 requests and 30 activities a month (format 1.1)")
    parser.add_argument("--no-phone", action="store_true", help="skip the first visit in chromium")
    options = parser.parse_args()
    compare, repeat, with_work = options.compare, options.repeat, options.with_work
    work = options.workdir or Path(tempfile.mkdtemp(prefix="sunlight-site-"))
    tools = ([("before", compare)] if compare else []) + [("after", HERE)]
    results: dict[tuple[str, int], list[dict]] = {}
    for _ in range(repeat):
        for years in (5, 20):
            for label, checkout in tools:   # paired: the same community, one tool right after the other
                results.setdefault((label, years), []).append(build_once(checkout, years, work, label, with_work))
    for label, _checkout in tools:
        r5, r20 = median_run(results[(label, 5)]), median_run(results[(label, 20)])
        print(describe(label, 5, r5))
        print(describe(label, 20, r20))
        print(f"{label:6s} ratio 20y/5y build time: {r20['elapsed'] / r5['elapsed']:5.2f}, site size: "
              f"{r20['size'] / r5['size']:5.2f}   (target <= 3.0 for the build time)")
        index = (r20["site"] / INDEX).read_bytes() if (r20["site"] / INDEX).exists() else b""
        print(f"{label:6s} search index at 20 years: {len(index) / 1e6:6.2f} MB raw, "
              f"{len(gzip.compress(index, 6)) / 1e6:5.2f} MB gzip   (target <= 5 MB raw)")
        if options.no_phone:
            continue
        raw, zipped, counted = first_visit_bytes(r20["site"])
        searched = [u for u in counted if INDEX in u]
        # What searching adds: the index and Material's search worker (unless the first visit had them).
        extra = [] if searched else [index] + [p.read_bytes() for p in (r20["site"] / "assets/javascripts/workers").glob("search.*.js")
                                               if not any(p.name in u for u in counted)]
        extra_raw = sum(len(data) for data in extra)
        extra_zip = sum(len(gzip.compress(data, 6)) for data in extra)
        print(f"{label:6s} home page first visit: {raw / 1024:7.0f} KB raw, {zipped / 1024:6.0f} KB gzip "
              f"({len(counted)} files{', the search index among them' if searched else ''}; target < 300 KB); "
              f"with the search index and worker a reader fetches when searching: {(raw + extra_raw) / 1024:7.0f} KB raw, "
              f"{(zipped + extra_zip) / 1024:6.0f} KB gzip")
    if compare:
        print("20 years, side by side (medians of the paired runs; load average "
              f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())} at the end):")
        print(f"{'':8s}{'build s':>9s}{'validate s':>12s}{'ratio':>7s}{'peak MB':>9s}{'20y/5y':>8s}"
              f"{'build CPU s':>13s}{'CPU ratio':>11s}{'CPU 20y/5y':>12s}")
        for label, _checkout in tools:
            r5, r20 = median_run(results[(label, 5)]), median_run(results[(label, 20)])
            print(f"{label:8s}{r20['elapsed']:9.1f}{r20['validate']:12.1f}{r20['ratio']:7.2f}"
                  f"{r20['peak_kb'] / 1024:9.0f}{r20['elapsed'] / r5['elapsed']:8.2f}"
                  f"{r20['cpu']:13.1f}{r20['cpu_ratio']:11.2f}{r20['cpu'] / r5['cpu']:12.2f}")
        print("(CPU: seconds of processor time of all the build's processes, and its multiple of validate's:"
              " less sensitive to other work on the machine than the wall-clock figures)")
        for years in (5, 20):
            pairs = [a["elapsed"] / b["elapsed"] for a, b in zip(results[("after", years)], results[("before", years)])]
            print(f"{years}-year cold build, after/before: {statistics.median(pairs):.2f} (median of pairs: "
                  f"{', '.join(f'{p:.2f}' for p in pairs)})")


if __name__ == "__main__":
    main()
