"""A4 notices for the estate's notice board (公示栏): one per decision and per month of accounts.

Standalone HTML with inline styles and an inline SVG QR code (segno) pointing at the page on
the site when `site_url` is set; no script, font or image is fetched.
"""

from __future__ import annotations

from pathlib import Path

import segno
from markupsafe import Markup

from ..money import ZERO
from . import mdsafe
from .i18n import day_label, month_label, tr
from .pages import site_language
from .plain import verdict
from .work_pages import report_years, year_report
from .render import environment, page_url


def _qr(url: str | None) -> Markup | None:
    """The page's address as a QR code that scales to any printed size: a viewBox and no fixed size,
    with the quiet zone of four modules the standard asks for, so phones read it off a notice board."""
    if not url:
        return None
    return Markup(segno.make(url, error="m").svg_inline(border=4, dark="#000", light="#fff", omitsize=True,
                                                        svgclass="qr-code").replace("<svg ", '<svg shape-rendering="crispEdges" ', 1))


def write_printables(site_dir: Path, site, site_url: str | None) -> None:
    records, figures = site.records, site.figures
    lang = site_language(site)
    env = environment(lang)
    frame = env.get_template("print.html.j2")
    out = site_dir / "print"
    out.mkdir(parents=True, exist_ok=True)
    account_names = {a.id: a.name for a in records.accounts}

    def url(docs_path: str) -> str | None:
        return site_url.rstrip("/") + "/" + page_url(docs_path, site.directory_urls) if site_url else None

    def write(name: str, title: str, published: str, body: str, docs_path: str) -> None:
        html = frame.render(title=title, community=records.community, published=published, body=Markup(body),
                            published_words=day_label(published, lang) if len(published) == 10 else published,
                            commit=site.commit, page_url=url(docs_path), qr=_qr(url(docs_path)))
        (out / name).write_text(html, encoding="utf-8")

    decision_body = env.get_template("print_decision.html.j2")
    for d in records.decisions:
        body = decision_body.render(d=d, spent=figures.spent.get(d.id, ZERO), result=figures.outcomes.get(d.id),
                                    verdict=verdict(d, figures.outcomes.get(d.id), lang),
                                    summary_html=Markup(mdsafe.render(d.summary)) if d.summary else "")
        published = d.stages[-1].date.isoformat() if d.stages else d.date.isoformat()
        write(f"decision-{d.id}.html", tr("决议公示：", lang) + d.title, published, body, f"decisions/{d.id}.md")
    month_body = env.get_template("print_month.html.j2")
    rows: dict[str, list] = {}
    for row in figures.month_rows:
        rows.setdefault(row.month, []).append(row)
    for books in records.months:
        body = month_body.render(books=books, rows=rows.get(books.month, []), account_names=account_names)
        last = max((e.date for e in books.entries), default=None)
        write(f"finance-{books.month}.html", tr("{month}账目公示", lang).format(month=month_label(books.month, lang)),
              last.isoformat() if last else books.month, body, f"finance/{books.month}.md")
    report_body = env.get_template("print_report.html.j2")
    today = figures.reference_date
    for year in report_years(figures):
        body = report_body.render(report=year_report(year, figures.work, figures.work.meetings_per_year),
                                  provisional=year == str(today.year), today=today)
        published = today.isoformat() if year == str(today.year) else f"{year}-12-31"
        write(f"report-{year}.html", tr("{year} 年工作报告", lang).format(year=year), published, body,
              f"report/{year}.md")
