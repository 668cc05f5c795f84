"""Pagefind's service mode: a small client for the protocol of its official Python and Node wrappers.

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
import io
import json
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

INSTALL_HINT = "请安装扩展版：pip install 'pagefind[extended]'（普通版 pagefind 不能为中文分词）"
TIMEOUT_SECONDS = 900


class SearchIndexError(Exception):
    """The search index could not be built (binary missing or pagefind failed)."""


class Service:
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
        # Both pipes exist (PIPE was asked for); stdout is a BufferedReader, whose read1 returns what has arrived.
        self.stdin = cast(IO[bytes], self.process.stdin)
        self.stdout = cast(io.BufferedReader, self.process.stdout)
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
                self.stdin.write(message)
            self.stdin.flush()
        except (OSError, ValueError):
            pass  # the process died; _answer reports it with its stderr

    def _answer(self, answer_type: str) -> dict:
        """Read answers in order until one of ``answer_type``; an error answer fails the build."""
        searched = 0
        while True:
            end = self.buffer.find(b",", searched)
            while end < 0:
                searched = len(self.buffer)
                chunk = self.stdout.read1(1 << 20)
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
            self.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
