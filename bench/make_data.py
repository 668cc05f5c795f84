#!/usr/bin/env python3
"""Synthetic packages for the benchmark, shaped like the real ones in data/.

    python bench/make_data.py --units 1000 --years 3 --projects 5 --seed 1 --out bench/out/units-1000

Every unit-year gets one department-wide evaluation and ``--projects`` project
evaluations: indicator tables of 20–45 rows over three levels whose weights add up to
the total and whose scores stay within their weights, budget hierarchies that add up
(资金总额 = 基本支出 + 项目支出 = 基本支出 + Σ 明细项目), published execution rates that
agree with actual ÷ budget, grades that match the scores, narrative sections, stated
scores, and now and then an inconsistency acknowledged in quality.csv so that the
data-quality flags are exercised.  Each generated set validates with 0 errors.

Output depends only on the seed and the unit's place in a shuffled list of
(region, bureau) pairs, so the 100-unit set is the first 100 units of the 1,000-unit
set, and the same arguments give the same bytes whatever --jobs is.
The schemas come from jixiao/ingest/tables.py (``package_descriptor``), written the way
``build.py new`` writes them.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

from jixiao.commands.scaffold import write_descriptor
from jixiao.config import GRADE_BANDS, grade_for
from jixiao.ingest.tables import TABLES, header, package_descriptor
from jixiao.structure.routes import slug

sys.path.insert(0, str(Path(__file__).resolve().parent))
import vocabulary as V  # noqa: E402  (beside this file, not a package)

BENCH_DIR = Path(__file__).resolve().parent
MANIFEST = "make_data.json"
"""Written at the top of the output folder (no package is found there): the arguments and counts."""

ZERO = Decimal(0)
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
NUMERALS = "一二三四五六七八九十"
GRADE_ORDER = ["优", "良", "中", "差"]


def fmt(value: Decimal) -> str:
    """A Decimal as published: bare, no exponent, no trailing zeros (8, not 8.00)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def generator_digest() -> str:
    """Changes whenever the generator, its vocabulary or the package schema it writes changes.

    run.py regenerates then: a set written under an older schema would fail with E-VERSION.
    """
    hasher = hashlib.sha256()
    for name in ("make_data.py", "vocabulary.py"):
        hasher.update((BENCH_DIR / name).read_bytes())
    for name in ("fields.py", "tables.py"):
        hasher.update((BENCH_DIR.parent / "jixiao" / "ingest" / name).read_bytes())
    return hasher.hexdigest()[:16]


# ----------------------------------------------------------------------------- units


@dataclass(frozen=True)
class UnitPlan:
    unit_id: str
    name: str
    bureau: str
    sector: str
    supervisor: str
    region: str
    prefecture: str
    province: str


def regions() -> list[tuple[str, str, str, str]]:
    """(province, prefecture, region, id prefix); regions whose page slug repeats are dropped.

    Two counties can share a pinyin (泰和县/太和县 → taihexian): their region pages
    would collide, so only the first is used.
    """
    seen_pages: set[str] = set()
    seen_prefixes: set[str] = set()
    result = []
    for (province, prefecture), names in V.REGIONS.items():
        for region in names.split():
            page = slug(region)
            if page in seen_pages:
                continue
            seen_pages.add(page)
            short = slug(region[:-1]) if len(region) > 2 else page
            prefix = short if short not in seen_prefixes else page
            seen_prefixes.add(prefix)
            result.append((province, prefecture, region, prefix))
    return result


def plan_units(count: int, seed: int) -> list[UnitPlan]:
    """The first ``count`` units of a seeded shuffle of every (region, bureau) pair."""
    pairs = [(region, bureau) for region in regions() for bureau in V.BUREAUS]
    random.Random(f"jixiao-bench:{seed}:plan").shuffle(pairs)
    plans = []
    for index in range(count):
        (province, prefecture, region, prefix), (bureau, bureau_id, sector, above) = pairs[index % len(pairs)]
        round_ = index // len(pairs)
        suffix_id = f"-{round_ + 1}" if round_ else ""
        suffix_name = f"（{round_ + 1}）" if round_ else ""
        plans.append(
            UnitPlan(
                unit_id=f"{prefix}-{bureau_id}{suffix_id}",
                name=f"{region}{bureau}{suffix_name}",
                bureau=bureau,
                sector=sector,
                supervisor=f"{region}{above}" if above else f"{region}{bureau}",
                region=region,
                prefecture=prefecture,
                province=province,
            )
        )
    return plans


# ---------------------------------------------------------------------------- numbers


def amount(rng: random.Random, low: float, high: float) -> Decimal:
    """A 万元 amount, log-uniform in [low, high]; mostly 2 decimals, sometimes whole or 4 decimals."""
    value = math.exp(rng.uniform(math.log(low), math.log(high)))
    places = rng.choices([0, 2, 4], weights=[2, 7, 1])[0]
    quantum = Decimal(1).scaleb(-places)
    return max(Decimal(str(value)).quantize(quantum, ROUND_HALF_UP), quantum)


def rate(actual: Decimal, budget: Decimal) -> Decimal:
    """Published 执行率: actual ÷ budget × 100 to two decimals (0 where the budget is 0)."""
    if budget == 0:
        return ZERO
    return (actual / budget * 100).quantize(CENT, ROUND_HALF_UP)


def spent(rng: random.Random, budget: Decimal, over: bool) -> Decimal:
    """Actual spending for a budget line: usually all of it, sometimes less, rarely more."""
    if over:
        factor = rng.uniform(1.005, 1.05)
    elif rng.random() < 0.6:
        return budget
    else:
        factor = rng.uniform(0.82, 0.999)
    places = max(-budget.as_tuple().exponent, 2)
    return (budget * Decimal(str(factor))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _met(op: str, actual: Decimal, target: Decimal) -> bool:
    return {"≥": actual >= target, "≤": actual <= target, "=": actual == target}[op]


# ------------------------------------------------------------------------- indicators


@dataclass
class Row:
    level1: str
    level2: str
    level3: str
    target: str
    actual: str
    missed: bool
    status: str = "scored"
    weight: Decimal = ZERO
    score: Decimal = ZERO
    basis: str = ""
    deviation: str = ""


@dataclass
class Context:
    """What an indicator's target and actual draw on."""

    duties: list[tuple[str, str, str]]
    quantity: tuple[str, str, int, int] | None
    budget: Decimal
    actual: Decimal


def _cell(rng: random.Random, level1: str, level2: str, level3: str, spec: str, ctx: Context) -> Row:
    kind, _, rest = spec.partition(":")
    if kind == "text":
        return Row(level1, level2, level3, rest, rest, False)
    if kind == "pair":
        target, actual = rest.split(":")
        return Row(level1, level2, level3, target, actual, False)
    if kind == "duty":
        duty, target, actual = ctx.duties.pop(0)
        return Row(level1, level2, duty, target, actual, False)
    if kind == "pct":
        op, value, low, high = rest.split(":")
        got = Decimal(rng.randint(int(low), int(high)))
        if rng.random() < 0.5:
            got = Decimal(high)  # most forms report the target as reached exactly
        target = f"{'' if op == '=' else op}{value}%"
        return Row(level1, level2, level3, target, f"{fmt(got)}%", not _met(op, got, Decimal(value)))
    if kind == "rate":
        published = rate(ctx.actual, ctx.budget)
        return Row(level1, level2, level3, "100%", f"{fmt(published)}%", published < 100)
    if kind == "cost":
        return Row(level1, level2, level3, f"≤{fmt(ctx.budget)}万元", f"{fmt(ctx.actual)}万元", ctx.actual > ctx.budget)
    if kind == "qty":
        label, unit, low, high = ctx.quantity
        target = rng.randint(low, high)
        got = round(target * rng.uniform(0.94, 1.12))
        return Row(level1, level2, label, f"≥{target}{unit}", f"{got}{unit}", got < target)
    raise ValueError(f"unknown indicator spec {spec!r}")


def choose_rows(rng: random.Random, candidates: list[tuple[str, str, str, str]], count: int) -> list[int]:
    """Indices of ``count`` candidates, at least one per 二级指标, in template order."""
    groups: dict[tuple[str, str], list[int]] = {}
    for index, (level1, level2, _, _) in enumerate(candidates):
        groups.setdefault((level1, level2), []).append(index)
    chosen = {rng.choice(members) for members in groups.values()}
    rest = [index for index in range(len(candidates)) if index not in chosen]
    rng.shuffle(rest)
    chosen.update(rest[: max(0, count - len(chosen))])
    return sorted(chosen)


def allocate(rng: random.Random, raws: list[float], total: Decimal, step: Decimal) -> list[Decimal]:
    """Split ``total`` into len(raws) positive multiples of ``step`` roughly proportional to raws."""
    units = int(total / step)
    scale = units / sum(raws)
    parts = [max(1, int(raw * scale)) for raw in raws]
    while sum(parts) > units:
        largest = max(range(len(parts)), key=parts.__getitem__)
        parts[largest] -= 1
    while sum(parts) < units:
        parts[rng.choices(range(len(parts)), weights=raws)[0]] += 1
    return [step * part for part in parts]


def score_rows(rng: random.Random, rows: list[Row], total: Decimal, keep_full: bool) -> None:
    """Scores within weights: deductions on missed targets, then down to a drawn overall level.

    With ``keep_full`` one missed target keeps full marks, as some published forms do
    (validation flags it F-FULL-MARKS-MISSED).
    """
    scored = [row for row in rows if row.status == "scored"]
    missed = [row for row in scored if row.missed]
    kept = rng.choice(missed) if keep_full and missed else None
    for row in scored:
        row.score = row.weight
        if row.missed and row is not kept:
            cut = (row.weight * Decimal(str(rng.uniform(0.1, 0.5)))).quantize(TENTH, ROUND_HALF_UP)
            row.score = row.weight - min(max(cut, TENTH), row.weight)
    draw = rng.random()
    low, high = next(band for limit, band in _LEVELS if draw < limit)
    wanted = (total * Decimal(str(rng.uniform(low, high))) / 100).quantize(TENTH, ROUND_HALF_UP)
    remaining = sum((row.score for row in scored), ZERO) - wanted
    for _ in range(200):
        if remaining < TENTH:
            break
        row = rng.choice(scored)
        cut = min(remaining, (row.weight * Decimal(str(rng.uniform(0.1, 0.6)))).quantize(TENTH), row.score)
        if row is not kept and cut >= TENTH:
            row.score -= cut
            remaining -= cut


_LEVELS = [
    (0.55, (95.0, 100.0)),
    (0.85, (90.0, 95.0)),
    (0.95, (80.0, 90.0)),
    (0.99, (65.0, 80.0)),
    (1.01, (50.0, 65.0)),
]
"""Cumulative probability → range of the overall score, in percent of the total weight."""


def indicator_table(
    rng: random.Random,
    candidates: list[tuple[str, str, str, str]],
    level_weights: dict[str, int],
    total: Decimal,
    ctx: Context,
) -> list[Row]:
    """20–45 rows (as many as the template has) with weights adding up to ``total``."""
    count = rng.randint(20, min(45, len(candidates)))
    rows = [_cell(rng, *candidates[index], ctx) for index in choose_rows(rng, candidates, count)]
    if rng.random() < 0.08:
        _mark_not_scored(rng, rows)
    if rng.random() < 0.04 and len(rows) < 45:
        last = rows[-1]
        rows.append(Row(last.level1, last.level2, "", "", "", False, status="empty"))
    scored = [row for row in rows if row.status == "scored"]
    step = Decimal(1) if rng.random() < 0.7 else Decimal("0.5")
    raws = [level_weights[row.level1] * rng.uniform(0.7, 1.3) for row in scored]
    for row, weight in zip(scored, allocate(rng, raws, total, step), strict=True):
        row.weight = weight
    score_rows(rng, rows, total, keep_full=rng.random() < 0.03)
    basis = rng.random() < 0.3
    for row in scored:
        if basis:
            row.basis = rng.choice(V.BASES)
        if row.score < row.weight and rng.random() < 0.4:
            row.deviation = rng.choice(V.DEVIATIONS)
    return rows


def _mark_not_scored(rng: random.Random, rows: list[Row]) -> None:
    """A row printed without 分值 (kept, not scored): never the only row of its 二级指标."""
    options = [
        i for i in range(1, len(rows)) if (rows[i].level1, rows[i].level2) == (rows[i - 1].level1, rows[i - 1].level2)
    ]
    if options:
        row = rows[rng.choice(options)]
        row.status, row.missed = "not_scored", False


def indicator_records(evaluation_id: str, rows: list[Row], print_levels: bool) -> list[dict[str, str]]:
    """indicators.csv rows, with the bracketed 一级/二级 weights where the form prints them."""
    sums: dict[tuple[str, ...], Decimal] = {}
    for row in rows:
        if row.status == "scored":
            for key in ((row.level1,), (row.level1, row.level2)):
                sums[key] = sums.get(key, ZERO) + row.weight
    records = []
    for number, row in enumerate(rows, start=1):
        scored = row.status == "scored"
        records.append(
            {
                "evaluation_id": evaluation_id,
                "row": str(number),
                "level1": row.level1,
                "level1_weight": fmt(sums[(row.level1,)]) if print_levels else "",
                "level2": row.level2,
                "level2_weight": fmt(sums[(row.level1, row.level2)]) if print_levels else "",
                "level3": row.level3,
                "target": row.target,
                "actual": row.actual,
                "weight": fmt(row.weight) if scored else "",
                "score": fmt(row.score) if scored else "",
                "status": row.status,
                "basis": row.basis,
                "deviation": row.deviation,
                "note": "原表未载分值，按原文照录。" if row.status == "not_scored" else "",
            }
        )
    return records


# ---------------------------------------------------------------------------- package


@dataclass
class Evaluation:
    evaluation_id: str
    kind: str
    title: str
    budget: Decimal
    actual: Decimal
    rows: list[Row]
    total_weight: Decimal = ZERO
    total_score: Decimal = ZERO
    grade: str = ""
    stated_score: Decimal | None = None


class PackageMaker:
    """One unit-year: builds every table as a list of dicts, then the files."""

    def __init__(self, plan: UnitPlan, year: int, projects: int, seed: int) -> None:
        self.plan = plan
        self.year = year
        self.seed = seed
        self.unit_rng = random.Random(f"jixiao-bench:{seed}:{plan.unit_id}")
        self.rng = random.Random(f"jixiao-bench:{seed}:{plan.unit_id}:{year}")
        self.tables: dict[str, list[dict[str, str]]] = {name: [] for name in TABLES}
        self.texts: dict[str, str] = {}
        self.sum_gap = ZERO
        self.rate_gaps: list[tuple[str, Decimal]] = []
        """Projects whose published 执行率 is acknowledged as off: (evaluation id, rate as printed)."""
        self.project_specs = self._projects(projects)

    def _projects(self, count: int) -> list[tuple[str, str, str, str, int, int]]:
        """This year's projects: the unit's usual ones, one of them changing from year to year."""
        pool = list(V.PROJECTS[self.plan.sector]) + list(V.GENERIC_PROJECTS)
        self.unit_rng.shuffle(pool)
        cycle = []
        for index in range(count + 1):
            slug_, name, *rest = pool[index % len(pool)]
            phase = index // len(pool)
            cycle.append(
                (f"{slug_}-{phase + 1}", f"{name}（{NUMERALS[phase % 10]}期）", *rest) if phase else pool[index]
            )
        cycle.pop(self.rng.randrange(len(cycle)))
        return cycle

    # -- tables

    def build(self) -> dict[str, str]:
        """Relative path → text for every file but datapackage.json."""
        self._unit_and_source()
        items = self._department_budget()
        department = self._department()
        projects = [self._project(spec, *lines) for spec, lines in zip(self.project_specs, items, strict=True)]
        for evaluation in [department, *projects]:
            self._evaluation_row(evaluation)
        self._maybe_acknowledge([department, *projects])
        self._department_narrative(department)
        for evaluation, spec in zip(projects, self.project_specs, strict=True):
            self._project_narrative(evaluation, spec)
        files = {f"{name}.csv": _csv_text(name, rows) for name, rows in self.tables.items()}
        files.update(self.texts)
        return files

    def _unit_and_source(self) -> None:
        plan, rng = self.plan, self.unit_rng
        in_post, contract, retired = rng.randint(5, 120), rng.randint(0, 30), rng.randint(0, 60)
        states_staff = rng.random() < 0.7
        self.staff = (in_post, contract, retired) if states_staff else None
        street = f"{rng.choice(V.STREETS)}{rng.randint(1, 300)}号"
        self.offices = rng.sample(V.OFFICES, rng.randint(3, 7))
        self.duties = rng.sample(V.DUTIES[plan.sector], min(7, len(V.DUTIES[plan.sector])))
        self.tables["unit"].append(
            {
                "unit_id": plan.unit_id,
                "name": plan.name,
                "region": plan.region,
                "prefecture": plan.prefecture,
                "province": plan.province,
                "supervisor": plan.supervisor if plan.supervisor != plan.name else "",
                "address": f"{plan.region}{street}" if rng.random() < 0.5 else "",
                "staff_total": str(in_post + contract) if states_staff else "",
                "staff_in_post": str(in_post) if states_staff else "",
                "staff_contract": str(contract) if states_staff else "",
                "staff_retired": str(retired) if states_staff else "",
                "note": "合成数据（bench/make_data.py 生成），单位与数字均为虚构。",
            }
        )
        self.source_id = f"self-evaluation-{self.year}"
        month, day = self.rng.randint(3, 9), self.rng.randint(1, 28)
        self.tables["sources"].append(
            {
                "source_id": self.source_id,
                "title": f"{plan.name}{self.year}年度部门整体及项目支出绩效自评报告",
                "publisher": plan.name,
                "published": f"{self.year + 1}-{month:02d}-{day:02d}",
                "url": "",
                "file": f"{self.rng.randrange(1000):03d}_{self.rng.getrandbits(64):016x}.txt",
                "note": f"合成数据：种子 {self.seed}，非真实公开文件。",
            }
        )

    def _department_budget(self) -> list[tuple[Decimal, Decimal]]:
        """资金总额 > 基本支出 + 项目支出 > items (this year's projects first); returns the projects' lines."""
        rng = self.rng
        lines = []
        for _, name, *_ in self.project_specs:
            budget = amount(rng, 2, 900)
            lines.append((name, budget, spent(rng, budget, over=rng.random() < 0.03)))
        used = {name for name, *_ in lines}
        extras = [name for _, name, *_ in V.GENERIC_PROJECTS if name not in used]
        for name in rng.sample(extras, rng.randint(0, 3)):
            budget = amount(rng, 1, 300)
            lines.append((name, budget, spent(rng, budget, over=False)))
        basic_budget = amount(rng, 80, 4000)
        basic_actual = spent(rng, basic_budget, over=False)
        project_budget = sum((b for _, b, _ in lines), ZERO)
        project_actual = sum((a for _, _, a in lines), ZERO)
        if rng.random() < 0.03:  # the printed 项目支出 differs from its items: acknowledged E-SUM
            self.sum_gap = Decimal(rng.randint(1, 40)) / 10
            project_actual += self.sum_gap
        total_budget, total_actual = basic_budget + project_budget, basic_actual + project_actual
        self.department_totals = (total_budget, total_actual)
        initial = rng.random() < 0.5
        rows = [
            ("total", "", "资金总额", "total", total_budget, total_actual),
            ("basic", "total", "基本支出", "basic", basic_budget, basic_actual),
            ("project", "total", "项目支出", "project", project_budget, project_actual),
        ]
        rows += [(f"item-{i}", "project", name, "item", b, a) for i, (name, b, a) in enumerate(lines, start=1)]
        show_rate = rng.random() < 0.4
        for order, (line_id, parent, label, kind, budget, actual) in enumerate(rows, start=1):
            self.tables["budget"].append(
                _budget_row(
                    "department",
                    line_id,
                    parent,
                    order,
                    label,
                    kind,
                    budget,
                    actual,
                    initial=budget if initial else None,
                    rate_published=rate(actual, budget) if show_rate and line_id == "total" else None,
                )
            )
        return [(b, a) for _, b, a in lines[: len(self.project_specs)]]

    def _department(self) -> Evaluation:
        budget, actual = self.department_totals
        ctx = Context(list(self.duties), None, budget, actual)
        rows = indicator_table(self.rng, V.DEPARTMENT_INDICATORS, V.DEPARTMENT_LEVEL_WEIGHTS, Decimal(100), ctx)
        self.tables["indicators"] += indicator_records("department", rows, print_levels=True)
        evaluation = Evaluation("department", "department", self.plan.name, budget, actual, rows)
        evaluation.total_weight = Decimal(100)
        evaluation.total_score = sum((r.score for r in rows if r.status == "scored"), ZERO)
        return evaluation

    def _project(self, spec: tuple, budget: Decimal, actual: Decimal) -> Evaluation:
        rng = self.rng
        slug_, name, label, unit, low, high = spec
        funds_weight = Decimal(10) if rng.random() < 0.8 else None
        funds_in_total = funds_weight is not None and rng.random() < 0.75
        indicators_total = Decimal(100) - (funds_weight if funds_in_total else ZERO)
        ctx = Context([], (label, unit, low, high), budget, actual)
        rows = indicator_table(rng, V.PROJECT_INDICATORS, V.PROJECT_LEVEL_WEIGHTS, indicators_total, ctx)
        self.tables["indicators"] += indicator_records(slug_, rows, print_levels=rng.random() < 0.5)
        evaluation = Evaluation(slug_, "project", name, budget, actual, rows)
        funds_score = self._project_budget(slug_, budget, actual, funds_weight)
        evaluation.total_weight = Decimal(100)
        evaluation.total_score = sum((r.score for r in rows if r.status == "scored"), ZERO)
        if funds_in_total:
            evaluation.total_score += funds_score
        return evaluation

    def _project_budget(self, evaluation_id: str, budget: Decimal, actual: Decimal, weight: Decimal | None) -> Decimal:
        """年度资金总额 > 财政拨款 + 其他资金, or a single 项目支出 line whose budget is derived."""
        rng = self.rng
        published = rate(actual, budget)
        if weight is None and actual == budget and rng.random() < 0.5:
            self.tables["budget"].append(
                _budget_row(
                    evaluation_id,
                    "project",
                    "",
                    1,
                    "项目支出",
                    "project",
                    budget,
                    actual,
                    derived="budget",
                    note=f"原文仅载项目支出 {fmt(actual)} 万元，评分表载预算执行率 100%，全年预算数据此推算。",
                )
            )
            return ZERO
        other = ZERO if rng.random() < 0.7 else (budget * Decimal(str(rng.uniform(0.05, 0.4)))).quantize(CENT)
        other_actual = (other * actual / budget).quantize(CENT, ROUND_HALF_UP) if budget else ZERO
        initial = budget if rng.random() < 0.7 else (budget * Decimal(str(rng.uniform(0.8, 1.1)))).quantize(CENT)
        other_initial = other if other <= initial else ZERO
        score = None
        if weight is not None:
            score = weight if published >= 100 else (weight * published / 100).quantize(TENTH, ROUND_DOWN)
        shown = published
        if weight is not None and rng.random() < 0.03:  # acknowledged E-RATE
            shown = published + Decimal(rng.randint(10, 300)) / 100
            self.rate_gaps.append((evaluation_id, shown))
        lines = [
            ("total", "", "年度资金总额", "total", budget, actual, initial, shown, weight, score),
            ("fiscal", "total", "财政拨款", "fiscal", budget - other, actual - other_actual, initial - other_initial),
            ("other", "total", "其他资金", "other", other, other_actual, other_initial),
        ]
        for order, (line_id, parent, label, kind, b, a, i, *rest) in enumerate(lines, start=1):
            shown_rate, w, s = rest if rest else (rate(a, b), None, None)
            self.tables["budget"].append(
                _budget_row(evaluation_id, line_id, parent, order, label, kind, b, a, i, shown_rate, w, s)
            )
        return score or ZERO

    def _evaluation_row(self, evaluation: Evaluation) -> None:
        rng = self.rng
        percent = evaluation.total_score * 100 / evaluation.total_weight
        earned = grade_for(percent, self.plan.province, GRADE_BANDS)
        evaluation.grade = earned if rng.random() < (0.9 if evaluation.kind == "department" else 0.7) else ""
        department = evaluation.kind == "department"
        self.tables["evaluations"].append(
            {
                "evaluation_id": evaluation.evaluation_id,
                "unit_id": self.plan.unit_id,
                "year": str(self.year),
                "kind": evaluation.kind,
                "title": evaluation.title,
                "form_title": f"部门整体支出绩效自评价表({self.year} 年)"
                if department
                else f"项目支出绩效自评表({self.year}年度)",
                "implementing_unit": "" if department else self.plan.name,
                "supervisor": "" if department else self.plan.supervisor,
                "period_start": "" if department else f"{self.year}-01",
                "period_end": "" if department else f"{self.year}-12",
                "total_weight": fmt(evaluation.total_weight),
                "total_score": fmt(evaluation.total_score),
                "grade": evaluation.grade,
                "source_id": self.source_id,
                "note": "",
            }
        )

    # -- acknowledged inconsistencies

    def _maybe_acknowledge(self, evaluations: list[Evaluation]) -> None:
        """Inconsistencies kept as published and acknowledged, so flags show up on the site."""
        if self.sum_gap:
            self._quality(
                "department",
                "budget",
                "project",
                "actual",
                "E-SUM",
                f"项目支出实际支出数比明细合计多 {fmt(self.sum_gap)} 万元",
            )
        for evaluation_id, shown in self.rate_gaps:
            self._quality(evaluation_id, "budget", "total", "rate_published", "E-RATE", f"执行率印作 {fmt(shown)}%")
        for evaluation in evaluations:
            better = GRADE_ORDER.index(evaluation.grade) - 1 if evaluation.grade else -1
            if better >= 0 and self.rng.random() < 0.1:
                row = next(r for r in self.tables["evaluations"] if r["evaluation_id"] == evaluation.evaluation_id)
                row["grade"] = evaluation.grade = GRADE_ORDER[better]
                self._quality(
                    evaluation.evaluation_id,
                    "evaluations",
                    evaluation.evaluation_id,
                    "grade",
                    "E-GRADE",
                    f"总分 {fmt(evaluation.total_score)}，等级印作“{row['grade']}”",
                )
            if self.rng.random() < 0.02 and evaluation.total_score >= 2:
                evaluation.stated_score = evaluation.total_score + Decimal(self.rng.choice([-10, -5, 5])) / 10
                if evaluation.stated_score > evaluation.total_weight:
                    evaluation.stated_score = evaluation.total_score - 1
                self._quality(
                    evaluation.evaluation_id,
                    "stated_scores",
                    "合计",
                    "score",
                    "E-STATED",
                    f"叙述写得分 {fmt(evaluation.stated_score)} 分，评分表合计 {fmt(evaluation.total_score)} 分",
                )

    def _quality(self, evaluation_id: str, resource: str, ref: str, field: str, code: str, what: str) -> None:
        self.tables["quality"].append(
            {
                "evaluation_id": evaluation_id,
                "resource": resource,
                "ref": ref,
                "field": field,
                "code": code,
                "note": f"{what}，照录（合成数据中有意保留的不一致）。",
            }
        )

    # -- narrative

    def _section(self, evaluation_id: str, section: str, title: str, paragraphs: list[str]) -> None:
        rows = self.tables["narrative"]
        order = 1 + sum(1 for row in rows if row["evaluation_id"] == evaluation_id)
        path = f"narrative/{evaluation_id}-{section}.md"
        rows.append(
            {"evaluation_id": evaluation_id, "order": str(order), "section": section, "title": title, "file": path}
        )
        self.texts[path] = "\n\n".join(paragraphs) + "\n"

    def _stated(self, evaluation: Evaluation, scope: str, label: str, weight: str, score: Decimal) -> None:
        self.tables["stated_scores"].append(
            {
                "evaluation_id": evaluation.evaluation_id,
                "stated_in": evaluation.evaluation_id,
                "scope": scope,
                "label": label,
                "weight": weight,
                "score": fmt(score),
            }
        )

    def _states_total(self, evaluation: Evaluation, chance: float) -> Decimal | None:
        """The total score the narrative states, if it states one (forced where E-STATED is acknowledged)."""
        if evaluation.stated_score is not None:
            return evaluation.stated_score
        return evaluation.total_score if self.rng.random() < chance else None

    def _department_narrative(self, evaluation: Evaluation) -> None:
        rng, year = self.rng, self.year
        self._section(
            "department", "functions", "主要职能", [f"（{i}）{duty}。" for i, (duty, *_) in enumerate(self.duties, 1)]
        )
        staff = ""
        if self.staff:
            staff = f"本单位在职在编人员 {self.staff[0]} 名，劳务人员 {self.staff[1]} 名，退休人员 {self.staff[2]} 名。"
        self._section(
            "department",
            "organisation",
            "机构设置及人员配置",
            [f"根据单位职责分工，本单位内设机构包括{'、'.join(self.offices)}。本单位无下属单位。{staff}"],
        )
        budget, actual = self.department_totals
        results = [
            f"{year} 年度全年预算数 {fmt(budget)} 万元，实际支出数 {fmt(actual)} 万元，"
            f"预算执行率 {fmt(rate(actual, budget))}%。"
        ]
        for i, (duty, target, _) in enumerate(rng.sample(self.duties, rng.randint(2, 5)), 1):
            results.append(f"{i}、" + rng.choice(V.RESULTS).format(duty=duty.removeprefix("负责"), target=target))
        self._section("department", "results", "主要成效", results)
        problems = rng.sample(V.PROBLEMS, rng.randint(1, 3))
        self._section("department", "problems", "存在问题", [f"（{NUMERALS[i]}）{p}" for i, p in enumerate(problems)])
        self._section("department", "measures", "整改举措", rng.sample(V.MEASURES, rng.randint(1, 3)))
        stated = self._states_total(evaluation, 0.6)
        if stated is not None:
            grade = f"，绩效等级为“{evaluation.grade}”" if evaluation.grade else ""
            self._section(
                "department",
                "evaluation",
                "自评结论",
                [f"经自评，{year} 年度部门整体支出绩效自评得分 {fmt(stated)} 分{grade}。"],
            )
            self._stated(evaluation, "合计", f"{year} 年度部门整体支出绩效自评得分", "", stated)

    def _project_narrative(self, evaluation: Evaluation, spec: tuple) -> None:
        rng, year, name = self.rng, self.year, evaluation.title
        _, _, label, unit, *_ = spec
        sections: list[tuple[str, str, list[str]]] = []
        sections.append(
            (
                "overview",
                "项目概况",
                [
                    f"{name}项目由{self.plan.name}组织实施。{year} 年全年预算数 {fmt(evaluation.budget)} 万元，"
                    f"实际支出 {fmt(evaluation.actual)} 万元，"
                    f"预算执行率 {fmt(rate(evaluation.actual, evaluation.budget))}%。",
                    f"项目资金严格按照{self.plan.supervisor}及财政部门的有关规定使用，专款专用。",
                ],
            )
        )
        qty = next((r for r in evaluation.rows if r.level3 == label), None)
        if qty is not None and rng.random() < 0.5:
            sections.append(
                ("goals", "绩效目标", [f"通过实施本项目，{label}目标为{qty.target}，保障各项工作正常开展。"])
            )
        stated = self._states_total(evaluation, 0.7)
        grade = f"，等级为{evaluation.grade}" if evaluation.grade else ""
        said = f"{year} 年{name}项目自评价得分为 {fmt(stated)} 分{grade}。" if stated is not None else ""
        sections.append(
            ("evaluation", "评价情况", [f"单位成立绩效自评工作小组，对照年初绩效目标逐项开展自评。{said}".strip()])
        )
        if stated is not None:
            self._stated(evaluation, "合计", f"{year} 年{name}项目自评价得分", "", stated)
        if rng.random() < 0.6:
            paragraphs = []
            for level1 in ("产出指标", "效益指标"):
                rows = [r for r in evaluation.rows if r.level1 == level1 and r.status == "scored"]
                weight, score = sum((r.weight for r in rows), ZERO), sum((r.score for r in rows), ZERO)
                paragraphs += [f"### {level1}", f"{level1[:2]}类指标分值 {fmt(weight)} 分，实际得分 {fmt(score)} 分。"]
                if rng.random() < 0.5:
                    self._stated(evaluation, level1, f"{level1[:2]}类指标分值、实际得分", fmt(weight), score)
            if qty is not None:
                paragraphs.append(f"全年{label}实际完成 {qty.actual}（目标 {qty.target}）。")
            sections.append(("performance", "项目绩效", paragraphs))
        if rng.random() < 0.7:
            sections.append(("problems", "存在问题", [rng.choice(V.PROBLEMS)]))
        if rng.random() < 0.7:
            sections.append(("measures", "整改措施", rng.sample(V.MEASURES, rng.randint(1, 2))))
        for i, (section, title, paragraphs) in enumerate(sections):
            self._section(evaluation.evaluation_id, section, f"{NUMERALS[i]}、{title}", paragraphs)


def _budget_row(
    evaluation_id: str,
    line_id: str,
    parent: str,
    order: int,
    label: str,
    kind: str,
    budget: Decimal,
    actual: Decimal,
    initial: Decimal | None = None,
    rate_published: Decimal | None = None,
    weight: Decimal | None = None,
    score: Decimal | None = None,
    derived: str = "",
    note: str = "",
) -> dict[str, str]:
    def cell(value: Decimal | None) -> str:
        return "" if value is None else fmt(value)

    return {
        "evaluation_id": evaluation_id,
        "line_id": line_id,
        "parent_id": parent,
        "order": str(order),
        "label": label,
        "kind": kind,
        "amount_unit": "万元",
        "budget_initial": cell(initial),
        "budget": fmt(budget),
        "actual": fmt(actual),
        "rate_published": cell(rate_published),
        "share_published": "",
        "weight": cell(weight),
        "score": cell(score),
        "derived": derived,
        "note": note,
    }


def _csv_text(name: str, rows: list[dict[str, str]]) -> str:
    """A table as the scaffold writes it: header from jixiao/ingest/tables.py, \\n line ends."""
    buffer = io.StringIO()
    columns = header(name)
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return buffer.getvalue()


# ------------------------------------------------------------------------------ write

_DESCRIPTORS: dict[int, str] = {}
UNIT_MARK, TITLE_MARK = "unitmarker", "@@title@@"


def descriptor_text(unit_id: str, year: int, title: str) -> str:
    """datapackage.json as ``build.py new`` writes it, from a per-year template (writing 25 KB of
    JSON per package through json.dumps would be a third of the generator's time)."""
    if year not in _DESCRIPTORS:
        with tempfile.TemporaryDirectory() as scratch:
            write_descriptor(Path(scratch), package_descriptor(UNIT_MARK, year, TITLE_MARK))
            text = (Path(scratch) / "datapackage.json").read_text(encoding="utf-8")
        if text.count(UNIT_MARK) != 1 or text.count(TITLE_MARK) != 1:
            raise RuntimeError("descriptor template markers are not unique")
        _DESCRIPTORS[year] = text
    return (
        _DESCRIPTORS[year].replace(UNIT_MARK, unit_id).replace(TITLE_MARK, json.dumps(title, ensure_ascii=False)[1:-1])
    )


def package_title(plan: UnitPlan, year: int) -> str:
    return f"{plan.name} {year} 年度绩效自评"


def write_unit(job: tuple[UnitPlan, list[int], int, int, str]) -> tuple[int, int, int]:
    """Write every year of one unit; returns (packages, files, bytes)."""
    plan, years, projects, seed, out = job
    files = size = 0
    for year in years:
        directory = Path(out) / plan.unit_id / str(year)
        (directory / "narrative").mkdir(parents=True, exist_ok=True)
        contents = PackageMaker(plan, year, projects, seed).build()
        contents["datapackage.json"] = descriptor_text(plan.unit_id, year, package_title(plan, year))
        for relative, text in contents.items():
            data = text.encode("utf-8")
            (directory / relative).write_bytes(data)
            files += 1
            size += len(data)
    return len(years), files, size


def generate(
    out: Path, units: int, years: int, projects: int, seed: int, last_year: int = 2024, jobs: int = 1
) -> dict[str, object]:
    """Write the whole set into ``out`` (which must not hold packages yet); returns the manifest."""
    started = time.perf_counter()
    year_list = list(range(last_year - years + 1, last_year + 1))
    out.mkdir(parents=True, exist_ok=True)
    jobs_list = [(plan, year_list, projects, seed, str(out)) for plan in plan_units(units, seed)]
    if jobs > 1:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            counts = list(pool.imap_unordered(write_unit, jobs_list, chunksize=max(1, len(jobs_list) // (jobs * 8))))
    else:
        counts = [write_unit(job) for job in jobs_list]
    manifest = {
        "units": units,
        "years": years,
        "projects": projects,
        "seed": seed,
        "last_year": last_year,
        "generator": generator_digest(),
        "packages": sum(c[0] for c in counts),
        "files": sum(c[1] for c in counts),
        "bytes": sum(c[2] for c in counts),
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="合成基准测试数据：与 data/ 中真实数据包同构、可通过验证")
    parser.add_argument("--units", type=int, default=100, help="单位数（默认 100）")
    parser.add_argument("--years", type=int, default=3, help="每个单位的年度数（默认 3）")
    parser.add_argument(
        "--projects", type=int, default=5, help="每个数据包的项目评价数（默认 5，另有 1 个部门整体评价）"
    )
    parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）")
    parser.add_argument("--last-year", type=int, default=2024, help="最后一个年度（默认 2024）")
    parser.add_argument("--out", type=Path, help="输出目录（默认 bench/out/units-N）；不得在 data/ 内")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="并行进程数")
    parser.add_argument("--force", action="store_true", help="输出目录已有内容时先删除")
    args = parser.parse_args(argv)
    if args.units < 1 or args.years < 1 or args.projects < 0:
        parser.error("--units、--years 须为正数，--projects 不得为负")
    out = args.out or BENCH_DIR / "out" / f"units-{args.units}"
    if out.resolve().is_relative_to((BENCH_DIR.parent / "data").resolve()):
        parser.error(f"{out} 在 data/ 内：合成数据不得写入真实数据目录")
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{out} 已有内容；加 --force 先删除")
        shutil.rmtree(out)
    manifest = generate(out, args.units, args.years, args.projects, args.seed, args.last_year, max(1, args.jobs))
    print(
        f"{out}: {manifest['packages']} 个数据包，{manifest['files']} 个文件，"
        f"{manifest['bytes'] / 1e6:.1f} MB，用时 {manifest['seconds']} 秒"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
