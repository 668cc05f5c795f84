"""``build.py upgrade``: rewrite packages of an older schema version to the current one.

A package written before ``schema_version`` existed is version 1.  Upgrading keeps
every published figure and every cell as written: it only adds the new columns (empty,
or the value version 1 implied, such as 万元 for amounts), writes each CSV with the
canonical header order, and replaces the inline Table Schemas.  It also removes the
CC0 licence that ``new`` used to write into every package (``tables.LEGACY_LICENSES``),
so the portal's licence from jixiao.toml is published; a licence a maintainer wrote
stays.  Running it twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from jixiao.commands.scaffold import write_descriptor
from jixiao.ingest.load import ReadError, find_packages, read_regular
from jixiao.ingest.tables import LEGACY_LICENSES, SCHEMA_VERSION, TABLES, header, package_descriptor

IMPLIED_BY_VERSION_1 = {("budget", "amount_unit"): "万元"}
"""Cells a version-1 package left implicit: every amount was in 万元."""


def package_version(descriptor: dict) -> int:
    """The schema version a datapackage.json declares; 1 when it predates the key."""
    version = descriptor.get("schema_version", 1)
    return version if isinstance(version, int) else 1


def _read(path: Path) -> str:
    """A package file's text: a regular file only (a symlink or FIFO is refused, never opened to block)."""
    try:
        return read_regular(path).decode("utf-8")
    except ReadError as error:
        raise ValueError(f"{path.name}：{error}") from None


def upgrade_package(directory: Path) -> bool:
    """Bring one package to SCHEMA_VERSION; True when a file changed.

    Every table is rewritten in memory first: a table that cannot be upgraded without
    losing a cell stops the package before any file of it is written.
    """
    descriptor = json.loads(_read(directory / "datapackage.json"))
    if not isinstance(descriptor, dict):
        raise ValueError("datapackage.json 不是 JSON 对象（{…}），无法升级；请先修正")
    version = package_version(descriptor)
    if version > SCHEMA_VERSION:
        raise ValueError(f"{directory}: schema_version {version} 比本程序的 {SCHEMA_VERSION} 新，请先更新代码")
    rewritten: dict[Path, str] = {}
    for name in TABLES:
        path = directory / f"{name}.csv"
        if not path.exists() and not path.is_symlink():
            continue
        old = _read(path)
        new = _rewrite_table(name, old, version)
        if new != old:
            rewritten[path] = new
    for path, new in rewritten.items():
        path.write_text(new, encoding="utf-8")
    changed = bool(rewritten)
    unit_id, year = directory.parent.name, int(directory.name)
    wanted = package_descriptor(unit_id, year, descriptor.get("title") or f"{unit_id} {year}")
    for key in ("title", "description", "licenses", "contributors", "sources", "keywords"):
        if key in descriptor and not (key == "licenses" and descriptor[key] == LEGACY_LICENSES):
            wanted[key] = descriptor[key]
    if wanted != descriptor:
        write_descriptor(directory, wanted)
        changed = True
    return changed


def _rewrite_table(name: str, text: str, version: int) -> str:
    """The CSV with the current columns in canonical order; cells kept as written."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        return text
    old_header, columns = records[0], header(name)
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(columns + [c for c in old_header if c not in columns])
    for number, record in enumerate(records[1:], 2):
        if any(cell.strip() for cell in record[len(old_header) :]):
            raise ValueError(
                f"{name}.csv 第 {number} 条记录有 {len(record)} 个单元格，多于表头的 {len(old_header)} 个："
                "升级不会丢掉多出的单元格，请先修正这一行"
            )
        cells = dict(zip(old_header, record, strict=False))
        if any(cell.strip() for cell in record):
            for (table, column), value in IMPLIED_BY_VERSION_1.items():
                if version < 2 and table == name and not cells.get(column):
                    cells[column] = value
        extra = [cells.get(c, "") for c in old_header if c not in columns]
        writer.writerow([cells.get(c, "") for c in columns] + extra)
    return output.getvalue()


def run_upgrade(data_dir: Path) -> int:
    """Upgrade every package under data_dir and say which ones changed."""
    changed = 0
    for directory in find_packages(data_dir):
        try:
            if upgrade_package(directory):
                changed += 1
                print(f"已升级 {directory.as_posix()} 至第 {SCHEMA_VERSION} 版表结构")
        except (ValueError, UnicodeDecodeError) as error:  # json.JSONDecodeError is a ValueError
            print(f"错误：{directory.as_posix()}：{error}", file=sys.stderr)
            return 1
    print(f"共 {changed} 个数据包有改动；全部为第 {SCHEMA_VERSION} 版。运行 python build.py validate 检查。")
    return 0
