"""Datasets: the combined tables split by year (CSV, compressed JSON, a workbook, a compressed SQLite database).

``write_year`` reads one year of the units' fragments (jixiao/opendata/fragments.py) once,
one unit at a time: the CSV text and the JSON and CSV gzip members are appended as the
unit workers encoded them, the rows go to the XLSX and SQLite writers, each writing into
a folder, so no table is ever held in memory.  ``write_all_years`` joins the years'
compressed CSVs into one file per table.  A build (jixiao/assemble/shared.py) assembles a
year only when one of its units' rows changed (``combined.dataset_files`` lists the files).

Formats keep the published numbers: CSV and JSON carry the published digits as text
(``combined.NUMBERS_NOTE``); XLSX and SQLite store numbers as numbers (binary floating
point, so they sort and add up; ``8.50`` shows as ``8.5``).  Builds are
byte-identical: the workbook (jixiao/opendata/xlsx.py) takes its document dates from
``SOURCE_DATE_EPOCH`` and gives every zip entry ``downloads.ZIP_TIME``; the database is
written by one connection in one transaction, in row order; gzip members carry no time.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from jixiao.config import Config, Site
from jixiao.opendata import api, combined, dataset_docs, downloads, xlsx
from jixiao.opendata.combined import COMBINED, Cell, CombinedTable
from jixiao.opendata.fragments import Fragment, gzip_member, sheet_columns
from jixiao.opendata.spreadsheet import TRUNCATED_NOTE
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex

XLSX_MAX_ROWS = combined.XLSX_MAX_ROWS
SQL_TYPES = {"string": "TEXT", "date": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
"""Booleans are 1 and 0 in SQLite (``WHERE in_totals = 1``; a text 'false' would be a trap)."""
BODY = "{table}.csv.body.gz"
"""Beside a year's files (not published): its CSV rows without the header, compressed, for ``write_all_years``."""
SHEET_BODY = "{table}.xlsx.body"
"""Beside a year's files (not published): its worksheet rows as the workers encoded them (``xlsx.row_template``,
each ending in ``</row>``), so the all-years workbook copies them instead of encoding every row again."""
DATABASE = "database.sqlite.gz"
ROWS_DATABASE = "rows.sqlite.gz"
"""Beside a year's files (not published): a second name (a hard link) of its compressed database, whose
rows the all-years database reads back (the published name moves to its site path)."""


def write_year(
    config: Config, root: Path, year: int, fragments: Iterable[Fragment]
) -> tuple[dict[str, Path], dict[str, int]]:
    """One year's combined files into ``root``, reading each fragment once: site path → file, rows per table.

    ``root`` also gets each table's compressed CSV rows (``BODY``) for ``write_all_years``.
    """
    text_writers: list[_Csv | _Json | _SheetBodies] = [_Csv(root, year), _Json(root, year), _SheetBodies(root)]
    book, database = _Xlsx(root / "book.xlsx", config, year), _Sqlite(root / "database.sqlite")
    writers: list[_Xlsx | _Sqlite] = [book, database]
    counts = dict.fromkeys(COMBINED, 0)
    try:
        for fragment in fragments:
            for table, part in fragment.items():
                counts[table] += len(part.rows)
                for text_writer in text_writers:
                    text_writer.add_part(table, part)
                for row, template in zip(part.rows, part.xlsx, strict=True):
                    book.add(table, template)
                    database.add(table, row)
    except BaseException:
        for writer in [*text_writers, *writers]:
            writer.abort()
        raise
    for writer in [*text_writers, *writers]:
        writer.close()
    _gzip_file(root / "database.sqlite", root / DATABASE)
    _second_name(root / DATABASE, root / ROWS_DATABASE)
    files = {}
    limit = config.site.year_csv_max_mb * 1_000_000
    for table in COMBINED:
        if (root / f"{table}.csv").stat().st_size <= limit:
            files[routes.dataset_year_file(year, table, "csv")] = root / f"{table}.csv"
        else:  # its rows are in the year's JSON, workbook, database and the all-years CSV (year_csv_max_mb)
            (root / f"{table}.csv").unlink()
        files[routes.dataset_year_file(year, table, "json.gz")] = root / f"{table}.json.gz"
    files[routes.dataset_workbook(year)] = root / "book.xlsx"
    files[routes.dataset_database(year)] = root / DATABASE
    return files, counts


def write_all_years(config: Config, root: Path, years: list[Path]) -> dict[str, Path]:
    """Every year in one file into ``root``: each table's compressed CSV (a header member and every year's
    compressed rows, in year order), one uncompressed SQLite database and, while every table fits an Excel
    sheet, one workbook; both made from the years' CSV rows, read once.
    """
    files = {}
    for table in COMBINED.values():
        path = root / f"{table.name}.csv.gz"
        with path.open("wb") as out:
            out.write(gzip_member("\ufeff" + _csv_line([column.name for column in table.columns])))
            for folder in years:
                with (folder / BODY.format(table=table.name)).open("rb") as body:
                    shutil.copyfileobj(body, out, 1 << 20)
        files[routes.dataset_file(table.name, "csv.gz")] = path
    return files | _database_and_workbook(config, root, years)


def _database_and_workbook(config: Config, root: Path, years: list[Path]) -> dict[str, Path]:
    """The all-years SQLite database and workbook, each kept if within ``all_years_max_mb``; the workbook
    also only within ``all_years_xlsx_max_mb`` (it repeats the years' workbooks row for row) and while
    every table fits a sheet.

    Nothing is encoded again: the database takes each year's database rows as SQLite reads them
    back (the same values, inserted in the same order: table by table, year by year), the workbook
    each year's worksheet rows (``SHEET_BODY``) with the row numbers filled in.
    """
    if config.site.all_years_max_mb == 0:
        return {}
    database = _Sqlite(root / "jixiao.db")
    book: _Xlsx | None = _Xlsx(root / "jixiao.xlsx", config, None) if config.site.all_years_xlsx_max_mb else None
    sources: list[sqlite3.Connection] = []
    try:
        for folder in years:
            sources.append(_open_year_database(folder / ROWS_DATABASE, root / f"year-{len(sources)}.sqlite"))
        for table in COMBINED.values():
            book = _copy_table(table.name, list(zip(years, sources, strict=True)), database, book)
    except BaseException:
        for writer in [database, book]:
            if writer is not None:
                writer.abort()
        raise
    finally:
        for source in sources:
            source.close()
        for scratch in root.glob("year-*.sqlite"):
            scratch.unlink()
    database.close()
    if book is not None:
        book.close()
    files = {}
    for path, file in ((routes.DATASETS_DATABASE, "jixiao.db"), (routes.DATASETS_WORKBOOK, "jixiao.xlsx")):
        limit, _ = dataset_docs.all_years_limit(config.site, path)
        if (root / file).is_file() and (root / file).stat().st_size <= limit:
            files[path] = root / file
        else:  # too large for the site (all_years_max_mb, all_years_xlsx_max_mb) or not written
            (root / file).unlink(missing_ok=True)
    return files


def _copy_table(
    table: str, years: list[tuple[Path, sqlite3.Connection]], database: _Sqlite, book: _Xlsx | None
) -> _Xlsx | None:
    """A table's rows of every year into the all-years database and workbook; returns the workbook,
    or None once it is given up (more rows than a sheet holds: the years' workbooks stay, dataset_docs says so)."""
    rows = 0
    for folder, source in years:
        rows += database.copy(table, source)
        if book is not None and rows > XLSX_MAX_ROWS:
            book.abort()
            book = None
        if book is not None:
            for template in _sheet_rows(folder / SHEET_BODY.format(table=table)):
                book.add(table, template)
    return book


def _second_name(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source`` (no second copy on disk), or a copy where links are not made."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _open_year_database(compressed: Path, scratch: Path) -> sqlite3.Connection:
    """A year's published database, decompressed into ``scratch`` and opened read-only."""
    with gzip.open(compressed, "rb") as data, scratch.open("wb") as out:
        shutil.copyfileobj(data, out, 1 << 20)
    return sqlite3.connect(f"{scratch.resolve().as_uri()}?mode=ro", uri=True)


def _sheet_rows(path: Path) -> Iterator[str]:
    """A year's worksheet rows (``SHEET_BODY``) one by one: each ends in ``</row>``, which escaped text never holds."""
    with path.open("r", encoding="utf-8", newline="") as body:
        rest = ""
        while chunk := body.read(1 << 20):
            rows = (rest + chunk).split("</row>")
            rest = rows.pop()
            for row in rows:
                yield row + "</row>"
    if rest:
        raise ValueError(f"{path.name}: 不完整的工作表行")


def all_years_published(paths: Iterable[str]) -> tuple[str, ...]:
    """Which of the files a size rule may withhold are among the published ``paths``: the all-years
    database and workbook and each year's plain CSVs (``SiteIndex.all_years_files``)."""
    return tuple(sorted(p for p in set(paths) if combined.size_capped(p)))


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _gzip_file(source: Path, target: Path) -> None:
    """Compress a file the same way every time (no time stamp, no file name), then remove the original."""
    with source.open("rb") as data, target.open("wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=6, fileobj=raw, mtime=0) as out:
            shutil.copyfileobj(data, out, 1 << 20)
    source.unlink()


def documents(config: Config, index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """The combined datasets' descriptor and README and the API index (README's counts: ``index.row_counts``)."""
    counts = index.row_counts or dict.fromkeys(COMBINED, 0)
    descriptor = dataset_docs.descriptor(config.site, sorted(index.by_year), index.all_years_files)
    yield routes.DATASETS_PACKAGE, downloads.json_bytes(descriptor)
    yield routes.DATASETS_README, dataset_docs.readme(index, counts, config.site).encode("utf-8")
    withheld = dataset_docs.missing_all_years(index, counts, config.site)
    yield routes.API_INDEX, api.encode(api.index_document(index, config.site.data_title, withheld))


def _numbers(table: CombinedTable) -> tuple[int, ...]:
    return tuple(i for i, column in enumerate(table.columns) if column.type == "number")


# --------------------------------------------------------------------------- writers


class _Csv:
    """A CSV per table: UTF-8 with BOM (Excel opens the Chinese), field names as header, published digits.

    The rows also go, as the workers compressed them, into the table's ``BODY`` file.
    """

    def __init__(self, root: Path, year: int) -> None:
        self.handles, self.bodies = {}, {}
        for table in COMBINED.values():
            handle = open(root / f"{table.name}.csv", "w", encoding="utf-8-sig", newline="")
            handle.write(_csv_line([column.name for column in table.columns]))
            self.handles[table.name] = handle
            self.bodies[table.name] = open(root / BODY.format(table=table.name), "wb")

    def add_part(self, table: str, part) -> None:
        self.handles[table].write(part.csv)
        self.bodies[table].write(part.csv_gz)

    def close(self) -> None:
        for handle in [*self.handles.values(), *self.bodies.values()]:
            handle.close()

    abort = close


class _SheetBodies:
    """Each table's worksheet rows as the workers encoded them, into the table's ``SHEET_BODY`` file."""

    def __init__(self, root: Path) -> None:
        self.handles = {
            table: open(root / SHEET_BODY.format(table=table), "w", encoding="utf-8", newline="") for table in COMBINED
        }

    def add_part(self, table: str, part) -> None:
        self.handles[table].write("".join(part.xlsx))

    def close(self) -> None:
        for handle in self.handles.values():
            handle.close()

    abort = close


class _Json:
    """A gzip-compressed JSON object per table, shaped like Datasette's: ``columns`` (field names) and ``rows``.

    Rows are arrays, one a line; numbers are their published text, missing values null.
    The file is a series of gzip members (the head, each unit's rows as the worker
    compressed them, the separators, the end): decompressed, one JSON document.
    """

    SEPARATORS = (gzip_member("\n"), gzip_member(",\n"))

    def __init__(self, root: Path, year: int) -> None:
        self.handles = {}
        self.first = {}
        for table in COMBINED.values():
            handle = open(root / f"{table.name}.json.gz", "wb")
            head = {"table": table.name, "title": table.title, "year": year}
            head["columns"] = [column.name for column in table.columns]
            handle.write(gzip_member(json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['))
            self.handles[table.name] = handle
            self.first[table.name] = True

    def add_part(self, table: str, part) -> None:
        if not part.json_gz:
            return
        handle = self.handles[table]
        handle.write(self.SEPARATORS[0] if self.first[table] else self.SEPARATORS[1])
        self.first[table] = False
        handle.write(part.json_gz)

    def close(self) -> None:
        for handle in self.handles.values():
            handle.write(gzip_member("\n]}\n"))
            handle.close()

    def abort(self) -> None:
        for handle in self.handles.values():
            handle.close()


class _Xlsx:
    """One workbook a year: a sheet per table, Chinese headers, frozen header row, numbers as numbers (xlsx.py)."""

    def __init__(self, path: Path, config: Config, year: int | None) -> None:
        self.path = path
        self.site = config.site
        created = datetime.fromtimestamp(config.source_date_epoch, tz=UTC)
        title = f"{config.site.data_title}合并数据集（{'全部年度' if year is None else f'{year} 年度'}）"
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
        "金额按原文照录，单位随原表而不同，见每行的“金额单位”列（元或万元）；"
        "跨单位合计请用“评价”表的“全年预算数（万元）”“实际支出数（万元）”，只取“计入合计”为 TRUE 的行。",
        "工作簿中数字为数值，原文的数字文本见 CSV 与 JSON 文件。",
        TRUNCATED_NOTE,
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
        self.insert: dict[str, str] = {}
        self.pending: dict[str, list[Sequence[object]]] = {}
        self.numbers: dict[str, tuple[int, ...]] = {}
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

    def copy(self, table: str, source: sqlite3.Connection) -> int:
        """Every row of ``table`` in the database ``source`` (one this class wrote), in its order; returns how many.

        The values come back as they were stored (REAL, INTEGER, TEXT, NULL), so the rows are the same,
        and they are inserted in ``BATCH``-row batches like ``add``'s (the rest waits for ``close``), so
        the file's pages are laid out as if the rows had been added one by one: the same bytes.
        """
        pending = self.pending[table]
        rows = source.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
        count = 0
        while chunk := rows.fetchmany(self.BATCH):
            count += len(chunk)
            pending.extend(chunk)
            while len(pending) >= self.BATCH:
                self.db.executemany(self.insert[table], pending[: self.BATCH])
                del pending[: self.BATCH]
        return count

    def _flush(self, table: str) -> None:
        self.db.executemany(self.insert[table], self.pending[table])
        self.pending[table].clear()

    def close(self) -> None:
        for name, table in COMBINED.items():
            self._flush(name)
            self.db.execute(f'CREATE INDEX "{name}_year" ON "{name}" ("year")')
            columns = ", ".join(f'"{c.name}" AS "{c.title}"' for c in table.columns)
            self.db.execute(f'CREATE VIEW "{table.title}" AS SELECT {columns} FROM "{name}"')
        self.db.execute(TOTALS_VIEW)
        self.db.execute("COMMIT")
        self.db.close()

    def abort(self) -> None:
        self.db.close()


TOTALS_VIEW = (
    'CREATE VIEW "按省份年度合计" AS SELECT province AS "省份", year AS "年度", '
    'COUNT(*) AS "计入合计的评价数", SUM(budget_wan) AS "全年预算数（万元）", SUM(actual_wan) AS "实际支出数（万元）" '
    "FROM evaluations WHERE in_totals = 1 GROUP BY province, year ORDER BY year, province"
)
"""The site's totals by province and year (structure/totals.py: the rows where in_totals = 1)."""


def create_table_sql(table: CombinedTable) -> str:
    """Typed columns and the primary key; the key starts with unit_id, so its index serves unit_id lookups."""
    columns = [f'"{c.name}" {SQL_TYPES[c.type]}' for c in table.columns]
    key = ", ".join(f'"{name}"' for name in table.primary_key)
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join([*columns, f"PRIMARY KEY ({key})"]) + "\n)"
