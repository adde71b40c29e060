"""Pages stamped into a shell per kind come out as the theme renders them, byte for byte, on every
page type: the demo (zh), a hostile tree (titles and text that need escaping), and a site with a
canonical address, an edit link, directory URLs and another language; with one MkDocs process
and with two."""

from __future__ import annotations

import filecmp
import re

import pytest

from builders import REPO, write_tree
from sunlight_gongshi.build import build
from sunlight_gongshi.site.mkdocs import parallel as mkparallel
from sunlight_gongshi.site.mkdocs import stamping
from sunlight_gongshi.site.mkdocs.shell import Shell
from test_hostile_site import TREE as HOSTILE

SETTINGS = ("site_name: 某某小区\nsite_url: https://example.org/a/\nrepo_url: https://example.org/git/a\n"
            "edit_uri: edit/main/docs/\nuse_directory_urls: true\n")


def _files(site):
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _both(root, tmp_path, monkeypatch, two: bool):
    monkeypatch.setattr(mkparallel, "AT_LEAST", 1 if two else 10**9)
    shells = tmp_path / "shells"   # MkDocs runs in a child: it counts the shells in a file
    real = stamping.Shell

    def counting(*args, **kwargs):
        with open(shells, "a", encoding="utf-8") as handle:
            handle.write("shell\n")
        return real(*args, **kwargs)
    monkeypatch.setattr(stamping, "Shell", counting)
    assert build(root, tmp_path / "stamped", use_cache=False)[1]
    monkeypatch.setattr(stamping, "ENABLED", False)
    assert build(root, tmp_path / "theme", use_cache=False)[1]
    stamped, theme = _files(tmp_path / "stamped"), _files(tmp_path / "theme")
    assert stamped == theme
    counted = shells.read_text(encoding="utf-8").count("shell") if shells.exists() else 0
    return counted, [f for f in sorted(theme) if not filecmp.cmp(tmp_path / "stamped" / f, tmp_path / "theme" / f,
                                                                shallow=False)]


def _kinds(site):
    """The kinds of page a shell serves: (folder, share picture) of every page but an index (each
    page has its own title, description and share title: those are stamped, not rendered)."""
    kinds, pages = set(), 0
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if "/" not in rel or rel.startswith(("print/", "assets/", "search/")) or path.name == "index.html":
            continue
        picture = re.search(r'<img class="sl-share" src="([^"]*)"', path.read_text(encoding="utf-8"))
        kinds.add((path.parent.relative_to(site).as_posix(), picture and picture.group(1)))
        pages += 1
    return kinds, pages


@pytest.mark.parametrize("two", [False, True])
def test_the_demo_stamped_is_the_demo_rendered(tmp_path, monkeypatch, two):
    counted, differ = _both(REPO, tmp_path, monkeypatch, two)
    assert differ == []
    kinds, pages = _kinds(tmp_path / "stamped")
    # The theme renders a shell once per kind of page in each MkDocs process (a kind is at most two
    # shells: with and without a share title of its own), not once per page.
    assert 10 <= counted <= 2 * len(kinds) * (2 if two else 1) < pages / 2, (counted, len(kinds), pages)


def test_hostile_titles_and_another_setup_stamped_are_rendered(tmp_path, monkeypatch):
    root = tmp_path / "tree"
    write_tree(root, {**HOSTILE, "mkdocs.yml": SETTINGS})
    counted, differ = _both(root, tmp_path, monkeypatch, True)
    assert differ == []
    assert counted


def test_a_shell_is_cut_at_its_placeholders_and_refuses_a_body_twice():
    shell = Shell("<title>T - x</title><p>S.html</p>B<i>T</i>", {"title": "T", "stem": "S", "body": "B"})
    assert shell.stamp(title="甲 T", stem="D-1", body="<p>B S</p>") == \
        "<title>甲 T - x</title><p>D-1.html</p><p>B S</p><i>甲 T</i>"
    with pytest.raises(ValueError):
        Shell("B and B", {"body": "B"})
