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
    number,
    plain,
    rows_by_evaluation,
)
from jixiao.ingest.findings import Finding, Severity
from jixiao.ingest.load import RawPackage


def check_budget_parents(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """parent_id names a line of the same evaluation."""
    for rows in rows_by_evaluation(package, "budget").values():
        ids = {row.get("line_id") for row in rows}
        for row in rows:
            parent = row.get("parent_id")
            if parent and parent not in ids:
                yield _finding(package, "budget", row, "E-PARENT", "parent_id", f"上级行 {parent} 不存在")


def check_budget_sums(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Children add up to their parent in every amount column, within 0.01 万元."""
    for rows in rows_by_evaluation(package, "budget").values():
        for parent in rows:
            children = [row for row in rows if row.get("parent_id") == parent.get("line_id")]
            if not children:
                continue
            for column in AMOUNT_COLUMNS:
                total = number(parent, column)
                parts = [number(child, column) for child in children]
                if total is None or any(part is None for part in parts):
                    continue
                summed = sum(parts, Decimal(0))
                if abs(summed - total) > TOLERANCE:
                    labels = "＋".join(child.get("label") for child in children)
                    yield _finding(
                        package,
                        "budget",
                        parent,
                        "E-SUM",
                        column,
                        f"{COLUMN_TITLES[column]}：明细合计 {plain(summed)}（{labels}）"
                        f"≠ {parent.get('label')} {plain(total)}",
                    )


def check_execution_rates(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """A published 执行率 agrees with actual ÷ budget within its printed precision."""
    for row in package.tables.get("budget", []):
        rate, budget, actual = (number(row, c) for c in ("rate_published", "budget", "actual"))
        if rate is None or budget is None or actual is None or budget == 0:
            continue
        computed = actual / budget * 100
        decimals = max(-rate.as_tuple().exponent, 0)
        allowed = Decimal(5) / (Decimal(10) ** (decimals + 1)) + Decimal("0.000001")
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
        if budget is not None and actual is not None and actual > budget:
            yield _finding(
                package,
                "budget",
                row,
                "F-OVER-BUDGET",
                "actual",
                f"{row.get('label')}：实际支出 {plain(actual)} 万元高于全年预算 {plain(budget)} 万元",
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
