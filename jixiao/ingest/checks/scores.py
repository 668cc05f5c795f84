"""Score checks: scores within weights, weights and scores adding up, grades, stated scores."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from jixiao.config import GradeBands, grade_for
from jixiao.ingest.checks.common import _finding, number, plain, rows_by_evaluation
from jixiao.ingest.findings import Finding, Severity
from jixiao.ingest.load import RawPackage, Row

EPSILON = Decimal("0.000001")


def _scored(rows: list[Row]) -> list[Row]:
    return [row for row in rows if row.get("status") == "scored"]


def check_indicator_cells(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Scored rows carry weight and score; not-scored and empty rows carry neither."""
    for row in package.tables.get("indicators", []):
        status = row.get("status")
        for column in ("weight", "score"):
            if status == "scored" and not row.get(column):
                yield _finding(package, "indicators", row, "E-INDICATOR", column, "计分行缺少此值")
            if status in ("not_scored", "empty") and row.get(column):
                yield _finding(package, "indicators", row, "E-INDICATOR", column, f"状态为 {status} 的行不应有此值")
        if status == "empty" and row.get("level3"):
            yield _finding(package, "indicators", row, "E-INDICATOR", "level3", "空白模板行不应有三级指标")


def check_score_within_weight(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """得分 ≤ 分值 on every indicator row and every budget line that is scored."""
    for table in ("indicators", "budget"):
        for row in package.tables.get(table, []):
            weight, score = number(row, "weight"), number(row, "score")
            if weight is not None and score is not None and score > weight:
                yield _finding(
                    package,
                    table,
                    row,
                    "E-SCORE-ABOVE-WEIGHT",
                    "score",
                    f"得分 {plain(score)} 高于分值 {plain(weight)}",
                )


def _runs(rows: list[Row], level: str) -> list[list[Row]]:
    """Consecutive rows sharing a level name and weight (two 二级 may share a name)."""
    runs: list[list[Row]] = []
    key = None
    for row in rows:
        this = (row.get("level1"), row.get(level), row.get(f"{level}_weight"))
        if runs and this == key:
            runs[-1].append(row)
        else:
            runs.append([row])
            key = this
    return runs


def check_level_weights(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """三级 weights add up to their 二级 and 一级 weights where those are printed."""
    for rows in rows_by_evaluation(package, "indicators").values():
        for level, title in (("level1", "一级指标"), ("level2", "二级指标")):
            for run in _runs(rows, level):
                stated = number(run[0], f"{level}_weight")
                if stated is None:
                    continue
                summed = sum((number(row, "weight") or Decimal(0) for row in _scored(run)), Decimal(0))
                if abs(summed - stated) > EPSILON:
                    yield _finding(
                        package,
                        "indicators",
                        run[0],
                        "E-WEIGHT-SUM",
                        f"{level}_weight",
                        f"{title}“{run[0].get(level)}”分值 {plain(stated)} ≠ 所辖三级指标分值之和 {plain(summed)}",
                    )


def _funds_line(package: RawPackage, evaluation_id: str) -> Row | None:
    for row in package.tables.get("budget", []):
        is_total = row.get("evaluation_id") == evaluation_id and row.get("kind") == "total"
        if is_total and row.get("weight"):
            return row
    return None


def check_totals(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Row weights and scores add up to the form's total; a funds score left out is flagged."""
    indicators = rows_by_evaluation(package, "indicators")
    for evaluation in package.tables.get("evaluations", []):
        evaluation_id = evaluation.get("evaluation_id")
        rows = _scored(indicators.get(evaluation_id, []))
        if not rows:
            continue
        funds = _funds_line(package, evaluation_id)
        for column, code, title in (
            ("weight", "E-WEIGHT-TOTAL", "分值"),
            ("score", "E-SCORE-TOTAL", "得分"),
        ):
            stated = number(evaluation, f"total_{column}")
            if stated is None:
                continue
            summed = sum((number(row, column) or Decimal(0) for row in rows), Decimal(0))
            funds_part = number(funds, column) if funds else None
            if abs(summed - stated) <= EPSILON:
                if column == "weight" and funds_part:
                    yield _finding(
                        package,
                        "budget",
                        funds,
                        "F-FUNDS-EXCLUDED",
                        "score",
                        f"资金执行率分值 {funds.get('weight')}、得分 {funds.get('score') or '—'} 未计入总分"
                        f"（总分 {plain(stated)} 只合计了指标行）",
                        severity=Severity.FLAG,
                    )
                continue
            if funds_part is not None and abs(summed + funds_part - stated) <= EPSILON:
                continue
            yield _finding(
                package,
                "evaluations",
                evaluation,
                code,
                f"total_{column}",
                f"合计{title} {plain(stated)} ≠ 各行{title}之和 {plain(summed)}",
                ref=evaluation_id,
            )
        total_weight, total_score = number(evaluation, "total_weight"), number(evaluation, "total_score")
        if total_weight is not None and total_score is not None and total_score > total_weight:
            yield _finding(
                package,
                "evaluations",
                evaluation,
                "E-SCORE-ABOVE-WEIGHT",
                "total_score",
                f"总得分 {plain(total_score)} 高于总分值 {plain(total_weight)}",
                ref=evaluation_id,
            )


def check_grade(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """The published grade is the one the score earns under the jurisdiction's bands."""
    units = package.tables.get("unit", [])
    jurisdiction = units[0].get("province") if units else "default"
    for evaluation in package.tables.get("evaluations", []):
        grade, score = evaluation.get("grade"), number(evaluation, "total_score")
        if not grade or score is None:
            continue
        weight = number(evaluation, "total_weight")
        percent = score * 100 / weight if weight else score
        expected = grade_for(percent, jurisdiction, bands)
        if grade != expected:
            yield _finding(
                package,
                "evaluations",
                evaluation,
                "E-GRADE",
                "grade",
                f"得分 {plain(score)}（满分 {plain(weight) if weight else 100}）按{jurisdiction}分档应为“{expected}”，"
                f"原文为“{grade}”",
                ref=evaluation.get("evaluation_id"),
            )


def check_stated_scores(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Scores stated in prose agree with the score table they describe."""
    indicators = rows_by_evaluation(package, "indicators")
    evaluations = {row.get("evaluation_id"): row for row in package.tables.get("evaluations", [])}
    for stated in package.tables.get("stated_scores", []):
        evaluation_id, scope = stated.get("evaluation_id"), stated.get("scope")
        if scope == "合计":
            evaluation = evaluations.get(evaluation_id)
            if evaluation is None:
                continue
            table = {c: number(evaluation, f"total_{c}") for c in ("weight", "score")}
        else:
            rows = [r for r in _scored(indicators.get(evaluation_id, [])) if r.get("level1") == scope]
            if not rows:
                yield _finding(
                    package, "stated_scores", stated, "E-STATED", "scope", f"评分表中没有一级指标“{scope}”", ref=scope
                )
                continue
            table = {c: sum((number(r, c) or Decimal(0) for r in rows), Decimal(0)) for c in ("weight", "score")}
        for column, title in (("weight", "分值"), ("score", "得分")):
            value = number(stated, column)
            if value is not None and table[column] is not None and abs(value - table[column]) > EPSILON:
                yield _finding(
                    package,
                    "stated_scores",
                    stated,
                    "E-STATED",
                    column,
                    f"文中“{stated.get('label')}”{title} {plain(value)} ≠ 评分表 {plain(table[column])}",
                    ref=scope,
                )


_QUANTITY = re.compile(r"^(?P<op>[=≥≤><]|>=|<=)?\s*(?P<value>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>%|万元|元|人|个|件)?$")


def _quantity(text: str) -> tuple[str, Decimal, str] | None:
    match = _QUANTITY.match(text.strip().replace("＝", "=").replace(">=", "≥").replace("<=", "≤"))
    if not match:
        return None
    try:
        value = Decimal(match["value"])
    except InvalidOperation:
        return None
    return match["op"] or "", value, match["unit"] or ""


def _met(op: str, actual: Decimal, target: Decimal) -> bool:
    if op == "=":
        return actual == target
    if op in ("≤", "<"):
        return actual <= target if op == "≤" else actual < target
    if op == ">":
        return actual > target
    return actual >= target


def check_full_marks_for_missed_target(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Full marks where a quantitative target (e.g. =43万元, ≥98%) was plainly missed."""
    for row in package.tables.get("indicators", []):
        weight, score = number(row, "weight"), number(row, "score")
        if weight is None or score is None or score != weight:
            continue
        target, actual = _quantity(row.get("target")), _quantity(row.get("actual"))
        if target is None or actual is None or target[2] != actual[2] or not target[2]:
            continue
        if not _met(target[0], actual[1], target[1]):
            yield _finding(
                package,
                "indicators",
                row,
                "F-FULL-MARKS-MISSED",
                "score",
                f"“{row.get('level3')}”指标值 {row.get('target')}，实际 {row.get('actual')}，仍得满分 {plain(score)}",
                severity=Severity.FLAG,
            )
