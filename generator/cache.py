"""A per-file cache of loaded records under the community's `.sunlight/cache/`.

Entries are keyed by the SHA-256 of the tool's own source, the file's path and its bytes,
so any change to either invalidates them without bookkeeping.  Entries are pickles, and a
pickle from an untrusted place runs code; each is therefore signed with a key that lives in
the user's cache folder, outside the repository, so an entry committed by a pull request is
never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path

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

    def __init__(self, root: Path, enabled: bool = True):
        self.dir = root / ".sunlight" / "cache"
        self.key = _secret() if enabled else None
        self.used: set[str] = set()
        self.stored = 0

    def digest(self, relpath: str, data: bytes) -> str:
        h = hashlib.sha256(tool_digest().encode())
        h.update(relpath.encode() + b"\0")
        h.update(data)
        return h.hexdigest()

    def get(self, digest: str):
        if self.key is None:
            return None
        self.used.add(digest)
        try:
            blob = (self.dir / digest).read_bytes()
        except OSError:
            return None
        mac, payload = blob[:32], blob[32:]
        if not hmac.compare_digest(mac, hmac.new(self.key, payload, "sha256").digest()):
            return None
        try:
            return pickle.loads(payload)
        except Exception:  # a truncated entry is a miss, never a crash
            return None

    def put(self, digest: str, value) -> None:
        if self.key is None:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        mac = hmac.new(self.key, payload, "sha256").digest()
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            tmp = self.dir / f".{digest}.{os.getpid()}"
            tmp.write_bytes(mac + payload)
            os.replace(tmp, self.dir / digest)
            self.stored += 1
        except OSError:
            self.key = None  # read-only checkout: carry on without a cache

    def prune(self) -> None:
        """Drop entries this run did not use, so the folder does not grow with every edit."""
        if self.key is None or not self.stored:
            return
        try:
            for entry in self.dir.iterdir():
                if entry.name not in self.used:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass
