"""The 查询 page: read-only SQL over the all-years database (datasets/jixiao.db), run in the reader's browser.

The page is static.  site_src/query.js downloads the whole database file once (its size is
shown before, and a file above ``LARGE_DATABASE_BYTES`` is downloaded only when the reader
asks again), opens it with sql.js (SQLite compiled to WebAssembly, vendored from npm in
site_src/ with its licence) inside a Web Worker (site_src/query-worker.js), and answers
each query there: a query that runs longer than ``TIME_LIMIT_SECONDS``, or that the reader
cancels, ends with the worker.  The worker accepts only statements that read (SELECT, WITH,
VALUES; checked before SQLite prepares them, as some PRAGMAs act while prepared) and sets
``PRAGMA query_only``; the database lives in the worker's memory, so
nothing a query does reaches the file.  Results are written into the page as text.

Here: the page's context (``query_page``), the examples (questions journalists ask, each
with its SQL and a permalink) and the data dictionary of the tables and Chinese views
beside the editor, both from the combined tables' definitions (jixiao/opendata/combined.py),
so they cannot drift from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from jixiao.config import Config
from jixiao.opendata import combined, dataset_docs
from jixiao.opendata.datasets import TOTALS_VIEW
from jixiao.site import views
from jixiao.site.views import PageSpec, page_header
from jixiao.structure import routes
from jixiao.structure.index import SiteIndex

TIME_LIMIT_SECONDS = 30
"""A query still running after this long is stopped (its worker ended); the page stays responsive meanwhile."""
LARGE_DATABASE_BYTES = 50 * 1024 * 1024
"""Above this size the page names the size and downloads the database only after a second click."""
DISPLAY_ROWS = 1000
"""Rows shown in the results table; the CSV holds up to ``MAX_ROWS``."""
MAX_ROWS = 100_000
"""Rows a query may return to the page (the rest are counted as left out, not read)."""


@dataclass(frozen=True)
class Example:
    """A question with the SQL that answers it; ``slug`` is its anchor on the page."""

    slug: str
    title: str
    explanation: str
    sql: str

    @property
    def permalink(self) -> str:
        """The page's own address with the query in it (``?sql=``), as query.js writes permalinks."""
        return "?sql=" + quote(self.sql, safe="")


EXAMPLES = (
    Example(
        "under-90",
        "哪些评价的执行率不到 90%？",
        "执行率（计算）＝实际支出数 ÷ 全年预算数，由本站按原文金额计算；金额不明的评价此列为空，不会出现在结果里。"
        "换算为万元的金额可直接比较。",
        'SELECT "单位名称", "年度", "名称", "全年预算数（万元）", "实际支出数（万元）", "执行率（计算，%）"\n'
        'FROM "评价"\n'
        'WHERE "执行率（计算，%）" < 90\n'
        'ORDER BY "执行率（计算，%）";',
    ),
    Example(
        "under-90-two-years",
        "哪些单位连续两年执行率不到 90%？",
        "把每个单位每年计入合计的评价加总（in_totals = 1，自评报告不与其所附项目表重复计算），"
        "再把同一单位相邻两年的结果连起来。只有一个年度数据的单位不会出现。",
        "WITH per_year AS (\n"
        "  SELECT unit_id, unit_name, year,\n"
        "         ROUND(SUM(budget_wan), 6) AS budget_wan, ROUND(SUM(actual_wan), 6) AS actual_wan\n"
        "  FROM evaluations\n"
        "  WHERE in_totals = 1\n"
        "  GROUP BY unit_id, year\n"
        ")\n"
        "SELECT a.unit_name AS 单位名称, a.year AS 前一年, b.year AS 后一年,\n"
        "       ROUND(100.0 * a.actual_wan / a.budget_wan, 2) AS 前一年执行率,\n"
        "       ROUND(100.0 * b.actual_wan / b.budget_wan, 2) AS 后一年执行率\n"
        "FROM per_year AS a JOIN per_year AS b ON b.unit_id = a.unit_id AND b.year = a.year + 1\n"
        "WHERE a.actual_wan < 0.9 * a.budget_wan AND b.actual_wan < 0.9 * b.budget_wan\n"
        "ORDER BY a.unit_name, a.year;",
    ),
    Example(
        "satisfaction-full-marks",
        "哪些满意度指标没达到目标值，却得了满分？",
        "指标值与实际完成值都印成数字的满意度指标里（如“≥90%”记为 90），完成值低于指标值、得分却等于分值的行。"
        "指标值或完成值不是一个数字的行（如“≥98%”对“≥98%”）列不进来，请在绩效指标表中查看原文。",
        'SELECT "单位名称", "年度", "评价名称", "三级指标", "指标值", "实际完成值", "分值", "得分"\n'
        'FROM "绩效指标"\n'
        "WHERE (\"一级指标\" LIKE '%满意%' OR \"二级指标\" LIKE '%满意%')\n"
        '  AND "实际完成值（数）" < "指标值（数）"\n'
        '  AND "得分" >= "分值"\n'
        'ORDER BY "年度", "单位名称";',
    ),
    Example(
        "totals",
        "各省每年的预算和支出合计是多少？",
        "合计只取计入合计的评价（in_totals = 1），金额用换算为万元的 budget_wan、actual_wan："
        "原文有的以元、有的以万元印，自评报告重述其所附项目表的金额，金额不明的评价不是 0。"
        "ROUND(…, 6) 去掉浮点加法的尾差（万元金额至多 6 位小数）。"
        "结果与本站各页的合计相同，也可直接查视图“按省份年度合计”。",
        "SELECT province AS 省份, year AS 年度, COUNT(*) AS 评价数,\n"
        "       ROUND(SUM(budget_wan), 6) AS 全年预算数_万元,\n"
        "       ROUND(SUM(actual_wan), 6) AS 实际支出数_万元\n"
        "FROM evaluations\n"
        "WHERE in_totals = 1\n"
        "GROUP BY province, year\n"
        "ORDER BY year, province;",
    ),
    Example(
        "low-scores",
        "自评得分最低的 20 项评价",
        "总得分按原文照录（满分多为 100 分，少数表另有分值，见“总分值”）；原文未填得分的评价不列出。",
        'SELECT "单位名称", "年度", "名称", "评价类型", "总分值", "总得分", "绩效等级"\n'
        'FROM "评价"\n'
        'WHERE "总得分" IS NOT NULL\n'
        'ORDER BY "总得分", "单位名称"\n'
        "LIMIT 20;",
    ),
)


@dataclass(frozen=True)
class DictionaryTable:
    """A table of the database with its Chinese view: the view's column names are the columns' titles."""

    name: str
    view: str
    columns: tuple[tuple[combined.Column, str], ...]
    """Each column of the combined table, with how the database stores its type (``SQL_TYPE_NAMES``)."""


SQL_TYPE_NAMES = {"string": "文本", "date": "文本（日期）", "integer": "整数", "number": "数值", "boolean": "1 或 0"}


def dictionary() -> tuple[DictionaryTable, ...]:
    """Every table of jixiao.db with its view and columns, in the order the database defines them."""
    return tuple(
        DictionaryTable(
            table.name,
            table.title,
            tuple((column, SQL_TYPE_NAMES[column.type]) for column in table.columns),
        )
        for table in combined.COMBINED.values()
    )


TOTALS_VIEW_NAME = TOTALS_VIEW.split('"')[1]
"""The summary view of the database (按省份年度合计)."""


def query_page(config: Config, index: SiteIndex) -> PageSpec:
    """SQL over datasets/jixiao.db in the browser (this module); without JavaScript, the downloads.

    When the build did not publish jixiao.db (``all_years_max_mb``), the page says why, loads no
    script and points to the years' databases, where the examples run as well.
    """
    path = routes.QUERY
    missing = dataset_docs.missing_all_years(index, index.row_counts, config.site).get(routes.DATASETS_DATABASE, "")
    page = page_header(
        config,
        path,
        "查询",
        "用 SQL 查询全部年度的数据库：在浏览器中运行，附示例问题与数据字典。",
        [("首页", routes.HOME)],
        scripts=() if missing else (routes.href(path, routes.QUERY_JS),),
    )
    return PageSpec(
        path,
        "query.html",
        {
            "page": page,
            "database": views.Download("jixiao.db", routes.href(path, routes.DATASETS_DATABASE), "jixiao.db"),
            "missing": missing,
            "data_href": routes.href(path, routes.DATA),
            "worker_href": routes.href(path, routes.QUERY_WORKER_JS),
            "license_href": routes.href(path, routes.SQL_JS_LICENSE),
            "examples": EXAMPLES,
            "dictionary": dictionary(),
            "totals_view": TOTALS_VIEW_NAME,
            "time_limit": TIME_LIMIT_SECONDS,
            "large_bytes": LARGE_DATABASE_BYTES,
            "large_mb": LARGE_DATABASE_BYTES // (1024 * 1024),
            "display_rows": DISPLAY_ROWS,
            "max_rows": MAX_ROWS,
        },
    )
