"""The data dictionary: what every column of every table the portal publishes holds, in words an
office worker reads, for the page `数据说明` and the table list of `公开数据`.  A test checks that
every column of every published table is described here, and nothing else."""

from __future__ import annotations

from .aggregate import AMENDMENT_COLUMNS, ESTATE_COLUMNS, TABLES

ESTATE = ("estate", "小区编号（登记文件里的 id）；每张表都有这一列，用它把各表连起来")
MONEY = "元，精确到分"
TYPES = {"VARCHAR": "文字", "VARCHAR[]": "文字列表", "INTEGER": "整数", "BOOLEAN": "是 / 否",
         "DATE": "日期", "TIMESTAMP": "时间（UTC）", "DECIMAL(18,2)": "金额"}

TABLE_DOCS: dict[str, tuple[str, dict[str, str]]] = {
    "estates": ("每个登记的小区和这次的核验结果（含没有通过核验的小区）", {
        "id": "小区编号", "name": "小区名称（登记文件）", "neighbourhood": "所属社区（登记文件，可为空）",
        "site": "小区公示网站的网址或文件夹", "status": "核验状态：ok 已核验，unverified 未通过核验，unreachable 无法访问，"
        "rewritten 历史被改写（已经公开的修改记录被改掉了，没有声明）",
        "reason": "没有通过核验、无法访问或历史被改写的原因；已核验的小区是本站遮盖了哪些个人号码的说明，"
        "和它声明过的改写（“已声明的改写”和理由），都没有为空",
        "commit": "小区网站生成自哪个 git 提交（文件清单里写的），读不到时为空",
        "harvested": "本站最后一次读到这个小区网站的时间（UTC）；无法访问时是以前最后一次读到的时间，从没读到过为空",
        "reference_date": "小区网站的参考日期（data/community.json；1.2 版以前的网站没有，为空）"}),
    "amendments": ("已经结账的月份在后来的采集里数字变了的（本站每次采集都保存小区的数据，两次相比）："
                   "每个登记的小区都有，包括历史被改写的小区", {
        "kind": "怎样改的：amended 结账后又提交了新的修改，rewritten 改写了历史、没有声明，declared 改写了历史、声明了原因",
        "month": "月份 YYYY-MM（在较早的那次采集时已经有更晚的月份，即已经结账）", "account": "账户编号",
        "old_opening": f"原来的月初余额，{MONEY}（原来没有这一行为空）", "old_income": f"原来的收入，{MONEY}",
        "old_expense": f"原来的支出，{MONEY}", "old_closing": f"原来的月末余额，{MONEY}",
        "new_opening": f"现在的月初余额，{MONEY}（这一行被删去为空）", "new_income": f"现在的收入，{MONEY}",
        "new_expense": f"现在的支出，{MONEY}", "new_closing": f"现在的月末余额，{MONEY}",
        "since": "较早的那次采集最后一次看到原来数字的时间（UTC）", "found": "本站发现数字变了的那次采集的时间（UTC）"}),
    "finance_accounts": ("各账户及余额（data/finance.json 的 accounts）", {
        "id": "账户编号", "name": "账户名称", "kind": "账户类别：operating 日常经费，maintenance_fund 专项维修资金，"
        "public_revenue 公共收益，campaign 众筹", "balance": f"余额（最后一笔流水之后），{MONEY}"}),
    "finance_months": ("每月每个账户的收支（data/finance.json 的 months）；本站核对过 月初 + 收入 − 支出 = 月末", {
        "month": "月份 YYYY-MM", "account": "账户编号", "opening": f"月初余额，{MONEY}", "income": f"收入，{MONEY}",
        "expense": f"支出（正数），{MONEY}", "closing": f"月末余额，{MONEY}"}),
    "entries": ("每一笔流水，转账两边各一行（data/entries.csv）；本站核对过每月合计与 finance_months 一致", {
        "id": "流水编号", "date": "日期", "account": "账户编号", "amount": f"金额，收入为正、支出为负，{MONEY}",
        "category": "类别", "counterparty": "对方", "memo": "摘要", "decision": "依据的决议编号，没有为空",
        "emergency": "是否紧急动用专项维修资金：是 / 否；1.2 版以前的网站没有公开这一项，为空"}),
    "rankings_months": ("每月文明评比（data/rankings.json 的 months）", {
        "month": "月份", "unit": "单元编号", "score": "得分", "rank": "名次（一票否决的为空）", "flag": "是否得红旗",
        "vetoed": "是否被一票否决"}),
    "rankings_years": ("每年红旗榜（data/rankings.json 的 years）", {
        "year": "年份", "unit": "单元编号", "flags": "全年红旗数", "total": "全年总分", "rank": "名次",
        "award": "是否获年度奖励"}),
    "decisions": ("每项决议（data/decisions.json）", {
        "id": "决议编号", "title": "标题", "date": "作出（或提出）的日期",
        "body": "决定机构：committee 业委会，owners_assembly 业主大会，joint_meeting 联席会议，council 议事会",
        "status": "状态：proposed 提议中，decided 已决定，rejected 已否决，in_progress 实施中，done 已完成",
        "passed": "表决是否通过（没有表决为空）", "budget": f"批准的预算，{MONEY}（没有为空）",
        "spent": f"注明这项决议的流水合计支出，{MONEY}"}),
    "meetings": ("每次会议（data/meetings.json）", {
        "id": "会议编号", "date": "日期", "body": "会议机构", "attendees": "到会的具名人数",
        "others": "其他到会人数", "outcomes": "会上形成的决议编号"}),
    "requests": ("居民诉求（data/requests.json）；本站核对过 days = resolved − received", {
        "id": "诉求编号", "received": "收到日期", "category": "类别", "unit": "单元编号（可为空）",
        "status": "状态：open 未处理，in_progress 处理中，resolved 已办结，declined 不予办理",
        "resolved": "办结或答复的日期（没办完为空）", "days": "从收到到办结的天数（没办完为空）"}),
    "activities": ("每年按类别和人、组织合计的活动（data/activities.json）", {
        "year": "年份", "kind": "活动类别", "by": "做的人或组织", "count": "次数合计",
        "at_least": "是否有“至少”次数（合计是下限）"}),
    "disclosure": ("各账户每个公开期（data/disclosure.json），状态是小区网站按它的参考日期算的；本站核对过状态与日期相符。"
                   "到本站采集之日已过截止日、小区仍标为 pending 的期，本站的页面算作逾期", {
        "account": "账户编号", "period": "公开期：2024-03 月，2024-Q1 季，2024-H1 半年，2024 年",
        "due": "截止日", "published": "公开日（还没公开、或网站不在 git 里生成时为空）",
        "status": "on_time 按时公开，late 迟公开，overdue 逾期未公开，pending 未到截止日，unknown 已公开、日期不明"}),
    "community": ("小区概况（data/community.json，1.2 版起；更早的网站没有这一行）", {
        "name": "小区名称（小区自己的记录）", "neighbourhood": "所属街道社区（小区自己的记录）", "households": "户数",
        "area_m2": "专有部分总面积，平方米", "reference_date": "小区网站的参考日期",
        "committee_name": "最近一届业主委员会（任期开始最晚的一届），没有业委会名册为空",
        "committee_from": "任期开始", "committee_to": "任期届满",
        "committee_serving": "参考日在任的委员人数（参考日在任期开始前按第一天、届满后按最后一天算）",
        "committee_seats": "任期第一天在任的委员人数（选出的席位）", "sunlight": "生成小区网站的 Sunlight 版本"}),
}


def columns_of(table: str) -> list[tuple[str, str]]:
    """(column, SQL type) of a published table, `estate` first where it has one."""
    if table == "estates":
        return list(ESTATE_COLUMNS)
    if table == "amendments":
        return list(AMENDMENT_COLUMNS)
    return [("estate", "VARCHAR"), *TABLES[table][1]]


def dictionary() -> list[dict]:
    """Every published table with every column: name, type in words, what it holds."""
    out = []
    for table in ("estates", *TABLES, "amendments"):
        about, docs = TABLE_DOCS[table]
        cols = []
        for name, kind in columns_of(table):
            words = ESTATE[1] if name == "estate" and table != "estates" else docs[name]
            cols.append({"name": name, "type": TYPES[kind], "about": words})
        out.append({"name": table, "about": about, "columns": cols})
    return out
