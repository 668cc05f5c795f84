"""The 如皋 layouts in text extracted with spaces only between cells: only what their shape decides.

如皋's forms reach sources/ as PDF text with no ``|`` or tab: a table line is one run of words.
Most of it cannot be placed (names wrap over lines and fall out of order), so it stays on the
review list.  Three shapes are decided by the form itself:

- the department form's funds table, headed ``全年预算数 实际支出数``: a line of a label and as many
  amounts as the header has columns, each printed with its unit (``989.34 万元 989.33 万元``); a line of
  the amounts alone (its label wrapped onto the lines above) keeps them, the label left for review;
- the project 评分表's indicator lines, headed ``年初指标值 实际完成值 权重 得分 评分依据``: a 三级指标
  name, its target and actual, then 权重 and 得分 as numbers (评分依据, last, blank), after a national
  二级指标 name when the line begins with one; 一级指标 and other 二级指标 names, printed on lines of
  their own, are left for review;
- the 合计／总计 line: two numbers under 分值（权重） and 得分, in the order the header prints them.
"""

from __future__ import annotations

import dataclasses
import re

from jixiao.commands.importing.blocks import AMOUNT_COLUMNS, BUDGET_COLUMNS, budget_line, line_kind, set_parents
from jixiao.commands.importing.draft_model import MEDIUM, NONE, PLACEHOLDER, FormDraft, Value
from jixiao.commands.importing.grid import Cell, Grid, Unreadable, figure, squeeze

AMOUNT = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?)\s*(万元|元)")
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
PROJECT_HEADER = ("年初指标值", "实际完成值", "权重")
TOTAL = re.compile(r"(合计|总计|总分)\s+(-?[0-9]+(?:\.[0-9]+)?)\s+(-?[0-9]+(?:\.[0-9]+)?)")
LEVEL_NAME = 4
"""Characters a line of a 一级／二级指标 name holds at most in these forms (``项目立项``, ``可持续影``); a longer
line next to an indicator line may be a piece of its wrapped 三级指标 name."""
WRAPPED_LABEL = 2
"""Lines a funds label may wrap over before the line of its amounts."""


def read_spaced(form: FormDraft, grid: Grid, rows: list[list[Cell]]) -> set[int]:
    """What the 如皋 shapes decide in a text grid whose lines are single cells; the rows used."""
    if grid.exact:
        return set()
    lines = [_printed(row[0]) if len(row) == 1 else None for row in rows]
    used: set[int] = set()
    if not form.budget:
        used |= _budget(form, lines)
    if not form.indicators:
        used |= _indicators(form, lines)
    if "total_weight" not in form.fields:
        used |= _total(form, lines)
    return used


def _printed(cell: Cell) -> Cell:
    """The cell with its text as extracted: the cleaner joins words between Chinese characters (a PDF's
    wrap), but here a space is all that separates two cells."""
    text = (cell.raw or cell.text).replace("\u3000", " ").strip()
    return dataclasses.replace(cell, text=text)


def _budget(form: FormDraft, lines: list[Cell | None]) -> set[int]:
    header = next((k for k, cell in enumerate(lines) if cell and _budget_header(cell.text)), None)
    if header is None:
        return set()
    header_cell = lines[header]
    assert header_cell is not None
    columns = _budget_header(header_cell.text)
    used, pending, items = {header}, 0, 0
    for index in range(header + 1, len(lines)):
        cell = lines[index]
        if cell is None:
            break
        label, amounts = _amounts(cell.text, len(columns))
        if amounts is None:
            pending += 1
            if pending > WRAPPED_LABEL or not form.budget:
                break
            continue  # a piece of a label that wrapped: the lines go to review
        if label is None and not (pending and form.budget and form.budget[-1]["kind"].value in ("project", "item")):
            break
        kind = line_kind(label) if label else None
        if kind is None:
            if not form.budget or form.budget[-1]["kind"].value not in ("project", "item"):
                break
            items += 1
            kind = ("item", f"item-{items}")
        pending = 0
        used.add(index)
        _budget_amounts(form, cell, label, kind, columns, amounts)
    set_parents(form.budget)
    return used


def _budget_header(text: str) -> list[str]:
    """The columns of a funds header printed as one line of words (``全年预算数 实际支出数``), else []."""
    words = text.split()
    columns = [next((name for fragment, name in BUDGET_COLUMNS if fragment in word), "") for word in words]
    if len(words) < 2 or "" in columns or len(set(columns)) != len(columns):
        return []
    return columns if "actual" in columns and {"budget", "budget_initial"} & set(columns) else []


def _amounts(text: str, count: int) -> tuple[str | None, list[tuple[str, str]] | None]:
    """(label or None, [(number, unit)] × count) of a funds line, or (None, None) when it is not one."""
    found = list(AMOUNT.finditer(text))
    if len(found) != count or text[found[-1].end() :].strip():
        return None, None
    for before, after in zip(found, found[1:], strict=False):
        if text[before.end() : after.start()].strip():
            return None, None
    label = text[: found[0].start()].strip()
    if label and (NUMBER.fullmatch(squeeze(label)) or AMOUNT.search(label)):
        return None, None
    return label or None, [(match.group(1), match.group(2)) for match in found]


def _budget_amounts(
    form: FormDraft,
    cell: Cell,
    label: str | None,
    kind: tuple[str, str],
    columns: list[str],
    amounts: list[tuple[str, str]],
) -> None:
    if len({unit for _number, unit in amounts}) != 1:
        return
    labelled = Cell(cell.row, cell.col, label or PLACEHOLDER, cell.where)
    line = budget_line(form, labelled, kind[0], kind[1], None, len(form.budget) + 1)
    if label is None:
        note = "名称折行印在上面的行中（见待核对清单），请对照原表填写"
        line["label"] = Value(PLACEHOLDER, cell, NONE, note)
    note = "原文单元格之间只有空格：金额按表头的列序读出，每个金额都印有单位"
    for name, (number, _unit) in zip(columns, amounts, strict=True):
        if name in AMOUNT_COLUMNS:
            line[name] = Value(number, cell, MEDIUM, note)
    line["amount_unit"] = Value(amounts[0][1], cell, MEDIUM, f"金额后印有“{amounts[0][1]}”")
    if kind[0] == "item":
        line["parent_id"] = Value("project", cell, MEDIUM, "列在项目支出之下的明细项目")
    form.budget.append(line)


def _indicators(form: FormDraft, lines: list[Cell | None]) -> set[int]:
    """The project 评分表's indicator lines that its shape decides (see the module's note)."""
    used: set[int] = set()
    header = None
    for index, cell in enumerate(lines):
        if cell is None:
            continue
        words = cell.text.split()
        if words[: len(PROJECT_HEADER)] == list(PROJECT_HEADER):
            header = index
            used.add(index)
            continue
        if header is None:
            continue
        if TOTAL.fullmatch(cell.text.strip()):
            break  # one table a form: a later 评分表 belongs to a form whose title was not recognised
        line = _indicator(cell, words)
        if line is not None and _alone(lines, index):
            used.add(index)
            line["row"] = Value(str(len(form.indicators) + 1), cell, MEDIUM)
            form.indicators.append(line)
    return used


LEVEL2_NAMES = {"数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标"}
LEVEL2_NAMES |= {"可持续影响指标", "满意度指标", "服务对象满意度指标"}
"""The national template's 二级指标: a line that begins with one and has one word more is that 二级指标's
first line (``质量指标 质量达标率 100% 100% 5 5``); no 三级指标 name starts with one and a space."""


def _indicator(cell: Cell, words: list[str]) -> dict[str, Value] | None:
    level2 = words[0] if len(words) == 6 and words[0] in LEVEL2_NAMES else None
    if level2:
        words = words[1:]
    if len(words) != 5 or not all(NUMBER.fullmatch(word) for word in words[3:]):
        return None
    name, target, actual, weight, score = words
    if NUMBER.fullmatch(name.rstrip("%")) or any(word in name for word in ("指标值", "完成值", "权重", "得分")):
        return None
    note = "原文单元格之间只有空格：三级指标、年初指标值、实际完成值、权重、得分按表头的列序读出"
    level = "一级、二级指标名称在提取的文本中印在别的行，与本行错位，请对照原表填写"
    line = {
        "level1": Value(PLACEHOLDER, cell, NONE, level),
        "level2": Value(PLACEHOLDER, cell, NONE, level),
        "level3": Value(name, cell, MEDIUM, note),
        "target": Value(target, cell, MEDIUM, note),
        "actual": Value(actual, cell, MEDIUM, note),
        "weight": Value(weight, cell, MEDIUM, note),
        "score": Value(score, cell, MEDIUM, note),
    }
    if level2:
        line["level2"] = Value(level2, cell, MEDIUM, "本行开头印的二级指标名称（国家表样的二级指标之一）")
    line["status"] = Value("scored", cell, MEDIUM)
    return line


def _alone(lines: list[Cell | None], index: int) -> bool:
    """No piece of a wrapped name next to the line: the lines around it are indicator lines, level names
    (short) or none — a long text line beside it may be part of its 三级指标 name."""
    for step in (-1, 1):
        at = index + step
        neighbour = lines[at] if 0 <= at < len(lines) else None
        if neighbour is None:
            continue
        words = neighbour.text.split()
        if len(words) >= 5 or TOTAL.fullmatch(neighbour.text.strip()):
            continue
        if len(squeeze(neighbour.text)) > LEVEL_NAME:
            return False
    return True


def _total(form: FormDraft, lines: list[Cell | None]) -> set[int]:
    """合计／总计 with two numbers, after an indicator header that prints 分值 or 权重 before 得分."""
    seen = ""
    for index, cell in enumerate(lines):
        if cell is None:
            continue
        text = squeeze(cell.text)
        if "一级指标" in text or "年初指标值" in text or seen:
            seen += text
        match = TOTAL.fullmatch(cell.text.strip())
        if not match or not seen:
            continue
        weight_at = min((seen.find(word) for word in ("分值", "权重") if word in seen), default=-1)
        if weight_at < 0 or "得分" not in seen[weight_at:]:
            return set()
        try:
            weight, score = figure(match.group(2)), figure(match.group(3))
        except Unreadable:
            return set()
        note = "原文单元格之间只有空格：合计行的两个数按表头的次序读作分值、得分"
        if weight is not None and score is not None:
            form.fields["total_weight"] = Value(weight.value, cell, MEDIUM, note)
            form.fields["total_score"] = Value(score.value, cell, MEDIUM, note)
            return {index}
    return set()
