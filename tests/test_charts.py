"""Charts, per-year totals and trends in the built site (the drawn geometry: test_chart_layout.py).

Every chart prints the exact published figure at each bar, is its own small dataset (a
CSV beside the page, a citation, an anchor), and no page sums money across years.
"""

from __future__ import annotations

import json
import math
import shutil
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from site_fixtures import (
    BOM,
    DATA,
    build_site,
    chart_specs,
    copy_data,
    is_moved,
    read_csv,
    shared_site,
    shows_published,
    wan,
    write_csv,
)
from test_site import ALL_EVALUATIONS, PACKAGES, Site, cells, parsed

from jixiao.site import charts, figures


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Site:
    return parsed(shared_site(tmp_path_factory, "/"))


def rows_of(spec: dict) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """A row chart as a reader sees it: each row's label (its wrapped lines joined) and the values printed."""
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    for value in spec["data"]["values"]:
        if value["k"] == "label":
            if not rows or rows[-1][1]:
                rows.append((value["t"], []))
            else:
                rows[-1] = (rows[-1][0] + value["t"], [])
        elif value["k"] == "value":
            rows[-1][1].append((value["s"], value["t"]))
    return [(label.lstrip("\u3000"), tuple(printed)) for label, printed in rows]


def chart_csv(pages: Site, page: str, chart_id: str) -> list[dict[str, str]]:
    path = pages.root / Path(page).parent / f"{chart_id}.csv"
    data = path.read_bytes()
    assert data.startswith(BOM)
    return read_csv_text(data[len(BOM) :].decode("utf-8"))


def read_csv_text(text: str) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text)))


def _half_up(value: Fraction, places: int) -> str:
    """四舍五入 written apart from the code under test: exact fractions, integer floor of |x|·10ⁿ + ½."""
    units = math.floor(abs(value) * 10**places + Fraction(1, 2))
    sign = "-" if value < 0 and units else ""
    whole, part = divmod(units, 10**places)
    return f"{sign}{whole:,}" + (f".{part:0{places}d}" if places else "")


def _rate_text(budget: str, actual: str) -> str:
    if not budget or not actual or Decimal(budget) == 0:
        return "—（预算为 0）" if budget and Decimal(budget) == 0 else "—（未载明）"
    rate = Fraction(Decimal(actual)) / Fraction(Decimal(budget)) * 100
    return f"{_half_up(rate, 2)}%" + ("（超支）" if rate > 100 else "")


def _headline(wan: Decimal) -> str:
    """A headline amount: 亿元 to two places from 10,000 万元, whole 万元 from 100, else one place."""
    if abs(wan) >= 10000:
        return f"约 {_half_up(Fraction(wan) / 10000, 2)} 亿元"
    return f"约 {_half_up(Fraction(wan), 0 if abs(wan) >= 100 else 1)} 万元"


def test_the_oracles_round_halves_up():
    assert _rate_text("200", "172.37") == "86.19%" and _rate_text("8", "1") == "12.50%"
    assert _headline(Decimal("12250")) == "约 1.23 亿元" and _headline(Decimal("-250.5")) == "约 -251 万元"


@pytest.mark.parametrize(
    ("package", "evaluation", "path"),
    ALL_EVALUATIONS,
    ids=[f"{p.package_id}-{e['evaluation_id']}" for p, e, _ in ALL_EVALUATIONS],
)
def test_budget_charts_print_every_published_figure(pages, package, evaluation, path):
    lines = sorted(
        (
            line
            for line in read_csv(package.path / "budget.csv")
            if line["evaluation_id"] == evaluation["evaluation_id"]
            and (line["budget"] or line["actual"] or line["ambiguous_amounts"])
        ),
        key=lambda line: int(line["order"]),
    )
    specs = chart_specs(pages.doc(path))
    prefix = f"chart-{evaluation['evaluation_id']}"
    if not any(line["budget"] or line["actual"] for line in lines):  # nothing placed: the table shows it
        assert f"{prefix}-budget" not in specs and f"{prefix}-rate" not in specs
        return
    parents = {
        line["line_id"]: line["parent_id"]
        for line in read_csv(package.path / "budget.csv")
        if line["evaluation_id"] == evaluation["evaluation_id"]
    }

    def depth(line_id: str) -> int:
        return 0 if not parents[line_id] else 1 + depth(parents[line_id])

    # amounts are drawn level by level (总额, then 基本与项目, then 明细), each level in the table's order
    amounts = rows_of(specs[f"{prefix}-budget"])
    ordered = sorted(lines, key=lambda line: depth(line["line_id"]))
    assert [label for label, _ in amounts] == [line["label"] for line in ordered]
    for (label, printed), line in zip(amounts, ordered, strict=True):
        assert [series for series, _ in printed] == ["全年预算数", "实际支出数"]
        for (_, text), column in zip(printed, ("budget", "actual"), strict=True):
            # as the tables show it (万元, a 元 figure beside, unknown columns marked), or why there is none
            missing = not line[column] and column not in line["ambiguous_columns"].split()
            if line["amount_unit"] == "元" and line[column]:  # drawn in 万元, to two places (元 ÷ 10000)
                wan_text = (Decimal(line[column]) / 10000).quantize(Decimal("0.01"))
                assert text.replace(",", "") == str(wan_text), (label, text)
                continue
            assert text == "—（未载明）" if missing else shows_published(text, line, column), (label, text)
    if not any(line["budget"] and line["actual"] for line in lines):
        assert f"{prefix}-rate" not in specs  # no rate to draw
        return
    rates = rows_of(specs[f"{prefix}-rate"])
    assert [(label, printed[0][1]) for label, printed in rates] == [
        (line["label"], _rate_text(line["budget"], line["actual"])) for line in lines
    ]
    # over budget is drawn in its own colour
    for (_, printed), line in zip(rates, lines, strict=True):
        over = bool(line["budget"] and line["actual"]) and Decimal(line["actual"]) > Decimal(line["budget"])
        assert printed[0][0] == ("超出预算" if over else "执行率")
    table = chart_csv(pages, path, f"{prefix}-budget")
    assert [(r["项目"], r["全年预算数（万元）"], r["实际支出数（万元）"]) for r in table] == [
        (line["label"], wan(line, "budget"), wan(line, "actual")) for line in lines
    ]


@pytest.mark.parametrize(
    ("package", "evaluation", "path"),
    ALL_EVALUATIONS,
    ids=[f"{p.package_id}-{e['evaluation_id']}" for p, e, _ in ALL_EVALUATIONS],
)
def test_score_chart_prints_each_level_total(pages, package, evaluation, path):
    sums: dict[str, list[Decimal]] = {}
    for row in sorted(read_csv(package.path / "indicators.csv"), key=lambda r: int(r["row"])):
        if row["evaluation_id"] == evaluation["evaluation_id"] and row["status"] == "scored":
            total = sums.setdefault(row["level1"], [Decimal(0), Decimal(0)])
            total[0] += Decimal(row["weight"])
            total[1] += Decimal(row["score"])
    specs = chart_specs(pages.doc(path))
    chart_id = f"chart-{evaluation['evaluation_id']}-scores"
    if not sums:
        assert chart_id not in specs
        return
    assert rows_of(specs[chart_id]) == [
        (level1, (("分值", format(w, "f")), ("得分", format(s, "f")))) for level1, (w, s) in sums.items()
    ]


def test_every_chart_is_a_small_dataset_with_values_at_its_marks(pages):
    count = 0
    for path, doc in pages.docs.items():
        for chart_id, spec in chart_specs(doc).items():
            count += 1
            values = spec["data"]["values"]
            assert values, f"{path} {chart_id}: empty chart"
            if "r" in values[0]:  # a row chart: every bar has its value printed on its row
                bars = {(v["r"], v["s"]) for v in values if v["k"] == "bar"}
                printed = {(v["r"], v["s"]) for v in values if v["k"] == "value" and v["t"]}
                assert bars <= printed, f"{path} {chart_id}: bars without a printed value"
            view = doc.by_id(chart_id)
            assert view.attrs.get("role") == "img" and view.attrs.get("aria-label")
            figure = view.parent
            assert figure.tag == "figure" and figure.attrs["id"] == f"{chart_id}-figure"
            links = [a.attrs["href"] for a in figure.find_all("a")]
            assert doc.by_id(links[0].lstrip("#")) is not None, "first link: the chart's data table"
            assert f"{chart_id}.csv" in links and f"#{chart_id}-figure" in links
            assert (pages.root / Path(path).parent / f"{chart_id}.csv").read_bytes().startswith(BOM)
            source = figure.find("p", class_="chart-source")
            assert source is not None and source.text().startswith("数据来源")
    assert count >= len(ALL_EVALUATIONS)


def _total_lines(package) -> list[dict[str, str]]:
    """The top budget line of every evaluation that is not a report (reports restate project money)."""
    kinds = {e["evaluation_id"]: e["kind"] for e in read_csv(package.path / "evaluations.csv")}
    return [
        line
        for line in read_csv(package.path / "budget.csv")
        if not line["parent_id"] and kinds[line["evaluation_id"]] != "report"
    ]


def _add(total: Decimal | None, value: str | None) -> Decimal | None:
    """A running sum that stays None until some form prints the figure (e.g. only figures of unknown column)."""
    if not value:
        return total
    return (total or Decimal(0)) + Decimal(value)


def _year_sums(package_dirs) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    sums: dict[int, tuple[Decimal | None, Decimal | None]] = {}
    for package in package_dirs:
        budget, actual = sums.get(package.year, (None, None))
        for line in _total_lines(package):
            budget = _add(budget, wan(line, "budget"))
            actual = _add(actual, wan(line, "actual"))
        sums[package.year] = (budget, actual)
    return sums


def _shown(value: Decimal | None) -> str:
    """A total as the years table shows it: to the 分 (half up), with thousands separators (exact in its title)."""
    return "—" if value is None else format(value.quantize(Decimal("0.01"), ROUND_HALF_UP), ",f")


def _years_table(doc) -> dict[str, list[str]]:
    table = doc.by_id("years-table")
    assert table is not None
    return {cells(row)[0]: cells(row) for row in table.find("tbody").find_all("tr")}


def test_home_gives_totals_per_year_never_across_years(pages):
    doc = pages.doc("index.html")
    sums = _year_sums(PACKAGES)
    shown = _years_table(doc)
    assert sorted(shown) == sorted(str(year) for year in sums)
    for year, (budget, actual) in sums.items():
        assert shown[str(year)][3:5] == [_shown(budget), _shown(actual)]
    cards = doc.find("ul", class_="headline years").text()
    for _, (budget, _) in sums.items():
        assert (_headline(budget) if budget is not None else "—") in cards
    if len(sums) > 1:
        everything = sum(budget for budget, _ in sums.values() if budget is not None)
        assert format(everything, "f") not in pages.html["index.html"], "a sum across years is printed"
        assert "chart-overview-trend" in chart_specs(doc)


def test_year_and_region_pages_give_their_totals_and_a_chart(pages):
    for year, (budget, actual) in _year_sums(PACKAGES).items():
        doc = pages.doc(f"years/{year}/index.html")
        assert _years_table(doc)[str(year)][3:5] == [_shown(budget), _shown(actual)]
        # as for regions below: a year whose forms print no budget and actual has no rate chart
        rated = budget is not None and actual is not None
        assert ("chart-listing-rates" in chart_specs(doc)) == rated, year
    regions = [p for p in pages.html if p.startswith("regions/") and not is_moved(pages.html[p])]
    assert regions
    for path in regions:
        years = _years_table(pages.doc(path))
        # A rate needs a budget and an actual; a region whose forms print neither (e.g. only figures of
        # unknown column) has no rate chart.
        rated = any(row[3] not in ("", "—") and row[4] not in ("", "—") for row in years.values())
        assert years and ("chart-listing-rates" in chart_specs(pages.doc(path))) == rated, path


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("94875.8752"), "约 9.49 亿元"),
        (Decimal("93116.21"), "约 9.31 亿元"),
        (Decimal("989.34"), "约 989 万元"),
        (Decimal("49.4731"), "约 49.5 万元"),
        (Decimal("12345678.9"), "约 1,234.57 亿元"),
        (None, "—"),
    ],
)
def test_headline_amounts_are_rounded_in_the_unit_a_reader_expects(value, text):
    assert figures.rounded(value) == text


def test_label_lines_never_end_inside_a_number():
    """The rate charts' labels as the issue found them cut ("（支出 34." / "64 / 预算 …"), wrapped by hand."""
    label = "保山市退役军人事务局 春节走访慰问经费（支出 34.64 / 预算 34.64 万元）"
    assert charts.wrap(label) == ["保山市退役军人事务局 春节走访慰问经费（支出 ", "34.64 / 预算 34.64 万元）"]
    assert charts.wrap("弋阳县社会保险管理中心（支出 116.14 / 预算 120.56 万元）", 20) == [
        "弋阳县社会保险管理中心（支出 116.14 / ",
        "预算 120.56 万元）",
    ]
    # closing punctuation stays with what it closes; a run longer than a line is still cut, nothing lost
    assert charts.wrap("一二三四五六七八九十。", 10) == ["一二三四五六七八九", "十。"]
    assert "".join(charts.wrap("x" * 60, 10)) == "x" * 60


def test_wrapped_labels_keep_every_character():
    label = "退休人员社会化管理服务费（含退休人员电子档案）ABC 123"
    lines = charts.wrap(label, 10)
    assert "".join(lines) == label and len(lines) > 1


# --------------------------------------------------------------------------- a unit with two years


def _copy_year(data: Path, unit: str, year: int, new_year: int, scale: Decimal) -> None:
    """Copy a package to another year, its money scaled (a second year that validates)."""
    source, target = data / unit / str(year), data / unit / str(new_year)
    shutil.copytree(source, target)
    evaluations = read_csv(target / "evaluations.csv")
    for row in evaluations:
        row["year"] = str(new_year)
    write_csv(target / "evaluations.csv", evaluations)
    descriptor = json.loads((target / "datapackage.json").read_text("utf-8"))
    descriptor["name"] = f"{unit}-{new_year}"
    descriptor["title"] = f"{unit} {new_year}"
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")
    budget = read_csv(target / "budget.csv")
    for line in budget:
        for column in ("budget_initial", "budget", "actual"):
            if line[column]:
                line[column] = format(Decimal(line[column]) * scale, "f")
    write_csv(target / "budget.csv", budget)


@pytest.fixture(scope="module")
def two_years(tmp_path_factory) -> tuple[Site, Path]:
    data = copy_data(tmp_path_factory.mktemp("two-years") / "data")
    _copy_year(data, "rugao-landloss", 2023, 2022, Decimal(2))
    return Site(build_site(tmp_path_factory.mktemp("two-years-site") / "site", data_dir=data)), data


def test_a_unit_with_two_years_gets_a_trend_chart_and_table(two_years):
    site, data = two_years
    from site_fixtures import packages

    unit = [p for p in packages(data) if p.unit_id == "rugao-landloss"]
    sums = _year_sums(unit)
    doc = site.doc("units/rugao-landloss/index.html")
    shown = _years_table(doc)
    assert sorted(shown) == ["2022", "2023"]
    scores = {p.year: read_csv(p.path / "evaluations.csv")[0]["total_score"] for p in unit}
    for year, (budget, actual) in sums.items():
        rate = f"{_half_up(Fraction(actual) / Fraction(budget) * 100, 2)}%"
        assert shown[str(year)][1:5] == [_shown(budget), _shown(actual), rate, scores[year]]
    spec = chart_specs(doc)["chart-unit-rugao-landloss"]
    printed = rows_of(spec)
    assert [label for label, _ in printed] == ["2022 年", "2023 年"] * 3  # amounts, rates, scores
    assert printed[0][1] == (("全年预算数", _shown(sums[2022][0])), ("实际支出数", _shown(sums[2022][1])))
    table = chart_csv(site, "units/rugao-landloss/index.html", "chart-unit-rugao-landloss")
    assert [row["年度"] for row in table] == ["2022", "2023"]
    # the home page keeps each year apart
    home = site.html["index.html"]
    assert format(sums[2022][0] + sums[2023][0], "f") not in home
    assert "chart-overview-trend" in chart_specs(site.doc("index.html"))
    assert (DATA / "rugao-landloss" / "2022").exists() is False
