"""Structure checks: descriptor, paths, headers, cells and ids."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from jixiao.config import GradeBands
from jixiao.ingest.checks.common import (
    BARE_NUMBER,
    NUMERIC_TYPES,
    _finding,
)
from jixiao.ingest.checks.text import CELL_CONTROL
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import RawPackage, Row, windows_reserved
from jixiao.ingest.tables import SCHEMA_VERSION, TABLES, package_descriptor

SIMPLE_PATH = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*\.csv")
"""A resource path is a plain file name in the package folder."""


def check_resource_paths(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Every resource path is a plain file name inside the package."""
    descriptor_file = package.file("datapackage.json")
    first_index: dict[tuple[str, object], int] = {}
    descriptor = package.descriptor or {}  # None only when unreadable, reported by load.py
    for index, resource in enumerate(descriptor.get("resources", [])):
        path = resource.get("path") if isinstance(resource, dict) else None
        field = f"resources[{index}].path"
        if not isinstance(path, str) or not path:
            yield Finding("E-PATH", descriptor_file, "缺少资源路径", field=field)
        elif not SIMPLE_PATH.fullmatch(path):
            yield Finding(
                "E-PATH",
                descriptor_file,
                f"路径 {path!r} 不合规：只允许包内的文件名（小写字母、数字、连字符，.csv），不得含 /、\\、.. 或网址",
                field=field,
            )
        for key, label in (("name", "资源名"), ("path", "资源路径")):
            value = resource.get(key) if isinstance(resource, dict) else None
            if not isinstance(value, str):
                continue
            if (key, value) in first_index:
                earlier = first_index[(key, value)]
                message = f"{label} {value!r} 列出了两次（resources[{earlier}] 与 resources[{index}]）"
                yield Finding("E-SCHEMA", descriptor_file, message, field=f"resources[{index}].{key}")
            first_index.setdefault((key, value), index)


def _expected(unit_id: str, year: int) -> dict:
    """The canonical descriptor's name and resources; the resources (deep copies of every schema) built once."""
    return {"name": package_descriptor(unit_id, year, "", resources=False)["name"], "resources": _resources()}


@functools.cache
def _resources() -> list[dict]:
    return package_descriptor("x", 2000, "")["resources"]


def check_descriptor_matches(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Resources, encodings and schemas are exactly the canonical ones."""
    descriptor_file = package.file("datapackage.json")
    descriptor = package.descriptor or {}  # None only when unreadable, reported by load.py
    version = descriptor.get("schema_version", 1)
    if version != SCHEMA_VERSION:
        shown = "缺失（第 1 版）" if "schema_version" not in descriptor else repr(version)
        yield Finding(
            "E-VERSION",
            descriptor_file,
            f"schema_version {shown}，当前为第 {SCHEMA_VERSION} 版：请运行 python build.py upgrade 改写数据包",
            field="schema_version",
        )
        return
    expected = _expected(package.unit_id, int(package.year))
    if descriptor.get("name") != expected["name"]:
        yield Finding(
            "E-ID",
            descriptor_file,
            f"包名应为 {expected['name']}，实为 {descriptor.get('name')!r}",
            field="name",
        )
    found = {r.get("name"): r for r in descriptor["resources"] if isinstance(r, dict)}
    for wanted in expected["resources"]:
        name = wanted["name"]
        resource = found.get(name)
        if resource is None:
            yield Finding("E-SCHEMA", descriptor_file, f"缺少资源 {name}", field="resources")
            continue
        for key in ("path", "encoding", "schema", "format"):
            if resource.get(key) != wanted[key]:
                yield Finding(
                    "E-SCHEMA",
                    descriptor_file,
                    f"资源 {name} 的 {key} 与规范不符（应与 jixiao/ingest/tables.py 一致；可用 build.py new 生成）",
                    field=f"{name}.{key}",
                )
    for name in sorted(set(found) - {r["name"] for r in expected["resources"]}, key=str):
        yield Finding("E-SCHEMA", descriptor_file, f"多出资源 {name!r}", field="resources")


def check_headers(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Each CSV has exactly the canonical columns in order, and rows as wide as the header."""
    for name, header in package.headers.items():
        expected = [f["name"] for f in TABLES[name]["fields"]]
        if not header:
            yield Finding(
                "E-HEADER", package.file(f"{name}.csv"), "文件为空；至少应有表头：" + ",".join(expected), line=1
            )
        elif header != expected:
            missing = [c for c in expected if c not in header]
            extra = [(number, c) for number, c in enumerate(header, 1) if c not in expected]
            detail = []
            if missing:
                detail.append("缺少列 " + "、".join(missing))
            if extra:
                detail.append("多出列 " + "、".join(c if c.strip() else f"第{n}列（无列名）" for n, c in extra))
            if not detail:
                detail.append("列顺序应为 " + ",".join(expected))
            yield Finding("E-HEADER", package.file(f"{name}.csv"), "；".join(detail), line=1)
        for row in package.tables.get(name, []):
            if "__width__" in row.cells:
                yield Finding(
                    "E-ROW",
                    package.file(f"{name}.csv"),
                    f"该行有 {row.cells['__width__']} 个单元格，表头有 {len(header)} 列",
                    line=row.line,
                )


def check_number_cells(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Number cells are bare half-width decimals: no spaces, units, separators or ２０２３.

    A column of bare numbers only (nearly all) is answered by one pass of the regex over it.
    """
    for name, rows in package.tables.items():
        for spec in TABLES[name]["fields"]:
            if spec["type"] not in NUMERIC_TYPES:
                continue
            if _all_bare(rows, spec["name"]):
                continue
            for row in rows:
                text = row.cells.get(spec["name"], "")
                if text and not BARE_NUMBER.fullmatch(text) and not CELL_CONTROL.search(text):
                    yield _finding(
                        package,
                        name,
                        row,
                        "E-NUMBER",
                        spec["name"],
                        f"{text!r} 不是纯数字；请写成半角数字，不带空格、单位、千分位或百分号",
                    )


def _all_bare(rows: list[Row], column: str) -> bool:
    """Whether every non-empty cell of the column is a bare number (check_number_cells then finds nothing)."""
    return all(map(BARE_NUMBER.fullmatch, [text for row in rows if (text := row.cells.get(column, ""))]))


REQUIRED_ROWS = {"unit": (1, 1), "sources": (1, None), "evaluations": (1, None)}
"""Tables other tables refer to: (fewest rows, most rows)."""


def check_row_counts(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """unit.csv has exactly one row; sources.csv and evaluations.csv at least one."""
    for name, (fewest, most) in REQUIRED_ROWS.items():
        if name not in package.headers or not package.headers[name]:
            continue  # unreadable or empty: reported already
        count = len(package.tables.get(name, []))
        if count < fewest or (most is not None and count > most):
            wanted = "恰好有一行" if most == fewest else f"至少有 {fewest} 行"
            yield Finding("E-ROW", package.file(f"{name}.csv"), f"{name}.csv 必须{wanted}数据，现有 {count} 行", line=1)


def check_ids_match_folder(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """unit_id and year in the tables agree with data/<unit-id>/<year>/."""
    for table, column, expected in (
        ("unit", "unit_id", package.unit_id),
        ("evaluations", "unit_id", package.unit_id),
        ("evaluations", "year", package.year),
    ):
        for row in package.tables.get(table, []):
            if row.get(column) != expected:
                yield _finding(package, table, row, "E-ID", column, f"应为目录名 {expected}，实为 {row.get(column)!r}")


def check_portable_names(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Ids that become file or folder names (evaluation pages, narrative files) can exist on Windows.

    Ids are lower case by their pattern, so two can never differ only in case; a device name
    such as ``nul`` would still build on Linux and then fail on a maintainer's Windows checkout.
    """
    for table, column in (("evaluations", "evaluation_id"), ("narrative", "file")):
        for row in package.tables.get(table, []):
            name = row.get(column).rpartition("/")[2]
            if name and (reserved := windows_reserved(name)):
                yield _finding(package, table, row, "E-PATH", column, reserved)


def check_narrative_files(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Every narrative row points at a Markdown file that exists in the package."""
    for row in package.tables.get("narrative", []):
        path = row.get("file")
        if path and path not in package.texts:
            yield _finding(package, "narrative", row, "E-MISSING-FILE", "file", f"{path} 不存在", ref=row.get("order"))


def check_foreign_keys(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Every reference (e.g. evaluation_id in indicators.csv) names a row of the table it points to."""
    for name, schema in TABLES.items():
        for key in schema.get("foreignKeys", []):
            fields, target = key["fields"], key["reference"]
            targets = package.tables.get(target["resource"], [])
            if not targets:
                continue  # an empty table is reported by check_row_counts, not at every reference
            known = {tuple(row.get(f) for f in target["fields"]) for row in targets}
            for row in package.tables.get(name, []):
                values = tuple(row.get(f) for f in fields)
                if all(values) and values not in known:
                    shown = "、".join(repr(v) for v in values)
                    yield _finding(
                        package,
                        name,
                        row,
                        "E-KEY",
                        ",".join(fields),
                        f"引用的值不存在：{shown} 不在 {target['resource']}.csv 的 {','.join(target['fields'])} 中",
                    )
