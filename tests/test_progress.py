"""`build` and `portal` say which stage they are at while they work: a bar on a terminal, one plain
line per finished stage elsewhere; `--timings` lists every stage's seconds."""

from __future__ import annotations

import io
import re

from builders import write_tree
from estate_sites import exports, write_site
from sunlight_gongshi.cli import main
from sunlight_gongshi.progress import BUILD_STAGES, StageProgress
from sunlight_gongshi.timing import stopwatch

PLAIN = r"生成网站 (\d)/6：(.+)，用时 \d+\.\d 秒"


def test_a_build_outside_a_terminal_prints_one_line_per_stage_in_order(tmp_path, capsys):
    write_tree(tmp_path, {})
    assert main(["build", "--root", str(tmp_path)]) == 0
    err = capsys.readouterr().err.splitlines()
    stages = [re.fullmatch(PLAIN, line).groups() for line in err if re.fullmatch(PLAIN, line)]
    assert stages == [(str(i), label) for i, label in enumerate(BUILD_STAGES.values(), 1)]
    assert err[len(stages):] == ["注意：不在 git 仓库中，网站上不会有修改记录。", f"网站已生成：{tmp_path / 'site'}"]


def test_timings_lists_every_stage_and_the_total(tmp_path, capsys):
    write_tree(tmp_path, {})
    assert main(["build", "--root", str(tmp_path), "--timings"]) == 0
    err = capsys.readouterr().err
    table = err.split("生成网站各阶段用时：\n", 1)[1].splitlines()[:7]
    assert [re.sub(r"\s+\d+\.\d\d 秒", " N 秒", line).split() for line in table] == [
        ["检查记录", "N", "秒", "(validate)"], ["读取修改记录（git）", "N", "秒", "(history)"],
        ["计算账目、表决和评比", "N", "秒", "(compute)"], ["生成网页", "N", "秒", "(generate)"],
        ["排版网站（MkDocs）", "N", "秒", "(mkdocs)"], ["二维码、订阅源和文件清单", "N", "秒", "(finish)"], ["合计", "N", "秒"]]
    from sunlight_gongshi.cliparser import columns
    assert len({columns(line.split("秒")[0]) for line in table}) == 1    # aligned by the columns they take


def test_a_build_that_stops_at_validation_says_only_that_stage(tmp_path, capsys):
    write_tree(tmp_path, {"records/units.yml": "units: [oops\n"})
    assert main(["build", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert re.findall(PLAIN, err) == [("1", "检查记录")]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_names_the_stage_under_way_and_clears_itself():
    screen = Terminal()
    progress = StageProgress("生成网站", BUILD_STAGES, stream=screen)
    lap = stopwatch(progress.times)
    assert "正在检查记录" in screen.getvalue()
    lap("validate")
    assert screen.getvalue().rsplit("\r", 1)[-1].startswith("生成网站：正在读取修改记录（git）")
    for stage in ("history", "compute", "generate"):
        lap(stage)
    assert "正在排版网站（MkDocs）" in screen.getvalue().rsplit("\r", 1)[-1]
    assert "4/6" in screen.getvalue().rsplit("\r", 1)[-1]
    lap("mkdocs")
    lap("finish")
    progress.close()
    assert screen.getvalue().endswith("\r") or screen.getvalue().endswith("\x1b[A")   # tqdm leaves no bar
    assert "\n" not in screen.getvalue()          # nothing scrolled: one line rewritten in place


def test_portal_says_its_stages_too(tmp_path, capsys):
    for i in range(2):
        write_site(tmp_path / f"e{i}", exports(i))
    (tmp_path / "registry.yml").write_text("estates:\n" + "".join(
        f"  - {{id: e{i}, name: 小区{i}, neighbourhood: 社区, site: e{i}}}\n" for i in range(2)), encoding="utf-8")
    assert main(["portal", str(tmp_path / "registry.yml"), "--timings"]) == 0
    err = capsys.readouterr().err
    assert re.findall(r"生成门户网站 (\d)/3：(.+)，用时", err) == [
        ("1", "下载并核验各小区的数据"), ("2", "汇总数字"), ("3", "生成网站和数据表")]
    assert "生成门户网站各阶段用时：" in err
