"""Words for computed values that both the checks' messages and the site use.

Compute returns values; a message for a committee member and a page for a resident say the
same thing in the same words, so the words live here once, in Simplified Chinese.  The site
passes its translation function; the checks use the words as they are.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Callable

from .compute.votes import HALF, THREE_QUARTERS, TWO_THIRDS, Threshold

MEASURE_WORDS = {
    "members_for": "赞成票占全体委员",
    "households_participated": "参与表决的户数",
    "area_participated": "参与表决的专有面积",
    "households_approved": "同意的户数占参与户数",
    "area_approved": "同意的面积占参与面积",
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
    return tr("{label} {part}/{whole}（{share}），需要{rule} {fraction}（{needed}）").format(
        label=tr(MEASURE_WORDS[t.what]), part=figure(t.part), whole=figure(t.whole), share=percent(t.share),
        rule=tr("超过" if t.strict else "至少"), fraction=FRACTIONS.get(t.needed, str(t.needed)),
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
        return tr("{year} 年第{q}季度").format(year=year, q=QUARTERS[int(part[1]) - 1], n=part[1])
    if part.startswith("H"):
        return tr("{year} 年上半年" if part == "H1" else "{year} 年下半年").format(year=year)
    return tr("{year} 年 {n} 月").format(year=year, n=int(part), mm=part)
