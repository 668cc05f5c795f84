"""The built site in a real browser (Debian's Chromium through playwright), served under /jixiao/.

Every request that is not to 127.0.0.1 is blocked and fails the test: the site must work
offline, charts included.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from browser_fixtures import BASE, wait_for_charts
from site_fixtures import BOM, DATA, html_pages, shared_site

from jixiao.opendata import downloads

pytestmark = pytest.mark.browser

HEADER_COLOUR = "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor"


def _zip_stored(members: dict[str, bytes]) -> bytes:
    """The zip site_src/downloads.js should pack, by Python's zipfile: sorted entries, stored, the fixed time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=downloads.ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


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
    assert wait_for_charts(page) == 3  # execution rate, amounts, scores
    row = page.locator("#budget-total").inner_text()
    assert "49.473106" in row and "49.4731" in row
    # The amounts chart draws one bar per published figure and prints it; the rate chart one bar per line.
    amounts = page.locator("#chart-teacher-allowance-budget")
    assert amounts.locator("[aria-roledescription='bar']").count() == 6
    assert "49.4731" in amounts.locator("svg").first.text_content()
    rates = page.locator("#chart-teacher-allowance-rate [aria-roledescription='bar']")
    assert rates.count() == 2  # 年度资金总额 and 财政拨款; 其他资金 has a budget of 0
    guard.check()


def test_department_page_charts_and_csv_download(context, server, guard):
    page = context.new_page()
    guard.watch(page)
    page.goto(server)
    click_to(page, 'main a[href="units/rugao-landloss/"]', "units/rugao-landloss/")
    wait_for_charts(page)
    click_to(page, 'main a[href="2023/"]', "units/rugao-landloss/2023/")
    assert wait_for_charts(page) == 3
    assert "93,116.21" in page.locator("main").inner_text()
    # the published total is the first thing on the page, before any chart
    first = page.locator("main .key-figures")
    assert "93,116.21" in first.inner_text() and "90,819.34" in first.inner_text()
    assert first.bounding_box()["y"] < page.locator(".chart-view").first.bounding_box()["y"]

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


def test_zip_button_packs_the_published_files(context, server, guard, subpath_built):
    """No zip is stored: the browser fetches the listed files and packs them, byte for byte as Python would."""
    page = context.new_page()
    guard.watch(page)
    page.goto(server + "units/rugao-sif/2024/coverage-expansion/")
    assert page.locator("button.zip-download").count() == 0  # a project page links to its package page's files
    page.locator('section a[href="../#downloads"]').click()
    page.wait_for_url("**/units/rugao-sif/2024/#downloads")
    button = page.locator("button.zip-download")
    assert button.is_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.failure() is None and download.suggested_filename == "rugao-sif-2024.zip"
    data = Path(download.path()).read_bytes()
    folder = subpath_built / "downloads" / "rugao-sif-2024"
    loose = {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    assert any(name.startswith("narrative/") for name in loose) and "README.md" in loose
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {n: archive.read(n) for n in archive.namelist()} == {f"rugao-sif-2024/{n}": b for n, b in loose.items()}
    packed = {f"rugao-sif-2024/{name}": content for name, content in loose.items()}
    assert data == _zip_stored(packed)
    guard.check()


def test_no_horizontal_scroll_on_a_phone(browser, server, guard, tmp_path_factory):
    """At 390 px every page fits the screen; wide tables scroll inside their own container."""
    site_pages = sorted(html_pages(shared_site(tmp_path_factory, BASE), moved=False))
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
