"""Generated pages skip Python-Markdown and come out exactly as Markdown would have made them."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from builders import REPO, write_tree
from sunlight_gongshi.compute.figures import compute
from sunlight_gongshi.site.mkdocs import docsfile
from sunlight_gongshi.site.mkdocs.htmlpages import HtmlPage, adopt
from sunlight_gongshi.site.pages import SiteInput, write_pages
from sunlight_gongshi.compute.reference import newest_record_date
from sunlight_gongshi.validate import validate
from test_hostile_site import TREE as HOSTILE

# Text Markdown would normalise: a tab, a Windows line end, a line of spaces, STX/ETX markers.
ODD = {**HOSTILE, "records/finance/2024/2024-03.yml":
       'month: 2024-03\nentries:\n  - {id: a1, date: 2024-03-05, account: operating, amount: -5, '
       'memo: "tab\\there \\r\\n   \\n\\u0002x\\u0003 end", decision: 2024-001}\nclosing:\n  operating: "95.00"\n'}


def _docs(root, tmp_path):
    records, problems = validate(root, use_cache=False)
    assert not [p for p in problems if p.level == "error"], problems
    docs = tmp_path / "docs"
    write_pages(docs, SiteInput(records, compute(records, newest_record_date(records))))
    return docs


def _config(docs, tmp_path):
    return load_config(config_file=None, docs_dir=str(docs), site_dir=str(tmp_path / "site"), site_name="x")


def _pages(docs, tmp_path):
    config = _config(docs, tmp_path)
    files = get_files(config)
    for file in files.documentation_pages():
        page = Page(None, file, config)
        page.read_source(config)
        yield config, files, page


@pytest.mark.parametrize("tree", ["demo", "hostile", "odd"])
def test_every_generated_page_is_what_markdown_makes_of_it(tree, tmp_path, monkeypatch):
    """MkDocs' Markdown on the page as Sunlight wrote it before (its raw body) gives what the fast
    path gives on the page as Sunlight writes it now."""
    if tree == "demo":
        root = REPO
    else:
        root = tmp_path / "records-tree"
        write_tree(root, HOSTILE if tree == "hostile" else ODD)
    fast_pages = {page.file.src_uri: (config, files, page) for config, files, page in _pages(_docs(root, tmp_path / "a"), tmp_path / "a")}
    monkeypatch.setattr(docsfile, "markdown_ready", lambda body: body)
    seen = 0
    for config, files, page in _pages(_docs(root, tmp_path / "b"), tmp_path / "b"):
        fast_config, fast_files, fast = fast_pages[page.file.src_uri]
        assert type(adopt(fast)) is HtmlPage and fast.meta["sunlight"] == "html"
        page.render(config, files)
        fast.render(fast_config, fast_files)
        assert fast.content == page.content, page.file.src_uri
        assert fast.toc.items == [] and page.toc.items == []
        assert fast.title == page.title
        seen += 1
    assert seen == len(fast_pages) > (50 if tree == "demo" else 5)


def test_a_page_sunlight_did_not_write_still_goes_through_markdown(tmp_path):
    docs = tmp_path / "docs"
    write_tree(docs, {"plugin-page.md": "# Hello\n\n**bold** and <b>raw</b>\n"})
    (config, files, page), = _pages(docs, tmp_path)
    adopt(page).render(config, files)
    assert page.content.startswith('<h1 id="hello">Hello</h1>') and "<strong>bold</strong>" in page.content
    assert page.title == "Hello" and [item.title for item in page.toc.items] == ["Hello"]
    assert page.present_anchor_ids == {"hello"}


def test_anchors_of_a_generated_page_are_read_from_its_html_when_asked(tmp_path):
    docs = _docs(REPO, tmp_path)
    for config, files, page in _pages(docs, tmp_path):
        if page.file.src_uri == "finance/2025-08.md":
            adopt(page).render(config, files)
            assert page.present_anchor_ids and all(a.startswith("2025-08") for a in page.present_anchor_ids)
            return
    pytest.fail("no finance/2025-08.md in the demo")


def test_pages_set_aside_from_the_search_plugin_come_out_as_the_plugin_would_leave_them(tmp_path, monkeypatch):
    """Material's search plugin is given no content of a page of Sunlight's to strip attributes from;
    every file of the built site is what the plugin's own pass gives, and its index still has the
    community's own pages."""
    import filecmp
    import json

    from sunlight_gongshi.build import build
    from sunlight_gongshi.site.mkdocs import htmlpages
    noted = tmp_path / "aside.txt"   # MkDocs runs in child processes: each page's fate goes into a file
    real = htmlpages.put_back

    def counted(page):
        with open(noted, "a", encoding="utf-8") as handle:
            handle.write(f"{id(page) in htmlpages._aside}\n")
        real(page)
    monkeypatch.setattr(htmlpages, "put_back", counted)
    assert build(REPO, tmp_path / "aside", use_cache=False)[1]
    monkeypatch.setattr(htmlpages, "ASIDE", False)
    assert build(REPO, tmp_path / "plugin", use_cache=False)[1]
    files = sorted(p.relative_to(tmp_path / "plugin").as_posix() for p in (tmp_path / "plugin").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "aside").as_posix() for p in (tmp_path / "aside").rglob("*") if p.is_file())
    assert [n for n in files if not filecmp.cmp(tmp_path / "aside" / n, tmp_path / "plugin" / n, shallow=False)] == []
    index = json.loads((tmp_path / "aside/search/search_index.json").read_text(encoding="utf-8"))
    assert {"pages/guide.html", "pages/about.html"} <= {doc["location"].split("#")[0] for doc in index["docs"]}
    aside = noted.read_text(encoding="utf-8").split()
    assert aside.count("True") > 100   # most of Sunlight's pages were set aside ...
    assert aside.count("False") >= 5   # ... not the community's own (about, guide, rules, two notices)
