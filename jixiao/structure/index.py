"""The site index: every package grouped by unit, region and year, computed once per build."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from jixiao.ingest.model import Package
from jixiao.structure import routes


@dataclass
class SiteIndex:
    """Everything that pages across packages need, computed once."""

    packages: list[Package]
    by_unit: dict[str, list[Package]] = field(default_factory=dict)
    by_region: dict[routes.Region, list[Package]] = field(default_factory=dict)
    by_year: dict[int, list[Package]] = field(default_factory=dict)
    full_packages: Callable[[], Iterator[Package]] | None = None
    """Every package whole, one at a time (``packages`` may hold outlines: totals, scores, flags)."""
    all_years_files: tuple[str, ...] | None = None
    """Site paths of the all-years database and workbook the datasets stage published (left here by it);
    None before that stage (both are listed)."""
    added: dict[str, str] = field(default_factory=dict)
    """Package id → the date (YYYY-MM-DD) it was first committed, and "HEAD" → the built commit's date
    (jixiao/assemble/history.py; empty outside git): the feed's date where a source prints none."""
    row_counts: dict[str, int] = field(default_factory=dict)
    """Rows of each combined table (``combined.COMBINED``), left here by the build as it writes each year's
    combined files (assemble/shared.py); outlines cannot count budget lines or indicators."""

    def each_full_package(self) -> Iterator[Package]:
        return self.full_packages() if self.full_packages is not None else iter(self.packages)

    @classmethod
    def of(cls, packages: list[Package]) -> SiteIndex:
        index = cls(packages=sorted(packages, key=lambda p: (p.unit.unit_id, p.year)))
        by_unit: dict[str, list[Package]] = defaultdict(list)
        by_region: dict[routes.Region, list[Package]] = defaultdict(list)
        by_year: dict[int, list[Package]] = defaultdict(list)
        for package in index.packages:
            by_unit[package.unit.unit_id].append(package)
            for region in routes.region_levels(routes.region_of(package.unit)):
                by_region[region].append(package)
            by_year[package.year].append(package)
        index.by_unit = dict(sorted(by_unit.items()))
        index.by_region = dict(sorted(by_region.items(), key=lambda item: routes.region_page(item[0])))
        index.by_year = dict(sorted(by_year.items(), reverse=True))
        return index
