"""Site: every page of the portal as (path, template, context); rendered by the pipeline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao import charts, pages, routes
from jixiao.config import NATIONAL_BANDS, Config
from jixiao.model import Evaluation, Package
from jixiao.pages import Link, SiteIndex
from jixiao.tables import TABLE_TITLES, TABLES


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    context: dict[str, Any]


def _page(config: Config, path: str, title: str, description: str, crumbs=(), has_charts=False) -> pages.Page:
    return pages.page(path, title, description, list(crumbs), has_charts, config.site_url, config.base_url)


def _total(packages: list[Package], attribute: str) -> Decimal:
    total = Decimal(0)
    for package in packages:
        for evaluation in package.evaluations:
            if evaluation.kind == "report":
                continue
            line = evaluation.total_line
            value = getattr(line, attribute) if line else None
            total += value or 0
    return total


def _overview_chart(chart_id: str, title: str, rows: list[pages.PackageSummary]) -> charts.Chart | None:
    data = [
        (
            f"{r.unit_name} {r.year} {r.title}" if r.title != r.unit_name else f"{r.unit_name} {r.year}",
            r.budget,
            r.actual,
        )
        for r in rows
        if r.budget is not None or r.actual is not None
    ]
    if not data:
        return None
    return charts.make_chart(
        chart_id, title, f"{title}，数据见下表。", charts.paired_bars(data, charts.BUDGET_SERIES, "万元")
    )


def home(config: Config, index: SiteIndex) -> PageSpec:
    path = routes.HOME
    rows = [row for package in index.packages for row in pages.summaries(package, path)]
    latest = sorted(index.packages, key=lambda p: (-p.year, p.unit.unit_id))[:10]
    return PageSpec(
        path,
        "home.html",
        {
            "page": _page(
                config,
                path,
                "首页",
                "政府预算绩效自评开放数据：预算与支出、绩效指标与得分，按原文照录。",
                has_charts=True,
            ),
            "units_count": len(index.by_unit),
            "years_count": len(index.by_year),
            "evaluations_count": sum(len(p.evaluations) for p in index.packages),
            "total_budget": _total(index.packages, "budget"),
            "total_actual": _total(index.packages, "actual"),
            "overview_chart": _overview_chart("chart-overview", "各评价全年预算数与实际支出数（万元）", rows),
            "rows": rows,
            "latest": [Link(f"{p.unit.name} {p.year} 年度", routes.href(path, routes.package_page(p))) for p in latest],
            "regions": [
                {
                    "label": f"{ps[0].unit.province}{region}",
                    "href": routes.href(path, routes.region_page(region)),
                    "units": sorted(
                        {Link(p.unit.name, routes.href(path, routes.unit_page(p.unit.unit_id))) for p in ps},
                        key=lambda link: link.href,
                    ),
                }
                for region, ps in index.by_region.items()
            ],
            "years": [Link(f"{year} 年度", routes.href(path, routes.year_page(year))) for year in index.by_year],
        },
    )


def listing(config: Config, path: str, title: str, description: str, packages: list[Package]) -> PageSpec:
    rows = [row for package in packages for row in pages.summaries(package, path)]
    return PageSpec(
        path,
        "listing.html",
        {
            "page": _page(config, path, title, description, [("首页", routes.HOME)]),
            "rows": rows,
        },
    )


def unit(config: Config, unit_id: str, packages: list[Package]) -> PageSpec:
    path = routes.unit_page(unit_id)
    latest = packages[-1]
    rows = [row for package in packages for row in pages.summaries(package, path)]
    profile = []
    for package in reversed(packages):
        for evaluation in package.evaluations:
            profile += [
                (s.title, s.markdown) for s in evaluation.narrative if s.section in ("functions", "organisation")
            ]
        if profile:
            break
    history_rows = []
    for package in packages:
        budget = _total([package], "budget")
        actual = _total([package], "actual")
        history_rows.append((f"{package.year} 年", budget, actual))
    history_chart = charts.make_chart(
        f"chart-unit-{unit_id}",
        "历年全年预算数与实际支出数（万元）",
        f"{latest.unit.name}历年预算与支出，数据见下表。",
        charts.paired_bars(history_rows, charts.BUDGET_SERIES, "万元"),
    )
    return PageSpec(
        path,
        "unit.html",
        {
            "page": _page(
                config,
                path,
                latest.unit.name,
                f"{latest.unit.name}的历年绩效自评。",
                [("首页", routes.HOME), (latest.unit.region, routes.region_page(latest.unit.region))],
                has_charts=True,
            ),
            "unit": latest.unit,
            "region_href": routes.href(path, routes.region_page(latest.unit.region)),
            "profile": profile,
            "history_chart": history_chart,
            "rows": rows,
        },
    )


def _jsonld(config: Config, package: Package) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": f"{package.unit.name} {package.year} 年度绩效自评",
        "description": f"{package.unit.name} {package.year} 年度预算绩效自评数据：预算与支出、指标与得分、叙述。",
        "identifier": package.package_id,
        "inLanguage": "zh-CN",
        "license": "https://creativecommons.org/publicdomain/zero/1.0/",
        "spatialCoverage": f"{package.unit.province}{package.unit.prefecture}{package.unit.region}",
        "temporalCoverage": str(package.year),
        "creator": {"@type": "GovernmentOrganization", "name": package.unit.name},
        "isBasedOn": [s.title for s in package.sources],
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "application/zip",
                "contentUrl": routes.absolute(config.site_url, config.base_url, routes.download_zip(package)),
            },
        ]
        + [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "name": name,
                "contentUrl": routes.absolute(config.site_url, config.base_url, routes.download_file(package, name)),
            }
            for name in package.files
        ],
    }
    return charts.embed_json(data)


def evaluation(config: Config, package: Package, evaluation: Evaluation | None) -> PageSpec:
    """The package page (department form or report) or a project page."""
    is_project = evaluation is not None and evaluation is not package.main
    path = routes.evaluation_page(package, evaluation) if evaluation else routes.package_page(package)
    view = pages.evaluation_view(package, evaluation, path) if evaluation else None
    crumbs = [("首页", routes.HOME), (package.unit.name, routes.unit_page(package.unit.unit_id))]
    if is_project:
        crumbs.append((f"{package.year} 年度", routes.package_page(package)))
        heading = evaluation.title
        title = f"{evaluation.title}（{package.year}）"
    else:
        heading = f"{package.unit.name} {package.year} 年度绩效自评"
        title = heading
    projects = [] if is_project else pages.summaries(package, path, only_others=True)
    return PageSpec(
        path,
        "evaluation.html",
        {
            "page": _page(
                config,
                path,
                title,
                f"{title}：预算与支出、绩效指标与得分、自评结论，按原文照录。",
                crumbs,
                has_charts=view is not None and bool(view.budget_chart or view.score_chart),
            ),
            "heading": heading,
            "view": view,
            "projects": projects,
            "package_id": package.package_id,
            "downloads": pages.downloads(package, path),
            "jsonld": _jsonld(config, package),
        },
    )


def data_page(config: Config, index: SiteIndex) -> PageSpec:
    path = routes.DATA
    dictionary = []
    for name, schema in TABLES.items():
        fields = []
        for f in schema["fields"]:
            constraints = dict(f.get("constraints", {}))
            text = "；".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(constraints.items()))
            fields.append(
                {
                    "name": f["name"],
                    "type": f["type"],
                    "title": f["title"],
                    "description": f["description"],
                    "constraints": text,
                }
            )
        dictionary.append({"name": name, "title": TABLE_TITLES[name], "fields": fields})
    first = index.packages[0] if index.packages else None
    example = pages.citation(first, first.evaluations[0]) if first and first.evaluations else ""
    return PageSpec(
        path,
        "data.html",
        {
            "page": _page(config, path, "数据下载", "全部数据包、数据字典与引用方式。", [("首页", routes.HOME)]),
            "packages": [
                {
                    "package_id": p.package_id,
                    "title": f"{p.unit.name} {p.year} 年度（{p.package_id}）",
                    "href": routes.href(path, routes.package_page(p)),
                    "downloads": pages.downloads(p, path),
                }
                for p in index.packages
            ],
            "dictionary": dictionary,
            "example_citation": example,
        },
    )


def quality_page(config: Config, index: SiteIndex) -> PageSpec:
    path = routes.QUALITY
    items = []
    for package in index.packages:
        for e in package.evaluations:
            for flag in pages.flag_views(package, e.flags, path, e):
                items.append(
                    {"evaluation": f"{package.unit.name} {package.year} {e.title}", "href": flag.href, "flag": flag}
                )
    return PageSpec(
        path,
        "quality.html",
        {
            "page": _page(config, path, "数据质量", "原文中不一致或未载明的数字一览。", [("首页", routes.HOME)]),
            "flags": items,
        },
    )


def about_page(config: Config) -> PageSpec:
    path = routes.ABOUT
    bands = []
    previous = None
    for lowest, grade in NATIONAL_BANDS:
        bands.append(f"{grade}：{lowest} 分（含）以上" + (f"、{previous} 分以下" if previous is not None else ""))
        previous = lowest
    return PageSpec(
        path,
        "about.html",
        {
            "page": _page(
                config, path, "关于", "什么是绩效自评，分数与等级，数据来源，如何参与。", [("首页", routes.HOME)]
            ),
            "bands": bands,
            "quality_href": routes.href(path, routes.QUALITY),
        },
    )


def not_found_page(config: Config) -> PageSpec:
    """404 is served at any depth, so its links are absolute under the base URL."""
    page = _page(config, routes.NOT_FOUND, "页面不存在", "页面不存在。")
    base = config.base_url

    def fix(href: str) -> str:
        return base + href.removeprefix("./") if not href.startswith(("http", "/")) else href

    page = pages.Page(
        **{
            **page.__dict__,
            "root": base,
            "style_href": fix(page.style_href),
            "nav": tuple(Link(link.label, fix(link.href)) for link in page.nav),
        }
    )
    return PageSpec(routes.NOT_FOUND, "404.html", {"page": page})


def global_pages(config: Config, index: SiteIndex) -> Iterator[PageSpec]:
    """Pages that draw on every package: home, listings, data, quality, about, 404."""
    yield home(config, index)
    for region, packages in index.by_region.items():
        yield listing(
            config,
            routes.region_page(region),
            f"{packages[0].unit.province}{region}",
            f"{region}各单位的绩效自评。",
            packages,
        )
    for year, packages in index.by_year.items():
        yield listing(config, routes.year_page(year), f"{year} 年度", f"{year} 年度的全部绩效自评。", packages)
    yield data_page(config, index)
    yield quality_page(config, index)
    yield about_page(config)
    yield not_found_page(config)


def unit_pages(config: Config, unit_id: str, packages: list[Package]) -> Iterator[PageSpec]:
    """One unit's pages: the unit page and every evaluation page; they depend on nothing else."""
    yield unit(config, unit_id, packages)
    for package in packages:
        yield evaluation(config, package, package.main)
        for other in package.evaluations:
            if other is not package.main:
                yield evaluation(config, package, other)


def all_pages(config: Config, index: SiteIndex) -> Iterator[PageSpec]:
    yield from global_pages(config, index)
    for unit_id, packages in index.by_unit.items():
        yield from unit_pages(config, unit_id, packages)
