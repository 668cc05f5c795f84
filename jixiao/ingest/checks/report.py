"""Report checks: a self-evaluation report's stated totals against the forms it attaches."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from jixiao.config import GradeBands
from jixiao.ingest.checks.common import AMOUNT_COLUMNS, COLUMN_TITLES, _finding, amount, decimals, number, plain
from jixiao.ingest.findings import Finding, Severity
from jixiao.ingest.load import RawPackage, Row


def _total_lines(package: RawPackage) -> dict[str, Row]:
    """Each evaluation's top budget line (no parent), by evaluation id."""
    lines: dict[str, Row] = {}
    for row in package.tables.get("budget", []):
        if not row.get("parent_id"):
            lines.setdefault(row.get("evaluation_id"), row)
    return lines


def check_report_totals(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """A report's 年初预算 / 全年预算 / 执行数 agree with the sum of its project forms.

    The sum is compared at the report's printed precision (120.565206 printed with two
    decimals is 120.57), so a report that merely rounds is not flagged; the published
    figures stay as they are.
    """
    evaluations = package.tables.get("evaluations", [])
    projects = [row.get("evaluation_id") for row in evaluations if row.get("kind") == "project"]
    totals = _total_lines(package)
    if not projects or not all(p in totals for p in projects):
        return
    for report in (row for row in evaluations if row.get("kind") == "report"):
        line = totals.get(report.get("evaluation_id"))
        if line is None:
            continue
        unit = line.get("amount_unit") or "万元"
        for column in AMOUNT_COLUMNS:
            stated = number(line, column)
            parts = [amount(totals[p], column, unit) for p in projects]
            if stated is None or None in parts:
                continue
            summed = sum((part for part in parts if part is not None), Decimal(0))
            places = Decimal(1).scaleb(-decimals(stated))
            if summed.quantize(places, rounding=ROUND_HALF_UP) == stated:
                continue
            yield _finding(
                package,
                "budget",
                line,
                "F-REPORT-TOTAL",
                column,
                f"报告所载{COLUMN_TITLES[column]} {plain(stated)} {unit}，所附 {len(parts)} 张项目表之和为 "
                f"{plain(summed)} {unit}（按原文小数位为 {plain(summed.quantize(places, rounding=ROUND_HALF_UP))}）",
                severity=Severity.FLAG,
            )
