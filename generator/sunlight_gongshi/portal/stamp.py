"""MkDocs hooks of the portal: after MkDocs built its few pages, the pages that grow with the number
of estates are stamped into the shell page it rendered, and added to the search index.

MkDocs renders every page through Material's whole template, thousands of times for a district;
a stamped page costs one string replacement.  The shell (`shell/page.md`) is a page like any
other one folder deep, so its relative links, its scripts and its Content-Security-Policy are
right for every stamped page; it is removed once used.  This runs inside MkDocs' child process,
where the search plugin already loaded jieba, so stamped pages are segmented like the others.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
from pathlib import Path

SHELL = "shell/page.md"
SHELL_HTML = "shell/page.html"
TITLE = "sunlight-portal-shell-title"
BODY = '<div class="sl">sunlight-portal-shell-body</div>'
STAMP_KEY = "sunlight_portal_stamp"      # mkdocs `extra` key naming the file of pages to stamp
TAG = re.compile(r"<[^>]+>")


def shell_source() -> str:
    """The Markdown of the shell page: a title and a body to replace, left out of search."""
    return f"---\ntitle: {TITLE}\nsearch:\n  exclude: true\n---\n\n{BODY}\n"


def _segment(text: str) -> str:
    try:
        import jieba
    except ImportError:   # pragma: no cover - jieba is a dependency
        return text
    return "\u200b".join(jieba.cut(text))


def stamp(site: Path, pages_file: Path) -> None:
    """Write every page listed in `pages_file` (JSON lines: path, title, body) from the shell."""
    shell = (site / SHELL_HTML).read_text(encoding="utf-8")
    if shell.count(BODY) != 1 or TITLE not in shell:
        raise RuntimeError("门户的页面模板（shell）里找不到要替换的位置：主题的输出变了")
    head, tail = shell.split(BODY)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8")) if index_path.exists() else None
    with open(pages_file, encoding="utf-8") as lines:
        for line in lines:
            page = json.loads(line)
            title = html.escape(page["title"], quote=True)
            target = site / page["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            if "from" in page:   # unchanged since the previous site: the same file, linked
                _link(Path(page["from"]), target)
            else:
                target.write_text(head.replace(TITLE, title) + page["body"] + tail.replace(TITLE, title),
                                  encoding="utf-8")
            if index is not None and page.get("search"):
                index["docs"].append({"location": page["path"], "title": _segment(page["title"]),
                                      "text": _segment(page["search"])})
    if index is not None:
        index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    shutil.rmtree(site / "shell", ignore_errors=True)
    _drop_from_sitemap(site, SHELL_HTML)


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:   # another file system, or links not allowed
        shutil.copyfile(source, target)


def _drop_from_sitemap(site: Path, path: str) -> None:
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = re.sub(r"\s*<url>(?:(?!</url>).)*?" + re.escape(path) + r".*?</url>", "",
                  sitemap.read_text(encoding="utf-8"), flags=re.DOTALL)
    sitemap.write_text(text, encoding="utf-8")
    with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


def on_post_build(config):
    """MkDocs hook: stamp the portal's pages once MkDocs (and its search plugin) wrote theirs."""
    pages_file = (config.get("extra") or {}).get(STAMP_KEY)
    if pages_file:
        stamp(Path(config["site_dir"]), Path(pages_file))
