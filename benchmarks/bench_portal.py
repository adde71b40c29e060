"""Portal benchmark: N synthetic small estates (12 months of exports each) published into local
folders with a registry, then `sunlight portal` built at N = 50, 500 and 5,000.

Prints, for each N: the cold build (no state), its site size, a rebuild with one estate
changed, and the largest resident memory of any process of the build (getrusage of the
build's process tree, MkDocs' child included).  Every build runs the portal's checks (manifest,
schemas, re-derived figures, privacy, twins), keeps its harvests and witnesses each estate's chain
(24 entries; the changed estate's grows by one, an honest commit).  Targets: 5,000 / 500 <= 11x
in time and in size; rebuild-one <= 10% of the cold build; peak memory < 1 GB at 5,000.
Besides wall seconds it prints the CPU seconds of the build's processes (user + system), which
another program on the same cores does not inflate.  `--checkout DIR` measures another checkout
of this repository instead (its portal and its synthetic estates), e.g. the one before a change.
Examples: python3 benchmarks/bench_portal.py /tmp/bench 5000 --repeat 3
          python3 benchmarks/bench_portal.py /tmp/bench-before 5000 --checkout /tmp/sunlight-before
          python3 benchmarks/bench_portal.py --help
"""

from __future__ import annotations

import argparse
import inspect
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
exports = write_site = None   # from the measured checkout's tests/estate_sites.py (`use_checkout`)
CHAIN = 24                    # each estate's chain: two years of monthly commits (the portal witnesses it)

BUILD = """
import json, resource, sys, time
from pathlib import Path
from sunlight_gongshi.portal.build import build_portal
start = time.perf_counter()
timings = {}
problems, built, rows = build_portal(Path(sys.argv[1]), timings=timings)
elapsed = time.perf_counter() - start
assert built, [p.text() for p in problems[:5]]
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": elapsed, "peak_kb": max(own.ru_maxrss, children.ru_maxrss), "timings": timings,
                  "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
                  "ok": sum(r.status == "ok" for r in rows)}))
"""


def chain(entries: int) -> dict:
    """A chain of `entries` for each estate, so the portal witnesses them (a checkout from before
    the synthetic estates had chains writes none)."""
    return {"chain": entries} if "chain" in inspect.signature(write_site).parameters else {}


def use_checkout(checkout: Path) -> None:
    """Measure the portal and the synthetic estates of `checkout` (a copy of this repository)."""
    global REPO, exports, write_site
    REPO = checkout.resolve()
    sys.path[:0] = [str(REPO / "generator"), str(REPO / "tests")]
    import estate_sites
    exports, write_site = estate_sites.exports, estate_sites.write_site


def write_estates(root: Path, n: int) -> Path:
    registry = root / "registry.yml"
    if registry.exists():
        return registry
    lines = ["estates:"]
    for i in range(n):
        write_site(root / "estates" / f"e{i:05d}", exports(i), **chain(CHAIN))
        lines.append(f"  - {{id: e{i:05d}, name: 示例小区{i}, neighbourhood: 示例社区{i // 25}, site: estates/e{i:05d}}}")
    registry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return registry


def run_build(registry: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", BUILD, str(registry)], capture_output=True, text=True,
                         env={"PYTHONPATH": str(REPO / "generator"), "PATH": "/usr/bin:/bin"})
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(work: Path, n: int, repeat: int = 1) -> dict:
    root = work / f"n{n}"
    start = time.perf_counter()
    registry = write_estates(root, n)
    written = time.perf_counter() - start
    shutil.rmtree(root / ".sunlight", ignore_errors=True)
    shutil.rmtree(root / "site", ignore_errors=True)
    cold = run_build(registry)
    cold["bytes"] = size(root / "site")
    runs = []
    for k in range(repeat):   # one estate publishes new data, then its old data again, ... (its chain grows)
        write_site(root / "estates" / "e00000", exports(n + 1_000_000) if k % 2 == 0 else exports(0),
                   **chain(CHAIN + k + 1))
        runs.append(run_build(registry))
    write_site(root / "estates" / "e00000", exports(0), **chain(CHAIN))   # as it was, for the next run
    again = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    return {"n": n, "write_s": written, "cold_s": cold["seconds"], "cold_timings": cold["timings"],
            "cold_cpu": cold["cpu"], "rebuild_cpu": sorted(r["cpu"] for r in runs)[len(runs) // 2],
            "bytes": cold["bytes"], "peak_mb": max(cold["peak_kb"], *(r["peak_kb"] for r in runs)) / 1024,
            "rebuild_s": again["seconds"], "rebuild_timings": again["timings"], "ok": cold["ok"],
            "rebuild_runs": [r["seconds"] for r in runs]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()),
                                     epilog="The estates are written once per N into WORKDIR/nN and kept for the next run.")
    parser.add_argument("workdir", nargs="?", type=Path, metavar="WORKDIR",
                        help="where the estates, the registry and the portal go (default: a new temporary folder)")
    parser.add_argument("sizes", nargs="*", type=int, metavar="N", help="numbers of estates (default: 50 500 5000)")
    parser.add_argument("--checkout", type=Path, default=REPO, metavar="DIR",
                        help="measure this checkout of the repository instead (default: this one)")
    parser.add_argument("--repeat", type=int, default=1, metavar="K",
                        help="rebuild-one K times, the changed estate going back and forth between two datasets so "
                             "every rebuild has exactly one estate changed; the median is reported with every run's "
                             "seconds (the cold build is built once)")
    options = parser.parse_args(argv)
    if options.workdir is not None and options.workdir.name.isdigit() and not options.workdir.exists():
        parser.error(f"WORKDIR {options.workdir} looks like a number of estates; give a folder first")
    repeat = options.repeat
    use_checkout(options.checkout)
    work = options.workdir or Path(tempfile.mkdtemp(prefix="bench-portal-"))
    sizes = options.sizes or [50, 500, 5000]
    results = {}
    for n in sizes:
        r = measure(work, n, repeat)
        results[n] = r
        print(f"N={n:5d}: cold {r['cold_s']:7.2f} s  size {r['bytes'] / 1e6:8.1f} MB  rebuild-one {r['rebuild_s']:6.2f} s "
              f"({100 * r['rebuild_s'] / r['cold_s']:.1f}% of cold)  peak {r['peak_mb']:7.0f} MB  ok {r['ok']}", flush=True)
        print(f"         CPU seconds: cold {r['cold_cpu']:7.2f}  rebuild-one {r['rebuild_cpu']:6.2f} "
              f"({100 * r['rebuild_cpu'] / r['cold_cpu']:.1f}% of cold)", flush=True)
        if repeat > 1:
            print(f"         rebuild-one runs {[round(s, 2) for s in r['rebuild_runs']]} (median above)", flush=True)
        print(f"         cold stages {json.dumps({k: round(v, 2) for k, v in r['cold_timings'].items()})}  "
              f"rebuild stages {json.dumps({k: round(v, 2) for k, v in r['rebuild_timings'].items()})}", flush=True)
    if 500 in results and 5000 in results:
        a, b = results[500], results[5000]
        print(f"5,000 / 500: time {b['cold_s'] / a['cold_s']:.2f}x, size {b['bytes'] / a['bytes']:.2f}x")


if __name__ == "__main__":
    main()
