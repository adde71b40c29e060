"""History benchmark: the history stage against one `git log --name-status` on the same repository.

Builds (or reuses) a repository of 5,000 commits over about 2,500 record files and prints:
  - one `git log --name-status -- records/` (the yardstick);
  - the history stage, cold (no cache: every finance month version fetched and parsed) and
    warm (versions cached by blob id, as on every build after the first);
  - the warm history stage with the disclosure calendar, which dates every period from the
    same single log (target <= 2);
  - their ratios (target <= 2);
  - what the per-file approach of common MkDocs git plugins costs: one `git log` per file,
    timed on a sample and scaled to every file;
  - the chain (record format section 8), which comes from the same `git log` pass (`-t` adds the
    tree id of records/): its entries, the time to link them and to write its files, and its
    bytes; for comparison, what asking git for each commit's records/ tree separately would cost.
With --compare CHECKOUT, the history stage of another checkout of this repository (main before
the chain, say) is timed first on the same repository, in a child process.
Usage: python3 benchmarks/bench_history.py [REPO_DIR] [--compare CHECKOUT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
# The tool measured: this checkout's, or another's (--compare runs this script again with it).
sys.path.insert(0, os.environ.get("SUNLIGHT_BENCH_GENERATOR") or str(Path(__file__).resolve().parent.parent / "generator"))
from history_repo import write_history_repo  # noqa: E402
from sunlight_gongshi.cache.caches import Caches  # noqa: E402
from sunlight_gongshi.cache.store import Store  # noqa: E402
from sunlight_gongshi.compute.disclosure import disclosure_calendar  # noqa: E402
from sunlight_gongshi.history import gitinfo  # noqa: E402
from sunlight_gongshi.history.audit import read_history  # noqa: E402
from sunlight_gongshi.load.loader import load  # noqa: E402
from sunlight_gongshi.model.community import Disclosure  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", nargs="?", type=Path, help="a git repository of records (written there when it has no .git)")
    parser.add_argument("--compare", metavar="CHECKOUT", type=Path,
                        help="another checkout of this repository, measured first on the same repository")
    args = parser.parse_args()
    compare = args.compare.resolve() if args.compare else None
    repo = args.repo or Path(tempfile.mkdtemp(prefix="sunlight-history-")) / "repo"
    if not (repo / ".git").exists():
        print(f"repository: {write_history_repo(repo)} commits")
    if compare is not None:
        print(f"== {compare}", flush=True)
        subprocess.run([sys.executable, __file__, str(repo)], check=True,
                       env={**os.environ, "SUNLIGHT_BENCH_GENERATOR": str(compare / "generator")})
        print(f"== {Path(__file__).resolve().parent.parent}", flush=True)
    files = [p.relative_to(repo).as_posix() for p in (repo / "records").rglob("*") if p.is_file()]
    os.environ["XDG_CACHE_HOME"] = str(repo.parent / ".bench-home")
    records, _problems = load(repo, Caches(repo, enabled=False))   # the books the calendar reads
    today = dt.date.fromisoformat(gitinfo.head(repo).date[:10])

    def git_log():
        subprocess.run(["git", "-C", str(repo), "log", "--name-status", "--", "records/"],
                       capture_output=True, check=True)

    def history(enabled: bool):
        store = Store(repo, "history", enabled)
        found = read_history(repo, None, store)
        store.save()
        return found

    def cold():
        shutil.rmtree(repo / ".sunlight", ignore_errors=True)
        history(False)

    def with_calendar():
        found = history(True)
        return disclosure_calendar(records.accounts, records.books, Disclosure(), today, found.closings)

    history(True)  # fill the cache once
    log = timed(git_log)
    cold_time = timed(cold)
    warm_time = timed(lambda: history(True))
    calendar_time = timed(with_calendar)
    calendar = with_calendar()
    sample = files[:: max(1, len(files) // 100)]
    start = time.perf_counter()
    for path in sample:
        subprocess.run(["git", "-C", str(repo), "log", "-1", "--format=%H %cI", "--", path],
                       capture_output=True, check=True)
    per_file = (time.perf_counter() - start) / len(sample) * len(files)
    print(f"files under records/:                 {len(files)}")
    print(f"git log --name-status:                {log:6.2f} s")
    print(f"history stage, cold (no cache):       {cold_time:6.2f} s   ratio {cold_time / log:5.2f}")
    print(f"history stage, warm (blob cache):     {warm_time:6.2f} s   ratio {warm_time / log:5.2f}  (target <= 2)")
    print(f"  with the disclosure calendar:       {calendar_time:6.2f} s   ratio {calendar_time / log:5.2f}  "
          f"(target <= 2; {len(calendar)} periods, {sum(p.published is not None for p in calendar)} dated)")
    print(f"per-file git log (as git plugins do): {per_file:6.2f} s   ({per_file / log:5.1f}x the single log)")
    if hasattr(history(True), "chain"):
        bench_chain(repo, history(True).chain, log)


def bench_chain(repo: Path, entries, log: float) -> None:
    """The chain's own cost: linking the entries, writing the files; and the per-commit alternative."""
    from sunlight_gongshi import chain
    from sunlight_gongshi.site.chainfiles import write_chain
    rows = [(e.commit, e.date, e.records) for e in entries]

    def raw_log(*extra):
        subprocess.run(["git", "-C", str(repo), "log", "--first-parent", "-m", "--reverse", "--no-renames", "--raw",
                        *extra, "--no-abbrev", "--format=%H", "--", "records/"], capture_output=True, check=True)
    without_trees, with_trees = timed(raw_log, 5), timed(lambda: raw_log("-t"), 5)
    link_time = timed(lambda: chain.entries_from(rows))
    out = Path(tempfile.mkdtemp(prefix="sunlight-chain-"))
    write_time = timed(lambda: write_chain(out, entries, ()))
    size = sum(p.stat().st_size for p in (out / "data/chain").iterdir())
    last = max((out / "data/chain").glob("0*.json")).stat().st_size
    shutil.rmtree(out)
    sample = rows[:: max(1, len(rows) // 100)]
    start = time.perf_counter()
    for sha, _date, _records in sample:
        subprocess.run(["git", "-C", str(repo), "rev-parse", f"{sha}:records"], capture_output=True, check=True)
    per_commit = (time.perf_counter() - start) / len(sample) * len(rows)
    print(f"the chain: {len(entries)} entries in {chain.file_count(len(entries))} files, {size / 1024:.0f} KiB "
          f"(the last file {last / 1024:.0f} KiB)")
    print(f"  the history's git log --raw:        {without_trees:6.2f} s, with -t (records/ trees): {with_trees:6.2f} s")
    print(f"  linking the entries (SHA-256):      {link_time * 1000:6.1f} ms")
    print(f"  writing data/chain/:                {write_time * 1000:6.1f} ms")
    print(f"  records/ tree per commit instead:   {per_commit:6.2f} s   ({per_commit / log:5.1f}x the single log)")


if __name__ == "__main__":
    main()
