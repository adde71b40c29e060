"""The Jinja environment: autoescaping, StrictUndefined, and the filters residents' pages need."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, meta, select_autoescape
from markupsafe import Markup, escape

from ..model.kinds import ATTACHMENTS, ATTACHMENTS_NAMED, NAMED, RECORDS, Named, kind_at
from ..money import yuan
from ..words import period_words, threshold_words
from .i18n import day_label, month_label, tr, translate_source

TEMPLATES = Path(__file__).resolve().parent / "templates"

LABELS = {
    "status": {"proposed": "征求意见中", "decided": "已决定", "rejected": "未通过", "in_progress": "实施中",
               "done": "已完成"},
    "decision_body": {"committee": "业主委员会", "owners_assembly": "业主大会", "joint_meeting": "联席会议",
                      "council": "居民议事会"},
    "matter": {"ordinary": "一般事项", "major": "重大事项（须四分之三同意）"},
    "matter_rule": {"ordinary": "一般事项：参与表决的户数和面积都要达到全体的三分之二，同意的户数和面积都要超过参与的一半。",
                    "major": "重大事项（筹集维修资金，改建、重建建筑物，改变共有部分的用途或者利用共有部分从事经营活动）：参与表决的户数和面积都要达到全体的三分之二，"
                             "同意的户数和面积都要达到参与的四分之三。"},
    "account_kind": {"operating": "日常经费", "maintenance_fund": "专项维修资金", "public_revenue": "公共收益",
                     "campaign": "众筹"},
    "body": {"committee": "业主委员会", "supervisors": "业主监督委员会", "party_branch": "党支部",
             "unit_heads": "楼栋长、单元长", "volunteers": "志愿者", "other": "其他组织"},
    "role": {"chair": "主任", "vice_chair": "副主任", "member": "委员", "secretary": "秘书",
             "head": "楼栋长/单元长", "volunteer": "志愿者"},
    "meeting_body": {"committee": "业委会会议", "supervisors": "监委会会议", "owners_assembly": "业主大会",
                     "joint_meeting": "联席会议", "council": "议事会", "scoring_panel": "评分小组会议", "other": "其他会议"},
    "request_status": {"open": "未处理", "in_progress": "处理中", "resolved": "已解决", "declined": "不予处理"},
    "activity_kind": {"volunteer": "志愿服务", "mediation": "调解纠纷", "event": "活动", "publicity": "宣传",
                      "inspection": "巡查", "deed": "践诺", "other": "其他"},
    "activity_report": {"volunteer": "开展志愿服务", "mediation": "化解矛盾纠纷", "event": "举办活动",
                        "publicity": "开展宣传", "inspection": "开展巡查", "deed": "践行承诺", "other": "其他工作"},
    "activity_unit": {"volunteer": "次", "mediation": "起", "event": "场", "publicity": "次", "inspection": "次",
                      "deed": "件", "other": "次"},
}


def count_words(total) -> str:
    """A summed count as residents read it: 12, or 300 余 when any count in it was a lower bound."""
    return f"{total.count:,} 余" if total.at_least else f"{total.count:,}"


def days_words(value) -> str:
    """A median of whole days: a whole number, or a half when it falls between two (3.5)."""
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator // value.denominator}.5"


# The five deliberations (五议) most communities name their stages by; an English site says them in
# English. Any other stage is record text and is shown as the committee wrote it.
ENGLISH_STAGES = {"提议": "Proposal", "商议": "Discussion", "审议": "Review", "决议": "Resolution", "公示": "Publication"}


def stage_name(stage: str, language: str) -> str:
    return ENGLISH_STAGES.get(stage, stage) if language == "en" else stage


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
    name = tr(one, language).format(key, month=month_label(key, language) if one.startswith("{month}") else "")
    return name, named.page.format(key) if named.page else None


def record_summary(paths, language: str = "zh") -> str:
    """What one change touched, counted by kind: 3 个月的账目、2 项决议."""
    counts: dict[int, list[str]] = {}
    several: dict[int, str] = {}
    other = []
    for path in paths:
        found = _named(path)
        if found is None:
            other.append(path)
            continue
        rank, named, _key = found
        counts.setdefault(rank, []).append(path)
        several[rank] = named.several
    parts = []
    for rank in sorted(counts):
        group = counts[rank]
        parts.append(record_name(group[0], language)[0] if len(group) == 1
                     else tr(several[rank], language).format(n=len(group)))
    if other:
        parts.append(tr("{n} 个其他文件", language).format(n=len(other)))
    return tr("、", language).join(parts)


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
    env = Environment(loader=TranslatingLoader(language), undefined=StrictUndefined,
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(yuan=yuan, month_cn=lambda month: month_label(month, language), lines=text_lines,
                       label=lambda value, kind: tr(LABELS[kind].get(value, value), language),
                       iso=lambda d: d.isoformat() if isinstance(d, dt.date) else str(d),
                       tr=lambda text: tr(text, language),
                       record_name=lambda path: record_name(path, language),
                       record_summary=lambda paths: record_summary(paths, language),
                       day_words=lambda day: day_label(str(day), language),
                       describe=lambda t: threshold_words(t, lambda text: tr(text, language), grouped=True),
                       stage=lambda name: stage_name(name, language),
                       count=count_words, days=days_words,
                       period=lambda label: period_words(label, lambda text: tr(text, language)))
    env.globals["lang"] = language
    return env
