"""The totals rule: which evaluations' money is added up across evaluations, and in which figures.

Written once, here, and used by everything that adds up or publishes an evaluation's
money: the pages' per-year totals (``jixiao/site/figures.py``), the combined
``evaluations`` table's ``budget_wan``, ``actual_wan``, ``rate_computed``,
``total_known`` and ``in_totals`` columns (``jixiao/opendata/combined.py``) and the
documented query in the datasets README.  So ``sum(budget_wan where in_totals)`` over
any group of evaluations is the site's total for that group, by construction.

The rule, for the evaluations of one package (one unit, one year):

* An evaluation's money is its top budget line (the one without a parent), converted
  exactly to 万元 (``jixiao.ingest.model.to_wan``: 元 ÷ 10000 in Decimal, 250000.00 元 →
  25.00 万元, 215457.6 元 → 21.54576 万元; nothing is rounded).
* ``total_known``: both the top line's 全年预算数 and 实际支出数 are placed.  Where the
  form prints its figures under more columns than they fill (``ambiguous_amounts``),
  or prints none, the money is unknown, never 0.
* Kinds overlap.  A department-wide form (部门整体) covers the unit's whole budget,
  projects included; a report (自评报告) restates the forms it is attached to.  So in a
  package the evaluations of the widest kind present count — department forms if there
  are any, else project forms, else reports — and the others are parts or restatements.
* ``in_totals``: the evaluation is of the counted kind *and* its money is known, so a
  total adds budget and actual over the same evaluations (its rate means something).

Works on outlines (``model.outline`` keeps every evaluation and its top line).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.ingest.model import AnyEvaluation, AnyPackage
from jixiao.structure.labels import half_up

HUNDRED = Decimal(100)
RATE_PLACES = 2
COVER_ORDER = ("department", "project", "report")
"""Kinds from widest to narrowest cover: the first present in a package is the one counted."""
LEFT_OUT_REASONS = {
    "unknown": "金额不明：原文数字所在的列不明或未载，不计入合计（不按 0 计）",
    "department": "本单位同年的部门整体支出自评已含此项金额，不重复计入合计",
    "project": "自评报告重述所附项目自评表的金额，不重复计入合计",
}
"""Why an evaluation is not in totals, by the reason's key (``Money.left_out``)."""


def shown_rate(value: Decimal | None) -> Decimal | None:
    """An execution rate as the site shows it: percent to two places, half up (86.185… → 86.19)."""
    return None if value is None else half_up(value, RATE_PLACES)


@dataclass(frozen=True)
class Money:
    """One evaluation's money as pages and datasets give it, and whether it is added up."""

    budget_wan: Decimal | None
    """Top line's 全年预算数 in 万元, exact; None when the form does not place it."""
    actual_wan: Decimal | None
    """Top line's 实际支出数 in 万元, exact; None when the form does not place it."""
    rate: Decimal | None
    """actual ÷ budget × 100, unrounded; None when either is unknown or the budget is 0."""
    total_known: bool
    in_totals: bool
    left_out: str
    """Why not in totals: a key of ``LEFT_OUT_REASONS``; "" when in totals."""

    @property
    def rate_computed(self) -> Decimal | None:
        """The execution rate as the site shows it (``shown_rate``)."""
        return shown_rate(self.rate)

    @property
    def left_out_reason(self) -> str:
        return LEFT_OUT_REASONS.get(self.left_out, "")


def counted_kind(package: AnyPackage) -> str:
    """The kind whose evaluations count in totals for this package (department, else project, else report)."""
    kinds = {evaluation.kind for evaluation in package.evaluations}
    return next((kind for kind in COVER_ORDER if kind in kinds), "")


def money(package: AnyPackage, evaluation: AnyEvaluation, kind: str | None = None) -> Money:
    """The rule for one evaluation of ``package`` (``kind``: ``counted_kind(package)``, when already known)."""
    line = evaluation.total_line
    budget = line.budget_wan if line else None
    actual = line.actual_wan if line else None
    known = budget is not None and actual is not None
    rate = actual / budget * HUNDRED if known and budget else None
    kind = counted_kind(package) if kind is None else kind
    counted = evaluation.kind == kind
    left_out = kind if not counted else ("" if known else "unknown")
    return Money(budget, actual, rate, known, counted and known, left_out)


def package_money(package: AnyPackage) -> dict[str, Money]:
    """AnyEvaluation id → its money, for every evaluation of the package."""
    kind = counted_kind(package)
    return {e.evaluation_id: money(package, e, kind) for e in package.evaluations}


@dataclass(frozen=True)
class Totals:
    """Sums over the evaluations in totals (万元, exact), and what was left out."""

    budget: Decimal | None
    """None when no evaluation is in totals (nothing to add, not 0)."""
    actual: Decimal | None
    rate: Decimal | None
    counted: int
    """Evaluations added up."""
    unknown: int
    """Evaluations of the counted kind whose money is unknown (left out; the total is a lower bound)."""


def totals(packages: Iterable[AnyPackage]) -> Totals:
    """The site's total over some packages: ``sum(budget_wan)``, ``sum(actual_wan)`` where ``in_totals``."""
    budget, actual, counted, unknown = Decimal(0), Decimal(0), 0, 0
    for package in packages:
        for item in package_money(package).values():
            if item.in_totals:
                budget += item.budget_wan  # type: ignore[operator]
                actual += item.actual_wan  # type: ignore[operator]
                counted += 1
            elif item.left_out == "unknown":
                unknown += 1
    if not counted:
        return Totals(None, None, None, 0, unknown)
    return Totals(budget, actual, actual / budget * HUNDRED if budget else None, counted, unknown)
