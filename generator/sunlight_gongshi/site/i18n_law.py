"""English for the law calendar's words: disclosure, vacancies, notices, the court window.

Kept apart from the main phrase table so the pages that show these rules can change without
touching it; `i18n` merges it into `EN`.
"""

EN_LAW = {
    # disclosure periods (words.period_words)
    "{year} 年": "{year}", "{year} 年第{q}季度": "Q{n} {year}", "{year} 年上半年": "H1 {year}",
    "{year} 年下半年": "H2 {year}", "{year} 年 {n} 月": "{year}-{mm}",
    # home page
    "账目逾期未公示，已逾期": " books not published, overdue by", "账目晚于期限": " books published",
    " 天才公示": " days after the deadline", "各账户账目都按时公示 ✓": "Every account's books were published on time ✓",
    " 的任期将于 ": "'s term ends on ", " 的任期已于 ": "'s term ended on ",
    " 届满，还没有下一届业主委员会，请关注换届选举。":
        "; no next owners' committee is on record yet: watch for the election.",
    # finance page: the disclosure calendar and emergency uses
    "账目公示情况": "When the books were published", "期间": "Period", "应公示日期": "Due", "公示日期": "Published",
    "按时 ✓": "on time ✓", "晚 ": "late by ", "逾期 ": "overdue by ", "未到期": "not yet due",
    "已公示，日期不详": "published, date unknown", "更早的 ": "Earlier: ", " 期": " periods", " 天": " days",
    "每个账户的账目按规定的周期公示：每期结束后若干天内，该期最后一个月的账目连同月末余额要登记公开。"
    "公示日期是这一月末余额第一次出现在公开记录里（git 提交）的日期。统计截至 ":
        "Each account's books are published every period: within some days of the period's end, its last "
        "month's books with their closing balance must be on record. The publication date is the day that "
        "closing balance first appeared in the published records (a git commit). As of ",
    "专项维修资金的紧急使用": "Emergency uses of the maintenance fund",
    "动用专项维修资金须经业主大会决定（《民法典》第二百七十八条第一款第五项）。下面几笔是危及房屋安全的紧急维修："
    "可以不经业主表决先维修，但要业委会同意，使用情况应向全体业主公告（《住宅专项维修资金管理办法》第二十四条）。":
        "Using the maintenance fund needs a decision of the owners' assembly (Civil Code art. 278 para. 1 item 5). "
        "These payments were emergency repairs for the safety of the buildings: they may be made before the owners "
        "vote, with the committee's approval, and their use must be reported to every owner (Measures on the "
        "Management of Residential Special Maintenance Funds, art. 24).",
    # people page: vacancies
    "本届第一天在任委员 ": "Members serving on the term's first day: ", " 人。委员出缺：": ". Vacancies:",
    " 起缺 ": " onwards, seats empty: ", " 人，": "; ", " 补齐，空缺 ": " filled, after ", "到 ": "up to ",
    " 已空缺 ": " empty for ",
    # decision page: publication and the court window
    "决议作出当天公示": "posted the day it was decided", "决议作出 ": "posted ", " 天后公示": " days after the decision",
    "，超过了规定的 ": ", later than the rule's ", "请求撤销的期限": "Time limit to ask a court to revoke",
    "业主大会的决定侵害业主合法权益的，受侵害的业主可以请求人民法院撤销（《民法典》第二百八十条；最高人民法院建筑物区分所有权司法解释第十二条），"
    "应当自知道或者应当知道决定作出之日起一年内提出。":
        "An owner whose lawful rights an owners' assembly decision infringes may ask a court to revoke it "
        "(Civil Code art. 280; Supreme People's Court interpretation on building ownership, art. 12), within one year of the day the owner knew or should have known of it. ",
    "按公示日期 ": "Counted from the publication date ", " 计算，期限到 ": ", the limit is ", " 为止": "",
    "，已经届满": ", now passed",
    "（最后一天是法定节假日的，顺延到节假日后的第一天）。":
        " (a limit ending on a public holiday runs to the next working day).",
    "本决议没有登记公示日期，无法计算这一期限。":
        "No publication date is recorded for this decision, so the limit cannot be computed.",
    # decision page: the notice to every owner, how votes are counted (format 1.2)
    "通知全体业主": "Notice to every owner", " 通知全体业主，比表决早 ": ": every owner was told, days before the vote: ",
    "，规定至少 ": "; the rule is at least ", "不到规定的 ": "less than the rule's ",
    "。业主大会会议和书面征求意见，都要提前通知全体业主（《物业管理条例》第十四条）。":
        ". Every owner must be told in advance of an owners' assembly, whether it meets or votes in writing "
        "(Regulation on Property Management, art. 14).",
    "业主大会会议和书面征求意见，都要提前通知全体业主（《物业管理条例》第十四条）。":
        "Every owner must be told in advance of an owners' assembly, whether it meets or votes in writing "
        "(Regulation on Property Management, art. 14).",
    "通知全体业主的日期不在记录中，无法核对是否提前了规定的 ":
        "The day every owner was told is not on record, so whether they were told the rule's ",
    " 天。": " days before cannot be checked. ",
    "专有面积：房产证上登记的各户自己的面积，不含公共部分；业主大会按户数和面积两样计票。户数：一套房算一户，同一业主有几套房的只算一户，"
    "开发商还没有卖出的房屋合算一户（最高人民法院建筑物区分所有权司法解释第八条、第九条）。":
        "Exclusive area: each home's own floor area as registered, without common parts; the owners' assembly counts "
        "votes both by households and by area. Households: one per home, but an owner of several homes counts once, and "
        "the developer's unsold homes count once together (Supreme People's Court interpretation on building "
        "ownership, arts. 8 and 9).",
    "是否通过，由本站按《民法典》第二百七十八条第二款用登记的票数重新计算。":
        "Whether it passed is recomputed by this site from the recorded votes under Civil Code art. 278 para. 2.",
    "这类会议的决定，要有超过全体成员一半的人赞成（没有全国统一的规定，本站按过半数核算）。是否通过，由本站用登记的票数重新计算。":
        "A decision of this body needs more than half of all its members in favour (no national rule says otherwise; "
        "this site counts a majority). Whether it passed is recomputed by this site from the recorded votes.",
    "业主委员会的决定，要有超过全体在任委员一半的人赞成（本小区的议事规则），不按到会人数算，到会的委员不能代别人投票。"
    "是否通过，由本站用登记的票数重新计算。":
        "A committee decision needs more than half of all serving members in favour (this community's rules of "
        "procedure), not of those present, and no member votes for another. Whether it passed is recomputed by this "
        "site from the recorded votes.",
    "业主委员会的决定，要有全体在任委员的半数以上（含半数）赞成，不按到会人数算，到会的委员不能代别人投票"
    "（《业主大会和业主委员会指导规则》第三十八条）。是否通过，由本站用登记的票数重新计算。":
        "A committee decision needs at least half of all serving members in favour, not of those present, and no "
        "member votes for another (Guiding Rules for Owners' Assemblies and Committees, art. 38). Whether it passed "
        "is recomputed by this site from the recorded votes.",
    "项，新的在前。“通过”与否由本站用登记的票数重新计算：业主大会按《民法典》第二百七十八条第二款，"
    "业主委员会按《业主大会和业主委员会指导规则》第三十八条。":
        "decisions, newest first. Whether a vote passed is recomputed by this site from the recorded votes: an owners' "
        "assembly under Civil Code art. 278 para. 2, the committee under the Guiding Rules for Owners' Assemblies and "
        "Committees, art. 38.",
    "重大事项（筹集维修资金，改建、重建建筑物，改变共有部分的用途或者利用共有部分从事经营活动）：参与表决的户数和面积都要达到全体的三分之二，"
    "同意的户数和面积都要达到参与的四分之三。":
        "Major matter (raising maintenance funds, rebuilding, changing the use of common parts or using them for "
        "business): households and area taking part must each reach two thirds of the whole, and those approving at "
        "least three quarters of those taking part. ",
    # data page
    "：每个账户每一期账目的应公示日期、公示日期和状态。":
        ": each account's disclosure periods, when each was due, when it was published, and its status.",
}
