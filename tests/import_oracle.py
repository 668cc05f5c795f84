"""The import oracle: how well a draft reproduces a package a person transcribed — recovered, wrong, missing.

Lives with the tests (not in jixiao/), so the code under test never computes its own
expectation; used by the import tests and by bench/import_report.py.  A figure is every
filled cell of the columns a form prints (amounts, weights, scores, indicator names,
targets, actuals); fields the transcriber derived (``derived``) are not in the form and
are left out.  Figures compare as printed, digit for digit and character for character
(``8.50`` is not ``8.5``: the package keeps what the form prints, and so must the draft).
A value that differs is *wrong*, one the draft wrote where the package has none is *invented*: both
worse than missing.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SPLIT_FIELDS = ("nature", "target_value", "measure_unit", "actual_value")
EVALUATION_FIELDS = ("title", "supervisor", "implementing_unit", "total_weight", "total_score")
BUDGET_FIGURES = (
    "budget_initial",
    "budget",
    "funds_received",
    "actual",
    "rate_published",
    "weight",
    "score",
    "ambiguous_amounts",
    "ambiguous_columns",
)
INDICATOR_FIGURES = (
    "level1",
    "level1_weight",
    "level2",
    "level2_weight",
    "level3",
    "nature",
    "target",
    "target_value",
    "measure_unit",
    "actual",
    "actual_value",
    "weight",
    "weight_share",
    "score",
    "score_converted",
)


@dataclass
class Tally:
    """Figures of one evaluation: how many the package has, and what the draft did with them."""

    total: int = 0
    recovered: int = 0
    wrong: list[str] = field(default_factory=list)
    """Figures the draft read differently from the form."""
    invented: list[str] = field(default_factory=list)
    """Values the draft wrote where the form prints none (or rows it does not have)."""
    missing: list[str] = field(default_factory=list)
    additional: list[str] = field(default_factory=list)
    """Values split from a printed target or actual (≥1000件 → ≥, 1000, 件) where the package left them blank."""

    def add(self, other: Tally) -> None:
        self.total += other.total
        self.recovered += other.recovered
        self.wrong += other.wrong
        self.invented += other.invented
        self.missing += other.missing
        self.additional += other.additional


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def squeeze(text: str) -> str:
    """Text without white space, to pair rows by name (PDF text puts spaces inside words)."""
    return "".join(text.split())


def _same(left: str, right: str) -> bool:
    """Printed digits and text exactly."""
    return left == right


def _tally(tally: Tally, where: str, expected: dict[str, str] | None, got: dict[str, str] | None, names) -> None:
    for name in names:
        want = (expected or {}).get(name, "") or ""
        have = (got or {}).get(name, "") or ""
        if want:
            tally.total += 1
        if want and have and _same(want, have):
            tally.recovered += 1
        elif have and not want and expected is not None and name in SPLIT_FIELDS:
            tally.additional.append(f"{where} {name}: {have!r}")
        elif have and have != "待填" and not want:
            tally.invented.append(f"{where} {name}: 原表无此值，草稿作 {have!r}")
        elif have and have != "待填":
            tally.wrong.append(f"{where} {name}: 应为 {want!r}，读作 {have!r}")
        elif want:
            tally.missing.append(f"{where} {name}")


def match_evaluations(expected: Path, draft: Path) -> dict[str, str | None]:
    """Package evaluation id → draft evaluation id, by the printed project or unit name."""
    wanted = _rows(expected / "evaluations.csv")
    found = {squeeze(row["title"]): row["evaluation_id"] for row in _rows(draft / "evaluations.csv")}
    return {row["evaluation_id"]: found.get(squeeze(row["title"])) for row in wanted}


def compare(
    expected: Path,
    draft: Path,
    evaluations: list[str] | None = None,
    skip_derived: bool = True,
    printed: Callable[[dict[str, str]], bool] | None = None,
) -> Tally:
    """Tally every printed figure of the package's evaluations (or the ones named) against the draft.

    ``printed`` limits the budget lines counted to those a form prints (the national template has no 明细项目).
    """
    pairs = match_evaluations(expected, draft)
    if evaluations is not None:
        pairs = {key: value for key, value in pairs.items() if key in evaluations}
    tally = Tally()
    got_evaluations = {row["evaluation_id"]: row for row in _rows(draft / "evaluations.csv")}
    for row in _rows(expected / "evaluations.csv"):
        if row["evaluation_id"] in pairs:
            found = got_evaluations.get(pairs[row["evaluation_id"]] or "")
            _tally(tally, row["evaluation_id"], row, found, EVALUATION_FIELDS)
    _budget(tally, expected, draft, pairs, skip_derived, printed)
    _indicators(tally, expected, draft, pairs)
    return tally


Printed = Callable[[dict[str, str]], bool] | None


def _budget(
    tally: Tally, expected: Path, draft: Path, pairs: dict[str, str | None], skip_derived: bool, printed: Printed
) -> None:
    got: dict[tuple[str, str, int], dict[str, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in _rows(draft / "budget.csv"):
        key = (row["evaluation_id"], row["kind"])
        seen[key] = seen.get(key, 0) + 1
        got[(*key, seen[key])] = row
    counted: dict[tuple[str, str], int] = {}
    matched = set()
    for row in _rows(expected / "budget.csv"):
        if row["evaluation_id"] not in pairs or (printed is not None and not printed(row)):
            continue
        key = (row["evaluation_id"], row["kind"])
        counted[key] = counted.get(key, 0) + 1
        draft_key = (pairs[row["evaluation_id"]] or "", row["kind"], counted[key])
        matched.add(draft_key)
        derived = set(row.get("derived", "").split()) if skip_derived else set()
        names = [name for name in BUDGET_FIGURES if name not in derived]
        _tally(tally, f"{row['evaluation_id']} budget {row['line_id']}", row, got.get(draft_key), names)
    mine = {value for value in pairs.values() if value}
    for draft_key, row in got.items():
        if draft_key[0] in mine and draft_key not in matched:
            _tally(tally, f"{draft_key[0]} budget {row['line_id']}（多出的行）", None, row, BUDGET_FIGURES)


def _indicator_key(row: dict[str, str]) -> tuple[str, ...]:
    if row.get("level3"):
        return ("3", squeeze(row["level3"]))
    return ("2", squeeze(row.get("level1", "")), squeeze(row.get("level2", "")))


def _indicators(tally: Tally, expected: Path, draft: Path, pairs: dict[str, str | None]) -> None:
    got: dict[tuple, list[dict[str, str]]] = {}
    for row in _rows(draft / "indicators.csv"):
        got.setdefault((row["evaluation_id"], *_indicator_key(row)), []).append(row)
    for row in _rows(expected / "indicators.csv"):
        if row["evaluation_id"] not in pairs:
            continue
        candidates = got.get((pairs[row["evaluation_id"]] or "", *_indicator_key(row)), [])
        found = candidates.pop(0) if candidates else None
        _tally(tally, f"{row['evaluation_id']} 指标第{row['row']}行", row, found, INDICATOR_FIGURES)
    mine = {value for value in pairs.values() if value}
    for key, rows in got.items():
        for row in rows:
            if key[0] in mine:
                _tally(tally, f"{key[0]} 指标第{row['row']}行（未对应到原包的行）", None, row, INDICATOR_FIGURES)


CLERK = Path(__file__).resolve().parent / "fixtures" / "clerk" / "forms"
"""Forms typed up from data/ the way clerks do (tests/fixtures/clerk/make_clerk_forms.py)."""
CLERK_PACKAGES = CLERK.parent / "packages"
"""The package tables each clerk-made form was typed from: their oracle (data/ may have moved on since)."""


def clerk_form(path: Path) -> tuple[str, str, str]:
    """(unit, year, evaluation) of a clerk-made file, from its name UNIT-YEAR-EVALUATION.FORMAT."""
    parts = path.name.split(".")[0].split("-")
    at = next(k for k, part in enumerate(parts) if len(part) == 4 and part.isdigit())
    return "-".join(parts[:at]), parts[at], "-".join(parts[at + 1 :])


def clerk_printed(row: dict[str, str]) -> bool:
    """The budget lines a clerk-made form prints: all but figures the package could not place in a column."""
    return not row["ambiguous_amounts"]


def import_file(source: Path, scratch: Path, year: str, evaluation: str | None = None) -> Path | None:
    """Run ``build.py import`` quietly into SCRATCH; the draft folder, or None when no form was recognised."""
    import contextlib
    import io

    from jixiao.cli import main

    data = scratch / "data"
    args = ["import", str(source), "--unit", "imported", "--year", year, "--data", str(data)]
    args += ["--sources", str(scratch / "sources"), *(["--evaluation", evaluation] if evaluation else [])]
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        code = main(args)
    return data / "imported" / year if code == 0 else None


def measure_clerk(source: Path, scratch: Path, data_dir: Path = CLERK_PACKAGES) -> Tally | None:
    """How much of its package one clerk-made file gives back (None: nothing recognised)."""
    unit, year, evaluation = clerk_form(source)
    draft = import_file(source, scratch, year, evaluation)
    if draft is None:
        return None
    return compare(data_dir / unit / year, draft, [evaluation], printed=clerk_printed)
