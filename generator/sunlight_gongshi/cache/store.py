"""A signed store of pickled values under the community's `.sunlight/NAME/`.

Values are looked up by the keys of `cache.keys`.  They live in one pack file plus small
delta files (one per run that found something new), because creating thousands of small
files costs more than parsing them.  A pickle from an untrusted place runs code, so every
file is signed with a key kept in the user's cache folder, outside the repository: a cache
committed by a pull request is never unpickled.
"""

from __future__ import annotations

import hmac
import os
import pickle
import secrets
import time
from pathlib import Path

MAX_DELTAS = 16   # past this many delta files, the next save writes a fresh pack


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


class Store:
    """Values by key; a no-op when disabled or when nothing can be written (a read-only checkout)."""

    def __init__(self, root: Path, name: str, enabled: bool = True):
        self.dir = root / ".sunlight" / name
        self.key = _secret() if enabled else None
        self.entries: dict[str, object] | None = None
        self.used: set[str] = set()
        self.new: dict[str, object] = {}
        self.deltas: list[Path] | None = None

    @property
    def enabled(self) -> bool:
        return self.key is not None

    @property
    def opened(self) -> bool:
        return self.entries is not None

    def read_signed(self, name: str):
        """The value of one signed file of this store, or None when absent, foreign or corrupt."""
        if self.key is None:
            return None
        try:
            blob = (self.dir / name).read_bytes()
        except OSError:
            return None
        mac, payload = blob[:32], blob[32:]
        if not hmac.compare_digest(mac, hmac.new(self.key, payload, "sha256").digest()):
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # a truncated or foreign file is a miss, never a crash
            return None

    def write_signed(self, name: str, value) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        mac = hmac.new(self.key, payload, "sha256").digest()
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.dir / f".{name}.{os.getpid()}"
        tmp.write_bytes(mac + payload)
        os.replace(tmp, self.dir / name)

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
            pack = self.read_signed("pack")
            self.entries = pack if isinstance(pack, dict) else {}
            for delta in self._deltas():
                found = self.read_signed(delta.name)
                self.entries.update(found if isinstance(found, dict) else {})
        return self.entries

    def get(self, key: str):
        if self.key is None:
            return None
        self.used.add(key)
        return self._open().get(key)

    def keep(self, key: str) -> None:
        """Keep a value through the next repacking without reading it now."""
        self.used.add(key)

    def put(self, key: str, value) -> None:
        if self.key is not None:
            self.used.add(key)
            self.new[key] = value

    def save(self) -> None:
        """Write what this run found anew: a delta, or a fresh pack that also drops unused values."""
        if self.key is None or not self.new:
            return
        try:
            if len(self._deltas()) < MAX_DELTAS and len(self.new) * 10 < len(self.used):
                name = f"delta-{time.time_ns():020d}-{secrets.token_hex(4)}"
                self.write_signed(name, self.new)
                self._deltas().append(self.dir / name)
            else:
                self._repack()
            if self.entries is not None:
                self.entries.update(self.new)
            self.new = {}
        except OSError:
            self.key = None  # read-only checkout: carry on without a cache

    def _repack(self) -> None:
        if self.used <= self.new.keys():
            entries = self.new   # everything was found anew: no need to read the old pack
        else:
            entries = self._open()
            entries.update(self.new)
        self.write_signed("pack", {k: entries[k] for k in self.used if k in entries})
        for delta in self._deltas():
            delta.unlink(missing_ok=True)
        self.deltas = []
