"""Lighthouse scores for each page type of the site built from data/, mobile and desktop presets.

    npm ci --prefix bench --ignore-scripts && python bench/lighthouse.py [--runs 3] [--audits] [--check]

Builds the site under /jixiao/ into a temporary folder, serves it on 127.0.0.1 and runs
npm's lighthouse (bench/node_modules/, from bench/package.json: the tests do not install
it) in Chromium for the first page of every page
type (pages are discovered in the build, so new ones are measured unasked).  Prints a
Markdown table of performance, accessibility, best-practices and SEO; with --runs N each
score is the median of N runs.  --audits lists the audits that cost points; --check
exits 1 when a target is missed (accessibility 100, SEO 100, best practices ≥ 96,
performance ≥ 95 on mobile).  Too slow for pytest (about 15 s a run).  The browser is the
tests' one (tests/browsers.py: JIXIAO_CHROMIUM, else chromium, chromium-browser,
google-chrome on PATH).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # test equipment
from browsers import find_browser  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js"
BASE = "/jixiao/"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TEXT = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
}
TARGETS = {  # (preset, category) → lowest acceptable score; None: any preset
    (None, "accessibility"): 100,
    (None, "seo"): 100,
    (None, "best-practices"): 96,
    ("mobile", "performance"): 95,
}


class Handler(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them: text gzipped, a missing path gets 404.html."""

    not_found_page = b""
    compressed: dict[str, bytes] = {}

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass

    def do_GET(self):  # noqa: N802 - name of the base class's method
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file() or path.suffix not in TEXT or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        key = str(path)
        if key not in self.compressed:
            self.compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.compressed[key]
        self.send_response(200)
        self.send_header("Content-Type", TEXT[path.suffix])
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code, message=None, explain=None):
        if code != 404 or not self.not_found_page:
            super().send_error(code, message, explain)
            return
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.not_found_page)))
        self.end_headers()
        self.wfile.write(self.not_found_page)


def build(site: Path) -> None:
    command = [sys.executable, "build.py", "build", "--out", str(site), "--base-url", BASE, "--quiet"]
    subprocess.run(command, cwd=REPO, check=True)


def page_types(site: Path) -> dict[str, str]:
    """Page type (units/*/* for units/rugao-sif/2024/) → the first page of that type; 404.html left out."""
    types: dict[str, str] = {}
    for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")):
        parts = path.removesuffix("index.html").strip("/").split("/")
        if path == "404.html":
            continue
        kind = "home" if parts == [""] else "/".join(parts[:1] + ["*"] * (len(parts) - 1))
        types.setdefault(kind, path.removesuffix("index.html"))
    return types


def lighthouse(url: str, preset: str, browser: Path) -> dict:
    """One lighthouse run; the parsed JSON report."""
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(browser)}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url} ({preset}): {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def lost_points(report: dict) -> list[str]:
    """The audits that cost points, per category."""
    lost = []
    for name in CATEGORIES:
        category = report["categories"][name]
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                lost.append(f"{name}: {ref['id']} ({audit['score']:.2f}) {audit['title']} {value}".rstrip())
    return lost


def versions(browser: Path) -> str:
    lighthouse_version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]
    chromium = subprocess.run([str(browser), "--version"], capture_output=True, text=True).stdout.strip()
    chromium = re.sub(r"\s+built on.*", "", chromium)
    node = subprocess.check_output(["node", "--version"], text=True).strip()
    return f"lighthouse {lighthouse_version}, {chromium}, node {node}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        names = [line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")]
        cpu = names[0].split(":", 1)[1].strip() if names else cpu
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu})"


def missed(preset: str, scores: dict[str, int]) -> list[str]:
    return [
        f"{category} {scores[category]} < {floor} ({preset})"
        for (wanted, category), floor in TARGETS.items()
        if wanted in (None, preset) and scores[category] < floor
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page and preset; the median is reported")
    parser.add_argument("--audits", action="store_true", help="list the audits that cost points")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--only", nargs="*", default=None, help="page types to measure (default: all)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        parser.error("bench/node_modules/lighthouse is missing: run npm ci --prefix bench --ignore-scripts")
    browser, reason = find_browser()
    if browser is None:
        parser.error(reason)

    with tempfile.TemporaryDirectory(prefix="jixiao-lighthouse-") as tmp:
        site = Path(tmp) / "root" / BASE.strip("/")
        build(site)
        handler = type("H", (Handler,), {"not_found_page": (site / "404.html").read_bytes()})
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site.parent)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        root = f"http://127.0.0.1:{httpd.server_port}{BASE}"
        print(f"{datetime.now(UTC):%Y-%m-%d} · {machine()} · {versions(browser)} · median of {args.runs} run(s)\n")
        print("| page type | page | preset | performance | accessibility | best practices | SEO |")
        print("| --- | --- | --- | ---: | ---: | ---: | ---: |")
        failures: list[str] = []
        try:
            for kind, path in page_types(site).items():
                if args.only and kind not in args.only:
                    continue
                for preset in ("mobile", "desktop"):
                    reports = [lighthouse(root + path, preset, browser) for _ in range(args.runs)]
                    scores = {
                        name: round(100 * statistics.median(r["categories"][name]["score"] or 0 for r in reports))
                        for name in CATEGORIES
                    }
                    row = " | ".join(str(scores[name]) for name in CATEGORIES)
                    print(f"| {kind} | `{path or '/'}` | {preset} | {row} |", flush=True)
                    failures += [f"{path or '/'}: {m}" for m in missed(preset, scores)]
                    if args.audits:
                        for line in sorted({lost for r in reports for lost in lost_points(r)}):
                            print(f"|   | | {preset} | {line} | | | |", flush=True)
        finally:
            httpd.shutdown()
            httpd.server_close()
    if failures:
        print("\nTargets missed:\n" + "\n".join(failures))
    return 1 if failures and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
