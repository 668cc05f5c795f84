"""Review at scale: in Chromium, a maintainer confirms a whole recognised table of a draft in one action.

The review page is served by serve's own request handler (no site build needed); the draft is a
clerk-made department form (≈ 400 review rows).  One click on the 指标表 button marks every
indicator row 已核对 in review.csv, leaves placeholders (把握 无) and the other tables open, and the
one-line summary says what remains.  A post from another origin is refused.
"""

from __future__ import annotations

import csv
import threading
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from import_oracle import CLERK, import_file

from jixiao.commands.review_page import CONFIRM_PATH, PATH
from jixiao.commands.serve import State, _handler
from jixiao.ingest.draft import REVIEW_FILE, UNREVIEWED

pytestmark = pytest.mark.browser


def _review(draft: Path) -> list[dict[str, str]]:
    with (draft / REVIEW_FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def review_server(tmp_path):
    draft = import_file(CLERK / "rugao-pension-2024-department.xlsx", tmp_path, "2024")
    assert draft is not None
    site = tmp_path / "_site"
    site.mkdir()
    handler = _handler(site, State(), tmp_path / "data")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}", draft
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def test_one_click_confirms_a_whole_table_and_the_summary_says_what_remains(context, review_server):
    url, draft = review_server
    before = _review(draft)
    indicators = [row for row in before if row["resource"] == "indicators"]
    assert len(before) > 250 and len(indicators) > 150
    page = context.new_page()
    page.goto(url + PATH)
    summary = page.locator(".summary").first
    assert f"还剩 {len(before)} 项待核对" in summary.inner_text()
    button = page.get_by_role("button", name="整表确认：指标表（department）")
    assert button.count() == 1
    with page.expect_navigation():
        button.click()
    after = _review(draft)
    assert all(row["status"] == "已核对" for row in after if row["resource"] == "indicators")
    others = [row for row in after if row["resource"] != "indicators"]
    assert all(row["status"] == UNREVIEWED for row in others), "only the confirmed table changes"
    remaining = len(others)
    text = page.locator(".summary").first.inner_text()
    assert f"还剩 {remaining} 项待核对" in text and "指标表" not in text
    assert page.get_by_role("button", name="整表确认：指标表（department）").count() == 0
    placeholders = [row for row in after if row["confidence"] == "无" and row["field"]]
    if placeholders:
        assert f"其中 {len(placeholders)} 项须照原表填写" in text
    page.close()


def test_a_confirmation_from_another_origin_or_an_older_page_is_refused(review_server):
    url, draft = review_server
    before = (draft / REVIEW_FILE).read_bytes()
    body = b"folder=data%2Fimported%2F2024&section=indicators%3Adepartment&token=0"
    for origin, expected in (("http://evil.example", 403), (None, 409)):
        request = urllib.request.Request(url + CONFIRM_PATH, data=body, method="POST")
        if origin:
            request.add_header("Origin", origin)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == expected
    assert (draft / REVIEW_FILE).read_bytes() == before
