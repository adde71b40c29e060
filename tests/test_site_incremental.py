"""A site rebuilt by `sunlight serve` after any edits is, file for file, the site a clean build makes.

Hypothesis plays a committee member at work on a copy of the demo: entries, money, decisions
added and removed, score events, notices, rosters, unit names, the community's name, residents'
requests, the activity log, meetings, mkdocs.yml, attachments, commits.  After every edit the site is rebuilt incrementally; at the
end it is compared with a clean `sunlight build` of the same records.  SUNLIGHT_REBUILD_RUNS
sets how many sessions are played (3 by default, each of up to 8 edits).
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import Phase, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from builders import REPO
from sunlight_gongshi.build import build
from sunlight_gongshi.site.output.rebuild import Rebuild, same

LAST_MONTH = "records/finance/2026/2026-10.yml"
GIT = ["git", "-c", "user.name=委员", "-c", "user.email=c@example.org", "-c", "commit.gpgsign=false"]


def files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    ours, theirs = files(a), files(b)
    return sorted(set(ours) ^ set(theirs)) + [k for k in sorted(set(ours) & set(theirs))
                                              if not filecmp.cmp(ours[k], theirs[k], shallow=False)]


class ServeSession(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="sunlight-rebuild-"))
        self.root = self.tmp / "community"
        for name in ("records", "content"):
            shutil.copytree(REPO / name, self.root / name)
        shutil.copy(REPO / "mkdocs.yml", self.root / "mkdocs.yml")
        self.incremental = Rebuild(self.root / ".sunlight" / "serve")
        self.n = 0
        self.added_decisions: list[str] = []
        self.git = False
        self.rebuild()

    def rebuild(self):
        problems, built = build(self.root, self.incremental.site, output=self.incremental)
        assert built, [p.text() for p in problems]

    def edit(self, rel: str, pattern: str, new: str) -> None:
        path = self.root / rel
        text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1)
        assert count, (rel, pattern)
        path.write_text(text, encoding="utf-8")
        self.n += 1

    def teardown(self):
        try:
            clean = self.tmp / "clean"
            problems, built = build(self.root, clean, use_cache=False)
            assert built, [p.text() for p in problems]
            assert differences(self.incremental.site, clean) == []
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)

    @rule(month=st.sampled_from(["2025-03", "2025-08", "2026-10"]))
    def change_a_memo(self, month):
        self.edit(f"records/finance/{month[:4]}/{month}.yml", r"memo: [^\n]*", f"memo: 改过的摘要{self.n}")
        self.rebuild()

    @rule(cents=st.integers(min_value=1, max_value=10**7))
    def add_money(self, cents):
        amount = Decimal(cents) / 100
        path = self.root / LAST_MONTH
        text = path.read_text(encoding="utf-8")
        closing = re.search(r'\n  operating: "([\d.]+)"', text)
        text = text.replace("\nclosing:", f'\n  - id: 2026-10-9{self.n:02d}\n    date: 2026-10-25\n    account: operating\n'
                                          f'    amount: "{amount}"\n    category: 测试\n    memo: 收到{self.n}\nclosing:')
        text = text.replace(closing.group(0), f'\n  operating: "{Decimal(closing.group(1)) + amount}"')
        path.write_text(text, encoding="utf-8")
        self.n += 1
        self.rebuild()

    @rule(status=st.sampled_from(["proposed", "decided", "in_progress", "done"]))
    def change_a_decision(self, status):
        self.edit("records/decisions/2026-006.yml", r"title: [^\n]*", f"title: 改过的题目{self.n}")
        self.edit("records/decisions/2026-006.yml", r"status: \w+", f"status: {status}")
        self.rebuild()

    @rule()
    def add_a_decision(self):
        number = f"2026-{900 + self.n}"
        (self.root / f"records/decisions/{number}.yml").write_text(
            f"id: {number}\ntitle: 新决议{self.n}\ndate: 2026-10-20\nbody: committee\nmatter: ordinary\n"
            "status: proposed\nsummary: 安装屋面防水\n", encoding="utf-8")
        self.added_decisions.append(number)
        self.n += 1
        self.rebuild()

    @precondition(lambda self: self.added_decisions)
    @rule()
    def remove_a_decision(self):
        (self.root / f"records/decisions/{self.added_decisions.pop()}.yml").unlink()
        self.rebuild()

    @rule(item=st.sampled_from(["volunteer", "clutter", "resolved"]))
    def change_a_score_event(self, item):
        self.edit("records/scores/2025/2025-09.yml", r"item: \w+, date: ([\d-]+), note: [^}]*",
                  rf"item: {item}, date: \1, note: 改过{self.n}")
        self.rebuild()

    @rule()
    def change_a_notice(self):
        self.edit("content/notices/2026-10-water-outage.md", r"全小区停水", f"全小区停水（第 {self.n} 次修改）")
        self.rebuild()

    @rule(present=st.booleans())
    def add_or_remove_a_page(self, present):
        page = self.root / "content/notices/2026-10-extra.md"
        if present:
            page.write_text(f"---\ntitle: 临时通知{self.n}\ndate: 2026-10-22\n---\n\n电梯检修。\n", encoding="utf-8")
        else:
            page.unlink(missing_ok=True)
        self.n += 1
        self.rebuild()

    @rule()
    def rename_a_committee_member(self):
        """A name corrected on every roster and in the meetings' attendance lists that name them."""
        roster = self.root / "records/roster/2026-committee.yml"
        old = re.search(r"\{name: ([^,\n]*),", roster.read_text(encoding="utf-8")).group(1)
        new = f"新委员{self.n}"
        for path in sorted((self.root / "records/roster").glob("*.yml")) + sorted((self.root / "records/meetings").glob("*.yml")):
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(rf"(?<=[\[ ]){re.escape(old)}(?=[,\]])", new, text), encoding="utf-8")
        self.n += 1
        self.rebuild()

    @rule(status=st.sampled_from(["open", "resolved"]))
    def change_a_request(self, status):
        """A request's summary reworded, and it reopened or resolved again."""
        path = "records/requests/2026/2026-10.yml"
        self.edit(path, r"summary: 落叶[^\n]*", f"summary: 落叶堵塞雨水口（第 {self.n} 次修改）")
        self.edit(path, r"(id: 2026-10-R01\n(?:    [^\n]*\n)*?)    status: \w+\n(?:    resolved: [^\n]*\n)?",
                  r"\g<1>    status: open\n" if status == "open" else r"\g<1>    status: resolved\n    resolved: 2026-10-04\n")
        self.rebuild()

    @rule(count=st.integers(min_value=1, max_value=500))
    def change_an_activity(self, count):
        self.edit("records/activities/2026/2026-10.yml", r"by: 银发先锋志愿服务队, count: \d+",
                  f"by: 银发先锋志愿服务队, count: {count}")
        self.rebuild()

    @rule()
    def change_a_meeting(self):
        self.edit("records/meetings/2026-M10.yml", r"title: [^\n]*", f"title: 业委会会议：改过的议题{self.n}")
        self.edit("records/meetings/2026-M10.yml", r"others: \d+", f"others: {self.n % 9}")
        self.rebuild()

    @rule()
    def rename_a_unit(self):
        self.edit("records/units.yml", r'(id: "2-1", name: )[^,]*,', rf"\g<1>二栋一单元{self.n},")
        self.rebuild()

    @rule()
    def rename_the_community(self):
        self.edit("records/community.yml", r"\nname: [^\n]*", f"\nname: 晴川花园{self.n}")
        self.rebuild()

    @rule(directory_urls=st.booleans(), untitled_nav=st.booleans())
    def change_mkdocs_yml(self, directory_urls, untitled_nav):
        path = self.root / "mkdocs.yml"
        text = re.sub(r"\n(use_directory_urls: \w+|nav: .*)", "", path.read_text(encoding="utf-8"))
        text += f"\nuse_directory_urls: {str(directory_urls).lower()}\n"
        if untitled_nav:   # the tabs are then named by the pages' own titles (the home page: the community)
            text += "nav: [index.md, decisions/index.md, {公告: notices/index.md}, people.md]\n"
        path.write_text(text, encoding="utf-8")
        self.rebuild()

    @rule(present=st.booleans())
    def add_or_remove_an_attachment(self, present):
        path = self.root / "records/files/extra-scan.png"
        if present:
            path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes([self.n % 256]) * 20)
        else:
            path.unlink(missing_ok=True)
        self.n += 1
        self.rebuild()

    @rule()
    def save_without_change(self):
        path = self.root / "records/decisions/2025-004.yml"
        os.utime(path)
        self.rebuild()

    @rule()
    def commit(self):
        if not self.git:
            subprocess.run(["git", "init", "-q", str(self.root)], check=True)
            self.git = True
        subprocess.run(GIT + ["-C", str(self.root), "add", "-A", "records", "content", "mkdocs.yml"], check=True)
        subprocess.run(GIT + ["-C", str(self.root), "commit", "-q", "--allow-empty", "-m", f"第 {self.n} 次修改"], check=True)
        self.n += 1
        self.rebuild()

    @invariant()
    def every_page_is_there(self):
        assert (self.incremental.site / "index.html").exists() or (self.incremental.site / "index.html").is_file()


ServeSession.TestCase.settings = settings(max_examples=int(os.environ.get("SUNLIGHT_REBUILD_RUNS", "3")),
                                          stateful_step_count=8, deadline=None,
                                          phases=(Phase.explicit, Phase.reuse, Phase.generate))  # each step is a build: no shrinking
TestRebuildIsACleanBuild = ServeSession.TestCase


def test_same_sees_what_equality_does_not():
    from markupsafe import Markup
    from sunlight_gongshi.model.fields import Src
    from sunlight_gongshi.model.scores import Event
    import datetime as dt
    one = Event("1-1", "v", dt.date(2025, 1, 1), src=Src("records/scores/a.yml", 3))
    moved = Event("1-1", "v", dt.date(2025, 1, 1), src=Src("records/scores/b.yml", 3))
    assert one == moved and not same(one, moved) and same(one, Event("1-1", "v", dt.date(2025, 1, 1), src=Src("records/scores/a.yml", 3)))
    assert Decimal("1.0") == Decimal("1.00") and not same(Decimal("1.0"), Decimal("1.00"))
    assert "a" == Markup("a") and not same("a", Markup("a")) and not same(1, True)
    assert same({"k": [one, (1, "x")]}, {"k": [one, (1, "x")]}) and not same({"k": [one]}, {"k": [moved]})
