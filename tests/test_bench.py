"""The benchmark's synthetic data and helpers (not timed): valid, shaped like data/, deterministic."""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.config import GRADE_BANDS
from jixiao.ingest.tables import package_descriptor
from jixiao.ingest.validate import validate_directory

ROOT = Path(__file__).resolve().parents[1]


sys.path.insert(0, str(ROOT / "bench"))  # make_data's worker processes import it by name
import make_data  # noqa: E402


def _load_run():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench_run = _load_run()


def _generate(out: Path, units: int = 3, years: int = 2, projects: int = 2, seed: int = 7, jobs: int = 1) -> Path:
    make_data.generate(out, units, years, projects, seed, jobs=jobs)
    return out


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def _tree(directory: Path) -> dict[str, bytes]:
    """Every file's bytes, except the manifest (it records how long generation took)."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and p.name != make_data.MANIFEST
    }


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 units × 2 years × (1 department + 2 projects)."""
    return _generate(tmp_path_factory.mktemp("bench") / "tiny")


def test_tiny_set_validates_without_errors(tiny: Path) -> None:
    results = validate_directory(tiny, GRADE_BANDS)
    assert len(results) == 6
    errors = [f.text() for r in results for f in r.errors]
    assert errors == []


def test_packages_are_shaped_like_the_real_ones(tiny: Path) -> None:
    for package in sorted(tiny.glob("*/*/datapackage.json")):
        directory = package.parent
        evaluations = _rows(directory / "evaluations.csv")
        assert [e["kind"] for e in evaluations] == ["department", "project", "project"]
        assert {e["unit_id"] for e in evaluations} == {directory.parent.name}
        narrative = _rows(directory / "narrative.csv")
        assert {n["evaluation_id"] for n in narrative} == {e["evaluation_id"] for e in evaluations}
        assert all((directory / n["file"]).is_file() for n in narrative)
        unit = _rows(directory / "unit.csv")[0]
        assert unit["name"].startswith(unit["region"]) and unit["province"].endswith(("省", "自治区"))


def test_descriptor_is_the_canonical_one_as_build_py_new_writes_it(tiny: Path, tmp_path: Path) -> None:
    import json

    from jixiao.commands.scaffold import write_descriptor

    package = sorted(tiny.glob("*/*/datapackage.json"))[0]
    unit_id, year = package.parent.parent.name, int(package.parent.name)
    title = json.loads(package.read_text("utf-8"))["title"]
    write_descriptor(tmp_path, package_descriptor(unit_id, year, title))
    assert package.read_bytes() == (tmp_path / "datapackage.json").read_bytes()


def test_indicator_tables_have_20_to_45_rows_over_three_levels(tiny: Path) -> None:
    for path in tiny.glob("*/*/indicators.csv"):
        rows = _rows(path)
        counts = Counter(row["evaluation_id"] for row in rows)
        assert all(20 <= count <= 45 for count in counts.values()), (path, counts)
        for row in rows:
            assert row["level1"] and row["level2"]
            assert row["level3"] or row["status"] == "empty"
            if row["status"] == "scored":
                assert Decimal(row["score"]) <= Decimal(row["weight"])


def test_budget_hierarchies_add_up(tiny: Path) -> None:
    for path in tiny.glob("*/*/budget.csv"):
        acknowledged = {
            (q["evaluation_id"], q["ref"], q["field"])
            for q in _rows(path.parent / "quality.csv")
            if q["code"] == "E-SUM"
        }
        rows = _rows(path)
        for parent in rows:
            children = [
                r for r in rows if r["evaluation_id"] == parent["evaluation_id"] and r["parent_id"] == parent["line_id"]
            ]
            if not children:
                continue
            for column in ("budget_initial", "budget", "actual"):
                if not parent[column] or (parent["evaluation_id"], parent["line_id"], column) in acknowledged:
                    continue
                assert sum(Decimal(c[column]) for c in children) == Decimal(parent[column]), (path, parent, column)
        department = {r["line_id"]: r for r in rows if r["evaluation_id"] == "department"}
        assert set(department) >= {"total", "basic", "project", "item-1"}


def test_same_seed_same_bytes_different_seed_different(tiny: Path, tmp_path: Path) -> None:
    again = _generate(tmp_path / "again", jobs=2)
    assert _tree(again) == _tree(tiny)
    other = _generate(tmp_path / "other", seed=8)
    assert _tree(other) != _tree(tiny)


def test_a_larger_set_exercises_flags_and_acknowledgements(tmp_path: Path) -> None:
    data = _generate(tmp_path / "flags", units=12, years=1, projects=5, seed=1)
    results = validate_directory(data, GRADE_BANDS)
    assert [f.text() for r in results for f in r.errors] == []
    flagged = Counter(f.code for r in results for f in r.flags)
    assert flagged["F-OVER-BUDGET"] or flagged["F-FUNDS-EXCLUDED"]
    acknowledged = sum(len(_rows(p)) for p in data.glob("*/*/quality.csv"))
    assert acknowledged > 0
    assert sum(flagged[code] for code in flagged if code.startswith("E-")) == acknowledged


def test_refuses_to_write_into_data(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        make_data.main(["--units", "1", "--out", str(ROOT / "data" / "synthetic")])
    assert not (ROOT / "data" / "synthetic").exists()


def test_write_floor_and_memory_sampling(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "index.html").write_bytes(b"x" * 10)
    (site / "a" / "b" / "page.html").write_bytes(b"y" * 1000)
    files = bench_run.site_files(site)
    assert sorted(files) == [("a/b/page.html", 1000), ("index.html", 10)]
    assert bench_run.write_floor(files, 2, target=tmp_path / "floor") >= 0
    assert not (tmp_path / "floor").exists()
    assert bench_run.tree_rss(os.getpid()) > 10 * 1024 * 1024


def test_targets_of_issue_28_are_judged_from_the_figures() -> None:
    """Each target is met, not met (with the figure) or not measured; the peers' ratios are pages/s over pages/s."""
    run = bench_run.Run
    small = bench_run.Result("200", 200, 600, None, run(40.0, 0, int(0.5e9), {"pages": 4000}, ""))
    small.clean_walls = [40.0, 38.0, 50.0]  # median 40 s: 100 pages/s
    small.hugo, small.pagefind = [10.0, 9.0, 11.0], [20.0, 30.0, 10.0]  # Hugo 400 pages/s; stack medians 30 s
    mid = bench_run.Result("1000", 1000, 3000, None, run(100.0, 0, int(1.5e9), {"pages": 20000}, ""))
    mid.clean_walls, mid.clean_peak = [100.0], int(2.5e9)
    mid.hugo, mid.pagefind = [50.0], [150.0]  # Hugo + Pagefind 100 pages/s, jixiao 200 pages/s
    mid.files, mid.bytes = 100, int(0.9e9)  # 0.86 MiB per unit
    mid.changed = [run(6.0, 0, 0, None, ""), run(4.0, 0, 0, None, ""), run(4.5, 0, 0, None, "")]
    mid.unchanged = [run(0.4, 0, 0, None, "")]
    assert small.ratio_to(small.stack_rate) == pytest.approx(100 / (4000 / 30))
    assert mid.ratio_to(mid.stack_rate) == pytest.approx(2.0) and mid.ratio_to(mid.hugo_rate) == pytest.approx(0.5)
    verdicts = {t.name: t for t in bench_run.targets({"200": small, "1000": mid})}
    names = bench_run.TARGETS
    assert verdicts[names[0]].verdict == "not met" and "0.75×" in verdicts[names[0]].detail
    assert verdicts[names[1]].verdict == "met" and "2.00×" in verdicts[names[1]].detail
    assert verdicts[names[2]].verdict == "not met" and "0.50× at 1,000 units" in verdicts[names[2]].detail
    assert verdicts[names[3]].verdict == "met" and verdicts[names[4]].verdict == "not met"
    assert verdicts[names[5]].verdict == "met"
    assert verdicts[names[6]].verdict == "met" and verdicts[names[6]].detail.startswith("4.50 s")
    assert verdicts[names[7]].verdict == "met"
    assert [verdicts[n].verdict for n in names[8:]] == ["not measured"] * 3
    mid.bytes = int(1.1 * 1024 * 1024 * 1000)  # 1.15 GB, 1.1 MiB a unit
    assert {t.name: t.verdict for t in bench_run.targets({"1000": mid})}[names[5]] == "not met"


def test_the_sharded_projection_is_the_slowest_shard_plus_the_merge() -> None:
    run = bench_run.Run
    big = bench_run.Result("5000", 5000, 15000, None, run(900.0, 0, 0, {"pages": 95000}, ""))
    big.shards = [run(seconds, 0, 0, None, "") for seconds in (100, 120, 110, 100, 90, 100, 105, 115)]
    big.merge = run(200.0, 0, 0, None, "")
    assert big.shard_projection[8] == pytest.approx(320.0)
    verdict = {t.name: t for t in bench_run.targets({"5000": big})}[bench_run.TARGETS[10]]
    assert verdict.verdict == "not met" and "8 runners 320 s" in verdict.detail
    big.merge = run(200.0, 1, 0, None, "boom")
    assert big.shard_projection == {}


def test_validate_speed_measures_both_paths_and_the_quick_one_is_taken(
    tiny: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench/validate_speed.py reports per-package costs; synthetic packages go the quick way, as real ones do."""
    from jixiao.ingest import conformance, validate
    from jixiao.ingest.load import find_packages, read_package

    assert all(conformance.conforms(read_package(p, tiny)) for p in find_packages(tiny))
    spec = importlib.util.spec_from_file_location("validate_speed", ROOT / "bench" / "validate_speed.py")
    speed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(speed)
    monkeypatch.setattr(validate, "conforms", validate.conforms)  # --frictionless-always replaces it; undo after
    assert speed.main([str(tiny), "--limit", "3"]) == 0
    assert speed.main([str(tiny), "--limit", "3", "--frictionless-always"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(str(tiny))]
    assert len(lines) == 2 and all("3 packages, 0 errors" in line and "validate" in line for line in lines)


def test_a_set_written_under_another_schema_is_not_reused(tmp_path: Path, monkeypatch) -> None:
    """The generator digest covers the schema files: run.py regenerates a set of an older schema."""
    bench = tmp_path / "bench"
    ingest = tmp_path / "jixiao" / "ingest"
    bench.mkdir()
    ingest.mkdir(parents=True)
    for name in ("make_data.py", "vocabulary.py"):
        (bench / name).write_bytes((ROOT / "bench" / name).read_bytes())
    for name in ("fields.py", "tables.py"):
        (ingest / name).write_bytes((ROOT / "jixiao" / "ingest" / name).read_bytes())
    monkeypatch.setattr(make_data, "BENCH_DIR", bench)
    before = make_data.generator_digest()
    assert before == make_data.generator_digest()
    (ingest / "fields.py").write_text("SCHEMA_VERSION = 99\n", "utf-8")
    assert make_data.generator_digest() != before
