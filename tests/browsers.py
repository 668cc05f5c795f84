"""Which Chromium the browser tests and the benchmarks drive: test equipment, not part of jixiao.

Imported by tests/browser_fixtures.py, tests/test_workflows.py and bench/lighthouse.py,
bench/query.py (which put tests/ on their path).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

BROWSER_ENV = "JIXIAO_CHROMIUM"
"""Path (or command name) of the Chromium or Chrome the browser tests and bench/lighthouse.py drive."""
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Looked up on PATH, in this order, when JIXIAO_CHROMIUM is not set: Debian's, Ubuntu's, Google's."""


def find_browser() -> tuple[Path | None, str]:
    """The browser to drive, and where it came from (or why there is none).

    One setting for the tests and the benchmark, so a machine without /usr/bin/chromium
    (GitHub's runner has Google Chrome) needs only JIXIAO_CHROMIUM, never an edit.
    """
    wanted = os.environ.get(BROWSER_ENV, "").strip()
    if wanted:
        found = shutil.which(wanted)
        if found is None:
            return None, f"{BROWSER_ENV}={wanted} is not an executable file or a command on PATH"
        return Path(found), f"{BROWSER_ENV}={wanted}"
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found is not None:
            return Path(found), f"{name} on PATH"
    return None, f"no browser: set {BROWSER_ENV} or put one of {', '.join(BROWSER_NAMES)} on PATH"
