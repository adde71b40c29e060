"""Benchmark: `sunlight validate` on a large community against a bare libyaml parse.

Prints, measured in the same run on the same files:
  - cold `sunlight validate` (empty cache), wall time, as a subprocess (the real command);
  - PyYAML's CSafeLoader parsing the same files and nothing else (read + yaml.load);
  - their ratio (target <= 1.5);
  - warm validate after one file changed, and its share of the cold time (target <= 0.10);
  - for information, warm validate after a decision changed status, and with nothing changed;
  - peak memory (max RSS) of the validate process (target < 1 GB).
Usage: python3 benchmarks/bench_validate.py [DIR] [YEARS] [--compare CHECKOUT] [--with-work]
--with-work adds 50 residents' requests and 30 activities a month (record format 1.1).
With --compare, the same measurements are made first with the tool of another checkout of this
repository (an older commit, say) and then with this one, on the same files in the same run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from community import write_community  # noqa: E402


def tool(checkout: Path) -> tuple[str, str]:
    """(module, PYTHONPATH entry) that run `sunlight` from a checkout, old layout or new."""
    if (checkout / "generator" / "sunlight_gongshi").is_dir():
        return "sunlight_gongshi", str(checkout / "generator")
    return "generator", str(checkout)


def run_validate(root: Path, env: dict, module: str) -> tuple[float, int]:
    """Wall seconds and max RSS (KiB) of one `sunlight validate` process (KiB as the kernel counts)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", module, "validate", "--root", str(root)],
                            env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"validate failed:\n{result.stdout[:2000]}{result.stderr[:2000]}")
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def parse_only(root: Path) -> float:
    start = time.perf_counter()
    for path in sorted((root / "records").rglob("*.yml")):
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Prints cold and warm validation against a bare YAML parse.")
    parser.add_argument("dir", nargs="?", type=Path, help="the community to validate (written there when it has no records/)")
    parser.add_argument("years", nargs="?", type=int, default=20, help="years of records to write (default 20)")
    parser.add_argument("--compare", metavar="CHECKOUT", type=Path,
                        help="another checkout of this repository, measured first on the same files")
    parser.add_argument("--with-work", action="store_true", help="add 50 requests and 30 activities a month")
    args = parser.parse_args()
    checkouts = [Path(__file__).resolve().parent.parent]
    if args.compare:
        checkouts.insert(0, args.compare.resolve())
    root = args.dir or Path(tempfile.mkdtemp(prefix="sunlight-bench-"))
    work, years = args.with_work, args.years
    if not (root / "records").exists():
        size = write_community(root, years=years, requests=50 if work else 0, activities=30 if work else 0)
        print(f"community: {size / 1e6:.1f} MB of YAML in {sum(1 for _ in root.rglob('*.yml'))} files")
    parse = min(parse_only(root) for _ in range(2))
    for checkout in checkouts:
        print(f"== {checkout}")
        measure(root, checkout, parse)


def measure(root: Path, checkout: Path, parse: float) -> None:
    shutil.rmtree(root / ".sunlight", ignore_errors=True)
    module, path = tool(checkout)
    env = {**os.environ, "XDG_CACHE_HOME": str(root / ".bench-home")}
    env["PYTHONPATH"] = path + os.pathsep + env.get("PYTHONPATH", "")
    cold, rss = run_validate(root, env, module)
    changed = root / "records/finance" / sorted(os.listdir(root / "records/finance"))[0]
    month_file = sorted(changed.glob("*.yml"))[0]
    month_file.write_text(month_file.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    warm, rss_warm = run_validate(root, env, module)
    # A file others depend on: a decision's new status re-checks the months that spend under it.
    decision = sorted((root / "records/decisions").glob("*.yml"))[0]
    text = decision.read_text(encoding="utf-8")
    decision.write_text(text.replace("status: done", "status: in_progress", 1) if "status: done" in text
                        else text + "# touched\n", encoding="utf-8")
    warm_decision, _ = run_validate(root, env, module)
    unchanged, _ = run_validate(root, env, module)

    print(f"validate, cold cache:        {cold:7.2f} s")
    print(f"CSafeLoader parse only:      {parse:7.2f} s")
    print(f"ratio validate / parse:      {cold / parse:7.2f}   (target <= 1.5)")
    print(f"validate after one change:   {warm:7.2f} s")
    print(f"ratio warm / cold:           {warm / cold:7.2f}   (target <= 0.10)")
    print(f"after one decision changed:  {warm_decision:7.2f} s  ({warm_decision / cold:.2f} of cold)")
    print(f"nothing changed:             {unchanged:7.2f} s  ({unchanged / cold:.2f} of cold)")
    print(f"peak memory (max RSS):       {max(rss, rss_warm) / 1024:7.0f} MiB (target < 1024)")


if __name__ == "__main__":
    main()
