"""Monthly and yearly "civilized unit" rankings, each month scored by the rubric then in force."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..model.community import Unit
from ..model.scores import Event, Rubric, RubricVersion, ScoreMonth


def version_for(rubric: Rubric | None, month: str) -> RubricVersion | None:
    """The version whose `effective_from` is the latest one not after `month`."""
    if rubric is None:
        return None
    best = None
    for version in rubric.versions:
        if version.effective_from <= month and (best is None or version.effective_from > best.effective_from):
            best = version
    return best


def competition_ranks(keys: list) -> list[int]:
    """Ranks for keys sorted best first: equal keys share a rank and the next rank skips (1, 2, 2, 4)."""
    ranks = []
    for i, key in enumerate(keys):
        ranks.append(ranks[-1] if i and key == keys[i - 1] else i + 1)
    return ranks


@dataclass(frozen=True)
class UnitScore:
    unit: str
    score: int
    rank: Optional[int]
    flag: bool
    vetoed: bool
    events: tuple[Event, ...]


@dataclass(frozen=True)
class MonthRanking:
    month: str
    version: RubricVersion
    rows: tuple[UnitScore, ...]   # ranked rows by rank (ties in units.yml order), then vetoed ones


def rank_month(units: tuple[Unit, ...], version: RubricVersion, scores: ScoreMonth) -> MonthRanking:
    items = {item.code: item for item in version.items}
    known = {u.id for u in units}
    events: dict[str, list[Event]] = {}
    for event in scores.events:
        if event.unit in known and event.item in items:
            events.setdefault(event.unit, []).append(event)
    scored = []
    for position, unit in enumerate(units):
        mine = events.get(unit.id)
        if mine is None:    # most units, most months: nothing happened
            scored.append((unit.id, version.base, False, position, ()))
            continue
        score = version.base + sum((items[e.item].points or 0) * e.count for e in mine)
        vetoed = any(items[e.item].veto for e in mine)
        scored.append((unit.id, score, vetoed, position, tuple(mine)))
    ranked = sorted((s for s in scored if not s[2]), key=lambda s: (-s[1], s[3]))
    ranks = competition_ranks([s[1] for s in ranked])
    rows = [UnitScore(uid, score, rank, rank <= version.flags, False, ev)
            for (uid, score, _v, _p, ev), rank in zip(ranked, ranks)]
    rows += [UnitScore(uid, score, None, False, True, ev)
             for uid, score, vetoed, _p, ev in scored if vetoed]
    return MonthRanking(scores.month, version, tuple(rows))


@dataclass(frozen=True)
class YearRow:
    unit: str
    flags: int
    total: int
    rank: int
    award: bool


@dataclass(frozen=True)
class YearRanking:
    year: str
    months: tuple[str, ...]
    annual_awards: int
    rows: tuple[YearRow, ...]


def rank_year(units: tuple[Unit, ...], year: str, months: tuple[MonthRanking, ...]) -> YearRanking:
    """Units by flags, then by the sum of monthly scores; the year's last scored month sets the awards."""
    flags = {u.id: 0 for u in units}
    total = {u.id: 0 for u in units}
    for ranking in months:
        for row in ranking.rows:
            flags[row.unit] += row.flag
            total[row.unit] += row.score
    awards = months[-1].version.annual_awards if months else 0
    order = sorted(range(len(units)), key=lambda i: (-flags[units[i].id], -total[units[i].id], i))
    keys = [(flags[units[i].id], total[units[i].id]) for i in order]
    rows = tuple(YearRow(units[i].id, flags[units[i].id], total[units[i].id], rank,
                         rank <= awards and flags[units[i].id] >= 1)
                 for i, rank in zip(order, competition_ranks(keys)))
    return YearRanking(year, tuple(m.month for m in months), awards, rows)


def rankings(units: tuple[Unit, ...], rubric: Rubric | None, score_months: tuple[ScoreMonth, ...],
             call=lambda function, *args: function(*args)) -> tuple[list[MonthRanking], list[YearRanking]]:
    """Every month with a score file (and a rubric in force), and every calendar year of them;
    `call` runs rank_month and rank_year (see compute.figures)."""
    monthly = []
    for scores in score_months:
        version = version_for(rubric, scores.month)
        if version is not None:
            monthly.append(call(rank_month, units, version, scores))
    years: dict[str, list[MonthRanking]] = {}
    for ranking in monthly:
        years.setdefault(ranking.month[:4], []).append(ranking)
    return monthly, [call(rank_year, units, year, tuple(months)) for year, months in sorted(years.items())]
