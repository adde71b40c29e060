"""A site's chain as a witness reads it: through the bounded site reader, each file at most once,
every value checked (`chain.py`); whatever is wrong becomes one `Unchecked` reason in Chinese."""

from __future__ import annotations

from ..chain import (GENESIS, HEAD, PER_FILE, ChainError, Entry, Head, bad_link, file_number, file_rel,
                     first_bad_link, parse_file, parse_head)
from ..sitereader import Missing, SiteReader, Unreadable

# No chain file Sunlight writes comes near these (a file of 512 entries is about 120 KB; a head
# with many declared rewrites a few KB): a bigger one is refused before it is read whole.
HEAD_LIMIT = 256 * 1024
FILE_LIMIT = 1024 * 1024


class Unchecked(Exception):
    """The site's chain could not be read or does not hold together: why, for the witness's line."""


class Published:
    """The chain of one site; `head()` first, then the files it needs."""

    def __init__(self, reader: SiteReader):
        self.reader = reader
        self._head: Head | None = None
        self._files: dict[int, tuple[Entry, ...]] = {}

    def _read(self, rel: str, limit: int) -> bytes:
        try:
            return self.reader.read(rel, limit=limit)
        except Missing as exc:
            if rel == HEAD:
                raise Unchecked(f"网站没有公布修改链：{exc}。它不是用 Sunlight 1.2 以后的版本生成的，或者地址不对") from None
            raise Unchecked(f"缺少修改链文件：{exc}") from None
        except Unreadable as exc:
            raise Unchecked(str(exc)) from None

    @property
    def known_head(self) -> Head | None:
        """The head, when it was read and held together."""
        return self._head

    def head(self) -> Head:
        if self._head is None:
            try:
                self._head = parse_head(self._read(HEAD, HEAD_LIMIT))
            except ChainError as exc:
                raise Unchecked(exc.message) from None
        return self._head

    def file(self, number: int) -> tuple[Entry, ...]:
        """Chain file `number`, checked against the head (`chain.parse_file`)."""
        if number not in self._files:
            try:
                self._files[number] = parse_file(self._read(file_rel(number), FILE_LIMIT), number, self.head())
            except ChainError as exc:
                raise Unchecked(exc.message) from None
        return self._files[number]

    def entry(self, seq: int) -> Entry:
        return self.file(file_number(seq))[(seq - 1) % PER_FILE]

    def after(self, seq: int, link: str) -> tuple[Entry, ...]:
        """The entries after `seq` (whose link is `link`) up to the head, each link recomputed."""
        head = self.head()
        entries: list[Entry] = []
        for number in range(file_number(seq + 1), head.files + 1) if seq < head.seq else ():
            entries += [e for e in self.file(number) if e.seq > seq]
        bad = first_bad_link(entries, link)
        if bad is not None:
            raise Unchecked(bad_link(bad).message)
        return tuple(entries)

    def whole(self) -> tuple[Entry, ...]:
        """Every entry from the first, each link recomputed."""
        return self.after(0, GENESIS)
