""""我的楼栋": the list of units, and a page per unit answering for its building: who answers for it on
the reference date, its open and recent requests with their status and days, and its scores by year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from ...compute.activity import answering_for
from ...marks import Np_
from .. import tables
from ..words import month_label, tr

NAV = (Np_("nav", "我的楼栋"), "units/index.md")   # offered on the home page too: two taps to one's building


def score_years(history: list) -> list[tuple[str, list, int]]:
    """A unit's (month, row) scores grouped by year, newest year first, each year's months newest
    first, with the red flags of the year."""
    years: dict[str, list] = defaultdict(list)
    for month, row in history:
        years[month[:4]].append((month, row))
    return [(year, years[year][::-1], sum(1 for _m, r in years[year] if r.flag)) for year in sorted(years, reverse=True)]


@dataclass(frozen=True)
class ScoreRows:
    """A year of a unit's scores as table rows, one a month, built in Python from escaped strings
    (20 years of 500 units made 120,000 rows through the template); the page gives its links' root and ext."""

    months: tables.Links   # each month's ranking, by the month's name
    lang: str

    def __call__(self, scores: list, root: str, ext: str) -> Markup:
        vetoed = escape(tr("一票否决", self.lang))
        flag = f'<span class="sl-redflag">{escape(tr("红旗", self.lang))}</span>'
        links = self.months(root, ext)
        return tables.rows(tables.row((links[month],
                         str(r.score), str(r.rank) if r.rank else vetoed, flag if r.flag else ""))
                    for month, r in scores)


def write(w, site) -> None:
    records, figures = site.records, site.figures
    by_unit = figures.work.requests_by_unit
    history: dict[str, list] = defaultdict(list)
    for r in figures.monthly:
        for row in r.rows:
            history[row.unit].append((r.month, row))
    waiting = {unit: sum(1 for u in found if u.open) for unit, found in by_unit.items()}
    w.page("units/index.md", w.t("我的楼栋"), "units_index.md.j2", units=records.units, waiting=waiting)
    month_names = {r.month: month_label(r.month, w.language) for r in figures.monthly}
    score_rows = ScoreRows(tables.Links("rankings", month_names), w.language)
    for unit in records.units:
        scores = [row.score for _month, row in history[unit.id]]
        w.page(f"units/{unit.id}.md", unit.name, "unit.md.j2", unit=unit, history=history[unit.id],
               years=score_years(history[unit.id]), requests=by_unit.get(unit.id, ()),
               heads=answering_for(records.rosters, unit.id, figures.reference_date), month_names=month_names,
               score_rows=score_rows, high=max(scores, default=None), low=min(scores, default=None),
               changed=site.changed.get(unit.src.path), **site.common)
