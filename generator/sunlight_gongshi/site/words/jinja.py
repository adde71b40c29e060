"""Jinja's i18n extension, with every translation looked up once, when a template compiles, and
the filters that put values into the site's words (`install`).

Templates mark their words the usual way (`{% trans %}…{% endtrans %}`, `_("…")`, `pgettext`),
and `pybabel extract` reads them with Jinja's own extractor.  Rendering a page then costs
nothing: a `{% trans %}` block becomes the translated text with its variables in place, and
`_("…")` with a literal becomes the translated literal, so Jinja folds it into the template's
own text.  Only a count (`{% pluralize %}`) in a language with plural forms (English) asks the
catalogue while rendering, since its form depends on the number; Chinese says it one way.
"""

from __future__ import annotations

import copy
import re
from types import SimpleNamespace

from jinja2 import nodes
from jinja2.exceptions import TemplateAssertionError
from jinja2.ext import InternationalizationExtension
from jinja2.lexer import Token, TokenStream

PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")
CALLS = {"_": 1, "gettext": 1, "pgettext": 2}   # functions translated when compiled: name -> string arguments


class CompiledWords(InternationalizationExtension):
    """`install_gettext_translations(t)` gives the catalogue to both the compiler and the runtime."""

    translations = None
    _parser = None

    def parse(self, parser):
        self._parser = parser          # to name the template and line of a translation that does not fit
        return super().parse(parser)

    def _install(self, translations, newstyle=None) -> None:
        self.translations = translations
        super()._install(translations, newstyle)

    def filter_stream(self, stream: TokenStream):
        """`_("…")`, `gettext("…")` and `pgettext("ctx", "…")` with literal strings -> the translated string."""
        if self.translations is None:
            return stream
        tokens = list(stream)
        out: list[Token] = []
        i = 0
        while i < len(tokens):
            found = self._literal_call(tokens, i, out[-1] if out else None)
            if found is None:
                out.append(tokens[i])
                i += 1
            else:
                text, end = found
                out.append(Token(tokens[i].lineno, "string", text))
                i = end
        return iter(out)

    def _literal_call(self, tokens: list[Token], i: int, before: Token | None):
        token = tokens[i]
        if token.type != "name" or token.value not in CALLS or (before is not None and before.type == "dot"):
            return None
        count = CALLS[token.value]
        shape = ["lparen"] + ["string", "comma"] * (count - 1) + ["string", "rparen"]
        window = tokens[i + 1:i + 1 + len(shape)]
        if [t.type for t in window] != shape:
            return None
        args = [t.value for t in window if t.type == "string"]
        text = self.translations.pgettext(*args) if count == 2 else self.translations.gettext(args[0])
        return text, i + 1 + len(shape)

    def _make_node(self, singular, plural, context, variables, plural_expr, vars_referenced, num_called_num):
        at_runtime = (singular, plural, context, variables, plural_expr, vars_referenced, num_called_num)
        if self.translations is None:
            return super()._make_node(*at_runtime)
        if not vars_referenced:   # as Jinja does: a block without variables is not a format string
            singular = singular.replace("%%", "%")
            plural = plural and plural.replace("%%", "%")
        if plural_expr is None:
            text = (self.translations.pgettext(context, singular) if context is not None
                    else self.translations.gettext(singular))
        else:   # a count: compiled too when the language says it one way for every number (Chinese)
            forms = {self.translations.npgettext(context, singular, plural, n) if context is not None
                     else self.translations.ngettext(singular, plural, n) for n in range(200)}
            if len(forms) > 1:
                return super()._make_node(*at_runtime)
            text = forms.pop()
        if not vars_referenced:
            return nodes.Output([nodes.TemplateData(text)])
        parts: list[nodes.Node] = []
        used: set[str] = set()
        position = 0
        for match in PLACEHOLDER.finditer(text):
            if match.start() > position:
                parts.append(nodes.TemplateData(text[position:match.start()]))
            position = match.end()
            name = match.group(1)
            if name is None:
                parts.append(nodes.TemplateData("%"))
                continue
            if name not in variables:
                self._parser.fail(f"the translation of {singular!r} names %({name})s, which the template does "
                                  "not give", exc=TemplateAssertionError)
            parts.append(copy.deepcopy(variables[name]) if name in used else variables[name])
            used.add(name)
        if position < len(text):
            parts.append(nodes.TemplateData(text[position:]))
        return nodes.Output(parts)


def install(env, language: str) -> None:
    """Give a Jinja environment the language's catalogue and the filters that put values into words."""
    from ...words import period_words, threshold_words
    from .catalogues import day_label, month_label, ntr, ptr, separators, tr, translations
    from .labels import CONTEXTS, COUNTED, LABELS, STAGES

    env.add_extension(CompiledWords)
    env.install_gettext_translations(translations(language))
    labels = {kind: {code: ptr(CONTEXTS[kind], text, language) if kind in CONTEXTS else tr(text, language)
                     for code, text in table.items()} for kind, table in LABELS.items()}
    stages = {} if language.startswith("zh") else {stage: ptr("stage", stage, language) for stage in STAGES}
    items, phrases, clauses = separators(language)

    def count(total) -> str:
        return count_words(total, language)

    def duration(days) -> str:
        """A number of days, e.g. 3 天; a median may be a half day (3.5 天)."""
        return count_days(days, language)

    def counted(value: str, kind: str, total) -> str:
        n, shown = (total.count, count(total)) if hasattr(total, "at_least") else (total, f"{total:,}")
        return ntr(*COUNTED[kind][value], n, language).format(count=shown)

    env.filters.update(
        label=lambda value, kind: labels[kind].get(value, value),
        counted=counted, count=count, duration=duration,
        month_cn=lambda month: month_label(month, language),
        day_words=lambda day: day_label(str(day), language),
        period=lambda label: period_words(label, lambda text: tr(text, language)),
        describe=lambda t: threshold_words(t, lambda text: tr(text, language), grouped=True),
        stage=lambda name: stages.get(name, name))
    env.globals.update(lang=language, sep=SimpleNamespace(items=items, phrases=phrases, clauses=clauses))


def count_words(total, language: str) -> str:
    """A summed count as residents read it: 12, or 300 余 when any count in it was a lower bound."""
    from .catalogues import tr
    # TRANSLATORS: a count known only as a lower bound ("300 余份": 300 leaflets or more).
    return tr("{count} 余", language).format(count=f"{total.count:,}") if total.at_least else f"{total.count:,}"


def count_days(days, language: str) -> str:
    """A number of days in words: 1 天, 3.5 天; a whole number or a half (a median of whole days)."""
    from .catalogues import ntr
    if days == int(days):
        n = int(days)
        shown = str(n)
    else:
        n, shown = 2, f"{int(days)}.5"
    return ntr("{n} 天", "{n} 天", n, language).format(n=shown)
