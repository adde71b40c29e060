"""Last pass over the built HTML: a Content-Security-Policy that allows the theme's own inline
scripts (by their SHA-256) and nothing else, so a script that reached a page could not run."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'none'")


def csp_for(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                     for body in INLINE_SCRIPT.findall(html)})
    return POLICY.format(hashes=" ".join(hashes))


def add_csp(site: Path) -> None:
    """Insert the policy as the first element of every page's <head>, before any script."""
    meta = '<meta http-equiv="Content-Security-Policy" content="{}">'
    for page in site.rglob("*.html"):
        if page.parts[len(site.parts)] == "print":
            continue  # the A4 notices carry their own stricter policy
        html = page.read_text(encoding="utf-8")
        if "Content-Security-Policy" in html:
            continue
        html = html.replace("<head>", "<head>\n    " + meta.format(csp_for(html)), 1)
        page.write_text(html, encoding="utf-8")
