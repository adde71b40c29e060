"""Each site language's catalogue, and the lookups Python code makes in it.

Simplified Chinese is the source language: its words are the messages themselves, so `zh`
needs no catalogue.  The others are gettext catalogues under `locale/` (see `update.py`):
`zh_Hant` and `zh_Hant_HK` derived by OpenCC, `en` written by a person.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from pathlib import Path

from babel.dates import format_date   # imported before a build forks, so each child has it

from ...marks import Nn_, Np_, Npn_  # noqa: F401  (re-exported: the site marks its words with them)

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
# The site's languages (a zh-Hant community that sets `hant: hk` in mkdocs.yml reads Hong Kong
# forms) and the Babel locale of each catalogue.
CATALOGUES = {"zh-Hant": "zh_Hant", "zh-Hant-HK": "zh_Hant_HK", "en": "en"}
LANGUAGES = ("zh", *CATALOGUES)


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The language's compiled catalogue, read once per process; Chinese is the source itself."""
    if language == "zh":
        return gettext.NullTranslations()
    with open(LOCALE_DIR / CATALOGUES[language] / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
        return gettext.GNUTranslations(handle)


def tr(text: str, language: str) -> str:
    """One message in the language; "nav:…" is a word as a navigation tab says it (context "nav")."""
    words = translations(language)
    if text.startswith("nav:"):
        return words.pgettext("nav", text[4:])
    return words.gettext(text)


def ntr(singular: str, plural: str, n: int, language: str) -> str:
    """A counted message in the form the language uses for n."""
    return translations(language).ngettext(singular, plural, n)


def ptr(context: str, text: str, language: str) -> str:
    """A message that reads differently in one context (a tab, a deliberation stage)."""
    return translations(language).pgettext(context, text)


def nptr(context: str, singular: str, plural: str, n: int, language: str) -> str:
    """A counted message of one context, in the form the language uses for n."""
    return translations(language).npgettext(context, singular, plural, n)


@functools.lru_cache(maxsize=4096)
def day_label(day: str, language: str) -> str:
    """A date in words: 2026 年 11 月 22 日, or 22 November 2026."""
    # TRANSLATORS: a CLDR date pattern (y year, M month number, MMMM month name, d day).
    return _date(dt.date.fromisoformat(day[:10]), tr("y 年 M 月 d 日", language), language)


@functools.lru_cache(maxsize=4096)
def month_label(month: str, language: str) -> str:
    """A month in words: 2026 年 11 月, or November 2026."""
    # TRANSLATORS: a CLDR date pattern (y year, M month number, MMMM month name).
    return _date(dt.date(int(month[:4]), int(month[5:7]), 1), tr("y 年 M 月", language), language)


def _date(day: dt.date, pattern: str, language: str) -> str:
    return format_date(day, pattern, locale=CATALOGUES.get(language, "zh_Hans"))


@functools.cache
def separators(language: str) -> tuple[str, str, str]:
    """What goes between the items of a list (、), the phrases of a sentence (，) and its clauses (；)."""
    # TRANSLATORS: a list of words or figures, e.g. 业委会会议 3 次、业主大会 1 次.
    items = tr("{head}、{tail}", language)
    # TRANSLATORS: a list of phrases in a sentence, e.g. 开展志愿服务 12 次，化解矛盾纠纷 3 起.
    phrases = tr("{head}，{tail}", language)
    # TRANSLATORS: a list of clauses or dated steps, e.g. 2024-01-20 提议；2024-01-25 审议.
    clauses = tr("{head}；{tail}", language)
    return tuple(pattern.format(head="", tail="") for pattern in (items, phrases, clauses))


def join(items, language: str, between: int = 0) -> str:
    """Items of a list joined the language's way (between=1: phrases, 2: clauses)."""
    return separators(language)[between].join(items)
