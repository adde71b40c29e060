"""MkDocs, run on the generated docs folder in a child process with its clock set to the source's date.

MkDocs reads the build date from SOURCE_DATE_EPOCH, so the same commit builds the same
bytes; setting it (and quieting MkDocs' and jieba's loggers) in a child leaves this process's
environment as it was.  Only MkDocs' own errors (a bad mkdocs.yml, a missing plugin, a theme
template error) come back as `MkDocsFailed`; anything else is a defect and says so.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import time
from pathlib import Path

from ..output.forking import ChildFailed, in_child
from ..output.output import FullBuild, Output
from ..render import page_url
from ..search import merge_into

THEME_CACHE = "SUNLIGHT_THEME_CACHE"   # where a rebuild's child keeps the theme's compiled templates


class MkDocsFailed(Exception):
    """MkDocs refused the configuration or failed to build; the message says why, and `key` is the
    setting of mkdocs.yml it names, if any (the build reports the error at that setting's line)."""

    def __init__(self, message: str):
        super().__init__(message)
        named = re.search(r"Config value '([A-Za-z_]+)'", message)
        self.key = named.group(1) if named else None


class _Said(logging.Handler):
    """MkDocs' own errors, as it logs them before it gives up ("Aborted with a configuration error!")."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.said: list[str] = []

    def emit(self, record):
        self.said.append(record.getMessage())


def source_epoch(commit, reference_date: dt.date) -> int:
    """The commit's time, or outside git the newest date in the records: never the build's clock."""
    if commit is not None:
        return int(dt.datetime.fromisoformat(commit.date).timestamp())
    day = reference_date
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def run_mkdocs(config_overrides: dict, root: Path, epoch: int, output: Output = FullBuild()) -> None:
    """Build the site and add Sunlight's search entries to its index; where the output allows it
    (a rebuild with the same settings as the last one), only the pages whose source changed
    (MkDocs' dirty build), after removing the pages of removed sources."""
    from jinja2 import TemplateError
    from mkdocs.exceptions import MkDocsException

    dirty = output.mkdocs_dirty(lambda: _settings(config_overrides, root))
    if dirty:
        _prepare_dirty(config_overrides, output.removed)
    compiled_theme = output.compiled_theme
    handed = [output.generated()]   # the pages the output kept in memory; this process forgets them

    def work():
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        from . import inmemory
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        import jieba
        jieba.setLogLevel(logging.ERROR)  # its dictionary banner is not for residents
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        if compiled_theme is not None:
            os.environ[THEME_CACHE] = str(compiled_theme)
        inmemory.hand_over(handed.pop())
        config_file = root / "mkdocs.yml"
        said = _Said()
        logging.getLogger("mkdocs").addHandler(said)
        try:
            config = load_config(config_file=str(config_file) if config_file.exists() else None, **config_overrides)
            mkdocs_build(config, dirty=dirty)
        except MkDocsException as exc:
            if said.said:   # what MkDocs said is the reason; its exception only says that it gave up
                raise MkDocsException("；".join(said.said)) from exc
            raise

    try:
        in_child(work, expected=(MkDocsException, TemplateError))
        handed.clear()
    except ChildFailed as exc:
        if exc.expected:   # the reason, without the name of MkDocs' exception before it
            raise MkDocsFailed(exc.message.split(": ", 1)[-1]) from None
        raise exc.defect() from None
    merge_into(Path(config_overrides["site_dir"]), Path(config_overrides["docs_dir"]))
    output.mkdocs_done()


def _settings(config_overrides: dict, root: Path):
    """What MkDocs builds the site with: the settings, mkdocs.yml, and the titles of the pages the
    navigation lists without one (an untitled entry is named on every page by its page's title)."""
    config_file = root / "mkdocs.yml"
    docs = Path(config_overrides["docs_dir"])
    titles = [(rel, _title(docs / rel)) for rel in _untitled(config_overrides.get("nav"))]
    return repr(config_overrides), config_file.read_bytes() if config_file.exists() else None, titles


def warm_up() -> None:
    """Import MkDocs and the theme's plugin once, so that each rebuild's child starts with them."""
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401
    from mkdocs.plugins import get_plugins
    for name, entry in get_plugins().items():
        if name in ("material/search", "search"):
            entry.load()


def _title(source: Path) -> str | None:
    """The title in a docs file's front matter, as Sunlight writes it (`docsfile`)."""
    try:
        with open(source, encoding="utf-8") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    found = re.match(r"---\ntitle: ([^\n]*)\n", head)
    return found.group(1) if found else head


def _untitled(nav) -> list[str]:
    """Pages the navigation lists without a title (a bare `- page.md`)."""
    if isinstance(nav, dict):
        return [path for value in nav.values() if not isinstance(value, str) for path in _untitled(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in ([item] if isinstance(item, str) and item.endswith(".md")
                                                   else _untitled(item))]
    return []


def _prepare_dirty(config_overrides: dict, removed: list[str]) -> None:
    """Before a dirty build: the pages of removed sources go; the pages the navigation lists without
    a title are rebuilt every time (their title comes from the page, which MkDocs reads only when
    it rebuilds it)."""
    directory_urls = bool(config_overrides.get("use_directory_urls"))
    site, docs = Path(config_overrides["site_dir"]), Path(config_overrides["docs_dir"])
    for rel in removed:
        page = page_url(rel, directory_urls) if rel.endswith(".md") else rel
        target = site / (page + "index.html" if page.endswith("/") or page == "" else page)
        target.unlink(missing_ok=True)
    now = time.time_ns()
    for rel in _untitled(config_overrides.get("nav")):
        source = docs / rel
        if source.exists():
            os.utime(source, ns=(now, now))
