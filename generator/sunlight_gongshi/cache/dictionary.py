"""jieba's dictionary, kept in the user's cache folder in a form that loads in a third of the time.

jieba keeps its 500,000 words as a marshalled dict (0.74 s to load), the largest serial step of a
build after validation; the same words as one text and their counts as one array load in 0.25 s.
The copy is made from what jieba loaded the first time, and used only while jieba's version, its
dictionary file and this machine's byte order are the ones it was made from; when anything is
amiss, jieba loads its dictionary as it always did.  Reading the copy runs no code (no pickle): a
file someone else put there can at worst be refused.
"""

from __future__ import annotations

import array
import json
import os
import sys
from pathlib import Path

NAME = "jieba-dictionary"
MAGIC = b"sunlight jieba dictionary 1\n"


def folder() -> Path:
    """The user's cache folder of Sunlight (as the caches' signing key's)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sunlight"


def load(jieba) -> None:
    """jieba's default tokenizer with its dictionary loaded: from the copy when it fits, else by
    jieba itself (and the copy made for next time, where there is a place for it)."""
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return
    made_under = stamp(jieba) if tokenizer.dictionary == jieba.DEFAULT_DICT else None
    try:
        path = folder() / NAME
    except RuntimeError:   # no home folder to keep a copy in
        path = made_under = None
    kept = read(path, made_under) if made_under is not None else None
    if kept is not None:
        tokenizer.FREQ, tokenizer.total = kept
        tokenizer.initialized = True
        return
    tokenizer.initialize()
    if made_under is not None:
        write(path, made_under, tokenizer.FREQ, tokenizer.total)


def stamp(jieba) -> str | None:
    """What a copy is made under: jieba's version, its dictionary file's size and time, the byte order."""
    try:
        source = (Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME).stat()
    except OSError:
        return None
    return f"{jieba.__version__} {source.st_size} {source.st_mtime_ns} {sys.byteorder}"


def read(path: Path, stamp: str) -> tuple[dict[str, int], int] | None:
    """The words and their counts, and the total, of the copy at `path` made under `stamp`; None
    when there is none, it was made under another stamp, or it is not whole."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        if not data.startswith(MAGIC):
            return None
        head_end = data.index(b"\n", len(MAGIC))
        head = json.loads(data[len(MAGIC):head_end])
        if head["stamp"] != stamp:
            return None
        words_end = head_end + 1 + head["text"]
        words = data[head_end + 1:words_end].decode("utf-8").split("\n")
        counts = array.array("q")
        counts.frombytes(data[words_end:])
        if not len(words) == len(counts) == head["words"] or not isinstance(head["total"], int):
            return None
        return dict(zip(words, counts)), head["total"]
    except (OSError, ValueError, KeyError, TypeError):   # a broken copy is no copy
        return None


def write(path: Path, stamp: str, words: dict[str, int], total: int) -> None:
    """The copy, written whole or not at all (a temporary file moved into place)."""
    if any("\n" in word for word in words):
        return
    text = "\n".join(words).encode("utf-8")
    head = json.dumps({"stamp": stamp, "words": len(words), "text": len(text), "total": total}).encode("ascii")
    temporary = path.with_name(f".{NAME}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(temporary, "wb") as handle:
            handle.write(MAGIC + head + b"\n" + text + array.array("q", words.values()).tobytes())
        os.replace(temporary, path)
    except (OSError, OverflowError):
        try:
            temporary.unlink()
        except OSError:
            pass
