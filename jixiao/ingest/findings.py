"""Findings: what validation says about a package, each with a stable code.

A finding is an *error* (the build stops) or a *flag*: an inconsistency in the
published source itself, kept with the data and shown to readers.  Every code is
listed in ``CODES`` with a Chinese title and an explanation (Markdown); CONTRIBUTING.md's
table of codes is generated from ``CODES`` by cog (tests/test_lint.py fails when it is stale).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jixiao.config import workflow_command


class Severity(StrEnum):
    ERROR = "error"
    FLAG = "flag"


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    explanation: str
    acknowledgeable: bool = False
    """Whether quality.csv may record it as "published so" (it then becomes a flag)."""
    remedy: str = "修正"
    """What a contributor must do about an error that cannot be acknowledged (CONTRIBUTING's table)."""


CODES: dict[str, Code] = {
    code.code: code
    for code in [
        Code("E-JSON", "datapackage.json 无法解析", "文件不是合法的 JSON，或缺少必需的键。"),
        Code(
            "E-VERSION",
            "表结构版本过旧",
            "datapackage.json 的 schema_version 低于当前版本（或缺失）；运行 `python build.py upgrade` 改写后再验证。",
        ),
        Code("E-SCHEMA", "表结构与规范不符", "包内的 Table Schema 必须与 jixiao/ingest/tables.py 一致。"),
        Code(
            "E-PATH",
            "路径不合规",
            "资源路径必须是包内的简单相对路径（不得是 URL、绝对路径，不得含 .. 或反斜杠）；"
            "data/ 下的文件夹须为 <单位标识>/<四位年份>/；名称不得是 Windows 的设备名（CON、NUL、COM1 等），"
            "同一文件夹中的名称不得只差大小写（Windows、macOS 不区分大小写）。",
        ),
        Code(
            "E-MISSING-FILE", "文件缺失", "datapackage.json 或叙述所列文件不存在，或数据包文件夹缺少 datapackage.json。"
        ),
        Code("E-SYMLINK", "符号链接", "data/ 中的任何符号链接都不会被读取：请放入真实的文件或文件夹。"),
        Code(
            "E-UNLISTED",
            "未列出的文件",
            "数据包文件夹中只能有 datapackage.json、它列出的 CSV 和 narrative.csv 列出的叙述文件；其他文件不会发布。",
        ),
        Code("E-SIZE", "文件过大", "单个文件超过大小上限（默认 8 MiB，可用环境变量 JIXIAO_MAX_FILE_BYTES 调整）。"),
        Code(
            "E-TEXT",
            "文本含控制字符或格式不符",
            "单元格不得含控制字符（叙述中的制表符与换行除外），标识须整体符合格式。",
        ),
        Code("E-URL", "网址不合规", "网址只能以 http:// 或 https:// 开头。"),
        Code(
            "E-MARKDOWN",
            "叙述 Markdown 过大或嵌套过深",
            "叙述文件不超过 50000 字符，每行不超过 10000 字符，括号未闭合或引用嵌套不超过 8 层，表格不超过 64 列"
            "（超出时渲染会极慢）。",
        ),
        Code(
            "E-ENCODING",
            "编码错误",
            "CSV、JSON 与 Markdown 必须是 UTF-8（开头的 BOM 可有可无，行尾 CRLF 或 LF 均可）；GBK/GB18030 会被拒绝，"
            "消息说明如何在 Excel、WPS 中另存为 UTF-8。",
        ),
        Code("E-HEADER", "表头不符", "缺少或多出列，或列的顺序与规范不同。"),
        Code("E-ROW", "行结构错误", "某行的单元格数与表头不符。"),
        Code(
            "E-NUMBER",
            "数字格式错误",
            "数字必须是半角、无空格、无单位、无千分位的纯数字，如 93116.21；整数不超过 9007199254740991，"
            "金额整数部分不超过 15 位。",
        ),
        Code("E-TYPE", "类型或约束不符", "Frictionless 按 Table Schema 检查出的类型、必填、枚举、范围错误。"),
        Code("E-KEY", "主键或外键错误", "主键重复，或引用了不存在的评价、单位、来源。"),
        Code("E-ID", "标识与目录不一致", "unit_id、year 和包名必须与 data/<unit-id>/<year>/ 一致。"),
        Code("E-PARENT", "上级行不存在", "budget.csv 的 parent_id 必须指向同一评价中的行。"),
        Code(
            "E-SUM",
            "明细合计与总数不符",
            "下级行（基本支出+项目支出、各明细项目、财政拨款+其他资金）之和与上级行相差超过 0.01 万元。",
            acknowledgeable=True,
        ),
        Code(
            "E-RATE",
            "执行率与实际/预算不符",
            "原文执行率与 实际支出数 ÷ 全年预算数 不符（按原文小数位的舍入误差内）。",
            acknowledgeable=True,
        ),
        Code(
            "E-SCORE-ABOVE-WEIGHT",
            "得分高于分值",
            "某行得分超过其分值；或 `score_only` 各行得分之和超过所属一级、二级指标括号中的分值。",
            acknowledgeable=True,
        ),
        Code(
            "E-WEIGHT-SUM",
            "分值合计不符",
            "三级指标分值之和与所属二级、一级指标括号中的分值不符。",
            acknowledgeable=True,
        ),
        Code(
            "E-WEIGHT-TOTAL",
            "总分值不符",
            "各指标行分值之和（原表计入资金行时加资金行）与评分表的合计/总分不符；得分空白的表也核对。",
            acknowledgeable=True,
        ),
        Code(
            "E-SCORE-TOTAL",
            "总得分不符",
            "各指标行得分之和（原表计入资金行时加资金行）与评分表的合计/总分不符；信息写明合计了哪些行。",
            acknowledgeable=True,
        ),
        Code("E-GRADE", "等级与得分不符", "绩效等级与所在地区的分档不符。", acknowledgeable=True),
        Code(
            "E-STATED",
            "文中分数与评分表不符",
            "报告或叙述中写明的分项分值、得分与评分表合计不符。",
            acknowledgeable=True,
        ),
        Code(
            "E-INDICATOR",
            "指标行不完整",
            "计分行须有分值和得分；weight_only 行须有分值、不得有得分；score_only 行须有得分、不得有分值；"
            "未计分行和空白模板行都不得有。",
        ),
        Code("E-DERIVED", "推算字段名无效", "derived 列只能列出 budget.csv 的金额或比率字段名。"),
        Code(
            "E-AMBIGUOUS",
            "列归属不明写法有误",
            "ambiguous_amounts 与 ambiguous_columns 须同时填写，列数多于金额个数；列名只能是金额列，且这些列本身留空。",
        ),
        Code(
            "E-DRAFT",
            "导入草稿未核对",
            "`build.py import` 写出的草稿：`review.csv` 中 `status` 仍为 `待核对` 的字段（附原表位置与原文）。"
            "对照原表核对或改正后把 `status` 改为 `已核对`／`已改正`／`已处理`；"
            "全部核对后可删除 `review.csv` 与 datapackage.json 的 `draft`。见“从原表导入”。",
            remedy="核对",
        ),
        Code("E-QUALITY", "不一致说明无对应", "quality.csv 中的说明没有对应的验证结果（已修正或写错了行）。"),
        Code("F-ACKNOWLEDGED", "原文不一致（已核对）", "原文数字本身不一致，已核对并照录，见说明。"),
        Code("F-OVER-BUDGET", "支出超过预算", "实际支出数大于全年预算数。"),
        Code(
            "F-FULL-MARKS-MISSED",
            "未达目标仍得满分",
            "实际完成值未达到指标值，却给了满分。",
        ),
        Code(
            "F-FUNDS-EXCLUDED",
            "资金得分未计入总分",
            "项目资金行有分值和得分，但评分表总分只合计了指标行。",
        ),
        Code("F-DERIVED", "原文未载明的数字", "原文未直接载明此数字，由转录者按原文推算。"),
        Code(
            "F-AMBIGUOUS",
            "金额所属列不明",
            "原文印在几列之下、无法判断各属哪一列的金额，照录而不猜测归属。",
        ),
        Code(
            "F-REPORT-TOTAL",
            "报告合计与所附各表不符",
            "自评报告所载的预算或执行合计，与同一包内各项目表之和（按报告小数位）不同。",
        ),
    ]
}


NEXT_STEP_WORDS = ("请", "运行", "改为", "删除", "另存")
"""A message holding one of these already says what to do next."""


@dataclass(frozen=True)
class Finding:
    """One thing validation says, located as precisely as the input allows."""

    code: str
    file: str
    message: str
    line: int | None = None
    field: str | None = None
    evaluation_id: str | None = None
    resource: str | None = None
    ref: str | None = None
    severity: Severity = Severity.ERROR

    def text(self) -> str:
        """The plain-words line printed to the terminal, e.g. ``… 第5行 actual: … (E-SUM)``."""
        where = self.file
        if self.line is not None:
            where += f" 第{self.line}行"
        if self.field:
            where += f" {self.field}"
        return f"{where}: {self.message}{self.next_step()} ({self.code})"

    def next_step(self) -> str:
        """What to do next, for an error whose message does not already say it ("请…", "运行…")."""
        if not self.is_error or any(word in self.message for word in NEXT_STEP_WORDS):
            return ""
        if CODES[self.code].acknowledgeable:
            return "；请对照原表核对转录，原文确实如此就照录，并在 quality.csv 加一行说明（CONTRIBUTING.md 第四节）"
        return f"；请改正后重新运行 validate（{self.code} 的含义见 CONTRIBUTING.md 第五节）"

    def annotation(self) -> str:
        """A GitHub Actions workflow command pointing at the file and line.

        Everything from data is escaped by the workflow-command rules, the file name
        included: a name holding a newline and ``::notice …`` (or ``::stop-commands::``)
        stays one annotation and cannot forge or hide others.
        """
        kind = "error" if self.severity is Severity.ERROR else "notice"
        title = f"{self.code} {CODES[self.code].title}"
        return workflow_command(kind, {"file": self.file, "line": self.line, "title": title}, self.text())

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
