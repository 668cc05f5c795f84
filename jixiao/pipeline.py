"""Pipeline: load → validate → model → render → write.  ``build`` is the whole build.

Everything is gathered and checked before anything is written; a bad package stops
the build with its findings and the previous site stays as it was.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao import assets, datasets, downloads, metadata, search, site
from jixiao.config import Config
from jixiao.findings import Finding
from jixiao.model import Package, build_package
from jixiao.pages import SiteIndex
from jixiao.render import environment
from jixiao.validate import validate_directory
from jixiao.write import write_site


class BuildError(Exception):
    """The build stopped on bad input; ``findings`` say where."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


@dataclass(frozen=True)
class BuildSummary:
    pages: int
    downloads: int
    files: int
    flags: int
    seconds: float

    def line(self) -> str:
        return (
            f"完成：{self.pages} 个页面，{self.downloads} 个下载文件，共 {self.files} 个文件，"
            f"{self.flags} 个数据质量标记，用时 {self.seconds:.2f} 秒"
        )


class Progress:
    """Stage names and counts on stderr; silent with --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.started = time.perf_counter()

    def stage(self, name: str, detail: str = "") -> None:
        if not self.quiet:
            elapsed = time.perf_counter() - self.started
            print(f"[{elapsed:6.2f}s] {name}{('：' + detail) if detail else ''}", file=sys.stderr, flush=True)


def load_packages(config: Config, progress: Progress) -> tuple[list[Package], int]:
    """Validate data/ and build the model; raise BuildError on any error."""
    if not config.data_dir.is_dir():
        raise BuildError(f"数据目录 {config.data_dir} 不存在")
    progress.stage("验证", str(config.data_dir))
    results = validate_directory(config.data_dir, config.grade_bands, cache_dir=assets.CACHE_DIR / "validation")
    errors = [f for r in results for f in r.errors]
    if errors:
        raise BuildError(f"{len(errors)} 个错误，站点未生成（原有站点保持不变）", errors)
    progress.stage("建模", f"{len(results)} 个数据包")
    packages = [build_package(r.package, r.findings) for r in results]
    return packages, sum(len(r.flags) for r in results)


def output_files(
    config: Config, packages: list[Package], progress: Progress, counts: dict[str, int]
) -> Iterator[tuple[str, bytes]]:
    """Every output file as (path, bytes), pages rendered as they are yielded."""
    env = environment(config.templates_dir)
    index = SiteIndex.of(packages)
    progress.stage("渲染页面")
    specs = list(site.global_pages(config, index))
    for unit_id, unit_packages in index.by_unit.items():
        specs += site.unit_pages(config, unit_id, unit_packages)
    for spec in specs:
        counts["pages"] += 1
        yield spec.path, env.get_template(spec.template).render(**spec.context).encode("utf-8")
    progress.stage("下载文件", f"{len(index.packages)} 个数据包")
    for package in index.packages:
        directory = config.data_dir / package.unit.unit_id / str(package.year)
        for path, data in sorted(downloads.package_files(package, directory).items()):
            counts["downloads"] += 1
            yield path, data
    progress.stage("合并数据集与接口")
    yield from datasets.combined_files(config, index)
    for unit_id, unit_packages in index.by_unit.items():
        yield from datasets.unit_api_files(config, unit_id, unit_packages)
    yield from metadata.metadata_files(config, index)
    progress.stage("静态资源")
    for path, data in sorted(assets.asset_files(config.assets_dir).items()):
        yield path, data
    yield ".nojekyll", b""


def build(config: Config) -> BuildSummary:
    """The whole build; raises BuildError (nothing written) on bad input."""
    progress = Progress(config.quiet)
    started = time.perf_counter()
    packages, flags = load_packages(config, progress)
    counts = {"pages": 0, "downloads": 0}
    files = list(output_files(config, packages, progress, counts))
    progress.stage("写入", str(config.out_dir))
    written = write_site(config.out_dir, files, finish=lambda staging: search.index_site(staging, config))
    return BuildSummary(counts["pages"], counts["downloads"], written, flags, time.perf_counter() - started)


def run_build(config: Config) -> int:
    """``build.py build``: exit 0 on success, 1 on bad input, with findings on stderr."""
    try:
        summary = build(config)
    except BuildError as error:
        for finding in error.findings:
            print(finding.text(), file=sys.stderr)
        print(f"构建失败：{error}", file=sys.stderr)
        return 1
    print(summary.line(), file=sys.stderr)
    return 0
