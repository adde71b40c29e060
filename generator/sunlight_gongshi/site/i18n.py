"""The site's own words in the community's language: Simplified Chinese is the source.

Traditional Chinese is derived with OpenCC (simplified -> traditional), which leaves template
syntax untouched.  English comes from the phrase table below, applied to template sources
longest phrase first; a test checks that no Chinese is left in any English template.  Record
text is never translated: names and memos are shown as the committee wrote them.
"""

from __future__ import annotations

import functools
import re

from .i18n_law import EN_LAW

ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")

EN = {
    # navigation, titles, charts, feed, notices
    "首页": "Home", "财务": "Finance", "决议": "Decision", "组织机构": "People", "文明评比": "Rankings",
    "公告": "Notices", "修改记录": "History", "公开数据": "Open data", "财务公开": "Finance",
    "决议公开": "Decisions", "文明评比（红“棟”力）": "Civilized-unit rankings", "{month}账目": "Books, {month}",
    "{month}文明评比": "Rankings, {month}", "{year} 年红旗榜": "Red flags, {year}", "未分类": "uncategorized",
    "否决": "veto", "{date} {label}{count}（{effect}）": "{date} {label}{count} ({effect})", "各账户月末余额（元）": "Month-end balances (yuan)", "：月末余额（元）": ": month-end balance (yuan)",
    "：每月得分": ": monthly score", "决议：": "Decision: ", "公告：": "Notice: ", "决议公示：": "Decision notice: ",
    "{month}账目公示": "Accounts notice, {month}", " 业主委员会 · 阳光公示": " owners' committee · Sunlight",
    "阳光公示": "Sunlight", "nav:决议": "Decisions",
    # labels
    "征求意见中": "consulting", "已决定": "decided", "未通过": "not passed", "实施中": "in progress",
    "已完成": "done", "业主委员会": "Owners' committee", "业主大会": "Owners' assembly", "联席会议": "Joint meeting",
    "居民议事会": "Residents' council", "一般事项": "Ordinary matter",
    "重大事项（须四分之三同意）": "Major matter (three quarters needed)", "日常经费": "Operating",
    "专项维修资金": "Maintenance fund", "公共收益": "Public revenue", "众筹": "Crowdfunding",
    "业主监督委员会": "Supervisory committee", "党支部": "Party branch", "楼栋长、单元长": "Building and unit heads",
    "志愿者": "Volunteers", "其他组织": "Other bodies", "主任": "Chair", "副主任": "Vice chair", "委员": "Member",
    "秘书": "Secretary", "楼栋长/单元长": "Head",
    # votes
    "{label} {part}/{whole}（{share}），需要{rule} {fraction}（{needed}）":
        "{label}: {part}/{whole} ({share}); needs {rule} {fraction} ({needed})",
    "赞成票占全体委员": "Votes for, of all serving members", "参与表决的户数": "Households taking part",
    "参与表决的专有面积": "Area taking part", "同意的户数占参与户数": "Households approving, of those taking part",
    "同意的面积占参与面积": "Area approving, of the area taking part", "超过": "more than", "至少": "at least",
    # fields of entries (audit page)
    "日期": "Date", "账户": "Account", "转账": "transfer", "金额": "Amount", "类别": "Category", "对方": "Counterparty",
    "摘要": "Memo", "凭证": "Receipt", "月末余额": "Closing balance", "新增": "Added", "删除": "Removed", "修改": "Changed",
    # templates: badges and change lines
    "未表决": "no vote", "通过": "passed", "最后修改：": "Last changed: ", "，提交": ", commit", "首次登记：": "First recorded: ",
    # account and finance pages
    "开立，期初": "opened, opening balance", "元 · 现余额": "yuan · balance now", "· 众筹目标": "· campaign target",
    "元": "yuan", "月份": "Month", "月初": "Opening", "收入": "Income", "支出": "Expense", "月末": "Closing",
    "余额走势图": " balance over time", "各账户余额走势图": "Balances of all accounts over time", "现余额": "Balance",
    "期初（": "Opening (", "众筹进度": "Campaigns", "：已筹": ": raised", "元 / 目标": "yuan of a target of",
    "元（": "yuan (", "%），已支出": "%), spent", "决议预算与实际支出": "Decision budgets and spending", "剩余": "Left",
    "超支": "over budget", "每月账目": "Monthly books", "笔数": "Entries",
    "收入、支出不含账户之间的转账。": "Income and expense exclude transfers between accounts.",
    "本月账目在后一个月登记之后被改动过：": "These books were changed after the next month's books were recorded:",
    "查看改了什么": "see what changed", "各账户收支": "Accounts this month", "按类别": "By category",
    "每一笔": "Every entry", "依据": "Approval", "登记": "Recorded", "，改于": ", changed in",
    "月末余额核对": "Closing balance checks", "：登记": ": recorded",
    "元，与按流水计算的结果一致 ✓": "yuan, equal to the balance computed from the entries ✓",
    "打印本月账目公示（A4）": "Print this month's accounts notice (A4)",
    # audit page
    "本站不是在 git 仓库中生成的，没有修改记录可以显示。": "This site was not built in a git repository: there is no history to show.",
    "修改记录不完整：": "The history is incomplete:",
    "生成本站的仓库是浅克隆（shallow clone），只包含最近的一部分提交。下面的列表和“更正已结账目”可能有遗漏。":
        "the repository this site was built from is a shallow clone with only the latest commits, so the lists "
        "below may miss some.",
    "下面是修改过 records/ 的每一次提交。git 记录一经公开就不能悄悄改写：任何改动都会留下新的提交。":
        "Below is every commit that changed records/. Once published, git history cannot be rewritten silently: "
        "every change leaves a new commit.",
    "更正已结账目（": "Amendments of closed books (", "次）": ")",
    "没有。每个月的账目在下个月的账目登记之后都没有再改动过。":
        "None. No month's books were changed after the next month's books were recorded.",
    "下面这些提交在后一个月的账目已经登记之后，又改动了之前月份的账目。改动本身不一定有问题（例如补记漏记的流水），但每一次都应当有说明。":
        "These commits changed a month's books after the next month's books were recorded. A change is not "
        "wrong in itself (an entry may have been forgotten), but each one should be explained.",
    "账目": " books", "在": " were changed on", "被": "by", "改动（提交": "(commit", "），当时": "), when the books of",
    "的账目已经登记。": "were already recorded.",
    "改动前或改动后的文件无法解析，无法列出逐笔变化，请查看提交本身。":
        "One of the two versions cannot be read, so the entries cannot be compared; see the commit itself.",
    "没有改动任何一笔流水或月末余额（只改了格式或注释）。":
        "No entry or closing balance changed (only layout or comments).",
    "流水": "Entry", "变化": "Change", "项目": "Field", "原来": "Before", "现在": "After", "全部提交（": "All commits (",
    "提交": "Commit", "作者": "Author", "说明": "Message", "文件": "Files", "已签名": "signed",
    "git verify-commit 验证通过": "verified by git verify-commit", "月末余额 ": "closing balance ",
    # data page
    "本站的每一个数字都以数据文件公开，任何人都可以下载核对。金额以字符串表示，精确到分。":
        "Every figure of this site is published as data anyone can download and check. Amounts are strings, "
        "exact to the fen.",
    "：各账户余额，每月每个账户的月初、收入、支出、月末。":
        ": account balances, and each account's opening, income, expense and closing every month.",
    "：每一笔流水（转账按两边各一行）。": ": every entry (a transfer as one row for each side).",
    "：每月和每年的文明评比排名。": ": monthly and yearly rankings.",
    "：每项决议的状态、表决核算结果、预算和已支出。": ": each decision's status, checked vote, budget and spending.",
    "：决议和公告的订阅源（Atom）。": ": a feed of decisions and notices (Atom).",
    # decision pages
    "编号": "No.", "议事过程": "Deliberation", "内容": "Content", "表决": "Vote",
    "本事项没有登记表决结果。": "No vote is recorded for this matter.", "全体在任委员": "All serving members:",
    "人：赞成": "; for", "，反对": ", against", "，弃权": ", abstaining", "，未参加": ", absent", "户数": "Households",
    "专有面积（平方米）": "Exclusive area (m²)", "有表决权": "Eligible", "参与表决": "Took part", "同意": "Approved",
    "核算结果：": "Checked outcome:", "资金": "Money", "预算": "Budget", "元，已支出": "yuan, spent", "元，剩余": "yuan, left",
    "已超出预算": "over budget", "本决议修订了文明评比规则：自": "This decision revised the ranking rules, in force from",
    "起施行。": ".", "打印本决议公示（A4）": "Print this decision notice (A4)", "共": "In all,",
    "项。表决结果由本站按《民法典》第二百七十八条和议事规则重新核算。":
        "decisions. Vote outcomes are recomputed by this site under Civil Code art. 278 and the rules of procedure.",
    "事项": "Item", "决定机构": "Body", "状态": "Status", "已支出": "Spent",
    # home
    "户": "households", "· 约": "· about", "人": "residents", "· 专有面积": "· exclusive area", "平方米": "m²",
    "各账户余额": "Account balances", "账目截至": "Books up to", "查看全部账目": "See all books", "流动红旗": "red flags",
    "红旗": "Red flag", "分）": "points)", "查看本月全部单元的得分": "See every unit's score this month",
    "最新决议": "Latest decisions", "最新公告": "Latest notices", "本站根据": "Built from the records of",
    "的记录生成（提交": "(commit", "本站不是在 git 仓库中生成的，没有修改记录。":
        "This site was not built in a git repository: it has no history.",
    "所有数字都可以在": "Every figure can be checked in the ", "里核对；新决议和公告可以用": "; follow new decisions and notices with the ",
    "订阅源": "feed", "关注。": ".",
    # people
    "（现任）": " (current)", "任期": "Term", "至": "to", "姓名": "Name", "职务": "Role", "单元": "Unit", "党员": "Party member",
    "任职时间": "Served", "是": "yes",
    # printable notices
    "· 公示日期": "· published", "公示期不少于 7 天。对公示内容有异议，请向业主委员会或业主监督委员会提出。":
        "Posted for at least 7 days. Objections may be raised with the owners' committee or the supervisory committee.",
    "数据来源：": "Source:", "未记录版本": "no version recorded", "网址：": "Address:", "扫码查看详情": "Scan for details",
    "表决核算：": "Vote check:", "议事过程：": "Deliberation:",
    # rankings
    "按": "Scored by the", "起施行的规则": "rules", "计分": "", "（决议": " (decision", "修订）": "revision)",
    "，基础分": ", base score", "，前": ", the top", "名获流动红旗。": "get the red flag.", "名次": "Rank", "得分": "Score",
    "加减分明细": "Points", "一票否决": "vetoed", "年共评比": ":", "获奖": "awarded",
    "个月。按红旗面数排名，面数相同的按全年得分合计；前":
        "months scored. Ranked by red flags, ties by the year's total score; the top",
    "名且至少有一面红旗的单元获物业费补贴。": "with at least one red flag get the property-fee subsidy.",
    "全年得分合计": "Year's total", "年度奖励": "Award",
    "每个单元每月从基础分起算，按当月生效的评分规则加减分；前":
        "Every unit starts each month at the base score and gains or loses points by the rules in force that "
        "month; the top",
    "名获流动红旗（并列的都获得），有一票否决事项的单元当月不参加排名。":
        "get the red flag (ties all get it); a unit with a veto that month is not ranked.",
    "年度红旗榜": "Red flags of the year", "个月）：": "months):", "面）": "flags)", "每月排名": "Monthly rankings",
    "评分规则": "Scoring rules", "起施行": "onwards", "基础分": "Base score", "；前": "; the top",
    "名获红旗；年度红旗最多的前": "get the red flag; the top",
    "名获物业费补贴。": "by red flags of the year get the property-fee subsidy.", "修订。": ".", "分值": "Points",
    "户 · 专有面积": "households · exclusive area", "· 单元长": "· unit head", "每月得分走势图": " monthly scores over time",
    "已移除不安全的链接": "unsafe link removed",
    # punctuation and words left between expressions, replaced last
    "年": "", "个月": "months", "，": ", ", "：": ": ", "（": " (", "）": ")", "；": "; ", "。": ". ", "、": ", ",
    "“": '"', "”": '"',
}
EN.update(EN_LAW)
_ORDER = sorted(EN, key=len, reverse=True)
_PATTERN = re.compile("|".join(re.escape(k) for k in _ORDER if k))
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")


@functools.cache
def _to_traditional():
    import opencc
    return opencc.OpenCC("s2t.json")


@functools.cache
def translate_source(source: str, language: str) -> str:
    """A template's text in the language: Chinese phrases replaced, template syntax kept."""
    if language == "zh":
        return source
    if language == "zh-Hant":
        return _to_traditional().convert(source)
    return _PATTERN.sub(lambda m: EN[m.group(0)], source)


def tr(text: str, language: str) -> str:
    """One string of the site's own in the language; "nav:…" marks a word that reads differently in a tab."""
    if language == "en" and text in EN:
        return EN[text]
    return translate_source(text.removeprefix("nav:"), language)


def month_label(month: str, language: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    if language == "en":
        return f"{ENGLISH_MONTHS[number - 1]} {year}"
    return f"{year} 年 {number} 月"
