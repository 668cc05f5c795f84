"""Preview: build, serve on 127.0.0.1, rebuild when data/, templates/ or site_src/ change.

A failed rebuild prints its findings and keeps serving the last good site; pages poll
a small status file and reload themselves after a rebuild (``/__jixiao__/status``).

Changes come from the operating system's file events (``watchfiles``: inotify, FSEvents,
ReadDirectoryChangesW), not from listing the folders: nothing is listed while an editor
creates and deletes its swap files, and those files (``editor_temporary``) start no
rebuild.  The server answers only requests addressed to itself (the Host header is
127.0.0.1, localhost or [::1] with its port): a web page cannot reach the preview through
a domain name that resolves to 127.0.0.1 (DNS rebinding).  A client that disconnects or
sends a malformed request costs no traceback.
"""

from __future__ import annotations

import errno
import functools
import http.server
import json
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import watchfiles
from watchfiles import Change

from jixiao.assemble.pipeline import BuildError, build
from jixiao.commands.review_page import CONFIRM_PATH, drafts, post, review_html
from jixiao.commands.review_page import PATH as REVIEW_PATH
from jixiao.config import Config
from jixiao.ingest.load import editor_temporary
from jixiao.settings import SettingsError, load

SETTLE_SECONDS = 0.3
"""After a change is seen, how long the files must stay unchanged before the rebuild starts."""
LONGEST_SETTLE_MS = 3000
"""A rebuild starts after this long even if files keep changing (a long copy into data/)."""
POLL_SECONDS = 0.2
"""How often the watcher threads look at the stop signal, and the main thread at Ctrl-C (Windows)."""
RELOAD_SNIPPET = (
    b"<script>(function(){var v=null;setInterval(function(){fetch('/__jixiao__/status').then(function(r)"
    b"{return r.json()}).then(function(s){if(v!==null&&s.version!==v){location.reload()}v=s.version;"
    b"var e=document.getElementById('jixiao-error');if(s.error){if(!e){e=document.createElement('pre');"
    b"e.id='jixiao-error';e.style.cssText='position:fixed;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;"
    b"background:#fee;color:#900;margin:0;padding:1em;z-index:99';document.body.appendChild(e)}e.textContent=s.error}"
    b"else if(e){e.remove()}})},1000)})();</script>"
)


class State:
    def __init__(self) -> None:
        self.version = 0
        self.error = ""
        self.lock = threading.Lock()


class Watcher:
    """File-system events for the watched folders (recursively) and single files, gathered in threads.

    ``start`` returns once the system is watching, so an edit made during the first build
    is seen.  Each batch of events is collected until the files have been quiet for
    ``SETTLE_SECONDS`` (a save in several writes is one change).
    """

    def __init__(self, paths: Iterable[Path]) -> None:
        self.changes: queue.Queue[set[str]] = queue.Queue()
        self.stop = threading.Event()
        folders = [path for path in paths if path.is_dir()]
        files = [path for path in paths if path.is_file()]
        self._jobs: list[tuple[list[Path], bool, Callable[[Change, str], bool]]] = []
        if folders:
            self._jobs.append((folders, True, _not_temporary))
        by_parent: dict[Path, set[str]] = {}
        for file in files:
            by_parent.setdefault(file.resolve().parent, set()).add(file.name)
        for parent, names in by_parent.items():
            self._jobs.append(([parent], False, _only(names)))
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for paths, recursive, keep in self._jobs:
            ready = threading.Event()
            thread = threading.Thread(target=self._run, args=(paths, recursive, keep, ready), daemon=True)
            thread.start()
            self._threads.append(thread)
            ready.wait(timeout=30)

    def _run(self, paths: list[Path], recursive: bool, keep: Callable[[Change, str], bool], ready: threading.Event):
        events = watchfiles.watch(
            *paths,
            watch_filter=keep,
            step=int(SETTLE_SECONDS * 1000),
            debounce=LONGEST_SETTLE_MS,
            rust_timeout=int(POLL_SECONDS * 1000),
            yield_on_timeout=True,
            stop_event=self.stop,
            raise_interrupt=False,
            recursive=recursive,
        )
        for batch in events:  # the first batch (empty after rust_timeout at most) says the watch is set up
            ready.set()
            if batch:
                self.changes.put({path for _, path in batch})
        ready.set()

    def wait(self) -> set[str]:
        """The paths changed since the last call, once the files have settled; blocks until there are some."""
        while True:
            try:
                changed = self.changes.get(timeout=POLL_SECONDS)  # a timeout keeps Ctrl-C working on Windows
                break
            except queue.Empty:
                continue
        while True:  # events of other watchers that arrived meanwhile
            try:
                changed |= self.changes.get(timeout=SETTLE_SECONDS)
            except queue.Empty:
                return changed

    def close(self) -> None:
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout=5)


def _not_temporary(_change: Change, path: str) -> bool:
    """Every change except an editor's temporary files and Python's caches."""
    name = os.path.basename(path)
    return not editor_temporary(name) and "__pycache__" not in Path(path).parts


def _only(names: set[str]) -> Callable[[Change, str], bool]:
    def keep(_change: Change, path: str) -> bool:
        return os.path.basename(path) in names

    return keep


def _rebuild(config: Config, state: State) -> None:
    try:
        summary = build(config)
    except BuildError as error:
        text = "\n".join(f.text() for f in error.findings) + f"\n构建失败：{error}"
        if drafts(config.data_dir):
            text += f"\n导入草稿待核对：每项与原表原文并列，见本站 {REVIEW_PATH}"
        print(text, file=sys.stderr, flush=True)
        with state.lock:
            state.error = text
            state.version += 1
        return
    print(summary.line(), file=sys.stderr, flush=True)
    with state.lock:
        state.error = ""
        state.version += 1


def allowed_hosts(port: int) -> frozenset[str]:
    """The Host headers the preview answers: itself, by address or by name, with its port."""
    return frozenset(f"{host}:{port}" for host in ("127.0.0.1", "localhost", "[::1]"))


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """The built site with a reload snippet in every page, the build status and the import review page."""

    def __init__(self, *args: Any, state: State, data_dir: Path, **kwargs: Any) -> None:
        self.state, self.data_dir = state, data_dir  # before super(): it handles the request
        super().__init__(*args, **kwargs)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in allowed_hosts(cast(http.server.HTTPServer, self.server).server_port):
            self.send_error(403, "Forbidden: the preview answers only http://127.0.0.1 or http://localhost")
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.startswith(REVIEW_PATH):
            body = review_html(self.data_dir).replace(b"</body>", RELOAD_SNIPPET + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8")
        elif self.path.startswith("/__jixiao__/status"):
            with self.state.lock:
                body = json.dumps({"version": self.state.version, "error": self.state.error}).encode()
            self._send(body, "application/json")
        else:
            super().do_GET()

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        _confirm_section(self, self.data_dir)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        if self.path.endswith(("/", ".html")) and b"</body>" in data:
            data = data.replace(b"</body>", RELOAD_SNIPPET + b"</body>", 1)
        outputfile.write(data)

    def send_header(self, keyword: str, value: str) -> None:
        page = getattr(self, "path", "").endswith(("/", ".html"))  # no path yet: a malformed request line
        if keyword.lower() == "content-length" and page:
            return  # the reload snippet changes the length
        super().send_header(keyword, value)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _handler(directory: Path, state: State, data_dir: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    handler = functools.partial(PreviewHandler, directory=str(directory), state=state, data_dir=data_dir)
    return handler  # type: ignore[return-value]


def _confirm_section(handler: http.server.BaseHTTPRequestHandler, data_dir: Path) -> None:
    """The review page's 整表确认 form (the only POST): review.csv rewritten, then the page shown again."""
    if handler.path.split("?")[0] != CONFIRM_PATH:
        handler.send_error(404)
        return
    length = min(int(handler.headers.get("Content-Length") or 0), 64 * 1024)
    body = handler.rfile.read(length)
    status, message = post(data_dir, body, handler.headers.get("Origin"), handler.headers.get("Host"))
    handler.send_response(status)
    if status == 303:
        handler.send_header("Location", REVIEW_PATH)
    else:
        handler.send_header("Content-Type", "text/plain; charset=utf-8")
    handler.end_headers()
    handler.wfile.write(b"" if status == 303 else message.encode("utf-8"))


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A client that went away is nothing to report; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        print(f"预览服务器：回应 {client_address[0]} 时出错（{error!r}）；页面可刷新重试", file=sys.stderr, flush=True)


def _listen(port: int, handler: type[http.server.SimpleHTTPRequestHandler]) -> http.server.ThreadingHTTPServer | None:
    """Take the port before building, so a busy one is reported at once, in one line, without a traceback."""
    try:
        return PreviewServer(("127.0.0.1", port), handler)
    except (OSError, OverflowError) as error:  # OverflowError: a port outside 0–65535
        if isinstance(error, OverflowError):
            reason = "不在 0–65535 之间"
        elif error.errno == errno.EADDRINUSE:
            reason = "已被占用"
        else:
            reason = f"无法使用（{error.strerror}）"
        hint = f"python build.py serve --port {port + 1}" if 0 <= port < 65535 else "python build.py serve --port 8000"
        print(f"错误：端口 {port} {reason}；用 --port 选择另一个端口，例如 {hint}", file=sys.stderr)
        return None


def _reload(config: Config) -> Config:
    """The settings of an edited jixiao.toml; an invalid file keeps the previous ones and says why."""
    if config.config_file is None:
        return config
    try:
        settings = load(config.config_file, required=True)
    except SettingsError as error:
        for finding in error.findings:
            print(finding.text(), file=sys.stderr, flush=True)
        return config
    return replace(config, site=settings.site, grade_bands=settings.grade_bands)


def run_serve(config: Config, port: int, watch: bool = True) -> int:
    """``build.py serve``: serve the site at http://127.0.0.1:PORT/ until interrupted."""
    config = replace(config, base_url="/")
    state = State()
    server = _listen(port, _handler(config.out_dir.resolve(), state, config.data_dir))
    if server is None:
        return 2
    overrides = [d for d in config.override_dirs() if d is not None]
    watched = [config.data_dir, config.templates_dir, config.assets_dir, *overrides]
    watched += [config.config_file] if config.config_file is not None else []
    watcher = Watcher(watched) if watch else None
    if watcher is not None:
        watcher.start()  # before the first build: an edit made while it runs (or just after) is seen
    try:
        return _serve(config, state, server, watcher)
    finally:
        if watcher is not None:
            watcher.close()


def _serve(config: Config, state: State, server: http.server.ThreadingHTTPServer, watcher: Watcher | None) -> int:
    _rebuild(config, state)
    if not config.out_dir.is_dir() and not drafts(config.data_dir):
        server.server_close()
        return 1
    config.out_dir.mkdir(parents=True, exist_ok=True)  # a first build that stopped at a draft: serve the review page
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"预览：http://127.0.0.1:{server.server_address[1]}/ （Ctrl-C 退出）", file=sys.stderr, flush=True)
    if drafts(config.data_dir):
        address = f"http://127.0.0.1:{server.server_address[1]}{REVIEW_PATH}"
        print(f"导入草稿核对：{address}", file=sys.stderr, flush=True)
    try:
        while True:
            if watcher is None:
                threading.Event().wait(POLL_SECONDS)
                continue
            watcher.wait()
            print("检测到文件变化，重新构建…", file=sys.stderr, flush=True)
            config = _reload(config)
            _rebuild(config, state)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
