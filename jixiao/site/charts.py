"""Charts: Vega-Lite specs built with Altair from model objects; no I/O.

Each chart type is built with Altair once (validated against the Vega-Lite schema) and
filled with data per chart, which costs microseconds instead of milliseconds.

Channels are explicit ``alt.X(...)`` objects (bare shorthand strings cost ~5 ms a
chart to parse).  Amounts go into chart data as floats for drawing only; the exact
published figures stay in the table printed beside every chart.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import altair as alt

BUDGET_SERIES = ("全年预算数", "实际支出数")
SCORE_SERIES = ("分值", "得分")
COLORS = ("#9db7d5", "#1f4e8c")
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


FONT = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"


@dataclass(frozen=True)
class Chart:
    """A chart ready to embed: an element id, a title, its spec and its text alternative."""

    chart_id: str
    title: str
    description: str
    spec_json: str
    min_height: int = 0  # px reserved before the chart is drawn, so the page does not jump


def _drawn_height(spec: dict) -> int:
    """Roughly the height Vega draws: the plot, the x axis with its title, a legend on top."""
    height = spec.get("height")
    if not isinstance(height, int):
        return 0
    legend = "field" in spec.get("encoding", {}).get("color", {})
    return height + (81 if legend else 56)


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _config(chart: alt.Chart) -> alt.Chart:
    return (
        chart.configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=260)
        .configure_legend(orient="top", title=None, labelFontSize=12)
    )


@functools.cache
def _paired_bars_template(series: tuple[str, str], unit_title: str) -> dict:
    """The paired-bars spec without data, built with Altair once per series and unit."""
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_bar()
        .encode(
            y=alt.Y(
                "类别:N",
                sort=alt.EncodingSortField(field="序号", order="ascending"),
                title=None,
                axis=alt.Axis(labelAngle=0),
            ),
            yOffset=alt.YOffset("系列:N", sort=list(series)),
            x=alt.X("数值:Q", title=unit_title),
            color=alt.Color("系列:N", sort=list(series), scale=alt.Scale(domain=list(series), range=list(COLORS))),
            tooltip=[alt.Tooltip("类别:N"), alt.Tooltip("系列:N"), alt.Tooltip("数值:Q", format=",")],
        )
        .properties(width="container", height=60)
    )
    return _config(chart).to_dict()


@_timed
def paired_bars(
    rows: list[tuple[str, Decimal | None, Decimal | None]],
    series: tuple[str, str],
    unit_title: str,
) -> dict:
    """Horizontal bars, two per category (e.g. budget and actual), labels horizontal."""
    data = [
        {"类别": label, "序号": index, "系列": name, "数值": _float(value)}
        for index, (label, first, second) in enumerate(rows)
        for name, value in zip(series, (first, second), strict=True)
        if value is not None
    ]
    return {**_paired_bars_template(series, unit_title), "data": {"values": data}, "height": max(60, 34 * len(rows))}


@functools.cache
def _scatter_template(x_title: str, y_title: str) -> dict:
    """The scatter spec without data, built with Altair once per pair of axis titles."""
    chart = (
        alt.Chart(alt.Data(values=[]))
        .mark_circle(size=90, color=COLORS[1], opacity=0.6)  # overlapping points show darker
        .encode(
            x=alt.X("x:Q", title=x_title, scale=alt.Scale(zero=False, padding=12)),  # points at 100% stay whole
            y=alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=False, padding=12)),
            tooltip=[alt.Tooltip("名称:N"), alt.Tooltip("x:Q", title=x_title), alt.Tooltip("y:Q", title=y_title)],
        )
        .properties(width="container", height=280)
    )
    return _config(chart).to_dict()


@_timed
def scatter(rows: list[tuple[str, Decimal | None, Decimal | None]], x_title: str, y_title: str) -> dict:
    """One point per item, e.g. execution rate against score."""
    data = [{"名称": label, "x": _float(x), "y": _float(y)} for label, x, y in rows if x is not None and y is not None]
    return {**_scatter_template(x_title, y_title), "data": {"values": data}}


def embed_json(spec: dict) -> str:
    """The spec as JSON that is safe inside <script type="application/json">."""
    text = json.dumps(spec, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def make_chart(chart_id: str, title: str, description: str, spec: dict) -> Chart:
    return Chart(chart_id, title, description, embed_json(spec), _drawn_height(spec))
