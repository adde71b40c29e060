"""The demo's pages read as a resident needs them: the answer first, plain words, a way on and back."""

import re

import pytest


@pytest.fixture(scope="module")
def page(demo_site):
    return lambda path: (demo_site / path).read_text(encoding="utf-8")


def test_a_decision_opens_with_its_answer_and_one_sentence_why(page):
    failed = page("decisions/2025-005.html")
    assert failed.index("未通过：同意的户数不到四分之三") < failed.index("同意的户数只占参与户数的 67.37%，需要至少四分之三。") \
        < failed.index("<h2>表决</h2>")
    assert "14,600.00/21,500.00（67.91%）" in failed          # thousands separators in every figure
    assert "专有面积：房产证上登记的各户自己的面积" in failed and "重大事项（筹集维修资金" in failed   # jargon explained
    assert "业主大会表决通过" in page("decisions/2025-004.html")
    assert "核算" not in failed


def test_a_years_awards_are_provisional_until_december_is_scored(page):
    assert "暂定获奖" in page("rankings/2026.html") and "暂定结果" in page("rankings/2026.html")
    final = page("rankings/2025.html")
    assert "获奖" in final and "暂定" not in final
    assert "（10 个月，暂定）" in page("rankings/index.html")


def test_months_lead_to_the_previous_and_next_month_and_back_to_their_year(page):
    august = page("finance/2025-08.html")
    assert 'href="../finance/2025-07.html" rel="prev"' in august and 'href="../finance/2025-09.html" rel="next"' in august
    assert 'href="../finance/2025.html">2025 年的全部账目' in august
    first = page("finance/2024-11.html")
    assert 'rel="prev"' not in first.split('class="md-content"')[1]
    assert 'href="../rankings/2025-08.html" rel="prev"' in page("rankings/2025-09.html")
    assert 'href="../rankings/2025.html">2025 年红旗榜' in page("rankings/2025-09.html")
    assert '<p class="sl-back"><a href="../decisions/years/2025.html">← 2025 年的决议</a></p>' in page("decisions/2025-004.html")
    home = page("index.html")
    assert 'href="people.html"' in home and 'href="decisions/index.html">查看全部 22 项决议' in home


def test_no_commit_hash_is_in_a_residents_way(page):
    for path in ("finance/2025-08.html", "decisions/2025-004.html", "index.html", "people.html"):
        content = page(path).split('class="md-content"')[1]
        shown = re.sub(r"<details.*?</details>", "", content, flags=re.S)
        assert not re.search(r"\b[0-9a-f]{7}\b", re.sub(r"<[^>]+>", " ", shown)), path
    assert re.search(r"<summary>(最后更新|登记日期)：\d{4}-\d\d-\d\d</summary>", page("finance/2025-08.html"))


def test_titles_name_a_page_once_and_the_guide_is_not_a_notice(page):
    assert "<title>晴川花园小区 阳光公示</title>" in page("index.html")
    assert "<title>2025 年 8 月账目 - 晴川花园小区 阳光公示</title>" in page("finance/2025-08.html")
    notices = page("notices/index.html")
    assert notices.index("关于 10 月 25 日停水检修的通知") < notices.index("给业委会委员") < notices.index("委员使用说明")
    assert '<meta name="description" content="晴川花园小区：账目记到 2026-10-26，钱还剩 日常经费 39,770.70 元、' in page("index.html")


def test_charts_are_one_per_account_from_zero_with_figures_in_words(page, demo_site):
    finance = page("finance/index.html")
    assert finance.count('class="sl-chart"') == 4
    assert "专项维修资金（小区自管部分）每月月末余额的折线图：" in finance and "589,880.86 元" in finance
    svg = (demo_site / "charts/account-maintenance.svg").read_text(encoding="utf-8")
    assert 'viewBox="0 0 360 200"' in svg and ">0</text>" in svg and 'font-size="13"' in svg


def test_each_deed_stands_under_the_pledge_it_keeps_with_its_date_and_note(page):
    """Format 1.2 section 3: not only "✓ 1 件" for a month, but what was done and when."""
    pledges = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page("pledges.html").split('class="md-content"')[1]))
    yang, zhang = pledges.index("阳沁"), pledges.index("张立新")
    assert yang < zhang
    assert yang < pledges.index("2026 年 9 月 2026-09-18 陪同独居老人就医") < zhang
    assert zhang < pledges.index("2026 年 9 月 2026-09-25 帮助邻居搬运大件垃圾")
    assert pledges[zhang:].count("陪同独居老人就医") == 0
    assert "2026 年 11 月 没有登记" in pledges[yang:zhang]


def test_my_building_lists_every_unit_and_the_home_page_and_menu_offer_it(page):
    units = page("units/index.html")
    listed = re.findall(r'<li><a href="\.\./units/(\d-\d)\.html"><span class="sl-unit-name">([^<]+)</span>', units)
    assert [u for u, _ in listed] == ["1-1", "1-2", "1-3", "2-1", "2-2", "2-3", "3-1", "3-2", "3-3", "4-1", "4-2", "4-3"]
    assert ('<a href="../units/3-2.html"><span class="sl-unit-name">3栋2单元</span>'
            '<span class="sl-card-note">1 件诉求在办</span>') in units
    home = page("index.html")
    assert '<p class="sl-mine"><a href="units/index.html"><span class="sl-card-label">我的楼栋</span>' in home
    # the menu (the drawer on a phone) names it second, after the home page
    nav = re.findall(r'class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>',
                     home.split('md-nav--primary')[1])
    assert nav[:2] == ["首页", "我的楼栋"]


def test_a_unit_page_answers_for_its_building_requests_first_then_scores_by_year(page):
    unit = page("units/3-2.html")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", unit.split('class="md-content"')[1]))
    assert text.index("有事找谁") < text.index("本单元报的事") < text.index("文明评比得分")
    assert re.search(r"还有 1 件在办。下面是在办的，和一年内办完的。 问题 收到 进展 天数 3 栋 2 单元楼道墙皮脱落 "
                     r"2026-10-21 处理中（物业服务中心） 已等 \d+ 天 全小区的诉求和办理天数", text)
    assert 'href="../requests/2026.html#2026-10-R04"' in unit
    years = re.findall(r'<details class="sl-year"( open)?><summary>(\d{4}) 年：评了 (\d+) 个月', unit)
    assert years == [(" open", "2026", "10"), ("", "2025", "12"), ("", "2024", "2")]
    content = unit.split('class="md-content"')[1]
    assert content.count('href="../rankings/') == 24 + 1     # every scored month, and all rankings
    assert '<p class="sl-back"><a href="../units/index.html">← 我的楼栋</a></p>' in unit


def meta_tags(html: str) -> dict[str, str]:
    import html as entities
    found = {}
    for attribute, name, content in re.findall(r'<meta (property|name|itemprop)="([^"]+)" content="([^"]*)"', html):
        found[f"{attribute}:{name}"] = entities.unescape(content)
    return found


def test_a_shared_decision_says_its_outcome_in_words_and_picture(page):
    """WeChat and QQ show a link by its title, description and picture: a rejected plan must not
    read as one going ahead."""
    rejected = meta_tags(page("decisions/2025-005.html"))
    assert rejected["name:description"] == rejected["property:og:description"] == rejected["itemprop:description"] == \
        "未通过：将东侧绿地改建为停车位（同意的户数 67.37%，不到四分之三）"
    assert rejected["property:og:title"] == rejected["itemprop:name"] == "将东侧绿地改建为停车位（未通过）"
    assert "<title>将东侧绿地改建为停车位（未通过） - 晴川花园小区 阳光公示</title>" in page("decisions/2025-005.html")
    assert rejected["property:og:image"] == rejected["itemprop:image"] == "https://example.org/qingchuan/share/no.png"
    assert rejected["property:og:url"] == "https://example.org/qingchuan/decisions/2025-005.html"
    passed = meta_tags(page("decisions/2025-004.html"))
    assert passed["property:og:description"] == \
        "通过：使用专项维修资金维修 3 栋屋面防水（业主大会表决通过，同意的面积 88.56%）"
    assert passed["property:og:title"] == "使用专项维修资金维修 3 栋屋面防水（通过）"
    assert passed["property:og:image"] == "https://example.org/qingchuan/share/yes.png"
    # WeChat's own share takes the first picture of the page: the outcome's, lazy and hidden, so no phone loads it
    assert '<img class="sl-share" src="../share/yes.png" alt="" width="320" height="320" loading="lazy" hidden>' in \
        page("decisions/2025-004.html")


def test_every_page_has_a_description_of_its_own(page, demo_site):
    descriptions = {}
    for path in sorted(demo_site.rglob("*.html")):
        rel = path.relative_to(demo_site).as_posix()
        if rel.startswith("print/"):
            continue
        tags = meta_tags(path.read_text(encoding="utf-8"))
        assert tags["name:description"] == tags["property:og:description"], rel
        assert tags["property:og:title"] and tags["property:og:image"].startswith("https://example.org/qingchuan/share/"), rel
        descriptions.setdefault(tags["name:description"], []).append(rel)
    assert {d: paths for d, paths in descriptions.items() if len(paths) > 1} == {}
    assert meta_tags(page("finance/2025-08.html"))["name:description"] == (
        "2025 年 8 月：5 笔收支，月末余额 日常经费 24,246.50 元、公共收益（停车费、电梯广告等） 67,900.00 元、"
        "专项维修资金（小区自管部分） 430,713.73 元。")
    assert meta_tags(page("rankings/2025-09.html"))["name:description"] == \
        "2025 年 9 月流动红旗：3栋3单元（111 分）、4栋3单元（108 分）、2栋2单元（106 分）。"
