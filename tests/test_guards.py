"""Commands that must not destroy anything: site folders, publishing branches and busy ports are refused."""

import errno
import socket
import subprocess

import pytest

from sunlight_gongshi.cli import main

HINT = "请换一个文件夹，如 --site-dir site"
PAGES = "请换一个专门放网站的分支，如 --branch pages"


def git(root, *args):
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=测试", "-c", "user.email=t@example.org", *args],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture
def estate(tmp_path):
    """A community made by init and committed, as a committee has it after its first push."""
    root = tmp_path / "estate"
    assert main(["init", str(root), "--empty", "--name", "测试小区"]) == 0
    git(root, "add", "-A")
    git(root, "commit", "-qm", "开始")
    git(root, "config", "user.name", "测试")
    git(root, "config", "user.email", "t@example.org")
    return root


def refusal(capsys, *argv) -> str:
    capsys.readouterr()
    assert main(list(argv)) == 2
    return capsys.readouterr().err.strip()


def test_build_refuses_to_write_the_site_over_the_community_or_what_it_keeps(estate, tmp_path, capsys):
    records = estate / "records"
    before = sorted(p for p in estate.rglob("*") if ".git" not in p.parts)

    def build(site_dir):
        return refusal(capsys, "build", "--root", str(estate), "--site-dir", str(site_dir))

    assert build(estate) == (f"sunlight: 不能把网站生成到小区仓库的根目录 {estate}：生成网站会替换整个文件夹，"
                             f"记录会全部丢失。{HINT}")
    assert build(tmp_path) == (f"sunlight: 不能把网站生成到 {tmp_path}：小区仓库 {estate} 就在这个文件夹里，"
                               f"生成网站会替换整个文件夹。{HINT}")
    for inside, name in ((records, "records"), (records / "site", "records"), (estate / "content", "content"),
                         (estate / ".git", ".git"), (estate / ".git" / "site", ".git")):
        assert build(inside) == f"sunlight: 不能把网站生成到 {inside}：它是或在仓库的 {name}/ 里，网站会替换那里的文件。{HINT}"
    other = tmp_path / "other"
    main(["init", str(other), "--empty"])
    assert build(other) == (f"sunlight: 不能把网站生成到 {other}：里面有 records/，是一个仓库或小区的文件夹，"
                            f"生成网站会替换它。{HINT}")
    clone = tmp_path / "clone"
    git(tmp_path, "init", "-q", str(clone))
    assert build(clone) == f"sunlight: 不能把网站生成到 {clone}：里面有 .git/，是一个仓库或小区的文件夹，生成网站会替换它。{HINT}"
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "年度报告.docx").write_bytes(b"x")
    assert build(papers) == (f"sunlight: 不能把网站生成到 {papers}：里面已有别的文件，不是 sunlight 生成的网站"
                             "（没有 data/manifest.json），生成网站会替换它们。请换一个新文件夹，或确认无用后自己删掉它")
    assert build(papers / "年度报告.docx") == (f"sunlight: 不能把网站生成到 {papers / '年度报告.docx'}：这是一个文件，"
                                              f"不是文件夹。{HINT}")
    assert sorted(p for p in estate.rglob("*") if ".git" not in p.parts) == before
    assert (papers / "年度报告.docx").read_bytes() == b"x"


def test_build_still_writes_a_new_folder_and_replaces_its_own_site(estate, tmp_path):
    site = tmp_path / "public"
    assert main(["build", "--root", str(estate), "--site-dir", str(site)]) == 0
    assert main(["build", "--root", str(estate), "--site-dir", str(site)]) == 0   # a site it made: replaced
    assert (site / "data/manifest.json").is_file()
    assert main(["build", "--root", str(estate)]) == 0                              # the default site/


def test_publish_refuses_the_checked_out_branch_and_any_branch_that_holds_records(estate, tmp_path, capsys):
    def publish(branch, *more):
        return refusal(capsys, "publish", "--root", str(estate), "--branch", branch, *more)

    assert publish("main") == (f"sunlight: 不能发布到分支 main：这是当前检出的分支，发布会用网站替换它的全部文件"
                               f"（包括 records/）。{PAGES}")
    git(estate, "branch", "backup")
    assert publish("backup") == (f"sunlight: 不能发布到分支 backup：分支 backup 里有 records/，是存放记录的分支，"
                                 f"发布会用网站替换掉全部记录。{PAGES}")
    git(estate, "update-ref", "refs/remotes/origin/site", "main")
    assert publish("site", "--push", "origin") == (
        f"sunlight: 不能发布到分支 site：远程分支 origin/site 里有 records/，是存放记录的分支，"
        f"发布会用网站替换掉全部记录。{PAGES}")
    assert git(estate, "log", "-1", "--format=%s", "backup").strip() == "开始"


def test_publish_refuses_a_branch_checked_out_elsewhere_and_a_folder_outside_git(estate, tmp_path, capsys):
    assert main(["publish", "--root", str(estate), "--branch", "pages"]) == 0
    checkout = tmp_path / "pages-checkout"
    git(estate, "worktree", "add", "-q", str(checkout), "pages")
    capsys.readouterr()
    assert main(["publish", "--root", str(estate), "--branch", "pages"]) == 2
    assert capsys.readouterr().err.strip() == (f"sunlight: 不能发布到分支 pages：它正检出在 {checkout}，"
                                               f"发布后那里的文件会和分支对不上。请先 git worktree remove {checkout}，"
                                               "或换一个分支名")
    plain = tmp_path / "plain"
    main(["init", str(plain), "--empty"])
    subprocess.run(["rm", "-rf", str(plain / ".git")], check=True)
    assert refusal(capsys, "publish", "--root", str(plain), "--branch", "pages") == (
        f"sunlight: {plain} 不是 git 仓库：发布要把网站提交到一个分支，请先 git init 并提交记录")


def test_verify_accepts_what_publish_wrote_and_still_finds_a_change(estate, tmp_path, capsys):
    assert main(["publish", "--root", str(estate), "--branch", "pages"]) == 0
    checkout = tmp_path / "pages-checkout"
    git(estate, "worktree", "add", "-q", str(checkout), "pages")
    assert (checkout / ".nojekyll").is_file() and (checkout / ".git").is_file()
    capsys.readouterr()
    assert main(["verify", "--root", str(estate), str(checkout)]) == 0
    assert "核对通过" in capsys.readouterr().err
    (checkout / ".nojekyll").write_text("不是空的", encoding="utf-8")
    (checkout / "index.html").write_text("改过", encoding="utf-8")
    assert main(["verify", "--root", str(estate), str(checkout)]) == 1
    out = capsys.readouterr().out
    assert "pages-checkout/.nojekyll:1: error:" in out and "[E-VERIFY-EXTRA]" in out
    assert "pages-checkout/index.html:1: error:" in out and "[E-VERIFY-DIFFERENT]" in out


def test_serve_on_a_busy_port_says_so_and_how_to_choose_another(estate, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert refusal(capsys, "serve", "--root", str(estate), "--port", str(port)) == (
            f"sunlight: 端口 {port} 已被占用（也许另一个 sunlight serve 还在运行）。请用 --port 换一个端口，"
            f"如 sunlight serve --port {port + 1}，或用 --port 0 让系统任选一个空闲端口")
    assert refusal(capsys, "serve", "--root", str(estate), "--port", "70000") == (
        "sunlight: 端口 70000 不存在：端口是 1 到 65535 之间的整数。请用 --port 换一个，如 --port 8000")


def test_serve_says_the_same_when_the_port_is_taken_during_the_first_build(estate, capsys, monkeypatch):
    from sunlight_gongshi.publishing import guards, serve

    def taken(*_args, **_kwargs):
        raise OSError(errno.EADDRINUSE, "Address already in use")

    monkeypatch.setattr(guards, "port_refusal", lambda port: None)
    monkeypatch.setattr(serve, "rebuild", lambda *args: True)
    monkeypatch.setattr(serve.SiteServer, "server_bind", taken)
    assert refusal(capsys, "serve", "--root", str(estate), "--port", "8123") == (
        "sunlight: 端口 8123 已被占用（也许另一个 sunlight serve 还在运行）。请用 --port 换一个端口，"
        "如 sunlight serve --port 8124，或用 --port 0 让系统任选一个空闲端口")


@pytest.fixture
def office(tmp_path):
    """A neighbourhood office's portal repository as docs/portal.md lays it out: registry.yml, the
    estates' sites kept in sites/, a git repository, and the state of a first build."""
    from estate_sites import exports, write_site
    root = tmp_path / "office"
    for name, seed in (("a", 1), ("b", 2)):
        write_site(root / "sites" / name, exports(seed))
    (root / "registry.yml").write_text("estates:\n  - {id: a, name: 甲, site: sites/a}\n  - {id: b, name: 乙, site: sites/b}\n",
                                       encoding="utf-8")
    git(tmp_path, "init", "-q", str(root))
    assert main(["portal", str(root / "registry.yml")]) == 0
    return root


def _everything(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_portal_refuses_a_site_dir_over_the_registry_an_estate_its_state_or_a_repository(office, capsys, monkeypatch):
    before = _everything(office)
    registry = str(office / "registry.yml")

    def portal(site_dir):
        return refusal(capsys, "portal", registry, "--site-dir", str(site_dir))

    assert portal(office) == (f"sunlight: 不能把网站生成到登记文件所在的文件夹 {office}：生成网站会替换整个文件夹，登记文件、"
                              f"各小区的文件夹和门户的状态会全部丢失。{HINT}")
    monkeypatch.chdir(office)
    assert portal(".") == portal(office)                                    # the office's own folder, as `.`
    assert portal(office.parent) == (f"sunlight: 不能把网站生成到 {office.parent}：登记文件所在的文件夹 {office} 就在这个"
                                     f"文件夹里，生成网站会替换整个文件夹。{HINT}")
    for site_dir in (office / "sites" / "a", office / "sites" / "a" / "site"):
        assert portal(site_dir) == (f"sunlight: 不能把网站生成到 {site_dir}：它是或在小区 a 的网站文件夹 {office / 'sites' / 'a'} "
                                    f"里，网站会替换那里的文件。{HINT}")
    assert portal(office / "sites") == (f"sunlight: 不能把网站生成到 {office / 'sites'}：小区 a 的网站文件夹 "
                                        f"{office / 'sites' / 'a'} 就在这个文件夹里，生成网站会替换整个文件夹。{HINT}")
    state = office / ".sunlight" / "portal"
    assert portal(state) == f"sunlight: 不能把网站生成到 {state}：它是或在门户的状态文件夹 {state} 里，网站会替换那里的文件。{HINT}"
    assert portal(office / ".sunlight") == (f"sunlight: 不能把网站生成到 {office / '.sunlight'}：门户的状态文件夹 {state} "
                                            f"就在这个文件夹里，生成网站会替换整个文件夹。{HINT}")
    assert portal(office / ".git") == f"sunlight: 不能把网站生成到 {office / '.git'}：它是或在仓库的 .git/ 里，网站会替换那里的文件。{HINT}"
    papers = office.parent / "papers"
    papers.mkdir()
    (papers / "年度报告.docx").write_bytes(b"x")
    assert portal(papers) == (f"sunlight: 不能把网站生成到 {papers}：里面已有别的文件，不是 sunlight portal 生成的网站"
                              "（没有 data/estates.json），生成网站会替换它们。请换一个新文件夹，或确认无用后自己删掉它")
    assert _everything(office) == before and (papers / "年度报告.docx").read_bytes() == b"x"


def test_portal_still_writes_a_new_folder_and_replaces_its_own_site(office, tmp_path):
    public = tmp_path / "public"
    assert main(["portal", str(office / "registry.yml"), "--site-dir", str(public)]) == 0
    assert main(["portal", str(office / "registry.yml"), "--site-dir", str(public)]) == 0
    assert (public / "data/estates.json").is_file()
