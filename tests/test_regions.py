"""Region pages at every level: province → prefecture → county, no placeholder level, place names read as places.

Expectations written by hand from the units' unit.csv: 如皋市 is a county-level city of 南通市, 江苏省;
保山市 is a prefecture-level city of 云南省 (its unit.csv leaves the prefecture empty because the unit is at
that level); 普陀区 is a district of the municipality 上海市; 天长市 (Tiānchángshì, not zhǎng) is in 滁州市, 安徽省.
The addresses pages had before (with an ``x`` for an empty level, or 天长 read tiānzhǎng) send readers on.
"""

from __future__ import annotations

import posixpath

import pytest
from site_fixtures import html_pages, is_moved, parse_html, shared_site

LEVELS = {
    "regions/jiangsusheng/index.html": ("江苏省", ["南通市"]),
    "regions/jiangsusheng/nantongshi/index.html": ("江苏省南通市", ["如皋市"]),
    "regions/jiangsusheng/nantongshi/rugaoshi/index.html": ("江苏省南通市如皋市", []),
    "regions/yunnansheng/index.html": ("云南省", ["保山市", "临沧市"]),
    "regions/yunnansheng/baoshanshi/index.html": ("云南省保山市", []),
    "regions/yunnansheng/lincangshi/yongdexian/index.html": ("云南省临沧市永德县", []),
    "regions/shanghaishi/index.html": ("上海市", ["普陀区"]),
    "regions/shanghaishi/putuoqu/index.html": ("上海市普陀区", []),
    "regions/anhuisheng/chuzhoushi/tianchangshi/index.html": ("安徽省滁州市天长市", []),
}
MOVED = {
    "regions/yunnansheng/x/baoshanshi/index.html": "regions/yunnansheng/baoshanshi/",
    "regions/shanghaishi/x/putuoqu/index.html": "regions/shanghaishi/putuoqu/",
    "regions/anhuisheng/chuzhoushi/tianzhangshi/index.html": "regions/anhuisheng/chuzhoushi/tianchangshi/",
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    return html_pages(shared_site(tmp_path_factory, "/"))


def test_region_pages_at_every_level(pages):
    for path, (heading, below) in LEVELS.items():
        assert path in pages, path
        doc = parse_html(pages[path])
        assert doc.find("h1").text() == heading
        nav = doc.by_id("children-heading")
        children = [a.text() for a in nav.parent.find_all("a")] if nav is not None else []
        assert sorted(children) == sorted(below), path
    # a province page lists the evaluations of every unit below it
    jiangsu = parse_html(pages["regions/jiangsusheng/index.html"]).find("main").text()
    for unit in ("如皋市社会保险基金管理中心", "如皋市社会养老保险管理处", "如皋市被征地农民基本生活保障资金管理中心"):
        assert unit in jiangsu
    crumbs = parse_html(pages["regions/jiangsusheng/nantongshi/rugaoshi/index.html"]).find(
        "nav", class_="wrap breadcrumbs"
    )
    assert [a.text() for a in crumbs.find_all("a")][:3] == ["首页", "江苏省", "南通市"]


def test_no_placeholder_level_and_old_addresses_send_readers_on(pages):
    regions = [path for path in pages if path.startswith("regions/")]
    for path in regions:
        if path in MOVED:
            continue
        assert not is_moved(pages[path]), path
        assert "/x/" not in path and "tianzhang" not in path, path
    for old, new in MOVED.items():
        doc = parse_html(pages[old])
        assert is_moved(pages[old])
        link = doc.find("main").find("a")
        assert posixpath.normpath(posixpath.join(posixpath.dirname(old), link.attrs["href"])) + "/" == new
        assert new + "index.html" in pages
