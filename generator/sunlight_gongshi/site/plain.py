"""Plain words for residents: a decision's answer ("业主大会表决通过") and one sentence of why.

The figures come from compute.votes; this module only says them the way a neighbour would.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..compute.votes import HALF, THREE_QUARTERS, TWO_THIRDS
from ..words import percent
from .words import tr
from .words import N_, Np_, ptr

FRACTION_WORDS = {HALF: N_("一半"), TWO_THIRDS: N_("三分之二"), THREE_QUARTERS: N_("四分之三")}
# Within a verdict (context "verdict"): what fell short, of what whole, and who voted.
SHORT = {"households_participated": Np_("verdict", "参与表决的户数"),
         "area_participated": Np_("verdict", "参与表决的面积"),
         "households_approved": Np_("verdict", "同意的户数"), "area_approved": Np_("verdict", "同意的面积"),
         "members_for": Np_("verdict", "赞成的委员")}
WHOLE = {"households_participated": Np_("verdict", "全体户数"),
         "area_participated": Np_("verdict", "全体业主的专有面积"),
         "households_approved": Np_("verdict", "参与户数"), "area_approved": Np_("verdict", "参与面积"),
         "members_for": Np_("verdict", "全体委员")}
BODY = {"committee": Np_("verdict", "业主委员会"), "owners_assembly": Np_("verdict", "业主大会"),
        "joint_meeting": Np_("verdict", "联席会议"), "council": Np_("verdict", "居民议事会")}


@dataclass(frozen=True)
class Verdict:
    kind: str       # yes | no | none
    head: str       # the answer, e.g. 业主大会表决通过
    why: str        # one sentence


def _words(fraction: Fraction, lang: str) -> str:
    return tr(FRACTION_WORDS.get(fraction, str(fraction)), lang)


def verdict(decision, result, lang: str) -> Verdict:
    """The answer to "did it pass?", worded for the decision's body and its first missed threshold."""
    body = ptr("verdict", BODY[decision.body], lang) if decision.body in BODY else decision.body
    if result is None:
        if decision.status == "proposed":
            return Verdict("none", tr("还没有表决", lang), tr("这项事项正在征求意见，表决以后这里会写明是否通过。", lang))
        return Verdict("none", tr("没有表决记录", lang),
                       tr("本站没有这项决定的表决票数，无法核对是否达到法定比例。", lang))
    if result.passed:
        last = result.thresholds[-1]
        fraction = _words(last.needed, lang)
        if len(result.thresholds) == 1:
            why = (tr("全体 {whole} 名委员中 {part} 人赞成，需要超过{fraction}。", lang) if last.strict
                   else tr("全体 {whole} 名委员中 {part} 人赞成，需要至少{fraction}。", lang)).format(
                whole=last.whole, part=last.part, fraction=fraction)
        else:
            why = (tr("参与表决的户数和面积都达到三分之二；同意的户数和面积都超过{fraction}（{share}、{share2}）。", lang)
                   if last.strict else
                   tr("参与表决的户数和面积都达到三分之二；同意的户数和面积都达到{fraction}（{share}、{share2}）。", lang)).format(
                fraction=fraction, share=percent(result.thresholds[-2].share), share2=percent(last.share))
        return Verdict("yes", tr("{body}表决通过", lang).format(body=body), why)
    missed = result.missed[0]
    words = dict(short=ptr("verdict", SHORT[missed.what], lang), whole=ptr("verdict", WHOLE[missed.what], lang),
                 share=percent(missed.share), fraction=_words(missed.needed, lang))
    if missed.strict:
        head = tr("未通过：{short}没有超过{fraction}", lang)
        why = tr("{short}只占{whole}的 {share}，需要超过{fraction}。", lang)
    else:
        head = tr("未通过：{short}不到{fraction}", lang)
        why = tr("{short}只占{whole}的 {share}，需要至少{fraction}。", lang)
    return Verdict("no", head.format(**words), why.format(**words))
