"""Vocabularies and field builders for the Table Schemas in tables.py.

Kept apart so tables.py reads as the list of tables and columns; every value a
contributor may write in an enum column is defined here, once.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 3
"""The version of these schemas, stored as ``schema_version`` in every datapackage.json.

Raise it whenever a column, a kind or a status changes, and teach
``jixiao/commands/upgrade.py`` to rewrite packages of the previous version.
Version 1 (no ``schema_version`` key) had no units, no 到位数, no 指标性质 and no
line kinds beyond fiscal/other.  Version 2 had no ``score_only`` status (a form that
prints each row's 得分 but no per-row 分值, such as the 保山/湖北 自评表).
"""

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
"""Ids and file names are lower-case ASCII words joined by hyphens."""

GRADES = ["优", "良", "中", "差"]
EVALUATION_KINDS = ["department", "project", "report"]
BUDGET_KINDS = [
    "total",
    "basic",
    "project",
    "item",
    "fiscal",
    "carryover",
    "special_account",
    "unit_funds",
    "other",
]
"""Line kinds.  The source-of-funds kinds follow the national 项目支出绩效自评表:
fiscal＝当年财政拨款, carryover＝上年结转资金, special_account＝财政专户管理资金,
unit_funds＝单位资金, other＝其他资金 (社会投入、银行贷款…)."""
FUNDING_KINDS = ["fiscal", "carryover", "special_account", "unit_funds", "other"]
AMOUNT_UNITS = ["万元", "元"]
INDICATOR_STATUSES = ["scored", "weight_only", "score_only", "not_scored", "empty"]
"""scored: weight and score; weight_only: weighted but the form leaves 得分 blank;
score_only: scored, but the form prints no 分值 for the row (only for its 一级/二级 group);
not_scored: listed without weight; empty: a blank template row."""
INDICATOR_NATURES = ["=", "≥", "≤", ">", "<", "定性"]
WEIGHT_TERMS = ["分值", "权重"]
NARRATIVE_SECTIONS = [
    "functions",
    "organisation",
    "overview",
    "goals",
    "goals_actual",
    "evaluation",
    "performance",
    "results",
    "problems",
    "measures",
    "other",
]


def _id(name: str, title: str, description: str, required: bool = True) -> dict[str, Any]:
    constraints: dict[str, Any] = {"pattern": ID_PATTERN}
    if required:
        constraints["required"] = True
    return {
        "name": name,
        "type": "string",
        "title": title,
        "description": description,
        "constraints": constraints,
    }


def _text(name: str, title: str, description: str, required: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": name,
        "type": "string",
        "title": title,
        "description": description,
    }
    if required:
        field["constraints"] = {"required": True}
    return field


def _amount(name: str, title: str, description: str) -> dict[str, Any]:
    """A published amount: a number, in the unit its row names, never converted or rounded."""
    return _number(name, title, description + " 按原文照录，单位见 amount_unit（元或万元），不换算、不四舍五入。")


def _number(name: str, title: str, description: str, kind: str = "number") -> dict[str, Any]:
    """A figure as printed (``bareNumber``: no thousands separators or units in the cell), never negative."""
    return {
        "name": name,
        "type": kind,
        "title": title,
        "description": description,
        "bareNumber": True,
        "constraints": {"minimum": 0},
    }


def _count(name: str, title: str, description: str) -> dict[str, Any]:
    return _number(name, title, description, kind="integer")


def _enum(name: str, title: str, description: str, values: list[str], required: bool) -> dict:
    constraints: dict[str, Any] = {"enum": values}
    if required:
        constraints["required"] = True
    return {
        "name": name,
        "type": "string",
        "title": title,
        "description": description,
        "constraints": constraints,
    }


def _evaluation_ref() -> dict[str, Any]:
    return {
        "fields": ["evaluation_id"],
        "reference": {"resource": "evaluations", "fields": ["evaluation_id"]},
    }
