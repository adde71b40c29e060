"""Publish stage: every table as Parquet, CSV and one DuckDB file, re-encoding only the estates that changed.

A table's rows (the `ok` estates', by estate, each in its export's order) are cut into chunks
after the estates whose id hashes to a multiple of a power of two, so where the cuts fall
depends only on which estates are published, never on an earlier run.  A chunk is one DuckDB
COPY: row groups of the Parquet file and a slice of the CSV, and its key digests its estates and
their manifests.  A record in the state folder keeps each chunk's key and byte ranges in the
site in place; a rebuild copies the byte ranges of the chunks whose key is unchanged and
re-encodes the others, so its files are byte for byte those a build from nothing writes.  The
DuckDB file is the previous one with the changed estates' rows deleted and inserted again.  In
the CSV files a text cell that a spreadsheet would run as a formula is written as text, by the
estate site's own `as_text_cell` (`masking.csv_cell`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import parquet
from .aggregate import AMENDMENT_COLUMNS, ESTATE_COLUMNS, LAYOUT, TABLES, Store, sql_path
from .masking import csv_cell, register_csv_cells

FORMAT = f"3 {LAYOUT} duckdb {duckdb.__version__}"   # another format or writer: nothing is reused
TARGET_ROWS = 32_768     # rows of a chunk, on average: what a rebuild re-encodes per table
DATABASE = "portal.duckdb"
PARQUET = "(FORMAT parquet, COMPRESSION zstd)"
WHOLE = ("estates", "amendments")   # small tables of every registered estate, written whole each run


@dataclass(frozen=True)
class Chunk:
    first: str
    last: str
    estates: tuple[str, ...]
    key: str


@functools.lru_cache(maxsize=1 << 16)
def _hash(estate: str) -> int:
    return int.from_bytes(hashlib.sha256(estate.encode()).digest()[:8], "big")


def plan(counts: dict[str, int], shas: dict[str, str], table: str) -> list[Chunk]:
    """The chunks of a table from each published estate's row count: about TARGET_ROWS rows each,
    cut after the estates whose hash is a multiple of a power of two fit for the table's size."""
    estates = sorted(counts)
    if not estates:
        return []
    per_estate = sum(counts.values()) / len(estates)
    every = 2 ** max(0, round(math.log2(max(1.0, TARGET_ROWS / max(per_estate, 1.0)))))
    chunks, members = [], []
    for i, estate in enumerate(estates):
        members.append(estate)
        if _hash(estate) % every == every - 1 or i == len(estates) - 1:
            key = hashlib.sha256(json.dumps([FORMAT, table, [(e, shas[e]) for e in members]]).encode()).hexdigest()
            chunks.append(Chunk(members[0], members[-1], tuple(members), key[:32]))
            members = []
    return chunks


def _quoted(values) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _copy_range(source: Path, start: int, length: int, out) -> None:
    """Append bytes [start, start + length) of `source` to `out`, in the kernel where it can."""
    out.flush()
    with open(source, "rb") as src:
        done = 0
        while done < length:
            try:
                n = os.copy_file_range(src.fileno(), out.fileno(), length - done, start + done)
            except (AttributeError, OSError):   # no copy_file_range here: through this process
                src.seek(start + done)
                out.write(src.read(length - done))
                out.flush()
                return
            if n == 0:
                raise OSError(f"{source} 比记录的短")
            done += n


def _identity(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def usable(record: dict | None, site_dir: Path) -> dict | None:
    """The previous run's record, if it describes the files of the site now in place."""
    if not record or record.get("format") != FORMAT or record.get("site") != str(site_dir):
        return None
    try:
        if any(_identity(site_dir / "data" / name) != ident for name, ident in record["files"].items()):
            return None
    except OSError:
        return None
    return record


class Publisher:
    """Writes data/ of one build into `data`, reusing what `previous` (a usable record) describes."""

    def __init__(self, store: Store, data: Path, site_dir: Path, previous: dict | None):
        self.con, self.data, self.site_dir, self.previous = store.con, data, site_dir, previous
        register_csv_cells(self.con)
        self.parts = data / ".parts"
        self.shas = dict(self.con.execute("SELECT estate, manifest_sha FROM _estates "
                                          "WHERE estate IN (SELECT id FROM ok_estates)").fetchall())
        self.record = {"format": FORMAT, "site": str(site_dir), "tables": {}, "files": {},
                       "published": self.shas}

    def publish(self) -> dict:
        """Write every file; the record describing them (kept once the site is in place)."""
        self.parts.mkdir()
        changed = self._changed()
        if changed is None:
            self._database_whole()
        else:
            self._database_update(changed)
        source = 'pub."{table}"' if changed is None else None
        for table in TABLES:
            self._table(table, source)
        for table in WHOLE:
            self.con.execute(f"COPY pub.{table} TO {sql_path(self.data / f'{table}.parquet')} {PARQUET}")
            self.con.execute(f"COPY ({csv_rows(table, f'pub.{table}')}) TO {sql_path(self.data / f'{table}.csv')} "
                             "(HEADER)")
        self.con.execute("DETACH pub")
        shutil.rmtree(self.parts)
        for name in [DATABASE, *(f"{t}.{kind}" for t in WHOLE for kind in ("parquet", "csv")),
                     *(f"{t}.{kind}" for t in TABLES for kind in ("parquet", "csv"))]:
            self.record["files"][name] = _identity(self.data / name)
        return self.record

    def _changed(self) -> list[str] | None:
        """Estates whose rows in the DuckDB file must be replaced, or None to write it whole."""
        if self.previous is None:
            return None
        before = self.previous.get("published", {})
        changed = sorted({e for e, sha in self.shas.items() if before.get(e) != sha} | (set(before) - set(self.shas)))
        dirty = self.previous.get("dirty", 0) + len(changed)
        if dirty > max(16, len(self.shas) // 10):   # deleted rows add up: now and then a clean file
            return None
        self.record["dirty"] = dirty
        return changed

    def _database_whole(self) -> None:
        self.record["dirty"] = 0
        self.con.execute(f"ATTACH {sql_path(self.data / DATABASE)} AS pub")
        for table in (*WHOLE, *TABLES):   # filtered and sorted once, the chunks are cut from these
            self.con.execute(f'CREATE TABLE pub."{table}" AS {published(table)}')

    def _database_update(self, changed: list[str]) -> None:
        shutil.copyfile(self.site_dir / "data" / DATABASE, self.data / DATABASE)
        self.con.execute(f"ATTACH {sql_path(self.data / DATABASE)} AS pub")
        for table in WHOLE:
            self.con.execute(f"DELETE FROM pub.{table}")
            self.con.execute(f"INSERT INTO pub.{table} {published(table)}")
        if not changed:
            return
        self.con.execute("CREATE OR REPLACE TEMP TABLE changed AS SELECT unnest(?::VARCHAR[]) AS id", [changed])
        self.con.execute("CREATE OR REPLACE TEMP TABLE changed_ok AS SELECT unnest(?::VARCHAR[]) AS id",
                         [[e for e in changed if e in self.shas]])
        for table in TABLES:
            self.con.execute(f'DELETE FROM pub."{table}" WHERE estate IN (SELECT id FROM changed)')
            self.con.execute(f'INSERT INTO pub."{table}" {published(table, "changed_ok")}')

    def _table(self, table: str, source: str | None) -> None:
        counts = dict(self.con.execute(f'SELECT estate, count(*) FROM "{table}" WHERE estate IN '
                                       "(SELECT id FROM ok_estates) GROUP BY estate").fetchall())
        chunks = plan(counts, self.shas, table)
        target_parquet, target_csv = self.data / f"{table}.parquet", self.data / f"{table}.csv"
        header = self.parts / "header.csv"
        self.con.execute(f"COPY ({published(table)} LIMIT 0) TO {sql_path(header)} (HEADER)")
        if not chunks:   # no rows: DuckDB writes the empty file, and nothing is recorded to reuse
            self.con.execute(f"COPY ({published(table)}) TO {sql_path(target_parquet)} {PARQUET}")
            shutil.copyfile(header, target_csv)
            self.record["tables"][table] = []
            return
        old = {c[0]: c for c in (self.previous or {}).get("tables", {}).get(table, [])}
        old_parquet, old_csv = self.site_dir / "data" / f"{table}.parquet", self.site_dir / "data" / f"{table}.csv"
        old_footer = parquet.footer_of(old_parquet) if any(c.key in old for c in chunks) else None
        if old_footer and [c.key for c in chunks] == list(old):
            os.link(old_parquet, target_parquet)   # nothing changed in this table: the same files
            os.link(old_csv, target_csv)
            self.record["tables"][table] = list(old.values())
            return
        entries, groups, template = [], [], old_footer
        with open(target_parquet, "wb") as pq, open(target_csv, "wb") as csv:
            pq.write(parquet.MAGIC)
            csv.write(header.read_bytes())
            for n, chunk in enumerate(chunks):
                p_start, c_start = pq.tell(), csv.tell()
                if chunk.key in old:
                    _key, o_start, o_len, o_groups, oc_start, oc_len, o_first = old[chunk.key]
                    _copy_range(old_parquet, o_start, o_len, pq)
                    _copy_range(old_csv, oc_start, oc_len, csv)
                    shift = p_start - o_start
                    groups += [parquet.moved(g, shift) for g in old_footer.row_groups[o_first:o_first + o_groups]]
                    count = o_groups
                else:
                    footer, part = self._encode(table, chunk, n, source)
                    _copy_range(part, footer.start, footer.end - footer.start, pq)
                    _copy_range(part.with_suffix(".csv"), 0, part.with_suffix(".csv").stat().st_size, csv)
                    groups += [parquet.moved(g, p_start - footer.start) for g in footer.row_groups]
                    count, template = len(footer.row_groups), template or footer
                pq.seek(0, 2)
                csv.seek(0, 2)
                entries.append([chunk.key, p_start, pq.tell() - p_start, count, c_start, csv.tell() - c_start,
                                len(groups) - count])
            pq.write(parquet.joined_footer(template, groups))
        self.record["tables"][table] = entries

    def _encode(self, table: str, chunk: Chunk, n: int, source: str | None) -> tuple[parquet.Footer, Path]:
        """One chunk through DuckDB: its Parquet file and CSV slice in the parts folder."""
        if source is not None:   # a build from nothing reads the sorted published table by range
            query = (f"SELECT * FROM {source.format(table=table)} WHERE estate BETWEEN "
                     f"{_quoted([chunk.first])} AND {_quoted([chunk.last])}")
        else:
            self.con.execute("CREATE OR REPLACE TEMP TABLE chunk_estates AS SELECT unnest(?::VARCHAR[]) AS id",
                             [list(chunk.estates)])
            query = published(table, "chunk_estates")
        part = self.parts / f"{table}-{n}.parquet"
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE chunk_rows AS {query}")   # read once, written twice
        self.con.execute(f"COPY chunk_rows TO {sql_path(part)} {PARQUET}")
        self.con.execute(f"COPY ({csv_rows(table, 'chunk_rows')}) TO {sql_path(part.with_suffix('.csv'))} "
                         "(HEADER false)")
        return parquet.footer_of(part), part


def csv_rows(table: str, source: str) -> str:
    """SQL for the rows of `table` in `source` as its CSV file writes them: text cells safe in a spreadsheet."""
    columns = {"estates": ESTATE_COLUMNS, "amendments": AMENDMENT_COLUMNS}.get(table) or \
        [("estate", "VARCHAR"), *TABLES[table][1]]
    return "SELECT " + ", ".join(csv_cell(c) if t == "VARCHAR" else f'"{c}"' for c, t in columns) + f" FROM {source}"


def published(table: str, among: str = "ok_estates") -> str:
    """SQL for the published rows of a table: the estates in temp table `among` (the `ok` ones),
    in each export's order."""
    if table == "estates":
        return "SELECT * FROM estates"
    if table == "amendments":
        return "SELECT * FROM amendments ORDER BY estate, found, month, account, kind"
    columns = ", ".join(f'"{c}"' for c, _ in TABLES[table][1])
    return (f'SELECT estate, {columns} FROM "{table}" WHERE estate IN (SELECT id FROM {among}) '
            'ORDER BY estate, "row"')


def load_record(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def save_record(path: Path, record: dict) -> None:
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record), encoding="utf-8")
    os.replace(temporary, path)
