"""Text whose cells ran together (``年度资金总额:202010100.00%10``): a draft to review, never a refusal or a guess.

Some extracted texts keep no separator at all: a whole form is one line, and a funds line
prints its amounts as one run of digits.  Such a form is still recognised by its title
inside the text, and a draft is written.  What the text alone decides is placed, 把握 低
(every such field is listed for review with the text it came from):

- a field (项目名称、主管部门、实施单位) whose label occurs once and whose value runs up to the
  next label the form prints, with no other label word inside it;
- a funds line's run of digits when the funds header printed in the text gives the column order
  (全年预算数(A)全年执行数(B)分值执行率(B/A)得分) and exactly one way to cut the run and
  assign its numbers to those columns (cells may be blank) agrees with the form's own arithmetic:
  执行率 = 执行数 ÷ 预算数 as printed (rounded or cut to its places), 得分 ≤ 分值 ≤ 100, no 得分
  for a 执行率 of 0 (the line's score is earned by spending), and a 其中 line no larger than the
  total it is part of;
- 总分 printed as one run (``总分100100``) when exactly one cut gives 得分 ≤ 分值 ≤ 100.

Where two or more readings satisfy every constraint, none is written: the run goes to review
with every reading as a proposal (把握 低); a run with more cuts than MAX_TRIED is not tried at all
(the work one line may cost is bounded) and goes to review as printed.  Indicator rows are not cut (their texts carry no
arithmetic to decide by): the text goes to review.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import islice

from jixiao.commands.importing.blocks import BUDGET_LINES
from jixiao.commands.importing.draft_model import LOW, FormDraft, Unplaced, Value
from jixiao.commands.importing.grid import Cell, squeeze

SHAPES = (
    ("budget", "actual", "rate_published"),
    ("budget", "actual", "weight", "rate_published"),
    ("budget", "actual", "weight", "rate_published", "score"),
    ("budget_initial", "budget", "actual", "rate_published"),
    ("budget_initial", "budget", "actual", "weight", "rate_published"),
    ("budget_initial", "budget", "actual", "weight", "rate_published", "score"),
)
"""Column orders of the national funds table (分值 before 执行率, as printed), shortest first: tried when the
text prints no funds header of its own (then nothing is placed, readings are only offered)."""
NAMES = {
    "budget_initial": "年初预算数",
    "budget": "全年预算数",
    "actual": "全年执行数",
    "weight": "分值",
    "rate_published": "执行率",
    "score": "得分",
}
HEADER_WORDS = (
    ("年初预算数", "budget_initial"),
    ("全年预算数", "budget"),
    ("全年执行数", "actual"),
    ("分值", "weight"),
    ("执行率", "rate_published"),
    ("得分", "score"),
)
MAX_PROPOSALS = 4
"""Without a printed header: more readings than this and none is offered."""
MAX_LISTED = 40
"""With a printed header every reading is listed, up to this many (and how many there are)."""
MAX_RUN = 32
"""A longer run of digits is not cut at all (the readings grow too many to be of use)."""
MAX_TRIED = 5_000
"""Cuts tried for one run at most; a run with more is not decided (a bound on the work, as for files)."""
FORM_TITLE = re.compile(r"(?:项目支出)?绩效(?:目标)?自评表(?:[(（][0-9]{4}年度?[)）])?")
"""A generic self-evaluation title (绩效目标自评表(2022年度)): a run-together form when its funds line runs on."""
RUN_ON = re.compile(r"资金总额[:：]?[0-9]")
FIELDS = {"项目名称": "title", "主管部门": "supervisor", "实施单位": "implementing_unit"}
FIELD_STOPS = (
    *("项目名称", "项目负责人及电话", "项目负责人", "联系电话", "主管部门", "实施单位(盖章)", "实施单位"),
    *("资金情况", "项目资金", "年度资金总额"),
)
"""The labels a project form prints in its head, in the order printed: each ends the value before it."""
LABEL_WORDS = ("名称", "负责人", "电话", "编号", "主管", "实施单位", "填报", "资金", "联系人", "盖章")
"""Words of another label: a field value holding one may have swallowed an unprinted label, so it is not placed."""
FUNDS_HEADING = re.compile(r"(?:资金情况|项目资金)(?:[(（](万元|元)[)）])?")
MARKER = re.compile(r"[(（][A-Z/]+[)）]")
TOTAL = re.compile(r"总分([0-9.]+)")
SEPARATOR = "|"
"""Put between cells and rows when the text is joined: a real boundary, where no run or value continues."""


@dataclass(frozen=True)
class Run:
    """A funds line found in the text: its label as printed (with 其中:), kind, line id and run of digits."""

    printed: str
    """The line as printed, label and digits."""
    printed_label: str
    label: str
    kind: str
    line_id: str
    digits: str
    start: int


def proposals(digits: str) -> list[str]:
    """Readings of a run of digits as one funds line when the text prints no header, most plausible first
    (amounts with the same decimal places, a whole-number 分值), as text for a person; none when too many."""
    if not digits.endswith("%") or digits.count("%") != 1 or len(digits) > MAX_RUN:
        return []
    found: list[tuple[tuple[int, int, int], str]] = []
    for shape in SHAPES:
        for values in readings(digits, shape) or []:
            if len(values) != len(shape) or any(Decimal(value.rstrip("%")) == 0 for value in values.values()):
                continue  # without a printed header: every column filled, and no zero (it lets digits shift unseen)
            places = {_places(values[n]) for n in ("budget_initial", "budget", "actual") if n in values}
            rank = (len(places), int("." in values.get("weight", "")), len(shape))
            found.append((rank, describe(values)))
    if len(found) > MAX_PROPOSALS:
        return []  # too many readings: none is offered
    return [text for _rank, text in sorted(found)]


def describe(values: dict[str, str]) -> str:
    """A reading as a person checks it against the form: 全年预算数 20；全年执行数 20；…"""
    return "；".join(f"{NAMES[name]} {value}" for name, value in values.items())


def readings(
    digits: str, columns: tuple[str, ...], bounds: dict[str, Decimal] | None = None
) -> list[dict[str, str]] | None:
    """Every way to cut DIGITS into numbers and give them, in order, to COLUMNS (any of which may be blank) that
    the form's arithmetic allows.  BOUNDS: the most a column may hold (a 其中 line's total).  None when the run
    has too many cuts to try (a bound on the work one line may cost): nothing is decided then."""
    if not digits or len(digits) > MAX_RUN:
        return None
    tried = list(islice(_assignments(digits, columns), MAX_TRIED + 1))
    if len(tried) > MAX_TRIED:
        return None
    return [values for values in tried if _consistent(values, bounds or {})]


def _assignments(digits: str, columns: tuple[str, ...]) -> Iterator[dict[str, str]]:
    """Every cut of DIGITS given in order to some of COLUMNS; only cuts that can be numbers of their column are
    followed (a rate ends at the %, nothing else crosses it, 分值 and 得分 have at most three whole digits)."""
    if not digits:
        yield {}
        return
    percent = digits.find("%")
    for at, name in enumerate(columns):
        if name == "rate_published":
            cuts = range(percent + 1, percent + 2) if percent >= 0 else range(0)
        else:
            cuts = range(1, (percent if percent >= 0 else len(digits)) + 1)
        for cut in cuts:
            head = digits[:cut]
            if name in ("weight", "score") and len(head.split(".")[0]) > 3:
                break  # more than 100: longer cuts only grow
            if _number(head, percent=name == "rate_published"):
                for rest in _assignments(digits[cut:], columns[at + 1 :]):
                    yield {name: head, **rest}


def _places(text: str) -> int:
    bare = text.rstrip("%")
    return len(bare.split(".")[1]) if "." in bare else 0


def _number(text: str, percent: bool) -> bool:
    if percent != text.endswith("%"):
        return False
    bare = text[:-1] if percent else text
    return re.fullmatch(r"(0|[1-9][0-9]*)(\.[0-9]+)?", bare) is not None


def _consistent(values: dict[str, str], bounds: dict[str, Decimal]) -> bool:
    """The printed arithmetic: 执行率 = 执行数 ÷ 预算数 (rounded or cut to the places printed), 得分 ≤ 分值 ≤ 100,
    a part no larger than its whole."""
    try:
        numbers = {name: Decimal(value.rstrip("%")) for name, value in values.items()}
    except InvalidOperation:
        return False
    if "rate_published" in numbers:
        if "budget" not in numbers or "actual" not in numbers or numbers["budget"] == 0:
            return False  # a printed rate is the quotient of two printed amounts
        quotient = numbers["actual"] / numbers["budget"] * 100
        step = Decimal(1).scaleb(-_places(values["rate_published"]))
        try:
            allowed = {quotient.quantize(step, rounding=rounding) for rounding in (ROUND_HALF_UP, ROUND_DOWN)}
        except InvalidOperation:
            return False  # a quotient of more digits than any rate prints
        if numbers["rate_published"] not in allowed:
            return False
        if numbers["rate_published"] == 0 and numbers.get("score", Decimal(0)) > 0:
            return False  # the funds line's score is earned by spending: nothing spent, nothing earned
    weight = numbers.get("weight", Decimal(100))
    if weight > 100 or numbers.get("score", Decimal(0)) > weight:
        return False
    return all(numbers[name] <= bound for name, bound in bounds.items() if name in numbers)


def looks_run_together(text: str) -> bool:
    """A generic self-evaluation title and a funds total straight followed by its digits: a form whose cells
    ran together (text the family recognisers cannot read at all)."""
    squeezed = squeeze(text)
    return FORM_TITLE.search(squeezed) is not None and RUN_ON.search(squeezed) is not None


def read_run_together(rows: list[list[Cell]], kind: str, template: str) -> FormDraft:
    """A draft of a form whose cells ran together: what its text and arithmetic decide, 把握 低; the rest, and
    every run with more than one reading (each offered), to review."""
    form = FormDraft(kind=kind, template=template)
    joined = Joined([cell for row in rows for cell in row if cell.text])
    text = joined.text
    _title(form, text, joined)
    _fields(form, text, joined)
    _funds(form, text, joined)
    _total(form, text, joined)
    for row in rows:
        shown = tuple(cell for cell in row if cell.text)
        if shown:
            form.unplaced.append(Unplaced("文字连写，分不出单元格", shown))
    return form


class Joined:
    """The cells' texts without spaces, joined by SEPARATOR, knowing which cell each character came from."""

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self.starts: list[int] = []
        parts, at = [], 0
        for cell in cells:
            self.starts.append(at)
            parts.append(squeeze(cell.text))
            at += len(parts[-1]) + len(SEPARATOR)
        self.text = SEPARATOR.join(parts)

    def piece(self, at: int, text: str) -> Cell:
        """The part of a run-together cell a value or a run came from: its cell, located by its text."""
        cell = self.cells[bisect_right(self.starts, at) - 1]
        return Cell(cell.row, cell.col, text, f"{cell.where}，连写的“{text}”")


def _title(form: FormDraft, text: str, joined: Joined) -> None:
    before = text[: text.find("项目名称")] if "项目名称" in text else text
    titles = list(FORM_TITLE.finditer(before))
    if titles:
        title = titles[-1].group(0)
        note = "原文连写，表名之前可能还有文字"
        form.fields["form_title"] = Value(title, joined.piece(titles[-1].start(), title), LOW, note)


def _fields(form: FormDraft, text: str, joined: Joined) -> None:
    """项目名称、主管部门、实施单位: the text between the label and the next label the form prints."""
    start = text.find("项目名称")
    if start < 0:
        return
    marks = _labels(text, start)
    printed = [label for _at, label in marks]
    for index, (at, label) in enumerate(marks):
        name = FIELDS.get(label.removesuffix("(盖章)"))
        if name is None or printed.count(label) != 1 or name in form.fields:
            continue
        end = marks[index + 1][0] if index + 1 < len(marks) else -1
        between = text[at + len(label) : end]
        value = between.split(SEPARATOR)[0].lstrip(":：")
        if end < 0 or not value or any(word in value for word in LABEL_WORDS):
            continue
        after = "（行末）" if SEPARATOR in between else marks[index + 1][1]
        note = f"原文连写作“{label}{value}{after}”，按栏名断开"
        form.fields[name] = Value(value, joined.piece(at + len(label), value), LOW, note)


def _labels(text: str, start: int) -> list[tuple[int, str]]:
    """Where each label of the form's head is printed, from START, longest label first at each place."""
    found, at = [], start
    stops = sorted(set(FIELD_STOPS), key=len, reverse=True)
    while at < len(text):
        label = next((stop for stop in stops if text.startswith(stop, at)), None)
        if label:
            found.append((at, label))
            at += len(label)
        else:
            at += 1
    return found


def _funds(form: FormDraft, text: str, joined: Joined) -> None:
    """The funds lines: split where the printed header and the arithmetic allow one reading, else offered."""
    heading = FUNDS_HEADING.search(text)
    labels = sorted(BUDGET_LINES, key=lambda item: -len(item[0]))
    start = heading.end() if heading else max(text.find("项目名称"), 0)  # a title may hold 项目支出
    runs = list(_runs(text, start, labels))
    columns = _header(text[heading.end() : runs[0].start]) if heading and runs else None
    if heading is None or columns is None:
        for run in runs:
            offered = proposals(run.digits)
            if offered:
                reason = f"数字连写（“{run.label}{run.digits}”），分不出各列"
                listed = "；或 ".join(f"〔{reading}〕" for reading in offered)
                form.unplaced.append(Unplaced(reason, (joined.piece(run.start, run.printed),), listed))
        return
    bounds: dict[str, Decimal] = {}
    for run in runs:
        piece = joined.piece(run.start, run.printed)
        line = _line(form, run, piece, heading)
        found = readings(run.digits, columns, bounds if run.kind != "total" else None)
        if found is None:
            if run.digits:
                reason = f"数字连写（“{run.printed}”），可能的切分太多，未逐一尝试"
                form.unplaced.append(Unplaced(reason, (piece,)))
        elif len(found) == 1:
            note = f"原文连写作“{run.printed}”，按表头栏目顺序与算术只有这一种切分：{describe(found[0])}"
            for name, value in found[0].items():
                line[name] = Value(value.rstrip("%"), piece, LOW, note)
            if run.kind == "total":
                amounts = ("budget_initial", "budget", "actual")
                bounds = {name: Decimal(value) for name, value in found[0].items() if name in amounts}
        elif run.digits:
            reason = f"数字连写（“{run.printed}”），" + (
                f"有 {len(found)} 种切分都合算术" if found else "没有合算术的切分"
            )
            listed = "；或 ".join(f"〔{describe(values)}〕" for values in found[:MAX_LISTED])
            if len(found) > MAX_LISTED:
                listed += f"；另有 {len(found) - MAX_LISTED} 种"
            form.unplaced.append(Unplaced(reason, (piece,), listed))


def _line(form: FormDraft, run: Run, piece: Cell, heading: re.Match[str]) -> dict[str, Value]:
    """A funds line's label, kind and unit (from the header's 资金情况(万元)); appended to the form."""
    printed = run.printed_label.rstrip(":：")
    line = {
        "line_id": Value(run.line_id, piece, LOW),
        "order": Value(str(len(form.budget) + 1), piece, LOW),
        "label": Value(run.label, piece, LOW, f"原文作“{printed}”。" if printed != run.label else ""),
        "kind": Value(run.kind, piece, LOW),
    }
    if heading.group(1):
        line["amount_unit"] = Value(heading.group(1), piece, LOW, f"资金表头印“{heading.group(0)}”")
    if run.kind != "total" and any(item["kind"].value == "total" for item in form.budget):
        line["parent_id"] = Value("total", piece, LOW)
    form.budget.append(line)
    return line


def _runs(text: str, start: int, labels: list[tuple[str, str, str]]) -> Iterator[Run]:
    """The funds lines from the first line label after START: label, then its run of digits, line after line."""
    first = min((at for label, _k, _i in labels if (at := text.find(label, start)) >= 0), default=-1)
    if first < 0:
        return
    at = first
    while True:
        match = re.compile(r"(其中[:：]?)?").match(text, at)
        prefix_end = match.end() if match else at
        found = next((item for item in labels if text.startswith(item[0], prefix_end)), None)
        if found is None:
            return
        label, kind, line_id = found
        run = re.compile(r"[:：]?([0-9.%]*)").match(text, prefix_end + len(label))
        assert run is not None  # the pattern matches the empty string
        yield Run(text[at : run.end()], text[at : run.start(1)], label, kind, line_id, run.group(1), at)
        at = run.end()


def _header(text: str) -> tuple[str, ...] | None:
    """The funds header's columns in the order printed, when the text between the heading and the first line
    is nothing but column names (with their (A)/(B/A) marks); None otherwise."""
    columns, at = [], 0
    while at < len(text):
        marker = MARKER.match(text, at)
        if marker:
            at = marker.end()
            continue
        word = next(((w, n) for w, n in HEADER_WORDS if text.startswith(w, at)), None)
        if word is None:
            return None
        columns.append(word[1])
        at += len(word[0])
    if "budget" not in columns or "actual" not in columns or len(set(columns)) != len(columns):
        return None
    return tuple(columns)


def _total(form: FormDraft, text: str, joined: Joined) -> None:
    """总分 as one run: placed only when one cut gives 得分 ≤ 分值 ≤ 100."""
    totals = list(TOTAL.finditer(text))
    if len(totals) != 1:
        return
    digits = totals[0].group(1)
    found = [values for values in readings(digits, ("weight", "score")) or [] if len(values) == 2]
    piece = joined.piece(totals[0].start(), totals[0].group(0))
    if len(found) == 1:
        note = f"原文连写作“{totals[0].group(0)}”，只有这一种切分使得分 ≤ 分值 ≤ 100：{describe(found[0])}"
        form.fields["total_weight"] = Value(found[0]["weight"], piece, LOW, note)
        form.fields["total_score"] = Value(found[0]["score"], piece, LOW, note)
    else:
        listed = "；或 ".join(f"〔{describe(values)}〕" for values in found[:MAX_LISTED])
        form.unplaced.append(Unplaced(f"总分连写（“{totals[0].group(0)}”），切分不唯一", (piece,), listed))
