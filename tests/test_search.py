"""Sunlight's own search index: found by the right words, UTF-8, text snippets, bounded per page."""

from __future__ import annotations

import json
import re

import pytest

from builders import REPO, write_tree
from sunlight_gongshi.build import build
from sunlight_gongshi.site import search

ZWSP = "\u200b"


@pytest.fixture(scope="module")
def index(demo_site):
    raw = (demo_site / "search" / "search_index.json").read_bytes()
    return raw, json.loads(raw)


def entry(index, location):
    found = [d for d in index[1]["docs"] if d["location"] == location]
    assert len(found) == 1, location
    return found[0]


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\u200b]+", text) if w]


def test_the_index_is_utf8_in_materials_format_one_entry_per_page(index, demo_site):
    raw, data = index
    assert b"\\u" not in raw[raw.index(b'"docs"'):] and "防水".encode() in raw   # the separator is a regex
    assert set(data) == {"config", "docs"} and {"lang", "separator", "pipeline", "fields"} <= set(data["config"])
    pages = sorted(p.relative_to(demo_site).as_posix() for p in demo_site.rglob("*.html")
                   if not p.relative_to(demo_site).as_posix().startswith(("print/", "404")))
    assert sorted(d["location"] for d in data["docs"]) == pages
    assert all(set(d) == {"location", "title", "text"} for d in data["docs"])


def test_roof_decision_is_found_by_waterproofing_and_the_notice_by_water_cut(index):
    roof = entry(index, "decisions/2025-004.html")
    assert "防水" in words(roof["title"]) + words(roof["text"])
    notice = entry(index, "pages/notices/2026-10-water-outage.html")
    assert "停水" in words(notice["title"]) and "停水" in words(notice["text"])


def test_a_request_is_found_on_its_year_and_a_unit_by_who_answers_for_it(index):
    year = words(entry(index, "requests/2026.html")["text"])
    assert {"落叶", "雨水", "门锁"} <= set(year) and len(year) == len(set(year))
    assert entry(index, "requests/index.html")["text"] == ""   # the open ones are on their year's page
    unit = words(entry(index, "units/3-1.html")["text"])
    assert "阳沁" in unit and "支部书记" in unit


def test_snippets_are_text_not_markup_and_bulky_pages_give_each_word_once(index):
    for doc in index[1]["docs"]:
        assert "<" not in doc["text"] and "<" not in doc["title"], doc["location"]
    month = entry(index, "finance/2025-08.html")
    assert "账目" in words(month["title"]) and "防水" in words(month["text"])
    assert len(words(month["text"])) == len(set(words(month["text"])))
    ranking = words(entry(index, "rankings/2025-09.html")["text"])
    assert ranking and len(ranking) == len(set(ranking))
    assert entry(index, "decisions/index.html")["text"] == ""   # a list is found by its title


def test_what_the_history_folds_away_is_not_searched(tmp_path):
    assert search.html_text('<p>a</p><details class="x" data-search-exclude><summary>b</summary>c</details><p>d</p>') == "a d"


def test_a_page_kind_without_a_text_function_is_found_by_its_own_text_cut_short():
    body = "<p>" + "停水检修 " * 2000 + "&amp;</p>"
    text = search.html_text(body)
    assert words(text)[:2] == ["停水", "检修"] and len(text.replace(ZWSP, "")) <= search.TEXT_AT_MOST
    assert not text.endswith("&")


def test_record_text_is_escaped_for_the_search_results(tmp_path):
    write_tree(tmp_path, {**_tree(), "records/decisions/2024-001.yml":
                          "id: 2024-001\ntitle: 'a <b>x</b> & y'\ndate: 2024-02-01\nbody: committee\n"
                          "matter: ordinary\nstatus: decided\nsummary: '<script>alert(1)</script>'\n"})
    problems, built = build(tmp_path, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    data = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    doc = next(d for d in data["docs"] if d["location"] == "decisions/2024-001.html")
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in doc["title"] and "&lt;script&gt;" in doc["text"]
    assert "<script>" not in doc["text"]


def test_no_search_plugin_no_index(tmp_path):
    write_tree(tmp_path, {**_tree(), "mkdocs.yml": "site_name: x\nplugins:\n  - search:\n      enabled: false\n"})
    problems, built = build(tmp_path, tmp_path / "site", use_cache=False)
    assert built and not (tmp_path / "site" / "search" / "search_index.json").exists()


def _tree():
    from builders import BASE
    return dict(BASE)


def test_the_20_year_size_stays_small_per_page():
    """A month of a hundred entries that share their words costs their words once."""
    memos = [f"第 {n} 笔：楼道照明、门禁、监控和其他公共设施的日常维修费用" for n in range(100)]
    text = search.distinct_words(memos + ["维修"] * 100 + ["某某五金店（经营部）"] * 100)
    assert len(text.encode()) < 900 and words(text).count("楼道") == 1


def test_repository_demo_index_is_smaller_than_materials(index):
    assert len(index[0]) < 200_000 and (REPO / "records").is_dir()
