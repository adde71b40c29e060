"""Golden figures for rankings, balances and vote outcomes, plus property tests with hypothesis."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, strategies as st

from sunlight_gongshi.compute.rankings import competition_ranks, rank_month, rank_year
from sunlight_gongshi.compute.votes import owners_outcome
from sunlight_gongshi.model.fields import Invalid, Money
from sunlight_gongshi.model.community import Unit
from sunlight_gongshi.model.decisions import OwnersVote, Share
from sunlight_gongshi.model.scores import Event, Item, RubricVersion, ScoreMonth
from sunlight_gongshi.load.yamlread import parse

UNITS = tuple(Unit(f"u{i}", f"单元{i}", 1, Decimal(1)) for i in range(6))
V = RubricVersion("2024-01", 100, 2, 2, (Item("vol", "志愿", "志愿", 2), Item("mess", "卫生", "堆物", -3),
                                         Item("wire", "安全", "飞线", veto=True)))


def month(name, *events):
    return ScoreMonth(name, tuple(Event(u, item, None, count) for u, item, count in events))


def test_competition_ranks_share_and_skip():
    assert competition_ranks([9, 7, 7, 5, 5, 5, 1]) == [1, 2, 2, 4, 4, 4, 7]


def test_month_ranking_with_tie_at_the_flag_line_and_a_veto():
    ranking = rank_month(UNITS, V, month("2024-03", ("u0", "vol", 3), ("u1", "vol", 1), ("u2", "vol", 1),
                                         ("u3", "mess", 1), ("u4", "vol", 5), ("u4", "wire", 1)))
    rows = [(r.unit, r.score, r.rank, r.flag, r.vetoed) for r in ranking.rows]
    assert rows == [("u0", 106, 1, True, False), ("u1", 102, 2, True, False), ("u2", 102, 2, True, False),
                    ("u5", 100, 4, False, False), ("u3", 97, 5, False, False), ("u4", 110, None, False, True)]


def test_year_ranking_by_flags_then_total():
    march = rank_month(UNITS, V, month("2024-03", ("u0", "vol", 3), ("u1", "vol", 1)))
    april = rank_month(UNITS, V, month("2024-04", ("u1", "vol", 2), ("u2", "vol", 1), ("u0", "wire", 1)))
    year = rank_year(UNITS, "2024", [march, april])
    rows = [(r.unit, r.flags, r.total, r.rank, r.award) for r in year.rows]
    assert rows[:4] == [("u1", 2, 206, 1, True), ("u0", 1, 206, 2, True), ("u2", 1, 202, 3, False),
                        ("u3", 0, 200, 4, False)]


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_money_round_trips_exactly_as_text_and_as_yaml_number(amount):
    assert Money().convert(str(amount)) == amount
    value, _ = parse(f"amount: {amount}\n")
    assert Money().convert(value["amount"]) == amount


@given(st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e6"), places=3, allow_nan=False))
def test_money_with_three_decimals_is_refused_unless_the_third_is_zero(amount):
    try:
        result = Money().convert(f"{amount:.3f}")
    except Invalid:
        assert amount != amount.quantize(Decimal("0.01"))
    else:
        assert result == amount


shares = st.tuples(st.integers(0, 400), st.decimals(min_value=0, max_value=50000, places=2))


@given(shares, shares, shares, st.sampled_from(["ordinary", "major"]))
def test_owners_vote_equals_the_rule_in_fractions(eligible, part, yes, matter):
    vote = OwnersVote(Share(*part), Share(*yes))
    result = owners_outcome(vote, eligible, matter)

    def share(a, b):
        return Fraction(a) / Fraction(b) if b else None

    hh, area = share(part[0], eligible[0]), share(part[1], eligible[1])
    yes_hh, yes_area = share(yes[0], part[0]), share(yes[1], part[1])
    participation = hh is not None and area is not None and hh >= Fraction(2, 3) and area >= Fraction(2, 3)
    if matter == "major":
        approval = yes_hh is not None and yes_area is not None and yes_hh >= Fraction(3, 4) and yes_area >= Fraction(3, 4)
    else:
        approval = yes_hh is not None and yes_area is not None and yes_hh > Fraction(1, 2) and yes_area > Fraction(1, 2)
    assert result.passed == (participation and approval)


def test_money_moved_out_of_a_maintenance_fund_under_a_decision_shows_as_spent(tmp_path):
    """The issue's case: 200,000 moved out of the fund under a 50,000 cap showed 0.00 spent (format 1.2)."""
    from builders import month, write_tree
    from sunlight_gongshi.compute.balances import spent_by_decision
    from sunlight_gongshi.validate import validate
    accounts = ('accounts:\n  - {id: operating, name: 日常经费, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}\n'
                '  - {id: fund, name: 维修资金, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "300000.00"}\n'
                '  - {id: fund2, name: 维修资金二期, kind: maintenance_fund, opened: 2024-01-01, opening_balance: "0.00"}\n')
    entries = ("  - {id: t1, date: 2024-03-05, transfer: {from: fund, to: fund2}, amount: 200000, decision: 2024-001}\n"
               "  - {id: t2, date: 2024-03-06, transfer: {from: operating, to: fund2}, amount: 50, decision: 2024-001}\n"
               "  - {id: e1, date: 2024-03-07, account: operating, amount: -20, decision: 2024-001}\n")
    records = validate(write_tree(tmp_path, {"records/finance/accounts.yml": accounts,
                                             "records/finance/2024/2024-03.yml": month(entries)}), use_cache=False)[0]
    # out of the fund: spent; from the operating account into the fund: a move, not spending; the expense: spent
    assert spent_by_decision(records.months, records.accounts) == {"2024-001": Decimal("200020.00")}
