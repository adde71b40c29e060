"""Stamping: every page of the portal written into a page of the frame, and the search index, so a
page costs one string replacement and a rebuild runs no MkDocs.

MkDocs renders every page through Material's whole template; the frame (`frame.py`) holds one
rendered page per menu entry and the shell for all the others (`site/mkdocs/shell.py`: the one
way a page is stamped into a shell, shared with the resident site).  A page of the menu replaces its
frame page's body; any other page also gets its title in the shell's.  A page whose key is the
one of the previous site's page is linked from there, not written.  The search index is the
frame's settings with the portal's entries: the menu pages by their text, each estate by its
name, neighbourhood and id.

Chinese is cut into words as Material's search plugin cuts it: each run of Han characters with
jieba, the words and the run's ends joined by a zero-width space.  jieba takes about a second
to load its dictionary, and a rebuild after one estate changed meets almost no run it has not
cut before (names, labels), so the runs already cut are kept in the state folder with jieba's
version and looked up first: the same words, without the second.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
from pathlib import Path

from backrefs import bre   # Material's own dependency: the same \p{script: Han} its search plugin uses

from ..site.mkdocs.shell import Shell
from .frame import BODY, SHELL_HTML, TITLE, theme_files
from .pages import Page

HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
ZWSP = "\u200b"


def _jieba_version() -> str:
    from importlib.metadata import version
    return version("jieba")


class Words:
    """Han runs already cut, from and back to `path`; jieba is asked only for new ones."""

    def __init__(self, path: Path | None):
        self.path, self.version, self.cut, self.added = path, _jieba_version(), {}, False
        try:
            found = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            found = {}
        if found.get("jieba") == self.version:
            self.cut = found.get("runs", {})

    def _run(self, match: re.Match) -> str:
        run = match.group(0)
        words = self.cut.get(run)
        if words is None:
            import jieba
            jieba.setLogLevel(logging.ERROR)  # its dictionary banner is not for the office
            words = self.cut[run] = ZWSP.join(jieba.cut(run.encode("utf-8")))
            self.added = True
        return ZWSP + words + ZWSP

    def segment(self, text: str) -> str:
        """`text` with every run of Han characters cut into words, as Material's search plugin does."""
        return HAN.sub(self._run, text).strip(ZWSP)

    def save(self) -> None:
        if not self.path or not self.added:
            return
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"jieba": self.version, "runs": self.cut}, ensure_ascii=False),
                             encoding="utf-8")
        os.replace(temporary, self.path)


def page_text(body: str) -> str:
    """What a page's body says, for the index: the text between its tags, spaces collapsed."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", body))).strip()


def entry(words: Words, location: str, title: str, text: str) -> dict:
    return {"location": location, "title": words.segment(title), "text": words.segment(text)}



def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:   # another file system, or links not allowed
        shutil.copyfile(source, target)


def html_path(page: Page) -> str:
    return page.path[:-len(".md")] + ".html" if page.path.endswith(".md") else page.path


def stamp(site: Path, frame: Path, pages: list[Page], search: dict[str, str], previous: Path,
          words: Words) -> None:
    """Write the site: the frame's theme files linked, every page stamped (or linked from the
    `previous` site when `page.reuse`), and search/search_index.json.  `search` maps an
    estate page's path to the text it is found by."""
    menu = [(p.path, p.title) for p in pages if not p.stamped]
    for rel in theme_files(frame, menu):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        _link(frame / rel, site / rel)
    shell = Shell((frame / SHELL_HTML).read_text(encoding="utf-8"), {"title": TITLE, "body": BODY})
    index_path = site / "search" / "search_index.json"
    index = json.loads((frame / "search" / "search_index.json").read_text(encoding="utf-8"))
    folders: set[Path] = set()
    for page in pages:
        target = site / html_path(page)
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if not page.stamped:    # a menu page: its own frame page, its text in the index
            own = Shell((frame / html_path(page)).read_text(encoding="utf-8"), {"body": BODY})
            target.write_text(own.stamp(body=page.body), encoding="utf-8")
            index["docs"].append(entry(words, html_path(page), page.title, page_text(page.body)))
            continue
        if page.reuse:   # unchanged since the previous site: the same file, linked
            _link(previous / page.path, target)
        else:
            target.write_text(shell.stamp(title=html.escape(page.title, quote=True), body=page.body), encoding="utf-8")
        if search.get(page.path):
            index["docs"].append(entry(words, page.path, page.title, search[page.path]))
    if index_path.exists():
        index_path.unlink()   # linked from the frame: written anew, never through the link
    index_path.parent.mkdir(parents=True, exist_ok=True)
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    words.save()
