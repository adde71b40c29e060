"""The books: the finance page (balances, campaigns, a line for each year), a page per year (its
months, the budgets of its decisions), a page per month of entries and per account."""

from __future__ import annotations

from collections import Counter, defaultdict

from ...compute.balances import in_out
from ...compute.years import books_years
from ...money import ZERO
from ..words import month_label
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
    for books in records.months:
        categories = in_out((e.category or w.t("未分类"), e.amount) for e in books.entries if e.transfer is None)
        w.page(f"finance/{books.month}.md", w.t("{month}账目").format(month=month_label(books.month, w.language)),
               "finance_month.md.j2", books=books, rows=rows_by_month[books.month],
               categories=sorted(categories.items()), changed=changed.get(books.src.path),
               amendments=amended.get(books.month, []), provenance=site.history.entries,
               prev_month=month_links[books.month][0], next_month=month_links[books.month][1],
               requests_by_entry=figures.work.requests_by_entry, shown=shown, **common)
    for account in records.accounts:
        w.page(f"finance/accounts/{account.id}.md", account.name, "account.md.j2", account=account,
               balance=figures.balances[account.id], rows=rows_by_account[account.id],
               changed=changed.get(account.src.path), **common)
