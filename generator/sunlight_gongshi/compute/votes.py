"""Vote outcomes under Civil Code art. 278 and committee rules, in exact fractions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..model.decisions import CountVote, Decision, OwnersVote, Share

HALF, TWO_THIRDS, THREE_QUARTERS = Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)
MEASURES = ("members_for", "households_participated", "area_participated", "households_approved", "area_approved")


@dataclass(frozen=True)
class Threshold:
    """One threshold of a vote: `part` of `whole` against `needed` (strictly more, or at least).
    `what` names the measure (see `MEASURES`); the words for it live in checks and the site."""

    what: str
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


@dataclass(frozen=True)
class Outcome:
    passed: bool
    thresholds: tuple[Threshold, ...]
    eligible: tuple[int, Decimal] | None = None   # owners' votes: households and area that could vote

    @property
    def missed(self) -> tuple[Threshold, ...]:
        return tuple(t for t in self.thresholds if not t.met)


def count_outcome(vote: CountVote, strict: bool = True) -> Outcome:
    """A motion counted by members passes with half of all serving members (not of those present):
    at least half (`strict` False: 半数以上), or more than half (过半数)."""
    test = Threshold("members_for", vote.yes, vote.members, HALF, strict=strict)
    return Outcome(test.met, (test,))


def counts_strictly(body: str, majority: str) -> bool:
    """Whether a members' vote of `body` needs more than half: a committee needs at least half of all
    its members (指导规则 art. 38, 半数以上; `policy.committee_majority: more_than_half` where the
    community's rules say 过半数); joint meetings and councils, which no national rule counts,
    keep more than half."""
    return body != "committee" or majority == "more_than_half"


def owners_outcome(vote: OwnersVote, eligible: Share | tuple, matter: str) -> Outcome:
    """Double majority: participation of 2/3 by headcount and area, then approval by both
    (more than half, or at least three quarters for a major matter)."""
    households, area = (eligible.households, eligible.area_m2) if isinstance(eligible, Share) else eligible
    part, yes = vote.participated, vote.approved
    tests = [Threshold("households_participated", part.households, households, TWO_THIRDS, strict=False),
             Threshold("area_participated", part.area_m2, area, TWO_THIRDS, strict=False)]
    needed, strict = (THREE_QUARTERS, False) if matter == "major" else (HALF, True)
    tests += [Threshold("households_approved", yes.households, part.households, needed, strict),
              Threshold("area_approved", yes.area_m2, part.area_m2, needed, strict)]
    return Outcome(all(t.met for t in tests), tuple(tests), (households, area))


def outcome(decision: Decision, community_households: int, community_area: Decimal,
            majority: str = "at_least_half") -> Outcome | None:
    """The checked outcome of a decision's vote, or None when it records no vote; `majority` is
    `policy.committee_majority`."""
    vote = decision.vote
    if vote is None:
        return None
    if isinstance(vote, OwnersVote):
        eligible = vote.eligible or (community_households, community_area)
        return owners_outcome(vote, eligible, decision.matter)
    return count_outcome(vote, counts_strictly(decision.body, majority))
