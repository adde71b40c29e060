"""Serve benchmark: from saving a record to the page showing it, on a 20-year community.

Starts the real `sunlight serve` on the large community of bench_site (500 units, 20 years)
plus one notice, waits for its first build, then saves edits of five kinds, one after the other:
a finance entry, a decision, a score event, a content page and a roster.  For each it measures
the time from the file's write to the served page containing the new words (polled over HTTP
every 20 ms).  Prints each time and the median per kind and overall (target <= 2 s).
Usage: python3 benchmarks/bench_serve.py [WORKDIR] [YEARS] [--rounds N] [--compare CHECKOUT]
With --compare, the same edits are measured first with the tool of another checkout of this
repository (an older commit, say), then with this one.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from community import write_community  # noqa: E402

HERE = Path(__file__).resolve().parent.parent
NOTICE = "content/notices/2024-01-water.md"


def community(work: Path, years: int) -> Path:
    root = work / f"community-{years}y"
    if not (root / "records").exists():
        write_community(root, years=years, decisions=100 * years)
    notice = root / NOTICE
    notice.parent.mkdir(parents=True, exist_ok=True)
    notice.write_text("---\ntitle: 停水通知\ndate: 2024-01-10\n---\n\n1 月 12 日全小区停水。\n", encoding="utf-8")
    return root


def _replace(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, new, text, count=1)
    if not count:
        raise SystemExit(f"{path}: {pattern!r} not found")
    path.write_text(changed, encoding="utf-8")


def edits(root: Path, years: int, mark: str):
    """(kind, page, marker, function that saves the edit) for each kind of edit."""
    year = 2005 + years // 2
    month = f"{year}-06"
    roster = sorted((root / "records" / "roster").glob("*.yml"))[-1]
    return [
        ("finance entry", f"finance/{month}.html", f"财务{mark}",
         lambda: _replace(root / f"records/finance/{year}/{month}.yml", r"memo: [^\n]*", f"memo: 财务{mark}")),
        ("decision", "decisions/D00100.html", f"决议{mark}",
         lambda: _replace(root / "records/decisions/D00100.yml", r"title: [^\n]*", f"title: 决议{mark}")),
        ("score event", f"rankings/{month}.html", f"评分{mark}",
         lambda: _replace(root / f"records/scores/{year}/{month}.yml", r"item: \w+, (date: [\d-]+), note: [^}]*",
                          rf"item: clean, \1, note: 评分{mark}")),
        ("content page", "pages/notices/2024-01-water.html", f"公告{mark}",
         lambda: _replace(root / NOTICE, r"全小区停水[^\n]*", f"全小区停水（公告{mark}）。")),
        ("roster", "people.html", f"委员{mark}",
         lambda: _replace(roster, r"\{name: [^,\n]*,", f"{{name: 委员{mark},")),
    ]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def measure(checkout: Path, root: Path, years: int, rounds: int, limit: float) -> dict[str, list[float]]:
    shutil.rmtree(root / ".sunlight", ignore_errors=True)
    env = dict(os.environ, PYTHONPATH=str(checkout / "generator"))
    proc = subprocess.Popen([sys.executable, "-m", "sunlight_gongshi", "serve", "--root", str(root), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(proc.stdout.readline, "")), daemon=True).start()
    times: dict[str, list[float]] = {}
    try:
        start = time.time()
        while not any("http://127.0.0.1:" in line for line in lines):
            if proc.poll() is not None or time.time() - start > 1800:
                raise SystemExit("serve did not start:\n" + "".join(lines))
            time.sleep(0.2)
        base = re.search(r"http://127\.0\.0\.1:\d+/", "".join(lines)).group(0)
        print(f"  first build {time.time() - start:.1f} s", flush=True)
        for n in range(rounds):
            for kind, page, marker, save in edits(root, years, f"{int(time.time()) % 100000}{n}"):
                time.sleep(1.5)   # let the previous rebuild settle, as a person between two saves
                begin = time.perf_counter()
                save()
                while marker not in _page(base + page):
                    if time.perf_counter() - begin > limit:
                        raise SystemExit(f"{kind}: {page} not updated after {limit} s:\n" + "".join(lines[-20:]))
                    time.sleep(0.02)
                seconds = time.perf_counter() - begin
                times.setdefault(kind, []).append(seconds)
                print(f"  {kind:14s} {seconds:6.2f} s", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return times


def report(label: str, times: dict[str, list[float]]) -> None:
    every = [t for ts in times.values() for t in ts]
    print(f"{label}: save -> page updated, median per kind: "
          + ", ".join(f"{k} {statistics.median(v):.2f} s" for k, v in times.items())
          + f"; median of all {len(every)}: {statistics.median(every):.2f} s  (target <= 2 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workdir", nargs="?", type=Path)
    parser.add_argument("years", nargs="?", type=int, default=20)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--compare", type=lambda value: Path(value).resolve(), metavar="CHECKOUT")
    options = parser.parse_args()
    compare, rounds, years = options.compare, options.rounds, options.years
    work = options.workdir or Path(tempfile.mkdtemp(prefix="sunlight-serve-"))
    root = community(work, years)
    results = {}
    if compare:
        print(f"before ({compare}):", flush=True)
        results["before"] = measure(compare, root, years, rounds or 1, 1800)
    print(f"this checkout ({HERE}):", flush=True)
    results["after"] = measure(HERE, root, years, rounds or 2, 600)
    for label, times in results.items():
        report(label, times)


if __name__ == "__main__":
    main()
