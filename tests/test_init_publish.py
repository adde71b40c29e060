"""`sunlight init` makes a community that validates and builds; `publish` commits the site to a branch."""

import subprocess

from sunlight_gongshi.cli import main


def test_init_then_validate_and_build(tmp_path, capsys):
    target = tmp_path / "estate"
    assert main(["init", str(target), "--name", '柳岸"新村 <b>']) == 0
    for path in (".github/workflows/check.yml", ".github/workflows/pages.yml", ".forgejo/workflows/publish.yml",
                 ".gitignore", "README.md", "requirements.txt", "mkdocs.yml", "schema/finance-month.json",
                 "records/community.yml", "records/units.yml", "records/roster/2026-committee.yml",
                 "records/decisions/2026-001.yml", "records/finance/accounts.yml", "records/finance/2026/2026-01.yml",
                 "records/scores/rubric.yml", "records/scores/2026/2026-01.yml", "content/guide.md"):
        assert (target / path).is_file(), path
    assert main(["validate", "--root", str(target)]) == 0
    assert main(["build", "--root", str(target)]) == 0
    home = (target / "site/index.html").read_text(encoding="utf-8")
    assert "柳岸&#34;新村 &lt;b&gt;" in home or "柳岸&quot;新村 &lt;b&gt;" in home
    assert "<b>" not in home.split("<body", 1)[1].split("</header>", 1)[0]
    assert main(["init", str(target)]) == 2   # never over an existing community
    assert "不是空的" in capsys.readouterr().err


def test_publish_commits_the_site_to_a_branch_without_touching_the_work_tree(tmp_path):
    target = tmp_path / "estate"
    main(["init", str(target), "--name", "测试小区"])
    env = ["-c", "user.name=测试", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(target), *env, "commit", "-qm", "开始"], check=True)
    subprocess.run(["git", "-C", str(target), "config", "user.name", "测试"], check=True)
    subprocess.run(["git", "-C", str(target), "config", "user.email", "t@example.org"], check=True)
    assert main(["publish", "--root", str(target), "--branch", "pages"]) == 0
    files = subprocess.run(["git", "-C", str(target), "ls-tree", "-r", "--name-only", "pages"],
                           capture_output=True, text=True, check=True).stdout.split()
    assert "index.html" in files and ".nojekyll" in files and "data/manifest.json" in files
    assert subprocess.run(["git", "-C", str(target), "status", "--porcelain"], capture_output=True,
                          text=True).stdout == ""
    head = subprocess.run(["git", "-C", str(target), "rev-parse", "--abbrev-ref", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    assert head == "main"
