"""`sunlight build`: runs the stages, nothing else.

validate (load + check) -> history -> compute -> render into a docs folder -> MkDocs ->
printables, feed, manifest -> swap into place.  Nothing is written where the site lives
until everything succeeded (`publishing.atomic`).
"""

from __future__ import annotations

from pathlib import Path

from .cache.caches import Caches
from .compute.figures import compute, direct
from .compute.reference import reference_date
from .history import gitinfo
from .history.audit import read_history
from .problems import Problem, error, has_errors
from .site.atomic import staged_site
from .site.manifest import write_manifest
from .site import feed, mkconfig, printable
from .site.engine import MkDocsFailed, run_mkdocs, source_epoch
from .site.generate import generate_docs
from .site.incremental import Incremental
from .site.pages import SiteInput
from .validate import validate_with
from .timing import stopwatch

SHALLOW = "注意：这是一个浅克隆（shallow clone），修改记录不完整；请用完整历史检出（fetch-depth: 0）后再生成网站。"
NO_GIT = "注意：不在 git 仓库中，网站上不会有修改记录。"


def build(root: Path, site_dir: Path | None = None, use_cache: bool = True,
          timings: dict[str, float] | None = None, notes: list[str] | None = None,
          incremental: Incremental | None = None, site_url: str | None = None) -> tuple[list[Problem], bool]:
    """Problems found, and whether a new site was put in place; `timings` gets seconds per stage
    (for the benchmarks and the progress shown), `notes` what the committee should know about
    the history.  With `incremental` (`sunlight serve`) the site is rebuilt in its work folder,
    only what changed.  `site_url` is the site's address when mkdocs.yml names none (the Pages
    workflow passes the one the forge reports)."""
    lap = stopwatch(timings)
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    caches = Caches(root, enabled=use_cache)
    try:
        commit = gitinfo.head(root)
        records, problems = validate_with(root, caches, commit)
        lap("validate")
        if has_errors(problems):
            return problems, False
        try:
            user_config = mkconfig.read_user_config(root)
        except mkconfig.ConfigProblem as exc:
            return problems + [error("mkdocs.yml", exc.line, "E-MKDOCS", exc.message)], False
        repo_url = user_config.get("repo_url")
        history = read_history(root, repo_url, caches.history)
        lap("history")
        if incremental is not None:
            records = incremental.carry_records(records)
        figures = compute(records, reference_date(records, commit.date if commit else None), history.closings,
                          incremental.call if incremental is not None else direct)
        lap("compute")
    finally:
        caches.save()
    if notes is not None:
        notes += [SHALLOW] if history.shallow else [] if history.available else [NO_GIT]
    site = SiteInput(records, figures, commit=commit and gitinfo.with_url(commit, repo_url), history=history,
                     directory_urls=bool(user_config.get("use_directory_urls", False)),
                     hant=mkconfig.hant(user_config), incremental=incremental)
    site_url = user_config.get("site_url") or site_url or None
    try:
        with staged_site(site_dir) if incremental is None else incremental.folder() as work:
            docs, new_site = work / "docs", work / "site"
            generate_docs(docs, root, site)
            lap("generate")
            run_mkdocs(mkconfig.overrides(user_config, records.community, docs, new_site, site_url), root,
                       source_epoch(site.commit, figures.reference_date), incremental)
            lap("mkdocs")
            printable.write_printables(new_site, site, site_url)
            feed.write_feed(new_site, site, site_url)
            write_manifest(new_site, site.commit.sha if site.commit else None, incremental, site_url)
        lap("finish")
    except MkDocsFailed as exc:   # MkDocs refused the settings: the old site stays
        return problems + [error("mkdocs.yml", 1, "E-BUILD", f"生成网站失败：{exc}")], False
    if incremental is not None:
        incremental.finish(records)
    return problems, True
