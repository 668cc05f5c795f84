"""Static checks of the code, run with the tests so CI fails on them: `pytest -m lint` runs only these."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.lint


def test_mypy_clean() -> None:
    """``mypy jixiao`` with pyproject's [tool.mypy] settings reports no error."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "jixiao", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
