"""Views: what every page's template gets (the header and its links, ``PageSpec``), and the parts many
pages share: the rows listing evaluations, a package's downloads, flags.  The evaluation page's own
tables are in evaluation_view.py.

Templates only present: they loop and print.  Links are computed here through
routes.href, relative to the page being written; numbers stay Decimals and are
formatted by the filters in render.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from jixiao.config import Config
from jixiao.ingest.model import AnyEvaluation, AnyPackage, Flag, Package
from jixiao.site import amounts
from jixiao.structure import routes
from jixiao.structure.labels import KIND_LABELS


@dataclass(frozen=True)
class Link:
    label: str
    href: str


@dataclass(frozen=True)
class Page:
    """What base.html needs on every page."""

    path: str
    title: str
    description: str
    root: str
    """Relative link to the site root, e.g. ``../../``."""
    nav: tuple[Link, ...]
    breadcrumbs: tuple[Link, ...]
    style_href: str
    charts_js_href: str
    vega_js_href: str
    chart_templates_href: str
    has_charts: bool
    canonical: str
    search_href: str = ""
    """The header search form's action (search/index.html)."""
    feed_href: str = ""
    og_type: str = "website"
    """Open Graph type: "article" on evaluation pages."""
    indexed: bool = False
    """Whether pagefind indexes the page's main content (data-pagefind-body on <main>)."""
    scripts: tuple[str, ...] = ()
    """Extra script links beside the chart scripts (table sorting, search)."""


@dataclass(frozen=True)
class FlagView:
    code: str
    title: str
    message: str
    href: str
    where: str


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    file: str


@dataclass(frozen=True)
class ZipDownload:
    """The 全部文件（zip） button: the browser fetches ``files`` under ``base`` and packs them as
    ``name`` with every entry under ``root/`` (site_src/downloads.js); no zip is stored."""

    name: str
    root: str
    base: str
    files: str
    """The package's published files, space-separated, sorted (names are ASCII, without spaces)."""


@dataclass(frozen=True)
class PackageSummary:
    """A row in lists of evaluations (home, unit, region, year pages)."""

    unit_name: str
    unit_href: str
    region: str
    year: int
    title: str
    kind_label: str
    href: str
    budget: Decimal | None
    actual: Decimal | None
    rate: Decimal | None
    score: Decimal | None
    grade: str
    flag_count: int
    flags_href: str = ""
    """Link to the evaluation's data-quality section; empty when it has no flags."""
    budget_shown: amounts.Shown = amounts.ABSENT
    """``budget`` as printed on the page: 万元, the 元 figure beside, or the figures of unknown column."""
    actual_shown: amounts.Shown = amounts.ABSENT


def page(
    path: str,
    title: str,
    description: str,
    crumbs: list[tuple[str, str]],
    has_charts: bool = False,
    site_url: str = "",
    base_url: str = "/",
) -> Page:
    def to(target: str) -> str:
        return routes.href(path, target)

    nav = (
        Link("首页", to(routes.HOME)),
        Link("比较", to(routes.COMPARE)),
        Link("数据下载", to(routes.DATA)),
        Link("查询", to(routes.QUERY)),
        Link("数据质量", to(routes.QUALITY)),
        Link("关于", to(routes.ABOUT)),
    )
    return Page(
        path=path,
        title=title,
        description=description,
        root=to(routes.HOME),
        nav=nav,
        breadcrumbs=tuple(Link(label, to(target)) for label, target in crumbs),
        style_href=to(routes.STYLE),
        charts_js_href=to(routes.CHARTS_JS),
        vega_js_href=to(routes.VEGA_JS),
        chart_templates_href=to(routes.CHART_TEMPLATES_JS),
        has_charts=has_charts,
        canonical=routes.absolute(site_url, base_url, path) if site_url else "",
        search_href=to(routes.SEARCH),
        feed_href=to(routes.FEED),
    )


def flag_views(
    package: AnyPackage, flags: tuple[Flag, ...], from_path: str, evaluation: AnyEvaluation
) -> tuple[FlagView, ...]:
    target = routes.evaluation_page(package, evaluation)
    return tuple(
        FlagView(
            flag.code,
            flag.title,
            flag.message,
            routes.href(from_path, target) + (f"#{flag.anchor}" if flag.anchor else ""),
            f"{flag.file}" + (f" 第{flag.line}行" if flag.line else ""),
        )
        for flag in flags
    )


def summaries(package: AnyPackage, from_path: str, only_others: bool = False) -> list[PackageSummary]:
    """One summary row per evaluation in the package, main first; only_others leaves out the main one."""
    result = []
    evaluations: tuple[AnyEvaluation, ...] = package.evaluations
    # the main one first, then by title as a reader looks it up (pinyin), not by the ids the maintainer chose
    for evaluation in sorted(evaluations, key=lambda e: (e is not package.main, routes.slug(e.title), e.evaluation_id)):
        if only_others and evaluation is package.main:
            continue
        total = evaluation.total_line
        href = routes.href(from_path, routes.evaluation_page(package, evaluation))
        result.append(
            PackageSummary(
                unit_name=package.unit.name,
                unit_href=routes.href(from_path, routes.unit_page(package.unit.unit_id)),
                region=package.unit.region,
                year=package.year,
                title=evaluation.title,
                kind_label=KIND_LABELS[evaluation.kind],
                href=href,
                budget=total.budget_wan if total else None,
                actual=total.actual_wan if total else None,
                rate=total.rate_computed if total else None,
                score=evaluation.total_score,
                grade=evaluation.grade,
                flag_count=len(evaluation.flags),
                flags_href=f"{href}#{routes.flags_anchor(evaluation)}" if evaluation.flags else "",
                budget_shown=amounts.line_amount(total, "budget"),
                actual_shown=amounts.line_amount(total, "actual"),
            )
        )
    return result


def downloads(package: AnyPackage, from_path: str) -> tuple[Download, ...]:
    items = [
        Download(
            "datapackage.json",
            routes.href(from_path, routes.download_file(package, "datapackage.json")),
            "datapackage.json",
        )
    ]
    for resource in package.resources:
        items.append(
            Download(
                f"{resource.title}（{resource.path}）",
                routes.href(from_path, routes.download_file(package, resource.path)),
                resource.path,
            )
        )
    return tuple(items)


def zip_download(package: Package, from_path: str, members: tuple[str, ...]) -> ZipDownload:
    base = routes.href(from_path, routes.download_dir(package) + "/")
    return ZipDownload(routes.zip_name(package), package.package_id, base, " ".join(sorted(members)))


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, its template and the template's context."""

    path: str
    template: str
    context: dict[str, Any]
    files: tuple[tuple[str, bytes], ...] = ()
    """Files written beside the page: each chart's CSV (charts.page_files)."""


def page_header(config: Config, path: str, title: str, description: str, crumbs=(), has_charts=False, **extra) -> Page:
    """The page header and footer context; ``extra`` sets the optional Page fields (og_type, indexed, scripts)."""
    header = page(path, title, description, list(crumbs), has_charts, config.site_url, config.base_url)
    return replace(header, **extra) if extra else header
