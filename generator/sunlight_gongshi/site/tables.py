"""Long tables, light: rows joined in Python from escaped strings, each column's label said once in CSS.

On a phone every table becomes a stack of cards and each cell shows its column's name before it.
The short tables say that name on every cell (`data-label`); a table that grows with the records
(a month's ranking of 500 units, a year of residents' requests) would repeat it hundreds of times,
so its table carries a class (`COLUMNS`), its cells carry nothing, and `labels` writes the names
once, as a rule for each column, in a `<style>` of the page (the site's words stay in the templates,
translated like any other).  The CSS of the column kinds (numbers, long text) is in sunlight.css.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from markupsafe import Markup, escape

COLUMNS = "sl-cols"      # the class of a table whose labels are in the page's CSS
NARROW = "@media screen and (max-width: 44.9375em)"   # where sunlight.css stacks tables into cards


def _css_string(text: str) -> str:
    """A CSS string of any text: letters, digits and spaces as they are, everything else as a CSS
    escape, so no word can end the string, the rule or the <style> element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(text)) + '"'


def labels(table: str, columns: Sequence[str | None]) -> Markup:
    """The <style> that labels the cells of `table` (a class of the page's table) on a phone:
    column i (from 1) is labelled columns[i-1]; None leaves a column unlabelled (the row's head)."""
    rules = "".join(f".md-typeset .sl-table table.{COLUMNS}.{table} td:nth-child({i})::before"
                    f"{{content:{_css_string(text)}}}" for i, text in enumerate(columns, 1) if text)
    return Markup(f"<style>{NARROW}{{{rules}}}</style>")


def row(cells: Iterable[str], attrs: str = "") -> str:
    """One <tr> of cells that are already safe HTML (escape record text with `escape`)."""
    return f"<tr{attrs}><td>" + "</td> <td>".join(cells) + "</td></tr>"


@dataclass(frozen=True)
class Links:
    """A link to the page of each key of `names` in `folder` (a unit's, a month's ranking), named by
    its escaped name, as a page at `root` with page extension `ext` writes it: made once for each
    (root, ext), since a long table, and every page of its kind, repeats them."""

    folder: str
    names: dict
    made: dict = field(default_factory=dict, compare=False)

    def __call__(self, root: str, ext: str) -> dict[str, str]:
        if (root, ext) not in self.made:
            self.made[(root, ext)] = {key: f'<a href="{root}{self.folder}/{escape(key)}{ext}">{escape(name)}</a>'
                                      for key, name in self.names.items()}
        return self.made[(root, ext)]


def rows(lines: Iterable[str]) -> Markup:
    """The rows of a table body, one a line, as the templates' loops wrote them."""
    return Markup("".join(line + "\n" for line in lines))


__all__ = ["COLUMNS", "Links", "labels", "row", "rows", "escape"]
