"""Combined datasets and the static JSON API, each file opened with its own reader.

The expected rows are rebuilt here straight from the CSVs in data/*/*/ (csv module),
not from jixiao's model: CSV (pandas, with the BOM), XLSX (openpyxl), SQLite
(sqlite3) and JSON must all agree with them, numbers exactly as published.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import posixpath
import sqlite3
import tempfile
import zipfile
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from site_fixtures import (
    BOM,
    DATA,
    build_in_another_process,
    copy_data,
    packages,
    parse_html,
    read_csv,
    shared_site,
    write_csv,
)

from jixiao.config import GRADE_BANDS, Config
from jixiao.ingest.findings import CODES
from jixiao.ingest.model import Package, build_package, outline
from jixiao.ingest.tables import TABLE_TITLES, TABLES
from jixiao.ingest.validate import validate_directory
from jixiao.opendata import api, datasets, downloads, xlsx
from jixiao.opendata.combined import COMBINED
from jixiao.opendata.fragments import fragment_of
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex

PACKAGES = packages()
CONTEXT = ["package_id", "unit_id", "unit_name", "province", "prefecture", "region", "year"]
SCHEMA = {"units": "unit", "sources": "sources", "evaluations": "evaluations", "budget_lines": "budget"}
SCHEMA["indicators"] = "indicators"
KEYS = {
    "units": ["unit_id", "year"],
    "sources": ["unit_id", "year", "source_id"],
    "evaluations": ["unit_id", "year", "evaluation_id"],
    "budget_lines": ["unit_id", "year", "evaluation_id", "line_id"],
    "indicators": ["unit_id", "year", "evaluation_id", "row"],
}
SHEETS = ["单位", "来源文件", "评价", "预算安排及支出情况", "绩效指标"]


def field_types(schema: str) -> dict[str, str]:
    return {f["name"]: f["type"] for f in TABLES[schema]["fields"]}


# --------------------------------------------------------------------------- expected rows, from data/ alone


def in_wan(line: dict[str, str]) -> dict[str, str]:
    """The *_wan columns of a budget line: 元 figures ÷ 10000 exactly, 万元 figures as published."""
    result = {}
    for name in ("budget_initial", "budget", "funds_received", "actual"):
        text = line[name]
        if text and line["amount_unit"] == "元":
            text = format(Decimal(text) / 10000, "f")
        result[f"{name}_wan"] = text
    return result


def evaluation_money(folder: Path, evaluations: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """The money columns of each evaluation, as the datasets README documents them (written here from it).

    Its top budget line (empty parent_id) in 万元; total_known when both figures are printed;
    in_totals for the widest kind in the package (department, else project, else report)
    whose money is known; the rate to two places, half up.
    """
    tops = {line["evaluation_id"]: line for line in read_csv(folder / "budget.csv") if not line["parent_id"]}
    kinds = {e["kind"] for e in evaluations}
    counted = next(kind for kind in ("department", "project", "report") if kind in kinds)
    result = {}
    for e in evaluations:
        top = in_wan(tops[e["evaluation_id"]]) if e["evaluation_id"] in tops else {}
        budget, actual = top.get("budget_wan", ""), top.get("actual_wan", "")
        known = bool(budget and actual)
        rate = ""
        if known and Decimal(budget):
            rate = str((Decimal(actual) * 100 / Decimal(budget)).quantize(Decimal("0.01"), "ROUND_HALF_UP"))
        result[e["evaluation_id"]] = {
            "budget_wan": budget,
            "actual_wan": actual,
            "rate_computed": rate,
            "total_known": "true" if known else "false",
            "in_totals": "true" if known and e["kind"] == counted else "false",
        }
    return result


def expected_rows(table: str) -> list[dict[str, str]]:
    """Every row the combined table must hold, as text, built from the package CSVs."""
    rows = []
    for package in PACKAGES:
        unit = read_csv(package.path / "unit.csv")[0]
        sources = read_csv(package.path / "sources.csv")
        titles = {s["source_id"]: s["title"] for s in sources}
        evaluations = {e["evaluation_id"]: e for e in read_csv(package.path / "evaluations.csv")}
        context = {
            "package_id": package.package_id,
            "unit_id": package.unit_id,
            "unit_name": unit["name"],
            "province": unit["province"],
            "prefecture": unit["prefecture"],
            "region": unit["region"],
            "year": str(package.year),
        }
        if table == "units":
            own = {k: v for k, v in unit.items() if k not in ("unit_id", "name", "province", "prefecture", "region")}
            ids = " ".join(s["source_id"] for s in sources)
            rows.append(context | own | {"source_id": ids, "source_title": "；".join(titles.values())})
        elif table == "sources":
            rows += [context | source for source in sources]
        elif table == "evaluations":
            money = evaluation_money(package.path, list(evaluations.values()))
            for e in evaluations.values():
                rows.append(context | e | money[e["evaluation_id"]] | {"source_title": titles[e["source_id"]]})
        else:
            for line in read_csv(package.path / f"{SCHEMA[table]}.csv"):
                evaluation = evaluations[line["evaluation_id"]]
                rows.append(
                    context
                    | line
                    | (in_wan(line) if table == "budget_lines" else {})
                    | {
                        "evaluation_title": evaluation["title"],
                        "source_id": evaluation["source_id"],
                        "source_title": titles[evaluation["source_id"]],
                    }
                )
    return rows


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What Excel runs as a formula (OWASP); the CSVs put ``'`` before a text starting so, as the data dictionary says."""


def text_columns(table: str) -> set[str]:
    """A combined table's free-text columns, or a package table's (``package:budget``): strings without a fixed
    list of values (指标性质 "=" is one of a list, and stays)."""
    schema = table.removeprefix("package:") if table.startswith("package:") else SCHEMA[table]
    fixed = {f["name"] for f in TABLES[schema]["fields"] if "enum" in f.get("constraints", {})}
    if table.startswith("package:"):
        return {f["name"] for f in TABLES[schema]["fields"] if f["type"] == "string"} - fixed
    return {c.name for c in COMBINED[table].columns if c.type == "string"} - fixed


def as_downloaded(table: str, row: dict[str, str]) -> dict[str, str]:
    """A row as the CSV must hold it: text that would run as a formula (after any ``'``) gets one ``'`` more."""
    texts = text_columns(table)
    return {k: "'" + v if k in texts and v.lstrip("'").startswith(FORMULA_START) else v for k, v in row.items()}


def restored(table: str, row: dict[str, str]) -> dict[str, str]:
    """The documented reversal: one ``'`` off a text cell that starts with ``'`` before a formula character."""
    texts = text_columns(table)
    return {
        k: v[1:] if k in texts and v.startswith("'") and v.lstrip("'").startswith(FORMULA_START) else v
        for k, v in row.items()
    }


def key_of(table: str, row: dict[str, str]) -> tuple[str, ...]:
    return tuple(str(row[k]) for k in KEYS[table])


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory)


YEARS = sorted({package.year for package in PACKAGES})


def read_frame(source) -> pd.DataFrame:
    return pd.read_csv(source, encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def frames(site) -> dict[str, pd.DataFrame]:
    """Each combined table: its years' CSVs read by pandas, in year order, every cell as text ("" when empty)."""
    return {
        table: pd.concat(
            [read_frame(site / routes.dataset_year_file(year, table, "csv")) for year in YEARS], ignore_index=True
        )
        for table in COMBINED
    }


@pytest.fixture(scope="module")
def csv_rows(frames) -> dict[str, list[dict[str, str]]]:
    """The CSVs' rows with the formula prefix taken off as the data dictionary says: the transcription."""
    return {table: [restored(table, row) for row in frame.to_dict("records")] for table, frame in frames.items()}


@pytest.fixture(scope="module")
def full_packages() -> list[Package]:
    """The real packages, whole, for calling the datasets functions directly."""
    return [build_package(r.package, r.findings) for r in validate_directory(DATA, GRADE_BANDS)]


def combined(packages: list[Package], config: Config | None = None) -> dict[str, bytes]:
    """Site path → bytes of every combined file, made in process the way the build makes them."""
    return combined_and_index(packages, config)[0]


def combined_and_index(packages: list[Package], config: Config | None = None) -> tuple[dict[str, bytes], SiteIndex]:
    """The combined files (``write_year`` per year, ``write_all_years``, then ``documents``) and the site
    index built, as the build builds it, with the rows they counted and the all-years files they published."""
    config = config or Config()
    by_year: dict[int, list] = {}
    for package in packages:
        by_year.setdefault(package.year, []).append(fragment_of([package]))
    counts = dict.fromkeys(COMBINED, 0)
    published: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="jixiao-test-datasets-") as folder:
        root = Path(folder)
        for year in sorted(by_year):
            (root / str(year)).mkdir()
            files, year_counts = datasets.write_year(config, root / str(year), year, by_year[year])
            published |= {path: file.read_bytes() for path, file in files.items()}
            counts = {name: counts[name] + year_counts[name] for name in COMBINED}
        every_year = datasets.write_all_years(config, root, [root / str(year) for year in sorted(by_year)])
        published |= {path: file.read_bytes() for path, file in every_year.items()}
    index = SiteIndex.of([outline(p) for p in packages], counts, datasets.all_years_published(published))
    return dict(sorted(published.items())) | dict(datasets.documents(config, index)), index


def number_columns(table: str) -> set[str]:
    return {c.name for c in COMBINED[table].columns if c.type == "number"}


def integer_columns(table: str) -> set[str]:
    return {c.name for c in COMBINED[table].columns if c.type == "integer"}


# --------------------------------------------------------------------------- CSV


@pytest.mark.parametrize("table", list(COMBINED))
def test_csv_has_a_bom_and_every_row_of_data_exactly(site, frames, table):
    for year in YEARS:
        raw = (site / routes.dataset_year_file(year, table, "csv")).read_bytes()
        assert raw.startswith(BOM) and not raw.startswith(BOM + BOM)
        assert set(read_frame(io.BytesIO(raw))["year"]) <= {str(year)}, "a year's file holds that year only"
    frame = frames[table]
    expected = expected_rows(table)
    assert len(frame) == len(expected) > 0
    columns = list(frame.columns)
    assert columns[:7] == CONTEXT
    if table != "sources":
        assert columns[-2:] == ["source_id", "source_title"]
    assert set(columns) == set().union(*expected), "columns differ from the package tables plus context"
    got = {key_of(table, row): row for row in frame.to_dict("records")}
    assert len(got) == len(frame), "primary key not unique"
    for want in expected:
        row = got[key_of(table, want)]
        assert {k: row[k] for k in want} == as_downloaded(table, want), key_of(table, want)


@pytest.mark.parametrize("table", list(COMBINED))
def test_the_all_years_csv_is_every_year_in_one_compressed_file(site, table):
    """Decompressed (every gzip member joined), it is the header once and each year's rows in year order."""
    whole = gzip.decompress((site / routes.dataset_file(table, "csv.gz")).read_bytes())
    years = [(site / routes.dataset_year_file(year, table, "csv")).read_bytes() for year in YEARS]
    header = years[0].split(b"\n", 1)[0] + b"\n"
    assert whole == header + b"".join(year.split(b"\n", 1)[1] for year in years)
    with gzip.open(site / routes.dataset_file(table, "csv.gz")) as handle:  # what pandas or R would do
        assert len(read_frame(handle)) == sum(len(read_frame(io.BytesIO(year))) for year in years)


def test_known_figures_are_published_digits(frames):
    """The totals of every package, from data/, exactly (no rounding, no padding)."""
    budget = frames["budget_lines"]
    seen = 0
    for package in PACKAGES:
        for line in read_csv(package.path / "budget.csv"):
            row = budget[
                (budget.package_id == package.package_id)
                & (budget.evaluation_id == line["evaluation_id"])
                & (budget.line_id == line["line_id"])
            ]
            assert row[["budget", "actual", "rate_published"]].values.tolist() == [
                [line["budget"], line["actual"], line["rate_published"]]
            ]
            seen += 1
    assert seen == len(budget)
    landloss = budget[(budget.package_id == "rugao-landloss-2023") & (budget.line_id == "total")]
    assert landloss[["budget", "actual"]].values.tolist() == [["93116.21", "90819.34"]]


# --------------------------------------------------------------------------- XLSX


@pytest.fixture(scope="module")
def workbooks(site):
    return {year: openpyxl.load_workbook(site / routes.dataset_workbook(year)) for year in YEARS}


def by_year(rows: list[dict[str, str]], year: int) -> list[dict[str, str]]:
    return [row for row in rows if row["year"] == str(year)]


def assert_sheet_matches(table: str, values: list[tuple], csv_rows: list[dict[str, str]]) -> None:
    names = [c.name for c in COMBINED[table].columns]
    numbers, integers = number_columns(table), integer_columns(table)
    booleans = {c.name for c in COMBINED[table].columns if c.type == "boolean"}
    assert len(values) == len(csv_rows)
    for cells, row in zip(values, csv_rows, strict=True):
        for name, value in zip(names, cells, strict=True):
            text = row[name]
            if text == "":
                assert value is None, (table, name)
            elif name in numbers:
                assert isinstance(value, int | float) and not isinstance(value, bool), (table, name, value)
                assert Decimal(repr(float(value))) == Decimal(text), (table, name, value, text)
            elif name in integers:
                assert value == int(text) and isinstance(value, int), (table, name)
            elif name in booleans:  # Excel TRUE / FALSE (bool), SQLite 1 / 0
                assert text in ("true", "false") and value == (text == "true") and value in (0, 1), (table, name)
            else:
                assert value == text, (table, name)


@pytest.mark.parametrize("year", YEARS)
def test_xlsx_sheets_headers_frozen_panes_and_numbers(workbooks, csv_rows, year):
    workbook = workbooks[year]
    assert workbook.sheetnames == [*SHEETS, "说明"]
    for table, title in zip(COMBINED, SHEETS, strict=True):
        assert title == TABLE_TITLES[SCHEMA[table]]
        sheet = workbook[title]
        assert sheet.freeze_panes == "A2"
        values = list(sheet.iter_rows(values_only=True))
        header = list(values[0])
        titles = {f["name"]: f["title"] for f in TABLES[SCHEMA[table]]["fields"]}
        for name, heading in zip((c.name for c in COMBINED[table].columns), header, strict=True):
            if name in titles:
                assert heading == titles[name], (table, name)
        assert header[:7] == ["数据包", "单位标识", "单位名称", "省份", "所属地级市", "所属县级地区", "年度"]
        assert all(cell.font.bold for cell in sheet[1])
        assert_sheet_matches(table, values[1:], by_year(csv_rows[table], year))


def test_xlsx_is_stamped_with_source_date_epoch_and_fixed_zip_times(site):
    data = (site / routes.dataset_workbook(YEARS[0])).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {info.date_time for info in archive.infolist()} == {downloads.ZIP_TIME}
        core = archive.read("docProps/core.xml").decode()
    stamp = datetime.fromtimestamp(Config().source_date_epoch, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f">{stamp}</dcterms:created>" in core and f">{stamp}</dcterms:modified>" in core


def test_xlsx_dates_follow_the_configured_epoch(full_packages):
    files = combined(full_packages, Config(source_date_epoch=86400))
    with zipfile.ZipFile(io.BytesIO(files[routes.dataset_workbook(YEARS[-1])])) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "1970-01-02T00:00:00Z</dcterms:created>" in core and "1970-01-02T00:00:00Z</dcterms:modified>" in core


def test_long_tables_continue_on_further_sheets(full_packages, csv_rows, monkeypatch, tmp_path):
    year = max(YEARS, key=lambda y: len(by_year(csv_rows["indicators"], y)))
    csv_rows = {table: by_year(rows, year) for table, rows in csv_rows.items()}
    limit = max(1, min(len(csv_rows["budget_lines"]), len(csv_rows["indicators"])) // 2)
    monkeypatch.setattr(datasets, "XLSX_MAX_ROWS", limit)
    path = tmp_path / "split.xlsx"
    path.write_bytes(combined(full_packages)[routes.dataset_workbook(year)])
    book = openpyxl.load_workbook(path)
    budget_parts = -(-len(csv_rows["budget_lines"]) // limit)
    indicator_parts = -(-len(csv_rows["indicators"]) // limit)
    assert budget_parts >= 2 and indicator_parts >= 2
    assert book.sheetnames == [
        "单位",
        "来源文件",
        "评价",
        "预算安排及支出情况",
        *(f"预算安排及支出情况（{i}）" for i in range(2, budget_parts + 1)),
        "绩效指标",
        *(f"绩效指标（{i}）" for i in range(2, indicator_parts + 1)),
        "说明",
    ]
    for table, title, parts in (
        ("budget_lines", "预算安排及支出情况", budget_parts),
        ("indicators", "绩效指标", indicator_parts),
    ):
        values = []
        for i in range(1, parts + 1):
            sheet = book[title if i == 1 else f"{title}（{i}）"]
            assert sheet.freeze_panes == "A2"
            rows = list(sheet.iter_rows(values_only=True))
            assert rows[0] == next(book[title].iter_rows(values_only=True))
            assert len(rows) - 1 == (limit if i < parts else len(csv_rows[table]) - limit * (parts - 1))
            values += rows[1:]
        assert_sheet_matches(table, values, csv_rows[table])


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    data = copy_data(tmp_path / "data")
    path = data / "rugao-pension/2024/indicators.csv"
    rows = read_csv(path)
    rows[0]["note"] = "=1+1"
    write_csv(path, rows)
    results = validate_directory(data, GRADE_BANDS)
    assert not [f for r in results for f in r.errors]
    out = tmp_path / "x.xlsx"
    out.write_bytes(combined([build_package(r.package, r.findings) for r in results])[routes.dataset_workbook(2024)])
    sheet = openpyxl.load_workbook(out)["绩效指标"]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("备注")] for row in sheet.iter_rows(min_row=2) if row[0].value == "rugao-pension-2024"]
    assert cells[0].value == "=1+1" and cells[0].data_type == "s"


def test_xlsx_writer_escapes_text_and_names_columns():
    assert xlsx.escape("a&b<c>d") == "a&amp;b&lt;c&gt;d"
    assert xlsx.escape("x\x01y\rz") == "x\ufffdy&#13;z"
    assert [xlsx.column_letters(i) for i in (0, 25, 26, 51, 701, 702)] == ["A", "Z", "AA", "AZ", "ZZ", "AAA"]


def test_xlsx_writer_round_trips_awkward_text(tmp_path):
    texts = ["  leading and trailing  ", "line\nbreak", "crlf\r\nline", "<b>&amp;</b>", "=SUM(A1:A2)", "中文"]
    book = xlsx.Workbook("t", datetime(2020, 1, 2, tzinfo=UTC), downloads.ZIP_TIME)
    sheet = book.add_sheet("表", ["文本", "数"], "sn")
    for text in texts:
        sheet.append((text, "8.50"))
    sheet.append((None, None))
    book.save(tmp_path / "t.xlsx")
    loaded = openpyxl.load_workbook(tmp_path / "t.xlsx")["表"]
    rows = list(loaded.iter_rows(values_only=True))
    assert rows[0] == ("文本", "数")
    assert rows[1:] == [(text, 8.5) for text in texts]  # the empty last row has no cells
    assert all(cell.data_type == "s" for cell in loaded["A"][1:7])


# --------------------------------------------------------------------------- SQLite


@pytest.fixture(scope="module")
def databases(site, tmp_path_factory):
    """Each year's database, decompressed."""
    folder = tmp_path_factory.mktemp("databases")
    connections = {}
    for year in YEARS:
        path = folder / f"{year}.db"
        path.write_bytes(gzip.decompress((site / routes.dataset_database(year)).read_bytes()))
        connections[year] = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    yield connections
    for connection in connections.values():
        connection.close()


@pytest.fixture(scope="module")
def database(databases):
    """The database of the year that has rugao-landloss 2023 (the figures checked below)."""
    return databases[2023]


def test_sqlite_tables_types_keys_and_indexes(database):
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert database.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
    tables = [r[0] for r in database.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert tables == list(COMBINED)
    for table in COMBINED:
        info = database.execute(f'PRAGMA table_info("{table}")').fetchall()
        types = {name: kind for _, name, kind, *_ in info}
        schema_types = field_types(SCHEMA[table])
        for name, kind in types.items():
            declared = (
                "number" if name.endswith("_wan") or name == "rate_computed" else schema_types.get(name, "string")
            )
            declared = "boolean" if name in ("total_known", "in_totals") else declared
            wanted = {"number": "REAL", "integer": "INTEGER", "boolean": "INTEGER"}.get(declared, "TEXT")
            assert kind == ("INTEGER" if name == "year" else wanted), (table, name)
        assert [name for _, name, *_, pk in sorted(info, key=lambda r: r[-1]) if pk] == KEYS[table]
        for column in ("unit_id", "year"):
            plan = " ".join(
                r[-1] for r in database.execute(f'EXPLAIN QUERY PLAN SELECT * FROM "{table}" WHERE {column} = 1')
            )
            assert "USING INDEX" in plan, (table, column, plan)


def test_sqlite_rows_equal_the_csv(databases, database, csv_rows):
    for year, connection in databases.items():
        for table in COMBINED:
            values = connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            assert_sheet_matches(table, values, by_year(csv_rows[table], year))
    total = database.execute(
        "SELECT budget, actual FROM budget_lines WHERE unit_id = 'rugao-landloss' AND year = 2023 AND line_id = 'total'"
    ).fetchone()
    line = next(r for r in read_csv(DATA / "rugao-landloss/2023/budget.csv") if r["line_id"] == "total")
    assert total == (float(line["budget"]), float(line["actual"]))


@pytest.mark.parametrize("table", list(COMBINED))
def test_the_all_years_workbook_and_database_are_every_year_in_order(site, csv_rows, table):
    """They are made from the years' own worksheet rows and databases, not encoded again: each sheet and
    table holds every year's rows, year after year, numbered on (the sheet's rows are read by their numbers),
    with the values and types of the transcription."""
    book = openpyxl.load_workbook(site / routes.DATASETS_WORKBOOK, read_only=True)
    values = list(book[SHEETS[list(COMBINED).index(table)]].iter_rows(values_only=True))
    book.close()
    assert_sheet_matches(table, values[1:], csv_rows[table])
    database = sqlite3.connect(f"file:{site / routes.DATASETS_DATABASE}?mode=ro", uri=True)
    try:
        rows = database.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
    finally:
        database.close()
    assert_sheet_matches(table, rows, csv_rows[table])


def test_sqlite_views_have_chinese_column_names(database):
    for table, title in zip(COMBINED, SHEETS, strict=True):
        cursor = database.execute(f'SELECT * FROM "{title}"')
        names = [d[0] for d in cursor.description]
        assert names == [c.title for c in COMBINED[table].columns]
        assert len(cursor.fetchall()) == database.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]


# --------------------------------------------------------------------------- JSON, descriptor, README


@pytest.mark.parametrize("year", YEARS)
def test_json_tables_equal_the_csv(site, csv_rows, frames, year):
    for table in COMBINED:
        document = json.loads(gzip.decompress((site / routes.dataset_year_file(year, table, "json.gz")).read_bytes()))
        assert list(document) == ["table", "title", "year", "columns", "rows"]
        assert document["table"] == table and document["title"] == TABLE_TITLES[SCHEMA[table]]
        assert document["year"] == year
        assert document["columns"] == list(frames[table].columns)
        assert len(document["rows"]) == len(by_year(csv_rows[table], year))
        integers = integer_columns(table)
        for got, want in zip(document["rows"], by_year(csv_rows[table], year), strict=True):
            for name, value in zip(document["columns"], got, strict=True):
                text = want[name]
                if text == "":
                    assert value is None
                elif name in integers:
                    assert value == int(text)
                elif text in ("true", "false") and name in ("total_known", "in_totals"):
                    assert value is (text == "true"), (table, name)  # JSON true / false
                else:
                    assert value == text, (table, name)  # numbers too: the published digits, as a string


def test_datapackage_validates_with_frictionless(site):
    from frictionless import Package

    descriptor = json.loads((site / routes.DATASETS_PACKAGE).read_text("utf-8"))
    assert [r["path"] for r in descriptor["resources"]] == [f"{t}.csv.gz" for t in COMBINED]
    for resource in descriptor["resources"]:
        for source in resource["sources"]:
            assert (site / "datasets" / source["path"]).is_file(), source
    report = Package(str(site / routes.DATASETS_PACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_readme_gives_counts_provenance_and_citation(site, csv_rows):
    text = (site / routes.DATASETS_README).read_text("utf-8")
    for table, rows in csv_rows.items():
        files = f"`<年度>/{table}.csv`、`<年度>/{table}.json.gz`、`{table}.csv.gz`（全部年度）"
        assert f"| {files} | {TABLE_TITLES[SCHEMA[table]]} | {len(rows)} |" in text
    source = read_csv(PACKAGES[0].path / "sources.csv")[0]
    assert f"{source['publisher']}：《{source['title']}》" in text
    assert "package_id" in text and "source_id" in text and "CC0" in text and "datasette jixiao-<年度>.db" in text


def test_two_builds_give_byte_identical_datasets(site, tmp_path):
    """Another build in another process, with another hash seed, into another folder."""
    other = tmp_path / "again"
    build_in_another_process(other, hash_seed="99")
    for folder in ("datasets", "api"):
        first = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / folder).rglob("*") if p.is_file()}
        second = {p.relative_to(other).as_posix(): p.read_bytes() for p in (other / folder).rglob("*") if p.is_file()}
        assert sorted(first) == sorted(second)
        assert [path for path in first if first[path] != second[path]] == []
    assert routes.dataset_workbook(YEARS[0]) in {
        p.relative_to(other).as_posix() for p in (other / "datasets").rglob("*")
    }


def test_in_process_rebuild_of_the_database_is_byte_identical(full_packages):
    first, second = combined(full_packages), combined(full_packages)
    for year in YEARS:
        assert first[routes.dataset_database(year)] == second[routes.dataset_database(year)]
        assert first[routes.dataset_workbook(year)] == second[routes.dataset_workbook(year)]


# --------------------------------------------------------------------------- JSON API


def load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text("utf-8"))


def follow(site: Path, here: str, href: str) -> Path:
    target, _, _ = href.partition("#")
    path = posixpath.normpath(posixpath.join(posixpath.dirname(here), target))
    if target.endswith("/"):
        path += "/index.html"
    return site / path


def test_api_has_a_file_for_every_unit_and_evaluation_and_nothing_else(site):
    expected = {routes.API_INDEX}
    for package in PACKAGES:
        expected.add(f"api/units/{package.unit_id}.json")
        for e in read_csv(package.path / "evaluations.csv"):
            expected.add(f"api/evaluations/{package.unit_id}/{package.year}/{e['evaluation_id']}.json")
    built = {p.relative_to(site).as_posix() for p in (site / "api").rglob("*") if p.is_file()}
    assert built == expected


def test_api_evaluations_agree_with_data(site):
    for package in PACKAGES:
        unit = read_csv(package.path / "unit.csv")[0]
        budget = read_csv(package.path / "budget.csv")
        indicators = read_csv(package.path / "indicators.csv")
        for e in read_csv(package.path / "evaluations.csv"):
            path = f"api/evaluations/{package.unit_id}/{package.year}/{e['evaluation_id']}.json"
            doc = load(site, path)
            assert list(doc) == [key for key, _ in api.EVALUATION_KEYS]
            assert doc["unit"] == {k: unit[k] or None for k in ("unit_id", "name", "province", "prefecture", "region")}
            assert doc["year"] == package.year and doc["package_id"] == package.package_id
            for name, text in e.items():
                if name not in ("unit_id", "year", "source_id"):
                    assert doc["evaluation"][name] == (text or None), name
            # version 2: the rows are not repeated; the document points at them in the package's CSVs
            for table, want_rows in (("budget", budget), ("indicators", indicators)):
                mine = [r for r in want_rows if r["evaluation_id"] == e["evaluation_id"]]
                linked = follow(site, path, doc["rows"][table]["href"])
                assert linked == site / f"downloads/{package.package_id}/{table}.csv"
                with linked.open(encoding="utf-8-sig", newline="") as handle:
                    rows = [r for r in csv.DictReader(handle) if r["evaluation_id"] == e["evaluation_id"]]
                published = [restored(f"package:{table}", r) for r in rows]
                assert published == mine and doc["rows"][table]["rows"] == len(mine), (path, table)
            narrative = read_csv(package.path / "narrative.csv")
            mine = [r["title"] for r in narrative if r["evaluation_id"] == e["evaluation_id"]]
            assert [s["title"] for s in doc["narrative"]] == mine
            top = [r for r in budget if r["evaluation_id"] == e["evaluation_id"] and not r["parent_id"]]
            top.sort(key=lambda r: int(r["order"]))
            want = {"budget": top[0]["budget"] or None, "actual": top[0]["actual"] or None} if top else None
            if want is not None:  # the money columns of the combined evaluations table, JSON-typed
                money = evaluation_money(package.path, read_csv(package.path / "evaluations.csv"))[e["evaluation_id"]]
                want |= {"amount_unit": top[0]["amount_unit"]}
                want |= {k: {"true": True, "false": False}.get(v, v or None) for k, v in money.items()}
            assert doc["totals"] == want
            assert "indicators" not in doc and "budget_lines" not in doc
            assert doc["source"]["source_id"] == e["source_id"]
            assert doc["source"]["title"] in doc["citation"]
            for flag in doc["flags"]:
                target = follow(site, path, flag["href"])
                assert target.is_file(), flag["href"]
                fragment = flag["href"].partition("#")[2]
                if fragment:
                    assert f'id="{fragment}"' in target.read_text("utf-8"), flag["href"]
            links = doc["links"]
            assert follow(site, path, links["datapackage"]) == site / f"downloads/{package.package_id}/datapackage.json"
            for href in [links["self"], links["page"], links["unit"], links["datapackage"]]:
                assert follow(site, path, href).is_file(), href
            assert follow(site, path, links["self"]) == site / path


def test_api_carries_the_data_quality_flags(site):
    """The source documents have several inconsistencies; each flag links to its row (checked above)."""
    flags = [f for p in (site / "api/evaluations").rglob("*.json") for f in json.loads(p.read_text("utf-8"))["flags"]]
    assert len(flags) >= 3
    # A flag is an F- code, or an error code the package acknowledges in quality.csv (kept as published).
    assert all(
        (flag["code"].startswith("F-") or CODES[flag["code"]].acknowledgeable) and flag["message"] for flag in flags
    )


def test_api_units_and_index(site):
    index = load(site, routes.API_INDEX)
    assert list(index) == [key for key, _ in api.INDEX_KEYS]
    assert [u["unit_id"] for u in index["units"]] == sorted({p.unit_id for p in PACKAGES})
    assert index["patterns"]["unit"] == "units/{unit_id}.json"
    assert index["patterns"]["evaluation"] == "evaluations/{unit_id}/{year}/{evaluation_id}.json"
    for href in index["datasets"].values():
        assert follow(site, routes.API_INDEX, href).is_file(), href
    for entry in index["units"]:
        assert follow(site, routes.API_INDEX, entry["href"]).is_file()
        assert follow(site, routes.API_INDEX, entry["page"]).is_file()
        mine = [p for p in PACKAGES if p.unit_id == entry["unit_id"]]
        assert entry["years"] == [p.year for p in mine]
        assert entry["evaluations"] == sum(len(read_csv(p.path / "evaluations.csv")) for p in mine)
        path = routes.api_unit(entry["unit_id"])
        doc = load(site, path)
        assert list(doc) == [key for key, _ in api.UNIT_KEYS]
        assert doc["unit"]["name"] == read_csv(mine[-1].path / "unit.csv")[0]["name"] == entry["name"]
        for package, listed in zip(mine, doc["packages"], strict=True):
            evaluations = read_csv(package.path / "evaluations.csv")
            assert [e["evaluation_id"] for e in listed["evaluations"]] == [e["evaluation_id"] for e in evaluations]
            for summary in listed["evaluations"]:
                assert follow(site, path, summary["href"]).is_file()
                assert follow(site, path, summary["page"]).is_file()
            totals = {}  # the top line of each evaluation's budget (no parent), first in order
            for line in sorted(read_csv(package.path / "budget.csv"), key=lambda r: int(r["order"])):
                if not line["parent_id"]:
                    totals.setdefault(line["evaluation_id"], line)
            for summary in listed["evaluations"]:
                total = totals.get(summary["evaluation_id"])
                assert summary["budget"] == (total["budget"] or None if total else None)
                assert summary["actual"] == (total["actual"] or None if total else None)


def test_unit_api_files_depend_only_on_the_unit(full_packages, site):
    """What a worker writes for one unit alone is what the built site holds."""
    by_unit: dict[str, list[Package]] = {}
    for package in sorted(full_packages, key=lambda p: p.year):
        by_unit.setdefault(package.unit.unit_id, []).append(package)
    for unit_id, unit_packages in by_unit.items():
        for path, data in api.unit_files(unit_id, unit_packages, Config().site.data_title):
            assert (site / path).read_bytes() == data, path


# --------------------------------------------------------------------------- the data page


def test_data_page_documents_downloads_counts_and_api(site, csv_rows):
    page = routes.DATA
    doc = parse_html((site / page).read_text("utf-8"))
    for table, rows in csv_rows.items():
        row = doc.by_id(f"combined-{table}")
        assert row is not None, table
        cells = [node.text() for node in row.children if not isinstance(node, str)]
        assert cells[0] == TABLE_TITLES[SCHEMA[table]] and cells[2] == str(len(rows)), (table, cells)
        hrefs = [a.attrs["href"] for a in row.find_all("a")]
        assert [follow(site, page, h) for h in hrefs] == [site / routes.dataset_file(table, "csv.gz")]
    hrefs = {follow(site, page, a.attrs["href"]) for a in doc.find_all("a") if a.attrs.get("href")}
    for year in YEARS:
        row = doc.by_id(f"combined-{year}")
        assert row is not None, year
        links = {follow(site, page, a.attrs["href"]) for a in row.find_all("a")}
        wanted = {routes.dataset_workbook(year), routes.dataset_database(year)}
        wanted |= {routes.dataset_year_file(year, t, e) for t in COMBINED for e in ("csv", "json.gz")}
        assert links == {site / path for path in wanted}, year
    for path in (routes.DATASETS_README, routes.DATASETS_PACKAGE):
        assert site / path in hrefs, path
    published = {p.relative_to(site).as_posix() for p in (site / "datasets").rglob("*") if p.is_file()}
    linked = {p.relative_to(site).as_posix() for p in hrefs if p.is_relative_to(site / "datasets")}
    assert published == linked, "every combined file is on the data page, and nothing else is in datasets/"
    assert site / routes.API_INDEX in hrefs
    first = PACKAGES[0]
    evaluation = read_csv(first.path / "evaluations.csv")[0]["evaluation_id"]
    assert site / f"api/evaluations/{first.unit_id}/{first.year}/{evaluation}.json" in hrefs
    text = doc.text()
    for pattern in ("api/units/{unit_id}.json", "api/evaluations/{unit_id}/{year}/{evaluation_id}.json"):
        assert pattern in text
    for caption_id, keys in (
        ("api-keys-index", api.INDEX_KEYS),
        ("api-keys-unit", api.UNIT_KEYS),
        ("api-keys-evaluation", api.EVALUATION_KEYS),
    ):
        table = doc.by_id(caption_id).parent
        listed = [row.find("th").text() for row in table.find("tbody").find_all("tr")]
        assert listed == [key for key, _ in keys], caption_id
