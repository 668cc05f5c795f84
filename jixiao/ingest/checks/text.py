"""Text checks: every cell is checked as text before anything reads it as a value.

Free text (titles, notes, narrative) may hold tabs and line breaks and no other control
character; a cell with a format (ids, numbers, enums, dates, URLs) may hold none.

frictionless matches patterns with ``re.match`` (so ``"989.34\\n"`` passes ``^…$``),
accepts any URI scheme for ``format: uri`` and lets control characters through; these
checks close each of those gaps for every table, whatever its schema.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.config import GradeBands
from jixiao.ingest.checks.common import BARE_NUMBER, NUMERIC_TYPES, _finding
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import RawPackage
from jixiao.ingest.tables import TABLES

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters that break XML (feed, sitemap), terminals and spreadsheets; tab and newline aside."""
CELL_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")
"""In a cell with a format (ids, numbers, dates, URLs, codes) even tab and newline are refused."""
URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]"
)
"""Characters that change what text shows without showing themselves: bidi controls (U+202A–202E,
U+2066–2069, U+200E/200F, U+061C: "Trojan Source" spoofing), zero-width and joiner characters
(U+200B–200D, U+2060, U+FEFF), fillers and variation selectors. Refused in names, labels and ids;
removed from text when pages are rendered (``site/render.py``)."""
PROSE = frozenset({"note", "basis", "deviation", "target", "actual"})
"""Columns of running text copied from the form, where such a character is removed on the pages, not refused."""
LARGEST_INTEGER = 2**53 - 1
"""The largest integer JSON readers (JavaScript) hold exactly; SQLite holds more."""
LARGEST_AMOUNT_DIGITS = 15


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class _Column:
    """What check_text_cells needs of one column, taken from its schema once per process."""

    name: str
    control: re.Pattern[str]
    pattern: re.Pattern[str] | None
    pattern_text: str | None
    uri: bool
    numeric: str | None
    """The column's type when it is a number or an integer."""
    names: bool
    """A name, label, title or id: invisible format characters are refused (everything but PROSE)."""


@functools.cache
def _columns(table: str) -> dict[str, _Column]:
    columns = {}
    for spec in TABLES[table]["fields"]:
        pattern = spec.get("constraints", {}).get("pattern")
        columns[spec["name"]] = _Column(
            name=spec["name"],
            control=CONTROL if _free_text(spec) else CELL_CONTROL,
            pattern=re.compile(pattern) if pattern else None,
            pattern_text=pattern,
            uri=spec.get("format") == "uri",
            numeric=spec["type"] if spec["type"] in NUMERIC_TYPES else None,
            names=spec["name"] not in PROSE,
        )
    return columns


def check_text_cells(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """No control characters; patterns match the whole value; URLs are http(s); numbers within bounds.

    A table whose every column ``_column_clean`` vouches for has nothing to report and is not
    read cell by cell (that was a fifth of validation); any other table is, in the order the
    findings are reported.
    """
    for name, rows in package.tables.items():
        columns = _columns(name)
        present = [columns[column] for column in set().union(*(row.cells for row in rows)) if column in columns]
        if all(_column_clean(spec, [text for row in rows if (text := row.cells.get(spec.name))]) for spec in present):
            continue
        for row in rows:
            for column, text in row.cells.items():
                if text and (spec := columns.get(column)) is not None:
                    yield from _cell(package, name, row, spec, text)


def _column_clean(spec: _Column, texts: list[str]) -> bool:
    """Whether ``_cell`` finds nothing in any of a column's non-empty cells, decided a column at a time.

    The character checks are classes of single characters, so one search of the cells joined
    answers for all of them; a number of at most 15 characters is within both bounds.
    """
    joined = "".join(texts)
    if spec.control.search(joined) or (spec.names and INVISIBLE.search(joined)):
        return False
    if spec.pattern is not None and not all(map(spec.pattern.fullmatch, texts)):
        return False
    if spec.uri and not all(map(URL.fullmatch, texts)):
        return False
    return not spec.numeric or all(len(text) <= LARGEST_AMOUNT_DIGITS for text in texts)


def _cell(package: RawPackage, name: str, row, spec: _Column, text: str) -> Iterator[Finding]:
    column = spec.name
    hidden = _hidden_character(spec, text)
    if hidden:
        yield _finding(package, name, row, "E-TEXT", column, hidden)
        return
    if spec.pattern is not None and not spec.pattern.fullmatch(text):
        yield _finding(package, name, row, "E-TEXT", column, f"{text!r} 格式不符：须整体符合 {spec.pattern_text}")
    if spec.uri and not URL.fullmatch(text):
        yield _finding(package, name, row, "E-URL", column, f"{text!r} 不是 http:// 或 https:// 网址")
    if spec.numeric and BARE_NUMBER.fullmatch(text):
        if spec.numeric == "integer" and "." in text:
            return  # 2022.0 is no integer: frictionless says so (E-TYPE); int() would raise here
        whole = text.lstrip("-").split(".")[0]
        if spec.numeric == "integer" and int(text) > LARGEST_INTEGER:
            yield _finding(package, name, row, "E-NUMBER", column, f"{text} 超出整数上限 {LARGEST_INTEGER}")
        elif len(whole) > LARGEST_AMOUNT_DIGITS:
            yield _finding(package, name, row, "E-NUMBER", column, f"{text} 的整数部分超过 {LARGEST_AMOUNT_DIGITS} 位")


def _hidden_character(spec: _Column, text: str) -> str | None:
    """What is wrong with a character a reader would not see: a control character in any cell, an invisible
    format character in names, titles and ids (running text keeps it; pages drop it when printing)."""
    if control := spec.control.search(text):
        return f"含控制字符 {_describe(control.group())}（第 {control.start() + 1} 个字符）"
    if spec.names and (hidden := INVISIBLE.search(text)):
        return (
            f"含不可见的格式字符 {_describe(hidden.group())}（第 {hidden.start() + 1} 个字符）："
            "名称、标题和标识中不得有双向控制符、零宽字符等（显示的文字会与实际不同），请删去"
        )
    return None


def _free_text(spec: dict) -> bool:
    """A string without pattern, enum or format (titles, notes): it may break lines and hold tabs."""
    constraints = spec.get("constraints", {})
    return spec["type"] == "string" and not ("pattern" in constraints or "enum" in constraints or "format" in spec)


def check_narrative_text(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Narrative Markdown may hold tabs and newlines, no other control character."""
    for relative, text in sorted(package.texts.items()):
        control = CONTROL.search(text.replace("\r\n", "\n"))
        if control:
            line = text[: control.start()].count("\n") + 1
            yield Finding("E-TEXT", package.file(relative), f"含控制字符 {_describe(control.group())}", line=line)
