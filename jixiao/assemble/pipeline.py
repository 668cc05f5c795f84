"""Pipeline: plan → units (load, validate, model, render, write; in parallel) → shared pages → search → swap.

The search index of the unit pages starts as soon as the units are done and runs beside
the datasets and shared pages (pagefind processes); only the shared pages' bundle waits.

Everything is gathered and checked before the site is replaced: output goes into a
fresh staging folder, and a bad package stops the build with its findings while the
previous site stays as it was.  Units whose inputs have not changed since the last
build (or that a shard has already built) are linked, not rendered.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao import files
from jixiao.assemble import history, plan
from jixiao.assemble.progress import Progress
from jixiao.assemble.write import OutputError, Staging, check_output, output_lock, remove_leftovers, remove_tree
from jixiao.config import Config
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import scan_data

if TYPE_CHECKING:
    from jixiao.assemble import units
    from jixiao.assemble.reuse import SiteFiles
    from jixiao.ingest.model import PackageOutline

# Rendering modules (Altair, Jinja, frictionless) are imported when a build needs them,
# so a build with nothing to do returns in a fraction of a second.

BATCH_TARGET = 8
"""Batches per worker: small enough to balance, large enough to amortise the hand-over."""
PARALLEL_THRESHOLD = 16
"""Below this many units to render, spawning workers costs more than it saves."""


class BuildError(Exception):
    """The build stopped on bad input; ``findings`` say where."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass
class BuildSummary:
    pages: int = 0
    downloads: int = 0
    files: int = 0
    bytes: int = 0
    flags: int = 0
    seconds: float = 0.0
    units: int = 0
    rendered: int = 0
    """Units rendered in this build; the others were reused from the previous build or the shards."""
    unchanged: bool = False
    stages: dict[str, float] = field(default_factory=dict)
    """Wall seconds per stage of the main process."""
    worker_stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage summed over the unit workers (they overlap in time)."""

    def line(self) -> str:
        if self.unchanged:
            return f"无变化：{self.units} 个单位的输入与上次构建相同，输出未改动（用时 {self.seconds:.2f} 秒）"
        reused = self.units - self.rendered
        return (
            f"完成：{self.pages} 个页面，{self.downloads} 个下载文件，共 {self.files} 个文件，"
            f"{self.flags} 个数据质量标记；{self.rendered} 个单位重新生成，{reused} 个沿用；用时 {self.seconds:.2f} 秒"
        )

    def to_json(self) -> str:
        data = asdict(self)
        data["reused"] = self.units - self.rendered
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


class _Stages:
    def __init__(self, summary: BuildSummary) -> None:
        self.summary = summary

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.summary.stages[name] = self.summary.stages.get(name, 0.0) + time.perf_counter() - started


def build(config: Config) -> BuildSummary:
    """The whole build; raises BuildError (previous output untouched) on bad input or an unusable output folder."""
    try:
        check_output(config.out_dir, _protected(config), owned_elsewhere=_built_here_before(config))
        with output_lock(config.out_dir, on_wait=lambda message: print(message, file=sys.stderr)):
            check_output(config.out_dir, _protected(config), owned_elsewhere=_built_here_before(config))
            summary, old = _build(config)
    except OutputError as error:
        raise BuildError(str(error)) from None
    started = time.perf_counter()
    remove_tree(old)  # what is left of the previous site: only what changed (unchanged units were moved)
    summary.stages["cleanup"] = time.perf_counter() - started
    summary.seconds += summary.stages["cleanup"]
    return summary


def _protected(config: Config) -> list[Path]:
    """Folders a build reads: the output folder may not be one of them or contain one."""
    return [Path.cwd(), config.data_dir, config.templates_dir, config.assets_dir, plan.CODE_DIR, *config.merge]


def _built_here_before(config: Config) -> bool:
    """A folder built before output folders were marked: its manifest is on record and it has .nojekyll."""
    return (config.out_dir / ".nojekyll").is_file() and plan.site_manifest_path(
        config.cache_dir, config.out_dir
    ).is_file()


@dataclass(frozen=True)
class _Planned:
    """What the plan stage decided: the units (this shard's among all), their key, the manifest of the last build."""

    shard: plan.Shard | None
    fingerprint: str
    all_units: list[plan.UnitPlan]
    selected: list[plan.UnitPlan]
    build_key: str
    manifest_path: Path
    previous: plan.Manifest | None


def _build(config: Config) -> tuple[BuildSummary, Path | None]:
    """Build into staging and swap it in; returns the previous site renamed aside (to remove after the lock)."""
    started = time.perf_counter()
    progress = Progress(config.quiet)
    summary = BuildSummary()
    stage = _Stages(summary)
    planned = _plan(config, progress, stage)
    summary.units = len(planned.selected)
    previous = planned.previous
    if previous and previous.build_key == planned.build_key and config.out_dir.is_dir() and not config.merge:
        summary.unchanged = True
        summary.seconds = time.perf_counter() - started
        return summary, None
    from jixiao.assemble import reuse

    with stage("plan"):
        _check_theme(config)
    sources = reuse.reuse_sources(config, previous)
    tasks, kept, adopt = reuse.plan_reuse(config, planned.selected, sources, previous)
    staging: Staging | None = None
    try:
        staging = Staging(config.out_dir)
        results = _build_units(config, tasks, staging.root, progress, stage, planned.fingerprint) + kept
        records = _tally(results, staging, summary)
        manifest = _manifest(planned, records, results)
        if planned.shard is not None:
            _write_shard_records(config, staging, records, manifest)
        else:
            moved = {r.unit_id for r in kept}
            site = reuse.SiteFiles(staging.root, config.out_dir.resolve(), moved, planned.fingerprint)
            outlines = [package for record in records for package in record.outlines]
            _write_shared(config, staging, outlines, records, progress, stage, summary, site)
            adopt = adopt + site.adopt
        with stage("swap"):
            progress.stage("替换", str(config.out_dir))
            old = _swap(staging, adopt, planned)
    except BaseException:
        if staging is not None:
            staging.abort()
        else:  # a SIGTERM after Staging made its folders but before their names were kept: we hold the lock
            with suppress(OSError):  # never hide the error that stopped the build behind this one
                remove_leftovers(config.out_dir)
        raise
    if planned.shard is None:  # a shard's manifest went into its staging folder, swapped in with it
        _write_manifest(planned.manifest_path, manifest)
    summary.seconds = time.perf_counter() - started
    return summary, old


def _plan(config: Config, progress: Progress, stage: _Stages) -> _Planned:
    """Scan data/, key every unit by its inputs and the build's fingerprint, and read the last build's manifest."""
    shard = _shard(config)
    with stage("plan"):
        progress.stage("计划", f"扫描 {config.data_dir}")
        package_dirs = _scan(config)
        _unlink_cache_links(config)  # before the digests and the manifest are read or written
        fingerprint = plan.fingerprint(config)
        all_units = plan.plan_units(config, fingerprint, package_dirs)
        manifest_path = _manifest_path(config, shard)
        return _Planned(
            shard=shard,
            fingerprint=fingerprint,
            all_units=all_units,
            selected=[u for i, u in enumerate(all_units) if shard is None or shard.takes(i)],
            build_key=plan.build_key(fingerprint, all_units, shard),
            manifest_path=manifest_path,
            previous=plan.Manifest.read(manifest_path) if config.incremental else None,
        )


def _tally(results: list[units.UnitResult], staging: Staging, summary: BuildSummary) -> list[units.UnitRecord]:
    """The units' records, sorted, once none has an error (else BuildError with every finding); their files
    claimed in staging and their counts and worker seconds added to the summary."""
    errors = sorted((f for r in results for f in r.errors), key=lambda f: (f.file, f.line or 0))
    if errors:
        raise BuildError(f"{len(errors)} 个错误，站点未生成（原有站点保持不变）", errors)
    results.sort(key=lambda r: r.unit_id)
    records = [r.record for r in results if r.record is not None]
    for result in results:
        if result.record is not None:
            staging.claim(result.record.files)
        summary.files += result.files
        summary.bytes += result.bytes
        summary.pages += result.pages
        summary.rendered += not result.reused
        for name, seconds in result.seconds.items():
            summary.worker_stages[name] = summary.worker_stages.get(name, 0.0) + seconds
    summary.flags = sum(len(package.flags) for record in records for package in record.outlines)
    summary.downloads = sum(1 for r in records for path in r.files if path.startswith("downloads/"))
    return records


def _manifest(planned: _Planned, records: list[units.UnitRecord], results: list[units.UnitResult]) -> plan.Manifest:
    """This build's manifest, keyed by what the workers read (a file saved after the plan changes its unit's key)."""
    sizes = {r.unit_id: r.bytes for r in results}
    read_keys = {r.unit_id: r.key for r in records}
    read_units = [replace(unit, key=read_keys.get(unit.unit_id, unit.key)) for unit in planned.all_units]
    return plan.Manifest(
        plan.build_key(planned.fingerprint, read_units, planned.shard),
        {r.unit_id: {"key": r.key, "files": list(r.files), "bytes": sizes[r.unit_id]} for r in records},
    )


def _swap(staging: Staging, adopt: list[str], planned: _Planned) -> Path | None:
    """Swap staging in for the site (``Staging.commit``); the site's manifest is removed first, so it never
    describes another site, and put back if the swap fails."""
    if planned.shard is None:
        planned.manifest_path.unlink(missing_ok=True)
    try:
        return staging.commit(adopt)
    except BaseException:
        if planned.shard is None and planned.previous is not None:
            _write_manifest(planned.manifest_path, planned.previous)
        raise


def _scan(config: Config) -> list[Path]:
    """The package folders under data/; anything else found there stops the build."""
    if not config.data_dir.is_dir():
        raise BuildError(f"数据目录 {config.data_dir} 不存在或不是文件夹")
    scan = scan_data(config.data_dir)
    if scan.findings:
        raise BuildError(
            f"{config.data_dir} 中有 {len(scan.findings)} 个问题，站点未生成（原有站点保持不变）", scan.findings
        )
    if not scan.packages and not config.allow_empty:
        raise BuildError(
            f"{config.data_dir} 中没有任何数据包，站点未生成（原有站点保持不变）；"
            "用 jixiao new 单位标识 年度 创建第一个数据包，确要生成空站点请加 --allow-empty"
        )
    return scan.packages


def _check_theme(config: Config) -> None:
    """The portal's templates/ and assets/ (real files only) and the vendored Vega files (pinned digests)."""
    from jixiao.site import vendored

    try:
        vendored.check_overrides(config.override_dirs())  # the theme itself (linked in) is no override
        vendored.vega_bundle(config.assets_dir)
        vendored.sql_js_files(config.assets_dir)
    except vendored.AssetError as error:
        shown = _shown(error.path)
        if "符号链接" in str(error) or "特殊文件" in str(error):
            findings = [Finding("E-SYMLINK", shown, str(error))]
            raise BuildError("门户的文件夹中有不能读取的条目，站点未生成（原有站点保持不变）", findings) from None
        raise BuildError(f"{shown} {error}；站点未生成（原有站点保持不变）") from None


CACHE_FOLDERS = ("units", "pages", "datasets", "search", "sites", "digests")
"""The folders a build keeps in its cache (``Config.cache_dir``)."""


def _unlink_cache_links(config: Config) -> None:
    """A cache folder that is a symlink (planted in a restored cache) is removed as a link, never written through.

    The cache folder itself may be a link (a cache on another disk); the folders in it are the build's own.
    """
    for name in CACHE_FOLDERS:
        folder = config.cache_dir / name
        if folder.is_symlink():
            folder.unlink()


def _shown(path: Path) -> str:
    absolute = Path(os.path.abspath(path))  # not resolved: a symlink is named, not what it points at
    try:
        return absolute.relative_to(Path(os.path.abspath(Path.cwd()))).as_posix()
    except ValueError:
        return str(absolute)


def _shard(config: Config) -> plan.Shard | None:
    if not config.shard:
        return None
    if config.merge:
        raise BuildError("--shard 与 --merge 不能同时使用")
    try:
        return plan.Shard.parse(config.shard)
    except ValueError as error:
        raise BuildError(str(error)) from None


def _manifest_path(config: Config, shard: plan.Shard | None) -> Path:
    if shard is not None:
        return plan.shard_manifest_path(config.out_dir)
    return plan.site_manifest_path(config.cache_dir, config.out_dir)


def _write_manifest(path: Path, manifest: plan.Manifest) -> None:
    files.write_atomic(path, manifest.to_json().encode("utf-8"))


def _batches(tasks: list[units.UnitTask], jobs: int) -> list[list[units.UnitTask]]:
    size = max(1, min(64, len(tasks) // (jobs * BATCH_TARGET) or 1))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def _build_units(
    config: Config, tasks: list[units.UnitTask], staging: Path, progress: Progress, stage: _Stages, fingerprint: str
) -> list[units.UnitResult]:
    """Every unit's output, written into staging by worker processes (or in-process for small builds)."""
    records = config.cache_dir.resolve() / "units"
    to_render = sum(1 for t in tasks if t.reuse is None)
    jobs = min(config.jobs, to_render) if to_render >= PARALLEL_THRESHOLD else 1
    from jixiao.assemble import units

    results: list[units.UnitResult] = []
    with stage("units"), progress.counter("单位", len(tasks), f"{jobs} 个进程") as advance:
        batches = _batches(tasks, jobs)
        if jobs <= 1:
            units.start(config, staging, records, fingerprint)
            for batch in batches:
                results += units.run(batch)
                advance(len(batch))
        else:
            # spawn, not fork: the same start on Windows, macOS and Linux, and no state inherited
            context = multiprocessing.get_context("spawn")
            with context.Pool(jobs, initializer=units.start, initargs=(config, staging, records, fingerprint)) as pool:
                for batch_results in pool.imap_unordered(units.run, batches):
                    results += batch_results
                    advance(len(batch_results))
    return results


def _write_shard_records(
    config: Config, staging: Staging, records: list[units.UnitRecord], manifest: plan.Manifest
) -> None:
    """A shard keeps its manifest and unit records beside its files, for the merge."""
    from jixiao.assemble import units

    store = plan.shard_records_dir(staging.root)
    store.mkdir(parents=True)
    from jixiao.opendata import fragments

    for record in records:  # written from this build's records, not copied from the cache
        units.write_record(units.record_path(store, record.key), record)
        fragment = fragments.check_fragment(fragments.fragment_path(config.cache_dir / "units", record.key))
        if fragment is not None:
            files.write_atomic(fragments.fragment_path(store, record.key), fragment)
    plan.shard_manifest_path(staging.root).write_text(manifest.to_json(), "utf-8")


def _write_shared(
    config: Config,
    staging: Staging,
    outlines: list[PackageOutline],
    records: list[units.UnitRecord],
    progress: Progress,
    stage: _Stages,
    summary: BuildSummary,
    site: SiteFiles,
) -> None:
    """The pages and files that span units, while the search index of every page is made beside them.

    The combined datasets come first: they count the rows (``SiteIndex.row_counts``) that the
    data page prints, so the site index is built, once, after them.  Each is reused when its
    inputs did not change (jixiao/assemble/shared.py).
    """
    from jixiao.assemble import shared
    from jixiao.opendata import datasets
    from jixiao.structure.index import SiteIndex

    with _search_beside(config, staging, records, progress, stage, site):
        with stage("datasets"):
            progress.stage("合并数据集")
            years = {package.year for package in outlines}
            tables = shared.combined_datasets(config, years, records, site.fingerprint, staging)
            added = history.added_dates(config.data_dir)
            index = SiteIndex.of(outlines, tables.row_counts, tables.all_years_files, added)
            count, written = staging.write(datasets.documents(config, index))
            files, size = tables.files + count, tables.bytes + written
        with stage("shared pages"):
            progress.stage("共享页面", f"{len(index.packages)} 个数据包")
            for path, count, written in shared.shared_pages(config, index, records, site.fingerprint, staging):
                files, size = files + count, size + written
                summary.pages += path.endswith(".html")  # not the charts' CSVs
        with stage("assets"):
            count, written = staging.write(shared.static_files(config))
        summary.files += files + count
        summary.bytes += size + written


@contextmanager
def _search_beside(
    config: Config,
    staging: Staging,
    records: list[units.UnitRecord],
    progress: Progress,
    stage: _Stages,
    site: SiteFiles,
) -> Iterator[None]:
    """The search index, made beside the body: the unit pages' slices (pagefind processes) start
    before it (``search.Indexing``), and the main bundle follows once every page is written."""
    if not config.site.search:
        yield
        return
    from jixiao.site import search

    keys = {r.unit_id: r.key for r in records} if config.incremental else None
    previous = site.current if site.kept and site.current.is_dir() else None
    try:
        with closing(search.Indexing(staging.root, config, keys, site.root_of, previous)) as indexing:
            indexing.start_slices(sorted(path for path in staging.written if path.endswith(".html")))
            yield
            with stage("search"):
                progress.stage("搜索索引")
                pages = sorted(path for path in staging.written if path.endswith(".html"))
                site.adopt.extend(indexing.finish(pages))
    except search.SearchIndexError as error:
        raise BuildError(f"无法建立搜索索引（原有站点保持不变）：{error}") from None


def run_build(config: Config, stats: Path | None = None) -> int:
    """``build.py build``: exit 0 on success, 1 on bad input, with findings on stderr."""
    try:
        summary = build(config)
    except BuildError as error:
        for finding in error.findings:
            print(finding.text(), file=sys.stderr)
        print(f"构建失败：{error}", file=sys.stderr)
        return 1
    print(summary.line(), file=sys.stderr)
    if stats is not None:
        stats.write_text(summary.to_json() + "\n", "utf-8")
    return 0
