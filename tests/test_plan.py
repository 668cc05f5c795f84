"""The plan's change check: a package is read again exactly when a stat says it may have changed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from jixiao.assemble import plan


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "unit-a" / "2024"
    (folder / "narrative").mkdir(parents=True)
    (folder / "unit.csv").write_text("unit_id,name\nunit-a,单位甲\n", "utf-8")
    (folder / "narrative" / "x.md").write_text("正文", "utf-8")
    time.sleep(0.05)  # past the file system's timestamp tick, so an edit gets a new ctime
    return folder


def test_an_unchanged_folder_has_the_same_signature(package: Path) -> None:
    assert plan.stat_signature(package) == plan.stat_signature(package)


def test_an_edit_that_puts_size_and_mtime_back_is_noticed(package: Path) -> None:
    before = plan.stat_signature(package)
    path = package / "unit.csv"
    info = path.stat()
    path.write_text("unit_id,name\nunit-a,单位乙\n", "utf-8")  # same size
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
    assert plan.stat_signature(package) != before


@pytest.mark.parametrize("change", ["add", "remove", "rename", "mode"])
def test_entries_added_removed_renamed_or_chmodded_are_noticed(package: Path, change: str) -> None:
    before = plan.stat_signature(package)
    narrative = package / "narrative" / "x.md"
    if change == "add":
        (package / "narrative" / "y.md").write_text("", "utf-8")
    elif change == "remove":
        narrative.unlink()
    elif change == "rename":
        narrative.rename(package / "narrative" / "z.md")
    else:
        narrative.chmod(0o600 if narrative.stat().st_mode & 0o044 else 0o644)
    assert plan.stat_signature(package) != before


def test_nothing_is_hashed_while_the_stats_match(package: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "digests.json"
    first = plan.DigestCache(cache)
    digest = first.digest(package)
    first.save()

    def refuse(*args, **kwargs):
        raise AssertionError("a package whose stats match the cache was read again")

    monkeypatch.setattr(plan, "tree_digest", refuse)
    assert plan.DigestCache(cache).digest(package) == digest
    (package / "unit.csv").write_text("unit_id,name\nunit-a,单位丙丙\n", "utf-8")
    with pytest.raises(AssertionError, match="read again"):
        plan.DigestCache(cache).digest(package)


def test_a_cache_of_another_form_is_recomputed_not_trusted(package: Path, tmp_path: Path) -> None:
    cache = tmp_path / "digests.json"
    entry = {str(package.resolve()): [plan.stat_signature(package), "stale"]}  # no version: an older form
    cache.write_text(json.dumps(entry), "utf-8")
    assert plan.DigestCache(cache).digest(package) == plan.tree_digest(package)
    cache.write_text(json.dumps({"": plan.DigestCache.VERSION, **entry}), "utf-8")
    assert plan.DigestCache(cache).digest(package) == "stale"  # the same entry in the current form is trusted


def test_a_manifest_reads_back_its_key_and_units(tmp_path: Path) -> None:
    units = {"unit-a": {"key": "1" * 64, "files": ["units/unit-a/index.html"]}}
    path = tmp_path / "manifest.json"
    path.write_text(plan.Manifest("f" * 64, units).to_json(), "utf-8")
    read = plan.Manifest.read(path)
    assert read is not None and read.build_key == "f" * 64 and read.units == units
    path.write_text(json.dumps({"version": plan.MANIFEST_VERSION, "build_key": "e" * 64, "units": units}), "utf-8")
    read = plan.Manifest.read(path)  # another layout of the same JSON is parsed whole
    assert read is not None and read.build_key == "e" * 64 and read.units == units


def test_a_manifest_cut_short_reuses_nothing(tmp_path: Path) -> None:
    """Its key still names the build in the output folder; its unit lists cannot be trusted, so none is linked."""
    units = {"unit-a": {"key": "1" * 64, "files": ["units/unit-a/index.html"]}}
    path = tmp_path / "manifest.json"
    text = plan.Manifest("f" * 64, units).to_json()
    path.write_text(text[: len(text) // 2 + 130], "utf-8")
    read = plan.Manifest.read(path)
    assert read is not None and read.build_key == "f" * 64 and read.units == {}
    path.write_text("{", "utf-8")
    assert plan.Manifest.read(path) is None
    assert plan.Manifest.read(tmp_path / "missing.json") is None
