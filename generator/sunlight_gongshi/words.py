"""Words for computed values that both the checks' messages and the site use.

Compute returns values; a message for a committee member and a page for a resident say the
same thing in the same words, so the words live here once, in Simplified Chinese.  The site
passes its translation function; the checks use the words as they are.  Each message is a
whole phrase, so that the site's catalogues (site/words) translate it whole.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Callable

from .compute.votes import HALF, THREE_QUARTERS, TWO_THIRDS, Threshold
from .marks import N_


MEASURE_WORDS = {
    "members_for": N_("赞成票占全体委员"),
    "households_participated": N_("参与表决的户数"),
    "area_participated": N_("参与表决的专有面积"),
    "households_approved": N_("同意的户数占参与户数"),
    "area_approved": N_("同意的面积占参与面积"),
}
FRACTIONS = {HALF: "1/2", TWO_THIRDS: "2/3", THREE_QUARTERS: "3/4"}


def percent(share: Fraction) -> str:
    """A fraction as a percentage with two decimals, for display only (rounded half up)."""
    value = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    return f"{value.quantize(Decimal('0.01'), rounding='ROUND_HALF_UP')}%"


def threshold_words(t: Threshold, tr: Callable[[str], str] = str, grouped: bool = False) -> str:
    """A threshold spelled out, e.g. 参与表决的户数 200/278（71.94%），需要至少 2/3（66.67%）.
    Checks show the figures as the committee typed them, so they can be found in the file;
    the site groups thousands for residents (14,600.00/21,500.00)."""
    figure = "{:,}".format if grouped else str
    sentence = (tr("{label} {part}/{whole}（{share}），需要超过 {fraction}（{needed}）") if t.strict
                else tr("{label} {part}/{whole}（{share}），需要至少 {fraction}（{needed}）"))
    return sentence.format(label=tr(MEASURE_WORDS[t.what]), part=figure(t.part), whole=figure(t.whole),
                           share=percent(t.share), fraction=FRACTIONS.get(t.needed, str(t.needed)),
                           needed=percent(t.needed))


QUARTERS = "一二三四"


def period_words(label: str, tr: Callable[[str], str] = str) -> str:
    """A disclosure period written for residents: 2024-03 -> 2024 年 3 月, 2023-Q2 -> 2023 年第二季度,
    2024-H1 -> 2024 年上半年, 2024 -> 2024 年."""
    year = label[:4]
    if len(label) == 4:
        return tr("{year} 年").format(year=year)
    part = label[5:]
    if part.startswith("Q"):
        # TRANSLATORS: {q} is the quarter in Chinese numerals (二); {n} is the same as a digit (2).
        return tr("{year} 年第{q}季度").format(year=year, q=QUARTERS[int(part[1]) - 1], n=part[1])
    if part.startswith("H"):
        return (tr("{year} 年上半年") if part == "H1" else tr("{year} 年下半年")).format(year=year)
    # TRANSLATORS: {n} is the month's number (3); {mm} is the same with two digits (03).
    return tr("{year} 年 {n} 月").format(year=year, n=int(part), mm=part)
