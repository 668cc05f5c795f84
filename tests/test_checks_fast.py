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
