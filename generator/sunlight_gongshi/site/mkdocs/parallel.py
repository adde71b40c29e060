"""MkDocs writes the pages of a large site from two processes: once every page is read, a forked
child puts every other page of Sunlight's through the theme while MkDocs goes on with the rest.

Only where no plugin or hook of the community's own runs (a plugin may gather what it sees of
each page and write it at the end: it must see every page), and only for a site of many pages.
The child writes nothing else (no assets, no 404 page, no sitemap) and leaves as soon as its
pages are written, before any plugin's `on_post_build`; MkDocs in the parent gives the child's
pages an empty template, so it writes none of them, and waits for the child before its own
`on_post_build`.  A page the child could not write fails the build like any other.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from ..output.forking import MESSAGE_AT_MOST, die_with
from .docsfile import MARK

SKIP = "sunlight-skip.html"         # an empty template of Sunlight's theme: the page is the child's
AT_LEAST = 400                      # pages of Sunlight's below which one process is quicker
OURS = {"search", "material/search", str(Path(__file__).resolve().parent / "hooks.py")}
# The child of this process's MkDocs run ({"pid", "read"} in the parent, {"write"} in the child):
# state of one build, and a process runs one (`engine` runs MkDocs in a child of its own).
_child: dict = {}


def only_ours(plugins) -> bool:
    """No plugin or hook runs but Sunlight's and Material's search: nothing else sees a page between
    MkDocs' events, so Sunlight may take its shortcuts through them (two writers, stamping, reading
    front matter back, setting a page aside from the search)."""
    return set(plugins) <= OURS


def eligible(config, pages: list) -> bool:
    """Many pages of Sunlight's, and no plugin or hook but Sunlight's and Material's search."""
    return len(pages) >= AT_LEAST and only_ours(config.plugins)


def split(config, files) -> None:
    """Called from `on_env`, after every page was read and before any was written."""
    _child.clear()
    pages = [f for f in files.documentation_pages() if f.page is not None and f.page.meta.get(MARK[0]) == MARK[1]]
    if not hasattr(os, "fork") or not eligible(config, pages):
        return
    theirs = pages[1::2]     # every other page: both halves get their share of big and small pages
    read, write = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        _child.update(write=write)
        die_with(parent)
        kept = set(theirs)
        for file in list(files):
            if file not in kept:
                files.remove(file)
        config.theme.static_templates.clear()
        config.extra_templates.clear()
        return
    os.close(write)
    _child.update(pid=pid, read=read)
    for file in theirs:
        file.page.meta["template"] = SKIP


def join() -> None:
    """Called first in `on_post_build`: the child leaves; the parent waits for it."""
    if "write" in _child:
        os._exit(0)
    if "pid" in _child:
        chunks = []
        while chunk := os.read(_child["read"], 65536):
            chunks.append(chunk)
        os.close(_child["read"])
        _, status = os.waitpid(_child.pop("pid"), 0)
        if os.waitstatus_to_exitcode(status) != 0:
            message = b"".join(chunks).decode("utf-8", "replace") or f"exit {os.waitstatus_to_exitcode(status)}"
            raise RuntimeError(f"写网页的子进程出错：{message}")


def failed(error: BaseException) -> None:
    """Called from `on_build_error`: in the child, report to the parent and leave at once."""
    if "write" in _child:
        message = "".join(traceback.format_exception_only(type(error), error)).strip()[:MESSAGE_AT_MOST]
        os.write(_child["write"], message.encode("utf-8", "replace"))
        os._exit(1)
    if "pid" in _child:   # the parent failed first: the child is not needed any more
        try:
            os.kill(_child.pop("pid"), 9)
        except ProcessLookupError:
            pass
