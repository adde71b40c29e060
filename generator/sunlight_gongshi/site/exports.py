"""The data exports under data/: every published figure as JSON or CSV, money as strings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Callable

from .. import __version__
from ..money import ZERO, plain
from ..compute.activity import days_taken
from ..compute.committee import latest_committee, seats_and_serving
from ..compute.figures import Figures, direct
from ..model.recordset import Records
from .output.output import Output

# The JSON Schema of every export, published with it under data/schema/ (the portal checks against them).
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def finance(records: Records, figures: Figures) -> dict:
    return {
        "accounts": [{"id": a.id, "name": a.name, "kind": a.kind, "balance": plain(figures.balances[a.id]),
                      "reviewed_through": figures.reviews.reviewed_through(a.id)}
                     for a in records.accounts],
        "months": [{"month": r.month, "account": r.account, "opening": plain(r.opening),
                    "income": plain(r.income), "expense": plain(r.expense), "closing": plain(r.closing)}
                   for r in figures.month_rows],
    }


# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...) sends a
# resident's data away, =cmd|... ran programs): text cells that do are written with a leading
# apostrophe, which spreadsheets show as text and do not display (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def as_text_cell(value: str | None) -> str:
    """A text column's value, safe to open in Excel or WPS."""
    value = value or ""
    return "'" + value if value.startswith(FORMULA_START) else value


def entries_csv(records: Records, call: Callable = direct) -> str:
    """Every leg of every entry; `call` makes each month's rows (a rebuild reuses unchanged months')."""
    return "id,date,account,amount,category,counterparty,memo,decision,emergency\n" + "".join(
        call(_month_rows, books) for books in records.months)


def _month_rows(books) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for entry in books.entries:
        for leg in entry.legs():
            writer.writerow([entry.id, entry.date.isoformat(), leg.account, plain(leg.amount),
                             as_text_cell(entry.category), as_text_cell(entry.counterparty),
                             as_text_cell(entry.memo), entry.decision or "", "true" if entry.emergency else ""])
    return out.getvalue()


def community(records: Records, figures: Figures) -> dict:
    """What a comparison across estates needs and no other export carries (spec section 5, 1.2).
    `committee` is the latest committee term on record: `seats` the members serving on its first
    day, `serving` those serving on the reference date (taken into the term: its first day before
    it begins, its last day once it has ended)."""
    c = records.community
    roster = latest_committee(records.rosters)
    committee = None
    if roster is not None:
        seats, serving = seats_and_serving(roster, figures.reference_date)
        committee = {"name": roster.name, "from": roster.term.start.isoformat(), "to": roster.term.end.isoformat(),
                     "serving": serving, "seats": seats}
    return {"name": c.name, "neighbourhood": c.neighbourhood, "households": c.households, "area_m2": plain(c.area_m2),
            "reference_date": figures.reference_date.isoformat(), "committee": committee, "sunlight": __version__}


def _ranking_month(r) -> dict:
    return {"month": r.month, "rows": [{"unit": row.unit, "score": row.score, "rank": row.rank,
                                        "flag": row.flag, "vetoed": row.vetoed} for row in r.rows]}


def _ranking_year(y) -> dict:
    return {"year": y.year, "rows": [{"unit": row.unit, "flags": row.flags, "total": row.total,
                                      "rank": row.rank, "award": row.award} for row in y.rows]}


def rankings_json(figures: Figures, call: Callable = direct) -> str:
    """rankings.json's text, each month and year encoded by `call` (a rebuild reuses unchanged ones')."""
    return indented({"months": [call(month_ranking_json, r) for r in figures.monthly],
                     "years": [call(_encoded, _ranking_year, y) for y in figures.yearly]})


class Encoded(str):
    """JSON already indented for a place two levels deep: `indented` writes it as it is."""


def _encoded(shape: Callable, item) -> Encoded:
    return Encoded(indented(shape(item), "\n  "))


def month_ranking_json(r) -> Encoded:
    """`_encoded(_ranking_month, r)`, each row written at once rather than walked as a dict (500 rows
    a month, 120,000 at 20 years); a row of other types than a ranking's goes the general way."""
    if not all(type(x.unit) is str and type(x.score) is int and (x.rank is None or type(x.rank) is int)
               and type(x.flag) is bool and type(x.vetoed) is bool for x in r.rows):
        return _encoded(_ranking_month, r)
    p = "\n     "
    rows = ",\n    ".join(
        f'{{{p}"unit": {_STRING(x.unit)},{p}"score": {x.score},{p}"rank": {"null" if x.rank is None else x.rank},'
        f'{p}"flag": {"true" if x.flag else "false"},{p}"vetoed": {"true" if x.vetoed else "false"}\n    }}'
        for x in r.rows)
    return Encoded(f'{{\n   "month": {_STRING(r.month)},\n   "rows": ' + (f"[\n    {rows}\n   ]" if r.rows else "[]")
                   + "\n  }")


def decisions(records: Records, figures: Figures) -> list:
    return [{"id": d.id, "title": d.title, "date": d.date.isoformat(), "body": d.body, "status": d.status,
             "passed": figures.passed(d), "budget": plain(d.budget) if d.budget is not None else None,
             "spent": plain(figures.spent.get(d.id, ZERO))}
            for d in sorted(records.decisions, key=lambda d: (d.date, d.id))]


def meetings(records: Records) -> list:
    return [{"id": m.id, "date": m.date.isoformat(), "body": m.body, "attendees": len(m.attendees),
             "others": m.others or 0, "outcomes": list(m.outcomes)}
            for m in sorted(records.meetings, key=lambda m: (m.date, m.id))]


def requests(figures: Figures) -> list:
    return [{"id": r.id, "received": r.received.isoformat(), "category": r.category, "unit": r.unit,
             "status": r.status, "resolved": r.resolved.isoformat() if r.resolved else None, "days": days_taken(r)}
            for r in figures.work.requests]


def activities(figures: Figures) -> dict:
    return {"years": [{"year": y.year, "rows": [{"kind": kind, "by": by, "count": total.count,
                                                 "at_least": total.at_least} for kind, by, total in y.rows]}
                      for y in figures.work.activity_years]}


def reviews(figures: Figures) -> list:
    """Record format 1.2: each review, oldest first, with the months changed after it (empty outside git)."""
    return [{"id": c.review.id, "by": c.review.by, "date": c.review.date.isoformat(), "through": c.review.through,
             "accounts": list(c.accounts), "opinion": c.review.opinion, "amended_after": list(c.amended_after)}
            for c in figures.reviews.covered]


def disclosure(figures: Figures) -> list:
    """Section 5.1: every period of every account's disclosure calendar."""
    return [{"account": p.account, "period": p.period, "due": p.due.isoformat(),
             "published": p.published.isoformat() if p.published else None, "status": p.status}
            for p in figures.disclosure]


_STRING = json.encoder.encode_basestring     # the encoder json.dumps(ensure_ascii=False) uses


def indented(value, pad: str = "\n") -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, byte for byte, for what exports hold
    (dicts, lists, strings, integers, booleans, None): json's indenting encoder is pure Python
    and took seconds on a 20-year community's rankings."""
    if isinstance(value, str):
        return value if type(value) is Encoded else _STRING(value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    inner = pad + " "
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{" + inner + ("," + inner).join(f"{_STRING(k)}: {indented(v, inner)}" for k, v in value.items()) + pad + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join(indented(v, inner) for v in value) + pad + "]"
    raise TypeError(f"not an export value: {type(value).__name__}")


def write_exports(docs: Path, records: Records, figures: Figures, output: Output) -> None:
    """Every export into docs/data/; in a rebuild, only those whose inputs changed."""
    def dump(name, inputs, value):
        output.put(docs, f"data/{name}", inputs, lambda: indented(value()) + "\n")

    dump("finance.json", (records.accounts, figures.balances, figures.month_rows, figures.reviews.latest),
         lambda: finance(records, figures))
    call = output.call
    output.put(docs, "data/rankings.json", (figures.monthly, figures.yearly),
               lambda: rankings_json(figures, call) + "\n")
    dump("decisions.json", (records.decisions, figures.outcomes, figures.spent), lambda: decisions(records, figures))
    dump("meetings.json", (records.meetings,), lambda: meetings(records))
    dump("requests.json", (figures.work.requests,), lambda: requests(figures))
    dump("activities.json", (figures.work.activity_years,), lambda: activities(figures))
    dump("disclosure.json", (figures.disclosure,), lambda: disclosure(figures))
    dump("reviews.json", (figures.reviews.covered,), lambda: reviews(figures))
    dump("community.json", (records.community, records.rosters, figures.reference_date),
         lambda: community(records, figures))
    output.put(docs, "data/entries.csv", records.months, lambda: entries_csv(records, call))
    for schema in sorted(SCHEMAS.glob("*.json")):
        output.copy(docs, f"data/schema/{schema.name}", schema)
