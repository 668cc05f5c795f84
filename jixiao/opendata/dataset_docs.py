"""Dataset documents: the combined tables' Frictionless descriptor and README (jixiao/opendata/datasets.py)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from jixiao.config import Site
from jixiao.opendata import combined, downloads, spreadsheet
from jixiao.opendata.combined import COMBINED
from jixiao.structure import labels, routes
from jixiao.structure.index import SiteIndex

XLSX_MAX_ROWS = combined.XLSX_MAX_ROWS
"""A year's workbook continues a longer table on 绩效指标（2）…; the all-years workbook is then not written."""


FOREIGN_KEYS = {
    "sources": [(["unit_id", "year"], "units", ["unit_id", "year"])],
    "evaluations": [
        (["unit_id", "year"], "units", ["unit_id", "year"]),
        (["unit_id", "year", "source_id"], "sources", ["unit_id", "year", "source_id"]),
    ],
    "budget_lines": [(["unit_id", "year", "evaluation_id"], "evaluations", ["unit_id", "year", "evaluation_id"])],
    "indicators": [(["unit_id", "year", "evaluation_id"], "evaluations", ["unit_id", "year", "evaluation_id"])],
}
"""How the combined tables join: every row's unit and year, evaluation and source exist in the table named."""


def descriptor(site: Site, years: list[int] | None = None, published: Iterable[str] | None = None) -> dict[str, object]:
    """A Frictionless descriptor for the combined CSVs (the portal's licence, as every package has).

    Each table is one resource, its all-years compressed CSV (frictionless reads gzip); the
    years' plain CSVs are listed in ``sources`` so a reader knows where each year is; the
    tables' joins are ``foreignKeys``.  ``published`` (``SiteIndex.all_years_files``): a year's CSV
    that ``year_csv_max_mb`` withheld is not listed.
    """
    shown = None if published is None else set(published)
    return {
        "profile": "tabular-data-package",
        "name": "jixiao-combined",
        "title": f"{site.data_title}合并数据集",
        "description": (
            f"{site.data_title}全部数据包合并成的整洁表：单位、来源文件、评价、预算安排及支出情况、绩效指标，每行一条记录，"
            "数字按原文照录（金额单位见 amount_unit）。跨评价合计请用 evaluations 表的 budget_wan、actual_wan，"
            "只取 in_totals 为 true 的行（见 README.md）。"
        ),
        "licenses": downloads.licenses(site),
        "sources": [
            {"title": "各单位公开的预算绩效自评材料（每行的原文见 sources 表，文本见 downloads/<package_id>/sources/）"}
        ],
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
                    {"title": f"{year} 年度（未压缩 CSV）", "path": f"{year}/{table.name}.csv"}
                    for year in years or []
                    if shown is None or routes.dataset_year_file(year, table.name, "csv") in shown
                ],
                "schema": {
                    "fields": [
                        {"name": c.name, "type": c.type, "title": c.title, "description": c.description}
                        for c in table.columns
                    ],
                    "primaryKey": list(table.primary_key),
                    **(
                        {
                            "foreignKeys": [
                                {"fields": own, "reference": {"resource": other, "fields": theirs}}
                                for own, other, theirs in FOREIGN_KEYS[table.name]
                            ]
                        }
                        if table.name in FOREIGN_KEYS
                        else {}
                    ),
                },
            }
            for table in COMBINED.values()
        ],
    }


def units_statement(index: SiteIndex) -> str:
    """The amount units the data holds, counted from each package's top budget lines (never assumed)."""
    by_unit: dict[str, list[str]] = {}
    for package in index.packages:
        units = {e.total_line.amount_unit for e in package.evaluations if e.total_line}
        for unit in sorted(units):
            by_unit.setdefault(unit, []).append(package.package_id)
    if not by_unit:
        return "金额按原文照录，单位见每行的 `amount_unit`（元或万元）。"
    parts = []
    for unit in sorted(by_unit, key=lambda u: (-len(by_unit[u]), u)):
        ids = by_unit[unit]
        listed = "：" + "、".join(f"`{i}`" for i in ids) if len(ids) <= 20 else ""
        parts.append(f"以{unit}印的 {len(ids)} 个{listed}")
    return (
        "金额按原文照录，单位随原表而不同，以每行的 `amount_unit` 为准（元或万元）。"
        f"本数据集中，数据包的金额{'；'.join(parts)}。"
    )


FAQ = (
    (
        "执行率最低的评价是哪些？",
        'ev = pd.read_csv("evaluations.csv.gz")\n'
        "known = ev[ev.total_known]\n"
        'lowest = known.nsmallest(10, "rate_computed")[["unit_name", "year", "title", "rate_computed"]]',
        "SELECT unit_name, year, title, budget_wan, actual_wan, rate_computed FROM evaluations\n"
        "WHERE total_known = 1\n"
        "ORDER BY rate_computed LIMIT 10;",
    ),
    (
        "哪些评价的总分低于 90 分？",
        'ev = pd.read_csv("evaluations.csv.gz")\n'
        "below = ev[ev.total_score < 90]\n"
        'below = below[["unit_name", "year", "title", "total_score", "total_weight", "grade"]]',
        "SELECT unit_name, year, title, total_score, total_weight, grade FROM evaluations\n"
        "WHERE total_score < 90\n"
        "ORDER BY total_score;",
    ),
    (
        "各省份各年度的预算和支出合计是多少？",
        'ev = pd.read_csv("evaluations.csv.gz")\n'
        "counted = ev[ev.in_totals]\n"
        'totals = counted.groupby(["province", "year"])[["budget_wan", "actual_wan"]].sum()',
        "SELECT province, year, SUM(budget_wan) AS budget_wan, SUM(actual_wan) AS actual_wan FROM evaluations\n"
        "WHERE in_totals = 1\n"
        "GROUP BY province, year;",
    ),
)
"""The three first questions a journalist asks: (question, three lines of pandas, three lines of SQL).

tests/test_journalist.py runs these exact lines on a built site's downloads."""


def faq_lines() -> list[str]:
    lines = [
        "## 常见问题 / how to total",
        "",
        "以下代码在下载的 `datasets/` 文件夹中运行（pandas：先 `import pandas as pd`；"
        "SQL：`sqlite3 jixiao.db`）。总分留空的评价（如自评报告）不会被当作 0 分；"
        "金额不明（`total_known` 为 false）的评价不计入合计，也不会被当作 0。",
    ]
    for question, pandas_lines, sql_lines in FAQ:
        lines += ["", f"### {question}", "", "```python", pandas_lines, "```", "", "```sql", sql_lines, "```"]
    return lines


def all_years_limit(site: Site, path: str) -> tuple[int, str]:
    """The size in bytes above which an all-years file is withheld, and the setting that says so.

    The workbook has a cap of its own (``all_years_xlsx_max_mb``, the smaller of the two wins):
    every row of it is also in the years' workbooks, so it is the first file a large portal drops.
    """
    limits = [(site.all_years_max_mb, "all_years_max_mb")]
    if path == routes.DATASETS_WORKBOOK:
        limits.append((site.all_years_xlsx_max_mb, "all_years_xlsx_max_mb"))
    megabytes, key = min(limits)
    return megabytes * 1_000_000, key


def missing_all_years(index: SiteIndex, counts: Mapping[str, int], site: Site) -> dict[str, str]:
    """The all-years files the build did not publish (site path → why), from ``index.all_years_files``."""
    published = index.all_years_files
    if published is None:
        return {}
    why = {}
    for path, name in ((routes.DATASETS_DATABASE, "数据库"), (routes.DATASETS_WORKBOOK, "工作簿")):
        if path in published:
            continue
        limit, key = all_years_limit(site, path)
        if limit == 0:
            why[path] = f"未生成全部年度的{name}（站点设置 {key} = 0）"
        elif path == routes.DATASETS_WORKBOOK and not combined.workbook_fits(counts):
            why[path] = f"有的表超过 Excel 一个工作表的 {combined.XLSX_MAX_ROWS} 行，不提供全部年度的{name}"
        else:
            why[path] = f"全部年度的{name}超过 {limit // 1_000_000} MB（站点设置 {key}），不发布"
    for year in sorted(index.by_year):
        for table in COMBINED.values():
            path = routes.dataset_year_file(year, table.name, "csv")
            if path in published:
                continue
            same = (
                f"同样的行在 {year}/{table.name}.json.gz、{year}/jixiao-{year}.xlsx 和全部年度的 {table.name}.csv.gz 中"
            )
            if site.year_csv_max_mb == 0:
                why[path] = f"未发布 {year} 年度{table.title}的未压缩 CSV（站点设置 year_csv_max_mb = 0；{same}）"
            else:
                why[path] = (
                    f"{year} 年度{table.title}的未压缩 CSV 超过 {site.year_csv_max_mb} MB"
                    f"（站点设置 year_csv_max_mb；{same}），不发布"
                )
    return why


def _all_years_rows(index: SiteIndex, counts: Mapping[str, int], site: Site) -> list[str]:
    missing = missing_all_years(index, counts, site)
    database, workbook = routes.DATASETS_DATABASE, routes.DATASETS_WORKBOOK
    rows = []
    if database in missing:
        rows.append(f"| `jixiao.db` | {missing[database]}；请用各年度的数据库 `<年度>/jixiao-<年度>.db.gz` | |")
    else:
        rows.append(
            "| `jixiao.db` | 全部年度的 SQLite 数据库（未压缩，下载后可直接用 `sqlite3 jixiao.db`、"
            "`datasette jixiao.db` 或 DB Browser 打开）：每张表一个 SQL 表（主键以 unit_id 开头，另有 year 索引），"
            "另有以中文表名命名、中文列名的视图，及视图“按省份年度合计” | |"
        )
    if workbook in missing:
        rows.append(f"| `jixiao.xlsx` | {missing[workbook]}；请用各年度的工作簿 `<年度>/jixiao-<年度>.xlsx` | |")
    else:
        rows.append(
            "| `jixiao.xlsx` | 全部年度的 Excel 工作簿，每张表一个工作表（中文表头，首行冻结），另有“说明”工作表 | |"
        )
    return rows


def readme(index: SiteIndex, counts: Mapping[str, int], site: Site) -> str:
    """What the combined download is, where every row came from and how to cite it."""
    first = index.packages[0] if index.packages else None
    example = labels.citation(first, first.evaluations[0], site.data_title) if first and first.evaluations else ""
    lines = [
        f"# {site.data_title}：合并数据集",
        "",
        f"本目录把站点上全部 {len(index.packages)} 个数据包（{len(index.by_unit)} 个单位、"
        f"{len(index.by_year)} 个年度）合并为 {len(COMBINED)} 张整洁表，每行一条记录。"
        "每张表的前 7 列相同：数据包、单位标识、单位名称、省份、所属地级市、所属县级地区、年度。",
        "",
        units_statement(index),
        "",
        "**合计请用 `evaluations` 表的 `budget_wan`、`actual_wan`（万元）并只取 `in_totals` 为 true 的行**，"
        "得到的就是站点各页的合计（见下文“常见问题”）。直接把 `budget` 列相加会把元和万元混在一起，"
        "把自评报告与它所附的项目表重复计入，并把金额不明的评价当作 0。",
        "",
        "## 文件",
        "",
        "每个年度一个文件夹 `<年度>/`，内有该年度的各表；另有每张表全部年度合在一起的压缩 CSV。"
        "某个数据包改动时，只有它所在年度的文件重新生成。",
        "",
        "| 文件 | 内容 | 行数（全部年度） |",
        "| --- | --- | --- |",
    ]
    lines += _all_years_rows(index, counts, site)
    withheld = missing_all_years(index, counts, site)
    years_csvs = [path for path in withheld if path.count("/") == 2]  # datasets/<year>/<table>.csv
    lines += [f"| `{path.removeprefix('datasets/')}` | {withheld[path]} | |" for path in years_csvs]
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
        "需要原文数字文本时请用 CSV 或 JSON。"
        "布尔列（total_known、in_totals）在 CSV 中为 true / false，JSON 中为 true / false，"
        "SQLite 中为 1 / 0（请写 `in_totals = 1`），Excel 中为 TRUE / FALSE。",
        "",
        "`*_wan` 列是唯一的换算：原文以元为单位的金额除以 10000（十进制精确计算，不四舍五入，"
        "如 250000.00 元 → 25.00 万元、215457.6 元 → 21.54576 万元），以万元为单位的照录。"
        "站点各页的合计、图表和本数据集用的是同一条规则（jixiao/structure/totals.py）。",
        "",
        *faq_lines(),
        "## 来源",
        "",
        "每一行都带有 `package_id`（数据包）以及 `source_id`、`source_title`（所据原文）；"
        "`package_id` 与 `source_id` 合起来在全部数据包中唯一，对应 `sources` 表的一行。"
        "`sources` 表列出每个原文的标题、发布单位、发布日期、网址（`url`，空表示原文未在检索范围内找到）"
        "和转录所据文件（`file`）。转录所据的原文文本随数据包发布在站点的 "
        "`downloads/<package_id>/sources/<file>`，其 SHA-256 见该数据包的 README 与 datapackage.json。"
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
