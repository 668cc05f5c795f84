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


SLOW_CALLS = (
    "build_site(",
    "shared_site(",
    "copy_data(",
    "copytree(",
    "subprocess.",
    "run_build(",
    "validate_directory(",
)
"""What makes a test slow: a build, a copy of data/, the command line in a subprocess, a whole data/ validated."""


def _slow_source(function: object) -> bool:
    import inspect

    try:
        source = inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    return any(call in source for call in SLOW_CALLS)


LONGEST_FIRST = (
    "test_layouts.py",
    "test_gate.py",
    "test_incremental.py",
    "test_import.py",
    "test_conformance.py",
    "test_validate.py",
    "test_lint.py",
)
"""The files that take longest (``--durations``; test_layouts reruns the data-driven files on other data), run
first: xdist hands out whole files in collection order (``--no-loadscope-reorder``; by default it sorts them by
their number of tests, which sent test_layouts, 8 tests and the longest, out among the last), and one of these
started last is the run's tail.  Order only: a file not listed runs at its place."""


def _longest_first(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: the order within a file, and of the other files, is kept


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the longest files first (``LONGEST_FIRST``).  Mark ``slow`` the tests that build, copy data/, run the
    command line or drive a browser, directly, through a fixture or through a helper of their module, so
    ``pytest -m "not slow"`` runs the unit tests in seconds (``pytest -m lint``: the static checks)."""
    import inspect

    _longest_first(items)
    helpers: dict[str, set[str]] = {}
    for item in items:
        function = getattr(item, "function", None)
        module = getattr(item, "module", None)
        if function is None or module is None or item.get_closest_marker("lint"):
            continue
        if module.__name__ not in helpers:
            helpers[module.__name__] = {
                name
                for name, value in vars(module).items()
                if inspect.isfunction(value) and not name.startswith("test_") and _slow_source(value)
            }
        fixtures = [d.func for defs in item._fixtureinfo.name2fixturedefs.values() for d in defs]
        source = inspect.getsource(function)
        if (
            item.get_closest_marker("browser")
            or _slow_source(function)
            or any(_slow_source(fixture) for fixture in fixtures)
            or any(f"{name}(" in source for name in helpers[module.__name__])
        ):
            item.add_marker(pytest.mark.slow)
