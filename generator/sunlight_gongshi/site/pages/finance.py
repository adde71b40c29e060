"""The books: the finance page (balances, campaigns, a line for each year), a page per year (its
months, the budgets of its decisions), a page per month of entries and per account."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from ...compute.balances import in_out
from ...compute.years import books_years
from ...money import ZERO, yuan
from .. import tables
from ..render import text_lines
from ..words import month_label, tr
from .audit import shower
from .writer import neighbours
from ...marks import Np_

NAV = (Np_("nav", "财务"), "finance/index.md")
RECENT_PERIODS = 12     # disclosure periods of each account on the finance page; the older ones on their year's page


def _disclosure(accounts, calendar, year: str | None = None) -> list[tuple]:
    """Each account's disclosure periods as a page shows them, newest first: a year's page, the
    year's; the finance page, the last `RECENT_PERIODS`, and how many older ones there are, with
    those late or overdue counted by year (each year's page has them)."""
    shown = []
    for account in accounts:
        periods = [p for p in reversed(calendar) if p.account == account.id and (year is None or p.period[:4] == year)]
        if not periods:
            continue
        if year is not None:
            shown.append((account, periods, 0, ()))
            continue
        older = periods[RECENT_PERIODS:]
        missed = Counter(p.period[:4] for p in older if p.status in ("late", "overdue"))
        shown.append((account, periods[:RECENT_PERIODS], len(older), sorted(missed.items(), reverse=True)))
    return shown


@dataclass(frozen=True)
class EntryRows:
    """A month's entries as table rows, one an entry, built in Python from escaped strings (20 years
    of entries made 24,000 rows through the template, each cell with its own label); the page gives
    its `link`."""

    account_names: dict
    provenance: dict            # entry id -> where the entry was introduced and last changed
    requests_by_entry: dict
    lang: str

    def __call__(self, entries, link) -> Markup:
        lang, names = self.lang, self.account_names
        words = {"changed": tr("%(date)s 改过", lang), "transfer": tr("转账", lang), "decision": tr("决议 %(id)s", lang),
                 "request": tr("诉求：%(summary)s", lang), "award": tr("%(year)s 年度奖励", lang), "receipt": tr("凭证", lang)}

        def name(account: str) -> Markup:
            return escape(names.get(account, account))

        def basis(e) -> str:
            links = []
            if e.decision:
                links.append(f'<a href="{link("decisions/" + e.decision + ".md")}">'
                             f'{Markup(words["decision"]) % {"id": e.decision}}</a>')
            links += [f'<a href="{link(f"requests/{r.received.year}.md#{r.id}")}">'
                      f'{Markup(words["request"]) % {"summary": r.summary}}</a>'
                      for r in self.requests_by_entry.get(e.id, ())]
            basis = "<br>".join(links)
            if e.award:
                award = (f'<a href="{link(f"rankings/{e.award.year}.md")}">'
                         f'{Markup(words["award"]) % {"year": e.award.year}}</a>')
                basis += ("<br>" if e.decision else "") + award
            return basis

        lines = []
        for e in entries:
            memo = text_lines(e.memo) if e.memo else escape(e.category or "—")
            p = self.provenance.get(e.id)
            if p and p.changed.sha != p.introduced.sha:
                memo += Markup(' <span class="sl-badge">%s</span>') % (Markup(words["changed"]) % {"date": p.changed.date[:10]})
            amount = f'<span class="sl-money{" sl-neg" if e.amount < 0 else ""}">{escape(yuan(e.amount, not e.transfer))}</span>'
            account = f"{name(e.transfer.source)} → {name(e.transfer.target)}" if e.transfer else name(e.account)
            category = escape(e.category or (words["transfer"] if e.transfer else ""))
            receipt = f'<a href="{link(e.receipt)}">{escape(words["receipt"])}</a>' if e.receipt else ""
            lines.append(tables.row((memo, e.date.isoformat(), amount, account, category, escape(e.counterparty or ""),
                                     basis(e), receipt), f' id="{escape(e.id)}"'))
        return tables.rows(lines)


def write(w, site) -> None:
    records, figures, common, changed = site.records, site.figures, site.common, site.changed
    amended: dict[str, list] = defaultdict(list)
    for amendment in site.history.amendments:
        amended[amendment.month].append(amendment)
    totals = in_out((books.month, e.amount) for books in records.months for e in books.entries
                    if e.transfer is None)
    rows_by_month: dict[str, list] = defaultdict(list)
    rows_by_account: dict[str, list] = defaultdict(list)
    for row in figures.month_rows:
        rows_by_month[row.month].append(row)
        rows_by_account[row.account].append(row)
    years = books_years(records.months, totals)
    budgeted = [d for d in site.decisions if d.budget is not None]
    w.page("finance/index.md", w.t("财务公开"), "finance_index.md.j2", accounts=records.accounts,
           balances=figures.balances, campaigns=figures.campaigns, years=years,
           overspent=[d for d in budgeted if figures.spent.get(d.id, ZERO) > d.budget],
           disclosure=_disclosure(records.accounts, figures.disclosure),
           rows_by_account=rows_by_account, **common)
    books_by_month = {books.month: books for books in records.months}
    year_links = neighbours([y.year for y in reversed(years)])
    for y in years:
        w.page(f"finance/{y.year}.md", w.t("{year} 年账目").format(year=y.year), "finance_year.md.j2", y=y,
               months=[books_by_month[month] for month in y.months], month_totals=totals, accounts=records.accounts,
               budgeted=[d for d in budgeted if str(d.date.year) == y.year], disclosure_year=y.year,
               disclosure=_disclosure(records.accounts, figures.disclosure, y.year),
               prev_year=year_links[y.year][0], next_year=year_links[y.year][1], **common)
    month_links = neighbours([books.month for books in records.months])
    shown = shower(common["account_names"])
    entry_rows = EntryRows(common["account_names"], site.history.entries, figures.work.requests_by_entry, w.language)
    for books in records.months:
        categories = in_out((e.category or w.t("未分类"), e.amount) for e in books.entries if e.transfer is None)
        w.page(f"finance/{books.month}.md", w.t("{month}账目").format(month=month_label(books.month, w.language)),
               "finance_month.md.j2", books=books, rows=rows_by_month[books.month],
               categories=sorted(categories.items()), changed=changed.get(books.src.path),
               amendments=amended.get(books.month, []),
               prev_month=month_links[books.month][0], next_month=month_links[books.month][1],
               entry_rows=entry_rows, shown=shown, **common)
    for account in records.accounts:
        w.page(f"finance/accounts/{account.id}.md", account.name, "account.md.j2", account=account,
               balance=figures.balances[account.id], rows=rows_by_account[account.id],
               changed=changed.get(account.src.path), **common)
