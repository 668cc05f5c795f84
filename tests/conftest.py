"""Shared fixtures: where the repository is, and a throw-away copy of data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

# The browser fixtures (Chromium, the /jixiao/ server, the network guard) for every test module.
from browser_fixtures import browser, context, guard, server, subpath_built  # noqa: F401
from site_fixtures import DATA

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (the folder holding build.py and data/)."""
    return ROOT


@pytest.fixture
def data_copy(tmp_path: Path, repo_root: Path) -> Path:
    """A copy of the data tree (data/, or JIXIAO_DATA) at tmp_path/"data", safe to break; returns its path."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy
