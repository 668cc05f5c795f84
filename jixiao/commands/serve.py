"""Preview: build, serve on 127.0.0.1, rebuild when data/, templates/ or site_src/ change.

A failed rebuild prints its findings and keeps serving the last good site; pages poll
a small status file and reload themselves after a rebuild (``/__jixiao__/status``).
"""

from __future__ import annotations

import errno
import functools
import http.server
import json
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from jixiao.build.pipeline import BuildError, build
from jixiao.commands.review_page import CONFIRM_PATH, drafts, post, review_html
from jixiao.commands.review_page import PATH as REVIEW_PATH
from jixiao.config import Config
from jixiao.settings import SettingsError, load

SETTLE_SECONDS = 0.3
"""After a change is seen, how long the files must stay unchanged before the rebuild starts."""
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


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int, int]]:
    """Every watched file's (mtime, size, inode), without following links.

    The size matters: an editor that truncates and then writes can do both within one
    tick of the file-system clock, and the build must not stop at the empty file.
    """
    stamps: dict[str, tuple[int, int, int]] = {}
    for root in paths:
        for path in [root] if root.is_file() else root.rglob("*"):
            info = path.lstat()
            stamps[str(path)] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return stamps


def _settled(watched: list[Path], seen: dict[str, tuple[int, int, int]]) -> dict[str, tuple[int, int, int]]:
    """Wait until the watched files stop changing (a save in several writes), then return their stamps."""
    while True:
        time.sleep(SETTLE_SECONDS)
        current = _snapshot(watched)
        if current == seen:
            return current
        seen = current


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


def _handler(directory: Path, state: State, data_dir: Path) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            if self.path.startswith(REVIEW_PATH):
                body = review_html(data_dir).replace(b"</body>", RELOAD_SNIPPET + b"</body>", 1)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body)
                return
            if self.path.startswith("/__jixiao__/status"):
                with state.lock:
                    body = json.dumps({"version": state.version, "error": state.error}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            _confirm_section(self, data_dir)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def copyfile(self, source, outputfile) -> None:
            data = source.read()
            if self.path.endswith(("/", ".html")) and b"</body>" in data:
                data = data.replace(b"</body>", RELOAD_SNIPPET + b"</body>", 1)
            outputfile.write(data)

        def send_header(self, keyword: str, value: str) -> None:
            if keyword.lower() == "content-length" and self.path.endswith(("/", ".html")):
                return  # the reload snippet changes the length
            super().send_header(keyword, value)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return functools.partial(Handler, directory=str(directory))  # type: ignore[return-value]


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


def _listen(port: int, handler: type[http.server.SimpleHTTPRequestHandler]) -> http.server.ThreadingHTTPServer | None:
    """Take the port before building, so a busy one is reported at once, in one line, without a traceback."""
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
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
    stamps = _snapshot(watched)  # before the first build: an edit made while it runs (or just after) is seen
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
            time.sleep(0.5)
            if not watch:
                continue
            current = _snapshot(watched)
            if current != stamps:
                stamps = _settled(watched, current)
                print("检测到文件变化，重新构建…", file=sys.stderr, flush=True)
                config = _reload(config)
                _rebuild(config, state)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
