"""Fragments: one unit's rows of every combined table, year by year, encoded once, in the worker that built it.

The combined datasets (jixiao/opendata/datasets.py) are split by year and assembled from
fragments, one unit at a time: the CSV and JSON parts are copied as they are, and also
as gzip members that are simply concatenated into the compressed files (a gzip file may
hold several members; every reader joins them), so the main process encodes and
compresses nothing but the database; each row's worksheet XML is written with its row
number filled in, and the rows go to the SQLite writer.  A unit's fragments are stored
beside its record in the cache (``<key>.rows``), so a unit reused from the previous
build or a shard is not read, validated or modelled again for the datasets.  They are
stored as checked data (jixiao/stored.py): a fragment that does not read back whole, as
this build's types, is made again from the unit's packages.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jixiao import files, stored
from jixiao.ingest.model import Package
from jixiao.opendata import combined, xlsx
from jixiao.opendata.combined import COMBINED, Cell, CombinedTable
from jixiao.opendata.spreadsheet import free_text_kinds, neutralise_row

FRAGMENT_SUFFIX = ".rows"
FRAGMENT_KIND = "unit-fragments-4"
GZIP_LEVEL = 6


@dataclass
class Part:
    """One table's share of a fragment: its rows, as CSV lines and as JSON array lines."""

    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    xlsx: list[str] = field(default_factory=list)
    """Each row as worksheet XML with its number left open (``xlsx.row_template``)."""
    csv: str = ""
    json: str = ""
    """Rows encoded like the combined JSON file: one array a line, joined by ``,\\n``."""
    csv_gz: bytes = b""
    json_gz: bytes = b""
    """The same two texts as gzip members (empty when there are no rows)."""


Fragment = dict[str, Part]
"""One year of a unit (one package): table name → its part."""
UnitFragments = dict[int, Fragment]
"""A unit's fragments by year."""


def gzip_member(text: str) -> bytes:
    """Text as one gzip member, the same bytes every time (no time stamp, no file name)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=GZIP_LEVEL, mtime=0) if text else b""


def unit_fragments(packages: Iterable[Package]) -> UnitFragments:
    """Each of a unit's packages (one a year) as its own fragment."""
    return {package.year: fragment_of([package]) for package in packages}


def fragment_of(packages: Iterable[Package]) -> Fragment:
    """The rows of these packages (a unit's, in year order), table by table, encoded for CSV and JSON."""
    parts: Fragment = {name: Part() for name in COMBINED}
    for table, row in combined.rows(packages):
        parts[table].rows.append(row)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for name, part in parts.items():
        refs, kinds = sheet_columns(COMBINED[name])
        part.xlsx = [xlsx.row_template(refs, kinds, row) for row in part.rows]
        buffer = io.StringIO()
        guard = free_text_kinds(name)
        csv.writer(buffer, lineterminator="\n").writerows(neutralise_row(csv_cells(row), guard) for row in part.rows)
        part.csv = buffer.getvalue()
        part.json = ",\n".join(map(encode, part.rows))
        part.csv_gz, part.json_gz = gzip_member(part.csv), gzip_member(part.json)
    return parts


def csv_cells(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """A row for CSV: booleans as ``true`` / ``false`` (as in JSON and Table Schema), not Python's ``True``."""
    return tuple(("true" if value else "false") if value.__class__ is bool else value for value in row)


def rows_digests(fragments: UnitFragments) -> tuple[tuple[int, str], ...]:
    """(year, digest of the unit's rows that year): a year's combined files change only when a digest does."""
    return tuple((year, rows_digest(fragment)) for year, fragment in sorted(fragments.items()))


def rows_digest(fragment: Fragment) -> str:
    """What the combined files take from a unit: its rows (cells are str, int or None, so repr is exact)."""
    hasher = hashlib.sha256()
    for name in COMBINED:
        for row in fragment[name].rows:
            hasher.update(repr(row).encode("utf-8"))
            hasher.update(b"\n")
        hasher.update(b"\0")
    return hasher.hexdigest()


def sheet_columns(table: CombinedTable) -> tuple[list[str], str]:
    """The column letters and kinds ("n" number, "s" text) of a table's worksheet."""
    kinds = "".join("n" if column.type == "number" else "s" for column in table.columns)
    return [xlsx.column_letters(i) for i in range(len(table.columns))], kinds


def fragment_path(records: Path, key: str) -> Path:
    return records / f"{key}{FRAGMENT_SUFFIX}"


BLOBS = ("csv", "json", "csv_gz", "json_gz")
"""The parts of a Part stored as they are (``stored.dumps_sections``): big texts and gzip members."""


def write_fragment(path: Path, fragment: UnitFragments) -> None:
    """Written under a temporary name and renamed, so a reader never sees half a fragment.

    Each year is sections of its own: ``<year>`` (each table's rows and worksheet rows, JSON)
    and ``<year>/<table>/<blob>`` (the CSV and JSON texts and their gzip members, stored as
    they are), so one year is read and checked without the others.
    """
    sections: dict[str, object] = {}
    for year, parts in fragment.items():
        sections[str(year)] = {name: [stored.encode(part.rows), part.xlsx] for name, part in parts.items()}
        for name, part in parts.items():
            for blob in BLOBS:
                value = getattr(part, blob)
                sections[f"{year}/{name}/{blob}"] = value.encode("utf-8") if isinstance(value, str) else value
    files.write_atomic(path, stored.dumps_sections(FRAGMENT_KIND, sections))


def read_fragment(path: Path, year: int) -> Fragment | None:
    """One year of a unit's stored fragments; None when missing or not as written (the caller makes it again)."""
    prefix = f"{year}/"
    sections = stored.read_sections(path, FRAGMENT_KIND, lambda name: name == str(year) or name.startswith(prefix))
    return _decode_year(str(year), sections) if sections is not None else None


def check_fragment(path: Path) -> bytes | None:
    """A stored fragment's bytes if every year of it reads back (to copy it from a shard), else None."""
    data = files.read_regular(path)
    sections = stored.load_sections(FRAGMENT_KIND, data) if data is not None else None
    if data is None or sections is None:
        return None
    years = [name for name in sections if "/" not in name]
    if not years or not all(name.isdigit() for name in years):
        return None
    used = 0
    for year in years:
        mine = {name: part for name, part in sections.items() if name == year or name.startswith(f"{year}/")}
        used += len(mine)
        if _decode_year(year, mine) is None:
            return None
    return data if used == len(sections) else None


def _decode_year(year: str, sections: dict[str, object]) -> Fragment | None:
    """A year's sections as the Parts ``fragment_of`` made; None unless every table and blob is there and typed."""
    tables = sections.get(year)
    if not isinstance(tables, dict) or set(tables) != set(COMBINED) or len(sections) != 1 + len(COMBINED) * 4:
        return None
    parts: Fragment = {}
    try:
        for name, value in tables.items():
            rows, sheet = stored.decode(tuple[list[tuple[Cell, ...]], list[str]], value)
            blobs = [sections.get(f"{year}/{name}/{blob}") for blob in BLOBS]
            csv_text, json_text, csv_gz, json_gz = (blob if isinstance(blob, bytes) else None for blob in blobs)
            if csv_text is None or json_text is None or csv_gz is None or json_gz is None:
                return None
            parts[name] = Part(rows, sheet, csv_text.decode("utf-8"), json_text.decode("utf-8"), csv_gz, json_gz)
    except (stored.StoredError, UnicodeDecodeError):
        return None
    return parts
