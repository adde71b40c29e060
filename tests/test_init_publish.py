"""`sunlight init` makes a community that validates and builds; `publish` commits the site to a branch."""

import datetime as dt
import subprocess

import pytest

from sunlight_gongshi import __version__
from sunlight_gongshi.cli import main
from sunlight_gongshi.model.kinds import KINDS, kind_at
from sunlight_gongshi.scaffold.init import example_dates, init


def test_init_then_validate_and_build(tmp_path, capsys):
    target = tmp_path / "estate"
    assert main(["init", str(target), "--name", '柳岸"新村 <b>']) == 0
    dates = example_dates(dt.date.today())
    year, month = dates["__YEAR__"], dates["__MONTH__"]
    for path in (".github/workflows/check.yml", ".github/workflows/pages.yml", ".github/dependabot.yml",
                 ".forgejo/workflows/check.yml", ".forgejo/workflows/publish.yml", ".forgejo/nginx-pages.conf",
                 ".gitignore", "README.md", "requirements.txt", "mkdocs.yml", "schema/finance-month.json",
                 "records/community.yml", "records/units.yml", f"records/roster/{year}-committee.yml",
                 f"records/decisions/{year}-001.yml", "records/finance/accounts.yml",
                 f"records/finance/{year}/{month}.yml", "records/scores/rubric.yml", f"records/scores/{year}/{month}.yml",
                 f"records/requests/{year}/{month}.yml", f"records/activities/{year}/{month}.yml",
                 f"records/meetings/{year}-M01.yml", "content/guide.md",
                 f"wheels/sunlight_gongshi-{__version__}-py3-none-any.whl"):
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


def test_init_pins_this_version_and_finds_its_wheel_in_the_community(tmp_path):
    from packaging.requirements import Requirement
    main(["init", str(tmp_path / "estate")])
    lines = (tmp_path / "estate/requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line and not line.startswith("#")] == [
        "--find-links wheels", f"sunlight-gongshi=={__version__}"]
    assert Requirement(lines[-1]).name == "sunlight-gongshi"
    assert [p.name for p in (tmp_path / "estate/wheels").iterdir()] == [f"sunlight_gongshi-{__version__}-py3-none-any.whl"]
    assert "placeholder" not in "".join(lines) and "组织/sunlight.git" not in "".join(lines)


def test_every_example_record_says_it_is_an_example(tmp_path):
    import yaml
    target = tmp_path / "estate"
    main(["init", str(target)])
    files = _yaml_files(target)
    examples = [kind_at(path.relative_to(target / "records").as_posix()) for path in files]
    assert sorted(kind.name for kind in examples) == sorted(kind.name for kind in KINDS)   # one example of each kind
    for path in files:
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        if path.name == "rewrites.yml":   # structure, not an example: empty, as it should stay
            assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"rewrites": []}
            continue
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
                       "records/finance/accounts.yml", "records/rewrites.yml", "records/roster/.gitkeep",
                       "records/scores/rubric.yml", "records/units.yml"]
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


# --- day one: examples dated from the day init runs, and the one line while they are there -----------------

GIT_ENV = {"GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.org"}


def _commit_on(target, day: dt.date) -> None:
    """The first commit, made on `day` (the reference date of validate is HEAD's committer day)."""
    import os
    stamp = f"{day.isoformat()}T12:00:00+08:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(target), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(target), "commit", "-qm", "建立阳光公示仓库"], check=True, env=env)


def _validate(target) -> list[str]:
    from sunlight_gongshi.validate import validate
    return [p.text() for p in validate(target, use_cache=False)[1]]


@pytest.mark.parametrize("today", [dt.date(2026, 12, 6), dt.date(2026, 12, 1), dt.date(2026, 12, 31),
                                   dt.date(2027, 1, 1), dt.date(2027, 3, 31), dt.date(2028, 2, 29),
                                   dt.date(2026, 7, 31), dt.date(2026, 5, 31)])
def test_the_first_validate_of_a_new_community_finds_nothing_overdue_only_the_examples(tmp_path, today):
    target = tmp_path / "estate"
    init(target, "明湖苑", today=today)
    dates = example_dates(today)
    month = dt.date.fromisoformat(dates["__MONTH__"] + "-01")
    assert month <= today and (today - month).days < 62                   # last month, or this one
    assert dates["__MONTH__"] + "-25" <= today.isoformat()              # every example day is past
    first = f"records/activities/{dates['__YEAR__']}/{dates['__MONTH__']}.yml:5: warning: "
    before = _validate(target)                                          # outside git: no published dates
    assert len(before) == 1 and before[0].startswith(first) and before[0].endswith("[W-EXAMPLES]")
    for day in (today, today + dt.timedelta(days=1)):                   # committed that day, or the next
        clone = tmp_path / f"on-{day}"
        init(clone, "明湖苑", today=today)
        _commit_on(clone, day)
        assert _validate(clone) == before


def test_init_dates_its_examples_last_month_unless_those_books_would_be_late():
    assert example_dates(dt.date(2026, 12, 6)) == {"__MONTH__": "2026-11", "__YEAR__": "2026",
                                                    "__TERM_END__": "2031-10-31"}
    assert example_dates(dt.date(2027, 1, 30))["__MONTH__"] == "2026-12"   # due 2027-01-30: on time
    assert example_dates(dt.date(2027, 1, 31))["__MONTH__"] == "2027-01"   # 2026-12 would be a day late
    assert example_dates(dt.date(2026, 3, 30))["__MONTH__"] == "2026-02"   # 2026-02-28 + 30 days
    assert example_dates(dt.date(2026, 3, 31))["__MONTH__"] == "2026-03"


def test_the_examples_warning_is_one_line_naming_the_first_example_and_the_files(tmp_path):
    target = tmp_path / "estate"
    init(target, "明湖苑", today=dt.date(2026, 12, 6))
    assert _validate(target) == [
        "records/activities/2026/2026-11.yml:5: warning: 还有 sunlight init 写的示例（内容以“示例：”开头）："
        "records/activities/2026/2026-11.yml、records/decisions/2026-001.yml、records/finance/2026/2026-11.yml "
        "等 10 个文件。示例不是本小区的真实记录，公开之前请换成真实内容，或删掉这些文件  [W-EXAMPLES]"]


def test_the_first_hour_ends_with_the_examples_gone(tmp_path):
    """Step 7 of the README names every example file; doing what it says leaves no warning."""
    import re
    target = tmp_path / "estate"
    init(target, "明湖苑", today=dt.date(2026, 12, 6))
    readme = (target / "README.md").read_text(encoding="utf-8")
    step = readme.split("### 7. 把例子换成本小区的真实记录", 1)[1].split("\n## ", 1)[0]
    assert readme.index("### 7.") > readme.index("### 6.") and "## 以后的日常" in readme.split("### 7.", 1)[1]
    rewrite, remove = (re.findall(r"`((?:records|content)/[^`]+)`", part) for part in step.split("删掉，", 1)[0].split("改成本小区"))
    examples = sorted(p.relative_to(target).as_posix() for p in target.rglob("*")
                      if p.is_file() and ".git" not in p.parts and p.suffix in (".yml", ".md")
                      and "# 示例：" in "".join(p.read_text(encoding="utf-8").splitlines(keepends=True)[:3]))
    assert sorted(rewrite + remove) == examples
    for rel in remove:
        (target / rel).unlink()
    for rel in rewrite:   # what the committee types in: real words, no example marks
        path = target / rel
        path.write_text("\n".join(line.replace("示例：", "") for line in path.read_text(encoding="utf-8").splitlines()
                                  if not line.startswith("# 示例：")) + "\n", encoding="utf-8")
    assert _validate(target) == []


def test_the_demo_and_real_words_that_begin_with_examples_are_not_examples(tree):
    assert tree({"records/community.yml": 'name: 测试小区\nneighbourhood: 示例街道示例社区\nhouseholds: 10\n'
                                          'area_m2: "1000.00"\n'}) == []


def test_one_example_left_anywhere_is_named(tree):
    problems = tree({"records/decisions/2024-001.yml": "id: 2024-001\ntitle: 示例：修路\ndate: 2024-02-01\n"
                                                      "body: committee\nmatter: ordinary\nstatus: decided\n"
                                                      'budget: "8000.00"\nvote: {members: 5, for: 3, against: 1, abstain: 1}\n'})
    assert [p.text() for p in problems] == [
        "records/decisions/2024-001.yml:2: warning: 还有 sunlight init 写的示例（内容以“示例：”开头）："
        "records/decisions/2024-001.yml。示例不是本小区的真实记录，公开之前请换成真实内容，或删掉这些文件  [W-EXAMPLES]"]
