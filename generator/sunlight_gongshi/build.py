"""The build: validate -> compute -> render pages -> MkDocs -> printables -> swap into place.

Nothing is written where the site lives until everything succeeded; the old site is then
replaced by renames, so a failed or interrupted build leaves the previous site as it was.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .history import gitinfo
from .compute.figures import compute
from .history.audit import read_history
from .problems import Problem, error, has_errors
from .site import attachments, charts, exports, feed, mkconfig, pages, printable
from .validate import validate
from .publishing.verify import write_manifest

ASSETS = Path(__file__).resolve().parent / "site" / "assets"


def generate_docs(docs: Path, root: Path, records, site: pages.SiteInput) -> None:
    """The separate generation step: Markdown pages, data, charts and files into a docs folder."""

    def finance_half():
        pages.write_pages(docs, site, "finance")
        exports.write_exports(docs, records, site.figures)
        (docs / "assets").mkdir(parents=True, exist_ok=True)
        shutil.copy2(ASSETS / "sunlight.css", docs / "assets" / "sunlight.css")
        for rel in sorted(records.attachments):
            if attachments.published(rel):
                target = docs / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(root / "records" / rel, target)

    def rankings_half():
        pages.write_pages(docs, site, "rankings")
        charts.write_charts(docs, records, site.figures)

    in_parallel(finance_half, rankings_half)


def in_parallel(first, second) -> None:
    """Run `second` in a forked child while `first` runs here (CI machines have two cores or more);
    the child shares the records by copy-on-write, so nothing is copied.  Without fork, in turn."""
    if not hasattr(os, "fork"):
        first()
        second()
        return
    pid = os.fork()
    if pid == 0:  # the child: write, report, and leave without running the parent's cleanup
        code = 0
        try:
            second()
        except BaseException as exc:  # reported by the parent as a failed build
            sys.stderr.write(f"sunlight: {type(exc).__name__}: {exc}\n")
            code = 1
        finally:
            os._exit(code)
    try:
        first()
    finally:
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("生成页面的子进程失败")


def _run_mkdocs(config_overrides: dict, root: Path, epoch: int) -> None:
    """MkDocs with its clock set to the source's date, so the same commit builds the same bytes."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        import jieba
        jieba.setLogLevel(logging.ERROR)  # its dictionary banner is not for residents
    except ImportError:  # pragma: no cover - jieba is a dependency
        pass
    config_file = root / "mkdocs.yml"
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        config = load_config(config_file=str(config_file) if config_file.exists() else None, **config_overrides)
        mkdocs_build(config)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def source_epoch(commit, figures) -> int:
    """The commit's time, or outside git the newest date in the records: never the build's clock."""
    if commit is not None:
        return int(dt.datetime.fromisoformat(commit.date).timestamp())
    day = figures.reference_date
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0


def swap_into_place(new_site: Path, site_dir: Path) -> None:
    """Put new_site where site_dir is, so that a reader or a kill at any moment finds a whole site.

    Where the system can exchange two directories atomically, it does; elsewhere the old site
    is moved aside first and moved back by the next build if a kill struck between the renames.
    """
    old = site_dir.with_name(site_dir.name + ".old")
    if site_dir.exists() and _exchange(new_site, site_dir):
        shutil.rmtree(new_site, ignore_errors=True)   # now holds the previous site
        return
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(new_site, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Undo what a killed build left: a site moved aside, and its temporary folders."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists() and not site_dir.exists():
        os.rename(old, site_dir)
    for stale in site_dir.parent.glob(".sunlight-build-*"):
        pid = stale.name.split("-")[2] if stale.name.count("-") >= 3 else ""
        if pid.isdigit() and _alive(int(pid)):
            continue
        shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Clock:
    """Wall time per build stage, for `sunlight build --timings` and the benchmarks."""

    def __init__(self, sink: dict[str, float] | None):
        self.sink, self.last = sink, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.sink is not None:
            self.sink[stage] = self.sink.get(stage, 0.0) + now - self.last
        self.last = now


def build(root: Path, site_dir: Path | None = None, use_cache: bool = True,
          timings: dict[str, float] | None = None, notes: list[str] | None = None) -> tuple[list[Problem], bool]:
    """Problems found, and whether a new site was put in place; `timings` gets seconds per stage."""
    clock = _Clock(timings)
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    records, problems = validate(root, use_cache)
    clock.lap("validate")
    if has_errors(problems):
        return problems, False
    try:
        user_config = mkconfig.read_user_config(root)
    except mkconfig.ConfigProblem as exc:
        return problems + [error("mkdocs.yml", exc.line, "E-MKDOCS", exc.message)], False
    repo_url = user_config.get("repo_url")
    commit = gitinfo.head(root)
    site = pages.SiteInput(records, compute(records), commit=commit and gitinfo.with_url(commit, repo_url),
                           directory_urls=bool(user_config.get("use_directory_urls", False)))
    clock.lap("compute")
    site.history = read_history(root, repo_url, use_cache)
    if notes is not None and site.history.shallow:
        notes.append("注意：这是一个浅克隆（shallow clone），修改记录不完整；请用完整历史检出（fetch-depth: 0）后再生成网站。")
    if notes is not None and not site.history.available:
        notes.append("注意：不在 git 仓库中，网站上不会有修改记录。")
    clock.lap("history")
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    work = Path(tempfile.mkdtemp(prefix=f".sunlight-build-{os.getpid()}-", dir=site_dir.parent))
    try:
        docs, new_site = work / "docs", work / "site"
        generate_docs(docs, root, records, site)
        clock.lap("generate")
        _run_mkdocs(mkconfig.overrides(user_config, records.community, docs, new_site), root,
                    source_epoch(site.commit, site.figures))
        clock.lap("mkdocs")
        site_url = user_config.get("site_url")
        printable.write_printables(new_site, site, site_url)
        feed.write_feed(new_site, site, site_url)
        write_manifest(new_site, site.commit.sha if site.commit else None)
        swap_into_place(new_site, site_dir)
        clock.lap("finish")
    except Exception as exc:  # MkDocs or a theme failed: report it, keep the old site
        return problems + [error("mkdocs.yml", 1, "E-BUILD", f"生成网站失败：{type(exc).__name__}: {exc}")], False
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems, True
