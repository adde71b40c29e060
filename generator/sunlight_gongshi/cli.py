"""The `sunlight` command: argument parsing and exit codes only; the work happens in the stages."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

from . import __version__
from .cliparser import Parser
from .extras import MissingExtra, require
from .problems import format_problems, has_errors, sort_problems, summary
from .progress import BUILD_STAGES, PORTAL_STAGES, StageProgress
from .publishing import guards

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command that cannot start: wrong folder, missing argument."""


def _root(args) -> Path:
    root = Path(args.root).resolve()
    if not (root / "records").is_dir():
        raise UsageError(f"{root} 下没有 records/ 文件夹；请在小区仓库的根目录运行，或用 --root 指定")
    return root


def _site_url(value: str | None) -> str | None:
    """--site-url as given (an empty value is none: the forge did not report one)."""
    if not value or not value.strip():
        return None
    if not re.fullmatch(r"https?://[^\s\"'<>]+", value.strip()):
        raise UsageError(f"--site-url {value} 不是网址；请写成 https://… 的形式，如 https://example.org/gongshi/")
    return value.strip()


def _refuse(reason: str | None) -> None:
    """A command that would destroy what it was pointed at stops here, before any work."""
    if reason:
        raise UsageError(reason)


def cmd_validate(args) -> int:
    from .validate import check
    problems = check(_root(args), use_cache=not args.no_cache)
    if problems:
        print(format_problems(problems, args.format))
    if args.format == "text":
        print(summary(problems), file=sys.stderr)
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def cmd_build(args) -> int:
    from .build import build
    root = _root(args)
    site_url = _site_url(args.site_url)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    if args.site_dir:   # the default site/ is the build's own folder
        _refuse(guards.site_dir_refusal(root, site_dir))
    notes: list[str] = []
    with StageProgress("生成网站", BUILD_STAGES) as progress:
        problems, built = build(root, site_dir, use_cache=not args.no_cache, notes=notes, timings=progress.times,
                                site_url=site_url)
    if problems:
        print(format_problems(problems, "text"))
    for note in notes:
        print(note, file=sys.stderr)
    if args.timings:
        print(progress.table(), file=sys.stderr)
    if not built:
        print("没有生成网站：请先改正上面的错误。原来的网站保持不变。", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"网站已生成：{site_dir}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .publishing.serve import serve
    root = _root(args)
    _refuse(guards.port_refusal(args.port))
    try:
        serve(root, port=args.port)
    except OSError as exc:   # the port was taken while the first build ran
        _refuse(guards.bind_refusal(exc, args.port))
        raise
    return EXIT_OK


def cmd_verify(args) -> int:
    from .publishing.verify import verify
    site_dir = Path(args.site_dir).resolve()
    if not site_dir.is_dir():
        raise UsageError(f"找不到网站目录 {site_dir}")
    problems = verify(_root(args), site_dir)
    if problems:
        print(format_problems(problems, "text"))
        print(f"核对未通过：{len(problems)} 处不同。", file=sys.stderr)
        return EXIT_PROBLEMS
    print("核对通过：网站与仓库当前提交生成的结果逐字节相同。", file=sys.stderr)
    return EXIT_OK


def cmd_init(args) -> int:
    from .scaffold.init import InitError, init
    target = Path(args.dir).resolve()
    try:
        written = init(target, args.name, empty=args.empty)
    except InitError as exc:
        raise UsageError(str(exc)) from None
    what = "只有结构，没有例子" if args.empty else "每类记录一个例子，文件开头标着“示例”"
    print(f"已创建小区仓库 {target}（{len(written)} 个文件，{what}；wheels/ 里是这个版本的 Sunlight 安装包）。"
          f"下一步：先读 README.md，然后 cd {args.dir} && sunlight serve", file=sys.stderr)
    return EXIT_OK


def cmd_upgrade(args) -> int:
    from .scaffold.upgrade import UpgradeError, upgrade
    root = _root(args)
    try:
        done = upgrade(root)
    except UpgradeError as exc:
        raise UsageError(str(exc)) from None
    moved = f"从 {done.old} 升级到 {done.new}" if done.old != done.new else f"已是 {done.new}，补齐了安装包和格式文件"
    print(f"Sunlight {moved}：改写了 requirements.txt、wheels/ 里的安装包和 schema/。"
          "下一步：运行 sunlight validate，再把这些改动提交为合并请求，检查通过后合并。", file=sys.stderr)
    return EXIT_OK


def cmd_publish(args) -> int:
    from .publishing.publish import publish
    root = _root(args)
    _refuse(guards.publish_branch_refusal(root, args.branch, args.push))
    _refuse(guards.publish_tree_refusal(root))
    problems, done = publish(root, args.branch, args.push, site_url=_site_url(args.site_url))
    if problems:
        print(format_problems(problems, "text"))
    if not done:
        print("没有发布：请先改正上面的错误。", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"网站已提交到分支 {args.branch}" + (f" 并推送到 {args.push}" if args.push else ""), file=sys.stderr)
    return EXIT_OK


def cmd_import_ledger(args) -> int:
    from .importing.ledger import import_ledger
    sheet = Path(args.file)
    if not sheet.is_file():
        raise UsageError(f"找不到表格文件 {sheet}")
    outcome = import_ledger(_root(args), sheet, args.account, args.sheet, label=args.file)
    if outcome.problems:
        print(format_problems(sort_problems(outcome.problems), "text"))
    if has_errors(outcome.problems):
        print("没有写入任何文件：请改正上面这些问题后再导入。", file=sys.stderr)
        return EXIT_PROBLEMS
    for rel in outcome.written:
        print(f"已写入 {rel}", file=sys.stderr)
    known = f"（另有 {outcome.known} 笔已经入账，没有重复记）" if outcome.known else ""
    print(f"导入完成：新记 {outcome.booked} 笔{known}。请运行 sunlight validate 检查，再提交合并请求。"
          if outcome.written else f"没有新的流水需要导入{known}。", file=sys.stderr)
    return EXIT_OK


def cmd_closings(args) -> int:
    from .importing.closings import rewrite_closings
    problems, rewrites = rewrite_closings(_root(args), write=args.write)
    if problems:
        print(format_problems(problems, "text"))
        print("没有改写任何文件：请先改正上面的错误。", file=sys.stderr)
        return EXIT_PROBLEMS
    for rewrite in rewrites:
        print(("已改写 " if args.write else "") + rewrite.text())
    if not rewrites:
        print("每个月末余额（closing）都与流水相符，不需要改写。", file=sys.stderr)
        return EXIT_OK
    if args.write:
        print(f"已改写 {len(rewrites)} 行 closing。请运行 sunlight validate，再提交合并请求，"
              "在说明里写明更正的原因。", file=sys.stderr)
        return EXIT_OK
    print(f"有 {len(rewrites)} 行 closing 与流水不符。确认这是有意更正已结账目的结果后，"
          "运行 sunlight closings --write 改写它们（只改这些数字，其他内容和注释不动）。", file=sys.stderr)
    return EXIT_PROBLEMS


def cmd_schema(args) -> int:
    from .model.schema import all_schemas
    schemas = all_schemas()
    if args.out is None:
        print(json.dumps(schemas, ensure_ascii=False, indent=2))
        return EXIT_OK
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for kind, schema in schemas.items():
        (out / f"{kind}.json").write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")
    print(f"已写入 {len(schemas)} 个 JSON Schema 到 {out}/", file=sys.stderr)
    return EXIT_OK


def cmd_explain(args) -> int:
    from .reference import codes
    if args.code is None:
        print(codes.listing())
        return EXIT_OK
    code = codes.codes().get(codes.normalise(args.code))
    if code is None:
        close = codes.close_matches(args.code)
        hint = f"是不是 {'、'.join(close)}？" if close else "不带代码运行 sunlight explain 可以列出全部代码。"
        raise UsageError(f"没有问题代码 {args.code}；{hint}")
    print(codes.explain(code))
    return EXIT_OK


def cmd_reference(args) -> int:
    from .reference.document import render
    text = render()
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    Path(args.out).write_text(text, encoding="utf-8")
    print(f"已写入记录格式参考 {args.out}", file=sys.stderr)
    return EXIT_OK


def cmd_portal(args) -> int:
    require("portal", "生成总览网站（sunlight portal）")
    from .portal.build import SiteDirRefused, StateBusy, build_portal
    registry = Path(args.registry)
    if not registry.is_file():
        raise UsageError(f"找不到登记文件 {registry}")
    try:
        with StageProgress("生成门户网站", PORTAL_STAGES) as progress:
            problems, built, _ = build_portal(registry, Path(args.site_dir).resolve() if args.site_dir else None,
                                              label=args.registry, timings=progress.times)
    except (StateBusy, SiteDirRefused) as exc:
        raise UsageError(str(exc)) from None
    if problems:
        print(format_problems(sort_problems(problems), "text"))
    if args.timings:
        print(progress.table(), file=sys.stderr)
    if not built:
        print("没有生成门户网站：请先改正登记文件里的上述错误。原来的网站保持不变。", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"门户网站已生成：{args.site_dir or registry.parent / 'site'}", file=sys.stderr)
    return EXIT_OK


def cmd_witness(args) -> int:
    from .witness.run import WitnessUsage, witness
    try:
        report = witness(args.sites, Path(args.state))
    except WitnessUsage as exc:
        raise UsageError(str(exc)) from None
    for line in report.lines():
        print(line)
    print(report.summary(), file=sys.stderr)
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def parser() -> Parser:
    top = Parser(prog="sunlight", description="阳光公示：检查小区公示记录，生成公示网站。\n"
                 "每个命令的用法：sunlight 命令 --help，例如 sunlight build --help。")
    top.add_version(f"sunlight {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND", title="命令", help="任选一个：")

    def command(name: str, words: str, root: bool = True) -> Parser:
        p = sub.add_parser(name, help=words, description=words)
        if root:
            p.add_argument("--root", default=".", metavar="DIR", help="小区仓库的根目录（含 records/），默认当前目录")
        return p

    def no_cache(p: Parser) -> None:
        p.add_argument("--no-cache", action="store_true", help="不用 .sunlight/ 里的缓存，从头检查")

    v = command("validate", "检查全部记录；每个问题一行：文件:行: 级别: 说明  [代码]")
    v.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="输出格式：text 每个问题一行（默认）；github 让 GitHub、Forgejo 把问题标在改动的那一行上；"
                        "json 给程序读")
    no_cache(v)
    v.set_defaults(func=cmd_validate)

    b = command("build", "检查记录并生成公示网站；有错误时不生成，原来的网站保持不变")
    b.add_argument("--site-dir", metavar="DIR", help="网站生成到这个文件夹（会整个替换），默认 site/")
    b.add_argument("--site-url", metavar="URL",
                   help="网站的网址，用在打印公示的二维码和订阅源里；mkdocs.yml 写了 site_url 时以它为准"
                        "（发布网站的工作流自动填写）")
    b.add_argument("--timings", action="store_true", help="生成后列出每个阶段用了多少秒")
    no_cache(b)
    b.set_defaults(func=cmd_build)

    sv = command("serve", "在本机预览网站：记录一改就重新生成，打开的网页自己刷新")
    sv.add_argument("--port", type=int, default=8000, metavar="PORT",
                    help="端口，默认 8000；0 表示任选一个空闲端口")
    sv.set_defaults(func=cmd_serve)

    vf = command("verify", "重新生成当前提交的网站，逐个文件核对已公开的网站")
    vf.add_argument("site_dir", metavar="SITE_DIR", help="要核对的网站（如检出的 pages 分支）所在的文件夹")
    vf.set_defaults(func=cmd_verify)

    i = command("init", "新建一个小区仓库：每类记录一个例子、网站页面、工作流和这个版本的安装包", root=False)
    i.add_argument("dir", metavar="DIR", help="新仓库的文件夹（不存在或是空的）")
    i.add_argument("--name", default="我们的小区", metavar="NAME", help="小区名称，默认“我们的小区”")
    i.add_argument("--empty", action="store_true", help="只建结构，不写例子记录")
    i.set_defaults(func=cmd_init)

    u = command("upgrade", "把小区仓库升级到这个版本的 Sunlight：改 requirements.txt，换上安装包和 schema/")
    u.set_defaults(func=cmd_upgrade)

    p = command("publish", "生成网站并提交到一个分支（Forgejo、Gitea 等没有 Pages 动作的平台）")
    p.add_argument("--branch", required=True, metavar="BRANCH", help="网站分支，如 pages（会整个替换成网站）")
    p.add_argument("--push", metavar="REMOTE", help="提交后推送到这个远程仓库，如 origin")
    p.add_argument("--site-url", metavar="URL", help="网站的网址，用法同 sunlight build --site-url")
    p.set_defaults(func=cmd_publish)

    im = sub.add_parser("import", help="从表格导入记录", description="从表格导入记录")
    im_sub = im.add_subparsers(dest="what", required=True, metavar="KIND", title="种类", help="任选一个：")
    led = im_sub.add_parser("ledger", help="出纳的日记账（.xlsx、.xls 或 .csv）导入为月度账目",
                            description="出纳的日记账（.xlsx、.xls 或 .csv）导入为月度账目。\n"
                                        "读 Excel 表格要先安装：pip install 'sunlight-gongshi[import]'")
    led.add_argument("--root", default=".", metavar="DIR", help="小区仓库的根目录（含 records/），默认当前目录")
    led.add_argument("file", metavar="FILE", help="出纳的表格文件")
    led.add_argument("--account", metavar="ACCOUNT", help="记入哪个账户（accounts.yml 里的编号）")
    led.add_argument("--sheet", action="append", metavar="SHEET[=ACCOUNT]",
                     help="导入哪个工作表（名称或第几个）；写成 名称=账户 则记入该账户，可以写几次")
    led.set_defaults(func=cmd_import_ledger)

    cl = command("closings", "更正已结账目后，列出或改写之后各月不再成立的月末余额（closing）")
    cl.add_argument("--write", action="store_true", help="把不再成立的 closing 改成按流水算出的数")
    cl.set_defaults(func=cmd_closings)

    po = command("portal", "汇总多个小区公开的数据，生成街道、社区的总览网站"
                           "（要先安装：pip install 'sunlight-gongshi[portal]'）", root=False)
    po.add_argument("registry", metavar="REGISTRY.yml", help="登记各小区及其公示网站的文件，如 registry.yml")
    po.add_argument("--site-dir", metavar="DIR", help="网站输出目录，默认登记文件旁的 site/")
    po.add_argument("--timings", action="store_true", help="生成后列出每个阶段用了多少秒")
    po.set_defaults(func=cmd_portal)

    wi = command("witness", "见证：记住公示网站公布的修改链，历史被改写时指出从第几条起不同。"
                            "每个网站一行：首次记录、一致、改写（已声明：理由）、改写：第 N 条起（日期）与此前所见不同，或无法核对。"
                            "退出码：0 没有未声明的改写，1 有未声明的改写或有网站无法核对，2 用法错误或见证记录文件读不懂", root=False)
    wi.add_argument("sites", metavar="SITE", nargs="+", help="公示网站的网址（http:// 或 https://）或文件夹，可以写几个")
    wi.add_argument("--state", metavar="FILE", default=".sunlight/witness.json",
                    help="见证记录文件（JSON），默认 .sunlight/witness.json")
    wi.set_defaults(func=cmd_witness)

    s = command("schema", "输出每类记录文件的 JSON Schema（编辑器据此提示字段）", root=False)
    s.add_argument("--out", metavar="DIR", help="写到这个文件夹（每类一个 .json）；不给则打印到屏幕")
    s.set_defaults(func=cmd_schema)

    e = command("explain", "解释一个问题代码（如 E-BALANCE）是什么意思、怎么改", root=False)
    e.add_argument("code", metavar="CODE", nargs="?", help="问题代码，可以连方括号一起复制；不给则列出全部代码")
    e.set_defaults(func=cmd_explain)

    r = command("reference", "输出这个版本的记录格式参考（每类记录的字段、检查和问题代码）", root=False)
    r.add_argument("--out", metavar="FILE", help="写到这个文件（如 docs/records.md）；不给则打印到屏幕")
    r.set_defaults(func=cmd_reference)
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, bad usage exits 2
        return int(exc.code or 0)
    try:
        return args.func(args)
    except (UsageError, MissingExtra) as exc:
        print(f"sunlight: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sunlight validate | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except Exception as exc:  # never a traceback for a committee member; say it is our fault
        print(f"sunlight: 内部错误（这是 sunlight 的缺陷，不是你的记录的问题，请报告）：{type(exc).__name__}: {exc}",
              file=sys.stderr)
        return EXIT_PROBLEMS
