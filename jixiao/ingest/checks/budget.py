"""Budget checks: hierarchy sums, execution rates, over-budget lines, derived figures."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.config import GradeBands
from jixiao.ingest.checks.common import (
    AMOUNT_COLUMNS,
    COLUMN_TITLES,
    TOLERANCE,
    _finding,
    amount,
    decimals,
    number,
    plain,
    rows_by_evaluation,
)
from jixiao.ingest.fields import FUNDING_KINDS
from jixiao.ingest.findings import Finding, Severity
from jixiao.ingest.load import RawPackage, Row


def check_budget_parents(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """parent_id names a line of the same evaluation."""
    for rows in rows_by_evaluation(package, "budget").values():
        ids = {row.get("line_id") for row in rows}
        for row in rows:
            parent = row.get("parent_id")
            if parent and parent not in ids:
                yield _finding(package, "budget", row, "E-PARENT", "parent_id", f"上级行 {parent} 不存在")


def _breakdowns(children: list[Row]) -> list[list[Row]]:
    """A line's children split into its breakdowns: by source of funds, and by use (基本/项目支出, items).

    The national department form prints both under 年度资金总额; each adds up on its own.
    """
    funding = [row for row in children if row.get("kind") in FUNDING_KINDS]
    uses = [row for row in children if row.get("kind") not in FUNDING_KINDS]
    return [group for group in (uses, funding) if group]


def check_budget_sums(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Each breakdown of a line adds up to it in every amount column, within 0.01 of the line's unit."""
    for rows in rows_by_evaluation(package, "budget").values():
        for parent in rows:
            children = [row for row in rows if row.get("parent_id") == parent.get("line_id")]
            for group in _breakdowns(children):
                yield from _sum_findings(package, parent, group)


def _sum_findings(package: RawPackage, parent: Row, children: list[Row]) -> Iterator[Finding]:
    unit = parent.get("amount_unit") or "万元"
    for column in AMOUNT_COLUMNS:
        total = number(parent, column)
        parts = [amount(child, column, unit) for child in children]
        if total is None or None in parts:
            continue
        summed = sum((part for part in parts if part is not None), Decimal(0))
        if abs(summed - total) > TOLERANCE:
            labels = "＋".join(child.get("label") for child in children)
            yield _finding(
                package,
                "budget",
                parent,
                "E-SUM",
                column,
                f"{COLUMN_TITLES[column]}：明细合计 {plain(summed)}（{labels}）"
                f"≠ {parent.get('label')} {plain(total)} {unit}",
            )


def check_execution_rates(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """A published 执行率 agrees with actual ÷ budget within its printed precision."""
    for row in package.tables.get("budget", []):
        rate, budget, actual = (number(row, c) for c in ("rate_published", "budget", "actual"))
        if rate is None or budget is None or actual is None or budget == 0:
            continue
        computed = actual / budget * 100
        allowed = Decimal(5) / (Decimal(10) ** (decimals(rate) + 1)) + Decimal("0.000001")
        if abs(computed - rate) > allowed:
            yield _finding(
                package,
                "budget",
                row,
                "E-RATE",
                "rate_published",
                f"原文执行率 {plain(rate)}% ≠ 实际 {plain(actual)} ÷ 预算 {plain(budget)} = {computed:.4f}%",
            )


def check_over_budget(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Execution above the annual budget is kept as published and flagged."""
    for row in package.tables.get("budget", []):
        budget, actual = number(row, "budget"), number(row, "actual")
        unit = row.get("amount_unit") or "万元"
        if budget is not None and actual is not None and actual > budget:
            yield _finding(
                package,
                "budget",
                row,
                "F-OVER-BUDGET",
                "actual",
                f"{row.get('label')}：实际支出 {plain(actual)} {unit}高于全年预算 {plain(budget)} {unit}",
                severity=Severity.FLAG,
            )


def check_derived(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Figures the transcriber derived are named and flagged as not stated in the source."""
    allowed = set(COLUMN_TITLES) | {"weight", "score"}
    for row in package.tables.get("budget", []):
        for column in row.get("derived").split():
            if column not in allowed:
                yield _finding(package, "budget", row, "E-DERIVED", "derived", f"{column!r} 不是可推算的字段")
            elif not row.get(column):
                yield _finding(package, "budget", row, "E-DERIVED", "derived", f"{column} 标为推算但为空")
            else:
                yield _finding(
                    package,
                    "budget",
                    row,
                    "F-DERIVED",
                    column,
                    f"{row.get('label')} {COLUMN_TITLES.get(column, column)} {row.get(column)} 原文未载明，"
                    f"系推算：{row.get('note') or '见备注'}",
                    severity=Severity.FLAG,
                )


def check_ambiguous(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Figures printed under more columns than they fill are kept apart, with their columns, and flagged."""
    for row in package.tables.get("budget", []):
        figures, columns = row.get("ambiguous_amounts").split(), row.get("ambiguous_columns").split()
        if not figures and not columns:
            continue
        problem = ""
        if not figures or len(columns) <= len(figures):
            problem = "ambiguous_columns 须比 ambiguous_amounts 多至少一列（否则各数的归属是确定的，请直接填入各列）"
        elif unknown := [c for c in columns if c not in AMOUNT_COLUMNS]:
            problem = f"{'、'.join(unknown)} 不是金额列；可写 {' '.join(AMOUNT_COLUMNS)}"
        elif filled := [c for c in columns if row.get(c)]:
            problem = f"{'、'.join(filled)} 已有数字；归属不明的金额只记在 ambiguous_amounts，候选列留空"
        if problem:
            yield _finding(package, "budget", row, "E-AMBIGUOUS", "ambiguous_columns", problem)
            continue
        titles = "／".join(COLUMN_TITLES[c] for c in columns)
        yield _finding(
            package,
            "budget",
            row,
            "F-AMBIGUOUS",
            "ambiguous_amounts",
            f"{row.get('label')}：原文在 {titles} {len(columns)} 列之下只印 {'、'.join(figures)}"
            f"（{row.get('amount_unit')}），各数属于哪一列不明，照录未归入任一列",
            severity=Severity.FLAG,
        )
