"""A site written by MkDocs from two processes is the site one process writes, byte for byte."""

from __future__ import annotations

import filecmp
from pathlib import Path
from types import SimpleNamespace

from builders import REPO
from sunlight_gongshi.build import build
from sunlight_gongshi.site.mkdocs import parallel as mkparallel


def test_two_processes_write_the_same_site_as_one(tmp_path, monkeypatch):
    monkeypatch.setattr(mkparallel, "AT_LEAST", 1)   # the demo is small: split it anyway
    assert build(REPO, tmp_path / "two", use_cache=False)[1]
    monkeypatch.setattr(mkparallel, "AT_LEAST", 10**9)
    assert build(REPO, tmp_path / "one", use_cache=False)[1]
    two = {p.relative_to(tmp_path / "two").as_posix() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    one = {p.relative_to(tmp_path / "one").as_posix() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    assert two == one and len(one) > 100
    assert [f for f in sorted(one) if not filecmp.cmp(tmp_path / "two" / f, tmp_path / "one" / f, shallow=False)] == []


def test_a_plugin_or_hook_of_the_communitys_keeps_one_process():
    ours = str(Path(mkparallel.__file__).parent / "hooks.py")
    pages = [object()] * mkparallel.AT_LEAST
    assert mkparallel.eligible(SimpleNamespace(plugins={"material/search": 1, ours: 2}), pages)
    assert not mkparallel.eligible(SimpleNamespace(plugins={"material/search": 1, ours: 2}), pages[:-1])
    assert not mkparallel.eligible(SimpleNamespace(plugins={"material/search": 1, ours: 2, "material/tags": 3}), pages)
    assert not mkparallel.eligible(SimpleNamespace(plugins={"material/search": 1, ours: 2, "/c/hooks.py": 3}), pages)
