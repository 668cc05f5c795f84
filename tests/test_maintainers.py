"""Maintainer workflow: documented codes, scaffold, workflow commands, serve, lint."""

from __future__ import annotations

import csv
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from jixiao.ingest.findings import CODES
from jixiao.ingest.tables import AMOUNT_UNITS, BUDGET_KINDS, INDICATOR_STATUSES, WEIGHT_TERMS

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_every_code_is_documented_in_contributing() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"`{code}`" not in text]
    assert missing == []


def test_every_status_and_line_kind_is_documented_in_contributing() -> None:
    """A contributor meets these values in the enum columns; CONTRIBUTING must say what each is for."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    values = [*INDICATOR_STATUSES, *BUDGET_KINDS, *AMOUNT_UNITS, *WEIGHT_TERMS, "goals_actual"]
    values.append("python build.py upgrade")
    missing = [value for value in values if f"`{value}`" not in text]
    assert missing == []


def test_every_code_the_code_emits_is_registered() -> None:
    emitted = set()
    for path in (ROOT / "jixiao").rglob("*.py"):
        emitted |= set(re.findall(r'"([EF]-[A-Z-]+[A-Z])"', path.read_text(encoding="utf-8")))
    assert emitted, "no codes found: the pattern is wrong"
    assert emitted - set(CODES) == set()


def test_new_with_projects_scaffolds_no_department_row(tmp_path: Path) -> None:
    """A maintainer adding project forms gets project rows only; --department adds the department row."""
    data = tmp_path / "data"
    assert (
        run(
            "build.py", "--data", str(data), "new", "only-projects", "2025", "--project", "a", "--project", "b"
        ).returncode
        == 0
    )
    with (data / "only-projects/2025/evaluations.csv").open(encoding="utf-8") as handle:
        kinds = [(row["evaluation_id"], row["kind"]) for row in csv.DictReader(handle)]
    assert kinds == [("a", "project"), ("b", "project")]
    assert run("build.py", "--data", str(data), "new", "both", "2025", "--project", "a", "--department").returncode == 0
    with (data / "both/2025/evaluations.csv").open(encoding="utf-8") as handle:
        assert [row["kind"] for row in csv.DictReader(handle)] == ["department", "project"]
    assert run("build.py", "--data", str(data), "new", "dept-only", "2025").returncode == 0
    with (data / "dept-only/2025/evaluations.csv").open(encoding="utf-8") as handle:
        assert [row["kind"] for row in csv.DictReader(handle)] == ["department"]


def _write_rows(path: Path, rows: list[dict]) -> None:
    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_scaffold_fill_validate_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    created = run(
        "build.py", "--data", str(data), "new", "test-unit", "2025", "--project", "demo-project", "--department"
    )
    assert created.returncode == 0, created.stderr
    package = data / "test-unit" / "2025"
    unfilled = run("build.py", "--data", str(data), "validate")
    assert unfilled.returncode == 1
    assert "data/test-unit/2025/unit.csv 第2行 name" in unfilled.stderr

    again = run("build.py", "--data", str(data), "new", "test-unit", "2025")
    assert again.returncode == 2 and "拒绝覆盖" in again.stderr

    _write_rows(
        package / "unit.csv", [{"unit_id": "test-unit", "name": "测试单位", "region": "测试县", "province": "江苏省"}]
    )
    _write_rows(
        package / "sources.csv",
        [{"source_id": "source-1", "title": "测试自评表", "publisher": "测试单位", "file": "test.txt"}],
    )
    _write_rows(
        package / "evaluations.csv",
        [
            {
                "evaluation_id": "department",
                "unit_id": "test-unit",
                "year": "2025",
                "kind": "department",
                "title": "测试单位",
                "form_title": "部门整体支出绩效自评价表",
                "total_weight": "10",
                "total_score": "9.5",
                "grade": "优",
                "source_id": "source-1",
            },
            {
                "evaluation_id": "demo-project",
                "unit_id": "test-unit",
                "year": "2025",
                "kind": "project",
                "title": "示范体检项目",
                "form_title": "项目支出绩效自评表",
                "total_weight": "5",
                "total_score": "5",
                "source_id": "source-1",
            },
        ],
    )
    _write_rows(
        package / "budget.csv",
        [
            {
                "evaluation_id": "department",
                "line_id": "total",
                "order": "1",
                "label": "资金总额",
                "kind": "total",
                "amount_unit": "万元",
                "budget": "100.5",
                "actual": "99.25",
            },
            {
                "evaluation_id": "department",
                "line_id": "basic",
                "parent_id": "total",
                "order": "2",
                "label": "基本支出",
                "kind": "basic",
                "amount_unit": "万元",
                "budget": "60.5",
                "actual": "60.5",
            },
            {
                "evaluation_id": "department",
                "line_id": "project",
                "parent_id": "total",
                "order": "3",
                "label": "项目支出",
                "kind": "project",
                "amount_unit": "万元",
                "budget": "40",
                "actual": "38.75",
            },
        ],
    )
    _write_rows(
        package / "indicators.csv",
        [
            {
                "evaluation_id": "department",
                "row": "1",
                "level1": "决策",
                "level1_weight": "10",
                "level2": "目标",
                "level3": "目标合理性",
                "target": "合理",
                "actual": "合理",
                "weight": "10",
                "score": "9.5",
                "status": "scored",
            },
            {
                "evaluation_id": "demo-project",
                "row": "1",
                "level1": "产出",
                "level3": "体检完成率",
                "target": "100%",
                "actual": "100%",
                "weight": "5",
                "score": "5",
                "status": "scored",
            },
        ],
    )
    valid = run("build.py", "--data", str(data), "validate")
    assert valid.returncode == 0, valid.stderr
    out = tmp_path / "site"
    built = run("build.py", "--data", str(data), "build", "--out", str(out), "--quiet")
    assert built.returncode == 0, built.stderr
    department = (out / "units/test-unit/2025/index.html").read_text(encoding="utf-8")
    assert "测试单位" in department and "100.5" in department and "99.25" in department
    project = (out / "units/test-unit/2025/demo-project/index.html").read_text(encoding="utf-8")
    assert "示范体检项目" in project


def test_annotations_point_at_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "rugao-landloss/2023/indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[3].rstrip("\n").split(",")
    cells[header.index("score")] = "99"
    lines[3] = ",".join(cells) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = run("build.py", "--data", str(data), "validate", "--annotations")
    assert result.returncode == 1
    assert re.search(
        r"^::error file=data/rugao-landloss/2023/indicators\.csv,line=4,title=E-SCORE-ABOVE-WEIGHT",
        result.stdout,
        re.MULTILINE,
    ), result.stdout


def test_workflow_parses_and_runs_commands_that_exist() -> None:
    workflows = list((ROOT / ".github/workflows").glob("*.yml"))
    assert workflows
    commands = []
    for path in workflows:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in spec["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.search(r"@[0-9a-f]{40}", step["uses"]), f"unpinned action {step['uses']}"
                commands += [line for line in step.get("run", "").splitlines() if "build.py" in line]
    assert commands
    subcommands = {re.search(r"build\.py (\w+)", c).group(1) for c in commands}
    help_text = run("build.py", "--help").stdout
    for sub in subcommands:
        assert sub in help_text
    validate = run("build.py", "validate", "--annotations", "--summary", "/dev/null")
    assert validate.returncode == 0, validate.stdout + validate.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_on_change(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "build.py",
            "--data",
            str(data),
            "serve",
            "--port",
            str(port),
            "--out",
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/units/rugao-pension/"
        deadline = time.time() + 60
        page = ""
        while time.time() < deadline:
            try:
                page = _fetch(url)
                break
            except OSError:
                time.sleep(0.3)
        assert "如皋市社会养老保险管理处" in page
        unit_csv = data / "rugao-pension/2024/unit.csv"
        unit_csv.write_text(
            unit_csv.read_text(encoding="utf-8").replace("如皋市社会养老保险管理处", "改名测试处"), encoding="utf-8"
        )
        deadline = time.time() + 60
        while time.time() < deadline and "改名测试处" not in page:
            time.sleep(0.5)
            page = _fetch(url)
        assert "改名测试处" in page
        # A broken file keeps the last good site served and reports the error.
        unit_csv.write_bytes("unit_id,name\n".encode("gbk") + "坏".encode("gbk"))
        deadline = time.time() + 60
        status = ""
        while time.time() < deadline and "E-" not in status:
            time.sleep(0.5)
            status = _fetch(f"http://127.0.0.1:{port}/__jixiao__/status")
        assert "E-ENCODING" in status or "E-HEADER" in status
        assert "改名测试处" in _fetch(url)
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("build.py", "serve", "--port", str(port), "--out", str(tmp_path / "site"), "--no-watch")
    assert result.returncode != 0
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert str(port) in lines[0] and "已被占用" in lines[0] and "--port" in lines[0], lines
    assert not (tmp_path / "site").exists(), "the port is checked before the (slow) build"


GIT = ["git", "-c", "user.name=jixiao tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false"]


def test_gitignore_covers_what_the_build_and_tools_create(tmp_path: Path) -> None:
    """A fresh checkout stays clean after a build, and after the usual tools (venv, npm, gate, bench)."""
    from quality_gate import SCREENSHOTS

    from jixiao.assemble.write import SIBLING
    from jixiao.config import Config

    checkout = tmp_path / "checkout"
    for name in ("data", "templates", "site_src"):
        shutil.copytree(ROOT / name, checkout / name)
    shutil.copy(ROOT / ".gitignore", checkout / ".gitignore")
    subprocess.run([*GIT, "init", "-q"], cwd=checkout, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=checkout, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "checkout"], cwd=checkout, check=True)
    built = run(str(ROOT / "build.py"), "build", "--quiet", cwd=checkout)
    assert built.returncode == 0, built.stderr
    config = Config()
    assert (checkout / config.out_dir).is_dir() and (checkout / config.cache_dir).is_dir()
    # What the build leaves only when interrupted, and what other tools create.
    created = [
        *(f"{SIBLING.format(name=config.out_dir.name)}{kind}-x1y2z3/index.html" for kind in ("new", "old", "tmp")),
        ".venv/bin/python",
        "node_modules/axe-core/axe.js",
        f"{SCREENSHOTS}/home-390.png",
        "bench/out/units-10/a/2024/unit.csv",
        "jixiao.egg-info/PKG-INFO",
        "jixiao/__pycache__/cli.cpython-311.pyc",
        ".pytest_cache/README.md",
        ".ruff_cache/CACHEDIR.TAG",
        ".mypy_cache/CACHEDIR.TAG",
    ]
    for name in created:
        (checkout / name).parent.mkdir(parents=True, exist_ok=True)
        (checkout / name).write_text("", encoding="utf-8")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=checkout, capture_output=True, text=True
    )
    assert status.stdout == "", "not in .gitignore:\n" + status.stdout
    # The code stays tracked: no pattern catches a stage folder such as jixiao/assemble/.
    source = [p.relative_to(ROOT).as_posix() for p in (ROOT / "jixiao").rglob("*.py") if "__pycache__" not in p.parts]
    check = ["git", "check-ignore", "--no-index", "--stdin"]
    ignored = subprocess.run(check, cwd=checkout, input="\n".join(source), capture_output=True, text=True)
    assert ignored.stdout == "", ignored.stdout


@pytest.mark.lint
@pytest.mark.skipif(
    shutil.which("ruff") is None and not Path(sys.executable).with_name("ruff").exists() and not os.environ.get("CI"),
    reason="ruff not installed (in CI the test runs and fails instead)",
)
def test_ruff_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


# --------------------------------------------------------------------------- reproducible installs


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block, "README starts with a sh block of two commands"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_ci_runs_the_readme_test_command_exactly() -> None:
    build_command, test_command = _readme_commands()
    assert "python build.py serve" in build_command and "python -m pytest" in test_command
    lines = [line.strip() for line in (ROOT / ".ci/run").read_text("utf-8").splitlines()]
    assert test_command in lines
    for command in (build_command, test_command):
        assert "-m venv .venv" in command and "-c requirements.lock" in command


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\[<>=!~ ;]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_lock_pins_every_dependency() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = _names(project["dependencies"]) | _names(project["optional-dependencies"]["test"])
    pinned = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line)
        if match:
            pinned[match.group(1).lower().replace("_", "-")] = match.group(2)
    assert wanted - set(pinned) == set(), "refresh requirements.lock (README: how to refresh it)"
    # what is installed here is what the lock says (CI installs with -c requirements.lock)
    from importlib.metadata import version

    for name in sorted(wanted):
        assert version(name) == pinned[name], f"{name} {version(name)} installed, {pinned[name]} locked"


def test_serve_sees_a_rewrite_within_one_clock_tick(tmp_path: Path) -> None:
    """A save that truncates and writes within one file-system tick still counts as a change."""
    from jixiao.commands.serve import Watcher

    path = tmp_path / "unit.csv"
    path.write_text("", encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    watcher = Watcher([tmp_path])
    watcher.start()
    try:
        path.write_text("unit_id,name\n", encoding="utf-8")
        os.utime(path, ns=(stamp, stamp))  # same mtime as the empty file
        assert {Path(changed).name for changed in watcher.wait()} == {"unit.csv"}
    finally:
        watcher.close()
