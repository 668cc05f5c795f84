"""The 查询 page at scale: bytes transferred and time to the first result of each example query.

    python bench/query.py --units 1000            # make_data.py's set, built under /jixiao/ in bench/out/
    python bench/query.py --site PATH/jixiao      # a site already built under /jixiao/
    python bench/query.py --site PATH/jixiao --runs 3

For every example of jixiao/site/query.py, in a fresh browser context (cold cache) the
bench opens ``query/?sql=<example>`` (the example's permalink) and waits for the result
table: the time covers the page, the database download, sql.js starting in its worker and
the query (above the page's 50 MiB threshold, with the second click on 运行 it asks for).
The server counts every byte it sends, so worker requests (sql-wasm.wasm) are included.
Then, on that same page, the example runs again (database in memory, worker started): the
wall time, and the query's own time as the page reports it (用时, 0.01 s).  The peer, run
in the same process: Python's sqlite3 opening the same file and running the same query.
GitHub Pages serves ``.db`` files uncompressed, so the database's bytes are its size; the
gzip size shows what a compressing server would send.
The browser is the tests' one (tests/browsers.py).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import re
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # test equipment
from browsers import find_browser  # noqa: E402

from jixiao.site.query import EXAMPLES

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
BASE = "/jixiao/"
DONE = (
    "() => !document.getElementById('query-run').disabled && document.getElementById('query-status').textContent"
    " && !document.getElementById('query-status').textContent.startsWith('正在')"
)


class CountingHandler(SimpleHTTPRequestHandler):
    """Static files; every body byte sent is added to ``sent`` under its path."""

    sent: dict[str, int] = {}

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def copyfile(self, source, outputfile):
        path = self.path.split("?", 1)[0]
        while chunk := source.read(1 << 16):
            outputfile.write(chunk)
            self.sent[path] = self.sent.get(path, 0) + len(chunk)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(CountingHandler, directory=str(site.parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_port}{BASE}"


def build(units: int) -> Path:
    """make_data.py's set of ``units`` units (3 years), built under /jixiao/ in bench/out/query-<units>/."""
    data = BENCH / "out" / f"units-{units}"
    if not data.is_dir():
        subprocess.run([sys.executable, str(BENCH / "make_data.py"), "--units", str(units)], check=True)
    site = BENCH / "out" / f"query-{units}" / "root" / "jixiao"
    command = [sys.executable, "build.py", "--data", str(data), "build", "--out", str(site), "--base-url", BASE]
    subprocess.run([*command, "--quiet"], cwd=REPO, check=True)
    return site


def sqlite_seconds(database: Path, sql: str) -> tuple[float, int]:
    started = time.perf_counter()
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        rows = db.execute(sql).fetchall()
    return time.perf_counter() - started, len(rows)


def measure(site: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    executable, reason = find_browser()
    if executable is None:
        sys.exit(reason)
    database = site / "datasets" / "jixiao.db"
    httpd, url = serve(site)
    results = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(executable), args=["--no-sandbox"])
            for example in EXAMPLES:
                cold, warm, inside, transferred = [], [], [], []
                for _ in range(runs):
                    CountingHandler.sent.clear()
                    context = browser.new_context()
                    page = context.new_page()
                    started = time.perf_counter()
                    page.goto(url + "query/" + example.permalink)
                    page.wait_for_selector("#query-result, #query-status.warning", timeout=600_000)
                    if page.locator("#query-status.warning").count():  # above data-large: the reader's 2nd click
                        page.locator("#query-run").click()
                        page.wait_for_selector("#query-result", timeout=600_000)
                    page.wait_for_function(DONE, timeout=600_000)
                    cold.append(time.perf_counter() - started)
                    transferred.append(dict(CountingHandler.sent))
                    status = page.locator("#query-status").inner_text()
                    if not status.startswith("共"):
                        sys.exit(f"{example.slug}: {status}")
                    started = time.perf_counter()
                    page.locator("#query-run").click()
                    page.wait_for_function(DONE, timeout=600_000)
                    warm.append(time.perf_counter() - started)
                    spent = re.search(r"用时 ([0-9.]+) 秒", page.locator("#query-status").inner_text())
                    inside.append(float(spent[1]) if spent else float("nan"))
                    context.close()
                peer, rows = min(sqlite_seconds(database, example.sql) for _ in range(runs))
                sent = transferred[0]
                results.append(
                    {
                        "example": example.slug,
                        "rows": rows,
                        "bytes": sum(sent.values()),
                        "database_bytes": sent.get(f"{BASE}datasets/jixiao.db", 0),
                        "cold": statistics.median(cold),
                        "warm": statistics.median(warm),
                        "worker": statistics.median(inside),
                        "sqlite3": peer,
                    }
                )
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--site", type=Path, help="a site built under /jixiao/ (its folder is named jixiao)")
    where.add_argument("--units", type=int, help="build make_data.py's set of this many units first")
    parser.add_argument("--runs", type=int, default=1, help="runs per example (median; default 1)")
    args = parser.parse_args(argv)
    site = args.site.resolve() if args.site else build(args.units)
    database = site / "datasets" / "jixiao.db"
    size = database.stat().st_size
    packed = len(gzip.compress(database.read_bytes(), compresslevel=6, mtime=0))
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        units, evaluations = db.execute("SELECT COUNT(DISTINCT unit_id), COUNT(*) FROM evaluations").fetchone()
    print(
        f"{site}: {units} units, {evaluations} evaluations; jixiao.db {size:,} bytes ({size / 2**20:.1f} MiB), "
        f"gzip -6 {packed:,} bytes ({packed / size:.0%})"
    )
    print()
    print(
        "| example | rows | bytes sent (all files) | of which jixiao.db | first result, cold (s) | "
        "again, in memory (s) | of which in the worker (s) | sqlite3 (s) | cold ÷ sqlite3 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in measure(site, args.runs):
        cells = (
            r["example"],
            f"{r['rows']:,}",
            f"{r['bytes']:,}",
            f"{r['database_bytes']:,}",
            f"{r['cold']:.2f}",
            f"{r['warm']:.2f}",
            f"{r['worker']:.2f}",
            f"{r['sqlite3']:.4f}",
            f"{r['cold'] / r['sqlite3']:.0f}×",
        )
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
