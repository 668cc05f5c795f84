"""Pages: one typed context per template, every link and label ready to print.

Templates only present: they loop and print.  Links are computed here through
routes.href, relative to the page being written; numbers stay Decimals and are
formatted by the filters in render.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import groupby
from typing import Any

from jixiao.config import Config
from jixiao.ingest.model import BudgetLine, Evaluation, Flag, Indicator, Package, Source
from jixiao.site import charts
from jixiao.site.charts import Chart
from jixiao.structure import routes
from jixiao.structure.labels import KIND_LABELS, citation

STATUS_LABELS = {"scored": "", "not_scored": "未赋分值", "empty": "原表空白行"}


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
class SourceView:
    title: str
    publisher: str
    published: str
    url: str
    file: str
    citation: str


@dataclass(frozen=True)
class BudgetRow:
    anchor: str
    line: BudgetLine
    flagged: bool


@dataclass(frozen=True)
class IndicatorRow:
    anchor: str
    indicator: Indicator
    flagged: bool
    status_label: str


@dataclass(frozen=True)
class IndicatorGroup:
    level1: str
    level1_weight: Decimal | None
    rows: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    file: str


@dataclass(frozen=True)
class EvaluationView:
    evaluation: Evaluation
    kind_label: str
    href: str
    unit_name: str
    unit_href: str
    budget_rows: tuple[BudgetRow, ...]
    show_initial: bool
    show_published_rate: bool
    show_share: bool
    show_budget_score: bool
    budget_chart: Chart | None
    indicator_groups: tuple[IndicatorGroup, ...]
    score_chart: Chart | None
    narrative: tuple[tuple[str, str], ...]
    flags: tuple[FlagView, ...]
    source: SourceView
    stated_scores: tuple = ()


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
        has_charts=has_charts,
        canonical=routes.absolute(site_url, base_url, path) if site_url else "",
        search_href=to(routes.SEARCH),
        feed_href=to(routes.FEED),
    )


def source_view(package: Package, evaluation: Evaluation, data_title: str) -> SourceView:
    s: Source = evaluation.source
    return SourceView(s.title, s.publisher, s.published, s.url, s.file, citation(package, evaluation, data_title))


def flag_views(
    package: Package, flags: tuple[Flag, ...], from_path: str, evaluation: Evaluation
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


def evaluation_view(package: Package, evaluation: Evaluation, path: str, data_title: str) -> EvaluationView:
    flagged = {flag.anchor for flag in evaluation.flags}
    budget_rows = tuple(
        BudgetRow(f"budget-{line.line_id}", line, f"budget-{line.line_id}" in flagged) for line in evaluation.budget
    )
    prefix = evaluation.evaluation_id
    budget_chart = None
    chart_lines = [line for line in evaluation.budget if line.budget is not None or line.actual is not None]
    if chart_lines:
        rows = [("　" * line.depth + line.label, line.budget, line.actual) for line in chart_lines]
        budget_chart = charts.make_chart(
            f"chart-{prefix}-budget",
            "全年预算数与实际支出数（万元）",
            f"{evaluation.title}：各预算行的全年预算数与实际支出数对比，数据见下表。",
            charts.paired_bars(rows, charts.BUDGET_SERIES, "万元"),
        )
    groups = []
    for level1, rows_iter in groupby(evaluation.indicators, key=lambda i: i.level1):
        rows = tuple(rows_iter)
        groups.append(
            IndicatorGroup(
                level1,
                rows[0].level1_weight,
                tuple(
                    IndicatorRow(f"indicators-{i.row}", i, f"indicators-{i.row}" in flagged, STATUS_LABELS[i.status])
                    for i in rows
                ),
            )
        )
    score_chart = None
    totals = score_totals(evaluation.indicators)
    if totals:
        score_chart = charts.make_chart(
            f"chart-{prefix}-scores",
            "各一级指标分值与得分",
            f"{evaluation.title}：各一级指标的分值与得分对比，数据见下表。",
            charts.paired_bars([(name, w, s) for name, (w, s) in totals.items()], charts.SCORE_SERIES, "分"),
        )
    return EvaluationView(
        evaluation=evaluation,
        kind_label=KIND_LABELS[evaluation.kind],
        href=routes.href(path, routes.evaluation_page(package, evaluation)),
        unit_name=package.unit.name,
        unit_href=routes.href(path, routes.unit_page(package.unit.unit_id)),
        budget_rows=budget_rows,
        show_initial=any(line.budget_initial is not None for line in evaluation.budget),
        show_published_rate=any(line.rate_published is not None for line in evaluation.budget),
        show_share=any(line.share_published is not None for line in evaluation.budget),
        show_budget_score=any(line.weight is not None for line in evaluation.budget),
        budget_chart=budget_chart,
        indicator_groups=tuple(groups),
        score_chart=score_chart,
        narrative=tuple((section.title, section.markdown) for section in evaluation.narrative),
        flags=flag_views(package, evaluation.flags, path, evaluation),
        source=source_view(package, evaluation, data_title),
        stated_scores=evaluation.stated_scores,
    )


def score_totals(indicators: tuple[Indicator, ...]) -> dict[str, tuple[Decimal, Decimal]]:
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for indicator in indicators:
        if indicator.status != "scored":
            continue
        weight, score = totals.get(indicator.level1, (Decimal(0), Decimal(0)))
        totals[indicator.level1] = (weight + (indicator.weight or 0), score + (indicator.score or 0))
    return totals


def summaries(package: Package, from_path: str, only_others: bool = False) -> list[PackageSummary]:
    """One summary row per evaluation in the package, main first; only_others leaves out the main one."""
    result = []
    for evaluation in sorted(package.evaluations, key=lambda e: (e is not package.main, e.evaluation_id)):
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
                budget=total.budget if total else None,
                actual=total.actual if total else None,
                rate=total.rate_computed if total else None,
                score=evaluation.total_score,
                grade=evaluation.grade,
                flag_count=len(evaluation.flags),
                flags_href=f"{href}#{routes.flags_anchor(evaluation)}" if evaluation.flags else "",
            )
        )
    return result


def downloads(package: Package, from_path: str) -> tuple[Download, ...]:
    items = [
        Download("全部文件（zip）", routes.href(from_path, routes.download_zip(package)), f"{package.package_id}.zip")
    ]
    items.append(
        Download(
            "datapackage.json",
            routes.href(from_path, routes.download_file(package, "datapackage.json")),
            "datapackage.json",
        )
    )
    for resource in package.descriptor["resources"]:
        items.append(
            Download(
                f"{resource['title']}（{resource['path']}）",
                routes.href(from_path, routes.download_file(package, resource["path"])),
                resource["path"],
            )
        )
    return tuple(items)


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, its template and the template's context."""

    path: str
    template: str
    context: dict[str, Any]


def page_header(config: Config, path: str, title: str, description: str, crumbs=(), has_charts=False, **extra) -> Page:
    """The page header and footer context; ``extra`` sets the optional Page fields (og_type, indexed, scripts)."""
    header = page(path, title, description, list(crumbs), has_charts, config.site_url, config.base_url)
    return replace(header, **extra) if extra else header


def budget_total(packages: list[Package], attribute: str) -> Decimal:
    total = Decimal(0)
    for package in packages:
        for evaluation in package.evaluations:
            if evaluation.kind == "report":
                continue
            line = evaluation.total_line
            value = getattr(line, attribute) if line else None
            total += value or 0
    return total
