"""Pages Sunlight already rendered to HTML reach Material's theme without Python-Markdown reading them again.

`pages.writer.Writer` marks every file it writes (`sunlight: html` in the front matter) and writes a body
that Markdown would pass through unchanged: one raw HTML block, whitespace already normalised the
way Markdown normalises it (`docsfile`).  For such a page, MkDocs' own `render` would only
run `html.parser` over the block three times (Markdown's HTML-block step, MkDocs' anchor scan)
to return the same text; `HtmlPage.render` returns it at once.  Every plugin event still runs
(`on_page_markdown`, `on_page_content`, ...); any other page - one a community's plugin adds -
goes through MkDocs' Markdown as before.  The hooks (`hooks`) make each page an `HtmlPage`.
"""

from __future__ import annotations

import html
import re

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from sunlight_gongshi.site.mkdocs.docsfile import MARK, read_back
from sunlight_gongshi.site.mkdocs.parallel import only_ours

ANCHOR_IDS = (re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\""), re.compile(r"<a\s[^>]*?\bname=\"([^\"]*)\""))


class HtmlPage(Page):
    """A page whose Markdown is Sunlight's HTML: rendered by taking it as it is."""

    _anchor_ids: set[str] | None = None

    def read_source(self, config) -> None:
        """A page of Sunlight's front matter read without YAML (`docsfile.read_back`), where no plugin
        could give MkDocs the page's source instead; any other page as MkDocs reads it."""
        if only_ours(config.plugins):
            try:
                found = read_back(self.file.content_string)
            except (OSError, ValueError):   # MkDocs reads it again and says what is wrong
                found = None
            if found is not None:
                self.markdown, self.meta = found
                return
        super().read_source(config)

    def render(self, config, files) -> None:
        if self.meta.get(MARK[0]) != MARK[1]:
            super().render(config, files)
            return
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        self.content = self.markdown.strip()
        self.toc = get_toc([])            # headings inside raw HTML never made a table of contents
        self._title_from_render = None    # nor a title: the front matter has it
        self._anchor_ids = None
        self.links_to_anchors = {}        # raw HTML links are never rewritten or checked by MkDocs

    @property
    def present_anchor_ids(self) -> set[str] | None:
        """Ids a Markdown page may link to (MkDocs checks such links); read from the HTML only if asked."""
        if self._anchor_ids is None and self.content is not None and self.meta.get(MARK[0]) == MARK[1]:
            self._anchor_ids = {html.unescape(found) for pattern in ANCHOR_IDS for found in pattern.findall(self.content)}
        return self._anchor_ids

    @present_anchor_ids.setter
    def present_anchor_ids(self, value: set[str] | None) -> None:
        self._anchor_ids = value


# Material's search plugin strips `data-search-*="..."` attributes from every page's content with a
# regular expression that tries each position of the page (a quarter of a millisecond per page of
# Sunlight's).  A page of Sunlight's is left out of Material's index (Sunlight writes its entry) and
# has no such attribute: its content is set aside while the plugin runs, so it has nothing to strip.
# The plugin's expression is `\s?` and then this one: where this finds nothing, so does the plugin's.
SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]+\"")
ASIDE = True   # tests turn it off to compare with the plugin's own stripping
_aside: dict[int, str] = {}


def set_aside(page: Page, plugins) -> None:
    """Before the search plugin's `on_page_context`: a page of Sunlight's, left out of the index and
    without a `data-search-` attribute, gives the plugin nothing to read (only where no plugin but
    Sunlight's and the search runs: another could read the content between the two steps)."""
    if (ASIDE and page.meta.get(MARK[0]) == MARK[1] and (page.meta.get("search") or {}).get("exclude") is True
            and page.content and only_ours(plugins) and SEARCH_ATTRIBUTE.search(page.content) is None):
        _aside[id(page)] = page.content
        page.content = ""


def put_back(page: Page) -> None:
    """After the search plugin's `on_page_context`: the page has its content again."""
    content = _aside.pop(id(page), None)
    if content is not None:
        page.content = content


def adopt(page: Page) -> Page:
    """Make a plain MkDocs page an `HtmlPage` (pages of other classes, a plugin's, are left alone)."""
    if type(page) is Page:
        page.__class__ = HtmlPage
    return page
