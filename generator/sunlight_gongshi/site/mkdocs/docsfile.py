"""The Markdown file of a generated page: front matter that marks it as Sunlight's HTML, and a body
that Python-Markdown would give back unchanged, so MkDocs may skip Markdown (`htmlpages`).

Material's search plugin is told to leave the page out (`search: {exclude: true}`): Sunlight
writes the page's entry in the search index itself (`search`).
"""

from __future__ import annotations

import json
import re

MARK = ("sunlight", "html")     # the front-matter key and value of a page Sunlight rendered
_STX, _ETX = "\x02", "\x03"     # Markdown's placeholder markers, which it removes from any source
_BLANKISH = re.compile(r"(?<=\n) +\n")


def markdown_ready(body: str) -> str:
    """The body as Markdown's first step (NormalizeWhitespace) leaves it: no STX/ETX, Unix line
    ends, tabs as four spaces, lines of spaces emptied.  Free on the usual page, which has none."""
    if _STX in body or _ETX in body:
        body = body.replace(_STX, "").replace(_ETX, "")
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in body:
        body = body.expandtabs(4)
    if " \n" in body:
        body = _BLANKISH.sub("\n", body)
    return body


def page_source(safe_title: str, body: str, meta: dict[str, str] | None = None) -> str:
    """The whole file: the (escaped) title, the marks, the page's other (escaped) meta, such as its
    share card's words (`share`), which the theme reads, and the HTML body."""
    more = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in (meta or {}).items())
    return (f"---\ntitle: {json.dumps(safe_title, ensure_ascii=False)}\n{more}{MARK[0]}: {MARK[1]}\n"
            f"search: {{exclude: true}}\n---\n\n{markdown_ready(body)}")
