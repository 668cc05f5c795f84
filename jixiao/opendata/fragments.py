"""Fragments: one unit's rows of every combined table, encoded once, in the worker that built the unit.

The combined datasets (jixiao/opendata/datasets.py) are assembled from fragments, one
unit at a time: the CSV and JSON parts are copied as they are (the main process encodes
nothing), each row's worksheet XML is written with its row number filled in, and the
rows go to the SQLite writer.  A fragment is stored beside
the unit's record in the cache (``<key>.rows``), so a unit reused from the previous
build or a shard is not read, validated or modelled again for the datasets.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.ingest.model import Package
from jixiao.opendata import combined, xlsx
from jixiao.opendata.combined import COMBINED, Cell, CombinedTable

FRAGMENT_SUFFIX = ".rows"


@dataclass
class Part:
    """One table's share of a fragment: its rows, as CSV lines and as JSON array lines."""

    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    xlsx: list[str] = field(default_factory=list)
    """Each row as worksheet XML with its number left open (``xlsx.row_template``)."""
    csv: str = ""
    json: str = ""
    """Rows encoded like the combined JSON file: one array a line, joined by ``,\\n``."""


Fragment = dict[str, Part]


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
        csv.writer(buffer, lineterminator="\n").writerows(part.rows)
        part.csv = buffer.getvalue()
        part.json = ",\n".join(map(encode, part.rows))
    return parts


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


def write_fragment(path: Path, fragment: Fragment) -> None:
    """Written under a temporary name and renamed, so a reader never sees half a fragment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.{id(fragment)}.tmp")
    temporary.write_bytes(pickle.dumps(fragment, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(path)


def read_fragment(path: Path) -> Fragment | None:
    """The stored fragment, or None when it is missing or unreadable (the caller rebuilds it)."""
    try:
        fragment = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    return fragment if isinstance(fragment, dict) and set(fragment) == set(COMBINED) else None
