"""A page of the theme rendered once with placeholders, into which many pages are stamped.

What Material renders around a page's body (head, header, menu, footer, scripts) depends on the
page only through a few values: its title, its file name, its body.  A shell is the theme's
output for a stand-in page whose values are placeholders; stamping a page is putting its values
where the placeholders are, which costs a few string joins instead of rendering the theme's
templates.  The resident site (`stamping`) and the portal (`portal/frame.py`, `portal/stamp.py`)
both stamp their pages into shells this way.
"""

from __future__ import annotations

import re


class Shell:
    """The theme's output with `placeholders` (name -> the text standing in for it), cut at them."""

    def __init__(self, text: str, placeholders: dict[str, str]):
        found = {name: text.count(mark) for name, mark in placeholders.items()}
        if "body" in placeholders and found["body"] != 1:
            raise ValueError("the theme's output holds the page's body more than once, or not at all")
        by_mark = {mark: name for name, mark in placeholders.items()}
        pieces = re.split("(" + "|".join(re.escape(m) for m in sorted(by_mark, key=len, reverse=True)) + ")", text)
        self.pieces = [(by_mark[p], True) if i % 2 else (p, False) for i, p in enumerate(pieces)]
        self.names = {name for name, count in found.items() if count}

    def stamp(self, **values: str) -> str:
        """The page: every placeholder replaced by its value (values are never read for placeholders)."""
        return "".join(values[piece] if is_mark else piece for piece, is_mark in self.pieces)
