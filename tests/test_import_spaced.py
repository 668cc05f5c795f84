"""The 如皋 layouts in text with spaces only between cells (sources/000_… and 001_… as archived, and a
form typed the same way): what the shape decides is read, the rest goes to review.  Expected values
are read off the source texts by hand."""

from __future__ import annotations

import csv
from pathlib import Path

from import_oracle import import_file

REPO = Path(__file__).resolve().parent.parent


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_department_form_funds_lines_read_by_their_printed_units(tmp_path):
    draft = import_file(REPO / "sources" / "000_7a037880d3e30f48.txt", tmp_path, "2024")
    assert draft is not None
    lines = {row["line_id"]: row for row in _rows(draft / "budget.csv")}
    total = lines["total"]
    assert (total["label"], total["budget"], total["actual"], total["amount_unit"]) == (
        "资金总额",
        "989.34",
        "989.33",
        "万元",
    )
    assert (lines["item-6"]["label"], lines["item-6"]["budget"], lines["item-6"]["actual"]) == (
        "代发老临工待遇",
        "32.66",
        "32.65",
    )
    wrapped = lines["item-4"]  # 退休人员异地领取养老金手续费、银行支出 / 户手续费 / 2万元 2万元
    assert (wrapped["label"], wrapped["budget"], wrapped["actual"], wrapped["parent_id"]) == (
        "待填",
        "2",
        "2",
        "project",
    )
    review = _rows(draft / "review.csv")
    assert any(row["source_text"] == "户手续费" and not row["field"] for row in review), "the label's pieces to review"
    evaluation = _rows(draft / "evaluations.csv")[0]
    assert (evaluation["title"], evaluation["total_weight"], evaluation["total_score"]) == (
        "如皋市社会养老保险管理处",
        "100",
        "97.2",
    )
    assert _rows(draft / "indicators.csv") == [], (
        "分值 before 评价要点 and 实际完成值: which text is which is not decided"
    )


def test_the_project_forms_are_recognised_and_their_whole_indicator_lines_read(tmp_path):
    draft = import_file(REPO / "sources" / "001_bede38737e39828a.txt", tmp_path, "2024")
    assert draft is not None
    evaluations = _rows(draft / "evaluations.csv")
    assert [row["title"] for row in evaluations] == [
        "打印纸及个人账户打印纸",
        "《社会保险手册》印刷费",
        "社保扩面业务经费",
        "“助保贷款”财政贴息",
        "社保业务运营经费",
    ]
    first = evaluations[0]
    assert (first["implementing_unit"], first["total_weight"], first["total_score"]) == (
        "如皋市社会保险基金管理中心",
        "100",
        "99",
    )
    indicators = [row for row in _rows(draft / "indicators.csv") if row["evaluation_id"] == first["evaluation_id"]]
    line = next(row for row in indicators if row["level3"] == "项目立项充分性")
    assert (line["target"], line["actual"], line["weight"], line["score"]) == ("充分", "充分", "2", "2")
    assert (line["level1"], line["level2"]) == ("待填", "待填")
    satisfaction = next(row for row in indicators if row["level3"] == "服务对象满意度")
    assert (satisfaction["target"], satisfaction["actual"], satisfaction["weight"], satisfaction["score"]) == (
        "98%",
        "96%",
        "10",
        "9",
    )
    assert not any(row["level3"] in ("质量达标率", "质量指标") for row in indicators), (
        "a level name on the line: to review"
    )
    last = [row for row in _rows(draft / "indicators.csv") if row["evaluation_id"] == evaluations[-1]["evaluation_id"]]
    assert len(last) < 20, "the unrecognised sixth form's 评分表 is not read into the fifth"


def test_a_line_beside_a_piece_of_a_wrapped_name_is_left_for_review(tmp_path):
    source = tmp_path / "form.txt"
    source.write_text(
        "项目支出绩效自评价情况表\n填报单位：某某中心\n项目名称：某项目\n项目支出绩效自评价评分表\n"
        "年初指标值 实际完成值 权重 得分 评分依据\n"
        "项目立项\n项目立项充分性 充分 充分 2 2\n经济效益\n"
        "提供与社会保障个\n人权益记录相关的 及时完成 及时完成 10 10\n服务\n"
        "总计 12 12\n",
        encoding="utf-8",
    )
    draft = import_file(source, tmp_path / "out", "2024")
    assert draft is not None
    assert [row["level3"] for row in _rows(draft / "indicators.csv")] == ["项目立项充分性"]
    review = {row["source_text"] for row in _rows(draft / "review.csv") if not row["field"]}
    assert "人权益记录相关的及时完成及时完成 10 10" in review  # the review list shows cells as cleaned
