"""Plain words for residents: a decision's answer ("业主大会表决通过") and one sentence of why.

The figures come from compute.votes; this module only says them the way a neighbour would.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..compute.votes import HALF, THREE_QUARTERS, TWO_THIRDS
from ..words import percent
from .i18n import tr

FRACTION_WORDS = {HALF: "一半", TWO_THIRDS: "三分之二", THREE_QUARTERS: "四分之三"}
SHORT = {"households_participated": "参与表决的户数", "area_participated": "参与表决的面积",
         "households_approved": "同意的户数", "area_approved": "同意的面积", "members_for": "赞成的委员"}
WHOLE = {"households_participated": "全体户数", "area_participated": "全体业主的专有面积",
         "households_approved": "参与户数", "area_approved": "参与面积", "members_for": "全体委员"}
BODY = {"committee": "业主委员会", "owners_assembly": "业主大会", "joint_meeting": "联席会议", "council": "居民议事会"}


@dataclass(frozen=True)
class Verdict:
    kind: str       # yes | no | none
    head: str       # the answer, e.g. 业主大会表决通过
    why: str        # one sentence


def _words(fraction: Fraction, lang: str) -> str:
    return tr(FRACTION_WORDS.get(fraction, str(fraction)), lang)


def _needed(test, lang: str) -> str:
    rule = "超过" if test.strict else "至少"
    return tr("需要{rule}{fraction}", lang).format(rule=tr(rule, lang), fraction=_words(test.needed, lang))


def verdict(decision, result, lang: str) -> Verdict:
    """The answer to "did it pass?", worded for the decision's body and its first missed threshold."""
    body = tr(BODY.get(decision.body, decision.body), lang)
    if result is None:
        if decision.status == "proposed":
            return Verdict("none", tr("还没有表决", lang), tr("这项事项正在征求意见，表决以后这里会写明是否通过。", lang))
        return Verdict("none", tr("没有表决记录", lang),
                       tr("本站没有这项决定的表决票数，无法核对是否达到法定比例。", lang))
    if result.passed:
        last = result.thresholds[-1]
        if len(result.thresholds) == 1:
            why = tr("全体 {whole} 名委员中 {part} 人赞成，{needed}。", lang).format(
                whole=last.whole, part=last.part, needed=_needed(last, lang))
        else:
            why = tr("参与表决的户数和面积都达到三分之二；同意的户数和面积都{rule}{fraction}（{share}、{share2}）。", lang).format(
                rule=tr("超过" if last.strict else "达到", lang), fraction=_words(last.needed, lang),
                share=percent(result.thresholds[-2].share), share2=percent(last.share))
        return Verdict("yes", tr("{body}表决通过", lang).format(body=body), why)
    missed = result.missed[0]
    short = tr(SHORT.get(missed.what, missed.what), lang)
    head = tr("未通过：{short}{gap}{fraction}", lang).format(
        short=short, gap=tr("没有超过" if missed.strict else "不到", lang), fraction=_words(missed.needed, lang))
    why = tr("{short}只占{whole}的 {share}，{needed}。", lang).format(
        short=short, whole=tr(WHOLE.get(missed.what, ""), lang), share=percent(missed.share),
        needed=_needed(missed, lang))
    return Verdict("no", head, why)
