"""`sunlight serve`: build, serve on localhost, rebuild on every change, reload the open page,
never die on bad input.

A rebuild redoes only what changed (`site.output.rebuild`): records come from the cache, figures
of unchanged months are last rebuild's, only pages whose inputs changed are rendered, only
files whose bytes changed are written, and MkDocs rebuilds only their pages.  The site is
served from the work folder (`.sunlight/serve/site`), updated file by file.

Serving, watching and reloading are MkDocs' own development server (`mkdocs.livereload`):
watchdog's polling observer looks at the records every quarter second (it works on every
filesystem a committee member's laptop may have), the server calls the rebuild, and every open
page reloads once the rebuild is done.  A page asks through a small script the server adds to
each HTML page as it serves it (never to the files on disk); the site's Content-Security-Policy
runs only scripts it lists by hash, so the served page's policy lists that script's too.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import logging
import re
import sys
import time
from pathlib import Path
from typing import Callable

from mkdocs.livereload import LiveReloadServer

from ..build import build
from ..problems import format_problems
from ..site.mkdocs.engine import warm_up
from ..site.output.rebuild import Rebuild

WATCHED = ("records", "content")     # and mkdocs.yml, in the root (watched without its subfolders)
WORK = Path(".sunlight") / "serve"
POLL = 0.25                          # seconds between two looks at the files
SCRIPTS = re.compile(rb"<script>(.*?)</script>", re.DOTALL)
POLICY = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src \'self\')')


def allow_script(page: bytes, script: bytes) -> bytes:
    """The page with `script` (an inline script's body) added to its Content-Security-Policy."""
    digest = base64.b64encode(hashlib.sha256(script).digest())
    return POLICY.sub(lambda m: m[1] + b" 'sha256-" + digest + b"'", page, count=1)


class SiteServer(LiveReloadServer):
    """MkDocs' live-reload server for the site folder, which says where it listens once it does
    and lets the reload script through the site's Content-Security-Policy."""

    def __init__(self, rebuild: Callable[[], None], site: Path, port: int, announce: Callable[[int], None]):
        super().__init__(builder=rebuild, host="127.0.0.1", port=port, root=str(site), polling_interval=POLL)
        self.announce = announce
        self.error_handler = lambda code: (site / "404.html").read_bytes() if (site / "404.html").is_file() else None

    def server_activate(self) -> None:
        super().server_activate()
        self.announce(self.server_port)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        page = super()._inject_js_into_html(content, epoch)
        added = SCRIPTS.findall(page)[-1]   # the library puts its script last, before </body>
        return allow_script(page, added)


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
    print(f"[{stamp}] " + ("网站已更新，打开的网页会自己刷新。" if built else "有错误，网页仍是上一次成功生成的版本。"),
          file=out, flush=True)
    return built


def serve(root: Path, port: int = 8000, out=sys.stdout) -> None:
    incremental = Rebuild(root / WORK)
    warm_up()
    rebuild(root, incremental, out)
    incremental.site.mkdir(parents=True, exist_ok=True)
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)   # its words are for MkDocs' own users

    def announce(bound: int) -> None:
        print(f"正在预览：http://127.0.0.1:{bound}/  （改了记录，打开的网页会自己刷新；按 Ctrl-C 结束）",
              file=out, flush=True)

    server = SiteServer(lambda: rebuild(root, incremental, out), incremental.site, port, announce)
    for name in WATCHED:
        if (root / name).is_dir():
            server.watch(str(root / name))
    server.watch(str(root), recursive=False)    # mkdocs.yml, even when it is created later
    try:
        server.serve()
    finally:
        server.shutdown()
