"""A cache of loaded record files under the community's `.sunlight/cache/`.

Entries are keyed by the SHA-256 of the tool's own source, the file's path and its bytes,
so any change to either invalidates them without bookkeeping.  They live in one pack file
plus small delta files (one per run that loaded something new), because creating thousands
of small files costs more than parsing them.  A pickle from an untrusted place runs code, so
every file is signed with a key kept in the user's cache folder, outside the repository: a
cache committed by a pull request is never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path

MAX_DELTAS = 16   # past this many delta files, the next run writes a fresh pack
_TOOL_DIGEST: str | None = None


def tool_digest() -> str:
    """Fingerprint of the generator's code: a changed check must never reuse old results."""
    global _TOOL_DIGEST  # computed once per process; the code does not change under us
    if _TOOL_DIGEST is None:
        h = hashlib.sha256()
        package = Path(__file__).parent
        for source in sorted(package.rglob("*.py")):
            h.update(source.relative_to(package).as_posix().encode())
            h.update(source.read_bytes())
        _TOOL_DIGEST = h.hexdigest()
    return _TOOL_DIGEST


def _secret() -> bytes | None:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sunlight"
    key_file = base / "cache-key"
    try:
        if not key_file.exists():
            base.mkdir(parents=True, exist_ok=True)
            tmp = base / f".cache-key.{os.getpid()}"
            tmp.write_bytes(secrets.token_bytes(32))
            os.replace(tmp, key_file)
        key = key_file.read_bytes()
        return key if len(key) == 32 else None
    except OSError:
        return None


class Cache:
    """Load results by content digest; a no-op when disabled or when nothing can be written."""

    def __init__(self, root: Path, enabled: bool = True, name: str = "cache"):
        self.dir = root / ".sunlight" / name
        self.key = _secret() if enabled else None
        self.entries: dict[str, object] | None = None
        self.used: set[str] = set()
        self.new: dict[str, object] = {}
        self.deltas: list[Path] = []

    def digest(self, relpath: str, data: bytes) -> str:
        h = hashlib.sha256(tool_digest().encode())
        h.update(relpath.encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def _read(self, path: Path) -> dict:
        try:
            blob = path.read_bytes()
        except OSError:
            return {}
        mac, payload = blob[:32], blob[32:]
        if not hmac.compare_digest(mac, hmac.new(self.key, payload, "sha256").digest()):
            return {}
        try:
            entries = pickle.loads(payload)
        except Exception:  # a truncated or foreign file is a miss, never a crash
            return {}
        return entries if isinstance(entries, dict) else {}

    def _open(self) -> dict:
        if self.entries is None:
            self.entries = self._read(self.dir / "pack")
            try:
                self.deltas = sorted(self.dir.glob("delta-*"))
            except OSError:
                self.deltas = []
            for delta in self.deltas:
                self.entries.update(self._read(delta))
        return self.entries

    def get(self, digest: str):
        if self.key is None:
            return None
        self.used.add(digest)
        return self._open().get(digest)

    def put(self, digest: str, value) -> None:
        if self.key is not None:
            self.new[digest] = value

    def _write(self, name: str, entries: dict) -> None:
        payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        mac = hmac.new(self.key, payload, "sha256").digest()
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f".{name}.{os.getpid()}"
        tmp.write_bytes(mac + payload)
        os.replace(tmp, self.dir / name)

    def save(self) -> None:
        """Write what this run loaded anew: a delta, or a fresh pack that also drops unused entries."""
        if self.key is None or not self.new:
            return
        entries = self._open()
        try:
            if len(self.deltas) < MAX_DELTAS and len(self.new) * 10 < len(self.used):
                self._write(f"delta-{secrets.token_hex(8)}", self.new)
                return
            entries.update(self.new)
            self._write("pack", {d: entries[d] for d in self.used if d in entries})
            for delta in self.deltas:
                delta.unlink(missing_ok=True)
        except OSError:
            self.key = None  # read-only checkout: carry on without a cache
