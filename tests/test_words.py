"""The site's words (site/words): catalogues as the one command leaves them, whole messages, English
placeholders that match, translations looked up when a template compiles, and the old `tr`."""

import gettext
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from jinja2 import Environment, StrictUndefined, TemplateAssertionError
from markupsafe import Markup

from builders import REPO
from sunlight_gongshi.site import words
from sunlight_gongshi.site.words import derive, update

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")
# Python code passes these besides the message's own placeholders (words.period_words): a language
# may write a quarter as a number instead of 第二, a month as 03 instead of 3.
EXTRA = {"{year} 年第{q}季度": {"n"}, "{year} 年 {n} 月": {"mm"}}


def catalogue(locale: str):
    with open(update.catalogue_path(locale), "rb") as handle:
        return read_po(handle, locale=locale)


def messages(catalog):
    return [m for m in catalog if m.id]


def forms(value) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def names(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def test_the_catalogues_are_as_the_command_leaves_them():
    """Run `python3 -m sunlight_gongshi.site.words` after changing a word, and translate what it lists."""
    assert update.problems() == []


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    """The catalogues copied aside, so that a test may spoil them; `update` reads the copy."""
    copy = tmp_path / "locale"
    shutil.copytree(words.LOCALE_DIR, copy)
    monkeypatch.setattr(update, "LOCALE_DIR", copy)
    monkeypatch.setattr(update, "TEMPLATE", copy / "messages.pot")
    return copy


def edit(path: Path, locale: str, change) -> None:
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=locale)
    for message in catalog:
        if message.id:
            change(message)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=update.WIDTH, include_lineno=False)


def test_a_hand_edited_traditional_catalogue_is_found(locale_copy):
    def spoil(message):
        if message.id == "还没有公告。":
            message.string = "還沒有公告！"
    edit(locale_copy / "zh_Hant/LC_MESSAGES/messages.po", "zh_Hant", spoil)
    assert update.problems(extracted=False) == ["zh_Hant is not what OpenCC derives from messages.pot",
                                                "zh_Hant: messages.mo is older than its .po"]


def test_english_left_untranslated_or_fuzzy_or_not_compiled_is_found(locale_copy):
    def spoil(message):
        if message.id == "还没有公告。":
            message.string = ""
        elif message.id == "还没有登记会议。":
            message.flags.add("fuzzy")
        elif message.id == "所有诉求都已办完。":
            message.string = "All requests are done."
    edit(locale_copy / "en/LC_MESSAGES/messages.po", "en", spoil)
    assert update.problems(extracted=False) == ["en: fuzzy: ('还没有登记会议。', None)",
                                                "en: untranslated: ('还没有公告。', None)",
                                                "en: messages.mo is older than its .po"]


def test_a_word_added_to_a_template_and_not_extracted_is_found(locale_copy, tmp_path, monkeypatch):
    package = tmp_path / "sunlight_gongshi"
    shutil.copytree(REPO / "generator/sunlight_gongshi", package, ignore=shutil.ignore_patterns("__pycache__"))
    template = package / "site/templates/data.md.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("</ul>", "</ul>\n<p>{{ _(\"新的一句话。\") }}</p>"),
                        encoding="utf-8")
    monkeypatch.setattr(update, "PACKAGE", package)
    assert update.problems() == ["messages.pot lacks ('新的一句话。', None)"]


def test_every_message_is_whole_chinese_words_never_template_code():
    template = messages(read_po(open(update.TEMPLATE, "rb")))
    assert len(template) > 400
    for message in template:
        for text in forms(message.id):
            assert CJK.search(text), text                                  # the source language is Chinese
            assert not re.search(r"\{\{|\}\}|\{%|%\}|\{#", text), text      # no fragment of Jinja code
            alone = PLACEHOLDER.sub("", text).strip()
            assert len(alone) > 1 or names(text) or message.context, text   # a lone character has a context


def test_english_is_written_for_every_message_with_the_same_placeholders():
    for message in messages(catalogue("en")):
        wanted = set().union(*(names(text) for text in forms(message.id)))
        for text in forms(message.string):
            assert text and not CJK.search(text.replace("“", "").replace("”", "")), (message.id, text)
            assert names(text) <= wanted | EXTRA.get(forms(message.id)[0], set()), (message.id, text)
        percent = {n for n in wanted if f"%({n})s" in forms(message.id)[0]}
        assert all(percent <= names(text) for text in forms(message.string)), message.id   # no figure dropped


def test_traditional_chinese_is_derived_the_taiwan_or_the_hong_kong_way():
    assert derive.convert("账户余额和公开数据", "zh_Hant") == "帳戶餘額和公開資料"
    assert derive.convert("账户余额和公开数据", "zh_Hant_HK") == "賬户餘額和公開數據"
    assert words.tr("{head}、{tail}", "zh-Hant") == "{head}、{tail}"


class Counting(gettext.NullTranslations):
    """A catalogue that says every message in capitals and counts the lookups."""

    def __init__(self):
        super().__init__()
        self.lookups = 0

    def gettext(self, message):
        self.lookups += 1
        return {"共 %(n)s 项": "%(n)s ITEMS", "月份": "MONTH", "<b>注意</b>": "<b>NOTE</b>"}.get(message, message)

    def pgettext(self, context, message):
        return self.gettext(message)

    def ngettext(self, singular, plural, n):
        self.lookups += 1
        return singular if n == 1 else plural


def environment(translations) -> Environment:
    env = Environment(autoescape=True, undefined=StrictUndefined, extensions=[words.CompiledWords])
    env.install_gettext_translations(translations)
    return env


def test_a_template_asks_its_catalogue_when_it_compiles_not_when_it_renders():
    translations = Counting()
    template = environment(translations).from_string(
        '<th>{{ _("月份") }}</th><p>{% trans n=items|length %}共 {{ n }} 项{% endtrans %}</p>{% trans %}<b>注意</b>{% endtrans %}'
        '{% trans n=items|length %}{{ n }} 件{% pluralize %}{{ n }} 件{% endtrans %}')   # one form for every count
    compiled = translations.lookups
    assert compiled > 3
    for _ in range(100):
        assert template.render(items=["<x>"] * 2) == "<th>MONTH</th><p>2 ITEMS</p><b>NOTE</b>2 件"
    assert translations.lookups == compiled


def test_a_count_in_a_language_with_plural_forms_takes_its_form_when_rendered():
    class English(gettext.NullTranslations):
        def ngettext(self, singular, plural, n):
            return "%(n)s item" if n == 1 else "%(n)s items"
    template = environment(English()).from_string("{% trans n=n %}{{ n }} 件{% pluralize %}{{ n }} 件{% endtrans %}")
    assert [template.render(n=n) for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]


def test_values_in_a_message_are_escaped_and_its_own_markup_is_kept():
    env = environment(gettext.NullTranslations())
    template = env.from_string('{% trans name=name %}<strong>{{ name }}</strong> 的任期{% endtrans %}，{{ _("翻页") }}')
    assert template.render(name="<script>") == "<strong>&lt;script&gt;</strong> 的任期，翻页"
    assert template.render(name=Markup("<a>甲</a>")) == "<strong><a>甲</a></strong> 的任期，翻页"


def test_a_translation_that_names_a_value_the_template_does_not_give_fails_when_compiled():
    class Wrong(gettext.NullTranslations):
        def gettext(self, message):
            return "%(nobody)s items"
    with pytest.raises(TemplateAssertionError, match="names %\\(nobody\\)s"):
        environment(Wrong()).from_string("{% trans n=3 %}共 {{ n }} 项{% endtrans %}")


def test_counts_take_the_form_of_the_language():
    assert words.ntr("{n} 天", "{n} 天", 1, "en").format(n=1) == "1 day"
    assert words.ntr("{n} 天", "{n} 天", 3, "en").format(n=3) == "3 days"
    assert words.ntr("{n} 天", "{n} 天", 3, "zh-Hant").format(n=3) == "3 天"


def test_tr_and_month_label_keep_their_calling_convention():
    assert (words.tr("nav:决议", "en"), words.tr("决议", "en"), words.tr("决议", "zh")) == ("Decisions", "Decision", "决议")
    assert words.tr("决议", "zh-Hant") == "決議" and words.tr("nav:决议", "zh") == "决议"
    assert words.tr("业委会记下的一句话", "en") == "业委会记下的一句话"     # record text is shown as written
    assert [words.month_label("2026-11", lang) for lang in ("zh", "zh-Hant", "en")] == \
        ["2026 年 11 月", "2026 年 11 月", "November 2026"]
    assert words.day_label("2026-11-02", "en") == "2 November 2026"
    assert words.day_label("2026-11-02", "zh") == "2026 年 11 月 2 日"


def test_the_catalogues_ship_in_the_wheel():
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["sunlight_gongshi"]
    package = REPO / "generator/sunlight_gongshi"
    shipped = {p for pattern in patterns for p in package.glob(pattern)}
    catalogues = [p for p in words.LOCALE_DIR.rglob("*") if p.is_file()]
    assert {p.suffix for p in catalogues} == {".pot", ".po", ".mo"}
    assert [p.relative_to(package) for p in catalogues if p not in shipped] == []
