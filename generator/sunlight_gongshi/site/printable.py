"""A4 notices for the estate's notice board (公示栏): one per decision, per month of accounts and per
year's report, laid out on whole sheets (`sheets`): a notice that does not fit one sheet goes on in
numbered continuation sheets (续页), each with the seal line, the objection notice and the QR code.

Standalone HTML with inline styles and an inline SVG QR code (segno) pointing at the page on
the site when `site_url` is set; no script, font or image is fetched.  Each notice has its share
card (`share`): a description that states the outcome or the figure, and the outcome's picture.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import segno
from markupsafe import Markup, escape

from ..money import ZERO, yuan
from . import mdsafe, sheets
from .words import day_label, month_label, tr
from .pages.activities import report_years, year_report
from .pages.writer import SiteInput
from .plain import verdict
from .render import environment, page_url, text_lines
from .share import PICTURES, SITE_PICTURE, month_line, outcome, shortened
from .sheets import COLUMNS, QR, SIZES, WIDTH, Block, Table

def _qr(url: str | None) -> Markup | None:
    """The page's address as a QR code that scales to any printed size: a viewBox and no fixed size,
    with the quiet zone of four modules the standard asks for, so phones read it off a notice board."""
    if not url:
        return None
    return Markup(segno.make(url, error="m").svg_inline(border=4, dark="#000", light="#fff", omitsize=True,
                                                        svgclass="qr-code").replace("<svg ", '<svg shape-rendering="crispEdges" aria-hidden="true" ', 1))


def frame_heights(parts, title: str, community, published_words: str, commit, url: str | None) -> tuple[float, float]:
    """Millimetres a sheet's title (with its place, "续页 1") and its footer take, from the very
    parts every sheet prints (`_print_parts.html.j2`)."""
    text = sheets.plain_text
    head = (sheets.paragraph_height(title, "title") + 1.5
            + sheets.paragraph_height(text(parts.sub(community, "2000-00-00", 99, 99)), "sub") + 4)
    words = WIDTH - QR - sheets.FOOT_GAP
    left = (sheets.paragraph_height(text(parts.sign(community, published_words)), "sign", words) + 2
            + sheets.paragraph_height(text(parts.objection()), "object", words) + 1.5
            + sheets.paragraph_height(text(parts.version(commit, url)), "small", words))
    right = (QR + 1 + sheets.lines_height(1, "small")) if url else 0
    return head, max(left, right) + 3 + 3 + 0.5


def _rows(render: Callable[..., str], items, widths: dict[str, float]) -> list[tuple[Markup, float]]:
    columns = list(widths.values())
    return [(Markup(row), sheets.row_height(sheets.html_row_lines(row, columns))) for row in (render(*i) for i in items)]


def decision_blocks(module, d, spent, result, verdict_said, summary_html, capacity: float) -> list[Block]:
    answer = module.answer(verdict_said)
    inside = WIDTH - 8 - 1.5
    blocks = [Block(Markup(answer), sheets.paragraph_height(verdict_said.head, "answer", inside)
                    + sheets.paragraph_height(verdict_said.why, "why", inside) + 4 + 1.5 + 5)]
    facts = Table(Markup(module.facts_head()), _rows(lambda row: row, [(r,) for r in _split_rows(module.facts_rows(d, spent))],
                                                     COLUMNS["facts"]), "facts")
    blocks.append(Block(table=facts))
    if summary_html:
        blocks += sheets.text_blocks(summary_html, capacity)
    if result:
        blocks.append(Block(Markup(module.votes_title()), sheets.lines_height(1, "body") + 2.5))
        for t in result.thresholds:
            item = module.threshold(t)
            blocks.append(Block(Markup(item), sheets.paragraph_height(sheets.plain_text(item), "body", WIDTH - 8) + 1))
    if d.stages:
        stages = module.stages(d)
        blocks.append(Block(Markup(stages), sheets.paragraph_height(sheets.plain_text(stages), "body") + 2.5))
    return blocks


def _split_rows(markup: str) -> list[str]:
    return [whole for tag, _inner, whole in sheets.top_elements(str(markup)) if tag == "tr"]


def entry_rows(entries, requests_by_entry, widths: dict[str, float], lang: str) -> list[tuple[Markup, float]]:
    """A month notice's entries, a row each with its height: built in Python from escaped strings,
    and measured from its cells (20 years of entries, 24,000 rows, went through a template macro
    and were parsed back to be measured).  The memo is escaped once (the macro escaped it twice)."""
    flag = Markup('<span class="flag">%s</span>') % Markup(tr("紧急使用维修资金", lang))
    decision, request = Markup(tr("决议 %(id)s", lang)), Markup(tr("诉求：%(summary)s", lang))
    award = Markup(tr("%(year)s 年度奖励", lang))
    made = []
    for e in entries:
        memo = text_lines(e.memo if e.memo else (e.category or ""))
        party = escape(e.counterparty or "")
        basis = [flag] if e.emergency else []
        if e.decision:
            basis.append(decision % {"id": Markup('<span class="nw">%s</span>') % e.decision})
        basis += [request % {"summary": r.summary} for r in requests_by_entry.get(e.id, ())]
        if e.award:
            basis.append(award % {"year": e.award.year})
        grounds = Markup("<br>").join(basis)
        row = (f'<tr><td class="date">{e.date.isoformat()}</td><td>{memo}</td><td>{party}</td>'
               f'<td class="num">{escape(yuan(e.amount, not e.transfer))}</td><td>{grounds}</td></tr>')
        wrapping = [(memo, widths["memo"]), (party, widths["party"]), (grounds, widths["basis"])]
        made.append((Markup(row), sheets.row_height(sheets.cells_lines(wrapping))))
    return made


def month_blocks(module, books, rows, account_names, requests_by_entry, lang: str) -> list[Block]:
    """A month's accounts and entries; the amount columns as wide as their longest figure."""
    widths = sheets.fitted(COLUMNS["accounts"], {k: [yuan(getattr(row, k)) for row in rows]
                                                 for k in ("opening", "income", "expense", "closing")},
                           "account", bold=("closing",))
    accounts = Table(Markup(module.accounts_head(widths)),
                     _rows(module.account_row, [(row, account_names.get(row.account, row.account)) for row in rows],
                           widths), "accounts", sheets.row_height(1))
    # an amount on one line, and a decision's id unbroken after the word "决议" (class nw)
    spent = sheets.fitted(COLUMNS["entries"], {"amount": [yuan(e.amount, not e.transfer) for e in books.entries],
                                               "basis": ["决议 " + e.decision for e in books.entries if e.decision]}, "memo")
    entries = Table(Markup(module.entries_head(spent)), entry_rows(books.entries, requests_by_entry, spent, lang),
                    "entries", sheets.row_height(1))
    blocks = [Block(table=accounts), Block(table=entries)]
    if any(e.emergency for e in books.entries):
        note = module.emergency_note()
        blocks.append(Block(Markup(note), sheets.paragraph_height(sheets.plain_text(note), "why") + 2.5))
    return blocks


def report_blocks(body: str) -> list[Block]:
    blocks = []
    for tag, inner, whole in sheets.top_elements(body):
        if tag == "p" and 'class="answer"' in whole[:whole.index(">")]:
            blocks.append(Block(Markup(whole), sheets.paragraph_height(sheets.plain_text(inner), "answer", WIDTH - 10) + 9))
        elif tag == "ul":
            for _t, item, _w in sheets.top_elements(inner):
                blocks.append(Block(Markup(f'<ul class="cont"><li>{item}</li></ul>'),
                                    sheets.paragraph_height(sheets.plain_text(item), "body", WIDTH - 8) + 1))
        elif tag:
            blocks.append(Block(Markup(whole), sheets.paragraph_height(sheets.plain_text(inner), "body") + 2.5))
    return blocks


def write_printables(site_dir: Path, site: SiteInput, site_url: str | None) -> None:
    """A notice per decision and per month of books into the built site's print/; in a rebuild,
    only those whose inputs changed."""
    records, figures = site.records, site.figures
    lang = site.language
    env = environment(lang)
    frame = env.get_template("print.html.j2")
    style = Markup(env.get_template("_print_style.html.j2").render(
        s=SIZES, cols=COLUMNS, margin=sheets.PAGE_MARGIN, width=WIDTH, pad=sheets.CELL_PAD, sheet=sheets.SHEET,
        qr_mm=QR, gap=sheets.FOOT_GAP))
    parts = env.get_template("_print_parts.html.j2").module
    account_names = {a.id: a.name for a in records.accounts}

    def absolute(rel: str) -> str | None:
        """The address of a file of the site (a page, a picture, a notice), when the site has one."""
        return site_url.rstrip("/") + "/" + rel if site_url else None

    def url(docs_path: str) -> str | None:
        return absolute(page_url(docs_path, site.directory_urls))

    jobs: list[Callable[[], None]] = []

    def write(notice: str, inputs, title: str, published: str, blocks: Callable[[float], list[Block]], docs_path: str,
              card: tuple[str, str, str]) -> None:
        """Add the notice to the jobs (the jobs are done in two halves at the end)."""
        address = url(docs_path)

        def produce() -> str:
            published_words = day_label(published, lang) if len(published) == 10 else published
            head, foot = frame_heights(parts, title, records.community, published_words, site.commit, address)
            capacity = sheets.SHEET - head - foot - 2
            return frame.render(
                title=title, community=records.community, published=published, commit=site.commit,
                sheets=sheets.paginate(blocks(capacity), capacity), published_words=published_words,
                page_url=address, qr=_qr(address), description=card[0], card_title=card[1],
                picture=absolute(card[2]), own_url=absolute("print/" + notice), style=style)
        jobs.append(lambda: site.output.put(
            site_dir, f"print/{notice}", (inputs, title, published, records.community, site.commit, address,
                                          lang, card), produce, kind="site"))

    decision_body = env.get_template("print_decision.html.j2").module
    for d in records.decisions:
        spent, result = figures.spent.get(d.id, ZERO), figures.outcomes.get(d.id)
        published = d.stages[-1].date.isoformat() if d.stages else d.date.isoformat()
        said = verdict(d, result, lang)
        line, card_title = outcome(d, result, lang)
        notice_title = tr("决议公示：{title}", lang)
        write(f"decision-{d.id}.html", (d, spent, result), notice_title.format(title=d.title), published,
              lambda capacity, d=d, spent=spent, result=result, said=said:   # the summary rendered only when made
                  decision_blocks(decision_body, d, spent, result, said,
                                  Markup(mdsafe.render(d.summary)) if d.summary else "", capacity),
              f"decisions/{d.id}.md", (line, notice_title.format(title=card_title), PICTURES[said.kind]))
    month_body = env.get_template("print_month.html.j2").module
    rows: dict[str, list] = {}
    for row in figures.month_rows:
        rows.setdefault(row.month, []).append(row)
    by_entry = figures.work.requests_by_entry
    for books in records.months:
        last = max((e.date for e in books.entries), default=None)
        month_rows = rows.get(books.month, [])
        requests = {e.id: by_entry[e.id] for e in books.entries if e.id in by_entry}
        title = tr("{month}账目公示", lang).format(month=month_label(books.month, lang))
        write(f"finance-{books.month}.html", (books, month_rows, account_names, requests), title,
              last.isoformat() if last else books.month,
              lambda capacity, books=books, month_rows=month_rows, requests=requests:
                  month_blocks(month_body, books, month_rows, account_names, requests, lang),
              f"finance/{books.month}.md", (month_line(books, month_rows, account_names, lang), title, SITE_PICTURE))
    report_body = env.get_template("print_report.html.j2")
    today = figures.reference_date
    for year in report_years(figures):
        provisional = year == str(today.year)
        report = year_report(year, figures.work, figures.work.meetings_per_year)
        body = report_body.render(report=report, provisional=provisional, today=today)
        title = tr("{year} 年工作报告", lang).format(year=year)
        write(f"report-{year}.html", (year, figures.work, provisional and today), title,
              today.isoformat() if provisional else f"{year}-12-31",
              lambda capacity, body=body: report_blocks(body), f"report/{year}.md",
              (shortened(sheets.plain_text(body)), title, SITE_PICTURE))
    # Every other notice in each half, so both get their share of long months and short decisions.
    site.output.at_once(lambda: [job() for job in jobs[0::2]], lambda: [job() for job in jobs[1::2]])
    site.output.prune(site_dir, "print")

