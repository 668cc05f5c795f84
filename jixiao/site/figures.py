"""Figures: the charts and headline numbers of the pages, computed here, never in templates.

Execution rates (actual ÷ budget), per-year totals and the rounded headline figures are
worked out in Python; every rounded figure says so, and the exact published figures stay
in the tables and in each chart's CSV.  Totals are never summed across years.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from jixiao.ingest.model import AnyPackage, Evaluation, EvaluationFacts, Package
from jixiao.site import amounts, charts
from jixiao.site.charts import Bar, Chart, Group, Row
from jixiao.structure import totals as money_rule
from jixiao.structure.labels import amount, half_up, percent

HUNDRED = Decimal(100)
YI = Decimal(10000)
"""万元 in one 亿元."""
LEVEL_HEADINGS = {
    frozenset({"total"}): "总额",
    frozenset({"basic"}): "基本支出与项目支出",
    frozenset({"project"}): "基本支出与项目支出",
    frozenset({"basic", "project"}): "基本支出与项目支出",
    frozenset({"item"}): "明细项目",
    frozenset({"fiscal"}): "资金来源",
    frozenset({"other"}): "资金来源",
    frozenset({"fiscal", "other"}): "资金来源",
}


def rate(budget: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """actual ÷ budget × 100, unrounded; None where either is missing or the budget is 0."""
    if budget is None or actual is None or budget == 0:
        return None
    return actual / budget * HUNDRED


def percent_text(value: Decimal | None) -> str:
    """A rate as the site shows it (``labels.percent``: two places, half up), the digits of ``rate_computed``."""
    return percent(value)


def rounded(value: Decimal | None) -> str:
    """A headline amount in the unit a reader expects: 亿元 to two decimals from 1 亿元, else whole 万元."""
    if value is None:
        return "—"
    if abs(value) >= YI:
        return f"约 {half_up(value / YI, 2):,} 亿元"
    if abs(value) >= 100:
        return f"约 {half_up(value, 0):,} 万元"
    return f"约 {half_up(value, 1):,} 万元"


def _rate_bar(value: Decimal | None, why: str = "无法计算") -> Bar:
    if value is None:
        return Bar(charts.RATE_SERIES[0], None, f"—（{why}）")
    over = value > HUNDRED
    text = percent_text(value) + ("（超支）" if over else "")
    return Bar(charts.RATE_SERIES[1] if over else charts.RATE_SERIES[0], value, text)


def _amount_bars(
    budget: Decimal | None,
    actual: Decimal | None,
    shown: tuple[amounts.Shown, amounts.Shown] | None = None,
    missing: str = "—（未载明）",
) -> tuple[Bar, ...]:
    """Two bars in 万元; each prints its figure as the tables do (``shown``: the lines' amounts.Shown), else
    the exact sum with separators, or ``missing``."""
    texts = shown or (amounts.total(budget), amounts.total(actual))
    return tuple(
        # a drawn bar prints its 万元 figure (a 元 form's printed figure is in the table: no room beside a bar
        # on a phone); a figure of unknown column has no bar and prints what the form does
        Bar(series, value, missing if text.text == "—" else text.text if value is not None else text.inline(""))
        for series, value, text in zip(charts.BUDGET_SERIES, (budget, actual), texts, strict=True)
    )


def _series(groups: Iterable[Group], order: Sequence[str]) -> tuple[str, ...]:
    used = {bar.series for group in groups for row in group.rows for bar in row.bars if bar.value is not None}
    return tuple(name for name in order if name in used) or (order[0],)


def rate_floor(rates: Iterable[Decimal]) -> Decimal:
    """Where the bars of rates that all lie near 100 % start: a multiple of 10 at least 2.5 points below the
    lowest, when that is 50 % or more; else 0.  From 0, 97.54 %, 99.27 % and 100 % are bars of one length."""
    low = min(rates, default=Decimal(0))
    floor = ((low - Decimal("2.5")) / 10).to_integral_value(ROUND_FLOOR) * 10
    return floor if floor >= 50 else Decimal(0)


def _rate_group(
    heading: str, rows: Sequence[tuple[str, Decimal | None, Decimal | None]], why: str = "未载明", zoom: bool = False
) -> Group:
    """Execution rates with 100 % marked; ``zoom`` starts the bars at ``rate_floor``, named in the heading."""
    rates = [rate(budget, actual) for _, budget, actual in rows]
    top = max([HUNDRED, *(r for r in rates if r is not None)])
    floor = rate_floor(r for r in rates if r is not None) if zoom else Decimal(0)
    if floor:
        heading = f"{heading}（条自 {floor}% 起，以显出差别）"
    return Group(
        heading,
        tuple(
            Row(label, (_rate_bar(r, "预算为 0" if budget == 0 else why),), HUNDRED)
            for (label, budget, _), r in zip(rows, rates, strict=True)
        ),
        top,
        floor,
    )


def _citation(package: Package, evaluation: Evaluation) -> str:
    source = evaluation.source
    date = f"，{source.published}" if source.published else ""
    return f"数据来源：{source.publisher}《{source.title}》{date}；执行率由本站计算。数据包 {package.package_id}。"


def budget_charts(package: Package, evaluation: Evaluation) -> tuple[Chart | None, Chart | None]:
    """The execution-rate chart (each line's actual ÷ budget, 100% marked) and the amounts drawn per level."""
    lines = [
        line
        for line in evaluation.budget
        if line.budget_wan is not None or line.actual_wan is not None or line.ambiguous_amounts
    ]
    if not any(line.budget_wan is not None or line.actual_wan is not None for line in lines):
        return None, None  # nothing placed to draw (the figures of unknown column are in the table)
    prefix = f"chart-{evaluation.evaluation_id}"
    cite = _citation(package, evaluation)
    table = (
        ("项目", "层级", "全年预算数（万元）", "实际支出数（万元）", "执行率（计算，%）"),
        [
            (line.label, line.depth, line.budget_wan, line.actual_wan, _places(rate(line.budget_wan, line.actual_wan)))
            for line in lines
        ],
    )
    labelled = [("\u3000" * line.depth + line.label, line.budget_wan, line.actual_wan) for line in lines]
    rate_group = _rate_group("", labelled)
    rate_chart = None
    if any(row.bars[0].value is not None for row in rate_group.rows):  # no rate at all: no rate chart
        rate_chart = charts.make_chart(
            f"{prefix}-rate",
            "各行执行率（实际支出数 ÷ 全年预算数）",
            f"{evaluation.title}：每个预算行的执行率，竖线为 100%，超出预算的行以橙色标出，"
            "数值印在每条之后，数据见下表。",
            charts.rows_chart([rate_group], _series([rate_group], charts.RATE_SERIES)),
            table,
            cite,
        )
    groups = []
    for depth in sorted({line.depth for line in lines}):
        level = [line for line in lines if line.depth == depth]
        heading = LEVEL_HEADINGS.get(frozenset(line.kind for line in level), f"第 {depth + 1} 层")
        rows = tuple(
            Row(
                line.label,
                _amount_bars(
                    line.budget_wan,
                    line.actual_wan,
                    (amounts.line_amount(line, "budget"), amounts.line_amount(line, "actual")),
                ),
            )
            for line in level
        )
        groups.append(Group(f"{heading}（本组按组内最大值缩放）" if len(lines) > len(level) else heading, rows))
    amount_chart = charts.make_chart(
        f"{prefix}-budget",
        "全年预算数与实际支出数（万元，按层级分组）",
        f"{evaluation.title}：各预算行的全年预算数与实际支出数，按层级分组、每组按组内最大值缩放，"
        "金额印在每条之后，数据见下表。",
        charts.rows_chart(groups, _series(groups, charts.BUDGET_SERIES)),
        table,
        cite,
    )
    return rate_chart, amount_chart


def _places(value: Decimal | None) -> Decimal | None:
    return None if value is None else half_up(value, 2)


def score_chart(package: Package, evaluation: Evaluation, totals: dict[str, tuple[Decimal, Decimal]]) -> Chart | None:
    """分值 against 得分 per first-level indicator, both printed."""
    if not totals:
        return None
    top = max(weight for weight, _ in totals.values()) or Decimal(1)
    rows = tuple(
        Row(name, tuple(Bar(s, v, amount(v)) for s, v in zip(charts.SCORE_SERIES, pair, strict=True)))
        for name, pair in totals.items()
    )
    group = Group("", rows, top)
    return charts.make_chart(
        f"chart-{evaluation.evaluation_id}-scores",
        "各一级指标分值与得分",
        f"{evaluation.title}：各一级指标的分值与得分对比，数值印在每条之后，数据见下表。",
        charts.rows_chart([group], charts.SCORE_SERIES),
        (("一级指标", "分值", "得分"), [(name, w, s) for name, (w, s) in totals.items()]),
        _citation(package, evaluation),
    )


# --------------------------------------------------------------------------- totals and trends


@dataclass(frozen=True)
class YearFigures:
    """One year's totals over some packages (a unit, a region, the whole site), exact and rounded."""

    year: int
    label: str
    href: str
    units: int
    evaluations: int
    budget: Decimal | None
    actual: Decimal | None
    rate: Decimal | None
    score: Decimal | None
    """The department-wide (or report) score, for one unit's year; None elsewhere."""
    grade: str
    budget_rounded: str
    actual_rounded: str
    rate_text: str
    detail: str
    """The card's last line: the rate, then the score (one unit) or the scores' range and the counts (several)."""
    total_note: str = ""
    """Why the year has no total, or what it leaves out (evaluations whose amounts are of unknown column)."""
    budget_shown: amounts.Shown = amounts.ABSENT
    actual_shown: amounts.Shown = amounts.ABSENT


def year_figures(by_year: Mapping[int, Sequence[AnyPackage]], href_of, one_unit: bool = False) -> list[YearFigures]:
    """Totals for each year, oldest first; ``href_of(year, packages)`` links each year."""
    result = []
    for year in sorted(by_year):
        packages = by_year[year]
        summed = money_rule.totals(packages)
        budget, actual = summed.budget, summed.actual
        main = packages[0].main if one_unit and len(packages) == 1 else None
        value = summed.rate
        result.append(
            YearFigures(
                year=year,
                label=f"{year} 年",
                href=href_of(year, packages),
                units=len({p.unit.unit_id for p in packages}),
                evaluations=sum(len(p.evaluations) for p in packages),
                budget=budget,
                actual=actual,
                rate=value,
                score=main.total_score if main else None,
                grade=main.grade if main else "",
                budget_rounded=rounded(budget),
                actual_rounded=rounded(actual),
                rate_text=percent_text(value),
                detail=_detail(value, main, len({p.unit.unit_id for p in packages}), packages, one_unit),
                total_note=_total_note(summed),
                budget_shown=amounts.total(budget),
                actual_shown=amounts.total(actual),
            )
        )
    return result


def _total_note(summed: money_rule.Totals) -> str:
    if not summed.unknown:
        return ""
    if summed.budget is None:
        return (
            f"本年度无合计：{summed.unknown} 份自评的资金总额原文印在几列之下、所属列不明（或未载），"
            "本站不猜测、不按 0 计；原表数字见下表各评价。"
        )
    return f"另有 {summed.unknown} 份自评的资金总额所属列不明，未计入合计（原表数字见下表）。"


def _detail(value: Decimal | None, main: EvaluationFacts | None, units: int, packages, one_unit: bool) -> str:
    parts = [f"执行率 {percent_text(value)}"]
    if one_unit:
        if main is not None and main.total_score is not None:
            parts.append(f"得分 {amount(main.total_score)}" + (f"（{main.grade}）" if main.grade else ""))
    else:
        scores = sorted(e.total_score for p in packages for e in p.evaluations if e.total_score is not None)
        if scores:  # the published scores' range: an average of scores from different forms would mean nothing
            low, high = amount(scores[0]), amount(scores[-1])
            parts.append(f"得分 {low}" if low == high else f"得分 {low}–{high}")
        parts.append(f"{units} 个单位")
    parts.append(f"{sum(len(p.evaluations) for p in packages)} 份自评")
    return " · ".join(parts)


def trend_chart(chart_id: str, subject: str, years: Sequence[YearFigures], cite: str) -> Chart | None:
    """Budget and actual, execution rate and (for one unit) score, year by year, each on its own scale."""
    if not years:
        return None
    groups = [
        Group(
            "全年预算数与实际支出数（万元）",
            tuple(
                Row(
                    y.label,
                    _amount_bars(y.budget, y.actual, missing="无合计（金额所属列不明）" if y.total_note else "—"),
                )
                for y in years
            ),
        ),
        _rate_group(
            "执行率（实际支出数 ÷ 全年预算数，竖线为 100%）",
            [(y.label, y.budget, y.actual) for y in years],
            why="无合计",
            zoom=True,
        ),
    ]
    if any(y.score is not None for y in years):
        rows = tuple(
            Row(y.label, (Bar("得分", y.score, amount(y.score) + (f"（{y.grade}）" if y.grade else "")),))
            if y.score is not None
            else Row(y.label, (Bar("得分", None, "—（无部门整体自评）"),))
            for y in years
        )
        groups.append(Group("部门整体自评得分（满分 100）", rows, HUNDRED))
    return charts.make_chart(
        chart_id,
        f"{subject}历年预算、支出、执行率" + ("与得分" if len(groups) > 2 else ""),
        f"{subject}各年度的全年预算数与实际支出数、执行率"
        + ("与自评得分" if len(groups) > 2 else "")
        + "，每组按组内最大值缩放，数值印在每条之后，数据见下表。",
        charts.rows_chart(groups, _series(groups, charts.TREND_SERIES)),
        (
            ("年度", "全年预算数（万元）", "实际支出数（万元）", "执行率（计算，%）", "得分", "等级"),
            [(y.year, y.budget, y.actual, _places(y.rate), y.score, y.grade) for y in years],
        ),
        cite,
    )


@dataclass(frozen=True)
class EvaluationFigures:
    label: str
    budget: Decimal | None
    actual: Decimal | None
    budget_text: str = ""
    """The figure as the listing prints it (amounts.Shown.text); default: the exact sum with separators."""
    actual_text: str = ""


def evaluations_chart(chart_id: str, title: str, items: Sequence[EvaluationFigures], cite: str) -> Chart | None:
    """Each evaluation's execution rate (100% marked) with its budget and actual printed beside it."""
    items = [i for i in items if i.budget is not None or i.actual is not None]
    if not items:
        return None
    labelled = [
        (
            f"{i.label}（支出 {i.actual_text or amounts.total(i.actual).text}"
            f" / 预算 {i.budget_text or amounts.total(i.budget).text} 万元）",
            i.budget,
            i.actual,
        )
        for i in items
    ]
    group = _rate_group("", labelled)
    return charts.make_chart(
        chart_id,
        title,
        f"{title}：每份评价的执行率（实际支出数 ÷ 全年预算数），竖线为 100%，超出预算以橙色标出，"
        "执行率印在每条之后、金额印在名称之后，数据见下表。",
        charts.rows_chart([group], _series([group], charts.RATE_SERIES)),
        (
            ("评价", "全年预算数（万元）", "实际支出数（万元）", "执行率（计算，%）"),
            [(i.label, i.budget, i.actual, _places(rate(i.budget, i.actual))) for i in items],
        ),
        cite,
    )
