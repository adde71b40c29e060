"""The one module that says how cached values are keyed, and which files need not be read again.

Every key hashes the tool's own code, so a changed check never reuses an old result; a file's
key also hashes its path and bytes, a git blob's its id (git guarantees a blob never changes),
and a check result's the file's key and the check's name.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

SETTLED_NS = 2_000_000_000   # the stat index trusts files left alone this long before a look


@functools.cache   # explicit process cache: the code does not change under a running process
def tool_digest() -> str:
    """Fingerprint of the tool's own code."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        h.update(source.relative_to(package).as_posix().encode())
        h.update(source.read_bytes())
    return h.hexdigest()


def _key(*parts: bytes) -> str:
    h = hashlib.sha256(tool_digest().encode())
    for part in parts:
        h.update(part + b"\0")
    return h.hexdigest()


def file_key(relpath: str, data: bytes) -> str:
    """A record file as read: its path under records/ and its bytes."""
    return _key(b"file", relpath.encode(), data)


def blob_key(blob: str) -> str:
    """One version of a file in git, by its blob id."""
    return _key(b"blob", blob.encode())


def result_key(file: str, check: str) -> str:
    """What one per-file check found in one file (`file` is that file's key)."""
    return _key(b"result", file.encode(), check.encode())


class StatIndex:
    """Files known by their size, times and inode, as git's index: a file whose stamp is what
    it was when last read is not read again.  Like git it records only files untouched for a
    while before they were looked at, so an edit in the same clock tick as a look cannot hide
    behind an unchanged time stamp."""

    def __init__(self, known: dict[str, tuple] | None):
        self.known = known            # path -> (stamp, key) as last saved; None: no index
        self.stamps: dict[str, tuple] = {}
        self.fresh: dict[str, tuple] = {}

    def key(self, relpath: str, full_path: str) -> str | None:
        """The key of a file as last read, if its stamp has not changed."""
        if self.known is None:
            return None
        try:
            st = os.stat(full_path)
        except OSError:
            return None
        stamp = self.stamps[relpath] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        known = self.known.get(relpath)
        if known is not None and known[0] == stamp:
            self.fresh[relpath] = known
            return known[1]
        return None

    def note(self, relpath: str, key: str) -> None:
        """Remember a file's key by the stamp `key()` saw, once the file has settled."""
        stamp = self.stamps.get(relpath)
        if stamp is not None and max(stamp[1], stamp[2]) < time.time_ns() - SETTLED_NS:
            self.fresh[relpath] = (stamp, key)

    def changed(self) -> bool:
        return self.known is not None and self.fresh != self.known
