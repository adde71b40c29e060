"""The stores one run of the pipeline uses, opened together and saved together.

- `facts` (`.sunlight/checks/`): per record file, what loading it gave (problems, the small
  records, a month's summary) and what each per-file check found with the answers it relied
  on; plus the stat index.  Small: a warm run reads only this.
- `records` (`.sunlight/cache/`): the records of the many month files, read only when a page
  or a changed check needs their entries.
- `history` (`.sunlight/history/`): each version of a month file in git, by blob id.
"""

from __future__ import annotations

from pathlib import Path

from .keys import StatIndex, result_key, tool_digest
from .store import Store


class Caches:
    def __init__(self, root: Path, enabled: bool = True):
        self.facts = Store(root, "checks", enabled)
        self.records = Store(root, "cache", enabled)
        self.history = Store(root, "history", enabled)
        saved = self.facts.read_signed("index")
        current = isinstance(saved, dict) and saved.get("tool") == tool_digest()
        self.index = StatIndex(None if not self.facts.enabled else saved["files"] if current else {})
        self.results = Results(self.facts)

    def save(self) -> None:
        if self.facts.enabled and self.index.changed():
            try:
                self.facts.write_signed("index", {"tool": tool_digest(), "files": self.index.fresh})
                self.index.known = dict(self.index.fresh)
            except OSError:
                pass
        for store in (self.facts, self.records, self.history):
            store.save()


class Results:
    """What per-file checks found, kept in the facts store under `keys.result_key`."""

    def __init__(self, store: Store):
        self.store = store

    def get(self, file_key: str, check: str):
        return self.store.get(result_key(file_key, check)) if self.store.enabled else None

    def put(self, file_key: str, check: str, value) -> None:
        self.store.put(result_key(file_key, check), value)
