"""The civilized-unit rankings: the index with the rubric's versions, a page per month with each
unit's score detail, a page per year (the red-flag board)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from ...model.kinds import RUBRIC
from ...money import yuan
from ..tables import Links, row, rows
from ..words import month_label, tr
from .writer import neighbours
from ...marks import Np_

NAV = (Np_("nav", "文明评比"), "rankings/index.md")


def _event_text(event, items, lang: str) -> str:
    """One line of a unit's score detail, e.g. 2025-09-19 参加志愿服务 ×4（+8）：垃圾分类督导."""
    item = items[event.item]
    count = f" ×{event.count}" if event.count > 1 else ""
    effect = tr("否决", lang) if item.veto else f"{item.points * event.count:+d}"
    line = tr("{date} {label}{count}（{effect}）：{note}", lang) if event.note else tr("{date} {label}{count}（{effect}）", lang)
    return line.format(date=event.date.isoformat(), label=item.label, count=count, effect=effect, note=event.note)


@dataclass(frozen=True)
class MonthRows:
    """A month's ranking as table rows, one a unit, built in Python from escaped strings (a month of
    500 units made 2,500 macro calls through the template); the page gives its links' root and ext."""

    ranking: object     # compute.rankings.MonthRanking
    units: Links        # each unit's link, shared by every month's and year's rows
    lang: str

    def __call__(self, root: str, ext: str) -> Markup:
        items = {i.code: i for i in self.ranking.version.items}
        lang = self.lang
        unranked, vetoed = escape(tr("不排名", lang)), escape(tr("一票否决", lang))
        flag = escape(tr("红旗", lang))
        flag = f'<span class="sl-redflag">{flag}</span>'
        links = self.units(root, ext)
        lines = []
        for r in self.ranking.rows:
            detail = "<br>".join([escape(_event_text(e, items, lang)) for e in r.events])
            lines.append(row((links[r.unit], str(r.rank) if r.rank else unranked,
                              str(r.score), flag if r.flag else vetoed if r.vetoed else "", detail),
                             ' class="sl-flagged"' if r.flag else ""))
        return rows(lines)


@dataclass(frozen=True)
class YearRows:
    """A year's red-flag board as table rows, one a unit, built like `MonthRows`."""

    ranking: object     # compute.rankings.YearRanking
    provisional: bool
    payments: dict      # (year, unit) -> ((month, entry id, entry), ...)
    units: Links
    lang: str

    def __call__(self, root: str, ext: str) -> Markup:
        lang, year = self.lang, self.ranking.year
        provisional, awarded = escape(tr("暂定获奖", lang)), escape(tr("获奖", lang))
        won = f'<span class="sl-badge sl-provisional">{provisional}</span>' if self.provisional else str(awarded)
        paid = tr("{date} 已发 {amount} 元", lang)
        links = self.units(root, ext)
        lines = []
        for r in self.ranking.rows:
            award = ""
            if r.award:
                award = won + "".join(
                    f'<br><a href="{root}finance/{escape(month)}{ext}#{escape(ident)}">'
                    f'{escape(paid.format(date=e.date.isoformat(), amount=yuan(-e.amount)))}</a>'
                    for month, ident, e in self.payments.get((year, r.unit), ()))
            lines.append(row((links[r.unit],
                              str(r.rank), str(r.flags), str(r.total), award),
                             ' class="sl-flagged"' if r.award else ""))
        return rows(lines)


def write(w, site) -> None:
    records, figures, common, changed = site.records, site.figures, site.common, site.changed
    versions = sorted(records.rubric.versions, key=lambda v: v.effective_from, reverse=True) if records.rubric else []
    provisional = {y.year for y in figures.yearly if y.year + "-12" not in y.months}
    w.page("rankings/index.md", w.t("文明评比（红“棟”力）"), "rankings_index.md.j2", monthly=figures.monthly,
           yearly=figures.yearly, provisional=provisional, latest=figures.monthly[-1] if figures.monthly else None,
           versions=versions, rubric_changed=changed.get(RUBRIC.place.path), **common)
    score_paths = {s.month: s.src.path for s in records.scores}
    ranking_links = neighbours([r.month for r in figures.monthly])
    unit_links = Links("units", common["unit_names"])
    for r in figures.monthly:
        w.page(f"rankings/{r.month}.md", w.t("{month}文明评比").format(month=month_label(r.month, w.language)),
               "ranking_month.md.j2", r=r, ranking_rows=MonthRows(r, unit_links, w.language),
               changed=changed.get(score_paths.get(r.month)), prev_month=ranking_links[r.month][0],
               next_month=ranking_links[r.month][1], **common)
    year_links = neighbours([y.year for y in figures.yearly])
    for y in figures.yearly:
        w.page(f"rankings/{y.year}.md", w.t("{year} 年红旗榜").format(year=y.year), "ranking_year.md.j2", y=y,
               provisional=y.year in provisional, monthly=[r for r in figures.monthly if r.month[:4] == y.year],
               board_rows=YearRows(y, y.year in provisional, figures.work.award_payments, unit_links, w.language),
               prev_year=year_links[y.year][0], next_year=year_links[y.year][1], **common)
