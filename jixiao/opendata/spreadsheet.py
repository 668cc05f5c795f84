"""What spreadsheets do to published text, and how the downloads keep it safe and whole.

Officials and journalists open the CSVs in Excel or WPS, which run a cell beginning with
``=``, ``+``, ``-``, ``@``, TAB or CR as a formula (CSV injection, OWASP): ``=100%``, a
target as printed on a form, would show as ``1``; a crafted cell could call out. So every
*text* field of a CSV download that starts with one of these gets a leading ``'`` (the
OWASP remedy, which Excel hides). Numbers are not text: ``-5.00`` in a number column is
published exactly. The prefix is reversible: a text that already starts with ``'`` before
one of these characters gets one more, so removing one ``'`` from every text cell that
matches ``'+[=+\\-@\\t\\r]`` gives back the transcription exactly. XLSX cells are typed text
and never run as formulas, so the workbook keeps the text as it is.

An XLSX cell holds at most 32,767 characters and a sheet name 31, without ``[]:*?/\\``;
Excel refuses (repairs) a workbook that goes beyond. A longer cell is cut with a note in
the cell saying so and where the whole text is (the CSV and JSON keep it whole).
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from jixiao.ingest.tables import TABLES
from jixiao.opendata.combined import COMBINED

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP's list)."""
EXCEL_CELL_CHARS = 32767
"""Excel's limit on the characters in one cell."""
EXCEL_SHEET_NAME_CHARS = 31
_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
NEUTRALISED_NOTE = (
    "CSV 中以 =、+、-、@、制表符或回车开头的文字字段前加了一个英文单引号 '，以免 Excel、WPS 把它当作公式执行"
    "（OWASP 对 CSV 注入的建议）；数字列和取值固定的字段（如指标性质 =）不加。"
    "还原：文字字段若以 ' 接这些字符之一开头（原文已以 ' 开头的也多加了一个），去掉开头的一个 ' 即为原文。"
    "XLSX 与 JSON 中的文字保持原样。"
)
TRUNCATED_NOTE = (
    f"XLSX 单元格最多 {EXCEL_CELL_CHARS} 个字符（Excel 的上限）；更长的文字在 XLSX 中截断，单元格末尾注明全文字数，"
    "全文见同名 CSV 与 JSON。"
)


def neutralise(text: str) -> str:
    """A text cell safe to open in a spreadsheet: ``'`` in front when it would start a formula (reversible)."""
    return "'" + text if text.lstrip("'").startswith(FORMULA_START) else text


def restore(text: str) -> str:
    """The transcription back from a neutralised text cell (for readers and tests)."""
    return text[1:] if text.startswith("'") and text.lstrip("'").startswith(FORMULA_START) else text


@functools.cache
def free_text_kinds(table: str) -> str:
    """A combined table's columns for ``neutralise_row``: "s" free text, "-" anything else.

    As in the package CSVs, a field with a fixed list of values (指标性质 ``=``) is left
    as it is: it cannot carry a formula, and the same value reads the same in every file.
    """
    spec = COMBINED[table]
    fields = {f["name"]: f for f in TABLES[spec.schema]["fields"]}
    fixed = {name for name, f in fields.items() if "enum" in f.get("constraints", {})}
    return "".join("s" if c.type == "string" and c.name not in fixed else "-" for c in spec.columns)


def neutralise_row(row: Sequence[str | int | None], kinds: str) -> tuple[str | int | None, ...]:
    """A combined row with its free-text columns (``kinds`` "s") neutralised; everything else as it is."""
    return tuple(
        neutralise(value) if kind == "s" and value.__class__ is str else value
        for kind, value in zip(kinds, row, strict=True)
    )


def package_csv(name: str, data: bytes) -> bytes:
    """A package CSV (``<table>.csv`` of data/) for download: its text fields neutralised, all else byte for byte.

    The file is rewritten only when a cell changes, with the same line ending; a file of
    no known table is returned as it is (validation lists every file a package may have).
    """
    table = TABLES.get(name.removesuffix(".csv"))
    if table is None:
        return data
    text = data.decode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        return data
    # Free text only: a field whose values come from a fixed list (指标性质 =, ≥ …) cannot carry a formula,
    # and a guarded "'=" would break the enum constraint frictionless checks in the download.
    texts_by_name = {
        f["name"] for f in table["fields"] if f["type"] == "string" and "enum" not in f.get("constraints", {})
    }
    known = {field["name"] for field in table["fields"]}
    texts = [i for i, column in enumerate(records[0]) if column in texts_by_name or column not in known]
    changed = False
    for record in records[1:]:
        for i in texts:
            if i < len(record) and record[i] != (safe := neutralise(record[i])):
                record[i], changed = safe, True
    if not changed:
        return data
    output = io.StringIO()
    csv.writer(output, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(records)
    return output.getvalue().encode("utf-8")


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """A small CSV (a chart's figures; UTF-8 with BOM, for Excel): Decimals keep their published digits, text is
    neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else format(v, "f") if isinstance(v, Decimal) else _text(v) for v in row])
    return "\ufeff".join(["", out.getvalue()]).encode("utf-8")


def _text(value: object) -> object:
    return neutralise(value) if isinstance(value, str) else value


def excel_text(text: str) -> str:
    """Text that fits one XLSX cell: cut before Excel's limit with a note saying how long the whole is."""
    if len(text) <= EXCEL_CELL_CHARS:
        return text
    note = f"……（以上为前若干字；全文 {len(text)} 字，超出 Excel 单元格上限 {EXCEL_CELL_CHARS} 字，见 CSV 或 JSON）"
    return text[: EXCEL_CELL_CHARS - len(note)] + note


def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """A legal, unique Excel sheet name: no ``[]:*?/\\``, no leading or trailing ``'``, at most 31 characters."""
    name = _SHEET_NAME_ILLEGAL.sub("_", title).strip("'") or "Sheet"
    name = name[:EXCEL_SHEET_NAME_CHARS]
    used = {t.casefold() for t in taken}
    number = 1
    candidate = name
    while candidate.casefold() in used:
        number += 1
        suffix = f"（{number}）"
        candidate = name[: EXCEL_SHEET_NAME_CHARS - len(suffix)] + suffix
    return candidate
