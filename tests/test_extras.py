"""The core (validate, build, publish, verify, serve, init) needs none of the extras, and a command
that needs a missing extra says which to install, in Chinese, exit 2, no traceback.

Each case runs in a fresh interpreter where the extras' modules cannot be imported: a finder
first on sys.meta_path refuses them and notes every attempt.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from builders import REPO, write_tree

HEAVY = ("pandas", "numpy", "duckdb", "openpyxl", "xlrd", "pyarrow", "jsonschema_rs")
BLOCK = textwrap.dedent("""
    import sys
    attempts = []
    class Blocked:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {blocked!r}:
                attempts.append(name)
                raise ModuleNotFoundError(f"No module named {{name!r}} (blocked by the test)", name=name)
            return None
    sys.meta_path.insert(0, Blocked())
    """)


def run_blocked(code: str, blocked=HEAVY, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "generator"),
           "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run([sys.executable, "-c", BLOCK.format(blocked=tuple(blocked)) + textwrap.dedent(code)],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=600)


def test_the_block_works():
    done = run_blocked("import pandas")
    assert done.returncode == 1 and "blocked by the test" in done.stderr


def test_every_core_command_runs_without_any_extra(tmp_path):
    done = run_blocked(f"""
        import json, pkgutil, importlib, subprocess, sys
        import sunlight_gongshi
        from sunlight_gongshi.cli import main
        estate = {str(tmp_path / "estate")!r}
        codes = [main(["init", estate, "--name", "核心小区"]), main(["validate", "--root", estate]),
                 main(["build", "--root", estate])]
        subprocess.run(["git", "-C", estate, "add", "-A"], check=True)
        subprocess.run(["git", "-C", estate, "commit", "-qm", "x"], check=True)
        codes += [main(["publish", "--root", estate, "--branch", "pages"])]
        subprocess.run(["git", "-C", estate, "worktree", "add", "-q", estate + "-pages", "pages"], check=True)
        codes += [main(["verify", "--root", estate, estate + "-pages"]), main(["schema"]),
                  main(["explain", "E-BALANCE"]), main(["reference"]), main(["upgrade", "--root", estate])]
        modules = [m.name for m in pkgutil.walk_packages(sunlight_gongshi.__path__, "sunlight_gongshi.")
                   if not m.name.startswith("sunlight_gongshi.portal.") and not m.name.endswith(".__main__")]
        for name in modules:
            importlib.import_module(name)
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})
        print(json.dumps({{"codes": codes, "attempts": attempts, "loaded": loaded, "modules": len(modules)}}))
        """)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["codes"] == [0] * 9, done.stderr[-3000:]
    assert result["attempts"] == [] and result["loaded"] == []
    assert result["modules"] > 80      # the walk imported the whole core


def test_portal_without_its_extra_says_which_to_install(tmp_path):
    (tmp_path / "registry.yml").write_text("estates: []\n", encoding="utf-8")
    done = run_blocked("""
        import sys
        from sunlight_gongshi.cli import main
        sys.exit(main(["portal", "registry.yml"]))
        """, blocked=("duckdb",), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("sunlight: 生成总览网站（sunlight portal）需要 Sunlight 的可选部分 [portal]（缺少 duckdb），"
                           "这里还没有安装；请先运行：pip install 'sunlight-gongshi[portal]'\n")


@pytest.mark.parametrize("sheet, missing, task", [("books.xlsx", "openpyxl", "读 Excel 表格（.xlsx）"),
                                                   ("old.xls", "xlrd", "读旧版 Excel 表格（.xls）")])
def test_importing_a_workbook_without_its_extra_says_which_to_install(tmp_path, sheet, missing, task):
    write_tree(tmp_path, {})
    shutil.copy(REPO / "tests/sheets" / sheet, tmp_path / sheet)
    done = run_blocked(f"""
        import sys
        from sunlight_gongshi.cli import main
        sys.exit(main(["import", "ledger", {sheet!r}, "--account", "operating"]))
        """, blocked=(missing,), cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"sunlight: {task}需要 Sunlight 的可选部分 [import]（缺少 {missing}），这里还没有安装；"
                           "请先运行：pip install 'sunlight-gongshi[import]'\n")


def test_a_csv_ledger_needs_no_extra(tmp_path):
    write_tree(tmp_path, {})
    (tmp_path / "parking.csv").write_text("日期,摘要,收入\n2024-03-05,临时停车,10\n", encoding="utf-8")
    done = run_blocked("""
        import sys
        from sunlight_gongshi.cli import main
        sys.exit(main(["import", "ledger", "parking.csv", "--account", "revenue"]))
        """, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "导入完成：新记 1 笔" in done.stderr


def test_the_lock_pins_every_dependency_of_the_core_and_of_every_extra():
    import tomllib
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    wanted += [Requirement(r) for extra in project["optional-dependencies"].values() for r in extra]
    names = {canonicalize_name(r.name) for r in wanted} - {"sunlight-gongshi"}
    pinned = {}
    for line in (REPO / ".ci/constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(";")[0].strip().split("==")
            pinned[canonicalize_name(name)] = version
    assert sorted(names - set(pinned)) == []
    for r in wanted:
        if canonicalize_name(r.name) in pinned:
            assert r.specifier.contains(pinned[canonicalize_name(r.name)], prereleases=True), (r, pinned[r.name])
    assert set(project["optional-dependencies"]) == {"import", "portal", "test"}
    assert "--all-extras" in (REPO / ".ci/constraints.txt").read_text(encoding="utf-8").splitlines()[1]
