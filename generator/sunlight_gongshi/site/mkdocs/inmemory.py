"""Generated pages handed to MkDocs in memory (`File.generated`, MkDocs 1.6) instead of written into
the docs folder, read back by MkDocs and deleted with the work folder.

The build's output keeps the pages it made (`output.FullBuild.generated`); MkDocs runs in a child
forked from that process, which hands them over (`hand_over`) before MkDocs starts, and the hooks
add them to MkDocs' files (`with_generated`) in the order MkDocs would have found them on disk,
so the navigation, the sitemap and every page are what they were.  A page's text is let go once
MkDocs has read it (`read`).
"""

from __future__ import annotations

import posixpath

from mkdocs.structure.files import File, Files

_handed: dict[str, bytes] = {}
_ours: set[str] = set()


def hand_over(pages: dict[str, bytes]) -> None:
    """In MkDocs' process, before it starts: the pages to add to the docs folder's files."""
    _handed.clear()
    _handed.update(pages)
    _ours.clear()


def walk_order(file: File) -> tuple:
    """Where `get_files` puts a file: folders depth first by name, a folder's files before its
    folders, `index` and `README` first among them."""
    *folders, name = file.src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, posixpath.splitext(name)[0] not in ("index", "README"), name))


def with_generated(files: Files, config) -> Files:
    """Called from `on_files`: the docs folder's files with the handed pages among them."""
    if not _handed:
        return files
    made = []
    while _handed:   # each page's text is then held by its file only
        rel, text = _handed.popitem()
        made.append(File.generated(config, rel, content=text))
        _ours.add(rel)
    docs = [file for file in files if file.src_dir == config.docs_dir]
    theme = [file for file in files if file.src_dir != config.docs_dir]
    return Files(sorted(docs + made, key=walk_order) + theme)


def read(page) -> None:
    """Called from `on_page_markdown`: MkDocs has the page's text; its file lets go of its copy."""
    if page.file.src_uri in _ours:
        page.file.content_bytes = b""
