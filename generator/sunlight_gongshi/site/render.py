"""The Jinja environment: autoescaping, StrictUndefined, and the filters residents' pages need."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, meta, select_autoescape
from markupsafe import Markup, escape

from ..model.kinds import ATTACHMENTS, ATTACHMENTS_NAMED, NAMED, RECORDS, Named, kind_at
from ..money import yuan
from .tables import labels as column_labels
from .words import LABELS, install, join, month_label, nptr, ptr  # noqa: F401  (LABELS: for search, feed)

TEMPLATES = Path(__file__).resolve().parent / "templates"


def text_lines(value: str) -> Markup:
    """Plain text shown as written: escaped, line breaks kept, never a blank line (raw HTML blocks)."""
    return Markup("<br>").join(escape(line) for line in str(value).strip().splitlines() if line.strip())


def _named(path: str) -> tuple[int, Named, str] | None:
    """(place in the count, how it is named, its key) of a file under records/ that the audit page
    names by its kind (`kinds.NAMED`), or None for another file."""
    if not path.startswith(RECORDS):
        return None
    rel = path[len(RECORDS):]
    if rel.startswith(ATTACHMENTS):
        return len(NAMED), ATTACHMENTS_NAMED, ""
    kind = kind_at(rel)
    if kind is None or kind.named is None:
        return None
    return NAMED.index(kind), kind.named, kind.place.key(rel)


def record_name(path: str, language: str = "zh") -> tuple[str, str | None]:
    """A record file as a resident names it, and the page that shows it: 2025 年 8 月账目."""
    found = _named(path)
    if found is None:
        return path.removeprefix(RECORDS), None
    _, named, key = found
    one = named.one
    name = ptr("record", one, language).format(key, month=month_label(key, language) if one.startswith("{month}") else "")
    return name, named.page.format(key) if named.page else None


def record_summary(paths, language: str = "zh") -> str:
    """What one change touched, counted by kind: 3 个月的账目、2 项决议."""
    counts: dict[int, list[str]] = {}
    several_of: dict[int, str | tuple[str, str]] = {}
    other = []
    for path in paths:
        found = _named(path)
        if found is None:
            other.append(path)
            continue
        rank, named, _key = found
        counts.setdefault(rank, []).append(path)
        several_of[rank] = named.several
    parts = []
    for rank in sorted(counts):
        group, several = counts[rank], several_of[rank]
        parts.append(record_name(group[0], language)[0] if len(group) == 1
                     else ptr("record", several, language) if isinstance(several, str)
                     else nptr("record", *several, len(group), language).format(n=len(group)))
    if other:
        parts.append(nptr("record", "{n} 个其他文件", "{n} 个其他文件", len(other), language).format(n=len(other)))
    return join(parts, language)


def page_url(src: str, directory_urls: bool) -> str:
    """The URL path MkDocs gives a docs file: a.md -> a.html, or a/ with directory URLs."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def relative(from_src: str, target: str, directory_urls: bool) -> str:
    """A link from one docs page to a page or file, relative so the site works from any folder.

    Climbing to the site root and descending again is always right and costs no path
    arithmetic: this runs for every link of every page.
    """
    here = page_url(from_src, directory_urls)
    depth = here.count("/")
    path, _, fragment = target.partition("#")
    url = page_url(path, directory_urls)
    return ("../" * depth + url or "./") + ("#" + fragment if fragment else "")


@functools.cache
def template_inputs(language: str, name: str) -> frozenset[str]:
    """The context names a template (with the templates it imports or includes) reads: a page is
    the same when these are, whatever else its caller passed (most pages never read `figures`)."""
    env, names, todo, seen = environment(language), set(), [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        ast = env.parse(env.loader.get_source(env, current)[0])
        names |= meta.find_undeclared_variables(ast)
        todo += [t for t in meta.find_referenced_templates(ast) if t]
    return frozenset(names)


@functools.cache
def environment(language: str = "zh") -> Environment:
    """One environment per language and process: templates compile once, not once per stage."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    install(env, language)    # the catalogue, compiled into each template, and the filters that say values in words
    env.filters.update(yuan=yuan, lines=text_lines,
                       iso=lambda d: d.isoformat() if isinstance(d, dt.date) else str(d),
                       record_name=lambda path: record_name(path, language),
                       record_summary=lambda paths: record_summary(paths, language))
    env.globals.update(column_labels=column_labels)
    return env
