"""The built site in a real browser (Debian's Chromium through playwright), served under /jixiao/.

Every request that is not to 127.0.0.1 is blocked and fails the test: the site must work
offline, charts included.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_fixtures import BOM, DATA, html_pages, shared_site

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
BASE = "/jixiao/"
HEADER_COLOUR = "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"
CHARTS_DRAWN = """() => {
  const views = [...document.querySelectorAll('.chart-view')];
  return views.every(el => el.querySelector('svg, canvas') || el.hasAttribute('data-error'));
}"""


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files; a missing path gets the site's 404.html, as GitHub Pages does."""

    not_found_page: bytes = b""

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not self.not_found_page:
            super().send_error(code, message, explain)
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.not_found_page)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(self.not_found_page)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The /jixiao/ build served from its parent folder on a free port; yields the site's URL."""
    site = shared_site(tmp_path_factory, BASE)
    assert site.name == BASE.strip("/")
    handler = type("Handler", (_QuietHandler,), {"not_found_page": (site / "404.html").read_bytes()})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site.parent)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}{BASE}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


class Guard:
    """Blocks and records every request that leaves 127.0.0.1; records script errors."""

    def __init__(self) -> None:
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []

    def route(self, route) -> None:
        url = route.request.url
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob", "about") or urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def watch(self, page) -> None:
        page.route("**/*", self.route)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on("response", lambda response: response.status >= 400 and self.failed.append(response.url))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"{page.url}: {msg.text}"))

    def check(self) -> None:
        assert self.blocked == [], f"requests left 127.0.0.1: {self.blocked}"
        assert self.failed == [], f"failed requests: {self.failed}"
        assert self.errors == [], f"errors in the page: {self.errors}"


@pytest.fixture
def guard() -> Guard:
    return Guard()


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    yield context
    context.close()


def wait_for_charts(page) -> int:
    """Wait until every chart is drawn; returns how many there are."""
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    views = page.locator(".chart-view")
    for index in range(views.count()):
        view = views.nth(index)
        assert view.get_attribute("data-error") is None, view.get_attribute("data-error")
        assert view.locator("svg, canvas").count() >= 1
    return views.count()


def click_to(page, selector: str, path: str) -> None:
    """Click a real link on the page and wait for the page it leads to."""
    link = page.locator(selector).first
    assert link.count() == 1, f"no link {selector} on {page.url}"
    link.click()
    page.wait_for_url(f"**{BASE}{path}")
    page.wait_for_load_state("load")


def test_click_through_unit_year_and_project(context, server, guard):
    page = context.new_page()
    guard.watch(page)
    page.goto(server)
    assert page.locator("h1").inner_text() == "政府预算绩效自评，公开可查"
    assert wait_for_charts(page) >= 1

    click_to(page, 'main a[href="units/yiyang-si/"]', "units/yiyang-si/")
    assert page.locator("h1").inner_text() == "弋阳县社会保险管理中心"
    assert wait_for_charts(page) >= 1

    click_to(page, 'main a[href="2022/"]', "units/yiyang-si/2022/")
    assert "2022" in page.locator("h1").inner_text()
    assert wait_for_charts(page) >= 1

    click_to(page, 'main a[href="teacher-allowance/"]', "units/yiyang-si/2022/teacher-allowance/")
    assert page.locator("h1").inner_text() == "国有企业职教幼教退休老师专项生活补助配套"
    assert wait_for_charts(page) == 2
    row = page.locator("#budget-total").inner_text()
    assert "49.473106" in row and "49.4731" in row
    # The budget chart draws one bar per published figure.
    bars = page.locator("#chart-teacher-allowance-budget [aria-roledescription='bar']").count()
    assert bars == 6
    guard.check()


def test_department_page_charts_and_csv_download(context, server, guard):
    page = context.new_page()
    guard.watch(page)
    page.goto(server)
    click_to(page, 'main a[href="units/rugao-landloss/"]', "units/rugao-landloss/")
    wait_for_charts(page)
    click_to(page, 'main a[href="2023/"]', "units/rugao-landloss/2023/")
    assert wait_for_charts(page) == 2
    assert "93116.21" in page.locator("main").inner_text()

    with page.expect_download() as info:
        page.locator('#downloads ~ ul.downloads a[download="budget.csv"]').click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename == "budget.csv"
    data = Path(download.path()).read_bytes()
    published = (DATA / "rugao-landloss/2023/budget.csv").read_bytes()
    assert data.startswith(BOM)
    assert data == BOM + published
    text = data[len(BOM) :].decode("utf-8")
    assert "财政对居民养老保险的补助" in text and "93116.21" in text
    guard.check()


def test_no_horizontal_scroll_on_a_phone(browser, server, guard, tmp_path_factory):
    """At 390 px every page fits the screen; wide tables scroll inside their own container."""
    site_pages = sorted(html_pages(shared_site(tmp_path_factory, BASE)))
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    too_wide = []
    try:
        page = context.new_page()
        guard.watch(page)
        for path in site_pages:
            page.goto(server + path.removesuffix("index.html"))
            wait_for_charts(page)
            assert page.evaluate("() => window.innerWidth") == 390
            assert page.evaluate(HEADER_COLOUR) == "rgb(31, 78, 140)", f"{path}: stylesheet not applied"
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > 390:
                too_wide.append(f"{path}: scrollWidth {width}")
            for table in page.locator("table").all():
                assert "table-scroll" in (table.locator("xpath=..").get_attribute("class") or ""), path
        guard.check()
    finally:
        context.close()
    assert not too_wide, too_wide
    assert "units/rugao-landloss/2023/index.html" in site_pages


def test_404_page_works_at_any_depth(context, server, guard):
    page = context.new_page()
    guard.watch(page)
    response = page.goto(server + "no/such/deep/page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "页面不存在"
    assert page.evaluate(HEADER_COLOUR) == "rgb(31, 78, 140)", "404 page has no stylesheet"
    click_to(page, 'main a:has-text("首页")', "")
    assert page.locator("h1").inner_text() == "政府预算绩效自评，公开可查"
    page.goto(server + "units/nobody/")
    click_to(page, 'nav a:has-text("数据下载")', "data/")
    assert page.locator("h1").inner_text() == "数据下载"
    # Only the two missing pages themselves may fail (and log their 404 to the console).
    assert guard.failed == [server + "no/such/deep/page/", server + "units/nobody/"]
    guard.failed = []
    guard.errors = [e for e in guard.errors if "status of 404" not in e]
    guard.check()
