"""Helpers shared by the checks: typed cell access and located findings.

Checks read the raw rows (see load.py) after the format checks have passed, so every
number cell is a bare ASCII decimal or empty.  Amounts are compared as Decimals with
an explicit tolerance for published rounding; nothing is ever rounded or corrected.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.ingest.findings import Finding, Severity
from jixiao.ingest.load import RawPackage, Row

TOLERANCE = Decimal("0.01")
"""In the form's own unit (元 or 万元): published totals may differ from the sum of their parts by rounding."""

AMOUNT_COLUMNS = ("budget_initial", "budget", "funds_received", "actual")
COLUMN_TITLES = {
    "budget_initial": "年初预算数",
    "budget": "全年预算数",
    "funds_received": "到位数",
    "actual": "实际支出数",
    "rate_published": "执行率",
    "share_published": "占比",
}
BARE_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
NUMERIC_TYPES = {"number", "integer"}


def number(row: Row, name: str) -> Decimal | None:
    """A cell as a Decimal, or None when empty (format checks ran before)."""
    text = row.get(name)
    return Decimal(text) if text else None


def amount(row: Row, name: str, unit: str) -> Decimal | None:
    """An amount cell in the given unit (元 or 万元), converted exactly from the row's own unit."""
    value = number(row, name)
    if value is None:
        return None
    own = row.get("amount_unit") or "万元"
    if own == unit:
        return value
    return value * 10000 if unit == "元" else value / 10000


def decimals(value: Decimal) -> int:
    """How many decimal places a number cell was printed with (``12.30`` → 2, ``120`` → 0)."""
    exponent = value.as_tuple().exponent
    # A bare number cell (the format checks ran first) is finite: its exponent is an int.
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def plain(value: Decimal) -> str:
    """A Decimal as written, without exponent notation."""
    return format(value, "f")


def _finding(
    package: RawPackage,
    table: str,
    row: Row,
    code: str,
    field: str,
    message: str,
    ref: str | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    return Finding(
        code=code,
        file=package.file(f"{table}.csv"),
        line=row.line,
        field=field,
        message=message,
        evaluation_id=row.get("evaluation_id") or None,
        resource=table,
        ref=ref if ref is not None else row.get("line_id") or row.get("row") or None,
        severity=severity,
    )


def rows_by_evaluation(package: RawPackage, table: str) -> dict[str, list[Row]]:
    """A table's rows grouped by evaluation_id, in file order."""
    groups: dict[str, list[Row]] = {}
    for row in package.tables.get(table, []):
        groups.setdefault(row.get("evaluation_id"), []).append(row)
    return groups
