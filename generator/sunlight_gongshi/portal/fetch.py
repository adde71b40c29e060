"""Fetch stage: each estate's manifest and exports, from an http(s) URL or a folder, many at once.

At most `connections` estates are fetched at a time, each within its own time limit, so a slow
or dead estate holds one worker for at most that long and delays nothing else.  An estate whose
manifest is byte for byte the one of its last good data (or whose server answers 304 Not
Modified to the manifest's ETag) is not fetched again.
"""

from __future__ import annotations

import hashlib
import time
from email.utils import parsedate_to_datetime
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..sitereader import Limits, Missing, SiteReader, Unreadable, read_in_folder
from .published import MANIFEST, read_manifest, wanted
from .registry import Estate

CONNECTIONS = 8            # estates fetched at once
TIMEOUT = Limits().seconds  # seconds for one estate, every file included (spec section 7)


@dataclass(frozen=True)
class Known:
    """What the state remembers of an estate's last good data."""

    site: str
    manifest_sha: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetched:
    """One estate's fetch: `unchanged` (reuse the last good data), `fetched` (files to verify) or
    `unreachable` (no manifest could be read; `reason` says why)."""

    estate: Estate
    outcome: str
    reason: str = ""
    manifest: bytes = b""
    manifest_sha: str | None = None
    parsed: dict | None = None                # the manifest read, when it is one
    manifest_problem: str = ""                # why it is not one
    files: dict[str, bytes | None] = field(default_factory=dict)   # None: the file could not be read
    etag: str | None = None
    last_modified: str | None = None
    seconds: float = 0.0
    kept: dict[str, str] = field(default_factory=dict)   # each file read -> its blob in the state (SHA-256)
    reader: SiteReader | None = None          # the estate's bounded reader: the witness reads the chain through it


def strong_last_modified(headers) -> str | None:
    """The response's Last-Modified when it can be trusted for If-Modified-Since next time: only when
    the response's Date is at least a second later (RFC 9110 8.8.2.2).  A site republished within the
    second it was last read keeps the same Last-Modified, and a 304 would hide the new manifest."""
    modified, date = headers.get("Last-Modified"), headers.get("Date")
    try:
        if modified and date and (parsedate_to_datetime(date) - parsedate_to_datetime(modified)).total_seconds() >= 1:
            return modified
    except (TypeError, ValueError):
        pass
    return None


def fetch_estate(estate: Estate, base_dir: Path, known: Known | None, timeout: float = TIMEOUT,
                 limits: Limits | None = None) -> Fetched:
    """Everything one estate publishes that the portal reads; never raises for what the estate serves."""
    start = time.monotonic()
    reader = SiteReader(estate.site, base_dir, limits or Limits(seconds=timeout))
    site = reader.address
    same_site = known is not None and known.site == site
    result = Fetched(estate, "unreachable", reader=reader)
    try:
        # The manifest: without it nothing can be checked, and the estate is unreachable.
        conditional = {}
        if reader.is_url and same_site and known.etag:
            conditional["If-None-Match"] = known.etag
        if reader.is_url and same_site and known.last_modified:
            conditional["If-Modified-Since"] = known.last_modified
        status, manifest, headers = reader.get(MANIFEST, conditional)
        if status == 304:
            result.outcome, result.manifest_sha = "unchanged", known.manifest_sha
            result.etag, result.last_modified = known.etag, known.last_modified
            result.seconds = time.monotonic() - start
            return result
        result.etag, result.last_modified = headers.get("ETag"), strong_last_modified(headers)
    except Unreadable as exc:
        result.reason, result.seconds = str(exc), time.monotonic() - start
        return result
    result.manifest, result.manifest_sha = manifest, hashlib.sha256(manifest).hexdigest()
    if same_site and known.manifest_sha == result.manifest_sha:
        result.outcome, result.seconds = "unchanged", time.monotonic() - start
        return result
    # The exports the manifest calls for: a file the site says it does not have is left None,
    # and verification names it (unverified); a file that cannot be read within the budget of
    # bytes and seconds, or only from another site, makes the estate unreachable (spec section 7).
    # A manifest that is not one is left to verification to word.
    result.outcome = "fetched"
    result.parsed, result.manifest_problem = read_manifest(manifest)
    for export in wanted(result.parsed) if result.parsed else ():
        try:
            result.files[export.path] = reader.read(export.path)
        except Missing as exc:
            result.files[export.path] = None
            result.reason = result.reason or str(exc)
        except Unreadable as exc:
            result.outcome, result.reason, result.files = "unreachable", f"{exc}（文件清单读到了，数据文件没有读完）", {}
            break
    result.seconds = time.monotonic() - start
    return result


def unchanged_folder(estate: Estate, base_dir: Path, known: Known | None, limits: Limits = Limits()) -> bool:
    """Whether a folder estate's manifest is byte for byte the one of its last good data: checked
    in the caller's thread, as thousands of workers' hand-offs would cost more than the reading."""
    site = estate.site.strip()
    if estate.is_url or known is None or known.site != site:
        return False
    manifest = read_in_folder(Path(base_dir or ".") / site, MANIFEST, limits.total_bytes)
    if manifest is None:   # a link, a missing file, …: read as fetching reads it, for the same answer
        try:
            manifest = SiteReader(site, base_dir, limits).read(MANIFEST)
        except Unreadable:
            return False
    return hashlib.sha256(manifest).hexdigest() == known.manifest_sha


def bounded_map(work: Callable, items: Iterable, workers: int) -> Iterator:
    """work(item) for every item, `workers` at a time, yielded as each finishes; at most twice
    `workers` results wait unread, so memory stays bounded however many items there are."""
    items = iter(items)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="portal-fetch") as pool:
        running = set()
        for item in items:
            running.add(pool.submit(work, item))
            if len(running) >= 2 * workers:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
