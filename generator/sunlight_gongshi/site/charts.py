"""Line charts drawn at build time as small SVG files, shown with <img> so no script ever runs.

One chart per account or unit, with no words inside: the page names it above the picture and its
alt text states the figures, so a chart never needs translating.

pygal was tried first and measured: 7.5 ms a chart (with lxml) times 500 units' score
histories took most of the build's budget outside MkDocs; this template draws the same
line charts in microseconds.  Pixel positions are integers; values are whole yuan or points.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from ..compute.figures import Figures
from ..model.recordset import Records
from .output.output import Output
from .render import environment

COLORS = ("#b33d00", "#1565c0", "#2e7d32", "#6a1b9a", "#ad1457", "#00838f")
# Drawn for a 390 px phone: the picture is about as wide as the screen's text column, so 13-unit
# labels stay 12 px or more there; on a desktop the picture is capped at 34rem.
W, H, LEFT, RIGHT, TOP, BOTTOM = 360, 200, 64, 14, 14, 26
FONT = 13


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    segments: tuple[str, ...]
    dots: Markup            # a circle at each point (numbers and a colour of ours: joined here, not in a loop of the template)


def _nice_step(span: int) -> int:
    step = 1
    while span / step > 4:
        for factor in (2, 5, 10):
            if span / (step * factor) <= 4:
                return step * factor
        step *= 10
    return step


class ChartMaker:
    """Renders charts with one Jinja template; one instance serves a whole build."""

    def __init__(self, language: str = "zh"):
        self.template = environment(language).get_template("chart.svg.j2")

    def render(self, labels: list[str], series: list[tuple[str, list[int | None]]], dots: bool = False,
               from_zero: bool = False) -> str:
        """One chart; money charts start at zero so a small account never looks like a large one."""
        values = [v for _, points in series for v in points if v is not None] or [0]
        low, high = min(values), max(values)
        if from_zero:
            low, high = min(low, 0), max(high, 0)
        step = _nice_step(max(high - low, 1))
        low, high = (low // step) * step, -(-high // step) * step
        if high == low:
            high = low + step
        plot_w, plot_h = W - LEFT - RIGHT, H - TOP - BOTTOM
        n = max(len(labels), 2)

        def x(i: int) -> int:
            return LEFT + i * plot_w // (n - 1)

        def y(v: int) -> int:
            return TOP + plot_h - (v - low) * plot_h // (high - low)

        grid = [(y(v), f"{v:,}") for v in range(low, high + 1, step)]
        shown = sorted({0, (len(labels) - 1) // 2, len(labels) - 1}) if labels else []
        xlabels = [(x(i), labels[i], "start" if i == 0 else "end" if i == len(labels) - 1 else "middle")
                   for i in shown]
        drawn = []
        for k, (name, points) in enumerate(series):
            segments, current, marks = [], [], []
            for i, v in enumerate(points):
                if v is None:
                    if current:
                        segments.append(" ".join(current))
                    current = []
                    continue
                current.append(f"{x(i)},{y(v)}")
                marks.append((x(i), y(v)))
            if current:
                segments.append(" ".join(current))
            color = COLORS[k % len(COLORS)]
            circles = "".join(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{color}"/>' for cx, cy in marks) if dots else ""
            drawn.append(Series(name, color, tuple(segments), Markup(circles)))
        return self.template.render(w=W, h=H, left=LEFT, right=RIGHT, top=TOP, plot_h=plot_h, font=FONT,
                                    grid=grid, xlabels=xlabels, series=drawn)


def write_charts(docs: Path, records: Records, figures: Figures, output: Output) -> None:
    """A chart per account and per unit into docs/charts/; in a rebuild, only those whose figures changed."""
    lang = records.community.language
    maker = ChartMaker(lang)
    months = [m.month for m in records.months]
    closing: dict[str, dict[str, int]] = {a.id: {} for a in records.accounts}
    for row in figures.month_rows:
        closing.setdefault(row.account, {})[row.month] = int(row.closing)
    series = {}
    for account in records.accounts:
        value, points = int(account.opening_balance), []
        for month in months:
            value = closing[account.id].get(month, value)
            points.append(value)
        series[account.id] = points

    def write(name: str, inputs, svg: Callable[[], str]) -> None:
        output.put(docs, f"charts/{name}", (lang, inputs), svg)

    for account in records.accounts:
        write(f"account-{account.id}.svg", (months, account.name, series[account.id]),
              lambda: maker.render(months, [(account.name, series[account.id])], from_zero=True))
    ranked_months = [r.month for r in figures.monthly]
    history: dict[str, dict[str, int]] = {u.id: {} for u in records.units}
    for ranking in figures.monthly:
        for row in ranking.rows:
            history[row.unit][ranking.month] = row.score
    for unit in records.units:
        points = [history[unit.id].get(m) for m in ranked_months]
        write(f"unit-{unit.id}.svg", (ranked_months, unit.name, points),
              lambda: maker.render(ranked_months, [(unit.name, points)], dots=True))
