"""The evaluation page's view: its budget and indicator tables as the form prints them, charts, flags, source.

Which amount and indicator columns a form prints is decided in form_tables.py; this
module puts each row with its anchor, flag and status text, so the template only prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from jixiao.ingest.model import BudgetLine, Evaluation, Indicator, Package
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
from jixiao.site.views import FlagView, flag_views
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
        indicator_groups=indicator_groups(evaluation.indicators, flagged),
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


def indicator_groups(indicators: tuple[Indicator, ...], flagged: set[str]) -> tuple[IndicatorGroup, ...]:
    """The indicators under their 一级指标, in the form's order; each row with its status and notes in one text."""
    groups = []
    for level1, rows in groupby(indicators, key=lambda i: i.level1):
        group = tuple(_indicator_row(indicator, flagged) for indicator in rows)
        groups.append(IndicatorGroup(level1, group[0].indicator.level1_weight, group))
    return tuple(groups)


def _indicator_row(indicator: Indicator, flagged: set[str]) -> IndicatorRow:
    anchor = f"indicators-{indicator.row}"
    status = STATUS_LABELS[indicator.status]
    deviation = f"偏差原因：{indicator.deviation}" if indicator.deviation else ""
    note = " ".join(part for part in (status, indicator.basis, deviation, indicator.note) if part)
    return IndicatorRow(anchor, indicator, anchor in flagged, status, note)
