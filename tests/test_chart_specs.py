"""Chart templates are stored (jixiao/site/chart_specs.py) so a build draws charts without importing Altair."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from jixiao.site import charts

ROOT = Path(__file__).resolve().parents[1]


def test_the_stored_templates_are_what_altair_builds() -> None:
    """Regenerate with ``python -c "from jixiao.site import charts; charts.write_stored_specs()"``."""
    stored = (ROOT / "jixiao" / "site" / "chart_specs.py").read_text("utf-8")
    assert stored == charts.stored_specs_source()


def test_every_kind_of_chart_the_site_draws_is_stored() -> None:
    """By hand: budget bars with one or both series, scores, rates, trends, the compare page's scatter."""
    from jixiao.site.chart_specs import TEMPLATES

    for key in (
        ["rows", ["全年预算数", "实际支出数"]],
        ["rows", ["实际支出数"]],
        ["rows", ["分值", "得分"]],
        ["rows", ["执行率"]],
        ["rows", ["执行率", "超出预算"]],
        ["rows", ["全年预算数", "实际支出数", "执行率", "超出预算", "得分"]],
        ["scatter", "执行率（计算，%）", "得分", ["执行率", "超出预算"]],
        ["scatter", "执行率（计算，%）", "得分", []],
    ):
        assert json.dumps(key, ensure_ascii=False) in TEMPLATES


def test_a_chart_is_drawn_without_importing_altair() -> None:
    script = (
        "import sys\n"
        "from decimal import Decimal\n"
        "from jixiao.site import charts\n"
        "spec = charts.scatter([charts.ScatterPoint('a', Decimal('101'), Decimal('90'), 2023, 'x/')], "
        "'执行率（计算，%）', '得分')\n"
        "assert spec['data']['values'][0]['s'] == '超出预算', spec['data']\n"
        "print('altair' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
