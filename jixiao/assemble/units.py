"""Units: build one unit's output (its pages, downloads and API files) in a worker process.

Each unit is independent of every other, so units are rendered in parallel (spawned
processes, the same on every platform) and written straight into
the staging folder.  What the main process needs back is small: the list of files
and an outline of each package for the pages that span units.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from jixiao import stored
from jixiao.assemble import plan as planning
from jixiao.assemble.plan import UnitPlan
from jixiao.assemble.write import write_files
from jixiao.config import Config
from jixiao.files import link_files, plain_name, write_atomic
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import ReadError, read_package, read_regular
from jixiao.ingest.model import Package, PackageOutline, build_package, outline
from jixiao.ingest.validate import validate_package
from jixiao.opendata import api, downloads, fragments
from jixiao.site import charts, unit_pages
from jixiao.site.render import environment, render_page

RECORD_KIND = "unit-record-4"
"""The kind named in a stored record's header: bumped when UnitRecord's fields change."""


def source_texts(config: Config, package: Package) -> dict[str, bytes]:
    """The source texts a package cites (sources.csv ``file``), read from sources/ as regular files only.

    A name that is not a plain file name, or a file that is missing or a symlink, is not
    published (the package README then says the text is not included).
    """
    texts = {}
    for source in package.sources:
        name = source.file
        if not name or name != Path(name).name or name.startswith(".") or "\\" in name:
            continue
        try:
            texts[name] = read_regular(config.sources_dir / name, config.max_file_bytes)
        except ReadError:
            continue
    return texts


@dataclass(frozen=True)
class UnitRecord:
    """What a build keeps of a unit: its files, and enough to rebuild the pages across units."""

    unit_id: str
    key: str
    files: tuple[str, ...]
    outlines: tuple[PackageOutline, ...]
    package_dirs: tuple[Path, ...]
    findings: tuple[tuple[Finding, ...], ...]
    """The flags of each package, so full packages can be reloaded without validating again."""
    rows_digests: tuple[tuple[int, str], ...] = ()
    """(year, digest of the unit's rows of the combined tables that year): a year's combined files change only
    when one of its units' digests does (``fragments.rows_digests``)."""
    outline_digest: str = ""
    """A digest of ``outlines``: the pages across units (home, listings, …) change only when it does."""

    def full_packages(self, limit: int) -> list[Package]:
        """Read this unit's packages again, whole (for the combined datasets), under the build's size limit."""
        result = []
        for directory, findings in zip(self.package_dirs, self.findings, strict=True):
            raw = read_package(directory, directory.parent.parent, limit)
            result.append(build_package(raw, findings))
        return result


@dataclass(frozen=True)
class Reuse:
    """A previous output holding this unit with the same key: link its files, load its record."""

    root: Path
    files: tuple[str, ...]
    record: Path


@dataclass
class UnitResult:
    unit_id: str
    record: UnitRecord | None = None
    errors: list[Finding] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    pages: int = 0
    reused: bool = False
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))


@dataclass(frozen=True)
class UnitTask:
    plan: UnitPlan
    reuse: Reuse | None


class _Worker:
    """Per-process state: set once by ``start`` (the pool initializer), used by ``run``."""

    config: Config
    staging: Path
    records: Path
    env: Environment
    fingerprint: str


def start(config: Config, staging: Path, records: Path, fingerprint: str) -> None:
    _Worker.config = config
    _Worker.staging = staging
    _Worker.records = records
    _Worker.fingerprint = fingerprint
    _Worker.env = environment(config)


def record_path(records: Path, key: str) -> Path:
    return records / f"{key}.json"


def write_record(path: Path, record: UnitRecord) -> None:
    stored.write(path, RECORD_KIND, stored.encode(record))


def read_record(path: Path, unit: UnitPlan, files: tuple[str, ...] | None = None) -> UnitRecord | None:
    """The stored record of this unit as planned, or None (a miss: the unit is rendered again).

    Beyond its form (``stored.read``, ``stored.decode``), the record must be of this unit,
    with this key, of exactly the planned package folders, and list only plain file names
    (the same as the manifest's, when given): a record copied from another unit, or one
    naming ``../``, is never used.  Its package folders are this build's (a shard built
    elsewhere names its own), so a record can never make the build read another folder.
    """
    data = stored.read(path, RECORD_KIND)
    if data is None:
        return None
    try:
        record = stored.decode(UnitRecord, data)
    except stored.StoredError:
        return None
    planned = tuple(directory.resolve() for directory in unit.package_dirs)
    if (record.unit_id, record.key) != (unit.unit_id, unit.key) or _tails(record.package_dirs) != _tails(planned):
        return None
    if len(record.findings) != len(record.package_dirs) or not all(map(plain_name, record.files)):
        return None
    if files is not None and record.files != files:
        return None
    return dataclasses.replace(record, package_dirs=planned)  # this build's folders, wherever the shard was built


def _tails(directories: tuple[Path, ...]) -> list[tuple[str, str]]:
    return [(directory.parent.name, directory.name) for directory in directories]


def run(tasks: list[UnitTask]) -> list[UnitResult]:
    """Build a batch of units; never raises for bad data (errors come back in the result)."""
    return [_build(task) for task in tasks]


def _build(task: UnitTask) -> UnitResult:
    result = UnitResult(task.plan.unit_id)
    if task.reuse is not None:
        started = time.perf_counter()
        record = read_record(task.reuse.record, task.plan, task.reuse.files)
        try:
            if record is None:
                raise OSError("no usable record")
            result.files, result.bytes = link_files(task.reuse.root, _Worker.staging, task.reuse.files)
        except OSError:  # linked whole or not at all (``link_files``): the unit is rendered afresh
            result = UnitResult(task.plan.unit_id)
        else:
            _keep_fragment(task.reuse.record, task.plan.key)
            result.record, result.reused = record, True
            result.pages = sum(1 for path in record.files if path.endswith(".html"))
            result.seconds["reuse"] += time.perf_counter() - started
            return result
    return _render(task.plan, result)


def _render(plan: UnitPlan, result: UnitResult) -> UnitResult:
    config, seconds = _Worker.config, result.seconds
    packages: list[Package] = []
    read: dict[str, dict[str, bytes]] = {}
    """The files of each package as validation read them: what the downloads publish."""
    findings: list[tuple[Finding, ...]] = []
    digests: list[str] = []
    for directory in plan.package_dirs:
        started = time.perf_counter()
        raw = read_package(directory, config.data_dir, config.max_file_bytes)
        seconds["load"] += time.perf_counter() - started
        started = time.perf_counter()
        digests.append(raw.digest)
        found = tuple(validate_package(raw, config.grade_bands))
        seconds["validate"] += time.perf_counter() - started
        errors = [f for f in found if f.is_error]
        if errors:
            result.errors += errors
            continue
        started = time.perf_counter()
        packages.append(build_package(raw, found))
        read[packages[-1].package_id] = raw.files
        findings.append(tuple(f for f in found if not f.is_error))
        seconds["model"] += time.perf_counter() - started
    if result.errors:
        return result
    key = plan.key
    if tuple(digests) != plan.digests:  # edited since the plan hashed it: key the output by what was read
        key = planning.unit_key(_Worker.fingerprint, plan.unit_id, plan.package_dirs, digests)
    packages.sort(key=lambda p: p.year)
    written: set[str] = set()
    charts_before = charts.seconds()
    started = time.perf_counter()
    members = {
        p.package_id: downloads.package_members(p, read[p.package_id], config.site, source_texts(config, p))
        for p in packages
    }
    specs = list(unit_pages.unit_pages(config, plan.unit_id, packages, {k: tuple(v) for k, v in members.items()}))
    pages = [(spec.path, render_page(_Worker.env, spec.template, spec.context)) for spec in specs]
    chart_seconds = charts.seconds() - charts_before
    seconds["charts"] += chart_seconds
    seconds["render"] += time.perf_counter() - started - chart_seconds
    started = time.perf_counter()
    count, size = write_files(_Worker.staging, pages, written)
    seconds["write"] += time.perf_counter() - started
    started = time.perf_counter()
    other = [file for spec in specs for file in spec.files]  # each chart's CSV beside its page
    for package in packages:
        other += sorted(downloads.package_files(package, members[package.package_id]).items())
    seconds["downloads"] += time.perf_counter() - started
    started = time.perf_counter()
    other += api.unit_files(plan.unit_id, packages, config.site.data_title)
    seconds["api"] += time.perf_counter() - started
    started = time.perf_counter()
    fragment = fragments.unit_fragments(packages)
    fragments.write_fragment(fragments.fragment_path(_Worker.records, key), fragment)
    seconds["fragment"] += time.perf_counter() - started
    started = time.perf_counter()
    more, more_size = write_files(_Worker.staging, other, written)
    seconds["write"] += time.perf_counter() - started
    outlines = tuple(outline(p) for p in packages)
    record = UnitRecord(
        plan.unit_id,
        key,
        tuple(sorted(written)),
        outlines,
        tuple(package_dir(config, p) for p in packages),
        tuple(findings),
        fragments.rows_digests(fragment),
        outline_digest(outlines),
    )
    write_record(record_path(_Worker.records, key), record)
    result.record, result.files, result.bytes, result.pages = record, count + more, size + more_size, len(pages)
    return result


def outline_digest(outlines: tuple[PackageOutline, ...]) -> str:
    """A digest of the outlines' values: their repr (frozen dataclasses, tuples, ordered dicts; no sets).

    Not their stored form, which may change with the record format; the repr is of the values alone.
    """
    return hashlib.sha256(repr(outlines).encode("utf-8")).hexdigest()


def _keep_fragment(record: Path, key: str) -> None:
    """A unit reused from a shard brings its dataset fragment into this build's cache (best effort).

    Only a fragment that reads back whole (``fragments.check_fragment``) is copied; a bad
    one is left behind, and the datasets make the unit's rows again from its packages.
    """
    source = fragments.fragment_path(record.parent, key)
    target = fragments.fragment_path(_Worker.records, key)
    if source != target and not target.is_file():
        data = fragments.check_fragment(source)
        if data is not None:
            try:
                write_atomic(target, data)
            except OSError:
                pass


def package_dir(config: Config, package: Package) -> Path:
    return (config.data_dir / package.unit.unit_id / str(package.year)).resolve()
