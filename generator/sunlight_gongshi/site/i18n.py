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
    # meetings, requests, the activity log, pledges, yearly reports
    "会议": "Meetings", "诉求": "Requests", "nav:会议": "Meetings", "nav:诉求": "Requests",
    "居民诉求": "Residents' requests", "活动记录": "Activity log", "承诺践诺": "Pledges kept",
    "{year} 年居民诉求": "Requests, {year}", "{year} 年工作报告": "Report for {year}",
    "业主大会、业委会会议、议事会、评分小组……每次会议谁到会、议了什么、作出了哪些决议，都在这里。到会的居民只记人数，不写姓名。":
        "Owners' assemblies, committee meetings, councils, scoring panels: who attended each meeting, what was discussed and which decisions were taken. Residents who attended are counted, never named.",
    "志愿服务、调解纠纷、活动、宣传、巡查和践诺的次数，按年合计。带“余”的是约数：其中有的次数只知道“300 余份”这样的大概。":
        "Volunteering, mediation, events, publicity, patrols and pledged deeds, counted per year. A figure marked “+” is a lower bound: some counts are only known roughly (“300+ leaflets”).",
    "“办结天数”只算已解决的；中间数是一半诉求不超过的天数，九成数是九成诉求不超过的天数。各类诉求的数字在每年的页面上。":
        "Days to resolve count resolved requests only; the median is the number of days half the requests did not exceed, the 90th percentile the number nine in ten did not exceed. Figures per category are on each year's page.",
    "居民反映的问题和发现的问题，从收到那天到解决那天都登记在这里。天数都算到":
        "Problems residents reported or that were found, recorded from the day received to the day resolved. Days are counted up to",
    "年每个月有没有登记兑现承诺的事（践诺）。“✓”表示那个月至少登记了一件。":
        ": for each month, whether a deed keeping the pledge was recorded (✓: at least one that month).",
    "这些数字来自本站登记的活动记录、会议和居民诉求，可以逐件核对：":
        "These figures come from the activity log, the meetings and the residents' requests recorded on this site; each can be checked:",
    "带“余”的是约数。每一项都可以在公示网站上逐件核对。": "A figure marked “+” is a lower bound. Every item can be checked on the website.",
    "任职人员在公示栏上公开的承诺，以及": "The public pledges of office holders, and in",
    "年还没有任职人员写下公开承诺。": ": no office holder has made a public pledge yet.",
    "人（只记人数，不写姓名）": " (counted, never named)",
    "这次会议没有作出决议。": "No decision was taken at this meeting.",
    "办结天数（中间数）": "Days to resolve (median)", "办结天数（九成数）": "Days to resolve (90th percentile)",
    "打印成 A4 公示": "Print as an A4 notice", "所有诉求都已办完。": "Every request has been dealt with.",
    "还没有登记会议。": "No meeting recorded yet.", "还没有活动记录。": "No activity recorded yet.",
    "；收到居民诉求": "; residents' requests received:", "还没办完的（": "Still open (", "全部活动记录": "The whole activity log",
    "每年办得怎样": "Each year", "收到居民诉求": "residents' requests received:", "· 承诺：": "· pledge:",
    "件，已解决": ", resolved:", "，本小区：": ", this community:", "年工作报告": " report",
    "，不予处理": ", declined:", "作出的决议": "Decisions taken", "付款和决议": "Payment and decision",
    "，其他居民": ", other residents", "各类诉求": "By category", "不予处理": "declined",
    "会议纪要": "Minutes", "做了什么": "What", "没有登记": "none recorded", "任职人员": "Office holders",
    "发出通知": "notice given", "每一件：": "Every request:", "件在办": " still open", "，还有": ", and",
    "已解决": "resolved", "未办完": "open", "为止）": ")", "年：": ":", "全部会议": "All meetings",
    "全部诉求": "All requests", "全部诉求和办理天数": "All requests and days to resolve",
    "等得最久的一件：": "Waiting longest:", "收到，已等 ": "received, waiting ", "有事找谁": "Who to ask",
    "目前没有登记负责联系本单元的人，请找": "No one is recorded as this unit's contact yet; ask the",
    "从哪里来": "Where it came from", "上作出": "", "居民诉求：": "Resident's request: ", "诉求：": "Request: ",
    "已发 ": "paid ", "召开": "held ", "（到": "(up to", "用了": "Took", "机构": "Body",
    "议程": "Agenda", "问题": "Problem", "全部": "All", "到会": "Attended", "收到": "Received", "次数": "Count", "已等": "Waiting", "余": "+",
    "项": "", "谁": "Who", "次": "times", "天": "days", "件": "items", "场": "events", "起": "cases",
    "未处理": "not started", "处理中": "in progress", "业委会会议": "Committee meeting", "监委会会议": "Supervisors' meeting",
    "议事会": "Council", "评分小组会议": "Scoring panel", "其他会议": "Other meeting", "志愿服务": "volunteering",
    "调解纠纷": "mediation", "活动": "events", "宣传": "publicity", "巡查": "patrols", "践诺": "pledged deeds",
    "年份": "Year", "其他": "other", "开展志愿服务": "volunteering", "化解矛盾纠纷": "disputes mediated", "举办活动": "events held",
    "开展宣传": "publicity", "开展巡查": "patrols", "践行承诺": "pledged deeds", "其他工作": "other work",
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
    # phone pages: answers first, cards, history as date and name
    "尚未表决": "no vote yet", "无表决记录": "no vote recorded", "进展": "Status", "进展：": "Status:",
    '"登记" if first': '"recorded" if first', '"更新"': '"updated"', "由": "by", "翻页": "Pages",
    "每月月末余额的折线图：": ": line chart of month-end balances: ", "元；最高": "yuan; highest", "），最低": "), lowest",
    "：还没有账目。": ": no books yet.", "每月得分的折线图：": ": line chart of monthly scores: ", "分，": " points, ",
    "分；最高": " points; highest", "分，最低": " points, lowest", "分。": " points.",
    "修改：": "changed: ", "改了哪些记录": "which records changed",
    "生成本站时只取得了最近的一部分修改记录，下面可能有遗漏。":
        "only the latest part of the history was available when this site was built, so some changes may be missing below.",
    "每一次修改记录都会留下日期和修改人，公开以后不能悄悄抹掉。":
        "Every change to the records leaves its date and who made it; once published, it cannot be erased quietly.",
    "最近的修改": "Recent changes", "结账以后又改过的账目（": "Books changed after they were closed (",
    "没有。每个月的账目在下个月的账目登记以后都没有再改动过。":
        "None. No month's books were changed after the next month's books were recorded.",
    "下面这些月份的账目，在后一个月的账目已经登记以后又被改动过。改动本身不一定有问题（例如补记漏记的流水），但每一次都应当有说明。":
        "The books of these months were changed after the next month's books were recorded. A change is not wrong in "
        "itself (an entry may have been forgotten), but each one should be explained.",
    "改动，当时": ", when the books of", "说明：": "Message: ",
    "改动前或改动后的文件无法解析，无法列出逐笔变化，请查看修改本身（":
        "One of the two versions cannot be read, so the entries cannot be compared; see the change itself (",
    "更早的修改（": "Earlier changes (", "全部公告": "All notices",
    "：每项决议的状态、表决是否通过、预算和已支出。": ": each decision's status, whether its vote passed, budget and spending.",
    "全部决议": "All decisions", "✓ 达到": "✓ met", "✗ 未达到": "✗ not met", "钱": "Money",
    "本事项没有登记表决票数。": "No vote count is recorded for this matter.", "票数": "Votes",
    "专有面积：房产证上登记的各户自己的面积，不含公共部分；业主大会按户数和面积两样计票。有表决权：小区全体业主，每套房算一户。":
        "Exclusive area: each home's own floor area as registered on its property certificate, without common parts; "
        "the owners' assembly counts votes both by households and by area. Eligible: all owners of the community, "
        "one household per home.",
    "业主委员会的决定，要有超过全体委员一半的人赞成。": "A committee decision needs more than half of all serving members in favour. ",
    "是否通过，由本站按《民法典》第二百七十八条和议事规则用登记的票数重新计算。":
        "Whether it passed is recomputed by this site from the recorded votes under Civil Code art. 278 and the rules "
        "of procedure.",
    "项，新的在前。“通过”与否由本站按《民法典》第二百七十八条和议事规则，用登记的票数重新计算。":
        "decisions, newest first. Whether a vote passed is recomputed by this site from the recorded votes under Civil "
        "Code art. 278 and the rules of procedure.",
    "一般事项：参与表决的户数和面积都要达到全体的三分之二，同意的户数和面积都要超过参与的一半。":
        "Ordinary matter: households and area taking part must each reach two thirds of the whole, and those approving "
        "must be more than half of those taking part, by households and by area. ",
    "重大事项（筹集维修资金、改建重建、改变公共部分用途等）：参与表决的户数和面积都要达到全体的三分之二，同意的户数和面积都要达到参与的四分之三。":
        "Major matter (raising maintenance funds, rebuilding, changing the use of common parts): households and area "
        "taking part must each reach two thirds of the whole, and those approving at least three quarters of those "
        "taking part. ",
    "各账户现余额": "Balance of each account", "每个账户的月末余额": "Month-end balance of each account",
    "每张图有自己的刻度，都从 0 起。": "Each chart has its own scale, starting at 0.", "全部账目": "All books",
    "本月账目在结账以后被改动过：": "These books were changed after they were closed: ",
    "月末余额都与按每一笔流水计算的结果一致 ✓（": "Every closing balance equals the one computed from the entries ✓ (",
    "改过": "changed", "· 各户房产证面积合计": "· registered floor area of all homes", "钱还剩多少": "Money left",
    "账目记到": "Books up to", "的每一笔": ": every entry", "查看全部": "See all", "项决议": "decisions",
    "谁在管事": "Who is in charge",
    "业主委员会、监督委员会、党支部和楼栋长的名单与任期":
        "Members and terms of the owners' committee, the supervisory committee, the party branch and the building heads",
    "的记录生成。": ".", "里下载核对；谁在什么时候改过记录，见": " (downloadable); who changed which record when is in the ",
    "；新决议和公告可以用": "; follow new decisions and notices with the ", "还没有公告。": "No notices yet.",
    "规约和说明": "Rules and information", "给业委会委员": "For committee members",
    "：怎样登记账目、决议和评分": ": how to record books, decisions and scores", "业主委员会（盖章）": " owners' committee (seal)",
    "本公示根据": "This notice was made from the records of", "登记的记录生成（版本": " (version",
    "本公示生成时没有记录版本。": "No version of the records was noted for this notice.",
    "用手机扫码查看详情": "Scan with a phone for details", "表决票数：": "Votes:", "全部评比": "All rankings",
    "不排名": "not ranked", "：每个单元从": ": every unit starts at", "分起算，前": " points; the top",
    "暂定结果": "Provisional",
    "年 12 月还没有评比，年度奖励要等全年 12 个月都评完才确定。":
        ": December is not scored yet; the year's awards are final only when all 12 months are scored.",
    "年已评比": ":", "暂定获奖": "provisional award", "，暂定": ", provisional",
    # record files named as residents name them (audit page)
    "决议 {0}": "Decision {0}", "{n} 个月的账目": "{n} months of books", "{month}评分": "Scores, {month}",
    "{n} 项决议": "{n} decisions", "{n} 个月的评分": "{n} months of scores", "组织机构名单": "rosters",
    "{n} 份组织机构名单": "{n} rosters", "单元名单": "units", "小区基本情况": "community facts", "附件": "attachment",
    "{n} 个附件": "{n} attachments", "{n} 个其他文件": "{n} other files",
    # plain words (plain.py) and the frame (mkconfig.py)
    "一半": "half", "三分之二": "two thirds", "四分之三": "three quarters", "参与表决的面积": "Area taking part",
    "同意的户数": "Households approving", "同意的面积": "Area approving", "赞成的委员": "Members in favour",
    "全体户数": "all households", "全体业主的专有面积": "the whole exclusive area", "参与户数": "the households taking part",
    "参与面积": "the area taking part", "全体委员": "all serving members", "需要{rule}{fraction}": "{rule} {fraction} is needed",
    "达到": "at least", "还没有表决": "No vote yet",
    "这项事项正在征求意见，表决以后这里会写明是否通过。":
        "This matter is still open for comments; once it is voted on, this page will say whether it passed.",
    "没有表决记录": "No vote recorded",
    "本站没有这项决定的表决票数，无法核对是否达到法定比例。":
        "The records give no vote count for this decision, so whether it reached the legal thresholds cannot be checked.",
    "全体 {whole} 名委员中 {part} 人赞成，{needed}。": "{part} of all {whole} serving members voted for it; {needed}.",
    "参与表决的户数和面积都达到三分之二；同意的户数和面积都{rule}{fraction}（{share}、{share2}）。":
        "At least two thirds of households and of area took part; those approving were {rule} {fraction} of those "
        "taking part ({share}, {share2}).",
    "{body}表决通过": "Passed by the {body}", "未通过：{short}{gap}{fraction}": "Not passed: {short} {gap} {fraction}",
    "没有超过": "not more than", "不到": "less than", "{short}只占{whole}的 {share}，{needed}。":
        "{short} were only {share} of {whole}; {needed}.", "菜单": "Menu",
    "业主委员会公开的账目、决议、组织机构和文明评比，每个数字都可以核对。":
        " owners' committee: books, decisions, people and rankings, every figure open to check.",
    # the chain and witnesses (record format section 8): audit page, data page, the phone's notice
    "历史有没有被改写": "Has history been rewritten?",
    "本站公布了一条“修改链”：修改记录的每一次提交按先后排成一串，每一条都用 SHA-256 和前一条连在一起。到 {day} 为止共 {n} 条，最新一条是提交 {commit}。":
        "This site publishes a chain: every commit of its history in order, each linked to the one before by "
        "SHA-256. Up to {day} it has {n} entries; the newest is commit {commit}.",
    "居民的手机、监督者和街道的总览网站都记得自己看到过的修改链。已经公开的修改记录如果被改写了（不是增加新的修改，而是改动以前的），它们会发现并指出从哪一天起不同；手机会在本站每一页的顶上提醒。有这样的提醒时，请看下面有没有声明过的改写，或者问问业委会和监督者。":
        "Residents' phones, the supervisors and the neighbourhood portal each remember the chain they saw. If "
        "published history is rewritten (not extended with new changes, but changed before), they notice and say "
        "from which day it differs; a phone shows a notice at the top of every page of this site. When you see "
        "one, look below for a declared rewrite, or ask the committee and the supervisors.",
    "本站这次没有公布修改链（不在 git 仓库中生成，或者只取得了最近的一部分修改记录），无法核对已经公开的修改记录有没有被改写。":
        "This build of the site publishes no chain (it was not built in a git repository, or from only the "
        "latest part of its history), so no one can check whether published history was rewritten.",
    "声明过的改写（{n} 次）": "Declared rewrites ({n})",
    "没有。已经公开的修改记录从来没有被声明改写过。": "None. Published history has never been declared rewritten.",
    "下面每一次，业委会都改写了已经公开的修改记录，并在 records/rewrites.yml 里写明了原因。改写只应为了必要的事（例如删除误公开的电话号码），不应改动任何金额或日期。":
        "Each time below, the committee rewrote published history and gave its reason in records/rewrites.yml. A "
        "rewrite is only for what must be done (removing a phone number published by mistake, say) and should "
        "change no amount and no date.",
    "（替换了修改链 {link}…）": "(replaced chain {link}…)",
    " 和 data/chain/0001.json 等：修改链，修改记录的每一次提交按先后排成一串，每一条都用 SHA-256 和前一条连在一起（见":
        " and data/chain/0001.json and so on: the chain, every commit of the history in order, each linked to the "
        "one before by SHA-256 (see ",
    "本站的修改记录被改写了": "This site's history was rewritten",
    "本站公布的修改记录，从 {date}那一条起，与这部手机以前看到的不一样了。这可能是有人改动了已经公开的账目或决议，而没有声明。":
        "The history this site publishes no longer matches what this phone saw before, from the entry of {date} "
        "on. Someone may have changed published books or decisions without declaring it.",
    "本站公布的修改记录，与这部手机以前看到的不一样了（从它第一次看到的那一条或更早起）。这可能是有人改动了已经公开的账目或决议，而没有声明。":
        "The history this site publishes no longer matches what this phone saw before (from the first entry it saw, "
        "or earlier). Someone may have changed published books or decisions without declaring it.",
    "查看修改记录": "See the history", "知道了": "Dismiss", "{y} 年 {m} 月 {d} 日": "{d}/{m}/{y}",
    # punctuation and words left between expressions, replaced last
    "年": "", "个月": "months", "，": ", ", "：": ": ", "（": " (", "）": ")", "；": "; ", "。": ". ", "、": ", ",
    "“": '"', "”": '"',
}
EN.update(EN_LAW)
_ORDER = sorted(EN, key=len, reverse=True)
_PATTERN = re.compile("|".join(re.escape(k) for k in _ORDER if k))
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")


# zh-Hant is written the Taiwan way (OpenCC s2twp: 帳戶, 資料, 群眾募資) unless mkdocs.yml asks for
# Hong Kong forms (extra: sunlight: hant: hk -> s2hk); plain s2t would mix in mainland forms (賬戶, 數據).
# OpenCC keeps the mainland 賬 where Taiwan writes 帳 (帳戶, 帳目); that one character is fixed after it.
HANT_CONFIGS = {"zh-Hant": "s2twp.json", "zh-Hant-HK": "s2hk.json"}
HANT_AFTER = {"zh-Hant": str.maketrans({"賬": "帳"}), "zh-Hant-HK": {}}


@functools.cache
def _to_traditional(language: str):
    import opencc
    return opencc.OpenCC(HANT_CONFIGS[language])


@functools.cache
def translate_source(source: str, language: str) -> str:
    """A template's text in the language: Chinese phrases replaced, template syntax kept."""
    if language == "zh":
        return source
    if language in HANT_CONFIGS:
        return _to_traditional(language).convert(source).translate(HANT_AFTER[language])
    return _PATTERN.sub(lambda m: EN[m.group(0)], source)


def tr(text: str, language: str) -> str:
    """One string of the site's own in the language; "nav:…" marks a word that reads differently in a tab."""
    if language == "en" and text in EN:
        return EN[text]
    return translate_source(text.removeprefix("nav:"), language)


def day_label(day: str, language: str) -> str:
    """A date in words: 2026 年 11 月 22 日, or 22 November 2026."""
    year, month, number = int(day[:4]), int(day[5:7]), int(day[8:10])
    if language == "en":
        return f"{number} {ENGLISH_MONTHS[month - 1]} {year}"
    return f"{year} 年 {month} 月 {number} 日"


def month_label(month: str, language: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    if language == "en":
        return f"{ENGLISH_MONTHS[number - 1]} {year}"
    return f"{year} 年 {number} 月"
