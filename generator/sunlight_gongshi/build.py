"""`sunlight build`: runs the stages, nothing else.

validate (load + check, the reference date decided once) -> history -> compute -> render into
a docs folder (`site.generate`) -> MkDocs (`site.mkdocs.engine`) -> feed, manifest; the printed
notices are written alongside the docs and MkDocs (`Output.alongside`).
Where the files go is the output's to say (`site.output`): a full build swaps the new site into
place only when everything succeeded (`site.output.atomic`); `sunlight serve` rebuilds in its
work folder only what changed (`site.output.rebuild`).
"""

from __future__ import annotations

from pathlib import Path

from .cache.caches import Caches
from .compute.figures import compute
from .history import gitinfo
from .history.audit import read_history
from .problems import Problem, error, has_errors
from .site import feed, printable
from .site.generate import generate_docs
from .site.mkdocs import config as mkconfig
from .site.mkdocs.engine import MkDocsFailed, run_mkdocs, source_epoch
from .site.output.manifest import write_manifest
from .site.output.output import FullBuild, Output
from .site.pages import NAV, SiteInput
from .timing import stopwatch
from .validate import validate_with

SHALLOW = ("注意：这是一个浅克隆（shallow clone），修改记录不完整，网站也不会公布修改链（居民的手机和监督者无法核对历史）；"
           "请用完整历史检出（fetch-depth: 0）后再生成网站。")
NO_GIT = "注意：不在 git 仓库中，网站上不会有修改记录。"


def build(root: Path, site_dir: Path | None = None, use_cache: bool = True,
          timings: dict[str, float] | None = None, notes: list[str] | None = None,
          output: Output | None = None, site_url: str | None = None) -> tuple[list[Problem], bool]:
    """Problems found, and whether a new site was put in place; `timings` gets seconds per stage
    (for the benchmarks and the progress shown), `notes` what the committee should know about the
    history.  `output` is where the site goes: by default a full build swapped into `site_dir`
    (`root/site`); `sunlight serve` passes its `Rebuild`, which rebuilds in its work folder only
    what changed.  `site_url` is the site's address when mkdocs.yml names none (the Pages workflow
    passes the one the forge reports)."""
    lap = stopwatch(timings)
    root = root.resolve()
    output = output or FullBuild((site_dir or root / "site").resolve())
    caches = Caches(root, enabled=use_cache)
    try:
        commit = gitinfo.head(root)
        validated = validate_with(root, caches, commit)
        records, problems, checked = validated.records, validated.problems, validated.context
        lap("validate")
        if has_errors(problems):
            return problems, False
        try:
            user_config = mkconfig.read_user_config(root)
        except mkconfig.ConfigProblem as exc:
            return problems + [error("mkdocs.yml", exc.line, "E-MKDOCS", exc.message)], False
        repo_url = user_config.get("repo_url")
        history = read_history(root, repo_url, caches.history, records.reviews)
        if not mkconfig.show_authors(user_config):
            history = history.without_authors()
        lap("history")
        records = output.carry_records(records)
        figures = compute(records, checked.today, history.closings, output.call, checked.calendar, history.revised)
        lap("compute")
    finally:
        caches.save()
    if notes is not None:
        notes += [SHALLOW] if history.shallow else [] if history.available else [NO_GIT]
    site = SiteInput(records, figures, commit=commit and gitinfo.with_url(commit, repo_url), history=history,
                     directory_urls=bool(user_config.get("use_directory_urls", False)),
                     hant=mkconfig.hant(user_config), output=output)
    site_url = user_config.get("site_url") or site_url or None
    try:
        with output.folder() as work:
            docs, new_site = work / "docs", work / "site"
            with output.alongside(new_site, lambda folder: printable.write_printables(folder, site, site_url)):
                generate_docs(docs, root, site)
                lap("generate")
                run_mkdocs(mkconfig.overrides(user_config, records.community, docs, new_site, NAV, site_url), root,
                           source_epoch(site.commit, figures.reference_date), output)
            lap("mkdocs")   # and the wait for the printed notices, written in the background since generate began
            feed.write_feed(new_site, site, site_url)
            write_manifest(new_site, site.commit.sha if site.commit else None, output,
                           history.chain[-1] if history.chain else None, site_url)
        lap("finish")
    except MkDocsFailed as exc:   # MkDocs refused the settings: the old site stays
        said = (f"生成网站失败：MkDocs 不接受 mkdocs.yml 里 {exc.key} 这一项设置（{exc}），请改正或删去这一项" if exc.key
                else f"生成网站失败：{exc}")
        return problems + [error("mkdocs.yml", mkconfig.key_line(root, exc.key), "E-BUILD", said)], False
    output.finish(records)
    return problems, True
