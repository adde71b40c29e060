"""The wheel is complete: installed into a fresh virtualenv far from the source tree, it makes a
community, checks, builds, publishes and verifies it.  And a new community installs exactly what
its own workflow says, in a fresh virtualenv that reaches only PyPI (where this version is not
published): the wheel `init` keeps in the community is found, the core alone is installed, and
the workflow's build steps and `verify` pass.

SUNLIGHT_WHEEL=path/to.whl tests a wheel built elsewhere (the release workflow tests the very
file it publishes); otherwise the wheel is built here from a copy of the package's sources.
"""

from __future__ import annotations

import json
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


def test_the_wheel_init_keeps_is_the_wheel_it_came_from(venv, wheel):
    home, bin_dir, env = venv
    run(["sunlight", "init", "kept", "--name", "留底小区"], cwd=home, env=env)
    (kept,) = (home / "kept/wheels").iterdir()
    assert kept.name == wheel.name
    ours, theirs = zipfile.ZipFile(kept), zipfile.ZipFile(wheel)
    package = sorted(n for n in theirs.namelist() if n.startswith("sunlight_gongshi/"))
    assert sorted(n for n in ours.namelist() if n.startswith("sunlight_gongshi/")) == package
    assert all(ours.read(n) == theirs.read(n) for n in package)
    info = f"sunlight_gongshi-{__version__}.dist-info"
    for name in ("METADATA", "entry_points.txt"):
        assert ours.read(f"{info}/{name}") == theirs.read(f"{info}/{name}"), name
    run(["sunlight", "init", "again", "--name", "留底小区"], cwd=home, env=env)
    assert (home / "again/wheels" / kept.name).read_bytes() == kept.read_bytes()    # the same bytes every time


def pypi_only(**extra) -> dict:
    """An environment whose pip sees PyPI and nothing else: no configuration file, no PIP_* of this machine."""
    env = {k: v for k, v in clean_env().items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_INDEX_URL="https://pypi.org/simple", PIP_DISABLE_PIP_VERSION_CHECK="1",
               **extra)
    return env


def steps(workflow: Path, job: str) -> list[dict]:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"][job]["steps"]


@pytest.mark.network
def test_a_new_community_installs_and_builds_exactly_as_its_workflow_does_from_pypi_alone(venv, wheel, tmp_path):
    home, bin_dir, env = venv
    estate = tmp_path / "estate"
    run(["sunlight", "init", str(estate), "--name", "新建小区"], cwd=home, env=env)
    run(["git", "add", "-A"], cwd=estate, env=env)
    run(["git", "commit", "-qm", "建立阳光公示仓库"], cwd=estate, env=env)
    pages = steps(estate / ".github/workflows/pages.yml", "build")
    check = steps(estate / ".github/workflows/check.yml", "check")
    install = next(s["run"] for s in pages if s.get("name") == "安装 Sunlight")
    assert install == next(s["run"] for s in check if s.get("name") == "安装 Sunlight")
    assert install.startswith("python -m pip install ")

    fresh = tmp_path / "ci"
    run([sys.executable, "-m", "venv", str(fresh)], cwd=tmp_path, env=clean_env())
    ci_bin = fresh / "bin"
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    ci_env = pypi_only(PATH=f"{ci_bin}{os.pathsep}{os.environ.get('PATH', '')}", RUNNER_TEMP=str(runner_temp),
                       VIRTUAL_ENV=str(fresh))
    done = run(["bash", "-eo", "pipefail", "-c", install], cwd=estate, env=ci_env)
    assert f"wheels/{wheel.name}" in done.stdout          # Sunlight from the community's wheel, the rest from PyPI
    assert run(["sunlight", "--version"], cwd=estate, env=ci_env).stdout.strip() == f"sunlight {__version__}"
    where = run(["python", "-c", "import sunlight_gongshi; print(sunlight_gongshi.__file__)"], cwd=estate, env=ci_env)
    assert Path(where.stdout.strip()).is_relative_to(fresh)
    installed = run(["python", "-m", "pip", "list", "--format=json"], cwd=estate, env=ci_env).stdout
    names = {p["name"].lower() for p in json.loads(installed)}
    assert not names & {"pandas", "numpy", "duckdb", "openpyxl", "xlrd", "pyarrow", "jsonschema-rs"}  # the core only

    for step in check:                                  # the pull request's checks, as written
        if "run" in step and step.get("name") != "安装 Sunlight":
            run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=estate, env=ci_env)
    built = [s for s in pages if "run" in s and "sunlight build" in s["run"]]
    assert len(built) == 1
    for step in built:                                  # Pages not asked here: no address, as before Pages is on
        run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=estate, env={**ci_env, "SITE_URL": ""})
    verified = run(["sunlight", "verify", "site"], cwd=estate, env=ci_env)
    assert "核对通过" in verified.stderr
    manifest = json.loads((estate / "site/data/manifest.json").read_text(encoding="utf-8"))
    assert manifest["sunlight"] == __version__
