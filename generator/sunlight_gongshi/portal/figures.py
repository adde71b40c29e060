"""The portal's figures, asked of DuckDB: per estate, per neighbourhood, for the district, and the
two rankings (disclosure on time, requests resolved).  Values only; the pages word them.

Only the estates that are `ok` in this run count.  Percentages and medians are exact Decimals:
a median of an even count is the mean of the two middle values.  A disclosure period an estate
published as `pending` whose due date has passed by the portal's day counts as `overdue`
(spec section 7: the portal re-derives `status` with its own harvest date; `STATUS_NOW`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..money import ZERO

KINDS = ("operating", "maintenance_fund", "public_revenue", "campaign")
DUE = ("on_time", "late", "overdue")   # the periods whose deadline has passed and that count
OPEN = ("open", "in_progress")
TENTH = Decimal("0.1")
# A disclosure period's status on the portal's day ($day): what the estate published, except that
# a period not yet due on the estate's reference date is overdue once its due date has passed.
STATUS_NOW = "CASE WHEN status = 'pending' AND due < $day THEN 'overdue' ELSE status END"
# A disclosure row's account as people read it: its name in finance.json (the id when it has none).
WITH_NAMES = ("LEFT JOIN (SELECT estate AS a_estate, id AS a_id, name AS a_name FROM finance_accounts) "
              "ON a_estate = estate AND a_id = account")
ACCOUNT_NAME = "coalesce(a_name, account)"


@dataclass
class Summary:
    """Figures of one estate, or added up over many."""

    estates: int = 0
    money: dict[str, Decimal] = field(default_factory=lambda: {k: ZERO for k in KINDS})
    disclosure: Counter = field(default_factory=Counter)        # status -> periods
    overdue: list[tuple] = field(default_factory=list)          # (estate, account, period, due)
    requests: Counter = field(default_factory=Counter)          # status -> requests
    resolve_days: Counter = field(default_factory=Counter)      # days -> resolved requests
    meetings: Counter = field(default_factory=Counter)          # body -> meetings
    last_meeting: str | None = None
    decisions: int = 0
    last_month: str | None = None
    accounts: list[tuple] = field(default_factory=list)        # one estate's (id, name, kind, balance)

    def add(self, other: "Summary") -> None:
        self.estates += other.estates
        for kind, amount in other.money.items():
            self.money[kind] += amount
        self.disclosure.update(other.disclosure)
        self.overdue += other.overdue
        self.requests.update(other.requests)
        self.resolve_days.update(other.resolve_days)
        self.meetings.update(other.meetings)
        self.decisions += other.decisions
        self.last_meeting = max(filter(None, (self.last_meeting, other.last_meeting)), default=None)
        self.last_month = max(filter(None, (self.last_month, other.last_month)), default=None)

    @property
    def due(self) -> int:
        return sum(self.disclosure[s] for s in DUE)

    @property
    def on_time(self) -> Fraction | None:
        return Fraction(self.disclosure["on_time"], self.due) if self.due else None

    @property
    def on_time_percent(self) -> Decimal | None:
        return None if not self.due else (Decimal(self.disclosure["on_time"] * 100) / self.due).quantize(TENTH)

    @property
    def open_requests(self) -> int:
        return sum(self.requests[s] for s in OPEN)

    @property
    def median_days(self) -> Decimal | None:
        return median(self.resolve_days)

    @property
    def meetings_held(self) -> int:
        return sum(self.meetings.values())


def median(histogram: Counter) -> Decimal | None:
    """The exact median of values given as value -> how many times."""
    total = sum(histogram.values())
    if not total:
        return None
    wanted = sorted({(total - 1) // 2, total // 2})
    found, seen = [], 0
    for value in sorted(histogram):
        seen += histogram[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    return (Decimal(sum(found)) / len(found)).quantize(TENTH)


def estate_summaries(con, ok: list[str], day) -> dict[str, Summary]:
    """A Summary of every ok estate on the portal's `day`, from the aggregate tables (`ok_estates`
    set by the store)."""
    out = {e: Summary(estates=1) for e in ok}
    where = "WHERE estate IN (SELECT id FROM ok_estates)"

    def query(sql: str):
        return con.execute(sql, {"day": day} if "$day" in sql else None).fetchall()

    for estate, ident, name, kind, balance in query(f"SELECT estate, id, name, kind, balance FROM finance_accounts "
                                                    f"{where} ORDER BY estate, \"row\""):
        out[estate].money[kind] += balance
        out[estate].accounts.append((ident, name, kind, balance))
    for estate, status, n in query(f"SELECT estate, {STATUS_NOW} AS now, count(*) FROM disclosure {where} "
                                   "GROUP BY ALL"):
        out[estate].disclosure[status] = n
    for estate, account, period, due in query(f"SELECT estate, {ACCOUNT_NAME}, period, due FROM disclosure "
                                              f"{WITH_NAMES} {where} AND {STATUS_NOW} = 'overdue' "
                                              "ORDER BY estate, due, account, period"):
        out[estate].overdue.append((estate, account, period, due))
    for estate, status, n in query(f"SELECT estate, status, count(*) FROM requests {where} GROUP BY ALL"):
        out[estate].requests[status] = n
    for estate, days, n in query(f"SELECT estate, days, count(*) FROM requests {where} "
                                 "AND status = 'resolved' GROUP BY ALL"):
        out[estate].resolve_days[days] = n
    for estate, body, n, last in query(f"SELECT estate, body, count(*), max(date) FROM meetings {where} GROUP BY ALL"):
        out[estate].meetings[body] = n
        out[estate].last_meeting = max(filter(None, (out[estate].last_meeting, last.isoformat())))
    for estate, n in query(f"SELECT estate, count(*) FROM decisions {where} GROUP BY ALL"):
        out[estate].decisions = n
    for estate, month in query(f"SELECT estate, max(month) FROM finance_months {where} GROUP BY ALL"):
        out[estate].last_month = month
    return out


def total(summaries) -> Summary:
    result = Summary()
    for summary in summaries:
        result.add(summary)
    return result


@dataclass(frozen=True)
class Ranked:
    rank: int
    estate: str
    summary: Summary


def _ranked(keyed: list[tuple[tuple, str, Summary]]) -> list[Ranked]:
    """Ranks by key, equal keys sharing a rank and the next rank skipping (1, 2, 2, 4)."""
    keyed.sort(key=lambda item: (item[0], item[1]))
    out, previous = [], None
    for position, (key, estate, summary) in enumerate(keyed, start=1):
        rank = out[-1].rank if key == previous else position
        out.append(Ranked(rank, estate, summary))
        previous = key
    return out


def rank_timeliness(summaries: dict[str, Summary]) -> tuple[list[Ranked], list[str]]:
    """Estates by the share of periods disclosed on time, then by fewer overdue; and those with
    no period due yet (not ranked)."""
    shares = {e: s.on_time for e, s in summaries.items() if s.due}
    place = {share: n for n, share in enumerate(sorted(set(shares.values())))}   # exact, and sorted as integers
    ranked = [((-place[shares[e]], s.disclosure["overdue"]), e, s) for e, s in summaries.items() if s.due]
    return _ranked(ranked), sorted(e for e, s in summaries.items() if not s.due)


def rank_resolution(summaries: dict[str, Summary]) -> tuple[list[Ranked], list[str]]:
    """Estates by median days to resolve a request, then by fewer open requests; and those with
    no resolved request (not ranked)."""
    ranked = [((s.median_days, s.open_requests), e, s) for e, s in summaries.items() if s.resolve_days]
    return _ranked(ranked), sorted(e for e, s in summaries.items() if not s.resolve_days)
