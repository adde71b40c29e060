"""A new site replaces the old in one step, so a reader or a kill at any moment finds a whole site.

The build writes into a temporary folder beside the site; only when everything succeeded is
it swapped in.  A failed or interrupted build leaves the previous site as it was, and the
next build cleans what a killed one left.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

RENAME_EXCHANGE = 2
PREFIX = ".sunlight-build-"


@contextmanager
def staged_site(site_dir: Path) -> Iterator[Path]:
    """A work folder beside `site_dir`; whatever the caller leaves in `work/site` replaces the
    site when the block ends without an exception.  The work folder is removed either way."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(site_dir)
    work = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=site_dir.parent))
    try:
        yield work
        swap_into_place(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0


def swap_into_place(new_site: Path, site_dir: Path) -> None:
    """Put new_site where site_dir is.  Where the system can exchange two directories
    atomically, it does; elsewhere the old site is moved aside first and moved back by the
    next build if a kill struck between the renames."""
    old = site_dir.with_name(site_dir.name + ".old")
    if site_dir.exists() and _exchange(new_site, site_dir):
        shutil.rmtree(new_site, ignore_errors=True)   # now holds the previous site
        return
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.rename(site_dir, old)
    os.rename(new_site, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def recover(site_dir: Path) -> None:
    """Undo what a killed build left: a site moved aside, and its temporary folders."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists() and not site_dir.exists():
        os.rename(old, site_dir)
    for stale in site_dir.parent.glob(PREFIX + "*"):
        pid = stale.name[len(PREFIX):].split("-")[0]
        if pid.isdigit() and _alive(int(pid)):
            continue
        shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
