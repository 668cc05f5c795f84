"""Words and figures printed the same way on pages, feeds, the API and the datasets."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from jixiao.ingest.model import AnyEvaluation, AnyPackage

TEMPLATE_LABELS = {
    "national-project": "财政部项目支出绩效自评表",
    "national-department": "财政部部门整体支出绩效自评表",
    "hebei-project": "河北省项目支出绩效自评表（权重占比、折算得分）",
    "sichuan-project": "四川省项目支出绩效自评表",
    "baoshan-project": "保山市项目支出绩效自评表",
    "tianchang-department": "天长市部门整体支出绩效自评表",
}
"""The form families of evaluations.csv's ``template`` column, as a reader names them (the code stays as
small secondary text on the page)."""


def template_label(code: str) -> str:
    """A form family's Chinese name; a code not listed here is named as such."""
    return TEMPLATE_LABELS.get(code, "其他表样")


KIND_LABELS = {"department": "部门整体支出绩效自评", "project": "项目支出绩效自评", "report": "绩效自评报告"}


def half_up(value: Decimal, places: int) -> Decimal:
    """The one rounding rule for every figure the site computes and shows: 四舍五入 to ``places`` decimals.

    Halves go away from zero (86.185 → 86.19, -2.5 → -3), as readers round by hand and as
    the forms round; Python's ``round``, ``format(x, ".2f")`` and ``Decimal.quantize``
    without a rounding mode round halves to even (86.185 → 86.18) and are not used for display.
    Published figures are never rounded: only computed rates and headline approximations.
    """
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def percent(value: Decimal | None) -> str:
    """A computed rate (already × 100) as shown everywhere: two decimals by ``half_up``, then %; — when absent."""
    return "—" if value is None else f"{half_up(value, 2)}%"


def amount(value: Decimal | None) -> str:
    """A published amount exactly as published (no rounding, no padding); — when absent."""
    if value is None:
        return "—"
    return format(value, "f")


def citation(package: AnyPackage, evaluation: AnyEvaluation, data_title: str) -> str:
    """The citation of a source, then the data package it was taken from (``data_title``: Site.data_title)."""
    source = evaluation.source
    date = f"，{source.published}" if source.published else ""
    return (
        f"{source.publisher}：《{source.title}》{date}。"
        f"转引自 {data_title}数据包 {package.package_id}（{evaluation.title}，{evaluation.year} 年度）。"
    )
