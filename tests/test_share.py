"""What a shared decision says (site/share.py): the outcome before the title, and for a rejected one
the figure that fell short and the share it needed, in the issue's own example."""

from fractions import Fraction
from types import SimpleNamespace as Record

from sunlight_gongshi.site.share import outcome

PLAN = Record(title="将东侧绿地改建为停车位", status="rejected", body="owners_assembly", stages=(), matter="major")


def short_of(what: str, share: Fraction, needed: Fraction, strict: bool = False):
    missed = Record(what=what, share=share, needed=needed, strict=strict, met=False)
    return Record(passed=False, thresholds=(missed,), missed=(missed,))


def test_a_plan_rejected_for_too_few_taking_part_says_so_first():
    assert outcome(PLAN, short_of("households_participated", Fraction(58, 100), Fraction(2, 3)), "zh") == (
        "未通过：将东侧绿地改建为停车位（参与表决的户数 58.00%，不到三分之二）", "将东侧绿地改建为停车位（未通过）")


def test_a_plan_that_needed_more_than_half_says_it_did_not_exceed_half():
    assert outcome(PLAN, short_of("area_approved", Fraction(1, 2), Fraction(1, 2), strict=True), "zh")[0] == \
        "未通过：将东侧绿地改建为停车位（同意的面积 50.00%，没有超过一半）"


def test_a_plan_not_yet_voted_on_says_so():
    proposed = Record(**{**vars(PLAN), "status": "proposed"})
    assert outcome(proposed, None, "zh")[0].endswith("：将东侧绿地改建为停车位（还没有表决）")
