"""The checks schema 2 brought: totals that say which rows they summed, blank scores, figures of
unknown column, a report's totals against its forms, and evaluation-level flags that link somewhere.

Each test breaks or extends one seed in a copy of data/ (named in the test) and reads
what validation or the built site says.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_fixtures import REPO, build_site, parse_html, read_csv, resolve, write_csv

PENSION = "rugao-pension/2024"
YIYANG = "yiyang-si/2022"


def validate(data: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "build.py", "--data", str(data), "validate", *options]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def set_cells(path: Path, match: dict[str, str], **cells: str) -> None:
    rows = read_csv(path)
    hits = [row for row in rows if all(row[k] == v for k, v in match.items())]
    assert len(hits) == 1, (path, match)
    hits[0].update(cells)
    write_csv(path, rows)


def add_row(path: Path, **cells: str) -> None:
    rows = read_csv(path)
    rows.append({key: cells.get(key, "") for key in rows[0]} if rows else cells)
    write_csv(path, rows)


def reported(stderr: str, message: str, code: str) -> bool:
    """A finding line says ``message`` and ends with ``(code)``; the advice on what to do next
    (Finding.next_step) stands between them."""
    return any(message in line and line.rstrip().endswith(f"({code})") for line in stderr.splitlines())


def test_score_total_message_names_the_rows_and_counts_the_funds_row(data_copy: Path) -> None:
    """yiyang-si retiree-allowance: total 100/93 is the indicator rows alone (funds row 10/7 left out)."""
    package = data_copy / YIYANG
    set_cells(package / "evaluations.csv", {"evaluation_id": "retiree-allowance"}, total_score="94")
    result = validate(data_copy)
    assert result.returncode == 1
    assert reported(result.stderr, "得分：9 个指标行 93 ≠ 合计 94（资金行 7 未计入总分）", "E-SCORE-TOTAL")


def test_a_form_counting_its_funds_row_is_checked_with_it(data_copy: Path) -> None:
    """yiyang-si teacher-allowance made to count its funds row 10/10: 110 / 107 adds up (the report's
    stated 97 then disagrees, which is E-STATED's business)."""
    package = data_copy / YIYANG
    evaluation = {"evaluation_id": "teacher-allowance"}
    set_cells(package / "evaluations.csv", evaluation, total_weight="110", total_score="107")
    counted = validate(data_copy).stderr
    assert "(E-WEIGHT-TOTAL)" not in counted and "(E-SCORE-TOTAL)" not in counted
    set_cells(package / "evaluations.csv", evaluation, total_score="108")
    result = validate(data_copy)
    assert reported(result.stderr, "得分：8 个指标行 97 + 资金行 10 = 107 ≠ 合计 108", "E-SCORE-TOTAL")


def test_blank_scores_keep_their_weights_and_the_weight_total_is_checked(data_copy: Path) -> None:
    """rugao-pension: every 得分 blanked (weight_only) validates; a wrong 合计 weight is still caught."""
    package = data_copy / PENSION
    rows = read_csv(package / "indicators.csv")
    for row in rows:
        if row["status"] == "scored":
            row.update(status="weight_only", score="")
    write_csv(package / "indicators.csv", rows)
    set_cells(package / "evaluations.csv", {"evaluation_id": "department"}, total_score="", grade="")
    assert validate(data_copy).returncode == 0, validate(data_copy).stderr
    set_cells(package / "evaluations.csv", {"evaluation_id": "department"}, total_weight="101")
    result = validate(data_copy)
    assert reported(result.stderr, "分值：40 个指标行 100.0 ≠ 合计 101", "E-WEIGHT-TOTAL")
    rows[0]["score"] = "1"
    write_csv(package / "indicators.csv", rows)
    assert reported(validate(data_copy).stderr, "状态为 weight_only 的行不应有此值", "E-INDICATOR")


def test_scores_printed_without_row_weights(data_copy: Path) -> None:
    """rugao-pension's 决策 rows (一级 6分) as a 保山-style form prints them: 得分 only (score_only).

    The row weights are then not summed; the scores still make the total, may not have a
    weight, and may not add up to more than the group's printed weight.
    """
    package = data_copy / PENSION
    rows = read_csv(package / "indicators.csv")
    for row in rows:
        if row["level1"] == "决策":
            row.update(status="score_only", weight="")
    write_csv(package / "indicators.csv", rows)
    result = validate(data_copy)
    assert result.returncode == 0, result.stderr
    first = {"evaluation_id": "department", "row": "1"}
    set_cells(package / "indicators.csv", first, weight="1")
    assert reported(validate(data_copy).stderr, "状态为 score_only 的行不应有此值", "E-INDICATOR")
    set_cells(package / "indicators.csv", first, weight="", score="2")
    result = validate(data_copy)
    assert reported(result.stderr, "一级指标“决策”所辖三级指标得分之和 7 高于其分值 6", "E-SCORE-ABOVE-WEIGHT")
    assert "(E-SCORE-TOTAL)" in result.stderr and "(E-WEIGHT-TOTAL)" not in result.stderr


def test_figures_of_unknown_column_must_leave_their_columns_empty(data_copy: Path) -> None:
    package = data_copy / PENSION
    match = {"evaluation_id": "department", "line_id": "item-1"}
    set_cells(package / "budget.csv", match, ambiguous_amounts="8", ambiguous_columns="budget actual")
    result = validate(data_copy)
    assert "budget、actual 已有数字" in result.stderr and "(E-AMBIGUOUS)" in result.stderr
    set_cells(package / "budget.csv", match, budget="", actual="")
    shown = validate(data_copy, "--flags")
    assert shown.returncode == 0, shown.stderr
    assert "原文在 全年预算数／实际支出数 2 列之下只印 8" in shown.stdout and "(F-AMBIGUOUS)" in shown.stdout
    set_cells(package / "budget.csv", match, ambiguous_columns="budget")
    assert "须比 ambiguous_amounts 多至少一列" in validate(data_copy).stderr


def test_a_reports_totals_are_compared_with_its_forms(data_copy: Path) -> None:
    """yiyang-si 2022: the report states 120.56; its three forms add to 120.565206 / 120.5652."""
    shown = validate(data_copy, "--flags")
    assert "报告所载年初预算数 120.56 万元，所附 3 张项目表之和为 120.565206 万元" in shown.stdout
    assert "报告所载全年预算数 120.56 万元，所附 3 张项目表之和为 120.5652 万元" in shown.stdout
    assert "报告所载实际支出数" not in shown.stdout  # 116.1398 printed with two decimals is 116.14
    set_cells(data_copy / YIYANG / "budget.csv", {"evaluation_id": "report", "line_id": "total"}, budget="120.57")
    assert "报告所载全年预算数" not in validate(data_copy, "--flags").stdout


def test_an_acknowledged_evaluation_level_inconsistency_links_to_the_evaluation(
    data_copy: Path, tmp_path: Path
) -> None:
    """rugao-pension: a 合计 score acknowledged as published links to an id the evaluation page has."""
    package = data_copy / PENSION
    set_cells(package / "evaluations.csv", {"evaluation_id": "department"}, total_score="97.3")
    add_row(
        package / "quality.csv",
        evaluation_id="department",
        resource="evaluations",
        ref="department",
        field="total_score",
        code="E-SCORE-TOTAL",
        note="测试：原文合计如此。",
    )
    assert validate(data_copy).returncode == 0
    site = build_site(tmp_path / "site", data_dir=data_copy)
    quality = parse_html((site / "quality/index.html").read_text("utf-8"))
    links = [a.attrs["href"] for row in quality.find("tbody").find_all("tr") for a in row.find_all("a")]
    pension = [href for href in links if "rugao-pension" in href and "#" in href]
    assert pension, "the acknowledged inconsistency is not on the quality page"
    for href in pension:
        target, fragment = resolve("quality/index.html", href)
        page = parse_html((site / target).read_text("utf-8"))
        anchored = page.by_id(fragment)
        assert anchored is not None, href
        assert "flagged" in anchored.classes()


def test_full_marks_for_a_missed_target_read_from_the_nature_and_value_columns(data_copy: Path) -> None:
    """rugao-pension row 1 given 指标性质 ≥, 指标值 98 and 实际完成值 97 (one 度量单位): full marks are flagged."""
    package = data_copy / PENSION
    set_cells(
        package / "indicators.csv",
        {"evaluation_id": "department", "row": "1"},
        nature="≥",
        target_value="98",
        measure_unit="%",
        actual_value="97",
    )
    shown = validate(data_copy, "--flags")
    assert shown.returncode == 0, shown.stderr
    flagged = [line for line in shown.stdout.splitlines() if line.endswith("(F-FULL-MARKS-MISSED)")]
    assert any(line.startswith(f"data/{PENSION}/indicators.csv 第2行 score:") for line in flagged), flagged
