"""Shared: the files across units (combined datasets, pages, metadata), made again only when their inputs change.

A one-package edit should cost what it changes.  Each unit's record carries a digest of
its rows of the combined tables and one of its outlines (jixiao/assemble/units.py), so:

* the combined tables are keyed by the build fingerprint and every unit's rows digest
  (a narrative edit changes no row, so they are linked, not assembled again);
* each page across units (jixiao/site/shared_plan.py) is keyed by the outlines of the
  units it shows (a region page by its region's units; home, compare, data and quality
  by every unit), and the metadata files by every unit's outline.

The entries are kept in ``files.FileCache`` folders (``pages/`` and ``datasets/`` in the
build's cache, beside search's ``search/``): written whole or not at all, hard-linked into
the staging folder, made again when they cannot be linked whole, pruned by its one rule.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.assemble.write import Staging
from jixiao.config import Config
from jixiao.files import FileCache, link_files, read_regular

if TYPE_CHECKING:
    from jixiao.assemble.units import UnitRecord
    from jixiao.structure.index import SiteIndex

CACHE_VERSION = "2"
COUNTS = "counts.json"
"""Beside the combined tables in their entry (not published): rows per table, for the README and data page."""


def _link(cache: FileCache, key: str, names: list[str], staging: Staging) -> tuple[int, int] | None:
    """An entry's files linked into staging and claimed there: (files, bytes); None if it cannot be linked whole."""
    done = cache.link(key, names, staging.root)
    if done is not None:
        staging.claim(names)
    return done


def _key(*parts: object) -> str:
    hasher = hashlib.sha256(CACHE_VERSION.encode())
    for part in parts:
        hasher.update(b"\0" + str(part).encode("utf-8"))
    return hasher.hexdigest()


def _digest(records: Iterable[UnitRecord], field: str) -> str | None:
    """One digest over every unit's digest of ``field``; None if a record has none (then nothing is reused)."""
    hasher = hashlib.sha256()
    for record in records:
        value = getattr(record, field, "")
        if not value:
            return None
        hasher.update(f"{record.unit_id}\0{value}\n".encode())
    return hasher.hexdigest()


# --------------------------------------------------------------------------- combined datasets


@dataclass(frozen=True)
class CombinedTables:
    """What writing the combined datasets gives the rest of the build: its files and bytes, and the two
    facts the pages across units print (``SiteIndex.row_counts`` and ``SiteIndex.all_years_files``)."""

    files: int
    bytes: int
    row_counts: dict[str, int]
    all_years_files: tuple[str, ...]


def combined_datasets(
    config: Config, years: Iterable[int], records: list[UnitRecord], fingerprint: str, staging: Staging
) -> CombinedTables:
    """The combined files year by year (a year linked when none of its units' rows changed), then the
    all-years files (linked when no year changed).  Their README, descriptor and the API index print the
    counts, so they are written from the site index built with them (``datasets.documents``)."""
    from jixiao.opendata import datasets

    cache = FileCache(config.cache_dir.resolve() / "datasets")
    keep = config.incremental and all(r.rows_digests or not r.outlines for r in records)
    members: dict[int, list[str]] = {}
    for record in records:
        for year, digest in record.rows_digests:
            members.setdefault(year, []).append(f"{record.unit_id}\0{digest}")
    counts = dict.fromkeys(_tables(), 0)
    count = size = 0
    entries = []
    for year in sorted(years):
        key = _key("datasets-year", fingerprint, year, *members.get(year, ())) if keep else None

        def make(folder: Path, year: int = year) -> list[str]:
            written, year_counts = datasets.write_year(config, folder, year, _fragments(config, records, year))
            (folder / COUNTS).write_text(json.dumps(year_counts, sort_keys=True), "utf-8")
            return _publish(folder, written)

        entry, names = _entry(cache, key, staging, make, _counts)
        year_counts = _counts(entry) or {}
        counts = {name: counts.get(name, 0) + year_counts[name] for name in year_counts}
        entries.append((entry, names))
        count, size = count + len(names), size + sum((entry / name).stat().st_size for name in names)
    key = _key("datasets-all", fingerprint, *(entry.name for entry, _ in entries)) if keep else None

    def make_all(folder: Path) -> list[str]:
        bodies = [entry for entry, _ in entries]  # each year's unpublished CSV bodies are at its entry's top
        return _publish(folder, datasets.write_all_years(config, folder, bodies))

    entry, names = _entry(cache, key, staging, make_all)
    count, size = count + len(names), size + sum((entry / name).stat().st_size for name in names)
    all_years_files = datasets.all_years_published([*names, *(name for _, year in entries for name in year)])
    for entry, _ in entries:
        if entry.parent != cache.root:
            shutil.rmtree(entry, ignore_errors=True)
    if keep:
        cache.prune()
    return CombinedTables(count, size, counts, all_years_files)


def _counts(entry: Path) -> dict[str, int] | None:
    """An entry's rows per table (``COUNTS``), or None if it is not what ``combined_datasets`` writes."""
    data = read_regular(entry / COUNTS)
    try:
        counts = json.loads(data) if data is not None else None
    except (ValueError, RecursionError):
        return None
    if not isinstance(counts, dict) or set(counts) != set(_tables()):
        return None
    return counts if all(type(value) is int and value >= 0 for value in counts.values()) else None


def _tables() -> list[str]:
    from jixiao.opendata.combined import COMBINED

    return list(COMBINED)


def _publish(folder: Path, written: dict[str, Path]) -> list[str]:
    """Move the written files to their site paths inside ``folder``; returns those paths."""
    for path, file in written.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if file != target:
            file.replace(target)
    return sorted(written)


def _entry(cache: FileCache, key: str | None, staging: Staging, make, check=None) -> tuple[Path, list[str]]:
    """The entry for ``key`` linked into staging, made by ``make(folder)`` first when missing or damaged.

    Without a key (a full build) the files are made in the build's scratch folder and
    linked from there; the returned folder holds them until the build ends.  ``check``
    (folder → falsy when unusable) vets what an entry holds beside its published files.
    """
    names = cache.names(key) if key else None
    if key and names is not None and check is not None and not check(cache.path(key)):
        names = None
    if key and names is not None:
        published = [name for name in names if "/" in name]
        if _link(cache, key, published, staging) is not None:
            return cache.path(key), published
    if key:
        cache.discard(key)
    folder = cache.scratch() if key else Path(tempfile.mkdtemp(dir=staging.scratch))
    try:
        published = make(folder)
        if key:
            cache.store(key, folder, _listing(folder))
            if _link(cache, key, published, staging) is not None:
                return cache.path(key), published
            raise OSError(f"缓存条目 {key} 无法链接")
        link_files(folder, staging.root, published)
        staging.claim(published)
        return folder, published
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _fragments(config: Config, records: list[UnitRecord], year: int) -> Iterator:
    """One year of each unit's rows of the combined tables, as its worker stored them (made again if missing)."""
    from jixiao.opendata import fragments

    store = config.cache_dir.resolve() / "units"
    for record in records:
        if record.rows_digests and year not in dict(record.rows_digests):
            continue
        fragment = fragments.read_fragment(fragments.fragment_path(store, record.key), year)
        if fragment is None:
            packages = [p for p in record.full_packages(config.max_file_bytes) if p.year == year]
            if not packages:
                continue
            fragment = fragments.fragment_of(packages)
        yield fragment


# --------------------------------------------------------------------------- pages and metadata


def shared_pages(
    config: Config, index: SiteIndex, records: list[UnitRecord], fingerprint: str, staging: Staging
) -> Iterator[tuple[str, int, int]]:
    """Each page across units (and the metadata files) into staging: (page path, files, bytes) as each is done.

    A page whose inputs are unchanged is linked from the cache; the others are rendered.
    """
    from jixiao.opendata import metadata
    from jixiao.site import shared_plan
    from jixiao.site.render import environment, render_page

    cache = FileCache(config.cache_dir.resolve() / "pages")
    every = _digest(records, "outline_digest") if config.incremental else None
    outlines = {r.unit_id: r.outline_digest for r in records}
    counts = json.dumps(index.row_counts, sort_keys=True)
    env = None
    plan = list(shared_plan.shared_page_plan(config, index))
    for page in [*plan, None]:
        if page is None:  # the metadata files: sitemap, feed, catalog (every unit's outline)
            # the feed dates undated sources by the git history (index.added), which the outlines do not hold
            path, inputs = "metadata", _key(every, repr(sorted(index.added.items()))) if every else None
        else:
            path = page.path
            inputs = every if page.units is None else _key(*(f"{u}\0{outlines[u]}" for u in page.units))
            if page.counts and inputs is not None:
                inputs = _key(inputs, counts)
            if page.inputs and inputs is not None:
                inputs = _key(inputs, *page.inputs)
        key = _key("page", fingerprint, path, inputs) if inputs is not None else None
        names = cache.names(key) if key else None
        done = _link(cache, key, names, staging) if key and names is not None else None
        if done is None:
            if page is None:
                made = list(metadata.metadata_files(config, index))
            else:
                if env is None:
                    env = environment(config)
                spec = page.make()
                made = [(spec.path, render_page(env, spec.template, spec.context))]
                made += spec.files  # each chart's CSV beside its page
            done = _place(cache, key, made, staging)
        yield path, done[0], done[1]
    if every is not None:
        cache.prune()


def _place(cache: FileCache, key: str | None, made: list[tuple[str, bytes]], staging: Staging) -> tuple[int, int]:
    """Write files into staging; with a key, into a cache entry first, then linked."""
    if key is None:
        return staging.write(made)
    cache.discard(key)
    folder = cache.scratch()
    try:
        for path, data in made:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        names = [path for path, _ in made]
        cache.store(key, folder, names)
        done = _link(cache, key, names, staging)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return done if done is not None else staging.write(made)


def static_files(config: Config) -> Iterator[tuple[str, bytes]]:
    from jixiao.site import assets

    yield from sorted(assets.asset_files(config.assets_dir, config.override_dirs()[1]).items())
    yield ".nojekyll", b""
