"""Markdown for text that committee members write: no raw HTML, no script links.

Python-Markdown passes raw HTML through; removing its HTML preprocessor and inline pattern
makes `<script>` plain text, and a tree pass drops links and images whose address, read as the
browser reads it, is not http(s), mailto, a fragment or a relative path (javascript:, data:, ...).
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEME = re.compile(r"^(https?:|mailto:|#|/|\./|\.\./|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def safe_url(url: str) -> bool:
    """True for addresses a resident's browser may follow without running code.

    Checked as the browser reads the attribute: character references decoded (`&#106;`,
    `&colon;`, and again for `&amp;#106;`, which the serializer may pass through as an entity),
    percent escapes decoded, and tabs, line breaks and controls removed, as browsers do."""
    decoded = url or ""
    for _ in range(4):
        once = html.unescape(decoded)
        if once == decoded:
            break
        decoded = once
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", unquote(decoded))
    return bool(SAFE_SCHEME.match(cleaned))


class _DropUnsafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not safe_url(value):
                    del element.attrib[attribute]
                    element.set("title", "已移除不安全的链接")


class NoRawHtml(Extension):
    """Escape raw HTML instead of passing it through; drop unsafe link targets."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeLinks(md), "sunlight_safe_links", 0)


_MD: markdown.Markdown | None = None


# Direction overrides and isolates reorder what a reader sees ("Trojan Source"): 退款 U+202E 00.005
# shows as 退款 500.00.  Record text with them is refused; Markdown pages lose them here.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


@functools.lru_cache(maxsize=4096)
def render(text: str) -> str:
    """HTML for a Markdown field or page written by a person (pages and A4 notices share it)."""
    global _MD  # one parser reused: building one costs more than converting a summary
    if _MD is None:
        _MD = markdown.Markdown(extensions=[NoRawHtml(), "tables", "sane_lists", "fenced_code"],
                                output_format="html")
    return _MD.reset().convert(BIDI_CONTROLS.sub("", text))


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict, str]:
    """A content page's `title:`/`date:` front matter (plain `key: value` lines) and its body."""
    text = BIDI_CONTROLS.sub("", text)
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip("\"'")
    return meta, text[match.end():]
