"""``build.py diff REF``: what the working tree changes in the published figures since REF."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from jixiao.config import GRADE_BANDS
from jixiao.ingest.model import Package, build_package
from jixiao.ingest.validate import validate_directory


def _packages(data_dir: Path) -> dict[str, Package]:
    results = validate_directory(data_dir, GRADE_BANDS)
    return {r.package.display.split("/", 1)[1]: build_package(r.package, r.findings) for r in results if not r.errors}


def _figures(package: Package) -> dict[str, str]:
    figures: dict[str, str] = {}
    for e in package.evaluations:
        figures[f"{e.evaluation_id} 总得分"] = str(e.total_score)
        figures[f"{e.evaluation_id} 等级"] = e.grade
        for line in e.budget:
            for column in ("budget_initial", "budget", "actual"):
                figures[f"{e.evaluation_id} {line.label} {column}"] = str(getattr(line, column))
        for i in e.indicators:
            figures[f"{e.evaluation_id} 指标{i.row} {i.level3} 得分"] = str(i.score)
    return figures


def run_diff(data_dir: Path, ref: str) -> int:
    """Print packages added/removed and every changed published figure, as Markdown."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", ref, data_dir.as_posix()], capture_output=True)
        if archive.returncode != 0:
            print(f"错误：无法读取 {ref} 的 {data_dir}：{archive.stderr.decode().strip()}", file=sys.stderr)
            return 2
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        before = _packages(Path(tmp) / data_dir)
    after = _packages(data_dir)
    print(f"## 与 {ref} 相比的数字变化\n")
    for key in sorted(set(after) - set(before)):
        print(f"- 新增数据包 {key}")
    for key in sorted(set(before) - set(after)):
        print(f"- 删除数据包 {key}")
    changed = 0
    for key in sorted(set(before) & set(after)):
        old, new = _figures(before[key]), _figures(after[key])
        for name in sorted(set(old) | set(new)):
            if old.get(name) != new.get(name):
                changed += 1
                print(f"- {key} {name}：{old.get(name, '（无）')} → {new.get(name, '（无）')}")
    if not changed and set(before) == set(after):
        print("已发布的数字没有变化。")
    return 0
