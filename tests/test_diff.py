"""``build.py diff REF`` in a throw-away git repository: figures, added, deleted and failing packages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("rugao-pension/2024", "rugao-landloss/2023")
GIT = ["git", "-c", "user.name=jixiao tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]


def git(repo: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose one commit holds two of the real packages under data/."""
    for package in PACKAGES:
        shutil.copytree(ROOT / "data" / package, tmp_path / "data" / package)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "seed")
    return tmp_path


def diff(repo: Path, ref: str = "HEAD") -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "diff", ref], cwd=repo, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def report_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


def test_nothing_changed(repo: Path) -> None:
    assert "已发布的数字没有变化" in diff(repo)


def test_changed_figure(repo: Path) -> None:
    # Basic expenditure and the total move together, so the package still adds up.
    budget = repo / "data/rugao-pension/2024/budget.csv"
    edit(budget, ",426.16,,426.16,", ",426.26,,426.16,")
    edit(budget, ",989.34,,989.33,", ",989.44,,989.33,")
    assert report_lines(diff(repo)) == [
        "- rugao-pension/2024 department 基本支出 budget：426.16 → 426.26",
        "- rugao-pension/2024 department 资金总额 budget：989.34 → 989.44",
    ]


def test_added_package(repo: Path) -> None:
    shutil.copytree(ROOT / "data/rugao-sif/2024", repo / "data/rugao-sif/2024")
    assert report_lines(diff(repo)) == ["- 新增数据包 rugao-sif/2024"]


def test_deleted_package(repo: Path) -> None:
    shutil.rmtree(repo / "data/rugao-landloss")
    assert report_lines(diff(repo)) == ["- 删除数据包 rugao-landloss/2023"]


def test_package_failing_now_is_reported_not_deleted(repo: Path) -> None:
    edit(repo / "data/rugao-pension/2024/budget.csv", ",426.16,,426.16,", ",426.26,,426.16,")
    out = diff(repo)
    assert "删除数据包" not in out and "→" not in out, out
    lines = out.splitlines()
    failed = [i for i, line in enumerate(lines) if line.startswith("- rugao-pension/2024 验证未通过（当前）")]
    assert len(failed) == 1, out
    first = lines[failed[0] + 1]
    assert first.startswith("  - data/rugao-pension/2024/budget.csv 第") and "(E-SUM)" in first, out


def test_package_failing_at_ref_is_reported_without_figures(repo: Path) -> None:
    budget = repo / "data/rugao-pension/2024/budget.csv"
    edit(budget, ",426.16,,426.16,", ",426.26,,426.16,")
    git(repo, "commit", "-q", "-am", "break")
    edit(budget, ",426.26,,426.16,", ",426.16,,426.16,")
    out = diff(repo)
    assert "- rugao-pension/2024 验证未通过（在 HEAD 中）" in out, out
    assert "→" not in out and "新增数据包" not in out, out
    assert "(E-SUM)" in out


def test_new_package_failing_is_not_called_added(repo: Path) -> None:
    shutil.copytree(ROOT / "data/rugao-sif/2024", repo / "data/rugao-sif/2024")
    (repo / "data/rugao-sif/2024/unit.csv").write_bytes("unit_id,name\n".encode("gbk") + "坏".encode("gbk"))
    out = diff(repo)
    assert "新增数据包" not in out, out
    assert "- rugao-sif/2024 验证未通过（当前）" in out and "E-ENCODING" in out, out
