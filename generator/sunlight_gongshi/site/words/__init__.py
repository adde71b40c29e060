"""The site's own words: Simplified Chinese in templates and code, other languages from gettext catalogues.

Templates mark their words with Jinja's i18n extension and Python marks its own with `tr`,
`ntr`, `N_`; `pybabel extract` gathers them into `locale/messages.pot`.  `zh_Hant` and
`zh_Hant_HK` are derived from it by OpenCC and `en` is written by a person
(`python3 -m sunlight_gongshi.site.words` runs every step; docs/architecture.md, "Words").
Record text is never translated: names and memos are shown as the committee wrote them.
"""

from ...marks import N_   # marks a message where it is written; it is translated where it is shown
from .catalogues import (CATALOGUES, LANGUAGES, LOCALE_DIR, Nn_, Np_, Npn_, day_label, join, month_label, nptr,
                         ntr, ptr, separators, tr, translations)
from .jinja import CompiledWords, count_words, install
from .labels import COUNTED, LABELS, STAGES

__all__ = ["CATALOGUES", "COUNTED", "CompiledWords", "LABELS", "LANGUAGES", "LOCALE_DIR", "N_", "Nn_", "Np_", "Npn_",
           "STAGES", "count_words", "day_label", "install", "join", "month_label", "nptr", "ntr", "ptr", "separators",
           "tr", "translations"]
