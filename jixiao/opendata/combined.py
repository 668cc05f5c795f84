"""Combined tables: the tidy tables across all packages, and the shape of the JSON API; no I/O.

Each combined table is a package table of ``jixiao/ingest/tables.py`` (whose field names,
types, Chinese titles and descriptions it reuses) with the same context columns in
front (package, unit, unit name, province, prefecture, region, year) and the
provenance columns at the end (source id and title), so every row says where it sits
and where it came from.  Rows are produced one package at a time and never collected.

Cells are ``str``, ``int`` or ``None``: numbers are the published digits as text
(``Decimal`` → ``format(value, "f")``, which keeps ``49.473106`` and ``8.50`` exactly),
integers stay integers, and an empty cell (missing value) is ``None``.  The writers in
``jixiao/opendata/datasets.py`` turn them into each format.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter

from jixiao.ingest.model import Evaluation, Package
from jixiao.ingest.tables import TABLE_TITLES, TABLES
from jixiao.structure import routes, totals
from jixiao.structure.totals import Money

Cell = str | int | bool | None


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    type: str
    """Table Schema type: string, integer, number, boolean or date."""
    description: str


@dataclass(frozen=True)
class CombinedTable:
    name: str
    """File and SQL table name, e.g. ``budget_lines``."""
    schema: str
    """The package table it combines, a key of ``tables.TABLES``, e.g. ``budget``."""
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    @property
    def title(self) -> str:
        return TABLE_TITLES[self.schema]


def _column(schema: str, name: str, rename: str = "", description: str = "") -> Column:
    spec = next(f for f in TABLES[schema]["fields"] if f["name"] == name)
    return Column(rename or name, spec["title"], spec["type"], description or spec["description"])


def _own(schema: str, leave_out: set[str]) -> tuple[Column, ...]:
    return tuple(_column(schema, f["name"]) for f in TABLES[schema]["fields"] if f["name"] not in leave_out)


CONTEXT = (
    Column("package_id", "数据包", "string", "数据包标识 <单位标识>-<年度>，即站点下载文件夹与 data/ 下的目录。"),
    _column("unit", "unit_id"),
    _column("unit", "name", rename="unit_name"),
    _column("unit", "province"),
    _column("unit", "prefecture"),
    _column("unit", "region"),
    _column("evaluations", "year"),
)
"""The columns every combined table starts with."""

EVALUATION_TITLE = Column(
    "evaluation_title", "评价名称", "string", "所属评价的名称（evaluations 表的 title）：项目名称，或单位名称。"
)
SOURCE_ID = _column("evaluations", "source_id", description="行所依据的原文，对应 sources 表。")
SOURCE_TITLE = Column("source_title", "来源文件标题", "string", "行所依据的原文标题（sources 表的 title）。")
UNIT_SOURCE_ID = _column("evaluations", "source_id", description="本数据包的原文，对应 sources 表；多个时以空格分隔。")
UNIT_SOURCE_TITLE = Column("source_title", "来源文件标题", "string", "本数据包所依据的原文标题；多个时以“；”分隔。")
_CONTEXT_NAMES = {"unit_id", "year"}
_UNIT_LEAVE_OUT = _CONTEXT_NAMES | {"name", "region", "prefecture", "province"}
_ITEM_LEAVE_OUT = _CONTEXT_NAMES | {"evaluation_id"}
_EVALUATION_ID = _column("evaluations", "evaluation_id", description="评价标识，在数据包内唯一。")


WAN_COLUMNS = tuple(
    Column(
        f"{name}_wan",
        f"{title}（万元）",
        "number",
        f"{title}换算为万元：原文以元为单位时除以 10000（精确，不四舍五入），以万元为单位时同原文。"
        "各单位合计、比较请用此列；原文数字见同名列与 amount_unit。",
    )
    for name, title in (
        ("budget_initial", "年初预算数"),
        ("budget", "全年预算数"),
        ("funds_received", "到位数"),
        ("actual", "实际支出数"),
    )
)
"""Budget amounts in one unit across packages: the only place (with charts) amounts are converted."""


def _item_table(name: str, schema: str, key: str, extra: tuple[Column, ...] = ()) -> CombinedTable:
    return CombinedTable(
        name,
        schema,
        CONTEXT
        + (_EVALUATION_ID, EVALUATION_TITLE)
        + _own(schema, _ITEM_LEAVE_OUT)
        + extra
        + (SOURCE_ID, SOURCE_TITLE),
        ("unit_id", "year", "evaluation_id", key),
    )


UNITS = CombinedTable(
    "units", "unit", CONTEXT + _own("unit", _UNIT_LEAVE_OUT) + (UNIT_SOURCE_ID, UNIT_SOURCE_TITLE), ("unit_id", "year")
)
SOURCES = CombinedTable("sources", "sources", CONTEXT + _own("sources", set()), ("unit_id", "year", "source_id"))
MONEY_COLUMNS = (
    Column(
        "budget_wan",
        "全年预算数（万元）",
        "number",
        "本评价顶层预算行（parent_id 为空的一行）的全年预算数，精确换算为万元（原文以元为单位时除以 10000，"
        "不四舍五入），与站点各页所示相同；原文未载或所在列不明时为空（不是 0）。",
    ),
    Column(
        "actual_wan",
        "实际支出数（万元）",
        "number",
        "本评价顶层预算行的实际支出数，精确换算为万元；原文未载或所在列不明时为空（不是 0）。",
    ),
    Column(
        "rate_computed",
        "执行率（计算，%）",
        "number",
        "actual_wan ÷ budget_wan × 100，保留两位小数（四舍五入），与站点所示的“执行率（计算）”相同；"
        "原文所载执行率见 budget_lines 表的 rate_published。",
    ),
    Column(
        "total_known",
        "金额已知",
        "boolean",
        "顶层预算行的全年预算数和实际支出数是否都已知。为 false 时，原文所印数字见 budget_lines 表的 "
        "ambiguous_amounts（数字所在的列不明），budget_wan、actual_wan 为空：请勿当作 0。",
    ),
    Column(
        "in_totals",
        "计入合计",
        "boolean",
        "跨评价合计时是否计入：同一数据包中有部门整体支出自评时只计部门整体（已含各项目），"
        "否则只计项目支出自评（自评报告重述所附各表的金额，不重复计入），且金额须已知。"
        "站点各页的合计 = in_totals 为 true 的 budget_wan、actual_wan 之和。",
    ),
)
"""An evaluation's money and whether to add it up: ``jixiao.structure.totals``, the rule the pages' totals use."""

EVALUATIONS = CombinedTable(
    "evaluations",
    "evaluations",
    CONTEXT + _own("evaluations", _CONTEXT_NAMES | {"source_id"}) + MONEY_COLUMNS + (SOURCE_ID, SOURCE_TITLE),
    ("unit_id", "year", "evaluation_id"),
)
BUDGET_LINES = _item_table("budget_lines", "budget", "line_id", WAN_COLUMNS)
INDICATORS = _item_table("indicators", "indicators", "row")

COMBINED: dict[str, CombinedTable] = {t.name: t for t in (UNITS, SOURCES, EVALUATIONS, BUDGET_LINES, INDICATORS)}
"""Combined table name → its definition, in the order of the files, sheets and SQL tables."""

NUMBERS_NOTE = (
    "金额、分值、执行率等数字以原文所载的数字文本给出（如 93116.21、49.4731），单位见 amount_unit（元或万元），"
    "不四舍五入、不补零；另有 *_wan 列把金额精确换算为万元，供跨单位合计；"
    "整数（年度、顺序、行号、人数）为整数；原文未载为空（JSON 中为 null）。"
)


# --------------------------------------------------------------------------- rows


def cell(value: object) -> Cell:
    """A model value as a combined cell: Decimal → its published digits, "" and () → None."""
    if value is None or value.__class__ is int or value.__class__ is bool:
        return value
    if value.__class__ is Decimal:
        return format(value, "f")
    if value.__class__ is tuple:
        return " ".join(str(cell(v)) for v in value) or None
    return value or None  # type: ignore[return-value]


def _getter(table: CombinedTable, start: int, stop: int) -> attrgetter:
    return attrgetter(*(c.name for c in table.columns[start:stop]))


_N = len(CONTEXT)
_UNIT_FIELDS = _getter(UNITS, _N, -2)
_SOURCE_FIELDS = _getter(SOURCES, _N, len(SOURCES.columns))
_EVALUATION_FIELDS = _getter(EVALUATIONS, _N, -2 - len(MONEY_COLUMNS))
_BUDGET_FIELDS = _getter(BUDGET_LINES, _N + 2, -2)
_INDICATOR_FIELDS = _getter(INDICATORS, _N + 2, -2)


def package_rows(package: Package) -> Iterator[tuple[str, tuple[Cell, ...]]]:
    """(combined table name, row) for one package: its unit row, sources, evaluations, budget lines, indicators."""
    unit = package.unit
    context = tuple(
        map(cell, (package.package_id, unit.unit_id, unit.name, unit.province, unit.prefecture, unit.region))
    ) + (package.year,)
    ids = " ".join(s.source_id for s in package.sources) or None
    titles = "；".join(s.title for s in package.sources) or None
    yield UNITS.name, context + tuple(map(cell, _UNIT_FIELDS(unit))) + (ids, titles)
    for source in package.sources:
        yield SOURCES.name, context + tuple(map(cell, _SOURCE_FIELDS(source)))
    money = totals.package_money(package)
    for evaluation in package.evaluations:
        yield EVALUATIONS.name, context + _evaluation_cells(evaluation, money[evaluation.evaluation_id])
    for evaluation in package.evaluations:
        head, tail = context + (evaluation.evaluation_id, evaluation.title or None), _provenance(evaluation)
        for line in evaluation.budget:
            yield BUDGET_LINES.name, head + tuple(map(cell, _BUDGET_FIELDS(line))) + tail
    for evaluation in package.evaluations:
        head, tail = context + (evaluation.evaluation_id, evaluation.title or None), _provenance(evaluation)
        for indicator in evaluation.indicators:
            yield INDICATORS.name, head + tuple(map(cell, _INDICATOR_FIELDS(indicator))) + tail


def _evaluation_cells(evaluation: Evaluation, money: Money) -> tuple[Cell, ...]:
    figures = (money.budget_wan, money.actual_wan, money.rate_computed, money.total_known, money.in_totals)
    return tuple(map(cell, _EVALUATION_FIELDS(evaluation))) + tuple(map(cell, figures)) + _provenance(evaluation)


def _provenance(evaluation: Evaluation) -> tuple[Cell, ...]:
    return evaluation.source.source_id or None, evaluation.source.title or None


def rows(packages: Iterable[Package]) -> Iterator[tuple[str, tuple[Cell, ...]]]:
    for package in packages:
        yield from package_rows(package)


def row_counts(packages: Iterable[Package]) -> dict[str, int]:
    """Rows per combined table, counted from full packages (not outlines) without building rows."""
    counts = dict.fromkeys(COMBINED, 0)
    for package in packages:
        counts[UNITS.name] += 1
        counts[SOURCES.name] += len(package.sources)
        counts[EVALUATIONS.name] += len(package.evaluations)
        counts[BUDGET_LINES.name] += sum(len(e.budget) for e in package.evaluations)
        counts[INDICATORS.name] += sum(len(e.indicators) for e in package.evaluations)
    return counts


# --------------------------------------------------------------------------- the files


@dataclass(frozen=True)
class DatasetFile:
    """One published file of the combined tables: the data page, the API index and the catalogue list these."""

    path: str
    label: str
    year: int | None
    """None: every year in one file."""
    table: str | None
    """None: every table in one file (workbook, database)."""


XLSX_MAX_ROWS = 1_048_575
"""Data rows per sheet: Excel's 1,048,576 rows less the header."""


def workbook_fits(counts: Mapping[str, int] | None) -> bool:
    """Whether every table fits one Excel sheet, so the all-years workbook is written (unknown counts: yes)."""
    return not counts or all(count <= XLSX_MAX_ROWS for count in counts.values())


def size_capped(path: str) -> bool:
    """Whether a size setting may withhold this combined file: the all-years database (``all_years_max_mb``)
    and workbook (also ``all_years_xlsx_max_mb``), and a year's plain CSV (``year_csv_max_mb``)."""
    if path in (routes.DATASETS_DATABASE, routes.DATASETS_WORKBOOK):
        return True
    parts = path.split("/")
    return len(parts) == 3 and parts[0] == "datasets" and parts[1].isdigit() and parts[2].endswith(".csv")


def dataset_files(years: Iterable[int], all_years: Iterable[str] | None = None) -> list[DatasetFile]:
    """Every combined file: the all-years database and workbook, each table across all years (CSV, gzip), then
    each year's CSV, JSON, workbook, database.

    Each year is assembled on its own (a one-package edit re-assembles one year); the
    plain CSV and the workbooks open directly in Excel; the all-years database is
    uncompressed so sqlite3 and Datasette open it as downloaded; a year's JSON and SQLite
    are offered compressed (they shrink to about a tenth and a fifth); the all-years
    tables are the years' compressed CSVs joined (gzip members).  ``all_years``: the
    all-years database and workbook the build published (``SiteIndex.all_years_files``;
    a table longer than a sheet or the size limit ``all_years_max_mb`` leaves one out), and the years'
    plain CSVs it published (``year_csv_max_mb``); None lists every file.
    """
    published = None if all_years is None else set(all_years)
    files = []
    if published is None or routes.DATASETS_DATABASE in published:
        files.append(DatasetFile(routes.DATASETS_DATABASE, "jixiao.db", None, None))
    if published is None or routes.DATASETS_WORKBOOK in published:
        files.append(DatasetFile(routes.DATASETS_WORKBOOK, "jixiao.xlsx", None, None))
    files += [DatasetFile(routes.dataset_file(name, "csv.gz"), f"{name}.csv.gz", None, name) for name in COMBINED]
    for year in sorted(years, reverse=True):
        for name in COMBINED:
            path = routes.dataset_year_file(year, name, "csv")
            if published is None or path in published:
                files.append(DatasetFile(path, f"{name}.csv", year, name))
            path = routes.dataset_year_file(year, name, "json.gz")
            files.append(DatasetFile(path, f"{name}.json.gz", year, name))
        workbook, database = routes.dataset_workbook(year), routes.dataset_database(year)
        files.append(DatasetFile(workbook, workbook.rsplit("/", 1)[1], year, None))
        files.append(DatasetFile(database, database.rsplit("/", 1)[1], year, None))
    return files
