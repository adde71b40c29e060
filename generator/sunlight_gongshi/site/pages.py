"""Which pages the site has and what each shows: one function per page kind, all into a docs folder.

Every page is Markdown whose body is one HTML block rendered by an autoescaping Jinja
template, so record text can never become markup; Markdown written by people (decision
summaries, content/ pages) goes through `mdsafe` first.
"""

from __future__ import annotations

import functools
import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from markupsafe import Markup

from ..compute.activity import answering_for
from ..compute.balances import in_out
from ..model.community import BODIES
from ..money import ZERO
from ..compute.figures import Figures
from ..history.audit import FIELD_NAMES, History
from ..model.recordset import Records
from . import docsfile, mdsafe, search
from .plain import verdict
from .i18n import month_label, tr
from .work_pages import write_work_pages
from .incremental import MISSING, Incremental, write_if_changed
from .render import environment, page_url, relative, template_inputs

NAV = [("首页", "index.md"), ("财务", "finance/index.md"), ("决议", "decisions/index.md"),
       ("会议", "meetings/index.md"), ("诉求", "requests/index.md"),
       ("组织机构", "people.md"), ("文明评比", "rankings/index.md"), ("公告", "notices/index.md"),
       ("修改记录", "audit.md"), ("公开数据", "data.md")]
BR = Markup("<br>")  # joins escaped lines of text in table cells
GUIDE = "pages/guide.md"  # the committee's own guide, listed apart from residents' notices


@dataclass(frozen=True)
class ContentPage:
    path: str      # docs path, e.g. notices/2026-10-water-outage.md
    title: str
    date: str
    html: str


@dataclass(frozen=True)
class SiteInput:
    """What rendering needs besides the records: figures, git facts and site settings."""

    records: Records
    figures: Figures
    commit: object = None                      # gitinfo.Commit of HEAD, or None outside git
    history: History = field(default_factory=History)
    directory_urls: bool = False
    hant: str = "tw"                           # zh-Hant wording: tw (Taiwan) or hk (Hong Kong)
    incremental: Optional[Incremental] = None  # `sunlight serve`: what the previous rebuild made


class Writer:
    """Renders templates into docs/ files, each with its own relative-link helper, and the search
    entry of each page (`search`); `finish` saves the entries of the part it wrote."""

    def __init__(self, docs: Path, site: SiteInput, part: str | None = None):
        self.language = site_language(site)
        self.docs, self.site, self.env = docs, site, environment(self.language)
        self.part = part or "all"
        self.pages: list[str] = []
        self.entries: list[dict] = []

    def page(self, path: str, title: str, template: str, **context) -> None:
        out = self.docs / path
        self.pages.append(path)
        inputs = None
        if self.site.incremental is not None:   # a rebuild: nothing to do if the page's inputs are the same
            inputs = (template, title, self.language, self.site.directory_urls,
                      {name: context[name] for name in template_inputs(self.language, template) if name in context})
            self.site.incremental.produced.add(path)
            kept = self.site.incremental.unchanged(("docs", path), inputs, out)
            if kept is not MISSING:
                self.entries.append(kept)
                return
        link: Callable[[str], str] = lambda target: relative(path, target, self.site.directory_urls)
        url = page_url(path, self.site.directory_urls)
        # Hot loops build links as root + "dir/name" + ext instead of calling link() per row.
        root = "../" * url.count("/")
        ext = "/" if self.site.directory_urls else ".html"
        body = self.env.get_template(template).render(link=link, root=root, ext=ext, **context)
        # MkDocs' theme templates do not autoescape: a title reaches <title> and the nav as
        # written, so it is escaped here, once, like every other record text.
        safe_title = html.escape(title, quote=True)
        source = docsfile.page_source(safe_title, body)
        entry = search.entry(url, safe_title, template, context, body, self.language)
        self.entries.append(entry)
        if self.site.incremental is None:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(source, encoding="utf-8")
        else:
            write_if_changed(out, source)
            self.site.incremental.made(("docs", path), inputs, entry)

    def finish(self) -> list[str]:
        """Save the search entries of the pages written; the docs paths of those pages."""
        search.write_entries(self.docs, self.part, self.entries)
        return self.pages


def site_language(site: SiteInput) -> str:
    """The language the site's own words are in: the community's, with Hong Kong forms when set."""
    language = site.records.community.language
    return "zh-Hant-HK" if language == "zh-Hant" and site.hant == "hk" else language


def neighbours(items: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """Each item's previous and next one, for the previous/next links of month pages."""
    return {item: (items[i - 1] if i else None, items[i + 1] if i + 1 < len(items) else None)
            for i, item in enumerate(items)}


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
    pages.sort(key=lambda p: not p.path.startswith("pages/notices/"))
    return pages


def _introduced(history: History, path: str):
    known = history.files.get(path)
    return known.introduced if known else None


def _event_text(event, items, lang: str) -> str:
    """One line of a unit's score detail, e.g. 2025-09-19 参加志愿服务 ×4（+8）：垃圾分类督导."""
    item = items[event.item]
    count = f" ×{event.count}" if event.count > 1 else ""
    effect = tr("否决", lang) if item.veto else f"{item.points * event.count:+d}"
    line = tr("{date} {label}{count}（{effect}）", lang).format(date=event.date.isoformat(), label=item.label,
                                                               count=count, effect=effect)
    return line + (tr("：", lang) + event.note if event.note else "")


def _this_month(figures) -> dict:
    """Requests of the reference date's month (received, resolved of those) and the oldest still open."""
    month = figures.reference_date.isoformat()[:7]
    received = [r for r in figures.work.requests if r.received.isoformat()[:7] == month]
    return {"month": month, "received": len(received), "resolved": sum(r.status == "resolved" for r in received),
            "oldest": figures.work.open_requests[0] if figures.work.open_requests else None}


@dataclass(frozen=True)
class EventLines:
    """A month's score detail per unit, each unit's lines made when its row is shown."""

    ranking: object     # compute.rankings.MonthRanking
    lang: str

    @functools.cached_property
    def _lines(self) -> dict[str, Markup]:
        items = {i.code: i for i in self.ranking.version.items}
        return {row.unit: BR.join([_event_text(e, items, self.lang) for e in row.events]) for row in self.ranking.rows}

    def __getitem__(self, unit: str) -> Markup:
        return self._lines[unit]


def write_pages(docs: Path, site: SiteInput, part: str | None = None) -> list[str]:
    """Write the pages of one part (home, finance, decisions | people, rankings, units, notices),
    or all of them, into docs/; returns their docs paths."""
    records, figures = site.records, site.figures
    w = Writer(docs, site, part)
    lang = w.language

    def t(text: str) -> str:
        return tr(text, lang)

    unit_names = {u.id: u.name for u in records.units}
    account_names = {a.id: a.name for a in records.accounts}
    decisions = sorted(records.decisions, key=lambda d: (d.date, d.id), reverse=True)
    common = dict(figures=figures, unit_names=unit_names, account_names=account_names, zero=ZERO,
                  policy=records.community.policy)
    changed = site.history.changed()
    amended: dict[str, list] = defaultdict(list)
    for amendment in site.history.amendments:
        amended[amendment.month].append(amendment)
    notices = content_pages(records)

    if part in (None, "finance"):
        entry_dates = [e.date for m in records.months for e in m.entries]
        w.page("index.md", records.community.name, "home.md.j2", community=records.community,
               accounts=records.accounts, balances=figures.balances,
               last_entry_date=max(entry_dates).isoformat() if entry_dates else "—",
               latest_ranking=figures.monthly[-1] if figures.monthly else None,
               latest_decisions=decisions[:6], decision_count=len(decisions),
               last_month=records.months[-1].month if records.months else None, notices=[n for n in notices if n.path.startswith("pages/notices/")],
               commit=site.commit, this_month=_this_month(figures), **common)

        totals = in_out((books.month, e.amount) for books in records.months for e in books.entries
                        if e.transfer is None)
        rows_by_month: dict[str, list] = defaultdict(list)
        rows_by_account: dict[str, list] = defaultdict(list)
        for row in figures.month_rows:
            rows_by_month[row.month].append(row)
            rows_by_account[row.account].append(row)
        w.page("finance/index.md", t("财务公开"), "finance_index.md.j2", accounts=records.accounts,
               balances=figures.balances, campaigns=figures.campaigns, months=records.months,
               month_totals=totals, budgeted=[d for d in decisions if d.budget is not None],
               rows_by_account=rows_by_account, **common)
        month_links = neighbours([books.month for books in records.months])
        for books in records.months:
            categories = in_out((e.category or t("未分类"), e.amount) for e in books.entries if e.transfer is None)
            w.page(f"finance/{books.month}.md", t("{month}账目").format(month=month_label(books.month, lang)),
                   "finance_month.md.j2", books=books, rows=rows_by_month[books.month],
                   categories=sorted(categories.items()), changed=changed.get(books.src.path),
                   amendments=amended.get(books.month, []), provenance=site.history.entries,
                   prev_month=month_links[books.month][0], next_month=month_links[books.month][1],
                   requests_by_entry=figures.work.requests_by_entry, **common)
        for account in records.accounts:
            w.page(f"finance/accounts/{account.id}.md", account.name, "account.md.j2", account=account,
                   balance=figures.balances[account.id], rows=rows_by_account[account.id],
                   changed=changed.get(account.src.path), **common)

        w.page("decisions/index.md", t("决议公开"), "decisions_index.md.j2", decisions=decisions, **common)
        for d in decisions:
            result = figures.outcomes.get(d.id)
            w.page(f"decisions/{d.id}.md", d.title, "decision.md.j2", d=d, vote=d.vote,
                   eligible=result.eligible if result else None, result=result,
                   verdict=verdict(d, result, lang),
                   summary_html=Markup(mdsafe.render(d.summary)) if d.summary else "",
                   spent=figures.spent.get(d.id, ZERO), entries=figures.entries_by_decision.get(d.id, ()),
                   rubric_versions=[v for v in (records.rubric.versions if records.rubric else ()) if v.decision == d.id],
                   changed=changed.get(d.src.path), introduced=_introduced(site.history, d.src.path),
                   meeting=figures.work.meeting_of.get(d.id), requests=figures.work.requests_by_decision.get(d.id, ()),
                   **common)

    if part in (None, "rankings"):
        by_body: dict[str, list] = defaultdict(list)
        for roster in sorted(records.rosters, key=lambda r: r.term.start, reverse=True):
            by_body[roster.body].append(roster)
        today = figures.reference_date
        current = {body: next((r for r in rosters if r.term.start <= today <= r.term.end), None)
                   for body, rosters in by_body.items()}
        w.page("people.md", t("组织机构"), "people.md.j2", bodies=[(b, by_body[b]) for b in BODIES if b in by_body],
               current=current, changed=changed, **common)

        versions = sorted(records.rubric.versions, key=lambda v: v.effective_from, reverse=True) if records.rubric else []
        provisional = {y.year for y in figures.yearly if y.year + "-12" not in y.months}
        w.page("rankings/index.md", t("文明评比（红“棟”力）"), "rankings_index.md.j2", monthly=figures.monthly,
               yearly=figures.yearly, provisional=provisional, latest=figures.monthly[-1] if figures.monthly else None,
               versions=versions, rubric_changed=changed.get("records/scores/rubric.yml"), **common)
        score_paths = {s.month: s.src.path for s in records.scores}
        history: dict[str, list] = defaultdict(list)
        ranking_links = neighbours([r.month for r in figures.monthly])
        for r in figures.monthly:
            w.page(f"rankings/{r.month}.md", t("{month}文明评比").format(month=month_label(r.month, lang)),
                   "ranking_month.md.j2", r=r, details=EventLines(r, lang),
                   changed=changed.get(score_paths.get(r.month)), prev_month=ranking_links[r.month][0],
                   next_month=ranking_links[r.month][1], **common)
            for row in r.rows:
                history[row.unit].append((r.month, row))
        for y in figures.yearly:
            w.page(f"rankings/{y.year}.md", t("{year} 年红旗榜").format(year=y.year), "ranking_year.md.j2", y=y,
                   provisional=y.year in provisional, payments=figures.work.award_payments, **common)
        month_names = {r.month: month_label(r.month, lang) for r in figures.monthly}
        for unit in records.units:
            w.page(f"units/{unit.id}.md", unit.name, "unit.md.j2", unit=unit, history=history[unit.id],
                   heads=answering_for(records.rosters, unit.id, today), month_names=month_names,
                   changed=changed.get(unit.src.path), **common)
        write_work_pages(w, site, common, t)

        for page in notices:
            w.page(page.path, page.title, "content.md.j2", body_html=page.html)
        w.page("notices/index.md", t("公告"), "notices_index.md.j2",
               notices=[n for n in notices if n.path.startswith("pages/notices/")],
               others=[n for n in notices if not n.path.startswith("pages/notices/") and n.path != GUIDE],
               guides=[n for n in notices if n.path == GUIDE])
        w.page("audit.md", t("修改记录"), "audit.md.j2", history=site.history, field_names=FIELD_NAMES,
               chain_head=site.history.chain[-1] if site.history.chain else None, rewrites=records.rewrites)
        w.page("data.md", t("公开数据"), "data.md.j2")
    return w.finish()
