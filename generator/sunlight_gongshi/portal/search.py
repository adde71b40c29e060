"""The portal's search index entries, written by Sunlight: Chinese cut into words as Material cuts them,
with jieba loaded only for text it has not cut before.

Material's search plugin cuts each run of Han characters with jieba and joins the words and
the run's ends with a zero-width space; the portal does the same for its own entries.  jieba
takes about a second to load its dictionary, and a rebuild after one estate changed meets
almost no run of Han characters it has not met before (names, labels), so the runs already
cut are kept in the state folder with jieba's version and looked up first: the same words,
without the second.
"""

from __future__ import annotations

import html
import logging
import json
import os
import re
from pathlib import Path

from backrefs import bre   # Material's own dependency: the same \p{script: Han} its search plugin uses

HAN = bre.compile(r"(\p{script: Han}+)", bre.UNICODE)
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")
ZWSP = "\u200b"


def _jieba_version() -> str:
    from importlib.metadata import version
    return version("jieba")


class Words:
    """Han runs already cut, from and back to `path`; jieba is asked only for new ones."""

    def __init__(self, path: Path | None):
        self.path, self.version, self.cut, self.added = path, _jieba_version(), {}, False
        try:
            found = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            found = {}
        if found.get("jieba") == self.version:
            self.cut = found.get("runs", {})

    def _run(self, match: re.Match) -> str:
        run = match.group(0)
        words = self.cut.get(run)
        if words is None:
            import jieba
            jieba.setLogLevel(logging.ERROR)  # its dictionary banner is not for the office
            words = self.cut[run] = ZWSP.join(jieba.cut(run.encode("utf-8")))
            self.added = True
        return ZWSP + words + ZWSP

    def segment(self, text: str) -> str:
        """`text` with every run of Han characters cut into words, as Material's search plugin does."""
        return HAN.sub(self._run, text).strip(ZWSP)

    def save(self) -> None:
        if not self.path or not self.added:
            return
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"jieba": self.version, "runs": self.cut}, ensure_ascii=False),
                             encoding="utf-8")
        os.replace(temporary, self.path)


def page_text(body: str) -> str:
    """What a page's body says, for the index: the text between its tags, spaces collapsed."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", body))).strip()


def entry(words: Words, location: str, title: str, text: str) -> dict:
    return {"location": location, "title": words.segment(title), "text": words.segment(text)}
