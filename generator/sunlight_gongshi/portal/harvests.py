"""What the portal saw of each estate, run after run, in its state folder: the harvests and their bytes.

`harvests/<estate id>.json` lists every harvest of the estate, oldest first, one per line:
`{"harvested", "last_seen", "status", "reason", "reference_date", "manifest_sha", "commit", "head",
"files"}` (`files` maps each export read to its SHA-256; `head` the chain head the manifest names,
`{"seq", "link"}`, null for a site without a chain: what the witness saw, `witnessing`).  A
harvest that saw what the previous one saw (same status, reason, manifest and files) only moves that entry's `last_seen`, so a file grows only when an estate publishes
something new or its status changes.  `blobs/<sha[:2]>/<sha>` holds each file's bytes once,
whichever estate and run it came from; nothing here deletes a blob, so every harvest keeps the
bytes it names.  Every write is atomic (a temporary file, then `os.replace`): a run that stops
half way leaves each file as it was or as it should be, never forgetting a harvest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
from pathlib import Path

HARVESTS, BLOBS = "harvests", "blobs"
LAST_SEEN = b'"last_seen": "'
STAMP_BYTES = len("2025-01-01T00:00:00Z")
CHINA = dt.timezone(dt.timedelta(hours=8))   # the office's day: a run at 03:30 Beijing time is that day's


def stamp(now: dt.datetime) -> str:
    """A harvest's time as the state and data/estates.json write it: UTC, to the second."""
    return now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _last_line(data: bytes) -> tuple[dict | None, int]:
    """The last harvest of a file written here ("[\\n", one harvest a line, "\\n]\\n") and where
    its line starts; (None, 0) for an empty file or one not written this way."""
    if not (data.startswith(b"[\n{") and data.endswith(b"}\n]\n")):
        return None, 0
    at = data.rfind(b"\n{", 0, len(data) - 3) + 1
    try:
        found = json.loads(data[at:len(data) - 3])
    except ValueError:
        return None, 0
    return (found, at) if isinstance(found, dict) else (None, 0)


def _write(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")   # workers write at once
    temporary.write_bytes(data)
    os.replace(temporary, path)


class Harvests:
    """The harvests and blobs under one state folder."""

    def __init__(self, state_dir: Path):
        self.logs, self.blobs = state_dir / HARVESTS, state_dir / BLOBS
        self.logs.mkdir(parents=True, exist_ok=True)
        self.blobs.mkdir(parents=True, exist_ok=True)

    def keep(self, data: bytes) -> str:
        """Store bytes once under their SHA-256; the digest."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.blobs / sha[:2] / sha
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            _write(path, data)
        return sha

    def blob(self, sha: str) -> bytes | None:
        try:
            return (self.blobs / sha[:2] / sha).read_bytes()
        except OSError:
            return None

    def _path(self, estate: str) -> Path:
        return self.logs / f"{estate}.json"

    def entries(self, estate: str) -> list[dict]:
        """Every harvest of an estate, oldest first ([] when none, or when the file is not one)."""
        try:
            found = json.loads(self._path(estate).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        return found if isinstance(found, list) else []

    def last(self, estate: str) -> dict | None:
        entries = self.entries(estate)
        return entries[-1] if entries else None

    def last_read(self, estate: str) -> dict | None:
        """The latest harvest at which the estate's manifest could be read (not `unreachable`)."""
        return next((e for e in reversed(self.entries(estate)) if e.get("status") != "unreachable"), None)

    def record(self, estate: str, entry: dict) -> None:
        """Add a harvest: `entry` holds every key but `last_seen`; when the previous harvest saw the
        same, only its `last_seen` moves.  The file keeps one harvest a line, so the previous one is
        read from the last line without parsing the rest, and moving `last_seen` rewrites its 20
        bytes in place (a timestamp of the same length: no harvest can be lost by it)."""
        path = self._path(estate)
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        previous, at = _last_line(data)
        written_here = previous is not None
        if not written_here and data:             # a file tidied by hand, say: its last harvest, parsed whole
            previous = (self.entries(estate) or [None])[-1]
        if entry["files"] is None:   # the manifest seen before: the files and head of the harvest that read it
            earlier = self._reading(estate, entry["manifest_sha"], previous)
            entry = {**entry, "files": earlier.get("files") or {}, "head": entry["head"] or earlier.get("head")}
        same = previous is not None and all(previous.get(k) == entry.get(k) for k in
                                            ("status", "reason", "manifest_sha", "files", "commit", "reference_date"))
        new = entry["harvested"].encode()
        if same and written_here and len(new) == STAMP_BYTES:
            place = data.find(LAST_SEEN, at) + len(LAST_SEEN)
            if place >= len(LAST_SEEN) and data[place + STAMP_BYTES:place + STAMP_BYTES + 1] == b'"':
                if data[place:place + STAMP_BYTES] != new:
                    with open(path, "r+b") as handle:
                        handle.seek(place)
                        handle.write(new)
                return
        line = json.dumps({"harvested": entry["harvested"], "last_seen": entry["harvested"],
                           **{k: v for k, v in entry.items() if k != "harvested"}}, ensure_ascii=False).encode()
        if written_here and not same:                 # the usual way a file grows: one line at its end
            _write(path, data[:-3] + b",\n" + line + b"\n]\n")
            return
        entries = self.entries(estate)                # a file not as written here: written again whole
        if same and entries:
            entries[-1] = {**entries[-1], "last_seen": entry["harvested"]}
        else:
            entries.append(json.loads(line))
        _write(path, b"[\n" + b",\n".join(json.dumps(e, ensure_ascii=False).encode() for e in entries) + b"\n]\n")

    def _reading(self, estate: str, manifest_sha: str, previous: dict | None) -> dict:
        """The latest harvest that read the files of this manifest ({} when none did)."""
        if previous is not None and previous.get("manifest_sha") == manifest_sha and previous.get("files"):
            return previous
        return next((e for e in reversed(self.entries(estate))
                     if e.get("manifest_sha") == manifest_sha and e.get("files")), {})

    def finance_before(self, estate: str, head_link: str | None = None) -> tuple[dict, dict] | None:
        """(harvest, its finance.json value) of the latest `ok` harvest that kept a finance.json
        (with `head_link`, the latest at that chain head), or None when the state kept none."""
        for entry in reversed(self.entries(estate)):
            files = entry.get("files") if isinstance(entry, dict) else None
            head = entry.get("head") if isinstance(entry, dict) else None
            if entry.get("status") != "ok" or not isinstance(files, dict) or not files.get("finance.json"):
                continue
            if head_link is not None and not (isinstance(head, dict) and head.get("link") == head_link):
                continue
            data = self.blob(files["finance.json"])
            try:
                value = json.loads(data) if data is not None else None
            except ValueError:
                value = None
            if isinstance(value, dict):
                return entry, value
        return None
