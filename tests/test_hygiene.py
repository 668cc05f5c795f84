"""Publishing hygiene and commands on hostile input: what a pull request's data can make the tools say or write.

Each case runs the command line as CI and maintainers do (a subprocess of build.py on a
tiny copy under tmp_path) and asserts the outcome a reader of the output relies on: one
annotation per finding, a one-line Chinese message and a non-zero exit, no traceback,
nothing lost.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "rugao-landloss/2023"
"""A real package (one department form with narrative) copied into each case."""


def cli(cwd: Path, *args: str, timeout: int = 300, **options) -> subprocess.CompletedProcess[str]:
    """``python build.py ARGS`` in cwd."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        **options,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """tmp_path/data holding one real package."""
    shutil.copytree(ROOT / "data" / PACKAGE, tmp_path / "data" / PACKAGE)
    return tmp_path / "data"


def assert_clean_refusal(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Non-zero exit, the expected words in stderr, no traceback."""
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for words in expected:
        assert words in result.stderr, result.stderr


# --------------------------------------------------------------------------- annotations


def test_a_file_name_cannot_forge_or_stop_annotations(data: Path) -> None:
    """A file called ``x⏎::notice …`` or ``::stop-commands::…`` stays inside one escaped annotation."""
    package = data / PACKAGE
    (package / "x\n::notice file=README.md,title=forged::all good").write_text("a\n", encoding="utf-8")
    (package / "::stop-commands::token,50%").write_text("a\n", encoding="utf-8")
    result = cli(data.parent, "--data", str(data), "validate", "--annotations")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert all(line.startswith(("::error file=data/", "::notice file=data/")) for line in commands), commands
    assert not any("forged" in line and "%0A" not in line for line in lines), lines
    forged = [line for line in commands if "forged" in line]
    assert len(forged) == 1 and forged[0].startswith(
        f"::error file=data/{PACKAGE}/x%0A%3A%3Anotice file=README.md%2Ctitle=forged%3A%3Aall good,title=E-"
    ), forged
    stop = [line for line in commands if "stop-commands" in line]
    assert len(stop) == 1 and stop[0].startswith(
        f"::error file=data/{PACKAGE}/%3A%3Astop-commands%3A%3Atoken%2C50%25,title=E-"
    ), stop
