"""The two tables every template family has: the funds table and the indicator table (with its total).

Columns are found by their header text, so a variant that adds 到位数 or 权重占比 needs no
new code.  A row whose cells do not sit under the headers is not read at all: its cells
go to the review list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.commands.importing.draft_model import HIGH, LOW, MEDIUM, NONE, PLACEHOLDER, FormDraft, Unplaced, Value
from jixiao.commands.importing.grid import Cell, Grid, Unreadable, clean, figure, squeeze
from jixiao.commands.importing.pagebreaks import across_page_breaks

BUDGET_COLUMNS = (
    ("年初预算", "budget_initial"),
    ("调整后预算", "budget"),
    ("全年预算", "budget"),
    ("到位数", "funds_received"),
    ("执行率", "rate_published"),
    ("执行数", "actual"),
    ("全年执行", "actual"),
    ("实际支出", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
)
"""Header text fragment → budget.csv column, first match wins."""

BUDGET_LINES = (
    ("年度资金总额", "total", "total"),
    ("年度财政资金总额", "total", "total"),
    ("资金总额", "total", "total"),
    ("总额", "total", "total"),
    ("当年财政拨款", "fiscal", "fiscal"),
    ("本年财政拨款", "fiscal", "fiscal"),
    ("财政拨款", "fiscal", "fiscal"),
    ("财政资金", "fiscal", "fiscal"),
    ("上年结转资金", "carryover", "carryover"),
    ("财政专户管理资金", "special_account", "special-account"),
    ("单位资金", "unit_funds", "unit-funds"),
    ("其他资金", "other", "other"),
    ("其它资金", "other", "other"),
    ("基本支出", "basic", "basic"),
    ("项目支出", "project", "project"),
)
"""Printed line label (without 其中：) → (kind, line_id)."""

INDICATOR_COLUMNS = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "level3"),
    ("指标性质", "nature"),
    ("度量单位", "measure_unit"),
    ("实际完成值", "actual"),
    ("完成值", "actual"),
    ("实际值", "actual"),
    ("指标值", "target"),
    ("年度指标", "target"),
    ("权重占比", "weight_share"),
    ("折算得分", "score_converted"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
    ("评分依据", "basis"),
    ("偏差", "deviation"),
    ("原因", "deviation"),
)
NUMERIC_INDICATOR = ("weight", "weight_share", "score", "score_converted")
TOTAL_LABELS = {"总分", "合计", "总计", "合计得分"}
BLOCK_LABELS = {"", "绩效指标", "绩效目标", "项目绩效指标"}
"""What the left-most column of an indicator table may print besides the header's own columns."""
LEVEL1_WORDS = re.compile(r".*指标|决策|过程|履职|产出|效益|满意度")
"""一级指标 names of the national templates; in text, a first-level cell that reads otherwise is out of place."""
UNIT_PATTERN = re.compile(r"[(（]\s*(万元|元)\s*[)）]|单位\s*[:：]\s*(万元|元)")
WEIGHT_IN_NAME = re.compile(r"^(.+?)[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分?\s*[)）]$")
PREFIX = re.compile(r"^其中\s*[:：]\s*")
NATURES = {"=": "=", "＝": "=", "═": "=", "≥": "≥", "≧": "≥", ">=": "≥", "≤": "≤", "≦": "≤", "<=": "≤"}
NATURES |= {">": ">", "<": "<", "定性": "定性"}
SPLIT = re.compile(r"(>=|<=|≥|≤|≧|≦|=|＝|═|>|<)?(-?[0-9]+(?:\.[0-9]+)?)([^0-9.\s]{0,6})")
BARE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _columns(row: list[Cell], table: tuple[tuple[str, str], ...], copies: bool = False) -> dict[int, str]:
    """Position in the row → column name, for header cells that name one (with ``copies``, every column a
    merged header cell covers)."""
    found: dict[int, str] = {}
    for position, cell in enumerate(row):
        text = squeeze(cell.text)
        for fragment, name in table:
            if fragment in text and (copies or not (cell.merged and position and row[position - 1].text == cell.text)):
                found[position] = name
                break
    return found


def read_budget(form: FormDraft, grid: Grid, rows: list[list[Cell]]) -> set[int]:
    """The funds table: a header with 年初预算/全年预算 and 执行数, then lines named by BUDGET_LINES."""
    for index, row in enumerate(rows):
        if grid.exact:
            columns = _columns(row, BUDGET_COLUMNS, copies=True)
        else:
            columns = _columns(row, BUDGET_COLUMNS)
        if "actual" in columns.values() and {"budget", "budget_initial"} & set(columns.values()):
            if grid.exact:
                return _budget_by_geometry(form, rows, index, HIGH)
            trial = FormDraft(form.kind, form.template)
            used = _budget_by_geometry(trial, rows, index, MEDIUM)
            labels = {line["label"].cell.col for line in trial.budget if line["label"].cell}
            full = all(len(rows[at]) >= len(row) for at in used)
            if trial.budget and not trial.unplaced and len(labels) == 1 and full:
                # extracted text that kept the table's columns (tabs in place): every amount sits under a header
                form.budget += trial.budget
                return used
            return _budget_rows(form, rows, index, columns, grid.exact)
    return set()


def _amount_unit(rows: list[list[Cell]], index: int) -> tuple[str, Cell] | None:
    """The unit printed in the funds header (项目资金（万元）) or in a note above the table (单位：万元)."""
    for row in [*rows[max(0, index - 1) : index + 2], *reversed(rows[: max(0, index - 1)])]:
        for cell in row:
            match = UNIT_PATTERN.search(cell.text)
            if match:
                return match.group(1) or match.group(2), cell
    return None


def _is_number(text: str) -> bool:
    try:
        return figure(text) is not None
    except Unreadable:
        return False


def _is_amount(text: str) -> bool:
    try:
        return figure(text.rstrip("%％"), units=True) is not None
    except Unreadable:
        return False


def _header_zone(rows: list[list[Cell]], header: int) -> tuple[int, int]:
    """The rows a funds header takes: one more above when its cells continue a merged cell from there
    (预算数 over 年初/全年), and the rows below that hold only header words or merged copies."""
    top = header
    if header and any(cell.merged and cell.text for cell in rows[header]):
        above = rows[header - 1]
        if not any(line_kind(c.text) or _is_number(c.text) for c in above):
            top = header - 1
    bottom = header
    while bottom + 1 < len(rows) and bottom - header < 2:
        below = rows[bottom + 1]
        if any((line_kind(c.text) and not c.merged) or _is_number(c.text) for c in below):
            break
        bottom += 1
    return top, bottom


def _budget_by_geometry(form: FormDraft, rows: list[list[Cell]], header: int, sure: str) -> set[int]:
    """The funds table of a real grid: each amount belongs to the header column it lies under.

    A header two or three rows tall is read as one (the lowest header word above a column names it);
    cells that continue a merged cell are copies, never a second value; a line after 项目支出 whose
    label is not a known line is a 明细项目 (kind item) while its cells sit under amount columns."""
    top, bottom = _header_zone(rows, header)
    names: dict[int, str] = {}
    for index in range(bottom, top - 1, -1):
        for position, name in _columns(rows[index], BUDGET_COLUMNS, copies=True).items():
            names.setdefault(position, name)
    used = set(range(top, bottom + 1))
    unit = _amount_unit(rows, header)
    seen: dict[str, int] = {}
    label_col: int | None = None
    for index in range(bottom + 1, len(rows)):
        row = rows[index]
        found = _line_label(row, label_col, names, form.budget)
        if found is None:
            if any(line_kind(cell.text) for cell in row):
                used.add(index)
                continue  # a merged copy of a label already read
            break
        label_col, (kind, line_id) = found
        used.add(index)
        label_cell = row[label_col]
        line = budget_line(form, label_cell, kind, _numbered(seen, line_id), unit, len(form.budget) + 1)
        if kind == "item":
            line["parent_id"] = Value("project", label_cell, MEDIUM, "列在项目支出之下的明细项目")
        _amounts_under(form, line, row, label_col, names, sure)
        form.budget.append(line)
    set_parents(form.budget)
    return used


def _line_label(
    row: list[Cell], label_col: int | None, names: dict[int, str], lines: list[dict[str, Value]]
) -> tuple[int, tuple[str, str]] | None:
    """(position, (kind, line_id)) of a funds line's label: a known line's, else a 明细项目's, else None."""
    for position, cell in enumerate(row):
        kind = None if cell.merged else line_kind(cell.text)
        if kind is not None:
            return position, kind
    detail = _detail_label(row, label_col, names, lines)
    if detail is None:
        return None
    items = sum(1 for line in lines if line["kind"].value == "item")
    return detail, ("item", f"item-{items + 1}")


def _numbered(seen: dict[str, int], line_id: str) -> str:
    """A line id, with -2, -3 … when the form prints the same line again."""
    seen[line_id] = seen.get(line_id, 0) + 1
    return f"{line_id}-{seen[line_id]}" if seen[line_id] > 1 else line_id


def set_parents(lines: list[dict[str, Value]]) -> None:
    """Under a 资金总额 line, every line but the 明细项目 (under 项目支出) is part of the total."""
    if any(line["kind"].value == "total" for line in lines):
        for line in lines:
            if line["kind"].value not in ("total", "item"):
                line["parent_id"] = Value("total", line["kind"].cell, MEDIUM)


def _amounts_under(
    form: FormDraft, line: dict[str, Value], row: list[Cell], label_at: int, names: dict[int, str], sure: str
) -> None:
    """The amounts of one funds line, each under its header column; a cell under no amount header, a second
    number under one header or a text where a number belongs goes to review."""
    label_cell = row[label_at]
    placed: dict[str, Cell] = {}
    for position in range(label_at + 1, len(row)):
        cell = row[position]
        if cell.merged or not cell.text or cell.text == label_cell.text:
            continue
        name = names.get(position)
        if name is None:
            form.unplaced.append(Unplaced(f"资金行“{label_cell.text}”表头以外的格", (cell,)))
            continue
        if name in placed:
            form.unplaced.append(Unplaced(f"资金行“{label_cell.text}”同一表头下有两个数", (placed[name], cell)))
            line.pop(name, None)
            continue
        placed[name] = cell
        try:
            number = figure(cell.text, percent=name == "rate_published", units=name in AMOUNT_COLUMNS)
        except Unreadable:
            form.unplaced.append(Unplaced(f"资金行“{label_cell.text}”的{name}不是数字", (cell,)))
            continue
        if number is not None:
            line[name] = Value(number.value, cell, sure, number.note)
            if number.unit and _unit_differs(line, number.unit, cell, form):
                line.pop(name)


def _unit_differs(line: dict[str, Value], unit: str, cell: Cell, form: FormDraft) -> bool:
    """An amount printed with its unit (``989.34 万元``) gives the line's unit; one that contradicts the unit
    already known goes to review."""
    known = line.get("amount_unit")
    if known is None:
        line["amount_unit"] = Value(unit, cell, MEDIUM, f"金额后印有“{unit}”")
        return False
    if known.value == unit:
        return False
    form.unplaced.append(Unplaced(f"金额后印的单位“{unit}”与表头的“{known.value}”不同", (cell,)))
    return True


def _detail_label(
    row: list[Cell], label_col: int | None, names: dict[int, str], lines: list[dict[str, Value]]
) -> int | None:
    """A 明细项目 line: after 项目支出 (or another detail line), a text in the label column and numbers only
    under amount columns."""
    if label_col is None or not lines or lines[-1]["kind"].value not in ("project", "item"):
        return None
    if label_col >= len(row):
        return None
    label = row[label_col]
    if label.merged or not label.text or _is_number(label.text) or label_col in names:
        return None
    if _columns([label], INDICATOR_COLUMNS) or squeeze(label.text) in TOTAL_LABELS:
        return None
    filled = [(p, c) for p, c in enumerate(row) if p > label_col and c.text and not c.merged]
    if not filled or not all(p in names and _is_amount(c.text) for p, c in filled):
        return None
    return label_col


def _budget_rows(
    form: FormDraft, rows: list[list[Cell]], header: int, columns: dict[int, str], exact: bool
) -> set[int]:
    """The funds table of text whose columns are not known to sit under the header: amounts by order."""
    used = {header}
    order = list(columns.values())
    header_cols = [rows[header][position].col for position in columns]
    unit = _amount_unit(rows, header)
    seen: dict[str, int] = {}
    for index in range(header + 1, min(len(rows), header + 12)):
        row = rows[index]
        labels = ((p, found) for p, cell in enumerate(row) if not cell.merged and (found := line_kind(cell.text)))
        first_label = next(labels, None)
        if first_label is None:
            if any(line_kind(cell.text) for cell in row):
                continue  # a merged copy of a label already read
            break
        label_at, (kind, line_id) = first_label
        label_cell = row[label_at]
        used.add(index)
        values = [cell for cell in row[label_at + 1 :] if not (cell.merged and cell.text == label_cell.text)]
        line = budget_line(form, label_cell, kind, _numbered(seen, line_id), unit, len(form.budget) + 1)
        if exact or not _ambiguous(line, values, order):
            _amounts_in_order(form, line, label_cell, values, order, header_cols if exact else None)
        form.budget.append(line)
    set_parents(form.budget)
    return used


def _amounts_in_order(
    form: FormDraft,
    line: dict[str, Value],
    label_cell: Cell,
    values: list[Cell],
    order: list[str],
    header_cols: list[int] | None,
) -> None:
    """Amounts by their order after the label; sure only where the cell stands in its header's column."""
    for position, cell in enumerate(values):
        if position >= len(order):
            if cell.text:
                form.unplaced.append(Unplaced(f"资金行“{label_cell.text}”表头以外的格", (cell,)))
            continue
        name = order[position]
        try:
            number = figure(cell.text, percent=name == "rate_published")
        except Unreadable:
            form.unplaced.append(Unplaced(f"资金行“{label_cell.text}”的{name}不是数字", (cell,)))
            continue
        if number is not None:
            sure = HIGH if header_cols is not None and cell.col == header_cols[position] else MEDIUM
            line[name] = Value(number.value, cell, sure, number.note)


AMOUNT_COLUMNS = ("budget_initial", "budget", "funds_received", "actual")


def _ambiguous(line: dict[str, Value], values: list[Cell], order: list[str]) -> bool:
    """A text row shorter than its header whose numbers do not fill every amount column: which column
    each number belongs to is unknown, so they go to ambiguous_amounts as printed (schema 2), never placed."""
    filled = [cell for cell in values if cell.text]
    if len(values) >= len(order):
        return False
    columns = [name for name in order if name in AMOUNT_COLUMNS]
    numbers = []
    for cell in filled:
        try:
            number = figure(cell.text)
        except Unreadable:
            return False
        if number is not None:
            numbers.append((number.value, cell))
    if len(numbers) == len(columns) and all(cell.text == number for number, cell in numbers[: len(columns)]):
        return False
    if not numbers or len(numbers) >= len(columns):
        return False
    first = numbers[0][1]
    note = f"原文在 {len(columns)} 列之下只印 {len(numbers)} 个数，无法判断各属哪一列"
    line["ambiguous_amounts"] = Value(" ".join(number for number, _ in numbers), first, MEDIUM, note)
    line["ambiguous_columns"] = Value(" ".join(columns), first, MEDIUM, note)
    return True


def line_kind(text: str) -> tuple[str, str] | None:
    key = PREFIX.sub("", squeeze(text)).rstrip(":：")
    return next(((kind, line_id) for label, kind, line_id in BUDGET_LINES if key == label), None)


def budget_line(
    form: FormDraft, cell: Cell, kind: str, line_id: str, unit: tuple[str, Cell] | None, order: int
) -> dict[str, Value]:
    label = PREFIX.sub("", clean(cell.text)).rstrip(":：")
    note = f"原文作“{clean(cell.text)}”。" if label != clean(cell.text) else ""
    line = {
        "line_id": Value(line_id, cell, HIGH),
        "order": Value(str(order), cell, HIGH),
        "label": Value(label, cell, HIGH, note),
        "kind": Value(kind, cell, HIGH),
    }
    if unit:
        line["amount_unit"] = Value(unit[0], unit[1], HIGH)
    return line


def read_indicators(form: FormDraft, grid: Grid, rows: list[list[Cell]]) -> set[int]:
    """The indicator table: a header naming 一级/三级指标 and 分值 or 权重, rows down to 总分/合计."""
    for index, row in enumerate(rows):
        columns = _columns(row, INDICATOR_COLUMNS)
        if {"level1", "level3"} <= set(columns.values()) and "weight" in columns.values():
            term = next(squeeze(row[p].text) for p, name in columns.items() if name == "weight")
            form.fields["weight_term"] = Value("权重" if "权重" in term else "分值", row[0], HIGH)
            return _indicator_rows(form, grid, rows, index, columns)
    return set()


@dataclass
class _Table:
    """An indicator table being read: the header its rows sit under (a page's repeated header of another
    shape replaces it), the page of the last data row, and its rows so far, with their pages (a line, or None
    where a row went to review)."""

    columns: dict[int, str]
    header: list[Cell]
    data_page: str = ""
    previous: dict[str, Value] | None = None
    sequence: list[tuple[str, dict[str, Value] | None]] = field(default_factory=list)
    between: list[tuple[int, Cell]] = field(default_factory=list)
    """Text printed between two pages' parts of the table, with the place in ``sequence`` it came before."""


def _indicator_rows(
    form: FormDraft, grid: Grid, rows: list[list[Cell]], header: int, columns: dict[int, str]
) -> set[int]:
    used = {header}
    table = _Table(columns, rows[header])
    aligned = True
    first = len(form.indicators)
    for index in range(header + 1, len(rows)):
        row = rows[index]
        used.add(index)
        if any(squeeze(cell.text) in TOTAL_LABELS for cell in row):
            positional = grid.exact or (aligned and len(row) == len(table.header))
            _total(form, row, table.columns, positional)
            break
        page = PAGE.search(row[0].where)
        page_number = page.group(1) if page else ""
        if grid.exact:
            placed = _continued(form, table, row, page_number)
            if placed is None:
                continue
            row = placed
        line = _indicator(form, grid, row, table.columns, len(table.header), table.previous)
        table.previous = line
        table.sequence.append((page_number, line))
        if line is None:
            aligned = False
            form.unplaced.append(Unplaced("指标行的格与表头对不上", tuple(cell for cell in row if cell.text)))
        else:
            line["row"] = Value("", row[0], HIGH)
            form.indicators.append(line)
    if grid.kind == "pdf":
        rules = sorted({cell.x for cell in table.header if cell.x >= 0})
        for dropped in across_page_breaks(table.sequence, table.between, rules):
            form.indicators.remove(dropped)
            cells = tuple(value.cell for value in dropped.values() if value.cell is not None and value.cell.text)
            form.unplaced.append(Unplaced("指标行的格与表头对不上", tuple(dict.fromkeys(cells))))
    for number, line in enumerate(form.indicators[first:], start=first + 1):
        line["row"] = Value(str(number), line["row"].cell, HIGH)
    return used


def _continued(form: FormDraft, table: _Table, row: list[Cell], page: str) -> list[Cell] | None:
    """A real table's row placed under the header, or None when it is no indicator row of its own: the header
    repeated on a new page, another table's row, text between pages, or the rest of a row a page break cut."""
    width = len(table.header)
    moved = _under_header(row, table.header) if len(row) != width else None
    if moved is not None:
        row = moved  # a table continued on the next page, its cells placed under the header's rules
    again = _columns(row, INDICATOR_COLUMNS)
    if {"level1", "level3"} <= set(again.values()) and "weight" in again.values():
        if len(row) != width:  # the header repeated in a table of another shape: its columns from now on
            table.columns, table.header = again, row
        table.previous = None  # the header repeated on a new page: nothing carries over it
        return None
    if len(row) != width:
        # another table's row (the next page's part, its columns ruled apart) or text between pages:
        # which column is which is not known here, so nothing is carried over or placed
        table.previous = None
        reason = "页面之间的文字" if len(row) == 1 else "指标行所在表格的列与表头不同"
        form.unplaced.append(Unplaced(reason, tuple(cell for cell in row if cell.text)))
        if len(row) != 1:
            table.sequence.append((page, None))
        elif row[0].extent is not None:
            table.between.append((len(table.sequence), row[0]))
        return None
    first_on_page = bool(page) and page != table.data_page
    table.data_page = page or table.data_page
    if first_on_page and form.indicators and _joins_across_pages(form.indicators[-1], row, table.columns):
        return None
    return row


PAGE = re.compile(r"第([0-9]+)页")
RULE_TOLERANCE = 2.0
"""Points between a column's left rule on one PDF page and the next for the two to be the same column."""


def _under_header(row: list[Cell], header: list[Cell]) -> list[Cell] | None:
    """A PDF table continued on the next page, its columns ruled apart from the header's: each cell placed
    under the header column whose left rule it shares; None when any filled cell has no such column."""
    if not row or any(cell.x < 0 for cell in row) or any(cell.x < 0 for cell in header):
        return None
    here = row[0]
    placed = [Cell(here.row, head.col, "", f"{here.where}，{head.text}列之下无格", x=head.x) for head in header]
    own = [False] * len(header)
    for cell in row:
        at = next((p for p, head in enumerate(header) if abs(head.x - cell.x) <= RULE_TOLERANCE), None)
        if at is None:
            if cell.text and not cell.merged:
                return None
            continue
        if placed[at].text and cell.text and not cell.merged:
            return None
        if cell.text or not own[at]:
            placed[at], own[at] = cell, True  # a blank keeps its own place, for the review list
    return placed


def _joins_across_pages(line: dict[str, Value], row: list[Cell], columns: dict[int, str]) -> bool:
    """A row the page break cut in two (Word lets a row break across pages): the first row of the new page
    has text only in the long-text columns (三级指标, 评分依据, 偏差原因).  Its texts are joined to the row
    the page before ended with; the values say so in their note."""
    first = next((value.cell for value in line.values() if value.cell is not None), None)
    here, there = PAGE.search(row[0].where), PAGE.search(first.where) if first else None
    if not here or not there or here.group(1) == there.group(1):
        return False
    texts = {columns[p]: cell for p, cell in enumerate(row) if p in columns and cell.text and not cell.merged}
    if not texts or not set(texts) <= {"level3", "basis", "deviation"}:
        return False  # only the long-text columns wrap onto a new page; anything more may be a row of its own
    if any(cell.text and not cell.merged and p not in columns for p, cell in enumerate(row)):
        return False
    if any(name not in line for name in texts):
        return False
    for name, cell in texts.items():
        before = line[name]
        note = f"跨页断开的行：接上第{here.group(1)}页的“{cell.text}”"
        line[name] = Value(before.value + clean(cell.text), before.cell, MEDIUM, note)
    if {"target", "actual"} & set(texts):
        for derived in ("target_value", "actual_value", "measure_unit", "nature"):
            if derived in line and line[derived].note.startswith("由"):
                del line[derived]  # split again from the whole text
        _values(line, columns)
    return True


def _indicator(
    form: FormDraft,
    grid: Grid,
    row: list[Cell],
    columns: dict[int, str],
    width: int,
    previous: dict[str, Value] | None,
) -> dict[str, Value] | None:
    """One indicator row, or None when any cell is out of place (the whole row then goes to review)."""
    if not grid.exact and len(row) != width:
        return None
    for position, cell in enumerate(row):
        if position not in columns and cell.text and squeeze(cell.text) not in BLOCK_LABELS and not cell.merged:
            return None
    line: dict[str, Value] = {}
    sure = HIGH if grid.exact else MEDIUM
    for position, name in columns.items():
        if position >= len(row):
            continue
        cell = row[position]
        if name in ("level1", "level2"):
            if not _level(line, grid, name, cell, previous):
                return None
            continue
        text = "" if cell.merged else cell.text
        try:
            value = _cell_value(name, text, cell, sure)
        except Unreadable:
            return None
        if value is not None:
            line[name] = value
    if "level1" not in line:
        return None
    _values(line, columns)
    line["status"] = Value(_status(line), row[0], sure)
    return line


CUT_BY_PAGE = "跨页的合并单元格：本页表内不见其名称（印在另一页或表外），请对照原表填写"


def _level(line: dict[str, Value], grid: Grid, name: str, cell: Cell, previous: dict[str, Value] | None) -> bool:
    """一级／二级指标 into LINE (with a weight printed in brackets); False when the cell cannot be one.

    In a real table a merged cell's copies hold its text, so a blank is not "same as above"; in a PDF a
    blank is a merged cell the page break cut (its name printed on another page): a placeholder with the
    cell, for ``across_page_breaks`` to fill from the page it continues or to leave for review."""
    text = cell.text
    pdf = grid.kind == "pdf"
    if not text:
        if pdf:
            line[name] = Value(PLACEHOLDER, cell, NONE, CUT_BY_PAGE)
            return True
        if previous is None or name not in previous or grid.exact:
            return False
        line[name] = Value(previous[name].value, cell, LOW, "合并单元格，沿用上一行")
        if f"{name}_weight" in previous:
            line[f"{name}_weight"] = previous[f"{name}_weight"]
        return True
    match = WEIGHT_IN_NAME.fullmatch(clean(text))
    name_text = clean(match.group(1)) if match else clean(text)
    if not re.search(r"[0-9A-Za-z\u4e00-\u9fff]", name_text):
        if pdf:  # a bracket left of a name the page break cut off
            line[name] = Value(PLACEHOLDER, cell, NONE, CUT_BY_PAGE)
        return pdf
    if grid.kind in ("text", "pdf") and name == "level1" and not LEVEL1_WORDS.fullmatch(squeeze(name_text)):
        return False
    sure = HIGH if grid.exact else MEDIUM
    line[name] = Value(name_text, cell, sure)
    if match:
        line[f"{name}_weight"] = Value(match.group(2), cell, sure)
    return True


def _cell_value(name: str, text: str, cell: Cell, sure: str) -> Value | None:
    """The value of one non-level column (Unreadable when a number column prints something else)."""
    if name in NUMERIC_INDICATOR:
        number = figure(text, percent=name == "weight_share")
        return Value(number.value, cell, sure, number.note) if number is not None else None
    if name == "nature":
        if not text:
            return None
        if squeeze(text) not in NATURES:
            raise Unreadable(text)
        written = NATURES[squeeze(text)]
        return Value(written, cell, sure, f"原文作“{text}”。" if written != text else "")
    return Value(text, cell, sure) if text else None


def _values(line: dict[str, Value], columns: dict[int, str]) -> None:
    """Split a target printed as symbol, number and unit (≥1000件) into nature, target_value and
    measure_unit, and the actual (1050件, or ≥266米 under a target of ≥) into actual_value, only when the
    text is exactly that shape and the units agree; columns the form prints itself (指标性质, 度量单位) are
    never overridden."""
    target = line.get("target")
    parsed = SPLIT.fullmatch(squeeze(target.value)) if target else None
    if target is None or parsed is None:
        return
    symbol, number, unit = parsed.groups()
    printed_unit = line["measure_unit"].value if "measure_unit" in line else None
    if printed_unit is not None and unit and unit != printed_unit:
        return
    note = f"由指标值“{target.value}”拆出"
    line["target_value"] = Value(number, target.cell, MEDIUM, note)
    if unit and printed_unit is None:
        line["measure_unit"] = Value(unit, target.cell, MEDIUM, note)
    if symbol and "nature" not in columns.values():
        line["nature"] = Value(NATURES[symbol], target.cell, MEDIUM, note)
    actual = line.get("actual")
    done = SPLIT.fullmatch(squeeze(actual.value)) if actual else None
    same_symbol = done is not None and (done.group(1) or "") in ("", symbol or "")  # ≥266米 done under ≥266米
    if actual and done and same_symbol and done.group(3) in ("", unit or "", printed_unit or ""):
        line["actual_value"] = Value(done.group(2), actual.cell, MEDIUM, f"由实际完成值“{actual.value}”拆出")


def _status(line: dict[str, Value]) -> str:
    if "weight" in line and "score" in line:
        return "scored"
    if "weight" in line:
        return "weight_only"
    if "score" in line:
        return "score_only"
    if "level3" in line:
        return "not_scored"
    return "empty"


def _total(form: FormDraft, row: list[Cell], columns: dict[int, str], positional: bool) -> None:
    """总分/合计: under the 分值 and 得分 headers when the table's rows sit under their headers;
    otherwise exactly two numbers, in order; anything else goes to review."""
    label_at = next(p for p, cell in enumerate(row) if squeeze(cell.text) in TOTAL_LABELS)
    numbers = [cell for cell in row[label_at + 1 :] if cell.text and BARE.fullmatch(squeeze(cell.text))]
    found: dict[str, Cell] = {}
    if positional:
        for position, name in columns.items():
            if name in ("weight", "score") and position < len(row) and row[position].text:
                found[name] = row[position]
    elif len(numbers) == 2:
        found = {"weight": numbers[0], "score": numbers[1]}
    if numbers and not found:
        form.unplaced.append(Unplaced("总分行的数字无法对应到分值、得分", tuple(numbers)))
    grade = [cell for cell in row[label_at + 1 :] if squeeze(cell.text) in ("优", "良", "中", "差")]
    if len(grade) == 1:
        form.fields["grade"] = Value(squeeze(grade[0].text), grade[0], MEDIUM)
    for name, cell in found.items():
        try:
            number = figure(cell.text)
        except Unreadable:
            form.unplaced.append(Unplaced("总分行的格不是数字", (cell,)))
            continue
        if number is not None:
            sure = HIGH if positional else MEDIUM
            form.fields[f"total_{name}"] = Value(number.value, cell, sure, number.note)
