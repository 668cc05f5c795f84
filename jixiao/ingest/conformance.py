"""Conformance: a quick, exact "frictionless would find nothing" for a package's tables.

frictionless is the schema authority and its report is what a maintainer reads, but a
frictionless Resource costs about 10 ms a table before it reads a row (the descriptor
validated again, the schema copied field by field, cell handlers built, the dialect
sniffed), and importing frictionless costs about 2 s, most of a one-edit rebuild.  Here
each column of the canonical Table Schemas is read as frictionless's cell reader reads it
(5.21: ``Field.create_cell_reader`` with the field's value reader: its types, bareNumber,
the "" missing value and the constraints), column by column over the rows ``load``
already read, with the primary key and unique constraints checked as frictionless checks
them; frictionless is not imported unless it has something to say.  Anything this does
not vouch for (a type or constraint note, a blank or ragged row, a header that is not the
schema's, a key seen twice, a file the CSV sniffer would read with another dialect,
anything ``load`` reported, a schema feature it does not mirror) answers False, and
validation asks frictionless itself, whose report is translated as before.
tests/test_conformance.py compares the column readers with frictionless's own cell readers
cell by cell, and both answers on the hostile packages and on mutated rows.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from importlib.metadata import version
from typing import Any

from jixiao.ingest.load import RawPackage
from jixiao.ingest.tables import TABLES

SNIFF_LINES = 100
"""frictionless's CSV parser sniffs the dialect from the first 100 lines (formats/csv/parser.py)."""
SNIFF_DELIMITERS = ",\t;|"
TESTED_FRICTIONLESS = ("5.21",)
"""frictionless releases (major.minor) this quick path mirrors, as tests/test_conformance.py compared them.

The column readers and the sniffing here follow frictionless internals; under any other
release ``conforms`` answers False and validation asks frictionless itself.
pyproject.toml bounds frictionless to these releases and below.
"""
DATE_FORMAT = "%Y-%m-%d"
"""frictionless's ``settings.DEFAULT_DATE_PATTERN``, how a date field of format "default" is read."""


@functools.cache
def frictionless_version() -> str:
    """The installed frictionless's version (for the quick path's trust), read without importing it."""
    return version("frictionless")


@functools.cache
def schema(name: str) -> Any:
    """The canonical Table Schema as a frictionless object, built once per process (for frictionless's report).

    The descriptor checks have already required every resource to use exactly the
    canonical schema, so one object per table serves every package; foreign keys are
    left to ``check_foreign_keys``.
    """
    from frictionless import Schema

    descriptor = copy.deepcopy(TABLES[name])
    descriptor.pop("foreignKeys", None)
    return Schema.from_descriptor(descriptor)


ColumnReader = Callable[[list[str]], "list[Any] | None"]
"""A column's cells → their values as frictionless reads them (None for the "" missing value), or None
when frictionless would note any of them (a type or constraint error)."""


@dataclass(frozen=True)
class _Table:
    names: tuple[str, ...]
    readers: tuple[ColumnReader, ...]
    key: tuple[int, ...]
    """Positions of the primary key's fields."""
    unique: tuple[int, ...]
    """Positions of fields with a unique constraint."""


class _Unmirrored(Exception):
    """A schema feature the column readers do not mirror: the table always goes to frictionless."""


@functools.cache
def _table(name: str) -> _Table | None:
    """The table's column readers, or None when its schema uses something they do not mirror."""
    descriptor = TABLES[name]
    fields = descriptor["fields"]
    names = tuple(field["name"] for field in fields)
    try:
        if set(descriptor) - {"fields", "primaryKey", "foreignKeys"}:
            raise _Unmirrored(name)
        readers = tuple(_column_reader(field) for field in fields)
    except _Unmirrored:
        return None
    return _Table(
        names=names,
        readers=readers,
        key=tuple(names.index(field) for field in descriptor.get("primaryKey", [])),
        unique=tuple(i for i, field in enumerate(fields) if field.get("constraints", {}).get("unique")),
    )


FIELD_KEYS = {"name", "type", "format", "title", "description", "bareNumber", "constraints", "example", "rdfType"}
"""Field properties that are mirrored or do not change how frictionless reads a cell."""


def _column_reader(field: dict[str, Any]) -> ColumnReader:
    """The reader of one column, built from its field descriptor as frictionless builds its cell reader."""
    kind, constraints = field.get("type", "any"), dict(field.get("constraints", {}))
    constraints.pop("unique", None)  # checked over the rows, as frictionless checks it
    if set(field) - FIELD_KEYS:
        raise _Unmirrored(field.get("name"))
    if kind == "string":
        return _string_reader(field.get("format", "default"), constraints)
    if kind in ("integer", "number") and field.get("bareNumber", True) is True:
        return _number_reader(int if kind == "integer" else Decimal, constraints)
    if kind == "date" and field.get("format", "default") == "default" and set(constraints) <= {"required"}:
        return _typed_reader(_date, constraints.get("required") is True, [])
    raise _Unmirrored(field.get("name"))


def _string_reader(form: str, constraints: dict[str, Any]) -> ColumnReader:
    """A string column: any text, or a URI with a scheme; required, pattern (``re.match`` of ``^…$``), enum."""
    if set(constraints) - {"required", "pattern", "enum"} or form not in ("default", "uri"):
        raise _Unmirrored(form)
    required = constraints.get("required") is True
    pattern = re.compile(f"^{constraints['pattern']}$").match if "pattern" in constraints else None
    enum = constraints.get("enum")
    if enum is not None and not (isinstance(enum, list) and all(isinstance(value, str) for value in enum)):
        raise _Unmirrored("enum")
    allowed = frozenset(enum) if enum is not None else None

    def read(cells: list[str]) -> list[Any] | None:
        if required and "" in cells:
            return None
        present = [cell for cell in cells if cell]
        if pattern is not None and not all(map(pattern, present)):
            return None
        if allowed is not None and not allowed.issuperset(present):
            return None
        if form == "uri" and not all(map(_uri, present)):
            return None
        return [cell or None for cell in cells]

    return read


URI_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
"""rfc3986's scheme (``abnf_regexp.SCHEME_RE``) and its colon, at the start of a URI reference."""


def _uri(cell: str) -> bool:
    """Whether frictionless's ``format: uri`` reader accepts a cell: rfc3986 finds a scheme in it.

    frictionless parses the cell with ``rfc3986.uri_reference`` and requires only a scheme;
    rfc3986's parsing regex has no end anchor and every part optional, so it takes a scheme
    exactly when the cell starts with one and a colon.  Text that is not plain ASCII is
    given to rfc3986 itself (it percent-encodes it, and refuses what UTF-8 cannot encode).
    """
    if cell.isascii():
        return URI_SCHEME.match(cell) is not None
    import rfc3986  # type: ignore[import-untyped]  # frictionless's own dependency; only for such a cell

    validator = rfc3986.validators.Validator().require_presence_of("scheme")
    try:
        validator.validate(rfc3986.uri_reference(cell))
    except rfc3986.exceptions.ValidationError:
        return False
    return True


def _number_reader(kind: type, constraints: dict[str, Any]) -> ColumnReader:
    """An integer or number column with bareNumber: ``int`` or ``Decimal`` of the stripped cell; required, bounds."""
    if set(constraints) - {"required", "minimum", "maximum"}:
        raise _Unmirrored("constraints")
    bounds: list[tuple[Callable[[Any, Any], bool], Any]] = []
    for name, admits in (("minimum", _at_least), ("maximum", _at_most)):
        if name in constraints:
            bound = constraints[name]
            if type(bound) is not int:  # frictionless casts a bound with the value reader: only ints mirrored
                raise _Unmirrored(name)
            bounds.append((admits, bound))

    def value(cell: str) -> Any:
        try:
            return kind(cell.strip())
        except Exception:  # as frictionless's value reader: whatever does not cast is a type error
            return None

    return _typed_reader(value, constraints.get("required") is True, bounds)


def _at_least(value: Any, bound: Any) -> bool:
    return value >= bound


def _at_most(value: Any, bound: Any) -> bool:
    return value <= bound


def _date(cell: str) -> Any:
    try:
        return datetime.strptime(cell, DATE_FORMAT).date()  # noqa: DTZ007  # a date, as frictionless reads it
    except Exception:  # as frictionless's date reader
        return None


def _typed_reader(
    cast: Callable[[str], Any], required: bool, bounds: list[tuple[Callable[[Any, Any], bool], Any]]
) -> ColumnReader:
    def read(cells: list[str]) -> list[Any] | None:
        values: list[Any] = []
        for cell in cells:
            if not cell:
                if required:
                    return None
                values.append(None)
                continue
            value = cast(cell)
            if value is None:
                return None
            for admits, bound in bounds:
                # frictionless's _check_bound: NaN is not equal to itself and fails every bound;
                # a signalling NaN raises here, as it does there (table_conforms answers False)
                if value != value or not admits(value, bound):
                    return None
            values.append(value)
        return values

    return read


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
    except Exception:  # a comparison that raises (sNaN against a bound): frictionless reports what it makes of it
        return False


def _table_conforms(package: RawPackage, name: str) -> bool:
    table = _table(name)
    rows = package.tables.get(name)
    if table is None or rows is None or not _read_as_load_read(package, name, table, len(rows)):
        return False
    if not all("__width__" not in row.cells and any(row.cells.values()) for row in rows):
        # cells beyond the header or missing: frictionless reports the row; a row of "" cells only
        # (load skips them) would be a blank row, all its values frictionless's missing value
        return False
    columns = []
    for field, read in zip(table.names, table.readers, strict=True):
        values = read([row.cells[field] for row in rows])
        if values is None:
            return False
        columns.append(values)
    return _constraints_hold(table, columns)


def _constraints_hold(table: _Table, columns: list[list[Any]]) -> bool:
    """Neither frictionless's primary-key error (a key all missing, or seen before) nor its unique error."""
    if table.key:
        keys = list(zip(*(columns[i] for i in table.key), strict=True))
        if any(all(value is None for value in key) for key in keys) or len(set(keys)) != len(keys):
            return False
    for position in table.unique:
        present = [value for value in columns[position] if value is not None]
        if len(set(present)) != len(present):
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
    """csv.Sniffer with the same answers, faster: only the candidate delimiters are counted, and a
    sample without quote characters skips the quote regexes.

    The standard ``_guess_delimiter`` counts all 127 ASCII characters on every line, but a
    character outside ``delimiters`` can never be chosen, and each character's tally is
    independent of the others'; this is its code with the count limited to the candidates
    (tests/test_conformance.py compares both on every table of the test packages and on
    generated samples).
    """

    def _guess_quote_and_delimiter(self, data: str, delimiters: str | None) -> tuple[str, bool, str | None, int]:
        """The standard answer; without a quote character in the sample it is known before any regex runs.

        Each of the standard method's four patterns needs a ``"`` or ``'`` to match, and with no
        match it returns ``('', False, None, 0)``; most tables hold neither (the regexes over the
        sample were a third of the quick path's time).
        """
        if '"' not in data and "'" not in data:
            return "", False, None, 0
        return super()._guess_quote_and_delimiter(data, delimiters)  # type: ignore[misc]  # private, not in typeshed

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
