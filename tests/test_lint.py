"""Static checks of the code, run with the tests so CI fails on them: `pytest -m lint` runs only these."""

from __future__ import annotations

import keyword
import re
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


def _template_and_schema_names(folder: Path) -> Path:
    """A vulture whitelist of names used where vulture cannot look: the templates read view attributes
    by name, and the combined tables read the model's attributes by the schema's column names."""
    from jixiao.ingest.tables import TABLES
    from jixiao.opendata.combined import COMBINED

    words: set[str] = set()
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file():
            words |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", template.read_text(encoding="utf-8")))
    words |= {field["name"] for table in TABLES.values() for field in table["fields"]}
    words |= {f"{field['name']}_wan" for table in TABLES.values() for field in table["fields"]}
    words |= {column.name for table in COMBINED.values() for column in table.columns}
    path = folder / "used_by_name.py"
    path.write_text("".join(f"_.{word}\n" for word in sorted(words) if not keyword.iskeyword(word)), "utf-8")
    return path


def test_vulture_finds_no_dead_code(tmp_path: Path) -> None:
    """Functions, classes, attributes and variables of jixiao/ that nothing uses (60%: vulture's level for
    them); a name used only in ways vulture cannot see goes in tests/vulture_whitelist.py with who uses it."""
    whitelist = ROOT / "tests" / "vulture_whitelist.py"
    command = [sys.executable, "-m", "vulture", "jixiao", str(whitelist), str(_template_and_schema_names(tmp_path))]
    result = subprocess.run([*command, "--min-confidence", "60"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
