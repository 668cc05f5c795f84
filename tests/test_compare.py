"""The comparison page: every evaluation side by side with figures from data/, sort keys
computed at build time, a chart of execution rate against score, and sorting by clicking
a column header in the browser (the table works without JavaScript)."""

from __future__ import annotations

import math
import re
from collections import Counter
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from site_fixtures import (
    REPO,
    chart_specs,
    evaluation_path,
    html_pages,
    packages,
    parse_html,
    read_csv,
    resolve,
    shared_site,
    shows_published,
    wan,
)

PATH = "compare/index.html"
PACKAGES = packages()
GRADE_ORDER = {"差": 1, "中": 2, "良": 3, "优": 4}


def expected_rows() -> dict[str, dict]:
    """Evaluation page → the figures its row must show, straight from the CSV files."""
    rows = {}
    for package in PACKAGES:
        evaluations = read_csv(package.path / "evaluations.csv")
        budget = read_csv(package.path / "budget.csv")
        unit = read_csv(package.path / "unit.csv")[0]
        for evaluation in evaluations:
            top = next(
                (b for b in budget if b["evaluation_id"] == evaluation["evaluation_id"] and not b["parent_id"]), None
            )
            rows[evaluation_path(package, evaluation, evaluations)] = {
                "unit": unit["name"],
                "unit_page": f"units/{package.unit_id}/index.html",
                "year": str(package.year),
                "title": evaluation["title"],
                "budget": wan(top, "budget") if top else "",
                "actual": wan(top, "actual") if top else "",
                "line": top,
                "score": evaluation["total_score"],
                "grade": evaluation["grade"],
            }
    return rows


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory, "/")


@pytest.fixture(scope="module")
def doc(site):
    return parse_html((site / PATH).read_text("utf-8"))


def table_rows(doc):
    table = doc.by_id("compare-table")
    header = [th.text() for th in table.find("thead").find_all("th")]
    return header, table.find("tbody").find_all("tr")


def test_every_page_links_the_comparison(site):
    for path, text in html_pages(site).items():
        if path.startswith("pagefind/"):
            continue
        nav = parse_html(text).find("nav")
        links = {a.text(): a.attrs["href"] for a in nav.find_all("a")}
        assert "比较" in links, path
        assert resolve(path, links["比较"])[0] == PATH, path


def test_one_row_per_evaluation_with_the_published_figures(doc):
    header, rows = table_rows(doc)
    assert header[:3] == ["单位", "年度", "评价"]
    expected = expected_rows()
    assert len(rows) == len(expected)
    seen = set()
    for row in rows:
        cells = row.find_all("td")
        links = {resolve(PATH, a.attrs["href"])[0] for a in row.find_all("a")}
        page = next(link for link in links if link in expected)
        seen.add(page)
        want = expected[page]
        assert want["unit_page"] in links
        texts = [cell.text() for cell in cells]
        assert texts[0] == want["unit"] and texts[1] == want["year"] and texts[2].startswith(want["title"])
        assert shows_published(texts[header.index("全年预算数（万元）")], want["line"], "budget")
        assert shows_published(texts[header.index("实际支出数（万元）")], want["line"], "actual")
        assert texts[header.index("得分")] == (want["score"] or "—")
        assert texts[header.index("等级")] == (want["grade"] or "—")
        rate = cells[header.index("执行率（计算）")]
        if want["budget"] and want["actual"]:
            computed = Decimal(want["actual"]) / Decimal(want["budget"]) * 100
            # 四舍五入 to hundredths, worked with exact fractions (not the code's Decimal quantize)
            hundredths = math.floor(Fraction(want["actual"]) / Fraction(want["budget"]) * 10000 + Fraction(1, 2))
            assert rate.text() == f"{hundredths // 100}.{hundredths % 100:02d}%"
            assert abs(Decimal(rate.attrs["data-sort"]) - computed) < Decimal("0.000001")
    assert seen == set(expected)


def test_sort_keys_are_computed_at_build_time(doc):
    header, rows = table_rows(doc)
    types = [th.attrs.get("data-sort-type") for th in doc.by_id("compare-table").find("thead").find_all("th")]
    assert all(t in ("number", "text") for t in types), "every column is sortable"
    for row in rows:
        cells = row.find_all("td")
        assert len(cells) == len(header)
        for column, cell in zip(header, cells, strict=True):
            assert "data-sort" in cell.attrs, column
        for index, kind in enumerate(types):
            key = cells[index].attrs["data-sort"]
            if kind == "number" and key:
                Decimal(key)  # parses as a number
        shown = {
            column: cells[header.index(column)].text()
            for column in ("全年预算数（万元）", "实际支出数（万元）", "得分")
        }
        for column, text in shown.items():
            key = cells[header.index(column)].attrs["data-sort"]
            if not key:
                assert text == "—" or "所属列不明" in text, column
                continue
            # the key is the exact figure in 万元; the cell shows it (a 元 form's to two places, its 元 beside)
            figure = Decimal(text.split("（")[0].replace(",", ""))
            assert Decimal(key).quantize(figure) == figure, column
        grade = cells[header.index("等级")]
        assert grade.attrs["data-sort"] == str(GRADE_ORDER.get(grade.text(), ""))


def test_scatter_of_rate_against_score(doc):
    specs = chart_specs(doc)
    spec = specs["chart-compare"]
    rule, circles, counts = spec["layer"]  # 100% marked by a rule, one circle per evaluation, counts at spots
    assert rule["mark"]["type"] == "rule" and rule["data"]["values"] == [{"x": 100}]
    assert circles["mark"]["type"] == "circle" and counts["mark"]["type"] == "text"
    # No evaluation of data/ spends more than its budget: the legend names the one colour drawn.
    assert circles["encoding"]["color"]["scale"]["domain"] == ["执行率"]
    assert circles["encoding"]["x"]["field"] == "x" and circles["encoding"]["y"]["field"] == "y"
    for value in spec["data"]["values"]:
        assert value["s"] == ("超出预算" if value["x"] > 100 else "执行率")
    points = sorted((v["x"], v["y"]) for v in spec["data"]["values"])
    expected = sorted(
        (float(Decimal(r["actual"]) / Decimal(r["budget"]) * 100), float(Decimal(r["score"])))
        for r in expected_rows().values()
        if r["budget"] and r["actual"] and r["score"] and Decimal(r["budget"]) != 0
    )
    assert len(points) == len(expected)
    for point, wanted in zip(points, expected, strict=True):
        assert point == pytest.approx(wanted)
    view = doc.by_id("chart-compare")
    assert view.attrs["role"] == "img" and f"共 {len(expected)} 份" in view.attrs["aria-label"]
    fallback = view.parent.find("a")
    assert fallback.attrs["href"] == "#compare-table"


# By hand from data/: budget = actual (rate 100 %) and total_score 99 in rugao-sif 2024's six projects
# and yiyang-si 2022 soe-retiree-management (其他资金 28.0921 / 28.0921); 100 / 100 in baoshan-veterans
# 2022 spring-visits and tianchang-water 2022 flood-control.
AT_100_99 = {
    "units/rugao-sif/2024/printing-paper/index.html",
    "units/rugao-sif/2024/insurance-handbook/index.html",
    "units/rugao-sif/2024/coverage-expansion/index.html",
    "units/rugao-sif/2024/loan-interest-subsidy/index.html",
    "units/rugao-sif/2024/operations/index.html",
    "units/rugao-sif/2024/resident-to-employee-subsidy/index.html",
    "units/yiyang-si/2022/soe-retiree-management/index.html",
}


def test_coincident_points_are_counted_and_linked(doc):
    """Seven evaluations at 100 % / 99 draw one dot: the spot is labelled with the count ("7 份") and
    every point carries its year and the link to its page, for the list a tap shows."""
    spec = chart_specs(doc)["chart-compare"]
    counts = spec["layer"][2]
    assert {"aggregate": [{"op": "count", "as": "n"}], "groupby": ["x", "y"]} in counts["transform"]
    assert {"filter": "datum.n > 1"} in counts["transform"]
    at = {resolve(PATH, v["href"])[0] for v in spec["data"]["values"] if (v["x"], v["y"]) == (100, 99)}
    assert at == AT_100_99
    years = {resolve(PATH, v["href"])[0]: v["年度"] for v in spec["data"]["values"]}
    assert years["units/rugao-sif/2024/operations/index.html"] == 2024
    assert years["units/yiyang-si/2022/soe-retiree-management/index.html"] == 2022
    spots = Counter(
        (Decimal(r["actual"]) / Decimal(r["budget"]), Decimal(r["score"]))
        for r in expected_rows().values()
        if r["budget"] and r["actual"] and r["score"] and Decimal(r["budget"]) != 0
    )
    shared = sum(n for n in spots.values() if n > 1)
    assert shared >= 9  # the seven above, two at 100 / 100 (more as data/ grows)
    label = doc.by_id("chart-compare").attrs["aria-label"]
    assert f"其中 {shared} 份与别的评价落在同一点" in label, label


def test_a_year_filter_for_the_table_and_the_chart(doc):
    select = doc.by_id("compare-year")
    options = [(o.attrs["value"], o.text()) for o in select.find_all("option")]
    years = sorted({str(p.year) for p in PACKAGES})
    assert options == [("0", "全部年度"), *((y, f"{y} 年度") for y in years)]
    assert select.attrs["data-filter-rows"] == "compare-table" and select.attrs["data-chart"] == "chart-compare"
    assert "hidden" in select.parent.attrs, "shown by the script only"
    spec = chart_specs(doc)["chart-compare"]
    assert spec["params"] == [{"name": "year", "value": 0}]
    _, rows = table_rows(doc)
    assert sorted(row.attrs["data-year"] for row in rows) == sorted(r["year"] for r in expected_rows().values())


def test_template_only_presents():
    """No arithmetic in the template: figures, rates and sort keys all come from Python."""
    template = (REPO / "templates/compare.html").read_text("utf-8")
    for expression in re.findall(r"{{(.*?)}}", template) + re.findall(r"{%(.*?)%}", template):
        assert not re.search(r"[-+*/%]\s*\d|\d\s*[-+*/%]|\s[-+*/]\s", expression), expression


# --------------------------------------------------------------------------- in the browser


ROWS = "#compare-table tbody tr"


@pytest.mark.browser
def test_a_tap_on_a_point_lists_its_evaluations_on_a_phone(browser, server):
    """At 390 px with touch (no hover), tapping the dot at 100 % / 99 lists its seven evaluations with links;
    choosing 2022 leaves 弋阳县's one there and shows only 2022's rows (as many as data/*/2022/evaluations.csv
    list)."""
    in_2022 = sum(1 for row in expected_rows().values() if row["year"] == "2022")
    assert in_2022 >= 8  # 保山 1, 普陀 1, 天长水利 1, 永德 1, 弋阳 4 (more as data/ grows)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="zh-CN"
    )
    try:
        page = context.new_page()
        page.goto(server + "compare/")
        page.wait_for_selector("#chart-compare[data-rendered]", timeout=30_000)

        def tap_spot(x: float, y: float) -> None:
            """Tap the drawn circle whose datum is (x, y): its screen box from Vega's scene graph."""
            page.locator("#chart-compare").scroll_into_view_if_needed()
            index = page.evaluate(
                """([x, y]) => {
                  const paths = [...document.querySelectorAll('#chart-compare g.mark-symbol.role-mark path')];
                  const datum = (p) => (p.__data__ || {}).datum || {};
                  return paths.findIndex(p => datum(p).x === x && datum(p).y === y);
                }""",
                [x, y],
            )
            assert index >= 0, f"no point at {x}, {y}"
            box = page.locator("#chart-compare g.mark-symbol.role-mark path").nth(index).bounding_box()
            page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

        tap_spot(100, 99)
        panel = page.locator("[data-details-for=chart-compare]")
        panel.locator("li").first.wait_for()
        assert panel.locator("p").inner_text() == "执行率 100.00%、得分 99：7 份评价"
        hrefs = panel.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert {resolve(PATH, href)[0] for href in hrefs} == AT_100_99
        assert page.evaluate("() => innerWidth >= document.documentElement.scrollWidth"), "no sideways scrolling"

        page.select_option("#compare-year", "2022")
        assert page.locator(f"{ROWS}:not([hidden])").count() == in_2022
        assert set(page.locator(f"{ROWS}:not([hidden])").evaluate_all("r => r.map(x => x.dataset.year)")) == {"2022"}
        assert page.locator(".year-filter [role=status]").inner_text() == f"表中显示 2022 年度的 {in_2022} 份评价"
        tap_spot(100, 99)
        page.wait_for_function(
            "() => document.querySelector('[data-details-for=chart-compare] p').textContent.endsWith('1 份评价')"
        )
        hrefs = panel.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert [resolve(PATH, href)[0] for href in hrefs] == ["units/yiyang-si/2022/soe-retiree-management/index.html"]
    finally:
        context.close()


def column_keys(page, index: int) -> list[str]:
    return page.eval_on_selector_all(ROWS, f"rows => rows.map(r => r.cells[{index}].getAttribute('data-sort'))")


def numeric_order(keys: list[str], descending: bool = False) -> list[str]:
    present = sorted((k for k in keys if k), key=Decimal, reverse=descending)
    return present + [k for k in keys if not k]


@pytest.mark.browser
def test_clicking_a_header_sorts_the_table(context, server, guard):
    page = context.new_page()
    guard.watch(page)
    page.goto(server + "compare/")
    headers = page.locator("#compare-table thead th")
    names = [name.strip() for name in headers.all_inner_texts()]
    score = next(i for i, name in enumerate(names) if name.startswith("得分"))
    button = headers.nth(score).locator("button")
    assert button.count() == 1, "the script puts a button in every sortable header"
    before = column_keys(page, score)
    assert before != numeric_order(before), "the table should not start sorted by score"

    button.click()
    assert headers.nth(score).get_attribute("aria-sort") == "ascending"
    assert column_keys(page, score) == numeric_order(before)
    button.click()
    assert headers.nth(score).get_attribute("aria-sort") == "descending"
    assert column_keys(page, score) == numeric_order(before, descending=True)
    assert [headers.nth(i).get_attribute("aria-sort") for i in range(len(names)) if i != score] == [None] * (
        len(names) - 1
    )

    unit = names.index("单位")
    headers.nth(unit).locator("button").click()
    keys = column_keys(page, unit)
    assert keys == sorted(keys) and headers.nth(score).get_attribute("aria-sort") is None
    # Links still work after sorting: the first row's evaluation link opens its page.
    link = page.locator(f"{ROWS} >> nth=0").locator("td >> nth=2").locator("a")
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"**/{href.removeprefix('../')}")
    guard.check()
