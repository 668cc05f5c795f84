"""Dataset documents: the combined tables' Frictionless descriptor and README (jixiao/opendata/datasets.py)."""

from __future__ import annotations

from jixiao.config import Site
from jixiao.ingest.tables import package_descriptor
from jixiao.opendata import combined, spreadsheet
from jixiao.opendata.combined import COMBINED
from jixiao.structure import labels
from jixiao.structure.index import SiteIndex

XLSX_MAX_ROWS = 1_048_575
"""Data rows per sheet: Excel's 1,048,576 rows less the header.  Longer tables continue on 绩效指标（2）…"""


def descriptor(site: Site, years: list[int] | None = None) -> dict[str, object]:
    """A Frictionless descriptor for the combined CSVs (same licence as the packages).

    Each table is one resource, its all-years compressed CSV (frictionless reads gzip); the
    years' plain CSVs are listed in ``sources`` so a reader knows where each year is.
    """
    return {
        "profile": "tabular-data-package",
        "name": "jixiao-combined",
        "title": f"{site.data_title}合并数据集",
        "licenses": package_descriptor("x", 2000, "")["licenses"],
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "path": f"{table.name}.csv.gz",
                "profile": "tabular-data-resource",
                "format": "csv",
                "compression": "gz",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "sources": [
                    {"title": f"{year} 年度（未压缩 CSV）", "path": f"{year}/{table.name}.csv"} for year in years or []
                ],
                "schema": {
                    "fields": [
                        {"name": c.name, "type": c.type, "title": c.title, "description": c.description}
                        for c in table.columns
                    ],
                    "primaryKey": list(table.primary_key),
                },
            }
            for table in COMBINED.values()
        ],
    }


def readme(index: SiteIndex, counts: dict[str, int], site: Site) -> str:
    """What the combined download is, where every row came from and how to cite it."""
    first = index.packages[0] if index.packages else None
    example = labels.citation(first, first.evaluations[0], site.data_title) if first and first.evaluations else ""
    lines = [
        f"# {site.data_title}：合并数据集",
        "",
        f"本目录把站点上全部 {len(index.packages)} 个数据包（{len(index.by_unit)} 个单位、"
        f"{len(index.by_year)} 个年度）合并为 {len(COMBINED)} 张整洁表，每行一条记录。"
        "每张表的前 7 列相同：数据包、单位标识、单位名称、省份、所属地级市、所属县级地区、年度。",
        "金额单位为万元，数据按原文照录。",
        "",
        "## 文件",
        "",
        "每个年度一个文件夹 `<年度>/`，内有该年度的各表；另有每张表全部年度合在一起的压缩 CSV。"
        "某个数据包改动时，只有它所在年度的文件重新生成。",
        "",
        "| 文件 | 内容 | 行数（全部年度） |",
        "| --- | --- | --- |",
    ]
    for name, table in COMBINED.items():
        files = f"`<年度>/{name}.csv`、`<年度>/{name}.json.gz`、`{name}.csv.gz`（全部年度）"
        lines.append(f"| {files} | {table.title} | {counts[name]} |")
    lines += [
        "| `<年度>/jixiao-<年度>.xlsx` | 该年度的工作簿，每张表一个工作表（中文表头，首行冻结），另有“说明”工作表；"
        f"超过 {XLSX_MAX_ROWS} 行的表续在“表名（2）”等工作表 | |",
        "| `<年度>/jixiao-<年度>.db.gz` | 该年度的 SQLite 数据库（gzip 压缩，"
        "解压后可用 `datasette jixiao-<年度>.db` 浏览）；"
        "每张表一个 SQL 表（主键以 unit_id 开头，另有 year 索引），另有以中文表名命名、中文列名的视图 | |",
        "| `datapackage.json` | Frictionless 描述文件：各表（全部年度的压缩 CSV）各列的类型、中文名、说明和主键 | |",
        "",
        "CSV 为带 BOM 的 UTF-8（Excel 可直接打开），表头为字段名；"
        "JSON 为每张表一个对象：`columns` 为字段名，`rows` 为各行（每行一个数组，与 Datasette 的 JSON 相同）。",
        "`.gz` 文件用 gzip 压缩（JSON 约为原来的十分之一，数据库约五分之一），可用 gunzip、7-Zip 解压，"
        "pandas、R 可直接读取；一个文件由若干 gzip 段依次相接，各种解压工具都会把它们接成一个文件。",
        "",
        spreadsheet.NEUTRALISED_NOTE,
        spreadsheet.TRUNCATED_NOTE,
        "",
        "## 数字",
        "",
        f"CSV 与 JSON：{combined.NUMBERS_NOTE}",
        "XLSX 与 SQLite：数字存为数值（双精度浮点），可排序、求和；原文的末尾零不显示（如 8.50 显示为 8.5），"
        "需要原文数字文本时请用 CSV 或 JSON。",
        "",
        "## 来源",
        "",
        "每一行都带有 `package_id`（数据包）以及 `source_id`、`source_title`（所据原文）。"
        "`sources` 表列出每个原文的标题、发布单位、发布日期、网址和转录所据文件。"
        "单个数据包（含叙述章节、数据质量说明和各自的 README）可在站点 `downloads/<package_id>/` 下载。",
        "",
        "## 引用",
        "",
        "请引用原文出处，并注明转引自本站数据包，例如：",
        "",
        f"> {example}",
        "",
        "## 字段",
    ]
    for name, table in COMBINED.items():
        lines += [
            "",
            f"### {table.title}（`{name}`）",
            "",
            "| 字段 | 中文名 | 类型 | 说明 |",
            "| --- | --- | --- | --- |",
        ]
        lines += [f"| `{c.name}` | {c.title} | {c.type} | {c.description} |" for c in table.columns]
    lines += ["", "## 许可", "", f"{site.license_name}（原文为政府公开信息）。", ""]
    return "\n".join(lines)
