#!/usr/bin/env python3
"""Benchmark: jixiao against the stack a user would pick instead, and where the time goes.

    python bench/run.py                                  # 200 and 1,000 synthetic units, 3 runs each
    python bench/run.py --units 200 --repeat 1           # a quick look
    python bench/run.py --units 5000 --repeat 1 --simulate-shards 5000 --shards 8
    python bench/run.py --units 200,1000 --commit HEAD --json bench/out/r.json --report bench/RESULTS.md

For each set it runs ``build.py build`` as a subprocess with a cold cache and a fresh output
folder ``--repeat`` times and keeps the median (wall time, and that build's ``--stats``).
In the same run it builds the same number of equivalent pages with Hugo (Debian's
package) and then indexes Hugo's output with Pagefind (extended, the binary jixiao itself
runs), ``--repeat`` times each, and prints jixiao's pages/s against Hugo + Pagefind (the
fair peer) and against Hugo alone.  It prints the peak memory of the whole process tree
(RSS summed over the builder, its workers and pagefind, sampled from /proc), the output
size, and a per-page cost breakdown by stage (validate, model, render, minify, write,
index, datasets) beside the floor each is compared with: reading and splitting the data
files, Jinja2 rendering an empty page, writing the same bytes, Pagefind's CLI over the
same text jixiao feeds it.  It then times rebuilds after one narrative edit and with
nothing changed (``--repeat`` each, median), and with ``--simulate-shards`` builds every
shard of ``shards.yml`` one after another and the merge, and projects the wall time on
n runners.  A verdict line per target of issue 28 ends the output.

Synthetic sets come from ``make_data.py`` (3 years, 1 department + 5 projects per unit)
and are kept in bench/out/ between runs.  Builds run in bench/out/work/, which links
templates/ and site_src/ and has its own .jixiao-cache, so a cold build really is cold
and the repository's cache is left alone.  The machine's load average is printed beside
each set: on a shared machine it is part of the figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
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


def edit_one_package(data: Path, attempt: int = 0) -> tuple[Path, bytes]:
    """Append a sentence to one narrative file of the first unit's last year; returns what to restore.

    ``attempt`` varies the sentence, so each repeated edit is a change the previous build has not seen.
    """
    unit = sorted(p for p in data.iterdir() if p.is_dir())[0]
    package = sorted(p for p in unit.iterdir() if p.is_dir())[-1]
    path = sorted((package / "narrative").glob("*.md"))[0]
    original = path.read_bytes()
    path.write_bytes(original + f"\n（基准测试修改第 {attempt + 1} 次：补充说明一句。）\n".encode())
    return path, original


# ---------------------------------------------------------------------------- peers

HUGO_LAYOUT = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head><body><header><nav><a href="{{ "/" | relURL }}">首页</a>
</nav></header><main><h1>{{ .Title }}</h1>{{ .Content }}</main><footer>jixiao</footer></body></html>"""


def hugo_site(pages: int, target: Path = OUT / "hugo") -> Path:
    """A Hugo site of ``pages`` pages like an evaluation page (written here, never timed).

    Each page has a title, facts, a 40-row table of Chinese indicator text and figures and
    three narrative paragraphs, from Markdown through one template: what a user would build
    with Hugo instead.
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
    return target


def pagefind_cli() -> list[str]:
    """The extended pagefind executable jixiao runs (the Python dependency), as a command."""
    from pagefind_bin_extended import get_executable

    return [str(get_executable())]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def peers(pages: int, repeat: int) -> tuple[list[float], list[float]]:
    """Hugo's wall seconds and Pagefind's over Hugo's output, ``repeat`` times, for ``pages`` pages.

    What a team would run instead of jixiao: ``hugo`` (every core), then ``pagefind --site
    public`` (extended, every core) over the whole of each page, as Pagefind's own docs set it up.
    """
    site = hugo_site(pages)
    public = site / "public"
    hugo, pagefind = [], []
    try:
        for _ in range(repeat):
            shutil.rmtree(public, ignore_errors=True)
            hugo.append(timed(["hugo", "--quiet", "--source", str(site), "--destination", str(public)]))
            pagefind.append(timed([*pagefind_cli(), "--site", str(public)]))
    finally:
        shutil.rmtree(site, ignore_errors=True)
    return hugo, pagefind


# --------------------------------------------------------------------------- floors


def jinja_floor(samples: int = 20000) -> float:
    """Seconds per page for Jinja2 to render an empty page from a compiled template (no work at all)."""
    import jinja2

    template = jinja2.Environment(autoescape=True).from_string("")
    started = time.perf_counter()
    for _ in range(samples):
        template.render()
    return (time.perf_counter() - started) / samples


def minify_cost(site: Path, limit: int = 3000) -> float:
    """Seconds per page that ``squeeze`` (the whitespace pass over every rendered page) costs.

    Measured again on written pages (up to ``limit``, evenly spread): squeezing a squeezed page
    scans the same characters, so it is the pass's cost, a little under what it was on the way in.
    """
    from jixiao.site.render import squeeze

    pages = sorted(site.rglob("*.html"))
    pages = pages[:: max(1, len(pages) // limit)]
    texts = [p.read_text("utf-8") for p in pages]
    started = time.perf_counter()
    for text in texts:
        squeeze(text)
    return (time.perf_counter() - started) / max(1, len(texts))


def parse_floor(data: Path) -> float:
    """Seconds to read every CSV and Markdown file of a data set and split the CSVs into rows (no checks)."""
    started = time.perf_counter()
    for path in data.rglob("*"):
        if path.suffix == ".csv":
            with open(path, encoding="utf-8", newline="") as handle:
                for _ in csv.reader(handle):
                    pass
        elif path.suffix in (".md", ".json"):
            path.read_bytes()
    return time.perf_counter() - started


def index_floor(site: Path, target: Path = OUT / "feed") -> tuple[float, int]:
    """Pagefind's CLI (every core) over exactly what jixiao feeds it, one file per page; (seconds, pages).

    The feed is what ``search.search_feed`` makes of each page, written as a page of its own
    (not timed); this is the time Pagefind alone needs for the same text, however it is driven.
    """
    from jixiao.site import search

    shutil.rmtree(target, ignore_errors=True)
    count = 0
    for path in search.html_files(site):
        feed = search.search_feed((site / path).read_text("utf-8"))
        if feed is None:
            continue
        out = target / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(feed, "utf-8")
        count += 1
    try:
        return timed([*pagefind_cli(), "--site", str(target)]), count
    finally:
        shutil.rmtree(target, ignore_errors=True)


# ---------------------------------------------------------------------------- bench


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


@dataclass
class Result:
    label: str
    units: int
    packages: int
    generation: float | None
    clean: Run
    """The median of the clean builds (by wall time); its --stats give the breakdown."""
    clean_walls: list[float] = field(default_factory=list)
    clean_peak: int = 0
    """The highest peak of all clean builds."""
    files: int = 0
    bytes: int = 0
    dataset_bytes: int = 0
    floor_one: float = 0.0
    floor_jobs: float = 0.0
    changed: list[Run] = field(default_factory=list)
    unchanged: list[Run] = field(default_factory=list)
    validate: Run | None = None
    load: list[float] = field(default_factory=list)
    """1-minute load average before each clean build and after the last: other work on the machine skews figures."""
    hugo: list[float] = field(default_factory=list)
    pagefind: list[float] = field(default_factory=list)
    """Pagefind over Hugo's output after each Hugo run (same pages, same run)."""
    jinja_page: float = 0.0
    minify_page: float = 0.0
    parse_seconds: float = 0.0
    index_floor: float = 0.0
    index_pages: int = 0
    shards: list[Run] = field(default_factory=list)
    merge: Run | None = None

    @property
    def pages(self) -> int:
        return int((self.clean.stats or {}).get("pages", 0))

    @property
    def wall(self) -> float:
        return median(self.clean_walls) if self.clean_walls else self.clean.wall

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall if self.wall and self.clean.ok else 0.0

    @property
    def hugo_rate(self) -> float:
        return self.pages / median(self.hugo) if self.hugo and self.pages else 0.0

    @property
    def stack_rate(self) -> float:
        """Hugo + Pagefind pages/s: the median of the summed runs."""
        walls = [h + p for h, p in zip(self.hugo, self.pagefind, strict=False)]
        return self.pages / median(walls) if walls and self.pages else 0.0

    def ratio_to(self, rate: float) -> float | None:
        """jixiao's pages/s ÷ a peer's (≥ 1 means jixiao is as fast)."""
        return self.pages_per_second / rate if rate and self.pages_per_second else None

    @property
    def floor(self) -> float:
        return min(self.floor_one, self.floor_jobs)

    @property
    def per_unit(self) -> float:
        return self.bytes / self.units if self.units else 0.0

    def rebuild(self, which: str) -> Run | None:
        """The median run of the one-edit (``changed``) or no-change rebuilds."""
        runs = sorted(getattr(self, which), key=lambda r: (not r.ok, r.wall))
        return runs[(len(runs) - 1) // 2] if runs else None

    @property
    def shard_projection(self) -> dict[int, float]:
        """Projected wall seconds on n runners: the slowest shard (or the shards' sum ÷ n) plus the merge."""
        if not self.shards or self.merge is None or not all(r.ok for r in [*self.shards, self.merge]):
            return {}
        count = len(self.shards)
        total = sum(r.wall for r in self.shards)
        found = {count: max(r.wall for r in self.shards) + self.merge.wall}
        for n in (4, 16, 32):
            found.setdefault(n, max(total / n, max(r.wall for r in self.shards) * count / n) + self.merge.wall)
        return dict(sorted(found.items()))


def measure_clean(label: str, result: Result, data: Path, site: Path, jobs: int, repeat: int) -> None:
    """``repeat`` clean cold builds into a fresh folder; the median one is kept (its site stays for what follows)."""
    stats = WORK / f"stats-{label}.json"
    runs: list[tuple[Run, dict | None]] = []
    for attempt in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        prepare_work()
        print(f"[{label}] 全新构建 {attempt + 1}/{repeat} …", flush=True)
        result.load.append(os.getloadavg()[0])
        run = build(data, site, jobs, stats)
        runs.append((run, run.stats))
        if not run.ok:
            break
    result.load.append(os.getloadavg()[0])
    result.clean_walls = [run.wall for run, _ in runs]
    result.clean_peak = max(run.peak for run, _ in runs)
    ordered = sorted(runs, key=lambda pair: (not pair[0].ok, pair[0].wall))
    result.clean = ordered[(len(ordered) - 1) // 2][0]
    if not all(run.ok for run, _ in runs):
        result.clean = next(run for run, _ in runs if not run.ok)


def bench_set(label: str, data: Path, generation: float | None, args: argparse.Namespace) -> Result:
    jobs, repeat = args.jobs, args.repeat
    site = OUT / f"site-{label}"
    stats = WORK / f"stats-{label}.json"
    packages = sum(1 for _ in data.glob("*/*/datapackage.json"))
    result = Result(label, sum(1 for p in data.iterdir() if p.is_dir()), packages, generation, Run(0, 1, 0, None, ""))
    measure_clean(label, result, data, site, jobs, repeat)
    if result.clean.ok:
        files = site_files(site)
        result.files, result.bytes = len(files), sum(size for _, size in files)
        result.dataset_bytes = sum(size for path, size in files if path.startswith("datasets/"))
        print(f"[{label}] 下限：写入、Jinja2 空页、squeeze、读取数据、pagefind 同样的文字 …", flush=True)
        result.floor_one = write_floor(files, 1)
        result.floor_jobs = write_floor(files, jobs) if jobs > 1 else result.floor_one
        del files
        result.jinja_page = jinja_floor()
        result.minify_page = minify_cost(site)
        result.parse_seconds = parse_floor(data)
        if not args.no_index_floor:
            result.index_floor, result.index_pages = index_floor(site)
        if shutil.which("hugo") and not args.no_peers:
            print(f"[{label}] Hugo 与 Hugo + Pagefind：{result.pages:,} 个同类页面 × {repeat} …", flush=True)
            result.hugo, result.pagefind = peers(result.pages, repeat)
        for attempt in range(repeat):
            print(f"[{label}] 无变化重建 {attempt + 1}/{repeat} …", flush=True)
            result.unchanged.append(build(data, site, jobs, stats))
        for attempt in range(repeat):
            print(f"[{label}] 改动一个数据包后重建 {attempt + 1}/{repeat} …", flush=True)
            path, original = edit_one_package(data, attempt)
            try:
                result.changed.append(build(data, site, jobs, stats))
            finally:
                path.write_bytes(original)
        if result.changed:  # back to the data as it is, so the next set or run starts from it
            build(data, site, jobs, stats)
    if label in args.validate.split(","):
        print(f"[{label}] build.py validate …", flush=True)
        command = [sys.executable, str(SOURCE / "build.py"), "--data", str(data), "validate"]
        result.validate = run_measured(command, WORK)
    if label in args.simulate_shards.split(",") and result.clean.ok:
        simulate_shards(label, result, data, jobs, args.shards)
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
    for leftover in OUT.glob(f".site-{label}.*"):  # staging of a build run.py stopped (it cannot clean up)
        shutil.rmtree(leftover, ignore_errors=True)
    return result


def simulate_shards(label: str, result: Result, data: Path, jobs: int, count: int) -> None:
    """The sharded workflow (shards.yml) on this machine: each shard built cold, one after another, then the merge.

    Each shard job starts from its own cold cache, as a runner with nothing restored does;
    the merge gets the shards' folders and a cold cache of its own. Runner start, installing
    and moving the artifacts are not in the figures.
    """
    folders = []
    for index in range(1, count + 1):
        out = OUT / f"shard-{label}-{index}"
        shutil.rmtree(out, ignore_errors=True)
        prepare_work()
        print(f"[{label}] 分片 {index}/{count} …", flush=True)
        command = [sys.executable, str(SOURCE / "build.py"), "--data", str(data), "build", "--out", str(out)]
        run = run_measured([*command, "--quiet", "--jobs", str(jobs), "--shard", f"{index}/{count}"], WORK)
        result.shards.append(run)
        folders.append(out)
        if not run.ok:
            return
    prepare_work()
    site = OUT / f"merged-{label}"
    shutil.rmtree(site, ignore_errors=True)
    print(f"[{label}] 合并 {count} 个分片 …", flush=True)
    command = [sys.executable, str(SOURCE / "build.py"), "--data", str(data), "build", "--out", str(site)]
    result.merge = run_measured([*command, "--quiet", "--jobs", str(jobs), "--merge", *map(str, folders)], WORK)
    for folder in [*folders, site]:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------- report


def seconds(run: Run | None) -> str:
    if run is None:
        return "—"
    if run.stopped.startswith("failed"):
        return f"{run.stopped} (after {run.wall:.0f} s)"
    return f"> {run.wall:.0f} s ({run.stopped})" if run.stopped else f"{run.wall:.2f} s"


def runs_text(runs: list[Run]) -> str:
    """The median and every run, e.g. ``3.10 s (3.02, 3.10, 3.55)``."""
    if not runs:
        return "—"
    ordered = sorted(runs, key=lambda r: (not r.ok, r.wall))
    middle = seconds(ordered[(len(ordered) - 1) // 2])
    return middle if len(runs) == 1 else f"{middle} ({', '.join(f'{r.wall:.2f}' for r in runs)})"


@dataclass(frozen=True)
class Target:
    name: str
    verdict: str
    """met / not met / not measured"""
    detail: str


TARGETS = (
    "clean build ≥ 1.0× Hugo + Pagefind (pages/s), 200 units",
    "clean build ≥ 1.0× Hugo + Pagefind (pages/s), 1,000 units",
    "next goal: clean build ≥ 1.0× Hugo alone (pages/s)",
    "1,000 units: clean build ≤ 120 s",
    "1,000 units: peak memory ≤ 2 GB",
    "1,000 units: output ≤ 1 GB and ≤ 1 MiB per unit",
    "1,000 units: one narrative edit ≤ 5 s",
    "1,000 units: no change ≤ 0.5 s",
    "5,000 units: clean build ≤ 10 min",
    "5,000 units: peak memory ≤ 2 GB",
    "5,000 units sharded (shards.yml simulated): projected ≤ 5 min on 8 runners",
)


def _against_stack(result: Result) -> str:
    ratio = result.ratio_to(result.stack_rate)
    return (
        f"{ratio:.2f}×: jixiao {result.pages_per_second:,.0f} pages/s, Hugo + Pagefind {result.stack_rate:,.0f} "
        f"(Hugo {median(result.hugo):.1f} s + Pagefind {median(result.pagefind):.1f} s for {result.pages:,} pages)"
    )


def targets(results: dict[str, Result]) -> list[Target]:  # noqa: C901  # one branch per target
    """The targets of issue 28, each met, not met or not measured (a target never measured is said so)."""

    def verdict(ok: bool) -> str:
        return "met" if ok else "not met"

    found: dict[str, Target] = {}
    for index, label in ((0, "200"), (1, "1000")):
        r = results.get(label)
        if r is not None and r.ratio_to(r.stack_rate) is not None:
            found[TARGETS[index]] = Target(TARGETS[index], verdict(r.ratio_to(r.stack_rate) >= 1), _against_stack(r))
    compared = [r for label, r in results.items() if label != "real" and r.ratio_to(r.hugo_rate) is not None]
    if compared:
        top = max(compared, key=lambda r: r.units)
        ratio = top.ratio_to(top.hugo_rate) or 0.0
        detail = f"{ratio:.2f}× at {top.units:,} units: Hugo alone {top.hugo_rate:,.0f} pages/s"
        found[TARGETS[2]] = Target(TARGETS[2], verdict(ratio >= 1), detail)
    mid, big = results.get("1000"), results.get("5000")
    if mid and mid.clean_walls:
        ok = mid.clean.ok and mid.wall <= 120
        found[TARGETS[3]] = Target(TARGETS[3], verdict(ok), f"{mid.wall:.1f} s (median of {len(mid.clean_walls)})")
        found[TARGETS[4]] = Target(TARGETS[4], verdict(mid.clean_peak <= 2e9), f"peak {mid.clean_peak / 1e9:.2f} GB")
    if mid and mid.files:
        ok = mid.bytes <= 1e9 and mid.per_unit <= MIB
        detail = f"{mid.bytes / 1e9:.2f} GB in {mid.files:,} files, {mid.per_unit / MIB:.2f} MiB per unit"
        found[TARGETS[5]] = Target(TARGETS[5], verdict(ok), detail)
    changed, unchanged = (mid.rebuild("changed"), mid.rebuild("unchanged")) if mid else (None, None)
    if mid and changed:
        found[TARGETS[6]] = Target(TARGETS[6], verdict(changed.ok and changed.wall <= 5), runs_text(mid.changed))
    if mid and unchanged:
        ok = unchanged.ok and unchanged.wall <= 0.5
        found[TARGETS[7]] = Target(TARGETS[7], verdict(ok), runs_text(mid.unchanged))
    if big and big.clean_walls:
        ok = big.clean.ok and big.wall <= 600
        found[TARGETS[8]] = Target(TARGETS[8], verdict(ok), f"{big.wall:.0f} s")
        found[TARGETS[9]] = Target(TARGETS[9], verdict(big.clean_peak <= 2e9), f"peak {big.clean_peak / 1e9:.2f} GB")
    sharded = [r for r in results.values() if r.shard_projection]
    if sharded:
        top = max(sharded, key=lambda r: r.units)
        projection = top.shard_projection
        eight = projection.get(8)
        scale = 5000 / top.units if top.units else 0
        shown = ", ".join(f"{n} runners {s:.0f} s" for n, s in projection.items())
        detail = f"at {top.units:,} units: {shown}"
        if eight is None:
            found[TARGETS[10]] = Target(TARGETS[10], "not measured", detail + " (not simulated with 8 shards)")
        elif top.units == 5000:
            found[TARGETS[10]] = Target(TARGETS[10], verdict(eight <= 300), detail)
        else:
            detail += f"; scaled ×{scale:.1f} to 5,000 units ≈ {eight * scale:.0f} s (an estimate, not a measurement)"
            found[TARGETS[10]] = Target(TARGETS[10], "not measured", detail)
    return [found.get(n) or Target(n, "not measured", "") for n in TARGETS]


STAGE_FLOORS = (
    # (stage, what it sums, the floor compared with)
    ("validate", ("load", "validate"), "reading every data file and splitting the CSVs into rows"),
    ("model", ("model",), "—"),
    ("render", ("render", "charts"), "Jinja2 rendering an empty page from a compiled template"),
    ("minify", (), "none: whitespace left out by the templates costs nothing at build time"),
    ("write", ("write",), "writing the same bytes (all files of the site, one writer)"),
    ("other unit files", ("downloads", "api", "fragment"), "— (their bytes are in write's floor)"),
    ("index", ("search",), "Pagefind's CLI (every core) over the same text jixiao feeds it"),
    ("datasets", ("datasets",), "writing the datasets/ bytes (share of the write floor)"),
)


def breakdown(r: Result) -> list[tuple[str, float, float | None, str]]:
    """(stage, seconds, floor seconds or None, floor) for the median clean build.

    Unit-worker stages are worker-seconds (summed over the workers, which overlap); index and
    datasets are wall seconds of the main process.  Render here is without the squeeze pass,
    which is measured on its own (``minify_cost``) and shown as minify.
    """
    stats = r.clean.stats or {}
    workers, main = stats.get("worker_stages") or {}, stats.get("stages") or {}
    pages = r.pages
    write_all = r.floor_one
    rows = []
    for stage, parts, floor in STAGE_FLOORS:
        spent = sum(workers.get(p, 0.0) + (main.get(p, 0.0) if p in ("search", "datasets") else 0.0) for p in parts)
        floor_seconds: float | None = None
        if stage == "validate":
            floor_seconds = r.parse_seconds or None
        elif stage == "render":
            spent -= r.minify_page * pages
            floor_seconds = r.jinja_page * pages
        elif stage == "minify":
            spent = r.minify_page * pages
            floor_seconds = 0.0
        elif stage == "write":
            floor_seconds = write_all * (r.bytes - r.dataset_bytes) / r.bytes if r.bytes else None
        elif stage == "index":
            floor_seconds = r.index_floor or None
        elif stage == "datasets":
            floor_seconds = write_all * r.dataset_bytes / r.bytes if r.bytes else None
        rows.append((stage, spent, floor_seconds, floor))
    return rows


def breakdown_lines(r: Result) -> list[str]:
    if not r.clean.stats or not r.pages:
        return ["  (no --stats from this build: total wall time only)"]
    lines = [f"  per page (ms; {r.pages:,} pages, {r.packages:,} packages): stage / floor, × floor"]
    for stage, spent, floor, what in breakdown(r):
        per = spent / r.pages * 1000
        if floor is None:
            lines.append(f"    {stage:<16} {per:8.2f}   ({what})")
            continue
        times = f"{spent / floor:,.1f}×" if floor > 0 else "—"
        lines.append(f"    {stage:<16} {per:8.2f} / {floor / r.pages * 1000:7.3f}  {times:>8}  ({what})")
    return lines


def stage_lines(result: Result) -> list[str]:
    stats = result.clean.stats or {}
    lines = []
    stages = stats.get("stages") or {}
    if stages:
        lines.append("  main process (wall s): " + ", ".join(f"{name} {value:.2f}" for name, value in stages.items()))
    workers = stats.get("worker_stages") or {}
    if workers:
        shown = sorted(workers.items(), key=lambda item: -item[1])
        lines.append("  unit workers (summed s): " + ", ".join(f"{name} {value:.2f}" for name, value in shown))
    return lines


def text_report(results: dict[str, Result], with_targets: bool = True) -> str:
    lines = []
    for r in results.values():
        gen = f", generated in {r.generation:.1f} s" if r.generation is not None else ""
        walls = ", ".join(f"{w:.1f}" for w in r.clean_walls)
        lines += [
            f"== {r.label}: {r.units:,} units, {r.packages:,} packages{gen}",
            f"  clean build {r.wall:.2f} s median ({walls}), {r.pages:,} pages, {r.pages_per_second:,.1f} pages/s, "
            f"peak memory {r.clean_peak / MIB:,.0f} MiB ({r.clean.peak_by_role}); "
            f"load average {' → '.join(f'{value:.1f}' for value in r.load)}",
        ]
        if r.clean.stopped:
            lines.append(f"  clean build: {seconds(r.clean)}")
        if r.hugo:
            stack = r.ratio_to(r.stack_rate) or 0.0
            alone = r.ratio_to(r.hugo_rate) or 0.0
            lines.append(
                f"  peers, same pages: Hugo {r.hugo_rate:,.1f} pages/s (median {median(r.hugo):.2f} s); "
                f"Hugo + Pagefind {r.stack_rate:,.1f} pages/s (Pagefind median {median(r.pagefind):.2f} s)"
            )
            lines.append(f"  ratio jixiao ÷ (Hugo + Pagefind) {stack:.2f}×; jixiao ÷ Hugo alone {alone:.2f}×")
        if r.files:
            lines.append(
                f"  output {r.files:,} files, {r.bytes / MIB:,.1f} MiB ({r.per_unit / MIB:.2f} MiB per unit; "
                f"datasets/ {r.dataset_bytes / MIB:,.1f} MiB); write floor {r.floor_one:.2f} s (1 process), "
                f"{r.floor_jobs:.2f} s (--jobs processes)"
            )
        lines += stage_lines(r)
        lines += breakdown_lines(r)
        if r.changed:
            reused = (r.rebuild("changed").stats or {}).get("reused", "?")  # type: ignore[union-attr]
            lines.append(f"  rebuild after one narrative edit {runs_text(r.changed)} ({reused} units reused)")
        if r.unchanged:
            lines.append(f"  no-change rebuild {runs_text(r.unchanged)}")
        if r.shards:
            walls = ", ".join(f"{s.wall:.1f}" for s in r.shards)
            lines.append(f"  {len(r.shards)} shards one after another: {walls} s; merge {seconds(r.merge)}")
            if r.shard_projection:
                shown = ", ".join(f"{n} runners {s:.0f} s" for n, s in r.shard_projection.items())
                lines.append(f"  projected wall time (slowest shard or shards ÷ n, plus the merge): {shown}")
        if r.validate:
            tail = r.validate.stderr.strip().splitlines()[-1:] or [""]
            lines.append(f"  build.py validate {seconds(r.validate)}: {tail[0]}")
    if with_targets:
        lines.append("== targets (issue 28)")
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
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True) if shutil.which("hugo") else None
    return {
        "cpu": cpu,
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": f"{int(memory) / 1024 / 1024:.1f} GiB",
        "kernel": platform.release(),
        "python": platform.python_version(),
        "packages": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "hugo": hugo.stdout.split()[1] if hugo and hugo.stdout.split()[1:] else "not installed",
    }


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def markdown(results: dict[str, Result], command: str, commit: str) -> str:
    info = machine()
    rows = [
        "| set | units | pages | clean build (median) | pages/s | Hugo + Pagefind pages/s (ratio) "
        "| Hugo pages/s (ratio) | peak memory | output (per unit) | one edit | no change | load avg |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results.values():
        stack = f"{r.stack_rate:,.0f} ({r.ratio_to(r.stack_rate):.2f}×)" if r.ratio_to(r.stack_rate) else "—"
        hugo = f"{r.hugo_rate:,.0f} ({r.ratio_to(r.hugo_rate):.2f}×)" if r.ratio_to(r.hugo_rate) else "—"
        walls = ", ".join(f"{w:.1f}" for w in r.clean_walls)
        rows.append(
            f"| {r.label} | {r.units:,} | {r.pages:,} | {r.wall:.1f} s ({walls}) "
            f"| {r.pages_per_second:,.1f} | {stack} | {hugo} | {r.clean_peak / MIB:,.0f} MiB "
            f"| {r.bytes / MIB:,.0f} MiB ({r.per_unit / MIB:.2f}) | {runs_text(r.changed)} "
            f"| {runs_text(r.unchanged)} "
            f"| {' → '.join(f'{value:.1f}' for value in r.load)} |"
        )
    stages = ["", "### Stages and floors of the median clean build", ""]
    for r in results.values():
        stages += [f"**{r.label}** (peak memory by process, MiB: {r.clean.peak_by_role or '—'})", "", "```"]
        stages += [line[2:] for line in stage_lines(r) + breakdown_lines(r)]
        if r.shards:
            stages += [
                line[2:] for line in text_report({r.label: r}, with_targets=False).splitlines() if "shard" in line
            ]
        stages += ["```", ""]
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
            f"- Python {info['python']}; {info['packages']}; Hugo {info['hugo']}",
            "",
            "## Figures",
            "",
            *rows,
            *stages,
            "## Targets (issue 28)",
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


RUN_FIELDS = ("clean", "validate", "merge")
RUN_LISTS = ("changed", "unchanged", "shards")


def load_results(path: Path) -> dict[str, Result]:
    """Results saved with --json, to write the report again without rebuilding."""
    results = {}
    for label, data in json.loads(path.read_text("utf-8")).items():
        if label.startswith("_"):
            continue
        runs = {k: Run(**v) if isinstance(v, dict) else None for k, v in data.items() if k in RUN_FIELDS}
        lists = {k: [Run(**v) for v in data.get(k, [])] for k in RUN_LISTS}
        plain = {k: v for k, v in data.items() if k not in RUN_FIELDS and k not in RUN_LISTS}
        results[label] = Result(**plain, **runs, **lists)
    return results


def to_json(result: Result) -> dict:
    data = {}
    for key, value in result.__dict__.items():
        if isinstance(value, Run):
            data[key] = value.__dict__
        elif key in RUN_LISTS:
            data[key] = [run.__dict__ for run in value]
        else:
            data[key] = value
    return data


def main(argv: list[str] | None = None) -> int:  # the flags, then one loop
    parser = argparse.ArgumentParser(description="jixiao 构建基准测试")
    parser.add_argument(
        "--units", "--sizes", dest="sizes", default="200,1000", help="逗号分隔：real 与合成单位数（默认 200,1000）"
    )
    parser.add_argument("--repeat", type=int, default=3, help="全新构建、同行与重建各运行几次，取中位数（默认 3）")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="构建与写入下限的进程数（默认 CPU 核数）")
    parser.add_argument("--seed", type=int, default=1, help="合成数据的随机种子")
    parser.add_argument("--validate", default="", metavar="SIZES", help="对这些数据集另外计时 build.py validate")
    parser.add_argument(
        "--simulate-shards", default="", metavar="SIZES", help="对这些数据集依次构建每个分片再合并（模拟 shards.yml）"
    )
    parser.add_argument("--shards", type=int, default=8, help="模拟的分片数（默认 8）")
    parser.add_argument("--no-peers", action="store_true", help="不运行 Hugo 与 Pagefind")
    parser.add_argument("--no-index-floor", action="store_true", help="不测 pagefind 索引同样文字的下限")
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
    if args.repeat < 1:
        parser.error("--repeat 至少为 1")
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
            parser.error(f"--units 只能包含 real 和正整数，收到 {label!r}")
    if args.commit:
        commit = f"`{args.commit}` (a `git archive` snapshot, so edits in the working tree do not skew the run)"
    else:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
        commit = f"`{head.stdout.strip()}`" + (" plus uncommitted changes in the working tree" if dirty.strip() else "")
    command_line = " ".join(["python bench/run.py", *(sys.argv[1:] if argv is None else argv)])
    results: dict[str, Result] = {}
    for label in labels:
        if label == "real":
            data, generation = real_data(), None
        else:
            print(f"[{label}] 准备合成数据 …", flush=True)
            data, generation = synthetic_data(int(label), args.seed, args.jobs)
        results[label] = bench_set(label, data, generation, args)
        print(text_report({label: results[label]}, with_targets=False), flush=True)
        if args.json:  # after each set, so a long run that is stopped keeps what it measured
            raw: dict[str, object] = {"_run": [command_line, commit]}
            raw |= {name: to_json(r) for name, r in results.items()}
            args.json.write_text(json.dumps(raw, ensure_ascii=False, indent=1, default=str), "utf-8")
    print(text_report(results))
    if args.report:
        write_report(args.report, markdown(results, command_line, commit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
