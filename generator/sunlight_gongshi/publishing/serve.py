"""`sunlight serve`: build, serve on localhost, rebuild on every change, never die on bad input.

A rebuild redoes only what changed (`site.output.rebuild`): records come from the cache, figures
of unchanged months are last rebuild's, only pages whose inputs changed are rendered, only
files whose bytes changed are written, and MkDocs rebuilds only their pages.  The site is
served from the work folder (`.sunlight/serve/site`), updated file by file.

Polling (every quarter second) rather than inotify keeps it dependency-free and works on every
filesystem a committee member's laptop may have; a community is at most a few thousand files.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..build import build
from ..problems import format_problems
from ..site.mkdocs.engine import warm_up
from ..site.output.rebuild import Rebuild

WATCHED = ("records", "content", "mkdocs.yml")
WORK = Path(".sunlight") / "serve"


def fingerprint(root: Path) -> tuple:
    """Sizes and modification times of everything that feeds the site."""
    stamp = []
    for name in WATCHED:
        base = root / name
        if base.is_file():
            info = base.stat()
            stamp.append((name, info.st_size, info.st_mtime_ns))
            continue
        for folder, dirs, files in os.walk(base):
            dirs.sort()
            for file in sorted(files):
                path = os.path.join(folder, file)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                stamp.append((path, info.st_size, info.st_mtime_ns))
    return tuple(stamp)


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the terminal is for problems with the records
        pass


def rebuild(root: Path, incremental: Rebuild, out=sys.stdout) -> bool:
    try:
        problems, built = build(root, incremental.site, output=incremental)
    except Exception as exc:  # keep serving the last good site whatever happens
        print(f"sunlight: 内部错误：{type(exc).__name__}: {exc}", file=out, flush=True)
        return False
    finally:
        # What this rebuild kept (records, figures, pages' inputs) is left out of later garbage
        # collections: a full collection over a 20-year community's objects took half a second.
        gc.freeze()
    if problems:
        print(format_problems(problems, "text"), file=out, flush=True)
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] " + ("网站已更新。" if built else "有错误，网页仍是上一次成功生成的版本。"), file=out, flush=True)
    return built


def serve(root: Path, port: int = 8000, interval: float = 0.25, out=sys.stdout) -> None:
    incremental = Rebuild(root / WORK)
    warm_up()
    rebuild(root, incremental, out)
    incremental.site.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(_Handler, directory=str(incremental.site))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"正在预览：http://127.0.0.1:{server.server_port}/  （按 Ctrl-C 结束）", file=out, flush=True)
    last = fingerprint(root)
    try:
        while True:
            time.sleep(interval)
            now = fingerprint(root)
            if now != last:
                last = now
                rebuild(root, incremental, out)
    finally:
        server.shutdown()
