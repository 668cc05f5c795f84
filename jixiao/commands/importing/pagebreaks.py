"""Indicator names a PDF page break cut off: taken from the page the merged cell continues on, or left for review.

LibreOffice prints a 一级／二级指标 cell merged over rows that cross a page break once: Writer at
its top (the next page's part is blank), Calc at the middle of the whole range (either page's
part may be blank, or both, the name falling outside the table).  The indicator reader marks
such a blank with a placeholder; here a run of placeholders is given the name printed right
across the break only when the ruling and the form's own arithmetic agree: the run starts at
the top of its page (or ends at its bottom), the cell across the break is named, and the weights
of the rows under that name, with the run, add up to the weight the name prints (``决策（6分）``).
Anything else stays a placeholder for review with its cell, and a run that no page break
explains sends its rows to review as before.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.commands.importing.draft_model import MEDIUM, NONE, PLACEHOLDER, Value
from jixiao.commands.importing.grid import Cell

Line = dict[str, Value]
Sequence = list[tuple[str, Line | None]]
LEVELS = ("level1", "level2")


def across_page_breaks(sequence: Sequence, between: list[tuple[int, Cell]], rules: list[float]) -> list[Line]:
    """Fill the placeholders the page breaks explain; the lines whose blank name no page break explains.

    ``between``: text printed outside the tables between two pages' parts, with the place in SEQUENCE it
    came before; ``rules``: the x of the table's column rules, to tell which column such a text lies in."""
    dropped = _across(sequence)
    for at, cell in between:
        for name in LEVELS:
            _named_between(sequence, at, cell, name, rules)
    if between:  # a run named from between the tables may be what names the rest of its page
        dropped += [line for line in _across(sequence) if not any(line is other for other in dropped)]
    return dropped


def _across(sequence: Sequence) -> list[Line]:
    dropped: list[Line] = []
    for name in LEVELS:
        for start, end in _runs(sequence, name):
            run = [line for _page, line in sequence[start:end] if line is not None]
            if any(line in dropped for line in run):
                continue
            pages = {page for page, _line in sequence[start:end]}
            before = sequence[start - 1] if start else None
            after = sequence[end] if end < len(sequence) else None
            at_top = before is not None and before[0] != sequence[start][0]
            at_bottom = after is not None and after[0] != sequence[end - 1][0]
            if not (at_top or at_bottom or len(pages) > 1):
                dropped += run
                continue
            if len(pages) == 1:
                _fill(sequence, start, end, name, at_top, at_bottom)
    return dropped


def _runs(sequence: Sequence, name: str) -> list[tuple[int, int]]:
    """[start, end) of each run of consecutive lines whose NAME is a placeholder."""
    runs, start = [], None
    for index, (_page, line) in enumerate([*sequence, ("", None)]):
        blank = line is not None and _blank(line, name)
        if blank and start is None:
            start = index
        elif not blank and start is not None:
            runs.append((start, index))
            start = None
    return runs


def _blank(line: Line, name: str) -> bool:
    value = line.get(name)
    return value is not None and value.value == PLACEHOLDER and value.confidence == NONE


def _fill(sequence: Sequence, start: int, end: int, name: str, at_top: bool, at_bottom: bool) -> None:
    """Name the run from across the break when exactly one name is printed there and the weights agree."""
    found: list[tuple[Line | None, list[Line]]] = []
    if at_top:
        found.append(_next_to(sequence, start - 1, -1, name))
    if at_bottom:
        found.append(_next_to(sequence, end, 1, name))
    named = [(line, block) for line, block in found if line is not None]
    if len(named) != len(found) or not named or len({line[name].value for line, _ in named}) != 1:
        return  # a barrier, a blank or two different names across the breaks: which name is unknown
    run = [line for _page, line in sequence[start:end] if line is not None]
    source, block = named[0]
    if not _weights_agree(source, name, run, block):
        return
    page = sequence[start][0]
    there = next((p for p, line in sequence if line is source), "")
    note = (
        f"跨页的合并单元格：第{page}页表内此格空白，名称“{source[name].value}”印在第{there}页；"
        f"此名下各行分值之和等于其括号中的分值"
    )
    for line in run:
        line[name] = Value(source[name].value, line[name].cell, MEDIUM, note)
        weight = source.get(f"{name}_weight")
        if weight is not None:
            line[f"{name}_weight"] = Value(weight.value, line[name].cell, MEDIUM, note)


def _next_to(sequence: Sequence, at: int, step: int, name: str) -> tuple[Line | None, list[Line]]:
    """The line just across the break (None when a row went to review there or its NAME is blank), and the
    lines that follow it away from the break under the same name."""
    line = sequence[at][1] if 0 <= at < len(sequence) else None
    if line is None or name not in line or _blank(line, name):
        return None, []
    block = []
    while 0 <= at < len(sequence):
        other = sequence[at][1]
        if other is None or name not in other or other[name].value != line[name].value:
            break
        block.append(other)
        at += step
    return line, block


def _weights_agree(source: Line, name: str, run: list[Line], block: list[Line]) -> bool:
    """The rows under the name (those across the break and the run) add up to the weight the name prints,
    and the run adds some of it: the form's own arithmetic says the run belongs under that name."""
    printed = source.get(f"{name}_weight")
    if printed is None:
        return False
    try:
        total = Decimal(printed.value)
        added = sum((Decimal(line["weight"].value) for line in run if "weight" in line), Decimal(0))
        before = sum((Decimal(line["weight"].value) for line in block if "weight" in line), Decimal(0))
    except InvalidOperation:
        return False
    return added > 0 and before + added == total


NAME_WITH_WEIGHT = re.compile(r"^(.+?)[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*分?\s*[)）]$")
TOLERANCE = 2.0


def _named_between(sequence: Sequence, at: int, cell: Cell, name: str, rules: list[float]) -> None:
    """A name Calc printed between the two pages' tables (the middle of a merged cell the break cut): the
    blank rows at the bottom of the page before and at the top of the page after take it when the text lies
    in their column and their weights add up to the one it prints.  The rows after the break count down
    to the first cell of its own (a new merged cell begins there)."""
    if not 0 < at < len(sequence) or sequence[at - 1][0] == sequence[at][0] or cell.extent is None:
        return
    above = _edge_run(sequence, at - 1, -1, name, to_first_cell=False)
    below = _edge_run(sequence, at, 1, name, to_first_cell=True)
    if not above or not below:
        return
    first = above[0][name].cell
    left = first.x if first is not None else -1.0
    right = min((x for x in rules if x > left + TOLERANCE), default=-1.0)
    x0, x1 = cell.extent
    if left < 0 or right < 0 or not (left - TOLERANCE <= x0 and x1 <= right + TOLERANCE):
        return
    match = NAME_WITH_WEIGHT.fullmatch(cell.text.replace(" ", ""))
    if match is None:
        return
    run = above + below
    try:
        added = sum((Decimal(line["weight"].value) for line in run if "weight" in line), Decimal(0))
        if added != Decimal(match.group(2)) or added <= 0:
            return
    except InvalidOperation:
        return
    pages = f"第{sequence[at - 1][0]}页与第{sequence[at][0]}页"
    note = f"跨页的合并单元格：名称“{cell.text}”印在{pages}的表格之间（表外），此名下各行分值之和等于其括号中的分值"
    for line in run:
        source = line[name].cell
        line[name] = Value(match.group(1), source, MEDIUM, note)
        line[f"{name}_weight"] = Value(match.group(2), source, MEDIUM, note)


def _edge_run(sequence: Sequence, at: int, step: int, name: str, to_first_cell: bool) -> list[Line]:
    """The lines with NAME blank from AT away from the break, on one page; with ``to_first_cell`` only down to
    the next cell of its own (a blank cell not continuing the one above)."""
    page = sequence[at][0]
    run: list[Line] = []
    while 0 <= at < len(sequence) and sequence[at][0] == page:
        line = sequence[at][1]
        if line is None or not _blank(line, name):
            break
        cell = line[name].cell
        if to_first_cell and run and cell is not None and not cell.merged:
            break
        run.append(line)
        at += step
    if step < 0 and 0 <= at < len(sequence) and sequence[at][0] == page and sequence[at][1] is None:
        return []  # a row went to review just above: where the cell begins is not known
    return run
