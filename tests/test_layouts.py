"""Forms in every layout: the fixtures under tests/fixtures/layouts/ join data/ and everything holds.

Each fixture package is a different layout of the national template (a department
form; a national 项目表 with 上年结转资金 in 元 and figures of unknown column; the
Sichuan layout with blank scores; a 元 form whose 执行率 disagrees; a Hebei layout
with 到位数 and 折算得分), with its source text.  Copied into a copy of data/, they
must validate, build under /jixiao/ with every link and fragment resolving, and pass
the data-driven tests (run in a subprocess with JIXIAO_DATA pointing at the copy).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from quality_gate import lychee_errors
from site_fixtures import REPO, build_site
from test_site import Site, cells

LAYOUTS = REPO / "tests" / "fixtures" / "layouts"
DATA_DRIVEN = [
    "tests/test_data.py",
    "tests/test_quality.py",
    "tests/test_datasets.py",
    "tests/test_metadata.py",
    "tests/test_charts.py",
    "tests/test_compare.py",
]
"""The test modules that loop over every package (test_site.py runs too, see below)."""


def rows(package: Path, table: str) -> list[dict[str, str]]:
    with (package / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def combined(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """<tmp>/data (data/ + the layout fixtures) beside <tmp>/sources (sources/ + their texts)."""
    root = tmp_path_factory.mktemp("layouts")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(LAYOUTS / "data", root / "data", dirs_exist_ok=True)
    shutil.copytree(REPO / "sources", root / "sources")
    shutil.copytree(LAYOUTS / "sources", root / "sources", dirs_exist_ok=True)
    return root / "data"


@pytest.fixture(scope="module")
def subpath_site(combined: Path, tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("layout-site") / "root" / "jixiao"
    return Site(build_site(out, data_dir=combined, base_url="/jixiao/"))


def test_fixtures_cover_the_layouts() -> None:
    """Each fixture has the feature it stands for, and names its source text."""
    fixtures = {p.parent.parent.name: p.parent for p in LAYOUTS.glob("data/*/*/datapackage.json")}
    assert len(fixtures) >= 5
    features = {
        "layout-department": lambda p: {e["kind"] for e in rows(p, "evaluations")} == {"department"},
        "layout-yn-yongde": lambda p: (
            {"carryover"} <= {b["kind"] for b in rows(p, "budget")}
            and any(b["ambiguous_amounts"] for b in rows(p, "budget"))
        ),
        "layout-sc-qingshen": lambda p: {i["status"] for i in rows(p, "indicators")} == {"weight_only"},
        "layout-sh-putuo": lambda p: {b["amount_unit"] for b in rows(p, "budget")} == {"元"},
        "layout-hebei": lambda p: (
            all(b["funds_received"] for b in rows(p, "budget"))
            and all(i["score_converted"] for i in rows(p, "indicators"))
        ),
    }
    for name, has in features.items():
        assert has(fixtures[name]), name
    for package in fixtures.values():
        for source in rows(package, "sources"):
            assert (LAYOUTS / "sources" / source["file"]).is_file(), source["file"]


def test_layouts_validate(combined: Path) -> None:
    result = subprocess.run(
        [sys.executable, "build.py", "--data", str(combined), "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


def test_layouts_build_under_a_subpath_with_every_link_and_fragment_resolving(subpath_site: Site) -> None:
    assert lychee_errors(subpath_site.root) == []


def test_a_figure_of_unknown_column_is_shown_as_such(subpath_site: Site) -> None:
    """layout-yn-yongde: two 387664.62 元 printed under three columns span them, marked, in 万元 with the 元 beside."""
    doc = subpath_site.doc("units/layout-yn-yongde/2022/nutrition/index.html")
    row = doc.by_id("budget-total")
    merged = [td for td in row.find_all("td") if "ambiguous" in td.classes()]
    assert len(merged) == 1 and merged[0].attrs["colspan"] == "3"
    assert merged[0].text().startswith("38.77、38.77（原表 387,664.62、387,664.62 元，所属列不明）")
    assert "（万元；原表以元为单位，元数字附于各数之后）" in doc.by_id("nutrition-budget-caption").text()


def test_blank_scores_are_not_called_unweighted(subpath_site: Site) -> None:
    """layout-sc-qingshen: weights printed, 得分 blank: the page says so, not 未赋分值."""
    doc = subpath_site.doc("units/layout-sc-qingshen/2023/wages/index.html")
    table = doc.by_id("wages-indicator-table")
    for row_id, name in (("indicators-1", "发放(缴纳)覆盖率"), ("indicators-2", "足额保障率(参保率)")):
        assert "（空白）" in cells(doc.by_id(row_id))
        assert re.search(rf"{re.escape(name)}：?原表有分值而得分空白", table.text()), name
    assert "未赋分值" not in table.text()
    facts = {dt.text(): dt.parent.find("dd").text() for dt in doc.find_all("dt")}
    assert facts["项目编码"] == "51000021R000000019951" and facts["报表编号"] == "510000_0013zp"
    assert facts["总分值"].startswith("100")
    headings = [th.text() for th in doc.by_id("wages-indicator-table").find("thead").find_all("th")]
    assert "权重" in headings and "指标性质" in headings and "度量单位" in headings


def test_yuan_amounts_are_shown_in_wan_with_the_printed_figure_beside(subpath_site: Site) -> None:
    """layout-sh-putuo: 25.00 万元 with 原表 250,000.00 元 beside on the page; 25.00 万元 in the combined table."""
    doc = subpath_site.doc("units/layout-sh-putuo/2022/settlement/index.html")
    assert cells(doc.by_id("budget-total"))[1:4] == [
        "25.00（原表 250,000.00 元）",
        "25.00（原表 250,000.00 元）",
        "21.55（原表 215,457.6 元）",
    ]
    with (subpath_site.root / "datasets/2022/budget_lines.csv").open(encoding="utf-8-sig", newline="") as handle:
        line = next(r for r in csv.DictReader(handle) if r["unit_id"] == "layout-sh-putuo" and r["line_id"] == "total")
    assert (line["amount_unit"], line["budget"], line["budget_wan"], line["actual_wan"]) == (
        "元",
        "250000.00",
        "25.00",
        "21.54576",
    )


def test_hebei_columns_are_shown(subpath_site: Site) -> None:
    doc = subpath_site.doc("units/layout-hebei/2023/road-maintenance/index.html")
    budget = [th.text() for th in doc.by_id("road-maintenance-budget-table").find("thead").find_all("th")]
    assert "到位数" in budget
    indicators = [th.text() for th in doc.by_id("road-maintenance-indicator-table").find("thead").find_all("th")]
    assert "权重占比（%）" in indicators and "折算得分" in indicators


def test_data_driven_tests_pass_with_the_layouts(combined: Path) -> None:
    """The tests that loop over data/ hold for every valid package, not only the seeds."""
    if os.environ.get("JIXIAO_DATA"):
        pytest.skip("already running on another data folder")  # the subprocess below must not recurse
    # -n 0: in the one subprocess; the suite's other workers keep the machine's cores busy meanwhile.
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-n", "0", "-p", "no:cacheprovider", *DATA_DRIVEN]
    command.append("tests/test_site.py")
    env = {**os.environ, "JIXIAO_DATA": str(combined)}
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, timeout=1500)
    assert result.returncode == 0, result.stdout[-6000:]
