"""Line charts drawn at build time as small SVG files, shown with <img> so no script ever runs.

pygal was tried first and measured: 7.5 ms a chart (with lxml) times 500 units' score
histories took most of the build's budget outside MkDocs; this template draws the same
line charts in microseconds.  Pixel positions are integers; values are whole yuan or points.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..compute.figures import Figures
from ..model.recordset import Records
from .i18n import tr
from .render import environment

COLORS = ("#e65100", "#1565c0", "#2e7d32", "#6a1b9a", "#ad1457", "#00838f")
W, H, LEFT, RIGHT, TOP, BOTTOM = 720, 300, 78, 16, 32, 52


@dataclass(frozen=True)
class Series:
    name: str
    color: str
    segments: tuple[str, ...]
    dots: tuple[tuple[int, int], ...]
    legend_x: int


def _nice_step(span: int) -> int:
    step = 1
    while span / step > 5:
        for factor in (2, 5, 10):
            if span / (step * factor) <= 5:
                return step * factor
        step *= 10
    return step


class ChartMaker:
    """Renders charts with one Jinja template; one instance serves a whole build."""

    def __init__(self, language: str = "zh"):
        self.template = environment(language).get_template("chart.svg.j2")

    def render(self, title: str, labels: list[str], series: list[tuple[str, list[int | None]]],
               dots: bool = False) -> str:
        values = [v for _, points in series for v in points if v is not None] or [0]
        low, high = min(values), max(values)
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
        every = max(1, len(labels) // 6)
        xlabels = [(x(i), labels[i]) for i in range(0, len(labels), every)]
        drawn, legend_x = [], LEFT
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
            drawn.append(Series(name, COLORS[k % len(COLORS)], tuple(segments), tuple(marks) if dots else (),
                                legend_x))
            legend_x += 24 + 13 * len(name)
        return self.template.render(w=W, h=H, left=LEFT, right=RIGHT, top=TOP, plot_h=plot_h, title=title,
                                    grid=grid, xlabels=xlabels, series=drawn)


def write_charts(docs: Path, records: Records, figures: Figures) -> None:
    out = docs / "charts"
    out.mkdir(parents=True, exist_ok=True)
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

    def write(name: str, svg: str) -> None:
        (out / name).write_text(svg, encoding="utf-8")

    write("balances.svg", maker.render(tr("各账户月末余额（元）", lang), months,
                                       [(a.name, series[a.id]) for a in records.accounts]))
    for account in records.accounts:
        write(f"account-{account.id}.svg", maker.render(account.name + tr("：月末余额（元）", lang), months,
                                                        [(account.name, series[account.id])]))
    ranked_months = [r.month for r in figures.monthly]
    history: dict[str, dict[str, int]] = {u.id: {} for u in records.units}
    for ranking in figures.monthly:
        for row in ranking.rows:
            history[row.unit][ranking.month] = row.score
    for unit in records.units:
        write(f"unit-{unit.id}.svg", maker.render(unit.name + tr("：每月得分", lang), ranked_months,
                                                  [(unit.name, [history[unit.id].get(m) for m in ranked_months])],
                                                  dots=True))
