"""`sunlight init` makes a community that validates and builds; `publish` commits the site to a branch."""

import subprocess

from sunlight_gongshi.cli import main
from sunlight_gongshi.model.kinds import KINDS, kind_at


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


def _yaml_files(root):
    return sorted(p for p in (root / "records").rglob("*.yml"))


def test_init_pins_this_distribution_at_this_version_with_a_tagged_git_alternative(tmp_path):
    from packaging.requirements import Requirement
    from sunlight_gongshi import __version__
    main(["init", str(tmp_path / "estate")])
    lines = (tmp_path / "estate/requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == [f"sunlight-gongshi=={__version__}"]
    alternative = [line.lstrip("# ").strip() for line in lines if "git+https://" in line]
    assert len(alternative) == 1
    requirement = Requirement(alternative[0])
    assert requirement.name == "sunlight-gongshi"
    assert requirement.url.startswith("git+https://") and requirement.url.endswith(f".git@v{__version__}")


def test_every_example_record_says_it_is_an_example(tmp_path):
    import yaml
    target = tmp_path / "estate"
    main(["init", str(target)])
    files = _yaml_files(target)
    examples = [kind_at(path.relative_to(target / "records").as_posix()) for path in files]
    assert sorted(kind.name for kind in examples) == sorted(kind.name for kind in KINDS)   # one example of each kind
    for path in files:
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert any(line.startswith("# 示例：") for line in head), path
    entries = [e for p in (target / "records/finance").rglob("????-??.yml")
               for e in yaml.safe_load(p.read_text(encoding="utf-8"))["entries"]]
    assert entries and all(e["memo"].startswith("示例") for e in entries)
    notice = (target / "content/notices/welcome.md").read_text(encoding="utf-8")
    assert notice.splitlines()[1].startswith("# 示例：")


def test_init_empty_writes_only_the_structure_and_it_validates_and_builds(tmp_path, capsys):
    target = tmp_path / "estate"
    assert main(["init", str(target), "--empty", "--name", "空白小区"]) == 0
    assert "只有结构，没有例子" in capsys.readouterr().err
    records = sorted(p.relative_to(target).as_posix() for p in (target / "records").rglob("*") if p.is_file())
    assert records == ["records/community.yml", "records/decisions/.gitkeep", "records/files/.gitkeep",
                       "records/finance/accounts.yml", "records/roster/.gitkeep", "records/scores/rubric.yml",
                       "records/units.yml"]
    for path in list((target / "records").rglob("*")) + list((target / "content").rglob("*")):
        if path.is_file():
            assert "# 示例：" not in path.read_text(encoding="utf-8"), path
    assert not (target / "content/notices/welcome.md").exists()
    assert (target / "content/guide.md").is_file() and (target / "README.md").is_file()
    assert (target / ".github/workflows/check.yml").is_file() and (target / "requirements.txt").is_file()
    assert 'name: "空白小区"' in (target / "records/community.yml").read_text(encoding="utf-8")
    assert main(["validate", "--root", str(target)]) == 0
    assert main(["build", "--root", str(target)]) == 0
    assert "空白小区" in (target / "site/index.html").read_text(encoding="utf-8")


def test_the_readme_walks_a_committee_through_its_first_hour(tmp_path):
    main(["init", str(tmp_path / "estate"), "--name", "明湖苑"])
    readme = (tmp_path / "estate/README.md").read_text(encoding="utf-8")
    assert readme.startswith("# 明湖苑 阳光公示")
    steps = ["### 1. 在平台上建一个空仓库", "### 2. 把这个文件夹推送上去", "### 3. 打开网站发布",
             "### 4. 保护 main 分支，要求检查通过", "### 5. 邀请委员", "### 6. 网站在哪里"]
    assert [readme.index(step) for step in steps] == sorted(readme.index(step) for step in steps)
    for words in ("GitHub", "Forgejo", "Gitea", "git push -u origin main", "GitHub Actions", "`pages` 分支",
                  "Require status checks to pass before merging", "检查记录 / check", "Collaborators", "协作者",
                  ".github.io/仓库名/", ".codeberg.page/仓库名/", ".forgejo` 文件夹改名为 `.gitea`"):
        assert words in readme, words


def test_publish_refuses_a_working_tree_with_uncommitted_changes(tmp_path, capsys):
    target = tmp_path / "estate"
    main(["init", str(target), "--name", "测试小区"])
    for args in (["init", "-q"], ["config", "user.name", "测试"], ["config", "user.email", "t@example.org"],
                 ["add", "-A"], ["commit", "-qm", "开始"]):
        subprocess.run(["git", "-C", str(target), *args], check=True)
    capsys.readouterr()
    community = target / "records/community.yml"
    community.write_text(community.read_text(encoding="utf-8").replace("测试小区", "改过的小区"), encoding="utf-8")
    (target / "content/notices/new.md").write_text("# 新公告\n", encoding="utf-8")
    (target / "site").mkdir(exist_ok=True)   # ignored: the built site is not what a commit holds
    (target / "site/x.html").write_text("x", encoding="utf-8")
    assert main(["publish", "--root", str(target), "--branch", "pages"]) == 2
    assert capsys.readouterr().err == (
        "sunlight: 这些文件有还没提交的改动：content/notices/new.md、records/community.yml。发布的网站写明它来自哪个提交"
        "（data/manifest.json），居民用 sunlight verify 按那个提交核对，所以只能发布已经提交的内容。请先提交它们"
        "（git add 这些文件，再 git commit），或用 git stash 暂时收起不要发布的改动，然后再发布\n")
    assert subprocess.run(["git", "-C", str(target), "branch", "--list", "pages"], capture_output=True,
                          text=True).stdout == ""
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(target), "commit", "-qm", "改名"], check=True)
    assert main(["publish", "--root", str(target), "--branch", "pages"]) == 0
