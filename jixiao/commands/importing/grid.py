"""The one cell grid every reader produces and every recogniser reads.

A form arrives as XLSX, DOCX, PDF or extracted text; each reader turns it into rows of
cells that remember where they were (sheet and cell, page and table, or text line and
offset), so every figure in a draft can point back at the cell it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation


@dataclass(frozen=True)
class Cell:
    """One cell: its text as printed and where it was found."""

    row: int
    col: int
    text: str
    where: str
    """Human-readable location, e.g. ``Sheet1!C5``, ``第2页 表1 第3行第4列``, ``第120行第3格（字符 4567）``."""
    merged: bool = False
    """A copy of a merged cell's text (XLSX/DOCX/HTML/PDF): the value was printed once for several cells."""
    span: int = 1
    """Columns the printed cell covers (on the cell itself; its copies to the right are ``merged``)."""
    rowspan: int = 1
    """Rows the printed cell covers (its copies below are ``merged``)."""
    raw: str = ""
    """The text before ``clean`` joined what a wrap split (kept where it differs): a space there may be the
    only thing between a label and its value (``实施单位 弋阳县社会保险管理中心``)."""
    x: float = -1.0
    """PDF: the left rule of the column the cell starts in (points), to match a table continued on the next
    page, whose rules may fall into different columns, to its header; -1 elsewhere."""
    extent: tuple[float, float] | None = None
    """PDF text outside a table: its left and right edge (points), to find the table column it was printed
    in (LibreOffice Calc may print a merged cell's name between two pages' tables); None elsewhere."""


def cell(row: int, col: int, raw: str, where: str, merged: bool = False, span: int = 1, rowspan: int = 1) -> Cell:
    """A cell from printed text: cleaned, with the raw text kept when cleaning changed more than the ends."""
    text = clean(raw)
    return Cell(row, col, text, where, merged, span, rowspan, raw if text != raw.strip() else "")


MAX_CELLS = 100_000
"""Cells one imported file may hold (a department form has a few thousand): a bound on the work an import does."""


class TooLarge(ValueError):
    """A file holds more than an evaluation form can (an import bomb, or not a form): refused, not read."""


@dataclass
class Grid:
    """Rows of cells from one file, in reading order."""

    kind: str
    """xlsx, docx, pdf, html or text."""
    rows: list[list[Cell]] = field(default_factory=list)
    exact: bool = True
    """Whether columns are real table columns (XLSX, DOCX, HTML, ruled PDF) or guessed from text separators."""
    cells: int = 0

    def add_row(self, cells: list[Cell]) -> None:
        self.cells += max(len(cells), 1)
        if self.cells > MAX_CELLS:
            raise TooLarge(f"超过 {MAX_CELLS:,} 个单元格")
        self.rows.append(cells)


DASHES = {"", "-", "—", "--", "——", "－", "/", "／", "—-", "- -"}
"""Cells printed to say "nothing here"."""

NUMBER = re.compile(r"[-]?[0-9]+(?:\.[0-9]+)?")
GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")


CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
WRAPPED = re.compile(f"(?<=[{CJK}])\\s+(?=[{CJK}])")
BROKEN = re.compile(f"(?<=[{CJK}])[ \\t]*\\n\\s*|\\s*\\n[ \\t]*(?=[{CJK}])")


SPLIT_DECIMAL = re.compile(r"(?<=[0-9]\.)\s+(?=[0-9])")
"""PDF text puts a space after a decimal point (“2. 47%”, “93116. 21”): a number is never printed so."""


def clean(text: str) -> str:
    """Cell text as one line: a break or space between two Chinese characters is where PDF or Word wrapped
    a long label, so it goes, and so does a line break next to one Chinese character (“完成率⏎100%”,
    “家庭6⏎户”); other runs of spaces become one space."""
    text = text.replace("\u3000", " ")
    text = SPLIT_DECIMAL.sub("", BROKEN.sub("", WRAPPED.sub("", text)))
    return re.sub(r"\s+", " ", text).strip()


def squeeze(text: str) -> str:
    """Text without any spaces, for matching labels (PDF text puts spaces inside words)."""
    return re.sub(r"\s+", "", text.replace("\u3000", ""))


@dataclass(frozen=True)
class Figure:
    """A number read from a cell, kept as printed; ``note`` says what was stripped."""

    value: str
    note: str = ""
    unit: str = ""
    """万元 or 元 when the cell prints its unit after the number (``989.34 万元``)."""


class Unreadable(ValueError):
    """A cell that should hold a number but holds something else."""


def figure(text: str, percent: bool = False, units: bool = False) -> Figure | None:
    """The number a cell prints, or None for a blank or dash; Unreadable for anything else.

    Nothing is rounded or converted: ``100.00%`` gives ``100.00``; a thousands separator
    (``215,457.6``) is dropped and said so, because a bare number is what the tables hold.
    With ``units`` an amount may print its unit after it (``989.34 万元``): the unit is given apart.
    """
    raw = squeeze(text)
    if raw in DASHES:
        return None
    note = unit = ""
    if units and raw.endswith("元"):
        unit = "万元" if raw.endswith("万元") else "元"
        raw = raw[: -len(unit)]
    if percent and raw.endswith(("%", "％")):
        raw = raw[:-1]
    if GROUPED.fullmatch(raw):
        raw, note = raw.replace(",", ""), f"原文作 {text.strip()}（千分位）"
    if not NUMBER.fullmatch(raw):
        raise Unreadable(text)
    try:
        Decimal(raw)
    except InvalidOperation:
        raise Unreadable(text) from None
    return Figure(raw, note, unit)
