"""A cache of loaded record files under the community's `.sunlight/cache/`.

Entries are keyed by the SHA-256 of the tool's own source, the file's path and its bytes,
so any change to either invalidates them without bookkeeping.  They live in one pack file
plus small delta files (one per run that loaded something new), because creating thousands
of small files costs more than parsing them.  A pickle from an untrusted place runs code, so
every file is signed with a key kept in the user's cache folder, outside the repository: a
cache committed by a pull request is never unpickled.

A cache may also keep a stat index (`stat_digest`): a file whose size, times and inode are
what they were when it was last read is not read again, as git's index does.  Like git, it
records only files untouched for a while before they were looked at, so an edit in the same
clock tick as a look cannot hide behind an unchanged time stamp.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import time
from pathlib import Path

MAX_DELTAS = 16   # past this many delta files, the next run writes a fresh pack
SETTLED_NS = 2_000_000_000   # the stat index trusts files left alone this long before a look
_TOOL_DIGEST: str | None = None


def tool_digest() -> str:
    """Fingerprint of the tool's own code: a changed check must never reuse old results."""
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
        self.deltas: list[Path] | None = None
        self.index: dict[str, tuple] | None = None   # path -> (stamp, digest), as last saved
        self.stamps: dict[str, tuple] = {}           # path -> stamp, as seen in this run
        self.fresh_index: dict[str, tuple] = {}

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

    def _deltas(self) -> list[Path]:
        """Delta files oldest first: a later delta may hold a fresher value for the same key."""
        if self.deltas is None:
            try:
                self.deltas = sorted(self.dir.glob("delta-*"))
            except OSError:
                self.deltas = []
        return self.deltas

    def _open(self) -> dict:
        if self.entries is None:
            self.entries = self._read(self.dir / "pack")
            for delta in self._deltas():
                self.entries.update(self._read(delta))
        return self.entries

    def stat_digest(self, relpath: str, full_path: str) -> str | None:
        """The digest of a file as last read, if its size, times and inode have not changed."""
        if self.key is None:
            return None
        try:
            st = os.stat(full_path)
        except OSError:
            return None
        stamp = self.stamps[relpath] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        if self.index is None:
            stored = self._read(self.dir / "index")
            self.index = stored.get("files", {}) if stored.get("tool") == tool_digest() else {}
        known = self.index.get(relpath)
        if known is not None and known[0] == stamp:
            self.fresh_index[relpath] = known
            return known[1]
        return None

    def note_digest(self, relpath: str, digest: str) -> None:
        """Remember a file's digest by its stamp from `stat_digest`, once the file has settled."""
        stamp = self.stamps.get(relpath)
        if stamp is not None and max(stamp[1], stamp[2]) < time.time_ns() - SETTLED_NS:
            self.fresh_index[relpath] = (stamp, digest)

    def get(self, digest: str):
        if self.key is None:
            return None
        self.used.add(digest)
        return self._open().get(digest)

    def keep(self, digest: str) -> None:
        """Keep an entry through the next repacking without reading it now."""
        self.used.add(digest)

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
        if self.key is None:
            return
        try:
            if self.index is not None and self.fresh_index != self.index:
                self._write("index", {"tool": tool_digest(), "files": self.fresh_index})
            if not self.new:
                return
            if len(self._deltas()) < MAX_DELTAS and len(self.new) * 10 < len(self.used):
                self._write(f"delta-{time.time_ns():020d}-{secrets.token_hex(4)}", self.new)
                return
            if self.used <= self.new.keys():
                entries = self.new   # everything was loaded anew: no need to read the old pack
            else:
                entries = self._open()
                entries.update(self.new)
            self._write("pack", {d: entries[d] for d in self.used if d in entries})
            for delta in self._deltas():
                delta.unlink(missing_ok=True)
        except OSError:
            self.key = None  # read-only checkout: carry on without a cache
