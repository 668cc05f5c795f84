"""``build.py diff REF``: what the working tree changes in the published figures since REF."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jixiao.commands.upgrade import upgrade_package
from jixiao.config import GRADE_BANDS, GradeBands
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import find_packages
from jixiao.ingest.model import Package, build_package
from jixiao.ingest.validate import validate_directory

FIRST_FINDINGS = 3
"""How many of a failing package's errors the report quotes; `build.py validate` lists them all."""


@dataclass(frozen=True)
class Side:
    """One side of the comparison: valid packages and the errors of the others, by ``<unit>/<year>``."""

    valid: dict[str, Package]
    invalid: dict[str, list[Finding]]

    def __contains__(self, key: str) -> bool:
        return key in self.valid or key in self.invalid


def _side(data_dir: Path, grade_bands: GradeBands) -> Side:
    valid: dict[str, Package] = {}
    invalid: dict[str, list[Finding]] = {}
    for result in validate_directory(data_dir, grade_bands):
        key = result.package.directory.relative_to(data_dir).as_posix()
        if result.errors:
            invalid[key] = result.errors
        else:
            valid[key] = build_package(result.package, result.findings)
    return Side(valid, invalid)


def _failed(key: str, where: str, errors: list[Finding]) -> list[str]:
    """A package that fails validation is neither added nor deleted: say so, with its first errors."""
    lines = [f"- {key} 验证未通过（{where}），共 {len(errors)} 个错误，其数字不作比较："]
    lines += [f"  - {finding.text()}" for finding in errors[:FIRST_FINDINGS]]
    if len(errors) > FIRST_FINDINGS:
        lines.append(f"  - ……其余 {len(errors) - FIRST_FINDINGS} 个见 `python build.py validate`")
    return lines


def _figures(package: Package) -> dict[str, str]:
    figures: dict[str, str] = {}
    for e in package.evaluations:
        figures[f"{e.evaluation_id} 总分值"] = str(e.total_weight)
        figures[f"{e.evaluation_id} 总得分"] = str(e.total_score)
        figures[f"{e.evaluation_id} 等级"] = e.grade
        for line in e.budget:
            figures[f"{e.evaluation_id} {line.label} 单位"] = line.amount_unit
            for column in ("budget_initial", "budget", "funds_received", "actual"):
                figures[f"{e.evaluation_id} {line.label} {column}"] = str(getattr(line, column))
            if line.ambiguous_amounts:
                shown = " ".join(map(str, line.ambiguous_amounts))
                figures[f"{e.evaluation_id} {line.label} 列归属不明"] = f"{shown}（{' '.join(line.ambiguous_columns)}）"
        for i in e.indicators:
            figures[f"{e.evaluation_id} 指标{i.row} {i.level3} 分值"] = str(i.weight)
            figures[f"{e.evaluation_id} 指标{i.row} {i.level3} 得分"] = str(i.score)
    return figures


def run_diff(data_dir: Path, ref: str, grade_bands: GradeBands = GRADE_BANDS) -> int:
    """Print packages added, deleted or failing validation and every changed published figure, as Markdown.

    Exit 0 whatever the data says (it is a report; `build.py validate` fails the build), 2 when REF cannot be read.
    """
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", ref, data_dir.as_posix()], capture_output=True)
        if archive.returncode != 0:
            print(f"错误：无法读取 {ref} 的 {data_dir}：{archive.stderr.decode().strip()}", file=sys.stderr)
            return 2
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        _upgrade_quietly(Path(tmp) / data_dir)
        before = _side(Path(tmp) / data_dir, grade_bands)
    after = _side(data_dir, grade_bands)
    print(f"## 与 {ref} 相比的数字变化\n")
    lines: list[str] = []
    for key in sorted(set(before.valid) | set(before.invalid) | set(after.valid) | set(after.invalid)):
        lines += _compare(key, ref, before, after)
    print("\n".join(lines) if lines else "已发布的数字没有变化。")
    return 0


def _upgrade_quietly(data_dir: Path) -> None:
    """Bring REF's packages to the current schema first, so a schema upgrade alone changes no figure."""
    for directory in find_packages(data_dir):
        try:
            upgrade_package(directory)
        except (ValueError, OSError, json.JSONDecodeError, UnicodeDecodeError):
            continue  # left as it is: validation then reports it as failing at REF


def _compare(key: str, ref: str, before: Side, after: Side) -> list[str]:
    """The report's lines for one package; figures are compared only when both sides validate."""
    if key not in after:
        return [f"- 删除数据包 {key}"]
    lines = []
    if key in before.invalid:
        lines += _failed(key, f"在 {ref} 中", before.invalid[key])
    if key in after.invalid:
        lines += _failed(key, "当前", after.invalid[key])
    if lines:
        return lines
    if key not in before:
        return [f"- 新增数据包 {key}"]
    old, new = _figures(before.valid[key]), _figures(after.valid[key])
    return [
        f"- {key} {name}：{old.get(name, '（无）')} → {new.get(name, '（无）')}"
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    ]
