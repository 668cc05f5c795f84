"""build.py import on text whose cells ran together: a draft, what the form's arithmetic decides placed with
把握 低, every run it cannot decide sent to review with all its readings.  Expected values are read off the
printed forms by hand (the run, the header's column order, the division done on paper), not from the code."""

from __future__ import annotations

import csv
from pathlib import Path

from jixiao.cli import main
from jixiao.ingest.draft import REVIEW_FILE

REPO = Path(__file__).resolve().parent.parent
ZHONGJIANG = REPO / "sources" / "011_76d3ec64a7199380.txt"
HEAD = "绩效目标自评表(2022年度)项目名称乡村道路养护项目主管部门某县交通运输局实施单位某县公路事务中心"
FUNDS_HEADER = "资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分"


def _import(tmp_path: Path, source: Path) -> Path:
    data = tmp_path / "data"
    args = ["import", str(source), "--unit", "imported", "--year", "2022", "--data", str(data)]
    assert main([*args, "--sources", str(tmp_path / "sources")]) == 0
    return data / "imported" / "2022"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _run(draft: Path, printed: str) -> dict[str, str]:
    """The review row of a run of digits (not the rows of the fields written from it)."""
    (row,) = [row for row in _rows(draft / REVIEW_FILE) if row["source_text"] == printed and not row["field"]]
    return row


def _form(tmp_path: Path, text: str) -> Path:
    source = tmp_path / "form.txt"
    source.write_text(text, encoding="utf-8")
    return _import(tmp_path, source)


def test_zhongjiang_form_whose_every_cell_runs_together_is_a_draft_not_a_refusal(tmp_path):
    """中江县水利局 2022: `年度资金总额:202010100.00%10` under 全年预算数(A)全年执行数(B)分值执行率(B/A)得分 is
    20 | 20 | 10 | 100.00% | 10 (20 ÷ 20 = 100.00 %; 202 | 0 would print 0 %), `总分100100` is 100 | 100."""
    draft = _import(tmp_path, ZHONGJIANG)
    (evaluation,) = _rows(draft / "evaluations.csv")
    assert evaluation["title"] == "中江县农业水价综合改革精准补贴和节水奖励项目小型水库水标尺制作安装"
    assert (evaluation["supervisor"], evaluation["implementing_unit"]) == ("中江县水利局", "中江县水利局")
    assert (evaluation["total_weight"], evaluation["total_score"]) == ("100", "100")
    total, fiscal, other = _rows(draft / "budget.csv")
    assert (total["label"], total["amount_unit"]) == ("年度资金总额", "万元")
    printed = ("20", "20", "10", "100.00", "10")
    assert tuple(total[name] for name in ("budget", "actual", "weight", "rate_published", "score")) == printed
    assert total["budget_initial"] == "" and total["funds_received"] == ""
    # 其中:本年财政拨款2020 — 20 | 20 by the column order, but 2020 could as well be 全年预算数 20 and 分值 20
    # (the text does not show which cells are blank): no amount is written, the readings go to review
    assert fiscal["label"] == "本年财政拨款" and fiscal["budget"] == fiscal["actual"] == ""
    assert other["label"] == "其他资金" and other["budget"] == ""
    review = _rows(draft / REVIEW_FILE)
    placed = [row for row in review if row["resource"] == "budget" and row["field"] in ("budget", "rate_published")]
    assert {(row["value"], row["confidence"]) for row in placed} == {("20", "低"), ("100.00", "低")}
    assert all(row["source_text"] == "年度资金总额:202010100.00%10" for row in placed)
    run = next(row for row in review if row["source_text"] == "其中:本年财政拨款2020" and not row["field"])
    assert run["confidence"] == "低" and "〔全年预算数 20；全年执行数 20〕" in run["note"]
    assert "〔全年预算数 20；分值 20〕" in run["note"]
    # by hand: 20|20 in any two of 全年预算数/全年执行数/分值/得分 (6), 2|0|20 (2: 分值 0 cannot precede 得分 20),
    # 20|2|0 in any three (4), 2|0|2|0 (1); 2020 and 202|0 exceed the total's 20 or 分值 100: 13, all listed
    assert "有 13 种切分" in run["note"] and run["note"].count("〔") == 13
    assert not any("安装坡面水标尺" in row["value"] for row in review)  # indicator rows are not cut: to review whole


def test_two_splits_that_satisfy_every_constraint_both_go_to_review_and_nothing_is_written(tmp_path):
    """`2051025%2` reads as 20 | 5 | 10 | 25% | 2 (5 ÷ 20 = 25 %, 2 ≤ 10) and as 205 | 10 | 2 | 5% | 2
    (10 ÷ 205 = 4.88 %, printed to the whole per cent 5 %, 2 ≤ 2): the form cannot say which."""
    draft = _form(tmp_path, f"{HEAD}{FUNDS_HEADER}年度资金总额2051025%2其他资金总分10090\n")
    (total, _other) = _rows(draft / "budget.csv")
    assert all(total[name] == "" for name in ("budget", "actual", "weight", "rate_published", "score"))
    run = _run(draft, "年度资金总额2051025%2")
    assert run["confidence"] == "低" and "有 2 种切分" in run["note"]
    assert "〔全年预算数 20；全年执行数 5；分值 10；执行率 25%；得分 2〕" in run["note"]
    assert "〔全年预算数 205；全年执行数 10；分值 2；执行率 5%；得分 2〕" in run["note"]


def test_a_part_larger_than_its_total_and_a_score_for_nothing_spent_are_not_readings(tmp_path):
    """`303010100%10` under the header is 30 | 30 | 10 | 100% | 10 only: 3030 | 10 | 100 % fails 10 ÷ 3030, and
    30301 | 0 | 10 | 0% | 10 scores 10 for a line that spent nothing.  `其中:财政拨款300` under a total of 30 | 30
    may be 30 | 0, 3 | 0 | 0 and more (blank cells do not show), never 300 as an amount: a part is no larger
    than its total."""
    draft = _form(tmp_path, f"{HEAD}{FUNDS_HEADER}年度资金总额:303010100%10其中:财政拨款300总分10090\n")
    total, fiscal = _rows(draft / "budget.csv")
    assert (total["budget"], total["actual"], total["weight"], total["rate_published"], total["score"]) == (
        "30",
        "30",
        "10",
        "100",
        "10",
    )
    assert fiscal["parent_id"] == "total" and fiscal["budget"] == ""
    run = _run(draft, "其中:财政拨款300")
    assert "〔全年预算数 30；全年执行数 0〕" in run["note"]
    assert "全年预算数 300" not in run["note"] and "全年执行数 300" not in run["note"]
    (evaluation,) = _rows(draft / "evaluations.csv")
    assert (evaluation["title"], evaluation["supervisor"], evaluation["implementing_unit"]) == (
        "乡村道路养护项目",
        "某县交通运输局",
        "某县公路事务中心",
    )
    assert (evaluation["total_weight"], evaluation["total_score"]) == ("100", "90")


def test_a_label_word_inside_a_value_keeps_the_field_out_of_the_table(tmp_path):
    """项目名称 running into an unprinted-label-looking 项目编号 is not cut: the name could end anywhere before it."""
    head = "绩效目标自评表(2022年度)项目名称乡村道路养护项目编号A1主管部门某县交通运输局实施单位某县公路事务中心"
    draft = _form(tmp_path, f"{head}{FUNDS_HEADER}年度资金总额:303010100%10\n")
    (evaluation,) = _rows(draft / "evaluations.csv")
    assert "乡村道路养护" not in evaluation["title"]
    assert evaluation["supervisor"] == "某县交通运输局"


def test_a_run_with_too_many_cuts_to_try_is_sent_to_review_undecided(tmp_path):
    """Twenty-eight digits without a zero before the rate, under six columns: thousands of cuts, so the work
    is bounded and the run goes to review as printed, nothing written and no reading offered."""
    header = "资金情况(万元)年初预算数全年预算数(A)全年执行数(B)分值执行率(B/A)得分"
    printed = "年度资金总额1234567891234567891234567891%10"
    draft = _form(tmp_path, f"{HEAD}{header}{printed}总分10090\n")
    (total,) = _rows(draft / "budget.csv")
    assert all(total[name] == "" for name in ("budget_initial", "budget", "actual", "rate_published", "score"))
    run = _run(draft, printed)
    assert "可能的切分太多" in run["note"] and "拆分建议" not in run["note"]
