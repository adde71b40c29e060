"""The search index, written by Sunlight from what each page is about instead of parsed back out of
its HTML: a title and a few text fields per page, Chinese words split by jieba, in the format
Material's search worker reads (`{"config": …, "docs": [{"location", "title", "text"}]}`).

A page kind that grows with the records (a month of books, of scores, a unit's history) is
found by its title and the words of its text fields, each word once, never by its table cells;
a decision by its title, answer, summary and stages.  A page kind without a function here is
found by its own text, at most `TEXT_AT_MOST` characters: a new kind is searchable at once and
cannot make the index grow without bound.  Text is HTML-escaped (Material shows it as HTML).

`pages.writer.Writer` makes each page's entry while it renders the page and `write_entries` saves
them beside the docs folder, a file per part of the pages; the MkDocs hooks merge them into the
index Material's plugin wrote (`merge_into`), which holds only pages Sunlight did not write.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import Callable, Iterable

from ..cache import dictionary
from .words import tr
from .render import LABELS

ENTRIES = "search-entries"      # folder beside the docs folder: one JSON list of entries per part
INDEX = "search/search_index.json"
TEXT_AT_MOST = 3000             # characters of its own text a page of an unlisted kind is found by
ZWSP = "\u200b"                 # between words: the index's separator (mkdocs.config.SEARCH) splits on it
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
TAG = re.compile(r"<[^>]*>")
EXCLUDED = re.compile(r"<(\w+)\b[^>]*\sdata-search-exclude(?:[\s=][^>]*)?>.*?</\1>", re.DOTALL)  # Material's opt-out
SPACE = re.compile(r"\s+")
WORD_SPLIT = re.compile(r"[\s\u200b\u3000\-、。，．？！；]+")


@functools.lru_cache(maxsize=1 << 16)
def _han_words(run: str) -> str:
    """One run of Chinese characters as jieba's words joined by U+200B (documented cache: the same
    names and phrases come back on page after page)."""
    return ZWSP.join(_loaded().cut(run))


@functools.cache
def _jieba():
    """jieba, told to keep its dictionary banner to itself (it is not for the committee)."""
    import logging

    import jieba
    jieba.setLogLevel(logging.ERROR)
    return jieba


def _loaded():
    """jieba with its dictionary loaded, from Sunlight's faster copy (`cache.dictionary`)."""
    jieba = _jieba()
    dictionary.load(jieba)   # nothing to do once loaded
    return jieba


def load_words(language: str) -> None:
    """Load jieba's dictionary now (a quarter of a second from Sunlight's copy), in a process about
    to fork the writers of the pages, so each of them finds it loaded instead of loading it again;
    not for English."""
    if language != "en":
        _loaded()


def segment(text: str) -> str:
    """Chinese runs split into words, as Material's plugin does (`_segment_chinese`)."""
    return HAN.sub(lambda m: ZWSP + _han_words(m.group(0)) + ZWSP, text).strip(ZWSP)


def plain(values: Iterable[str | None]) -> str:
    """Text values as the index's text: escaped, segmented, one space between values."""
    return " ".join(segment(html.escape(v, quote=False)) for v in values if v)


def distinct_words(values: Iterable[str | None]) -> str:
    """The words of many values, each word once, in the order first met: how a bulky page is
    found by every word in its text fields at the cost of a few hundred bytes."""
    seen: set[str] = set()
    parts = []
    for value in dict.fromkeys(v for v in values if v):
        fresh = []
        for word in WORD_SPLIT.split(segment(html.escape(value, quote=False))):
            if word and word not in seen:
                seen.add(word)
                fresh.append(word)
        if fresh:
            parts.append(ZWSP.join(fresh))
    return " ".join(parts)


def html_text(body: str) -> str:
    """A page's own text (tags dropped, entities kept) for a kind without a function, shortened."""
    text = SPACE.sub(" ", TAG.sub(" ", EXCLUDED.sub(" ", body) if "data-search-exclude" in body else body)).strip()
    if len(text) > TEXT_AT_MOST:
        text = text[:TEXT_AT_MOST]
        if text.rfind("&") > text.rfind(";"):   # never half an entity
            text = text[:text.rfind("&")]
    return segment(text)


def _decision(c: dict, lang: str) -> str:
    d = c["d"]
    stages = [" ".join(filter(None, (s.stage, s.by, s.note))) for s in d.stages]
    summary = TAG.sub(" ", str(c["summary_html"])) if c.get("summary_html") else ""
    return " ".join(filter(None, (
        plain([c["verdict"].head, tr(LABELS["decision_body"].get(d.body, d.body), lang),
               tr(LABELS["status"].get(d.status, d.status), lang), d.id]),
        segment(SPACE.sub(" ", summary).strip()),
        plain(stages))))


def _finance_month(c: dict, lang: str) -> str:
    return distinct_words(v for e in c["books"].entries for v in (e.category, e.counterparty, e.memo))


def _ranking_month(c: dict, lang: str) -> str:
    labels = {item.code: item.label for item in c["r"].version.items}
    return distinct_words(v for row in c["r"].rows for e in row.events for v in (labels.get(e.item), e.note))


def _unit(c: dict, lang: str) -> str:
    """Found by the names of those who answer for the unit, and their titles."""
    return plain(v for name, title, _body in c["heads"]
                 for v in (name, tr(LABELS["role"].get(title, title), lang)))


def _account(c: dict, lang: str) -> str:
    return plain([tr(LABELS["account_kind"].get(c["account"].kind, c["account"].kind), lang)])


def _requests_year(c: dict, lang: str) -> str:
    """A year of requests grows with them: found by every word of their categories, summaries and
    who handled them (停水 finds the year a resident reported it)."""
    return distinct_words(v for _month, rows in c["months"] for request, _days in rows
                          for v in (request.category, request.summary, request.by))


def _title_only(c: dict, lang: str) -> str:
    return ""


# What a page of each kind is found by, besides its title.  Lists of other pages (indexes) are found
# by their title: the pages they list are in the index themselves.
TEXT: dict[str, Callable[[dict, str], str]] = {
    "decision.md.j2": _decision, "finance_month.md.j2": _finance_month, "ranking_month.md.j2": _ranking_month,
    "unit.md.j2": _unit, "account.md.j2": _account, "ranking_year.md.j2": _title_only,
    "home.md.j2": _title_only, "finance_index.md.j2": _title_only, "decisions_index.md.j2": _title_only,
    "decisions_year.md.j2": _title_only, "finance_year.md.j2": _title_only,
    "rankings_index.md.j2": _title_only, "notices_index.md.j2": _title_only, "audit.md.j2": _title_only,
    "requests_year.md.j2": _requests_year, "requests_index.md.j2": _title_only, "meetings_index.md.j2": _title_only,
    "units_index.md.j2": _title_only,
}


def entry(location: str, safe_title: str, template: str, context: dict, body: str, lang: str) -> dict:
    """A page's entry in Material's format; `safe_title` is already escaped."""
    text_of = TEXT.get(template)
    text = text_of(context, lang) if text_of else html_text(body)
    return {"location": location, "title": segment(safe_title), "text": text}


def write_entries(docs: Path, part: str, entries: list[dict]) -> None:
    folder = docs.parent / ENTRIES
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    target = folder / f"{part}.json"
    if not target.exists() or target.read_text(encoding="utf-8") != data:
        target.write_text(data, encoding="utf-8")


def keep_parts(docs: Path, parts) -> None:
    """Remove the entries of parts the pages are no longer written in (a work folder kept from an
    older version of Sunlight)."""
    for found in sorted((docs.parent / ENTRIES).glob("*.json")):
        if found.stem not in parts:
            found.unlink()


def merge_into(site_dir: Path, docs_dir: Path) -> None:
    """Add Sunlight's entries to the index Material's plugin wrote (none when search is off),
    sorted by address, written as UTF-8; called by the MkDocs hooks after the build."""
    index = site_dir / INDEX
    folder = docs_dir.parent / ENTRIES
    if not index.exists() or not folder.is_dir():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = list(data.get("docs", []))
    for part in sorted(folder.glob("*.json")):
        docs += json.loads(part.read_text(encoding="utf-8"))
    docs.sort(key=lambda d: d["location"])
    data["docs"] = docs
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
