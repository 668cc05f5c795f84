"""A journalist's first questions, answered from the downloaded files only (issue 24).

Each test reads what a reader downloads from a built site (the pages' HTML, the
combined CSVs, the all-years SQLite database, the READMEs) with pandas, sqlite3 and
the standard library — never with jixiao's code — and compares the answers with the
totals the site prints and with figures read off the forms by hand:

* 2022: 34.64 (保山) + 25.00 (普陀, printed as 250000.00 元) + 880 (天长水利) + 43 + 28.0921 +
  49.4731 (弋阳's three project forms) + 20 (中江水利, printed run together as “202010100.00%10”)
  = 1080.2052 万元; 永德's two figures under three columns are unknown, 弋阳's report (120.56)
  restates its forms.  The naive sum of ``budget`` over the 2022 top lines is 251175.7652
  (元 and 万元 mixed, the report twice).
* 江西 2022 = 120.5652, not 241.1252 with the report.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import re
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from site_fixtures import DATA, REPO, build_site, parse_html, shared_site
from test_datasets import combined_and_index  # the combined files made in process as the build does

HAND_2022 = Decimal("1080.2052")
HAND_JIANGXI_2022 = Decimal("120.5652")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory)


def _copy_package(data: Path, source: str, target: str, year: int, unit: dict[str, str]) -> None:
    """data/<source> copied as unit <target> of ``year``, with the unit row's fields replaced."""
    folder = data / target / str(year)
    shutil.copytree(data / source, folder)
    old_unit, old_year = source.split("/")
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows, fields = list(reader), list(reader.fieldnames or [])
        for row in rows:
            if row.get("unit_id") == old_unit:
                row["unit_id"] = target
            if row.get("year") == old_year:
                row["year"] = str(year)
            if path.name == "unit.csv":
                row.update(unit)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    descriptor["name"] = f"{target}-{year}"
    descriptor.pop("title", None)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")


JIANGXI = {"province": "江西省", "prefecture": "上饶市", "region": "弋阳县"}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """data/ plus: a 元 form and an ambiguous form moved to 江西 2022, and 弋阳's report + forms again in 2023.

    By hand: 江西 2022 = 120.5652 + 25.00 (250000.00 元) = 145.5652, the ambiguous 387664.62 元 not
    added; 江西 2023 = 120.5652 (the report's 120.56 not added).
    """
    data = tmp_path_factory.mktemp("synthetic") / "data"
    shutil.copytree(DATA, data)
    _copy_package(data, "putuo-sports-centre/2022", "yiyang-sports", 2022, {"unit_id": "yiyang-sports"} | JIANGXI)
    _copy_package(data, "yongde-minglang-school/2022", "yiyang-school", 2022, {"unit_id": "yiyang-school"} | JIANGXI)
    _copy_package(data, "yiyang-si/2022", "yiyang-si", 2023, {})
    return build_site(tmp_path_factory.mktemp("synthetic-site") / "site", data_dir=data)


# --------------------------------------------------------------------------- reading the downloads


def evaluations_frame(site: Path) -> pd.DataFrame:
    """``datasets/evaluations.csv.gz`` as pandas reads it by default (true/false become booleans)."""
    return pd.read_csv(site / "datasets" / "evaluations.csv.gz")


def exact_totals(site: Path, keys: list[str]) -> dict[tuple, Decimal]:
    """Exact sums of budget_wan over in_totals rows, from the CSV's digits (csv module, Decimal)."""
    sums: dict[tuple, Decimal] = {}
    with gzip.open(site / "datasets" / "evaluations.csv.gz", "rt", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["in_totals"] == "true":
                key = tuple(row[k] for k in keys)
                sums[key] = sums.get(key, Decimal(0)) + Decimal(row["budget_wan"])
    return sums


def site_year_totals(page: Path, exact: bool = True) -> dict[str, str]:
    """The years table a listing page prints: year → 全年预算数 ("—" when the site has no total); the exact sum
    its title gives ("1080.2052 万元（本站合计）"), or with ``exact=False`` the figure shown (to the 分)."""
    table = parse_html(page.read_text("utf-8")).by_id("years-table")
    assert table is not None, page
    result = {}
    for row in table.find("tbody").find_all("tr"):
        year = row.find("th").text().strip()
        cell = next(td for td in row.find_all("td") if td.attrs.get("data-label", "").startswith("全年预算"))
        figure = cell.find("span")
        if exact and figure is not None and figure.attrs.get("title"):
            result[year] = figure.attrs["title"].removesuffix(" 万元（本站合计）")
        else:
            result[year] = cell.text().strip()
    return result


def units_on(page: Path) -> set[str]:
    """The units a listing page covers: every unit page it links to."""
    links = re.findall(r'href="(?:\.\./)*units/([a-z0-9-]+)/"', page.read_text("utf-8"))
    return set(links)


def _same(printed: str, value: float | None) -> bool:
    if printed == "—":
        return value is None
    return value is not None and abs(Decimal(printed.replace(",", "")) - Decimal(repr(value))) < Decimal("1e-6")


def assert_site_totals_reproduced(site: Path) -> int:
    """Every years table of the home page and each region page equals the documented pandas and SQL queries."""
    ev = evaluations_frame(site)
    database = sqlite3.connect(f"file:{site / 'datasets' / 'jixiao.db'}?mode=ro", uri=True)
    checked = 0
    pages = [site / "index.html", *sorted((site / "regions").rglob("index.html"))]
    for page in pages:
        units = None if page == site / "index.html" else units_on(page)
        if units is not None and not units:
            continue
        rows = ev if units is None else ev[ev.unit_id.isin(units)]
        by_year = rows[rows.in_totals].groupby("year")["budget_wan"].sum()
        where = "" if units is None else f"AND unit_id IN ({','.join('?' * len(units))})"
        sql = dict(
            database.execute(
                f"SELECT year, SUM(budget_wan) FROM evaluations WHERE in_totals = 1 {where} GROUP BY year",
                sorted(units or ()),
            ).fetchall()
        )
        for year, printed in site_year_totals(page).items():
            pandas_value = float(by_year[int(year)]) if int(year) in by_year.index else None
            assert _same(printed, pandas_value), (page, year, printed, pandas_value)
            assert _same(printed, sql.get(int(year))), (page, year, printed, sql.get(int(year)))
            checked += 1
    database.close()
    return checked


# --------------------------------------------------------------------------- the tests


def test_the_documented_query_gives_the_sites_totals(site):
    assert assert_site_totals_reproduced(site) >= 12
    exact = exact_totals(site, ["year"])
    assert exact[("2022",)] == HAND_2022
    assert exact_totals(site, ["province", "year"])[("江西省", "2022")] == HAND_JIANGXI_2022
    assert site_year_totals(site / "index.html")["2022"] == "1080.2052"  # exact in the figure's title
    assert site_year_totals(site / "index.html", exact=False)["2022"] == "1,080.21"  # shown to the 分


def test_the_naive_sums_are_what_the_columns_prevent(site):
    """Measured traps: the printed budgets of the 2022 top lines add to 251175.7652; budget_wan without
    in_totals counts the report twice and gives 1200.7652 (1080.2052 + 120.56)."""
    lines = pd.read_csv(site / "datasets" / "budget_lines.csv.gz", dtype={"parent_id": str})
    tops = lines[(lines.year == 2022) & lines.parent_id.isna()]
    assert round(tops.budget.sum(), 4) == 251175.7652
    ev = evaluations_frame(site)
    assert round(ev[ev.year == 2022].budget_wan.sum(), 4) == 1200.7652
    unknown = ev[~ev.total_known]
    assert set(unknown.unit_id) == {"yongde-minglang-school", "jishan-medical-insurance", "tianchang-tanghu-town"}
    assert unknown.budget_wan.isna().all() and not unknown.in_totals.any()


def test_synthetic_yuan_reports_and_ambiguous_amounts(synthetic):
    assert assert_site_totals_reproduced(synthetic) >= 14
    exact = exact_totals(synthetic, ["province", "year"])
    assert exact[("江西省", "2022")] == Decimal("145.5652")
    assert exact[("江西省", "2023")] == Decimal("120.5652")
    ev = evaluations_frame(synthetic)
    report = ev[(ev.unit_id == "yiyang-si") & (ev.kind == "report")]
    assert len(report) == 2 and not report.in_totals.any() and report.total_known.all()
    school = ev[ev.unit_id == "yiyang-school"].iloc[0]
    assert not school.total_known and not school.in_totals and pd.isna(school.budget_wan)
    sports = ev[ev.unit_id == "yiyang-sports"].iloc[0]
    assert (sports.budget_wan, sports.actual_wan, sports.rate_computed) == (25.0, 21.54576, 86.18)


# --------------------------------------------------------------------------- the README's own lines


def faq_blocks(readme: str) -> list[tuple[str, str, str]]:
    """(question, python lines, sql lines) of the README's 常见问题 section, in order."""
    section = readme.split("## 常见问题", 1)[1].split("\n## ", 1)[0]
    questions = re.split(r"\n### ", section)[1:]
    result = []
    for block in questions:
        question = block.split("\n", 1)[0]
        python = re.search(r"```python\n(.*?)```", block, re.S)
        sql = re.search(r"```sql\n(.*?)```", block, re.S)
        assert python and sql, question
        result.append((question, python.group(1), sql.group(1)))
    return result


def test_the_readme_answers_run_as_written(site):
    blocks = faq_blocks((site / "datasets" / "README.md").read_text("utf-8"))
    assert len(blocks) == 3
    database = sqlite3.connect(f"file:{site / 'datasets' / 'jixiao.db'}?mode=ro", uri=True)
    answers = []
    with contextlib.chdir(site / "datasets"):
        for _question, python, sql in blocks:
            assert len(python.strip().splitlines()) <= 3 and len(sql.strip().splitlines()) <= 3
            namespace: dict[str, object] = {"pd": pd}
            exec(python, namespace)  # the README's own lines, as a reader pastes them
            answers.append((namespace, database.execute(sql).fetchall()))
    database.close()
    (lowest_ns, lowest_sql), (below_ns, below_sql), (totals_ns, totals_sql) = answers
    lowest = lowest_ns["lowest"]
    assert list(lowest.rate_computed[:2]) == [86.18, 89.71]  # 普陀 21.54576 / 25; 弋阳 38.5746 / 43
    assert [row[-1] for row in lowest_sql[:2]] == [86.18, 89.71]
    assert len(below_ns["below"]) == len(below_sql) == 0  # every score here is 93 or more (forms read by hand)
    totals = totals_ns["totals"]
    assert round(float(totals.loc[("江西省", 2022), "budget_wan"]), 4) == float(HAND_JIANGXI_2022)
    assert {(p, y): round(b, 4) for p, y, b, _ in totals_sql} == {
        key: round(float(value), 4) for key, value in totals["budget_wan"].items()
    }


# --------------------------------------------------------------------------- the database and units


def test_the_all_years_database_opens_as_downloaded(site):
    path = site / "datasets" / "jixiao.db"
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    years = {y for (y,) in database.execute("SELECT DISTINCT year FROM evaluations")}
    assert years == {int(p.name) for p in DATA.glob("*/*") if p.is_dir()}
    assert database.execute('SELECT COUNT(*) FROM "评价"').fetchone()[0] == len(evaluations_frame(site))
    view = dict(((p, y), b) for p, y, _, b, _ in database.execute('SELECT * FROM "按省份年度合计"'))
    assert round(view[("江西省", 2022)], 4) == float(HAND_JIANGXI_2022)
    database.close()


UNIT_CLAIM = re.compile(r"金额(?:单位)?(?:为|：|:)\s*(万元|元)")


def test_no_readme_or_dictionary_states_a_unit_the_data_contradicts(site):
    """A README or dictionary that says 金额单位为X must be about amounts that are all in X."""
    for folder in sorted(p for p in (site / "downloads").iterdir() if p.is_dir()):
        with (folder / "budget.csv").open(encoding="utf-8-sig", newline="") as handle:
            units = {row["amount_unit"] for row in csv.DictReader(handle)}
        for name in ("README.md", "datapackage.json"):
            claims = set(UNIT_CLAIM.findall((folder / name).read_text("utf-8")))
            assert claims and claims <= units and (len(units) > 1 or claims == units), (folder, name, claims, units)
    lines = pd.read_csv(site / "datasets" / "budget_lines.csv.gz")
    units = set(lines.amount_unit)
    assert units == {"元", "万元"}
    texts = {
        "datasets/README.md": (site / "datasets" / "README.md").read_text("utf-8"),
        "datasets/datapackage.json": (site / "datasets" / "datapackage.json").read_text("utf-8"),
        "data/index.html": (site / "data" / "index.html").read_text("utf-8"),
        "about/index.html": (site / "about" / "index.html").read_text("utf-8"),
    }
    for name, text in texts.items():
        assert not UNIT_CLAIM.findall(text), (name, UNIT_CLAIM.findall(text))
    readme = texts["datasets/README.md"]
    assert "amount_unit" in readme and "in_totals" in readme and "budget_wan" in readme
    assert "以元印的 2 个" in readme  # 普陀 2022 and 永德 2022, counted from the data


def test_every_downloaded_package_validates_with_frictionless(site):
    from frictionless import Package

    for descriptor in sorted((site / "downloads").glob("*/datapackage.json")):
        report = Package(str(descriptor)).validate()
        assert report.valid, (descriptor, report.flatten(["rowNumber", "fieldName", "message"])[:5])


def test_workbook_of_all_years(site):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO((site / "datasets" / "jixiao.xlsx").read_bytes()), read_only=True)
    sheet = book["评价"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) - 1 == len(evaluations_frame(site))
    in_totals = header.index("计入合计")
    assert {row[in_totals] for row in rows[1:]} == {True, False}


# --------------------------------------------------------------------------- provenance


def test_every_source_text_is_published_with_its_digest_and_address(site):
    """Each package's sources.csv ``file`` is downloadable beside it, byte for byte, and its datapackage.json and
    README give its SHA-256 and the original address or 原文未在检索范围内找到."""
    import hashlib

    sources_dir = DATA.parent / "sources"
    seen = 0
    for folder in sorted(p for p in (site / "downloads").iterdir() if p.is_dir()):
        descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
        readme = (folder / "README.md").read_text("utf-8")
        with (folder / "sources.csv").open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                text = (folder / "sources" / row["file"]).read_bytes()
                assert text == (sources_dir / row["file"]).read_bytes()
                digest = hashlib.sha256(text).hexdigest()
                paths = {s.get("path") for s in descriptor["sources"]}
                assert (
                    f"sources/{row['file']}" in paths
                    and digest in json.dumps(descriptor, ensure_ascii=False)
                    and digest in readme
                )
                if row["url"]:
                    assert row["url"] in paths and row["url"] in readme
                else:
                    assert "原文未在检索范围内找到" in readme and "原文未在检索范围内找到" in json.dumps(
                        descriptor, ensure_ascii=False
                    )
                seen += 1
        assert descriptor["title"].endswith("年度绩效自评数据包") and descriptor["description"]
    assert seen >= 11
    page = (site / "units" / "tianchang-water" / "2022" / "flood-control" / "index.html").read_text("utf-8")
    assert "原文未在检索范围内找到" in page
    assert 'href="../../../../downloads/tianchang-water-2022/sources/007_6ecb9eebce0bef76.txt"' in page


def test_the_all_years_workbook_gives_way_to_the_years_above_excels_rows(monkeypatch):
    """With a sheet limit below the indicators' rows, no jixiao.xlsx; the README and data page say why; the
    database and each year's workbook are still there."""
    from jixiao.config import GRADE_BANDS, Config
    from jixiao.ingest.model import build_package
    from jixiao.ingest.validate import validate_directory
    from jixiao.opendata import combined, datasets
    from jixiao.structure import routes

    packages = [build_package(r.package, r.findings) for r in validate_directory(DATA, GRADE_BANDS)]
    monkeypatch.setattr(datasets, "XLSX_MAX_ROWS", 50)
    monkeypatch.setattr(combined, "XLSX_MAX_ROWS", 50)
    files, index = combined_and_index(packages, Config())
    assert routes.DATASETS_WORKBOOK not in files and routes.DATASETS_DATABASE in files
    assert all(routes.dataset_workbook(year) in files for year in index.by_year)
    assert (
        "| `jixiao.xlsx` | 有的表超过 Excel 一个工作表的 50 行，不提供全部年度的工作簿"
        in files[routes.DATASETS_README].decode()
    )
    listed = {f.path for f in combined.dataset_files(index.by_year, index.all_years_files)}
    assert routes.DATASETS_WORKBOOK not in listed and routes.DATASETS_DATABASE in listed


def test_all_years_max_mb_keeps_the_site_within_its_size(monkeypatch):
    """``all_years_max_mb = 0``: no all-years database or workbook; the README and the file lists say why."""
    from jixiao.config import GRADE_BANDS, Config, Site
    from jixiao.ingest.model import build_package
    from jixiao.ingest.validate import validate_directory
    from jixiao.opendata import combined
    from jixiao.structure import routes

    packages = [build_package(r.package, r.findings) for r in validate_directory(DATA, GRADE_BANDS)]
    files, index = combined_and_index(packages, Config(site=Site(all_years_max_mb=0)))
    assert routes.DATASETS_DATABASE not in files and routes.DATASETS_WORKBOOK not in files
    assert not {routes.DATASETS_DATABASE, routes.DATASETS_WORKBOOK} & set(index.all_years_files)
    readme = files[routes.DATASETS_README].decode("utf-8")
    assert "未生成全部年度的数据库（站点设置 all_years_max_mb = 0）" in readme
    listed = {f.path for f in combined.dataset_files(index.by_year, index.all_years_files)}
    assert routes.DATASETS_DATABASE not in listed and all(routes.dataset_database(y) in listed for y in index.by_year)


COMBINED_TABLES = ("units", "sources", "evaluations", "budget_lines", "indicators")


def _announced(config, index, files: dict[str, bytes]) -> dict[str, str]:
    """What each place a reader looks at says about the all-years workbook: the datasets README's row for
    jixiao.xlsx, the data page's all-years paragraph, the API index's ``withheld`` and the catalogue's
    description of the combined dataset, plus whether each links the file."""
    from jixiao.opendata import metadata
    from jixiao.site.data_page import data_page
    from jixiao.site.render import environment, render_page
    from jixiao.structure import routes

    readme = files[routes.DATASETS_README].decode("utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `jixiao.xlsx` |"))
    spec = data_page(config, index)
    page = parse_html(render_page(environment(config), spec.template, spec.context).decode("utf-8"))
    paragraph = page.by_id("combined-all-years")
    api_index = json.loads(files[routes.API_INDEX])
    catalog = json.loads(metadata.catalog(config, index))
    combined_set = next(d for d in catalog["dcat:dataset"] if d["@id"].endswith("#combined"))
    return {
        "readme": row,
        "page": paragraph.text(),
        "page links": " ".join(a.attrs.get("href", "") for a in paragraph.find_all("a")),
        "api withheld": json.dumps(api_index["withheld"], ensure_ascii=False),
        "api datasets": " ".join(api_index["datasets"]),
        "catalog": combined_set["dct:description"],
        "catalog files": " ".join(d["dcat:downloadURL"] for d in combined_set["dcat:distribution"]),
    }


def test_all_years_xlsx_max_mb_withholds_the_workbook_and_every_place_says_so():
    """``all_years_xlsx_max_mb = 0``: no jixiao.xlsx (its rows are in the years' workbooks), the database stays;
    the README, the data page, the API index and the DCAT catalogue all say why, and none links it."""
    from jixiao.config import GRADE_BANDS, Config, Site
    from jixiao.ingest.model import build_package
    from jixiao.ingest.validate import validate_directory
    from jixiao.structure import routes

    packages = [build_package(r.package, r.findings) for r in validate_directory(DATA, GRADE_BANDS)]
    config = Config(site=Site(all_years_xlsx_max_mb=0), templates_dir=REPO / "templates")
    files, index = combined_and_index(packages, config)
    assert routes.DATASETS_WORKBOOK not in files and routes.DATASETS_DATABASE in files
    assert all(routes.dataset_workbook(year) in files for year in (2022, 2023, 2024))
    why = "未生成全部年度的工作簿（站点设置 all_years_xlsx_max_mb = 0）"
    said = _announced(config, index, files)
    assert why in said["readme"] and "jixiao-<年度>.xlsx" in said["readme"]
    assert why in said["page"] and why in said["catalog"]
    assert json.loads(said["api withheld"]) == {"jixiao.xlsx": why}
    for links in (said["page links"], said["api datasets"], said["catalog files"]):
        assert "jixiao.xlsx" not in links and "jixiao.db" in links


def test_a_kept_all_years_workbook_is_linked_everywhere_and_nothing_is_withheld():
    """The default caps on data/: jixiao.xlsx is published and linked from the data page, the API index and
    the catalogue; the API index withholds nothing and the catalogue mentions no size rule."""
    from jixiao.config import GRADE_BANDS, Config
    from jixiao.ingest.model import build_package
    from jixiao.ingest.validate import validate_directory
    from jixiao.structure import routes

    packages = [build_package(r.package, r.findings) for r in validate_directory(DATA, GRADE_BANDS)]
    config = Config(templates_dir=REPO / "templates")
    files, index = combined_and_index(packages, config)
    assert routes.DATASETS_WORKBOOK in files
    said = _announced(config, index, files)
    assert said["readme"].startswith("| `jixiao.xlsx` | 全部年度的 Excel 工作簿")
    assert json.loads(said["api withheld"]) == {}
    assert "不发布" not in said["catalog"] and "站点设置" not in said["catalog"]
    assert "../datasets/jixiao.xlsx" in said["page links"].split()
    assert "jixiao.xlsx" in said["api datasets"].split()
    assert any(url.endswith("/datasets/jixiao.xlsx") for url in said["catalog files"].split())


def test_year_csv_max_mb_withholds_the_years_plain_csvs_and_every_place_says_so():
    """``year_csv_max_mb = 0``: no ``datasets/<year>/<table>.csv`` (their rows are in the year's JSON, workbook,
    database and the all-years CSV, which stay); the README, data page, API index and catalogue say why for
    each and none links one; the combined datapackage.json lists no year's CSV as a source."""
    from jixiao.config import GRADE_BANDS, Config, Site
    from jixiao.ingest.model import build_package
    from jixiao.ingest.validate import validate_directory
    from jixiao.structure import routes

    packages = [build_package(r.package, r.findings) for r in validate_directory(DATA, GRADE_BANDS)]
    config = Config(site=Site(year_csv_max_mb=0), templates_dir=REPO / "templates")
    files, index = combined_and_index(packages, config)
    assert not [path for path in files if re.fullmatch(r"datasets/\d{4}/\w+\.csv", path)]
    assert "datasets/2024/indicators.json.gz" in files and "datasets/indicators.csv.gz" in files
    assert "datasets/2024/jixiao-2024.xlsx" in files and routes.DATASETS_WORKBOOK in files
    why = (
        "未发布 2024 年度绩效指标的未压缩 CSV（站点设置 year_csv_max_mb = 0；"
        "同样的行在 2024/indicators.json.gz、2024/jixiao-2024.xlsx 和全部年度的 indicators.csv.gz 中）"
    )
    said = _announced(config, index, files)
    readme = files[routes.DATASETS_README].decode("utf-8")
    assert f"| `2024/indicators.csv` | {why} | |" in readme
    assert why in said["page"] and why in said["catalog"]
    withheld = json.loads(said["api withheld"])
    assert withheld["2024/indicators.csv"] == why and len(withheld) == 4 * 5  # 2020, 2022–2024 × 5 tables
    for links in (said["api datasets"], said["catalog files"]):
        assert "2024/indicators.json.gz" in links and "2024/indicators.csv " not in links + " "
    descriptor = json.loads(files[routes.DATASETS_PACKAGE])
    assert all(resource["sources"] == [] for resource in descriptor["resources"])


def test_a_kept_year_csv_is_linked_and_listed_as_a_source():
    """Default caps on data/: each year's plain CSV is linked from the API index and the catalogue and listed
    in the combined datapackage.json's sources."""
    from jixiao.config import GRADE_BANDS, Config
    from jixiao.ingest.model import build_package
    from jixiao.ingest.validate import validate_directory
    from jixiao.structure import routes

    packages = [build_package(r.package, r.findings) for r in validate_directory(DATA, GRADE_BANDS)]
    config = Config(templates_dir=REPO / "templates")
    files, index = combined_and_index(packages, config)
    said = _announced(config, index, files)
    assert "2024/indicators.csv" in said["api datasets"].split()
    assert any(url.endswith("/datasets/2024/indicators.csv") for url in said["catalog files"].split())
    descriptor = json.loads(files[routes.DATASETS_PACKAGE])
    indicators = next(r for r in descriptor["resources"] if r["name"] == "indicators")
    assert {"title": "2024 年度（未压缩 CSV）", "path": "2024/indicators.csv"} in indicators["sources"]


def test_a_year_csv_above_its_cap_names_the_cap():
    """A year's CSV the build left out for its size (others of that year kept): the reason says so."""
    from jixiao.config import GRADE_BANDS, Site
    from jixiao.ingest.model import build_package, outline
    from jixiao.ingest.validate import validate_directory
    from jixiao.opendata import dataset_docs
    from jixiao.structure.index import SiteIndex

    outlines = [outline(build_package(r.package, r.findings)) for r in validate_directory(DATA, GRADE_BANDS)]
    years = (2020, 2022, 2023, 2024)  # the years in data/
    kept = [f"datasets/{y}/{t}.csv" for y in years for t in COMBINED_TABLES if t != "indicators"]
    kept += ["datasets/2020/indicators.csv", "datasets/2022/indicators.csv", "datasets/2023/indicators.csv"]
    kept += ["datasets/jixiao.db", "datasets/jixiao.xlsx"]
    index = SiteIndex.of(outlines, row_counts={}, all_years_files=tuple(kept))
    assert dataset_docs.missing_all_years(index, {}, Site(year_csv_max_mb=25)) == {
        "datasets/2024/indicators.csv": "2024 年度绩效指标的未压缩 CSV 超过 25 MB（站点设置 year_csv_max_mb；"
        "同样的行在 2024/indicators.json.gz、2024/jixiao-2024.xlsx 和全部年度的 indicators.csv.gz 中），不发布"
    }


@pytest.mark.parametrize(
    ("database_mb", "workbook_mb", "why"),
    [
        (200, 50, "全部年度的工作簿超过 50 MB（站点设置 all_years_xlsx_max_mb），不发布"),
        (30, 50, "全部年度的工作簿超过 30 MB（站点设置 all_years_max_mb），不发布"),
    ],
)
def test_the_smaller_cap_names_itself_when_the_workbook_is_too_large(database_mb, workbook_mb, why):
    """A workbook the build left out for its size: the reason names the cap that applied (the smaller one)."""
    from jixiao.config import GRADE_BANDS, Site
    from jixiao.ingest.model import build_package, outline
    from jixiao.ingest.validate import validate_directory
    from jixiao.opendata import dataset_docs
    from jixiao.structure.index import SiteIndex

    outlines = [outline(build_package(r.package, r.findings)) for r in validate_directory(DATA, GRADE_BANDS)]
    years = [f"datasets/{y}/{t}.csv" for y in (2020, 2022, 2023, 2024) for t in COMBINED_TABLES]  # all kept
    index = SiteIndex.of(outlines, row_counts={}, all_years_files=("datasets/jixiao.db", *years))
    site = Site(all_years_max_mb=database_mb, all_years_xlsx_max_mb=workbook_mb)
    assert dataset_docs.missing_all_years(index, {}, site) == {"datasets/jixiao.xlsx": why}
