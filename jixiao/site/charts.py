"""Charts: Vega-Lite specs built with Altair from model objects; no I/O.

Each chart type is built with Altair once (validated against the Vega-Lite schema) and
filled with data per chart, which costs microseconds instead of milliseconds.
Channels are explicit ``alt.X(...)`` objects (bare shorthand strings cost ~5 ms a
chart to parse).

Budgets span four orders of magnitude (a 93,116 万元 total above a 3 万元 item), so
the bar charts are *row charts* drawn for that range: every row's label sits on its
own line above its bars (the bars get the full width, even on a 390 px phone), every
bar carries its value printed at its end (a line too small to draw is still read),
and each group of rows (总额 / 基本与项目 / 明细; or amounts, rates and scores) is
drawn on its own scale, so small items are not flattened by the total.  Scales are
therefore relative within a group and have no axis; the printed values are exact.

Every chart is also a small dataset: its figures as published go to a CSV beside the
page (``Chart.csv``), with a citation line and a stable anchor.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.opendata.spreadsheet import csv_bytes
from jixiao.site.wrapping import wrap

if TYPE_CHECKING:
    import altair as alt

BUDGET_SERIES = ("全年预算数", "实际支出数")
SCORE_SERIES = ("分值", "得分")
RATE_SERIES = ("执行率", "超出预算")
TREND_SERIES = (*BUDGET_SERIES, *RATE_SERIES, "得分")
PALETTE = {
    "全年预算数": "#8fb0d6",
    "实际支出数": "#1f4e8c",
    "执行率": "#1f4e8c",
    "超出预算": "#c2410c",
    "分值": "#8fb0d6",
    "得分": "#1f4e8c",
}
FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
STEP = 18
"""Height of one row (a label line or one bar), px."""
SPAN = 1.5
"""The widest bar of a group ends at 1/SPAN of the width: the rest holds its printed value."""
_SECONDS = [0.0]


def seconds() -> float:
    """Time spent building chart specs in this process so far (for the build's stage timings)."""
    return _SECONDS[0]


def _timed(function: Callable[..., dict]) -> Callable[..., dict]:
    @functools.wraps(function)
    def timed(*args, **kwargs) -> dict:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            _SECONDS[0] += time.perf_counter() - started

    return timed


@dataclass(frozen=True)
class Chart:
    """A chart ready to embed: its anchor id, title, spec, text alternative, and its data as a CSV."""

    chart_id: str
    title: str
    description: str
    spec_json: str
    min_height: int = 0
    """px reserved before the chart is drawn, so the page does not jump."""
    csv: bytes = b""
    """The chart's figures exactly as published (UTF-8 with BOM), written beside the page."""
    citation: str = ""
    """Where the figures come from, printed under the chart."""

    @property
    def csv_name(self) -> str:
        return f"{self.chart_id}.csv"


# --------------------------------------------------------------------------- row charts


@dataclass(frozen=True)
class Bar:
    series: str
    value: Decimal | None
    """The drawn length in the group's units; None draws no bar (the text still shows)."""
    text: str
    """Printed at the bar's end: the exact figure, or why there is none."""


@dataclass(frozen=True)
class Row:
    label: str
    bars: tuple[Bar, ...]
    reference: Decimal | None = None
    """A mark across each bar at this value (e.g. 100 for an execution rate)."""


@dataclass(frozen=True)
class Group:
    heading: str
    rows: tuple[Row, ...]
    scale_max: Decimal | None = None
    """The value drawn at full length; default: the group's largest value or reference."""
    scale_min: Decimal = Decimal(0)
    """The value drawn at zero length: above 0 only where the heading says so (rates that all lie near 100 %)."""


def _length(value: float) -> float | int:
    """A drawn length, to 1/10,000 of the scale (a tenth of a pixel at 1,000 px); whole numbers bare."""
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


def _rows_data(groups: Sequence[Group]) -> tuple[list[dict], int]:
    """Records for the row chart: label/heading lines, bars, value texts and reference ticks."""
    data: list[dict] = []
    r = 0
    for group in groups:
        values = [b.value for row in group.rows for b in row.bars if b.value is not None]
        values += [row.reference for row in group.rows if row.reference is not None]
        top = group.scale_max or max((v for v in values if v > 0), default=Decimal(1))
        floor = group.scale_min
        span = top - floor

        def drawn(value: Decimal, floor: Decimal = floor, span: Decimal = span) -> float | int:
            return _length(float(max(value - floor, Decimal(0)) / span))

        if group.heading:
            for line in wrap(group.heading):
                data.append({"r": r, "k": "head", "s": "", "v": 0, "t": line})
                r += 1
        for row in group.rows:
            for line in wrap(row.label):
                data.append({"r": r, "k": "label", "s": "", "v": 0, "t": line})
                r += 1
            for bar in row.bars:
                length = drawn(bar.value) if bar.value is not None else 0
                if bar.value is not None:
                    data.append({"r": r, "k": "bar", "s": bar.series, "v": length})
                mark = drawn(row.reference) if row.reference is not None and bar.value is not None else None
                if mark is not None:
                    data.append({"r": r, "k": "ref", "s": "", "v": mark})
                # the value is printed after the bar, and after the reference mark if that is further right
                data.append({"r": r, "k": "value", "s": bar.series, "v": max(length, mark or 0), "t": bar.text})
                r += 1
    return data, r


def _legend(series: tuple[str, ...]) -> list[str]:
    """One legend entry per colour: in a trend chart 执行率 and 得分 share 实际支出数's colour and are
    named by their group headings instead."""
    seen: dict[str, str] = {}
    for name in series:
        seen.setdefault(PALETTE[name], name)
    return list(seen.values())


def _rows_template(series: tuple[str, ...]) -> dict:
    """The row chart without data: as stored in chart_specs.py, else built with Altair (once per set of series)."""
    return _stored(["rows", list(series)]) or _built_rows_template(series)


@functools.cache
def _built_rows_template(series: tuple[str, ...]) -> dict:
    import altair as alt

    # stack=None: one bar per row, so stacking does nothing; unstacked, the compiled Vega does not name the
    # series (a stack's sort does), and one Vega template serves every set of colours (site_src/charts.js)
    x = alt.X("v:Q", scale=alt.Scale(domain=[0, SPAN], nice=False, zero=True), axis=None, title=None, stack=None)
    y = alt.Y("r:O", axis=None, title=None, scale=alt.Scale(paddingInner=0.2, paddingOuter=0.1))
    base = alt.Chart().encode(x=x, y=y)
    color = alt.Color(
        "s:N",
        title=None,
        scale=alt.Scale(domain=list(series), range=[PALETTE[name] for name in series]),
        legend=alt.Legend(
            orient="top", direction="horizontal", columns=2, labelLimit=0, symbolType="square", values=_legend(series)
        ),
    )
    bars = base.mark_bar(height={"band": 1}).encode(color=color).transform_filter(alt.datum.k == "bar")
    labels = (
        base.mark_text(align="left", baseline="middle", fontSize=12, color="#1b1f24", limit=0, aria=False)
        .encode(text=alt.Text("t:N"))
        .transform_filter(alt.datum.k == "label")
    )
    heads = (
        base.mark_text(
            align="left", baseline="middle", fontSize=13, fontWeight="bold", color="#1b1f24", limit=0, aria=False
        )
        .encode(text=alt.Text("t:N"))
        .transform_filter(alt.datum.k == "head")
    )
    values = (
        base.mark_text(align="left", baseline="middle", dx=4, fontSize=11, color="#1b1f24", limit=0, aria=False)
        .encode(text=alt.Text("t:N"))
        .transform_filter(alt.datum.k == "value")
    )
    ticks = base.mark_tick(color="#1b1f24", thickness=2, size=STEP - 2, orient="vertical", aria=False).transform_filter(
        alt.datum.k == "ref"
    )
    chart = alt.layer(bars, ticks, values, labels, heads, data=alt.Data(values=[])).properties(
        width="container", height=alt.Step(STEP), padding={"left": 2, "right": 2, "top": 5, "bottom": 5}
    )
    return _config(chart).to_dict()


@_timed
def rows_chart(groups: Sequence[Group], series: tuple[str, ...]) -> dict:
    """Row chart (label above, bars below, value at each bar's end), one scale per group."""
    data, _ = _rows_data(groups)
    return {**_rows_template(series), "data": {"values": data}}


def _config(chart: alt.LayerChart | alt.FacetChart) -> alt.LayerChart | alt.FacetChart:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=0)
        .configure_legend(orient="top", title=None, labelFontSize=12)
        .configure_view(stroke=None)
    )


# --------------------------------------------------------------------------- scatter


SCATTER_YEAR = "year"
"""The scatter's year parameter: 0 draws every year; the compare page's year select sets it (site_src/charts.js)."""


def _scatter_template(x_title: str, y_title: str, series: tuple[str, ...]) -> dict:
    """The scatter spec without data: as stored in chart_specs.py, else built (``_built_scatter_template``)."""
    return _stored(["scatter", x_title, y_title, list(series)]) or _built_scatter_template(x_title, y_title, series)


@functools.cache
def _built_scatter_template(x_title: str, y_title: str, series: tuple[str, ...]) -> dict:
    """The scatter spec without data, built with Altair once per pair of axis titles and legend.

    A rule marks 100% on the x axis (execution rate) and points beyond it are drawn in the
    over-budget colour; the legend names only the colours of ``series`` (those drawn).  Points
    of one year are shown when the ``year`` parameter is set.  Evaluations at one spot (six of
    如皋's projects at 100 % and 100) would be one dot: the spot is labelled with their count,
    and a tap or click lists them under the chart (site_src/charts.js)."""
    import altair as alt

    x = alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, padding=12))  # points at 100% stay whole
    y = alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False, padding=12))
    color = alt.Color(
        "s:N",
        title=None,
        scale=alt.Scale(domain=list(series), range=[PALETTE[name] for name in series]),
        legend=alt.Legend(orient="top", direction="horizontal", labelLimit=0),
    )
    year = alt.param(name=SCATTER_YEAR, value=0)
    shown = alt.Chart().transform_filter(f"{SCATTER_YEAR} == 0 || datum['年度'] == {SCATTER_YEAR}")
    points = (
        shown.transform_joinaggregate(n="count()", groupby=["x", "y"])
        .mark_circle(size=90, opacity=0.7, cursor="pointer")  # overlapping points show darker
        .encode(
            x=x,
            y=y,
            color=color,
            tooltip=[
                alt.Tooltip("名称:N"),
                alt.Tooltip("年度:N"),
                alt.Tooltip("x:Q", title=x_title, format=".2f"),
                alt.Tooltip("y:Q", title=y_title),
                alt.Tooltip("n:Q", title="此处评价数"),
            ],
        )
    )
    counts = (
        shown.transform_aggregate(n="count()", groupby=["x", "y"])
        .transform_filter("datum.n > 1")
        .transform_calculate(t="datum.n + ' 份'")
        .mark_text(align="left", dx=7, dy=-7, fontSize=12, color="#24292f", aria=False)
        .encode(x=x, y=y, text="t:N")
    )
    rule = (
        alt.Chart(alt.Data(values=[{"x": 100}])).mark_rule(color="#57606a", strokeDash=[4, 3], aria=False).encode(x=x)
    )
    chart = alt.layer(rule, points, counts, data=alt.Data(values=[])).add_params(year)
    return _config(chart.properties(width="container", height=280)).to_dict()


# ------------------------------------------------------------------------ stored specs
# Altair takes 1–3 s to import and some 100 ms to build and validate each template, in every
# process that draws a chart (each unit worker; the one unit an edit renders again).  The
# templates depend only on this module and the pinned Altair, so they are built once, stored
# in chart_specs.py (generated: ``python -c "from jixiao.site import charts; charts.write_stored_specs()"``,
# checked against Altair by tests/test_chart_specs.py), and Altair is imported only for one
# that is not stored.


def _stored(key: list) -> dict | None:
    from jixiao.site.chart_specs import TEMPLATES

    return TEMPLATES.get(json.dumps(key, ensure_ascii=False))


def stored_keys() -> list[list]:
    """Every template the site can ask for: each kind of row chart with any of its series drawn, and the
    compare page's scatter with any of its colours drawn (figures.py and compare.py choose among these)."""
    from itertools import combinations

    from jixiao.site.compare import RATE_TITLE, SCORE_TITLE

    keys: list[list] = []
    for base in (BUDGET_SERIES, SCORE_SERIES, RATE_SERIES, TREND_SERIES):
        for size in range(1, len(base) + 1):
            keys += [["rows", list(series)] for series in combinations(base, size)]
    for size in range(len(RATE_SERIES) + 1):
        keys += [["scatter", RATE_TITLE, SCORE_TITLE, list(drawn)] for drawn in combinations(RATE_SERIES, size)]
    unique = {json.dumps(key, ensure_ascii=False): key for key in keys}
    return [unique[name] for name in sorted(unique)]


def stored_specs_source() -> str:
    """The text of chart_specs.py: every template of ``stored_keys`` as Altair builds it."""
    templates = {}
    for key in stored_keys():
        if key[0] == "rows":
            templates[json.dumps(key, ensure_ascii=False)] = _built_rows_template(tuple(key[1]))
        else:
            templates[json.dumps(key, ensure_ascii=False)] = _built_scatter_template(key[1], key[2], tuple(key[3]))
    body = json.dumps(templates, ensure_ascii=False, indent=1, sort_keys=True)
    return (
        '"""Chart templates as Altair builds them (jixiao/site/charts.py), stored so a build need not import it.\n\n'
        'Generated: ``python -c "from jixiao.site import charts; charts.write_stored_specs()"``; do not edit.\n'
        "tests/test_chart_specs.py fails when this differs from what Altair builds.\n"
        '"""\n\n# ruff: noqa: E501\n\nimport json\n\n'
        f'TEMPLATES: dict[str, dict] = json.loads(\n    r"""\n{body}\n"""\n)\n'
    )


def stored_vega_source(node: str = "node") -> str:
    """The text of chart_vega.json: ``_vega_lite_templates`` compiled to Vega by the pinned Vega-Lite under node
    (tools/compile_charts.js; development only: a build reads the stored file)."""
    import subprocess
    from pathlib import Path

    from jixiao.site import vendored

    root = Path(__file__).resolve().parents[2]
    vega = vendored.pinned_vega(root / "site_src")
    vega_lite = vendored.pinned_vega_lite(root)
    templates = json.dumps(_vega_lite_templates(), ensure_ascii=False)
    command = [node, str(root / "tools" / "compile_charts.js"), str(vega), str(vega_lite)]
    result = subprocess.run(command, input=templates, capture_output=True, text=True, encoding="utf-8", check=True)
    return result.stdout


def write_stored_specs() -> None:
    """Write chart_specs.py and chart_vega.json again (after a change to a template or an Altair upgrade)."""
    from pathlib import Path

    (Path(__file__).parent / "chart_specs.py").write_text(stored_specs_source(), "utf-8")
    vega_templates.cache_clear()
    (Path(__file__).parent / VEGA_FILE).write_text(stored_vega_source(), "utf-8")


@dataclass(frozen=True)
class ScatterPoint:
    """One evaluation in the scatter: its label, the two figures, its year and the link to its page."""

    label: str
    x: Decimal
    y: Decimal
    year: int
    href: str


@_timed
def scatter(points: Sequence[ScatterPoint], x_title: str, y_title: str) -> dict:
    """One point per item, e.g. execution rate against score; over 100% in the over-budget colour."""
    data = [
        {
            "名称": p.label,
            "年度": p.year,
            "x": float(p.x),
            "y": float(p.y),
            "s": RATE_SERIES[1] if p.x > 100 else RATE_SERIES[0],
            "href": p.href,
        }
        for p in points
    ]
    drawn = tuple(name for name in RATE_SERIES if any(d["s"] == name for d in data))
    return {**_scatter_template(x_title, y_title, drawn), "data": {"values": data}}


# --------------------------------------------------------------------------- embedding

ROWS_TEMPLATE = "rows"  # the one spec of every row chart, written once to assets/chart-templates.js
SCATTER_TEMPLATE = "scatter"  # the compare page's scatter, its colours set per chart
VEGA_FILE = "chart_vega.json"
"""Beside this module: ``templates`` compiled to Vega by Vega-Lite (tools/compile_charts.js), so pages load
Vega alone (Vega-Lite is 249 KB of script and a compile per chart on the reader's phone)."""


def _vega_lite_templates() -> dict[str, dict]:
    """The Vega-Lite templates pages refer to by name; their colours (and data) are set per chart."""
    from jixiao.site.compare import RATE_TITLE, SCORE_TITLE

    return {
        ROWS_TEMPLATE: _rows_template(BUDGET_SERIES),
        SCATTER_TEMPLATE: _scatter_template(RATE_TITLE, SCORE_TITLE, RATE_SERIES),
    }


@functools.cache
def vega_templates() -> dict[str, dict]:
    """``_vega_lite_templates`` as Vega, as stored in chart_vega.json (test_chart_specs.py compiles them again)."""
    from pathlib import Path

    return json.loads((Path(__file__).parent / VEGA_FILE).read_text("utf-8"))


def templates_script() -> bytes:
    """``assets/chart-templates.js``: the Vega templates for charts.js, loaded with the Vega bundle."""
    return f"window.jixiaoChartTemplates = {embed_json(vega_templates())};\n".encode()


def _color(spec: dict) -> dict:
    return next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))


def _lines(values: list[dict]) -> list[list]:
    """One list per drawn line: ``["h"|"l", text]`` a heading or label, ``["b", series, length, text, mark]``
    a bar row (length null: no bar; no mark: no tick; the text at the larger).  ``_records`` undoes it."""
    lines: list[list] = []
    rows: dict[int, dict[str, dict]] = {}
    for record in values:
        rows.setdefault(record["r"], {})[record["k"]] = record
    for r in sorted(rows):
        row = rows[r]
        if "head" in row or "label" in row:
            lines.append(["h" if "head" in row else "l", (row.get("head") or row["label"])["t"]])
            continue
        bar, ref, value = row.get("bar"), row.get("ref"), row["value"]
        lines.append(["b", value["s"], bar["v"] if bar else None, value["t"], *([ref["v"]] if ref else [])])
    return lines


def _records(lines: list[list]) -> list[dict]:
    records: list[dict] = []
    for r, line in enumerate(lines):
        if line[0] in ("h", "l"):
            records.append({"r": r, "k": "head" if line[0] == "h" else "label", "s": "", "v": 0, "t": line[1]})
            continue
        series, length, text, mark = (*line[1:], None)[:4]
        if length is not None:
            records.append({"r": r, "k": "bar", "s": series, "v": length})
        if mark is not None:
            records.append({"r": r, "k": "ref", "s": "", "v": mark})
        records.append({"r": r, "k": "value", "s": series, "v": max(length or 0, mark or 0), "t": text})
    return records


def compact(spec: dict) -> dict:
    """What a page carries of a chart: its template's name, its colours, and its data (a row chart's as one
    list per drawn line, ``_lines``).  ``expand`` turns it back into exactly ``spec`` (checked here for every
    chart) and site_src/charts.js into that spec compiled to Vega: the browser has no Vega-Lite."""
    values = spec.get("data", {}).get("values", [])
    color = _color(spec)
    scale = color["scale"]
    if values and "r" in values[0]:
        payload = {
            "template": ROWS_TEMPLATE,
            "color": [scale["domain"], scale["range"], color["legend"]["values"]],
            "lines": _lines(values),
        }
    else:
        payload = {"template": SCATTER_TEMPLATE, "color": [scale["domain"], scale["range"]], "values": values}
    if expand(payload) != spec:
        raise ValueError(f"a chart the templates cannot draw: {json.dumps(spec, ensure_ascii=False)[:200]}")
    return payload


def expand(payload: dict) -> dict:
    """The full Vega-Lite spec of a page's chart payload (what site_src/charts.js draws, as Vega-Lite)."""
    spec = json.loads(json.dumps(_vega_lite_templates()[payload["template"]]))
    color = _color(spec)
    color["scale"]["domain"], color["scale"]["range"] = payload["color"][:2]
    if len(payload["color"]) > 2:
        color["legend"]["values"] = payload["color"][2]
    spec["data"] = {"values": _records(payload["lines"]) if "lines" in payload else payload["values"]}
    return spec


def vega_spec(payload: dict, known: dict[str, dict] | None = None) -> dict:
    """The Vega spec site_src/charts.js draws for a payload (the same steps, for tests/test_chart_specs.py):
    the stored template with the colour scale's domain and range, the legend's entries and the data filled in."""
    spec = json.loads(json.dumps((known or vega_templates())[payload["template"]]))
    for scale in spec["scales"]:
        if scale["name"] == "color":
            scale["domain"], scale["range"] = payload["color"][:2]
    if len(payload["color"]) > 2:
        for legend in spec.get("legends", []):
            legend["values"] = payload["color"][2]
    values = _records(payload["lines"]) if "lines" in payload else payload["values"]
    next(data for data in spec["data"] if data["name"] == SOURCE_DATA)["values"] = values
    return spec


SOURCE_DATA = "source_0"
"""The Vega data set Vega-Lite compiles a spec's own ``data`` to: where a chart's records go."""


def _drawn_height(spec: dict) -> int:
    """Roughly the height Vega draws: rows × step plus the legend, or the plot plus its axis."""
    values = spec.get("data", {}).get("values", [])
    if values and "r" in values[0]:  # a row chart
        rows = len({v["r"] for v in values})
        legend = len({PALETTE[v["s"]] for v in values if v["k"] == "bar"})
        return rows * STEP + ((legend + 1) // 2) * 20 + 16
    height = spec.get("height")
    return height + 81 if isinstance(height, int) else 0  # the plot, its x axis and a legend on top


def embed_json(spec: dict) -> str:
    """The spec as JSON that is safe inside <script type="application/json">."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def make_chart(
    chart_id: str,
    title: str,
    description: str,
    spec: dict,
    table: tuple[Sequence[str], Sequence[Sequence[object]]] | None = None,
    citation: str = "",
) -> Chart:
    """A chart to embed; ``table`` (header, rows) is its dataset as published, written as CSV."""
    data = csv_bytes(*table) if table else b""
    return Chart(chart_id, title, description, embed_json(compact(spec)), _drawn_height(spec), data, citation)


def page_files(page_path: str, charts: Sequence[Chart | None]) -> tuple[tuple[str, bytes], ...]:
    """The CSV of every chart on a page, written beside the page (``<page dir>/<chart id>.csv``)."""
    folder = page_path.rsplit("/", 1)[0] + "/" if "/" in page_path else ""
    return tuple((folder + c.csv_name, c.csv) for c in charts if c is not None and c.csv)
