"""XLSX: a small streaming SpreadsheetML writer for the combined workbook.

openpyxl's write-only mode builds an element per cell and needed about 380 µs of CPU
per indicator row here, some 20 minutes for the 3 million rows of a national portal;
this writes each row as one string (about 20 µs) and holds nothing but the open
sheet files.  It writes only what the workbook needs: inline strings, numbers,
a bold header row frozen in place, and fixed document dates and zip times, so the
same rows give the same bytes.  Tests read the result with openpyxl.

Number cells take the published digits as they are (``<v>49.473106</v>``): a
spreadsheet reads them as binary floating point numbers.
"""

from __future__ import annotations

import functools
import re
import shutil
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import TextIO

from jixiao.opendata.spreadsheet import excel_text, sheet_name

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_ESCAPE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f]")
_REPLACE = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}


def escape(text: str) -> str:
    """XML text: markup characters escaped, characters XML cannot hold replaced by U+FFFD."""
    if _ESCAPE.search(text) is None:
        return text
    return _ESCAPE.sub(lambda m: _REPLACE.get(m.group(), "\ufffd"), text)


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


ROW = "\x00"
"""Stands for the row number in a row template (escape() never lets U+0000 through from the data)."""


def row_template(refs: list[str], kinds: str, row: tuple[str | int | bool | None, ...]) -> str:
    """A data row's XML with ``ROW`` for its number: encoded once, wherever the rows are made."""
    parts = [f'<row r="{ROW}">']
    for ref, kind, value in zip(refs, kinds, row, strict=True):
        if value is None:
            continue
        if value.__class__ is bool:
            parts.append(f'<c r="{ref}{ROW}" t="b"><v>{int(value)}</v></c>')
        elif kind == "n" or value.__class__ is int:
            parts.append(f'<c r="{ref}{ROW}"><v>{value}</v></c>')
        elif len(value) <= SHORT_TEXT:  # type: ignore[arg-type]
            parts.append(_short_text_cell(ref, value))
        else:
            parts.append(_text_cell(ref, value))  # type: ignore[arg-type]
    parts.append("</row>")
    return "".join(parts)


SHORT_TEXT = 64
"""Texts up to this long are encoded once per process and column: every row repeats its package, unit,
region and year (seven columns), and levels, units and names recur; longer texts rarely do."""


def _text_cell(ref: str, value: str) -> str:
    text = escape(excel_text(value))
    return f'<c r="{ref}{ROW}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


_short_text_cell = functools.lru_cache(maxsize=8192)(_text_cell)


class Sheet:
    """One worksheet, streamed to a temporary file; ``kinds`` per column: "s" text, "n" number (digits)."""

    def __init__(self, folder: Path, number: int, title: str, header: list[str], kinds: str) -> None:
        self.number, self.title, self.kinds = number, title, kinds
        self.path = folder / f"sheet{number}.xml"
        self.refs = [column_letters(i) for i in range(len(header))]
        self.handle: TextIO = self.path.open("w", encoding="utf-8", newline="\n")
        selected = ' tabSelected="1"' if number == 1 else ""
        self.handle.write(
            f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            f'<sheetViews><sheetView workbookViewId="0"{selected}>'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
        )
        self.rows = 1
        cells = "".join(
            f'<c r="{ref}1" s="1" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
            for ref, text in zip(self.refs, header, strict=True)
        )
        self.handle.write(f'<row r="1">{cells}</row>')

    def append(self, row: tuple[str | int | None, ...]) -> None:
        """A data row; None leaves the cell empty, numbers ("n" columns, or ints) are written as numbers."""
        self.append_template(row_template(self.refs, self.kinds, row))

    def append_template(self, template: str) -> None:
        """A data row made by ``row_template`` (perhaps in another process): its row number goes in here."""
        self.rows += 1
        self.handle.write(template.replace(ROW, str(self.rows)))

    def close(self) -> None:
        if not self.handle.closed:
            self.handle.write("</sheetData></worksheet>")
            self.handle.close()


class Workbook:
    """Sheets in order; ``save`` packs them with the fixed parts into one zip."""

    def __init__(
        self,
        title: str,
        created: datetime,
        zip_time: tuple[int, int, int, int, int, int],
        scratch: Path | None = None,
    ) -> None:
        self.title, self.created, self.zip_time = title, created, zip_time
        self.folder = Path(tempfile.mkdtemp(prefix="jixiao-xlsx-", dir=scratch))
        self.sheets: list[Sheet] = []
        self.count = 0

    def add_sheet(self, title: str, header: list[str], kinds: str, after: Sheet | None = None) -> Sheet:
        """A new sheet at the end, or right after ``after``."""
        self.count += 1
        title = sheet_name(title, (sheet.title for sheet in self.sheets))
        sheet = Sheet(self.folder, self.count, title, header, kinds)
        position = self.sheets.index(after) + 1 if after is not None else len(self.sheets)
        self.sheets.insert(position, sheet)
        return sheet

    def save(self, path: Path) -> None:
        for sheet in self.sheets:
            sheet.close()
        names = [f"xl/worksheets/sheet{i}.xml" for i in range(1, len(self.sheets) + 1)]
        try:
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                for name, text in self._parts(names):
                    with archive.open(self._info(name), "w") as out:
                        out.write(text.encode("utf-8"))
                for name, sheet in zip(names, self.sheets, strict=True):
                    large = sheet.path.stat().st_size >= zipfile.ZIP64_LIMIT
                    with sheet.path.open("rb") as source, archive.open(self._info(name), "w", force_zip64=large) as out:
                        shutil.copyfileobj(source, out, 1 << 20)
        finally:
            self.discard()

    def discard(self) -> None:
        for sheet in self.sheets:
            sheet.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self.zip_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def _parts(self, names: list[str]) -> list[tuple[str, str]]:
        sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        overrides = "".join(f'<Override PartName="/{name}" ContentType="{sheet_type}"/>' for name in names)
        stamp = self.created.strftime("%Y-%m-%dT%H:%M:%SZ")
        sheets = "".join(
            f'<sheet name="{escape(sheet.title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, sheet in enumerate(self.sheets, 1)
        )
        relations = "".join(
            f'<Relationship Id="rId{i}" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(self.sheets) + 1)
        )
        styles_id = len(self.sheets) + 1
        return [
            (
                "[Content_Types].xml",
                f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                '<Override PartName="/docProps/core.xml" '
                'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
                '<Override PartName="/docProps/app.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
                f"{overrides}</Types>",
            ),
            (
                "_rels/.rels",
                f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
                f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
                '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                'metadata/core-properties" Target="docProps/core.xml"/>'
                f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>'
                "</Relationships>",
            ),
            (
                "docProps/core.xml",
                f"{DECLARATION}<cp:coreProperties "
                'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                f"<dc:title>{escape(self.title)}</dc:title><dc:creator>jixiao</dc:creator>"
                "<dc:language>zh-CN</dc:language>"
                f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
                f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
                "</cp:coreProperties>",
            ),
            (
                "docProps/app.xml",
                f"{DECLARATION}<Properties "
                'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                "<Application>jixiao</Application></Properties>",
            ),
            (
                "xl/workbook.xml",
                f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
                f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>',
            ),
            (
                "xl/_rels/workbook.xml.rels",
                f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{relations}'
                f'<Relationship Id="rId{styles_id}" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
                "</Relationships>",
            ),
            (
                "xl/styles.xml",
                f'{DECLARATION}<styleSheet xmlns="{MAIN}">'
                '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
                '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
                '<fills count="2"><fill><patternFill patternType="none"/></fill>'
                '<fill><patternFill patternType="gray125"/></fill></fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                "</styleSheet>",
            ),
        ]
