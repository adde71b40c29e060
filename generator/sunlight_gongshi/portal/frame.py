"""The frame of the portal: what MkDocs Material renders (the theme's files, one empty page per page
kind), built once per tool, day and menu and kept in the state folder, so a rebuild runs no MkDocs.

Every page of the portal is stamped into a page of the frame: the few pages of the menu each
into its own (the menu marks it), every other page into the shell (`shell/page.md`, one folder
deep, so its relative links, scripts and Content-Security-Policy are right for them all).  What
MkDocs renders of a page besides its body depends only on its title, the menu, the theme, and
the day (the sitemap); all of that is in the frame's key.  MkDocs' search plugin writes the
index's settings and no entry (every page of the frame is left out of search); the portal adds
its own entries.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from ..site.generate import ASSETS as SITE_ASSETS
from ..site.mkdocs.config import HOOKS, SEARCH
from ..site.mkdocs.engine import run_mkdocs

ASSETS = Path(__file__).resolve().parent / "assets"
SITE_NAME = "阳光公示 · 小区总览"
SHELL = "shell/page.md"
SHELL_HTML = "shell/page.html"
TITLE = "sunlight-portal-shell-title"
BODY = '<div class="sl">sunlight-portal-shell-body</div>'
KEY_FILE = "frame.key"


def _source(title: str) -> str:
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsearch:\n  exclude: true\n---\n\n{BODY}\n"


def _overrides(docs: Path, site: Path, nav: list[dict]) -> dict:
    return {
        "site_name": SITE_NAME,
        "docs_dir": str(docs),
        "site_dir": str(site),
        "theme": {"name": "material", "language": "zh", "font": False,
                  "features": ["navigation.tabs", "navigation.top", "search.highlight"]},
        "plugins": [{"search": dict(SEARCH["zh"])}],
        "nav": nav,
        "not_in_nav": "shell/*.md",
        "use_directory_urls": False,
        "extra_css": ["assets/sunlight.css", "assets/portal.css"],
        "copyright": "数据来自各小区公开的公示网站 · 阳光公示",
        "strict": False,
        "hooks": [str(HOOKS)],
    }


def frame_key(tool: str, epoch: int, menu: list[tuple[str, str]]) -> str:
    """A digest of everything the frame's bytes depend on: the tool, the day, the menu's pages."""
    digest = hashlib.sha256(json.dumps([tool, epoch, menu, SITE_NAME], ensure_ascii=False).encode())
    for css in (SITE_ASSETS / "sunlight.css", ASSETS / "portal.css"):
        digest.update(css.read_bytes())
    return digest.hexdigest()


def frame(folder: Path, key: str, epoch: int, menu: list[tuple[str, str]]) -> Path:
    """The frame for `key` in `folder` (the state's), rendered by MkDocs unless it is there already."""
    if (folder / KEY_FILE).is_file() and (folder / KEY_FILE).read_text(encoding="utf-8") == key:
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    for stale in folder.parent.glob(".frame-*"):   # a killed build's (the state is one build's at a time)
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=".frame-", dir=folder.parent))
    try:
        docs, site = work / "docs", work / "site"
        (docs / "assets").mkdir(parents=True)
        shutil.copyfile(SITE_ASSETS / "sunlight.css", docs / "assets" / "sunlight.css")   # the phone rules
        shutil.copyfile(ASSETS / "portal.css", docs / "assets" / "portal.css")
        (docs / "shell").mkdir()
        (docs / SHELL).write_text(_source(TITLE), encoding="utf-8")
        for path, title in menu:
            (docs / path).write_text(_source(title), encoding="utf-8")
        (work / "mkdocs.yml").write_text(f"site_name: {SITE_NAME}\n", encoding="utf-8")
        run_mkdocs(_overrides(docs, site, [{title: path} for path, title in menu]), work, epoch)
        for path in [SHELL_HTML, *(p.replace(".md", ".html") for p, _ in menu)]:
            if (site / path).read_text(encoding="utf-8").count(BODY) != 1:
                raise RuntimeError("门户的页面模板里找不到要替换的位置：主题的输出变了")
        _drop_from_sitemap(site, SHELL_HTML)
        (site / KEY_FILE).write_text(key, encoding="utf-8")
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(site, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder


def _drop_from_sitemap(site: Path, path: str) -> None:
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = re.sub(r"\s*<url>(?:(?!</url>).)*?" + re.escape(path) + r".*?</url>", "",
                  sitemap.read_text(encoding="utf-8"), flags=re.DOTALL)
    sitemap.write_text(text, encoding="utf-8")
    with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


def theme_files(folder: Path, menu: list[tuple[str, str]]) -> list[str]:
    """The frame's files that go into the site as they are: all but its pages and its key."""
    pages = {KEY_FILE, *(p.replace(".md", ".html") for p, _ in menu)}
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in pages and not rel.startswith("shell/"):
            out.append(rel)
    return out
