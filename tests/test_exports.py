"""Exports are written by a fast copy of json's indenting encoder: the same bytes for every value."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from sunlight_gongshi.site.exports import Encoded, indented

SCALARS = st.none() | st.booleans() | st.integers(min_value=-10**20, max_value=10**20) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                      max_leaves=30)


@settings(max_examples=300)
@given(VALUES)
def test_indented_is_json_dumps_with_indent_1(value):
    assert indented(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_an_encoded_part_is_written_as_it_is():
    part = Encoded(indented({"month": "2025-01", "rows": [1, 2]}, "\n  "))
    whole = {"months": [{"month": "2025-01", "rows": [1, 2]}]}
    assert indented({"months": [part]}) == json.dumps(whole, ensure_ascii=False, indent=1)


def _community(tmp_path, files: dict, today: str) -> dict:
    import datetime as dt

    from builders import write_tree
    from sunlight_gongshi import __version__
    from sunlight_gongshi.compute.figures import compute
    from sunlight_gongshi.site.exports import community
    from sunlight_gongshi.validate import validate
    write_tree(tmp_path, files)
    records, problems = validate(tmp_path, use_cache=False)
    assert [p for p in problems if p.level == "error"] == []
    found = community(records, compute(records, dt.date.fromisoformat(today)))
    assert found["sunlight"] == __version__
    return found


LEAVES = """\
    body: committee
    name: 第一届业主委员会
    term: {from: 2024-01-01, to: 2026-12-31}
    members:
      - {name: 甲, role: chair}
      - {name: 乙, role: member, to: 2025-06-30}
      - {name: 丙, role: member}
      - {name: 丁, role: member}
      - {name: 戊, role: member}
    """


def test_community_json_counts_seats_on_the_first_day_and_members_serving_on_the_reference_date(tmp_path):
    found = _community(tmp_path, {"records/roster/committee.yml": LEAVES}, "2025-08-01")
    assert {k: v for k, v in found.items() if k != "sunlight"} == {
        "name": "测试小区", "neighbourhood": None, "households": 10, "area_m2": "1000.00",
        "reference_date": "2025-08-01",
        "committee": {"name": "第一届业主委员会", "from": "2024-01-01", "to": "2026-12-31", "serving": 4, "seats": 5}}


def test_community_json_after_the_term_counts_its_last_day(tmp_path):
    found = _community(tmp_path, {"records/roster/committee.yml": LEAVES}, "2027-03-01")
    assert found["committee"] == {"name": "第一届业主委员会", "from": "2024-01-01", "to": "2026-12-31", "serving": 4,
                                  "seats": 5}
    assert found["reference_date"] == "2027-03-01"


def test_community_json_names_the_latest_term_on_record_even_before_it_begins(tmp_path):
    nxt = ("body: committee\nname: 第二届业主委员会\nterm: {from: 2027-01-01, to: 2031-12-31}\nmembers:\n"
           + "".join(f"  - {{name: 新{n}, role: member}}\n" for n in "一二三四五六七"))
    found = _community(tmp_path, {"records/roster/next.yml": nxt}, "2026-11-01")
    assert found["committee"] == {"name": "第二届业主委员会", "from": "2027-01-01", "to": "2031-12-31", "serving": 7,
                                  "seats": 7}


def test_community_json_without_a_committee_roster(tmp_path):
    assert _community(tmp_path, {"records/roster/committee.yml": None}, "2025-01-01")["committee"] is None


_ROW = st.builds(lambda unit, score, rank, flag, vetoed: {"unit": unit, "score": score, "rank": rank,
                                                          "flag": flag, "vetoed": vetoed},
                 st.text(max_size=8), st.one_of(st.integers(-10**6, 10**6), st.decimals(allow_nan=False, places=2)),
                 st.one_of(st.none(), st.integers(1, 500)), st.booleans(), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=8), st.lists(_ROW, max_size=6))
def test_a_months_ranking_is_written_as_the_general_encoder_writes_it(month, rows):
    """The row-at-once writer of a month's ranking in rankings.json gives the general encoder's bytes,
    for any text, a missing rank and no rows; a score of another type goes the general way (which
    refuses it, as it refuses anything that is not an export value)."""
    from types import SimpleNamespace

    import pytest

    from sunlight_gongshi.site.exports import _encoded, _ranking_month, month_ranking_json
    ranking = SimpleNamespace(month=month, rows=[SimpleNamespace(**row) for row in rows])
    if all(type(row["score"]) is int for row in rows):
        written = month_ranking_json(ranking)
        assert written == _encoded(_ranking_month, ranking)
        assert json.loads(written) == {"month": month, "rows": rows}
    else:
        with pytest.raises(TypeError, match="not an export value: Decimal"):
            month_ranking_json(ranking)
