"""One unit's pages: its unit page and its evaluation pages; they depend on nothing outside the unit."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.config import Config
from jixiao.ingest.model import Evaluation, Package
from jixiao.opendata import metadata
from jixiao.site import charts, figures, views
from jixiao.site.evaluation_view import evaluation_view
from jixiao.site.views import PageSpec, page_header
from jixiao.structure import routes


def unit(config: Config, unit_id: str, packages: list[Package]) -> PageSpec:
    path = routes.unit_page(unit_id)
    latest = packages[-1]
    rows = [row for package in packages for row in views.summaries(package, path)]
    profile = []
    for package in reversed(packages):
        for evaluation in package.evaluations:
            profile += [
                (s.title, s.markdown) for s in evaluation.narrative if s.section in ("functions", "organisation")
            ]
        if profile:
            break
    years = figures.year_figures(
        {p.year: [p] for p in packages},
        lambda year, ps: routes.href(path, routes.package_page(ps[0])),
        one_unit=True,
    )
    cite = f"数据来源：{latest.unit.name}各年度绩效自评（见各年度页的原文出处）；合计与执行率由本站计算。"
    if len(years) >= 2:
        history_chart = figures.trend_chart(f"chart-unit-{unit_id}", latest.unit.name, years, cite)
    else:
        history_chart = figures.evaluations_chart(
            f"chart-unit-{unit_id}",
            f"{latest.unit.name} {latest.year} 年各评价执行率",
            [
                figures.EvaluationFigures(r.title, r.budget, r.actual, r.budget_shown.text, r.actual_shown.text)
                for r in rows
                if r.kind_label
            ],
            cite,
        )
    return PageSpec(
        path,
        "unit.html",
        {
            "page": page_header(
                config,
                path,
                latest.unit.name,
                f"{latest.unit.name}的历年绩效自评。",
                [("首页", routes.HOME)]
                + [(r[-1], routes.region_page(r)) for r in routes.region_levels(routes.region_of(latest.unit))],
                has_charts=True,
                indexed=True,
            ),
            "unit": latest.unit,
            "region_href": routes.href(path, routes.region_page(routes.region_of(latest.unit))),
            "profile": profile,
            "history_chart": history_chart,
            "years": years if len(years) >= 2 else [],
            "cards": list(reversed(years)),  # the headline: each year's totals, rate and score, newest first
            "rows": rows,
        },
        charts.page_files(path, [history_chart]),
    )


def _jsonld(config: Config, package: Package) -> str:
    """schema.org Dataset (jixiao/opendata/metadata.py), safe inside <script type="application/ld+json">.

    Only on the package page, the Dataset's own ``url``: its project pages would repeat it."""
    return charts.embed_json(metadata.dataset_jsonld(config, package))


def evaluation(
    config: Config, package: Package, evaluation: Evaluation | None, members: tuple[str, ...] = ()
) -> PageSpec:
    """The package page (department form or report) or a project page; ``members`` are the
    package's published files, which the zip button packs (none: no button)."""
    is_project = evaluation is not None and evaluation is not package.main
    path = routes.evaluation_page(package, evaluation) if evaluation else routes.package_page(package)
    view = evaluation_view(package, evaluation, path, config.site.data_title, members) if evaluation else None
    crumbs = [("首页", routes.HOME), (package.unit.name, routes.unit_page(package.unit.unit_id))]
    if is_project and evaluation is not None:
        crumbs.append((f"{package.year} 年度", routes.package_page(package)))
        heading = evaluation.title
        title = f"{evaluation.title}（{package.year}）"
    else:
        heading = f"{package.unit.name} {package.year} 年度绩效自评"
        title = heading
    projects = [] if is_project else views.summaries(package, path, only_others=True)
    if package.main is not None:
        projects_heading = "本年度的其他自评"  # the main evaluation is this page
    else:
        projects_heading = "本年度的自评" if len(projects) == 1 else f"本年度的 {len(projects)} 份自评"
    return PageSpec(
        path,
        "evaluation.html",
        {
            "page": page_header(
                config,
                path,
                title,
                f"{title}：预算与支出、绩效指标与得分、自评结论，按原文照录。",
                crumbs,
                has_charts=view is not None and bool(view.budget_chart or view.rate_chart or view.score_chart),
                og_type="article" if view is not None else "website",
                indexed=True,
                scripts=(routes.href(path, routes.DOWNLOADS_JS),) if members and not is_project else (),
            ),
            "heading": heading,
            # a search result's title says whose, which year and which evaluation (no commas: pagefind's separator)
            "search_title": " · ".join(
                [package.unit.name, f"{package.year} 年度"]
                + ([evaluation.title] if is_project and evaluation else [])
                + ([] if is_project else ["绩效自评"])
            ).replace(",", "，"),
            "view": view,
            "projects": projects,
            "projects_heading": projects_heading,
            "package_id": package.package_id,
            # the files are listed once, on the package page; a project page links there
            "downloads": () if is_project else views.downloads(package, path),
            "zip": views.zip_download(package, path, members) if members and not is_project else None,
            "evaluation_id": evaluation.evaluation_id if evaluation else "",
            "package_downloads_href": routes.href(path, routes.package_page(package)) + "#downloads",
            "jsonld": "" if is_project else _jsonld(config, package),
        },
        charts.page_files(path, [view.rate_chart, view.budget_chart, view.score_chart] if view else []),
    )


def unit_pages(
    config: Config, unit_id: str, packages: list[Package], members: dict[str, tuple[str, ...]] | None = None
) -> Iterator[PageSpec]:
    """One unit's pages: the unit page and every evaluation page; they depend on nothing else.

    ``members``: each package's published files by package id (downloads.package_members)."""
    yield unit(config, unit_id, packages)
    for package in packages:
        files = (members or {}).get(package.package_id, ())
        yield evaluation(config, package, package.main, files)
        for other in package.evaluations:
            if other is not package.main:
                yield evaluation(config, package, other, files)
