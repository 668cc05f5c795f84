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
from jixiao.ingest.model import AnyEvaluation, AnyPackage, BudgetLine, Evaluation, Flag, Indicator, Package
from jixiao.site import amounts, figures
from jixiao.site.charts import Chart
from jixiao.site.form_tables import (
    AmountCell,
    IndicatorColumns,
    amount_cells,
    amount_columns,
    amount_unit_caption,
    indicator_columns,
)
from jixiao.site.provenance import SourceView, source_view
from jixiao.structure import routes
from jixiao.structure.labels import KIND_LABELS

STATUS_LABELS = {
    "scored": "",
    "weight_only": "原表有分值而得分空白",
    "score_only": "原表只印本行得分，未印本行分值",
    "not_scored": "原表未赋分值",
    "empty": "原表空白行",
}


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
class BudgetRow:
    anchor: str
    line: BudgetLine
    flagged: bool
    cells: tuple[AmountCell, ...] = ()
    """The amount columns of the form, in order (see form_tables.amount_cells)."""


@dataclass(frozen=True)
class IndicatorRow:
    anchor: str
    indicator: Indicator
    flagged: bool
    status_label: str
    note: str = ""
    """评分依据, 偏差原因 and the transcriber's note in one text, folded under the row."""


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
class ZipDownload:
    """The 全部文件（zip） button: the browser fetches ``files`` under ``base`` and packs them as
    ``name`` with every entry under ``root/`` (site_src/downloads.js); no zip is stored."""

    name: str
    root: str
    base: str
    files: str
    """The package's published files, space-separated, sorted (names are ASCII, without spaces)."""


@dataclass(frozen=True)
class EvaluationView:
    evaluation: Evaluation
    kind_label: str
    href: str
    unit_name: str
    unit_href: str
    budget_rows: tuple[BudgetRow, ...]
    amount_headings: tuple[str, ...]
    amount_unit: str
    """元 or 万元 when every budget line's form prints it; empty when lines differ (the table shows 万元 throughout)."""
    show_published_rate: bool
    show_share: bool
    show_budget_score: bool
    budget_chart: Chart | None
    """The amounts, drawn per level (figures.budget_charts)."""
    rate_chart: Chart | None
    """Each line's execution rate, 100% marked."""
    total_line: BudgetLine | None
    """The top budget line, whose published figures open the page."""
    total_rate: str
    """The top line's execution rate as printed (computed here)."""
    total_budget: amounts.Shown
    total_actual: amounts.Shown
    budget_columns: int
    """Columns of the budget table (a note folded under a row spans them all)."""
    indicator_groups: tuple[IndicatorGroup, ...]
    indicator_columns: IndicatorColumns
    score_chart: Chart | None
    narrative: tuple[tuple[str, str], ...]
    flags: tuple[FlagView, ...]
    source: SourceView
    stated_scores: tuple = ()
    facts_flagged: bool = False
    """An evaluation-level flag (a total, the grade) points at the facts list."""
    stated_flagged: bool = False


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


def evaluation_view(
    package: Package, evaluation: Evaluation, path: str, data_title: str, members: tuple[str, ...] = ()
) -> EvaluationView:
    flagged = {flag.anchor for flag in evaluation.flags}
    columns = amount_columns(evaluation)
    budget_rows = tuple(
        BudgetRow(f"budget-{line.line_id}", line, f"budget-{line.line_id}" in flagged, amount_cells(line, columns))
        for line in evaluation.budget
    )
    rate_chart, budget_chart = figures.budget_charts(package, evaluation)
    total = evaluation.total_line
    groups = []
    for level1, rows_iter in groupby(evaluation.indicators, key=lambda i: i.level1):
        rows = tuple(rows_iter)
        groups.append(
            IndicatorGroup(
                level1,
                rows[0].level1_weight,
                tuple(
                    IndicatorRow(
                        f"indicators-{i.row}",
                        i,
                        f"indicators-{i.row}" in flagged,
                        STATUS_LABELS[i.status],
                        " ".join(
                            part
                            for part in (
                                STATUS_LABELS[i.status],
                                i.basis,
                                f"偏差原因：{i.deviation}" if i.deviation else "",
                                i.note,
                            )
                            if part
                        ),
                    )
                    for i in rows
                ),
            )
        )
    unit = amount_unit_caption(evaluation)
    show_published = any(line.rate_published is not None for line in evaluation.budget)
    show_share = any(line.share_published is not None for line in evaluation.budget)
    show_score = any(line.weight is not None for line in evaluation.budget)
    score_chart = figures.score_chart(package, evaluation, score_totals(evaluation.indicators))
    return EvaluationView(
        evaluation=evaluation,
        kind_label=KIND_LABELS[evaluation.kind],
        href=routes.href(path, routes.evaluation_page(package, evaluation)),
        unit_name=package.unit.name,
        unit_href=routes.href(path, routes.unit_page(package.unit.unit_id)),
        budget_rows=budget_rows,
        amount_headings=tuple(title for _, title in columns),
        amount_unit=unit,
        show_published_rate=show_published,
        show_share=show_share,
        show_budget_score=show_score,
        budget_chart=budget_chart,
        rate_chart=rate_chart,
        total_line=total,
        total_rate=figures.percent_text(total.rate_computed) if total else "—",
        total_budget=amounts.line_amount(total, "budget"),
        total_actual=amounts.line_amount(total, "actual"),
        budget_columns=2 + len(columns) + show_published + show_share + 2 * show_score,
        indicator_groups=tuple(groups),
        indicator_columns=indicator_columns(evaluation),
        score_chart=score_chart,
        narrative=tuple((section.title, section.markdown) for section in evaluation.narrative),
        flags=flag_views(package, evaluation.flags, path, evaluation),
        source=source_view(package, evaluation, data_title, path, members),
        stated_scores=evaluation.stated_scores,
        facts_flagged=f"{evaluation.evaluation_id}-facts" in flagged,
        stated_flagged=f"{evaluation.evaluation_id}-stated" in flagged,
    )


def score_totals(indicators: tuple[Indicator, ...]) -> dict[str, tuple[Decimal, Decimal]]:
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for indicator in indicators:
        if indicator.status != "scored":
            continue
        weight, score = totals.get(indicator.level1, (Decimal(0), Decimal(0)))
        totals[indicator.level1] = (weight + (indicator.weight or 0), score + (indicator.score or 0))
    return totals


def summaries(package: AnyPackage, from_path: str, only_others: bool = False) -> list[PackageSummary]:
    """One summary row per evaluation in the package, main first; only_others leaves out the main one."""
    result = []
    evaluations: tuple[AnyEvaluation, ...] = package.evaluations
    for evaluation in sorted(evaluations, key=lambda e: (e is not package.main, e.evaluation_id)):
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
