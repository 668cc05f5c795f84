"""Pipeline: plan → units (load, validate, model, render, write; in parallel) → shared pages → search → swap.

Everything is gathered and checked before the site is replaced: output goes into a
fresh staging folder, and a bad package stops the build with its findings while the
previous site stays as it was.  Units whose inputs have not changed since the last
build (or that a shard has already built) are linked, not rendered.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.build import plan
from jixiao.build.progress import Progress
from jixiao.build.write import OutputError, Staging, check_output, output_lock
from jixiao.config import Config
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import scan_data

if TYPE_CHECKING:
    from jixiao.build import units
    from jixiao.structure.index import SiteIndex

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
            return _build(config)
    except OutputError as error:
        raise BuildError(str(error)) from None


def _protected(config: Config) -> list[Path]:
    """Folders a build reads: the output folder may not be one of them or contain one."""
    return [Path.cwd(), config.data_dir, config.templates_dir, config.assets_dir, plan.CODE_DIR, *config.merge]


def _built_here_before(config: Config) -> bool:
    """A folder built before output folders were marked: its manifest is on record and it has .nojekyll."""
    return (config.out_dir / ".nojekyll").is_file() and plan.site_manifest_path(
        config.cache_dir, config.out_dir
    ).is_file()


def _build(config: Config) -> BuildSummary:
    started = time.perf_counter()
    progress = Progress(config.quiet)
    summary = BuildSummary()
    stage = _Stages(summary)
    shard = _shard(config)
    with stage("plan"):
        progress.stage("计划", f"扫描 {config.data_dir}")
        package_dirs = _scan(config)
        fingerprint = plan.fingerprint(config)
        all_units = plan.plan_units(config, fingerprint, package_dirs)
        selected = [u for i, u in enumerate(all_units) if shard is None or shard.takes(i)]
        build_key = plan.build_key(fingerprint, all_units, shard)
        manifest_path = _manifest_path(config, shard)
        previous = plan.Manifest.read(manifest_path) if config.incremental else None
    summary.units = len(selected)
    if previous and previous.build_key == build_key and config.out_dir.is_dir() and not config.merge:
        summary.unchanged = True
        summary.seconds = time.perf_counter() - started
        return summary
    from jixiao.build import units
    from jixiao.structure.index import SiteIndex

    sources = _reuse_sources(config, previous)
    tasks = [units.UnitTask(u, _reuse(u, sources)) for u in selected]
    staging = Staging(config.out_dir)
    try:
        results = _build_units(config, tasks, staging.root, progress, stage)
        errors = sorted((f for r in results for f in r.errors), key=lambda f: (f.file, f.line or 0))
        if errors:
            raise BuildError(f"{len(errors)} 个错误，站点未生成（原有站点保持不变）", errors)
        results.sort(key=lambda r: r.unit_id)
        records = [r.record for r in results if r.record is not None]
        for result in results:
            staging.claim(result.record.files)
            summary.files += result.files
            summary.bytes += result.bytes
            summary.pages += result.pages
            summary.rendered += not result.reused
            for name, seconds in result.seconds.items():
                summary.worker_stages[name] = summary.worker_stages.get(name, 0.0) + seconds
        outlines = [package for record in records for package in record.outlines]
        summary.flags = sum(len(p.flags) for p in outlines)
        summary.downloads = sum(1 for r in records for path in r.files if path.startswith("downloads/"))
        manifest = plan.Manifest(build_key, {r.unit_id: {"key": r.key, "files": list(r.files)} for r in records})
        if shard is not None:
            _write_shard_records(config, staging, records, manifest)
        else:
            _write_shared(config, staging, SiteIndex.of(outlines), records, progress, stage, summary)
        with stage("swap"):
            progress.stage("替换", str(config.out_dir))
            staging.commit()
    except BaseException:
        staging.abort()
        raise
    if shard is None:  # a shard's manifest went into its staging folder, swapped in with it
        _write_manifest(manifest_path, manifest)
    summary.seconds = time.perf_counter() - started
    return summary


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
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(manifest.to_json(), "utf-8")
    temporary.replace(path)


def _reuse_sources(config: Config, previous: plan.Manifest | None) -> list[tuple[Path, plan.Manifest, Path]]:
    """Outputs that may hold units unchanged, read once: the shards being merged, then the last build."""
    sources = []
    for shard_dir in config.merge:
        manifest = plan.Manifest.read(plan.shard_manifest_path(shard_dir))
        if manifest is not None:
            sources.append((shard_dir.resolve(), manifest, plan.shard_records_dir(shard_dir)))
    if previous is not None and config.out_dir.is_dir():
        sources.append((config.out_dir.resolve(), previous, config.cache_dir.resolve() / "units"))
    return sources


def _reuse(unit: plan.UnitPlan, sources: list[tuple[Path, plan.Manifest, Path]]) -> units.Reuse | None:
    """The first source that holds this unit with the same key: link its files, load its record."""
    from jixiao.build import units

    for root, manifest, records in sources:
        entry = manifest.units.get(unit.unit_id)
        if entry and entry["key"] == unit.key:
            return units.Reuse(root, tuple(entry["files"]), units.record_path(records, unit.key))
    return None


def _batches(tasks: list[units.UnitTask], jobs: int) -> list[list[units.UnitTask]]:
    size = max(1, min(64, len(tasks) // (jobs * BATCH_TARGET) or 1))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def _build_units(
    config: Config, tasks: list[units.UnitTask], staging: Path, progress: Progress, stage: _Stages
) -> list[units.UnitResult]:
    """Every unit's output, written into staging by worker processes (or in-process for small builds)."""
    records = config.cache_dir.resolve() / "units"
    to_render = sum(1 for t in tasks if t.reuse is None)
    jobs = min(config.jobs, to_render) if to_render >= PARALLEL_THRESHOLD else 1
    from jixiao.build import units

    results: list[units.UnitResult] = []
    with stage("units"), progress.counter("单位", len(tasks), f"{jobs} 个进程") as advance:
        batches = _batches(tasks, jobs)
        if jobs <= 1:
            units.start(config, staging, records)
            for batch in batches:
                results += units.run(batch)
                advance(len(batch))
        else:
            # spawn, not fork: a process forked after vl-convert has run hangs forever
            context = multiprocessing.get_context("spawn")
            with context.Pool(jobs, initializer=units.start, initargs=(config, staging, records)) as pool:
                for batch_results in pool.imap_unordered(units.run, batches):
                    results += batch_results
                    advance(len(batch_results))
    return results


def _write_shard_records(
    config: Config, staging: Staging, records: list[units.UnitRecord], manifest: plan.Manifest
) -> None:
    """A shard keeps its manifest and unit records beside its files, for the merge."""
    from jixiao.build import units

    store = plan.shard_records_dir(staging.root)
    store.mkdir(parents=True)
    from jixiao.opendata import fragments

    for record in records:
        shutil.copyfile(units.record_path(config.cache_dir / "units", record.key), units.record_path(store, record.key))
        fragment = fragments.fragment_path(config.cache_dir / "units", record.key)
        if fragment.is_file():
            shutil.copyfile(fragment, fragments.fragment_path(store, record.key))
    plan.shard_manifest_path(staging.root).write_text(manifest.to_json(), "utf-8")


def _write_shared(
    config: Config,
    staging: Staging,
    index: SiteIndex,
    records: list[units.UnitRecord],
    progress: Progress,
    stage: _Stages,
    summary: BuildSummary,
) -> None:
    """The pages and files that span units, then the search index over everything written.

    The combined datasets come first: reading every full package, they count the rows
    (``index.row_counts``) that the data page prints.
    """
    from jixiao.opendata import datasets, metadata
    from jixiao.site import search

    with stage("datasets"):
        progress.stage("合并数据集")
        index.full_packages = lambda: _full_packages(records)
        parts = _fragments(config, records)
        files, size2 = staging.write(datasets.combined_files(config, index, staging.scratch, parts))
    with stage("shared pages"):
        progress.stage("共享页面", f"{len(index.packages)} 个数据包")
        rendered = list(shared_pages(config, index))
        pages, size = staging.write(rendered)
        summary.pages += sum(1 for path, _ in rendered if path.endswith(".html"))  # not the charts' CSVs
    with stage("metadata"):
        files3, size3 = staging.write(metadata.metadata_files(config, index))
    with stage("assets"):
        files4, size4 = staging.write(static_files(config))
    summary.files += pages + files + files3 + files4
    summary.bytes += size + size2 + size3 + size4
    with stage("search"):
        if not config.site.search:
            return
        progress.stage("搜索索引")
        try:
            search.index_site(staging.root, config, {r.unit_id: r.key for r in records} if config.incremental else None)
        except search.SearchIndexError as error:
            raise BuildError(f"无法建立搜索索引（原有站点保持不变）：{error}") from None


def _fragments(config: Config, records: list[units.UnitRecord]) -> Iterator:
    """Each unit's rows of the combined tables, as its worker stored them (made again if missing)."""
    from jixiao.opendata import fragments

    store = config.cache_dir.resolve() / "units"
    for record in records:
        fragment = fragments.read_fragment(fragments.fragment_path(store, record.key))
        yield fragment if fragment is not None else fragments.fragment_of(record.full_packages())


def _full_packages(records: list[units.UnitRecord]) -> Iterator:
    """Every package whole, one unit at a time, so memory does not grow with the portal."""
    for record in records:
        yield from record.full_packages()


def shared_pages(config: Config, index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """Pages that draw on every package (home, listings, data, quality, …) as (path, bytes)."""
    from jixiao.site import shared_pages
    from jixiao.site.render import environment, squeeze

    env = environment(config)
    for spec in shared_pages.global_pages(config, index):
        yield spec.path, squeeze(env.get_template(spec.template).render(**spec.context)).encode("utf-8")
        yield from spec.files  # each chart's CSV beside its page


def static_files(config: Config) -> Iterator[tuple[str, bytes]]:
    from jixiao.site import assets

    yield from sorted(assets.asset_files(config.assets_dir, config.cache_dir, config.override_dirs()[1]).items())
    yield ".nojekyll", b""


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
