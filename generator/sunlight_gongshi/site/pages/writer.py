"""What rendering is given (`SiteInput`) and how one page is made (`Writer.page`): a template rendered
with its links, the docs file that marks it as Sunlight's HTML, and its search entry.

Every page is Markdown whose body is one HTML block rendered by an autoescaping Jinja
template, so record text can never become markup; Markdown written by people (decision
summaries, content/ pages) goes through `mdsafe` first.  Whether a page is made again or left
as it was is the output's to say (`output.Output.page`).
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from ...compute.figures import Figures
from ...history.audit import History
from ...model.recordset import Records
from ...money import ZERO
from .. import mdsafe, search, share
from ..words import tr
from ..mkdocs import docsfile
from ..output.output import FullBuild, Output
from ..render import environment, page_url, relative, template_inputs

NOTICES = "pages/notices/"   # content/notices/ on the site: the committee's notices to residents
GUIDE = "pages/guide.md"     # the committee's own guide, listed apart from residents' notices


@dataclass(frozen=True)
class ContentPage:
    path: str      # docs path, e.g. notices/2026-10-water-outage.md
    title: str
    date: str
    html: str


@dataclass(frozen=True)
class SiteInput:
    """What rendering needs besides the records: figures, git facts, site settings, and the output
    the files go to; with what the pages of several families share, made once."""

    records: Records
    figures: Figures
    commit: object = None                      # gitinfo.Commit of HEAD, or None outside git
    history: History = field(default_factory=History)
    directory_urls: bool = False
    hant: str = "tw"                           # zh-Hant wording: tw (Taiwan) or hk (Hong Kong)
    output: Output = field(default_factory=FullBuild)

    @functools.cached_property
    def language(self) -> str:
        """The language the site's own words are in: the community's, with Hong Kong forms when set."""
        language = self.records.community.language
        return "zh-Hant-HK" if language == "zh-Hant" and self.hant == "hk" else language

    @functools.cached_property
    def common(self) -> dict:
        """What most templates are given: the figures, names by id, zero, the policy."""
        records = self.records
        return dict(figures=self.figures, unit_names={u.id: u.name for u in records.units},
                    account_names={a.id: a.name for a in records.accounts}, zero=ZERO,
                    policy=records.community.policy)

    @functools.cached_property
    def changed(self) -> dict:
        """Record path -> the last commit that changed it."""
        return self.history.changed()

    @functools.cached_property
    def decisions(self) -> list:
        """Every decision, newest first."""
        return sorted(self.records.decisions, key=lambda d: (d.date, d.id), reverse=True)

    @functools.cached_property
    def content(self) -> list[ContentPage]:
        """content/**/*.md as safe HTML: notices newest first, then the other pages by path."""
        return content_pages(self.records)

    @property
    def notices(self) -> list[ContentPage]:
        return [page for page in self.content if page.path.startswith(NOTICES)]


def content_pages(records: Records) -> list[ContentPage]:
    """content/**/*.md as safe HTML: notices newest first, then the other pages by path."""
    pages = []
    for page in records.pages:
        meta, body = mdsafe.split_front_matter(page.text)
        title = meta.get("title") or next((line[2:].strip() for line in body.splitlines()
                                           if line.startswith("# ")), Path(page.path).stem)
        # Under pages/, so a content file can never take the place of a generated page.
        pages.append(ContentPage("pages/" + page.path[len("content/"):], title, meta.get("date", ""),
                                 Markup(mdsafe.render(body))))
    pages.sort(key=lambda p: p.path)
    pages.sort(key=lambda p: p.date, reverse=True)
    pages.sort(key=lambda p: not p.path.startswith(NOTICES))
    return pages


def neighbours(items: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """Each item's previous and next one, for the previous/next links of month pages."""
    return {item: (items[i - 1] if i else None, items[i + 1] if i + 1 < len(items) else None)
            for i, item in enumerate(items)}


class Writer:
    """Renders templates into docs/ files, each with its own relative-link helper, and the search
    entry of each page (`search`); `finish` saves the entries of the part it wrote."""

    def __init__(self, docs: Path, site: SiteInput, part: str = "all"):
        self.language = site.language
        self.docs, self.site, self.env = docs, site, environment(self.language)
        self.part = part
        self.pages: list[str] = []
        self.entries: list[dict] = []

    def t(self, text: str) -> str:
        """The site's words in the site's language."""
        return tr(text, self.language)

    def page(self, path: str, title: str, template: str, **context) -> None:
        """The docs page `path` from `template`, titled `title`."""
        self.pages.append(path)
        self.entries.append(self.site.output.page(path, self.docs / path,
                                                  lambda: self._inputs(title, template, context),
                                                  lambda: self._render(path, title, template, context)))

    def _inputs(self, title: str, template: str, context: dict):
        """What the page is made from: a page whose inputs are the same as last time is the same."""
        return (template, title, self.language, self.site.directory_urls,
                {name: context[name] for name in template_inputs(self.language, template) if name in context})

    def _links(self, path: str) -> dict:
        """The page's link helper; hot loops build links as root + "dir/name" + ext instead."""
        directory_urls = self.site.directory_urls

        def link(target: str) -> str:
            return relative(path, target, directory_urls)

        url = page_url(path, directory_urls)
        return dict(link=link, root="../" * url.count("/"), ext="/" if directory_urls else ".html")

    def _render(self, path: str, title: str, template: str, context: dict) -> tuple[str, dict]:
        """The docs file's text and the page's search entry."""
        body = self.env.get_template(template).render(**self._links(path), **context)
        # MkDocs' theme templates do not autoescape: a title reaches <title> and the nav as
        # written, so it is escaped here, once, like every other record text.
        safe_title = html.escape(title, quote=True)
        url = page_url(path, self.site.directory_urls)
        card = share.card(title, template, context, body, self.language)
        meta = {"description": html.escape(card.description, quote=True), "share_image": card.picture}
        if card.title:
            meta["share_title"] = html.escape(card.title, quote=True)
        return docsfile.page_source(safe_title, body, meta), search.entry(url, safe_title, template, context, body,
                                                                          self.language)

    def finish(self) -> list[str]:
        """Save the search entries of the pages written; the docs paths of those pages."""
        search.write_entries(self.docs, self.part, self.entries)
        return self.pages
