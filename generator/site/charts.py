"""Charts drawn at build time as SVG files (pygal), so pages load no chart script from anywhere.

Pixel positions do not need exact money: values are whole yuan (ints), labels say so.
"""

from __future__ import annotations

from pathlib import Path

import pygal
from pygal.style import Style

from ..compute.figures import Figures
from ..load import Records

STYLE = Style(background="white", plot_background="white", foreground="#333", foreground_strong="#111",
              foreground_subtle="#ddd", font_family="system-ui, -apple-system, 'PingFang SC', "
              "'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif", colors=("#e65100", "#1565c0", "#2e7d32",
                                                                         "#6a1b9a", "#ad1457", "#00838f"),
              label_font_size=12, major_label_font_size=12, legend_font_size=12, title_font_size=14)


def _chart(kind, title: str, labels: list[str]):
    chart = kind(style=STYLE, js=[], width=720, height=320, show_dots=False, x_label_rotation=0,
                 show_minor_x_labels=False, x_labels_major_every=max(1, len(labels) // 6),
                 legend_at_bottom=True, truncate_legend=-1, title=title, print_values=False,
                 value_formatter=lambda v: f"{v:,}")
    chart.x_labels = labels
    return chart


def write_charts(docs: Path, records: Records, figures: Figures) -> None:
    out = docs / "charts"
    out.mkdir(parents=True, exist_ok=True)
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
    overview = _chart(pygal.Line, "各账户月末余额（元）", months)
    for account in records.accounts:
        overview.add(account.name, series[account.id])
    (out / "balances.svg").write_bytes(overview.render())
    for account in records.accounts:
        chart = _chart(pygal.Line, f"{account.name}：月末余额（元）", months)
        chart.add(account.name, series[account.id])
        (out / f"account-{account.id}.svg").write_bytes(chart.render())
    history: dict[str, dict[str, int]] = {u.id: {} for u in records.units}
    ranked_months = [r.month for r in figures.monthly]
    for ranking in figures.monthly:
        for row in ranking.rows:
            history[row.unit][ranking.month] = row.score
    for unit in records.units:
        chart = _chart(pygal.Line, f"{unit.name}：每月得分", ranked_months)
        chart.show_dots = True
        chart.add(unit.name, [history[unit.id].get(m) for m in ranked_months])
        (out / f"unit-{unit.id}.svg").write_bytes(chart.render())
