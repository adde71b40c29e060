"""The wheel is complete: installed into a fresh virtualenv far from the source tree, it makes a
community, checks, builds, publishes and verifies it; and that community's own check.yml steps
pass when its pinned requirement is installed from a local wheel index.

SUNLIGHT_WHEEL=path/to.whl tests a wheel built elsewhere (the release workflow tests the very
file it publishes); otherwise the wheel is built here from a copy of the package's sources.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from builders import REPO
from sunlight_gongshi import __version__

pytestmark = pytest.mark.network   # pip builds the wheel and installs its dependencies from PyPI

WHEEL_SIZE_LIMIT = 1_000_000   # bytes: templates, skeleton and code; a bundled site or test tree would blow it


def run(args, cwd, env, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


def clean_env(**extra) -> dict:
    """The environment of a machine that has never seen the source tree."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PIP_REQUIRE_VIRTUALENV")
           and not k.startswith("SUNLIGHT_")}
    env.update(GIT_AUTHOR_NAME="测试", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="测试",
               GIT_COMMITTER_EMAIL="t@example.org", PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    given = os.environ.get("SUNLIGHT_WHEEL")
    if given:
        return Path(given).resolve()
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"   # a copy, so the build writes no build/ or *.egg-info into the checkout
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(work / "dist"), str(source)],
        cwd=work, env=clean_env())
    (found,) = (work / "dist").glob("*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory):
    """A fresh virtualenv (no system site-packages) with the wheel and its dependencies installed."""
    home = tmp_path_factory.mktemp("installed")
    run([sys.executable, "-m", "venv", str(home / "venv")], cwd=home, env=clean_env())
    bin_dir = home / "venv" / "bin"
    env = clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    run([bin_dir / "python", "-m", "pip", "install", "--quiet", "--no-compile", str(wheel)], cwd=home, env=env)
    return home, bin_dir, env


def test_the_wheel_holds_one_import_package_with_its_data_and_nothing_else(wheel):
    assert wheel.name == f"sunlight_gongshi-{__version__}-py3-none-any.whl"
    assert wheel.stat().st_size < WHEEL_SIZE_LIMIT
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"sunlight_gongshi", f"sunlight_gongshi-{__version__}.dist-info"}
    for needed in ("sunlight_gongshi/site/templates/home.md.j2", "sunlight_gongshi/site/assets/sunlight.css",
                   "sunlight_gongshi/scaffold/skeleton/github/workflows/check.yml",
                   "sunlight_gongshi/scaffold/skeleton/records/files/.gitkeep",
                   "sunlight_gongshi/scaffold/empty/records/roster/.gitkeep",
                   "sunlight_gongshi/reference/codes.yml", "sunlight_gongshi/reference/kinds.yml",
                   "sunlight_gongshi/reference/records.md.j2", "sunlight_gongshi/site/mkdocs/hooks.py"):
        assert needed in names, needed
    package = REPO / "generator"
    sources = {p.relative_to(package).as_posix() for p in (package / "sunlight_gongshi").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert sorted(sources - set(names)) == []   # every module and data file of the package
    assert not [n for n in names if "__pycache__" in n or n.startswith("sunlight_gongshi/tests")]
    metadata = zipfile.ZipFile(wheel).read(f"sunlight_gongshi-{__version__}.dist-info/entry_points.txt").decode()
    assert "sunlight = sunlight_gongshi.cli:main" in metadata


def test_the_installed_wheel_inits_validates_builds_publishes_and_verifies(venv):
    home, bin_dir, env = venv
    where = run([bin_dir / "python", "-c", "import sunlight_gongshi; print(sunlight_gongshi.__file__)"],
                cwd=home, env=env).stdout.strip()
    assert Path(where).is_relative_to(home / "venv"), where          # not the source tree, not an editable install
    assert run(["sunlight", "--version"], cwd=home, env=env).stdout.strip() == f"sunlight {__version__}"

    run(["sunlight", "init", "estate", "--name", "轮子小区"], cwd=home, env=env)
    estate = home / "estate"
    run(["sunlight", "validate"], cwd=estate, env=env)
    run(["sunlight", "build"], cwd=estate, env=env)
    assert "轮子小区" in (estate / "site/index.html").read_text(encoding="utf-8")

    run(["git", "add", "-A"], cwd=estate, env=env)
    run(["git", "commit", "-qm", "建立仓库"], cwd=estate, env=env)
    run(["sunlight", "publish", "--branch", "pages"], cwd=estate, env=env)
    run(["git", "worktree", "add", "-q", str(home / "published"), "pages"], cwd=estate, env=env)
    verified = run(["sunlight", "verify", str(home / "published")], cwd=estate, env=env)
    assert "核对通过" in verified.stderr

    assert "月末余额不符" in run(["sunlight", "explain", "E-BALANCE"], cwd=home, env=env).stdout
    assert "### 3.6 月度账目" in run(["sunlight", "reference"], cwd=home, env=env).stdout

    run(["sunlight", "init", "empty", "--empty"], cwd=home, env=env)
    run(["sunlight", "validate"], cwd=home / "empty", env=env)
    run(["sunlight", "build"], cwd=home / "empty", env=env)


def test_a_new_community_passes_its_own_check_steps_installing_its_pinned_version(venv, wheel):
    home, bin_dir, env = venv
    estate = home / "checked"
    run(["sunlight", "init", str(estate), "--name", "自检小区"], cwd=home, env=env)
    run(["git", "add", "-A"], cwd=estate, env=env)
    run(["git", "commit", "-qm", "建立仓库"], cwd=estate, env=env)
    # The pinned version comes from a local wheel index, never PyPI: uninstall it first, and
    # install with no index (its dependencies are already in the virtualenv).
    run(["python", "-m", "pip", "uninstall", "--quiet", "--yes", "sunlight-gongshi"], cwd=home, env=env)
    index = home / "index"
    index.mkdir(exist_ok=True)
    shutil.copy2(wheel, index / wheel.name)
    runner_temp = home / "runner-temp"
    runner_temp.mkdir()
    step_env = {**env, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": index.as_uri(), "RUNNER_TEMP": str(runner_temp)}
    workflow = yaml.safe_load((estate / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    steps = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    assert steps[0] == "python -m pip install -r requirements.txt" and len(steps) == 3
    forgejo = yaml.safe_load((estate / ".forgejo/workflows/check.yml").read_text(encoding="utf-8"))
    assert [s["run"] for s in forgejo["jobs"]["check"]["steps"] if "run" in s] == steps
    for step in steps:
        run(["bash", "-eo", "pipefail", "-c", step], cwd=estate, env=step_env)
    installed = run(["python", "-m", "pip", "show", "sunlight-gongshi"], cwd=home, env=env).stdout
    assert f"Version: {__version__}" in installed
    assert (runner_temp / "site/index.html").is_file()
