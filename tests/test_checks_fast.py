"""Domain checks on packages edited in memory (tests/check_harness.py): milliseconds a test.

The seed is yiyang-si/2022 (data/yiyang-si/2022, from 弋阳县社会保险管理中心's 2022 report and
forms); each test says which printed figure it changes and what the check must then say,
worked out by hand from the figures in budget.csv.
"""

from __future__ import annotations

from check_harness import add, codes, edit, run, seed

from jixiao.ingest.checks.budget import check_budget_sums, check_execution_rates

YIYANG = "yiyang-si/2022"
REPORT_FISCAL = {"evaluation_id": "report", "line_id": "fiscal"}
RETIREE_FISCAL = {"evaluation_id": "retiree-allowance", "line_id": "fiscal"}


def test_the_seed_passes_the_checks_it_is_edited_for():
    package = seed(YIYANG)
    assert run(check_budget_sums, package) == []
    assert run(check_execution_rates, package) == []


def test_a_part_that_no_longer_adds_up_is_an_e_sum_naming_both_sides():
    """项目资金 120.56 = 财政拨款 92.47 + 其它项资金 28.09; with 92.50 the parts make 120.59."""
    package = seed(YIYANG)
    edit(package, "budget", REPORT_FISCAL, budget="92.50")
    findings = run(check_budget_sums, package)
    assert codes(findings) == ["E-SUM"]
    assert findings[0].message == "全年预算数：明细合计 120.59（财政拨款＋其它项资金）≠ 项目资金 120.56 万元"
    assert (findings[0].file, findings[0].field) == ("data/yiyang-si/2022/budget.csv", "budget")


def test_a_difference_of_one_cent_is_published_rounding():
    """92.48 + 28.09 = 120.57, one cent from 120.56: within TOLERANCE (0.01), as forms round."""
    package = seed(YIYANG)
    edit(package, "budget", REPORT_FISCAL, budget="92.48")
    assert run(check_budget_sums, package) == []


def test_a_new_part_is_added_into_the_sum():
    """A third source of 0.05 under 项目资金: 92.47 + 28.09 + 0.05 = 120.61."""
    package = seed(YIYANG)
    add(
        package,
        "budget",
        evaluation_id="report",
        line_id="other-2",
        parent_id="total",
        order="4",
        label="上年结转",
        kind="other",
        amount_unit="万元",
        budget="0.05",
    )
    findings = run(check_budget_sums, package)
    assert [f.message for f in findings] == [
        "全年预算数：明细合计 120.61（财政拨款＋其它项资金＋上年结转）≠ 项目资金 120.56 万元"
    ]


def test_a_published_rate_is_checked_at_its_own_precision():
    """38.5746 ÷ 43 = 89.7084…%: printed 89.71 agrees; 89.72 and 89.713 (three places) do not."""
    package = seed(YIYANG)
    assert run(check_execution_rates, package) == []
    edit(package, "budget", RETIREE_FISCAL, rate_published="89.72")
    assert codes(run(check_execution_rates, package)) == ["E-RATE"]
    edit(package, "budget", RETIREE_FISCAL, rate_published="89.713")
    assert codes(run(check_execution_rates, package)) == ["E-RATE"]
    edit(package, "budget", RETIREE_FISCAL, rate_published="89.708")
    assert run(check_execution_rates, package) == []


# ---------------------------------------------------------------------------------------
# Format checks: a column at a time when nothing is wrong, cell by cell otherwise

UNIT_ROW = {"unit_id": "yiyang-si"}
REPORT_TOTAL = {"evaluation_id": "report", "line_id": "total"}


def _format_findings(package) -> list[tuple]:
    from jixiao.ingest.checks.structure import check_number_cells
    from jixiao.ingest.checks.text import check_text_cells

    found = run(check_text_cells, package) + run(check_number_cells, package)
    return [(f.code, f.file.rsplit("/", 1)[1], f.line, f.field, f.message) for f in found]


def test_format_checks_find_each_hidden_character_and_oversized_number():
    """One bad cell in each of several tables: each is found where it is, with its own words.

    Expected messages are written out from the cells: 弋阳县\u200b社会… has the zero-width space as its
    4th character; 16 digits are one more than an amount's 15; 2**53 = 9007199254740992.
    """
    package = seed(YIYANG)
    edit(package, "unit", UNIT_ROW, name="弋阳县\u200b社会保险管理中心", staff_total="9007199254740992")
    edit(package, "budget", REPORT_TOTAL, budget="1234567890123456", line_id="total\t")
    edit(package, "sources", {"source_id": "self-evaluation-2022"}, url="ftp://example.org/x")
    edit(package, "narrative", {"evaluation_id": "report", "order": "1"}, title="机构\x0b情况")
    hidden = "名称、标题和标识中不得有双向控制符、零宽字符等（显示的文字会与实际不同），请删去"
    assert _format_findings(package) == [
        ("E-TEXT", "unit.csv", 2, "name", f"含不可见的格式字符 U+200B（第 4 个字符）：{hidden}"),
        ("E-NUMBER", "unit.csv", 2, "staff_total", "9007199254740992 超出整数上限 9007199254740991"),
        ("E-URL", "sources.csv", 2, "url", "'ftp://example.org/x' 不是 http:// 或 https:// 网址"),
        ("E-TEXT", "budget.csv", 2, "line_id", "含控制字符 U+0009（第 6 个字符）"),
        ("E-NUMBER", "budget.csv", 2, "budget", "1234567890123456 的整数部分超过 15 位"),
        ("E-TEXT", "narrative.csv", 2, "title", "含控制字符 U+000B（第 3 个字符）"),
    ]


def test_format_checks_pass_what_is_allowed_at_the_edges():
    """Sixteen characters of which fifteen digits; a bidi mark in running text (removed on the pages); a tab
    in a note: none of them is a finding, though each is what a column-at-a-time check could get wrong."""
    package = seed(YIYANG)
    edit(package, "budget", REPORT_TOTAL, budget="123456789012345.5", note="原文\u202e如此\t照录")
    edit(package, "unit", UNIT_ROW, staff_in_post="-12345678901234")
    assert _format_findings(package) == []


def test_a_cell_that_is_not_a_bare_number_is_found_among_bare_ones():
    package = seed(YIYANG)
    edit(package, "budget", REPORT_TOTAL, actual="116.14万元")
    assert _format_findings(package) == [
        (
            "E-NUMBER",
            "budget.csv",
            2,
            "actual",
            "'116.14万元' 不是纯数字；请写成半角数字，不带空格、单位、千分位或百分号",
        )
    ]


def test_a_number_one_digit_too_long_is_found_in_an_otherwise_clean_table():
    """Sixteen digits are one over the 15 any number may have, even 9007199254740991 (2**53 - 1, the integer bound)."""
    package = seed(YIYANG)
    edit(package, "budget", REPORT_TOTAL, actual="1000000000000000")
    assert _format_findings(package) == [
        ("E-NUMBER", "budget.csv", 2, "actual", "1000000000000000 的整数部分超过 15 位"),
    ]
    package = seed(YIYANG)
    edit(package, "unit", UNIT_ROW, staff_total="9007199254740991")
    assert _format_findings(package) == [
        ("E-NUMBER", "unit.csv", 2, "staff_total", "9007199254740991 的整数部分超过 15 位"),
    ]


def test_format_checks_find_the_same_column_at_a_time_as_cell_by_cell(monkeypatch):
    """Every package in data/, and each with hostile values in random cells: the quick answer per column
    must never hide what reading every cell finds (the cell-by-cell path is the reference)."""
    import random

    from test_conformance import CELLS

    from jixiao.ingest.checks import structure, text

    rng = random.Random(28)
    values = [*CELLS, "\u200b", "a\u202eb", "x\ty", "1234567890123456", "-123456789012345", "９", "\x85"]
    compared = found = 0
    for package_id in ("yiyang-si/2022", "rugao-landloss/2023", "rugao-pension/2024"):
        for _ in range(60):
            package = seed(package_id)
            for _ in range(rng.randint(0, 3)):
                table = rng.choice(sorted(package.tables))
                if package.tables[table]:
                    row = rng.choice(package.tables[table])
                    row.cells[rng.choice(package.headers[table])] = rng.choice(values)
            quick = _format_findings(package)
            with monkeypatch.context() as patch:
                patch.setattr(text, "_column_clean", lambda spec, texts: False)
                patch.setattr(structure, "_all_bare", lambda rows, column: False)
                assert _format_findings(package) == quick
            compared += 1
            found += bool(quick)
    assert compared == 180 and 40 < found < 180, found  # both answers exercised
