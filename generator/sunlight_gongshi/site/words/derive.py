"""The zh-Hant catalogues, derived from the source messages by OpenCC: never edited by hand.

A Traditional Chinese community reads Taiwan forms by default (OpenCC s2twp: 帳戶, 資料, 群眾募資)
or Hong Kong forms when its mkdocs.yml says `extra: sunlight: hant: hk` (s2hk); plain s2t
would mix in mainland forms (賬戶, 數據).  OpenCC keeps the mainland 賬 where Taiwan writes 帳
(帳戶, 帳目); that one character is fixed after it.  Each message is converted whole, so
OpenCC sees whole phrases, never a fragment of template code.
"""

from __future__ import annotations

import functools

from babel.messages.catalog import Catalog

HANT = {"zh_Hant": ("s2twp.json", str.maketrans({"賬": "帳"})), "zh_Hant_HK": ("s2hk.json", {})}


@functools.cache
def _converter(config: str):
    import opencc
    return opencc.OpenCC(config)


def convert(text: str, locale: str) -> str:
    """Simplified Chinese written the locale's way."""
    config, after = HANT[locale]
    return _converter(config).convert(text).translate(after)


def derive(template: Catalog, locale: str) -> Catalog:
    """The locale's catalogue: every message of the template, converted; the header dated as the template."""
    catalog = Catalog(locale=locale, domain=template.domain, project=template.project, version=template.version,
                      header_comment=f"# {locale}: derived from messages.pot by OpenCC ({HANT[locale][0]}); "
                                     "do not edit, run `python3 -m sunlight_gongshi.site.words`.\n#",
                      creation_date=template.creation_date, revision_date=template.creation_date,
                      last_translator="OpenCC", language_team=f"{locale} <derived>", fuzzy=False)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):   # Chinese has one form for every count
            string = tuple(convert(message.id[1], locale) for _ in range(catalog.num_plurals))
        else:
            string = convert(message.id, locale)
        catalog.add(message.id, string, locations=message.locations, flags=message.flags,
                    auto_comments=message.auto_comments, context=message.context)
    return catalog
