"""Listing pages: a year's, and a region's at every level (province, prefecture, county) with the regions
below it; and a page at every address a region page had before, sending readers to the new one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial

from jixiao.config import Config
from jixiao.ingest.model import AnyPackage
from jixiao.site import charts, views
from jixiao.site.shared_pages import totals_context
from jixiao.site.views import Link, PageSpec, page_header
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex


def listing(
    config: Config,
    path: str,
    title: str,
    description: str,
    packages: Sequence[AnyPackage],
    crumbs: list[tuple[str, str]] | None = None,
    children: list[Link] | None = None,
) -> PageSpec:
    """A region's or a year's page: totals per year, charts, and every evaluation (``children``: the regions
    below a region; ``crumbs``: the regions above it)."""
    in_reading_order = sorted(packages, key=lambda p: (routes.unit_reading_order(p.unit), p.year))
    rows = [row for package in in_reading_order for row in views.summaries(package, path)]
    totals = totals_context(config, path, packages, title, "chart-listing")
    return PageSpec(
        path,
        "listing.html",
        {
            "page": page_header(config, path, title, description, crumbs or [("首页", routes.HOME)], has_charts=True),
            "rows": rows,
            "children": children or [],
            **totals,
        },
        charts.page_files(path, [totals["trend_chart"], totals["rates_chart"]]),
    )


def region_listings(config: Config, index: SiteIndex) -> Iterator[tuple[str, tuple[str, ...], partial[PageSpec]]]:
    """(path, units, make) for every region page, from the provinces down."""
    for region, packages in index.by_region.items():
        path = routes.region_page(region)
        title = "".join(region)
        crumbs = [("首页", routes.HOME)] + [(r[-1], routes.region_page(r)) for r in routes.region_levels(region)[:-1]]
        below = sorted(r for r in index.by_region if len(r) == len(region) + 1 and r[: len(region)] == region)
        children = [Link(r[-1], routes.href(path, routes.region_page(r))) for r in below]
        description = f"{title}各单位的绩效自评" + (f"（含下辖 {len(children)} 个地区）。" if children else "。")
        units = tuple(sorted({p.unit.unit_id for p in packages}))
        yield path, units, partial(listing, config, path, title, description, packages, crumbs, children)


def moved_regions(index: SiteIndex) -> dict[str, tuple[str, str, str]]:
    """Old region address → (new address, region name, unit id) where they differ and no page is there now."""
    current = {routes.region_page(region) for region in index.by_region}
    moved: dict[str, tuple[str, str, str]] = {}
    for unit_id, packages in index.by_unit.items():
        unit = packages[-1].unit
        old, new = routes.legacy_region_page(unit), routes.region_page(routes.region_of(unit))
        if old != new and old not in current:
            moved.setdefault(old, (new, "".join(routes.region_of(unit)), unit_id))
    return dict(sorted(moved.items()))


def moved_page(config: Config, path: str, target: str, name: str) -> PageSpec:
    """A page at an old address: a link to the new one, which the browser follows at once (meta refresh)."""
    header = page_header(config, path, f"{name}（页面已移动）", f"{name}的页面已移至新地址。")
    if config.site_url:
        header = replace(header, canonical=routes.absolute(config.site_url, config.base_url, target))
    return PageSpec(path, "moved.html", {"page": header, "target": routes.href(path, target), "name": name})
