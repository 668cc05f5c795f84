#!/usr/bin/env python3
"""Output size: build N synthetic units and say what the site is made of.

    python bench/output_size.py --units 100                 # generate, build, measure (temporary folders)
    python bench/output_size.py --site _site                # measure a site already built
    python bench/output_size.py --units 100 --json bench/out/size-100.json
    python bench/output_size.py --units 100 --compare bench/out/size-100.json   # before → after

GitHub Pages publishes at most 1 GB, so the figure that matters is the apparent size
(the bytes of every file), printed by top-level folder and by kind of file (what a
file is for: an evaluation page, a chart's CSV, a package's zip, an API document …),
with file counts.  ``tar`` is the size of the archive that actions/upload-pages-artifact
uploads (a 512-byte header per file, each file padded to 512 bytes), which is where
many small files cost.  ``--extrapolate`` scales every folder but the fixed ones
(``FIXED``: assets and three single pages) linearly to another number of units.  The files
a size rule governs (``jixiao.db`` above ``all_years_max_mb``, ``jixiao.xlsx`` above
``all_years_xlsx_max_mb``, a year's table CSV above ``year_csv_max_mb``, at the settings'
defaults) are scaled on their own and left out of the projection where the scaled file is
above its cap, as the build would withhold it; the projection names them.

Synthetic data comes from ``make_data.py`` (3 years, 1 department + 5 projects per
unit, seed 1) into a temporary folder, and the build runs with a cold cache of its own
(the Vega bundle is copied from the repository's .jixiao-cache when there).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MB = 1_000_000

KINDS: tuple[tuple[str, str], ...] = (
    (r"^units/[^/]+/index\.html$", "unit page"),
    (r"^units/[^/]+/\d{4}/index\.html$", "package page"),
    (r"^units/[^/]+/\d{4}/[^/]+/index\.html$", "project page"),
    (r"^units/.*\.csv$", "chart CSV"),
    (r"^units/.*\.json$", "chart data"),
    (r"^downloads/.*\.zip$", "package zip"),
    (r"^downloads/.*/datapackage\.json$", "package datapackage.json"),
    (r"^downloads/.*\.csv$", "package CSV"),
    (r"^downloads/.*\.md$", "package Markdown"),
    (r"^api/units/", "API unit"),
    (r"^api/evaluations/", "API evaluation"),
    (r"^api/", "API index"),
    (r"^datasets/", "datasets *{ext}"),
    (r"^pagefind/slices/", "pagefind slices"),
    (r"^pagefind/", "pagefind main"),
    (r"^assets/", "assets"),
    (r"\.html$", "shared pages"),
)
"""The first pattern a site path matches names its kind; ``{ext}`` is the file's extension."""


def kind_of(path: str) -> str:
    for pattern, name in KINDS:
        if re.search(pattern, path):
            return name.replace("{ext}", path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "")
    return "other"


def measure(site: Path) -> dict[str, object]:
    """Bytes and files of a built site, by top-level folder and by kind."""
    folders: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    total = [0, 0]
    capped: dict[str, int] = {}
    tar = 1024  # the two zero blocks that end a tar
    for directory, _, names in os.walk(site):
        relative = os.path.relpath(directory, site)
        tar += 512 if relative != "." else 0  # a directory is a header of its own
        for name in names:
            path = os.path.normpath(os.path.join(relative, name)).replace(os.sep, "/")
            size = os.path.getsize(os.path.join(directory, name))
            top = path.split("/", 1)[0] if "/" in path else "(top)"
            for bucket in (folders[top], kinds[kind_of(path)], total):
                bucket[0] += size
                bucket[1] += 1
            tar += 512 + -(-size // 512) * 512
            if _cap_of(path):
                capped[path] = size
    return {
        "bytes": total[0],
        "files": total[1],
        "tar": tar,
        "folders": dict(folders),
        "kinds": dict(kinds),
        "capped": capped,
    }


def units_in(site: Path) -> int:
    folder = site / "units"
    return sum(1 for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else 0


FIXED = ("assets", "about", "search", "query")
"""Folders that do not grow with the number of units; every other one is scaled linearly (the listings,
regions, comparison, search slices and catalogue grow with the units as well: at 1,000 units round 4
measured 1,375 MB, and scaling only units, downloads, api and datasets from 200 units gave 1,174 MB)."""


CAPPED = {"datasets/jixiao.db": "all_years_max_mb", "datasets/jixiao.xlsx": "all_years_xlsx_max_mb"}
"""The all-years files a size setting withholds (jixiao/opendata/dataset_docs.all_years_limit); besides
these, each year's plain table CSV (``datasets/<year>/<table>.csv``, ``year_csv_max_mb``)."""
YEAR_CSV = re.compile(r"^datasets/\d{4}/\w+\.csv$")


def _cap_of(path: str) -> str:
    """The setting that may withhold this file ("" for none)."""
    return CAPPED.get(path) or ("year_csv_max_mb" if YEAR_CSV.match(path) else "")


def cap(path: str) -> int:
    """A capped file's limit in bytes at the settings' defaults (the smaller cap wins for the workbook)."""
    sys.path.insert(0, str(ROOT))
    from jixiao.config import Site
    from jixiao.opendata.dataset_docs import all_years_limit

    if path in CAPPED:
        return all_years_limit(Site(), path)[0]
    return Site().year_csv_max_mb * MB


def extrapolate(result: dict[str, object], units: int) -> dict[str, object]:
    """Linear in the unit folders; a capped file scaled on its own and dropped when above its cap."""
    scale = units / max(1, int(result["units"]))
    folders = result["folders"]
    size = sum(b * (1 if f in FIXED else scale) for f, (b, _) in folders.items())
    files = sum(n * (1 if f in FIXED else scale) for f, (_, n) in folders.items())
    withheld = {}
    for path, measured in result.get("capped", {}).items():
        if measured * scale > cap(path):
            withheld[path] = int(measured * scale)
            size, files = size - measured * scale, files - 1
    return {"bytes": int(size), "files": int(files), "withheld": withheld}


def _table(title: str, rows: dict[str, list[int]], before: dict[str, list[int]] | None) -> list[str]:
    lines = [f"\n{title}", f"{'':28} {'MB':>9} {'files':>8}" + (f" {'before MB':>10} {'files':>8}" if before else "")]
    for name in sorted(set(rows) | set(before or {}), key=lambda n: -(rows.get(n) or (before or {})[n])[0]):
        size, count = rows.get(name, [0, 0])
        line = f"{name:28} {size / MB:9.2f} {count:8,}"
        if before is not None:
            old = before.get(name, [0, 0])
            line += f" {old[0] / MB:10.2f} {old[1]:8,}"
        lines.append(line)
    return lines


def report(result: dict[str, object], before: dict[str, object] | None, targets: list[int]) -> str:
    lines = [
        f"site: {result['site']}  units: {result['units']}",
        f"total {result['bytes'] / MB:,.2f} MB in {result['files']:,} files (tar {result['tar'] / MB:,.2f} MB)",
    ]
    if before:
        lines.append(
            f"before {before['bytes'] / MB:,.2f} MB in {before['files']:,} files (tar {before['tar'] / MB:,.2f} MB)"
        )
    lines += _table("by top-level folder", result["folders"], before and before["folders"])
    lines += _table("by kind", result["kinds"], before and before["kinds"])
    for units in targets:
        guess = extrapolate(result, units)
        lines.append(f"\nat {units:,} units (linear in all but {', '.join(FIXED)}): {guess['bytes'] / MB:,.0f} MB")
        lines[-1] += f" in {guess['files']:,} files"
        for path, size in guess["withheld"].items():
            lines.append(f"  without {path} (~{size / MB:,.0f} MB, above {_cap_of(path)} = {cap(path) // MB} MB)")
    return "\n".join(lines)


def build_site(units: int, work: Path, jobs: int, seed: int) -> tuple[Path, float]:
    """Synthetic data for ``units`` units and a clean build of it, both under ``work``."""
    data = work / "data"
    make = [sys.executable, str(BENCH / "make_data.py"), "--units", str(units), "--seed", str(seed)]
    subprocess.run([*make, "--out", str(data), "--jobs", str(jobs)], check=True, stdout=subprocess.DEVNULL)
    for name in ("templates", "site_src"):  # copies: a portal folder's symlinks are refused (E-SYMLINK)
        shutil.copytree(ROOT / name, work / name)
    (work / ".jixiao-cache").mkdir()
    site = work / "site"
    command = [sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--out", str(site)]
    started = time.perf_counter()
    subprocess.run([*command, "--quiet", "--jobs", str(jobs)], cwd=work, check=True, stdout=subprocess.DEVNULL)
    return site, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="jixiao 输出体积：按顶层文件夹与文件种类统计")
    parser.add_argument("--units", type=int, default=100, help="合成单位数（默认 100）")
    parser.add_argument("--site", type=Path, help="只统计这个已构建的站点，不生成、不构建")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="生成与构建的进程数")
    parser.add_argument("--seed", type=int, default=1, help="合成数据的随机种子")
    parser.add_argument("--keep", type=Path, help="把构建结果移到此文件夹（默认删除）")
    parser.add_argument("--json", type=Path, help="把结果写成 JSON（供 --compare）")
    parser.add_argument("--compare", type=Path, help="与先前 --json 保存的结果并列")
    parser.add_argument("--extrapolate", default="1000", help="按单位数线性外推，逗号分隔（默认 1000；空则不推）")
    args = parser.parse_args(argv)
    seconds = None
    before = json.loads(args.compare.read_text("utf-8")) if args.compare else None
    with tempfile.TemporaryDirectory(prefix="jixiao-size-") as folder:
        if args.site:
            site = args.site
        else:
            site, seconds = build_site(args.units, Path(folder), args.jobs, args.seed)
        result = {"site": str(args.site or f"{args.units} synthetic units"), "units": units_in(site), **measure(site)}
        if seconds is not None:
            result["build_seconds"] = round(seconds, 1)
        # reported before the temporary folder goes (removing 300,000 files takes minutes)
        print(report(result, before, [int(n) for n in args.extrapolate.split(",") if n.strip()]), flush=True)
        if seconds is not None:
            print(f"\nbuild {seconds:.1f} s", flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
        if args.keep and not args.site:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.move(site, args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
