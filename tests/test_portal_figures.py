"""The portal's rankings: exact shares, equal shares sharing a rank (1, 1, 3), fewer overdue first."""

from __future__ import annotations

from collections import Counter

from sunlight_gongshi.portal.figures import Summary, rank_timeliness


def summary(on_time: int, late: int, overdue: int) -> Summary:
    return Summary(estates=1, disclosure=Counter(on_time=on_time, late=late, overdue=overdue))


def test_timeliness_ranks_exact_shares_and_shares_equal_ranks():
    summaries = {"a": summary(1, 1, 0), "b": summary(2, 1, 1), "c": summary(2, 2, 0), "d": summary(1, 2, 0),
                 "e": summary(0, 0, 0), "f": summary(1, 0, 0), "g": summary(333_333_333, 666_666_667, 0),
                 "h": summary(1, 2, 0)}
    ranked, unranked = rank_timeliness(summaries)
    # f 1/1; a and c 1/2 (c's 2/4 is the same share); b 2/4 with one overdue; d and h 1/3; g just under 1/3
    assert [(r.rank, r.estate) for r in ranked] == [(1, "f"), (2, "a"), (2, "c"), (4, "b"), (5, "d"), (5, "h"),
                                                     (7, "g")]
    assert unranked == ["e"]
