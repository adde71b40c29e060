"""A rebuild after a change equals a build from nothing of the same inputs, file by file: the Parquet
and CSV spliced from the previous site's bytes, the pages linked from it, and the DuckDB file
(updated in place, so compared by its rows)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from estate_sites import exports, write_site
from sunlight_gongshi.portal import exports as exports_module
from sunlight_gongshi.portal.aggregate import TABLES
from sunlight_gongshi.portal.build import build_portal
from sunlight_gongshi.portal.exports import plan
from sunlight_gongshi.portal.layout import area_key

DAY = dt.date(2025, 3, 1)
ESTATES = 14
NOT_REPRODUCIBLE = {"data/portal.duckdb"}   # DuckDB's file layout depends on its history: compared by rows


def _registry(root: Path, ids: list[int]) -> Path:
    lines = ["estates:"] + [f"  - {{id: e{i:02d}, name: 小区{i}, neighbourhood: 社区{i % 3}, site: sites/e{i:02d}}}"
                            for i in ids]
    (root / "registry.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "registry.yml"


def _build(root: Path) -> None:
    problems, built, _ = build_portal(root / "registry.yml", today=DAY, timeout=5)
    assert built, [p.text() for p in problems]


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _rows(database: Path) -> dict[str, list]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in ("estates", *TABLES)}
    finally:
        con.close()


def assert_same_site(rebuilt: Path, cold: Path) -> None:
    ours, theirs = _files(rebuilt), _files(cold)
    assert sorted(ours) == sorted(theirs)
    differ = [path for path in ours if ours[path] != theirs[path] and path not in NOT_REPRODUCIBLE]
    assert differ == []
    assert _rows(rebuilt / "data/portal.duckdb") == _rows(cold / "data/portal.duckdb")


def remember(source: Path, target: Path) -> None:
    """Give `target` what the portal at `source` remembers of the estates (harvests, their bytes, the
    witness's heads, the months found changed), without anything that reuses the site in place: a
    build from nothing of the same inputs, memory included (the pages show what changed since)."""
    state, into = source / ".sunlight/portal", target / ".sunlight/portal"
    into.mkdir(parents=True)
    for name in ("harvests", "blobs", "witness"):
        shutil.copytree(state / name, into / name)
    for name in ("amendments.json",):
        if (state / name).exists():
            shutil.copyfile(state / name, into / name)


def _change(root: Path, how: str) -> list[int]:
    ids = list(range(ESTATES))
    if how == "data":
        write_site(root / "sites/e05", exports(1005))
    elif how == "broken":      # a new manifest, but a file does not match it: the estate is left out
        write_site(root / "sites/e05", exports(1005))
        (root / "sites/e05/data/decisions.json").write_text("[]\n", encoding="utf-8")
    elif how == "removed":
        ids.remove(5)
    elif how == "added":
        write_site(root / "sites/e99", exports(99))
        ids.append(99)
    return ids


@pytest.mark.parametrize("how", ["data", "broken", "removed", "added", "nothing"])
def test_a_rebuild_after_a_change_equals_a_build_from_nothing(tmp_path, monkeypatch, how):
    monkeypatch.setattr(exports_module, "TARGET_ROWS", 300)   # several chunks per table, even here
    incremental, cold = tmp_path / "incremental", tmp_path / "cold"
    for root in (incremental, cold):
        for i in range(ESTATES):
            write_site(root / "sites" / f"e{i:02d}", exports(i))
    _registry(incremental, list(range(ESTATES)))
    _build(incremental)
    remember(incremental, cold)
    _registry(incremental, _change(incremental, how))
    _build(incremental)
    _registry(cold, _change(cold, how))
    _build(cold)
    assert not (cold / ".sunlight/portal/exports.json").read_text() == ""
    assert_same_site(incremental / "site", cold / "site")


def test_changed_estates_are_re_encoded_and_the_rest_copied(tmp_path, monkeypatch):
    monkeypatch.setattr(exports_module, "TARGET_ROWS", 300)
    for i in range(ESTATES):
        write_site(tmp_path / "sites" / f"e{i:02d}", exports(i))
    _registry(tmp_path, list(range(ESTATES)))
    _build(tmp_path)
    before = exports_module.load_record(tmp_path / ".sunlight/portal/exports.json")
    write_site(tmp_path / "sites/e05", exports(1005))
    _build(tmp_path)
    after = exports_module.load_record(tmp_path / ".sunlight/portal/exports.json")
    for table in TABLES:
        old, new = {c[0] for c in before["tables"][table]}, {c[0] for c in after["tables"][table]}
        assert len(new - old) == 1 and len(old - new) == 1, table   # the chunk holding e05, keyed by its manifest
    assert len(after["tables"]["entries"]) > 3   # and the other chunks' bytes were copied


def test_pages_that_show_nothing_new_are_linked_from_the_previous_site(tmp_path):
    """After one estate changed, its page and its neighbourhood's page are written anew; the other
    estates' and neighbourhoods' pages are the previous site's files (the same inode), and the site
    is the one a build from nothing writes (the test above)."""
    for i in range(ESTATES):
        write_site(tmp_path / "sites" / f"e{i:02d}", exports(i))
    _registry(tmp_path, list(range(ESTATES)))
    _build(tmp_path)
    site = tmp_path / "site"
    pages = [*sorted(site.glob("area/*.html")), *sorted(site.glob("estate/*.html"))]
    before = {p.relative_to(site): p.stat().st_ino for p in pages}
    write_site(tmp_path / "sites/e05", exports(1005))          # 社区2
    _build(tmp_path)
    rendered = sorted(str(p) for p, inode in before.items() if (site / p).stat().st_ino != inode)
    assert rendered == [f"area/{area_key('社区2')}.html", "estate/e05.html"]


def test_a_missing_previous_site_means_a_build_from_nothing(tmp_path):
    for i in range(3):
        write_site(tmp_path / "sites" / f"e{i:02d}", exports(i))
    _registry(tmp_path, [0, 1, 2])
    _build(tmp_path)
    first = _files(tmp_path / "site")
    shutil.rmtree(tmp_path / "site")
    _build(tmp_path)
    assert exports_module.usable(exports_module.load_record(tmp_path / ".sunlight/portal/exports.json"),
                                 tmp_path / "site") is not None
    again = _files(tmp_path / "site")
    assert [p for p in first if first[p] != again[p] and p not in NOT_REPRODUCIBLE] == []


def test_chunks_are_cut_by_estate_ids_alone():
    counts = {f"e{i:04d}": 100 for i in range(1000)}
    shas = {e: "x" for e in counts}
    chunks = plan(counts, shas, "entries")
    assert [e for c in chunks for e in c.estates] == sorted(counts)
    assert 4 < len(chunks) < 12            # about TARGET_ROWS rows each
    # an estate's new rows change its chunk's key and no other; cuts stay where they were
    changed = plan({**counts, "e0500": 7}, {**shas, "e0500": "y"}, "entries")
    assert [c.estates for c in changed] == [c.estates for c in chunks]
    assert sum(a.key != b.key for a, b in zip(chunks, changed)) == 1
    # a removed estate only changes the chunk it was in
    fewer = plan({e: n for e, n in counts.items() if e != "e0500"}, shas, "entries")
    assert len({c.key for c in fewer} - {c.key for c in chunks}) == 1
    assert plan({}, {}, "entries") == []


def test_list_pages_that_show_nothing_new_are_linked_from_the_previous_site(tmp_path):
    """A rebuild on the same day with no estate changed renders no list page again: each is the
    previous site's file (the same inode)."""
    for i in range(ESTATES):
        write_site(tmp_path / "sites" / f"e{i:02d}", exports(i))
    _registry(tmp_path, list(range(ESTATES)))
    _build(tmp_path)
    site = tmp_path / "site"
    before = {p.relative_to(site): p.stat().st_ino for p in sorted(site.glob("list/*.html"))}
    _build(tmp_path)
    rendered = sorted(str(p) for p, inode in before.items() if (site / p).stat().st_ino != inode)
    assert len(before) > 5 and rendered == []
