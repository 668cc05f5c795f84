"""The numbers a reader compares are on a phone's screen, in a real Chromium at 390 × 844.

On every listing page (home, unit, year, region, compare) each evaluation row's budget,
spending, execution rate and score, and on every evaluation page each budget line's
execution rate and each indicator's score, must lie inside the viewport, and the page
must not scroll sideways.  Cells are found through the table's own column headings (the
semantic table), not through the CSS that lays them out, so any layout that hides a
figure off-screen (a table that scrolls in its box, a folded column) fails.
"""

from __future__ import annotations

import re

import pytest
from browser_fixtures import BASE
from quality_gate import site_pages
from site_fixtures import shared_site

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
LISTING = re.compile(r"^(index\.html|compare/index\.html|units/[^/]+/index\.html|years/.+|regions/.+)$")
EVALUATION = re.compile(r"^units/[^/]+/\d{4}/(?:[^/]+/)?index\.html$")
LISTING_COLUMNS = ("全年预算数", "实际支出数", "执行率", "得分")
EVALUATION_COLUMNS = ("执行率", "得分", "分值")

OFF_SCREEN = """(wanted) => {
  const problems = [];
  let checked = 0;
  const width = document.documentElement.clientWidth;
  for (const table of document.querySelectorAll('main table')) {
    const head = table.tHead && table.tHead.rows[0];
    if (!head) continue;
    // the column index of every heading that names a wanted figure (colspans counted)
    const columns = [];
    let index = 0;
    for (const th of head.cells) {
      const text = th.textContent.trim();
      if (wanted.some(w => text.startsWith(w))) columns.push([index, text]);
      index += th.colSpan;
    }
    if (!columns.length) continue;
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        if (row.classList.contains('note-row') || row.classList.contains('group')) continue;
        if (row.getClientRects().length === 0) continue;
        const byColumn = [];
        for (const cell of row.cells) for (let k = 0; k < cell.colSpan; k++) byColumn.push(cell);
        for (const [column, heading] of columns) {
          const cell = byColumn[column];
          if (!cell) continue;
          checked += 1;
          const r = cell.getBoundingClientRect();
          const name = `${table.id} row "${row.textContent.trim().slice(0, 20)}" ${heading}`;
          if (r.width === 0 || r.height === 0) problems.push(`${name}: not shown`);
          else if (r.left < -0.5 || r.right > width + 0.5) {
            problems.push(`${name}: ${Math.round(r.left)}–${Math.round(r.right)} px, screen 0–${width}`);
          }
        }
      }
    }
  }
  return {problems, checked, scroll: document.documentElement.scrollWidth};
}"""


def test_figures_on_a_phone_screen(browser, server, tmp_path_factory):
    pages = site_pages(shared_site(tmp_path_factory, BASE))
    listings = [p for p in pages if LISTING.match(p)]
    evaluations = [p for p in pages if EVALUATION.match(p)]
    assert "index.html" in listings and "compare/index.html" in listings
    assert any(p.startswith("regions/") for p in listings) and any(p.startswith("years/") for p in listings)
    assert "units/rugao-landloss/2023/index.html" in evaluations
    context = browser.new_context(
        viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    problems: list[str] = []
    checked = {"listing": 0, "evaluation": 0}
    try:
        page = context.new_page()
        for kind, paths, wanted in (
            ("listing", listings, LISTING_COLUMNS),
            ("evaluation", evaluations, EVALUATION_COLUMNS),
        ):
            for path in paths:
                page.goto(server + path.removesuffix("index.html"))
                result = page.evaluate(OFF_SCREEN, list(wanted))
                problems += [f"{path}: {p}" for p in result["problems"]]
                if result["scroll"] > WIDTH:
                    problems.append(f"{path}: the page scrolls sideways ({result['scroll']} px)")
                checked[kind] += result["checked"]
    finally:
        context.close()
    assert not problems, "\n".join(problems[:30])
    # every listing shows its evaluations' four figures; the evaluation pages their rates and scores
    assert checked["listing"] >= 4 * 19 and checked["evaluation"] > 100, checked
