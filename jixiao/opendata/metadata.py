"""Metadata: sitemap.xml, robots.txt, the Atom feed, the DCAT catalog and schema.org JSON-LD.

Absolute URLs come from ``routes.absolute(site_url, base_url, path)``.  Without a site
URL (``--site-url`` / ``JIXIAO_SITE_URL``) they fall back to paths absolute under the
base URL (``/jixiao/units/…``): valid links on whatever host serves the site, but the
sitemap protocol and robots.txt want full URLs, so robots.txt then leaves out its
Sitemap line and a published site should set the site URL.

Dates come from the data (a source's publication date) or, for anything else, from
``Config.source_date_epoch``; never from the clock, so builds are reproducible.
"""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from jixiao.config import Config
from jixiao.ingest.model import AnyEvaluation, AnyPackage
from jixiao.opendata import dataset_docs
from jixiao.opendata.combined import COMBINED, dataset_files
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex
from jixiao.structure.labels import KIND_LABELS, amount

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SOURCE_TIMEZONE = "+08:00"
"""Sources are Chinese government documents: a date means that day in China Standard Time."""
ID_NAMESPACE = uuid.UUID("7d0b2c1e-4f8a-5b2e-9c61-6a1f0e3d9b47")
"""Feed ids are UUIDv5 names under this namespace, so they survive a move to another host."""
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".zip": "application/zip",
    ".md": "text/markdown",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".db": "application/vnd.sqlite3",
}
IANA = "https://www.iana.org/assignments/media-types/"
COMBINED_ID = "jixiao-combined"
"""The DCAT identifier of the combined tables (jixiao/opendata/datasets.py) across every package."""


def _url(config: Config, path: str) -> str:
    return routes.absolute(config.site_url, config.base_url, path)


def _epoch(config: Config) -> datetime:
    return datetime.fromtimestamp(config.source_date_epoch, tz=UTC)


def _published(package: AnyPackage) -> str:
    """The latest publication date among the package's sources, or ''."""
    return max((s.published for s in package.sources if s.published), default="")


# --------------------------------------------------------------------------- pages


def page_paths(index: SiteIndex, search: bool = True) -> list[str]:
    """Every HTML page of the site but the 404 page: what jixiao/site/ renders, by route."""
    paths = [routes.HOME, routes.COMPARE, routes.DATA, routes.QUALITY, routes.ABOUT, routes.QUERY]
    paths += [routes.SEARCH] if search else []
    paths += [routes.region_page(region) for region in index.by_region]
    paths += [routes.year_page(year) for year in index.by_year]
    for unit_id, packages in index.by_unit.items():
        paths.append(routes.unit_page(unit_id))
        for package in packages:
            paths.append(routes.package_page(package))
            paths += [routes.evaluation_page(package, e) for e in package.evaluations if e is not package.main]
    return sorted(set(paths))


def sitemap(config: Config, index: SiteIndex) -> bytes:
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in page_paths(index, config.site.search):
        ET.SubElement(ET.SubElement(root, "url"), "loc").text = _url(config, path)
    return _xml(root)


def robots(config: Config) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if config.site_url:
        lines.append(f"Sitemap: {_url(config, routes.SITEMAP)}")
    else:
        lines.append("# Sitemap 需要完整网址：构建时设置 --site-url（或 JIXIAO_SITE_URL）后会写在这里。")
    if config.base_url != "/":
        lines.append(f"# 本站位于 {config.base_url} 之下；搜索引擎只读取域名根目录的 robots.txt。")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- feed


FEED_ENTRIES = 200
"""Entries in feed.xml: the newest evaluations only, as a feed reader needs (a national portal has tens of
thousands; the listings, sitemap and catalog name them all)."""


def entry_date(index: SiteIndex, package: AnyPackage, evaluation: AnyEvaluation) -> str:
    """An entry's date: its source's printed publication date, else the day its package was first committed
    (``index.added``), else the built commit's date, else the evaluation year's end; never the build clock."""
    if evaluation.source.published:
        return evaluation.source.published
    return index.added.get(package.package_id) or index.added.get("HEAD") or f"{package.year}-12-31"


def feed_entries(index: SiteIndex) -> list[tuple[AnyPackage, AnyEvaluation]]:
    """Evaluations newest first by ``entry_date``; on one day, printed dates first, then newest year."""
    items = [(p, e) for p in index.packages for e in sorted(p.evaluations, key=lambda e: e is not p.main)]
    order = {id(item): n for n, item in enumerate(items)}
    return sorted(
        items,
        key=lambda i: (entry_date(index, *i), bool(i[1].source.published), i[0].year, -order[id(i)]),
        reverse=True,
    )


def entry_summary(package: AnyPackage, evaluation: AnyEvaluation) -> str:
    parts = [f"{package.unit.name} {evaluation.year} 年度{KIND_LABELS[evaluation.kind]}"]
    if evaluation.total_score is not None:
        score = f"得分 {amount(evaluation.total_score)}"
        if evaluation.total_weight is not None:
            score += f" / {amount(evaluation.total_weight)}"
        parts.append(score + (f"，等级 {evaluation.grade}" if evaluation.grade else ""))
    total = evaluation.total_line
    if total is not None and (total.budget is not None or total.actual is not None):
        parts.append(f"全年预算数 {amount(total.budget_wan)} 万元，实际支出数 {amount(total.actual_wan)} 万元")
    if evaluation.flags:
        parts.append(f"{len(evaluation.flags)} 个数据质量标记")
    source = evaluation.source
    parts.append(f"来源：{source.publisher}《{source.title}》" + (f"，{source.published}" if source.published else ""))
    return "；".join(parts) + "。"


def feed(config: Config, index: SiteIndex, limit: int = FEED_ENTRIES) -> bytes:
    entries = feed_entries(index)[:limit]
    dates = [entry_date(index, *item) for item in entries]
    updated = f"{max(dates)}T00:00:00{SOURCE_TIMEZONE}" if dates else _epoch(config).strftime("%Y-%m-%dT%H:%M:%SZ")
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "zh-CN"})
    site = config.site
    ET.SubElement(root, "title").text = f"{site.title}：新收录的绩效自评"
    ET.SubElement(root, "subtitle").text = site.description
    ET.SubElement(root, "id").text = uuid.uuid5(ID_NAMESPACE, "feed").urn
    ET.SubElement(root, "link", {"rel": "self", "type": "application/atom+xml", "href": _url(config, routes.FEED)})
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": _url(config, routes.HOME)})
    ET.SubElement(root, "updated").text = updated
    ET.SubElement(ET.SubElement(root, "author"), "name").text = site.publisher_name
    ET.SubElement(root, "rights").text = f"数据以 {site.license_name} 发布"
    for (package, evaluation), date in zip(entries, dates, strict=True):
        published = evaluation.source.published
        entry = ET.SubElement(root, "entry")
        title = evaluation.title if evaluation.title != package.unit.name else f"{KIND_LABELS[evaluation.kind]}"
        ET.SubElement(entry, "title").text = f"{package.unit.name} {evaluation.year}：{title}"
        name = f"evaluation/{package.package_id}/{evaluation.evaluation_id}"
        ET.SubElement(entry, "id").text = uuid.uuid5(ID_NAMESPACE, name).urn
        href = _url(config, routes.evaluation_page(package, evaluation))
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
        if published:
            ET.SubElement(entry, "published").text = f"{published}T00:00:00{SOURCE_TIMEZONE}"
        ET.SubElement(entry, "updated").text = f"{date}T00:00:00{SOURCE_TIMEZONE}"
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = evaluation.source.publisher
        ET.SubElement(entry, "category", {"term": package.unit.unit_id, "label": package.unit.name})
        ET.SubElement(entry, "category", {"term": str(evaluation.year), "label": f"{evaluation.year} 年度"})
        ET.SubElement(entry, "category", {"term": evaluation.kind, "label": KIND_LABELS[evaluation.kind]})
        ET.SubElement(entry, "summary", {"type": "text"}).text = entry_summary(package, evaluation)
    return _xml(root)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# --------------------------------------------------------------------------- datasets


def downloads(package: AnyPackage) -> list[tuple[str, str, str]]:
    """(title, site path, media type) of every file a package offers: datapackage.json, each CSV (the zip is
    packed by the reader's browser from these, so it has no URL of its own)."""
    items = [
        ("datapackage.json（数据包描述）", routes.download_file(package, "datapackage.json"), MEDIA_TYPES[".json"]),
    ]
    for resource in package.resources:
        path = resource.path
        title = f"{resource.title}（{path}）"
        items.append((title, routes.download_file(package, path), MEDIA_TYPES.get(path[path.rfind(".") :], "")))
    return items


def _dataset_title(package: AnyPackage) -> str:
    return f"{package.unit.name} {package.year} 年度绩效自评"


def _dataset_description(package: AnyPackage) -> str:
    return f"{package.unit.name} {package.year} 年度预算绩效自评数据：预算与支出、指标与得分、叙述。"


def dataset_jsonld(config: Config, package: AnyPackage) -> dict:
    """schema.org Dataset for a package page (search engines' dataset search)."""
    published = _published(package)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": _dataset_title(package),
        "description": _dataset_description(package),
        "url": _url(config, routes.package_page(package)),
        "identifier": package.package_id,
        "inLanguage": "zh-CN",
        "license": config.site.license_url,
        "isAccessibleForFree": True,
        "keywords": ["预算绩效", "绩效自评", package.unit.name, package.unit.region, str(package.year)],
        "spatialCoverage": f"{package.unit.province}{package.unit.prefecture}{package.unit.region}",
        "temporalCoverage": str(package.year),
        "creator": {"@type": "GovernmentOrganization", "name": package.unit.name},
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": config.site.title,
            "url": _url(config, routes.CATALOG),
        },
        "isBasedOn": [
            {
                "@type": "CreativeWork",
                "name": s.title,
                "publisher": {"@type": "GovernmentOrganization", "name": s.publisher},
                **({"datePublished": s.published} if s.published else {}),
                **({"url": s.url} if s.url else {}),
            }
            for s in package.sources
        ],
        "distribution": [
            {"@type": "DataDownload", "name": title, "encodingFormat": media, "contentUrl": _url(config, path)}
            for title, path, media in downloads(package)
        ],
    }
    if published:
        data["datePublished"] = data["dateModified"] = published
    return data


def _period(first_year: int, last_year: int) -> dict:
    """A dct:PeriodOfTime covering whole years."""
    return {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": {"@value": f"{first_year}-01-01", "@type": "xsd:date"},
        "dcat:endDate": {"@value": f"{last_year}-12-31", "@type": "xsd:date"},
    }


def _distributions(config: Config, page: str, items: list[tuple[str, str, str]]) -> list[dict]:
    """dcat:Distribution entries for (title, site path, media type) items, reached from page."""
    return [
        {
            "@type": "dcat:Distribution",
            "dct:title": title,
            "dcat:accessURL": page,
            "dcat:downloadURL": _url(config, path),
            "dcat:mediaType": f"https://www.iana.org/assignments/media-types/{media}",
            **({"dcat:compressFormat": f"{IANA}application/gzip"} if path.endswith(".gz") else {}),
        }
        for title, path, media in items
    ]


def _dcat_dataset(config: Config, package: AnyPackage) -> dict:
    page = _url(config, routes.package_page(package))
    published = _published(package)
    dataset = {
        "@id": f"{page}#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": package.package_id,
        "dct:title": _dataset_title(package),
        "dct:description": _dataset_description(package),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": package.unit.name},
        "dct:spatial": f"{package.unit.province}{package.unit.prefecture}{package.unit.region}",
        "dct:temporal": _period(package.year, package.year),
        "dct:license": config.site.license_url,
        "dct:source": [s.title for s in package.sources],
        "dcat:keyword": ["预算绩效", "绩效自评", package.unit.region],
        "dcat:landingPage": page,
        "dcat:distribution": _distributions(config, page, downloads(package)),
    }
    if published:
        dataset["dct:issued"] = {"@value": published, "@type": "xsd:date"}
    return dataset


def combined_downloads(years: Iterable[int], all_years: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
    """(title, site path, media type) of the combined tables across packages, and the JSON API index.

    A compressed file's media type is that of what it holds (``dcat:compressFormat`` says gzip).
    """
    inner = {".csv.gz": ".csv", ".json.gz": ".json", ".db.gz": ".db"}
    items = []
    for file in dataset_files(years, all_years):
        suffix = next((s for s in (*inner, ".csv", ".xlsx", ".db") if file.path.endswith(s)), ".csv")
        whole = "全部表（SQLite 数据库）" if ".db" in file.path else "全部表（每张表一个工作表）"
        title = COMBINED[file.table].title if file.table else whole
        when = f"{file.year} 年度" if file.year else "全部年度"
        items.append((f"{title}，{when}（{file.path}）", file.path, MEDIA_TYPES[inner.get(suffix, suffix)]))
    items += [
        ("datapackage.json（合并表描述）", routes.DATASETS_PACKAGE, MEDIA_TYPES[".json"]),
        ("README.md（说明与引用方式）", routes.DATASETS_README, MEDIA_TYPES[".md"]),
        ("静态 JSON 接口索引", routes.API_INDEX, MEDIA_TYPES[".json"]),
    ]
    return items


def _combined_dataset(config: Config, index: SiteIndex) -> dict:
    page = _url(config, routes.DATA)
    return {
        "@id": f"{page}#combined",
        "@type": "dcat:Dataset",
        "dct:identifier": COMBINED_ID,
        "dct:title": "全部绩效自评合并数据",
        "dct:description": (
            "全部数据包合并为整洁表（单位、来源、评价、预算行、绩效指标），每行注明数据包、单位、年度与原文出处。"
            + "".join(f"{why}，请用各年度的文件。" for why in _withheld(config, index).values())
        ),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": config.site.publisher_name},
        "dct:license": config.site.license_url,
        "dct:temporal": _period(min(index.by_year, default=0), max(index.by_year, default=0)),
        "dcat:keyword": ["预算绩效", "绩效自评", "合并数据"],
        "dcat:landingPage": page,
        "dcat:distribution": _distributions(config, page, combined_downloads(index.by_year, index.all_years_files)),
    }


def _withheld(config: Config, index: SiteIndex) -> dict[str, str]:
    """The combined files a size rule left off the site (site path → why): the catalogue says so, as the
    data page, the datasets README and the API index do, so no reader takes a missing file for a lost one."""
    return dataset_docs.missing_all_years(index, index.row_counts or {}, config.site)


def _contact(config: Config) -> dict:
    """The catalog's publisher and contact point, when jixiao.toml names them."""
    site = config.site
    found: dict = {}
    if site.publisher:
        found["dct:publisher"] = {"@type": "foaf:Agent", "foaf:name": site.publisher}
    if site.contact:
        web = site.contact.startswith(("http://", "https://"))
        kind, value = ("vcard:hasURL", site.contact) if web else ("vcard:hasEmail", f"mailto:{site.contact}")
        found["dcat:contactPoint"] = {"@type": "vcard:Kind", "vcard:fn": site.publisher_name, kind: value}
    return found


def catalog(config: Config, index: SiteIndex) -> bytes:
    """A DCAT catalog in JSON-LD: one dcat:Dataset per package, each file a dcat:Distribution."""
    data = {
        "@context": {
            "@language": "zh-CN",
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            **({"vcard": "http://www.w3.org/2006/vcard/ns#"} if config.site.contact else {}),
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            **{
                term: {"@type": "@id"}
                for term in (
                    "dcat:accessURL",
                    "dcat:downloadURL",
                    "dcat:landingPage",
                    "dcat:mediaType",
                    "dct:license",
                    "foaf:homepage",
                )
            },
        },
        "@id": _url(config, routes.CATALOG),
        "@type": "dcat:Catalog",
        "dct:title": config.site.title,
        "dct:description": config.site.description,
        "dct:language": {"@id": "http://id.loc.gov/vocabulary/iso639-1/zh"},
        "dct:license": config.site.license_url,
        **_contact(config),
        "dct:modified": {"@value": _epoch(config).date().isoformat(), "@type": "xsd:date"},
        "foaf:homepage": _url(config, routes.HOME),
        "dcat:dataset": [
            *(_dcat_dataset(config, package) for package in index.packages),
            *([_combined_dataset(config, index)] if index.packages else []),
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)  # for programs: compact
    return (text + "\n").encode("utf-8")


def metadata_files(config: Config, index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """Site path → bytes for the site-wide metadata files."""
    yield routes.SITEMAP, sitemap(config, index)
    yield routes.ROBOTS, robots(config)
    yield routes.FEED, feed(config, index)
    yield routes.CATALOG, catalog(config, index)
