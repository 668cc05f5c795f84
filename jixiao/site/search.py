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
memory is bounded by a slice and a slice whose units did not change is linked from
``.jixiao-cache/search/`` (keyed by its units' keys) instead of indexed again.  The main
bundle ``pagefind/`` indexes the shared pages and carries the UI.

Pagefind is fed only what a reader searches for: the ``<main>`` of each indexed page
without its charts, scripts, figure cells (``td.num``) and download lists, each table as
the distinct texts of its cells; names, titles, indicators, notes and narrative stay.
Pagefind's time grows with the text it segments (about 5 ms of CPU per evaluation page).

Pagefind is driven through its service mode (the protocol of the official Python and
Node wrappers; the Python wrapper polls its pipe every 0.1 s per message, far too slow
for a large portal, hence this small client), because the plain CLI cannot give
byte-identical builds:

* ``pagefind --site`` numbers pages in the order the file system lists them (creation
  order on tmpfs, a per-disk hash order on ext4), and the numbers end up in the index.
  Here the written files are sent in one stream, sorted by path; the service handles
  messages in order.
* the service's own writer (``WriteFiles``) hands data to background threads and can
  leave files empty when the process exits, so the index comes back in memory
  (``GetFiles``) and is written here.
* no filters: pagefind 1.5 writes its filter index from a hash map (its own TODO says
  so) and the order changes from run to run, so the site uses no ``data-pagefind-filter``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jixiao.config import Config
from jixiao.structure import routes

INSTALL_HINT = "请安装扩展版：pip install 'pagefind[extended]'（普通版 pagefind 不能为中文分词）"
TIMEOUT_SECONDS = 900
REQUIRED = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json")
FEED_VERSION = "1"
"""Part of every slice's cache key: change it when what pagefind is fed changes."""
_HTML_TAG = re.compile(r"<html\b[^>]*>")
_MAIN = re.compile(r"<main\b[^>]*\bdata-pagefind-body\b[^>]*>.*?</main>", re.S)
_UNSEARCHED = re.compile(
    r"<script\b[^>]*>.*?</script>|<figure class=\"chart\"[^>]*>.*?</figure>|<td class=\"num\">.*?</td>"
    r"|<svg\b.*?</svg>|<ul class=\"downloads\">.*?</ul>|<p class=\"zip-line\" hidden>.*?</p>",
    re.S,
)
_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S)


class SearchIndexError(Exception):
    """The search index could not be built (binary missing or pagefind failed)."""


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


def index_site(site_dir: Path, config: Config, unit_keys: Mapping[str, str] | None = None) -> None:
    """Index the HTML pages under site_dir into site_dir/pagefind/ (shared pages) and its slices.

    With ``unit_keys`` (unit id → the key of its output), a slice whose units all have
    keys is taken from the cache when indexed before, and stored there when not.
    """
    site_dir = site_dir.resolve()
    pages = html_files(site_dir)
    units = {p.split("/")[1] for p in pages if p.startswith("units/") and p.count("/") > 1}
    shared, by_slice = slices(pages, len(units))
    bundle = site_dir / routes.PAGEFIND_DIR
    binary = pagefind_binary()
    cache = config.cache_dir.resolve() / "search" if unit_keys is not None else None
    jobs: list[tuple[Path, list[str], str | None]] = [(bundle, shared, None)]
    for name, members in by_slice.items():
        key = None
        if cache is not None and all(unit in unit_keys for unit in members):
            key = _slice_key(name, {unit: unit_keys[unit] for unit in members})
        jobs.append((bundle / "slices" / name, [p for unit in sorted(members) for p in members[unit]], key))

    def run(job: tuple[Path, list[str], str | None]) -> str | None:
        target, paths, key = job
        if key is not None and cache is not None and (cache / key / "done").is_file():
            try:
                _link_cached(cache / key, target)
                return key
            except OSError:  # damaged, or removed meanwhile by another build's pruning: index it here
                shutil.rmtree(target, ignore_errors=True)
                shutil.rmtree(cache / key, ignore_errors=True)
        files = _index(binary, site_dir, paths)
        if target == bundle:
            _write_bundle(target, files, REQUIRED)
            return None
        _write_bundle(target, (f for f in files if _slice_file(f["path"])), ("pagefind-entry.json",))
        if key is not None and cache is not None:
            _store(target, cache, key)
        return key

    with ThreadPoolExecutor(max(1, min(config.jobs, len(jobs)))) as pool:
        used = {key for key in pool.map(run, jobs) if key}
    if cache is not None:
        _prune(cache, used)


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


def _index(binary: Path, site_dir: Path, paths: list[str]) -> list[dict]:
    """One pagefind process over these pages, fed in this order; the files of its index."""
    with tempfile.TemporaryFile() as errors:
        service = _Service(binary, site_dir, errors)
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
                for path in paths
                if (feed := search_feed((site_dir / path).read_text("utf-8"))) is not None
            )
            return service.stream(adds, {"type": "GetFiles", "index_id": index_id})["files"]
        finally:
            service.close()


def _tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _link_files(source: Path, target: Path, names: list[str]) -> None:
    """Hard-link (or copy) each named file; a missing one raises, so a slice is never taken in part."""
    for name in names:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / name, target / name)
        except FileNotFoundError:
            raise
        except OSError:
            shutil.copyfile(source / name, target / name)


def _link_cached(entry: Path, target: Path) -> None:
    """A cached slice: its ``done`` file lists every file stored, written last."""
    _link_files(entry, target, (entry / "done").read_text("utf-8").split("\n"))


def _store(target: Path, cache: Path, key: str) -> None:
    """Copy a slice's index into the cache, whole or not at all (renamed into place, then marked done)."""
    cache.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{key[:12]}-", dir=cache))
    try:
        names = _tree(target)
        _link_files(target, temporary, names)
        (temporary / "done").write_text("\n".join(names), "utf-8")
        os.replace(temporary, cache / key)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)  # another build stored it first


def _prune(cache: Path, used: set[str]) -> None:
    """Slices no longer in the site leave the cache (so it does not grow with every edit)."""
    for entry in cache.iterdir():
        if len(entry.name) == 64 and entry.name not in used:
            shutil.rmtree(entry, ignore_errors=True)


def _write_bundle(bundle: Path, files: Iterable[dict], required: tuple[str, ...]) -> None:
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


class _Service:
    """``pagefind --service``: base64 JSON messages, each ending in ',', on stdin and stdout."""

    def __init__(self, binary: Path, cwd: Path, errors) -> None:
        self.errors = errors
        self.buffer = bytearray()
        self.next_id = 0
        try:
            self.process = subprocess.Popen(
                [str(binary), "--service"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors
            )
        except OSError as error:
            raise SearchIndexError(f"pagefind 无法运行：{error}。{INSTALL_HINT}") from None
        self.timer = threading.Timer(TIMEOUT_SECONDS, self.process.kill)
        self.timer.start()

    def _encode(self, payload: dict) -> bytes:
        self.next_id += 1
        message = {"message_id": self.next_id, "payload": payload}
        return base64.b64encode(json.dumps(message, ensure_ascii=False).encode("utf-8")) + b","

    def request(self, payload: dict) -> dict:
        self._write([self._encode(payload)])
        return self._answer(payload["type"])

    def stream(self, payloads: Iterator[dict], last: dict) -> dict:
        """Send every payload, then ``last``, from a thread (so neither pipe fills up); return last's answer.

        Pages are read and encoded one at a time as they are sent, so memory does not grow with the site.
        """
        messages = self._messages(payloads, last)
        writer = threading.Thread(target=self._write, args=(messages,), daemon=True)
        writer.start()
        try:
            return self._answer(last["type"])
        finally:
            writer.join(timeout=TIMEOUT_SECONDS)

    def _messages(self, payloads: Iterator[dict], last: dict) -> Iterator[bytes]:
        yield from (self._encode(payload) for payload in payloads)
        yield self._encode(last)

    def _write(self, messages: Iterable[bytes]) -> None:
        try:
            for message in messages:
                self.process.stdin.write(message)
            self.process.stdin.flush()
        except (OSError, ValueError):
            pass  # the process died; _answer reports it with its stderr

    def _answer(self, answer_type: str) -> dict:
        """Read answers in order until one of ``answer_type``; an error answer fails the build."""
        searched = 0
        while True:
            end = self.buffer.find(b",", searched)
            while end < 0:
                searched = len(self.buffer)
                chunk = self.process.stdout.read1(1 << 20)
                if not chunk:
                    raise SearchIndexError(f"pagefind 意外退出：{self._stderr()}")
                self.buffer += chunk
                end = self.buffer.find(b",", searched)
            raw = bytes(self.buffer[:end])
            del self.buffer[: end + 1]
            searched = 0
            try:
                payload = json.loads(base64.b64decode(raw)).get("payload", {})
            except ValueError:
                raise SearchIndexError(f"pagefind 输出无法解析：{raw[:200]!r} {self._stderr()}") from None
            if payload.get("type") == "Error":
                raise SearchIndexError(f"pagefind 建立搜索索引失败：{payload.get('message')} {self._stderr()}")
            if payload.get("type") == answer_type:
                return payload

    def _stderr(self) -> str:
        self.errors.seek(0)
        return self.errors.read().decode("utf-8", "replace").strip()[-2000:]

    def close(self) -> None:
        self.timer.cancel()
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
