"""A4 notices for the estate's notice board (公示栏): one per decision and per month of accounts.

Standalone HTML with inline styles and an inline SVG QR code (segno) pointing at the page on
the site when `site_url` is set; no script, font or image is fetched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import segno
from markupsafe import Markup

from ..money import ZERO
from . import mdsafe
from .words import day_label, month_label, tr
from .pages.activities import report_years, year_report
from .pages.writer import SiteInput
from .plain import verdict
from .render import environment, page_url


def _qr(url: str | None) -> Markup | None:
    """The page's address as a QR code that scales to any printed size: a viewBox and no fixed size,
    with the quiet zone of four modules the standard asks for, so phones read it off a notice board."""
    if not url:
        return None
    return Markup(segno.make(url, error="m").svg_inline(border=4, dark="#000", light="#fff", omitsize=True,
                                                        svgclass="qr-code").replace("<svg ", '<svg shape-rendering="crispEdges" ', 1))


def write_printables(site_dir: Path, site: SiteInput, site_url: str | None) -> None:
    """A notice per decision and per month of books into the built site's print/; in a rebuild,
    only those whose inputs changed."""
    records, figures = site.records, site.figures
    lang = site.language
    env = environment(lang)
    frame = env.get_template("print.html.j2")
    account_names = {a.id: a.name for a in records.accounts}

    def url(docs_path: str) -> str | None:
        return site_url.rstrip("/") + "/" + page_url(docs_path, site.directory_urls) if site_url else None

    def write(name: str, inputs, title: str, published: str, body: Callable[[], str], docs_path: str) -> None:
        def produce() -> str:
            return frame.render(title=title, community=records.community, published=published, body=Markup(body()),
                                published_words=day_label(published, lang) if len(published) == 10 else published,
                                commit=site.commit, page_url=url(docs_path), qr=_qr(url(docs_path)))
        site.output.put(site_dir, f"print/{name}",
                        (inputs, title, published, records.community, site.commit, url(docs_path), lang), produce,
                        kind="site")

    decision_body = env.get_template("print_decision.html.j2")
    for d in records.decisions:
        spent, result = figures.spent.get(d.id, ZERO), figures.outcomes.get(d.id)
        published = d.stages[-1].date.isoformat() if d.stages else d.date.isoformat()
        write(f"decision-{d.id}.html", (d, spent, result), tr("决议公示：{title}", lang).format(title=d.title), published,
              lambda: decision_body.render(d=d, spent=spent, result=result, verdict=verdict(d, result, lang),
                                           summary_html=Markup(mdsafe.render(d.summary)) if d.summary else ""),
              f"decisions/{d.id}.md")
    month_body = env.get_template("print_month.html.j2")
    rows: dict[str, list] = {}
    for row in figures.month_rows:
        rows.setdefault(row.month, []).append(row)
    for books in records.months:
        last = max((e.date for e in books.entries), default=None)
        month_rows = rows.get(books.month, [])
        write(f"finance-{books.month}.html", (books, month_rows, account_names),
              tr("{month}账目公示", lang).format(month=month_label(books.month, lang)),
              last.isoformat() if last else books.month,
              lambda: month_body.render(books=books, rows=month_rows, account_names=account_names),
              f"finance/{books.month}.md")
    report_body = env.get_template("print_report.html.j2")
    today = figures.reference_date
    for year in report_years(figures):
        provisional = year == str(today.year)
        write(f"report-{year}.html", (year, figures.work, provisional and today),
              tr("{year} 年工作报告", lang).format(year=year),
              today.isoformat() if provisional else f"{year}-12-31",
              lambda: report_body.render(report=year_report(year, figures.work, figures.work.meetings_per_year),
                                         provisional=provisional, today=today),
              f"report/{year}.md")
    site.output.prune(site_dir, "print")
