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


@pytest.mark.parametrize("tree", ["demo", "hostile", "odd"])
def test_front_matter_read_back_without_yaml_is_what_mkdocs_reads(tree, tmp_path):
    """Every generated page's front matter, read without YAML, is MkDocs' own reading of it."""
    from mkdocs.utils import meta as mkdocs_meta
    if tree == "demo":
        root = REPO
    else:
        root = tmp_path / "records-tree"
        write_tree(root, HOSTILE if tree == "hostile" else ODD)
    docs = _docs(root, tmp_path)
    sources = [path.read_text(encoding="utf-8") for path in sorted(docs.rglob("*.md"))]
    read = [docsfile.read_back(source) for source in sources]
    assert [found for found in read if found is not None] == [
        mkdocs_meta.get_data(source) for source, found in zip(sources, read) if found is not None]
    assert sum(found is not None for found in read) > (50 if tree == "demo" else 5)
    if tree == "hostile":   # its title, with a quote, a backslash-free payload and tags, is read as written
        assert any(found is not None and "&lt;script&gt;" in found[1]["title"] for found in read)


# Texts whose JSON is read by YAML as it is, and texts YAML reads otherwise (a line break of its
# own, a character its reader refuses) or JSON escapes (a control character): those go to YAML.
SAME = ["引号\"和反斜杠\\", "  前后空格  ", "--- 和 ... 和 # 号", "null", "yes", "1.0", "~", "😀 表情", "a: b", "{x}"]
TO_YAML = ["行\u2028分隔", "下一行\x85", "删除\x7f", "制表\t符", "铃\x07", "零宽\ufeff"]


@pytest.mark.parametrize("text", SAME + TO_YAML)
def test_a_value_is_read_back_as_yaml_reads_it_or_left_to_yaml(text):
    from mkdocs.utils import meta as mkdocs_meta
    source = docsfile.page_source(text, "<p>x</p>\n", {"description": text, "share_image": None})
    read = docsfile.read_back(source)
    if text in TO_YAML:
        assert read is None
        return
    assert read == mkdocs_meta.get_data(source) == ("<p>x</p>\n", {
        "title": text, "description": text, "share_image": None, "sunlight": "html", "search": {"exclude": True}})


def test_front_matter_not_as_sunlight_writes_it_is_left_to_yaml():
    for source in ["---\ntitle: \"x\"\n---\n\nno mark\n",                       # not Sunlight's page
                   "---\ntitle: \"x\"\ntitle: \"y\"\nsunlight: html\n---\n\nbody\n",   # a key twice
                   "---\ntitle: x\nsunlight: html\n---\n\nbody\n",             # not JSON
                   "---\ntitle: \"x\"\nsunlight: markdown\n---\n\nbody\n",     # another mark
                   "---\ntitle: 3\nsunlight: html\n---\n\nbody\n"]:            # not a text
        assert docsfile.read_back(source) is None, source
