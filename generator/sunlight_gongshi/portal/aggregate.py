"""Aggregate stage: every estate's exports as one DuckDB table per export, each row with its estate.

The portal's state folder keeps a DuckDB file with the last good data of every estate, the
SHA-256 of the manifest it came from and when it was last seen; a run replaces only the estates
it fetched anew, and `exports` publishes the rows of the estates that are `ok` now as Parquet, CSV
and one DuckDB file.  Money is DECIMAL(18,2), read from the exports' strings: exact, never binary
floating point.  Rows arrive already masked (`masking.mask_rows`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas

from .fetch import Known


@dataclass(frozen=True)
class Kept:
    """What the state keeps of an estate's last good data besides its rows."""

    known: Known
    commit: str | None
    harvested: str | None     # when that data was last seen: YYYY-MM-DDTHH:MM:SSZ
    note: str                 # what was masked in it, or ""
    twin: str | None          # the twin key of its manifest

MONEY = "DECIMAL(18,2)"
# table: (export it comes from, [(column, SQL type)]); every table also has `estate` first.
TABLES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "finance_accounts": ("finance", [("id", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR"),
                                     ("balance", MONEY)]),
    "finance_months": ("finance", [("month", "VARCHAR"), ("account", "VARCHAR"), ("opening", MONEY),
                                   ("income", MONEY), ("expense", MONEY), ("closing", MONEY)]),
    "entries": ("entries", [("id", "VARCHAR"), ("date", "DATE"), ("account", "VARCHAR"), ("amount", MONEY),
                            ("category", "VARCHAR"), ("counterparty", "VARCHAR"), ("memo", "VARCHAR"),
                            ("decision", "VARCHAR"), ("emergency", "BOOLEAN")]),
    "rankings_months": ("rankings", [("month", "VARCHAR"), ("unit", "VARCHAR"), ("score", "INTEGER"),
                                     ("rank", "INTEGER"), ("flag", "BOOLEAN"), ("vetoed", "BOOLEAN")]),
    "rankings_years": ("rankings", [("year", "VARCHAR"), ("unit", "VARCHAR"), ("flags", "INTEGER"),
                                    ("total", "INTEGER"), ("rank", "INTEGER"), ("award", "BOOLEAN")]),
    "decisions": ("decisions", [("id", "VARCHAR"), ("title", "VARCHAR"), ("date", "DATE"), ("body", "VARCHAR"),
                                ("status", "VARCHAR"), ("passed", "BOOLEAN"), ("budget", MONEY),
                                ("spent", MONEY)]),
    "meetings": ("meetings", [("id", "VARCHAR"), ("date", "DATE"), ("body", "VARCHAR"), ("attendees", "INTEGER"),
                              ("others", "INTEGER"), ("outcomes", "VARCHAR[]")]),
    "requests": ("requests", [("id", "VARCHAR"), ("received", "DATE"), ("category", "VARCHAR"),
                              ("unit", "VARCHAR"), ("status", "VARCHAR"), ("resolved", "DATE"),
                              ("days", "INTEGER")]),
    "activities": ("activities", [("year", "VARCHAR"), ("kind", "VARCHAR"), ("by", "VARCHAR"),
                                  ("count", "INTEGER"), ("at_least", "BOOLEAN")]),
    "disclosure": ("disclosure", [("account", "VARCHAR"), ("period", "VARCHAR"), ("due", "DATE"),
                                  ("published", "DATE"), ("status", "VARCHAR")]),
    "community": ("community", [("name", "VARCHAR"), ("neighbourhood", "VARCHAR"), ("households", "INTEGER"),
                                ("area_m2", MONEY), ("reference_date", "DATE"), ("committee_name", "VARCHAR"),
                                ("committee_from", "DATE"), ("committee_to", "DATE"),
                                ("committee_serving", "INTEGER"), ("committee_seats", "INTEGER"),
                                ("sunlight", "VARCHAR")]),
}
# The closed months whose figures changed between two harvests (amendments.json), of every
# estate in the registry whatever its status: published whole each run beside `estates`.
AMENDMENT_COLUMNS = [("estate", "VARCHAR"), ("kind", "VARCHAR"), ("month", "VARCHAR"), ("account", "VARCHAR"),
                     *((f"{side}_{figure}", MONEY) for side in ("old", "new")
                       for figure in ("opening", "income", "expense", "closing")),
                     ("since", "TIMESTAMP"), ("found", "TIMESTAMP")]
ESTATE_COLUMNS = [("id", "VARCHAR"), ("name", "VARCHAR"), ("neighbourhood", "VARCHAR"), ("site", "VARCHAR"),
                  ("status", "VARCHAR"), ("reason", "VARCHAR"), ("commit", "VARCHAR"), ("harvested", "TIMESTAMP"),
                  ("reference_date", "DATE")]
# The state's own record of each estate whose last good data it keeps: where from, the manifest's
# SHA-256, its commit, the HTTP validators, when that data was last seen, the privacy note on it,
# and its twin key (commit and export digests: two estates with the same key are one site twice).
KNOWN_COLUMNS = ["estate", "site", "manifest_sha", "commit", "etag", "last_modified", "harvested", "note", "twin"]
LAYOUT = hashlib.sha256(repr((TABLES, KNOWN_COLUMNS)).encode()).hexdigest()[:16]   # a new layout starts afresh
FLUSH_ROWS = 50_000


EMERGENCY = {"true": True, "": False, None: None}


def _blank(text: str):
    return text if text != "" else None


def rows(table: str, exports: dict) -> list[tuple]:
    """The rows of `table` from one estate's verified exports, values as the exports hold them."""
    if table == "finance_accounts":
        return [(a["id"], a["name"], a["kind"], a["balance"]) for a in exports["finance"]["accounts"]]
    if table == "finance_months":
        return [(m["month"], m["account"], m["opening"], m["income"], m["expense"], m["closing"])
                for m in exports["finance"]["months"]]
    if table == "entries":   # emergency: None from a site older than format 1.2 (not published)
        return [(e["id"], e["date"], e["account"], e["amount"], _blank(e["category"]), _blank(e["counterparty"]),
                 _blank(e["memo"]), _blank(e["decision"]), EMERGENCY[e.get("emergency")]) for e in exports["entries"]]
    if table == "community":
        c = exports.get("community")
        if c is None:
            return []
        m = c["committee"] or {}
        return [(c["name"], c["neighbourhood"], c["households"], c["area_m2"], c["reference_date"], m.get("name"),
                 m.get("from"), m.get("to"), m.get("serving"), m.get("seats"), c["sunlight"])]
    if table == "rankings_months":
        return [(m["month"], r["unit"], r["score"], r["rank"], r["flag"], r["vetoed"])
                for m in exports["rankings"]["months"] for r in m["rows"]]
    if table == "rankings_years":
        return [(y["year"], r["unit"], r["flags"], r["total"], r["rank"], r["award"])
                for y in exports["rankings"]["years"] for r in y["rows"]]
    if table == "activities":
        return [(y["year"], r["kind"], r["by"], r["count"], r["at_least"])
                for y in exports["activities"]["years"] for r in y["rows"]]
    if table == "meetings":   # ids hold no comma: the list travels as one text and is split in SQL
        return [(m["id"], m["date"], m["body"], m["attendees"], m["others"], ",".join(m["outcomes"]))
                for m in exports["meetings"]]
    columns = [name for name, _ in TABLES[table][1]]
    return [tuple(item[c] for c in columns) for item in exports[TABLES[table][0]]]


def sql_path(path: Path) -> str:
    """A file path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def _cast(column: str, sql_type: str) -> str:
    quoted = f'"{column}"'
    if sql_type == "VARCHAR[]":
        return f"CASE WHEN {quoted} = '' THEN []::VARCHAR[] ELSE string_split({quoted}, ',') END"
    return f"CAST({quoted} AS {sql_type})"


class Store:
    """The state's DuckDB file: the last good rows of every estate, and what they came from."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(path))
        self.con.execute("SET memory_limit = '1GB'")
        self.con.execute(f"SET temp_directory = {sql_path(path.parent / 'spill')}")
        self.con.execute("CREATE TABLE IF NOT EXISTS _meta (layout VARCHAR)")
        layout = self.con.execute("SELECT layout FROM _meta").fetchall()
        if layout != [(LAYOUT,)]:
            for (name,) in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
                self.con.execute(f'DROP TABLE "{name}"')
            self.con.execute("CREATE TABLE _meta (layout VARCHAR)")
            self.con.execute("INSERT INTO _meta VALUES (?)", [LAYOUT])
        self.con.execute("CREATE TABLE IF NOT EXISTS _estates (estate VARCHAR PRIMARY KEY, "
                         + ", ".join(f"{c} VARCHAR" for c in KNOWN_COLUMNS[1:]) + ")")
        for table, (_, columns) in TABLES.items():
            body = ", ".join(f'"{c}" {t}' for c, t in columns)
            self.con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" (estate VARCHAR, "row" INTEGER, {body})')
        self.pending: dict[str, list[tuple]] = {table: [] for table in TABLES}
        self.pending_estates: list[tuple] = []
        self.pending_rows = 0
        self.con.execute("BEGIN TRANSACTION")

    def known(self) -> dict[str, "Kept"]:
        """Each estate's last good data: where it came from, its commit, when last seen, its note."""
        found = self.con.execute("SELECT estate, site, manifest_sha, etag, last_modified, commit, harvested, note, "
                                 "twin FROM _estates")
        return {e: Kept(Known(site, sha, etag, modified), commit, harvested, note or "", twin)
                for e, site, sha, etag, modified, commit, harvested, note, twin in found.fetchall()}

    def replace(self, estate: str, site: str, tables: dict[str, list[tuple]], manifest_sha: str, commit: str | None,
                etag: str | None, last_modified: str | None, harvested: str, note: str, twin: str) -> None:
        """Queue an estate's new good data (its rows by table) in place of its old."""
        for table in TABLES:
            found = tables[table]
            self.pending[table] += [(estate, i, *r) for i, r in enumerate(found)]
            self.pending_rows += len(found)
        self.pending_estates.append((estate, site, manifest_sha, commit, etag, last_modified, harvested, note or None,
                                     twin))
        if self.pending_rows >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.pending_estates:
            return
        names = [e[0] for e in self.pending_estates]
        self._delete(names)
        estates = pandas.DataFrame(self.pending_estates, dtype=object, columns=KNOWN_COLUMNS)
        self.con.register("incoming_estates", estates)
        self.con.execute("INSERT INTO _estates SELECT * FROM incoming_estates")
        self.con.unregister("incoming_estates")
        for table, (_, columns) in TABLES.items():
            if not self.pending[table]:
                continue
            frame = pandas.DataFrame(self.pending[table], dtype=object,
                                     columns=["estate", "row", *[c for c, _ in columns]])
            self.con.register("incoming", frame)
            casts = ", ".join(_cast(c, t) for c, t in columns)
            self.con.execute(f'INSERT INTO "{table}" SELECT estate, CAST("row" AS INTEGER), {casts} FROM incoming')
            self.con.unregister("incoming")
            self.pending[table] = []
        self.pending_estates, self.pending_rows = [], 0
        # Each flush replaces whole estates (their rows and their record together), so it is
        # committed on its own: a cold run's millions of rows never wait in one transaction's memory.
        self.con.execute("COMMIT")
        self.con.execute("BEGIN TRANSACTION")

    def _delete(self, estates: list[str]) -> None:
        for table in ("_estates", *TABLES):
            self.con.execute(f'DELETE FROM "{table}" WHERE estate IN (SELECT unnest(?::VARCHAR[]))', [estates])

    def forget_except(self, keep: list[str]) -> None:
        """Drop the data of estates no longer in the registry."""
        gone = [e for (e,) in self.con.execute("SELECT estate FROM _estates WHERE estate NOT IN "
                                               "(SELECT unnest(?::VARCHAR[]))", [keep]).fetchall()]
        if gone:
            self._delete(gone)

    def reference_dates(self) -> dict[str, str]:
        """Each kept estate's reference date, as its community.json states it (format 1.2 sites)."""
        return dict(self.con.execute("SELECT estate, CAST(reference_date AS VARCHAR) FROM community").fetchall())

    def seen(self, estates: list[str], harvested: str) -> None:
        """The good data of these estates (unchanged, so not replaced) was seen again now."""
        self.flush()
        self.con.execute("UPDATE _estates SET harvested = ? WHERE estate IN (SELECT unnest(?::VARCHAR[]))",
                         [harvested, estates])

    def commit(self) -> None:
        self.flush()
        self.con.execute("COMMIT")

    def use_ok(self, ok: list[str], estates: list[tuple], stale: list[str] = ()) -> None:
        """Set which estates count (`ok` now), which are shown from their last good data (`stale`:
        unreachable now), and the estates table of this run."""
        self.con.execute("CREATE OR REPLACE TEMP TABLE ok_estates AS SELECT unnest(?::VARCHAR[]) AS id", [ok])
        self.con.execute("CREATE OR REPLACE TEMP TABLE stale_estates AS SELECT unnest(?::VARCHAR[]) AS id",
                         [list(stale)])
        self._temp_table("estates", ESTATE_COLUMNS, estates)

    def use_amendments(self, rows: list[tuple]) -> None:
        """The amendments table of this run (rows in AMENDMENT_COLUMNS' order)."""
        self._temp_table("amendments", AMENDMENT_COLUMNS, rows)

    def _temp_table(self, name: str, columns, rows: list[tuple]) -> None:
        """This run's table `name` from Python rows, each column cast to its declared type."""
        frame = pandas.DataFrame(rows, columns=[c for c, _ in columns], dtype=object)
        self.con.register(f"incoming_{name}", frame)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT "
                         + ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in columns)
                         + f" FROM incoming_{name}")
        self.con.unregister(f"incoming_{name}")

    def close(self) -> None:
        self.con.close()
