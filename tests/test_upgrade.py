"""build.py upgrade: packages written for schema version 1 (the seeds as they were) become current.

tests/fixtures/v1/data/ is data/ as it stood before schema_version existed
(``git archive b413d34 data``); it must keep working through one documented command.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_fixtures import REPO, build_site, tree_bytes

from jixiao.ingest.tables import SCHEMA_VERSION, header

V1 = REPO / "tests" / "fixtures" / "v1" / "data"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def records(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    data = tmp_path_factory.mktemp("upgrade") / "data"
    shutil.copytree(V1, data)
    before = run("--data", str(data), "validate")
    return data, before


def test_an_old_package_names_the_command_to_run(upgraded) -> None:
    data, before = upgraded
    assert before.returncode == 1
    packages = sorted(p.parent.relative_to(V1.parent).as_posix() for p in V1.glob("*/*/datapackage.json"))
    for package in packages:
        assert f"{package}/datapackage.json schema_version:" in before.stderr
    assert before.stderr.count("(E-VERSION)") == len(packages)
    assert "python build.py upgrade" in before.stderr
    assert "Traceback" not in before.stderr


def test_upgrade_validates_builds_and_is_idempotent(upgraded, tmp_path: Path) -> None:
    data, _ = upgraded
    first = run("--data", str(data), "upgrade")
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.count("已升级") == len(list(V1.glob("*/*/datapackage.json")))
    after_first = tree_bytes(data)
    second = run("--data", str(data), "upgrade")
    assert second.returncode == 0 and "已升级" not in second.stdout
    assert tree_bytes(data) == after_first, "a second upgrade changed files"
    valid = run("--data", str(data), "validate")
    assert valid.returncode == 0, valid.stderr
    for descriptor in data.glob("*/*/datapackage.json"):
        assert json.loads(descriptor.read_text("utf-8"))["schema_version"] == SCHEMA_VERSION
    site = build_site(tmp_path / "site", data_dir=data)
    assert (site / "units/yiyang-si/2022/teacher-allowance/index.html").is_file()


def test_upgrade_keeps_every_cell_and_only_adds_columns(upgraded) -> None:
    data, _ = upgraded
    assert run("--data", str(data), "upgrade").returncode == 0
    for old in sorted(V1.glob("*/*/*.csv")):
        new = data / old.relative_to(V1)
        name = old.stem
        old_rows, new_rows = records(old), records(new)
        with new.open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == header(name), new
        assert len(old_rows) == len(new_rows), new
        for was, now in zip(old_rows, new_rows, strict=True):
            assert {k: now[k] for k in was} == was, (new, was)
            added = {k: v for k, v in now.items() if k not in was and v}
            assert added == ({"amount_unit": "万元"} if name == "budget" else {}), (new, added)
    for narrative in V1.glob("*/*/narrative/*.md"):
        assert (data / narrative.relative_to(V1)).read_bytes() == narrative.read_bytes()


def test_upgrade_keeps_columns_it_does_not_know(tmp_path: Path) -> None:
    """A column the schema lacks is kept (last), so validation names it rather than the upgrade losing it."""
    data = tmp_path / "data"
    shutil.copytree(V1 / "rugao-pension", data / "rugao-pension")
    unit = data / "rugao-pension/2024/unit.csv"
    lines = unit.read_text("utf-8").splitlines()
    unit.write_text("\n".join([lines[0] + ",extra", *(line + ",kept" for line in lines[1:])]) + "\n", "utf-8")
    assert run("--data", str(data), "upgrade").returncode == 0
    assert [row["extra"] for row in records(unit)] == ["kept"]
    result = run("--data", str(data), "validate")
    assert result.returncode == 1 and "多出列 extra" in result.stderr


def test_diff_against_a_schema_1_commit_shows_no_changed_figure(tmp_path: Path) -> None:
    """A pull request that only upgrades the schema changes no published figure (diff upgrades REF's copy too)."""
    repo = tmp_path / "repo"
    shutil.copytree(V1, repo / "data")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "schema 1"]):
        subprocess.run([*git, *command], cwd=repo, check=True, capture_output=True)
    build = [sys.executable, str(REPO / "build.py")]
    assert subprocess.run([*build, "upgrade"], cwd=repo, capture_output=True, timeout=300).returncode == 0
    result = subprocess.run([*build, "diff", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "已发布的数字没有变化" in result.stdout, result.stdout


def test_upgrade_refuses_a_symlinked_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(V1 / "rugao-pension", data / "rugao-pension")
    outside = tmp_path / "outside.csv"
    unit = data / "rugao-pension/2024/unit.csv"
    outside.write_bytes(unit.read_bytes())
    unit.unlink()
    unit.symlink_to(outside)
    result = run("--data", str(data), "upgrade")
    assert result.returncode == 1 and "符号链接" in result.stderr
    assert outside.read_bytes() == (V1 / "rugao-pension/2024/unit.csv").read_bytes()
