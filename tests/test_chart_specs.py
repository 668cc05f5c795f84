"""Chart templates are stored so a build draws charts without importing Altair (jixiao/site/chart_specs.py)
and a browser without Vega-Lite (jixiao/site/chart_vega.json, compiled by the pinned Vega-Lite under node)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from browser_fixtures import unavailable

from jixiao.site import charts, vendored

ROOT = Path(__file__).resolve().parents[1]


def node() -> str:
    found = shutil.which("node")
    if found is None:
        unavailable("node is not on PATH (npm ci installs the quality gate with it)")
    return str(found)


def vega_lite_compiles(specs: dict[str, dict]) -> dict[str, dict]:
    """What the pinned Vega-Lite (tools/vega-lite/) compiles each spec to: the oracle for the Vega the pages draw."""
    command = [
        node(),
        str(ROOT / "tools" / "compile_charts.js"),
        str(vendored.pinned_vega(ROOT / "site_src")),
        str(vendored.pinned_vega_lite(ROOT)),
    ]
    result = subprocess.run(command, input=json.dumps(specs), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


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


def test_the_stored_vega_is_what_vega_lite_compiles() -> None:
    """Regenerate with ``python -c "from jixiao.site import charts; charts.write_stored_specs()"``."""
    stored = (ROOT / "jixiao" / "site" / charts.VEGA_FILE).read_text("utf-8")
    assert stored == charts.stored_vega_source(node())
    assert set(json.loads(stored)) == {"rows", "scatter"}


def test_every_stored_template_is_the_vega_template_with_its_colours() -> None:
    """One Vega template per kind serves every set of series: filling in a key's colours gives exactly what
    Vega-Lite compiles for that key (so the template's scale, legend and data are the only per-chart parts)."""
    from jixiao.site.chart_specs import TEMPLATES

    compiled = vega_lite_compiles(TEMPLATES)
    for key, spec in TEMPLATES.items():
        kind = json.loads(key)[0]
        color = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
        colours = [color["scale"]["domain"], color["scale"]["range"]]
        if kind == "rows":
            colours.append(color["legend"]["values"])
        filled = charts.vega_spec({"template": kind, "color": colours, "values": []})
        assert filled == compiled[key], key


HAND_MADE = [
    charts.Group(
        "总额",
        (
            charts.Row(
                "项目资金（支出 34.64 / 预算 34.64 万元）",
                (
                    charts.Bar("全年预算数", Decimal("34.64"), "34.64 万元"),
                    charts.Bar("实际支出数", None, "—（未载明）"),
                ),
            ),
        ),
    ),
    charts.Group(
        "执行率",
        (charts.Row("其中：财政拨款", (charts.Bar("超出预算", Decimal("104.2"), "104.20%（超支）"),), Decimal(100)),),
    ),
]


@pytest.mark.parametrize(
    "spec",
    [
        charts.rows_chart(HAND_MADE, ("全年预算数", "实际支出数", "超出预算")),
        charts.rows_chart(HAND_MADE[:1], ("全年预算数",)),
        charts.scatter(
            [
                charts.ScatterPoint("甲项目", Decimal("100"), Decimal("99"), 2024, "../a/"),
                charts.ScatterPoint("乙项目", Decimal("101.5"), Decimal("88.5"), 2022, "../b/"),
            ],
            "执行率（计算，%）",
            "得分",
        ),
        charts.scatter([], "执行率（计算，%）", "得分"),
    ],
    ids=["rows", "rows-one-series", "scatter", "scatter-empty"],
)
def test_a_page_chart_is_drawn_as_vega_lite_compiles_its_spec(spec) -> None:
    """A page carries a payload; the Vega drawn from it (charts.vega_spec, as site_src/charts.js fills it) is
    what the pinned Vega-Lite compiles from the chart's whole spec, data included."""
    payload = charts.compact(spec)
    assert "layer" not in payload, "a page carries a template's name, not a spec"
    assert charts.vega_spec(payload) == vega_lite_compiles({"chart": spec})["chart"]
