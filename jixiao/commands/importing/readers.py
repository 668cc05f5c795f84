"""Readers: one published file → one Grid.  They only place text in cells; they never interpret it.

XLSX (openpyxl), DOCX (python-docx) and PDF with ruled tables (pdfplumber) give real
table cells; extracted text (as kept under sources/) gives cells only where the text
keeps a separator (``|`` or a tab), so its grid is marked inexact.
"""

from __future__ import annotations

import functools
import io
from decimal import Decimal
from pathlib import Path

from jixiao.commands.importing.grid import Cell, Grid, clean

FORMATS = {".xlsx": "xlsx", ".docx": "docx", ".pdf": "pdf", ".txt": "text", ".md": "text", ".csv": "text"}


class ReaderError(Exception):
    """The file cannot be read as the format its name says."""


def read_grid(path: Path, data: bytes) -> Grid:
    """The grid of one file, by its extension."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ReaderError(f"{path.name}：不支持的文件类型（可用 {', '.join(sorted(FORMATS))}）")
    try:
        return {"xlsx": read_xlsx, "docx": read_docx, "pdf": read_pdf, "text": read_text}[kind](data)
    except ReaderError:
        raise
    except Exception as error:  # each library raises its own types for a damaged file
        raise ReaderError(f"{path.name}：无法按 {kind} 读取（{type(error).__name__}: {error}）") from None


def _cell_text(value: object, number_format: str) -> str:
    """What the cell shows: numbers without a float's trailing .0; percentages as printed with %."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in number_format:
            places = len(number_format.split(".")[1].split("%")[0]) if "." in number_format else 0
            return f"{number * 100:.{places}f}%"
        text = format(number, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return clean(str(value))


def read_xlsx(data: bytes) -> Grid:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    grid = Grid("xlsx")
    for sheet in book.worksheets:
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    origin[(row, col)] = (merged.min_row, merged.min_col)
        for r in range(1, sheet.max_row + 1):
            cells = []
            for c in range(1, sheet.max_column + 1):
                source = origin.get((r, c), (r, c))
                cell = sheet.cell(*source)
                text = _cell_text(cell.value, cell.number_format or "")
                where = f"工作表“{sheet.title}” {cell.coordinate}"
                cells.append(Cell(len(grid.rows) + 1, c, text, where, merged=source != (r, c)))
            grid.add_row(cells)
    return grid


def read_docx(data: bytes) -> Grid:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    grid = Grid("docx")
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            if block.text.strip():
                where = f"第{paragraphs}段"
                grid.add_row([Cell(len(grid.rows) + 1, 1, clean(block.text), where)])
        elif isinstance(block, Table):
            tables += 1
            seen: set[object] = set()  # the cell elements themselves: holding them keeps lxml's proxies stable
            for r, row in enumerate(block.rows, start=1):
                cells = []
                for c, cell in enumerate(row.cells, start=1):
                    merged = cell._tc in seen
                    seen.add(cell._tc)
                    where = f"表格{tables} 第{r}行第{c}列"
                    cells.append(Cell(len(grid.rows) + 1, c, clean(cell.text), where, merged=merged))
                grid.add_row(cells)
    return grid


def read_pdf(data: bytes) -> Grid:
    """Ruled tables by pdfplumber; text outside them as one-cell rows, in reading order by page."""
    import pdfplumber

    grid = Grid("pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            found = page.find_tables()
            blocks: list[tuple[float, list[list[Cell]]]] = []
            boxes = [table.bbox for table in found]
            outside = page.filter(functools.partial(_outside, boxes))
            for line in outside.extract_text_lines():
                text = clean(line["text"])
                if text:
                    blocks.append((line["top"], [[Cell(0, 1, text, f"第{number}页 表外文字")]]))
            for t, table in enumerate(found, start=1):
                rows = []
                for r, row in enumerate(table.extract(), start=1):
                    cells = [
                        Cell(0, c, clean(text or ""), f"第{number}页 表{t} 第{r}行第{c}列", merged=text is None)
                        for c, text in enumerate(row, start=1)
                    ]
                    rows.append(cells)
                blocks.append((table.bbox[1], rows))
            for _top, rows in sorted(blocks, key=lambda block: block[0]):
                for cells in rows:
                    grid.add_row([_renumber(cell, len(grid.rows) + 1) for cell in cells])
    return grid


def _outside(boxes: list[tuple[float, float, float, float]], obj: dict) -> bool:
    return not any(_inside(obj, box) for box in boxes)


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _renumber(cell: Cell, row: int) -> Cell:
    return Cell(row, cell.col, cell.text, cell.where, cell.merged)


def read_text(data: bytes) -> Grid:
    """Extracted text: a line with ``|`` or tabs is a row of cells; any other line is one cell."""
    text = data.decode("utf-8-sig")
    grid = Grid("text", exact=False)
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        separator = "|" if "|" in line else "\t" if "\t" in line else None
        parts = line.split(separator) if separator else [line]
        if separator == "|" and parts and not parts[-1].strip():
            parts = parts[:-1]  # the trailing "|" that closes a row
        cells, position = [], offset
        for k, part in enumerate(parts, start=1):
            where = f"第{number}行第{k}格（字符 {position}）"
            cells.append(Cell(len(grid.rows) + 1, k, clean(part), where))
            position += len(part) + 1
        if any(cell.text for cell in cells):
            grid.add_row(cells)
        offset += len(line) + 1
    return grid
