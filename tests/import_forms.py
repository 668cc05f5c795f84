"""Fixture forms for the import tests: a package's evaluation printed in the national template layout.

``layout(package, evaluation)`` lays the form out as rows of cells (with the vertical
merges a real form has); ``write_xlsx``, ``write_docx``, ``write_pdf`` and ``write_text``
print that layout in each input format.  The figures are the package's own, written as
the form would print them, so importing the file must give them back exactly.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

NATIONAL_KINDS = {"total", "fiscal", "carryover", "special_account", "unit_funds", "other", "basic", "project"}
BUDGET_HEADERS = (
    ("budget_initial", "年初预算数"),
    ("budget", "全年预算数"),
    ("funds_received", "全年到位数"),
    ("actual", "全年执行数"),
    ("weight", "分值"),
    ("rate_published", "执行率"),
    ("score", "得分"),
)


@dataclass
class Layout:
    """Rows of cell texts; ``numbers`` marks cells printed as numbers; ``merges`` are vertical (col, first, last)."""

    rows: list[list[str]] = field(default_factory=list)
    numbers: set[tuple[int, int]] = field(default_factory=set)
    merges: list[tuple[int, int, int]] = field(default_factory=list)
    width: int = 0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def printable(package: Path) -> list[str]:
    """Evaluations of a package that the national layouts can print: forms with indicators."""
    with_indicators = {row["evaluation_id"] for row in _rows(package / "indicators.csv")}
    return [
        row["evaluation_id"]
        for row in _rows(package / "evaluations.csv")
        if row["kind"] in ("project", "department") and row["evaluation_id"] in with_indicators
    ]


def is_printed(row: dict[str, str]) -> bool:
    """A budget line the national layout prints: not a 明细项目, not figures of unknown column."""
    return row["kind"] in NATIONAL_KINDS and not row["ambiguous_amounts"]


def budget_lines(package: Path, evaluation: str) -> list[dict[str, str]]:
    return [row for row in _rows(package / "budget.csv") if row["evaluation_id"] == evaluation and is_printed(row)]


def layout(package: Path, evaluation: str) -> Layout:
    form = next(row for row in _rows(package / "evaluations.csv") if row["evaluation_id"] == evaluation)
    indicators = [row for row in _rows(package / "indicators.csv") if row["evaluation_id"] == evaluation]
    lines = budget_lines(package, evaluation)
    out = Layout()
    department = form["kind"] == "department"
    out.rows.append(["部门整体支出绩效自评表" if department else "项目支出绩效自评表"])
    out.rows.append([f"（{form['year']}年度）"])
    out.rows.append(["部门（单位）名称" if department else "项目名称", form["title"]])
    out.rows.append(["主管部门", form["supervisor"], "实施单位", form["implementing_unit"]])
    if lines:
        unit = lines[0]["amount_unit"]
        columns = [(n, t) for n, t in BUDGET_HEADERS if n != "funds_received" or any(r[n] for r in lines)]
        out.rows.append([f"项目资金（{unit}）", "", *(title for _, title in columns)])
        for line in lines:
            cells = ["", line["label"]]
            for name, _ in columns:
                value = line[name]
                cells.append(f"{value}%" if name == "rate_published" and value else value)
                if value and name != "rate_published":
                    out.numbers.add((len(out.rows), len(cells) - 1))
            out.rows.append(cells)
    names = ["level1", "level2", "level3"]
    optional = [(n, t) for n, t in (("nature", "指标性质"),) if any(r[n] for r in indicators)]
    columns = [(n, t) for n, t in zip(names, ("一级指标", "二级指标", "三级指标"), strict=True)] + optional
    columns.append(("target", "指标值"))
    columns += [(n, t) for n, t in (("measure_unit", "度量单位"),) if any(r[n] for r in indicators)]
    columns.append(("actual", "实际完成值"))
    columns.append(("weight", form["weight_term"] or "分值"))
    columns += [(n, t) for n, t in (("weight_share", "权重占比（%）"),) if any(r[n] for r in indicators)]
    columns.append(("score", "得分"))
    columns += [(n, t) for n, t in (("score_converted", "单项指标折算得分"),) if any(r[n] for r in indicators)]
    columns.append(("deviation", "偏差原因分析及改进措施"))
    header_at = len(out.rows)
    out.rows.append(["绩效指标", *(title for _, title in columns)])
    for row in indicators:
        cells = ["绩效指标"]
        for name, _ in columns:
            value = row[name]
            if name in ("level1", "level2") and row[f"{name}_weight"]:
                value = f"{value}（{row[f'{name}_weight']}分）"
            cells.append(value)
            if value and name in ("weight", "weight_share", "score", "score_converted"):
                out.numbers.add((len(out.rows), len(cells) - 1))
        out.rows.append(cells)
    out.merges.append((0, header_at, len(out.rows) - 1))
    for position in (1, 2):
        start = header_at + 1
        for index in range(header_at + 1, len(out.rows) + 1):
            if (
                index == len(out.rows)
                or out.rows[index][position] != out.rows[start][position]
                or position == 2
                and (out.rows[index][1] != out.rows[start][1])
            ):
                if index - 1 > start:
                    out.merges.append((position, start, index - 1))
                start = index
    total = ["总分"] + [""] * len(columns)
    weight_at = 1 + [name for name, _ in columns].index("weight")
    score_at = 1 + [name for name, _ in columns].index("score")
    total[weight_at], total[score_at] = form["total_weight"], form["total_score"]
    out.numbers |= {(len(out.rows), weight_at), (len(out.rows), score_at)}
    out.rows.append(total)
    out.width = max(len(row) for row in out.rows)
    out.rows = [row + [""] * (out.width - len(row)) for row in out.rows]
    return out


def _number(text: str) -> float | int:
    return int(text) if text.lstrip("-").isdigit() else float(text)


def write_xlsx(form: Layout, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for r, row in enumerate(form.rows):
        for c, text in enumerate(row):
            if text:
                cell = sheet.cell(r + 1, c + 1, _number(text) if (r, c) in form.numbers else text)
                if (r, c) in form.numbers and "." in text:
                    cell.number_format = "0." + "0" * len(text.split(".")[1])  # shows the digits typed: 8.50
                if cell.data_type == "f":
                    cell.data_type = "s"  # a target printed as "=43万元" is text, not a formula
    for col, first, last in form.merges:
        for r in range(first + 1, last + 1):
            sheet.cell(r + 1, col + 1).value = None
        sheet.merge_cells(start_row=first + 1, start_column=col + 1, end_row=last + 1, end_column=col + 1)
    book.save(path)


def write_docx(form: Layout, path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(form.rows[0][0])
    document.add_paragraph(form.rows[1][0])
    body = form.rows[2:]
    table = document.add_table(rows=len(body), cols=form.width)
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for col, first, last in form.merges:
        for r in range(first + 1, last + 1):
            table.cell(r - 2, col).text = ""
        table.cell(first - 2, col).merge(table.cell(last - 2, col))
        table.cell(first - 2, col).text = form.rows[first][col]
    document.save(str(path))


def write_pdf(form: Layout, path: Path) -> None:
    """A ruled table in reportlab's built-in Chinese CID font (STSong-Light: no font file embedded)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=5, leading=6, wordWrap="CJK")
    body = [[Paragraph(text, style) for text in row] for row in form.rows[2:]]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for col, first, last in form.merges:
        commands.append(("SPAN", (col, first - 2), (col, last - 2)))
        for r in range(first + 1, last + 1):
            body[r - 2][col] = ""
    table = Table(body, colWidths=[760 / form.width] * form.width, repeatRows=0)
    table.setStyle(TableStyle(commands))
    page = (landscape(A4)[0], 1800)  # one tall page: a merged cell cannot break across pages
    document = SimpleDocTemplate(str(path), pagesize=page, leftMargin=30, rightMargin=30)
    document.build([Paragraph(form.rows[0][0], style), Paragraph(form.rows[1][0], style), table])


def write_text(form: Layout, path: Path) -> None:
    """As the sources/ texts are kept: one table row a line, cells separated by |."""
    path.write_text("".join(" | ".join(row) + " |\n" for row in form.rows), encoding="utf-8")
