"""The data page: every package's downloads, the combined datasets with their row counts, the data
dictionary, the JSON API and how to cite; what a journalist reads before downloading."""

from __future__ import annotations

import json
from typing import Any

from jixiao.config import Config, Site
from jixiao.ingest.tables import TABLE_TITLES, TABLES
from jixiao.opendata import api, combined, dataset_docs
from jixiao.site import views
from jixiao.site.views import Link, PageSpec, page_header
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex
from jixiao.structure.labels import citation

EVALUATION_PATTERN = routes.api_evaluation("{unit_id}", "{year}", "{evaluation_id}")


def _open_data(path: str, index: SiteIndex, site: Site) -> dict[str, Any]:
    """The combined downloads (with row counts) and the static JSON API, as the data page documents them."""
    counts = index.row_counts

    def download(label: str, target: str) -> views.Download:
        return views.Download(label, routes.href(path, target), target.rsplit("/", 1)[1])

    examples = []
    first = index.packages[0] if index.packages else None
    if first is not None:
        unit_api = routes.api_unit(first.unit.unit_id)
        examples.append(Link(unit_api, routes.href(path, unit_api)))
        for evaluation in first.evaluations[:1]:
            target = routes.api_evaluation(first.unit.unit_id, first.year, evaluation.evaluation_id)
            examples.append(Link(target, routes.href(path, target)))
    files = combined.dataset_files(index.by_year, index.all_years_files)
    years: dict[int, dict[str, Any]] = {}
    whole = [download(file.label, file.path) for file in files if file.year is None and file.table is None]
    for file in files:
        if file.year is None:
            continue
        year = years.setdefault(file.year, {"year": file.year, "tables": {}})
        if file.table is None:
            year["workbook" if file.path.endswith(".xlsx") else "database"] = download(file.label, file.path)
        else:
            year["tables"].setdefault(file.table, []).append(download(file.label, file.path))
    return {
        "tables": [
            {
                "name": name,
                "title": table.title,
                "rows": counts.get(name, 0),
                "columns": len(table.columns),
                "all_years": download(f"{name}.csv.gz", routes.dataset_file(name, "csv.gz")),
            }
            for name, table in combined.COMBINED.items()
        ],
        "table_titles": [table.title for table in combined.COMBINED.values()],
        "all_years": whole,
        "has_database": any(link.file == "jixiao.db" for link in whole),
        "all_years_missing": list(dataset_docs.missing_all_years(index, counts, site).values()),
        "years": [{**y, "tables": list(y["tables"].values())} for y in years.values()],
        "files": (
            download("说明 README.md（文件、来源、引用方式、字段）", routes.DATASETS_README),
            download("Frictionless 描述文件 datapackage.json", routes.DATASETS_PACKAGE),
        ),
        "context": [column.title for column in combined.CONTEXT],
        "numbers": combined.NUMBERS_NOTE,
        "api_index": Link(routes.API_INDEX, routes.href(path, routes.API_INDEX)),
        "api_patterns": (
            (routes.API_INDEX, "全部单位：名称、地区、年度、评价数及各单位文件的链接。"),
            (routes.api_unit("{unit_id}"), "一个单位：各年度数据包、来源、评价摘要（预算、支出、得分、等级）与链接。"),
            (
                EVALUATION_PATTERN,
                "一项评价：基本信息、资金总额、质量标记、来源与引用，及其各行所在的数据包 CSV（行本身不重复）。",
            ),
        ),
        "api_examples": examples,
        "api_keys": (
            ("api-keys-index", routes.API_INDEX, api.INDEX_KEYS),
            ("api-keys-unit", routes.api_unit("{unit_id}"), api.UNIT_KEYS),
            ("api-keys-evaluation", EVALUATION_PATTERN, api.EVALUATION_KEYS),
        ),
    }


def data_page(config: Config, index: SiteIndex) -> PageSpec:
    path = routes.DATA
    dictionary = []
    for name, schema in TABLES.items():
        fields = []
        for f in schema["fields"]:
            constraints = dict(f.get("constraints", {}))
            text = "；".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in sorted(constraints.items()))
            fields.append(
                {
                    "name": f["name"],
                    "type": f["type"],
                    "title": f["title"],
                    "description": f["description"],
                    "constraints": text,
                }
            )
        dictionary.append({"name": name, "title": TABLE_TITLES[name], "fields": fields})
    first = index.packages[0] if index.packages else None
    example = citation(first, first.evaluations[0], config.site.data_title) if first and first.evaluations else ""
    return PageSpec(
        path,
        "data.html",
        {
            "page": page_header(
                config, path, "数据下载", "全部数据包、数据字典与引用方式。", [("首页", routes.HOME)], indexed=True
            ),
            "packages": [
                {
                    "package_id": p.package_id,
                    "title": f"{p.unit.name} {p.year} 年度（{p.package_id}）",
                    "href": routes.href(path, routes.package_page(p)),
                    "downloads": views.downloads(p, path),
                }
                for p in index.packages
            ],
            "dictionary": dictionary,
            "example_citation": example,
            "query_href": routes.href(path, routes.QUERY),
            "open_data": _open_data(path, index, config.site),
        },
    )
