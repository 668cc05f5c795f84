"""The budget and indicator tables of an evaluation page, laid out as the form prints them.

Which columns a table shows depends on the form's layout (年初预算数, 到位数, 指标性质,
权重占比, 折算得分 …), and amounts stay in the form's own unit (元 or 万元).  A figure
printed under more columns than it fills is shown once, spanning those columns, marked
as of unknown column: nothing is placed by guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.ingest.model import BudgetLine, Evaluation, Indicator
from jixiao.site import amounts

AMOUNT_HEADINGS = (
    ("budget_initial", "年初预算数"),
    ("budget", "全年预算数"),
    ("funds_received", "到位数"),
    ("actual", "实际支出数"),
)
ALWAYS_SHOWN = {"budget", "actual"}


@dataclass(frozen=True)
class AmountCell:
    value: Decimal | None
    colspan: int
    derived: bool
    ambiguous: str
    """For a figure of unknown column: the figures and the columns they are printed under."""
    heading: str = ""
    """The column's heading (the cell's label when a phone shows the row as a card)."""
    shown: amounts.Shown = amounts.ABSENT
    """The figure in 万元 as printed on the page (amounts.wan), or the figures of unknown column."""


@dataclass(frozen=True)
class IndicatorColumns:
    """Which optional indicator columns the form has, and its word for the weight."""

    weight_word: str
    nature: bool
    measure_unit: bool
    weight_share: bool
    score_converted: bool

    @property
    def width(self) -> int:
        """Number of columns of the indicator table, for the group rows' colspan."""
        return 6 + sum((self.nature, self.measure_unit, self.weight_share, self.score_converted))

    @property
    def before_weight(self) -> int:
        """Columns before the weight column, for the total row's label colspan."""
        return 4 + sum((self.nature, self.measure_unit))


def amount_columns(evaluation: Evaluation) -> tuple[tuple[str, str], ...]:
    """The amount columns this form prints: 全年预算数 and 实际支出数 always, the others where used."""
    used = {name for line in evaluation.budget for name in line.ambiguous_columns}
    used |= {name for name, _ in AMOUNT_HEADINGS for line in evaluation.budget if getattr(line, name) is not None}
    return tuple((name, title) for name, title in AMOUNT_HEADINGS if name in ALWAYS_SHOWN | used)


def amount_unit_caption(evaluation: Evaluation) -> str:
    """元 or 万元 when every line shares it; otherwise the lines name their own unit."""
    units = {line.amount_unit for line in evaluation.budget}
    return units.pop() if len(units) == 1 else ""


def amount_cells(line: BudgetLine, columns: tuple[tuple[str, str], ...]) -> tuple[AmountCell, ...]:
    """One cell per amount column; the candidate columns of unplaced figures merge into one cell."""
    titles = dict(columns)
    names = [name for name, _ in columns]
    candidates = [name for name in names if name in line.ambiguous_columns]
    contiguous = bool(candidates) and names.index(candidates[-1]) - names.index(candidates[0]) == len(candidates) - 1
    shown = amounts.ambiguous(line) if line.ambiguous_amounts else amounts.ABSENT
    note = ""
    if line.ambiguous_amounts:
        heads = "／".join(titles.get(name, name) for name in line.ambiguous_columns)
        note = f"原文印于 {heads} {len(line.ambiguous_columns)} 列之下，各数所属列不明"
    cells: list[AmountCell] = []
    for name in names:
        if name in candidates and contiguous:
            if name == candidates[0]:
                heading = "／".join(titles[c] for c in candidates)
                cells.append(AmountCell(None, len(candidates), False, note, heading, shown))
            continue
        ambiguous = note if name in candidates else ""
        value = getattr(line, name)
        cells.append(
            AmountCell(
                value,
                1,
                name in line.derived,
                ambiguous,
                titles[name],
                shown if ambiguous else amounts.wan(value, line.amount_unit),
            )
        )
    return tuple(cells)


def indicator_columns(evaluation: Evaluation) -> IndicatorColumns:
    rows: tuple[Indicator, ...] = evaluation.indicators
    return IndicatorColumns(
        weight_word=evaluation.weight_term or "分值",
        nature=any(i.nature for i in rows),
        measure_unit=any(i.measure_unit for i in rows),
        weight_share=any(i.weight_share is not None for i in rows),
        score_converted=any(i.score_converted is not None for i in rows),
    )
