"""Listing pages as a reader scans them: home and region pages in reading order, each year's card with its
scores, yearly rate bars that differ where the rates do, and sums shown to the 分 (exact in the title).

Every expectation is read off data/ by hand (named in each test), never computed with jixiao's code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from site_fixtures import chart_specs, parse_html, shared_site

# Units by province, prefecture, county and name read as pinyin (安徽 滁州 天长: 塘湖镇 < 天长市水利局; 江苏 南通
# 如皋: 被征地 < 社会保险 < 社会养老; 江西; 上海; 山西; 四川: 德阳 中江 < 眉山 青神; 云南: 保山市 < 临沧 永德).
READING_ORDER = [
    "塘湖镇人民政府",
    "天长市水利局",
    "如皋市被征地农民基本生活保障资金管理中心",
    "如皋市社会保险基金管理中心",
    "如皋市社会养老保险管理处",
    "弋阳县社会保险管理中心",
    "上海市普陀区体育事业管理中心",
    "稷山县医疗保险服务中心",
    "中江县水利局",
    "青神县发展和改革局",
    "保山市退役军人事务局",
    "永德县明朗中学",
]
# rugao-sif 2024's six projects by title in pinyin: dayinzhi, jubao, shebaokuomian, shebaoyewu, shehuibaoxian, zhubao.
RUGAO_SIF_PROJECTS = [
    "打印纸及个人账户打印纸",
    "居保转企保参保补助",
    "社保扩面业务经费",
    "社保业务运营经费",
    "《社会保险手册》印刷费",
    "“助保贷款”财政贴息",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory, "/")


def page(site: Path, path: str):
    return parse_html((site / path).read_text("utf-8"))


def test_home_lists_evaluations_in_reading_order(site):
    table = next(t for t in page(site, "index.html").find_all("table") if "全部评价一览" in t.find("caption").text())
    units = []
    projects = []
    for tr in table.find("tbody").find_all("tr"):
        links = [a.text().strip() for a in tr.find_all("a")]
        if not units or units[-1] != links[0]:
            units.append(links[0])
        if links[0] == "如皋市社会保险基金管理中心":
            projects.append(links[1])
    assert [u for u in units if u in READING_ORDER] == READING_ORDER
    assert projects == RUGAO_SIF_PROJECTS


def test_region_cards_carry_the_scores(site):
    """江苏省: 2024 rugao-pension 97.2 and rugao-sif's six projects 99 each; 2023 rugao-landloss 96.8
    (evaluations.csv total_score, by hand)."""
    cards = page(site, "regions/jiangsusheng/index.html").find("ul", class_="headline years")
    text = {li.find("a").text(): li.text() for li in cards.find_all("li")}
    assert "执行率 100.00% · 得分 97.2–99 · 2 个单位 · 7 份自评" in text["2024 年度"], text
    assert "得分 96.8 · 1 个单位 · 1 份自评" in text["2023 年度"], text


def test_yearly_rate_bars_differ_where_the_rates_do(site):
    """Home: 2022 99.27 %, 2023 97.54 % (91071.23 / 93368.10 … by the years table), 2024 100 %.  The bars start
    at 90 % (said in the heading), so 97.54 % is three quarters of 100 %'s bar, not 97.5 % of it."""
    spec = chart_specs(page(site, "index.html"))["chart-overview-trend"]
    records = spec["data"]["values"]
    heads = [r["t"] for r in records if r["k"] == "head"]
    assert "条自 90% 起" in "".join(heads), heads
    bars = [r["v"] for r in sorted(records, key=lambda r: r["r"]) if r["k"] == "bar" and r["s"] == "执行率"]
    assert len(bars) == 3  # 2020 has no total
    assert bars[0] == pytest.approx(0.927, abs=0.001)
    assert bars[1] == pytest.approx(0.754, abs=0.001)
    assert bars[2] == pytest.approx(1, abs=0.001)  # 1639.09… / 1639.10…: 100.00 % when rounded


def test_yearly_sums_are_shown_to_the_fen_with_the_exact_sum_in_the_title(site):
    """江西省 2022: 43 + 28.0921 + 49.4731 = 120.5652 万元 (弋阳's three project forms, by hand)."""
    table = page(site, "regions/jiangxisheng/index.html").by_id("years-table")
    row = next(tr for tr in table.find("tbody").find_all("tr") if tr.find("th").text().strip() == "2022")
    cell = next(td for td in row.find_all("td") if td.attrs.get("data-label", "").startswith("全年预算"))
    assert cell.text().strip() == "120.57"
    assert cell.find("span").attrs["title"] == "120.5652 万元（本站合计）"
