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


EDITORS_FILES = [".unit.csv.swp", ".unit.csv.swx", "4913", "unit.csv~", ".#unit.csv", "#unit.csv#", "~$unit.csv"]
"""What vim, Emacs, Excel/WPS and LibreOffice put beside an open file (written out here, not taken from load.py)."""


@pytest.mark.parametrize("name", [*EDITORS_FILES, ".~lock.unit.csv#"])
def test_an_editors_temporary_file_changes_no_signature(package: Path, name: str) -> None:
    """In the package folder itself (one in narrative/ changes that folder's mtime, which is hashed)."""
    before = plan.stat_signature(package)
    (package / name).write_text("", "utf-8")
    assert plan.stat_signature(package) == before


@pytest.mark.parametrize("name", ["4913.md", "a~b.md", "#notes.md", ".hidden.md", "~draft.md"])
def test_a_file_named_almost_like_an_editors_is_noticed(package: Path, name: str) -> None:
    before = plan.stat_signature(package)
    (package / name).write_text("", "utf-8")
    assert plan.stat_signature(package) != before


def test_a_folder_named_like_an_editors_file_is_still_hashed(package: Path) -> None:
    """Only files are skipped: a folder ``4913/`` (or a file in it) is content of the package."""
    before = plan.stat_signature(package)
    (package / "4913").mkdir()
    after = plan.stat_signature(package)
    assert after != before
    (package / "4913" / "x.md").write_text("", "utf-8")
    assert plan.stat_signature(package) != after


def test_library_versions_are_read_from_the_dist_info_folders(tmp_path: Path, monkeypatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Markdown_It_Py-4.0.1.dist-info").mkdir(parents=True)
    (first / "markdown_it").mkdir()
    (second / "markdown_it_py-9.9.9.dist-info").mkdir(parents=True)  # shadowed: the first on sys.path wins
    (second / "jinja2-3.1.2.dist-info").mkdir()
    monkeypatch.setattr("sys.path", [str(tmp_path / "missing"), str(first), str(second)])
    assert plan.library_versions(["markdown-it-py", "jinja2"]) == {"markdown-it-py": "4.0.1", "jinja2": "3.1.2"}


def test_the_fingerprint_names_the_installed_versions() -> None:
    """The versions importlib.metadata reports (the other way of finding them), for every library in the key."""
    from importlib.metadata import version

    assert plan.library_versions(plan.LIBRARIES) == {name: version(name) for name in plan.LIBRARIES}
