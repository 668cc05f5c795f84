"""Open-data metadata of the built site: sitemap, robots.txt, Atom feed, DCAT catalog,
schema.org JSON-LD on package pages and Open Graph tags.

Built once with a site URL and a subpath (https://example.org/jixiao/), the way a
GitHub project page is published; every absolute URL in the metadata must name a file
that the build wrote.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_fixtures import DATA, REPO, build_site, evaluation_path, html_pages, packages, parse_html, read_csv

from jixiao.config import GRADE_BANDS, Config
from jixiao.ingest.model import build_package, outline
from jixiao.ingest.validate import validate_directory
from jixiao.opendata import metadata
from jixiao.structure.index import SiteIndex

SITE_URL = "https://example.org"
BASE_URL = "/jixiao/"
PREFIX = SITE_URL + BASE_URL
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
PACKAGES = packages()
URL_KEYS = {"url", "contentUrl", "dcat:accessURL", "dcat:downloadURL", "dcat:landingPage", "foaf:homepage"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("metadata") / "root" / "jixiao", base_url=BASE_URL, site_url=SITE_URL)


@pytest.fixture(scope="module")
def files(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def site_path(url: str) -> str:
    """The file an absolute URL of the site names (folders → index.html); fails for other URLs."""
    assert url.startswith(PREFIX), f"{url} is not under {PREFIX}"
    path = urlsplit(url).path[len(BASE_URL) :]
    return path + "index.html" if path == "" or path.endswith("/") else path


def urls_in(data, keys=URL_KEYS) -> list[str]:
    """Every string value under one of ``keys`` anywhere in a JSON document."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in keys and isinstance(value, str):
                found.append(value)
            else:
                found += urls_in(value, keys)
    elif isinstance(data, list):
        for item in data:
            found += urls_in(item, keys)
    return found


def evaluations() -> list[tuple]:
    return [(p, e) for p in PACKAGES for e in read_csv(p.path / "evaluations.csv")]


def evaluation_pages() -> set[str]:
    return {
        evaluation_path(p, e, evaluations)
        for p in PACKAGES
        for evaluations in [read_csv(p.path / "evaluations.csv")]
        for e in evaluations
    }


# --------------------------------------------------------------------------- sitemap and robots


def test_sitemap_lists_every_page_and_only_existing_ones(site, files):
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    listed = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert len(listed) == len(set(listed)), "a page is listed twice"
    paths = {site_path(url) for url in listed}
    pages = {path for path in html_pages(site, moved=False) if not path.startswith("pagefind/")}
    assert paths == pages - {"404.html"}
    assert paths <= files


def test_robots_names_the_sitemap(site):
    lines = (site / "robots.txt").read_text("utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {PREFIX}sitemap.xml" in lines


def test_without_a_site_url_robots_has_no_relative_sitemap_line():
    """Sitemap lines must be absolute; without --site-url there is none (the sitemap itself still exists)."""
    from jixiao.config import Config
    from jixiao.opendata import metadata

    text = metadata.robots(Config(base_url="/jixiao/")).decode("utf-8")
    assert not any(line.startswith("Sitemap:") for line in text.splitlines())
    assert "--site-url" in text


# --------------------------------------------------------------------------- feed


def test_feed_is_atom_with_one_entry_per_evaluation(site, files):
    root = ET.parse(site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, f"feed has no <{tag}>"
    self_link = root.find(f"{ATOM}link[@rel='self']").attrib["href"]
    assert site_path(self_link) == "feed.xml"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(len(evaluations()), metadata.FEED_ENTRIES)
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    titles = " ".join(entry.find(f"{ATOM}title").text for entry in entries)
    for _package, evaluation in evaluations():
        if evaluation["kind"] == "project":
            assert evaluation["title"] in titles
    for entry in entries:
        for tag in ("title", "id", "updated", "summary", "author"):
            assert entry.find(f"{ATOM}{tag}") is not None, f"entry has no <{tag}>"
        link = entry.find(f"{ATOM}link[@rel='alternate']").attrib["href"]
        assert site_path(link) in files


def test_feed_keeps_only_the_newest_entries():
    """A national portal's feed names the newest evaluations, not all of them (the sitemap does)."""
    outlines = [outline(build_package(r.package, r.findings)) for r in validate_directory(DATA, GRADE_BANDS)]
    added = {package.package_id: "2020-01-01" for package in outlines}  # committed before any printing
    index = SiteIndex.of(outlines, row_counts={}, added=added)
    root = ET.fromstring(metadata.feed(Config(), index, limit=3))
    entries = root.findall(f"{ATOM}entry")
    shown = [(entry.find(f"{ATOM}published").text or "")[:10] for entry in entries]
    # Each evaluation's publication date, read from its package's sources.csv: the three newest are the feed.
    dates = []
    for package, evaluation in evaluations():
        sources = {row["source_id"]: row["published"] for row in read_csv(package.path / "sources.csv")}
        dates.append(sources[evaluation["source_id"]])
    assert len(entries) == 3 < len(dates)
    assert shown == sorted(dates, reverse=True)[:3]


def _first_committed(package) -> str:
    """The day a package's datapackage.json was first committed, asked of git here file by file."""
    import subprocess

    out = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%cs", "--", "datapackage.json"],
        cwd=package.path,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    return out[-1] if out else ""


def _added(package) -> str:
    """When a package entered the repository: its first commit; a package not committed yet (a
    maintainer's new form, a test's fixture) has the checkout's HEAD date, and outside git its year's end."""
    import subprocess

    first = _first_committed(package)
    if first:
        return first
    head = subprocess.run(
        ["git", "log", "-1", "--format=%cs", "HEAD"], cwd=package.path, capture_output=True, text=True, check=False
    ).stdout.strip()
    return head or f"{package.path.name}-12-31"


def test_feed_dates_are_publication_or_first_commit_dates_never_the_build_epoch(site):
    """A printed publication date where the source has one; else the day the package was first committed;
    newest first; no entry carries the build's fixed date (SOURCE_DATE_EPOCH, 2026-01-01 by default)."""
    from jixiao.config import Config

    build_day = datetime.fromtimestamp(Config().source_date_epoch, tz=UTC).strftime("%Y-%m-%d")
    expected = {}
    for package, evaluation in evaluations():
        printed = read_csv(package.path / "sources.csv")[0]["published"]
        expected[f"{package.package_id}/{evaluation['evaluation_id']}"] = printed or _added(package)
    root = ET.parse(site / "feed.xml").getroot()
    dates = []
    for entry in root.findall(f"{ATOM}entry"):
        updated = entry.find(f"{ATOM}updated").text
        assert not updated.startswith(build_day), updated
        link = entry.find(f"{ATOM}link").attrib["href"]
        dates.append(updated[:10])
        published = entry.find(f"{ATOM}published")
        if published is not None:
            assert published.text == updated
        matches = [key for key in expected if f"/{key.split('/')[0].rsplit('-', 1)[0]}/" in link]
        assert any(expected[key] == updated[:10] for key in matches), (link, updated)
    assert dates == sorted(dates, reverse=True)
    assert "2023-12-05" in dates and "2023-09-25" in dates  # 天长市水利局 2022, 弋阳县 2022: printed
    assert not root.find(f"{ATOM}updated").text.startswith(build_day)


# --------------------------------------------------------------------------- DCAT catalog and JSON-LD


def test_dcat_catalog_parses_and_every_url_resolves(site, files):
    catalog = json.loads((site / "catalog.jsonld").read_text("utf-8"))
    assert catalog["@type"] == "dcat:Catalog"
    assert catalog["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert site_path(catalog["@id"]) == "catalog.jsonld"
    assert sorted(d["dct:identifier"] for d in catalog["dcat:dataset"]) == sorted(
        [p.package_id for p in PACKAGES] + ["jixiao-combined"]
    )
    datasets = [d for d in catalog["dcat:dataset"] if d["dct:identifier"] != "jixiao-combined"]
    for dataset in datasets:
        assert dataset["@type"] == "dcat:Dataset"
        package_id = dataset["dct:identifier"]
        package_page = site_path(dataset["@id"].split("#")[0])
        assert package_page == site_path(dataset["dcat:landingPage"]) and package_page.endswith("/index.html")
        downloads = {site_path(d["dcat:downloadURL"]) for d in dataset["dcat:distribution"]}
        package = next(p for p in PACKAGES if p.package_id == package_id)
        expected = {f"downloads/{package_id}/datapackage.json"}  # the zip is packed by the browser: no URL
        expected |= {f"downloads/{package_id}/{csv.name}" for csv in package.path.glob("*.csv")}
        assert downloads == expected
    combined = next(d for d in catalog["dcat:dataset"] if d["dct:identifier"] == "jixiao-combined")
    downloads = {site_path(d["dcat:downloadURL"]) for d in combined["dcat:distribution"]}
    assert downloads == {path for path in files if path.startswith("datasets/")} | {"api/index.json"}
    assert site_path(combined["dcat:landingPage"]) == "data/index.html"
    urls = urls_in(catalog)
    assert len(urls) > 4 * len(PACKAGES)
    missing = [url for url in urls if site_path(url.split("#")[0]) not in files]
    assert not missing, missing


@pytest.mark.parametrize("package", PACKAGES, ids=[p.package_id for p in PACKAGES])
def test_package_page_jsonld_parses_and_every_url_resolves(site, files, package):
    path = f"units/{package.unit_id}/{package.year}/index.html"
    doc = parse_html((site / path).read_text("utf-8"))
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    for project in (site / path).parent.glob("*/index.html"):  # the Dataset is described once, on its own page
        assert 'type="application/ld+json"' not in project.read_text("utf-8"), project
    data = json.loads(scripts[0].raw_text())
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert data["identifier"] == package.package_id
    assert site_path(data["url"]) == path
    sources = read_csv(package.path / "sources.csv")
    dates = sorted(s["published"] for s in sources if s["published"])
    if dates:
        assert data["datePublished"] == data["dateModified"] == dates[-1]
    else:
        assert "datePublished" not in data
    contents = {site_path(d["contentUrl"]) for d in data["distribution"]}
    assert not any(path.endswith(".zip") for path in contents)
    assert f"downloads/{package.package_id}/datapackage.json" in contents
    # The published originals (sources.csv url, as isBasedOn) may be on other sites; everything else is ours.
    originals = {s["url"] for s in sources if s["url"]}
    urls = [url for url in urls_in(data) if url not in originals]
    assert len(urls) >= 3 + len(list(package.path.glob("*.csv")))
    missing = [url for url in urls if site_path(url) not in files]
    assert not missing, missing


# --------------------------------------------------------------------------- Open Graph and feed links


def test_open_graph_tags_and_feed_link(site):
    articles = evaluation_pages()
    for path, text in html_pages(site, moved=False).items():
        if path.startswith("pagefind/"):
            continue
        doc = parse_html(text)
        meta = {m.attrs["property"]: m.attrs.get("content") for m in doc.find_all("meta") if m.attrs.get("property")}
        assert meta["og:site_name"] == "绩效公开", path
        assert meta["og:title"] and meta["og:description"], path
        assert meta["og:type"] == ("article" if path in articles else "website"), path
        canonical = doc.find("link", rel="canonical")
        if path != "404.html":
            assert canonical is not None and meta["og:url"] == canonical.attrs["href"], path
            assert site_path(meta["og:url"]) == path
        feed = doc.find("link", rel="alternate", type="application/atom+xml")
        assert feed is not None, path
    home = parse_html((site / "index.html").read_text("utf-8"))
    assert home.find("link", rel="alternate", type="application/atom+xml").attrs["href"] == "feed.xml"


def test_the_pages_build_passes_the_url_configure_pages_reports():
    """The published build knows its URL (absolute sitemap, feed, robots Sitemap line) and has git history."""
    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text("utf-8"))
    steps = workflow["jobs"]["site"]["steps"]
    pages = next(step for step in steps if str(step.get("uses", "")).startswith("actions/configure-pages@"))
    build = next(step for step in steps if step.get("name") == "Build")
    assert "--site-url" in build["run"] and f"steps.{pages['id']}.outputs.origin" in str(build["env"])
    assert steps[0]["with"]["fetch-depth"] == 0
