"""The Jinja environment: autoescaping, StrictUndefined, and the filters residents' pages need."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..money import yuan
from ..words import period_words, threshold_words
from .i18n import month_label, tr, translate_source

TEMPLATES = Path(__file__).resolve().parent / "templates"

LABELS = {
    "status": {"proposed": "征求意见中", "decided": "已决定", "rejected": "未通过", "in_progress": "实施中",
               "done": "已完成"},
    "decision_body": {"committee": "业主委员会", "owners_assembly": "业主大会", "joint_meeting": "联席会议",
                      "council": "居民议事会"},
    "matter": {"ordinary": "一般事项", "major": "重大事项（须四分之三同意）"},
    "account_kind": {"operating": "日常经费", "maintenance_fund": "专项维修资金", "public_revenue": "公共收益",
                     "campaign": "众筹"},
    "body": {"committee": "业主委员会", "supervisors": "业主监督委员会", "party_branch": "党支部",
             "unit_heads": "楼栋长、单元长", "volunteers": "志愿者", "other": "其他组织"},
    "role": {"chair": "主任", "vice_chair": "副主任", "member": "委员", "secretary": "秘书",
             "head": "楼栋长/单元长", "volunteer": "志愿者"},
}


def text_lines(value: str) -> Markup:
    """Plain text shown as written: escaped, line breaks kept, never a blank line (raw HTML blocks)."""
    return Markup("<br>").join(escape(line) for line in str(value).strip().splitlines() if line.strip())


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


class TranslatingLoader(FileSystemLoader):
    """Templates are written in Simplified Chinese; other languages are made from them as they load."""

    def __init__(self, language: str):
        super().__init__(str(TEMPLATES))
        self.language = language

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        return translate_source(source, self.language), filename, uptodate


@functools.cache
def environment(language: str = "zh") -> Environment:
    """One environment per language and process: templates compile once, not once per stage."""
    env = Environment(loader=TranslatingLoader(language), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(yuan=yuan, month_cn=lambda month: month_label(month, language), lines=text_lines,
                       label=lambda value, kind: tr(LABELS[kind].get(value, value), language),
                       iso=lambda d: d.isoformat() if isinstance(d, dt.date) else str(d),
                       tr=lambda text: tr(text, language),
                       threshold=lambda t: threshold_words(t, lambda text: tr(text, language)),
                       period=lambda label: period_words(label, lambda text: tr(text, language)))
    env.globals["lang"] = language
    return env
