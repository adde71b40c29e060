"""Install benchmark: what a community's CI installs, fresh, from PyPI, with an empty pip cache.

For each checkout (this one, and with --compare another one first), builds the wheel of its
`sunlight-gongshi`, makes a fresh virtualenv and times one `pip install` of the wheel the way
that checkout's community workflow does: the options of the install step of the check.yml that
its `sunlight init` writes, and the pinned version, found through --find-links (as the
community's `wheels/`), every dependency from PyPI, with an empty pip cache and no pip
configuration of this machine.
Prints the seconds of that install and the size of the virtualenv's site-packages (pip's own
files included, as in CI) in MiB, on disk as `du -sh` counts it and the bytes of the files as
`du -sh --apparent-size` does, then the ratio between the two checkouts.  With --compare the
installs take turns (this checkout's, the other's, …), so that both meet the same network.
Targets for a community's CI install (the core, no extras): <= 200 MB on disk, >= 2x faster than
0.2.0's (462 MB, 116 s when the issue was filed).

Usage: python3 benchmarks/bench_install.py [--compare CHECKOUT] [--extras import,portal] [--repeat K]
  --compare CHECKOUT  measure another checkout of this repository first (e.g. a `git worktree`
                      of an older commit), in the same run, on the same network
  --extras LIST       install these extras too (for the figures of a treasurer's or a portal's install)
  --repeat K          install K times (each with a new virtualenv and an empty cache); the
                      median is reported with every run's seconds
The network is PyPI's: the figures depend on it, so compare checkouts in one run.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


def clean_env(**extra: str) -> dict[str, str]:
    """PyPI only: no pip configuration file, no PIP_* variables, no virtualenv of the caller."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PIP_") and k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def run(args: list[str], **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, **kw)
    if done.returncode:
        sys.exit(f"{' '.join(map(str, args))} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done


def build_wheel(checkout: Path, out: Path) -> Path:
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--wheel-dir", str(out), str(checkout)], env=clean_env(), cwd=out)
    (wheel,) = out.glob("sunlight_gongshi-*.whl")
    return wheel


def workflow_options(checkout: Path) -> list[str]:
    """The options a community's CI passes to `pip install` (before `-r requirements.txt`), read
    from the check.yml that the checkout's `sunlight init` writes."""
    import yaml
    workflow = checkout / "generator/sunlight_gongshi/scaffold/skeleton/github/workflows/check.yml"
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    (install,) = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    words = shlex.split(install)
    assert words[:4] == ["python", "-m", "pip", "install"] and words[-2:] == ["-r", "requirements.txt"], install
    return words[4:-2]


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes of every file under folder: as `du --apparent-size` counts them, and on disk (as `du`)."""
    files = [p.lstat() for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(s.st_size for s in files), sum(s.st_blocks * 512 for s in files)


def install_once(wheel: Path, extras: str, options: list[str], work: Path) -> tuple[float, tuple[int, int]]:
    """Seconds of one fresh install and bytes of the site-packages it leaves (apparent, on disk)."""
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    version = wheel.name.split("-")[1]
    requirement = f"sunlight-gongshi[{extras}]=={version}" if extras else f"sunlight-gongshi=={version}"
    cache = work / "pip-cache"   # empty: nothing downloaded before counts
    start = time.perf_counter()
    run([str(venv / "bin" / "python"), "-m", "pip", "install", *options, "--quiet", "--cache-dir", str(cache),
         "--find-links", str(wheel.parent), requirement], env=clean_env(), cwd=work)
    seconds = time.perf_counter() - start
    (site_packages,) = (venv / "lib").glob("python3*/site-packages")
    return seconds, tree_size(site_packages)


def prepare(checkout: Path, folder: Path) -> tuple[Path, list[str]]:
    (folder / "dist").mkdir(parents=True)
    return build_wheel(checkout, folder / "dist"), workflow_options(checkout)


def report(checkout: Path, wheel: Path, options: list[str], extras: str, runs) -> tuple[float, int]:
    """Prints the median seconds and the sizes; returns the median and the bytes on disk."""
    seconds = statistics.median(s for s, _ in runs)
    size, disk = max(b for _, (b, _) in runs), max(d for _, (_, d) in runs)
    every = ", ".join(f"{s:.1f}" for s, _ in runs)
    print(f"== {checkout} ({wheel.name}{f', extras {extras}' if extras else ''}; "
          f"pip install {' '.join(options + ['…'])})")
    print(f"   install: {seconds:.1f} s (median of {len(runs)}: {every})   "
          f"site-packages: {disk / MIB:.0f} MiB on disk, {size / MIB:.0f} MiB of files")
    return seconds, disk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", metavar="CHECKOUT", type=Path, help="another checkout, measured in turns with this one")
    parser.add_argument("--extras", default="", help="extras to install as well, e.g. import,portal")
    parser.add_argument("--repeat", type=int, default=1, help="fresh installs per checkout (median reported)")
    args = parser.parse_args()
    checkouts = ([(args.compare.resolve(), "")] if args.compare else []) + [(REPO, args.extras)]
    with tempfile.TemporaryDirectory(prefix="sunlight-bench-install-") as tmp:
        tmp_path = Path(tmp)
        prepared = [prepare(checkout, tmp_path / f"c{i}") for i, (checkout, _) in enumerate(checkouts)]
        runs: list[list] = [[] for _ in checkouts]
        for n in range(args.repeat):
            for i, ((_, extras), (wheel, options)) in enumerate(zip(checkouts, prepared)):
                work = tmp_path / f"c{i}" / f"run{n}"
                work.mkdir()
                runs[i].append(install_once(wheel, extras, options, work))
        results = [report(checkout, wheel, options, extras, r)
                   for (checkout, extras), (wheel, options), r in zip(checkouts, prepared, runs)]
    if len(results) == 2:
        (s0, b0), (s1, b1) = results
        print(f"this checkout: {s0 / s1:.1f}x faster, {b1 / MIB:.0f} MiB against {b0 / MIB:.0f} MiB on disk "
              f"(targets: >= 2x, <= 200 MB)")


if __name__ == "__main__":
    main()
