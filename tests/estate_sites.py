"""Synthetic published estate sites for the portal's tests and benchmark: the data/ exports of spec
section 5 for a small estate (12 months), with a manifest, written as a real site would publish them:
every figure the portal re-derives agrees (format 1.2; `old=True` gives a site of format 1.1, without
data/community.json and the emergency column)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import random
from decimal import Decimal
from pathlib import Path

from sunlight_gongshi.chain import FOLDER, HEAD, entries_from, file_text, files_of, head_text
from sunlight_gongshi.site.output.manifest import write_manifest
from sunlight_gongshi.site.output.output import FullBuild

KINDS = {"operating": ("日常经费", "operating"), "revenue": ("公共收益", "public_revenue"),
         "fund": ("专项维修资金", "maintenance_fund")}
DUE_EVERY = {"operating": 1, "revenue": 3, "fund": 6}


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def exports(seed: int, year: int = 2024, months: int = 12, units: int = 10, old: bool = False) -> dict[str, object]:
    """Every export of one synthetic estate, as Python values; the same seed gives the same data.
    Money out of the fund is under the owners' decision {year}-006 or an emergency, alternately."""
    rnd = random.Random(seed)
    balances = {a: Decimal(rnd.randrange(1000, 90000)) for a in KINDS}
    month_rows, entries = [], []
    for m in range(1, months + 1):
        month = f"{year}-{m:02d}"
        for account in KINDS:
            opening, income, expense = balances[account], Decimal(0), Decimal(0)
            for n in range(rnd.randrange(2, 5)):
                cents = Decimal(rnd.randrange(100, 500000)) / 100
                amount = cents if rnd.random() < 0.5 else -min(cents, opening + income - expense)
                if amount == 0:
                    continue
                income, expense = (income + amount, expense) if amount > 0 else (income, expense - amount)
                fund_out = account == "fund" and amount < 0
                emergency = fund_out and n % 2 == 1
                entries.append([f"{month}-{account[:2]}{n}", f"{month}-{rnd.randrange(1, 28):02d}", account,
                                _money(amount), rnd.choice(["维修", "保洁", "收入", ""]), "某某公司", "备注",
                                f"{year}-006" if fund_out and not emergency else "", "true" if emergency else ""])
            balances[account] = opening + income - expense
            month_rows.append({"month": month, "account": account, "opening": _money(opening),
                               "income": _money(income), "expense": _money(expense),
                               "closing": _money(balances[account])})
    finance = {"accounts": [{"id": a, "name": KINDS[a][0], "kind": KINDS[a][1], "balance": _money(balances[a])}
                            for a in KINDS], "months": month_rows}
    ranking_months = []
    for m in range(1, months + 1):
        scores = sorted(((100 + rnd.randrange(-10, 10), f"1-{u}") for u in range(1, units + 1)), reverse=True)
        rows, previous, rank = [], None, 0
        for position, (score, unit) in enumerate(scores, start=1):
            rank = rank if score == previous else position
            rows.append({"unit": unit, "score": score, "rank": rank, "flag": rank <= 3, "vetoed": False})
            previous = score
        ranking_months.append({"month": f"{year}-{m:02d}", "rows": rows})
    rankings = {"months": ranking_months, "years": [{"year": str(year), "rows": [
        {"unit": f"1-{u}", "flags": 1, "total": 1200, "rank": 1, "award": u == 1} for u in range(1, units + 1)]}]}
    decisions = [{"id": f"{year}-{d:03d}", "title": f"决议{d}", "date": f"{year}-{d:02d}-10",
                  "body": "owners_assembly" if d == 6 else "committee",
                  "status": "decided", "passed": True, "budget": "8000.00" if d % 2 else None,
                  "spent": "1200.00"} for d in range(1, 7)]
    meetings = [{"id": f"{year}-M{m:02d}", "date": f"{year}-{m:02d}-12",
                 "body": "committee" if m % 3 else "council", "attendees": rnd.randrange(3, 8),
                 "others": rnd.randrange(0, 20), "outcomes": [f"{year}-{m:03d}"] if m <= 6 else []}
                for m in range(1, months + 1)]
    requests = []
    for r in range(1, 31):
        m = (r - 1) % months + 1
        day = rnd.randrange(1, 20)
        status = rnd.choice(["resolved", "resolved", "resolved", "open", "declined"])
        days = rnd.randrange(0, 9) if status in ("resolved", "declined") else None
        requests.append({"id": f"{year}-{m:02d}-R{r:02d}", "received": f"{year}-{m:02d}-{day:02d}",
                         "category": "维修", "unit": f"1-{r % units + 1}" if r % 4 else None, "status": status,
                         "resolved": f"{year}-{m:02d}-{day + days:02d}" if days is not None else None,
                         "days": days})
    activities = {"years": [{"year": str(year), "rows": [
        {"kind": kind, "by": who, "count": rnd.randrange(1, 40), "at_least": kind == "publicity"}
        for kind in ("volunteer", "mediation", "publicity", "event") for who in ("志愿服务队", "红管家")]}]}
    disclosure = []
    for account, every in DUE_EVERY.items():
        for end in range(every, months + 1, every):
            period = (f"{year}-{end:02d}" if every == 1 else f"{year}-Q{end // 3}" if every == 3
                      else f"{year}-H{end // 6}")
            due = f"{year + (end == 12)}-{(end % 12) + 1:02d}-28"
            status = rnd.choice(["on_time", "on_time", "on_time", "late", "overdue"])
            late = dt.date.fromisoformat(due) + dt.timedelta(days=rnd.randrange(1, 20))
            published = None if status == "overdue" else due if status == "on_time" else late.isoformat()
            disclosure.append({"account": account, "period": period, "due": due, "published": published,
                               "status": status})
    community = {"name": f"小区{seed}", "neighbourhood": "示例社区", "households": 100 + seed % 400,
                 "area_m2": f"{9000 + seed % 4000}.50", "reference_date": f"{year + 1}-03-01",
                 "committee": {"name": "第一届业主委员会", "from": f"{year - 4 + seed % 5}-04-01",
                               "to": f"{year + 1 + seed % 5}-03-31", "serving": 6, "seats": 7}, "sunlight": "0.2.0"}
    found = {"finance": finance, "entries": entries, "rankings": rankings, "decisions": decisions,
             "meetings": meetings, "requests": requests, "activities": activities, "disclosure": disclosure,
             "community": community}
    if old:
        del found["community"]
        found["entries"] = [row[:8] for row in entries]
    return found


HEADER = ["id", "date", "account", "amount", "category", "counterparty", "memo", "decision", "emergency"]


def entries_csv(rows: list[list[str]]) -> str:
    """entries.csv of format 1.2, or of 1.1 when the rows have no emergency cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER if not rows or len(rows[0]) == len(HEADER) else HEADER[:-1])
    writer.writerows(rows)
    return out.getvalue()


def chain_entries(name: str, count: int) -> tuple:
    """A synthetic chain of `count` entries for the estate `name`, one a month from 2024-01: the same
    name gives the same first entries, so a longer chain only extends a shorter one."""
    rows = [(hashlib.sha1(f"{name} commit {n}".encode()).hexdigest(),
             f"{2024 + (n - 1) // 12}-{(n - 1) % 12 + 1:02d}-03T10:00:00+08:00",
             hashlib.sha1(f"{name} records {n}".encode()).hexdigest()) for n in range(1, count + 1)]
    return entries_from(rows)


def write_site(folder: Path, data: dict[str, object], commit: str | None = "a" * 40, pages: int = 3,
               chain: int = 0) -> Path:
    """A published site in `folder`: a few pages, the exports, `chain` entries of a synthetic chain
    (data/chain/, record format section 8; none by default), and the manifest over them all."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    for n in range(pages):
        (folder / f"page{n}.html").write_text(f"<html><body>page {n}</body></html>\n", encoding="utf-8")
    for name, value in data.items():
        if name == "entries":
            (folder / "data" / "entries.csv").write_text(entries_csv(value), encoding="utf-8")
        else:
            (folder / "data" / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n",
                                                          encoding="utf-8")
    entries = chain_entries(folder.name, chain) if chain else ()
    if entries:
        (folder / FOLDER).mkdir(parents=True, exist_ok=True)
        for rel, part in files_of(entries):
            (folder / rel).write_text(file_text(part), encoding="utf-8")
        (folder / HEAD).write_text(head_text(entries), encoding="utf-8")
    write_manifest(folder, commit, FullBuild(), entries[-1] if entries else None)
    return folder


def write_estate(folder: Path, seed: int, **kw) -> Path:
    return write_site(folder, exports(seed), **kw)
