"""The static JSON API: one document per unit and per evaluation, and an index of units; no I/O.

Documents are plain dicts, their keys in the order documented here (the data page
prints these lists, and a test checks the documents have exactly these keys).
Numbers are the published digits as strings (see ``combined.NUMBERS_NOTE``); links
are relative to the JSON file that holds them, like every link on the site, so the
API works under any base URL.
"""

from __future__ import annotations

from jixiao.ingest.model import Evaluation, Package
from jixiao.ingest.tables import header
from jixiao.opendata import combined
from jixiao.opendata.combined import WAN_COLUMNS, cell
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex
from jixiao.structure.labels import KIND_LABELS, citation

API_VERSION = 1

EVALUATION_KEYS = (
    ("api_version", "接口版本号。"),
    ("unit", "单位：unit_id、name、province、prefecture、region。"),
    ("year", "年度（整数）。"),
    ("package_id", "数据包标识 <单位标识>-<年度>。"),
    (
        "evaluation",
        "评价本身：evaluations 表除 unit_id、year、source_id 外的字段，另加 kind_label（评价类型的中文名）。",
    ),
    (
        "budget_lines",
        "预算安排及支出情况：budget 表的各行（不含 evaluation_id），derived、ambiguous_columns 为字段名列表，"
        "ambiguous_amounts 为数字文本列表，*_wan 为换算成万元的金额。",
    ),
    ("indicators", "绩效指标：indicators 表的各行（不含 evaluation_id）。"),
    ("stated_scores", "原文所载分项得分：stated_scores 表的各行（不含 evaluation_id）。"),
    ("narrative", "叙述章节：order、section、title 和 markdown（原文叙述，Markdown 格式）。"),
    ("flags", "数据质量标记：code、title、message、file、line、field、resource、ref，href 指向页面上的相应行。"),
    ("source", "原文出处：sources 表的字段（标题、发布单位、日期、网址、转录所据文件）。"),
    ("citation", "引用方式：可直接使用的引文。"),
    ("links", "链接（相对于本文件）：self、page（站点页面）、unit（单位接口）、downloads（数据包文件）。"),
)
"""Top-level keys of ``api/evaluations/<unit_id>/<year>/<evaluation_id>.json`` and what they hold."""

UNIT_KEYS = (
    ("api_version", "接口版本号。"),
    ("unit", "单位：最近一年 unit 表的全部字段。"),
    ("packages", "各年度数据包：package_id、year、sources、evaluations（评价摘要与链接）、links。"),
    ("links", "链接（相对于本文件）：self、page（单位页面）、index（接口索引）。"),
)
"""Top-level keys of ``api/units/<unit_id>.json``."""

INDEX_KEYS = (
    ("api_version", "接口版本号。"),
    ("title", "接口名称。"),
    ("numbers", "数字的表示方式。"),
    ("patterns", "各类接口文件的地址模式（相对于本文件）。"),
    ("datasets", "合并数据集的下载链接（相对于本文件），键为 datasets/ 下的路径：各年度的表与全部年度的压缩 CSV。"),
    ("units", "全部单位：unit_id、name、province、prefecture、region、years、evaluations（评价数）、href、page。"),
)
"""Top-level keys of ``api/index.json``."""

_UNIT_CONTEXT = ("unit_id", "name", "province", "prefecture", "region")
_EVALUATION_FIELDS = [n for n in header("evaluations") if n not in ("unit_id", "year", "source_id")]
_BUDGET_FIELDS = [n for n in header("budget") if n != "evaluation_id"]
_INDICATOR_FIELDS = [n for n in header("indicators") if n != "evaluation_id"]
_STATED_FIELDS = [n for n in header("stated_scores") if n != "evaluation_id"]


def _fields(item: object, names: list[str] | tuple[str, ...]) -> dict[str, object]:
    return {name: cell(getattr(item, name)) for name in names}


def _downloads(package: Package, here: str) -> dict[str, str]:
    links = {"zip": routes.href(here, routes.download_zip(package))}
    for name in ("datapackage.json", *package.files):
        links[name] = routes.href(here, routes.download_file(package, name))
    return links


def evaluation_document(package: Package, evaluation: Evaluation, data_title: str) -> dict[str, object]:
    here = routes.api_evaluation(package.unit.unit_id, package.year, evaluation.evaluation_id)
    page = routes.evaluation_page(package, evaluation)
    budget = []
    for line in evaluation.budget:
        row = _fields(line, _BUDGET_FIELDS)
        row["derived"] = list(line.derived)
        row["ambiguous_amounts"] = [cell(value) for value in line.ambiguous_amounts]
        row["ambiguous_columns"] = list(line.ambiguous_columns)
        row |= {column.name: cell(getattr(line, column.name)) for column in WAN_COLUMNS}
        budget.append(row)
    document = {
        "api_version": API_VERSION,
        "unit": _fields(package.unit, _UNIT_CONTEXT),
        "year": package.year,
        "package_id": package.package_id,
        "evaluation": _fields(evaluation, _EVALUATION_FIELDS) | {"kind_label": KIND_LABELS[evaluation.kind]},
        "budget_lines": budget,
        "indicators": [_fields(indicator, _INDICATOR_FIELDS) for indicator in evaluation.indicators],
        "stated_scores": [_fields(stated, _STATED_FIELDS) for stated in evaluation.stated_scores],
        "narrative": [
            {"order": s.order, "section": s.section, "title": s.title, "markdown": s.markdown}
            for s in evaluation.narrative
        ],
        "flags": [
            _fields(flag, ("code", "title", "message", "file", "line", "field", "resource", "ref"))
            | {"href": routes.href(here, page) + (f"#{flag.anchor}" if flag.anchor else "")}
            for flag in evaluation.flags
        ],
        "source": _fields(evaluation.source, header("sources")),
        "citation": citation(package, evaluation, data_title),
        "links": {
            "self": routes.href(here, here),
            "page": routes.href(here, page),
            "unit": routes.href(here, routes.api_unit(package.unit.unit_id)),
            "downloads": _downloads(package, here),
        },
    }
    return document


def _summary(package: Package, evaluation: Evaluation, here: str) -> dict[str, object]:
    total = evaluation.total_line
    return {
        "evaluation_id": evaluation.evaluation_id,
        "kind": evaluation.kind,
        "kind_label": KIND_LABELS[evaluation.kind],
        "title": evaluation.title,
        "budget": cell(total.budget) if total else None,
        "actual": cell(total.actual) if total else None,
        "total_weight": cell(evaluation.total_weight),
        "total_score": cell(evaluation.total_score),
        "grade": cell(evaluation.grade),
        "flags": len(evaluation.flags),
        "href": routes.href(here, routes.api_evaluation(package.unit.unit_id, package.year, evaluation.evaluation_id)),
        "page": routes.href(here, routes.evaluation_page(package, evaluation)),
    }


def unit_document(unit_id: str, packages: list[Package]) -> dict[str, object]:
    """Depends only on this unit's packages (oldest first), so it can be built per unit."""
    here = routes.api_unit(unit_id)
    document = {
        "api_version": API_VERSION,
        "unit": _fields(packages[-1].unit, header("unit")),
        "packages": [
            {
                "package_id": package.package_id,
                "year": package.year,
                "sources": [_fields(source, header("sources")) for source in package.sources],
                "evaluations": [_summary(package, e, here) for e in package.evaluations],
                "links": {"page": routes.href(here, routes.package_page(package)), **_downloads(package, here)},
            }
            for package in packages
        ],
        "links": {
            "self": routes.href(here, here),
            "page": routes.href(here, routes.unit_page(unit_id)),
            "index": routes.href(here, routes.API_INDEX),
        },
    }
    return document


def index_document(index: SiteIndex, data_title: str) -> dict[str, object]:
    """Draws on every unit (outlines are enough: it only needs units, years and evaluation counts)."""
    here = routes.API_INDEX
    datasets = {}
    for path in (routes.DATASETS_README, routes.DATASETS_PACKAGE):
        datasets[path.rsplit("/", 1)[1]] = routes.href(here, path)
    for file in combined.dataset_files(index.by_year):  # e.g. "2024/indicators.csv", "indicators.csv.gz"
        datasets[file.path.removeprefix("datasets/")] = routes.href(here, file.path)
    document = {
        "api_version": API_VERSION,
        "title": f"{data_title}静态 JSON 接口",
        "numbers": combined.NUMBERS_NOTE,
        "patterns": {
            "unit": routes.href(here, routes.api_unit("{unit_id}")),
            "evaluation": routes.href(here, routes.api_evaluation("{unit_id}", "{year}", "{evaluation_id}")),
        },
        "datasets": datasets,
        "units": [
            {
                **_fields(packages[-1].unit, _UNIT_CONTEXT),
                "years": [p.year for p in packages],
                "evaluations": sum(len(p.evaluations) for p in packages),
                "href": routes.href(here, routes.api_unit(unit_id)),
                "page": routes.href(here, routes.unit_page(unit_id)),
            }
            for unit_id, packages in index.by_unit.items()
        ],
    }
    return document
