#!/usr/bin/env python3
"""Benchmark: build the real data and synthetic sets, and say where the time goes.

    python bench/run.py                          # real data, 100, 1,000 and 5,000 units
    python bench/run.py --sizes real,100 --jobs 2
    python bench/run.py --report bench/RESULTS.md

For each set it runs ``build.py build`` as a subprocess with a cold cache and a fresh
output folder, and prints the wall time split by stage (from ``--stats``), pages per
second, the peak memory of the whole process tree (RSS summed over the builder and its
workers, sampled from /proc), the output size, and the *write floor*: the time to write
the same number of files of the same sizes into a fresh folder, which no build can
beat.  It then times a rebuild after changing one narrative file of one package, and
a rebuild with nothing changed.  Synthetic sets come from ``make_data.py`` (3 years,
1 department + 5 projects per unit) and are kept in bench/out/ between runs.

Builds run in bench/out/work/, which links templates/ and site_src/ and has its own
.jixiao-cache, so a cold build really is cold and the repository's cache is left alone.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
WORK = OUT / "work"
MIB = 1024 * 1024
YEARS, PROJECTS = 3, 5
PACKAGES_REPORTED = (
    "jinja2",
    "markdown-it-py",
    "altair",
    "frictionless",
    "vl-convert-python",
    "pandas",
    "pypinyin",
    "pagefind",
    "rich",
    "openpyxl",
)


# ------------------------------------------------------------------------- measuring


def _process_table() -> dict[int, int]:
    """pid → parent pid for every process (this kernel has no /proc/PID/task/TID/children)."""
    parents = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants."""
    parents = _process_table()
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, stack, page = 0, [root], os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * page
        except OSError:
            pass
        stack += children.get(pid, [])
    return total


class MemorySampler(threading.Thread):
    """Polls the process tree's RSS until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(self.interval)


@dataclass
class Run:
    """One subprocess: wall seconds, exit code, peak RSS of its tree, its --stats and stderr."""

    wall: float
    returncode: int
    peak: int
    stats: dict | None
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(command: list[str], cwd: Path, stats: Path | None = None) -> Run:
    log = WORK / "stderr.log"
    if stats is not None:
        stats.unlink(missing_ok=True)
    with open(log, "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        sampler = MemorySampler(process.pid)
        sampler.start()
        returncode = process.wait()
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    data = None
    if stats is not None and stats.is_file():
        data = json.loads(stats.read_text("utf-8"))
    return Run(wall, returncode, sampler.peak, data, log.read_text("utf-8", errors="replace"))


def build(data: Path, out: Path, jobs: int, stats: Path) -> Run:
    """``build.py build`` with --stats; without it if this build.py does not know the flag yet."""
    command = [sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--out", str(out), "--quiet"]
    command += ["--jobs", str(jobs)]
    run = run_measured([*command, "--stats", str(stats)], WORK, stats)
    if run.returncode == 2 and "--stats" in run.stderr:
        run = run_measured(command, WORK)
    if not run.ok:
        tail = "\n".join(run.stderr.splitlines()[-15:])
        raise SystemExit(f"构建失败（退出码 {run.returncode}）：{' '.join(command)}\n{tail}")
    return run


# --------------------------------------------------------------------------- floor


def _write_chunk(job: tuple[str, list[tuple[str, int]], int]) -> None:
    root, files, largest = job
    buffer = memoryview(bytes(largest))
    made: set[str] = set()
    for relative, size in files:
        directory = os.path.dirname(relative)
        if directory not in made:
            os.makedirs(os.path.join(root, directory), exist_ok=True)
            made.add(directory)
        with open(os.path.join(root, relative), "wb") as handle:
            handle.write(buffer[:size])


def site_files(site: Path) -> list[tuple[str, int]]:
    """(relative path, size) of every file of a built site, in walk order."""
    files = []
    for directory, _, names in os.walk(site):
        relative = os.path.relpath(directory, site)
        for name in names:
            path = os.path.join(directory, name)
            files.append((os.path.normpath(os.path.join(relative, name)), os.path.getsize(path)))
    return files


def write_floor(files: list[tuple[str, int]], processes: int, target: Path = OUT / "floor") -> float:
    """Seconds to write files of these sizes into a fresh folder with ``processes`` writers."""
    shutil.rmtree(target, ignore_errors=True)
    largest = max((size for _, size in files), default=0)
    chunks = [files[i::processes] for i in range(processes)] if processes > 1 else [files]
    jobs = [(str(target), chunk, largest) for chunk in chunks]
    started = time.perf_counter()
    if processes > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            pool.map(_write_chunk, jobs)
    else:
        _write_chunk(jobs[0])
    seconds = time.perf_counter() - started
    shutil.rmtree(target, ignore_errors=True)
    return seconds


# ----------------------------------------------------------------------------- sets


def prepare_work() -> None:
    """A build folder of our own: templates/ and site_src/ linked, a cold .jixiao-cache."""
    WORK.mkdir(parents=True, exist_ok=True)
    for name in ("templates", "site_src"):
        link = WORK / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name, target_is_directory=True)
    cache = WORK / ".jixiao-cache"
    bundles = sorted(cache.glob("vega-bundle-*.js")) or sorted((ROOT / ".jixiao-cache").glob("vega-bundle-*.js"))
    kept = {path.name: path.read_bytes() for path in bundles}
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir()
    for name, data in kept.items():  # built once by vl-convert (minutes), not part of a build's cost
        (cache / name).write_bytes(data)


def real_data() -> Path:
    """A copy of data/, so the one-change rebuild never touches the real packages."""
    copy = OUT / "real" / "data"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(ROOT / "data", copy)
    return copy


def synthetic_data(units: int, seed: int, jobs: int) -> tuple[Path, float | None]:
    """bench/out/units-N, generated unless a set from the same generator and arguments is there."""
    sys.path.insert(0, str(BENCH))
    import make_data

    data = OUT / f"units-{units}"
    wanted = {
        "units": units,
        "years": YEARS,
        "projects": PROJECTS,
        "seed": seed,
        "generator": make_data.generator_digest(),
    }
    try:
        manifest = json.loads((data / make_data.MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        manifest = {}
    if all(manifest.get(key) == value for key, value in wanted.items()):
        return data, None
    command = [sys.executable, str(BENCH / "make_data.py"), "--units", str(units), "--years", str(YEARS)]
    command += ["--projects", str(PROJECTS), "--seed", str(seed), "--out", str(data), "--force", "--jobs", str(jobs)]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return data, time.perf_counter() - started


def edit_one_package(data: Path) -> tuple[Path, bytes]:
    """Append a sentence to one narrative file of the first unit's last year; returns what to restore."""
    unit = sorted(p for p in data.iterdir() if p.is_dir())[0]
    package = sorted(p for p in unit.iterdir() if p.is_dir())[-1]
    path = sorted((package / "narrative").glob("*.md"))[0]
    original = path.read_bytes()
    path.write_bytes(original + "\n（基准测试修改：补充说明一句。）\n".encode())
    return path, original


# ---------------------------------------------------------------------------- bench


@dataclass
class Result:
    label: str
    units: int
    packages: int
    generation: float | None
    clean: Run
    files: int
    bytes: int
    floor_one: float
    floor_jobs: float
    changed: Run | None = None
    unchanged: Run | None = None
    validate: Run | None = None
    load: tuple[float, float] = (0.0, 0.0)
    """1-minute load average before and after the clean build: other work on the machine skews figures."""

    @property
    def pages(self) -> int:
        return int((self.clean.stats or {}).get("pages", 0))

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.clean.wall if self.clean.wall else 0.0

    @property
    def floor(self) -> float:
        return min(self.floor_one, self.floor_jobs)


def bench_set(label: str, data: Path, generation: float | None, jobs: int, validate: bool, keep: bool) -> Result:
    site = OUT / f"site-{label}"
    stats = WORK / f"stats-{label}.json"
    shutil.rmtree(site, ignore_errors=True)
    prepare_work()
    print(f"[{label}] 全新构建 …", flush=True)
    load_before = os.getloadavg()[0]
    clean = build(data, site, jobs, stats)
    load = (load_before, os.getloadavg()[0])
    files = site_files(site)
    print(f"[{label}] 写入下限 …", flush=True)
    floor_one = write_floor(files, 1)
    floor_jobs = write_floor(files, jobs) if jobs > 1 else floor_one
    print(f"[{label}] 无变化重建 …", flush=True)
    unchanged = build(data, site, jobs, stats)
    print(f"[{label}] 改动一个数据包后重建 …", flush=True)
    path, original = edit_one_package(data)
    try:
        changed = build(data, site, jobs, stats)
    finally:
        path.write_bytes(original)
    checked = None
    if validate:
        print(f"[{label}] build.py validate …", flush=True)
        command = [sys.executable, str(ROOT / "build.py"), "--data", str(data), "validate"]
        checked = run_measured(command, WORK)
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
    packages = sum(1 for _ in data.glob("*/*/datapackage.json"))
    units = sum(1 for p in data.iterdir() if p.is_dir())
    return Result(
        label,
        units,
        packages,
        generation,
        clean,
        len(files),
        sum(size for _, size in files),
        floor_one,
        floor_jobs,
        changed,
        unchanged,
        checked,
        load,
    )


# --------------------------------------------------------------------------- report


@dataclass(frozen=True)
class Target:
    name: str
    verdict: str
    """met / not met / not measured"""
    detail: str


def targets(results: dict[str, Result]) -> list[Target]:
    def verdict(ok: bool) -> str:
        return "met" if ok else "not met"

    synthetic = [r for label, r in results.items() if label != "real"]
    largest = max(synthetic, key=lambda r: r.units, default=None)
    found = []
    real = results.get("real")
    found.append(
        Target("real data builds in < 3 s end to end", verdict(real.clean.wall < 3), f"{real.clean.wall:.2f} s")
        if real
        else Target("real data builds in < 3 s end to end", "not measured", "")
    )
    big = results.get("5000")
    if big:
        ok = big.clean.wall < 120 and big.clean.peak < 2e9
        detail = f"{big.clean.wall:.1f} s, {big.pages:,} pages, peak {big.clean.peak / 1e9:.2f} GB"
        found.append(Target("5,000 units in < 120 s, peak memory < 2 GB", verdict(ok), detail))
    else:
        found.append(Target("5,000 units in < 120 s, peak memory < 2 GB", "not measured", ""))
    if largest:
        found.append(
            Target(
                "≥ 1,000 pages/s on 2 cores",
                verdict(largest.pages_per_second >= 1000),
                f"{largest.pages_per_second:,.0f} pages/s at {largest.units:,} units",
            )
        )
    else:
        found.append(Target("≥ 1,000 pages/s on 2 cores", "not measured", ""))
    mid = results.get("1000")
    if mid and mid.changed:
        found.append(
            Target(
                "rebuild after one change < 5 s at 1,000 units",
                verdict(mid.changed.wall < 5),
                f"{mid.changed.wall:.2f} s",
            )
        )
    else:
        found.append(Target("rebuild after one change < 5 s at 1,000 units", "not measured", ""))
    if largest and largest.unchanged:
        found.append(
            Target(
                "no-change rebuild near zero (< 1 s, process start included)",
                verdict(largest.unchanged.wall < 1),
                f"{largest.unchanged.wall:.2f} s at {largest.units:,} units",
            )
        )
    else:
        found.append(Target("no-change rebuild near zero", "not measured", ""))
    if largest:
        ratio = largest.clean.wall / largest.floor if largest.floor else float("inf")
        found.append(
            Target(
                "build within 2× of the write floor",
                verdict(ratio <= 2),
                f"{ratio:.1f}× ({largest.clean.wall:.1f} s vs floor {largest.floor:.1f} s at {largest.units:,} units)",
            )
        )
    return found


def stage_lines(result: Result) -> list[str]:
    stats = result.clean.stats or {}
    lines = []
    stages = stats.get("stages") or {}
    if stages:
        lines.append("  main process: " + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in stages.items()))
    workers = stats.get("worker_stages") or {}
    if workers:
        shown = sorted(workers.items(), key=lambda item: -item[1])
        lines.append("  unit workers (summed): " + ", ".join(f"{name} {seconds:.2f}s" for name, seconds in shown))
    if not stages:
        lines.append("  (no --stats from this build.py: total wall time only)")
    return lines


def text_report(results: dict[str, Result]) -> str:
    lines = []
    for result in results.values():
        clean = result.clean
        gen = f", generated in {result.generation:.1f} s" if result.generation is not None else ""
        lines += [
            f"== {result.label}: {result.units:,} units, {result.packages:,} packages{gen}",
            f"  clean build {clean.wall:.2f} s, {result.pages:,} pages, {result.pages_per_second:,.0f} pages/s, "
            f"peak memory {clean.peak / MIB:,.0f} MiB; load average {result.load[0]:.1f} → {result.load[1]:.1f}",
            f"  output {result.files:,} files, {result.bytes / MIB:,.1f} MiB; write floor {result.floor_one:.2f} s "
            f"(1 process), {result.floor_jobs:.2f} s (--jobs processes); "
            f"build / floor {clean.wall / result.floor:.1f}×",
            *stage_lines(result),
        ]
        if result.changed:
            reused = (result.changed.stats or {}).get("reused", "?")
            lines.append(f"  rebuild after one change {result.changed.wall:.2f} s ({reused} units reused)")
        if result.unchanged:
            lines.append(f"  no-change rebuild {result.unchanged.wall:.2f} s")
        if result.validate:
            tail = result.validate.stderr.strip().splitlines()[-1:] or [""]
            lines.append(f"  build.py validate {result.validate.wall:.1f} s: {tail[0]}")
    lines.append("== targets")
    lines += [f"  [{t.verdict}] {t.name}: {t.detail}" for t in targets(results)]
    return "\n".join(lines)


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")), "")
    memory = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), "0")
    versions = {}
    for name in PACKAGES_REPORTED:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = "not installed"
    return {
        "cpu": cpu,
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": f"{int(memory) / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def markdown(results: dict[str, Result], jobs: int, commit: str) -> str:
    info = machine()
    rows = [
        "| set | units | packages | pages | files | output | clean build | pages/s | peak memory | write floor "
        "(1 / --jobs procs) | build ÷ floor | one-change rebuild | no-change rebuild | load avg |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results.values():
        changed = f"{r.changed.wall:.2f} s" if r.changed else "—"
        unchanged = f"{r.unchanged.wall:.2f} s" if r.unchanged else "—"
        rows.append(
            f"| {r.label} | {r.units:,} | {r.packages:,} | {r.pages:,} | {r.files:,} | {r.bytes / MIB:,.0f} MiB "
            f"| {r.clean.wall:.2f} s | {r.pages_per_second:,.0f} | {r.clean.peak / MIB:,.0f} MiB "
            f"| {r.floor_one:.2f} / {r.floor_jobs:.2f} s | {r.clean.wall / r.floor:.1f}× | {changed} | {unchanged} "
            f"| {r.load[0]:.1f} → {r.load[1]:.1f} |"
        )
    stages = ["", "### Stages of the clean builds (seconds, from `--stats`)", ""]
    for r in results.values():
        stages += [f"**{r.label}**", "", *[line.strip() for line in stage_lines(r)], ""]
    verdicts = ["| target | verdict | measured |", "| --- | --- | --- |"]
    verdicts += [f"| {t.name} | **{t.verdict}** | {t.detail} |" for t in targets(results)]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Produced by `python bench/run.py --jobs {jobs}` at commit {commit}. Synthetic sets: "
            f"`bench/make_data.py`, {YEARS} years × (1 department + {PROJECTS} projects) per unit.",
            "",
            "## Machine",
            "",
            f"- CPU: {info['cpu']}, {info['cores']} cores available; memory {info['memory']}; Linux {info['kernel']}",
            f"- Python {info['python']}; {info['packages']}",
            "",
            "## Figures",
            "",
            *rows,
            *stages,
            "## Targets",
            "",
            *verdicts,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="jixiao 构建基准测试")
    parser.add_argument(
        "--sizes", default="real,100,1000,5000", help="逗号分隔：real 与合成单位数（默认 real,100,1000,5000）"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="构建与写入下限的进程数（默认 CPU 核数）")
    parser.add_argument("--seed", type=int, default=1, help="合成数据的随机种子")
    parser.add_argument("--validate", action="store_true", help="另外计时 build.py validate（串行，较慢）")
    parser.add_argument("--keep", action="store_true", help="保留 bench/out/site-* 构建结果")
    parser.add_argument("--report", type=Path, help="把结果写成 Markdown（如 bench/RESULTS.md）")
    parser.add_argument("--json", type=Path, help="把原始结果写成 JSON")
    args = parser.parse_args(argv)
    labels = [label.strip() for label in args.sizes.split(",") if label.strip()]
    for label in labels:
        if label != "real" and not label.isdigit():
            parser.error(f"--sizes 只能包含 real 和正整数，收到 {label!r}")
    results: dict[str, Result] = {}
    for label in labels:
        if label == "real":
            data, generation = real_data(), None
        else:
            print(f"[{label}] 准备合成数据 …", flush=True)
            data, generation = synthetic_data(int(label), args.seed, args.jobs)
        results[label] = bench_set(label, data, generation, args.jobs, args.validate, args.keep)
        print(text_report({label: results[label]}).split("== targets")[0], flush=True)
    print(text_report(results))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    commit = commit.strip() + (" (plus uncommitted changes in the working tree)" if dirty.strip() else "")
    if args.report:
        args.report.write_text(markdown(results, args.jobs, commit), "utf-8")
    if args.json:
        raw = {
            label: {
                **{k: v for k, v in r.__dict__.items() if not isinstance(v, Run)},
                **{k: v.__dict__ for k, v in r.__dict__.items() if isinstance(v, Run)},
            }
            for label, r in results.items()
        }
        args.json.write_text(json.dumps(raw, ensure_ascii=False, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
