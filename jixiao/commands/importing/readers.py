"""Readers: one published file → one Grid.  They only place text in cells; they never interpret it.

XLSX (openpyxl), legacy XLS (xlrd, when installed), DOCX (python-docx), web pages (lxml)
and PDF with ruled tables (pdfplumber) give real table cells, each at the grid column it
starts in, with its row and column span; the positions a merged cell covers hold copies
marked ``merged``, so a value is always found under the header column it lies under.
Extracted text (as kept under sources/) gives cells only where the text keeps a separator
(``|`` or a tab), so its grid is marked inexact.

A spreadsheet cell reads as it is displayed: its number format applied to the stored
number (``0.00`` → ``0.00``, ``#,##0.00`` → ``250,000.00``, ``0.00%`` → ``96.33%``), a
formula as its cached result; never a float's noise.  Before any library parses a file,
its size is bounded (cells, merged area, unpacked bytes): a form has a few thousand cells.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from jixiao.commands.importing.grid import MAX_CELLS, Cell, Grid, TooLarge, cell, clean

FORMATS = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "text",
    ".csv": "text",
}
CONVERT = {
    ".doc": "旧版 Word 文件（.doc）",
    ".wps": "WPS 文字文件（.wps）",
    ".et": "WPS 表格文件（.et）",
    ".odt": "OpenDocument 文字文件（.odt）",
    ".ods": "OpenDocument 表格文件（.ods）",
    ".rtf": "RTF 文件",
}
"""Formats recognised but not read: the message says how to convert them."""
TO = {".doc": "docx", ".wps": "docx", ".odt": "docx", ".rtf": "docx", ".et": "xlsx", ".ods": "xlsx", ".xls": "xlsx"}
LIBRARIES = {"xlsx": "openpyxl", "xls": "xlrd", "docx": "python-docx", "pdf": "pdfplumber", "html": "lxml"}
MAX_AREA = 1_000_000
"""Rows × columns a sheet's filled cells or one merged range may span (a form spans a few thousand)."""
MAX_UNPACKED = 64 * 1024 * 1024
"""Bytes an XLSX or DOCX may unpack to."""
MAX_PAGES = 300


class ReaderError(Exception):
    """The file cannot be read as the format its name says."""


def read_grid(path: Path, data: bytes) -> Grid:
    """The grid of one file, by its extension."""
    suffix = path.suffix.lower()
    if suffix in CONVERT:
        raise ReaderError(f"{path.name}：{CONVERT[suffix]}不能直接读取；{_how_to_convert(path)}")
    kind = FORMATS.get(suffix)
    if kind is None:
        raise ReaderError(f"{path.name}：不支持的文件类型（可用 {', '.join(sorted(FORMATS))}）")
    readers = {
        "xlsx": read_xlsx,
        "xls": read_xls,
        "docx": read_docx,
        "pdf": read_pdf,
        "html": read_html,
        "text": read_text,
    }
    try:
        return readers[kind](data)
    except ReaderError as error:
        raise ReaderError(f"{path.name}：{error}") from None
    except TooLarge as error:
        raise ReaderError(f"{path.name}：文件过大，不像一张自评表（{error}）；拒绝读取") from None
    except ModuleNotFoundError as error:
        library = error.name or LIBRARIES.get(kind, kind)
        if kind == "xls" and library == "xlrd":
            raise ReaderError(
                f"{path.name}：读取 .xls 需要 xlrd（pip install xlrd）；{_how_to_convert(path)}"
            ) from None
        raise ReaderError(
            f'{path.name}：读取 {kind} 需要 {library}，未安装；请运行 pip install "jixiao[import]"'
        ) from None
    except Exception as error:  # each library raises its own types for a damaged file
        raise ReaderError(f"{path.name}：无法按 {kind} 读取（{type(error).__name__}: {error}）") from None


def _how_to_convert(path: Path) -> str:
    target = TO.get(path.suffix.lower(), "docx")
    return (
        f"请用 Word、WPS 或 LibreOffice 打开后另存为 .{target}，或运行 "
        f'soffice --headless --convert-to {target} "{path.name}"，再导入转换后的文件'
    )


# ---------------------------------------------------------------- spreadsheets: what a cell displays

LITERAL = re.compile(r'"([^"]*)"|\\(.)')
DROPPED = re.compile(r"\[[^\]]*\]|_.|\*.")


def shown(value: object, number_format: str = "General") -> str:
    """The text a spreadsheet shows for a stored value under its number format.

    Only the formats forms use are applied (decimal places, thousands separator, percent,
    quoted text); anything else (dates, fractions, scientific) shows as Excel's General
    does, to 15 significant digits, which drops a float's noise (90347.62000000001).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if not isinstance(value, int | float):
        return clean(str(value))
    number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    sections = (number_format or "General").split(";")
    section = sections[1] if number < 0 and len(sections) > 1 else sections[0]
    literals = "".join(a or b for a, b in LITERAL.findall(section))
    pattern = DROPPED.sub("", LITERAL.sub("", section))
    if not re.search(r"[0#?]", pattern) or re.search(r"[eE/yYmMdDhHsS]", pattern):
        return _general(number)
    if number < 0 and len(sections) > 1:
        number = -number  # the negative section prints its own sign, if any
    if "%" in pattern:
        number *= 100
    integer, _, fraction = pattern.partition(".")
    places = len(re.findall(r"[0#?]", fraction))
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}" if "," in integer else f"{rounded:f}"
    before = pattern.find(re.search(r"[0#?]", pattern).group())  # type: ignore[union-attr]
    prefix = literals if before > 0 and section.find('"') < section.find("0") else ""
    suffix = literals if not prefix else ""
    return f"{prefix}{text}{'%' if '%' in pattern else ''}{suffix}"


def _general(number: Decimal) -> str:
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------- bounds before parsing

CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _corner(ref: str) -> tuple[int, int]:
    match = CELL_REF.fullmatch(ref.replace("$", ""))
    if not match:
        return 1, 1
    return int(match.group(2)), _column_number(match.group(1))


def _check_package(data: bytes, parts: tuple[str, ...]) -> None:
    """An Office file's XML, streamed before any library builds it: cells, merged areas and unpacked bytes bounded."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise TooLarge(f"解压后 {unpacked:,} 字节，上限 {MAX_UNPACKED:,}")
        cells = 0
        for info in archive.infolist():
            if not info.filename.startswith(parts) or not info.filename.endswith(".xml"):
                continue
            bottom = right = 0
            with archive.open(info) as stream:
                watched = ("{*}c", "{*}tc", "{*}gridSpan", "{*}mergeCell")
                events = etree.iterparse(stream, events=("end",), tag=watched, resolve_entities=False, no_network=True)
                for _event, element in events:
                    tag = element.tag.rpartition("}")[2]
                    if tag == "gridSpan":
                        cells += max(0, _int(next(iter(element.attrib.values()), "1")) - 1)
                    elif tag == "mergeCell":
                        _check_merge(element.get("ref", ""))
                    else:
                        cells += 1
                        if tag == "c" and len(element):
                            row, col = _corner(element.get("r", ""))
                            bottom, right = max(bottom, row), max(right, col)
                            if bottom * right > MAX_AREA:
                                raise TooLarge(f"单元格 {element.get('r')} 使已用区域超过 {MAX_AREA:,} 格")
                        element.clear()
                        parent = element.getparent()
                        while parent is not None and element.getprevious() is not None:
                            del parent[0]  # rows and cells already counted: memory stays flat
                    if cells > MAX_CELLS:
                        raise TooLarge(f"{info.filename} 超过 {MAX_CELLS:,} 个单元格")


def _check_merge(ref: str) -> None:
    first, _, last = ref.partition(":")
    (top, left), (bottom, right) = _corner(first), _corner(last or first)
    if (abs(bottom - top) + 1) * (abs(right - left) + 1) > MAX_AREA:
        raise TooLarge(f"合并单元格 {ref} 超过 {MAX_AREA:,} 格")


# ---------------------------------------------------------------- readers


def read_xlsx(data: bytes) -> Grid:
    try:
        _check_package(data, ("xl/worksheets/",))
    except zipfile.BadZipFile:
        raise ReaderError("不是有效的 XLSX 文件（不是 zip 包）") from None
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    grid = Grid("xlsx")
    for sheet in book.worksheets:
        filled = [key for key, cell in sheet._cells.items() if cell.value is not None and cell.value != ""]
        ranges = list(sheet.merged_cells.ranges)
        bottom = max([row for row, _ in filled] + [r.max_row for r in ranges], default=0)
        right = max([col for _, col in filled] + [r.max_col for r in ranges], default=0)
        if bottom * right > MAX_AREA:
            raise TooLarge(f"工作表“{sheet.title}”已用区域 {bottom}×{right}")
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in ranges:
            height, width = merged.max_row - merged.min_row + 1, merged.max_col - merged.min_col + 1
            spans[(merged.min_row, merged.min_col)] = (height, width)
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    origin[(row, col)] = (merged.min_row, merged.min_col)
        for r in range(1, bottom + 1):
            cells = []
            for c in range(1, right + 1):
                source = origin.get((r, c), (r, c))
                cell = sheet._cells.get(source)
                text = shown(cell.value, cell.number_format) if cell is not None else ""
                letter = _letters(source[1])
                where = f"工作表“{sheet.title}” {letter}{source[0]}"
                rowspan, span = spans.get(source, (1, 1))
                cells.append(Cell(len(grid.rows) + 1, c, text, where, source != (r, c), span, rowspan))
            grid.add_row(cells)
    return grid


def _letters(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_xls(data: bytes) -> Grid:
    """Legacy Excel 97–2003 (.xls) through xlrd, with its formats and merged ranges."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    grid = Grid("xls")
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.nrows * sheet.ncols > MAX_AREA:
            raise TooLarge(f"工作表“{sheet.name}”已用区域 {sheet.nrows}×{sheet.ncols}")
        origin: dict[tuple[int, int], tuple[int, int]] = {}
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for top, bottom, left, right in sheet.merged_cells:
            if (bottom - top) * (right - left) > MAX_AREA:
                raise TooLarge(f"工作表“{sheet.name}”的合并单元格过大")
            spans[(top, left)] = (bottom - top, right - left)
            for row in range(top, bottom):
                for col in range(left, right):
                    origin[(row, col)] = (top, left)
        for r in range(sheet.nrows):
            cells = []
            for c in range(sheet.ncols):
                source = origin.get((r, c), (r, c))
                cell = sheet.cell(*source)
                text = _xls_text(book, cell)
                where = f"工作表“{sheet.name}” {_letters(source[1] + 1)}{source[0] + 1}"
                rowspan, span = spans.get(source, (1, 1))
                cells.append(Cell(len(grid.rows) + 1, c + 1, text, where, source != (r, c), span, rowspan))
            grid.add_row(cells)
    return grid


def _xls_text(book, cell) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[cell.xf_index]
        fmt = book.format_map.get(xf.format_key)
        return shown(float(cell.value), fmt.format_str if fmt else "General")
    return shown(cell.value)


def read_docx(data: bytes) -> Grid:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        _check_package(data, ("word/document",))
    except zipfile.BadZipFile:
        raise ReaderError("不是有效的 DOCX 文件（不是 zip 包）") from None

    document = docx.Document(io.BytesIO(data))
    grid = Grid("docx")
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            if block.text.strip():
                where = f"第{paragraphs}段"
                grid.add_row([cell(len(grid.rows) + 1, 1, block.text, where)])
        elif isinstance(block, Table):
            tables += 1
            seen: set[object] = set()  # the cell elements themselves: holding them keeps lxml's proxies stable
            for r, row in enumerate(block.rows, start=1):
                cells = []
                for c, item in enumerate(row.cells, start=1):
                    merged = item._tc in seen
                    seen.add(item._tc)
                    where = f"表格{tables} 第{r}行第{c}列"
                    cells.append(cell(len(grid.rows) + 1, c, item.text, where, merged=merged))
                grid.add_row(cells)
    return grid


def read_html(data: bytes) -> Grid:
    """A web page: each innermost ``<table>`` as a grid (rowspan/colspan placed as the HTML table model does);
    headings and paragraphs outside tables as one-cell rows, in document order."""
    from lxml import html as lxml_html

    if len(data) > MAX_UNPACKED:
        raise TooLarge(f"{len(data):,} 字节")
    parser = lxml_html.HTMLParser(remove_comments=True, no_network=True)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _html_text(data))  # lxml takes no declaration with decoded text
    document = lxml_html.document_fromstring(text, parser=parser)
    for dropped in document.xpath("//script|//style|//noscript|//template"):
        dropped.drop_tree()
    for br in document.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    grid = Grid("html")
    tables = 0
    for element in document.iter():
        if not isinstance(element.tag, str) or element.xpath(".//table"):
            continue  # a layout table, or a block holding one: its tables and blocks are read one by one
        if element.tag == "table":
            tables += 1
            _html_table(grid, element, tables)
        elif element.tag in BLOCKS and not element.xpath("ancestor::table[not(.//table)]"):
            if any(isinstance(child.tag, str) and child.tag in BLOCKS for child in element.iterdescendants()):
                continue  # its inner blocks are read themselves
            text = clean(element.text_content())
            if text:
                grid.add_row([Cell(len(grid.rows) + 1, 1, text, f"网页 <{element.tag}>")])
    return grid


CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
CHINESE = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030"}


def _html_text(data: bytes) -> str:
    """A page's text: by the charset its head declares (GB2312 and GBK read as GB18030, their superset),
    else UTF-8, else GB18030 — government sites use both, often without saying."""
    declared = CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(CHINESE.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "li", "caption", "center", "td", "th"}
"""Elements whose text is a line of the page (``td`` of a layout table included)."""


def _html_table(grid: Grid, table, number: int) -> None:
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    placed: dict[tuple[int, int], Cell] = {}
    area = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.xpath("./td|./th"):
            while (r, c) in placed:
                c += 1
            span = max(1, min(_int(td.get("colspan")), 1000))
            rowspan = _int(td.get("rowspan"))
            rowspan = len(rows) - r if rowspan == 0 else max(1, min(rowspan, len(rows) - r))
            area += span * rowspan
            if area > MAX_CELLS:
                raise TooLarge(f"网页表格{number} 超过 {MAX_CELLS:,} 个单元格")
            text = clean(td.text_content())
            where = f"网页表格{number} 第{r + 1}行第{c + 1}列"
            for dr in range(rowspan):
                for dc in range(span):
                    copy = (dr, dc) != (0, 0)
                    placed[(r + dr, c + dc)] = Cell(0, c + dc + 1, text, where, copy, span, rowspan)
            c += span
    width = max((col for _, col in placed), default=-1) + 1
    for r in range(len(rows)):
        cells = []
        for c in range(width):
            found = placed.get((r, c)) or Cell(0, c + 1, "", f"网页表格{number} 第{r + 1}行第{c + 1}列")
            cells.append(_renumber(found, len(grid.rows) + 1))
        if cells:
            grid.add_row(cells)


def _int(text: str | None) -> int:
    try:
        return int((text or "1").strip().rstrip(";"))
    except ValueError:
        return 1


def read_pdf(data: bytes) -> Grid:
    """Ruled tables by pdfplumber, each cell at the column its left rule starts and with the columns and rows
    its rules span; text outside them as one-cell rows, in reading order by page."""
    import pdfplumber

    grid = Grid("pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise TooLarge(f"{len(pdf.pages)} 页")
        if pdf.pages and not any(page.chars for page in pdf.pages):
            if any(page.images for page in pdf.pages):
                raise ReaderError(
                    "这是扫描件（只有图像，没有文字层），无法读出数字；请向发布单位索取 Excel/Word 原件，"
                    "或用 OCR 软件（如 ocrmypdf -l chi_sim）加上文字层后再导入，并逐项核对"
                )
            raise ReaderError("PDF 中没有文字")
        for number, page in enumerate(pdf.pages, start=1):
            found = page.find_tables()
            blocks: list[tuple[float, list[list[Cell]]]] = []
            boxes = [table.bbox for table in found]
            outside = page.filter(functools.partial(_outside, boxes))
            for line in outside.extract_text_lines():
                text = clean(line["text"])
                if text:
                    outside_cell = Cell(0, 1, text, f"第{number}页 表外文字", extent=(line["x0"], line["x1"]))
                    blocks.append((line["top"], [[outside_cell]]))
            for t, table in enumerate(found, start=1):
                blocks.append((table.bbox[1], _pdf_table(table, number, t)))
            for _top, rows in sorted(blocks, key=lambda block: block[0]):
                for cells in rows:
                    grid.add_row([_renumber(item, len(grid.rows) + 1) for item in cells])
    return grid


def _pdf_table(table, page: int, number: int) -> list[list[Cell]]:
    """A table's cells placed by their rules: a cell spanning columns or rows leaves copies (``merged``) where
    pdfplumber found no cell of its own, so an amount is never read one column to the left."""
    texts = table.extract()
    boxes = [row.cells for row in table.rows]
    xs = sorted({cell[0] for cell in table.cells})
    tops = sorted({cell[1] for cell in table.cells})
    placed: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(boxes):
        for c, box in enumerate(row):
            if box is None:
                continue
            x0, top, x1, bottom = box
            span = max(1, sum(1 for x in xs if x0 - 0.5 <= x < x1 - 0.5))
            rowspan = max(1, sum(1 for y in tops if top - 0.5 <= y < bottom - 0.5))
            text = clean(texts[r][c] or "")
            where = f"第{page}页 表{number} 第{r + 1}行第{c + 1}列"
            for dr in range(rowspan):
                for dc in range(span):
                    if (r + dr, c + dc) not in placed:
                        copy = (dr, dc) != (0, 0)
                        placed[(r + dr, c + dc)] = Cell(0, c + dc + 1, text, where, copy, span, rowspan, x=xs[c + dc])
    rows = []
    for r in range(len(boxes)):
        blank = [Cell(0, c + 1, "", f"第{page}页 表{number} 第{r + 1}行第{c + 1}列", x=xs[c]) for c in range(len(xs))]
        rows.append([placed.get((r, c)) or blank[c] for c in range(len(xs))])
    return rows


def _outside(boxes: list[tuple[float, float, float, float]], obj: dict) -> bool:
    return not any(_inside(obj, box) for box in boxes)


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (obj["x0"] + obj["x1"]) / 2
    middle_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _renumber(item: Cell, row: int) -> Cell:
    return dataclasses.replace(item, row=row)


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
            cells.append(cell(len(grid.rows) + 1, k, part, where))
            position += len(part) + 1
        if any(cell.text for cell in cells):
            grid.add_row(cells)
        offset += len(line) + 1
    return grid
