"""Data-quality flags on the site: a badge near the top of every page that shows a flagged
evaluation, linking to its flags section; badges in lists; and the quality page, which
lists every flag with a link to its page and row, grouped by kind with counts per code.

The flags come from validating data/ here, and the test names inconsistencies in the
source documents themselves, so a change that drops one from the report fails loudly.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from site_fixtures import DATA, evaluation_path, html_pages, packages, parse_html, read_csv, resolve, shared_site

from jixiao.config import GRADE_BANDS
from jixiao.ingest.findings import CODES
from jixiao.ingest.validate import validate_directory

QUALITY = "quality/index.html"
PACKAGES = packages()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory, "/")


@pytest.fixture(scope="module")
def flags() -> list:
    """Every flag validation keeps for data/, in file order."""
    return [flag for result in validate_directory(DATA, GRADE_BANDS) for flag in result.flags]


def doc(site: Path, path: str):
    return parse_html((site / path).read_text("utf-8"))


def pages_of_evaluations() -> dict[tuple[str, str], str]:
    """(package id, evaluation id) → the page that shows the evaluation."""
    found = {}
    for package in PACKAGES:
        evaluations = read_csv(package.path / "evaluations.csv")
        for evaluation in evaluations:
            found[(package.package_id, evaluation["evaluation_id"])] = evaluation_path(package, evaluation, evaluations)
    return found


def package_of(flag) -> str:
    unit, year = Path(flag.file).parts[-3:-1]
    return f"{unit}-{year}"


# --------------------------------------------------------------------------- badges


def test_every_flagged_evaluation_page_has_a_badge_near_the_top(site, flags):
    per_evaluation = Counter((package_of(f), f.evaluation_id) for f in flags)
    assert per_evaluation, "the real data has flags"
    for (package_id, evaluation_id), path in pages_of_evaluations().items():
        page = doc(site, path)
        main = page.find("main")
        badges = [a for a in main.find_all("a") if "badge" in a.classes()]
        count = per_evaluation.get((package_id, evaluation_id), 0)
        section = f"{evaluation_id}-flags"
        top = [a for a in badges if a.attrs["href"] == f"#{section}"]
        if not count:
            assert not top and page.by_id(section) is None, f"{path} has a badge but no flags"
            continue
        assert len(top) == 1, f"{path}: no badge linking to #{section}"
        assert f"{count} 个数据质量标记" in top[0].text()
        order = list(main.iter())
        facts = main.find("dl")
        assert order.index(top[0]) < order.index(facts), f"{path}: the badge must come before the facts"
        listed = page.by_id(section).parent.find("ul").find_all("li")
        assert len(listed) == count


def test_lists_link_badges_to_the_flags_section(site, flags):
    per_page = Counter(pages_of_evaluations()[(package_of(f), f.evaluation_id)] for f in flags)
    for path in ("index.html", "compare/index.html", "units/yiyang-si/2022/index.html", "years/2024/index.html"):
        linked = Counter()
        for badge in doc(site, path).find("main").find_all("a"):
            if "badge" in badge.classes():
                target, fragment = resolve(path, badge.attrs["href"])
                assert fragment.endswith("-flags"), f"{path}: {badge.attrs['href']}"
                assert doc(site, target).by_id(fragment) is not None, f"{path}: {badge.attrs['href']}"
                linked[target] += int(re.match(r"\d+", badge.text()).group())
        shown = {page: n for page, n in per_page.items() if page in linked}
        assert linked == shown and linked, path


# --------------------------------------------------------------------------- the quality page


def quality_rows(site):
    table = doc(site, QUALITY).find("table")
    return [row for row in table.find("tbody").find_all("tr")]


def expected_fragment(flag) -> str:
    """Where a flag should point: its budget or indicator row; an evaluation-level one (a total,
    a grade) at the evaluation's facts; a stated score at the stated-scores list."""
    if flag.resource == "evaluations":
        return f"{flag.evaluation_id}-facts"
    if flag.resource == "stated_scores":
        return f"{flag.evaluation_id}-stated"
    return f"{flag.resource}-{flag.ref}"


def test_quality_page_lists_every_flag_with_its_page_and_row(site, flags):
    rows = quality_rows(site)
    assert len(rows) == len(flags)
    pages = pages_of_evaluations()
    remaining = Counter((pages[(package_of(f), f.evaluation_id)], expected_fragment(f), f.code) for f in flags)
    for row in rows:
        cells = row.find_all("td")
        code = re.search(r"（([A-Z-]+)）", cells[1].text()).group(1)
        target, fragment = resolve(QUALITY, cells[0].find("a").attrs["href"])
        remaining[(target, fragment, code)] -= 1
        anchored = doc(site, target).by_id(fragment)
        assert anchored is not None and "flagged" in anchored.classes(), f"{code}: no flagged row {fragment}"
    assert all(n == 0 for n in remaining.values()), remaining


def test_quality_page_groups_by_kind_with_counts(site, flags):
    page = doc(site, QUALITY)
    rows = quality_rows(site)
    codes = [re.search(r"（([A-Z-]+)）", row.find_all("td")[1].text()).group(1) for row in rows]
    assert codes == sorted(codes), "flags are grouped by kind"
    counts = Counter(f.code for f in flags)
    listed = {}
    for item in page.find("ul", class_="flag-counts").find_all("li"):
        code = re.search(r"（([A-Z-]+)）", item.text()).group(1)
        listed[code] = int(re.search(r"：(\d+) 处", item.text()).group(1))
        assert CODES[code].title in item.text()
        first = page.by_id(item.find("a").attrs["href"].lstrip("#"))
        assert first is not None and first.tag == "tr" and code in first.text()
    assert listed == dict(counts)
    header = page.find("table").find("thead").find_all("th")
    assert [th.attrs.get("data-sort-type") for th in header][:2] == ["text", "text"], "sortable by evaluation, kind"


@pytest.mark.parametrize(
    ("code", "page", "anchor", "figures"),
    [
        # 如皋市被征地农民基本生活保障资金管理中心 2023：“财政对困难人员代缴”实际支出 103.16 万元，
        # 超出全年预算 100.03 万元。
        ("F-OVER-BUDGET", "units/rugao-landloss/2023/index.html", "budget-item-8", ("103.16", "100.03")),
        # 弋阳县 2022 代发离休建老人员生活补助：“项目申请收入金额”指标值 43 万元，
        # 实际只有 38.5746 万元，仍得满分 11 分。
        (
            "F-FULL-MARKS-MISSED",
            "units/yiyang-si/2022/retiree-allowance/index.html",
            "indicators-1",
            ("43", "38.5746", "11"),
        ),
        # 弋阳县 2022 三张项目表：资金执行率的 10 分（得 7 分）没有计入总分 100。
        ("F-FUNDS-EXCLUDED", "units/yiyang-si/2022/retiree-allowance/index.html", "budget-total", ("10", "7")),
        # 如皋市社会保险基金管理中心 2024：五个项目的全年预算数原文未载，是由执行率 100% 推算的。
        ("F-DERIVED", "units/rugao-sif/2024/operations/index.html", "budget-project", ("155",)),
    ],
    ids=["over-budget", "full-marks-missed", "funds-excluded", "derived"],
)
def test_known_inconsistencies_of_the_sources_are_reported(site, code, page, anchor, figures):
    matches = []
    for row in quality_rows(site):
        cells = row.find_all("td")
        target, fragment = resolve(QUALITY, cells[0].find("a").attrs["href"])
        if f"（{code}）" in cells[1].text() and (target, fragment) == (page, anchor):
            matches.append(cells[2].text())
    assert len(matches) == 1, f"{code} on {page}#{anchor} is not listed once"
    for figure in figures:
        assert figure in matches[0], f"{code}: {figure} missing from {matches[0]!r}"
    flagged = doc(site, page).by_id(anchor)
    assert "flagged" in flagged.classes()
    assert figures[0] in flagged.text()


def test_every_page_with_flags_is_reachable_from_the_quality_page(site, flags):
    flagged_pages = {pages_of_evaluations()[(package_of(f), f.evaluation_id)] for f in flags}
    linked = {resolve(QUALITY, a.attrs["href"])[0] for a in doc(site, QUALITY).find("main").find_all("a")}
    assert flagged_pages <= linked
    assert all(path in html_pages(site) for path in flagged_pages)
