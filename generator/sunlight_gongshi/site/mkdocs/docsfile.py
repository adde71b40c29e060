"""The Markdown file of a generated page: front matter that marks it as Sunlight's HTML, and a body
that Python-Markdown would give back unchanged, so MkDocs may skip Markdown (`htmlpages`).

Material's search plugin is told to leave the page out (`search: {exclude: true}`): Sunlight
writes the page's entry in the search index itself (`search`).  MkDocs reads the front matter back
with YAML (0.15 ms a page, 0.45 s at 20 years, before its pages can be split between two
processes); `read_back` reads what `page_source` wrote without YAML, where the answer is certainly
YAML's, and leaves anything else to MkDocs.
"""

from __future__ import annotations

import json
import re
from typing import Any

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


_FRONT = re.compile(r"---\n((?:[a-z_]+: [^\n]*\n)+)---\n")
# Characters YAML reads in a double-quoted scalar as they are: printable by its reader, and not one
# of its line breaks (U+0085, U+2028, U+2029) or a byte order mark.
_AS_THEY_ARE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*")
_FIXED = {MARK[0]: MARK[1], "search": {"exclude": True}}
_FIXED_TEXT = {MARK[0]: MARK[1], "search": "{exclude: true}"}


def read_back(source: str) -> tuple[str, dict[str, Any]] | None:
    """What MkDocs' `meta.get_data` gives for a page `page_source` wrote (its Markdown and its
    meta), or None where that is not certain: each value a JSON string of characters YAML reads as
    they are (`\\` and `\"` its only escapes) or null, the marks as written, no key twice."""
    found = _FRONT.match(source)
    if found is None:
        return None
    meta: dict[str, Any] = {}
    for line in found.group(1).splitlines():
        key, value = line.split(": ", 1)
        if key in meta:
            return None
        if key in _FIXED_TEXT:
            if value != _FIXED_TEXT[key]:
                return None
            meta[key] = _FIXED[key]
        elif value == "null":
            meta[key] = None
        else:
            try:
                text = json.loads(value)
            except ValueError:
                return None
            if not isinstance(text, str) or _AS_THEY_ARE.fullmatch(text) is None:
                return None
            meta[key] = text
    if meta.get(MARK[0]) != MARK[1]:
        return None
    return source[found.end():].lstrip("\n"), meta
