"""The static site built from the real packages: pages, figures, charts, downloads, links,
determinism, atomic writes, escaping and subpath hosting."""

from __future__ import annotations

import csv
import io
import json
import pathlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from site_fixtures import (
    BOM,
    DATA,
    REPO,
    Node,
    build_in_another_process,
    build_site,
    chart_specs,
    copy_data,
    evaluation_path,
    html_pages,
    is_external,
    link_attributes,
    packages,
    parse_html,
    read_csv,
    resolve,
    shared_site,
    shows_published,
    tree_bytes,
    write_csv,
)

from jixiao.ingest.tables import TABLES
from jixiao.structure import routes

PACKAGES = packages()
ALL_EVALUATIONS = [
    (package, evaluation, evaluation_path(package, evaluation, evaluations))
    for package in PACKAGES
    for evaluations in [read_csv(package.path / "evaluations.csv")]
    for evaluation in evaluations
]


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory, "/")


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    return shared_site(tmp_path_factory, "/jixiao/")


class Site:
    """A built site with its HTML pages parsed once."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
        self.html = html_pages(root)
        self.docs = {path: parse_html(text) for path, text in self.html.items()}

    def doc(self, path: str) -> Node:
        assert path in self.docs, f"page {path} was not built"
        return self.docs[path]


_PARSED: dict[Path, Site] = {}


def parsed(root: Path) -> Site:
    if root not in _PARSED:
        _PARSED[root] = Site(root)
    return _PARSED[root]


@pytest.fixture(scope="session")
def pages(site) -> Site:
    return parsed(site)


@pytest.fixture(scope="session")
def subpath_pages(subpath_site) -> Site:
    return parsed(subpath_site)


def main_text(doc: Node) -> str:
    main = doc.find("main")
    assert main is not None
    return main.text()


def cells(row: Node) -> list[str]:
    return [node.text() for node in row.children if isinstance(node, Node) and node.tag in ("td", "th")]


def spanned_cells(row: Node) -> list[str]:
    """A row's cell texts with a colspan=n cell repeated n times, so indexes follow the header."""
    return [
        node.text()
        for node in row.children
        if isinstance(node, Node) and node.tag in ("td", "th")
        for _ in range(int(node.attrs.get("colspan", "1")))
    ]


# --------------------------------------------------------------------------- pages and figures


def test_every_page_type_is_built(pages):
    expected = {
        "index.html",
        "about/index.html",
        "data/index.html",
        "quality/index.html",
        "404.html",
        "assets/style.css",
        "assets/charts.js",
        "assets/vega.js",
    }
    for package in PACKAGES:
        unit = read_csv(package.path / "unit.csv")[0]
        expected |= {
            f"units/{package.unit_id}/index.html",
            f"units/{package.unit_id}/{package.year}/index.html",
            _region_path(unit),
            f"years/{package.year}/index.html",
            f"downloads/{package.package_id}/datapackage.json",
        }
    expected |= {path for _, _, path in ALL_EVALUATIONS}
    missing = sorted(expected - pages.files)
    assert not missing, f"missing output files: {missing}"
    for path in pages.html:
        doc = pages.doc(path)
        assert doc.find("h1") is not None and doc.find("h1").text(), f"{path} has no heading"
        assert doc.find("title") is not None and doc.find("title").text()


def test_rugao_landloss_2023_figures(pages):
    doc = pages.doc("units/rugao-landloss/2023/index.html")
    text = main_text(doc)
    for figure in ("93,116.21", "90,819.34", "96.8", "优"):
        assert figure in text
    facts = {dt.text(): dt.parent.find("dd").text() for dt in doc.find_all("dt")}
    assert facts["总得分 / 总分值"] == "96.8 / 100"
    assert facts["绩效等级"] == "优"
    total = cells(doc.by_id("budget-total"))
    assert total[:3] == ["资金总额", "93,116.21", "90,819.34"]
    table = doc.by_id("department-budget-table")
    row_labels = [row.find("th").text() for row in table.find_all("tr") if row.attrs.get("id")]
    for line in read_csv(DATA / "rugao-landloss/2023/budget.csv"):
        assert line["label"] in row_labels, f"budget line {line['label']} missing"
        if line["kind"] == "item":
            assert line["label"] in text


@pytest.mark.parametrize(
    ("package", "evaluation", "path"),
    ALL_EVALUATIONS,
    ids=[f"{p.package_id}-{e['evaluation_id']}" for p, e, _ in ALL_EVALUATIONS],
)
def test_budget_table_prints_published_figures_exactly(pages, package, evaluation, path):
    doc = pages.doc(path)
    eid = evaluation["evaluation_id"]
    lines = [line for line in read_csv(package.path / "budget.csv") if line["evaluation_id"] == eid]
    table = doc.by_id(f"{evaluation['evaluation_id']}-budget-table")
    if not lines:
        assert table is None
        return
    header = [th.text() for th in table.find("thead").find_all("th")]
    columns = {
        "年初预算数": "budget_initial",
        "全年预算数": "budget",
        "到位数": "funds_received",
        "实际支出数": "actual",
    }
    assert {"全年预算数", "实际支出数"} <= set(header)
    for line in lines:
        row = doc.by_id(f"budget-{line['line_id']}")
        assert row is not None, f"no row for budget line {line['line_id']}"
        shown = spanned_cells(row)
        assert shown[0] == line["label"]
        for heading, column in columns.items():
            if heading not in header:
                assert not line[column], f"{line['line_id']} {column} is not shown"
                continue
            cell = shown[header.index(heading)]
            assert shows_published(cell.removesuffix("推算"), line, column), (line["line_id"], column, cell)


@pytest.mark.parametrize(
    ("package", "evaluation", "path"),
    ALL_EVALUATIONS,
    ids=[f"{p.package_id}-{e['evaluation_id']}" for p, e, _ in ALL_EVALUATIONS],
)
def test_indicator_table_prints_every_row(pages, package, evaluation, path):
    doc = pages.doc(path)
    rows = [r for r in read_csv(package.path / "indicators.csv") if r["evaluation_id"] == evaluation["evaluation_id"]]
    table = doc.by_id(f"{evaluation['evaluation_id']}-indicator-table")
    assert (table is not None) == bool(rows)
    if not rows:
        return
    header = [th.text() for th in table.find("thead").find_all("th")]
    for indicator in rows:
        row = doc.by_id(f"indicators-{indicator['row']}")
        assert row is not None, f"no row for indicator {indicator['row']}"
        shown = cells(row)
        assert shown[header.index("三级指标")] == (indicator["level3"] or "（空白）")
        unprinted = "（未印）" if indicator["status"] == "score_only" else "—"
        assert shown[header.index(evaluation["weight_term"] or "分值")] == (indicator["weight"] or unprinted)
        blank = "（空白）" if indicator["status"] == "weight_only" else "—"
        assert shown[header.index("得分")] == (indicator["score"] or blank)


def test_rugao_sif_2024_project_pages(pages):
    evaluations = read_csv(DATA / "rugao-sif/2024/evaluations.csv")
    projects = [e for e in evaluations if e["kind"] == "project"]
    assert len(projects) == 6
    package_page = pages.doc("units/rugao-sif/2024/index.html")
    listed = {a.text() for a in package_page.by_id("projects").parent.find_all("a")}
    for project in projects:
        assert project["title"] in listed
        doc = pages.doc(f"units/rugao-sif/2024/{project['evaluation_id']}/index.html")
        assert doc.find("h1").text() == project["title"]
        assert project["title"] in doc.find("title").text()
        facts = {dt.text(): dt.parent.find("dd").text() for dt in doc.find_all("dt")}
        assert facts["总得分 / 总分值"] == "99 / 100"
        assert facts["绩效等级"] == "优"
        assert "99" in main_text(doc)


def test_yiyang_teacher_allowance_is_unrounded(pages):
    doc = pages.doc("units/yiyang-si/2022/teacher-allowance/index.html")
    assert doc.find("h1").text() == "国有企业职教幼教退休老师专项生活补助配套"
    total = cells(doc.by_id("budget-total"))
    assert total[:4] == ["年度资金总额", "49.473106", "49.4731", "49.4731"]
    text = main_text(doc)
    assert "49.473106" in text and "49.4731" in text
    assert set(re.findall(r"49\.47\d*", text)) == {"49.473106", "49.4731"}, "a rounded form is printed"


def test_unit_pages_show_functions_from_narrative(pages):
    for unit_id in sorted({p.unit_id for p in PACKAGES}):
        latest = [p for p in PACKAGES if p.unit_id == unit_id][-1]
        unit = read_csv(latest.path / "unit.csv")[0]
        doc = pages.doc(f"units/{unit_id}/index.html")
        assert doc.find("h1").text() == unit["name"]
        functions = [n for n in read_csv(latest.path / "narrative.csv") if n["section"] == "functions"]
        headings = [h.text() for h in doc.find_all("h2")]
        text = main_text(doc)
        for section in functions:
            assert section["title"] in headings
            paragraphs = [p.strip() for p in (latest.path / section["file"]).read_text("utf-8").split("\n\n")]
            for paragraph in filter(None, paragraphs):
                assert " ".join(paragraph.split()) in text, f"{unit_id}: {paragraph[:30]}… missing"
    landloss = main_text(pages.doc("units/rugao-landloss/index.html"))
    assert "主要职能" in landloss and "宣传和贯彻执行居民社会养老保险" in landloss


def _linked_targets(pages, path: str) -> set[str]:
    return {
        resolve(path, value)[0]
        for _, name, value in link_attributes(pages.doc(path))
        if name == "href" and not is_external(value)
    }


def _region_path(unit: dict[str, str]) -> str:
    """regions/<province>[/<prefecture>]/<region>/ in pinyin, computed here from unit.csv (empty levels left out)."""
    names = [unit[key] for key in ("province", "prefecture", "region") if unit[key]]
    return "regions/" + "/".join(routes.slug(name) for name in names) + "/index.html"


def test_region_pages_list_their_units(pages):
    by_region: dict[str, list] = {}
    for package in PACKAGES:
        unit = read_csv(package.path / "unit.csv")[0]
        by_region.setdefault(unit["region"], []).append((package, unit))
    home_targets = _linked_targets(pages, "index.html")
    for region, members in by_region.items():
        path = _region_path(members[0][1])
        assert path.startswith("regions/") and routes.slug(region) in path
        assert path in home_targets
        doc = pages.doc(path)
        assert region in doc.find("h1").text()
        targets = _linked_targets(pages, path)
        text = main_text(doc)
        for package, unit in members:
            assert unit["name"] in text
            assert f"units/{package.unit_id}/index.html" in targets
            assert any(t.startswith(f"units/{package.unit_id}/{package.year}/") for t in targets)


def test_year_pages_list_their_evaluations(pages):
    for year in sorted({p.year for p in PACKAGES}):
        path = f"years/{year}/index.html"
        assert path in _linked_targets(pages, "index.html")
        doc = pages.doc(path)
        assert str(year) in doc.find("h1").text()
        targets = _linked_targets(pages, path)
        for _package, evaluation, target in [e for e in ALL_EVALUATIONS if e[0].year == year]:
            assert target in targets, f"{path} does not link {target}"
            assert evaluation["title"] in main_text(doc)
        for package in [p for p in PACKAGES if p.year == year]:
            assert f"units/{package.unit_id}/index.html" in targets
        for package in [p for p in PACKAGES if p.year != year]:
            assert not any(t.startswith(f"units/{package.unit_id}/{package.year}/") for t in targets)


def test_home_links_every_unit_region_and_year(pages):
    targets = _linked_targets(pages, "index.html")
    for package in PACKAGES:
        assert f"units/{package.unit_id}/index.html" in targets
        assert f"years/{package.year}/index.html" in targets
    text = main_text(pages.doc("index.html"))
    for package in PACKAGES:
        assert read_csv(package.path / "unit.csv")[0]["name"] in text


def test_data_page_has_a_dictionary_row_for_every_field(pages):
    doc = pages.doc("data/index.html")
    for name, schema in TABLES.items():
        caption = doc.by_id(f"dict-{name}")
        assert caption is not None, f"no data dictionary table for {name}"
        table = caption.parent
        assert table.tag == "table"
        rows = {row.find("th").text(): cells(row) for row in table.find("tbody").find_all("tr")}
        assert list(rows) == [f["name"] for f in schema["fields"]]
        for f in schema["fields"]:
            assert rows[f["name"]][1:4] == [f["type"], f["title"], f["description"]]
    for package in PACKAGES:
        assert doc.by_id(package.package_id) is not None


def test_about_and_404_pages(pages):
    about = pages.doc("about/index.html")
    assert about.find("h1").text() == "关于本站"
    assert "优" in main_text(about)
    not_found = pages.doc("404.html")
    assert not_found.find("h1").text() == "页面不存在"
    assert (pages.root / "404.html").stat().st_size > 0


def test_quality_page_lists_flags_with_working_anchors(pages):
    doc = pages.doc("quality/index.html")
    rows = doc.find("table").find("tbody").find_all("tr")
    seen: dict[str, int] = {}
    for row in rows:
        code = re.search(r"（([A-Z-]+)）", cells(row)[1]).group(1)
        seen[code] = seen.get(code, 0) + 1
        link = row.find("a")
        target, fragment = resolve("quality/index.html", link.attrs["href"])
        assert target in pages.files, f"{code} links to missing {target}"
        assert fragment, f"{code} link has no anchor"
        anchored = pages.doc(target).by_id(fragment)
        assert anchored is not None, f"{code}: no id={fragment} on {target}"
        assert "flagged" in anchored.classes()
    for code in ("F-OVER-BUDGET", "F-FULL-MARKS-MISSED", "F-FUNDS-EXCLUDED", "F-DERIVED"):
        assert code in seen, f"quality page does not list {code}"


# Charts, per-year totals and trends: tests/test_charts.py.


# --------------------------------------------------------------------------- downloads


def as_downloaded(name: str, data: bytes) -> bytes:
    """A package CSV as downloaded: byte for byte, unless a free-text field starts as a formula would (=, +, -, @,
    TAB, CR, after any '), which then gets one ' more (the OWASP remedy the package README states); numbers and
    fields with a fixed list of values (指标性质 "=", which the download's own schema must still accept) never."""
    fields = {f["name"]: f for f in TABLES[name.removesuffix(".csv")]["fields"]}
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    free = {n for n, f in fields.items() if f["type"] == "string" and "enum" not in f.get("constraints", {})}
    texts = [i for i, column in enumerate(rows[0]) if column in free]
    starts = ("=", "+", "-", "@", "\t", "\r")
    hits = [(r, i) for r, row in enumerate(rows[1:], 1) for i in texts if row[i].lstrip("'").startswith(starts)]
    if not hits:
        return data
    for r, i in hits:
        rows[r][i] = "'" + rows[r][i]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def test_a_formula_in_text_is_neutralised(site):
    """putuo 2022 prints 指标值 "=100%": Excel would show 1; the download has "'=100%". 指标性质 "=" is one of a
    fixed list (the download's schema must accept it) and stays."""
    text = (site / "downloads/putuo-sports-centre-2022/indicators.csv").read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "'=100%" in {row["target"] for row in rows} and "=100%" not in {row["target"] for row in rows}
    assert "=" in {row["nature"] for row in rows}
    assert all(not row[k].startswith(("=", "+", "-", "@")) for row in rows for k in row if k != "nature")


@pytest.mark.parametrize("package", PACKAGES, ids=[p.package_id for p in PACKAGES])
def test_downloads_equal_the_data(site, package):
    folder = site / "downloads" / package.package_id
    csvs = sorted(p.name for p in package.path.glob("*.csv"))
    assert sorted(p.name for p in folder.glob("*.csv")) == csvs
    for name in csvs:
        data = (folder / name).read_bytes()
        assert data.startswith(BOM)
        assert not data[len(BOM) :].startswith(BOM)
        assert data == BOM + as_downloaded(name, (package.path / name).read_bytes())
    descriptor = (folder / "datapackage.json").read_bytes()  # as written, compact, with the metadata added
    published, written = json.loads(descriptor), json.loads((package.path / "datapackage.json").read_bytes())
    added = ("title", "description", "licenses", "sources")  # from the data and jixiao.toml (tests/test_journalist.py)
    assert {k: v for k, v in published.items() if k not in added} == {
        k: v for k, v in written.items() if k not in added
    }
    assert b"\n " not in descriptor and len(descriptor) < len((package.path / "datapackage.json").read_bytes())
    narrative = sorted(p.name for p in (package.path / "narrative").glob("*.md"))
    assert sorted(p.name for p in (folder / "narrative").glob("*.md")) == narrative
    for name in narrative:
        assert (folder / "narrative" / name).read_bytes() == (package.path / "narrative" / name).read_bytes()
    readme = (folder / "README.md").read_text("utf-8")
    assert package.package_id in readme

    assert not (site / "downloads" / f"{package.package_id}.zip").exists(), "no stored copy: the browser packs it"


@pytest.mark.parametrize("package", PACKAGES, ids=[p.package_id for p in PACKAGES])
def test_package_page_offers_every_download(pages, package):
    path = f"units/{package.unit_id}/{package.year}/index.html"
    doc = pages.doc(path)
    section = doc.by_id("downloads").parent
    offered = {resolve(path, a.attrs["href"])[0] for a in section.find_all("a")}
    expected = {f"downloads/{package.package_id}/{p.name}" for p in package.path.glob("*.csv")}
    expected |= {f"downloads/{package.package_id}/datapackage.json"}
    assert offered == expected
    for anchor in section.find_all("a"):
        assert anchor.attrs.get("download")
    # the zip button names every published file of the package, and each of them is there
    button = section.find("button")
    assert button.attrs["data-name"] == f"{package.package_id}.zip" and "hidden" in button.parent.attrs
    folder = resolve(path, button.attrs["data-base"] + "datapackage.json")[0].rsplit("/", 1)[0]
    assert folder == f"downloads/{package.package_id}"
    published = {p.relative_to(pages.root / folder).as_posix() for p in (pages.root / folder).rglob("*") if p.is_file()}
    assert sorted(button.attrs["data-files"].split(" ")) == sorted(published)
    # each project page names its package's files once more only as a link to this list
    for project in [p for p in pages.html if p.startswith(path.removesuffix("index.html")) and p != path]:
        section = pages.doc(project).by_id("downloads").parent
        links = [resolve(project, a.attrs["href"]) for a in section.find_all("a")]
        assert links == [(path, "downloads")], project


# --------------------------------------------------------------------------- links, anchors, ids


@pytest.mark.parametrize("which", ["root", "subpath"])
def test_every_link_resolves_to_a_file(request, which):
    built = request.getfixturevalue("pages" if which == "root" else "subpath_pages")
    base = "/" if which == "root" else "/jixiao/"
    broken = []
    for path, doc in built.docs.items():
        for tag, attribute, value in link_attributes(doc):
            if is_external(value) or value.startswith("#"):
                continue
            if path != "404.html":
                assert not value.startswith("/"), f"{path}: <{tag} {attribute}={value!r}> is not relative"
            target, _ = resolve(path, value, base)
            if target not in built.files:
                broken.append(f"{path}: <{tag} {attribute}={value!r}> → {target}")
    assert not broken, "\n".join(broken)


def test_every_fragment_resolves_to_an_id(pages):
    broken = []
    for path, doc in pages.docs.items():
        for tag, attribute, value in link_attributes(doc):
            if is_external(value) or "#" not in value:
                continue
            target, fragment = resolve(path, value)
            if target.endswith(".html") and pages.doc(target).by_id(fragment) is None:
                broken.append(f"{path}: <{tag} {attribute}={value!r}> has no id={fragment} on {target}")
        for node in doc.find_all(None):
            for attribute in ("aria-labelledby", "data-spec"):
                if node.attrs.get(attribute) and doc.by_id(node.attrs[attribute]) is None:
                    broken.append(f"{path}: {attribute}={node.attrs[attribute]!r} names no element")
    assert not broken, "\n".join(broken)


def test_element_ids_are_unique_per_page(pages):
    for path, doc in pages.docs.items():
        ids = [node.attrs["id"] for node in doc.iter() if node.attrs.get("id")]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert not duplicates, f"{path}: duplicate ids {duplicates}"


# --------------------------------------------------------------------------- subpath hosting


def test_subpath_build_has_no_root_relative_links(subpath_pages):
    for path, doc in subpath_pages.docs.items():
        for tag, attribute, value in link_attributes(doc):
            if path == "404.html":
                if not is_external(value) and not value.startswith("#"):
                    assert value.startswith("/jixiao/"), f"404.html: <{tag} {attribute}={value!r}>"
                    target, _ = resolve(path, value, "/jixiao/")
                    assert target in subpath_pages.files
            else:
                assert not value.startswith("/"), f"{path}: <{tag} {attribute}={value!r}>"
    not_found = subpath_pages.doc("404.html")
    assert not_found.find("link", rel="stylesheet").attrs["href"] == "/jixiao/assets/style.css"


def test_subpath_changes_only_the_404_page_and_metadata(pages, subpath_pages):
    """Relative links make every page but 404.html independent of the base URL (JSON-LD URLs aside)."""
    assert pages.files == subpath_pages.files
    jsonld = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)
    metadata = {"sitemap.xml", "robots.txt", "feed.xml", "catalog.jsonld"}  # absolute URLs by design
    for path in sorted(pages.files - {"404.html"}):
        here, there = (pages.root / path).read_bytes(), (subpath_pages.root / path).read_bytes()
        if path in metadata:
            assert b"/jixiao/" in there and b"/jixiao/" not in here, path
        elif here != there:
            assert path.endswith(".html"), path
            assert jsonld.sub("", pages.html[path]) == jsonld.sub("", subpath_pages.html[path]), path
            urls = json.loads(subpath_pages.doc(path).find("script", type="application/ld+json").raw_text())
            assert all(d["contentUrl"].startswith("/jixiao/downloads/") for d in urls["distribution"])
    assert (pages.root / "404.html").read_bytes() != (subpath_pages.root / "404.html").read_bytes()


# --------------------------------------------------------------------------- determinism


def test_two_builds_are_byte_identical(site, tmp_path):
    """A second build, in another process with another hash seed, into another folder."""
    other = tmp_path / "elsewhere" / "out"
    build_in_another_process(other, hash_seed="4242")
    first, second = tree_bytes(site), tree_bytes(other)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_in_process_rebuild_is_byte_identical(site, tmp_path):
    again = build_site(tmp_path / "again")
    assert tree_bytes(again) == tree_bytes(site)


# --------------------------------------------------------------------------- atomic writes


def _break_a_score(data: Path) -> None:
    path = data / "rugao-landloss/2023/indicators.csv"
    rows = read_csv(path)
    rows[0]["score"] = str(Decimal(rows[0]["weight"]) + 1)
    write_csv(path, rows)


@pytest.fixture
def bad_data(tmp_path) -> Path:
    data = copy_data(tmp_path / "bad" / "data")
    _break_a_score(data)
    return data


@pytest.fixture
def existing_site(tmp_path) -> tuple[Path, dict[str, bytes]]:
    out = build_site(tmp_path / "parent" / "site")
    return out, tree_bytes(out)


def _siblings(out: Path) -> list[str]:
    """What lies beside the output folder, less the lock file, which stays by design (assemble/write.output_lock)."""
    lock = f".{out.name}.jixiao-lock"
    return sorted(p.name for p in out.parent.iterdir() if p.name != lock)


@pytest.mark.parametrize("placement", ["after", "before"], ids=["build --data", "--data build"])
def test_bad_data_exits_1_and_leaves_the_site_untouched(bad_data, existing_site, placement):
    out, before = existing_site
    data_option = ["--data", str(bad_data)]
    command = ["build", *data_option] if placement == "after" else [*data_option, "build"]
    result = subprocess.run(
        [sys.executable, "build.py", *command, "--out", str(out), "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "E-SCORE-ABOVE-WEIGHT" in result.stderr
    assert "rugao-landloss/2023/indicators.csv" in result.stderr
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"]


def test_bad_data_in_process_raises_build_error(bad_data, existing_site):
    from jixiao.assemble.pipeline import BuildError

    out, before = existing_site
    with pytest.raises(BuildError) as error:
        build_site(out, data_dir=bad_data)
    assert any(f.code == "E-SCORE-ABOVE-WEIGHT" for f in error.value.findings)
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"]


def test_failure_while_writing_files_keeps_the_old_site(existing_site, monkeypatch):
    out, before = existing_site
    real_write = pathlib.Path.write_bytes
    writes = []

    def failing_write(self, data):
        if self.is_relative_to(out.parent) and not self.is_relative_to(out):
            writes.append(self)
            if len(writes) > 25:
                raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", failing_write)
    with pytest.raises(OSError, match="No space left"):
        build_site(out, full=True)
    monkeypatch.undo()
    assert len(writes) == 26, "the failure should happen half-way through writing"
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"], "staging folder left behind"


def test_failure_while_generating_files_keeps_the_old_site(existing_site, monkeypatch):
    from jixiao.assemble import shared

    out, before = existing_site
    real = shared.shared_pages

    def exploding(*args, **kwargs):
        for count, item in enumerate(real(*args, **kwargs)):
            if count == 5:
                raise RuntimeError("template exploded")
            yield item

    monkeypatch.setattr(shared, "shared_pages", exploding)
    with pytest.raises(RuntimeError, match="template exploded"):
        build_site(out, full=True)
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"]


class _Terminated(BaseException):
    """What cli's SIGTERM handler raises, in effect: an exception at whatever line runs next."""


def test_a_signal_just_after_a_staging_folder_is_made_leaves_nothing(existing_site, monkeypatch):
    """A SIGTERM lands between the mkdir and the line that keeps the folder's name (the flaky
    test_hygiene leftover: tempfile.mkdtemp runs more Python after its mkdir)."""
    from jixiao.assemble import write

    out, before = existing_site
    real_mkdir = write.os.mkdir
    made = []

    def mkdir_then_signal(path, *args, **kwargs):
        real_mkdir(path, *args, **kwargs)
        made.append(path)
        if len(made) == 2:  # the scratch folder, after the staging folder
            raise _Terminated

    monkeypatch.setattr(write.os, "mkdir", mkdir_then_signal)
    with pytest.raises(_Terminated):
        write.Staging(out)
    monkeypatch.undo()
    assert len(made) == 2
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"], "a staging folder made just before the signal was left behind"


def test_a_signal_as_the_staging_is_handed_to_the_build_leaves_nothing(existing_site, monkeypatch):
    """The signal lands after Staging made its folders, before the build holds it: the build
    still removes them (it holds the output lock, so whatever staging lies beside the site is its own)."""
    from jixiao.assemble import pipeline

    out, before = existing_site
    real_staging = pipeline.Staging

    def staging_then_signal(out_dir):
        real_staging(out_dir)
        raise _Terminated

    monkeypatch.setattr(pipeline, "Staging", staging_then_signal)
    with pytest.raises(_Terminated):
        build_site(out, full=True)
    monkeypatch.undo()
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"], "the staging folders were left behind"


def _write_site(out_dir: Path, files) -> None:
    """Write (path, bytes) pairs into a new folder and swap it in, as the build's last step does."""
    from jixiao.assemble.write import Staging, remove_tree

    staging = Staging(out_dir)
    try:
        staging.write(files)
        old = staging.commit()
    except BaseException:
        staging.abort()
        raise
    remove_tree(old)


def test_failure_in_the_writer_generator_keeps_the_old_site(existing_site):
    out, before = existing_site

    def files():
        yield "index.html", b"new"
        yield "a/b.html", b"new"
        raise RuntimeError("half-way")

    with pytest.raises(RuntimeError):
        _write_site(out, files())
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"]


def test_duplicate_output_paths_are_refused(existing_site):
    from jixiao.assemble.write import DuplicatePathError

    out, before = existing_site
    with pytest.raises(DuplicatePathError):
        _write_site(out, [("index.html", b"one"), ("index.html", b"two")])
    assert tree_bytes(out) == before
    assert _siblings(out) == ["site"]


def test_failure_during_the_swap_keeps_the_old_site(existing_site, monkeypatch):
    out, before = existing_site
    real_rename = pathlib.Path.rename

    def rename(self, target):
        if Path(target) == out and ".jixiao-new-" in self.name:
            raise OSError(16, "Device or resource busy")
        return real_rename(self, target)

    monkeypatch.setattr(pathlib.Path, "rename", rename)
    with pytest.raises(OSError):
        build_site(out, full=True)
    monkeypatch.undo()
    assert out.is_dir() and tree_bytes(out) == before
    assert _siblings(out) == ["site"]


# --------------------------------------------------------------------------- escaping


SCRIPT = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=alert(1)>"
PAYLOAD = f"如皋\"'>{SCRIPT}{IMG}{SVG}"
ESCAPED_SCRIPT = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"
BAD_LINKS = (
    "[x](javascript:alert(1))",
    "[y](JavaScript:alert(2))",
    "[z](  javascript:alert(3))",
    "![i](javascript:alert(4))",
    "<javascript:alert(5)>",
    "[w](javascript&colon;alert(6))",
)


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> Site:
    data = copy_data(tmp_path_factory.mktemp("xss") / "data")
    package = data / "rugao-landloss/2023"
    unit = read_csv(package / "unit.csv")
    unit[0]["name"] = PAYLOAD
    write_csv(package / "unit.csv", unit)
    evaluations = read_csv(package / "evaluations.csv")
    evaluations[0]["title"] = PAYLOAD
    write_csv(package / "evaluations.csv", evaluations)
    indicators = read_csv(package / "indicators.csv")
    indicators[0]["note"] = PAYLOAD
    write_csv(package / "indicators.csv", indicators)
    budget = read_csv(package / "budget.csv")
    next(line for line in budget if line["line_id"] == "item-1")["label"] = PAYLOAD
    write_csv(package / "budget.csv", budget)
    narrative = package / "narrative/department-functions.md"
    narrative.write_text(
        narrative.read_text("utf-8") + f"\n{SCRIPT}\n\n{IMG}\n\n" + "\n\n".join(BAD_LINKS) + "\n", encoding="utf-8"
    )
    return Site(build_site(tmp_path_factory.mktemp("xss-site") / "site", data_dir=data))


def test_payload_never_appears_as_markup(poisoned):
    for path, text in poisoned.html.items():
        assert "<script>alert(1)" not in text, path
        assert "<img src=x" not in text and "<svg onload" not in text, path
        doc = poisoned.doc(path)
        assert doc.find("img") is None and doc.find("svg") is None, path
        for node in doc.iter():
            handlers = [name for name in node.attrs if name.startswith("on")]
            assert not handlers, f"{path}: <{node.tag}> has {handlers}"
        for script in doc.find_all("script"):
            if script.attrs.get("src"):
                site_scripts = (
                    "assets/vega.js",
                    "assets/charts.js",
                    "assets/sort.js",
                    "assets/search.js",
                    "assets/downloads.js",
                    "assets/query.js",
                )
                assert script.attrs["src"].endswith((*site_scripts, "pagefind/pagefind-ui.js")), path
                assert script.raw_text() == ""
            else:
                assert script.attrs.get("type") in ("application/json", "application/ld+json"), path


def test_payload_is_shown_escaped(poisoned):
    unit_page = poisoned.html["units/rugao-landloss/index.html"]
    assert ESCAPED_SCRIPT in unit_page and ESCAPED_IMG in unit_page
    evaluation = poisoned.doc("units/rugao-landloss/2023/index.html")
    row = evaluation.by_id("indicators-1")
    siblings = [node for node in row.parent.children if isinstance(node, Node) and node.tag == "tr"]
    note = siblings[siblings.index(row) + 1]  # the note is folded under its row
    assert "note-row" in note.classes() and PAYLOAD in note.text()
    assert evaluation.by_id("budget-item-1").find("th").text() == PAYLOAD
    assert PAYLOAD in evaluation.find("title").text()
    assert poisoned.doc("units/rugao-landloss/index.html").find("h1").text() == PAYLOAD
    narrative = " ".join(
        section.text()
        for section in poisoned.doc("units/rugao-landloss/index.html").find_all("section")
        if "narrative" in section.classes()
    )
    assert SCRIPT in narrative and IMG in narrative
    region = "regions/jiangsusheng/nantongshi/rugaoshi/index.html"
    for html_path in ("index.html", region, "years/2023/index.html", "quality/index.html"):
        assert "<script>alert" not in poisoned.html[html_path]


def test_json_blocks_cannot_close_their_script(poisoned):
    checked = 0
    for path, doc in poisoned.docs.items():
        raw = poisoned.html[path]
        for block in re.findall(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', raw, re.S):
            assert "</script" not in block.lower() and "<!--" not in block, path
            json.loads(block)
            checked += 1
        for script in doc.find_all("script"):
            if script.attrs.get("type") in ("application/json", "application/ld+json"):
                json.loads(script.raw_text())
    assert checked
    specs = chart_specs(poisoned.doc("units/rugao-landloss/2023/index.html"))
    # a long label is wrapped over several lines of the chart; joined, it is the payload unchanged
    labels = "".join(v.get("t", "") for v in specs["chart-department-budget"]["data"]["values"])
    assert PAYLOAD in labels, "the label should survive JSON escaping unchanged"
    listing = chart_specs(poisoned.doc("years/2023/index.html"))["chart-listing-rates"]
    assert PAYLOAD in "".join(v.get("t", "") for v in listing["data"]["values"])


def test_narrative_javascript_links_are_not_anchors(poisoned):
    for path, doc in poisoned.docs.items():
        for tag, attribute, value in link_attributes(doc):
            cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
            bad = cleaned.startswith(("javascript:", "vbscript:", "data:text"))
            assert not bad, f"{path}: <{tag} {attribute}={value!r}>"
    unit_page = poisoned.doc("units/rugao-landloss/index.html")
    narrative = " ".join(s.text() for s in unit_page.find_all("section") if "narrative" in s.classes())
    assert "[x](javascript:alert(1))" in narrative


# --------------------------------------------------------------------------- valid data the real packages lack


def test_a_report_beside_a_department_evaluation_is_published(tmp_path):
    data = copy_data(tmp_path / "data")
    package = data / "rugao-landloss/2023"
    evaluations = read_csv(package / "evaluations.csv")
    evaluations.append(
        {
            **evaluations[0],
            "evaluation_id": "report",
            "kind": "report",
            "title": "自评报告",
            "form_title": "自评报告",
            "total_weight": "",
            "total_score": "",
            "grade": "",
            "note": "",
        }
    )
    write_csv(package / "evaluations.csv", evaluations)
    budget = read_csv(package / "budget.csv")
    budget.append(
        {
            **{k: "" for k in budget[0]},
            "evaluation_id": "report",
            "line_id": "total",
            "order": "1",
            "label": "资金总额",
            "kind": "total",
            "amount_unit": "万元",
            "budget": "100",
            "actual": "120",
        }
    )
    write_csv(package / "budget.csv", budget)
    built = Site(build_site(tmp_path / "site", data_dir=data))

    home = built.doc("index.html")
    link = next(a for a in home.find("main").find_all("a") if a.text() == "自评报告")
    target, _ = resolve("index.html", link.attrs["href"])
    assert built.doc(target).by_id("report-budget-table") is not None, f"{target} does not show the report"
    flag = next(row for row in built.doc("quality/index.html").find("tbody").find_all("tr") if "自评报告" in row.text())
    target, fragment = resolve("quality/index.html", flag.find("a").attrs["href"])
    row = built.doc(target).by_id(fragment)
    assert "flagged" in row.classes() and cells(row)[1:3] == ["100", "120"]


def test_homophone_and_namesake_regions_get_their_own_pages():
    """泰和县 and 太和县 sound alike; two cities each have a 鼓楼区."""
    from jixiao.structure.routes import region_page

    taihe_jiangxi = region_page(("江西省", "吉安市", "泰和县"))
    taihe_anhui = region_page(("安徽省", "阜阳市", "太和县"))
    gulou_nanjing = region_page(("江苏省", "南京市", "鼓楼区"))
    gulou_fuzhou = region_page(("福建省", "福州市", "鼓楼区"))
    assert len({taihe_jiangxi, taihe_anhui, gulou_nanjing, gulou_fuzhou}) == 4
    assert gulou_nanjing == "regions/jiangsusheng/nanjingshi/gulouqu/index.html"
