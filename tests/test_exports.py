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
