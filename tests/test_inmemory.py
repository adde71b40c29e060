"""Pages handed to MkDocs in memory make the site that pages written into the docs folder make,
byte for byte (navigation, sitemap, search and every page), and no page is written to disk."""

from __future__ import annotations

import filecmp

from builders import REPO, write_tree
from sunlight_gongshi.build import build
from sunlight_gongshi.site.mkdocs import engine, inmemory
from sunlight_gongshi.site.output import output as outputs
from test_hostile_site import TREE as HOSTILE


def _through_disk(self, docs, first, second, shared=lambda: None):
    """`FullBuild.make_docs` as it was: every page a file in the docs folder."""
    shared()
    self.pages = None
    outputs.in_parallel(first, second)
    return []


def _files(site):
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _compare(root, tmp_path, monkeypatch):
    handed = []
    real = engine.run_mkdocs

    def run_mkdocs(overrides, *args, **kwargs):
        docs = __import__("pathlib").Path(overrides["docs_dir"])
        handed.append(sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")))
        return real(overrides, *args, **kwargs)

    monkeypatch.setattr("sunlight_gongshi.build.run_mkdocs", run_mkdocs)
    assert build(root, tmp_path / "memory", use_cache=False)[1]
    monkeypatch.setattr(outputs.FullBuild, "make_docs", _through_disk)
    assert build(root, tmp_path / "disk", use_cache=False)[1]
    memory, disk = _files(tmp_path / "memory"), _files(tmp_path / "disk")
    assert memory == disk
    assert [f for f in sorted(disk) if not filecmp.cmp(tmp_path / "memory" / f, tmp_path / "disk" / f, shallow=False)] == []
    assert handed[0] == [] and len(handed[1]) > 20   # in memory, the docs folder held no page
    return disk


def test_the_demo_in_memory_is_the_demo_through_disk(tmp_path, monkeypatch):
    assert len([f for f in _compare(REPO, tmp_path, monkeypatch) if f.endswith(".html")]) > 100


def test_a_hostile_tree_with_a_content_page_in_memory_is_the_same(tmp_path, monkeypatch):
    root = tmp_path / "tree"
    write_tree(root, {**HOSTILE, "content/README.md": "# 说明\n\n文字。\n", "content/notices/index.md": "# 通知\n"})
    _compare(root, tmp_path, monkeypatch)


def test_files_are_put_where_mkdocs_finds_them_on_disk():
    names = ["b.md", "a/z.md", "index.md", "a/index.md", "a/b/c.md", "README.md", "c.md", "a/y/index.md"]
    files = [type("F", (), {"src_uri": name})() for name in names]
    assert [f.src_uri for f in sorted(files, key=inmemory.walk_order)] == \
        ["README.md", "index.md", "b.md", "c.md", "a/index.md", "a/z.md", "a/b/c.md", "a/y/index.md"]
