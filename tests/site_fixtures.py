"""Helpers for the static-site tests: build the portal, read packages, parse HTML.

Imported explicitly by tests/test_site.py and tests/test_browser.py.  No new
dependencies: HTML is parsed with the standard library's html.parser into a tiny tree.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import posixpath
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ["JIXIAO_DATA"]).resolve() if os.environ.get("JIXIAO_DATA") else REPO / "data"
"""The packages the data-driven tests run on: data/, or JIXIAO_DATA (e.g. data/ plus the layout fixtures)."""
SOURCES = DATA.parent / "sources"
"""The source texts beside the data folder (sources/ in the repository)."""
BOM = b"\xef\xbb\xbf"

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --------------------------------------------------------------------------- building


def build_site(out_dir: Path, data_dir: Path = DATA, base_url: str = "/", full: bool = False, **options) -> Path:
    """Build the portal with the real pipeline into out_dir (run from the repo root).

    ``full`` renders every unit even if the previous build in out_dir could be reused;
    other keyword arguments go to Config (e.g. jobs, shard, merge).
    """
    from jixiao.assemble.pipeline import build
    from jixiao.config import Config

    config = Config(
        data_dir=Path(data_dir).resolve(),
        out_dir=Path(out_dir).resolve(),
        base_url=base_url,
        quiet=True,
        templates_dir=REPO / "templates",
        assets_dir=REPO / "site_src",
        incremental=not full,
        **options,
    )
    with contextlib.chdir(REPO):  # the validation and Vega caches live in .jixiao-cache/ under the cwd
        build(config)
    return Path(out_dir)


def build_in_another_process(out_dir: Path, hash_seed: str) -> Path:
    """``python build.py build`` of the real data in a fresh process with its own hash seed (for determinism)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env["PYTHONHASHSEED"] = hash_seed
    result = subprocess.run(
        [sys.executable, "build.py", "--data", str(DATA), "build", "--out", str(out_dir), "--quiet"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out_dir


_BUILT: dict[tuple[int, str], Path] = {}


def shared_site(tmp_path_factory, base_url: str = "/") -> Path:
    """The real data built once per session and base URL; "/jixiao/" sites live in <tmp>/root/jixiao."""
    key = (id(tmp_path_factory), base_url)
    if key not in _BUILT:
        if base_url == "/":
            out = tmp_path_factory.mktemp("site") / "site"
        else:
            out = tmp_path_factory.mktemp("subpath") / "root" / base_url.strip("/")
        _BUILT[key] = build_site(out, base_url=base_url)
    return _BUILT[key]


def copy_data(target: Path) -> Path:
    """A writable copy of data/ to break or poison."""
    shutil.copytree(DATA, target)
    return target


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under root as POSIX relative path → bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- packages


@dataclass(frozen=True)
class PackageDir:
    unit_id: str
    year: int
    path: Path

    @property
    def package_id(self) -> str:
        return f"{self.unit_id}-{self.year}"


def packages(data_dir: Path = DATA) -> list[PackageDir]:
    return [
        PackageDir(p.parent.parent.name, int(p.parent.name), p.parent)
        for p in sorted(data_dir.glob("*/*/datapackage.json"))
    ]


def wan(line: dict[str, str], column: str) -> str:
    """A budget.csv amount in 万元, as text: 元 figures ÷ 10000 (exact), 万元 figures as published; "" if empty."""
    from decimal import Decimal

    text = line.get(column, "")
    if not text or line.get("amount_unit") != "元":
        return text
    return format(Decimal(text) / 10000, "f")


def shows_published(text: str, line: dict[str, str] | None, column: str) -> bool:
    """Whether a page's cell ``text`` shows a budget.csv amount as the pages promise: a 万元 figure with its
    printed digits (thousands separators allowed), a 元 figure's printed digits after 原表 … 元 (beside its
    万元 value), figures of unknown column as printed and marked 所属列不明, an absent one as —."""
    bare = text.replace(",", "")
    if line is None:
        return text == "—"
    if column in line.get("ambiguous_columns", "").split():
        return "所属列不明" in text and all(figure in bare for figure in line["ambiguous_amounts"].split())
    printed = line.get(column, "")
    if not printed:
        return text == "—"
    if line.get("amount_unit") == "元":
        return f"（原表 {printed} 元）" in bare
    return bare == printed


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def evaluation_path(package: PackageDir, evaluation: dict[str, str], all_evaluations: list[dict[str, str]]) -> str:
    """Where an evaluation is published: the main one (department, else report) on the package page,
    every other one on its own page."""
    base = f"units/{package.unit_id}/{package.year}"
    main = next((e for kind in ("department", "report") for e in all_evaluations if e["kind"] == kind), None)
    if main is not None and evaluation["evaluation_id"] == main["evaluation_id"]:
        return f"{base}/index.html"
    return f"{base}/{evaluation['evaluation_id']}/index.html"


# --------------------------------------------------------------------------- HTML


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list, repr=False)
    parent: Node | None = field(default=None, repr=False)

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag) and all(node.attrs.get(k) == v for k, v in wanted.items())
        ]

    def find(self, tag: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def by_id(self, element_id: str) -> Node | None:
        return self.find(None, id=element_id)

    def raw_text(self) -> str:
        return "".join(child if isinstance(child, str) else child.raw_text() for child in self.children)

    def text(self) -> str:
        """Text content with runs of whitespace collapsed."""
        return " ".join(self.raw_text().split())

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), parent=self.stack[-1]))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def html_pages(root: Path, moved: bool = True) -> dict[str, str]:
    """Every HTML file of a built site: relative path → text (``moved=False``: without the pages at old
    addresses that send the browser on, which a browser test cannot hold still)."""
    pages = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.html"))}
    return pages if moved else {path: text for path, text in pages.items() if not is_moved(text)}


def is_moved(text: str) -> bool:
    """A page at an old address (templates/moved.html): it sends the browser on at once."""
    return '<meta http-equiv="refresh"' in text


def link_attributes(document: Node) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) for every href and src in a document."""
    return [
        (node.tag, name, value)
        for node in document.iter()
        for name, value in node.attrs.items()
        if name in ("href", "src") and value is not None
    ]


def is_external(url: str) -> bool:
    """A link with a scheme (http:, https:, data:, mailto:) or protocol-relative."""
    head = url.split("#", 1)[0].split("?", 1)[0]
    return url.startswith("//") or (":" in head and "/" not in head.split(":", 1)[0])


def resolve(page: str, url: str, base_url: str = "/") -> tuple[str, str]:
    """(site path of the target file, fragment) for a link printed on page; folders mean index.html."""
    target, _, fragment = url.partition("#")
    target = target.split("?", 1)[0]
    if target == "":
        return page, fragment
    if target.startswith("/"):
        if not target.startswith(base_url):
            raise ValueError(f"{url} is outside the base URL {base_url}")
        joined = target[len(base_url) :]
    else:
        joined = posixpath.join(posixpath.dirname(page), target)
    normal = posixpath.normpath(joined) if joined else "."
    if normal.startswith(".."):
        raise ValueError(f"{url} on {page} leaves the site")
    if target.endswith("/") or normal == ".":
        normal = posixpath.join(normal, "index.html")
    return posixpath.normpath(normal), fragment


def chart_specs(document: Node) -> dict[str, dict]:
    """chart-view element id → its Vega-Lite spec (via data-spec; a row chart's compact form expanded)."""
    import json

    from jixiao.site import charts

    specs = {}
    for view in document.find_all("div"):
        if "chart-view" not in view.classes():
            continue
        script = document.by_id(view.attrs["data-spec"] or "")
        assert script is not None and script.tag == "script", f"no spec script for chart {view.attrs.get('id')}"
        assert script.attrs.get("type") == "application/json"
        specs[view.attrs["id"]] = charts.expand(json.loads(script.raw_text()))
    return specs
