"""A fast harness for the domain checks: a real package read once, copied and edited in memory.

A check's test needs no copied data/ and no subprocess: take a seed package, change the
cells the test is about, run the check (or every check) and read its findings — about a
millisecond a test.  The seeds are packages of data/ named by each test, as in
tests/test_checks.py; what the test changes is written in the test.

    package = seed("yiyang-si/2022")
    edit(package, "budget", {"evaluation_id": "report", "line_id": "total"}, budget="120.57")
    assert codes(run(check_sums, package)) == ["E-SUM"]
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable

from site_fixtures import REPO

from jixiao.config import NATIONAL_BANDS, GradeBands
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import RawPackage, Row, read_package
from jixiao.ingest.model import Package, build_package

DATA = REPO / "data"

Check = Callable[[RawPackage, GradeBands], Iterable[Finding]]


@functools.cache
def _read(package_id: str) -> RawPackage:
    package = read_package(DATA / package_id, DATA)
    assert not package.findings, [f.text() for f in package.findings]
    return package


def seed(package_id: str) -> RawPackage:
    """A private copy of ``data/<unit>/<year>`` as read from disk (read once per test session)."""
    return copy.deepcopy(_read(package_id))


def edit(package: RawPackage, table: str, match: dict[str, str], **cells: str) -> None:
    """Set ``cells`` in the one row of ``table`` whose columns equal ``match``."""
    hits = [row for row in package.tables[table] if all(row.get(k) == v for k, v in match.items())]
    assert len(hits) == 1, (table, match, len(hits))
    hits[0].cells.update(cells)


def add(package: RawPackage, table: str, **cells: str) -> None:
    """Append a row to ``table`` (located one line below the last): the given cells, every other column empty."""
    columns = package.headers[table]
    rows = package.tables[table]
    line = rows[-1].line + 1 if rows else 2
    rows.append(Row(line, {column: cells.pop(column, "") for column in columns}))
    assert not cells, f"not columns of {table}: {sorted(cells)}"


def run(check: Check, package: RawPackage, bands: GradeBands = NATIONAL_BANDS) -> list[Finding]:
    """The findings of one check on the package."""
    return list(check(package, bands))


def codes(findings: Iterable[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def model(package: RawPackage) -> Package:
    """The package as the site sees it (no flags)."""
    return build_package(package, ())
