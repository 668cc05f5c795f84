"""The plan of the pages across units: each page with what it draws on, made only when asked.

A build renders a page across units again only when the packages it draws on changed
(jixiao/assemble/shared.py keys each by the outlines of its units); the pages themselves
are in jixiao/site/shared_pages.py, listing_pages.py, data_page.py and query.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from jixiao.config import Config
from jixiao.ingest.model import AnyPackage
from jixiao.site.data_page import data_page
from jixiao.site.listing_pages import listing, moved_page, moved_regions, region_listings
from jixiao.site.query import query_page
from jixiao.site.shared_pages import about_page, compare_page, home, not_found_page, quality_page, search_page
from jixiao.site.views import PageSpec
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex


@dataclass(frozen=True)
class SharedPage:
    """A page across units, not yet made: what it draws on, so a build can reuse it when that is unchanged."""

    path: str
    units: tuple[str, ...] | None
    """The units whose packages it shows (None: every unit; () none)."""
    make: Callable[[], PageSpec]
    counts: bool = False
    """It also prints the combined tables' row counts (``index.row_counts``)."""
    inputs: tuple[str, ...] = ()
    """Anything else it depends on (the search page: the slices it merges)."""


def shared_page_plan(config: Config, index: SiteIndex) -> Iterator[SharedPage]:
    """Pages that draw on every package: home, listings, data, quality, compare, search, about, 404."""

    def units_of(packages: Sequence[AnyPackage]) -> tuple[str, ...]:
        return tuple(sorted({p.unit.unit_id for p in packages}))

    yield SharedPage(routes.HOME, None, lambda: home(config, index))
    for path, units, make_region in region_listings(config, index):
        yield SharedPage(path, units, make_region)
    for path, (target, name, unit_id) in moved_regions(index).items():
        yield SharedPage(path, (unit_id,), partial(moved_page, config, path, target, name))
    for year, packages in index.by_year.items():
        path = routes.year_page(year)
        make = partial(listing, config, path, f"{year} 年度", f"{year} 年度的全部绩效自评。", packages)
        yield SharedPage(path, units_of(packages), make)
    yield SharedPage(routes.DATA, (), lambda: data_page(config, index), counts=True, inputs=_data_inputs(index))
    yield SharedPage(routes.QUALITY, None, lambda: quality_page(config, index))
    yield SharedPage(routes.COMPARE, None, lambda: compare_page(config, index))
    published = (repr(index.all_years_files),)  # whether the page can load jixiao.db
    yield SharedPage(routes.QUERY, (), lambda: query_page(config, index), inputs=published)
    if config.site.search:
        count = routes.search_slice_count(len(index.by_unit))
        slices = tuple(sorted({routes.search_slice(unit_id, count) for unit_id in index.by_unit}))
        yield SharedPage(routes.SEARCH, None, lambda: search_page(config, index), inputs=slices)
    yield SharedPage(routes.ABOUT, (), lambda: about_page(config))
    yield SharedPage(routes.NOT_FOUND, (), lambda: not_found_page(config))


def _data_inputs(index: SiteIndex) -> tuple[str, ...]:
    """What the data page shows of the packages: ids, names, years, resources, the first one's citation.

    Not their figures, so an edited figure does not render this long page again.
    """
    hasher = hashlib.sha256()
    for package in index.packages:
        resources = [(r.path, r.title) for r in package.resources]
        hasher.update(repr((package.package_id, package.unit.name, package.year, resources)).encode("utf-8"))
    first = index.packages[0] if index.packages else None
    if first is not None:
        hasher.update(repr((first.evaluations[:1], sorted(index.by_year))).encode("utf-8"))
    return (hasher.hexdigest(),)
