"""Writes a large, valid community for benchmarks: 500 units, N years of books, scores, decisions.

Default sizes are those of a large estate kept for 20 years: 500 units, 20 years, 100 entries and 300 score events a month,
2,000 decisions — about 17 MB of YAML.  Everything is deterministic (seeded), and every
closing balance is computed here, so `sunlight validate` finds no problem.
"""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

ACCOUNTS = ("operating", "revenue", "maintenance", "campaign")
OPENING = "100000000.00"   # enough that 20 years of random spending never takes an account below zero
# Each entry of a month pays its own payee: the same payee paid under the approval line again and again
# within a week would be a split expense (W-SPLIT-EXPENSE).

ITEMS = ("volunteer", "clean", "clutter", "dispute", "good-deed")


def _months(first_year: int, years: int):
    for year in range(first_year, first_year + years):
        for month in range(1, 13):
            yield year, month


def write_community(root: Path, years: int = 20, units: int = 500, entries: int = 100,
                    events: int = 300, decisions: int = 2000, first_year: int = 2005,
                    requests: int = 0, activities: int = 0) -> int:
    """Write the community under root; returns the bytes of YAML written.  `requests` and
    `activities` a month add residents' requests and the activity log (format 1.1)."""
    rng = random.Random(1)
    rec = root / "records"
    for sub in ("roster", "decisions", "finance", "scores", "files"):
        (rec / sub).mkdir(parents=True, exist_ok=True)
    written = 0

    def put(rel: str, text: str) -> None:
        nonlocal written
        path = rec / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        written += len(data)

    (root / "mkdocs.yml").write_text("site_name: 大型测试小区\n", encoding="utf-8")
    put("community.yml", f'name: 大型测试小区\nhouseholds: {units * 20}\narea_m2: "{units * 1500}.00"\n'
                         'policy:\n  expense_approval_threshold: "5000.00"\n')
    put("units.yml", "units:\n" + "".join(
        f'  - {{id: "{i // 4 + 1:03d}-{i % 4 + 1}", name: {i // 4 + 1}栋{i % 4 + 1}单元, households: 20, '
        f'area_m2: "1500.00"}}\n' for i in range(units)))
    unit_ids = [f"{i // 4 + 1:03d}-{i % 4 + 1}" for i in range(units)]
    for term in range(0, years, 5):
        start, end = first_year + term, first_year + term + 4
        put(f"roster/{start}-committee.yml",
            f"body: committee\nname: 第{term // 5 + 1}届业主委员会\nterm: {{from: {start}-01-01, to: {end}-12-31}}\n"
            "members:\n" + "".join(f"  - {{name: 委员{term}{k}, role: {'chair' if k == 0 else 'member'}, "
                                   f'unit: "{unit_ids[k]}"}}\n' for k in range(7)))
    months = list(_months(first_year, years))
    decision_dates = []
    for d in range(decisions):
        year, month = months[d * len(months) // decisions]
        date = f"{year}-{month:02d}-01"
        decision_dates.append((f"D{d:05d}", date))
        put(f"decisions/D{d:05d}.yml",
            f"id: D{d:05d}\ntitle: 第 {d} 号决议：更换楼道照明与维修公共设施\ndate: {date}\nbody: committee\n"
            f"matter: ordinary\nstatus: done\nbudget: \"100000.00\"\n"
            "stages:\n  - {stage: 提议, date: " + date + ", by: 党支部}\n  - {stage: 决议, date: " + date + "}\n"
            "summary: |\n  经业委会会议讨论，同意实施本项目，费用从公共收益支出，完工后由监委会验收并公示。\n"
            "vote: {members: 7, for: 5, against: 1, abstain: 1}\n")
    for year in range(first_year, first_year + years):   # money out of the maintenance fund needs the owners
        put(f"decisions/A{year}.yml",
            f"id: A{year}\ntitle: {year} 年度专项维修资金使用计划\ndate: {year}-01-01\nbody: owners_assembly\n"
            f"matter: ordinary\nstatus: done\nannounced: {year - 1}-12-10\nvote:\n"
            f'  participated: {{households: {units * 20}, area_m2: "{units * 1500}.00"}}\n'
            f'  approved: {{households: {units * 20}, area_m2: "{units * 1500}.00"}}\n')
    # business on common parts (the revenue account's income) needs the owners' 3/4 (format 1.2)
    put("decisions/AUTH.yml",
        f"id: AUTH\ntitle: 利用共有部分经营停车和广告\ndate: {first_year - 1}-12-20\nbody: owners_assembly\n"
        f"matter: major\nstatus: in_progress\nannounced: {first_year - 1}-12-01\nvote:\n"
        f'  participated: {{households: {units * 20}, area_m2: "{units * 1500}.00"}}\n'
        f'  approved: {{households: {units * 20}, area_m2: "{units * 1500}.00"}}\n')
    put("finance/accounts.yml", "accounts:\n" + "".join(
        f"  - {{id: {a}, name: 账户{a}, kind: {k}, opened: {first_year}-01-01, opening_balance: \"{OPENING}\""
        + (", authorised_by: AUTH" if k == "public_revenue" else "") + "}\n"
        for a, k in zip(ACCOUNTS, ("operating", "public_revenue", "maintenance_fund", "campaign"))))
    balance = {a: Decimal(OPENING) for a in ACCOUNTS}
    current = 0
    for year, month in months:
        while current + 1 < len(decision_dates) and decision_dates[current + 1][1] <= f"{year}-{month:02d}-01":
            current += 1
        lines = [f"month: {year}-{month:02d}", "entries:"]
        for n in range(entries):
            account = ACCOUNTS[n % 4]
            cents = rng.randint(100, 499_999)
            amount = Decimal(cents) / 100 * (1 if n % 3 == 0 else -1)
            day = n * 28 // entries + 1
            lines += [f"  - id: {year}-{month:02d}-{n:04d}", f"    date: {year}-{month:02d}-{day:02d}",
                      f"    account: {account}", f'    amount: "{amount}"', "    category: 维修",
                      f"    counterparty: 某某五金店（第 {n:03d} 号经营部）", f"    memo: 第 {n} 笔：楼道照明、门禁、监控和其他公共设施的日常维修费用"]
            if account == "maintenance" and amount < 0:
                lines.append(f"    decision: A{year}")
            if n % 10 == 5:
                lines[-4] = f'    amount: "-{Decimal(600000 + cents) / 100}"'
                amount = -Decimal(600000 + cents) / 100
                lines.append(f"    decision: {decision_dates[current][0]}")
            balance[account] += amount
        lines.append("closing:")
        lines += [f'  {a}: "{balance[a]}"' for a in ACCOUNTS]
        put(f"finance/{year}/{year}-{month:02d}.yml", "\n".join(lines) + "\n")
        events_lines = [f"month: {year}-{month:02d}", "events:"]
        for n in range(events):
            events_lines.append(f'  - {{unit: "{rng.choice(unit_ids)}", item: {ITEMS[n % 5]}, '
                                f"date: {year}-{month:02d}-{n % 28 + 1:02d}, note: 月度检查记录：楼道卫生、垃圾分类、志愿服务情况}}")
        put(f"scores/{year}/{year}-{month:02d}.yml", "\n".join(events_lines) + "\n")
    for year, month in months:
        if requests:
            write_requests(put, rng, unit_ids, year, month, requests)
        if activities:
            write_activities(put, rng, year, month, activities)
    put("scores/rubric.yml", f"versions:\n  - effective_from: {first_year}-01\n    base: 100\n    flags: 3\n"
                             "    annual_awards: 3\n    items:\n" + "".join(
                                 f"      - {{code: {c}, category: 类别, label: 项目{c}, points: {p}}}\n"
                                 for c, p in zip(ITEMS, (2, 3, -2, -5, 2))))
    return written


CATEGORIES = ("维修", "环境卫生", "停车", "安全", "邻里纠纷", "绿化")
KINDS = ("volunteer", "mediation", "event", "publicity", "inspection", "other")


def write_requests(put, rng, unit_ids, year: int, month: int, count: int) -> None:
    lines = [f"month: {year}-{month:02d}", "requests:"]
    for n in range(count):
        day = n * 28 // count + 1
        status = ("resolved", "resolved", "resolved", "declined", "in_progress", "open")[rng.randrange(6)]
        lines += [f"  - id: {year}-{month:02d}-R{n:03d}", f"    received: {year}-{month:02d}-{day:02d}",
                  f"    category: {CATEGORIES[n % 6]}", "    summary: 楼道灯不亮、单元门闭门器损坏等公共设施问题",
                  f'    unit: "{rng.choice(unit_ids)}"', f"    status: {status}"]
        if status in ("resolved", "declined"):
            lines.append(f"    resolved: {year + (month == 12 and day > 20)}-"
                         f"{(month % 12) + 1 if day > 20 else month:02d}-{min(day + rng.randint(0, 7), 28):02d}")
            lines.append("    by: 物业服务中心")
    put(f"requests/{year}/{year}-{month:02d}.yml", "\n".join(lines) + "\n")


def write_activities(put, rng, year: int, month: int, count: int) -> None:
    lines = [f"month: {year}-{month:02d}", "activities:"]
    for n in range(count):
        kind = KINDS[n % 6]
        lines.append(f"  - {{date: {year}-{month:02d}-{n % 28 + 1:02d}, kind: {kind}, by: 志愿服务队{n % 5}, "
                     f"count: {rng.randint(1, 40)}{', at_least: true' if n % 9 == 0 else ''}, note: 清理楼道、宣传垃圾分类}}")
    put(f"activities/{year}/{year}-{month:02d}.yml", "\n".join(lines) + "\n")


if __name__ == "__main__":
    import argparse
    parser = argparse.ArgumentParser(description="Write the benchmarks' large synthetic community.")
    parser.add_argument("target", nargs="?", type=Path, default=Path("benchmarks/out/large"),
                        help="where to write it (default benchmarks/out/large)")
    parser.add_argument("years", nargs="?", type=int, default=20, help="years of records (default 20)")
    args = parser.parse_args()
    size = write_community(args.target, years=args.years)
    print(f"wrote {size / 1e6:.1f} MB of YAML under {args.target}")
