"""The site index: every package's outline grouped by unit, region and year, built once per build.

It is a value: built once, after the combined datasets have counted their rows, and
never changed afterwards, so every page across units sees the same index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jixiao.ingest.model import PackageOutline
from jixiao.structure import routes


@dataclass(frozen=True)
class SiteIndex:
    """Everything that pages across packages need, computed once (``SiteIndex.of``)."""

    packages: tuple[PackageOutline, ...]
    """Sorted by unit and year."""
    by_unit: Mapping[str, tuple[PackageOutline, ...]]
    by_region: Mapping[routes.Region, tuple[PackageOutline, ...]]
    by_year: Mapping[int, tuple[PackageOutline, ...]]
    """Newest year first."""
    row_counts: Mapping[str, int]
    """Rows of each combined table (``combined.COMBINED``), as the build counted them while writing each
    year's combined files (assemble/shared.py): outlines cannot count budget lines or indicators."""
    all_years_files: tuple[str, ...] | None = None
    """Site paths of the files a size setting may withhold that the datasets stage published: the
    all-years database and workbook and each year's plain CSVs (``combined.size_capped``); None where
    no datasets stage ran (all are listed)."""
    added: Mapping[str, str] = field(default_factory=dict)
    """Package id → the date (YYYY-MM-DD) it was first committed, and "HEAD" → the built commit's date
    (jixiao/assemble/history.py; empty outside git): the feed's date where a source prints none."""

    @classmethod
    def of(
        cls,
        packages: Iterable[PackageOutline],
        row_counts: Mapping[str, int],
        all_years_files: tuple[str, ...] | None = None,
        added: Mapping[str, str] | None = None,
    ) -> SiteIndex:
        ordered = tuple(sorted(packages, key=lambda p: (p.unit.unit_id, p.year)))
        by_unit: dict[str, list[PackageOutline]] = defaultdict(list)
        by_region: dict[routes.Region, list[PackageOutline]] = defaultdict(list)
        by_year: dict[int, list[PackageOutline]] = defaultdict(list)
        for package in ordered:
            by_unit[package.unit.unit_id].append(package)
            for region in routes.region_levels(routes.region_of(package.unit)):
                by_region[region].append(package)
            by_year[package.year].append(package)
        return cls(
            packages=ordered,
            by_unit={unit: tuple(found) for unit, found in sorted(by_unit.items())},
            by_region={
                region: tuple(found)
                for region, found in sorted(by_region.items(), key=lambda item: routes.region_page(item[0]))
            },
            by_year={year: tuple(found) for year, found in sorted(by_year.items(), reverse=True)},
            row_counts=dict(row_counts),
            all_years_files=all_years_files,
            added=dict(added or {}),
        )
