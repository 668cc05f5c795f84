"""Money on the pages, against the printed forms (expectations written by hand from the sources).

普陀 2022 (上海市普陀区体育事业管理中心, 项目支出绩效自评表) prints its amounts in 元:
全年预算数 250000.00, 全年执行数 215457.6.  Every page compares in 万元, so the page, its chart
and every listing show 25.00 / 21.55 万元 with the printed 元 figure beside, and the exact
digits in the tooltip.  稷山 2020 prints two figures, 65.66 and 65.07, under three columns
(年初预算数, 全年预算数, 全年执行数): they are shown as printed, marked 所属列不明, never as
"—", and the home page's 2020 card says why the year has no total.
"""

from __future__ import annotations

import json

import pytest
from site_fixtures import Node, parse_html, shared_site

PUTUO = "units/putuo-sports-centre/2022/operator-settlement/index.html"
JISHAN = "units/jishan-medical-insurance/2020/poverty-contribution/index.html"
LISTINGS = ("index.html", "compare/index.html", "years/2022/index.html", "units/putuo-sports-centre/index.html")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return shared_site(tmp_path_factory, "/")


def doc(site, path: str) -> Node:
    return parse_html((site / path).read_text("utf-8"))


def cell_texts(row: Node) -> list[str]:
    return [node.text() for node in row.children if isinstance(node, Node) and node.tag in ("td", "th")]


def listing_row(page: Node, title: str) -> dict[str, str]:
    """The listing row of an evaluation, by column heading."""
    for table in page.find_all("table"):
        if table.find("thead") is None:
            continue
        header = [th.text() for th in table.find("thead").find_all("th")]
        for row in table.find("tbody").find_all("tr"):
            if title in row.text():
                return dict(zip(header, cell_texts(row), strict=True))
    raise AssertionError(f"no row for {title}")


def test_a_yuan_form_reads_in_wan_with_the_printed_yuan_beside_everywhere(site):
    page = doc(site, PUTUO)
    headline = " ".join(page.find("main").find("p").text().split())
    assert "全年预算数 25.00 万元（原表 250,000.00 元）" in headline
    assert "实际支出数 21.55 万元（原表 215,457.6 元）" in headline
    # the exact printed digits stay in the figure's tooltip
    titles = [node.attrs.get("title", "") for node in page.find("main").find("p").find_all("strong")]
    assert titles[0].startswith("250000.00 元") and titles[1].startswith("215457.6 元")
    total = cell_texts(page.by_id("budget-total"))
    assert total[1:4] == ["25.00（原表 250,000.00 元）", "25.00（原表 250,000.00 元）", "21.55（原表 215,457.6 元）"]
    caption = page.by_id("operator-settlement-budget-caption").text()
    assert caption.startswith("预算安排及支出情况（万元；原表以元为单位")
    # the amounts chart prints the same figures, and no page prints the five-decimal 21.54576 as a figure
    spec = json.loads(page.by_id("chart-operator-settlement-budget-spec").text())
    printed = [line[3] for line in spec["lines"] if line[0] == "b"]
    assert printed[:2] == ["25.00", "21.55"]  # the bars of 年度资金总额, in 万元 as the chart's title says
    for path in LISTINGS:
        listing = doc(site, path)
        row = listing_row(listing, "普陀体育中心与委托运营方结算费用")
        assert row["全年预算数（万元）"] == "25.00（原表 250,000.00 元）", path
        assert row["实际支出数（万元）"] == "21.55（原表 215,457.6 元）", path
        assert "21.54576" not in listing.find("main").text(), path


def test_amounts_of_unknown_column_are_shown_as_printed(site):
    page = doc(site, JISHAN)
    headline = " ".join(page.find("main").find("p").text().split())
    assert "全年预算数 65.66、65.07 万元（所属列不明）" in headline
    assert "实际支出数 65.66、65.07 万元（所属列不明）" in headline
    listings = ("index.html", "compare/index.html", "years/2020/index.html")
    listings += ("units/jishan-medical-insurance/index.html",)
    for path in listings:
        row = listing_row(doc(site, path), "建档立卡个人缴费县级配套资金")
        assert row["全年预算数（万元）"] == "65.66、65.07（所属列不明）", path
        assert row["实际支出数（万元）"] == "65.66、65.07（所属列不明）", path
    # the year without a total says why instead of showing "—"
    home = doc(site, "index.html")
    card = next(li for li in home.find("ul", class_="headline years").find_all("li") if "2020 年度" in li.text())
    assert "本年度无合计" in card.text() and "所属列不明" in card.text()
    assert "—（未载明）" not in home.find("main").text()


def test_figures_carry_thousands_separators(site):
    page = doc(site, "units/rugao-landloss/2023/index.html")
    assert cell_texts(page.by_id("budget-total"))[1:3] == ["93,116.21", "90,819.34"]


def test_the_form_family_is_named_in_chinese_with_its_code_as_secondary_text(site):
    page = doc(site, PUTUO)
    facts = {dt.text(): dt.parent.find("dd") for dt in page.find_all("dt")}
    assert facts["表样"].text() == "财政部项目支出绩效自评表 national-project"
    assert facts["表样"].find("span").text() == "national-project"


def test_a_unit_page_opens_with_its_headline(site):
    """如皋市被征地农民基本生活保障资金管理中心 2023 (by hand from its form): 93116.21 against 90819.34 万元,
    97.53%, 96.8 (优)."""
    page = doc(site, "units/rugao-landloss/index.html")
    card = page.find("ul", class_="headline years").text()
    assert "约 9.31 亿元 全年预算" in card and "约 9.08 亿元 实际支出" in card
    assert "执行率 97.53%" in card and "得分 96.8（优）" in card


def test_quality_page_points_to_the_published_file_and_row(site):
    """Data locations name the published file and row and link to it, not the repository path."""
    page = doc(site, "quality/index.html")
    cells = [td for td in page.find("tbody").find_all("td") if "small" in td.classes()]
    assert cells and not any("data/" in td.text() for td in cells)
    links = {td.text(): td.find("a").attrs["href"] for td in cells if td.find("a") is not None}
    assert links["putuo-sports-centre-2022 · budget.csv 第2行"] == "../downloads/putuo-sports-centre-2022/budget.csv"
    assert (site / "downloads/putuo-sports-centre-2022/budget.csv").is_file()
