"""`sunlight upgrade` moves a community to the running version: the pin, the wheel the workflows
install from, the JSON Schemas; never down, and never without a pin to move."""

from __future__ import annotations

import datetime as dt

import pytest

from sunlight_gongshi import __version__
from sunlight_gongshi.cli import main
from sunlight_gongshi.scaffold.init import init

WHEEL = f"sunlight_gongshi-{__version__}-py3-none-any.whl"


@pytest.fixture
def older(tmp_path):
    """A community made by an older Sunlight: its pin, its wheel, its schemas."""
    root = tmp_path / "estate"
    init(root, "旧版小区", today=dt.date(2026, 12, 6))
    requirements = root / "requirements.txt"
    requirements.write_text(requirements.read_text(encoding="utf-8").replace(f"=={__version__}", "==0.1.0"),
                            encoding="utf-8")
    (root / "wheels" / WHEEL).rename(root / "wheels/sunlight_gongshi-0.1.0-py3-none-any.whl")
    (root / "schema/finance-month.json").write_text("{}\n", encoding="utf-8")
    return root


def test_upgrade_pins_this_version_and_keeps_its_wheel_and_schemas(older, capsys):
    before = (older / "requirements.txt").read_text(encoding="utf-8")
    assert main(["upgrade", "--root", str(older)]) == 0
    assert (older / "requirements.txt").read_text(encoding="utf-8") == before.replace("==0.1.0", f"=={__version__}")
    assert sorted(p.name for p in (older / "wheels").iterdir()) == [WHEEL]
    assert (older / "schema/finance-month.json").read_text(encoding="utf-8") != "{}\n"
    assert capsys.readouterr().err == (f"Sunlight 从 0.1.0 升级到 {__version__}：改写了 requirements.txt、wheels/ 里的"
                                       "安装包和 schema/。下一步：运行 sunlight validate，再把这些改动提交为合并请求，"
                                       "检查通过后合并。\n")
    assert main(["validate", "--root", str(older)]) == 0


def test_an_old_requirements_file_gets_the_wheels_line_and_keeps_its_extras(older):
    (older / "requirements.txt").write_text("# 旧的写法\nsunlight-gongshi[import] == 0.1.0\n", encoding="utf-8")
    assert main(["upgrade", "--root", str(older)]) == 0
    assert (older / "requirements.txt").read_text(encoding="utf-8") == (
        f"# 旧的写法\n--find-links wheels\nsunlight-gongshi[import]=={__version__}\n")


@pytest.mark.parametrize("requirements, message", [
    ("sunlight-gongshi==99.0\n", f"requirements.txt 钉的是 99.0，比这里运行的 {__version__} 还新；请先在仓库里运行 "
                                 "pip install -r requirements.txt 装上那个版本（升级不会降级）"),
    (".\n", f"requirements.txt 里没有 sunlight-gongshi==版本号 这一行，不知道要改哪里；请加上一行 "
            f"sunlight-gongshi=={__version__} 后再运行"),
    ("sunlight-gongshi==最新\n", f"requirements.txt 第 1 行的版本号 最新 写错了；请改成 {__version__}"),
])
def test_upgrade_refuses_what_it_cannot_move_and_changes_nothing(older, requirements, message, capsys):
    (older / "requirements.txt").write_text(requirements, encoding="utf-8")
    assert main(["upgrade", "--root", str(older)]) == 2
    assert capsys.readouterr().err == f"sunlight: {message}\n"
    assert (older / "requirements.txt").read_text(encoding="utf-8") == requirements
    assert [p.name for p in (older / "wheels").iterdir()] == ["sunlight_gongshi-0.1.0-py3-none-any.whl"]


def test_upgrade_outside_a_community_is_a_usage_error(tmp_path, capsys):
    assert main(["upgrade", "--root", str(tmp_path)]) == 2
    assert "没有 records/ 文件夹" in capsys.readouterr().err
