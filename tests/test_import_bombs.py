"""Import bombs: small files that would make a reader build millions of cells are refused before any is built.

A form has a few thousand cells; a 5 KB XLSX can claim a cell at XFD1048576, a merged range
over the whole sheet or 200,000 rows.  Each is refused with a located Chinese message, exit
2, no traceback and nothing written (how fast is measured in bench/import_report.py, not here).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from jixiao.cli import main

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)


def _workbook(sheet_xml: str) -> bytes:
    """An XLSX made by openpyxl whose one sheet is replaced by SHEET_XML (as a hostile file would be written)."""
    from openpyxl import Workbook

    plain = io.BytesIO()
    Workbook().save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = sheet_xml.encode("utf-8") if info.filename == SHEET else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def _far_cell() -> str:
    return HEAD + '<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData></worksheet>'


def _whole_sheet_merge() -> str:
    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>项目支出绩效自评表</t></is></c></row>'
    merge = '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return HEAD + cell + "</sheetData>" + merge + "</worksheet>"


def _many_rows() -> str:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 200_001))
    return HEAD + rows + "</sheetData></worksheet>"


@pytest.mark.parametrize(
    ("make", "what"),
    [(_far_cell, "XFD1048576"), (_whole_sheet_merge, "A1:XFD1048576"), (_many_rows, "单元格")],
    ids=["cell-at-XFD1048576", "merge-over-whole-sheet", "200000-rows"],
)
def test_xlsx_bomb_is_refused_with_a_message(tmp_path: Path, capsys, make, what):
    source = tmp_path / "bomb.xlsx"
    source.write_bytes(_workbook(make()))
    data = tmp_path / "data"
    sources = tmp_path / "sources"
    code = main(
        ["import", str(source), "--unit", "bomb", "--year", "2024", "--data", str(data), "--sources", str(sources)]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "bomb.xlsx" in err and "文件过大" in err and what in err
    assert "Traceback" not in err
    assert not data.exists() and not sources.exists()


def test_html_spans_beyond_the_table_are_clipped_and_huge_ones_refused(tmp_path: Path, capsys):
    page = tmp_path / "page.html"
    cells = "".join(f'<td colspan="1000" rowspan="65534">{k}</td>' for k in range(200))
    page.write_text(f"<table><tr>{cells}</tr>" + "<tr><td>x</td></tr>" * 600 + "</table>", encoding="utf-8")
    code = main(["import", str(page), "--unit", "bomb", "--year", "2024", "--data", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == 2 and "文件过大" in err and "Traceback" not in err


def test_docx_grid_span_bomb_is_refused(tmp_path: Path, capsys):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "项目名称"
    source = tmp_path / "form.docx"
    document.save(str(source))
    plain = source.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as archive, zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="50000000"/>', 1)
            target.writestr(info.filename, data)
    source.write_bytes(out.getvalue())
    code = main(["import", str(source), "--unit", "bomb", "--year", "2024", "--data", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert code == 2 and "文件过大" in err and "Traceback" not in err
