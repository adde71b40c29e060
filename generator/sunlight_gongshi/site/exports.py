"""The data exports under data/: every published figure as JSON or CSV, money as strings."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from ..money import ZERO, plain
from ..compute.activity import days_taken
from ..compute.figures import Figures
from ..model.recordset import Records

# The JSON Schema of every export, published with it under data/schema/ (the portal checks against them).
SCHEMAS = Path(__file__).resolve().parent / "schemas"


def finance(records: Records, figures: Figures) -> dict:
    return {
        "accounts": [{"id": a.id, "name": a.name, "kind": a.kind, "balance": plain(figures.balances[a.id])}
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


def entries_csv(records: Records) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "date", "account", "amount", "category", "counterparty", "memo", "decision"])
    for books in records.months:
        for entry in books.entries:
            for leg in entry.legs():
                writer.writerow([entry.id, entry.date.isoformat(), leg.account, plain(leg.amount),
                                 as_text_cell(entry.category), as_text_cell(entry.counterparty),
                                 as_text_cell(entry.memo), entry.decision or ""])
    return out.getvalue()


def rankings(figures: Figures) -> dict:
    return {
        "months": [{"month": r.month, "rows": [{"unit": row.unit, "score": row.score, "rank": row.rank,
                                                "flag": row.flag, "vetoed": row.vetoed} for row in r.rows]}
                   for r in figures.monthly],
        "years": [{"year": y.year, "rows": [{"unit": row.unit, "flags": row.flags, "total": row.total,
                                             "rank": row.rank, "award": row.award} for row in y.rows]}
                  for y in figures.yearly],
    }


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


def disclosure(figures: Figures) -> list:
    """Section 5.1: every period of every account's disclosure calendar."""
    return [{"account": p.account, "period": p.period, "due": p.due.isoformat(),
             "published": p.published.isoformat() if p.published else None, "status": p.status}
            for p in figures.disclosure]


def write_exports(docs: Path, records: Records, figures: Figures) -> None:
    data = docs / "data"
    data.mkdir(parents=True, exist_ok=True)

    def dump(name, value):
        (data / name).write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    dump("finance.json", finance(records, figures))
    dump("rankings.json", rankings(figures))
    dump("decisions.json", decisions(records, figures))
    dump("meetings.json", meetings(records))
    dump("requests.json", requests(figures))
    dump("activities.json", activities(figures))
    dump("disclosure.json", disclosure(figures))
    (data / "entries.csv").write_text(entries_csv(records), encoding="utf-8")
    (data / "schema").mkdir(exist_ok=True)
    for schema in sorted(SCHEMAS.glob("*.json")):
        shutil.copyfile(schema, data / "schema" / schema.name)
