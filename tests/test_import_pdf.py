"""PDFs LibreOffice exports from clerk-made forms: names of merged cells that a page break cut.

The PDFs are the committed clerk-made files (tests/fixtures/clerk/forms/, exported once by
make_clerk_forms.py), so no conversion runs here.  Expected values are read off the printed
forms by hand: Writer prints a merged 一级指标 at the top of its first page and leaves the next
page's part blank; Calc prints it at the middle of the whole range, so a page's part may be blank
and the name may fall outside both pages' tables.
"""

from __future__ import annotations

import csv
from pathlib import Path

from import_oracle import CLERK, import_file

from jixiao.commands.importing.draft_model import MEDIUM, NONE, PLACEHOLDER, Value
from jixiao.commands.importing.pagebreaks import across_page_breaks


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _indicator(draft: Path, level3: str) -> dict[str, str]:
    return next(row for row in _rows(draft / "indicators.csv") if row["level3"] == level3)


def _review(draft: Path, ref_row: str, field: str) -> dict[str, str]:
    return next(
        row
        for row in _rows(draft / "review.csv")
        if row["resource"] == "indicators" and row["ref"].endswith(f":{ref_row}") and row["field"] == field
    )


def test_a_name_writer_printed_on_the_page_before_fills_the_blank_top_of_the_next(tmp_path):
    draft = import_file(CLERK / "rugao-pension-2024-department.docx.pdf", tmp_path, "2024", "department")
    assert draft is not None
    row = _indicator(draft, "绩效目标合理性")  # page 2, under 决策（6分） printed on page 1
    assert (row["level1"], row["level1_weight"], row["level2"], row["level2_weight"]) == ("决策", "6", "目标设定", "2")
    assert (row["target"], row["actual"], row["weight"], row["score"]) == ("合理", "合理", "1", "1")
    review = _review(draft, row["row"], "level1")
    assert review["confidence"] == "中" and "跨页的合并单元格" in review["note"] and "第1页" in review["note"]
    assert review["where"].startswith("第2页")
    row = _indicator(draft, "固定资产利用率")  # page 3: both names continue from page 2
    assert (row["level1"], row["level1_weight"], row["level2"], row["level2_weight"]) == ("过程", "26", "资产管理", "3")


def test_a_name_calc_printed_on_the_next_page_fills_the_blank_bottom_of_the_page_before(tmp_path):
    draft = import_file(CLERK / "tianchang-water-2022-flood-control.xlsx.pdf", tmp_path, "2022", "flood-control")
    assert draft is not None
    row = _indicator(draft, "指标1:全市安全度汛")  # bottom of page 1; 效益指标（30分） printed on page 2
    assert (row["level1"], row["level1_weight"], row["level2"]) == ("效益指标", "30", "经济效益指标")
    assert (row["weight"], row["score"]) == ("10", "10")


def test_a_name_printed_between_two_pages_tables_names_both_parts_when_the_weights_add_up(tmp_path):
    draft = import_file(CLERK / "rugao-pension-2024-department.xlsx.pdf", tmp_path, "2024", "department")
    assert draft is not None
    for level3 in ("预算调整率", "固定资产利用率"):  # bottom of page 2, top of page 3; 过程（26分） between them
        row = _indicator(draft, level3)
        assert (row["level1"], row["level1_weight"], row["weight"], row["score"]) == ("过程", "26", "1", "1")
        review = _review(draft, row["row"], "level1")
        assert review["confidence"] == "中" and "表格之间" in review["note"]
    row = _indicator(draft, "预算调整率")
    assert (row["level2"], row["level2_weight"], row["target"], row["actual"]) == ("预算执行", "8", "0%", "0%")


def test_a_name_cut_off_by_the_page_break_is_left_for_review_with_the_rest_of_the_row_read(tmp_path):
    draft = import_file(CLERK / "rugao-pension-2024-department.xlsx.pdf", tmp_path, "2024", "department")
    assert draft is not None
    row = _indicator(draft, "中长期规划健全性")  # Calc drew 计划制定（2分） over page 2's repeated header
    assert row["level2"] == PLACEHOLDER and row["level2_weight"] == ""
    assert (row["level1"], row["level1_weight"], row["target"], row["actual"]) == ("决策", "6", "健全", "健全")
    assert (row["weight"], row["score"]) == ("1", "1")
    review = _review(draft, row["row"], "level2")
    assert review["confidence"] == "无" and review["where"].startswith("第1页")


def _line(page_weight: str, level1: str = PLACEHOLDER, weight: str | None = None) -> dict[str, Value]:
    line = {
        "level1": Value(level1, None, NONE if level1 == PLACEHOLDER else "高"),
        "weight": Value(page_weight, None, "高"),
    }
    if weight:
        line["level1_weight"] = Value(weight, None, "高")
    return line


def test_a_blank_name_across_a_break_stays_for_review_unless_the_weights_add_up():
    named = [_line("2", "产出指标", "30"), _line("10", "产出指标", "30")]
    run = [_line("10")]
    across_page_breaks([("1", named[0]), ("1", named[1]), ("2", run[0])], [], [])
    assert run[0]["level1"].value == PLACEHOLDER, "2 + 10 + 10 is not the 30 the name prints"
    run = [_line("18")]
    across_page_breaks([("1", named[0]), ("1", named[1]), ("2", run[0])], [], [])
    assert (run[0]["level1"].value, run[0]["level1"].confidence, run[0]["level1_weight"].value) == (
        "产出指标",
        MEDIUM,
        "30",
    )
    run = [_line("18")]
    dropped = across_page_breaks([("1", named[0]), ("1", run[0]), ("1", named[1])], [], [])
    assert dropped == [run[0]], "a blank name in the middle of a page is no page break's doing: the row goes to review"
    run = [_line("18")]
    across_page_breaks([("1", named[0]), ("2", run[0]), ("3", _line("2", "效益指标", "20"))], [], [])
    assert run[0]["level1"].value == PLACEHOLDER, "two different names across the two breaks: which one is unknown"
