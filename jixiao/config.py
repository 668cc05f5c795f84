"""Configuration: one frozen Config for a build, and the grade bands per jurisdiction."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

GradeBands = dict[str, tuple[tuple[Decimal, str], ...]]
"""Jurisdiction (province, or a more specific region) → (lowest score, grade), best first."""

NATIONAL_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "优"),
    (Decimal(80), "良"),
    (Decimal(60), "中"),
    (Decimal(0), "差"),
)
"""财政部《项目支出绩效评价管理办法》(财预〔2020〕10号)：90（含）以上为优，80（含）–90 为良，
60（含）–80 为中，60 以下为差。Jiangsu and Jiangxi use the same bands."""

GRADE_BANDS: GradeBands = {
    "default": NATIONAL_BANDS,
    "江苏省": NATIONAL_BANDS,
    "江西省": NATIONAL_BANDS,
}


def grade_for(score: Decimal, jurisdiction: str, bands: GradeBands) -> str:
    """The grade a score earns under a jurisdiction's bands (region, then province, then default)."""
    for lowest, grade in bands.get(jurisdiction, bands["default"]):
        if score >= lowest:
            return grade
    return bands["default"][-1][1]


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


def _epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))  # 2026-01-01 UTC


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know; passed down, never mutated."""

    data_dir: Path = Path("data")
    out_dir: Path = Path("_site")
    base_url: str = "/"
    """Path prefix the site is served under, e.g. ``/jixiao/`` for a GitHub project page."""
    site_url: str = ""
    """Absolute origin for sitemap, feed and metadata (e.g. ``https://example.org``); may be empty."""
    source_date_epoch: int = field(default_factory=_epoch)
    """Fixed time for every date the build writes, so builds are reproducible."""
    jobs: int = 1
    """Worker processes for rendering units; 1 renders in the main process."""
    quiet: bool = False
    cache_dir: Path = Path(".jixiao-cache")
    """Validation results, unit records, site manifests and the Vega bundle."""
    shard: str = ""
    """``i/n``: build only every n-th unit (from the i-th) and no shared pages; see ``merge``."""
    merge: tuple[Path, ...] = ()
    """Shard output folders to assemble into the site (their units are reused, not rendered)."""
    incremental: bool = True
    """Reuse the units of the previous build whose inputs have not changed."""
    allow_empty: bool = False
    """Build a site from a data/ folder without packages (refused by default: it would replace a published site)."""
    templates_dir: Path = Path("templates")
    assets_dir: Path = Path("site_src")
    grade_bands: GradeBands = field(default_factory=lambda: dict(GRADE_BANDS))
