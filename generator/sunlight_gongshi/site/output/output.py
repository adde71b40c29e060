"""Where a build puts its files, and what it may leave as it was.

`FullBuild` (`sunlight build`) makes every file afresh in an empty folder that replaces the site
in one step when everything succeeded; `rebuild.Rebuild` (`sunlight serve`) keeps its folder
between rebuilds and makes again only what changed.  The code that writes pages, exports,
charts, notices and the manifest, and runs MkDocs, asks its `Output` to write, copy or reuse,
and never asks which of the two it has.
"""

from __future__ import annotations

import os
import shutil
from abc import ABC, abstractmethod
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, ContextManager, Iterator

from .atomic import staged_site
from .forking import ChildFailed, in_background, in_parallel
from .manifest import file_hashes, sha256_file


class Output(ABC):
    """The jobs every way of building shares; `docs` files are the generated folder MkDocs reads,
    `site` files the built site beside it (printed notices, feed, manifest)."""

    removed: list[str] = []             # docs files a rebuild removed (their pages go too)
    compiled_theme: Path | None = None  # where MkDocs may keep the theme's compiled templates

    @abstractmethod
    def folder(self) -> ContextManager[Path]:
        """The work folder, holding docs/ and site/ while the build runs."""

    def carry_records(self, records):
        """The records the pages are made from (a rebuild gives back the unchanged ones of last time)."""
        return records

    def call(self, function: Callable, *args):
        """`function(*args)` for a pure function (a rebuild may give back last time's result)."""
        return function(*args)

    @abstractmethod
    def make_docs(self, docs: Path, first: Callable[[], None], second: Callable[[], None],
                  shared: Callable[[], None] = lambda: None) -> list[str]:
        """Write the docs folder by two jobs; the docs files removed because nothing made them.
        `shared()` loads what both jobs may need, where they would each load it (two processes)."""

    def at_once(self, first: Callable[[], None], second: Callable[[], None]) -> None:
        """Two jobs that only `put` files into the built site (the printed notices' two halves):
        one after the other, or where the output allows it at once in two processes."""
        first()
        second()

    @contextmanager
    def alongside(self, site_dir: Path, write: Callable[[Path], None]) -> Iterator[None]:
        """Sunlight's own files of the built site (the printed notices): `write(folder)` makes them
        while the body of the `with` makes the rest of the site, where the output allows it (a full
        build: in the background, into a folder moved into `site_dir` at the end); here after the
        body, into `site_dir` (a rebuild, which keeps account of what it put where)."""
        yield
        write(site_dir)

    @abstractmethod
    def page(self, rel: str, target: Path, inputs: Callable[[], object],
             make: Callable[[], tuple[str, dict]]) -> dict:
        """The docs page `rel` at `target`: `make()` gives its text and its search entry (returned)."""

    def generated(self) -> dict[str, bytes]:
        """Docs pages handed to MkDocs in memory (docs path -> UTF-8 text), not in the docs folder;
        given once (the output forgets them)."""
        return {}

    @abstractmethod
    def put(self, folder: Path, rel: str, inputs, produce: Callable[[], str | bytes], kind: str = "docs") -> None:
        """`folder/rel` with what `produce()` returns, a file made from `inputs`."""

    @abstractmethod
    def copy(self, folder: Path, rel: str, source: Path) -> None:
        """`source` copied to `folder/rel`."""

    @abstractmethod
    def write(self, path: Path, data: str | bytes) -> None:
        """A file Sunlight writes into the built site after MkDocs (feed, manifest)."""

    def prune(self, site_dir: Path, folder: str) -> None:
        """Remove what `site_dir/folder` holds that this build did not make."""

    @abstractmethod
    def hash_files(self, site: Path) -> dict[str, str]:
        """Every file's SHA-256 for the manifest (see `manifest.file_hashes`)."""

    def mkdocs_dirty(self, settings: Callable[[], object]) -> bool:
        """Whether MkDocs may rebuild only the pages whose source changed, its `settings()` being
        what the site folder was built with."""
        return False

    def mkdocs_done(self) -> None:
        """MkDocs built the site."""

    def finish(self, records) -> None:
        """The build succeeded."""


class FullBuild(Output):
    """Everything made afresh, into a folder beside `site_dir` swapped into place at the end
    (`atomic`); the two jobs of the docs folder run at once in two processes, and the pages stay
    in memory until MkDocs is given them (`generated`): thousands of files are not written, read
    back and deleted."""

    def __init__(self, site_dir: Path | None = None):
        self.site_dir = site_dir
        self.pages: dict[str, bytes] | None = None   # while the docs are made: the pages made

    def folder(self) -> ContextManager[Path]:
        return staged_site(self.site_dir)

    def make_docs(self, docs, first, second, shared=lambda: None) -> list[str]:
        shared()   # before the fork: both processes have it
        self.pages = {}

        def theirs() -> dict[str, bytes]:   # in the child: the pages it made come back to this process
            second()
            return self.pages
        self.pages.update(in_parallel(first, theirs))
        return []

    def at_once(self, first, second) -> None:
        in_parallel(first, second)   # a full build keeps no account of what it put

    @contextmanager
    def alongside(self, site_dir, write) -> Iterator[None]:
        folder = site_dir.parent / "beside"   # in the work folder: MkDocs empties the site folder when it starts
        folder.mkdir()
        notices = in_background(lambda: write(folder))
        try:
            yield
        except BaseException:
            notices.stop()
            raise
        try:
            notices.join()
        except ChildFailed as exc:
            raise exc.defect() from None
        for entry in sorted(folder.iterdir()):
            os.replace(entry, site_dir / entry.name)   # a folder at a time, on the same disk
        folder.rmdir()

    def page(self, rel, target, inputs, make) -> dict:
        source, entry = make()
        if self.pages is not None:
            self.pages[rel] = source.encode("utf-8")
        else:   # a page made outside `make_docs` (a test's) is a file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(source, encoding="utf-8")
        return entry

    def generated(self) -> dict[str, bytes]:
        pages, self.pages = self.pages or {}, None
        return pages

    def put(self, folder, rel, inputs, produce, kind="docs") -> None:
        self.write(folder / rel, produce())

    def copy(self, folder, rel, source) -> None:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)

    def write(self, path, data) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)

    def hash_files(self, site) -> dict[str, str]:
        return file_hashes(site, sha256_file)
