"""Verification: every file against the manifest's SHA-256, every export against its published
JSON Schema; the real tool's exports match those schemas and its sites publish them."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest

from estate_sites import entries_csv, exports
from sunlight_gongshi.portal.fetch import Fetched
from sunlight_gongshi.portal.published import EXPORTS, first_error, schema_files
from sunlight_gongshi.portal.registry import Estate
from sunlight_gongshi.portal.verify import OK, UNREACHABLE, UNVERIFIED, verify

ESTATE = Estate(id="a", name="甲", site="x")


def published(data: dict) -> dict[str, bytes]:
    files = {}
    for export in EXPORTS:
        if export.name not in data:     # a site of format 1.1 has no community.json
            continue
        value = data[export.name]
        files[export.path] = (entries_csv(value) if export.is_csv else json.dumps(value, ensure_ascii=False)).encode()
    return files


def fetched(files: dict[str, bytes], manifest: dict | None = None, drop: str | None = None) -> Fetched:
    manifest = manifest or {"commit": "c" * 40, "files": {p: hashlib.sha256(b).hexdigest() for p, b in files.items()}}
    if drop:
        del manifest["files"][drop]
    raw = json.dumps(manifest).encode()
    return Fetched(ESTATE, "fetched", manifest=raw, manifest_sha=hashlib.sha256(raw).hexdigest(), files=files)


def test_published_data_verifies_and_parses():
    verdict = verify(fetched(published(exports(1))))
    assert (verdict.status, verdict.reason, verdict.commit, verdict.reference_date) == (OK, "", "c" * 40, "2025-03-01")
    assert verdict.exports["entries"][0].keys() == {"id", "date", "account", "amount", "category", "counterparty",
                                                    "memo", "decision", "emergency"}
    assert verdict.tables["community"] == [("小区1", "示例社区", 101, "9001.50", "2025-03-01", "第一届业主委员会",
                                            "2021-04-01", "2026-03-31", 6, 7, "0.2.0")]


def test_a_site_of_format_1_1_still_verifies_without_community_json_and_the_emergency_column():
    old = published(exports(1, old=True))
    assert "data/community.json" not in old
    verdict = verify(fetched(old))
    assert (verdict.status, verdict.reason, verdict.reference_date) == (OK, "", None)
    assert verdict.exports["entries"][0].keys() == {"id", "date", "account", "amount", "category", "counterparty",
                                                    "memo", "decision"}
    assert {row[-1] for row in verdict.tables["entries"]} == {None}     # emergency: not published
    assert verdict.tables["community"] == []


def test_a_site_of_format_1_2_must_publish_the_emergency_column():
    files = published(exports(1))
    files["data/entries.csv"] = entries_csv([row[:8] for row in exports(1)["entries"]]).encode()
    verdict = verify(fetched(files))
    assert (verdict.status, verdict.reason) == (UNVERIFIED, "data/entries.csv 表头应是 id,date,account,amount,category,"
                                                            "counterparty,memo,decision,emergency")


def broken(change) -> str:
    data = exports(1)
    change(data)
    verdict = verify(fetched(published(data)))
    assert verdict.status == UNVERIFIED
    return verdict.reason


def test_schema_mismatches_name_the_file_and_the_place():
    def negative_rank(d):
        d["rankings"]["months"][2]["rows"][0]["rank"] = 0
    assert broken(negative_rank) == ("data/rankings.json 不符合公开格式（rankings.json）：位置 months/2/rows/0/rank："
                                     "0 is less than the minimum of 1")

    def float_money(d):
        d["finance"]["accounts"][0]["balance"] = 12.5
    assert broken(float_money).startswith("data/finance.json 不符合公开格式（finance.json）：位置 accounts/0/balance：")

    def extra_key(d):
        d["requests"][0]["phone"] = "x"
    assert "位置 0：" in broken(extra_key)

    def bad_date(d):
        d["entries"][0][1] = "2024-02-30"
    assert broken(bad_date).startswith("data/entries.csv 不符合公开格式（entries.json）：位置 0/date：")


def test_a_file_differing_from_the_manifest_or_missing_from_it():
    files = published(exports(1))
    manifest = {"commit": None, "files": {p: hashlib.sha256(b).hexdigest() for p, b in files.items()}}
    files["data/decisions.json"] = files["data/decisions.json"].replace(b"1200.00", b"1.00")
    assert verify(fetched(files, copy.deepcopy(manifest))).reason == (
        "data/decisions.json 与文件清单的 SHA-256 不符：文件被改动过，或不是同一次生成的")
    assert verify(fetched(published(exports(1)), drop="data/meetings.json")).reason == (
        "文件清单里没有 data/meetings.json（网站用的 sunlight 版本太旧？）")
    missing = fetched(published(exports(1)))
    missing.files["data/requests.json"], missing.reason = None, "http://x/data/requests.json 返回 HTTP 404"
    assert verify(missing).reason == "缺少 data/requests.json：http://x/data/requests.json 返回 HTTP 404"


def test_a_csv_with_the_wrong_header_or_width():
    files = published(exports(1))
    files["data/entries.csv"] = b"id,date\n1,2024-01-01\n"
    manifest_files = {p: hashlib.sha256(b).hexdigest() for p, b in files.items()}
    assert verify(fetched(files, {"commit": None, "files": manifest_files})).reason == (
        "data/entries.csv 表头应是 id,date,account,amount,category,counterparty,memo,decision,emergency")


@pytest.mark.parametrize("manifest, why", [
    (b"<html>not found</html>", "data/manifest.json 不是有效的 JSON（JSONDecodeError）；网站可能没有正确发布"),
    (b'{"files": {}}', "data/manifest.json 不是 Sunlight 的文件清单：位置 （整个文件）：\"commit\" is a required property"),
    (b'{"commit": null, "files": {"a": "xyz"}}', "data/manifest.json 不是 Sunlight 的文件清单：位置 files/a："
                                                 "\"xyz\" does not match \"^[0-9a-f]{64}$\""),
])
def test_a_manifest_that_is_not_one_means_unreachable(manifest, why):
    verdict = verify(Fetched(ESTATE, "fetched", manifest=manifest))
    assert (verdict.status, verdict.reason) == (UNREACHABLE, why)


def test_the_demo_sites_exports_match_their_schemas_and_publish_them(demo_site):
    assert sorted(p.name for p in (demo_site / "data" / "schema").iterdir()) == [p.name for p in schema_files()]
    for path in schema_files():
        assert (demo_site / "data" / "schema" / path.name).read_bytes() == path.read_bytes()
    manifest = json.loads((demo_site / "data/manifest.json").read_text(encoding="utf-8"))
    assert first_error("manifest", manifest) is None
    checked = []
    for export in EXPORTS:
        target = demo_site / export.path
        if not target.exists():
            continue      # the exports of format 1.1 arrive with their own change
        if export.is_csv:
            from sunlight_gongshi.portal.published import ENTRIES_HEADER
            from sunlight_gongshi.portal.verify import _entries
            value, why = _entries(target.read_text(encoding="utf-8"), (ENTRIES_HEADER,))
            assert why == ""
        else:
            value = json.loads(target.read_text(encoding="utf-8"))
        assert first_error(export.name, value) is None, export.path
        assert manifest["files"][export.path] == hashlib.sha256(target.read_bytes()).hexdigest()
        checked.append(export.name)
    assert set(checked) == {e.name for e in EXPORTS}
    demo = {e.path: (demo_site / e.path).read_bytes() for e in EXPORTS}
    verdict = verify(fetched(demo))     # the demo's own exports contradict nothing the portal re-derives
    assert (verdict.status, verdict.reason) == (OK, "")


@pytest.mark.parametrize("path, data, why", [
    ("data/decisions.json", b"[" * 100000 + b"]" * 100000, "data/decisions.json 不是有效的 JSON（嵌套过深）"),
    ("data/entries.csv", b'id,"' + b"x" * 200000 + b'"\n', "data/entries.csv 不是有效的 CSV（field larger than field "
                                                             "limit (131072)）"),
])
def test_hostile_files_are_a_reason_never_a_crash(path, data, why):
    files = published(exports(1))
    files[path] = data
    verdict = verify(fetched(files))
    assert (verdict.status, verdict.reason) == (UNVERIFIED, why)


def test_amounts_past_the_exact_range_are_refused_before_the_database():
    data = exports(1)
    data["finance"]["accounts"][0]["balance"] = "12345678901234.00"   # 14 digits: past 1e13 yuan
    verdict = verify(fetched(published(data)))
    assert verdict.status == UNVERIFIED and "accounts/0/balance" in verdict.reason
