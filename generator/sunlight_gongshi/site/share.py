"""What a link says when a resident shares it (a WeChat group, a QQ chat): each page's own description,
which states the outcome or the figure, the title a share card shows, and which picture it carries.

A page kind with a function in `DESCRIBE` is described from what the page is made of ("未通过：将东侧
绿地改建为停车位（同意的户数 67.37%，不到四分之三）"); any other page by its own first sentence, so
a new kind has a description at once.  `Writer.page` keeps them in the page's front matter, where
the theme reads them (`theme/main.html`: `<meta name="description">`, Open Graph, and the `itemprop`
names QQ and WeChat's own share read); the printed notices write theirs themselves (`printable`).
The pictures are `pictures.py`'s: one for the site, one for each kind of outcome.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable

from ..money import yuan
from ..words import percent
from .plain import FRACTION_WORDS, SHORT, verdict
from .render import LABELS
from .words import join, month_label, ntr, ptr, tr

LONGEST = 120        # characters: what a share card shows in two or three lines
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
# The first paragraph or list item of a page, not a back link, a pager or a history line.
FIRST = re.compile(r'<(p|li)(?![^>]*class="sl-(?:back|updated|note))[^>]*>(.*?)</\1>', re.DOTALL)
PICTURES = {"yes": "share/yes.png", "no": "share/no.png", "none": "share/none.png"}
SITE_PICTURE = "share/site.png"


@dataclass(frozen=True)
class Card:
    description: str            # plain text, not escaped
    title: str | None = None    # the card's title when it should say more than the page's title
    picture: str = SITE_PICTURE  # site-relative path of the card's picture


def shortened(text: str, limit: int = LONGEST) -> str:
    text = SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def first_sentences(body: str) -> str:
    """A page's first paragraph (or list item) of at least a few words, as plain text."""
    for match in FIRST.finditer(body):
        text = SPACE.sub(" ", html.unescape(TAG.sub("", match.group(2)))).strip()
        if len(text) >= 6:
            return text
    return ""


def outcome(d, result, lang: str) -> tuple[str, str]:
    """A decision's outcome in one line, the answer before the title, and the card's title."""
    status = tr(LABELS["status"].get(d.status, d.status), lang)
    if result is None:
        line = (tr("{status}：{title}（还没有表决）", lang) if d.status == "proposed"
                else tr("{status}：{title}（本站没有表决票数）", lang))
        return line.format(status=status, title=d.title), tr("{title}（{status}）", lang).format(title=d.title, status=status)
    if result.passed:
        last = result.thresholds[-1]
        return (tr("通过：{title}（{said}，{what} {share}）", lang).format(
                    title=d.title, said=verdict(d, result, lang).head, what=ptr("verdict", SHORT[last.what], lang),
                    share=percent(last.share)),
                tr("{title}（通过）", lang).format(title=d.title))
    missed = result.missed[0]
    line = (tr("未通过：{title}（{what} {share}，没有超过{fraction}）", lang) if missed.strict
            else tr("未通过：{title}（{what} {share}，不到{fraction}）", lang))
    return (line.format(title=d.title, what=ptr("verdict", SHORT[missed.what], lang), share=percent(missed.share),
                        fraction=tr(FRACTION_WORDS.get(missed.needed, str(missed.needed)), lang)),
            tr("{title}（未通过）", lang).format(title=d.title))


def _decision(c: dict, lang: str) -> Card:
    description, title = outcome(c["d"], c["result"], lang)
    return Card(description, title, PICTURES[c["verdict"].kind])


def _balances(c: dict, lang: str) -> str:
    names = c["account_names"]
    return join([tr("{account} {amount} 元", lang).format(account=names.get(a.id, a.id), amount=yuan(c['balances'][a.id]))
                 for a in c["accounts"]], lang)


def _home(c: dict, lang: str) -> Card:
    return Card(tr("{name}：账目记到 {date}，钱还剩 {balances}。", lang).format(
        name=c["community"].name, balances=_balances(c, lang), date=c["last_entry_date"]))


def _people(c: dict, lang: str) -> Card:
    """Who serves now: each body in office on the reference date, its size and its term."""
    said = [ntr("{roster} {n} 人（任期到 {end}）", "{roster} {n} 人（任期到 {end}）", len(r.members), lang).format(
                roster=r.name, n=len(r.members), end=r.term.end.isoformat())
            for body, _rosters in c["bodies"] for r in [c["current"].get(body)] if r is not None]
    if not said:
        return Card(tr("各组织的名单与任期。", lang))
    return Card(tr("现任：{bodies}。", lang).format(bodies=join(said, lang)))


def _finance_index(c: dict, lang: str) -> Card:
    return Card(tr("各账户余额：{balances}。每个月的每一笔收支都可以核对。", lang).format(balances=_balances(c, lang)))


def month_line(books, rows, names: dict[str, str], lang: str) -> str:
    """A month of books in one line: how many entries, and each account's month-end balance."""
    closing = join([tr("{account} {amount} 元", lang).format(account=names.get(r.account, r.account),
                                                             amount=yuan(r.closing)) for r in rows], lang)
    n = len(books.entries)
    return shortened(ntr("{month}：{n} 笔收支，月末余额 {closing}。", "{month}：{n} 笔收支，月末余额 {closing}。", n, lang).format(
        month=month_label(books.month, lang), n=n, closing=closing))


def _finance_month(c: dict, lang: str) -> Card:
    return Card(month_line(c["books"], c["rows"], c["account_names"], lang))


def _account(c: dict, lang: str) -> Card:
    rows = c["rows"]
    if not rows:
        return Card(tr("{account}：还没有账目。", lang).format(account=c["account"].name))
    return Card(tr("{account}：{month}月末余额 {amount} 元。", lang).format(
        account=c["account"].name, month=month_label(rows[-1].month, lang), amount=yuan(c['balance'])))


def _unit(c: dict, lang: str) -> Card:
    waiting = sum(1 for u in c["requests"] if u.open)
    said = [ntr("{n} 件报的事在办", "{n} 件报的事在办", waiting, lang).format(n=waiting) if waiting
            else tr("没有在办的事", lang)]
    if c["history"]:
        month, row = c["history"][-1]
        said.append(tr("{month}得分 {score}", lang).format(month=c["month_names"][month], score=row.score))
    return Card(tr("{unit}：{said}。", lang).format(unit=c["unit"].name, said=join(said, lang, 1)))


def _ranking_month(c: dict, lang: str) -> Card:
    r, names = c["r"], c["unit_names"]
    flags = [tr("{unit}（{score} 分）", lang).format(unit=names.get(row.unit, row.unit), score=row.score)
             for row in r.rows if row.flag]
    if not flags:
        return Card(tr("{month}文明评比：各单元的得分和名次。", lang).format(month=month_label(r.month, lang)))
    return Card(tr("{month}流动红旗：{units}。", lang).format(month=month_label(r.month, lang), units=join(flags, lang)))


def _requests_year(c: dict, lang: str) -> Card:
    total = next((s for s in c["stats"] if s.category is None), None)
    if total is None:
        return Card(tr("{year} 年居民诉求。", lang).format(year=c["year"]))
    return Card(ntr("{year} 年收到居民诉求 {n} 件，已解决 {resolved} 件。", "{year} 年收到居民诉求 {n} 件，已解决 {resolved} 件。",
                    total.received, lang).format(year=c["year"], n=total.received, resolved=total.resolved))


# What a page of each kind says when shared, besides its first sentence.
DESCRIBE: dict[str, Callable[[dict, str], Card]] = {
    "decision.md.j2": _decision, "home.md.j2": _home, "finance_index.md.j2": _finance_index,
    "finance_month.md.j2": _finance_month, "account.md.j2": _account, "unit.md.j2": _unit,
    "ranking_month.md.j2": _ranking_month, "requests_year.md.j2": _requests_year, "people.md.j2": _people,
}


def card(title: str, template: str, context: dict, body: str, lang: str) -> Card:
    """The share card of one page; `title` is the page's title, not escaped."""
    describe = DESCRIBE.get(template)
    if describe:
        found = describe(context, lang)
        return Card(shortened(found.description), found.title, found.picture)
    return Card(shortened(first_sentences(body) or title))
