"""The output of `sunlight serve`: what it keeps from one rebuild to the next, so a rebuild redoes
only what changed.

A clean `sunlight build` (`output.FullBuild`) renders everything into empty folders and is the
reference; a rebuild must end with the same files.  It keeps a work folder (docs/ and site/), and for every output
the inputs it was made from: an output whose inputs are `same` as last time, and whose file is
still there, is left as it is.  Records and results that did not change are carried over as
the very objects of last time (`carry`, `call`), so comparing them costs an identity check.
Files are written only when their bytes differ (MkDocs then rebuilds only the pages whose
source is newer than their page), and files no longer written are removed with their pages.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import os
import shutil
from decimal import Decimal
from pathlib import Path
from operator import is_
from typing import Callable, Iterator

from ...model.fields import Src
from .manifest import file_hashes, sha256_file
from .output import Output

_SCALARS = (str, int, bool, type(None), dt.date, float)
MISSING = object()


def same(a, b, memo: dict | None = None) -> bool:
    """Equal as far as any page can tell: like ==, but also the `src` of records (where they were
    written, which == ignores), the exponent of Decimals (1.0 is not 1.00 on a page) and types
    (Markup is not str).  The same object is the same value: records are immutable.  `memo`
    remembers the answer for two large containers (and holds them, so their ids stay theirs)."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind in _SCALARS:
        return a == b
    if kind is Decimal:
        return a.as_tuple() == b.as_tuple()
    if kind is Src:
        return a.path == b.path and a.line == b.line and a.lines == b.lines
    if kind is tuple or kind is list:
        if len(a) != len(b):
            return False
        if all(map(is_, a, b)):
            return True
    remember = memo is not None and (len(a) > 16 if kind is tuple or kind is list or isinstance(a, dict) else True)
    if remember:
        key = (id(a), id(b))
        known = memo.get(key)
        if known is not None:
            return known[2]
    if kind is tuple or kind is list:
        answer = True
        for x, y in zip(a, b):
            if x is not y and not same(x, y, memo):
                answer = False
                break
    elif isinstance(a, dict):
        answer = a.keys() == b.keys() and all(same(value, b[key], memo) for key, value in a.items())
    elif dataclasses.is_dataclass(a):
        answer = True
        for name in _field_names(kind):
            if not same(getattr(a, name), getattr(b, name), memo):
                answer = False
                break
    elif isinstance(a, (str, set, frozenset)):   # Markup and other str subclasses; sets of words
        answer = a == b
    else:
        answer = False   # anything else is made again rather than trusted
    if remember:
        memo[key] = (a, b, answer)
    return answer


def _identity(arg):
    """What makes an argument of `call` the same: its value for a word or a number, the objects
    themselves for a tuple of records, else the object."""
    kind = type(arg)
    if kind is str or kind is int or kind is bool:
        return kind, arg
    if kind is tuple:
        return tuple(map(id, arg))
    return id(arg)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


class Rebuild(Output):
    """One `sunlight serve`'s work folder and memory of the previous rebuild."""

    def __init__(self, work: Path):
        self.work = work
        self.docs, self.site = work / "docs", work / "site"
        self.compiled_theme = work / "theme-cache"
        self._made: dict[object, tuple] = {}        # output key -> (inputs, what was kept with it)
        self._carried: dict[str, object] = {}       # name -> a value of the previous rebuild
        self._calls: dict[tuple, tuple] = {}        # call key -> (arguments held, result)
        self._calls_now: dict[tuple, tuple] = {}
        self.produced: set[str] = set()             # docs files written or kept by this rebuild
        self.produced_site: set[str] = set()        # files Sunlight wrote or kept in site/ (notices)
        self.mkdocs_key: object = None              # the settings the site folder was built with
        self._mkdocs_now: object = None             # the settings of this rebuild's MkDocs run
        self.removed: list[str] = []                # docs files this rebuild removed
        self._months: dict[str, object] = {}        # month file key -> its record
        self._hashes: dict[tuple, str] = {}         # (path, size, time, inode) -> SHA-256
        self._hashes_now: dict[tuple, str] = {}
        self._memo: dict[tuple, tuple] = {}         # answers of `same` for two containers, this rebuild

    # -- outputs -------------------------------------------------------------------------------
    def make_docs(self, docs: Path, first, second, shared=lambda: None) -> list[str]:
        """One job after the other, each writing only what changed (loading what they need only
        when they need it: `shared` is not called); then the docs files nobody made this time are
        removed (and returned)."""
        self.begin_outputs()
        first()
        second()
        self.removed = self.stale_docs()
        for rel in self.removed:
            (docs / rel).unlink()
        return self.removed

    def page(self, rel, target, inputs, make) -> dict:
        """Nothing to do when the page's inputs are the same as last time: last time's search entry."""
        self.produced.add(rel)
        now = inputs()
        kept = self.unchanged(("docs", rel), now, target)
        if kept is not MISSING:
            return kept
        source, entry = make()
        write_if_changed(target, source)
        self.made(("docs", rel), now, entry)
        return entry

    def put(self, folder, rel, inputs, produce, kind="docs") -> None:
        """Made only when `inputs` changed since the file was last made, and written only if its bytes differ."""
        target = folder / rel
        (self.produced if kind == "docs" else self.produced_site).add(rel)
        key = (kind, rel)
        if self.unchanged(key, inputs, target) is MISSING:
            write_if_changed(target, produce())
            self.made(key, inputs)

    def copy(self, folder, rel, source) -> None:
        """Copied only when the source's size or time changed."""
        target = folder / rel
        self.produced.add(rel)
        stat = source.stat()
        inputs = (str(source), stat.st_size, stat.st_mtime_ns)
        if self.unchanged(("docs", rel), inputs, target) is not MISSING:
            return
        self.made(("docs", rel), inputs)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def write(self, path, data) -> None:
        write_if_changed(path, data)

    def hash_files(self, site: Path) -> dict[str, str]:
        hashes = file_hashes(site, self._digest)
        self._hashes, self._hashes_now = self._hashes_now, {}
        return hashes

    def _digest(self, path: str) -> str:
        """A file's SHA-256, reused while its size, time and inode are what they were."""
        stat = os.stat(path)
        key = (path, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        known = self._hashes.get(key)
        if known is None:
            known = self._hashes[key] = sha256_file(path)
        self._hashes_now[key] = known
        return known

    # -- MkDocs ------------------------------------------------------------------------------------
    def mkdocs_dirty(self, settings) -> bool:
        """A dirty build while the settings are those the site folder was built with; otherwise nothing
        in the site folder can be taken as it is."""
        self._mkdocs_now = settings()
        dirty = self._mkdocs_now == self.mkdocs_key and self.site.is_dir()
        if not dirty:
            self.forget_site()
        self.mkdocs_key = None      # until this build succeeded
        return dirty

    def mkdocs_done(self) -> None:
        self.mkdocs_key = self._mkdocs_now

    def unchanged(self, key, inputs, target: Path):
        """What was kept with output `key` when it was made from the same inputs and its file is
        still there; MISSING otherwise (make it again, then `made`)."""
        known = self._made.get(key)
        if known is not None and same(known[0], inputs, self._memo) and target.exists():
            return known[1]
        return MISSING

    def made(self, key, inputs, kept=None) -> None:
        self._made[key] = (inputs, kept)

    def forget_site(self) -> None:
        """The site folder was built afresh: nothing there can be taken as it is."""
        self._made = {key: value for key, value in self._made.items() if key[0] != "site"}

    # -- values ----------------------------------------------------------------------------------
    def carry_records(self, records):
        """`records` with every record that did not change replaced by last rebuild's object, and
        the month files whose bytes did not change given last rebuild's records (not read again)."""
        for files in records.series.values():
            for loaded in files:
                if not loaded.held and loaded.key in self._months:
                    loaded.hold(self._months[loaded.key])
        held = {}
        for name, value in records.held.items():
            if isinstance(value, tuple):
                held[name] = self.carry_each("records." + name, value)
            elif dataclasses.is_dataclass(value):
                held[name] = self.carry("records." + name, value)
            else:
                held[name] = value
        return dataclasses.replace(records, held=held, pages=self.carry_each("records.pages", records.pages))

    def carry(self, name: str, value):
        """Last rebuild's value under `name` when it is `same` as `value` (so later comparisons of
        it are identity checks), else `value`, remembered for the next rebuild."""
        previous = self._carried.get(name, MISSING)
        if previous is not MISSING and same(previous, value):
            return previous
        self._carried[name] = value
        return value

    def carry_each(self, name: str, values: tuple) -> tuple:
        """`carry` for each record of a tuple, matched by where it was written."""
        previous = self._carried.get(name, {})
        out, now = [], {}
        for value in values:
            src = getattr(value, "src", None)
            where = (src.path, src.line) if src is not None else None
            old = previous.get(where, MISSING) if where is not None else MISSING
            kept = old if old is not MISSING and same(old, value) else value
            if where is not None:
                now[where] = kept
            out.append(kept)
        self._carried[name] = now
        whole = tuple(out)
        return self.carry(name + "/all", whole)

    def call(self, function: Callable, *args):
        """`function(*args)` for a pure function, or its result of the previous rebuild when every
        argument is the very object it was then (held here, so its id is not reused)."""
        key = (function.__module__, function.__qualname__, tuple(map(_identity, args)))
        known = self._calls.get(key) or self._calls_now.get(key)
        result = known[1] if known is not None else function(*args)
        self._calls_now[key] = (args, result)
        return result

    def begin_outputs(self) -> None:
        """Before the first file of a rebuild is written: nothing produced yet."""
        self.produced, self.produced_site, self.removed = set(), set(), []
        self._memo = {}

    def finish(self, records=None) -> None:
        """The end of a rebuild: results of calls not made this time are let go; the month records
        read this time are kept by file key for the next one."""
        self._calls, self._calls_now = self._calls_now, {}
        self._memo = {}
        if records is not None:
            self._months = {loaded.key: loaded.record for files in records.series.values()
                            for loaded in files if loaded.held and loaded.month is not None}

    @contextlib.contextmanager
    def folder(self) -> Iterator[Path]:
        """The work folder, kept between rebuilds (its site/ is what `sunlight serve` shows)."""
        self.work.mkdir(parents=True, exist_ok=True)
        yield self.work

    # -- files -------------------------------------------------------------------------------------
    def prune(self, site_dir: Path, folder: str) -> None:
        """Remove the files of `site_dir/folder` this rebuild did not write or keep."""
        base = site_dir / folder
        for path in sorted(base.rglob("*")) if base.exists() else []:
            if path.is_file() and path.relative_to(site_dir).as_posix() not in self.produced_site:
                path.unlink()

    def stale_docs(self) -> list[str]:
        """Docs files this rebuild did not write or keep (a record was deleted, a page renamed)."""
        if not self.docs.exists():
            return []
        found = []
        for folder, _dirs, files in os.walk(self.docs):
            for name in files:
                rel = os.path.relpath(os.path.join(folder, name), self.docs).replace(os.sep, "/")
                if rel not in self.produced:
                    found.append(rel)
        return sorted(found)


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write `data` unless the file already holds exactly it (keeping its time); True if written."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(raw) and path.read_bytes() == raw:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return True
