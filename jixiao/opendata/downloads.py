"""Downloads: the bytes of every file a reader can download; no I/O beyond reading data/.

CSVs for download carry a UTF-8 BOM so Excel opens the Chinese correctly; the files in
data/ stay without.  A package's zip is packed by the reader's browser from these same
files (site_src/downloads.js), with the fixed timestamp ``ZIP_TIME`` and sorted entries
(tests/test_browser.py packs the same way in Python and compares the two).

A package's datapackage.json is published as its maintainer wrote it (compact), with what
the data and the portal's configuration say added: a Chinese title and a description from
its rows, its ``sources`` (the original address, or ``原文未在检索范围内找到``, and the
transcribed text with its SHA-256) and the portal's licence unless it declares its own.
The source texts it cites are published beside it (``sources/<file>``).
"""

from __future__ import annotations

import hashlib
import json

from jixiao.config import Site
from jixiao.ingest.model import Package, Source
from jixiao.opendata.spreadsheet import NEUTRALISED_NOTE, package_csv
from jixiao.structure import routes

BOM = b"\xef\xbb\xbf"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def amount_units_text(package: Package) -> str:
    """What this package's amounts are in, read from its budget lines' amount_unit (never assumed)."""
    units = sorted({line.amount_unit for e in package.evaluations for line in e.budget}, key=["万元", "元"].index)
    if not units:
        return "本数据包没有金额行。"
    if len(units) == 1:
        return f"金额单位为{units[0]}（见 budget.csv 的 amount_unit 列）。"
    return f"金额单位随行而不同（{'、'.join(units)}），见 budget.csv 每行的 amount_unit 列。"


def package_readme(package: Package, data_title: str, texts: dict[str, bytes] | None = None) -> str:
    """A README that travels with every download: what it is, where it came from, how to cite."""
    texts = texts or {}
    lines = [
        f"# {package.unit.name} {package.year} 年度绩效自评数据包（{package.package_id}）",
        "",
        f"数据转录自单位公开的绩效自评材料，按原文照录。{amount_units_text(package)}",
        "CSV 为带 BOM 的 UTF-8；datapackage.json 为 Frictionless 描述文件，含字段说明。",
        NEUTRALISED_NOTE,
        "各评价换算为万元的金额、执行率（计算）以及跨评价合计时是否计入（in_totals），"
        "见站点合并数据集的 evaluations 表（datasets/README.md）；本包各表只载原文数字。",
        "",
        "## 来源",
        "",
        f"每个来源在合并数据集中以 {package.package_id} 与 source_id 唯一确定。",
    ]
    for source in package.sources:
        date = f"，{source.published}" if source.published else ""
        url = f"，原文网址 {source.url}" if source.url else f"，{NOT_FOUND}"
        if source.file in texts:
            digest = hashlib.sha256(texts[source.file]).hexdigest()
            text = f"转录所据原文文本 {source_text_path(source)}（SHA-256 {digest}）"
        else:
            text = f"转录所据文件 {source.file}（未随包发布）" if source.file else "未载转录所据文件"
        lines.append(f"- {source.source_id}：《{source.title}》，{source.publisher}{date}{url}；{text}")
    lines += [
        "",
        "## 引用",
        f"{package.sources[0].publisher}：《{package.sources[0].title}》。"
        f"转引自 {data_title}数据包 {package.package_id}。",
        "",
    ]
    return "\n".join(lines)


SOURCE_FOLDER = "sources"
"""Inside a package's download folder: the transcribed source texts it cites (``sources/<file>``)."""
NOT_FOUND = "原文未在检索范围内找到"
"""Said wherever a source's original address is unknown (the stored copy did not carry it)."""
SPDX = {
    "https://creativecommons.org/publicdomain/zero/1.0/": "CC0-1.0",
    "https://creativecommons.org/licenses/by/4.0/": "CC-BY-4.0",
    "https://creativecommons.org/licenses/by-sa/4.0/": "CC-BY-SA-4.0",
    "https://opendatacommons.org/licenses/pddl/1-0/": "PDDL-1.0",
    "https://opendatacommons.org/licenses/by/1-0/": "ODC-By-1.0",
    "https://opendatacommons.org/licenses/odbl/1-0/": "ODbL-1.0",
}
"""Licence addresses whose SPDX identifier a datapackage.json ``licenses[].name`` can carry."""


def licenses(site: Site) -> list[dict[str, str]]:
    """The portal's licence (jixiao.toml ``[license]``) as Frictionless ``licenses``."""
    entry = {"path": site.license_url, "title": site.license_name}
    spdx = SPDX.get(site.license_url.rstrip("/") + "/")
    return [{"name": spdx, **entry} if spdx else entry]


def source_text_path(source: Source) -> str:
    """Where a source's transcribed text is, inside the package's download folder ("" when it has none)."""
    return f"{SOURCE_FOLDER}/{source.file}" if source.file else ""


def package_title(package: Package) -> str:
    return f"{package.unit.name} {package.year} 年度绩效自评数据包"


def package_description(package: Package) -> str:
    """What the package holds, from its own rows: the unit, where it is, its evaluations and their amount unit."""
    unit = package.unit
    place = "".join(dict.fromkeys(p for p in (unit.province, unit.prefecture, unit.region) if p))
    kinds = {"department": "部门整体支出自评表", "project": "项目支出自评表", "report": "自评报告"}
    counted = [f"{kinds[k]} {n} 份" for k in kinds if (n := sum(e.kind == k for e in package.evaluations))]
    return (
        f"{unit.name}（{place}）{package.year} 年度预算绩效自评：{'、'.join(counted)}。"
        f"数字按原文照录。{amount_units_text(package)}"
    )


def package_sources(package: Package, texts: dict[str, bytes]) -> list[dict[str, str]]:
    """Frictionless ``sources``: each source's original address (where known) and its transcribed text here."""
    result = []
    for source in package.sources:
        title = f"{source.publisher}：《{source.title}》" if source.publisher else f"《{source.title}》"
        result.append({"title": title, "path": source.url} if source.url else {"title": f"{title}（{NOT_FOUND}）"})
        if source.file in texts:
            digest = hashlib.sha256(texts[source.file]).hexdigest()
            result.append({"title": f"转录所据原文文本（SHA-256 {digest}）", "path": source_text_path(source)})
    return result


def published_descriptor(package: Package, raw: bytes, site: Site, texts: dict[str, bytes]) -> bytes:
    """The package's datapackage.json as published: the maintainer's, with what the data and the config say.

    A title left as the scaffold's slug (``<unit> <year>``) becomes the unit's name and year;
    a description and sources are added unless the package has its own; the licence is the
    package's own ``licenses`` or else the portal's (jixiao.toml).  Written compact.
    """
    descriptor = json.loads(raw)
    title = descriptor.get("title")
    head: dict[str, object] = {k: descriptor[k] for k in ("profile", "schema_version", "name") if k in descriptor}
    head["title"] = package_title(package) if not title or title == f"{package.unit.unit_id} {package.year}" else title
    head["description"] = descriptor.get("description") or package_description(package)
    head["licenses"] = descriptor.get("licenses") or licenses(site)
    head["sources"] = descriptor.get("sources") or package_sources(package, texts)
    published = head | {key: value for key, value in descriptor.items() if key not in head}
    return (json.dumps(published, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def package_members(
    package: Package, read: dict[str, bytes], site: Site, texts: dict[str, bytes] | None = None
) -> dict[str, bytes]:
    """Name inside the package folder → bytes: CSVs (with BOM), descriptor, README, narrative Markdown and the
    source texts the package cites (``texts``: sources.csv ``file`` → bytes, read from sources/).

    ``read`` holds the bytes validation read (``RawPackage.files``): only what the package
    lists is published, and nothing is read from disk a second time.
    """
    texts = texts or {}
    members: dict[str, bytes] = {}
    for name in package.files:
        members[name] = BOM + package_csv(name, read[name])  # text that would run as a formula gets a '

    members["datapackage.json"] = published_descriptor(package, read["datapackage.json"], site, texts)
    members["README.md"] = package_readme(package, site.data_title, texts).encode("utf-8")
    for name in sorted(name for name in read if name.startswith("narrative/")):
        members[name] = read[name]
    for source in package.sources:
        if source.file in texts:
            members[source_text_path(source)] = texts[source.file]
    return members


def package_files(package: Package, members: dict[str, bytes]) -> dict[str, bytes]:
    """Site path → bytes for one package's downloads: each member once, under ``downloads/<package>/``.

    No zip of the same files is stored: the pages' 全部文件（zip） button has the browser
    fetch the listed members and pack them (site_src/downloads.js), so every byte is
    published once and each CSV keeps its stable URL.
    """
    return {routes.download_file(package, name): data for name, data in members.items()}


def json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
