"""A Content-Security-Policy for every page MkDocs writes (through `hooks`): it allows the
theme's own inline scripts (by their SHA-256) and nothing else, so a script that reached a
page could not run."""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; "
          "object-src 'none'; base-uri 'self'; form-action 'none'")


def csp_for(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                     for body in INLINE_SCRIPT.findall(html)})
    return POLICY.format(hashes=" ".join(hashes))


def with_csp(html: str) -> str:
    """The page with the policy as the first element of its <head>, before any script."""
    if "Content-Security-Policy" in html or "<head>" not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp_for(html)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
