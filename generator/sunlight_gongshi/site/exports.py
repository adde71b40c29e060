"""The data exports under data/: every published figure as JSON or CSV, money as strings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..money import ZERO, plain
from ..compute.figures import Figures
from ..model.recordset import Records


def finance(records: Records, figures: Figures) -> dict:
    return {
        "accounts": [{"id": a.id, "name": a.name, "kind": a.kind, "balance": plain(figures.balances[a.id])}
                     for a in records.accounts],
        "months": [{"month": r.month, "account": r.account, "opening": plain(r.opening),
                    "income": plain(r.income), "expense": plain(r.expense), "closing": plain(r.closing)}
                   for r in figures.month_rows],
    }


def entries_csv(records: Records) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "date", "account", "amount", "category", "counterparty", "memo", "decision"])
    for books in records.months:
        for entry in books.entries:
            for leg in entry.legs():
                writer.writerow([entry.id, entry.date.isoformat(), leg.account, plain(leg.amount),
                                 entry.category or "", entry.counterparty or "", entry.memo or "",
                                 entry.decision or ""])
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
    dump("disclosure.json", disclosure(figures))
    (data / "entries.csv").write_text(entries_csv(records), encoding="utf-8")
