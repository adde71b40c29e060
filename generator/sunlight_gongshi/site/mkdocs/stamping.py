"""Sunlight's pages stamped into a shell per kind of page, instead of each going through Material's
templates (which took most of MkDocs' time: the page frame and the menu, rendered for every page).

A page Sunlight rendered (`docsfile.MARK`) that the menu does not list looks, around its body, like
every other such page of its folder with the same front matter: Material's output differs only by
the title, the file name (in the canonical and edit addresses), the body, and the share card's
words (`description`, `share_title`: every page has its own, `site/share.py`).  So the first page of
each kind has the theme render a stand-in (`shell.Shell`: placeholders for the three), and every
page of the kind is stamped into it.  Every plugin event still runs for every page; only the
template is not rendered again.

Three guards keep the bytes what the theme would write:
- only where no plugin or hook but Sunlight's and the search runs (as `parallel`), since a
  plugin's `on_page_context` may change what the template is given;
- only a page whose file name needs no quoting or escaping anywhere (`SAFE_STEM`, not `index`)
  and whose title is a non-empty text that the theme shows as it is;
- the first page of each kind is also rendered by the theme, and if the two differ the whole kind
  is rendered by the theme.
`tests/test_stamping.py` builds sites of every page type both ways and compares every file.
"""

from __future__ import annotations

import posixpath
import re

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File

from .docsfile import MARK
from .htmlpages import HtmlPage
from .parallel import SKIP, only_ours
from .shell import Shell

ENABLED = True                      # tests turn it off to compare with the theme's own rendering
TITLE, STEM, BODY = "sunlightshelltitle7q", "sunlightshellstem7q", "sunlightshellbody7q"
# Front matter of a page's own that the theme shows as it is (Sunlight escaped it once), when set.
OWN = {"description": "sunlightshelldescription7q", "share_title": "sunlightshellsharetitle7q"}
SAFE_STEM = re.compile(r"[A-Za-z0-9_-]+")
# This process's MkDocs run: the pages it stamps (id -> their own front matter and template), the
# shells made so far (None: that kind is rendered by the theme), and what rendering needs.
_run: dict = {}


def remember_nav(nav) -> None:
    """Called from `on_nav`: the menu, which every shell is rendered with."""
    _run.clear()
    _run["nav"] = nav


def prepare(env, config, files) -> None:
    """Called from `on_env`, after `parallel.split`: the pages this process will stamp get an empty
    template (`SKIP`), so MkDocs renders nothing for them, and `stamped` writes them."""
    nav = _run.get("nav")
    _run.update(pages={}, shells={}, env=env, config=config, files=None)
    if not ENABLED or nav is None or not only_ours(config.plugins):
        return
    listed = {id(page) for page in nav.pages}
    _run["files"] = files.documentation_pages()
    for file in _run["files"]:
        page = file.page
        if (page is None or id(page) in listed or page.meta.get(MARK[0]) != MARK[1]
                or page.meta.get("template") == SKIP or not _stampable(file.src_uri, page.meta.get("title"))):
            continue
        _run["pages"][id(page)] = (dict(page.meta), page.meta.get("template", "main.html"))
        page.meta["template"] = SKIP


def _stampable(src_uri: str, title) -> bool:
    folder, name = posixpath.split(src_uri)
    stem, suffix = posixpath.splitext(name)
    return (suffix == ".md" and stem != "index" and SAFE_STEM.fullmatch(stem) is not None
            and isinstance(title, str) and title != "" and "&" not in title and "<" not in title)


def stamped(page) -> str | None:
    """Called from `on_post_page`: the page stamped into its kind's shell, or None when this process
    does not stamp it (MkDocs' own output stands)."""
    found = _run.get("pages", {}).pop(id(page), None)
    if found is None:
        return None
    meta, template = found
    folder, name = posixpath.split(page.file.src_uri)
    has_h1 = "\u003ch1" in page.content
    own = {k: meta[k] for k in OWN if isinstance(meta.get(k), str) and meta[k]}
    key = (folder, template, repr(sorted((k, v) for k, v in meta.items() if k != "title" and k not in own)),
           tuple(own), has_h1)
    first = key not in _run["shells"]
    if first:
        _run["shells"][key] = _shell(folder, {**meta, **{k: OWN[k] for k in own}}, template, page.toc, has_h1)
    shell = _run["shells"][key]
    if shell is None:
        return _render(page, template)
    out = shell.stamp(title=meta["title"], stem=posixpath.splitext(name)[0], body=page.content, **own)
    if first:
        theirs = _render(page, template)
        if theirs != out:   # the theme shows this kind of page some other way: it renders them all
            _run["shells"][key] = None
            return theirs
    return out


def _render(page, template: str) -> str:
    """The page as the theme renders it (MkDocs' `_build_page`, whose plugin events already ran)."""
    config = _run["config"]
    return _run["env"].get_template(template).render(get_context(_run["nav"], _run["files"], config, page))


def _shell(folder: str, meta: dict, template: str, toc, has_h1: bool) -> Shell | None:
    """The theme's output for a stand-in page of the kind, with placeholders."""
    config = _run["config"]
    probe = HtmlPage(None, File.generated(config, posixpath.join(folder, STEM + ".md"), content=""), config)
    body = ("\u003ch1>" if has_h1 else "") + BODY
    probe.markdown, probe.meta, probe.content, probe.toc = "", {**meta, "title": TITLE}, body, toc
    current, config._current_page = config._current_page, probe
    probe.active = True
    try:
        text = _render(probe, template)
    finally:
        probe.active, config._current_page = False, current
    try:
        return Shell(text, {"title": TITLE, "stem": STEM, "body": body,
                            **{k: mark for k, mark in OWN.items() if meta.get(k) == mark}})
    except ValueError:
        return None
