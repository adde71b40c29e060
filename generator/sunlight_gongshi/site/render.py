"""The Jinja environment: autoescaping, StrictUndefined, and the filters residents' pages need."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, meta, select_autoescape
from markupsafe import Markup, escape

from ..money import yuan
from .words import LABELS, Np_, Npn_, install, join, month_label, nptr, ptr  # noqa: F401  (LABELS: for search, feed)

TEMPLATES = Path(__file__).resolve().parent / "templates"


def text_lines(value: str) -> Markup:
    """Plain text shown as written: escaped, line breaks kept, never a blank line (raw HTML blocks)."""
    return Markup("<br>").join(escape(line) for line in str(value).strip().splitlines() if line.strip())


RECORD_KINDS = (  # (pattern, name of one, words for several, page) of files under records/; context "record"
    (re.compile(r"^records/finance/\d{4}/(\d{4}-\d\d)\.yml$"), Np_("record", "{month}账目"),
     Npn_("record", "{n} 个月的账目", "{n} 个月的账目"), "finance/{0}.md"),
    (re.compile(r"^records/decisions/([^/]+)\.yml$"), Np_("record", "决议 {0}"),
     Npn_("record", "{n} 项决议", "{n} 项决议"), "decisions/{0}.md"),
    (re.compile(r"^records/scores/\d{4}/(\d{4}-\d\d)\.yml$"), Np_("record", "{month}评分"),
     Npn_("record", "{n} 个月的评分", "{n} 个月的评分"), "rankings/{0}.md"),
    (re.compile(r"^records/roster/"), Np_("record", "组织机构名单"),
     Npn_("record", "{n} 份组织机构名单", "{n} 份组织机构名单"), "people.md"),
    (re.compile(r"^records/finance/accounts\.yml$"), Np_("record", "账户"), Np_("record", "账户"), "finance/index.md"),
    (re.compile(r"^records/scores/rubric\.yml$"), Np_("record", "评分规则"), Np_("record", "评分规则"),
     "rankings/index.md"),
    (re.compile(r"^records/units\.yml$"), Np_("record", "单元名单"), Np_("record", "单元名单"), None),
    (re.compile(r"^records/community\.yml$"), Np_("record", "小区基本情况"), Np_("record", "小区基本情况"), "index.md"),
    (re.compile(r"^records/files/"), Np_("record", "附件"), Npn_("record", "{n} 个附件", "{n} 个附件"), None),
)


def record_name(path: str, language: str = "zh") -> tuple[str, str | None]:
    """A record file as a resident names it, and the page that shows it: 2025 年 8 月账目."""
    for pattern, one, _, page in RECORD_KINDS:
        found = pattern.match(path)
        if found:
            key = found.group(1) if found.groups() else ""
            name = ptr("record", one, language).format(key, month=month_label(key, language) if one.startswith("{month}") else "")
            return name, page.format(key) if page else None
    return path.removeprefix("records/"), None


def record_summary(paths, language: str = "zh") -> str:
    """What one change touched, counted by kind: 3 个月的账目、2 项决议."""
    counts: dict[int, list[str]] = {}
    other = []
    for path in paths:
        for k, (pattern, *_rest) in enumerate(RECORD_KINDS):
            if pattern.match(path):
                counts.setdefault(k, []).append(path)
                break
        else:
            other.append(path)
    parts = []
    for k in sorted(counts):
        group, several = counts[k], RECORD_KINDS[k][2]
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
    return env
