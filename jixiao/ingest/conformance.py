"""Conformance: a quick, exact "frictionless would find nothing" for a package's tables.

frictionless is the schema authority and its report is what a maintainer reads, but a
frictionless Resource costs about 10 ms a table before it reads a row (the descriptor
validated again, the schema copied field by field, cell handlers built, the dialect
sniffed), and the rows themselves well under 1 ms.  Here each canonical Table Schema
becomes frictionless's own cell readers once per process (``field.create_cell_reader``:
its types, bareNumber, missing values and constraints), and the rows ``load`` already
read go through them, with the primary key and unique constraints checked as
frictionless checks them.  Anything this does not vouch for (a type or constraint note,
a blank or ragged row, a header that is not the schema's, a key seen twice, a file the
CSV sniffer would read with another dialect, anything ``load`` reported) answers False,
and validation asks frictionless itself, whose report is translated as before.
tests/test_conformance.py runs both on the hostile packages and on mutated rows.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from jixiao.ingest.load import RawPackage
from jixiao.ingest.tables import TABLES

SNIFF_LINES = 100
"""frictionless's CSV parser sniffs the dialect from the first 100 lines (formats/csv/parser.py)."""
SNIFF_DELIMITERS = ",\t;|"
TESTED_FRICTIONLESS = ("5.21",)
"""frictionless releases (major.minor) this quick path mirrors, as tests/test_conformance.py compared them.

The cell readers and the sniffing here follow frictionless internals; under any other
release ``conforms`` answers False and validation asks frictionless itself.
pyproject.toml bounds frictionless to these releases and below.
"""


@functools.cache
def frictionless_version() -> str:
    """The installed frictionless's version (for the quick path's trust)."""
    return version("frictionless")


@functools.cache
def schema(name: str) -> Any:
    """The canonical Table Schema as a frictionless object, built once per process.

    The descriptor checks have already required every resource to use exactly the
    canonical schema, so one object per table serves every package; foreign keys are
    left to ``check_foreign_keys``.
    """
    from frictionless import Schema

    descriptor = copy.deepcopy(TABLES[name])
    descriptor.pop("foreignKeys", None)
    return Schema.from_descriptor(descriptor)


@dataclass(frozen=True)
class _Table:
    names: tuple[str, ...]
    readers: tuple[Callable[[Any], tuple[Any, dict | None]], ...]
    key: tuple[int, ...]
    """Positions of the primary key's fields."""
    unique: tuple[int, ...]
    """Positions of fields with a unique constraint."""


@functools.cache
def _table(name: str) -> _Table:
    fields = schema(name).fields
    names = tuple(field.name for field in fields)
    return _Table(
        names=names,
        readers=tuple(field.create_cell_reader() for field in fields),
        key=tuple(names.index(field) for field in schema(name).primary_key),
        unique=tuple(i for i, field in enumerate(fields) if field.constraints.get("unique")),
    )


def conforms(package: RawPackage) -> bool:
    """True only if frictionless would report no error for any table of the package."""
    if package.findings or package.descriptor is None:
        return False
    if ".".join(frictionless_version().split(".")[:2]) not in TESTED_FRICTIONLESS:
        return False
    return all(table_conforms(package, name) for name in TABLES)


def table_conforms(package: RawPackage, name: str) -> bool:
    """True only if frictionless would report no error for this table of the package."""
    try:
        return _table_conforms(package, name)
    except Exception:  # a reader that raises (sNaN against a bound): frictionless reports what it makes of it
        return False


def _table_conforms(package: RawPackage, name: str) -> bool:
    table = _table(name)
    rows = package.tables.get(name)
    if rows is None or not _read_as_load_read(package, name, table, len(rows)):
        return False
    constraints = _Constraints(table)
    for row in rows:
        values = _values(table, row.cells)
        if values is None or not constraints.admit(values):
            return False
    return True


def _read_as_load_read(package: RawPackage, name: str, table: _Table, rows: int) -> bool:
    """Whether frictionless would see the file as ``load`` did: the schema's header, every record, one dialect."""
    data = package.files.get(f"{name}.csv")
    if data is None or tuple(package.headers.get(name, ())) != table.names:
        return False
    if len(package.record_lines.get(name, ())) != rows + 1:
        return False  # load skipped a blank record; frictionless reports blank rows
    return _read_as_excel(data.decode("utf-8"))


def _values(table: _Table, cells: dict[str, str]) -> list[Any] | None:
    """A row's values as frictionless's cell readers make them; None where frictionless reports the row
    (cells beyond the header, a cell a reader notes as invalid, a row of blank cells)."""
    if "__width__" in cells:
        return None
    values = []
    for field, reader in zip(table.names, table.readers, strict=True):
        value, notes = reader(cells[field])
        if notes:
            return None
        values.append(value)
    return None if all(value is None for value in values) else values


class _Constraints:
    """The primary key and unique fields of the rows seen so far: frictionless's primary-key and unique errors."""

    def __init__(self, table: _Table) -> None:
        self.table = table
        self.keys: set[tuple] = set()
        self.seen: list[set] = [set() for _ in table.unique]

    def admit(self, values: list[Any]) -> bool:
        """Whether a row with these values breaks neither constraint; it is then remembered."""
        if self.table.key:
            key = tuple(values[i] for i in self.table.key)
            if all(value is None for value in key) or key in self.keys:
                return False
            self.keys.add(key)
        for position, earlier in zip(self.table.unique, self.seen, strict=True):
            value = values[position]
            if value is not None:
                if value in earlier:
                    return False
                earlier.add(value)
        return True


def _read_as_excel(text: str) -> bool:
    """Whether frictionless's dialect sniffing reads this CSV as ``load`` does (comma, no initial space).

    The same sniff as frictionless's CSV parser, on the same sample; a file it would read
    another way goes to frictionless, which then reports what it sees.  The Sniffer's quote
    character is always ``"`` once frictionless has replaced ``'``, and it never sets an escape
    character, so the delimiter and skipinitialspace are what decide.
    """
    sample = "".join(itertools.islice(io.StringIO(text, newline=""), SNIFF_LINES))
    try:
        sniffed = _Sniffer().sniff(sample, SNIFF_DELIMITERS)
    except csv.Error:
        return True  # frictionless falls back to csv.excel, as load reads
    return sniffed.delimiter == "," and not sniffed.skipinitialspace


class _Sniffer(csv.Sniffer):
    """csv.Sniffer with the same answers, faster: only the candidate delimiters are counted.

    The standard ``_guess_delimiter`` counts all 127 ASCII characters on every line, but a
    character outside ``delimiters`` can never be chosen, and each character's tally is
    independent of the others'; this is its code with the count limited to the candidates
    (tests/test_conformance.py compares both on every table of the test packages and on
    generated samples).
    """

    def _guess_delimiter(self, data: str, delimiters: str | None) -> tuple[str, bool | int]:  # noqa: C901, PLR0912  # debt: mirrors CPython's csv.Sniffer
        if delimiters is None:
            return super()._guess_delimiter(data, delimiters)  # type: ignore[misc]  # private, not in typeshed
        lines = list(filter(None, data.split("\n")))
        candidates = list(dict.fromkeys(c for c in delimiters if ord(c) < 127))
        chunk = min(10, len(lines))
        iteration = 0
        frequencies: dict[str, dict[int, int]] = {}
        modes: dict[str, tuple[int, int]] = {}
        delims: dict[str, tuple[int, int]] = {}
        start, end = 0, chunk
        while start < len(lines):
            iteration += 1
            for line in lines[start:end]:
                for char in candidates:
                    meta = frequencies.setdefault(char, {})
                    count = line.count(char)
                    meta[count] = meta.get(count, 0) + 1
            for char, meta in frequencies.items():
                items = list(meta.items())
                if len(items) == 1 and items[0][0] == 0:
                    continue
                if len(items) > 1:
                    mode = max(items, key=lambda x: x[1])
                    items.remove(mode)
                    modes[char] = (mode[0], mode[1] - sum(item[1] for item in items))
                else:
                    modes[char] = items[0]
            total = float(min(chunk * iteration, len(lines)))
            consistency = 1.0
            while len(delims) == 0 and consistency >= 0.9:
                for char, mode in modes.items():
                    if mode[0] > 0 and mode[1] > 0 and mode[1] / total >= consistency and char in delimiters:
                        delims[char] = mode
                consistency -= 0.01
            if len(delims) == 1:
                delim = next(iter(delims))
                return delim, lines[0].count(delim) == lines[0].count(f"{delim} ")
            start = end
            end += chunk
        if not delims:
            return "", 0
        if len(delims) > 1:
            for delim in self.preferred:
                if delim in delims:
                    return delim, lines[0].count(delim) == lines[0].count(f"{delim} ")
        delim = sorted((mode, char) for char, mode in delims.items())[-1][1]
        return delim, lines[0].count(delim) == lines[0].count(f"{delim} ")
