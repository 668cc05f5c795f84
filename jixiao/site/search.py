"""Search: pagefind indexes, one per slice of the units plus one for the shared pages, merged in the browser.

Pagefind reads the finished HTML (``data-pagefind-body`` marks the content worth
finding: units, evaluations, the data dictionary, about; never the header, footer,
listings or the 404 page).  Only the *extended* binary (``pip install
'pagefind[extended]'``) segments Chinese into words, so two-character queries such as
体检 or 养老 match; the build refuses to fall back to the plain one.

Why slices: one pagefind process holds about 300 KB per page until it has written the
index (5.9 GB at 1,000 units), and one edited sentence would re-index the country.
Units are hashed into ``routes.search_slice_count`` slices (``routes.search_slice``);
each slice is indexed by its own pagefind process into ``pagefind/slices/NNN/`` and the
search page merges them (``mergeIndex``, which reuses the main bundle's WebAssembly), so
memory is bounded by a slice and a slice whose units did not change is linked from the
build's cache (``search/``, a ``files.FileCache`` keyed by its units' keys, as pages and
datasets are) instead of indexed again.  The main
bundle ``pagefind/`` indexes the shared pages and carries the UI.

Pagefind is fed only what a reader searches for: the ``<main>`` of each indexed page
without its charts, scripts, figure cells (``td.num``), download lists and the headings every
page repeats (h2, captions, column headings, fact labels), each table as the distinct texts of
its cells; names, titles, indicators, notes and narrative stay, so a result's excerpt is from
them and a query matching only boilerplate finds nothing.  A result is titled with the unit,
year and evaluation (``data-pagefind-meta="title:…"`` on the page's heading).
Pagefind's time grows with the text it segments (about 5 ms of CPU per evaluation page).

Pagefind runs in its service mode (jixiao/site/pagefind_service.py), fed in path order.
"""

from __future__ import annotations

import base64
import hashlib
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jixiao.config import Config
from jixiao.files import FileCache, link_files
from jixiao.site.pagefind_service import INSTALL_HINT, SearchIndexError, Service
from jixiao.structure import routes

REQUIRED = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json")
FEED_VERSION = "2"
"""Part of every slice's cache key: change it when what pagefind is fed changes."""
_HTML_TAG = re.compile(r"<html\b[^>]*>")
_MAIN = re.compile(r"<main\b[^>]*\bdata-pagefind-body\b[^>]*>.*?</main>", re.S)
_UNSEARCHED = re.compile(
    r"<script\b[^>]*>.*?</script>|<figure class=\"chart\"[^>]*>.*?</figure>|<td class=\"num[\" ][^>]*>.*?</td>"
    r"|<svg\b.*?</svg>|<ul class=\"downloads\">.*?</ul>|<p class=\"zip-line\" hidden>.*?</p>"
    # the headings every page repeats (sections, table captions and column headings, fact labels) say
    # nothing about one evaluation: a query matching them would find every page
    r"|<h2\b[^>]*>.*?</h2>|<caption\b[^>]*>.*?</caption>|<thead\b[^>]*>.*?</thead>|<dt\b[^>]*>.*?</dt>",
    re.S,
)
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S)


def pagefind_binary() -> Path:
    """The extended pagefind executable shipped by the pagefind_bin_extended wheel."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise SearchIndexError(f"找不到 pagefind 扩展版程序（pagefind_bin_extended 未安装）。{INSTALL_HINT}") from None
    try:
        return get_executable()
    except FileNotFoundError as error:
        raise SearchIndexError(f"找不到 pagefind 扩展版程序：{error}。{INSTALL_HINT}") from None


def html_files(site_dir: Path) -> list[str]:
    """Every written HTML page as a site path, sorted (the order pagefind numbers them in)."""
    bundle = routes.PAGEFIND_DIR + "/"
    paths = (p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.is_file())
    return sorted(p for p in paths if not p.startswith(bundle))


def page_url(path: str) -> str:
    """The URL pagefind gives a result: site-absolute, folders without index.html (the UI adds the base)."""
    return "/" + (path.removesuffix("index.html") if path.endswith("index.html") else path)


def search_feed(html: str) -> str | None:
    """What pagefind reads of a page: its indexed ``<main>`` without charts, scripts, figure cells; else None."""
    main = _MAIN.search(html)
    if main is None:
        return None
    opening = _HTML_TAG.search(html)
    body = _TABLE.sub(_table_words, _UNSEARCHED.sub("", main.group(0)))
    return f"<!DOCTYPE html>{opening.group(0) if opening else '<html>'}<body>{body}</body></html>"


def _table_words(table: re.Match) -> str:
    """A table as the distinct texts of its cells, each once (levels and units repeat on every row)."""
    cells = dict.fromkeys(cell.strip() for cell in _CELL.findall(table.group(0)))
    return "<p>" + " ".join(cell for cell in cells if cell) + "</p>"


def slices(pages: Iterable[str], units: int) -> tuple[list[str], dict[str, dict[str, list[str]]]]:
    """The shared pages, and slice name → unit id → that unit's pages (all sorted)."""
    count = routes.search_slice_count(units)
    shared: list[str] = []
    by_slice: dict[str, dict[str, list[str]]] = {}
    for path in sorted(pages):
        parts = path.split("/")
        if parts[0] == "units" and len(parts) > 2:
            unit = by_slice.setdefault(routes.search_slice(parts[1], count), {})
            unit.setdefault(parts[1], []).append(path)
        else:
            shared.append(path)
    return shared, dict(sorted(by_slice.items()))


def index_site(
    site_dir: Path,
    config: Config,
    unit_keys: Mapping[str, str] | None = None,
    pages: list[str] | None = None,
    root_of: Callable[[str], Path] | None = None,
    previous: Path | None = None,
) -> list[str]:
    """Index the HTML pages under site_dir into site_dir/pagefind/ (shared pages) and its slices.

    With ``unit_keys`` (unit id → the key of its output), a slice whose units all have
    keys is taken from the cache when indexed before, and stored there when not.
    ``pages`` (every page of the site, sorted) and ``root_of`` (the folder a page is read
    from) let a build index pages of unchanged units where they still are, in the current
    site, before they are moved into the new one; by default every page under site_dir.
    Returns the slices kept where they are in ``previous`` (the current site), to be moved.
    """
    site_dir = site_dir.resolve()
    pages = html_files(site_dir) if pages is None else pages
    with closing(Indexing(site_dir, config, unit_keys, root_of, previous)) as indexing:
        indexing.start_slices(pages)
        return indexing.finish(pages)


class Indexing:
    """The search index made in two steps, so its larger part overlaps the rest of the build.

    The slices index only unit pages, which are all written when the units are done; the
    main bundle indexes the pages across units, written later.  ``start_slices`` sets the
    slices going in threads (each a pagefind process) while the build goes on with the
    datasets and shared pages; ``finish`` adds the main bundle once every page is there and
    waits for all.  A slice started from other pages than the finished site's (a page under
    a unit's folder written after the units, which the build does not do) stops the build
    rather than publish an index of pages that are not the site's.  ``close`` waits
    for every pagefind process started, and cancels those not started, before the caller
    removes the folder they write into (a failed build): use it with ``contextlib.closing``.
    """

    def __init__(
        self,
        site_dir: Path,
        config: Config,
        unit_keys: Mapping[str, str] | None = None,
        root_of: Callable[[str], Path] | None = None,
        previous: Path | None = None,
    ) -> None:
        self.site_dir = site_dir.resolve()
        self.unit_keys = unit_keys
        self.where = root_of or (lambda path: self.site_dir)
        self.cache = FileCache(config.cache_dir.resolve() / "search") if unit_keys is not None else None
        self.indexer = _Indexer(self.site_dir, pagefind_binary(), self.where, self.cache, previous)
        self.pool = ThreadPoolExecutor(max(1, config.jobs))
        self.started: dict[Path, tuple[_Job, Future[None]]] = {}

    def close(self) -> None:
        """Wait for the pagefind processes running and cancel the others (``contextlib.closing``)."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def start_slices(self, pages: list[str]) -> None:
        """Set every slice of these pages (only the unit pages count) going in the background."""
        for job in _jobs(self.site_dir, pages, self.where, self.unit_keys, main_key=False)[1:]:
            self.started[job.target] = (job, self.pool.submit(self.indexer.run, job))

    def finish(self, pages: list[str]) -> list[str]:
        """The main bundle over the shared pages of ``pages`` (every page of the site, sorted), then every
        slice done; returns the slices kept in the current site (``index_site``)."""
        jobs = _jobs(self.site_dir, pages, self.where, self.unit_keys)
        waiting = [self.pool.submit(self.indexer.run, jobs[0])]
        for job in jobs[1:]:
            started = self.started.pop(job.target, None)
            waiting.append(started[1] if started is not None else self.pool.submit(self.indexer.run, job))
            if started is not None and started[0] != job:
                self.started[job.target] = started  # indexed from other pages: an error, once it is done
        for future in waiting:
            future.result()
        for job, future in self.started.values():
            future.result()
            raise SearchIndexError(f"搜索索引分片 {job.target.name} 不是由最终的页面建立的")
        if self.cache is not None:
            self.cache.prune()  # the one rule of every cache: unused, and untouched for its grace period
        return sorted(self.indexer.kept)


@dataclass(frozen=True)
class _Job:
    """One pagefind bundle to make: where it goes, the pages it indexes, its cache key (None: not cached)."""

    target: Path
    paths: list[str]
    key: str | None
    main: bool
    """The main bundle (the shared pages and the UI); the slices are written inside its folder."""


def _jobs(
    site_dir: Path,
    pages: list[str],
    where: Callable[[str], Path],
    unit_keys: Mapping[str, str] | None,
    main_key: bool = True,
) -> list[_Job]:
    """The main bundle, then a slice per group of units (``slices``); a slice is keyed only when all its units are.

    ``main_key=False`` leaves the main bundle unkeyed (its pages are not all written yet: ``Indexing``).
    """
    units = {p.split("/")[1] for p in pages if p.startswith("units/") and p.count("/") > 1}
    shared, by_slice = slices(pages, len(units))
    bundle = site_dir / routes.PAGEFIND_DIR
    main = _bundle_key(site_dir, shared, where) if unit_keys is not None and main_key else None
    jobs = [_Job(bundle, shared, main, main=True)]
    for name, members in by_slice.items():
        key = None
        if unit_keys is not None and all(unit in unit_keys for unit in members):
            key = _slice_key(name, {unit: unit_keys[unit] for unit in members})
        paths = [p for unit in sorted(members) for p in members[unit]]
        jobs.append(_Job(bundle / "slices" / name, paths, key, main=False))
    return jobs


class _Indexer:
    """Makes each bundle (jobs run in threads): linked from the cache, kept in the current site, or indexed."""

    def __init__(
        self, site_dir: Path, binary: Path, where: Callable[[str], Path], cache: FileCache | None, previous: Path | None
    ) -> None:
        self.site_dir = site_dir
        self.binary = binary
        self.where = where
        self.cache = cache
        self.previous = previous
        self.kept: list[str] = []
        """Slices left where they are in the current site (the same files as their cache entry)."""

    def run(self, job: _Job) -> None:
        """Make one bundle: from the cache when it holds it, else indexed (and, keyed, stored there)."""
        if not self._from_cache(job):
            self._index(job)

    def _from_cache(self, job: _Job) -> bool:
        """Link the cached bundle into place, or keep the current site's copy of a slice; False (nothing of it
        left behind) when the entry cannot be used."""
        # a cached slice is read back as data (``FileCache.names``): one naming ``../x`` or holding a
        # symlink, or one that cannot be linked whole (damaged, or pruned meanwhile by another build),
        # is indexed again and replaced
        if job.key is None or self.cache is None:
            return False
        names = self.cache.names(job.key)
        if names is None:
            return False
        relative = job.target.relative_to(self.site_dir).as_posix()
        entry = self.cache.path(job.key)
        if not job.main and self.previous is not None and _same_files(entry, self.previous / relative, names):
            self.kept.append(relative)
            return True
        return self.cache.link(job.key, names, job.target) is not None

    def _index(self, job: _Job) -> None:
        """Run pagefind over the job's pages and write its bundle (and, keyed, its cache entry)."""
        made = _index(self.binary, self.site_dir, [(self.where(path), path) for path in job.paths])
        if job.main:
            names = _write_bundle(job.target, made, REQUIRED)
        else:
            names = _write_bundle(job.target, (f for f in made if _slice_file(f["path"])), ("pagefind-entry.json",))
        if job.key is not None and self.cache is not None:
            self.cache.discard(job.key)
            scratch = self.cache.scratch()
            try:
                link_files(job.target, scratch, names)
            except OSError:
                shutil.rmtree(scratch, ignore_errors=True)
                return
            self.cache.store(job.key, scratch, names)


def _same_files(entry: Path, folder: Path, names: list[str]) -> bool:
    """The folder holds exactly the cached slice's files, as hard links of them (so the same bytes)."""
    try:
        if sum(len(files) for _, _, files in os.walk(folder)) != len(names):
            return False
        return all(os.stat(folder / name).st_ino == os.stat(entry / name).st_ino for name in names)
    except OSError:
        return False


def _bundle_key(site_dir: Path, pages: list[str], where: Callable[[str], Path]) -> str:
    """The main bundle's cache key: what it is fed, the shared pages' words (and the pagefind version)."""
    hasher = hashlib.sha256()
    for path in pages:
        feed = search_feed((where(path) / path).read_text("utf-8"))
        hasher.update(f"{path}\0{feed}\0".encode())
    return _slice_key("main", {"pages": hasher.hexdigest()})


def _slice_key(name: str, unit_keys: Mapping[str, str]) -> str:
    try:
        engine = version("pagefind_bin_extended")
    except PackageNotFoundError:
        engine = "?"
    hasher = hashlib.sha256(f"{FEED_VERSION}\0{engine}\0{name}".encode())
    for unit, key in sorted(unit_keys.items()):
        hasher.update(f"\0{unit}\0{key}".encode())
    return hasher.hexdigest()


def _slice_file(path: str) -> bool:
    """What a merged index needs (the WebAssembly and UI come from the main bundle)."""
    return path == "pagefind-entry.json" or path.endswith(".pf_meta") or path.startswith(("index/", "fragment/"))


def _index(binary: Path, site_dir: Path, paths: list[tuple[Path, str]]) -> list[dict]:
    """One pagefind process over these pages ((folder, site path)), fed in this order; the files of its index."""
    with tempfile.TemporaryFile() as errors:
        service = Service(binary, site_dir, errors)
        try:
            index_id = service.request({"type": "NewIndex", "config": None})["index_id"]
            adds = (
                {
                    "type": "AddFile",
                    "index_id": index_id,
                    "url": page_url(path),
                    "file_path": None,
                    "file_contents": feed,
                }
                for root, path in paths
                if (feed := search_feed((root / path).read_text("utf-8"))) is not None
            )
            return service.stream(adds, {"type": "GetFiles", "index_id": index_id})["files"]
        finally:
            service.close()


def _write_bundle(bundle: Path, files: Iterable[dict], required: tuple[str, ...]) -> list[str]:
    written = set()
    for file in sorted(files, key=lambda f: f["path"]):
        path = posixpath.normpath(file["path"])
        if path.startswith(("/", "..")) or "\\" in path:
            raise SearchIndexError(f"pagefind 返回了不安全的文件路径：{file['path']!r}")
        target = bundle / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
        written.add(path)
    missing = [name for name in required if name not in written]
    if missing:
        raise SearchIndexError(f"pagefind 未生成 {'、'.join(missing)}")
    return sorted(written)
