"""The address a site is built for and the version that built it are in its manifest: the Pages
workflow passes the address (`--site-url`), printed notices carry it, and `verify` rebuilds with
the same address and says which version to install when it is not the one running."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from builders import write_tree
from sunlight_gongshi import __version__
from sunlight_gongshi.cli import main

URL = "https://org.github.io/estate"        # configure-pages' base_url: no slash at the end
NOTICE = "print/decision-2024-001.html"


@pytest.fixture
def estate(tmp_path):
    write_tree(tmp_path, {})
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(tmp_path), "commit", "-qm", "记录"], check=True, env=env)
    return tmp_path


def manifest(site) -> dict:
    return json.loads((site / "data/manifest.json").read_text(encoding="utf-8"))


def test_the_address_given_reaches_the_printed_notices_the_feed_and_the_manifest(estate, tmp_path_factory):
    site = tmp_path_factory.mktemp("out") / "site"
    assert main(["build", "--root", str(estate), "--site-dir", str(site), "--site-url", URL]) == 0
    assert f"网址：{URL}/decisions/2024-001.html" in (site / NOTICE).read_text(encoding="utf-8")
    assert '<div class="qr"><svg' in (site / NOTICE).read_text(encoding="utf-8")
    assert f"{URL}/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert manifest(site)["site_url"] == URL and manifest(site)["sunlight"] == __version__
    assert main(["verify", "--root", str(estate), str(site)]) == 0          # rebuilt for the same address


def test_without_an_address_the_notices_have_no_qr_code_and_an_empty_option_is_no_address(estate, tmp_path_factory):
    site = tmp_path_factory.mktemp("out") / "site"
    assert main(["build", "--root", str(estate), "--site-dir", str(site), "--site-url", ""]) == 0
    assert 'class="qr"' not in (site / NOTICE).read_text(encoding="utf-8")
    assert manifest(site)["site_url"] is None


def test_mkdocs_yml_site_url_wins_over_the_option(estate, tmp_path_factory):
    (estate / "mkdocs.yml").write_text("site_url: https://gongshi.example.org/\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("out") / "site"
    assert main(["build", "--root", str(estate), "--site-dir", str(site), "--site-url", URL]) == 0
    assert "网址：https://gongshi.example.org/decisions/2024-001.html" in (site / NOTICE).read_text(encoding="utf-8")
    assert manifest(site)["site_url"] == "https://gongshi.example.org/"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "org.github.io/estate", "https://a b"])
def test_an_address_that_is_not_one_is_a_usage_error(estate, url, capsys):
    assert main(["build", "--root", str(estate), "--site-url", url]) == 2
    assert capsys.readouterr().err == (f"sunlight: --site-url {url} 不是网址；请写成 https://… 的形式，"
                                       "如 https://example.org/gongshi/\n")


def test_verify_of_a_site_with_a_tampered_address_finds_the_pages_that_differ(estate, tmp_path_factory, capsys):
    site = tmp_path_factory.mktemp("out") / "site"
    assert main(["build", "--root", str(estate), "--site-dir", str(site), "--site-url", URL]) == 0
    data = manifest(site)
    (site / "data/manifest.json").write_text(json.dumps({**data, "site_url": "https://evil.example/"}), encoding="utf-8")
    assert main(["verify", "--root", str(estate), str(site)]) == 1
    assert f"site/{NOTICE}:1: error:" in capsys.readouterr().out


def test_verify_names_the_version_to_install_when_another_built_the_site(estate, tmp_path_factory, capsys):
    site = tmp_path_factory.mktemp("out") / "site"
    assert main(["build", "--root", str(estate), "--site-dir", str(site)]) == 0
    (site / "data/manifest.json").write_text(json.dumps({**manifest(site), "sunlight": "0.1.9"}), encoding="utf-8")
    capsys.readouterr()
    assert main(["verify", "--root", str(estate), str(site)]) == 1
    assert capsys.readouterr().out == (
        f"site/data/manifest.json:1: error: 这个网站是 Sunlight 0.1.9 生成的，这里运行的是 {__version__}；"
        "不同版本生成的文件不同，请先安装同一版本再核对：pip install 'sunlight-gongshi==0.1.9'"
        "（或在仓库里运行 pip install -r requirements.txt）  [E-VERIFY-VERSION]\n")
