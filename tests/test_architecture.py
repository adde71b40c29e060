"""The architecture document matches the package, and each record kind's place is written once."""

from __future__ import annotations

import re

from builders import REPO
from sunlight_gongshi.model.kinds import KINDS, Folder, Monthly

PACKAGE = REPO / "generator" / "sunlight_gongshi"
DOC = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")


def parts_of_the_package() -> list[str]:
    """Each folder of the package (its name and a slash: pages/, output/) and each module at its top."""
    folders = {p.name + "/" for p in PACKAGE.rglob("*") if p.is_dir() and p.name != "__pycache__"
               and ((p / "__init__.py").exists() or p.parent == PACKAGE / "site")}
    modules = {p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")}
    return sorted(folders | modules)


def unnamed(names: list[str], doc: str) -> list[str]:
    return [name for name in names if not re.search(r"(?<!\w)" + re.escape(name), doc)]


def test_the_architecture_names_every_folder_and_module_of_the_package():
    names = parts_of_the_package()
    assert {"site/", "pages/", "mkdocs/", "output/", "templates/", "importing/", "visible.py", "timing.py"} <= set(names)
    assert unnamed(["parking/", "kinds.py"], "model/kinds.py") == ["parking/"]   # the search itself works
    assert unnamed(names, DOC) == [], "name these in docs/architecture.md"


def test_no_module_but_the_declaration_writes_where_a_kind_is_filed():
    places = [f"records/{kind.place.name}/" for kind in KINDS if isinstance(kind.place, (Folder, Monthly))]
    places += [f"records/{kind.place.rel}" for kind in KINDS if not isinstance(kind.place, (Folder, Monthly))]
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "model" / "kinds.py":
            continue
        text = path.read_text(encoding="utf-8")
        hits = [place for place in places if re.search(r"[\"'f]" + re.escape(place), text)]
        if hits:
            found[path.relative_to(PACKAGE).as_posix()] = hits
    assert "records/finance/" in places and "records/finance/accounts.yml" in places
    assert found == {}, "name these places through model/kinds.py"
