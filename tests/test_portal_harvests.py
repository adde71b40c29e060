"""What the portal remembers of each estate in its state folder (docs/portal.md): every harvest, one a
line, the bytes of every file once; an estate down for a run keeps its overdue periods, marked stale."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

from estate_sites import exports, write_site
from sunlight_gongshi.portal.build import build_portal
from sunlight_gongshi.portal.harvests import Harvests

UTC = dt.timezone.utc
FIRST, SECOND, THIRD = (dt.datetime(2025, 4, d, 19, 30, tzinfo=UTC) for d in (18, 19, 20))
STAMPS = {FIRST: "2025-04-18T19:30:00Z", SECOND: "2025-04-19T19:30:00Z", THIRD: "2025-04-20T19:30:00Z"}


def office(tmp_path: Path) -> Path:
    for name, seed in (("a", 1), ("b", 2)):
        write_site(tmp_path / "sites" / name, exports(seed))
    (tmp_path / "registry.yml").write_text("estates:\n  - {id: a, name: 甲小区, site: sites/a}\n"
                                           "  - {id: b, name: 乙小区, site: sites/b}\n", encoding="utf-8")
    return tmp_path / "registry.yml"


def harvests(tmp_path: Path, estate: str) -> list[dict]:
    text = (tmp_path / ".sunlight/portal/harvests" / f"{estate}.json").read_text(encoding="utf-8")
    assert text.startswith("[\n") and text.endswith("\n]\n") and text.count("\n") == len(json.loads(text)) + 2
    return json.loads(text)


def test_an_unchanged_estate_moves_its_harvests_last_seen_and_a_new_publication_adds_one(tmp_path):
    registry = office(tmp_path)
    build_portal(registry, now=FIRST)
    build_portal(registry, now=SECOND)
    (first,) = harvests(tmp_path, "a")
    assert (first["harvested"], first["last_seen"], first["status"], first["reason"]) == (
        STAMPS[FIRST], STAMPS[SECOND], "ok", None)
    assert list(first) == ["harvested", "last_seen", "status", "reason", "reference_date", "manifest_sha", "commit",
                           "head", "files"]
    manifest = (tmp_path / "sites/a/data/manifest.json").read_bytes()
    assert (first["manifest_sha"], first["reference_date"], first["head"]) == (
        hashlib.sha256(manifest).hexdigest(), "2025-03-01", None)
    assert sorted(first["files"]) == ["activities.json", "community.json", "decisions.json", "disclosure.json",
                                      "entries.csv", "finance.json", "meetings.json", "rankings.json", "requests.json"]
    blobs = tmp_path / ".sunlight/portal/blobs"
    for name, sha in first["files"].items():
        assert (blobs / sha[:2] / sha).read_bytes() == (tmp_path / "sites/a/data" / name).read_bytes()
    assert Harvests(tmp_path / ".sunlight/portal").blob(first["manifest_sha"]) == manifest

    write_site(tmp_path / "sites/a", exports(101))
    build_portal(registry, now=THIRD)
    old, new = harvests(tmp_path, "a")
    assert old == first and (new["harvested"], new["last_seen"]) == (STAMPS[THIRD], STAMPS[THIRD])
    assert new["files"]["finance.json"] != old["files"]["finance.json"]
    assert new["files"]["decisions.json"] == old["files"]["decisions.json"]     # the same bytes, one blob
    assert json.loads((tmp_path / "site/data/estates.json").read_text(encoding="utf-8"))[0]["harvested"] == STAMPS[THIRD]


def test_an_estate_down_for_one_run_keeps_its_overdue_periods_marked_stale(tmp_path):
    registry = office(tmp_path)
    build_portal(registry, now=FIRST)
    shutil.move(tmp_path / "sites/b", tmp_path / "away")
    problems, _built, rows = build_portal(registry, now=SECOND)
    row = {r.estate.id: r for r in rows}["b"]
    assert (row.status, row.harvested, row.reference_date, row.stale_since) == (
        "unreachable", STAMPS[FIRST], "2025-03-01", STAMPS[FIRST])
    assert [h["status"] for h in harvests(tmp_path, "b")] == ["ok", "unreachable"]
    listed = json.loads((tmp_path / "site/data/estates.json").read_text(encoding="utf-8"))[1]
    assert (listed["status"], listed["harvested"], listed["reference_date"]) == ("unreachable", STAMPS[FIRST],
                                                                                "2025-03-01")
    overdue = [d for d in exports(2)["disclosure"] if d["status"] == "overdue"]
    assert overdue
    page = (tmp_path / "site/list/overdue-1.html").read_text(encoding="utf-8")
    stale = "旧数据：今天读不到，2025-04-19 03:30 采集"
    assert page.count(stale) == len(overdue)
    assert page.count("estate/b.html") == len(overdue)
    unpublished = re.sub(r"<[^>]+>", " ", (tmp_path / "site/list/unpublished-1.html").read_text(encoding="utf-8"))
    assert "无法访问：今天读不到，按 2025-04-19 03:30 采集的旧数据列出" in unpublished
    index = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (tmp_path / "site/index.html").read_text(encoding="utf-8")))
    own = sum(d["status"] == "overdue" for d in exports(1)["disclosure"])
    assert f"逾期未公开 {own} 期" in index                                      # the stale periods count nowhere

    shutil.move(tmp_path / "away", tmp_path / "sites/b")
    _problems, _built, rows = build_portal(registry, now=THIRD)
    assert {r.estate.id: (r.status, r.stale_since) for r in rows} == {"a": ("ok", None), "b": ("ok", None)}
    assert [h["status"] for h in harvests(tmp_path, "b")] == ["ok", "unreachable", "ok"]
    assert "旧数据：今天读不到" not in (tmp_path / "site/list/overdue-1.html").read_text(encoding="utf-8")


def test_an_estate_never_reached_has_no_harvest_time(tmp_path):
    registry = office(tmp_path)
    shutil.rmtree(tmp_path / "sites/b")
    _problems, _built, rows = build_portal(registry, now=FIRST)
    assert {r.estate.id: r.harvested for r in rows} == {"a": STAMPS[FIRST], "b": None}
    unpublished = re.sub(r"<[^>]+>", " ", (tmp_path / "site/list/unpublished-1.html").read_text(encoding="utf-8"))
    assert "无法访问：今天读不到，以前也没有读到过，无法判断" in unpublished


def _entry(when: str, status: str = "ok", sha: str = "a" * 64) -> dict:
    return {"harvested": when, "status": status, "reason": None, "reference_date": None, "manifest_sha": sha,
            "commit": None, "head": None, "files": {"finance.json": "b" * 64}}


def test_record_moves_last_seen_in_place_appends_a_line_and_mends_a_file_written_otherwise(tmp_path):
    log = Harvests(tmp_path)
    path = tmp_path / "harvests/x.json"
    log.record("x", _entry("2025-01-01T00:00:00Z"))
    log.record("x", _entry("2025-01-02T00:00:00Z"))
    inode = path.stat().st_ino
    log.record("x", _entry("2025-01-03T00:00:00Z"))
    assert path.stat().st_ino == inode                               # moved in place, no new file
    assert [(e["harvested"], e["last_seen"]) for e in log.entries("x")] == [("2025-01-01T00:00:00Z",
                                                                            "2025-01-03T00:00:00Z")]
    log.record("x", _entry("2025-01-04T00:00:00Z", "unreachable", None))
    assert path.read_text(encoding="utf-8").count("\n") == 4          # "[", two harvests, "]"
    assert log.last("x")["status"] == "unreachable" and log.last_read("x")["last_seen"] == "2025-01-03T00:00:00Z"
    path.write_text(json.dumps(log.entries("x"), indent=2), encoding="utf-8")   # someone tidied it by hand
    log.record("x", _entry("2025-01-05T00:00:00Z", "unreachable", None))
    assert [e["last_seen"] for e in log.entries("x")] == ["2025-01-03T00:00:00Z", "2025-01-05T00:00:00Z"]
    assert path.read_text(encoding="utf-8").count("\n") == 4
    log.record("x", {**_entry("2025-01-06T00:00:00Z"), "files": None})   # unchanged manifest: its files again
    assert log.last("x")["files"] == {"finance.json": "b" * 64} and len(log.entries("x")) == 3
