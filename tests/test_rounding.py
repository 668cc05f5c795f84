"""One rounding rule for every figure the site computes and shows: 四舍五入 (halves away from zero).

Every expected text here is written by hand.  Python's own ``format(x, ".2f")``,
``round`` and ``Decimal.quantize`` round halves to even (86.185 → 86.18), which is
the mistake these tests exist to catch; published figures themselves are never rounded.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from check_harness import edit, model, seed

from jixiao.site import figures
from jixiao.site.render import make_environment
from jixiao.structure import labels, totals


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Decimal("86.185"), "86.19%"),  # half-even would print 86.18%
        (Decimal("0.125"), "0.13%"),  # half-even: 0.12%
        (Decimal("100.005"), "100.01%"),  # half-even: 100.00%
        (Decimal("86.1849999"), "86.18%"),
        (Decimal("86.175"), "86.18%"),
        (Decimal("96.3"), "96.30%"),
        (Decimal("0"), "0.00%"),
        (None, "—"),
    ],
)
def test_a_computed_rate_is_shown_to_two_places_half_up(rate, text):
    assert labels.percent(rate) == text
    assert figures.percent_text(rate) == text


def test_a_rate_of_172_37_over_200_is_86_19_percent():
    assert figures.percent_text(figures.rate(Decimal("200"), Decimal("172.37"))) == "86.19%"
    assert totals.shown_rate(Decimal("172.37") / Decimal("200") * 100) == Decimal("86.19")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("12250"), "约 1.23 亿元"),  # 1.225 亿: half-even would give 1.22
        (Decimal("250.5"), "约 251 万元"),  # half-even: 250
        (Decimal("-250.5"), "约 -251 万元"),  # away from zero
        (Decimal("1234.5"), "约 1,235 万元"),
        (Decimal("12.25"), "约 12.3 万元"),  # half-even: 12.2
        (Decimal("99.95"), "约 100.0 万元"),
    ],
)
def test_headline_amounts_round_halves_up(value, text):
    assert figures.rounded(value) == text


def test_the_templates_percent_filter_rounds_half_up():
    env = make_environment(figures_templates())
    assert env.from_string("{{ r | percent }}").render(r=Decimal("86.185")) == "86.19%"


def figures_templates():
    from jixiao.config import Config

    return Config().templates_dir


def test_a_budget_line_at_86_185_percent_reads_86_19_in_its_chart_and_csv():
    """yiyang-si 2022's report total line set to 172.37 spent of 200 (万元): 86.185% exactly."""
    raw = seed("yiyang-si/2022")
    edit(raw, "budget", {"evaluation_id": "report", "line_id": "total"}, budget="200", actual="172.37")
    package = model(raw)
    report = next(e for e in package.evaluations if e.evaluation_id == "report")
    rate_chart, _ = figures.budget_charts(package, report)
    assert rate_chart is not None
    assert '"86.19%"' in rate_chart.spec_json and "86.18" not in rate_chart.spec_json
    assert "项目资金,0,200,172.37,86.19" in rate_chart.csv.decode("utf-8-sig").replace("\r\n", "\n")
