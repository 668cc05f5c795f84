"""Words and figures printed the same way on pages, feeds, the API and the datasets."""

from __future__ import annotations

from decimal import Decimal

from jixiao.ingest.model import Evaluation, Package

KIND_LABELS = {"department": "部门整体支出绩效自评", "project": "项目支出绩效自评", "report": "绩效自评报告"}


def amount(value: Decimal | None) -> str:
    """A published amount exactly as published (no rounding, no padding); — when absent."""
    if value is None:
        return "—"
    return format(value, "f")


def citation(package: Package, evaluation: Evaluation, data_title: str) -> str:
    """The citation of a source, then the data package it was taken from (``data_title``: Site.data_title)."""
    source = evaluation.source
    date = f"，{source.published}" if source.published else ""
    return (
        f"{source.publisher}：《{source.title}》{date}。"
        f"转引自 {data_title}数据包 {package.package_id}（{evaluation.title}，{evaluation.year} 年度）。"
    )
