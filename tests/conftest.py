"""Fixtures shared by the tests; builders and probes live in builders.py and probes.py."""

from __future__ import annotations

import pytest

from builders import REPO, write_tree
from sunlight_gongshi.validate import validate


@pytest.fixture
def tree(tmp_path):
    """Call with overrides; returns the sorted problems of validating that tree."""

    def run(files: dict[str, str | bytes | None] | None = None):
        write_tree(tmp_path, files or {})
        return validate(tmp_path, use_cache=False)[1]

    return run


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The repository's demo community built once into a temporary folder."""
    from sunlight_gongshi.build import build
    out = tmp_path_factory.mktemp("demo") / "site"
    problems, built = build(REPO, out, use_cache=False)
    assert built, [p.text() for p in problems]
    return out


@pytest.fixture(scope="session")
def replayed(tmp_path_factory):
    """The demo's history replayed as a diligent committee kept it (demo/replay.py), once."""
    import sys
    sys.path.insert(0, str(REPO / "demo"))
    import replay
    return replay.replay(tmp_path_factory.mktemp("replay") / "qingchuan")


@pytest.fixture(scope="session")
def replayed_site(replayed, tmp_path_factory):
    """The published demo: the site built from the replayed repository."""
    from sunlight_gongshi.build import build
    out = tmp_path_factory.mktemp("replayed") / "site"
    problems, built = build(replayed, out, use_cache=False)
    assert built, [p.text() for p in problems]
    return out
