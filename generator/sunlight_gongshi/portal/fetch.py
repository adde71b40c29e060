"""Fetch stage: each estate's manifest and exports, from an http(s) URL or a folder, many at once.

At most `connections` estates are fetched at a time, each within its own time limit, so a slow
or dead estate holds one worker for at most that long and delays nothing else.  An estate whose
manifest is byte for byte the one of its last good data (or whose server answers 304 Not
Modified to the manifest's ETag) is not fetched again.
"""

from __future__ import annotations

import hashlib
import socket
import time
import urllib.error
import urllib.request
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator
from urllib.parse import urljoin

from .. import __version__
from .published import EXPORTS, MANIFEST
from .registry import Estate

CONNECTIONS = 8            # estates fetched at once
TIMEOUT = 30.0             # seconds for one estate, every file included
MAX_FILE_BYTES = 200 * 1024 * 1024
CHUNK = 64 * 1024
AGENT = f"sunlight-portal/{__version__}"


class Unreadable(Exception):
    """A file that could not be read; the message says why, in words for the office."""


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
    files: dict[str, bytes | None] = field(default_factory=dict)   # None: the file could not be read
    etag: str | None = None
    last_modified: str | None = None
    seconds: float = 0.0


class _Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise Unreadable("超时：规定时间内没有取完")
        return left


def _read_folder(base: Path, rel: str) -> bytes:
    path = base / rel
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise Unreadable(f"{rel} 太大（超过 {MAX_FILE_BYTES // 1024 // 1024} MiB）")
        return path.read_bytes()
    except FileNotFoundError:
        raise Unreadable(f"没有 {rel}（文件夹 {base}）") from None
    except OSError as exc:
        raise Unreadable(f"读不了 {rel}：{exc.strerror or exc}") from None


def _read_url(url: str, deadline: _Deadline, headers: dict[str, str] | None = None):
    """(status, body, response headers); status 304 has an empty body."""
    request = urllib.request.Request(url, headers={"User-Agent": AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=deadline.left()) as response:
            # Each wait for bytes gets only what is left of the estate's time, so a server that
            # trickles a byte at a time cannot stretch it.
            sock = getattr(getattr(response.fp, "raw", None), "_sock", None)
            chunks, size = [], 0
            while True:
                if sock is not None:
                    sock.settimeout(deadline.left())
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise Unreadable(f"{url} 太大（超过 {MAX_FILE_BYTES // 1024 // 1024} MiB）")
                chunks.append(chunk)
            return response.status, b"".join(chunks), response.headers
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return 304, b"", exc.headers
        raise Unreadable(f"{url} 返回 HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise Unreadable(f"{url} 超时") from None
        if isinstance(reason, ConnectionRefusedError):
            raise Unreadable(f"{url} 拒绝连接（网站没有运行？）") from None
        raise Unreadable(f"{url} 连不上：{getattr(reason, 'strerror', None) or reason}") from None
    except (socket.timeout, TimeoutError):
        raise Unreadable(f"{url} 超时") from None
    except (OSError, ValueError) as exc:   # reset connections, bad chunking, a malformed URL
        raise Unreadable(f"{url} 读取中断：{exc}") from None


def fetch_estate(estate: Estate, base_dir: Path, known: Known | None, timeout: float = TIMEOUT) -> Fetched:
    """Everything one estate publishes that the portal reads; never raises for what the estate serves."""
    start = time.monotonic()
    deadline = _Deadline(timeout)
    site = estate.site.strip()
    same_site = known is not None and known.site == site
    result = Fetched(estate, "unreachable")
    try:
        # The manifest: without it nothing can be checked, and the estate is unreachable.
        if estate.is_url:
            base = site if site.endswith("/") else site + "/"
            conditional = {}
            if same_site and known.etag:
                conditional["If-None-Match"] = known.etag
            if same_site and known.last_modified:
                conditional["If-Modified-Since"] = known.last_modified
            status, manifest, headers = _read_url(urljoin(base, MANIFEST), deadline, conditional)
            if status == 304:
                result.outcome, result.manifest_sha = "unchanged", known.manifest_sha
                result.etag, result.last_modified = known.etag, known.last_modified
                result.seconds = time.monotonic() - start
                return result
            result.etag, result.last_modified = headers.get("ETag"), headers.get("Last-Modified")

            def read(rel: str) -> bytes:
                return _read_url(urljoin(base, rel), deadline)[1]
        else:
            folder = (base_dir / site).resolve()
            if not folder.is_dir():
                raise Unreadable(f"找不到网站文件夹 {folder}")
            manifest = _read_folder(folder, MANIFEST)

            def read(rel: str) -> bytes:
                deadline.left()
                return _read_folder(folder, rel)
    except Unreadable as exc:
        result.reason, result.seconds = str(exc), time.monotonic() - start
        return result
    result.manifest, result.manifest_sha = manifest, hashlib.sha256(manifest).hexdigest()
    if same_site and known.manifest_sha == result.manifest_sha:
        result.outcome, result.seconds = "unchanged", time.monotonic() - start
        return result
    # The exports: a file that cannot be read is left None, and verification names it.
    result.outcome = "fetched"
    for export in EXPORTS:
        try:
            result.files[export.path] = read(export.path)
        except Unreadable as exc:
            result.files[export.path] = None
            result.reason = result.reason or str(exc)
    result.seconds = time.monotonic() - start
    return result


def unchanged_folder(estate: Estate, base_dir: Path, known: Known | None) -> bool:
    """Whether a folder estate's manifest is byte for byte the one of its last good data: checked
    in the caller's thread, as thousands of workers' hand-offs would cost more than the reading."""
    site = estate.site.strip()
    if estate.is_url or known is None or known.site != site:
        return False
    try:
        manifest = _read_folder(base_dir / site, MANIFEST)
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
