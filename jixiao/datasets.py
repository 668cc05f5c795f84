"""Datasets: the combined tables across all packages (CSV, XLSX, SQLite, JSON) and the static JSON API.

(Being written: see issue 4.)
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.config import Config
from jixiao.model import Package
from jixiao.pages import SiteIndex


def combined_files(config: Config, index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """Site path → bytes for the combined datasets and the API index; draws on every package."""
    return iter(())


def unit_api_files(config: Config, unit_id: str, packages: list[Package]) -> Iterator[tuple[str, bytes]]:
    """Site path → bytes for one unit's static JSON API files (the unit and each of its evaluations)."""
    return iter(())
