"""Pages: one typed context per template, every link and label ready to print.

Templates only present: they loop and print.  Links are computed here through
routes.href, relative to the page being written; numbers stay Decimals and are
formatted by the filters in render.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby

from jixiao import charts, routes
from jixiao.charts import Chart
from jixiao.model import BudgetLine, Evaluation, Flag, Indicator, Package, Source

KIND_LABELS = {"department": "部门整体支出绩效自评", "project": "项目支出绩效自评", "report": "绩效自评报告"}
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


@dataclass
class SiteIndex:
    """Everything that pages across packages need, computed once."""

    packages: list[Package]
    by_unit: dict[str, list[Package]] = field(default_factory=dict)
    by_region: dict[routes.Region, list[Package]] = field(default_factory=dict)
    by_year: dict[int, list[Package]] = field(default_factory=dict)
    full_packages: Callable[[], Iterator[Package]] | None = None
    """Every package whole, one at a time (``packages`` may hold outlines: totals, scores, flags)."""
    row_counts: dict[str, int] = field(default_factory=dict)
    """Rows of each combined table (``combined.COMBINED``), left here by ``datasets.combined_files`` as it
    reads every full package; outlines cannot count budget lines or indicators."""

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
            by_region[routes.region_of(package.unit)].append(package)
            by_year[package.year].append(package)
        index.by_unit = dict(sorted(by_unit.items()))
        index.by_region = dict(sorted(by_region.items(), key=lambda item: routes.region_page(item[0])))
        index.by_year = dict(sorted(by_year.items(), reverse=True))
        return index


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


def citation(package: Package, evaluation: Evaluation) -> str:
    source = evaluation.source
    date = f"，{source.published}" if source.published else ""
    return (
        f"{source.publisher}：《{source.title}》{date}。"
        f"转引自 jixiao 绩效公开数据包 {package.package_id}（{evaluation.title}，{evaluation.year} 年度）。"
    )


def source_view(package: Package, evaluation: Evaluation) -> SourceView:
    s: Source = evaluation.source
    return SourceView(s.title, s.publisher, s.published, s.url, s.file, citation(package, evaluation))


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


def evaluation_view(package: Package, evaluation: Evaluation, path: str) -> EvaluationView:
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
        source=source_view(package, evaluation),
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
