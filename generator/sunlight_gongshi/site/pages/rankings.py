"""The civilized-unit rankings: the index with the rubric's versions, a page per month with each
unit's score detail, a page per year (the red-flag board)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from markupsafe import Markup

from ...model.kinds import RUBRIC
from ..words import month_label, tr
from .writer import neighbours
from ...marks import Np_

NAV = (Np_("nav", "文明评比"), "rankings/index.md")
BR = Markup("<br>")  # joins escaped lines of text in table cells


def _event_text(event, items, lang: str) -> str:
    """One line of a unit's score detail, e.g. 2025-09-19 参加志愿服务 ×4（+8）：垃圾分类督导."""
    item = items[event.item]
    count = f" ×{event.count}" if event.count > 1 else ""
    effect = tr("否决", lang) if item.veto else f"{item.points * event.count:+d}"
    line = tr("{date} {label}{count}（{effect}）：{note}", lang) if event.note else tr("{date} {label}{count}（{effect}）", lang)
    return line.format(date=event.date.isoformat(), label=item.label, count=count, effect=effect, note=event.note)


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


def write(w, site) -> None:
    records, figures, common, changed = site.records, site.figures, site.common, site.changed
    versions = sorted(records.rubric.versions, key=lambda v: v.effective_from, reverse=True) if records.rubric else []
    provisional = {y.year for y in figures.yearly if y.year + "-12" not in y.months}
    w.page("rankings/index.md", w.t("文明评比（红“棟”力）"), "rankings_index.md.j2", monthly=figures.monthly,
           yearly=figures.yearly, provisional=provisional, latest=figures.monthly[-1] if figures.monthly else None,
           versions=versions, rubric_changed=changed.get(RUBRIC.place.path), **common)
    score_paths = {s.month: s.src.path for s in records.scores}
    ranking_links = neighbours([r.month for r in figures.monthly])
    for r in figures.monthly:
        w.page(f"rankings/{r.month}.md", w.t("{month}文明评比").format(month=month_label(r.month, w.language)),
               "ranking_month.md.j2", r=r, details=EventLines(r, w.language),
               changed=changed.get(score_paths.get(r.month)), prev_month=ranking_links[r.month][0],
               next_month=ranking_links[r.month][1], **common)
    for y in figures.yearly:
        w.page(f"rankings/{y.year}.md", w.t("{year} 年红旗榜").format(year=y.year), "ranking_year.md.j2", y=y,
               provisional=y.year in provisional, payments=figures.work.award_payments, **common)
