"""Datasets: the combined tables as CSV, JSON, one XLSX workbook and one SQLite database; the JSON API files.

``combined_files`` reads the units' fragments (jixiao/opendata/fragments.py) once, one
unit at a time: the CSV and JSON parts are appended as encoded by the unit workers, the
rows go to the XLSX and SQLite writers, each writing into a temporary folder, so no table
is ever held in memory and a national portal (millions of indicator rows) is read a
single time.  The files are read back and yielded one by one.

Formats keep the published numbers: CSV and JSON carry the published digits as text
(``combined.NUMBERS_NOTE``); XLSX and SQLite store numbers as numbers (binary floating
point, so they sort and add up; ``8.50`` shows as ``8.5``).  Builds are
byte-identical: the workbook (jixiao/opendata/xlsx.py) takes its document dates from
``SOURCE_DATE_EPOCH`` and gives every zip entry ``downloads.ZIP_TIME``; the database is
written by one connection in one transaction, in row order.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from jixiao.config import Config, Site
from jixiao.ingest.tables import package_descriptor
from jixiao.opendata import api, combined, downloads, xlsx
from jixiao.opendata.combined import COMBINED, Cell, CombinedTable
from jixiao.opendata.fragments import Fragment, fragment_of, sheet_columns
from jixiao.structure import labels, routes
from jixiao.structure.index import SiteIndex

XLSX_MAX_ROWS = 1_048_575
"""Data rows per sheet: Excel's 1,048,576 rows less the header.  Longer tables continue on 绩效指标（2）…"""
SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL"}


def combined_files(
    config: Config, index: SiteIndex, scratch: Path | None = None, fragments: Iterable[Fragment] | None = None
) -> Iterator[tuple[str, bytes]]:
    """Site path → bytes for the combined datasets, their README and datapackage.json, and the API index.

    Reads ``fragments`` (each unit's, in unit order; by default made from
    ``index.each_full_package()``) once and leaves the rows of each table in
    ``index.row_counts`` for the data page, which is therefore rendered after these
    files.  Their parts are written under ``scratch`` (the build's scratch folder, removed
    with it on every way out; the system's by default).
    """
    if fragments is None:
        fragments = (fragment_of([package]) for package in index.each_full_package())
    with tempfile.TemporaryDirectory(prefix="jixiao-datasets-", dir=scratch) as folder:
        root = Path(folder)
        text_writers = [_Csv(root), _Json(root)]
        book, database = _Xlsx(root / "jixiao.xlsx", config), _Sqlite(root / "jixiao.db")
        writers = [book, database]
        counts = dict.fromkeys(COMBINED, 0)
        try:
            for fragment in fragments:
                for table, part in fragment.items():
                    counts[table] += len(part.rows)
                    for text_writer in text_writers:
                        text_writer.add_part(table, part.csv, part.json)
                    for row, template in zip(part.rows, part.xlsx, strict=True):
                        book.add(table, template)
                        database.add(table, row)
        except BaseException:
            for writer in [*text_writers, *writers]:
                writer.abort()
            raise
        for writer in [*text_writers, *writers]:
            writer.close()
        index.row_counts = counts
        for table in COMBINED:
            for extension in ("csv", "json"):
                yield routes.dataset_file(table, extension), (root / f"{table}.{extension}").read_bytes()
        yield routes.DATASETS_XLSX, (root / "jixiao.xlsx").read_bytes()
        yield routes.DATASETS_DB, (root / "jixiao.db").read_bytes()
    yield routes.DATASETS_PACKAGE, downloads.json_bytes(descriptor(config.site))
    yield routes.DATASETS_README, readme(index, counts, config.site).encode("utf-8")
    yield routes.API_INDEX, api.encode(api.index_document(index, config.site.data_title))


def _numbers(table: CombinedTable) -> tuple[int, ...]:
    return tuple(i for i, column in enumerate(table.columns) if column.type == "number")


# --------------------------------------------------------------------------- writers


class _Csv:
    """One CSV per table: UTF-8 with BOM (Excel opens the Chinese), field names as header, published digits."""

    def __init__(self, root: Path) -> None:
        self.handles = {}
        for table in COMBINED.values():
            handle = open(root / f"{table.name}.csv", "w", encoding="utf-8-sig", newline="")
            csv.writer(handle, lineterminator="\n").writerow([column.name for column in table.columns])
            self.handles[table.name] = handle

    def add_part(self, table: str, lines: str, _json: str) -> None:
        self.handles[table].write(lines)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()

    abort = close


class _Json:
    """One JSON object per table, shaped like Datasette's: ``columns`` (field names) and ``rows`` (arrays, one a line).

    Numbers are their published text, missing values null; arrays rather than objects
    keep the file about the size of the CSV.
    """

    def __init__(self, root: Path) -> None:
        self.handles = {}
        self.first = {}
        for table in COMBINED.values():
            handle = open(root / f"{table.name}.json", "w", encoding="utf-8", newline="\n")
            head = {"table": table.name, "title": table.title, "columns": [column.name for column in table.columns]}
            handle.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [')
            self.handles[table.name] = handle
            self.first[table.name] = True

    def add_part(self, table: str, _csv: str, lines: str) -> None:
        if not lines:
            return
        handle = self.handles[table]
        handle.write("\n" if self.first[table] else ",\n")
        self.first[table] = False
        handle.write(lines)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.write("\n]}\n")
            handle.close()

    def abort(self) -> None:
        for handle in self.handles.values():
            handle.close()


class _Xlsx:
    """One workbook: a sheet per table, Chinese headers, frozen header row, numbers as numbers (xlsx.py)."""

    def __init__(self, path: Path, config: Config) -> None:
        self.path = path
        self.site = config.site
        created = datetime.fromtimestamp(config.source_date_epoch, tz=UTC)
        title = f"{config.site.data_title}合并数据集"
        self.book = xlsx.Workbook(title, created, downloads.ZIP_TIME, scratch=path.parent)
        self.sheets: dict[str, xlsx.Sheet] = {}
        self.parts: dict[str, int] = {}
        self.rows: dict[str, int] = {}
        for table in COMBINED.values():
            self._start_sheet(table)

    def _start_sheet(self, table: CombinedTable) -> None:
        """The table's first sheet, or its next part right after the previous one."""
        part = self.parts.get(table.name, 0) + 1
        self.sheets[table.name] = self.book.add_sheet(
            table.title if part == 1 else f"{table.title}（{part}）",
            [column.title for column in table.columns],
            sheet_columns(table)[1],
            after=self.sheets.get(table.name),
        )
        self.parts[table.name], self.rows[table.name] = part, 0

    def add(self, table: str, template: str) -> None:
        """A row made by ``xlsx.row_template``."""
        if self.rows[table] == XLSX_MAX_ROWS:
            self._start_sheet(COMBINED[table])
        self.rows[table] += 1
        self.sheets[table].append_template(template)

    def close(self) -> None:
        notes = self.book.add_sheet("说明", ["说明"], "s")
        for line in _workbook_notes(self.site):
            notes.append((line,))
        self.book.save(self.path)

    def abort(self) -> None:
        self.book.discard()


def _workbook_notes(site: Site) -> list[str]:
    return [
        f"{site.data_title}合并数据集：各单位公开的预算绩效自评材料，按原文转录。",
        "每张工作表一张表，每行一条记录；前 7 列为数据包、单位标识、单位名称、省份、所属地级市、所属县级地区、年度。",
        "金额单位为万元。数字按原文照录；工作簿中数字为数值，原文的数字文本见 CSV 与 JSON 文件。",
        "每行的“来源标识”“来源文件标题”指明所据原文；“来源文件”工作表列出原文的发布单位、日期、网址和转录所据文件。",
        f"引用时请引用原文出处，并注明转引自 {site.data_title}数据包（数据包标识见“数据包”列）。",
        f"字段说明见同目录的 README.md 与站点“数据下载”页面的数据字典。许可：{site.license_name}。",
    ]


class _Sqlite:
    """One SQLite database for Datasette: typed columns, primary keys, an index on year, Chinese-labelled views."""

    BATCH = 5000

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute("BEGIN")
        self.insert, self.pending, self.numbers = {}, {}, {}
        for table in COMBINED.values():
            self.db.execute(create_table_sql(table))
            self.insert[table.name] = f'INSERT INTO "{table.name}" VALUES ({", ".join("?" * len(table.columns))})'
            self.pending[table.name] = []
            self.numbers[table.name] = _numbers(table)

    def add(self, table: str, row: tuple[Cell, ...]) -> None:
        numbers = self.numbers[table]
        if numbers:
            cells: list[object] = list(row)
            for i in numbers:
                if cells[i] is not None:
                    cells[i] = float(cells[i])  # type: ignore[arg-type]
            row = cells  # type: ignore[assignment]
        pending = self.pending[table]
        pending.append(row)
        if len(pending) >= self.BATCH:
            self._flush(table)

    def _flush(self, table: str) -> None:
        self.db.executemany(self.insert[table], self.pending[table])
        self.pending[table].clear()

    def close(self) -> None:
        for name, table in COMBINED.items():
            self._flush(name)
            self.db.execute(f'CREATE INDEX "{name}_year" ON "{name}" ("year")')
            columns = ", ".join(f'"{c.name}" AS "{c.title}"' for c in table.columns)
            self.db.execute(f'CREATE VIEW "{table.title}" AS SELECT {columns} FROM "{name}"')
        self.db.execute("COMMIT")
        self.db.close()

    def abort(self) -> None:
        self.db.close()


def create_table_sql(table: CombinedTable) -> str:
    """Typed columns and the primary key; the key starts with unit_id, so its index serves unit_id lookups."""
    columns = [f'"{c.name}" {SQL_TYPES[c.type]}' for c in table.columns]
    key = ", ".join(f'"{name}"' for name in table.primary_key)
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join([*columns, f"PRIMARY KEY ({key})"]) + "\n)"


# --------------------------------------------------------------------------- descriptor and README


def descriptor(site: Site) -> dict[str, object]:
    """A Frictionless descriptor for the combined CSVs (same licence as the packages)."""
    return {
        "profile": "tabular-data-package",
        "name": "jixiao-combined",
        "title": f"{site.data_title}合并数据集",
        "licenses": package_descriptor("x", 2000, "")["licenses"],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [
                        {"name": c.name, "type": c.type, "title": c.title, "description": c.description}
                        for c in table.columns
                    ],
                    "primaryKey": list(table.primary_key),
                },
            }
            for table in COMBINED.values()
        ],
    }


def readme(index: SiteIndex, counts: dict[str, int], site: Site) -> str:
    """What the combined download is, where every row came from and how to cite it."""
    first = index.packages[0] if index.packages else None
    example = labels.citation(first, first.evaluations[0], site.data_title) if first and first.evaluations else ""
    lines = [
        f"# {site.data_title}：合并数据集",
        "",
        f"本目录把站点上全部 {len(index.packages)} 个数据包（{len(index.by_unit)} 个单位、"
        f"{len(index.by_year)} 个年度）合并为 {len(COMBINED)} 张整洁表，每行一条记录。"
        "每张表的前 7 列相同：数据包、单位标识、单位名称、省份、所属地级市、所属县级地区、年度。",
        "金额单位为万元，数据按原文照录。",
        "",
        "## 文件",
        "",
        "| 文件 | 内容 | 行数 |",
        "| --- | --- | --- |",
    ]
    for name, table in COMBINED.items():
        lines.append(f"| `{name}.csv`、`{name}.json` | {table.title} | {counts[name]} |")
    lines += [
        "| `jixiao.xlsx` | 一个工作簿，每张表一个工作表（中文表头，首行冻结），另有“说明”工作表；"
        f"超过 {XLSX_MAX_ROWS} 行的表续在“表名（2）”等工作表 | |",
        "| `jixiao.db` | SQLite 数据库，可用 `datasette jixiao.db` 浏览；每张表一个 SQL 表（主键以 unit_id 开头，"
        "另有 year 索引），另有以中文表名命名、中文列名的视图 | |",
        "| `datapackage.json` | Frictionless 描述文件：CSV 各列的类型、中文名、说明和主键 | |",
        "",
        "CSV 为带 BOM 的 UTF-8（Excel 可直接打开），表头为字段名；"
        "JSON 为每张表一个对象：`columns` 为字段名，`rows` 为各行（每行一个数组，与 Datasette 的 JSON 相同）。",
        "",
        "## 数字",
        "",
        f"CSV 与 JSON：{combined.NUMBERS_NOTE}",
        "XLSX 与 SQLite：数字存为数值（双精度浮点），可排序、求和；原文的末尾零不显示（如 8.50 显示为 8.5），"
        "需要原文数字文本时请用 CSV 或 JSON。",
        "",
        "## 来源",
        "",
        "每一行都带有 `package_id`（数据包）以及 `source_id`、`source_title`（所据原文）。"
        "`sources` 表列出每个原文的标题、发布单位、发布日期、网址和转录所据文件。"
        "单个数据包（含叙述章节、数据质量说明和各自的 README）可在站点 `downloads/<package_id>/` 下载。",
        "",
        "## 引用",
        "",
        "请引用原文出处，并注明转引自本站数据包，例如：",
        "",
        f"> {example}",
        "",
        "## 字段",
    ]
    for name, table in COMBINED.items():
        lines += [
            "",
            f"### {table.title}（`{name}`）",
            "",
            "| 字段 | 中文名 | 类型 | 说明 |",
            "| --- | --- | --- | --- |",
        ]
        lines += [f"| `{c.name}` | {c.title} | {c.type} | {c.description} |" for c in table.columns]
    lines += ["", "## 许可", "", f"{site.license_name}（原文为政府公开信息）。", ""]
    return "\n".join(lines)
