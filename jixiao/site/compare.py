"""Compare: every evaluation side by side, and execution rate against score.

The table is sortable in the browser (site_src/sort.js) from ``data-sort`` keys computed
here, so the script never parses printed figures: numbers sort by their exact value,
names by pinyin, grades by rank, and a missing figure always sorts last.  Without
JavaScript the table is a plain table in the site's usual order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from jixiao.config import NATIONAL_BANDS, GradeBands
from jixiao.site import charts, views
from jixiao.site.views import PackageSummary
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex
from jixiao.structure.labels import half_up, percent

TABLE_ID = "compare-table"
CHART_ID = "chart-compare"
RATE_TITLE = "执行率（计算，%）"
SCORE_TITLE = "得分"


def grade_ranks(bands: GradeBands) -> dict[str, str]:
    """Grade → sort key by its lowest score in any jurisdiction (jixiao.toml), lowest grade first."""
    lowest: dict[str, Decimal] = {}
    for region in bands.values():
        for score, grade in region:
            lowest[grade] = min(lowest.get(grade, score), score)
    ordered = sorted(lowest, key=lambda grade: (lowest[grade], grade))
    return {grade: str(rank) for rank, grade in enumerate(ordered, start=1)}


GRADE_RANK = grade_ranks({"default": NATIONAL_BANDS})
"""差 → 1 … 优 → 4, so an ascending sort puts the lowest grade first."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sort_type: str
    """"number" (data-sort parsed as a number) or "text" (data-sort compared as a string)."""
    css: str = ""


COLUMNS = (
    Column("unit", "单位", "text"),
    Column("year", "年度", "number"),
    Column("title", "评价", "text"),
    Column("budget", "全年预算数（万元）", "number", "num"),
    Column("actual", "实际支出数（万元）", "number", "num"),
    Column("rate", "执行率（计算）", "number", "num"),
    Column("score", "得分", "number", "num"),
    Column("grade", "等级", "number"),
    Column("flags", "数据质量标记", "number"),
)


@dataclass(frozen=True)
class CompareRow:
    summary: PackageSummary
    sort: dict[str, str]
    """Column key → the cell's data-sort value ("" when the figure is missing)."""


def _number(value: Decimal | None, places: int | None = None) -> str:
    if value is None:
        return ""
    return f"{value:.{places}f}" if places is not None else format(value, "f")


def sort_keys(row: PackageSummary, ranks: dict[str, str] = GRADE_RANK) -> dict[str, str]:
    return {
        "unit": routes.slug(row.unit_name),
        "year": str(row.year),
        "title": routes.slug(row.title),
        "budget": _number(row.budget),
        "actual": _number(row.actual),
        "rate": _number(row.rate, 6),
        "score": _number(row.score),
        "grade": ranks.get(row.grade, ""),
        "flags": str(row.flag_count),
    }


def _label(row: PackageSummary) -> str:
    return f"{row.unit_name} {row.year} {row.title}" if row.title != row.unit_name else f"{row.unit_name} {row.year}"


def _chart(rows: list[PackageSummary]) -> charts.Chart | None:
    points = [
        charts.ScatterPoint(_label(r), r.rate, r.score, r.year, r.href)
        for r in rows
        if r.rate is not None and r.score is not None
    ]
    if not points:
        return None
    rates = [p.x for p in points]
    scores = [p.y for p in points]
    low, high = format(min(scores), "f"), format(max(scores), "f")
    spots = Counter((p.x, p.y) for p in points)
    shared = sum(count for count in spots.values() if count > 1)
    description = (
        "散点图：横轴为执行率（实际支出数 ÷ 全年预算数，本站计算），纵轴为自评得分，"
        f"每点一份评价，共 {len(points)} 份；执行率 {percent(min(rates))} 至 {percent(max(rates))}，"
        f"得分 {low} 至 {high}。"
        + (f"其中 {shared} 份与别的评价落在同一点，该点旁标出份数。" if shared else "")
        + "各点数据见下表。"
    )
    return charts.make_chart(
        CHART_ID,
        "执行率与得分",
        description,
        charts.scatter(points, RATE_TITLE, SCORE_TITLE),
        (
            ("评价", "执行率（计算，%）", "得分"),
            [(p.label, half_up(p.x, 2), p.y) for p in points],
        ),
        "数据来源：各单位公开的绩效自评（原文出处见各评价页）；执行率由本站计算。",
    )


def context(index: SiteIndex, path: str, bands: GradeBands | None = None) -> dict:
    """The comparison page's context: columns, rows with sort keys, the scatter chart."""
    packages = sorted(index.packages, key=lambda p: (routes.unit_reading_order(p.unit), p.year))
    summaries = [row for package in packages for row in views.summaries(package, path)]
    ranks = grade_ranks(bands) if bands else GRADE_RANK
    return {
        "columns": COLUMNS,
        "rows": [CompareRow(row, sort_keys(row, ranks)) for row in summaries],
        "chart": _chart(summaries),
        "table_id": TABLE_ID,
        "years": sorted({row.year for row in summaries}),
        "year_param": charts.SCATTER_YEAR,
    }
