"""``build.py serve`` as a maintainer uses it: an editor's swap files come and go, browsers and strangers call.

One preview of a copy of a real package serves every test here (module fixture): editors'
temporary files churn in the package folder without a traceback, without a rebuild and
without failing validation, a real edit rebuilds; requests for another host name (DNS
rebinding), malformed request lines and clients that reset the connection are answered
or dropped quietly.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_fixtures import REPO

from jixiao.commands.serve import Watcher
from jixiao.ingest.load import editor_temporary

PACKAGE = REPO / "data" / "rugao-pension" / "2024"
UNIT_NAME = "如皋市社会养老保险管理处"
TEMPORARY = [".unit.csv.swp", ".unit.csv.swx", "4913", "unit.csv~", ".#unit.csv", "~$unit.csv", ".~lock.unit.csv#"]
"""What vim, Emacs, Excel/WPS and LibreOffice leave beside a file while it is open (hand-listed)."""


@dataclass
class Preview:
    process: subprocess.Popen
    port: int
    data: Path
    package: Path
    stderr: list[str]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _until(condition, seconds: float = 120) -> bool:
    """Poll until condition() is true; False when it never was (a bound, not a timing assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Iterator[Preview]:
    root = tmp_path_factory.mktemp("serve")
    data = root / "data"
    package = data / PACKAGE.parent.name / PACKAGE.name
    shutil.copytree(PACKAGE, package)
    port = _free_port()
    out = root / "site"
    command = [sys.executable, "build.py", "--data", str(data), "serve", "--port", str(port), "--out", str(out)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)
    reader.start()
    running = Preview(process, port, data, package, lines)
    try:
        assert _until(lambda: UNIT_NAME in _fetch(running.url("/units/rugao-pension/"))), "".join(lines)
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)
        reader.join(timeout=10)


def test_the_temporary_names_are_those_editors_use() -> None:
    assert all(editor_temporary(name) for name in TEMPORARY)
    for kept in ("unit.csv", "budget.csv", "datapackage.json", "narrative", "a-4913.md", "swp.csv", "4913.csv"):
        assert not editor_temporary(kept), kept


def test_swap_file_churn_costs_no_traceback_and_no_rebuild_and_an_edit_rebuilds(preview: Preview) -> None:
    """An editor creating and deleting its files as fast as it can; then a save with the swap file still there."""
    folders = [preview.package, preview.package.parent, preview.data]
    status_before = json.loads(_fetch(preview.url("/__jixiao__/status")))
    for _ in range(1500):  # a few seconds: longer than any polling interval, as an editing session is
        for folder in folders:
            for name in TEMPORARY:
                (folder / name).write_bytes(b"b0VIM 9.0\0")
        for folder in folders:
            for name in TEMPORARY:
                (folder / name).unlink()
    assert json.loads(_fetch(preview.url("/__jixiao__/status"))) == status_before
    (preview.package / ".unit.csv.swp").write_bytes(b"b0VIM 9.0\0")  # the file stays open in vim
    (preview.package / "~$unit.csv").write_bytes(b"owner")  # and in Excel
    unit_csv = preview.package / "unit.csv"
    unit_csv.write_text(unit_csv.read_text(encoding="utf-8").replace(UNIT_NAME, "改名测试处"), encoding="utf-8")
    assert _until(lambda: "改名测试处" in _fetch(preview.url("/units/rugao-pension/"))), "".join(preview.stderr)

    def status() -> dict:
        return json.loads(_fetch(preview.url("/__jixiao__/status")))

    assert _until(lambda: status()["version"] > status_before["version"])  # the site is swapped in, then counted
    status_after = status()
    assert status_after["error"] == "", status_after["error"]
    assert status_after["version"] == status_before["version"] + 1, "the churn started a rebuild of its own"
    log = "".join(preview.stderr)
    assert "Traceback" not in log and "E-UNLISTED" not in log, log
    assert log.count("检测到文件变化") == 1, log


def test_the_watcher_passes_a_save_and_not_the_swap_files_before_it(tmp_path: Path) -> None:
    """Churn first, then one real save: the first batch of changes is the save alone."""
    package = tmp_path / "data" / "unit" / "2024"
    package.mkdir(parents=True)
    watcher = Watcher([tmp_path / "data"])
    watcher.start()
    try:
        for _ in range(200):
            for name in TEMPORARY:
                (package / name).write_bytes(b"x")
                (package / name).unlink()
        (package / "unit.csv").write_text("unit_id,name\n", encoding="utf-8")
        changed = watcher.wait()
    finally:
        watcher.close()
    assert {Path(path).name for path in changed} == {"unit.csv"}


def _status(port: int, host: str | None) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/", skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_requests_for_this_preview_are_answered(preview: Preview) -> None:
    port = preview.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert _status(port, host) == 200, host
    for host in ("evil.example", f"evil.example:{port}", f"127.0.0.1.evil.example:{port}", "127.0.0.1:1", "", None):
        assert _status(port, host) == 403, host


def _raw(port: int, request: bytes, reset: bool = False) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(request)
        if reset:  # close with RST instead of FIN: the server's write meets a reset connection
            linger = struct.pack("hh" if os.name == "nt" else "ii", 1, 0)  # Windows' struct linger has two shorts
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            return b""
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
        return answer


def test_malformed_requests_and_resets_print_no_traceback(preview: Preview) -> None:
    port = preview.port
    for request in (b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n"):
        answer = _raw(port, request)
        # an HTTP/0.9-style line gets the error page without a status line, as http.server answers it
        assert any(code in answer for code in (b"400", b"414", b"505")), answer[:200]
    host = f"Host: 127.0.0.1:{port}\r\n".encode()
    for _ in range(20):
        _raw(port, b"GET /units/rugao-pension/ HTTP/1.1\r\n" + host + b"\r\n", reset=True)
        _raw(port, b"GET /units/rugao-pension/ HTTP/1.1\r\n" + host, reset=True)  # reset mid-request
    assert UNIT_NAME in _fetch(preview.url("/units/rugao-pension/")) or "改名测试处" in _fetch(
        preview.url("/units/rugao-pension/")
    )
    log = "".join(preview.stderr)
    assert "Traceback" not in log and "Exception" not in log, log
