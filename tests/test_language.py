"""The site speaks the community's language: zh (the source), zh-Hant in Taiwan or Hong Kong forms
(derived by OpenCC into their catalogues) and en (written by a person).  A page of each kind is
rendered in each language from the demo, and chosen sentences are checked word for word."""

import dataclasses
import datetime as dt
import html
import re

import pytest

from builders import REPO, write_tree
from sunlight_gongshi.build import build
from sunlight_gongshi.cache.caches import Caches
from sunlight_gongshi.compute.figures import compute
from sunlight_gongshi.history.audit import read_history
from sunlight_gongshi.site import feed, pages, printable
from sunlight_gongshi.site.mkdocs import config as mkconfig
from sunlight_gongshi.site.pages.writer import SiteInput
from sunlight_gongshi.validate import validate_with

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")
LANGUAGES = {"zh": ("zh", "tw"), "zh-Hant": ("zh-Hant", "tw"), "zh-Hant-HK": ("zh-Hant", "hk"), "en": ("en", "tw")}
TODAY = dt.date(2026, 11, 30)   # a fixed reference date: days waited and open pledges do not move


@pytest.fixture(scope="module")
def demo():
    """The demo's records and figures (with its git history, without HEAD's commit)."""
    caches = Caches(REPO, enabled=False)
    records = validate_with(REPO, caches, None).records
    history = read_history(REPO, None, caches.history)
    return records, compute(records, TODAY, history.closings), history


@pytest.fixture(scope="module")
def rendered(demo, tmp_path_factory):
    """language -> folder with docs/ (every page) and site/ (printed notices and the feed)."""
    records, figures, history = demo
    out = {}
    for language, (code, hant) in LANGUAGES.items():
        folder = tmp_path_factory.mktemp(language)
        community = dataclasses.replace(records.community, language=code)
        held = {**records.held, "community": community}
        site = SiteInput(dataclasses.replace(records, held=held), figures, history=history, hant=hant)
        pages.write_pages(folder / "docs", site)
        (folder / "site").mkdir()
        printable.write_printables(folder / "site", site, "https://example.org/q/")
        feed.write_feed(folder / "site", site, "https://example.org/q/")
        out[language] = folder
    return out


def text(path) -> str:
    """A page as a reader sees its words: tags dropped, entities read, runs of blanks as one."""
    return re.sub(r"[ \t]+", " ", html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))))


# page -> language -> sentences it shows, word for word
SENTENCES = {
    "docs/index.md": {
        "zh": ["278 户 · 约 750 人 · 各户房产证面积合计 31,250.50 平方米", "查看全部 22 项决议",
               "2026 年 11 月收到 0 件，已解决 0 件。等得最久的一件：楼顶杂物清理（2026-08-29 收到，已等 93 天）。"],
        "zh-Hant": ["278 戶 · 約 750 人 · 各戶房產證面積合計 31,250.50 平方米", "檢視全部 22 項決議",
                    "2026 年 11 月收到 0 件，已解決 0 件。等得最久的一件：楼顶杂物清理（2026-08-29 收到，已等 93 天）。"],
        "zh-Hant-HK": ["278 户 · 約 750 人 · 各户房產證面積合計 31,250.50 平方米", "查看全部 22 項決議",
                       "2026 年 11 月收到 0 件，已解決 0 件。等得最久的一件：楼顶杂物清理（2026-08-29 收到，已等 93 天）。"],
        "en": ["278 households · about 750 residents · floor area of all homes 31,250.50 m²", "See all 22 decisions",
               "November 2026: 0 requests received, 0 resolved. Waiting longest: 楼顶杂物清理 (received 2026-08-29, "
               "waiting 93 days)."],
    },
    "docs/finance/index.md": {
        "zh": ["电动车棚改造众筹：已筹 14,400.00 元 / 目标 15,000.00 元（96.0%），已支出 14,200.00 元"],
        "zh-Hant": ["电动车棚改造众筹：已籌 14,400.00 元 / 目標 15,000.00 元（96.0%），已支出 14,200.00 元"],
        "zh-Hant-HK": ["电动车棚改造众筹：已籌 14,400.00 元 / 目標 15,000.00 元（96.0%），已支出 14,200.00 元"],
        "en": ["电动车棚改造众筹: 14,400.00 yuan raised of a 15,000.00 yuan target (96.0%); 14,200.00 yuan spent",
               "Income and spending leave out transfers between accounts."],
    },
    "docs/finance/2025-08.md": {
        "zh": ["月末余额都与按每一笔流水计算的结果一致 ✓（日常经费、公共收益（停车费、电梯广告等）、专项维修资金（小区自管部分）、"
               "电动车棚改造众筹）。"],
        "zh-Hant": ["月末餘額都與按每一筆流水計算的結果一致 ✓（日常经费、公共收益（停车费、电梯广告等）、"
                    "专项维修资金（小区自管部分）、电动车棚改造众筹）。"],
        "zh-Hant-HK": ["月末餘額都與按每一筆流水計算的結果一致 ✓（日常经费、公共收益（停车费、电梯广告等）、"
                       "专项维修资金（小区自管部分）、电动车棚改造众筹）。"],
        "en": ["Every month-end balance equals the one worked out from the entries ✓ (日常经费, 公共收益（停车费、电梯广告等）, "
               "专项维修资金（小区自管部分）, 电动车棚改造众筹).", "Print this month's books as an A4 notice"],
    },
    "docs/finance/accounts/operating.md": {
        "zh": ["日常经费 · 2024-11-01 开立，期初 18,650.00 元"],
        "zh-Hant": ["日常經費 · 2024-11-01 開立，期初 18,650.00 元"],
        "zh-Hant-HK": ["日常經費 · 2024-11-01 開立，期初 18,650.00 元"],
        "en": ["Operating fund · opened 2024-11-01 with 18,650.00 yuan", "Balance now: 39,770.70 yuan"],
    },
    "docs/decisions/index.md": {
        "zh": ["2025 年：11 项，通过 9 项，未通过 2 项；预算合计 143,000.00 元，已支出 139,800.00 元",
               "共 22 项，按年份分页，新的在前。“通过”与否由本站用登记的票数重新计算：业主大会按《民法典》第二百七十八条第二款，业主委员会按《业主大会和业主委员会指导规则》第三十八条。"],
        "zh-Hant": ["共 22 項，按年份分頁，新的在前。“通過”與否由本站用登記的票數重新計算：業主大會按《民法典》第二百七十八條第二款，業主委員會按《業主大會和業主委員會指導規則》第三十八條。"],
        "zh-Hant-HK": ["共 22 項，按年份分頁，新的在前。“通過”與否由本站用登記的票數重新計算：業主大會按《民法典》第二百七十八條第二款，業主委員會按《業主大會和業主委員會指導規則》第三十八條。"],
        "en": ["2025: 11 decisions, 9 passed, 2 not passed; budgets 143,000.00 yuan in all, 139,800.00 yuan spent",
               "22 decisions, a page for each year, newest first. Whether a vote passed is recomputed by this site from the recorded votes: an "
               "owners' assembly under Civil Code art. 278 para. 2, the committee under the Guiding Rules for Owners' "
               "Assemblies and Committees, art. 38."],
    },
    "docs/decisions/2025-010.md": {   # a committee's vote that failed
        "zh": ["未通过：赞成的委员不到一半", "赞成的委员只占全体委员的 42.86%，需要至少一半。",
               "全体在任委员 7 人：赞成 3，反对 2，弃权 2，未参加 0。", "公示日期 2025-11-21：决议作出 1 天后公示。"],
        # 後, not the goddess 天后 that converting the template around "{{ days }} 天后公示" gave
        "zh-Hant": ["未通過：贊成的委員不到一半", "贊成的委員只佔全體委員的 42.86%，需要至少一半。",
                    "全體在任委員 7 人：贊成 3，反對 2，棄權 2，未參加 0。", "公示日期 2025-11-21：決議作出 1 天後公示。"],
        "zh-Hant-HK": ["未通過：贊成的委員不到一半", "公示日期 2025-11-21：決議作出 1 天後公示。"],
        "en": ["Not passed: the members voting for fell short of half",
               "The members voting for were only 42.86% of all serving members; at least half are needed.",
               "All 7 serving members: 3 for, 2 against, 2 abstaining, 0 absent.",
               "✗ Not met: Votes for, of all serving members: 3/7 (42.86%); at least 1/2 (50.00%) needed",
               "Published 2025-11-21, 1 day after the decision was taken."],
    },
    "docs/decisions/2025-004.md": {   # an owners' assembly: double majority, the court's time limit
        "zh": ["业主大会表决通过"],
        "zh-Hant": ["業主大會表決通過"], "zh-Hant-HK": ["業主大會表決通過"],
        "en": ["Passed by the owners' assembly", "Time limit to ask a court to revoke it",
               "Counted from the publication date, 2025-05-11, the time limit ran until 2026-05-11 and has now passed"],
    },
    "docs/meetings/index.md": {
        "zh": ["2025 年：业委会会议 2 次"], "zh-Hant": ["2025 年：業委會會議 2 次"], "zh-Hant-HK": ["2025 年：業委會會議 2 次"],
        "en": ["2025: 2 committee meetings"],
    },
    "docs/meetings/2026-M01.md": {
        "zh": ["任职人员 8 人，其他居民 186 人（只记人数，不写姓名）。", "选举第二届业主委员会：通过"],
        "zh-Hant": ["任職人員 8 人，其他居民 186 人（只記人數，不寫姓名）。", "选举第二届业主委员会：通過"],
        "zh-Hant-HK": ["任職人員 8 人，其他居民 186 人（只記人數，不寫姓名）。"],
        "en": ["Office holders: 8; other residents: 186 (counted, never named).", "选举第二届业主委员会: Passed"],
    },
    "docs/requests/index.md": {
        "zh": ["每一件：2026 年 · 2025 年", "还没办完的（6 件）"],
        "zh-Hant": ["每一件：2026 年 · 2025 年", "還沒辦完的（6 件）"], "zh-Hant-HK": ["還沒辦完的（6 件）"],
        "en": ["Every request: 2026 · 2025", "Still open (6)",
               "2025 12 11 1 0 2 days 7 days"],
    },
    "docs/requests/2026.md": {
        "zh": ["4 栋 1 单元单元门锁坏了（4栋1单元） 2026-10-09 已解决 2026-10-18（物业服务中心） 9 天 流水 2026-10-005"],
        "zh-Hant": ["4 栋 1 单元单元门锁坏了（4栋1单元） 2026-10-09 已解決 2026-10-18（物业服务中心） 9 天 流水 2026-10-005"],
        "zh-Hant-HK": ["2026-10-09 已解決 2026-10-18（物业服务中心） 9 天 流水 2026-10-005"],
        "en": ["4 栋 1 单元单元门锁坏了 (4栋1单元) 2026-10-09 Resolved 2026-10-18 (物业服务中心) 9 days Entry 2026-10-005",
               "绿化 3 1 1 1 1 day 1 day"],
    },
    "docs/activities/index.md": {
        "zh": ["志愿服务 111、调解纠纷 9、活动 4、宣传 900 余、巡查 40、践诺 14"],
        "zh-Hant": ["志願服務 111、調解糾紛 9、活動 4、宣傳 900 餘、巡查 40、踐諾 14"],   # 余 left simplified before
        "zh-Hant-HK": ["志願服務 111、調解糾紛 9、活動 4、宣傳 900 餘、巡查 40、踐諾 14"],
        "en": ["Volunteering 111, Mediation 9, Events 4, Publicity 900+, Patrols 40, Pledged deeds 14"],
    },
    "docs/pledges.md": {
        "zh": ["晴川花园小区党支部 · 承诺：每月为小区独居老人办 1 至 2 件实事", "2026 年 1 月 2026-01-18 为独居老人修理水龙头"],
        "zh-Hant": ["晴川花园小区党支部 · 承諾：每月为小区独居老人办 1 至 2 件实事"],
        "zh-Hant-HK": ["晴川花园小区党支部 · 承諾：每月为小区独居老人办 1 至 2 件实事"],
        "en": ["晴川花园小区党支部 · pledge: 每月为小区独居老人办 1 至 2 件实事", "January 2026 2026-01-18 为独居老人修理水龙头",
               "February 2026 None recorded"],
    },
    "docs/report/2025.md": {
        "zh": ["2025 年，开展志愿服务 40 次，化解矛盾纠纷 5 起，举办活动 1 场，开展宣传 600 余 次，开展巡查 16 次；"
               "召开业委会会议 2 次；收到居民诉求 12 件，已解决 11 件。"],
        "zh-Hant": ["2025 年，開展志願服務 40 次，化解矛盾糾紛 5 起，舉辦活動 1 場，開展宣傳 600 餘 次，開展巡查 16 次；"
                    "召開業委會會議 2 次；收到居民訴求 12 件，已解決 11 件。"],
        "zh-Hant-HK": ["召開業委會會議 2 次；收到居民訴求 12 件，已解決 11 件。"],
        "en": ["In 2025: 40 volunteering sessions, 5 disputes mediated, 1 event held, 600+ publicity campaigns, "
               "16 patrols; 2 committee meetings held; 12 residents' requests received, 11 resolved."],
    },
    "docs/people.md": {
        "zh": ["任期 2021-03-01 至 2026-02-28", "2023-05-02 起缺 1 人，2023-07-01 补齐，空缺 60 天"],
        "zh-Hant": ["任期 2021-03-01 至 2026-02-28", "2023-05-02 起缺 1 人，2023-07-01 補齊，空缺 60 天"],
        "zh-Hant-HK": ["2023-05-02 起缺 1 人，2023-07-01 補齊，空缺 60 天"],
        "en": ["Term: 2021-03-01 to 2026-02-28", "From 2023-05-02, 1 seat empty; filled on 2023-07-01, after 60 days",
               "7 members were serving on the term's first day. Seats that fell empty:"],
    },
    "docs/rankings/index.md": {
        "zh": ["2025 年（12 个月）：4栋3单元（7 面）、2栋2单元（5 面）、2栋1单元（5 面）"],
        "zh-Hant": ["2025 年（12 個月）：4栋3单元（7 面）、2栋2单元（5 面）、2栋1单元（5 面）"],
        "zh-Hant-HK": ["2025 年（12 個月）：4栋3单元（7 面）、2栋2单元（5 面）、2栋1单元（5 面）"],
        "en": ["2025 (12 months): 4栋3单元 (7 flags), 2栋2单元 (5 flags), 2栋1单元 (5 flags)",
               "2024 (2 months): 2栋3单元 (1 flag), 2栋1单元 (1 flag), 2栋2单元 (1 flag)"],
    },
    "docs/rankings/2025-09.md": {
        "zh": ["按 2025 年 8 月起施行的规则计分（决议 2025-006 修订）：每个单元从 100 分起算，前 3 名获流动红旗。",
               "2025-09-19 参加志愿服务（每人次） ×4（+8）：垃圾分类督导"],
        "zh-Hant": ["按 2025 年 8 月起施行的規則計分（決議 2025-006 修訂）：每個單元從 100 分起算，前 3 名獲流動紅旗。"],
        "zh-Hant-HK": ["按 2025 年 8 月起施行的規則計分（決議 2025-006 修訂）：每個單元從 100 分起算，前 3 名獲流動紅旗。"],
        "en": ["Scored by the rules in force from August 2025 (as revised by decision 2025-006): every unit starts at "
               "100 points, and the top 3 units get the red flag.",
               "2025-09-19 参加志愿服务（每人次） ×4 (+8): 垃圾分类督导", "2025-09-09 飞线充电 (veto): 飞线充电被巡查发现"],
    },
    "docs/rankings/2025.md": {
        "zh": ["2025 年已评比 12 个月。"],
        "zh-Hant": ["2025 年已評比 12 個月。按紅旗面數排名，面數相同的按全年得分合計；前 3 名且至少有一面紅旗的單元獲物業費補貼。"],
        "zh-Hant-HK": ["2025 年已評比 12 個月。"],
        "en": ["2025: 12 months scored. Units are ranked by their red flags, ties by the year's total score; "
               "the top 3 with at least one red flag get the property-fee subsidy.", "600.00 yuan paid on 2026-01-30"],
    },
    "docs/units/1-1.md": {
        "zh": ["24 户 · 专有面积 2,150.40 平方米", "钱玉珍（1栋1单元长，楼栋长、单元长）"],
        "zh-Hant": ["24 戶 · 專有面積 2,150.40 平方米", "钱玉珍（1栋1单元长，樓棟長、單元長）"],
        "zh-Hant-HK": ["24 户 · 專有面積 2,150.40 平方米"],
        "en": ["24 households · floor area 2,150.40 m²", "钱玉珍 (1栋1单元长, Building and entrance heads)"],
    },
    "docs/notices/index.md": {
        "zh": ["关于 10 月 25 日停水检修的通知（2026-10-20）"],
        "zh-Hant": ["关于 10 月 25 日停水检修的通知（2026-10-20）"], "zh-Hant-HK": ["关于 10 月 25 日停水检修的通知（2026-10-20）"],
        "en": ["关于 10 月 25 日停水检修的通知 (2026-10-20)", "委员使用说明：在网页上改记录: how to record books, decisions and scores"],
    },
    "docs/pages/notices/2026-10-water-outage.md": {"zh": ["← 全部公告"], "zh-Hant": ["← 全部公告"], "zh-Hant-HK": ["← 全部公告"],
                                                   "en": ["← All notices"]},
    "docs/audit.md": {
        "zh": ["每一次修改记录都会留下日期和修改人，公开以后不能悄悄抹掉。"],
        "zh-Hant": ["每一次修改記錄都會留下日期和修改人，公開以後不能悄悄抹掉。"],
        "zh-Hant-HK": ["每一次修改記錄都會留下日期和修改人，公開以後不能悄悄抹掉。"],
        "en": ["Every change to the records leaves its date and who made it; once published, it cannot be "
               "quietly erased.", "Recent changes"],
    },
    "docs/data.md": {
        "zh": ["data/entries.csv：每一笔流水（转账按两边各一行）。"],
        "zh-Hant": ["data/entries.csv：每一筆流水（轉帳按兩邊各一行）。"],
        "zh-Hant-HK": ["data/entries.csv：每一筆流水（轉賬按兩邊各一行）。"],
        "en": ["data/entries.csv: every entry (a transfer as one row for each side)."],
    },
    "site/print/decision-2025-010.html": {
        "zh": ["晴川花园小区业主委员会（盖章）2025 年 11 月 20 日", "本公示生成时没有记录版本。"],
        "zh-Hant": ["晴川花园小区業主委員會（蓋章）2025 年 11 月 20 日"],
        "zh-Hant-HK": ["晴川花园小区業主委員會（蓋章）2025 年 11 月 20 日", "本公示生成時沒有記錄版本。"],
        "en": ["晴川花园小区 owners' committee (seal)20 November 2025",
               "No version of the records was noted when this notice was made."],
    },
    "site/print/finance-2025-08.html": {"zh": ["2025 年 8 月账目公示"], "zh-Hant": ["2025 年 8 月帳目公示"],
                                        "zh-Hant-HK": ["2025 年 8 月賬目公示"], "en": ["Accounts notice, August 2025"]},
    "site/print/report-2025.html": {
        "zh": ["收到居民诉求 12 件，已解决 11 件，不予处理 1 件"],
        "zh-Hant": ["收到居民訴求 12 件，已解決 11 件，不予處理 1 件"], "zh-Hant-HK": ["收到居民訴求 12 件，已解決 11 件，不予處理 1 件"],
        "en": ["In 2025, this community recorded:", "12 residents' requests received, 11 resolved, 1 declined",
               "2 committee meetings held"],
    },
    "site/feed.xml": {
        "zh": ["晴川花园小区 阳光公示", "决议：安装单元门禁"],
        "zh-Hant": ["晴川花园小区 陽光公示", "決議：安装单元门禁"],
        "zh-Hant-HK": ["晴川花园小区 陽光公示", "決議：安装单元门禁"],
        "en": ["晴川花园小区 · Sunlight", "Decision: 安装单元门禁", "Owners' committee · Done"],
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", SENTENCES)
def test_each_page_kind_says_its_sentences_in_each_language(rendered, page, language):
    wanted = SENTENCES[page][language]
    shown = text(rendered[language] / page)
    assert [s for s in wanted if s not in shown] == []


@pytest.mark.parametrize("page", SENTENCES)
def test_english_pages_leave_no_word_of_the_site_in_chinese(rendered, page):
    """Every Chinese run on an English page is record text, which the Chinese page shows too."""
    chinese = set(re.findall(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e“”]+", text(rendered["zh"] / page)))
    english = re.findall(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+", text(rendered["en"] / page))
    assert [run for run in english if not any(run in record for record in chinese)] == []


def test_the_frame_says_its_words_in_each_language(demo, tmp_path):
    records = demo[0]
    for language, (code, hant), (home, data, menu, copyright_) in (
            ("zh", ("zh", "tw"), ("首页", "公开数据", "菜单", "晴川花园小区 业主委员会 · 阳光公示")),
            ("zh-Hant", ("zh-Hant", "tw"), ("首頁", "公開資料", "選單", "晴川花园小区 業主委員會 · 陽光公示")),
            ("zh-Hant-HK", ("zh-Hant", "hk"), ("首頁", "公開數據", "菜單", "晴川花园小区 業主委員會 · 陽光公示")),
            ("en", ("en", "tw"), ("Home", "Open data", "Menu", "晴川花园小区 owners' committee · Sunlight"))):
        user = {"extra": {"sunlight": {"hant": hant}}}
        frame = mkconfig.overrides(user, dataclasses.replace(records.community, language=code), tmp_path, tmp_path,
                                  pages.NAV)
        titles = [next(iter(entry)) for entry in frame["nav"]]
        assert (titles[0], titles[-1], frame["extra"]["sunlight"]["words"]["menu"], frame["copyright"]) == \
            (home, data, menu, copyright_), language


ENGLISH = {
    "records/community.yml": 'name: Riverside Court\nhouseholds: 10\narea_m2: "1000.00"\nlanguage: en\n',
    "records/units.yml": 'units:\n  - {id: "1-1", name: Block 1 Entry 1, households: 6, area_m2: "600.00"}\n'
                         '  - {id: "1-2", name: Block 1 Entry 2, households: 4, area_m2: "400.00"}\n',
    "records/roster/committee.yml": "body: committee\nname: First committee\nterm: {from: 2024-01-01, to: 2026-12-31}\n"
                                    "members:\n" + "".join(f"  - {{name: Member {i}, role: member, unit: \"1-1\"}}\n" for i in range(5)),
    "records/decisions/2024-001.yml": "id: 2024-001\ntitle: Fix the road\ndate: 2024-02-01\nbody: committee\nmatter: ordinary\n"
                                      "status: decided\nbudget: \"8000.00\"\nvote: {members: 5, for: 3, against: 1, abstain: 1}\n"
                                      "stages:\n  - {stage: Proposal, date: 2024-01-20, by: Party branch}\n  - {stage: 审议, date: 2024-01-25}\n"
                                      "summary: Repair 100 m of road.\n",
    "records/decisions/2024-002.yml": "id: 2024-002\ntitle: New parking\ndate: 2024-02-05\nbody: owners_assembly\n"
                                      "matter: major\nstatus: rejected\nvote:\n  participated: {households: 8, area_m2: \"800.00\"}\n"
                                      "  approved: {households: 5, area_m2: \"500.00\"}\n",
    "records/finance/2024/2024-03.yml": "month: 2024-03\nentries:\n  - {id: a1, date: 2024-03-05, account: operating, amount: -50, "
                                        "category: Repairs, counterparty: Hardware shop, memo: Light bulbs, decision: 2024-001}\n"
                                        "  - {id: t1, date: 2024-03-06, transfer: {from: operating, to: revenue}, amount: 10}\n"
                                        'closing:\n  operating: "40.00"\n  revenue: "10.00"\n',
    "records/finance/accounts.yml": 'accounts:\n  - {id: operating, name: Operating, kind: operating, opened: 2024-01-01, opening_balance: "100.00"}\n'
                                    '  - {id: revenue, name: Revenue, kind: campaign, opened: 2024-01-01, opening_balance: "0.00", target: "50.00"}\n',
    "records/scores/rubric.yml": "versions:\n  - effective_from: 2024-01\n    base: 100\n    flags: 1\n    annual_awards: 1\n"
                                 "    items:\n      - {code: v, category: Volunteering, label: Volunteer, points: 2}\n"
                                 "      - {code: w, category: Safety, label: Flying wire, veto: true}\n",
    "records/scores/2024/2024-03.yml": 'month: 2024-03\nevents:\n  - {unit: "1-1", item: v, date: 2024-03-02, count: 2, note: Sorting}\n'
                                       '  - {unit: "1-2", item: w, date: 2024-03-03}\n',
    "content/notices/water.md": "---\ntitle: Water off on Sunday\ndate: 2024-03-01\n---\n# Water off on Sunday\n\nFrom 8 to 17.\n",
}


def test_an_english_community_gets_an_english_site(tmp_path):
    write_tree(tmp_path, ENGLISH)
    problems, built = build(tmp_path, tmp_path / "site", use_cache=False)
    assert built, [p.text() for p in problems]
    for page in list((tmp_path / "site").rglob("*.html")) + [tmp_path / "site/feed.xml"] + \
            list((tmp_path / "site/charts").glob("*.svg")):
        content = page.read_text(encoding="utf-8")
        assert not CJK.search(content), f"{page}: {CJK.findall(content)[:10]}"
    decision = text(tmp_path / "site/decisions/2024-002.html")
    assert "Not passed: the households approving fell short of three quarters" in decision
    assert "The households approving were only 62.50% of the households taking part; at least three quarters are " \
           "needed." in decision
    assert "✗ Not met: Households approving, of those taking part: 5/8 (62.50%); at least 3/4 (75.00%) needed" in decision
    assert "Checked outcome" not in decision
    road = text(tmp_path / "site/decisions/2024-001.html")
    assert "2024-01-20 Proposal (Party branch)" in road and "2024-01-25 Review" in road   # 五议 stages in English
    assert "Budget 8,000.00 yuan, spent 50.00 yuan, left 7,950.00 yuan." in road
    assert "<title>Books, March 2024 - Riverside Court</title>" in \
        (tmp_path / "site/finance/2024-03.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")


def test_a_traditional_chinese_community_gets_taiwan_forms_by_default(tmp_path):
    write_tree(tmp_path, {"records/community.yml": 'name: 測試社區\nhouseholds: 10\narea_m2: "1000.00"\nlanguage: zh-Hant\n'})
    assert build(tmp_path, tmp_path / "site", use_cache=False)[1]
    site = tmp_path / "site"
    content = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html") if "assets" not in p.parts)
    assert "帳戶" in content and "公開資料" in content and "決議" in content
    assert not re.search("賬|數據|衆籌|账户", content), re.findall(".{4}(?:賬|數據|衆籌|账户).{4}", content)[:5]


def test_hong_kong_forms_are_a_setting_of_mkdocs_yml():
    assert mkconfig.hant({"extra": {"sunlight": {"hant": "hk"}}}) == "hk"
    assert mkconfig.hant({}) == mkconfig.hant({"extra": {"sunlight": {"hant": "mainland"}}}) == "tw"
