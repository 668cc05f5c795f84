"""The quick conformance check says "frictionless would find nothing" only when frictionless finds nothing.

Differential: every table of every package in data/ is mutated (hostile cell values, broken
rows, other delimiters and quoting, other encodings) and each mutated table is given both to
``conformance`` and to frictionless itself; whatever frictionless refuses, the quick check
must not vouch for.  A sample of the mutations is also run through the whole validation,
which must give the same findings with and without the quick check.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import shutil
from pathlib import Path

import pytest
from site_fixtures import DATA

from jixiao.config import GRADE_BANDS
from jixiao.ingest import conformance, validate
from jixiao.ingest.load import find_packages, read_package
from jixiao.ingest.tables import TABLES

PACKAGES = find_packages(DATA)

CELLS = [
    "", " ", "0", "-0", "01", "1.0", "1.", ".5", "+1", "1e3", "1E3", "NaN", "nan", "inf", "-Infinity",
    "sNaN", "-sNaN", "Infinity",
    "1,000", "1 000", "1_000", "0x1A", "１２", "12%", "$12", "12万元", "93116. 21", "2", "9" * 20, "-1",
    "101", "1999", "2101", "2023-02-30", "2023-1-1", "2023/01/01", "２０２３", "true", "是", "abc", "ABC",
    "a-b", "a_b", "a b", "中文", "\n", "1\n", "x\ny", "\t", "\x0b", ";", "|", '"', "'", "None", "null",
    "-", "—", "N/A", "http://example.org/x", "javascript:alert(1)", "ftp://x", "x" * 300, "department",
    "project", "narrative/x.md", "narrative/../x.md", "万元", "元", "E-SUM", "总分",
]  # fmt: skip
"""Cell values that some column of some table refuses (or accepts only as frictionless reads it)."""


READER_CELLS = [
    *CELLS, "５", "٣", "1_0", " 5 ", "\t5\n", "5 ", "-0.0", "0e5", "1e400", "9" * 5000, "+0", "0.000",
    "2024-2-29", "2023-02-29", "2024-02-29", " 2024-01-01", "2024-01-01 ", "24-01-01", "20240101", "2024-13-01",
    "HTTP://EXAMPLE.ORG", "https://例子.中国/路径?q=值#段", "mailto:a@b", "a:b", "1a:b", ":x", "//host/x", "http:",
    "中文:x", "ht tp://x", "+a:b", "a+b.c-d:rest", "http://x y", "http://[::1]:80/", "http://user:pw@host/",
    "é:x", "x\u00e9:y", "narrative/abc.md", "narrative/abc.md\n", "abc\n", "a-b\n", "A", "总分", "定性", "≥",
]  # fmt: skip
"""Cells for the column readers: CELLS, and what int(), Decimal(), strptime and rfc3986 read in their own ways."""


def _records(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _csv(records: list[list[str]], **dialect) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n", **dialect).writerows(records)
    return out.getvalue().encode("utf-8")


def _free_text_column(name: str) -> int | None:
    """A column of the table that takes any text (a title, a note), if it has one."""
    for position, field in enumerate(TABLES[name]["fields"]):
        if field["type"] == "string" and "format" not in field and set(field.get("constraints", {})) <= {"required"}:
            return position
    return None


def _sniffed_as_semicolons(records: list[list[str]], name: str) -> bytes | None:
    """The table with x;'y';z in a free-text cell of every row: csv.Sniffer then picks ';' (and ' quotes)."""
    column = _free_text_column(name)
    if column is None or len(records) < 2:
        return None
    return _csv([records[0], *([*row[:column], "x;'y';z", *row[column + 1 :]] for row in records[1:])])


def _row_mutations(records: list[list[str]], name: str) -> list[tuple[str, bytes]]:
    """Whole-row and whole-file changes of one table (its records, header first)."""
    header, rows = records[0], records[1:]
    text = _csv(records).decode()
    first = rows[:1]
    cases = [
        ("unchanged", _csv(records)),
        ("duplicate-row", _csv([header, *rows, *first])),
        ("blank-row", _csv([header, *rows, [""] * len(header)])),
        ("spaces-row", _csv([header, *rows, [" "] * len(header)])),
        ("empty-line", (text + "\n").encode()),
        ("empty-line-inside", text.replace("\n", "\n\n", 1).encode()),
        ("short-row", _csv([header, *rows, *(r[:-1] for r in first)])),
        ("long-row", _csv([header, *rows, *(r + ["x"] for r in first)])),
        ("header-only", _csv([header])),
        ("empty", b""),
        ("no-final-newline", text.rstrip("\n").encode()),
        ("crlf", text.replace("\n", "\r\n").encode()),
        ("cr", text.replace("\n", "\r").encode()),
        ("header-swapped", _csv([[header[1], header[0], *header[2:]], *rows])),
        ("header-upper", _csv([[header[0].upper(), *header[1:]], *rows])),
        ("header-space", _csv([[header[0] + " ", *header[1:]], *rows])),
        ("header-missing", _csv(rows)),
        ("semicolons", _csv(records, delimiter=";")),
        ("tabs", _csv(records, delimiter="\t")),
        ("pipes", _csv(records, delimiter="|")),
        ("quote-all", _csv(records, quoting=csv.QUOTE_ALL)),
        ("single-quotes", _csv(records, quotechar="'", quoting=csv.QUOTE_ALL)),
        ("space-after-comma", text.replace(",", ", ").encode()),
        ("bom", b"\xef\xbb\xbf" + text.encode()),
        ("gbk", text.encode("gbk", errors="replace")),
        ("latin-1-byte", text.encode() + b"\xe9\n"),
    ]
    if (sniffed := _sniffed_as_semicolons(records, name)) is not None:
        cases.append(("sniffed-as-semicolons", sniffed))
    for position in range(len(header)):  # every cell of the first row emptied, one at a time
        for row in first:
            cases.append(
                (f"empty-{header[position]}", _csv([header, [*row[:position], "", *row[position + 1 :]], *rows[1:]]))
            )
    return cases


def _cell_mutations(records: list[list[str]], rng: random.Random, count: int) -> list[tuple[str, bytes]]:
    """Single cells of random rows replaced by a hostile value."""
    header, rows = records[0], records[1:]
    cases = []
    for _ in range(count if rows else 0):
        row_index, column = rng.randrange(len(rows)), rng.randrange(len(header))
        value = rng.choice(CELLS)
        changed = [list(row) for row in rows]
        changed[row_index][column] = value
        cases.append((f"{header[column]}={value[:12]!r}@{row_index + 2}", _csv([header, *changed])))
    return cases


def _copy(package: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data" / package.parent.name / package.name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(package, target)
    return target


@pytest.fixture(scope="module")
def cases() -> list[tuple[Path, str, list[tuple[str, bytes]]]]:
    """(package, table, mutations of that table) for every table of every package in data/.

    Cell values are mutated in every package; the row and file changes, which depend only
    on a table's columns, in every fourth of them (the suite shares two cores).
    """
    rng = random.Random(14)
    found = []
    for number, package in enumerate(PACKAGES):
        for name in TABLES:
            records = _records(package / f"{name}.csv")
            rows = _row_mutations(records, name) if number % 4 == 0 else []
            found.append((package, name, rows + _cell_mutations(records, rng, 10)))
    return found


def test_column_readers_read_every_cell_as_frictionless_does() -> None:
    """Each column reader against frictionless's own cell reader for the same field (the oracle), cell by cell:
    a cell frictionless notes must fail the column, and any other must give frictionless's value."""
    checked = 0
    for name in TABLES:
        table = conformance._table(name)
        assert table is not None, f"{name}: a schema feature the quick path does not mirror"
        for field, read in zip(conformance.schema(name).fields, table.readers, strict=True):
            frictionless_read = field.create_cell_reader()
            for cell in READER_CELLS:
                try:
                    value, notes = frictionless_read(cell)
                except Exception:
                    value, notes = None, {"raised": "frictionless raised"}
                try:
                    ours = read([cell])
                except Exception:
                    ours = None  # table_conforms answers False
                label = f"{name}.{field.name} {cell[:40]!r}"
                if notes:
                    assert ours is None, f"{label}: frictionless notes {notes}, the quick path reads {ours}"
                else:
                    assert repr(ours) == repr([value]), label  # repr: Decimal('NaN') is not equal to itself
                checked += 1
    assert checked > 8000


def test_every_valid_package_in_data_takes_the_quick_path() -> None:
    """Without this the speed-up silently vanishes: frictionless would run for every package again."""
    for directory in PACKAGES:
        package = read_package(directory, DATA)
        if not any(f.is_error for f in validate.validate_package(package, dict(GRADE_BANDS))):
            assert conformance.conforms(package), package.display


def test_quick_check_never_vouches_for_what_frictionless_refuses(cases, tmp_path: Path) -> None:
    refused = vouched = 0
    for source, name, mutations in cases:
        target = _copy(source, tmp_path)
        data_dir = target.parent.parent
        for label, content in mutations:
            (target / f"{name}.csv").write_bytes(content)
            package = read_package(target, data_dir)
            try:
                report = validate.frictionless_report(package, name)
                errors = [error.type for task in report.tasks for error in task.errors] + [
                    e.type for e in report.errors
                ]
            except Exception as error:  # validation turns this into E-JSON
                errors = [type(error).__name__]
            quick = conformance.conforms(package)
            table = conformance.table_conforms(package, name) if package.descriptor is not None else False
            assert not (errors and (quick or table)), f"{package.display}/{name}.csv {label}: frictionless {errors}"
            refused += bool(errors)
            vouched += quick
        shutil.copyfile(source / f"{name}.csv", target / f"{name}.csv")
    assert refused > 500 and vouched > 100, (refused, vouched)  # the corpus exercises both answers


def test_validation_finds_the_same_with_and_without_the_quick_check(tmp_path: Path, monkeypatch) -> None:
    package = PACKAGES[0]
    rng = random.Random(package.parent.name)
    target = _copy(package, tmp_path)
    bands = dict(GRADE_BANDS)
    for name in TABLES:
        records = _records(package / f"{name}.csv")
        for label, content in [*_row_mutations(records, name)[:6], *_cell_mutations(records, rng, 2)]:
            (target / f"{name}.csv").write_bytes(content)
            loaded = read_package(target, target.parent.parent)
            quick = validate.validate_package(loaded, bands)
            with monkeypatch.context() as patch:
                patch.setattr(validate, "conforms", lambda package: False)
                always = validate.validate_package(loaded, bands)
            assert quick == always, f"{name}.csv {label}"
        shutil.copyfile(package / f"{name}.csv", target / f"{name}.csv")


def test_a_table_frictionless_would_read_with_another_delimiter_goes_to_frictionless(tmp_path: Path) -> None:
    """Header, widths and cells are all fine as load reads them; only frictionless's sniffing differs."""
    target = _copy(PACKAGES[0], tmp_path)
    content = _sniffed_as_semicolons(_records(target / "unit.csv"), "unit")
    assert content is not None
    (target / "unit.csv").write_bytes(content)
    package = read_package(target, target.parent.parent)
    assert package.headers["unit"] == [field["name"] for field in TABLES["unit"]["fields"]]
    assert not package.findings and all("__width__" not in row.cells for row in package.tables["unit"])
    assert validate.frictionless_report(package, "unit").tasks[0].errors
    assert not conformance.conforms(package)


def test_a_cell_that_makes_a_frictionless_reader_raise_goes_to_frictionless(tmp_path: Path) -> None:
    """frictionless's own number reader raises on sNaN against a bound; validation must still answer, not crash."""
    target = _copy(PACKAGES[0], tmp_path)
    records = _records(target / "budget.csv")
    column = next(i for i, f in enumerate(TABLES["budget"]["fields"]) if f["type"] == "number")
    records[1][column] = "sNaN"
    (target / "budget.csv").write_bytes(_csv(records))
    package = read_package(target, target.parent.parent)
    assert not conformance.conforms(package)
    findings = validate.validate_package(package, dict(GRADE_BANDS))
    assert any(f.is_error and f.file.endswith("budget.csv") for f in findings)


def test_sniffer_answers_as_the_standard_one() -> None:
    """conformance._Sniffer only counts the candidate delimiters; its answers must be csv.Sniffer's."""
    rng = random.Random(3)
    samples = []
    for package in PACKAGES:
        for name in TABLES:
            text = (package / f"{name}.csv").read_text("utf-8")
            samples.append("".join(itertools.islice(io.StringIO(text, newline=""), conformance.SNIFF_LINES)))
    for sample in list(samples):
        for _ in range(6):
            chars = list(sample)
            for _ in range(rng.randint(1, 40)):
                if chars:
                    chars[rng.randrange(len(chars))] = rng.choice(",;\t| \n\"'x")
            samples.append("".join(chars))
    samples += ["a;b;c\n1;2;3\n", "a, b, c\n1, 2, 3\n", "a|b\n1|2\n", "a\tb\n1\t2\n", "x\n", "", "a,b;c\n1,2;3\n"]

    def answer(sniffer: csv.Sniffer, sample: str) -> tuple:
        try:
            found = sniffer.sniff(sample, conformance.SNIFF_DELIMITERS)
        except csv.Error as error:
            return ("error", str(error))
        return (found.delimiter, found.skipinitialspace, found.quotechar, found.doublequote)

    answers = {answer(csv.Sniffer(), sample) for sample in samples}
    assert len({a[0] for a in answers}) >= 3  # the samples lead to more than one verdict
    for sample in samples:
        assert answer(conformance._Sniffer(), sample) == answer(csv.Sniffer(), sample), repr(sample[:200])


def test_another_frictionless_release_is_asked_itself(monkeypatch) -> None:
    """The quick path mirrors frictionless internals of the releases it was compared on; under any
    other it vouches for nothing and validation runs frictionless itself."""
    from check_harness import seed

    package = seed("yiyang-si/2022")
    assert conformance.conforms(package)
    monkeypatch.setattr(conformance, "frictionless_version", lambda: "5.22.0")
    assert not conformance.conforms(package)
    monkeypatch.setattr(conformance, "frictionless_version", lambda: "6.0.1")
    assert not conformance.conforms(package)
