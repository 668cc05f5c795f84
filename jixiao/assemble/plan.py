"""Plan: which units to build, the key of each, which slice a shard takes, and what can be reused.

A unit's output (its pages, downloads and API files) depends only on its own packages
and on the build's fingerprint (code, templates, assets, the portal's overrides and
jixiao.toml, settings, library versions),
so a unit whose key matches a previous build's manifest is linked, not rendered.
Shards and merges use the same manifest: a shard records the units it built, the
merge reuses them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from jixiao.config import Config
from jixiao.files import plain_name, read_regular, tree_digest, write_atomic
from jixiao.ingest.load import editor_temporary

MANIFEST_VERSION = "1"
SHARD_DIR = "jixiao-shard"
"""Inside a shard's output folder: its manifest and unit records (not part of the site)."""
LIBRARIES = ("jinja2", "markdown-it-py", "altair", "pypinyin", "frictionless", "openpyxl")
CODE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class UnitPlan:
    unit_id: str
    package_dirs: tuple[Path, ...]
    key: str
    digests: tuple[str, ...] = ()
    """Each package's content digest as the plan saw it; the worker compares the bytes it reads (``unit_key``)."""


@dataclass(frozen=True)
class Shard:
    index: int
    """1-based."""
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """'2/4' → Shard(2, 4); ValueError with a readable message otherwise."""
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise ValueError(f"--shard 应写作 i/n，如 1/4（收到 {text!r}）") from None
        if not 1 <= index <= count:
            raise ValueError(f"--shard {text}：i 须在 1 到 n 之间")
        return cls(index, count)

    def takes(self, position: int) -> bool:
        """Round robin over units sorted by id, so shards are balanced and deterministic."""
        return position % self.count == self.index - 1


def fingerprint(config: Config) -> str:
    """Everything besides the data that shapes the output."""
    hasher = hashlib.sha256(MANIFEST_VERSION.encode())
    settings = [
        config.base_url,
        config.site_url,
        config.source_date_epoch,
        config.max_file_bytes,
        config.data_dir.resolve().name,
        repr(sorted(config.grade_bands.items())),
        repr(config.site),
        [f"{name}=={found}" for name, found in library_versions(LIBRARIES).items()],
    ]
    hasher.update(json.dumps(settings, ensure_ascii=False, default=str).encode())
    templates, assets = config.override_dirs()
    for directory, pattern in ((CODE_DIR, "*.py"), (config.templates_dir, "*"), (config.assets_dir, "*")):
        hasher.update(tree_digest(directory, pattern).encode())
    for override in (templates, assets):  # the portal's own theme files (jixiao.toml's folder)
        hasher.update(b"\0" + (tree_digest(override, "*").encode() if override else b"-"))
    sources = config.sources_dir  # the source texts published beside each package that cites them
    hasher.update(b"\0" + (tree_digest(sources, "*").encode() if sources.is_dir() else b"-"))
    if config.config_file is not None and config.config_file.is_file():
        hasher.update(b"\0" + hashlib.sha256(config.config_file.read_bytes()).digest())
    return hasher.hexdigest()


def library_versions(names: Iterable[str]) -> dict[str, str]:
    """Each library's installed version, as ``importlib.metadata.version`` finds it, for the fingerprint.

    Read from the name of its ``<name>-<version>.dist-info`` folder, the first on
    ``sys.path`` (as importlib.metadata searches): importing importlib.metadata (email,
    zipfile, csv, …) cost a tenth of a no-change build.  A library installed without
    such a folder (an egg, a zip) is asked of importlib.metadata after all.
    """
    wanted = {_distribution_name(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")
        except OSError:
            continue
        for item in listing:
            if not item.endswith(".dist-info"):
                continue
            name, _, release = item[: -len(".dist-info")].partition("-")
            library = wanted.get(_distribution_name(name))
            if library is not None and library not in found and release:
                found[library] = release
        if len(found) == len(wanted):
            break
    for library in wanted.values():
        if library not in found:
            from importlib.metadata import version

            found[library] = version(library)
    return {library: found[library] for library in wanted.values()}


def _distribution_name(name: str) -> str:
    """A distribution's name as its dist-info folder spells it (PEP 503 normalised, ``_`` for runs of ``-_.``)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def plan_units(config: Config, build_fingerprint: str, package_dirs: list[Path]) -> list[UnitPlan]:
    """Every unit of the packages found under data/ (``load.scan_data``), sorted, with the key of its output."""
    by_unit: dict[str, list[Path]] = {}
    for directory in package_dirs:
        by_unit.setdefault(directory.parent.name, []).append(directory)
    data_dir = config.data_dir.resolve()
    folder = hashlib.sha256(str(data_dir).encode()).hexdigest()[:16]
    digests = DigestCache(config.cache_dir / "digests" / f"{folder}.json")
    plans = []
    for unit_id, directories in sorted(by_unit.items()):
        # scan_data refuses symlinked unit and year folders, so the folder is data_dir/unit/year
        found = tuple(digests.digest(d, str(data_dir / unit_id / d.name)) for d in directories)
        key = unit_key(build_fingerprint, unit_id, directories, found)
        plans.append(UnitPlan(unit_id, tuple(directories), key, found))
    digests.save()
    return plans


def unit_key(build_fingerprint: str, unit_id: str, directories: Iterable[Path], digests: Iterable[str]) -> str:
    """A unit's output key: the fingerprint and each package's folder name and content digest.

    The plan keys a unit by the digests of its folders (``tree_digest``); a worker that
    reads different bytes (the file was saved meanwhile) keys its output by the digests of
    what it read (``load.read_package``, the same hash), so the manifest never records one
    version of a package with the pages of another.
    """
    hasher = hashlib.sha256(f"{build_fingerprint}\0{unit_id}".encode())
    for directory, digest in zip(directories, digests, strict=True):
        hasher.update(f"\0{directory.name}\0{digest}".encode())
    return hasher.hexdigest()


class DigestCache:
    """Package content hashes, remembered by each file's size, times and inode (as git's index does).

    Reading every byte of a national data/ folder takes seconds; a stat of every file
    takes a fraction of that, so an unchanged package is not read again.  The stats of a
    package are hashed in one go (``stat_signature``): a no-change build at 1,000 units stats
    110,000 entries, and formatting each one as text cost more than the stat.
    """

    VERSION = "3"
    """Bumped when the signature's form changes; an older cache is simply recomputed once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        known = _read_json(path)  # a regular file only (never a link or FIFO); anything else is recomputed
        self.known: dict[str, list[str]] = known if isinstance(known, dict) and known.get("") == self.VERSION else {}
        self.used: dict[str, list[str] | str] = {"": self.VERSION}

    def digest(self, directory: Path, key: str | None = None) -> str:
        key = key or str(directory.resolve())
        signature = stat_signature(directory)
        known = self.known.get(key)
        if isinstance(known, list) and len(known) == 2 and all(isinstance(part, str) for part in known):
            digest = known[1] if known[0] == signature else tree_digest(directory)
        else:
            digest = tree_digest(directory)
        self.used[key] = [signature, digest]
        return digest

    def save(self) -> None:
        if self.used == self.known:
            return
        write_atomic(self.path, json.dumps(self.used, sort_keys=True).encode("utf-8"))


def stat_signature(directory: Path) -> str:
    """A hash of every entry under a folder: relative path, mode, size, mtime, ctime and inode.

    One ``lstat`` per entry (symlinks are not followed) and nothing read; any edit that
    rewrites a file changes its ctime even when size and mtime are put back.  The figures
    go into the hash as one array of 64-bit integers (formatting 110,000 entries as text
    cost a fifth of a no-change build), and only a name that can be an editor's temporary
    file is matched against their pattern: this loop runs once per file of data/.
    """
    entries: list[tuple[str, os.stat_result]] = []
    folders = [(os.fspath(directory), "")]
    while folders:
        path, prefix = folders.pop()
        with os.scandir(path) as scan:
            for entry in scan:
                name = entry.name
                if (name[0] in _TEMPORARY_START or name[-1] == "~") and editor_temporary(name):
                    if not entry.is_dir(follow_symlinks=False):
                        continue  # never read or published (ingest/load.py): an editor opening a file changes no key
                try:
                    info = entry.stat(follow_symlinks=False)
                except FileNotFoundError:
                    continue  # removed since the listing
                name = prefix + name
                entries.append((name, info))
                if stat.S_ISDIR(info.st_mode):
                    folders.append((entry.path, name + "/"))
    entries.sort(key=_first)
    figures = array("q")
    try:
        for _, i in entries:
            figures.extend((i.st_mode, i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino))
        packed = figures.tobytes()
    except OverflowError:  # an inode number beyond 2**63
        packed = repr([(i.st_mode, i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino) for _, i in entries]).encode()
    hasher = hashlib.sha256("\0".join([name for name, _ in entries]).encode("utf-8", "surrogateescape") + b"\0\0")
    hasher.update(packed)
    return hasher.hexdigest()


_TEMPORARY_START = frozenset(".~#4")
"""First characters of the editors' temporary names that do not end in ``~`` (``load.EDITOR_TEMPORARY``)."""


def _first(item: tuple[str, os.stat_result]) -> str:
    return item[0]


def build_key(build_fingerprint: str, units: list[UnitPlan], shard: Shard | None) -> str:
    """The key of a whole build: same key, same output."""
    hasher = hashlib.sha256(build_fingerprint.encode())
    hasher.update(repr(shard).encode())
    for unit in units:
        hasher.update(f"\0{unit.unit_id}\0{unit.key}".encode())
    return hasher.hexdigest()


class Manifest:
    """What one output folder holds: the build key and each unit's key and files.

    ``read`` takes the build key from the head of the file and parses the unit lists (about
    16 MB at 1,000 units) only when they are asked for: a build with nothing to do needs
    the key alone.
    """

    def __init__(self, build_key: str, units: dict[str, dict] | None = None, *, path: Path | None = None) -> None:
        self.build_key = build_key
        self._units = units
        self._path = path

    @property
    def units(self) -> dict[str, dict]:
        """unit_id → {"key": str, "files": [site paths]}; empty if the file can no longer be read whole."""
        if self._units is None:
            data = _read_json(self._path) if self._path is not None else None
            valid = isinstance(data, dict) and data.get("build_key") == self.build_key
            self._units = checked_units(data.get("units")) if valid and isinstance(data, dict) else {}
        return self._units

    def to_json(self) -> str:
        return json.dumps({"version": MANIFEST_VERSION, "build_key": self.build_key, "units": self.units}, indent=1)

    @classmethod
    def read(cls, path: Path) -> Manifest | None:
        try:  # a regular file only: a shard's manifest may be a link to /dev/zero or a FIFO
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
            with path.open("rb") as handle:
                head = handle.read(256)
        except OSError:
            return None
        quick = _MANIFEST_HEAD.match(head)
        if quick:  # the form to_json writes; the rest is read when the units are needed
            return cls(quick.group(1).decode(), path=path)
        data = _read_json(path)
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return None
        if not isinstance(data.get("build_key"), str):
            return None
        return cls(data["build_key"], checked_units(data.get("units")))


def checked_units(units: object) -> dict[str, dict]:
    """A manifest's units if every entry has the form a build writes, else none (nothing is reused).

    A manifest is read from the cache or a shard folder: a file list naming ``../x``, an
    absolute path or a non-text value would make a build link, move or delete outside its
    folders, so one bad entry discards them all.
    """
    if not isinstance(units, dict):
        return {}
    for unit_id, entry in units.items():
        if not (plain_name(unit_id) and "/" not in unit_id and isinstance(entry, dict)):
            return {}
        files = entry.get("files")
        if not isinstance(entry.get("key"), str) or not isinstance(files, list) or not all(map(plain_name, files)):
            return {}
        if not isinstance(entry.get("bytes", 0), int):
            return {}
    return units


_MANIFEST_HEAD = re.compile(
    rb'\{\n "version": "' + MANIFEST_VERSION.encode() + rb'",\n "build_key": "([0-9a-f]{64})",\n "units": '
)


def _read_json(path: Path) -> object:
    data = read_regular(path)
    try:
        return json.loads(data) if data is not None else None
    except (ValueError, RecursionError):
        return None


def shard_manifest_path(shard_dir: Path) -> Path:
    return shard_dir / SHARD_DIR / "manifest.json"


def shard_records_dir(shard_dir: Path) -> Path:
    """Where a shard keeps the records of its units (see units.UnitRecord)."""
    return shard_dir / SHARD_DIR / "units"


def site_manifest_path(cache_dir: Path, out_dir: Path) -> Path:
    """Where a site's manifest lives: in the cache, not in the published folder."""
    name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return cache_dir / "sites" / f"{name}.json"
