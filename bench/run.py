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
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SOURCE = ROOT
"""The tree whose build.py, templates/, site_src/ and data/ are measured (a snapshot with --commit)."""
OUT = BENCH / "out"
WORK = OUT / "work"
MIB = 1024 * 1024
YEARS, PROJECTS = 3, 5
PACKAGES_REPORTED = (
    "jinja2",
    "markdown-it-py",
    "altair",
    "frictionless",
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


def _role(pid: int) -> str:
    """What a process of the build is: the builder, a unit worker, pagefind, or another helper."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            words = handle.read().split(b"\0")
    except OSError:
        return "gone"
    text = b" ".join(words).decode(errors="replace")
    if "resource_tracker" in text:
        return "resource tracker"
    if "multiprocessing" in text:
        return "worker"
    if "pagefind" in text:
        return "pagefind"
    if "build.py" in text:
        return "builder"
    return os.path.basename(words[0].decode(errors="replace")) if words and words[0] else "other"


def tree_memory(root: int) -> dict[int, int]:
    """pid → resident bytes, for a process and all its descendants."""
    parents = _process_table()
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found, stack, page = {}, [root], os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                found[pid] = int(handle.read().split()[1]) * page
        except OSError:
            pass
        stack += children.get(pid, [])
    return found


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants."""
    return sum(tree_memory(root).values())


class MemorySampler(threading.Thread):
    """Polls the process tree's RSS until stopped; keeps the peak, who held it, and stops a runaway build."""

    def __init__(self, pid: int, limit: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.limit, self.interval = pid, limit, interval
        self.peak, self.peak_by_role = 0, ""
        self.exceeded = False
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            memory = tree_memory(self.pid)
            total = sum(memory.values())
            if total > self.peak:
                roles: dict[str, int] = {}
                for pid, size in memory.items():
                    role = _role(pid)
                    roles[role] = roles.get(role, 0) + size
                self.peak = total
                self.peak_by_role = ", ".join(f"{role} {size / MIB:,.0f}" for role, size in sorted(roles.items()))
            if self.limit and total > self.limit and not self.exceeded:
                self.exceeded = True
                _stop(self.pid)
            self.done.wait(self.interval)


def _stop(pid: int) -> None:
    """End a build we started, with its workers (it runs in its own session, so its group is ours)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@dataclass
class Run:
    """One subprocess: wall seconds, exit code, peak RSS of its tree, its --stats and stderr."""

    wall: float
    returncode: int
    peak: int
    stats: dict | None
    stderr: str
    peak_by_role: str = ""
    """MiB per kind of process at the moment of the peak."""
    stopped: str = ""
    """Why run.py stopped the build (memory or time limit), if it did."""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.stopped


LIMITS = {"memory": 12 * 1024 * MIB, "seconds": 1800.0}
"""A build past these is stopped: on a shared 24 GiB machine a runaway build would take others down."""


def run_measured(command: list[str], cwd: Path, stats: Path | None = None) -> Run:
    log = WORK / "stderr.log"
    if stats is not None:
        stats.unlink(missing_ok=True)
    with open(log, "wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        sampler = MemorySampler(process.pid, int(LIMITS["memory"]))
        sampler.start()
        stopped = ""
        try:
            returncode = process.wait(timeout=LIMITS["seconds"] or None)
        except subprocess.TimeoutExpired:
            _stop(process.pid)
            returncode = process.wait()
            stopped = f"stopped after {LIMITS['seconds']:.0f} s"
        wall = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    if sampler.exceeded:
        stopped = f"stopped at {sampler.peak / MIB:,.0f} MiB (limit {LIMITS['memory'] / MIB:,.0f} MiB)"
    data = None
    if stats is not None and stats.is_file() and not stopped:
        data = json.loads(stats.read_text("utf-8"))
    text = log.read_text("utf-8", errors="replace")
    return Run(wall, returncode, sampler.peak, data, text, sampler.peak_by_role, stopped)


def build(data: Path, out: Path, jobs: int, stats: Path) -> Run:
    """``build.py build`` with --stats; without it if this build.py does not know the flag yet."""
    command = [sys.executable, str(SOURCE / "build.py"), "--data", str(data), "build", "--out", str(out), "--quiet"]
    command += ["--jobs", str(jobs)]
    run = run_measured([*command, "--stats", str(stats)], WORK, stats)
    if run.returncode == 2 and "--stats" in run.stderr:
        run = run_measured(command, WORK)
    if not run.ok and not run.stopped:
        tail = "\n".join(run.stderr.splitlines()[-15:])
        print(f"构建失败（退出码 {run.returncode}）：{' '.join(command)}\n{tail}", file=sys.stderr, flush=True)
        last = run.stderr.strip().splitlines()[-1:] or [""]
        run.stopped = f"failed with exit code {run.returncode}: {last[0][:200]}"
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
        if link.is_symlink() and link.resolve() != (SOURCE / name).resolve():
            link.unlink()
        if not link.is_symlink():
            link.symlink_to(SOURCE / name, target_is_directory=True)
    cache = WORK / ".jixiao-cache"
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir()


def snapshot(ref: str) -> Path:
    """The committed tree at ``ref``, extracted beside the outputs; the repository is not touched."""
    sha = subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT, check=True, capture_output=True, text=True)
    target = OUT / f"snapshot-{sha.stdout.strip()}"
    if not (target / "build.py").is_file():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def real_data() -> Path:
    """A copy of data/, so the one-change rebuild never touches the real packages."""
    copy = OUT / "real" / "data"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(SOURCE / "data", copy)
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
    files: int = 0
    bytes: int = 0
    floor_one: float = 0.0
    floor_jobs: float = 0.0
    changed: Run | None = None
    unchanged: Run | None = None
    validate: Run | None = None
    load: tuple[float, float] = (0.0, 0.0)
    """1-minute load average before and after the clean build: other work on the machine skews figures."""
    hugo_pages: int = 0
    hugo_wall: float = 0.0
    """Hugo on an equivalent page set (``hugo_build``), same run, same machine; 0 when hugo is not installed."""

    @property
    def hugo_ratio(self) -> float | None:
        """jixiao's pages/s ÷ Hugo's (≥ 1 means jixiao is as fast)."""
        if not (self.hugo_wall and self.pages_per_second):
            return None
        return self.pages_per_second / (self.hugo_pages / self.hugo_wall)

    @property
    def pages(self) -> int:
        return int((self.clean.stats or {}).get("pages", 0))

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.clean.wall if self.clean.wall and self.clean.ok else 0.0

    @property
    def floor(self) -> float:
        return min(self.floor_one, self.floor_jobs)

    @property
    def ratio(self) -> float | None:
        return self.clean.wall / self.floor if self.floor and self.clean.ok else None


def bench_set(label: str, data: Path, generation: float | None, jobs: int, validate: bool, keep: bool) -> Result:
    site = OUT / f"site-{label}"
    stats = WORK / f"stats-{label}.json"
    shutil.rmtree(site, ignore_errors=True)
    prepare_work()
    result = Result(
        label,
        sum(1 for p in data.iterdir() if p.is_dir()),
        sum(1 for _ in data.glob("*/*/datapackage.json")),
        generation,
        None,
    )
    print(f"[{label}] 全新构建 …", flush=True)
    load_before = os.getloadavg()[0]
    result.clean = build(data, site, jobs, stats)
    result.load = (load_before, os.getloadavg()[0])
    if result.clean.ok:
        files = site_files(site)
        result.files, result.bytes = len(files), sum(size for _, size in files)
        print(f"[{label}] 写入下限 …", flush=True)
        result.floor_one = write_floor(files, 1)
        result.floor_jobs = write_floor(files, jobs) if jobs > 1 else result.floor_one
        del files
        if shutil.which("hugo"):
            print(f"[{label}] Hugo：{result.pages:,} 个同类页面 …", flush=True)
            result.hugo_pages, result.hugo_wall = result.pages, hugo_build(result.pages)
        print(f"[{label}] 无变化重建 …", flush=True)
        result.unchanged = build(data, site, jobs, stats)
        print(f"[{label}] 改动一个数据包后重建 …", flush=True)
        path, original = edit_one_package(data)
        try:
            result.changed = build(data, site, jobs, stats)
        finally:
            path.write_bytes(original)
    if validate:
        print(f"[{label}] build.py validate …", flush=True)
        command = [sys.executable, str(SOURCE / "build.py"), "--data", str(data), "validate"]
        result.validate = run_measured(command, WORK)
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
    for leftover in OUT.glob(f".site-{label}.*"):  # staging of a build run.py stopped (it cannot clean up)
        shutil.rmtree(leftover, ignore_errors=True)
    return result


HUGO_LAYOUT = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header><nav><a href="{{ "/" | relURL }}">首页</a>
</nav></header><main><h1>{{ .Title }}</h1>{{ .Content }}</main><footer>jixiao</footer></body></html>"""


def hugo_build(pages: int, target: Path = OUT / "hugo") -> float:
    """Wall seconds for Hugo (Debian's package) to render ``pages`` pages like an evaluation page.

    Each page has a title, facts, a 40-row table of Chinese indicator text and figures and
    three narrative paragraphs, from Markdown through one template: what a user would build
    with Hugo instead.  Content is written first and not timed; Hugo uses every core.
    """
    shutil.rmtree(target, ignore_errors=True)
    (target / "layouts" / "_default").mkdir(parents=True)
    (target / "layouts" / "_default" / "single.html").write_text(HUGO_LAYOUT, "utf-8")
    (target / "layouts" / "_default" / "list.html").write_text(HUGO_LAYOUT, "utf-8")
    (target / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
        "utf-8",
    )
    content = target / "content" / "p"
    content.mkdir(parents=True)
    rows = "\n".join(
        f"| 产出指标 | 数量指标 | 覆盖人数{i} | ≥{90 + i % 10}% | {95 + i % 5}% "
        f"| {i % 7 + 1}.5 | {i % 7 + 1}.2 | 按期完成 |"
        for i in range(40)
    )
    for n in range(pages):
        (content / f"{n:06d}.md").write_text(
            f'---\ntitle: "项目 {n} 绩效自评"\n---\n\n- 年度：2023\n- 单位：单位 {n}\n- 总得分：{n % 100}\n\n'
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 | 实际完成值 | 分值 | 得分 | 说明 |\n"
            f"| --- | --- | --- | --- | --- | ---: | ---: | --- |\n{rows}\n\n"
            + "项目资金严格按照有关规定使用，专款专用，年度目标基本完成。\n\n"
            * 3,
            "utf-8",
        )
    started = time.perf_counter()
    subprocess.run(["hugo", "--quiet", "--source", str(target), "--destination", str(target / "public")], check=True)
    wall = time.perf_counter() - started
    shutil.rmtree(target, ignore_errors=True)
    return wall


# --------------------------------------------------------------------------- report


def seconds(run: Run | None) -> str:
    if run is None:
        return "—"
    if run.stopped.startswith("failed"):
        return f"{run.stopped} (after {run.wall:.0f} s)"
    return f"> {run.wall:.0f} s ({run.stopped})" if run.stopped else f"{run.wall:.2f} s"


@dataclass(frozen=True)
class Target:
    name: str
    verdict: str
    """met / not met / not measured"""
    detail: str


TARGETS = (
    "1,000 units, clean build, cold cache: ≤ 60 s, peak memory ≤ 2 GB",
    "5,000 units, clean build: finishes, ≤ 5 min, peak ≤ 2 GB",
    "one package edited, 1,000 units: ≤ 10 s end to end",
    "no change: ≤ 1 s including Python start",
    "output size at 1,000 units: ≤ 1 GB (GitHub Pages)",
    "pages/s against Hugo on an equivalent page set: ≥ 1×",
)


def targets(results: dict[str, Result]) -> list[Target]:
    """The targets of issue 14, each met, not met or not measured (a target never measured is said so)."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "not met"

    def peak(run: Run) -> str:
        return f"peak {run.peak / 1e9:.2f} GB"

    synthetic = [r for label, r in results.items() if label != "real"]
    mid, big = results.get("1000"), results.get("5000")
    found: dict[str, Target] = {}
    name = TARGETS[0]
    if mid:
        ok = mid.clean.ok and mid.clean.wall <= 60 and mid.clean.peak <= 2e9
        found[name] = Target(name, verdict(ok), f"{seconds(mid.clean)}, {peak(mid.clean)}")
    name = TARGETS[1]
    if big:
        ok = big.clean.ok and big.clean.wall <= 300 and big.clean.peak <= 2e9
        found[name] = Target(name, verdict(ok), f"{seconds(big.clean)}, {peak(big.clean)}")
    name = TARGETS[2]
    if mid and mid.changed:
        found[name] = Target(name, verdict(mid.changed.ok and mid.changed.wall <= 10), seconds(mid.changed))
    measured = [r for r in synthetic if r.unchanged]
    name = TARGETS[3]
    if measured:
        top = max(measured, key=lambda r: r.units)
        ok = top.unchanged.ok and top.unchanged.wall <= 1
        found[name] = Target(name, verdict(ok), f"{seconds(top.unchanged)} at {top.units:,} units")
    name = TARGETS[4]
    if mid and mid.files:
        found[name] = Target(name, verdict(mid.bytes <= 1e9), f"{mid.bytes / 1e9:.2f} GB in {mid.files:,} files")
    name = TARGETS[5]
    compared = [r for r in synthetic if r.hugo_ratio is not None]
    if compared:
        top = max(compared, key=lambda r: r.units)
        detail = (
            f"{top.hugo_ratio:.2f}× at {top.units:,} units: jixiao {top.pages_per_second:,.0f} pages/s, "
            f"Hugo {top.hugo_pages / top.hugo_wall:,.0f} pages/s ({top.hugo_pages:,} pages in {top.hugo_wall:.1f} s)"
        )
        found[name] = Target(name, verdict(top.hugo_ratio >= 1), detail)
    return [found.get(n) or Target(n, "not measured", "") for n in TARGETS]


def stage_lines(result: Result) -> list[str]:
    stats = result.clean.stats or {}
    lines = []
    stages = stats.get("stages") or {}
    if stages:
        lines.append("  main process: " + ", ".join(f"{name} {value:.2f}s" for name, value in stages.items()))
    workers = stats.get("worker_stages") or {}
    if workers:
        shown = sorted(workers.items(), key=lambda item: -item[1])
        lines.append("  unit workers (summed): " + ", ".join(f"{name} {value:.2f}s" for name, value in shown))
    if not stages:
        lines.append("  (no --stats from this build: total wall time only)")
    return lines


def text_report(results: dict[str, Result], with_targets: bool = True) -> str:
    lines = []
    for r in results.values():
        clean = r.clean
        gen = f", generated in {r.generation:.1f} s" if r.generation is not None else ""
        lines += [
            f"== {r.label}: {r.units:,} units, {r.packages:,} packages{gen}",
            f"  clean build {seconds(clean)}, {r.pages:,} pages, {r.pages_per_second:,.0f} pages/s, "
            f"peak memory {clean.peak / MIB:,.0f} MiB ({clean.peak_by_role}); "
            f"load average {r.load[0]:.1f} → {r.load[1]:.1f}",
        ]
        if r.files:
            ratio = f"{r.ratio:.1f}×" if r.ratio else "—"
            lines.append(
                f"  output {r.files:,} files, {r.bytes / MIB:,.1f} MiB; write floor {r.floor_one:.2f} s (1 process), "
                f"{r.floor_jobs:.2f} s (--jobs processes); build / floor {ratio}"
            )
        lines += stage_lines(r)
        if r.changed:
            reused = (r.changed.stats or {}).get("reused", "?")
            lines.append(f"  rebuild after one change {seconds(r.changed)} ({reused} units reused)")
        if r.unchanged:
            lines.append(f"  no-change rebuild {seconds(r.unchanged)}")
        if r.validate:
            tail = r.validate.stderr.strip().splitlines()[-1:] or [""]
            lines.append(f"  build.py validate {seconds(r.validate)}: {tail[0]}")
    if with_targets:
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


def markdown(results: dict[str, Result], command: str, commit: str) -> str:
    info = machine()
    rows = [
        "| set | units | packages | pages | files | output | clean build | pages/s | peak memory | write floor "
        "(1 / --jobs procs) | build ÷ floor | one-change rebuild | no-change rebuild | Hugo pages/s (jixiao ÷ Hugo) "
        "| load avg |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results.values():
        floor = f"{r.floor_one:.2f} / {r.floor_jobs:.2f} s" if r.files else "—"
        ratio = f"{r.ratio:.1f}×" if r.ratio else "—"
        hugo = f"{r.hugo_pages / r.hugo_wall:,.0f} ({r.hugo_ratio:.2f}×)" if r.hugo_ratio else "—"
        rows.append(
            f"| {r.label} | {r.units:,} | {r.packages:,} | {r.pages:,} | {r.files:,} | {r.bytes / MIB:,.0f} MiB "
            f"| {seconds(r.clean)} | {r.pages_per_second:,.0f} | {r.clean.peak / MIB:,.0f} MiB | {floor} | {ratio} "
            f"| {seconds(r.changed)} | {seconds(r.unchanged)} | {hugo} | {r.load[0]:.1f} → {r.load[1]:.1f} |"
        )
    stages = ["", "### Stages of the clean builds (seconds, from `--stats`)", ""]
    for r in results.values():
        stages += [f"**{r.label}** (peak memory by process, MiB: {r.clean.peak_by_role or '—'})", ""]
        stages += [f"- {line.strip()}" for line in stage_lines(r)]
        if r.changed and r.changed.stats:
            stages.append(f"- one-change rebuild: {r.changed.stats.get('reused', '?')} units reused")
        stages.append("")
    verdicts = ["| target | verdict | measured |", "| --- | --- | --- |"]
    verdicts += [f"| {t.name} | **{t.verdict}** | {t.detail} |" for t in targets(results)]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Produced by `{command}` at commit {commit}. Synthetic sets: "
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


NOTES = "\n## Notes"


def write_report(path: Path, text: str) -> None:
    """Write the figures; a hand-written "## Notes" section already in the file is kept."""
    old = path.read_text("utf-8") if path.is_file() else ""
    kept = old[old.index(NOTES) :] if NOTES in old else ""
    path.write_text(text.rstrip("\n") + "\n" + kept, "utf-8")


def load_results(path: Path) -> dict[str, Result]:
    """Results saved with --json, to write the report again without rebuilding."""
    results = {}
    for label, data in json.loads(path.read_text("utf-8")).items():
        if label.startswith("_"):
            continue
        runs = {k: Run(**v) if isinstance(v, dict) else None for k, v in data.items() if k in RUN_FIELDS}
        plain = {k: v for k, v in data.items() if k not in RUN_FIELDS and k != "load"}
        results[label] = Result(**plain, **runs, load=tuple(data["load"]))
    return results


RUN_FIELDS = ("clean", "changed", "unchanged", "validate")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="jixiao 构建基准测试")
    parser.add_argument(
        "--sizes", default="real,100,1000,5000", help="逗号分隔：real 与合成单位数（默认 real,100,1000,5000）"
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="构建与写入下限的进程数（默认 CPU 核数）")
    parser.add_argument("--seed", type=int, default=1, help="合成数据的随机种子")
    parser.add_argument(
        "--validate",
        default="",
        metavar="SIZES",
        help="对这些数据集另外计时 build.py validate（串行，较慢），如 real,100",
    )
    parser.add_argument("--keep", action="store_true", help="保留 bench/out/site-* 构建结果")
    parser.add_argument("--report", type=Path, help="把结果写成 Markdown（如 bench/RESULTS.md）")
    parser.add_argument("--json", type=Path, help="把原始结果写成 JSON")
    parser.add_argument(
        "--commit", help="测量某个提交（git archive 到 bench/out/ 的快照），而非工作区：他人同时修改代码时结果才稳定"
    )
    parser.add_argument(
        "--memory-limit", type=float, default=12, help="进程树内存超过此值（GiB）即停止构建（默认 12；0 不限）"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="单次构建超过此秒数即停止（默认 1800；0 不限）")
    parser.add_argument("--from-json", type=Path, help="不运行，只把 --json 保存的结果重新写成报告")
    args = parser.parse_args(argv)
    if args.from_json:
        results = load_results(args.from_json)
        print(text_report(results))
        if args.report:
            write_report(args.report, markdown(results, *json.loads(args.from_json.read_text("utf-8"))["_run"]))
        return 0
    LIMITS["memory"], LIMITS["seconds"] = args.memory_limit * 1024 * MIB, args.timeout
    if args.commit:
        global SOURCE
        SOURCE = snapshot(args.commit)
        args.commit = SOURCE.name.removeprefix("snapshot-")
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
        validate = label in args.validate.split(",")
        results[label] = bench_set(label, data, generation, args.jobs, validate, args.keep)
        print(text_report({label: results[label]}, with_targets=False), flush=True)
    print(text_report(results))
    if args.commit:
        commit = f"`{args.commit}` (a `git archive` snapshot, so edits in the working tree do not skew the run)"
    else:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
        commit = f"`{head.stdout.strip()}`" + (" plus uncommitted changes in the working tree" if dirty.strip() else "")
    command_line = " ".join(["python bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    if args.report:
        write_report(args.report, markdown(results, command_line, commit))
    if args.json:
        raw: dict[str, object] = {"_run": [command_line, commit]}
        raw |= {
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
