"""Vote outcomes under Civil Code art. 278 and committee rules, in exact fractions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..model.decisions import CountVote, Decision, OwnersVote, Share

HALF, TWO_THIRDS, THREE_QUARTERS = Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)


def percent(share: Fraction) -> str:
    """A fraction as a percentage with two decimals, for display only (rounded half up)."""
    value = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    return f"{value.quantize(Decimal('0.01'), rounding='ROUND_HALF_UP')}%"


@dataclass(frozen=True)
class Test:
    """One threshold of a vote: `part` of `whole` against `needed` (strictly more, or at least)."""

    label: str
    part: object
    whole: object
    needed: Fraction
    strict: bool

    @property
    def share(self) -> Fraction:
        return Fraction(self.part) / Fraction(self.whole) if self.whole else Fraction(0)

    @property
    def met(self) -> bool:
        if not self.whole:
            return False
        return self.share > self.needed if self.strict else self.share >= self.needed

    def describe(self, language: str = "zh") -> str:
        """The test spelled out, e.g. 参与表决的户数 200/278（71.94%），需要至少 2/3（66.67%）."""
        from ..site.i18n import tr
        fraction = {HALF: "1/2", TWO_THIRDS: "2/3", THREE_QUARTERS: "3/4"}.get(self.needed, str(self.needed))
        return tr("{label} {part}/{whole}（{share}），需要{rule} {fraction}（{needed}）", language).format(
            label=tr(self.label, language), part=self.part, whole=self.whole, share=percent(self.share),
            rule=tr("超过" if self.strict else "至少", language), fraction=fraction, needed=percent(self.needed))


@dataclass(frozen=True)
class Outcome:
    passed: bool
    tests: tuple[Test, ...]

    @property
    def missed(self) -> tuple[Test, ...]:
        return tuple(t for t in self.tests if not t.met)


def count_outcome(vote: CountVote) -> Outcome:
    """A committee passes a motion with more than half of all serving members, not of those present."""
    test = Test("赞成票占全体委员", vote.yes, vote.members, HALF, strict=True)
    return Outcome(test.met, (test,))


def owners_outcome(vote: OwnersVote, eligible: Share | tuple, matter: str) -> Outcome:
    """Double majority: participation of 2/3 by headcount and area, then approval by both."""
    households, area = (eligible.households, eligible.area_m2) if isinstance(eligible, Share) else eligible
    part, yes = vote.participated, vote.approved
    tests = [Test("参与表决的户数", part.households, households, TWO_THIRDS, strict=False),
             Test("参与表决的专有面积", part.area_m2, area, TWO_THIRDS, strict=False)]
    if matter == "major":
        tests += [Test("同意的户数占参与户数", yes.households, part.households, THREE_QUARTERS, strict=False),
                  Test("同意的面积占参与面积", yes.area_m2, part.area_m2, THREE_QUARTERS, strict=False)]
    else:
        tests += [Test("同意的户数占参与户数", yes.households, part.households, HALF, strict=True),
                  Test("同意的面积占参与面积", yes.area_m2, part.area_m2, HALF, strict=True)]
    return Outcome(all(t.met for t in tests), tuple(tests))


def outcome(decision: Decision, community_households: int, community_area: Decimal) -> Outcome | None:
    """The checked outcome of a decision's vote, or None when it records no vote."""
    vote = decision.vote
    if vote is None:
        return None
    if isinstance(vote, OwnersVote):
        eligible = vote.eligible or (community_households, community_area)
        return owners_outcome(vote, eligible, decision.matter)
    return count_outcome(vote)
