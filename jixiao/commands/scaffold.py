"""``build.py new``: create an empty, well-formed package for a maintainer to fill in."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from jixiao.commands import CommandRefused
from jixiao.ingest.tables import ID_PATTERN, TABLES, header, package_descriptor


class ScaffoldError(CommandRefused):
    """Raised when the scaffold would overwrite data or the ids are malformed."""


def write_descriptor(package_dir: Path, descriptor: dict) -> None:
    """Write datapackage.json the way every package in data/ is written."""
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (package_dir / "datapackage.json").write_text(text, encoding="utf-8")


def scaffold(data_dir: Path, unit_id: str, year: int, projects: list[str], department: bool = False) -> Path:
    """Create data/<unit_id>/<year>/ with headers and starter rows; never overwrite.

    A department-wide row is scaffolded when no project is named or when asked for:
    a maintainer adding project forms should not have to delete a row they never had.
    """
    for identifier in [unit_id, *projects]:
        if not re.fullmatch(ID_PATTERN, identifier):
            raise ScaffoldError(f"标识 {identifier!r} 不合规：只能用小写字母、数字和连字符")
    if not 2000 <= year <= 2100:
        raise ScaffoldError(f"年度 {year} 不在 2000–2100 之间")
    package_dir = data_dir / unit_id / str(year)
    for folder in (data_dir / unit_id, package_dir):
        if folder.is_symlink():
            raise ScaffoldError(f"{folder} 是符号链接；data/ 中不允许符号链接")
    if package_dir.exists():
        raise ScaffoldError(f"{package_dir} 已存在，拒绝覆盖现有数据")
    (package_dir / "narrative").mkdir(parents=True)
    write_descriptor(package_dir, package_descriptor(unit_id, year, f"{unit_id} {year}"))
    starter = _starter_rows(unit_id, year, projects, department or not projects)
    for name in TABLES:
        with (package_dir / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header(name), lineterminator="\n")
            writer.writeheader()
            for row in starter.get(name, []):
                writer.writerow(row)
    return package_dir


def _starter_rows(unit_id: str, year: int, projects: list[str], department: bool) -> dict[str, list[dict]]:
    """Placeholder rows that show the shape; validation fails until they are filled in."""
    evaluations = [
        *([{"evaluation_id": "department", "kind": "department"}] if department else []),
        *({"evaluation_id": project, "kind": "project"} for project in projects),
    ]
    return {
        "unit": [{"unit_id": unit_id}],
        "sources": [{"source_id": "source-1"}],
        "evaluations": [{**row, "unit_id": unit_id, "year": year, "source_id": "source-1"} for row in evaluations],
    }
