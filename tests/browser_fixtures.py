"""Browser fixtures shared by the browser tests and the quality gate.

Chromium (or Chrome) driven by playwright, found by tests/browsers.py's find_browser (JIXIAO_CHROMIUM,
else chromium, chromium-browser, google-chrome on PATH), the /jixiao/ build served on 127.0.0.1, and a
guard that blocks (and fails on) every request that leaves the machine.  The fixtures
are registered for every test module by tests/conftest.py.  When CI is set, a missing
browser fails the tests instead of skipping them.
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsers import find_browser
from site_fixtures import shared_site

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
BASE = "/jixiao/"
CHARTS_DRAWN = """() => {
  const views = [...document.querySelectorAll('.chart-view')];
  return views.every(el => el.querySelector('svg, canvas') || el.hasAttribute('data-error'));
}"""


def unavailable(reason: str) -> None:
    """Skip locally; fail when CI is set, so the browser checks never silently vanish."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


class QuietHandler(SimpleHTTPRequestHandler):
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


@contextlib.contextmanager
def serve(site: Path, base: str = BASE) -> Iterator[str]:
    """Serve a site built for `base` from its parent folder on a free port; yields the site's URL."""
    assert site.name == base.strip("/"), f"{site} is not built for {base}"
    not_found = site / "404.html"
    page_404 = not_found.read_bytes() if not_found.is_file() else b""
    handler = type("Handler", (QuietHandler,), {"not_found_page": page_404})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site.parent)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}{base}"
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


def wait_for_charts(page) -> int:
    """Draw every chart, on screen or not (charts.js draws a chart when it nears the screen; printing and
    checks draw them all), wait until each is drawn; returns how many there are."""
    page.wait_for_load_state("load")
    page.evaluate("() => window.jixiaoDrawAllCharts && window.jixiaoDrawAllCharts()")
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    views = page.locator(".chart-view")
    for index in range(views.count()):
        view = views.nth(index)
        assert view.get_attribute("data-error") is None, view.get_attribute("data-error")
        assert view.locator("svg, canvas").count() >= 1
    return views.count()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def browser():
    executable, reason = find_browser()
    if executable is None:
        unavailable(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def subpath_built(tmp_path_factory) -> Path:
    """The real data built once under /jixiao/ (in <tmp>/root/jixiao)."""
    return shared_site(tmp_path_factory, BASE)


@pytest.fixture(scope="session")
def server(subpath_built):
    """The /jixiao/ build served on a free port; yields the site's URL."""
    with serve(subpath_built) as url:
        yield url


@pytest.fixture
def guard() -> Guard:
    return Guard()


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True, locale="zh-CN")
    yield context
    context.close()
