"""Load: find every package under data/ and read its files as plain text rows.

Nothing here interprets numbers; it only reads bytes strictly as UTF-8 and keeps each
cell with the CSV line it came from, so later stages can point at file, row and field.
Problems that stop reading (bad JSON, bad encoding, a missing file) become findings.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.ingest.findings import Finding
from jixiao.ingest.tables import TABLES


@dataclass(frozen=True)
class Row:
    """One CSV record: its physical line number (header = line 1) and its cells."""

    line: int
    cells: dict[str, str]

    def get(self, name: str) -> str:
        return self.cells.get(name, "") or ""


@dataclass
class RawPackage:
    """A package as found on disk: descriptor, tables and narrative texts, unparsed."""

    directory: Path
    display: str
    """The package folder as shown in messages, e.g. ``data/yiyang-si/2022``."""
    descriptor: dict | None = None
    tables: dict[str, list[Row]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)
    record_lines: dict[str, list[int]] = field(default_factory=dict)
    """Physical start line of every CSV record (header first), to locate frictionless errors."""
    texts: dict[str, str] = field(default_factory=dict)
    """Narrative Markdown by its path inside the package."""
    findings: list[Finding] = field(default_factory=list)
    digest: str = ""
    """SHA-256 over every file of the package, for caching validation results."""

    @property
    def unit_id(self) -> str:
        return self.directory.parent.name

    @property
    def year(self) -> str:
        return self.directory.name

    def file(self, name: str) -> str:
        return f"{self.display}/{name}"


def find_packages(data_dir: Path) -> list[Path]:
    """Every data/<unit>/<year>/ folder holding a datapackage.json, sorted."""
    return sorted(path.parent for path in data_dir.glob("*/*/datapackage.json"))


def display_path(path: Path, data_dir: Path) -> str:
    """``data/<unit>/<year>`` relative to the folder holding data/, for messages."""
    try:
        return path.relative_to(data_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


def read_package(directory: Path, data_dir: Path) -> RawPackage:
    """Read one package; unreadable parts become findings instead of exceptions."""
    package = RawPackage(directory=directory, display=display_path(directory, data_dir))
    package.digest = tree_digest(directory)
    descriptor_file = package.file("datapackage.json")
    try:
        descriptor = json.loads((directory / "datapackage.json").read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        package.findings.append(Finding("E-JSON", descriptor_file, f"无法解析：{error}", line=_error_line(error)))
        return package
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        package.findings.append(Finding("E-JSON", descriptor_file, "缺少 resources 列表", field="resources"))
        return package
    package.descriptor = descriptor
    for name in TABLES:
        path = directory / f"{name}.csv"
        if not path.is_file():
            package.findings.append(Finding("E-MISSING-FILE", package.file(f"{name}.csv"), "文件不存在"))
            continue
        text = _decode(path.read_bytes(), package.file(f"{name}.csv"), package.findings)
        if text is None:
            continue
        package.headers[name], package.tables[name], package.record_lines[name] = _parse_csv(text)
    narrative_dir = directory / "narrative"
    if narrative_dir.is_dir():
        for path in sorted(narrative_dir.glob("*.md")):
            relative = f"narrative/{path.name}"
            text = _decode(path.read_bytes(), package.file(relative), package.findings)
            if text is not None:
                package.texts[relative] = text
    return package


def _decode(data: bytes, display: str, findings: list[Finding]) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        findings.append(Finding("E-ENCODING", display, "文件以 BOM 开头；data/ 中的文件须为不带 BOM 的 UTF-8", line=1))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        findings.append(
            Finding(
                "E-ENCODING",
                display,
                f"不是 UTF-8 编码（第 {error.start} 字节 0x{data[error.start]:02x}），可能是 GBK；请另存为 UTF-8",
                line=line,
            )
        )
        return None


def _parse_csv(text: str) -> tuple[list[str], list[Row], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    records = list(reader)
    if not records:
        return [], [], []
    header = records[0]
    rows: list[Row] = []
    starts = [1]
    line = _physical_lines(records[0])
    for record in records[1:]:
        start = line + 1
        starts.append(start)
        line += _physical_lines(record)
        if not any(cell.strip() for cell in record):
            continue
        cells = dict(zip(header, record, strict=False))
        if len(record) != len(header):
            cells["__width__"] = str(len(record))
        rows.append(Row(line=start, cells=cells))
    return header, rows, starts


def _physical_lines(record: list[str]) -> int:
    """How many text lines one CSV record spans (quoted cells may hold newlines)."""
    return 1 + sum(cell.count("\n") for cell in record)


def tree_digest(directory: Path, pattern: str = "*") -> str:
    """A content hash of the files under a folder that match pattern (names and bytes; __pycache__ skipped).

    Used for packages (their content key) and for the code, templates and assets (the build fingerprint).
    """
    hasher = hashlib.sha256()
    for path in sorted(p for p in directory.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        hasher.update(path.relative_to(directory).as_posix().encode())
        hasher.update(b"\0")
        hasher.update(path.read_bytes())
        hasher.update(b"\0")
    return hasher.hexdigest()


def _error_line(error: Exception) -> int | None:
    return getattr(error, "lineno", None)
