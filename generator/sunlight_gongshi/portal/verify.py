"""Verify stage: an estate's data is used only when every file matches its manifest, every export
its schema, and every figure the exports let the portal re-derive agrees (`rederive`); anything
else is a status with a reason, never an exception.  What is kept is masked (`masking`).

Statuses (spec section 7): `ok`; `unverified` — a file missing, differing from its manifest,
not matching its schema, or contradicting another (the reason names the row and the figures);
`unreachable` — no manifest could be read (including one that is not a manifest at all, such as
an error page served in its place).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field

from .aggregate import TABLES, rows
from .fetch import Fetched
from .harvests import CHINA
from .masking import mask_reason, mask_rows, masked_note
from .published import COMMUNITY, ENTRIES_HEADER, EXPORTS, ENTRIES_HEADER_1_1, first_error, read_manifest, wanted
from .rederive import contradiction

OK, UNVERIFIED, UNREACHABLE = "ok", "unverified", "unreachable"
COLUMNS = {table: columns for table, (_export, columns) in TABLES.items()}
WHERE = {table: next(e.path for e in EXPORTS if e.name == export) for table, (export, _columns) in TABLES.items()}


@dataclass
class Verified:
    """One estate's verdict; `tables` holds its rows by table (masked) when ok, `note` what was
    masked, `reference_date` the one its community.json states when that file checked out."""

    status: str
    reason: str = ""
    commit: str | None = None
    exports: dict[str, object] = field(default_factory=dict)        # parsed, entries as row objects
    tables: dict[str, list[tuple]] = field(default_factory=dict)
    note: str = ""
    reference_date: str | None = None
    twin: str | None = None


def twin_key(manifest: dict) -> str:
    """Two manifests naming the same commit and the same data files: one site registered twice."""
    files = {e.path: manifest["files"].get(e.path) for e in wanted(manifest)}
    return hashlib.sha256(json.dumps([manifest["commit"], files], sort_keys=True).encode()).hexdigest()[:32]


def _entries(text: str, headers: tuple[list[str], ...]) -> tuple[list[dict] | None, str]:
    try:
        found = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:   # a NUL byte, a field past the csv module's limit
        return None, f"不是有效的 CSV（{exc}）"
    header = found[0] if found and found[0] in headers else None
    if header is None:
        return None, f"表头应是 {','.join(headers[0])}"
    width = len(header)
    for number, row in enumerate(found[1:], start=2):
        if len(row) != width:
            return None, f"第 {number} 行有 {len(row)} 列，应有 {width} 列"
    return [dict(zip(header, row)) for row in found[1:]], ""


def _parse(export, data: bytes, headers: tuple[list[str], ...] = (ENTRIES_HEADER, ENTRIES_HEADER_1_1)):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, "不是 UTF-8 编码"
    if export.is_csv:
        return _entries(text, headers)
    try:
        return json.loads(text), ""
    except ValueError as exc:
        return None, f"不是有效的 JSON（{exc}）"
    except RecursionError:
        return None, "不是有效的 JSON（嵌套过深）"


def _checked(export, data: bytes | None, hashes: dict, missing: str, headers=(ENTRIES_HEADER, ENTRIES_HEADER_1_1)):
    """(the export's value, "") when it is listed, read, matches its SHA-256 and its schema; else (None, why)."""
    if export.path not in hashes:
        return None, f"文件清单里没有 {export.path}（网站用的 sunlight 版本太旧？）"
    if data is None:
        return None, f"缺少 {export.path}：{missing or '读不到'}"
    if hashlib.sha256(data).hexdigest() != hashes[export.path]:
        return None, f"{export.path} 与文件清单的 SHA-256 不符：文件被改动过，或不是同一次生成的"
    value, why = _parse(export, data, headers)
    if value is None:
        return None, f"{export.path} {why}"
    problem = first_error(export.name, value)
    if problem:
        return None, f"{export.path} 不符合公开格式（{export.name}.json）：{problem}"
    return value, ""


def verify(fetched: Fetched, harvest_day: dt.date | None = None) -> Verified:
    """The verdict on freshly fetched files (outcome `fetched`), the portal's day being `harvest_day`
    (by default today, in China)."""
    harvest_day = harvest_day or dt.datetime.now(CHINA).date()
    manifest, why = (fetched.parsed, fetched.manifest_problem) if fetched.parsed or fetched.manifest_problem \
        else read_manifest(fetched.manifest)
    if manifest is None:
        return Verified(UNREACHABLE, mask_reason(why))
    commit, hashes, exports = manifest["commit"], manifest["files"], {}
    verdict = Verified(UNVERIFIED, commit=commit, twin=twin_key(manifest))
    # A site of format 1.2 (it publishes community.json) publishes the emergency column too.
    headers = (ENTRIES_HEADER,) if COMMUNITY.path in hashes else (ENTRIES_HEADER, ENTRIES_HEADER_1_1)
    for export in sorted(wanted(manifest), key=lambda e: e is not COMMUNITY):   # the reference date first
        value, why = _checked(export, fetched.files.get(export.path), hashes, fetched.reason, headers)
        if value is None:
            verdict.reason = mask_reason(why)
            return verdict
        exports[export.name] = value
        if export is COMMUNITY:
            verdict.reference_date = value["reference_date"]
    why = contradiction(exports, harvest_day)
    if why:
        verdict.reason = mask_reason(why)
        return verdict
    tables = {table: rows(table, exports) for table in TABLES}
    found = mask_rows(tables, COLUMNS, WHERE)
    verdict.status, verdict.exports, verdict.tables = OK, exports, tables
    verdict.note = masked_note(found) if found else ""
    return verdict


def twins(verdicts: dict[str, Verified], estates: list) -> None:
    """Two or more estates whose manifests name the same commit and the same data files are one
    site registered twice (or one estate copying another): each becomes `unverified`, naming the
    other, so nothing is counted twice (spec section 7)."""
    groups: dict[str, list] = {}
    for estate in estates:
        verdict = verdicts[estate.id]
        if verdict.status != UNREACHABLE and verdict.twin:
            groups.setdefault(verdict.twin, []).append(estate)
    for group in groups.values():
        if len(group) < 2:
            continue
        for estate in group:
            other = next(e for e in group if e is not estate)
            verdict = verdicts[estate.id]
            commit = f"提交 {verdict.commit[:12]}" if verdict.commit else "不在 git 里生成"
            verdict.status = UNVERIFIED
            verdict.reason = (f"与小区 {other.id}（{other.name}，登记文件第 {other.src.line} 行）的文件清单相同（{commit}、"
                              "同样的数据文件）：是同一个网站登记成了两个小区，或一个小区用了另一个小区的数据；两个都不计入")
