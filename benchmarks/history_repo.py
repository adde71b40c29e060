"""Writes a git repository with N commits over about 2,500 record files, for the history benchmark.

The history is shaped like a real community's: each month a books file is created and then
grown entry by entry, decisions are added one per commit, and now and then a month whose
successor already exists is amended (closed books reopened).  Built with `git fast-import`,
with fixed author dates, so it is reproducible and takes seconds.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path


def _month_text(month: str, entries: list[tuple[str, int]]) -> str:
    lines = [f"month: {month}", "entries:"]
    for entry_id, cents in entries:
        lines += [f"  - id: {entry_id}", f"    date: {month}-01", "    account: operating",
                  f'    amount: "{cents / 100:.2f}"', "    memo: 日常维修"]
    total = sum(cents for _, cents in entries)   # the month's own total: a closing line to date
    lines += ["closing:", f'  operating: "{total / 100:.2f}"']
    return "\n".join(lines) + "\n"


def write_history_repo(root: Path, commits: int = 5000, months: int = 240, decisions: int = 2000,
                       amend_every: int = 40) -> int:
    """Create the repository at root; returns the number of commits written."""
    rng = random.Random(7)
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    stream: list[bytes] = []
    mark = 0
    when = 1_300_000_000
    state: dict[str, list] = {}       # month -> entries
    per_month = max(1, (commits - decisions - months) // months)
    written = 0
    decision_no = 0
    score_files = 2500 - months - decisions

    def commit(message: str, files: dict[str, str]) -> None:
        nonlocal mark, when, written
        when += 3600
        mark += 1
        data = [f"commit refs/heads/main\nmark :{mark}\n"
                f"author 委员{mark % 7} <member{mark % 7}@example.org> {when} +0800\n"
                f"committer 委员{mark % 7} <member{mark % 7}@example.org> {when} +0800\n"]
        msg = message.encode()
        data.append(f"data {len(msg)}\n")
        stream.append("".join(data).encode() + msg + b"\n")
        if mark > 1:
            stream.append(f"from :{mark - 1}\n".encode())
        for path, text in files.items():
            blob = text.encode()
            stream.append(f"M 100644 inline {path}\ndata {len(blob)}\n".encode() + blob + b"\n")
        stream.append(b"\n")
        written += 1

    commit("初始化小区仓库", {f"records/scores/{2005 + i // 12}/{2005 + i // 12}-{i % 12 + 1:02d}.yml":
                           f"month: {2005 + i // 12}-{i % 12 + 1:02d}\nevents: []\n" for i in range(score_files)}
           | {"records/community.yml": "name: 测试小区\nhouseholds: 10\narea_m2: \"1000.00\"\n",
              "records/finance/accounts.yml": "accounts:\n  - {id: operating, name: 日常经费, kind: operating, "
                                              "opened: 2005-01-01, opening_balance: \"0.00\"}\n"})
    for m in range(months):
        month = f"{2005 + m // 12}-{m % 12 + 1:02d}"
        state[month] = []
        for k in range(per_month):
            state[month].append((f"{month}-{k:03d}", rng.randint(-500_000, 500_000)))
            commit(f"{month} 记账 {k}", {f"records/finance/{month[:4]}/{month}.yml": _month_text(month, state[month])})
        for _ in range(decisions // months + (m < decisions % months)):
            commit(f"登记决议 D{decision_no:05d}", {f"records/decisions/D{decision_no:05d}.yml":
                                                 f"id: D{decision_no:05d}\ntitle: 决议 {decision_no}\n"})
            decision_no += 1
        if m and m % amend_every == 0:   # reopen a closed month: change one amount, drop one entry
            old = f"{2005 + (m - 3) // 12}-{(m - 3) % 12 + 1:02d}"
            entry_id, cents = state[old][0]
            state[old][0] = (entry_id, cents + 100)
            state[old].pop()
            commit(f"更正 {old} 的账目", {f"records/finance/{old[:4]}/{old}.yml": _month_text(old, state[old])})
    while written < commits:   # the rest of the history: decisions move from proposed to done
        d = rng.randrange(decision_no)
        commit(f"更新决议 D{d:05d} 的状态", {f"records/decisions/D{d:05d}.yml":
                                          f"id: D{d:05d}\ntitle: 决议 {d}\nstatus: 第 {written} 次更新\n"})
    subprocess.run(["git", "-C", str(root), "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", str(root), "checkout", "-q", "main"], check=True)
    return written


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description="Write the benchmarks' git repository of 5,000 commits.")
    parser.add_argument("target", nargs="?", type=Path, default=Path("/tmp/history-repo"),
                        help="where to write it (default /tmp/history-repo)")
    print(write_history_repo(parser.parse_args().target), "commits")
