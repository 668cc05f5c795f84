"""Routes: the only place that turns a model object into an output path and a link.

Paths are site-relative POSIX paths ("units/x/2024/index.html").  Links are made
relative to the page that prints them, so the site works under any subpath
(GitHub project pages) and from a plain folder; ``absolute`` joins the configured
origin and base URL for sitemaps, feeds and metadata.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zlib

from jixiao.ingest.model import AnyEvaluation, AnyPackage, Unit

Region = tuple[str, ...]
"""The names from the province down: (省), (省, 地级市) or (省, 地级市, 县级市/县/区); a level the unit's
record leaves empty is left out (a municipality's district, a prefecture-level city), never a placeholder."""

HOME = "index.html"
ABOUT = "about/index.html"
DATA = "data/index.html"
QUALITY = "quality/index.html"
NOT_FOUND = "404.html"
COMPARE = "compare/index.html"
SEARCH = "search/index.html"
QUERY = "query/index.html"
STYLE = "assets/style.css"
CHARTS_JS = "assets/charts.js"
VEGA_JS = "assets/vega.js"
CHART_TEMPLATES_JS = "assets/chart-templates.js"
DOWNLOADS_JS = "assets/downloads.js"
"""The charts' shared Vega templates (jixiao/site/charts.py ``templates_script``)."""
SORT_JS = "assets/sort.js"
SEARCH_JS = "assets/search.js"
QUERY_JS = "assets/query.js"
QUERY_WORKER_JS = "assets/query-worker.js"
"""Runs the 查询 page's SQL off the page's thread; loads sql.js (``SQL_JS``) beside it."""
SQL_JS = "assets/sql-wasm.js"
"""sql.js from npm (SQLite as WebAssembly), vendored in site_src/vendor/sql.js/ with its licence (site/assets.py)."""
SQL_WASM = "assets/sql-wasm.wasm"
"""Beside sql-wasm.js, which loads it by this name."""
SQL_JS_LICENSE = "assets/sql-wasm-LICENSE.txt"
PAGEFIND_DIR = "pagefind"
"""Written by pagefind into the finished site (jixiao/site/search.py), beside the pages it indexes."""
PAGEFIND_UI_CSS = f"{PAGEFIND_DIR}/pagefind-ui.css"
PAGEFIND_SLICES = f"{PAGEFIND_DIR}/slices"
"""One pagefind index per slice of the units, merged in the browser (Pagefind's ``mergeIndex``)."""
SLICE_UNITS = 32
"""Units per search slice, about: small enough that one edit re-indexes a few hundred pages."""
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FEED = "feed.xml"
CATALOG = "catalog.jsonld"


def search_slice_count(units: int) -> int:
    """Slices for this many units: a power of two, so the count (and every unit's slice) rarely changes."""
    count = 1
    while count * SLICE_UNITS < units:
        count *= 2
    return count


def search_slice(unit_id: str, count: int) -> str:
    """The folder of the index holding a unit's pages, under ``PAGEFIND_SLICES``: a stable hash of its id."""
    return f"{zlib.crc32(unit_id.encode('utf-8')) % count:03d}"


PLACE_READINGS = {"天长": "tianchang", "长治": "changzhi", "大长山": "dachangshan"}
"""Place names whose reading pypinyin's phrase dictionary gives as the everyday word (天长 as tiānzhǎng):
the place-name reading is used instead.  Add a name here when a region's slug reads it wrongly."""
_PLACES = re.compile("|".join(sorted(PLACE_READINGS, key=len, reverse=True)))


def _ascii(letters: str) -> str:
    return "".join(ch for ch in letters.lower() if ch.isascii() and ch.isalnum())


def lazy_pinyin(text: str) -> list[str]:
    """pypinyin's reading of a text, imported on first use: the import takes 1–2 s (its dictionaries), and
    most commands that import routes (a build with nothing to do, validate, the unit workers) never need it."""
    from pypinyin import lazy_pinyin as reading

    return reading(text)


@functools.cache
def slug(text: str) -> str:
    """An ASCII slug for a Chinese name by pinyin (pypinyin's phrase dictionary, place names read as places):
    如皋市 → rugaoshi, 天长市 → tianchangshi.  Remembered per name: a build asks for the same few hundred
    region names tens of thousands of times (every link to a region page), and pypinyin is slow."""
    parts, last = [], 0
    for match in _PLACES.finditer(text):
        parts += ["".join(lazy_pinyin(text[last : match.start()])), PLACE_READINGS[match.group()]]
        last = match.end()
    parts.append("".join(lazy_pinyin(text[last:])))
    return _ascii("".join(parts)) or "x"


def unit_page(unit_id: str) -> str:
    return f"units/{unit_id}/index.html"


def package_page(package: AnyPackage) -> str:
    return f"units/{package.unit.unit_id}/{package.year}/index.html"


def evaluation_page(package: AnyPackage, evaluation: AnyEvaluation) -> str:
    """The package page shows the main evaluation (department form, else report); others get their own page."""
    if evaluation is package.main:
        return package_page(package)
    return f"units/{package.unit.unit_id}/{package.year}/{evaluation.evaluation_id}/index.html"


def flags_anchor(evaluation: AnyEvaluation) -> str:
    """The id of an evaluation's data-quality section on its page."""
    return f"{evaluation.evaluation_id}-flags"


def region_page(region: Region) -> str:
    """regions/<province>[/<prefecture>[/<county>]]/ in pinyin: homophones (泰和县, 太和县) and
    namesakes (鼓楼区 in several cities) in different places get different pages."""
    return "regions/" + "/".join(slug(part) for part in region) + "/index.html"


def region_of(unit: Unit) -> Region:
    """The unit's place from the province down, empty levels left out (上海市 › 普陀区; 云南省 › 保山市)."""
    names: list[str] = []
    for name in (unit.province, unit.prefecture, unit.region):
        if name and name not in names:
            names.append(name)
    return tuple(names)


def reading_order(names: Region) -> tuple[str, ...]:
    """A sort key for Chinese names in the order a reader looks them up, by pinyin (``slug``): 保山市 before 如皋市."""
    return tuple(slug(name) for name in names)


def unit_reading_order(unit: Unit) -> tuple[str, ...]:
    """Units by their place from the province down, then by name, read as pinyin; not by their ids (an id
    such as baoshan-veterans is an abbreviation in any language the maintainer chose)."""
    return (*reading_order(region_of(unit)), slug(unit.name), unit.unit_id)


def region_levels(region: Region) -> list[Region]:
    """The region and every region above it, from the province down: each has its own page."""
    return [region[: depth + 1] for depth in range(len(region))]


def legacy_region_page(unit: Unit) -> str:
    """Where a unit's region page was before regions dropped empty levels and read place names as places
    (regions/yunnansheng/x/baoshanshi/, …/tianzhangshi/): a page there sends readers on."""
    parts = (unit.province, unit.prefecture, unit.region)
    return "regions/" + "/".join(_ascii("".join(lazy_pinyin(part))) or "x" for part in parts) + "/index.html"


def year_page(year: int) -> str:
    return f"years/{year}/index.html"


def download_dir(package: AnyPackage) -> str:
    return f"downloads/{package.package_id}"


def download_file(package: AnyPackage, name: str) -> str:
    return f"{download_dir(package)}/{name}"


def published_location(package: AnyPackage, where: str, from_path: str) -> tuple[str, str]:
    """A data location ("data/<unit>/<year>/budget.csv 第2行") as a reader finds it: the package's published
    file and row, and a link from ``from_path`` to that file under downloads/ ("" when it is not published)."""
    name, _, row = where.partition(" ")
    name = name.split(f"/{package.year}/", 1)[-1]
    if name not in (*package.files, "datapackage.json"):
        return f"{package.package_id}/{where}", ""
    return f"{package.package_id} · {name}" + (f" {row}" if row else ""), href(from_path, download_file(package, name))


def zip_name(package: AnyPackage) -> str:
    """The file name of a package's zip, which the reader's browser packs (no zip is stored)."""
    return f"{package.package_id}.zip"


DATASETS_README = "datasets/README.md"
DATASETS_PACKAGE = "datasets/datapackage.json"
DATASETS_DATABASE = "datasets/jixiao.db"
"""Every year's combined tables in one uncompressed SQLite database (sqlite3, Datasette, a browser SQL page)."""
DATASETS_WORKBOOK = "datasets/jixiao.xlsx"
"""Every year's combined tables in one workbook, while every table fits an Excel sheet."""
API_INDEX = "api/index.json"


def dataset_file(table: str, extension: str) -> str:
    """One combined table across all years, e.g. ``datasets/indicators.csv.gz``."""
    return f"datasets/{table}.{extension}"


def dataset_year_file(year: int, table: str, extension: str) -> str:
    """One combined table for one year, e.g. ``datasets/2024/indicators.csv`` or ``….json.gz``."""
    return f"datasets/{year}/{table}.{extension}"


def dataset_workbook(year: int) -> str:
    """One year's combined tables as an Excel workbook."""
    return f"datasets/{year}/jixiao-{year}.xlsx"


def dataset_database(year: int) -> str:
    """One year's combined tables as a gzip-compressed SQLite database."""
    return f"datasets/{year}/jixiao-{year}.db.gz"


def api_unit(unit_id: str) -> str:
    """A unit's JSON API file; ``api_unit("{unit_id}")`` gives the documented pattern."""
    return f"api/units/{unit_id}.json"


def api_evaluation(unit_id: str, year: int | str, evaluation_id: str) -> str:
    return f"api/evaluations/{unit_id}/{year}/{evaluation_id}.json"


def href(from_path: str, to_path: str) -> str:
    """A relative link from one output file to another; folders end in '/'."""
    target = to_path[: -len("index.html")] if to_path.endswith("index.html") else to_path
    start = posixpath.dirname(from_path) or "."
    relative = _relative(target or ".", start)
    if target == "" or target.endswith("/"):
        relative = relative.rstrip("/") + "/"
        if relative == "./":
            return "./"
    return relative


def _relative(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for two site-relative paths, without its ``abspath`` of each.

    A page prints hundreds of links and relpath asks the operating system for the working folder
    twice per link (a fifth of a page's rendering time); for two relative paths below the same
    root that folder is a common prefix and drops out, so the parts alone give the same answer.
    Anything else (an absolute path, a path climbing out with ``..``) goes to relpath itself.
    """
    path, start = posixpath.normpath(path), posixpath.normpath(start)
    if path.startswith(("/", "..")) or start.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    path_parts = [] if path == "." else path.split("/")
    start_parts = [] if start == "." else start.split("/")
    common = 0
    for mine, theirs in zip(start_parts, path_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + path_parts[common:]
    return "/".join(parts) if parts else "."


def absolute(site_url: str, base_url: str, to_path: str) -> str:
    """The public URL of an output file (for sitemap, feed, JSON-LD)."""
    target = to_path[: -len("index.html")] if to_path.endswith("index.html") else to_path
    return f"{site_url}{base_url}{target}"
