"""The quality gate: the site built from data/, served under /jixiao/, checked as readers meet it.

Accessibility (axe-core on every page; keyboard; chart text alternatives), valid HTML
(Nu HTML Checker), links (lychee, offline), no network at view time, screenshots at
phone and desktop widths, and the print stylesheet.  The last section plants faults in
a copy of the site and shows that each check fails on them.  Pages are discovered in
the built folder, so a new page is checked without touching this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from browser_fixtures import Guard, serve, wait_for_charts
from quality_gate import (
    axe_source,
    axe_violations,
    copy_site,
    lychee_errors,
    page_type,
    page_types,
    page_url,
    plant,
    screenshot_dir,
    site_pages,
    slug,
    vnu_errors,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PRINT = {"width": 718, "height": 1047}  # A4 less Chromium's default 1 cm margins, at 96 dpi
EVALUATION_TYPES = ("units/*/*", "units/*/*/*")
STATES = {"search/index.html": "?q=养老"}  # pages that change with their query: checked in that state too


# --------------------------------------------------------------------------- one visit per page


@dataclass
class Scan:
    """What the in-browser checks found on every page, gathered in one visit each."""

    pages: list[str]
    axe: list[str] = field(default_factory=list)
    charts: list[str] = field(default_factory=list)
    guard: Guard = field(default_factory=Guard)
    chart_count: int = 0


CHART_PROBLEMS = """() => {
  const problems = [];
  for (const view of document.querySelectorAll('.chart-view')) {
    const figure = view.closest('figure');
    const label = (view.getAttribute('aria-label') || '').trim();
    if (view.getAttribute('role') !== 'img' || !label) problems.push(`#${view.id}: no role="img" with an aria-label`);
    if (view.querySelector('a[href], button, input, select, textarea, [tabindex], summary'))
      problems.push(`#${view.id}: focusable parts inside the image`);
    if (!figure || !figure.querySelector('figcaption')) problems.push(`#${view.id}: no figure with a figcaption`);
    const link = figure && figure.querySelector('a[href^="#"]');
    const table = link && document.getElementById(link.getAttribute('href').slice(1));
    if (!table || table.tagName !== 'TABLE') { problems.push(`#${view.id}: no link to its data table`); continue; }
    if (!table.querySelector('caption') || !table.querySelector('th'))
      problems.push(`#${table.id}: no caption or headers`);
    const scroller = table.closest('[tabindex="0"]');
    if (!scroller) problems.push(`#${table.id}: its scroll container is not focusable`);
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def scan(browser, server, subpath_built) -> Scan:
    source = axe_source()
    result = Scan(site_pages(subpath_built))
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    try:
        page = context.new_page()
        result.guard.watch(page)
        for path in result.pages + [path + query for path, query in STATES.items() if path in result.pages]:
            page.goto(page_url(server, path))
            if "?" in path:  # a query state: let its results arrive
                page.wait_for_load_state("networkidle")
            result.chart_count += wait_for_charts(page)
            result.axe += axe_violations(page, path, source)
            result.charts += [f"{path}: {problem}" for problem in page.evaluate(CHART_PROBLEMS)]
    finally:
        context.close()
    return result


def report(problems: list[str], what: str) -> None:
    """Fail with one readable line (or block) per problem, without pytest's repr of the list."""
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n" + "\n".join(problems), pytrace=False)


def test_axe_finds_no_violations_on_any_page(scan):
    assert len(scan.pages) >= 10
    report(scan.axe, "axe-core violations (rule, impact, element)")


def test_every_chart_has_a_text_alternative_and_a_data_table(scan):
    assert scan.chart_count >= 10
    report(scan.charts, "charts without a text alternative or a reachable data table")


def test_pages_load_nothing_from_outside_the_site(scan):
    scan.guard.check()


# --------------------------------------------------------------------------- keyboard


TAB_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const table = el.matches('table') ? el : el.querySelector('table');
  return {
    key: [el.tagName, el.id, el.getAttribute('href') || '', (el.textContent || '').trim().slice(0, 40)].join('|'),
    href: el.getAttribute('href'),
    table: table ? table.id : null,
    field: el.matches('input, select, textarea'),
    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
    shown: rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0
           && rect.left < innerWidth && rect.top < innerHeight,
  };
}"""

KEYBOARD_TARGETS = """() => ({
  nav: [...document.querySelectorAll('header nav a[href]')].map(a => a.getAttribute('href')),
  search: document.querySelectorAll('header input:not([type=hidden]), [role=search] input:not([type=hidden])').length,
  tables: [...document.querySelectorAll('figure.chart a.chart-table')].map(a => a.getAttribute('href').slice(1)),
})"""


def tab_stops(page, limit: int = 600) -> list[dict]:
    """Press Tab from the top of the page until focus wraps round; every element it stops on."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP)
        if stop is None or (stops and stop["key"] == stops[0]["key"]):
            break
        stops.append(stop)
    return stops


def test_keyboard_reaches_search_nav_and_chart_tables_with_visible_focus(browser, server, subpath_built):
    problems = []
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    try:
        page = context.new_page()
        for kind, path in page_types(site_pages(subpath_built)).items():
            page.goto(page_url(server, path))
            wait_for_charts(page)
            targets = page.evaluate(KEYBOARD_TARGETS)
            stops = tab_stops(page)
            assert stops, f"{path}: Tab reaches nothing"
            if "跳到正文" not in stops[0]["key"]:
                problems.append(f"{path}: the first Tab stop is {stops[0]['key']}, not the skip link")
            hrefs = {stop["href"] for stop in stops}
            problems += [f"{path}: Tab never reaches nav link {href}" for href in targets["nav"] if href not in hrefs]
            if targets["search"] and not any(stop["field"] for stop in stops):
                problems.append(f"{path}: Tab never reaches the search box")
            tables = {stop["table"] for stop in stops}
            problems += [f"{path}: Tab never reaches chart table #{t}" for t in targets["tables"] if t not in tables]
            problems += [f"{path} ({kind}): focus is not visible on {s['key']}" for s in stops if not s["ring"]]
            problems += [f"{path}: focused element is off screen: {s['key']}" for s in stops if not s["shown"]]
    finally:
        context.close()
    report(problems, "problems")


# --------------------------------------------------------------------------- HTML and links


def test_every_page_is_valid_html(subpath_built):
    files = [subpath_built / path for path in site_pages(subpath_built)]
    errors = vnu_errors(files)
    report(errors, "Nu HTML Checker errors")


def test_every_link_asset_and_download_resolves(subpath_built):
    broken = lychee_errors(subpath_built)
    report(broken, "broken links (page:line: target — why)")


# --------------------------------------------------------------------------- rendering


def cjk_glyphs(page, selector: str) -> tuple[int, int]:
    """(CJK characters in the element's text, glyphs Chromium drew for it from a CJK font)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    text = page.locator(selector).first.inner_text()
    wanted = len(re.findall(r"[\u4e00-\u9fff]", text))
    drawn = sum(f["glyphCount"] for f in fonts if "CJK" in f["familyName"] or "Han" in f["familyName"])
    return wanted, drawn


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_screenshots_of_every_page_type(browser, server, subpath_built, viewport):
    """Full-page screenshots (a CI artifact); real Chinese glyphs; nothing wider than the screen;
    on the phone, axe-core once more (narrow layouts have problems of their own)."""
    folder = screenshot_dir()
    source = axe_source()
    width = viewport["width"]
    phone = width == PHONE["width"]
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, locale="zh-CN")
    problems = []
    try:
        page = context.new_page()
        guard = Guard()
        guard.watch(page)
        for kind, path in page_types(site_pages(subpath_built)).items():
            page.goto(page_url(server, path))
            wait_for_charts(page)
            page.screenshot(path=folder / f"{slug(kind)}-{width}.png", full_page=True)
            scroll = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll > width:
                problems.append(f"{path}: {scroll} px wide at {width} px")
            if phone:
                problems += axe_violations(page, f"{path} at {width} px", source)
            wanted, drawn = cjk_glyphs(page, "h1")
            if drawn < wanted:
                problems.append(f"{path}: h1 has {wanted} Chinese characters, {drawn} drawn from a CJK font")
        guard.check()
    finally:
        context.close()
    report(problems, "problems")


PRINT_PROBLEMS = """() => {
  const problems = [];
  const hidden = ['header', 'nav', '.skip', '[role=search]', 'input[type=search]', '.site-header'];
  for (const selector of hidden)
    for (const el of document.querySelectorAll(selector))
      if (el.getClientRects().length) problems.push(`${selector} is printed`);
  const width = document.documentElement.clientWidth;
  const scroll = document.documentElement.scrollWidth;
  if (scroll > width) problems.push(`page is ${scroll} px wide`);
  for (const table of document.querySelectorAll('main table')) {
    if (!table.getClientRects().length) continue;
    const rect = table.getBoundingClientRect();
    if (rect.right > width + 1)
      problems.push(`#${table.id || 'table'} is cut at ${Math.round(rect.right)} > ${width} px`);
    for (let el = table.parentElement; el; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowX;
      if (overflow !== 'visible') { problems.push(`#${table.id || 'table'} sits in overflow-x: ${overflow}`); break; }
    }
    const row = table.querySelector('tbody tr');
    if (row && getComputedStyle(row).breakInside !== 'avoid') problems.push(`#${table.id || 'table'}: rows may split`);
  }
  if (!document.querySelector('main h1') || !document.querySelector('main h1').getClientRects().length)
    problems.push('the heading is not printed');
  return problems;
}"""


def test_evaluation_pages_print_without_chrome_or_cut_tables(browser, server, subpath_built):
    """Print media: header, nav and search hidden; every table printed whole; a PDF kept with the screenshots."""
    evaluations = [path for path in site_pages(subpath_built) if page_type(path) in EVALUATION_TYPES]
    assert len(evaluations) >= 5
    folder = screenshot_dir()
    context = browser.new_context(viewport=PRINT, locale="zh-CN")
    problems = []
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        for path in evaluations:
            page.goto(page_url(server, path))
            wait_for_charts(page)
            problems += [f"{path}: {problem}" for problem in page.evaluate(PRINT_PROBLEMS)]
        page.pdf(path=folder / "print-evaluation.pdf", format="A4")
    finally:
        context.close()
    report(problems, "problems")


# --------------------------------------------------------------------------- the checks can fail


GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
MISSING_ALT = "about/index.html"
BROKEN_LINK = "data/index.html"
ROOT_ABSOLUTE = "quality/index.html"
BAD_HTML = "years/2022/index.html"


@pytest.fixture(scope="module")
def planted(subpath_built, tmp_path_factory) -> Path:
    """A copy of the site with one fault of each kind, each on its own page."""
    site = copy_site(subpath_built, tmp_path_factory.mktemp("planted"))
    plant(site, MISSING_ALT, f'<p><img src="{GIF}"><img src="https://example.org/tracker.gif" alt="外部图片"></p>')
    plant(site, BROKEN_LINK, '<p><a href="../no-such-page/">不存在的页面</a></p>')
    page = site / ROOT_ABSOLUTE
    text = page.read_text(encoding="utf-8")
    assert 'href="../assets/style.css"' in text
    page.write_text(text.replace('href="../assets/style.css"', 'href="/assets/style.css"'), encoding="utf-8")
    plant(site, BAD_HTML, "<ul><div>列表里不能直接放 div</div></ul>")
    return site


def test_axe_fails_on_an_image_without_alt(browser, planted):
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        guard = Guard()
        guard.watch(page)
        with serve(planted) as url:
            page.goto(page_url(url, MISSING_ALT))
            found = axe_violations(page, MISSING_ALT, axe_source())
            page.goto(page_url(url, ROOT_ABSOLUTE))
    finally:
        context.close()
    assert any(f.startswith(f"{MISSING_ALT}: [image-alt, critical]") and "target: img" in f for f in found), found
    # The same visit shows the network guard and the 404 watch at work.
    assert guard.blocked == ["https://example.org/tracker.gif"]
    assert guard.failed == [url.rsplit("/jixiao/", 1)[0] + "/assets/style.css"]


def test_link_check_fails_on_a_broken_link_and_a_root_absolute_asset(planted):
    broken = lychee_errors(planted)
    assert len(broken) == 2, broken
    assert any(b.startswith(f"{BROKEN_LINK}:") and "/jixiao/no-such-page" in b for b in broken), broken
    assert any(b.startswith(f"{ROOT_ABSOLUTE}:") and " /assets/style.css " in b for b in broken), broken


def test_html_check_fails_on_invalid_markup(planted):
    errors = vnu_errors([planted / BAD_HTML, planted / BROKEN_LINK])
    assert errors, "vnu found nothing"
    assert all(BAD_HTML in error for error in errors), errors
    assert any("div" in error and "ul" in error for error in errors), errors
