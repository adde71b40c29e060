"""A community on a self-hosted Forgejo: the publish workflow's own steps check the repository
out with plain git and commit the site to the `pages` branch of the forge; the nginx example
configuration serves that branch as its comments say to set it up.

The forge is a bare repository reached by a file:// URL; the workflow's steps are run as they
are written, with the `${{ … }}` expressions filled in as a Forgejo runner would.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from sunlight_gongshi.scaffold.init import init

EXPRESSION = re.compile(r"\$\{\{\s*([\w.]+)\s*\}\}")
IDENTITY = {"GIT_AUTHOR_NAME": "委员甲", "GIT_AUTHOR_EMAIL": "a@example.org",
            "GIT_COMMITTER_NAME": "委员甲", "GIT_COMMITTER_EMAIL": "a@example.org"}


def git(*args, cwd=None, env=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **IDENTITY, **(env or {})}).stdout


def run_workflow(workflow: Path, work: Path, context: dict[str, str], home: Path, skip=("安装 Sunlight",)) -> None:
    """Every step of the workflow's one job, in `work`, as a runner would (but the install step:
    the test's own sunlight is on PATH)."""
    (job,) = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
    work.mkdir()
    base = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin", "HOME": str(home),
            "RUNNER_TEMP": str(work.parent / "runner-temp"), **{k: str(v) for k, v in job.get("env", {}).items()}}
    for step in job["steps"]:
        if step.get("name") in skip:
            continue
        env = {**base, **{k: EXPRESSION.sub(lambda m: context[m[1]], v) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=work, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, f"{step.get('name')}:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def forge(tmp_path_factory):
    """A community pushed to a bare 'forge' repository, published twice by its workflow."""
    tmp = tmp_path_factory.mktemp("forge")
    estate = tmp / "estate"
    init(estate, "湖畔小区", today=dt.date(2026, 12, 6))
    git("add", "-A", cwd=estate)
    git("commit", "-qm", "建立阳光公示仓库", cwd=estate)
    bare = tmp / "forge" / "org" / "sunlight.git"
    git("clone", "-q", "--bare", str(estate), str(bare))
    context = {"github.server_url": (tmp / "forge").as_uri(), "github.repository": "org/sunlight",
               "github.ref": "refs/heads/main", "github.token": ""}
    workflow = estate / ".forgejo/workflows/publish.yml"
    run_workflow(workflow, tmp / "run1", context, tmp)
    (estate / "content/notices/welcome.md").write_text(
        "---\ntitle: 停水通知\ndate: 2026-11-20\n---\n\n# 停水通知\n\n周六全小区停水。\n", encoding="utf-8")
    git("commit", "-qam", "发停水通知", cwd=estate)
    git("push", "-q", str(bare), "main", cwd=estate)
    run_workflow(workflow, tmp / "run2", context, tmp)
    return tmp, estate, bare, context


def test_the_workflow_checks_out_the_whole_history_with_git_and_publishes_to_pages(forge):
    tmp, estate, bare, _ = forge
    main = git("rev-parse", "main", cwd=bare).strip()
    assert git("rev-parse", "HEAD", cwd=tmp / "run2").strip() == main            # the pushed commit, checked out
    assert git("rev-list", "--count", "HEAD", cwd=tmp / "run2").strip() == "2"   # with its whole history
    pages = git("log", "--format=%s", "pages", cwd=bare).splitlines()
    assert pages == [f"发布网站：来自 {main[:7]}（发停水通知）",
                     f"发布网站：来自 {git('rev-parse', 'main~1', cwd=bare)[:7]}（建立阳光公示仓库）"]  # one after the other
    files = git("ls-tree", "-r", "--name-only", "pages", cwd=bare).split()
    assert "index.html" in files and "data/manifest.json" in files and not [f for f in files if f.startswith("records/")]
    manifest = json.loads(git("show", "pages:data/manifest.json", cwd=bare))
    assert manifest["commit"] == main and manifest["site_url"] is None


def test_on_codeberg_the_site_knows_its_codeberg_pages_address(forge, tmp_path):
    tmp, estate, bare, context = forge
    workflow = estate / ".forgejo/workflows/publish.yml"
    copy = tmp_path / "forge" / "org" / "sunlight.git"
    shutil.copytree(bare, copy)
    run_workflow(workflow, tmp_path / "run", {**context, "github.server_url": (tmp_path / "forge").as_uri()}, tmp_path)
    # the same steps, with the publish step told it runs on Codeberg (its checkout needs our file:// forge)
    (job,) = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values()
    publish = job["steps"][-1]
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}/usr/bin:/bin", "HOME": str(tmp_path),
           "SERVER_URL": "https://codeberg.org", "REPOSITORY": "org/sunlight"}
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", publish["run"]], cwd=tmp_path / "run", env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    manifest = json.loads(git("show", "pages:data/manifest.json", cwd=copy))
    assert manifest["site_url"] == "https://org.codeberg.page/sunlight/"


# --- nginx serves the pages branch -------------------------------------------------------------------------

def nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        pytest.fail("nginx is not installed: apt-get install nginx-light (see README)")
    return found


def harness(tmp: Path, site_conf: Path) -> Path:
    """A main nginx.conf around the example server block, in the foreground, writing only under tmp."""
    conf = tmp / "nginx.conf"
    temp = tmp / "nginx-temp"
    temp.mkdir(exist_ok=True)
    conf.write_text(f"""
        daemon off;
        master_process off;
        pid {tmp}/nginx.pid;
        error_log {tmp}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            access_log off;
            client_body_temp_path {temp}/body;
            proxy_temp_path {temp}/proxy;
            fastcgi_temp_path {temp}/fastcgi;
            uwsgi_temp_path {temp}/uwsgi;
            scgi_temp_path {temp}/scgi;
            include {site_conf};
        }}
        """, encoding="utf-8")
    return conf


def test_the_example_configuration_passes_nginx_t_as_it_is(forge, tmp_path):
    _, estate, _, _ = forge
    example = estate / ".forgejo/nginx-pages.conf"
    done = subprocess.run([nginx(), "-t", "-p", str(tmp_path), "-c", str(harness(tmp_path, example))],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "test is successful" in done.stderr, done.stderr


def test_nginx_serves_the_pages_branch_set_up_as_the_example_says(forge, tmp_path):
    _, estate, bare, _ = forge
    example = (estate / ".forgejo/nginx-pages.conf").read_text(encoding="utf-8")
    clone = re.search(r"#\s+(git clone --branch pages --single-branch) \S+ (/srv/gongshi)\n", example)
    update = re.search(r"#\s+\*/5 \* \* \* \* (git -C /srv/gongshi fetch .*)\n", example)
    assert clone and update
    served = tmp_path / "srv" / "gongshi"
    subprocess.run(f"{clone[1]} {bare.as_uri()} {served}", shell=True, check=True, capture_output=True)
    git("reset", "-q", "--hard", "pages~1", cwd=served)                      # an older site, then the update
    subprocess.run(update[1].replace("/srv/gongshi", str(served)), shell=True, check=True, capture_output=True)
    assert git("rev-parse", "HEAD", cwd=served) == git("rev-parse", "pages", cwd=bare)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    site_conf = tmp_path / "site.conf"
    adapted = (example.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n")
               .replace("    listen [::]:80;\n", "").replace("root /srv/gongshi;", f"root {served};"))
    assert adapted.count(str(port)) == 1 and str(served) in adapted
    site_conf.write_text(adapted, encoding="utf-8")
    server = subprocess.Popen([nginx(), "-p", str(tmp_path), "-c", str(harness(tmp_path, site_conf))],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 20
        while True:
            try:
                home = urllib.request.urlopen(base, timeout=5)
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise AssertionError((tmp_path / "error.log").read_text() if (tmp_path / "error.log").exists() else "")
                time.sleep(0.1)
        assert home.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "湖畔小区" in home.read().decode("utf-8")
        manifest = urllib.request.urlopen(base + "data/manifest.json")
        assert manifest.headers["Content-Type"] == "application/json; charset=utf-8"
        assert json.loads(manifest.read())["commit"] == git("rev-parse", "main", cwd=bare).strip()
        notice = next(p for p in git("ls-tree", "-r", "--name-only", "pages", cwd=bare).split() if "welcome" in p)
        assert "周六全小区停水" in urllib.request.urlopen(base + notice).read().decode("utf-8")
        for hidden in (".git/config", ".git/HEAD", "nope.html"):
            with pytest.raises(urllib.error.HTTPError) as missing:
                urllib.request.urlopen(base + hidden)
            assert missing.value.code == 404
        assert missing.value.read() == (served / "404.html").read_bytes()     # the site's own 404 page
    finally:
        server.terminate()
        server.wait(timeout=10)
