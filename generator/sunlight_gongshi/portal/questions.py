"""The office's questions, asked of DuckDB on the portal's day: values only, the pages word them.

- who has not published this quarter: every period overdue on the day, by estate, with the
  estates whose site was not rebuilt since the quarter began; an estate unreachable today is
  shown from its last good harvest, marked stale; one not verified is listed with its status;
- maintenance fund money out: under a passed owners' assembly decision, in an emergency, or
  neither (and, from sites older than format 1.2, not published whether it was an emergency);
- committees whose term has ended or ends within `TERM_NOTICE_DAYS`;
- open residents' requests with the age of the oldest;
- balance per household (all accounts, and the maintenance fund alone).

Only `ok` estates count, except in the first question (spec section 7).  Money stays Decimal;
a balance per household is rounded to the cent, half up.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..money import CENT
from .figures import ACCOUNT_NAME, STATUS_NOW, WITH_NAMES

TERM_NOTICE_DAYS = 90
BASES = ("vote", "emergency", "neither", "unknown")   # how money left a maintenance fund
OK_WHERE = "estate IN (SELECT id FROM ok_estates)"
BASIS = ("CASE WHEN d.body = 'owners_assembly' AND d.passed THEN 'vote' WHEN e.emergency THEN 'emergency' "
         "WHEN e.emergency IS NULL THEN 'unknown' ELSE 'neither' END")
FUND_OUT = ("FROM entries e JOIN finance_accounts a ON a.estate = e.estate AND a.id = e.account "
            "LEFT JOIN decisions d ON d.estate = e.estate AND d.id = e.decision "
            "WHERE e.estate IN (SELECT id FROM {among}) AND a.kind = 'maintenance_fund' AND e.amount < 0")


@dataclass(frozen=True)
class Overdue:
    estate: str
    account: str             # the account's name (its id when the estate names none)
    period: str
    due: dt.date
    stale: bool              # from the last good harvest of an estate unreachable today


@dataclass(frozen=True)
class Committee:
    name: str
    start: dt.date
    end: dt.date
    serving: int
    seats: int


@dataclass(frozen=True)
class Community:
    """One estate's community.json as the portal keeps it."""

    households: int
    reference_date: dt.date
    committee: Committee | None
    sunlight: str


@dataclass
class EstateAnswers:
    """What the office asks of one estate; None where the estate does not publish it."""

    community: Community | None = None
    fund: dict[str, tuple[int, Decimal]] = field(default_factory=dict)   # basis -> (entries, money out)
    fund_entries: list[tuple] = field(default_factory=list)   # (id, date, account, amount, decision, basis), not voted
    open_requests: int = 0
    oldest_open: dt.date | None = None
    balance: Decimal = Decimal("0.00")
    fund_balance: Decimal = Decimal("0.00")
    has_fund: bool = False

    def per_household(self, amount: Decimal) -> Decimal | None:
        if self.community is None:
            return None
        return (amount / self.community.households).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Answers:
    day: dt.date
    harvested: str                     # this run's harvest: YYYY-MM-DDTHH:MM:SSZ
    quarter: str                       # the day's quarter, e.g. 2026-Q2
    quarter_start: dt.date
    estates: dict[str, EstateAnswers]  # ok estates
    overdue: list[Overdue]             # ok and stale estates, by estate then due
    stale: dict[str, str]              # estate unreachable today -> when its last good data was seen
    references: dict[str, dt.date]     # ok and stale estates -> reference date (sites of format 1.2)

    def term(self, estate: str) -> tuple[str, int] | None:
        """("ended" | "ending", days after or before the end) for a committee to watch; None otherwise."""
        found = self.estates.get(estate)
        committee = found and found.community and found.community.committee
        if not committee:
            return None
        left = (committee.end - self.day).days
        if left < 0:
            return "ended", -left
        return ("ending", left) if left <= TERM_NOTICE_DAYS else None

    def oldest_age(self, estate: str) -> int | None:
        found = self.estates.get(estate)
        return (self.day - found.oldest_open).days if found and found.oldest_open else None


def quarter_of(day: dt.date) -> tuple[str, dt.date]:
    q = (day.month - 1) // 3
    return f"{day.year}-Q{q + 1}", dt.date(day.year, 3 * q + 1, 1)


def office_answers(con, rows, stale: dict[str, str], day: dt.date, harvested: str) -> Answers:
    """The answers on `day`, for the estates `ok_estates` and `stale_estates` (set by the store) name."""
    ok = [r.estate.id for r in rows if r.status == "ok"]
    out = {e: EstateAnswers() for e in ok}

    def query(sql: str, *args):
        return con.execute(sql, list(args)).fetchall()

    for estate, households, reference, name, start, end, serving, seats, version in query(
            f"SELECT estate, households, reference_date, committee_name, committee_from, committee_to, "
            f"committee_serving, committee_seats, sunlight FROM community WHERE {OK_WHERE}"):
        committee = Committee(name, start, end, serving, seats) if name is not None else None
        out[estate].community = Community(households, reference, committee, version)
    for estate, how, n, amount in query(f"SELECT e.estate, {BASIS} AS how, count(*), sum(-e.amount) "
                                        f"{FUND_OUT.format(among='ok_estates')} GROUP BY ALL"):
        out[estate].fund[how] = (n, amount)
    for estate, n, oldest in query(f"SELECT estate, count(*), min(received) FROM requests WHERE {OK_WHERE} "
                                   "AND status IN ('open', 'in_progress') GROUP BY estate"):
        out[estate].open_requests, out[estate].oldest_open = n, oldest
    for estate, kind, balance in query(f"SELECT estate, kind, sum(balance) FROM finance_accounts WHERE {OK_WHERE} "
                                       "GROUP BY ALL"):
        out[estate].balance += balance
        if kind == "maintenance_fund":
            out[estate].fund_balance += balance
            out[estate].has_fund = True
    overdue = [Overdue(estate, account, period, due, estate in stale) for estate, account, period, due in query(
        f"SELECT estate, {ACCOUNT_NAME}, period, due FROM disclosure {WITH_NAMES} WHERE estate IN (SELECT id FROM "
        f"ok_estates UNION ALL SELECT id FROM stale_estates) AND {STATUS_NOW.replace('$day', '?')} = 'overdue' "
        "ORDER BY estate, due, account, period", day)]
    references = dict(query("SELECT estate, reference_date FROM community WHERE estate IN "
                            "(SELECT id FROM ok_estates UNION ALL SELECT id FROM stale_estates)"))
    quarter, start = quarter_of(day)
    return Answers(day, harvested, quarter, start, out, overdue, stale, references)


def add_fund_entries(con, answers: Answers, estates: list[str]) -> None:
    """Each money-out entry of a maintenance fund not under an owners' vote, for the estates whose
    page is rendered this run (the others' pages are the previous site's, unchanged)."""
    con.execute("CREATE OR REPLACE TEMP TABLE detail_estates AS SELECT unnest(?::VARCHAR[]) AS id",
                [[e for e in estates if e in answers.estates]])
    for estate, *entry in con.execute(f"SELECT e.estate, e.id, e.date, a.name, e.amount, e.decision, {BASIS} AS how "
                                      f"{FUND_OUT.format(among='detail_estates')} AND {BASIS} <> 'vote' "
                                      "ORDER BY e.estate, e.date, e.\"row\"").fetchall():
        answers.estates[estate].fund_entries.append(tuple(entry))


def fund_totals(answers: Answers) -> dict[str, tuple[int, Decimal]]:
    """Money out of maintenance funds over every ok estate, by basis."""
    totals: dict[str, list] = defaultdict(lambda: [0, Decimal("0.00")])
    for found in answers.estates.values():
        for how, (n, amount) in found.fund.items():
            totals[how][0] += n
            totals[how][1] += amount
    return {how: tuple(totals[how]) for how in BASES if how in totals}
