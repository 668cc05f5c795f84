"""Money as a reader sees it: every page compares in 万元, and a form printed in 元 keeps its own figure beside.

A 万元 figure is shown with its printed digits and thousands separators (93,116.21); a 元
figure is shown converted to 万元 to two places with the printed one after it ("25.00 万元
（原表 250,000.00 元）"), so a headline, a chart, a table and a listing all read in one unit.
The exact printed digits are never lost: they stay in the data, the CSVs and every shown
figure's ``title`` (tooltip).  Figures printed under more columns than they fill are shown
as printed, marked 所属列不明, never as "—".
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.ingest.model import BudgetLine, to_wan

CENT = Decimal("0.01")
UNKNOWN_COLUMN = "所属列不明"


def grouped(value: Decimal) -> str:
    """The exact digits of a figure with thousands separators: 215457.6 → 215,457.6; 93116.21 → 93,116.21."""
    return format(value, ",f")


def plain(value: Decimal) -> str:
    return format(value, "f")


@dataclass(frozen=True)
class Shown:
    """One amount ready to print: ``text`` in 万元, ``note`` after it (the printed 元 figure, or why the column
    is unknown), ``title`` the exact printed figure with its unit (the tooltip)."""

    text: str
    note: str = ""
    title: str = ""

    def inline(self, unit: str = " 万元") -> str:
        """As one string, e.g. for a chart's printed values: 25.00 万元（原表 250,000.00 元）."""
        if self.text == "—":
            return "—"
        return f"{self.text}{unit}" + (f"（{self.note}）" if self.note else "")


ABSENT = Shown("—", "", "")


def wan(value: Decimal | None, unit: str) -> Shown:
    """A figure printed in ``unit`` (元 or 万元), shown in 万元."""
    if value is None:
        return ABSENT
    if unit != "元":
        return Shown(grouped(value), "", f"{plain(value)} 万元")
    converted = to_wan(value, unit)
    assert converted is not None
    return Shown(
        grouped(converted.quantize(CENT, ROUND_HALF_UP)),
        f"原表 {grouped(value)} 元",
        f"{plain(value)} 元（{plain(converted)} 万元）",
    )


def ambiguous(line: BudgetLine) -> Shown:
    """The figures a line prints under more columns than they fill, as printed, marked 所属列不明."""
    printed = "、".join(plain(v) for v in line.ambiguous_amounts)
    if line.amount_unit == "元":
        converted = [to_wan(v, "元") or Decimal(0) for v in line.ambiguous_amounts]
        text = "、".join(grouped(v.quantize(CENT, ROUND_HALF_UP)) for v in converted)
        note = f"原表 {'、'.join(grouped(v) for v in line.ambiguous_amounts)} 元，{UNKNOWN_COLUMN}"
    else:
        text, note = "、".join(grouped(v) for v in line.ambiguous_amounts), UNKNOWN_COLUMN
    return Shown(text, note, f"原表印 {printed} {line.amount_unit}，各数所属列不明")


def line_amount(line: BudgetLine | None, name: str) -> Shown:
    """A budget line's amount (``budget``, ``actual`` …) shown in 万元; its unplaced figures when it has none."""
    if line is None:
        return ABSENT
    value = getattr(line, name)
    if value is None and name in line.ambiguous_columns and line.ambiguous_amounts:
        return ambiguous(line)
    return wan(value, line.amount_unit)


def total(value: Decimal | None) -> Shown:
    """A total the site computed in 万元, shown to the 分 (two places, half up) with separators; the exact sum
    in the title.  A sum over 元 forms and four-place 万元 forms has five places (1,072.32556), which reads as
    a printed figure no form has; the sum stays exact in the title, the data and the downloads."""
    if value is None:
        return ABSENT
    return Shown(grouped(value.quantize(CENT, ROUND_HALF_UP)), "", f"{plain(value)} 万元（本站合计）")
