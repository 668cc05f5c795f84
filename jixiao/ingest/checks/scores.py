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
    """Rows whose score counts: scored ones and those scored without a printed row weight."""
    return [row for row in rows if row.get("status") in ("scored", "score_only")]


def _weights_unprinted(rows: list[Row]) -> bool:
    """Some row's 分值 is not printed (score_only), so a sum of row weights proves nothing."""
    return any(row.get("status") == "score_only" for row in rows)


def _weighted(rows: list[Row]) -> list[Row]:
    """Rows whose weight counts: scored ones and those weighted but left unscored on the form."""
    return [row for row in rows if row.get("status") in ("scored", "weight_only")]


EXPECTED_CELLS = {
    "scored": {"weight": True, "score": True},
    "weight_only": {"weight": True, "score": False},
    "score_only": {"weight": False, "score": True},
    "not_scored": {"weight": False, "score": False},
    "empty": {"weight": False, "score": False},
}
"""Which of 分值 and 得分 a row of each status must (True) or must not (False) carry."""


def check_indicator_cells(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Scored rows carry weight and score; weight-only rows a weight, score-only rows a score; the others neither."""
    for row in package.tables.get("indicators", []):
        status = row.get("status")
        for column, wanted in EXPECTED_CELLS.get(status, {}).items():
            if wanted and not row.get(column):
                yield _finding(package, "indicators", row, "E-INDICATOR", column, f"状态为 {status} 的行缺少此值")
            if not wanted and row.get(column):
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
    """三级 weights add up to their 二级 and 一级 weights where those are printed.

    Where the rows print no weight of their own (score_only), their scores may at most
    reach the group's printed weight.
    """
    for rows in rows_by_evaluation(package, "indicators").values():
        for level, title in (("level1", "一级指标"), ("level2", "二级指标")):
            for run in _runs(rows, level):
                stated = number(run[0], f"{level}_weight")
                if stated is None:
                    continue
                if _weights_unprinted(run):
                    scored = sum((number(row, "score") or Decimal(0) for row in _scored(run)), Decimal(0))
                    if scored > stated:
                        yield _finding(
                            package,
                            "indicators",
                            run[0],
                            "E-SCORE-ABOVE-WEIGHT",
                            f"{level}_weight",
                            f"{title}“{run[0].get(level)}”所辖三级指标得分之和 {plain(scored)} "
                            f"高于其分值 {plain(stated)}",
                        )
                    continue
                summed = sum((number(row, "weight") or Decimal(0) for row in _weighted(run)), Decimal(0))
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


def _sum(rows: list[Row], column: str) -> Decimal:
    return sum((number(row, column) or Decimal(0) for row in rows), Decimal(0))


def _funds_counted(indicator_sum: Decimal, funds: Decimal | None, stated: Decimal | None) -> bool | None:
    """Whether the form's total counts the funds row: True, False, or None when its arithmetic cannot tell."""
    if funds is None or stated is None:
        return None
    if abs(indicator_sum + funds - stated) <= EPSILON:
        return True
    if abs(indicator_sum - stated) <= EPSILON:
        return False
    return None


def _arithmetic(rows: int, summed: Decimal, funds: Decimal | None, counted: bool | None, stated: Decimal) -> str:
    """The sum a total was checked against, naming the rows, e.g. 指标行 84 + 资金行 9 = 93 ≠ 合计 94."""
    plain_sum = f"{rows} 个指标行 {plain(summed)}"
    if funds is None:
        return f"{plain_sum} ≠ 合计 {plain(stated)}"
    with_funds = f"{plain_sum} + 资金行 {plain(funds)} = {plain(summed + funds)} ≠ 合计 {plain(stated)}"
    if counted:
        return with_funds
    if counted is False:
        return f"{plain_sum} ≠ 合计 {plain(stated)}（资金行 {plain(funds)} 未计入总分）"
    return f"{plain_sum} ≠ 合计 {plain(stated)}；{with_funds}"


def check_totals(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Row weights and scores add up to the form's total, with the funds row when the form counts it.

    Weights are checked on forms whose scores are blank too.  Whether the funds row
    counts is read from the form's own weight arithmetic (else its score arithmetic);
    a funds score the total leaves out is flagged.
    """
    indicators = rows_by_evaluation(package, "indicators")
    for evaluation in package.tables.get("evaluations", []):
        evaluation_id = evaluation.get("evaluation_id")
        rows_of = indicators.get(evaluation_id, [])
        # Row weights that are not all printed (score_only rows) cannot be summed to a total.
        weighted = [] if _weights_unprinted(rows_of) else _weighted(rows_of)
        scored = _scored(rows_of)
        funds = _funds_line(package, evaluation_id)
        stated = {c: number(evaluation, f"total_{c}") for c in ("weight", "score")}
        sums = {"weight": _sum(weighted, "weight"), "score": _sum(scored, "score")}
        funds_part = {c: number(funds, c) if funds else None for c in ("weight", "score")}
        counted = _funds_counted(sums["weight"], funds_part["weight"], stated["weight"] if weighted else None)
        if counted is None and scored:
            counted = _funds_counted(sums["score"], funds_part["score"], stated["score"])
        for column, code, rows in (("weight", "E-WEIGHT-TOTAL", weighted), ("score", "E-SCORE-TOTAL", scored)):
            total, part = stated[column], funds_part[column]
            if total is None or not rows:
                continue
            expected = sums[column] + (part or 0) if counted else sums[column]
            if abs(expected - total) <= EPSILON or (
                counted is None and part is not None and _funds_counted(sums[column], part, total) is not None
            ):
                continue
            title = "分值" if column == "weight" else "得分"
            yield _finding(
                package,
                "evaluations",
                evaluation,
                code,
                f"total_{column}",
                f"{title}：{_arithmetic(len(rows), sums[column], part, counted, total)}",
                ref=evaluation_id,
            )
        if counted is False and funds is not None and funds_part["weight"]:
            total_weight = plain(stated["weight"]) if stated["weight"] is not None else "—"
            yield _finding(
                package,
                "budget",
                funds,
                "F-FUNDS-EXCLUDED",
                "score",
                f"资金执行率分值 {funds.get('weight')}、得分 {funds.get('score') or '—'} 未计入总分"
                f"（总分 {total_weight} 只合计了 {len(weighted or scored)} 个指标行）",
                severity=Severity.FLAG,
            )
        if stated["weight"] is not None and stated["score"] is not None and stated["score"] > stated["weight"]:
            yield _finding(
                package,
                "evaluations",
                evaluation,
                "E-SCORE-ABOVE-WEIGHT",
                "total_score",
                f"总得分 {plain(stated['score'])} 高于总分值 {plain(stated['weight'])}",
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
            if _weights_unprinted(rows):
                table["weight"] = None
        for column, title in (("weight", "分值"), ("score", "得分")):
            value, expected = number(stated, column), table[column]
            if value is not None and expected is not None and abs(value - expected) > EPSILON:
                yield _finding(
                    package,
                    "stated_scores",
                    stated,
                    "E-STATED",
                    column,
                    f"文中“{stated.get('label')}”{title} {plain(value)} ≠ 评分表 {plain(expected)}",
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
        nature, target_value, actual_value = row.get("nature"), number(row, "target_value"), number(row, "actual_value")
        if nature in ("=", "≥", "≤", ">", "<") and target_value is not None and actual_value is not None:
            # The form's own columns: 指标性质, 指标值 and 实际完成值 as numbers in one 度量单位.
            target, actual = (nature, target_value, "·"), ("", actual_value, "·")
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
