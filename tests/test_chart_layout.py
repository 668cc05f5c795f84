"""Charts and tables as drawn, measured in the real browser at 390 and 1280 px.

For every chart on every page type, on the real data and on a small synthetic set from
bench/make_data.py (with units of two years, so trend charts are drawn): every data mark
is at least 3 px long or carries a visible value label; no legend entry, axis label or
text in a chart is clipped (by the SVG, its box or the screen) or shortened with "…"; no
label line ends inside a number that continues on the next line;
and on a phone no table row is taller than its cells' content needs, nor taller than
a third of the screen.  These read the drawn SVG and the layout, not the spec.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from browser_fixtures import BASE, serve, wait_for_charts
from quality_gate import page_types, site_pages
from site_fixtures import REPO, build_site

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)
MIN_MARK = 3.0

MEASURE_CHARTS = """() => {
  const problems = [];
  const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 &&
                             r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
  const screen = {left: 0, right: document.documentElement.clientWidth, top: -1e9, bottom: 1e9};
  let marks = 0, labelled = 0;
  for (const view of document.querySelectorAll('.chart-view')) {
    const svg = view.querySelector('svg');
    if (!svg) { problems.push(`${view.id}: not drawn`); continue; }
    const box = svg.getBoundingClientRect(), holder = view.getBoundingClientRect();
    if (box.right > holder.right + 0.5 || box.left < holder.left - 0.5) {
      problems.push(`${view.id}: svg ${box.width}px wider than its box ${holder.width}px`);
    }
    const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim() !== '');
    for (const t of texts) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (!inside(r, box) || !inside(r, holder) || !inside(r, screen)) {
        const span = `${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)}`;
        problems.push(`${view.id}: text "${t.textContent}" clipped (${span})`);
      }
      if (t.textContent.endsWith('…')) problems.push(`${view.id}: text "${t.textContent}" shortened`);
    }
    const valueTexts = [...svg.querySelectorAll('g.mark-text text')].map(t => t.getBoundingClientRect())
      .filter(r => r.width > 0);
    const shapes = [...svg.querySelectorAll('g.mark-rect path, g.mark-symbol path')];
    for (const shape of shapes) {
      const r = shape.getBoundingClientRect();
      marks += 1;
      const symbol = shape.closest('g.mark-symbol') !== null;
      const length = symbol ? Math.min(r.width, r.height) : Math.max(r.width, r.height);
      if (length >= 3) continue;
      // a short bar needs its value printed on its row, starting just after its end
      const middle = (r.top + r.bottom) / 2;
      const label = valueTexts.find(t => t.top <= middle && t.bottom >= middle &&
                                         t.left >= r.right - 1 && t.left <= r.right + 40);
      if (label) { labelled += 1; continue; }
      problems.push(`${view.id}: mark ${r.width.toFixed(1)}×${r.height.toFixed(1)} px without a value label`);
    }
    // a label wrapped over lines (one text per line, same left edge, one row apart) must not
    // end a line inside a number that goes on at the start of the next ("34." / "64 万元");
    // value texts at the bars' ends are 11 px, labels and headings 12 and 13 px
    for (const group of svg.querySelectorAll('g.mark-text')) {
      if (group.closest('g.role-legend')) continue;
      const lines = [...group.querySelectorAll('text')]
        .filter(t => parseFloat(getComputedStyle(t).fontSize) >= 12 && t.getBoundingClientRect().width > 0)
        .map(t => ({text: t.textContent, r: t.getBoundingClientRect()}))
        .sort((a, b) => a.r.top - b.r.top);
      for (let i = 1; i < lines.length; i++) {
        const [a, b] = [lines[i - 1], lines[i]];
        if (Math.abs(a.r.left - b.r.left) > 1 || b.r.top - a.r.top > 1.6 * a.r.height) continue;
        const inside = (/[0-9]$/.test(a.text) && /^[0-9.,%]/.test(b.text)) ||
                       (/[0-9][.,]$/.test(a.text) && /^[0-9]/.test(b.text));
        if (inside) problems.push(`${view.id}: label line "${a.text}" breaks inside a number ("${b.text}")`);
      }
    }
    for (const legend of svg.querySelectorAll('g.role-legend')) {
      if (!inside(legend.getBoundingClientRect(), box)) problems.push(`${view.id}: legend outside the chart`);
    }
  }
  return {problems, marks, labelled, charts: document.querySelectorAll('.chart-view').length};
}"""

MEASURE_ROWS = """(limit) => {
  const problems = [];
  let rows = 0;
  const need = (cell) => {
    const style = getComputedStyle(cell);
    const range = document.createRange();
    range.selectNodeContents(cell);
    const content = cell.textContent.trim() === '' ? 0 : range.getBoundingClientRect().height;
    const before = parseFloat(getComputedStyle(cell, '::before').height) || 0;
    return content + (style.display === 'block' ? before : 0) + parseFloat(style.paddingTop) +
      parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
  };
  for (const row of document.querySelectorAll('table tr')) {
    if (row.getClientRects().length === 0) continue;
    const head = row.closest('thead');
    if (head && head.getBoundingClientRect().width <= 1) continue;  // visually hidden headings (cards)
    rows += 1;
    const height = row.getBoundingClientRect().height;
    const style = getComputedStyle(row);
    let needed = 0;
    if (style.display === 'table-row') {
      for (const cell of row.cells) needed = Math.max(needed, need(cell));
    } else {
      // a row laid out as a card: its cells on lines, each line as tall as its tallest cell
      const lines = new Map();
      for (const cell of row.cells) {
        if (cell.getClientRects().length === 0) continue;
        const top = Math.round(cell.getBoundingClientRect().top);
        lines.set(top, Math.max(lines.get(top) || 0, need(cell)));
      }
      const gap = parseFloat(style.rowGap) || 0;
      needed = [...lines.values()].reduce((a, b) => a + b, 0) + gap * Math.max(0, lines.size - 1) +
        parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) +
        parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    }
    const where = `${row.closest('table').id || 'table'} row "${row.textContent.trim().slice(0, 30)}"`;
    if (height > needed * 1.15 + 12) {
      problems.push(`${where}: ${Math.round(height)} px for ${Math.round(needed)} px of content`);
    }
    if (height > limit) problems.push(`${where}: ${Math.round(height)} px tall (limit ${limit})`);
  }
  return {problems, rows};
}"""


def measure(browser, url: str, paths: list[str]) -> tuple[list[str], dict[str, int]]:
    """Every page at every width: chart geometry everywhere, row heights on the phone."""
    problems: list[str] = []
    totals = {"charts": 0, "marks": 0, "labelled": 0, "rows": 0}
    for width in WIDTHS:
        phone = width < 600
        context = browser.new_context(
            viewport={"width": width, "height": 844 if phone else 900},
            device_scale_factor=1,
            is_mobile=phone,
            has_touch=phone,
        )
        try:
            page = context.new_page()
            for path in paths:
                page.goto(url + path.removesuffix("index.html"))
                wait_for_charts(page)
                drawn = page.evaluate(MEASURE_CHARTS)
                problems += [f"{width}px {path}: {p}" for p in drawn["problems"]]
                for key in ("charts", "marks", "labelled"):
                    totals[key] += drawn[key]
                if phone:
                    rows = page.evaluate(MEASURE_ROWS, 844 // 3)
                    problems += [f"{width}px {path}: {p}" for p in rows["problems"]]
                    totals["rows"] += rows["rows"]
        finally:
            context.close()
    return problems, totals


@pytest.fixture(scope="module")
def synthetic_site(tmp_path_factory) -> Path:
    """bench/make_data.py: 5 units × 2 years × 1 project, built under /jixiao/."""
    root = tmp_path_factory.mktemp("synthetic")
    data = root / "data"
    subprocess.run(
        [sys.executable, "bench/make_data.py", "--units", "5", "--years", "2", "--projects", "1"]
        + ["--seed", "3", "--out", str(data), "--jobs", "1"],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return build_site(root / "root" / "jixiao", data, base_url=BASE, jobs=1)


def _check(browser, site: Path, every_page: bool) -> dict[str, int]:
    paths = site_pages(site) if every_page else sorted(page_types(site_pages(site)).values())
    with serve(site) as url:
        problems, totals = measure(browser, url, paths)
    assert not problems, "\n".join(problems[:40])
    return totals


def test_real_data_charts_and_rows_read_at_390_and_1280(browser, subpath_built):
    totals = _check(browser, subpath_built, every_page=True)
    assert totals["charts"] and totals["marks"] and totals["rows"]


def test_synthetic_data_charts_and_rows_read_at_390_and_1280(browser, synthetic_site):
    totals = _check(browser, synthetic_site, every_page=False)
    assert totals["charts"] and totals["marks"] and totals["rows"]
    trend = (synthetic_site / "index.html").read_text("utf-8")
    assert 'id="chart-overview-trend"' in trend, "two years: the home page draws the trend"
    for unit in (synthetic_site / "units").iterdir():
        page = (unit / "index.html").read_text("utf-8")
        assert f'id="chart-unit-{unit.name}"' in page and 'id="years-table"' in page, f"{unit.name}: no trend"
