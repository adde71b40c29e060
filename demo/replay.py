"""The demo builder: the demo community's history replayed month by month into a git repository of its
own, committed on the days a diligent committee would have committed it, and the demo site built there.

Why: the demo's records reached this repository in a few commits long after their months had closed.
Sunlight dates every disclosure by the commit that first published it (format section 5.1), so a site
built from this repository's own history says that 54 of the 56 disclosure periods were published late
(one of them 571 days late): true of how the files reached this repository, false of the fictional
committee.  This repository's history is never rewritten for it.  Instead this script writes, from the
records as they stand in the working tree, a separate repository (by default `.sunlight/demo/`) in
which each file first appears on the day the committee would have committed it, and builds the site
from there.  The story it tells, on purpose:

- the books of every month are committed on the 3rd of the next month, except August 2025's, which
  the treasurer committed on 8 October 2025 while in hospital: the one late period (8 days late);
- the supervisors reviewed the books of the second quarter of 2026 on 12 August 2026 and found one
  expense filed under the wrong category; the committee corrected June 2026 two days later: the one
  amendment of closed books after a review (`REVIEW`: written into the replay as
  `records/reviews/2026-Q2.yml` once the installed Sunlight knows the review kind of format 1.2);
- decisions are committed on the day they were posted on the notice board (`published`), meetings with
  the decisions they took, score months on the 2nd of the next month, requests and the activity log
  with the books (or later, once the entries and decisions they name are on record; a request's status
  is committed as it stands today, the one liberty the replay takes), notices on their date;
- the repository's "today" is its last commit: 3 November 2026, when October's books were committed.

Every date is fixed, so the same records always give the same commits and the same site.

    python3 demo/replay.py                      # replay into .sunlight/demo/, build the site into site/
    python3 demo/replay.py --repo DIR --site-dir DIR
    python3 demo/replay.py --no-build           # only the repository (then: sunlight validate --root DIR)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MARK = "sunlight-demo-replay"          # a file in the replay's .git: the folder is ours to replace
TZ = dt.timezone(dt.timedelta(hours=8))
AUTHOR = ("晴川花园小区业主委员会", "yeweihui@example.org")

START = dt.date(2024, 11, 1)           # the committee begins to keep its records in git
ELECTED = dt.date(2026, 1, 17)         # the second committee's rosters, after the election of 15 January
LATE = {"records/finance/2025/2025-08.yml": (dt.date(2025, 10, 8), "（负责记账的委员住院，晚了 8 天）")}
WITH_PATHS = ("mkdocs.yml", ".gitignore")   # besides records/, content/ and schema/

# The one amendment after a review: June 2026 as first committed, and the review that found it.
AMENDED = "records/finance/2026/2026-06.yml"
AMENDED_ON = dt.date(2026, 8, 14)
AMENDED_FROM = ("    category: 维修\n    counterparty: 某某五金店\n    memo: 零星维修材料\n",
                "    category: 办公\n    counterparty: 某某五金店\n    memo: 材料\n")
AMENDMENT = ("监委会审查 2026 年第二季度账目后更正 6 月账目：6 月 5 日付某某五金店的 452.30 元是楼道零星维修材料，"
             "不是办公用品（类别、摘要）")
REVIEW_ON = dt.date(2026, 8, 12)
REVIEW = """\
# 监委会审查 2026 年第二季度账目（4 月至 6 月）
id: 2026-Q2
by: supervisors
date: 2026-08-12
through: 2026-06
accounts: [operating, public_revenue, maintenance, ebike-shed]
signed: [郑国平, 何美玲]
opinion: qualified
findings: |
  6 月 5 日付某某五金店的 452.30 元（2026-06-002）记成了办公用品，凭证显示是楼道零星维修材料，
  请更正类别和摘要。其余账目与凭证、银行对账单相符。
"""

# Files whose first version differs from the one in the working tree: (path, day of the final
# version, how to make the first version from the final one, message).
LATER_VERSIONS = (
    ("records/scores/rubric.yml", dt.date(2025, 7, 9),
     lambda text: text[:text.index("  - effective_from: 2025-08")], "评比规则 2025 年 8 月起的新版本（决议 2025-006）"),
    ("records/finance/accounts.yml", dt.date(2025, 3, 1),
     lambda text: re.sub(r"  - id: ebike-shed\n(?:    .*\n)+", "", text), "新开电动车棚改造众筹账户（决议 2025-002）"),
    (AMENDED, AMENDED_ON, lambda text: _swap(text, *AMENDED_FROM), AMENDMENT),
)


def _swap(text: str, final: str, first: str) -> str:
    if final not in text:
        raise SystemExit(f"demo/replay.py: {AMENDED} no longer holds the entry the amendment corrects; update AMENDED_FROM")
    return text.replace(final, first)


@dataclass
class Version:
    """One file as it is committed on `day` (None: the working tree's bytes)."""

    day: dt.date
    message: str
    data: bytes | None = None
    needs: set[str] = field(default_factory=set)   # files that must be on record first


def _next_month(month: str, day: int) -> dt.date:
    year, number = int(month[:4]), int(month[5:7])
    return dt.date(year + number // 12, number % 12 + 1, day)


def _month_words(month: str) -> str:
    return f"{int(month[:4])} 年 {int(month[5:7])} 月"


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def plan(root: Path = REPO) -> dict[str, list[Version]]:
    """Every file of the demo with the versions it is committed in, oldest first."""
    files = [p.relative_to(root).as_posix() for base in ("records", "content", "schema")
             for p in sorted((root / base).rglob("*")) if p.is_file()]
    files += [name for name in WITH_PATHS if (root / name).is_file()]
    decision_file = {(_load(root / f).get("id")): f for f in files if f.startswith("records/decisions/")}
    entry_file = {}
    for f in files:
        if f.startswith("records/finance/") and re.search(r"\d{4}-\d\d\.yml$", f):
            for entry in _load(root / f).get("entries") or ():
                entry_file[entry["id"]] = f
    versions: dict[str, list[Version]] = {}
    for f in files:
        versions[f] = [_natural(root, f, decision_file, entry_file)]
    for f, day, first, message in LATER_VERSIONS:
        final = versions[f][0]
        text = (root / f).read_text(encoding="utf-8")
        versions[f] = [Version(final.day, final.message, first(text).encode("utf-8"), final.needs),
                       Version(day, message, None, final.needs)]
    _settle(versions)
    return versions


def _natural(root: Path, f: str, decision_file: dict, entry_file: dict) -> Version:
    """When a diligent committee first commits a file, and what must be on record before it."""
    name = f.rsplit("/", 1)[-1]
    if f.startswith("records/decisions/"):
        d = _load(root / f)
        day = max(_day(d.get("published") or d["date"]), START)
        return Version(day, f"决议 {d['id']}：{d['title']}", needs={f"records/{x}" for x in d.get("documents") or ()})
    if f.startswith("records/meetings/"):
        m = _load(root / f)
        needs = {decision_file[i] for i in m.get("outcomes") or ()}
        if m.get("minutes"):
            needs.add(f"records/{m['minutes']}")
        return Version(max(_day(m["date"]), START), f"会议 {m['id']}：{m['title']}", needs=needs)
    if f.startswith("records/roster/"):
        term = _load(root / f)["term"]
        day = START if _day(term["from"]) <= START else ELECTED
        return Version(day, f"名册：{_load(root / f)['name']}")
    month = re.search(r"(\d{4}-\d\d)\.yml$", f)
    if f.startswith("records/finance/") and month:
        books = _load(root / f)
        day, why = LATE.get(f, (_next_month(month.group(1), 3), ""))
        needs = {decision_file[e["decision"]] for e in books.get("entries") or () if e.get("decision")}
        needs |= {f"records/{e['receipt']}" for e in books.get("entries") or () if e.get("receipt")}
        return Version(day, f"{_month_words(month.group(1))}账目{why}", needs=needs)
    if f.startswith("records/scores/") and month:
        return Version(_next_month(month.group(1), 2), f"{_month_words(month.group(1))}文明评比")
    if f.startswith("records/requests/") and month:
        requests = _load(root / f).get("requests") or ()
        day = _next_month(month.group(1), 3)
        needs = {entry_file[r["entry"]] for r in requests if r.get("entry")}
        needs |= {decision_file[r["decision"]] for r in requests if r.get("decision")}
        return Version(day, f"{_month_words(month.group(1))}收到的居民诉求", needs=needs)
    if f.startswith("records/activities/") and month:
        return Version(_next_month(month.group(1), 3), f"{_month_words(month.group(1))}活动记录")
    if f.startswith("content/notices/"):
        front = re.match(r"---\n(.*?)\n---\n", (root / f).read_text(encoding="utf-8"), re.S)
        meta = yaml.safe_load(front.group(1)) if front else {}
        return Version(max(_day(meta.get("date", START)), START), f"公告：{meta.get('title', name)}")
    if f == "records/finance/accounts.yml":
        return Version(START, "账户", needs={decision_file[a["authorised_by"]] for a in _load(root / f)["accounts"]
                                            if a.get("authorised_by")})
    return Version(START, "")


def _settle(versions: dict[str, list[Version]]) -> None:
    """Move each version no earlier than the first version of everything it needs, each month's books no
    earlier than the month before (a late month holds back the next), and each attachment to the first
    version that needs it."""
    books = sorted(f for f in versions if re.match(r"records/finance/\d{4}/", f))
    changed = True
    while changed:
        changed = False
        for vs in versions.values():
            for v in vs:
                ready = max((versions[n][0].day for n in v.needs if n in versions), default=v.day)
                if ready > v.day:
                    v.day, changed = ready, True
        for earlier, later in zip(books, books[1:]):
            if versions[earlier][0].day > versions[later][0].day:
                versions[later][0].day, changed = versions[earlier][0].day, True
    for f, vs in versions.items():
        if f.startswith("records/files/"):
            vs[0].day = min((v.day for ws in versions.values() for v in ws if f in v.needs), default=START)


def commits(versions: dict[str, list[Version]]) -> list[tuple[dt.date, str, dict[str, bytes | None]]]:
    """The plan as commits, one a day that has anything to commit, oldest first."""
    days: dict[dt.date, list[tuple[str, Version]]] = {}
    for f, vs in versions.items():
        for v in vs:
            days.setdefault(v.day, []).append((f, v))
    out = []
    for day in sorted(days):
        items = sorted(days[day], key=lambda fv: fv[0])
        if day == START:
            message = "开始用阳光公示登记：小区、单元、名册、账户、评分规则和网页，补录此前的决议"
        else:
            lines = sorted({v.message for _f, v in items if v.message})
            title = "；".join(lines)
            message = title if len(lines) == 1 or len(title) <= 60 else f"{day.month} 月 {day.day} 日登记 {len(lines)} 项\n\n" + "\n".join(lines)
        out.append((day, message, {f: v.data for f, v in items}))
    return out


def _git(repo: Path, *args: str, day: dt.date | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": AUTHOR[0], "GIT_AUTHOR_EMAIL": AUTHOR[1],
           "GIT_COMMITTER_NAME": AUTHOR[0], "GIT_COMMITTER_EMAIL": AUTHOR[1]}
    if day is not None:
        stamp = dt.datetime.combine(day, dt.time(20, 30), TZ).isoformat()
        env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)


def _clear(repo: Path) -> None:
    """An empty folder for the replay: refuses a folder that holds anything but an earlier replay."""
    if repo.exists() and any(repo.iterdir()):
        if not (repo / ".git" / MARK).is_file():
            raise SystemExit(f"demo/replay.py: {repo} is not empty and not an earlier replay; choose another --repo")
        shutil.rmtree(repo)
    repo.mkdir(parents=True, exist_ok=True)


def replay(repo: Path, root: Path = REPO) -> Path:
    """Write the replayed repository into `repo` (emptied first) and return it."""
    from sunlight_gongshi.model.kinds import kind_at
    _clear(repo)
    _git(repo, "init", "--quiet", "--initial-branch=main")
    (repo / ".git" / MARK).write_text("written by demo/replay.py; replaced on every run\n", encoding="utf-8")
    steps = commits(plan(root))
    if kind_at("reviews/2026-Q2.yml"):   # format 1.2's review kind, once this Sunlight has it
        steps = _with_review(steps)
    for day, message, files in steps:
        for f, data in files.items():
            target = repo / f
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data if data is not None else (root / f).read_bytes())
        _git(repo, "add", "--all")
        _git(repo, "commit", "--quiet", "--no-verify", "-m", message, day=day)
    return repo


def _with_review(steps):
    review = (REVIEW_ON, "监委会审查 2026 年第二季度账目（有保留意见）", {"records/reviews/2026-Q2.yml": REVIEW.encode("utf-8")})
    return sorted([*steps, review], key=lambda step: step[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", type=Path, default=REPO / ".sunlight" / "demo", help="where to write the replay")
    parser.add_argument("--site-dir", type=Path, default=REPO / "site", help="where to build the demo site")
    parser.add_argument("--site-url", help="the address the site is published at (as sunlight build --site-url)")
    parser.add_argument("--no-build", action="store_true", help="write the replayed repository only")
    args = parser.parse_args(argv)
    repo = replay(args.repo.resolve())
    print(f"已按日期重放示例小区的历史：{repo}")
    if args.no_build:
        return 0
    from sunlight_gongshi.cli import main as sunlight
    return sunlight(["build", "--root", str(repo), "--site-dir", str(args.site_dir.resolve()),
                     *(["--site-url", args.site_url] if args.site_url else [])])


if __name__ == "__main__":
    sys.exit(main())
