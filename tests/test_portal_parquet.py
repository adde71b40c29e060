"""Parquet files joined by their row groups read back as the rows of the parts, in order, and the
footer's Thrift round-trips byte for byte."""

from __future__ import annotations

import duckdb
import pytest

from sunlight_gongshi.portal import parquet


def _write(con, path, query: str) -> None:
    con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")


QUERY = ("SELECT 'e' || lpad(({lo} + i // 7)::VARCHAR, 6, '0') AS estate, i AS n, (i * 1.25)::DECIMAL(18,2) AS amount, "
         "CASE WHEN i % 5 = 0 THEN NULL ELSE 'memo ' || i END AS memo, [i::VARCHAR, 'x'] AS outcomes, "
         "DATE '2024-01-01' + i::INTEGER AS day FROM range({n}) t(i)")


def test_the_footer_round_trips(tmp_path):
    con = duckdb.connect()
    _write(con, tmp_path / "a.parquet", QUERY.format(lo=0, n=300_000))
    data = (tmp_path / "a.parquet").read_bytes()
    footer = parquet.footer_of(tmp_path / "a.parquet")
    assert len(footer.row_groups) > 1
    assert parquet.encode(footer.meta) == data[footer.end:-8]
    assert parquet.joined_footer(footer, [parquet.moved(g, 0) for g in footer.row_groups]) == data[footer.end:]


def test_joined_parts_read_as_their_rows_in_order(tmp_path):
    con = duckdb.connect()
    parts = [(0, 50), (100, 200_000), (40_000, 3)]
    for n, (lo, count) in enumerate(parts):
        _write(con, tmp_path / f"{n}.parquet", QUERY.format(lo=lo, n=count))
    groups, template = [], None
    with open(tmp_path / "joined.parquet", "wb") as out:
        out.write(parquet.MAGIC)
        for n in range(len(parts)):
            data = (tmp_path / f"{n}.parquet").read_bytes()
            footer = parquet.footer_of(tmp_path / f"{n}.parquet")
            template = template or footer
            groups += [parquet.moved(g, out.tell() - footer.start) for g in footer.row_groups]
            out.write(data[footer.start:footer.end])
        out.write(parquet.joined_footer(template, groups))
    expected = [row for n in range(len(parts)) for row in con.execute(f"SELECT * FROM '{tmp_path}/{n}.parquet'").fetchall()]
    assert con.execute(f"SELECT * FROM '{tmp_path}/joined.parquet'").fetchall() == expected
    # the statistics and bloom filters still point at the right bytes: filters find what is there
    assert con.execute(f"SELECT count(*) FROM '{tmp_path}/joined.parquet' WHERE memo = 'memo 7'").fetchone() == (2,)
    assert con.execute(f"SELECT count(*) FROM '{tmp_path}/joined.parquet' WHERE estate = 'e040000'").fetchone() == (3,)
    meta = con.execute(f"SELECT num_rows, num_row_groups FROM parquet_file_metadata('{tmp_path}/joined.parquet')")
    assert meta.fetchone() == (200_053, len(groups))


def test_not_parquet(tmp_path):
    (tmp_path / "x.parquet").write_bytes(b"PAR1 nothing to see PAR0")
    with pytest.raises(parquet.NotParquet):
        parquet.footer_of(tmp_path / "x.parquet")
