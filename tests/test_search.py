"""Search: the pagefind index in the built site, the header search box, the search page,
and two-character Chinese queries in a real browser (served under /jixiao/, offline).

Which pages must be found is worked out from data/ here, not listed by hand: an
evaluation page must be found when the word is in its budget lines, indicators,
narrative or title; a unit page when the word is in the unit's name or the functions
and organisation narrative it shows.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from site_fixtures import (
    build_site,
    evaluation_path,
    html_pages,
    packages,
    parse_html,
    read_csv,
    resolve,
    shared_site,
    tree_bytes,
)

from jixiao.config import Config
from jixiao.site import search

PACKAGES = packages()
BASE = "/jixiao/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory, "/")


def pages_containing(word: str) -> set[str]:
    """Site paths of the evaluation and unit pages whose source data contain ``word``."""
    found = set()
    for package in PACKAGES:
        evaluations = read_csv(package.path / "evaluations.csv")
        narrative = read_csv(package.path / "narrative.csv")
        for evaluation in evaluations:
            eid = evaluation["evaluation_id"]
            rows = [
                row
                for table in ("budget", "indicators", "stated_scores")
                for row in read_csv(package.path / f"{table}.csv")
                if row["evaluation_id"] == eid
            ]
            texts = [evaluation["title"], *(value for row in rows for value in row.values())]
            texts += [(package.path / n["file"]).read_text("utf-8") for n in narrative if n["evaluation_id"] == eid]
            if any(word in text for text in texts):
                found.add(evaluation_path(package, evaluation, evaluations))
        unit = read_csv(package.path / "unit.csv")[0]
        profile = [n for n in narrative if n["section"] in ("functions", "organisation")]
        texts = [unit["name"], *((package.path / n["file"]).read_text("utf-8") for n in profile)]
        if any(word in text for text in texts):
            found.add(f"units/{package.unit_id}/index.html")
    return found


# --------------------------------------------------------------------------- the built index


def test_pagefind_bundle_is_written(site):
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (site / "pagefind" / name).is_file(), name
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    language = entry["languages"]["zh-cn"]
    assert (site / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file()
    fragments = list((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert len(fragments) == language["page_count"]
    for path in [*fragments, *(site / "pagefind" / "index").glob("*.pf_index")]:
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), f"{path.name} is incomplete"


def test_only_content_pages_are_indexed(site):
    """Unit and evaluation pages (and data, about) carry data-pagefind-body on <main> only; listings do not."""
    indexed = set()
    for path, text in html_pages(site).items():
        if path.startswith("pagefind/"):
            continue
        doc = parse_html(text)
        marked = [node for node in doc.iter() if "data-pagefind-body" in node.attrs]
        assert all(node.tag == "main" for node in marked), path
        assert "data-pagefind-filter" not in text, f"{path}: filters make pagefind's output non-deterministic"
        if marked:
            indexed.add(path)
    must = {f"units/{p.unit_id}/index.html" for p in PACKAGES} | pages_containing("养老") | pages_containing("体检")
    assert must <= indexed
    for never in ("index.html", "404.html", "search/index.html", "compare/index.html", "quality/index.html"):
        assert never not in indexed, never


def test_every_page_has_the_search_box(site):
    for path, text in html_pages(site).items():
        if path.startswith("pagefind/"):
            continue
        doc = parse_html(text)
        form = doc.find("header").find("form", role="search")
        assert form is not None, path
        assert form.attrs.get("method") == "get"
        assert resolve(path, form.attrs["action"])[0] == "search/index.html", path
        field = form.find("input", name="q")
        assert field is not None and field.attrs.get("type") == "search"
        label = form.find("label")
        assert label is not None and label.attrs["for"] == field.attrs["id"] and label.text()


def test_search_page_loads_the_site_s_own_pagefind(site):
    doc = parse_html((site / "search/index.html").read_text("utf-8"))
    sources = [s.attrs["src"] for s in doc.find_all("script") if s.attrs.get("src")]
    assert sources == ["../assets/search.js"], "the page's own script imports ../pagefind/pagefind.js"
    assert all(not re.match(r"^(https?:)?//", src) for src in sources), "scripts must come from the site itself"
    assert doc.find("link", rel="stylesheet", href="../pagefind/pagefind-ui.css") is not None
    box = doc.by_id("search")
    assert box.attrs["data-bundle"] == "../pagefind/" and box.attrs["data-root"] == "../"


def test_index_does_not_depend_on_the_order_files_were_written(site, tmp_path):
    """pagefind numbers pages in the order it meets them; search.py feeds them sorted, whatever the disk says."""
    pages = {p: data for p, data in tree_bytes(site).items() if not p.startswith("pagefind/")}
    outputs = []
    for name, order in (("forward", sorted(pages)), ("backward", sorted(pages, reverse=True))):
        root = tmp_path / name
        for path in order:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(pages[path])
        search.index_site(root, Config())
        outputs.append({p: d for p, d in tree_bytes(root).items() if p.startswith("pagefind/")})
    assert outputs[0] == outputs[1]
    assert outputs[0] == {p: d for p, d in tree_bytes(site).items() if p.startswith("pagefind/")}


def test_missing_pagefind_binary_fails_the_build_clearly(tmp_path, monkeypatch):
    from jixiao.assemble.pipeline import BuildError
    from jixiao.assemble.write import MARKER

    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("an earlier build", "utf-8")
    (out / "index.html").write_text("old", "utf-8")
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # import fails, as when not installed
    with pytest.raises(BuildError, match=r"pagefind\[extended\]"):
        build_site(out, full=True)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"], "the old site must stay"
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name != ".site.jixiao-lock")  # the lock stays by design
    assert beside == ["site"], "staging folder left behind"


def test_a_build_stopped_while_its_slices_are_indexed_leaves_the_old_site_and_nothing_beside(tmp_path, monkeypatch):
    """The slices are indexed beside the datasets (search.Indexing): a build stopped there waits for its
    pagefind processes before removing its staging folder, so none writes into it afterwards."""
    import threading

    from jixiao.assemble import shared
    from jixiao.assemble.pipeline import BuildError
    from jixiao.assemble.write import MARKER

    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("an earlier build", "utf-8")
    (out / "index.html").write_text("old", "utf-8")
    started: list[list[str]] = []
    start_slices = search.Indexing.start_slices

    def spy(self, pages):
        started.append(pages)
        start_slices(self, pages)

    def stop(*args, **kwargs):
        raise BuildError("合并数据集失败（测试）")

    monkeypatch.setattr(search.Indexing, "start_slices", spy)
    monkeypatch.setattr(shared, "combined_datasets", stop)
    with pytest.raises(BuildError, match="合并数据集失败"):
        build_site(out, full=True, jobs=1)
    assert len(started) == 1 and any(p.startswith("units/") for p in started[0]), "the slices started first"
    assert not [t for t in threading.enumerate() if t.name.startswith("ThreadPoolExecutor")], "pagefind still running"
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"], "the old site must stay"
    beside = sorted(p.name for p in tmp_path.iterdir() if p.name != ".site.jixiao-lock")
    assert beside == ["site"], "staging folder left behind"


# --------------------------------------------------------------------------- in the browser


RESULT_LINKS = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title > a"
"""The link of each result page (the nested links under it point into the page's sections)."""
RESULTS_READY = """([selector, count]) => {
  const message = document.querySelector('.pagefind-ui__message');
  const found = message && message.textContent.match(/\\d+/);
  if (!found) return false;
  const links = document.querySelectorAll(selector);
  return links.length === Math.min(Number(found[0]), count);
}"""


def search_from_header(page, word: str) -> set[str]:
    """Type into the header box, submit, wait for Pagefind UI; the site paths of the result pages."""
    box = page.locator("header form[role=search] input[name=q]")
    box.fill(word)
    with page.expect_navigation():
        box.press("Enter")
    assert unquote(urlsplit(page.url).query) == f"q={word}"
    assert urlsplit(page.url).path == BASE + "search/"
    page.wait_for_function(RESULTS_READY, arg=[RESULT_LINKS, 20], timeout=30_000)
    assert word in page.locator(".pagefind-ui__message").inner_text()
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.getAttribute('href'))")
    paths = set()
    for href in hrefs:
        assert href.startswith(BASE), f"{href} is not under {BASE}"
        paths.add(resolve("index.html", href, BASE)[0])
    return paths


@pytest.mark.browser
def test_search_box_finds_the_right_pages(context, server, guard, subpath_built):
    page = context.new_page()
    guard.watch(page)
    page.goto(server + "units/yiyang-si/2022/teacher-allowance/")
    for word in ("体检", "养老"):
        found = search_from_header(page, word)
        expected = pages_containing(word)
        assert expected, f"no page of data/ contains {word}"
        assert expected <= found, f"{word}: not found {sorted(expected - found)}"
        for path in found:
            text = parse_html((subpath_built / path).read_text("utf-8")).find("main").text()
            assert word in text, f"{word}: {path} was found but does not contain it"
        assert page.locator("#site-search-q").input_value() == word
    # A result is a working link on the served site.
    first = page.locator(RESULT_LINKS).first
    target = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**{target}")
    assert "养老" in page.locator("main").inner_text()
    guard.check()


def test_every_slice_of_the_units_is_indexed_and_merged(site):
    """Unit pages go into pagefind/slices/NNN/ (merged by the search page), shared pages into pagefind/."""
    slices = site / "pagefind" / "slices"
    expected = sorted(p.name for p in slices.iterdir())
    # Slices are numbered folders; fewer than the units (32 units a slice, data/ has fewer than 33 units).
    assert expected and all(re.fullmatch(r"[0-9]{3}", name) for name in expected)
    assert len(expected) <= len({p.unit_id for p in PACKAGES})
    indexed = {path for path, text in html_pages(site).items() if "data-pagefind-body" in text}
    in_units = {path for path in indexed if path.startswith("units/")}
    pages = 0
    for name in expected:
        entry = json.loads((slices / name / "pagefind-entry.json").read_text("utf-8"))
        language = entry["languages"]["zh-cn"]
        assert (slices / name / f"pagefind.{language['hash']}.pf_meta").is_file()
        assert not list((slices / name).glob("*.js")), "a merged index uses the main bundle's scripts"
        pages += language["page_count"]
    assert pages == len(in_units)
    main = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert main["languages"]["zh-cn"]["page_count"] == len(indexed - in_units)
    box = parse_html((site / "search/index.html").read_text("utf-8")).by_id("search")
    assert box.attrs["data-merge"].split() == [f"../pagefind/slices/{name}/" for name in expected]


def test_pagefind_reads_the_words_not_the_figures():
    """The feed keeps names, indicators and narrative, drops charts, figure cells and download lists."""
    html = (
        '<html lang="zh-CN"><head><title>t</title></head><body><header>站点</header>'
        '<main id="main" data-pagefind-body><h1>养老服务</h1><figure class="chart"><script>{"v": 1}</script></figure>'
        '<table><tr><th>指标</th><th class="num">分值</th></tr><tr><td>体检人数</td><td class="num">12.5</td></tr>'
        '<tr><td>体检人数</td><td class="num">7</td></tr></table><ul class="downloads"><li>budget.csv</li></ul>'
        "<p>叙述</p></main></body></html>"
    )
    feed = search.search_feed(html)
    assert feed.startswith('<!DOCTYPE html><html lang="zh-CN">') and "<h1>养老服务</h1>" in feed
    assert feed.count("体检人数") == 1 and "叙述" in feed and "指标" in feed
    for gone in ("12.5", ">7<", "budget.csv", '"v"', "站点"):
        assert gone not in feed, gone
    assert search.search_feed(html.replace(" data-pagefind-body", "")) is None


@pytest.mark.browser
def test_results_name_unit_year_and_evaluation_with_excerpts_from_the_content(context, server, guard, subpath_built):
    """A result of an evaluation page is titled 单位 · 年度 · 评价 (弋阳县 2022 国有企业职教幼教…, by hand), and
    its excerpt comes from names, indicators and narrative, not the headings every page repeats."""
    page = context.new_page()
    guard.watch(page)
    page.goto(server)
    search_from_header(page, "幼教")
    titles = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.textContent.trim())")
    assert "弋阳县社会保险管理中心 · 2022 年度 · 国有企业职教幼教退休老师专项生活补助配套" in titles, titles
    excerpts = " ".join(page.eval_on_selector_all(".pagefind-ui__result-excerpt", "e => e.map(x => x.textContent)"))
    assert "幼教" in excerpts
    for heading in ("执行率（计算）", "全年预算数（万元）", "绩效指标评分表", "预算安排及支出情况"):
        assert heading not in excerpts, excerpts
    guard.check()


@pytest.mark.browser
def test_a_nonsense_query_finds_nothing_and_a_unit_name_finds_its_unit(context, server, guard, subpath_built):
    """zzzz不存在 is in no page (it used to find all 19 evaluations through the 存在问题 heading and the
    word 存在 in narratives): every term of a query must match.  The unit name 上海市普陀区体育事业管理中心
    (data/putuo-sports-centre/2022/unit.csv, by hand) finds its unit page."""
    page = context.new_page()
    guard.watch(page)
    page.goto(server + "search/?q=" + "zzzz不存在")
    page.wait_for_function(
        "() => { const m = document.querySelector('.pagefind-ui__message'); return m && /找到/.test(m.textContent); }",
        timeout=30_000,
    )
    assert page.locator(".pagefind-ui__message").inner_text() == "未找到 zzzz不存在 的相关结果"
    assert page.locator(RESULT_LINKS).count() == 0
    found = search_from_header(page, "上海市普陀区体育事业管理中心")
    assert "units/putuo-sports-centre/index.html" in found, found
    guard.check()
