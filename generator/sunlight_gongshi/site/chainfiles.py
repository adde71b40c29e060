"""The chain under data/chain/ (record format section 8): its files of 512 entries and its head."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..chain import HEAD, Declaration, Entry, file_text, files_of, head_text
from ..model.rewrites import Rewrite


def declarations(rewrites: Sequence[Rewrite]) -> tuple[Declaration, ...]:
    """rewrites.yml (under records/) as head.json publishes it, for witnesses (in the order written)."""
    return tuple(Declaration(r.date.isoformat(), r.replaces, r.reason) for r in rewrites)


def write_chain(docs: Path, chain: Sequence[Entry], declarations: Sequence[Declaration], output) -> None:
    """Every chain file and head.json (`{"seq": 0}` without a chain); in a rebuild, a file only
    when its entries changed: a new commit rewrites the last file and the head."""
    for rel, entries in files_of(chain):
        output.put(docs, rel, (entries,), lambda entries=entries: file_text(entries))
    output.put(docs, HEAD, (chain[-1:], tuple(declarations)), lambda: head_text(chain, declarations))
