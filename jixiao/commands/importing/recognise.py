"""Recognisers: a Grid → the forms it holds, one FormDraft each.

One recogniser per template family: the 财政部 项目支出绩效自评表 and 部门整体支出绩效自评表
and their regional variants (河北 到位数/权重占比/折算得分, 四川 权重/指标性质/度量单位,
上海 元).  They share the blocks (labelled fields, the funds table, the indicator table,
the total) because the variants differ in column headers, not in shape; the family
decides the template id and which labels name the evaluation.

Rule: a value is written only when its cell is found under its own header (or, in text,
in its place by order); anything else goes to ``FormDraft.unplaced`` with its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.commands.importing.blocks import read_budget, read_indicators
from jixiao.commands.importing.draft_model import HIGH, MEDIUM, FormDraft, Unplaced, Value
from jixiao.commands.importing.grid import Cell, Grid, clean, squeeze
from jixiao.commands.importing.runtogether import FORM_TITLE, looks_run_together, read_run_together
from jixiao.commands.importing.spaced import read_spaced


@dataclass(frozen=True)
class Family:
    """A template family: how its title reads and what it is called in evaluations.template."""

    template: str
    kind: str
    title: re.Pattern[str]


FAMILIES = (
    Family("national-department", "department", re.compile(r"部门整体支出绩效自我?评")),
    Family("sichuan-project", "project", re.compile(r"部门预算项目支出绩效自评表")),
    Family("national-project", "project", re.compile(r"项目支出绩效自评表")),
    Family("", "project", re.compile(r"项目支出绩效自评价情况表")),
    Family("national-project", "project", re.compile(r"绩效目标自评表")),
)
"""如皋's project form (情况表 then 评分表, one evaluation) has no template id of its own, as in data/; the
last is the national project form as 四川 衔接资金 projects title it (绩效目标自评表(2022年度))."""

FIELD_LABELS = {
    "项目名称": "title",
    "部门(单位)名称": "title",
    "单位名称": "title",
    "主管部门": "supervisor",
    "实施单位": "implementing_unit",
    "实施单位(盖章)": "implementing_unit",
    "填报单位": "implementing_unit",
}
TITLE_END = re.compile(r"表([(（][^)）]*[)）])?$")
YEAR_LINE = re.compile(r"[(（]\s*[0-9]{4}\s*年\s*度?\s*[)）]")
FORM_NUMBER = re.compile(r"报表编号[:：]\s*(\S+)")
PROJECT_CODE = re.compile(r"([0-9]{6,}[A-Z][0-9]{6,})-(.+)")


def _key(text: str) -> str:
    """A label as compared: no spaces, half-width brackets and colons, no trailing colon."""
    return squeeze(text).replace("（", "(").replace("）", ")").replace("：", ":").rstrip(":")


def recognise(grid: Grid) -> tuple[list[FormDraft], list[Unplaced]]:
    """Every form in the grid, and the rows that belong to none."""
    starts = _form_starts(grid)
    if not starts:
        inside = _title_inside(grid)
        if inside is not None:
            start, family = inside
            before = [Unplaced("不属于任何可识别的表", tuple(row)) for row in grid.rows[:start]]
            return [read_run_together(grid.rows[start:], family.kind, family.template)], [
                item for item in before if item.text
            ]
    outside = [Unplaced("不属于任何可识别的表", tuple(row)) for row in grid.rows[: starts[0][0] if starts else None]]
    forms = []
    for index, (start, family) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(grid.rows)
        forms.append(_recognise_form(grid, grid.rows[start:end], family))
    return forms, [item for item in outside if item.text]


def _title_inside(grid: Grid) -> tuple[int, Family] | None:
    """A form title inside a longer run of text (a whole form extracted as one line): where, and which family."""
    for index, row in enumerate(grid.rows):
        for cell in row:
            squeezed = squeeze(cell.text)
            for family in FAMILIES:
                match = family.title.search(squeezed)
                if match and "表" in squeezed[match.end() - 1 : match.end() + 4]:
                    return index, family
            if looks_run_together(cell.text):
                return index, Family("", "project", FORM_TITLE)  # a generic title (绩效目标自评表)
    return None


def _form_starts(grid: Grid) -> list[tuple[int, Family]]:
    """Rows where a form begins: its title, or the name label when the title was not extracted."""
    starts: list[tuple[int, Family]] = []
    pending_name = True
    for index, row in enumerate(grid.rows):
        for cell in row:
            family = _family_of_title(cell.text)
            if family:
                starts.append((index, family))
                pending_name = False
                break
            key = _key(cell.text)
            if key in ("项目名称", "部门(单位)名称") and pending_name:
                kind = "national-department" if key.startswith("部门") else "national-project"
                starts.append((index, next(f for f in FAMILIES if f.template == kind)))
                break
            if key in ("项目名称", "部门(单位)名称"):
                pending_name = True  # the next name label without a title starts a new form
                break
    return starts


def _family_of_title(text: str) -> Family | None:
    squeezed = squeeze(text)
    if len(squeezed) > 40 or not TITLE_END.search(squeezed):
        return None  # a sentence that mentions a form's name is not its title
    return next((family for family in FAMILIES if family.title.search(squeezed)), None)


def _recognise_form(grid: Grid, rows: list[list[Cell]], family: Family) -> FormDraft:
    form = FormDraft(kind=family.kind, template=family.template)
    used: set[int] = set()
    _title(form, rows, used)
    _labelled_fields(form, grid, rows, used)
    used |= read_budget(form, grid, rows)
    used |= read_indicators(form, grid, rows)
    used |= read_spaced(form, grid, rows)
    _goals(form, rows, used)
    for index, row in enumerate(rows):
        if index not in used and any(cell.text for cell in row):
            form.unplaced.append(Unplaced("未识别的行", tuple(cell for cell in row if cell.text)))
    return form


def _title(form: FormDraft, rows: list[list[Cell]], used: set[int]) -> None:
    for index, row in enumerate(rows[:3]):
        for cell in row:
            if _family_of_title(cell.text):
                title = clean(cell.text)
                following = next((c for c in rows[index + 1] if c.text), None) if index + 1 < len(rows) else None
                if following and YEAR_LINE.fullmatch(squeeze(following.text)) and not YEAR_LINE.search(title):
                    title += squeeze(following.text)
                    used.add(index + 1)
                form.fields["form_title"] = Value(title, cell, HIGH)
                used.add(index)
                return


def _labelled_fields(form: FormDraft, grid: Grid, rows: list[list[Cell]], used: set[int]) -> None:
    """项目名称、主管部门、实施单位…: the value is the next filled cell to the right of the label."""
    for index, row in enumerate(rows):
        for position, cell in enumerate(row):
            number = FORM_NUMBER.search(squeeze(cell.text))
            if number:
                form.fields["form_number"] = Value(number.group(1), cell, HIGH)
                used.add(index)
                continue
            label, inline = _split_label(cell.raw or cell.text)
            if label is None or cell.merged:
                continue
            name = FIELD_LABELS[label]
            if name in form.fields:
                continue
            value_cell, confidence = _value_right(row, position)
            if inline:
                value_cell, confidence = cell, MEDIUM
            if value_cell is None:
                continue
            text = inline or value_cell.text
            used.add(index)
            if name == "title" and (code := PROJECT_CODE.fullmatch(text)):
                form.fields["project_code"] = Value(code.group(1), value_cell, confidence)
                text = code.group(2)
            form.fields[name] = Value(clean(text), value_cell, confidence)


def _split_label(text: str) -> tuple[str | None, str]:
    """(label, value printed in the same cell) for a field label; (None, '') for anything else."""
    key = _key(text)
    if key in FIELD_LABELS:
        return key, ""
    for label in FIELD_LABELS:
        if key.startswith(label + ":") and len(key) > len(label) + 1:
            return label, clean(re.split(r"[:：]", text, maxsplit=1)[1])
        spaced = re.fullmatch(rf"\s*{re.escape(label)}\s+(\S.*)", text.replace("（", "(").replace("）", ")"))
        if spaced:
            value = clean(spaced.group(1))
            if any(_key(value).startswith(other) for other in FIELD_LABELS):
                return (
                    None,
                    "",
                )  # two labels run together (主管部门 实施单位 天长市水利局): whose value it is is unknown
            return label, value
    return None, ""


def _value_right(row: list[Cell], position: int) -> tuple[Cell | None, str]:
    for cell in row[position + 1 :]:
        if cell.text and not (cell.merged and cell.text == row[position].text):
            return (None, HIGH) if _split_label(cell.text)[0] else (cell, HIGH)
    return None, HIGH


def _goals(form: FormDraft, rows: list[list[Cell]], used: set[int]) -> None:
    """年度总体目标: the row under 预期目标 | 实际完成情况 holds the two texts."""
    for index, row in enumerate(rows[:-1]):
        keys = [_key(cell.text) for cell in row]
        if "预期目标" in keys and "实际完成情况" in keys:
            below = rows[index + 1]
            goal_at, actual_at = keys.index("预期目标"), keys.index("实际完成情况")
            by_col = {cell.col: cell for cell in below}
            for section, title, at in (("goals", "预期目标", goal_at), ("goals_actual", "实际完成情况", actual_at)):
                cell = by_col.get(row[at].col)
                if cell and cell.text and not cell.merged:
                    form.narrative.append((section, title, Value(cell.text, cell, HIGH)))
            if len(form.narrative) == 2:
                used.update({index, index + 1})
            return
