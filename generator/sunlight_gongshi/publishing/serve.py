"""`sunlight serve`: build, serve on localhost, rebuild on every change, never die on bad input.

Polling (once a second) rather than inotify keeps it dependency-free and works on every
filesystem a committee member's laptop may have; a community is at most a few thousand files.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..build import build
from ..problems import format_problems

WATCHED = ("records", "content", "mkdocs.yml")


def fingerprint(root: Path) -> tuple:
    """Sizes and modification times of everything that feeds the site."""
    stamp = []
    for name in WATCHED:
        base = root / name
        paths = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) if base.exists() else []
        for path in paths:
            try:
                info = path.stat()
            except OSError:
                continue
            stamp.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(stamp)


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the terminal is for problems with the records
        pass


def rebuild(root: Path, site_dir: Path, out=sys.stdout) -> bool:
    try:
        problems, built = build(root, site_dir)
    except Exception as exc:  # keep serving the last good site whatever happens
        print(f"sunlight: 内部错误：{type(exc).__name__}: {exc}", file=out, flush=True)
        return False
    if problems:
        print(format_problems(problems, "text"), file=out, flush=True)
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] " + ("网站已更新。" if built else "有错误，网页仍是上一次成功生成的版本。"), file=out, flush=True)
    return built


def serve(root: Path, port: int = 8000, interval: float = 1.0, out=sys.stdout) -> None:
    site_dir = root / ".sunlight" / "serve-site"
    rebuild(root, site_dir, out)
    handler = functools.partial(_Handler, directory=str(site_dir))
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
                rebuild(root, site_dir, out)
    finally:
        server.shutdown()
