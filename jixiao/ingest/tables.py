"""The canonical Table Schemas of a jixiao data package.

Every package under ``data/<unit-id>/<year>/`` carries these schemas inline in its
``datapackage.json``; validation insists they match, so a pull request cannot loosen
them by editing one package.  Titles and descriptions are in Chinese because they are
shown to readers in the data dictionary.
"""

from __future__ import annotations

import copy
from typing import Any

from jixiao.ingest.fields import (
    AMOUNT_UNITS,
    BUDGET_KINDS,
    EVALUATION_KINDS,
    FUNDING_KINDS,
    GRADES,
    ID_PATTERN,
    INDICATOR_NATURES,
    INDICATOR_STATUSES,
    NARRATIVE_SECTIONS,
    SCHEMA_VERSION,
    WEIGHT_TERMS,
    _amount,
    _count,
    _enum,
    _evaluation_ref,
    _id,
    _number,
    _text,
)

__all__ = [
    "AMOUNT_UNITS",
    "BUDGET_KINDS",
    "EVALUATION_KINDS",
    "FUNDING_KINDS",
    "GRADES",
    "ID_PATTERN",
    "INDICATOR_NATURES",
    "INDICATOR_STATUSES",
    "NARRATIVE_SECTIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "WEIGHT_TERMS",
    "header",
    "package_descriptor",
    "resource_descriptor",
]

UNIT = {
    "fields": [
        _id("unit_id", "单位标识", "单位的英文小写标识，与 data/ 下的目录名一致。"),
        _text("name", "单位名称", "原文所载的单位全称。", required=True),
        _text("region", "所属县级地区", "县、县级市或区，如 如皋市、弋阳县。", required=True),
        _text("prefecture", "所属地级市", "地级市，如 南通市、上饶市。"),
        _text("province", "省份", "省、自治区或直辖市，如 江苏省。", required=True),
        _text("supervisor", "主管部门", "原文所载的主管部门。"),
        _text("address", "地址", "原文所载的机构地址（如有）。"),
        _count("staff_total", "实有人数", "原文所载的实有人数（如有）。"),
        _count("staff_in_post", "在职（在编）人员", "原文所载的在职或在编人数（如有）。"),
        _count("staff_contract", "劳务人员", "原文所载的劳务或编外人数（如有）。"),
        _count("staff_retired", "退休人员", "原文所载的退休人数（如有）。"),
        _text("note", "备注", "转录说明。"),
    ],
    "primaryKey": ["unit_id"],
}

SOURCES = {
    "fields": [
        _id("source_id", "来源标识", "来源文件的标识。"),
        _text("title", "文件标题", "原文标题。", required=True),
        _text("publisher", "发布单位", "发布或填报单位。", required=True),
        {
            "name": "published",
            "type": "date",
            "title": "发布日期",
            "description": "原文落款或发布日期（如有），格式 YYYY-MM-DD。",
        },
        {
            "name": "url",
            "type": "string",
            "format": "uri",
            "title": "原文地址",
            "description": "原文网址（如已知）。",
        },
        _text("file", "转录所据文件", "转录所依据的文件名（PDF 提取文本）。", required=True),
        _text("note", "备注", "关于来源的说明。"),
    ],
    "primaryKey": ["source_id"],
}

EVALUATIONS = {
    "fields": [
        _id("evaluation_id", "评价标识", "本包内唯一；部门整体评价为 department。"),
        _id("unit_id", "单位标识", "评价所属单位，对应 unit.csv。"),
        {
            "name": "year",
            "type": "integer",
            "title": "年度",
            "description": "评价所针对的预算年度，与目录名一致。",
            "bareNumber": True,
            "constraints": {"required": True, "minimum": 2000, "maximum": 2100},
        },
        _enum(
            "kind",
            "评价类型",
            "department＝部门整体支出绩效自评，project＝项目支出绩效自评，report＝自评报告。",
            EVALUATION_KINDS,
            required=True,
        ),
        _id(
            "template",
            "表样",
            "原表所依的表样（模板族），如 national-project＝财政部项目支出绩效自评表，"
            "hebei-project＝河北省（权重占比、折算得分），见 CONTRIBUTING。",
            required=False,
        ),
        _text("title", "名称", "项目名称；部门整体评价为单位名称。", required=True),
        _text("form_title", "表名", "原文表格或报告的标题。", required=True),
        _text("form_number", "报表编号", "原文所载的报表编号（如有），如 表3-1。"),
        _text("project_code", "项目编码", "原文所载的项目编码（如有），如 51000021R000000019951，照录。"),
        _text("implementing_unit", "实施单位", "实施单位或填报单位。"),
        _text("supervisor", "主管部门", "原文所载的主管部门（如有）。"),
        _text("period_start", "实施开始", "项目实施开始时间（YYYY-MM，如有）。"),
        _text("period_end", "实施完成", "项目实施完成时间（YYYY-MM，如有）。"),
        _enum(
            "weight_term",
            "分值称谓",
            "原表对指标分值的称谓：分值 或 权重（空＝分值）。",
            WEIGHT_TERMS,
            required=False,
        ),
        _number("total_weight", "总分值", "评分表的总分值（合计/总分行）。"),
        _number("total_score", "总得分", "评分表的总得分（合计/总分行）。"),
        _enum("grade", "绩效等级", "原文所载的绩效等级（如有）。", GRADES, required=False),
        _id("source_id", "来源标识", "对应 sources.csv。"),
        _text("note", "备注", "转录说明。"),
    ],
    "primaryKey": ["evaluation_id"],
    "foreignKeys": [
        {"fields": ["unit_id"], "reference": {"resource": "unit", "fields": ["unit_id"]}},
        {"fields": ["source_id"], "reference": {"resource": "sources", "fields": ["source_id"]}},
    ],
}

BUDGET = {
    "fields": [
        _id("evaluation_id", "评价标识", "对应 evaluations.csv。"),
        _id("line_id", "行标识", "本评价内唯一，如 total、basic、project、item-1。"),
        _id("parent_id", "上级行", "上级行的 line_id；资金总额行为空。", required=False),
        {
            "name": "order",
            "type": "integer",
            "title": "顺序",
            "description": "在原表中的顺序（从 1 起）。",
            "bareNumber": True,
            "constraints": {"required": True, "minimum": 1},
        },
        _text("label", "名称", "原文的行名称，如 资金总额、基本支出、其中:财政拨款。", required=True),
        _enum(
            "kind",
            "行类型",
            "total＝资金总额，basic＝基本支出，project＝项目支出，item＝明细项目，fiscal＝财政拨款，other＝其他资金。",
            BUDGET_KINDS,
            required=True,
        ),
        _enum(
            "amount_unit",
            "金额单位",
            "原文金额的单位：万元 或 元。金额照录原文，合并表和图表中才换算为万元。",
            AMOUNT_UNITS,
            required=True,
        ),
        _amount("budget_initial", "年初预算数", "年初预算数（如有）。"),
        _amount("budget", "全年预算数", "全年预算数或调整后预算数。"),
        _amount("funds_received", "到位数", "资金到位数（如有）。"),
        _amount("actual", "实际支出数", "全年执行数、预算执行数或实际支出数。"),
        _number("rate_published", "执行率（%）", "原文所载的执行率，百分数，如 89.71。"),
        _number("share_published", "占比（%）", "原文所载的占总资金比例，百分数。"),
        _number("weight", "分值", "资金执行率的分值（如有）。"),
        _number("score", "得分", "资金执行率的得分（如有）。"),
        {
            "name": "ambiguous_amounts",
            "type": "string",
            "title": "列归属不明的金额",
            "description": "原文印在几列之下、无法判断各属哪一列的金额，按原文顺序以空格分隔，如 387664.62 387664.62；"
            "照录于此而不猜测归属，候选列本身留空。单位见 amount_unit。",
            "constraints": {"pattern": "^[0-9]+(\\.[0-9]+)?( [0-9]+(\\.[0-9]+)?)*$"},
        },
        _text(
            "ambiguous_columns",
            "可能所属的列",
            "ambiguous_amounts 所在的金额列名，按原表列序以空格分隔，如 budget_initial budget actual；"
            "列数须多于金额个数。",
        ),
        _text(
            "derived",
            "推算字段",
            "原文未直接载明、由转录者推算的字段名，以空格分隔，如 budget。",
        ),
        _text("note", "备注", "转录说明，如推算依据。"),
    ],
    "primaryKey": ["evaluation_id", "line_id"],
    "foreignKeys": [_evaluation_ref()],
}

INDICATORS = {
    "fields": [
        _id("evaluation_id", "评价标识", "对应 evaluations.csv。"),
        {
            "name": "row",
            "type": "integer",
            "title": "行号",
            "description": "指标在评分表中的顺序（从 1 起）。",
            "bareNumber": True,
            "constraints": {"required": True, "minimum": 1},
        },
        _text("level1", "一级指标", "一级指标名称，不含括号中的分值。", required=True),
        _number("level1_weight", "一级指标分值", "一级指标括号中的分值（如有）。"),
        _text("level2", "二级指标", "二级指标名称，不含括号中的分值。"),
        _number("level2_weight", "二级指标分值", "二级指标括号中的分值（如有）。"),
        _text("level3", "三级指标", "三级指标名称；原表的空白模板行为空。"),
        _enum(
            "nature",
            "指标性质",
            "原表的指标性质或指标值前的符号：=、≥、≤、>、<、定性（如有）。",
            INDICATOR_NATURES,
            required=False,
        ),
        _text("target", "指标值", "全年（年初）指标值，按原文照录。"),
        {
            "name": "target_value",
            "type": "number",
            "title": "指标值（数）",
            "description": "指标值中的数，如 ≥98% 记 98（原文载明时）。",
            "bareNumber": True,
        },
        _text("measure_unit", "度量单位", "指标值的度量单位，如 %、万元、人（原文载明时）。"),
        _text("actual", "实际完成值", "实际完成值，按原文照录。"),
        {
            "name": "actual_value",
            "type": "number",
            "title": "实际完成值（数）",
            "description": "实际完成值中的数（原文载明时），单位同度量单位。",
            "bareNumber": True,
        },
        _number(
            "weight",
            "分值",
            "本行的分值或权重（原表称谓见 evaluations.weight_term）；原表未印本行分值时留空（status 为 score_only）。",
        ),
        _number("weight_share", "权重占比（%）", "原表所载的权重占比，百分数（河北等表样）。"),
        _number("score", "得分", "本行的得分；原表得分空白时留空（status 为 weight_only）。"),
        _number("score_converted", "单项指标折算得分", "原表所载的单项指标折算得分（河北等表样）。"),
        _enum(
            "status",
            "计分状态",
            "scored＝计分，weight_only＝有分值但原表得分空白，score_only＝原表只印本行得分、未印本行分值，"
            "not_scored＝原表列出但未赋分值，"
            "empty＝原表的空白模板行。",
            INDICATOR_STATUSES,
            required=True,
        ),
        _text("basis", "评分依据", "评价要点及评分规则或评分依据（如有）。"),
        _text("deviation", "偏差原因", "偏差原因分析及改进措施（如有）。"),
        _text("note", "备注", "转录说明，如原文行序错位。"),
    ],
    "primaryKey": ["evaluation_id", "row"],
    "foreignKeys": [_evaluation_ref()],
}

STATED_SCORES = {
    "fields": [
        _id("evaluation_id", "评价标识", "分数所属的评价。"),
        _id("stated_in", "载于", "载明该分数的评价（如自评报告）。"),
        _text("scope", "范围", "一级指标名称，或 合计 表示总分。", required=True),
        _text("label", "原文表述", "原文中的表述，如 项目产出指标。", required=True),
        _number("weight", "分值", "原文所载分值（如有）。"),
        _number("score", "得分", "原文所载得分。"),
    ],
    "primaryKey": ["evaluation_id", "stated_in", "scope"],
    "foreignKeys": [
        _evaluation_ref(),
        {
            "fields": ["stated_in"],
            "reference": {"resource": "evaluations", "fields": ["evaluation_id"]},
        },
    ],
}

NARRATIVE = {
    "fields": [
        _id("evaluation_id", "评价标识", "叙述所属的评价。"),
        {
            "name": "order",
            "type": "integer",
            "title": "顺序",
            "description": "在原文中的顺序（从 1 起）。",
            "bareNumber": True,
            "constraints": {"required": True, "minimum": 1},
        },
        _enum("section", "类别", "叙述的类别。", NARRATIVE_SECTIONS, required=True),
        _text("title", "标题", "原文的小标题，如 主要成效。", required=True),
        {
            "name": "file",
            "type": "string",
            "title": "文件",
            "description": "包内 narrative/ 目录下的 Markdown 文件。",
            "constraints": {"required": True, "pattern": "^narrative/[a-z0-9-]+\\.md$"},
        },
    ],
    "primaryKey": ["evaluation_id", "order"],
    "foreignKeys": [_evaluation_ref()],
}

QUALITY = {
    "fields": [
        _id("evaluation_id", "评价标识", "不一致所在的评价。"),
        _text("resource", "表", "不一致所在的表，如 budget。", required=True),
        _text("ref", "行", "行标识：budget 为 line_id，indicators 为 row。", required=True),
        _text("field", "字段", "不一致所在的字段。", required=True),
        _text("code", "代码", "验证给出的代码，如 E-SUM。", required=True),
        _text("note", "说明", "原文如此的说明：原文写了什么，为何照录。", required=True),
    ],
    "primaryKey": ["evaluation_id", "resource", "ref", "field", "code"],
    "foreignKeys": [_evaluation_ref()],
}

TABLES: dict[str, dict[str, Any]] = {
    "unit": UNIT,
    "sources": SOURCES,
    "evaluations": EVALUATIONS,
    "budget": BUDGET,
    "indicators": INDICATORS,
    "stated_scores": STATED_SCORES,
    "narrative": NARRATIVE,
    "quality": QUALITY,
}
"""Resource name → Table Schema, in the order resources appear in a package."""

TABLE_TITLES = {
    "unit": "单位",
    "sources": "来源文件",
    "evaluations": "评价",
    "budget": "预算安排及支出情况",
    "indicators": "绩效指标",
    "stated_scores": "原文所载分项得分",
    "narrative": "叙述章节",
    "quality": "原文不一致说明",
}


def resource_descriptor(name: str) -> dict[str, Any]:
    """The datapackage.json entry for one table, with its schema inline."""
    return {
        "name": name,
        "title": TABLE_TITLES[name],
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": copy.deepcopy(TABLES[name]),
    }


LEGACY_LICENSES = [
    {
        "name": "CC0-1.0",
        "path": "https://creativecommons.org/publicdomain/zero/1.0/",
        "title": "CC0 1.0 (原文为政府公开信息)",
    }
]
"""The licence ``new`` wrote into every package before the portal's own (jixiao.toml) was used: not a
maintainer's choice, so ``upgrade`` removes it and the build publishes the portal's licence instead."""


def package_descriptor(unit_id: str, year: int, title: str, resources: bool = True) -> dict[str, Any]:
    """A complete datapackage.json for one unit and year (``resources=False``: without the table entries).

    No ``licenses``: the build publishes the portal's licence (jixiao.toml ``[license]``) unless a
    package declares its own ``licenses`` here.
    """
    return {
        "profile": "tabular-data-package",
        "schema_version": SCHEMA_VERSION,
        "name": f"{unit_id}-{year}",
        "title": title,
        "resources": [resource_descriptor(name) for name in TABLES] if resources else [],
    }


def header(name: str) -> list[str]:
    """The CSV header row of one table."""
    return [field["name"] for field in TABLES[name]["fields"]]
