"""Pages that span units: home (and the totals block listings share), quality, comparison, search, about, 404.

The open-data pages across units are beside: data_page.py (downloads, dictionary, API) and query.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from jixiao.config import NATIONAL_BANDS, Config
from jixiao.ingest.model import AnyPackage
from jixiao.site import charts, compare, figures, views
from jixiao.site.views import Link, PageSpec, page_header
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex


def _evaluation_figures(rows: list[views.PackageSummary], with_year: bool) -> list[figures.EvaluationFigures]:
    def label(r: views.PackageSummary) -> str:
        year = f" {r.year}" if with_year else ""
        return f"{r.unit_name}{year} {r.title}" if r.title != r.unit_name else f"{r.unit_name}{year}"

    return [
        figures.EvaluationFigures(label(r), r.budget, r.actual, r.budget_shown.text, r.actual_shown.text) for r in rows
    ]


CITE = "数据来源：各单位公开的绩效自评（原文出处见各评价页）；合计与执行率由本站计算。"


def totals_context(
    config: Config, path: str, packages: Sequence[AnyPackage], subject: str, chart_prefix: str
) -> dict[str, Any]:
    """Per-year totals (never summed across years), a trend chart for two or more years, and the
    latest year's evaluations with their execution rates."""
    by_year: dict[int, list[AnyPackage]] = {}
    for package in packages:
        by_year.setdefault(package.year, []).append(package)
    years = figures.year_figures(by_year, lambda year, ps: routes.href(path, routes.year_page(year)))
    latest = max(by_year) if by_year else None
    rows = [row for p in by_year.get(latest, []) for row in views.summaries(p, path)] if latest else []
    trend = figures.trend_chart(f"{chart_prefix}-trend", subject, years, CITE) if len(years) >= 2 else None
    evaluations = figures.evaluations_chart(
        f"{chart_prefix}-rates",
        f"{latest} 年各评价执行率" if latest else "各评价执行率",
        _evaluation_figures(rows[: config.site.home_rows], with_year=False),
        CITE,
    )
    return {"years": list(reversed(years)), "trend_chart": trend, "rates_chart": evaluations}


def home(config: Config, index: SiteIndex) -> PageSpec:
    """Every evaluation up to ``home_rows`` (jixiao.toml); beyond, the latest ones (all are on the comparison page)."""
    path = routes.HOME
    home_rows = config.site.home_rows
    in_reading_order = sorted(index.packages, key=lambda p: (routes.unit_reading_order(p.unit), p.year))
    latest_first = sorted(in_reading_order, key=lambda p: -p.year)
    latest = latest_first[:10]
    evaluations_count = sum(len(p.evaluations) for p in index.packages)
    if evaluations_count <= home_rows:
        rows = [row for package in in_reading_order for row in views.summaries(package, path)]
        rows_caption = "全部评价一览"
    else:
        rows = []
        for package in latest_first:
            if len(rows) >= home_rows:
                break
            rows += views.summaries(package, path)
        rows_caption = f"最新 {len(rows)} 份评价（共 {evaluations_count} 份，全部见“比较”页）"
    totals = totals_context(config, path, index.packages, "全部单位", "chart-overview")
    return PageSpec(
        path,
        "home.html",
        {
            "page": page_header(
                config,
                path,
                "首页",
                "政府预算绩效自评开放数据：预算与支出、绩效指标与得分，按原文照录。",
                has_charts=True,
            ),
            "units_count": len(index.by_unit),
            "years_count": len(index.by_year),
            "evaluations_count": evaluations_count,
            **totals,
            "rows": rows,
            "rows_caption": rows_caption,
            "latest": [Link(f"{p.unit.name} {p.year} 年度", routes.href(path, routes.package_page(p))) for p in latest],
            "regions": [
                {
                    "label": "".join(region),
                    "href": routes.href(path, routes.region_page(region)),
                    "units": sorted(
                        {
                            Link(p.unit.name, routes.href(path, routes.unit_page(p.unit.unit_id)))
                            for p in ps
                            if routes.region_of(p.unit) == region
                        },
                        key=lambda link: (routes.slug(link.label), link.href),
                    ),
                }
                for region, ps in sorted(index.by_region.items(), key=lambda item: routes.reading_order(item[0]))
                if any(routes.region_of(p.unit) == region for p in ps)  # the regions units are in, not those above
            ],
            "year_links": [Link(f"{year} 年度", routes.href(path, routes.year_page(year))) for year in index.by_year],
        },
        charts.page_files(path, [totals["trend_chart"], totals["rates_chart"]]),
    )


def quality_page(config: Config, index: SiteIndex) -> PageSpec:
    path = routes.QUALITY
    items: list[dict[str, Any]] = []
    for package in index.packages:
        for e in package.evaluations:
            label = f"{package.unit.name} {package.year} {e.title}"
            for flag in views.flag_views(package, e.flags, path, e):
                where, to = routes.published_location(package, flag.where, path)  # the published file and row
                items.append({"evaluation": label, "href": flag.href, "flag": flag, "where": where, "to": to})
    items.sort(key=lambda item: item["flag"].code)  # grouped by kind; stable, so site order within a kind
    counts: dict[str, dict] = {}
    for item in items:
        code = item["flag"].code
        first = code not in counts
        counts.setdefault(code, {"code": code, "title": item["flag"].title, "count": 0, "href": f"#flag-{code}"})
        counts[code]["count"] += 1
        item["anchor"] = f"flag-{code}" if first else ""
        item["sort"] = {"evaluation": routes.slug(item["evaluation"]), "kind": code}
    return PageSpec(
        path,
        "quality.html",
        {
            "page": page_header(
                config,
                path,
                "数据质量",
                "原文中不一致或未载明的数字一览。",
                [("首页", routes.HOME)],
                scripts=(routes.href(path, routes.SORT_JS),),
            ),
            "flags": items,
            "counts": sorted(counts.values(), key=lambda c: (-c["count"], c["code"])),
        },
    )


def compare_page(config: Config, index: SiteIndex) -> PageSpec:
    """All evaluations side by side (jixiao/site/compare.py), sortable, with rate against score."""
    path = routes.COMPARE
    page = page_header(
        config,
        path,
        "比较",
        "全部绩效自评并列比较：预算、支出、执行率、得分、等级与数据质量标记；执行率与得分散点图。",
        [("首页", routes.HOME)],
        has_charts=True,
        scripts=(routes.href(path, routes.SORT_JS),),
    )
    context = compare.context(index, path, config.grade_bands)
    return PageSpec(path, "compare.html", {"page": page, **context}, charts.page_files(path, [context["chart"]]))


def search_page(config: Config, index: SiteIndex) -> PageSpec:
    """Pagefind UI over the indexes jixiao/site/search.py writes into the site after every page.

    The main bundle holds the shared pages; each slice of the units is merged in (``data-merge``).
    """
    path = routes.SEARCH
    count = routes.search_slice_count(len(index.by_unit))
    slices = sorted({routes.search_slice(unit_id, count) for unit_id in index.by_unit})
    page = page_header(
        config,
        path,
        "搜索",
        "在全部单位、项目、绩效指标和自评叙述中搜索。",
        [("首页", routes.HOME)],
        scripts=(routes.href(path, routes.SEARCH_JS),),
    )
    return PageSpec(
        path,
        "search.html",
        {
            "page": page,
            "pagefind_css": routes.href(path, routes.PAGEFIND_UI_CSS),
            "bundle_href": routes.href(path, routes.PAGEFIND_DIR + "/"),
            "merge_hrefs": [routes.href(path, f"{routes.PAGEFIND_SLICES}/{name}/") for name in slices],
            "compare_href": routes.href(path, routes.COMPARE),
        },
    )


def _band_texts(bands: tuple[tuple[Decimal, str], ...]) -> list[str]:
    texts = []
    previous = None
    for lowest, grade in bands:
        texts.append(f"{grade}：{lowest} 分（含）以上" + (f"、{previous} 分以下" if previous is not None else ""))
        previous = lowest
    return texts


def about_page(config: Config) -> PageSpec:
    """The default bands, then every jurisdiction whose bands differ from them (jixiao.toml [grade_bands])."""
    path = routes.ABOUT
    default = config.grade_bands["default"]
    regional = [
        {"label": region, "bands": _band_texts(bands)}
        for region, bands in sorted(config.grade_bands.items())
        if region != "default" and bands != default
    ]
    return PageSpec(
        path,
        "about.html",
        {
            "page": page_header(
                config,
                path,
                "关于",
                "什么是绩效自评，分数与等级，数据来源，如何参与。",
                [("首页", routes.HOME)],
                indexed=True,
            ),
            "bands": _band_texts(default),
            "bands_intro": "按财政部的分档" if default == NATIONAL_BANDS else "分档",
            "regional_bands": regional,
            "quality_href": routes.href(path, routes.QUALITY),
        },
    )


def not_found_page(config: Config) -> PageSpec:
    """404 is served at any depth, so its links are absolute under the base URL."""
    page = page_header(config, routes.NOT_FOUND, "页面不存在", "页面不存在。")
    base = config.base_url

    def fix(href: str) -> str:
        return base + href.removeprefix("./") if not href.startswith(("http", "/")) else href

    page = views.Page(
        **{
            **page.__dict__,
            "root": base,
            "style_href": fix(page.style_href),
            "search_href": fix(page.search_href),
            "feed_href": fix(page.feed_href),
            "nav": tuple(Link(link.label, fix(link.href)) for link in page.nav),
        }
    )
    return PageSpec(routes.NOT_FOUND, "404.html", {"page": page})
