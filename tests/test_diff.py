"""``build.py diff REF`` in a throw-away git repository: figures, added, deleted and failing packages."""

from __future__ import annotations

import json
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


def run(repo: Path, *ref: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "diff", *ref], cwd=repo, capture_output=True, text=True, timeout=300
    )


def diff(repo: Path, ref: str = "HEAD") -> str:
    result = run(repo, ref)
    assert result.returncode == 0, result.stderr
    assert "None" not in result.stdout, result.stdout
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
        "- rugao-pension/2024 department 资金总额 budget：989.34 → 989.44",
        "- rugao-pension/2024 department 基本支出 budget：426.16 → 426.26",
    ]


def test_two_lines_with_one_label_are_both_compared(repo: Path) -> None:
    """Figures are keyed by line_id: an edit to the first of two lines called 经费 is not hidden by the second."""
    budget = repo / "data/rugao-pension/2024/budget.csv"
    edit(budget, ",稽查经费,", ",经费,")
    edit(budget, ",司法费用,", ",经费,")
    git(repo, "commit", "-q", "-am", "two lines with one label")
    edit(budget, ",经费,item,万元,,9,,9,", ",经费,item,万元,,10,,10,")
    edit(budget, ",563.18,,563.17,", ",564.18,,564.17,")
    edit(budget, ",989.34,,989.33,", ",990.34,,990.33,")
    assert report_lines(diff(repo)) == [
        "- rugao-pension/2024 department 资金总额 budget：989.34 → 990.34",
        "- rugao-pension/2024 department 资金总额 actual：989.33 → 990.33",
        "- rugao-pension/2024 department 项目支出 budget：563.18 → 564.18",
        "- rugao-pension/2024 department 项目支出 actual：563.17 → 564.17",
        "- rugao-pension/2024 department 经费 budget：9 → 10",
        "- rugao-pension/2024 department 经费 actual：9 → 10",
    ]


def test_a_blank_figure_is_not_printed_as_none(repo: Path) -> None:
    """A cell filled in where the form had it blank reads 未填 → figure, never ``None``."""
    budget = repo / "data/rugao-pension/2024/budget.csv"
    edit(budget, ",退休人员体检费,item,万元,,347.52,", ",退休人员体检费,item,万元,347.52,347.52,")
    assert report_lines(diff(repo)) == [
        "- rugao-pension/2024 department 退休人员体检费 budget_initial：—（未填） → 347.52",
    ]


def test_added_package_lists_its_headline_figures(repo: Path) -> None:
    """A reviewer checks a new package's totals, scores and grade against the form (rugao-sif 2024's forms)."""
    shutil.copytree(ROOT / "data/rugao-sif/2024", repo / "data/rugao-sif/2024")
    out = diff(repo)
    assert report_lines(out) == ["- 新增数据包 rugao-sif/2024，请与原表核对："]
    added = out.splitlines()[out.splitlines().index("- 新增数据包 rugao-sif/2024，请与原表核对：") + 1 :]
    assert added[:2] == [
        "  - printing-paper（打印纸及个人账户打印纸）：总分值 100，总得分 99，等级 优",
        "    - 项目支出（万元）：年初预算数 —（未填），全年预算数 6，到位数 —（未填），执行数 6",
    ]
    assert "  - operations（社保业务运营经费）：总分值 100，总得分 99，等级 优" in added
    assert "    - 项目支出（万元）：年初预算数 —（未填），全年预算数 474.37，到位数 —（未填），执行数 474.37" in added


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


# A branch under review is untrusted: its ref and its tree are data.


def test_ref_that_looks_like_an_option_writes_nothing(repo: Path) -> None:
    """``git archive --output=FILE`` would truncate FILE; the ref is only ever resolved, never an option."""
    victim = repo / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    result = run(repo, "--", f"--output={victim}")  # argparse takes it as REF after --
    assert result.returncode == 2, result.stdout
    assert "不是本仓库中的提交" in result.stderr and "Traceback" not in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def _old_schema_package(folder: Path) -> dict[str, bytes]:
    """A real package of schema version 1 (upgrade would rewrite it), and its bytes."""
    package = folder / "rugao-landloss/2023"
    shutil.copytree(ROOT / "data/rugao-landloss/2023", package)
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    descriptor.pop("schema_version", None)
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ref_whose_data_is_a_symlink_is_refused_and_upgrades_nothing_there(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    before = _old_schema_package(outside)
    git(repo, "rm", "-rq", "data")
    (repo / "data").symlink_to(outside)
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "data is a link")
    (repo / "data").unlink()
    git(repo, "checkout", "-q", "HEAD~1", "--", "data")
    result = run(repo, "HEAD")
    assert result.returncode == 2, result.stdout
    assert "data" in result.stderr and "符号链接" in result.stderr and "Traceback" not in result.stderr
    after = {p.relative_to(outside).as_posix(): p.read_bytes() for p in sorted(outside.rglob("*")) if p.is_file()}
    assert after == before


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../outside.csv"])
def test_ref_with_a_symlinked_file_is_refused(repo: Path, target: str) -> None:
    link = repo / "data/rugao-pension/2024/sources.csv"
    link.unlink()
    link.symlink_to(target)
    git(repo, "add", "-A", "data")
    git(repo, "commit", "-q", "-m", "a linked file")
    result = run(repo, "HEAD")
    assert result.returncode == 2, result.stdout
    assert "sources.csv" in result.stderr and "符号链接" in result.stderr and "Traceback" not in result.stderr
