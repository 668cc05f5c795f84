"""The static JSON API: one document per unit and per evaluation, and an index of units; no I/O.

Documents are plain dicts, their keys in the order documented here (the data page
prints these lists, and a test checks the documents have exactly these keys).
Numbers are the published digits as strings (see ``combined.NUMBERS_NOTE``); links
are relative to the JSON file that holds them, like every link on the site, so the
API works under any base URL.

One copy per fact (version 2): an evaluation document says what the evaluation is,
its totals, flags, source and citation, and *points at* its rows in the package's
CSV files (``rows``: the file and how many of its rows carry this evaluation_id)
instead of repeating them; the rows as JSON for every unit are in the combined
datasets.  Documents are compact JSON (no indentation), as APIs are read by programs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping

from jixiao.ingest.model import Evaluation, Package
from jixiao.ingest.tables import header
from jixiao.opendata import combined
from jixiao.opendata.combined import cell
from jixiao.structure import routes, totals
from jixiao.structure.index import SiteIndex
from jixiao.structure.labels import KIND_LABELS, citation

API_VERSION = 2

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
        "totals",
        "资金总额一行（无上级的第一行）：原文的 budget、actual 与 amount_unit，及合并表 evaluations 的同名列"
        "（*_wan、rate_computed、total_known、in_totals）；没有预算表时为空。",
    ),
    (
        "rows",
        "本评价在数据包各表中的行：budget、indicators、stated_scores、narrative 各为 href（数据包中的 CSV，"
        "相对于本文件）和 rows（其中 evaluation_id 为本评价的行数）。行的内容只在 CSV 中，不在本文件中重复；"
        "narrative.csv 的 file 列是各章 Markdown 文件在数据包中的路径。",
    ),
    ("narrative", "叙述章节：order、section、title（正文见 rows.narrative 所指的 Markdown 文件）。"),
    ("flags", "数据质量标记：code、title、message、file、line、field、resource、ref，href 指向页面上的相应行。"),
    ("source", "原文出处：sources 表的字段（标题、发布单位、日期、网址、转录所据文件）。"),
    ("citation", "引用方式：可直接使用的引文。"),
    (
        "links",
        "链接（相对于本文件）：self、page（站点页面）、unit（单位接口，列有数据包的全部文件）、"
        "datapackage（数据包描述文件）。",
    ),
)
"""Top-level keys of ``api/evaluations/<unit_id>/<year>/<evaluation_id>.json`` and what they hold."""

UNIT_KEYS = (
    ("api_version", "接口版本号。"),
    ("unit", "单位：最近一年 unit 表的全部字段。"),
    (
        "packages",
        "各年度数据包：package_id、year、sources、evaluations（评价摘要与链接；有预算表的另有 amount_unit、"
        "budget_wan、actual_wan、rate_computed、total_known、in_totals）、links。",
    ),
    ("links", "链接（相对于本文件）：self、page（单位页面）、index（接口索引）。"),
)
"""Top-level keys of ``api/units/<unit_id>.json``."""

INDEX_KEYS = (
    ("api_version", "接口版本号。"),
    ("title", "接口名称。"),
    ("numbers", "数字的表示方式。"),
    ("patterns", "各类接口文件的地址模式（相对于本文件）。"),
    (
        "datasets",
        "合并数据集的下载链接（相对于本文件），键为 datasets/ 下的路径：全部年度的数据库 jixiao.db 与工作簿、"
        "各年度的表与全部年度的压缩 CSV。",
    ),
    (
        "withheld",
        "本站未发布的合并数据文件及原因，键为 datasets/ 下的路径（如全部年度的工作簿超过站点设置 "
        "all_years_xlsx_max_mb）；同样的行在各年度的文件中；都发布时为空对象。",
    ),
    ("units", "全部单位：unit_id、name、province、prefecture、region、years、evaluations（评价数）、href、page。"),
)
"""Top-level keys of ``api/index.json``."""

_UNIT_CONTEXT = ("unit_id", "name", "province", "prefecture", "region")
_EVALUATION_FIELDS = [n for n in header("evaluations") if n not in ("unit_id", "year", "source_id")]
ROW_TABLES = ("budget", "indicators", "stated_scores", "narrative")
"""The package tables whose rows belong to one evaluation (they have an evaluation_id column)."""


def _fields(item: object, names: list[str] | tuple[str, ...]) -> dict[str, object]:
    return {name: cell(getattr(item, name)) for name in names}


def _downloads(package: Package, here: str) -> dict[str, str]:
    links = {}
    for name in ("datapackage.json", *package.files):
        links[name] = routes.href(here, routes.download_file(package, name))
    return links


def _row_counts(evaluation: Evaluation) -> dict[str, int]:
    return {
        "budget": len(evaluation.budget),
        "indicators": len(evaluation.indicators),
        "stated_scores": len(evaluation.stated_scores),
        "narrative": len(evaluation.narrative),
    }


def evaluation_document(package: Package, evaluation: Evaluation, data_title: str) -> dict[str, object]:
    here = routes.api_evaluation(package.unit.unit_id, package.year, evaluation.evaluation_id)
    page = routes.evaluation_page(package, evaluation)
    total = evaluation.total_line
    counts = _row_counts(evaluation)
    rows = {}
    for table in ROW_TABLES:
        name = f"{table}.csv"
        if name in package.files:
            rows[table] = {"href": routes.href(here, routes.download_file(package, name)), "rows": counts[table]}
    document = {
        "api_version": API_VERSION,
        "unit": _fields(package.unit, _UNIT_CONTEXT),
        "year": package.year,
        "package_id": package.package_id,
        "evaluation": _fields(evaluation, _EVALUATION_FIELDS) | {"kind_label": KIND_LABELS[evaluation.kind]},
        "totals": {"budget": cell(total.budget), "actual": cell(total.actual)} | _money(package, evaluation)
        if total
        else None,
        "rows": rows,
        "narrative": [{"order": s.order, "section": s.section, "title": s.title} for s in evaluation.narrative],
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
            "datapackage": routes.href(here, routes.download_file(package, "datapackage.json")),
        },
    }
    return document


def _money(package: Package, evaluation: Evaluation) -> dict[str, object]:
    """The evaluation's unit and its money by the totals rule (``structure.totals``), as in the combined table."""
    money = totals.money(package, evaluation)
    return {
        "amount_unit": evaluation.total_line.amount_unit if evaluation.total_line else None,
        "budget_wan": cell(money.budget_wan),
        "actual_wan": cell(money.actual_wan),
        "rate_computed": cell(money.rate_computed),
        "total_known": money.total_known,
        "in_totals": money.in_totals,
    }


def _summary(package: Package, evaluation: Evaluation, here: str) -> dict[str, object]:
    total = evaluation.total_line
    return {
        "evaluation_id": evaluation.evaluation_id,
        "kind": evaluation.kind,
        "kind_label": KIND_LABELS[evaluation.kind],
        "title": evaluation.title,
        "budget": cell(total.budget) if total else None,
        "actual": cell(total.actual) if total else None,
        **(_money(package, evaluation) if total else {}),
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


def index_document(index: SiteIndex, data_title: str, withheld: Mapping[str, str] | None = None) -> dict[str, object]:
    """Draws on every unit (outlines are enough: it only needs units, years and evaluation counts).

    ``withheld`` (site path → why, ``dataset_docs.missing_all_years``): a program reading the
    index learns that a file is left out by a size rule, not lost, as the data page and README say.
    """
    here = routes.API_INDEX
    datasets = {}
    for path in (routes.DATASETS_README, routes.DATASETS_PACKAGE):
        datasets[path.rsplit("/", 1)[1]] = routes.href(here, path)
    for file in combined.dataset_files(index.by_year, index.all_years_files):  # "2024/indicators.csv", "jixiao.db"…
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
        "withheld": {path.removeprefix("datasets/"): why for path, why in sorted((withheld or {}).items())},
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


def encode(document: object) -> bytes:
    """Compact JSON (a program reads it; indentation was a quarter of every document), keys in order."""
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def unit_files(unit_id: str, packages: list[Package], data_title: str) -> Iterator[tuple[str, bytes]]:
    """Site path → bytes for one unit's API files (the unit and each of its evaluations)."""
    yield routes.api_unit(unit_id), encode(unit_document(unit_id, packages))
    for package in packages:
        for evaluation in package.evaluations:
            path = routes.api_evaluation(unit_id, package.year, evaluation.evaluation_id)
            yield path, encode(evaluation_document(package, evaluation, data_title))
