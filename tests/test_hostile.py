"""A hostile pull request or a careless command loses nothing and leaks nothing.

The bad-input corpus: each case breaks a copy of one real package (or the command line)
in one way and asserts exit 1, a located Chinese message with its code, no traceback,
nothing published, and the previously built site byte for byte as it was.  Add a case
here for every new way in.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from site_fixtures import DATA, REPO, read_csv, tree_bytes, write_csv

from jixiao.assemble.write import MARKER
from jixiao.cli import main

UNIT = "rugao-landloss"
"""The case package: 如皋市被征地农民基本生活保障资金管理中心 2023 (one department form with narrative)."""
YEAR = "2023"
SECRET = "JIXIAO_TEST_SECRET_VALUE"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """One package and the site built from it: (data folder, site folder)."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(DATA / UNIT / YEAR, data / UNIT / YEAR)
    site = root / "site"
    code, err = _build(data, site)
    assert code == 0, err
    return data, site


def _build(data: Path, out: Path, *extra: str) -> tuple[int, str]:
    """``build.py build`` in this process (stderr captured); returns (exit code, stderr)."""
    stream = io.StringIO()
    with contextlib.redirect_stderr(stream), contextlib.chdir(REPO):
        code = main(["--data", str(data), "build", "--out", str(out), "--quiet", *extra])
    return code, stream.getvalue()


def _validate(data: Path) -> tuple[int, str]:
    stream = io.StringIO()
    with contextlib.redirect_stderr(stream), contextlib.redirect_stdout(stream), contextlib.chdir(REPO):
        code = main(["--data", str(data), "validate"])
    return code, stream.getvalue()


@pytest.fixture
def case(built, tmp_path) -> tuple[Path, Path, Path]:
    """A fresh copy of the data and of the built site: (data, site, package folder)."""
    data_source, site_source = built
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(data_source, data, symlinks=True)
    shutil.copytree(site_source, site, symlinks=True)
    return data, site, data / UNIT / YEAR


def _edit_csv(path: Path, change: Callable[[list[dict[str, str]]], None]) -> None:
    rows = read_csv(path)
    change(rows)
    write_csv(path, rows)


def _assert_refused(data: Path, site: Path, *expected: str, extra: tuple[str, ...] = ()) -> str:
    """Exit 1, each expected text in the messages, no traceback, the site as it was, nothing left beside it."""
    before = tree_bytes(site)
    temporary = site.parent / "system-tmp"
    temporary.mkdir(exist_ok=True)
    saved, tempfile.tempdir = tempfile.tempdir, str(temporary)
    try:
        code, err = _build(data, site, *extra)
    finally:
        tempfile.tempdir = saved
    assert code == 1, err
    assert "Traceback" not in err
    for text in expected:
        assert text in err, f"{text!r} not in:\n{err}"
    assert tree_bytes(site) == before, "the previous site changed"
    assert SECRET not in err
    leftovers = [p.name for p in site.parent.iterdir() if ".jixiao-" in p.name and not p.name.endswith("lock")]
    assert leftovers == []
    assert list(temporary.iterdir()) == [], "temporary files left behind"
    return err


def _narrative_file(package: Path) -> str:
    return read_csv(package / "narrative.csv")[0]["file"]


# --------------------------------------------------------------------------- symlinks and files


def test_narrative_symlink_to_a_secret_is_not_read(case, tmp_path):
    data, site, package = case
    secret = tmp_path / "environ"
    secret.write_text(f"TOKEN={SECRET}\n", "utf-8")
    relative = _narrative_file(package)
    (package / relative).unlink()
    (package / relative).symlink_to(secret)
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/{relative}", "E-SYMLINK")
    code, err = _validate(data)
    assert code == 1 and "E-SYMLINK" in err and SECRET not in err


def test_unreferenced_narrative_symlink_is_refused(case):
    data, site, package = case
    (package / "narrative" / "evil.md").symlink_to("/etc/passwd")
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/narrative/evil.md", "E-SYMLINK")


def test_unlisted_file_is_refused_not_published(case):
    data, site, package = case
    (package / "narrative" / "extra.md").write_text(f"# 未列出\n{SECRET}\n", "utf-8")
    (package / "notes.txt").write_text("草稿\n", "utf-8")
    err = _assert_refused(data, site, "narrative/extra.md", "notes.txt", "E-UNLISTED")
    assert err.count("E-UNLISTED") == 2


def test_csv_symlinked_outside_the_package(case, tmp_path):
    data, site, package = case
    outside = tmp_path / "unit.csv"
    shutil.copyfile(package / "unit.csv", outside)
    (package / "unit.csv").unlink()
    (package / "unit.csv").symlink_to(outside)
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/unit.csv", "E-SYMLINK")


def test_unit_folder_symlinked_from_elsewhere(case, tmp_path):
    data, site, package = case
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(data / UNIT, elsewhere / "other-unit")
    (data / "other-unit").symlink_to(elsewhere / "other-unit", target_is_directory=True)
    _assert_refused(data, site, "data/other-unit", "E-SYMLINK")


@pytest.mark.parametrize("target", ["/dev/zero", "missing-target", "loop"])
def test_special_and_broken_symlinks(case, target):
    """/dev/zero would be read until memory runs out; dangling links and loops used to raise."""
    data, site, package = case
    (package / "budget.csv").unlink()
    if target == "loop":
        (package / "loop").symlink_to("budget.csv")
        (package / "budget.csv").symlink_to("loop")
    else:
        (package / "budget.csv").symlink_to(target)
    result = subprocess.run(
        [sys.executable, "build.py", "--data", str(data), "build", "--out", str(site), "--quiet"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"data/{UNIT}/{YEAR}/budget.csv" in result.stderr and "E-SYMLINK" in result.stderr


def test_directory_where_a_file_is_expected(case):
    data, site, package = case
    (package / "unit.csv").unlink()
    (package / "unit.csv").mkdir()
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/unit.csv", "是文件夹", "E-PATH")


def test_file_over_the_size_limit(case, monkeypatch):
    data, site, package = case
    limit = (package / "datapackage.json").stat().st_size + 100
    _edit_csv(package / "budget.csv", lambda rows: rows[0].update(note="长" * limit))
    size = (package / "budget.csv").stat().st_size
    monkeypatch.setenv("JIXIAO_MAX_FILE_BYTES", str(limit))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/budget.csv", f"{size} 字节", "E-SIZE")


def test_the_size_limit_a_build_reads_under_is_its_configs(case, tmp_path, monkeypatch):
    """``Config.max_file_bytes`` is the limit, not only a part of the fingerprint: set in Config, not in the
    environment, it still refuses the file (and in worker processes, which get the Config)."""
    from jixiao.assemble.pipeline import BuildError, build
    from jixiao.config import Config

    data, site, package = case
    limit = (package / "datapackage.json").stat().st_size + 100
    _edit_csv(package / "budget.csv", lambda rows: rows[0].update(note="长" * limit))
    monkeypatch.delenv("JIXIAO_MAX_FILE_BYTES", raising=False)
    before = tree_bytes(site)
    config = Config(data_dir=data, out_dir=site, max_file_bytes=limit, quiet=True, cache_dir=tmp_path / "cache")
    with contextlib.chdir(REPO), pytest.raises(BuildError) as refused:
        build(config)
    sizes = [f for f in refused.value.findings if f.code == "E-SIZE"]
    assert [f.file for f in sizes] == [f"data/{UNIT}/{YEAR}/budget.csv"], refused.value.findings
    assert tree_bytes(site) == before


# --------------------------------------------------------------------------- text


def test_javascript_url_is_refused(case):
    data, site, package = case
    _edit_csv(package / "sources.csv", lambda rows: rows[0].update(url="javascript:alert(1)"))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/sources.csv 第2行 url", "E-URL")


def test_number_with_a_trailing_newline(case):
    data, site, package = case
    _edit_csv(package / "budget.csv", lambda rows: rows[1].update(actual=rows[1]["actual"] + "\n"))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/budget.csv 第3行 actual", "E-TEXT")


def test_id_with_a_trailing_newline(case):
    data, site, package = case

    def rename(rows):
        rows[-1]["line_id"] += "\n"

    _edit_csv(package / "budget.csv", rename)
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/budget.csv", "line_id", "U+000A", "E-TEXT")


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x00", "\x1b"])
def test_control_characters_in_a_title(case, char):
    data, site, package = case
    _edit_csv(package / "evaluations.csv", lambda rows: rows[0].update(title=rows[0]["title"] + char))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/evaluations.csv 第2行 title", f"U+{ord(char):04X}", "E-TEXT")


def test_control_character_in_narrative(case):
    data, site, package = case
    relative = _narrative_file(package)
    path = package / relative
    path.write_text(path.read_text("utf-8") + "\n行内\x08退格\n", "utf-8")
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/{relative}", "U+0008", "E-TEXT")


def test_huge_integer(case):
    data, site, package = case
    _edit_csv(package / "unit.csv", lambda rows: rows[0].update(staff_total="9" * 30))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/unit.csv 第2行 staff_total", "E-NUMBER")


def test_huge_amount(case):
    data, site, package = case
    _edit_csv(package / "budget.csv", lambda rows: rows[0].update(budget="1" * 400))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/budget.csv 第2行 budget", "E-NUMBER")


# --------------------------------------------------------------------------- folders and descriptors


@pytest.mark.parametrize("name", ["02024", "2024x", "24"])
def test_misnamed_year_folder(case, name):
    data, site, package = case
    shutil.copytree(package, data / UNIT / name)
    _assert_refused(data, site, f"data/{UNIT}/{name}", "四位年份", "E-PATH")


def test_misnamed_unit_folder(case):
    data, site, package = case
    shutil.copytree(data / UNIT, data / "Evil Unit")
    _assert_refused(data, site, "data/Evil Unit", "E-PATH")


def test_folder_without_datapackage_is_an_error(case):
    data, site, package = case
    (data / "new-unit" / "2024").mkdir(parents=True)
    (data / "new-unit" / "2024" / "unit.csv").write_text("unit_id\n", "utf-8")
    _assert_refused(data, site, "data/new-unit/2024/datapackage.json", "E-MISSING-FILE")


def test_deeply_nested_descriptor(case):
    data, site, package = case
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    text = json.dumps(descriptor, ensure_ascii=False)  # json.dumps would recurse: the deep part is text
    text = text[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (package / "datapackage.json").write_text(text, "utf-8")
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/datapackage.json", "嵌套", "E-JSON")


def _resources(package: Path, change: Callable[[list[dict]], None]) -> None:
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    change(descriptor["resources"])
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "utf-8")


def test_resource_listed_twice(case):
    data, site, package = case
    _resources(package, lambda resources: resources.append(dict(resources[0])))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/datapackage.json", "列出了两次", "E-SCHEMA")


def test_backslash_resource_path(case):
    data, site, package = case
    _resources(package, lambda resources: resources[0].update(path="..\\unit.csv"))
    _assert_refused(data, site, f"data/{UNIT}/{YEAR}/datapackage.json resources[0].path", "E-PATH")


def test_empty_data_is_refused_unless_allowed(case, tmp_path):
    data, site, package = case
    empty = tmp_path / "empty"
    empty.mkdir()
    err = _assert_refused(empty, site, "没有任何数据包", "--allow-empty")
    assert "Traceback" not in err
    code, err = _build(empty, site, "--allow-empty")
    assert code == 0, err
    assert (site / MARKER).is_file() and (site / "index.html").is_file()


# --------------------------------------------------------------------------- messages in plain Chinese


def test_empty_csv_message_is_chinese(case):
    data, site, package = case
    (package / "stated_scores.csv").write_bytes(b"")
    err = _assert_refused(data, site, f"data/{UNIT}/{YEAR}/stated_scores.csv", "文件为空")
    assert "the source is empty" not in err


def test_header_only_unit_csv_is_reported_in_unit_csv(case):
    data, site, package = case
    lines = (package / "unit.csv").read_text("utf-8").splitlines(keepends=True)
    (package / "unit.csv").write_text(lines[0], "utf-8")
    err = _assert_refused(data, site, f"data/{UNIT}/{YEAR}/unit.csv")
    first = next(line for line in err.splitlines() if line.startswith("data/"))
    assert first.startswith(f"data/{UNIT}/{YEAR}/unit.csv"), err


def test_extra_unnamed_column_is_named(case):
    data, site, package = case
    path = package / "sources.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",", *(line + ",x" for line in lines[1:])]) + "\n", "utf-8")
    err = _assert_refused(data, site, f"data/{UNIT}/{YEAR}/sources.csv 第1行", "E-HEADER")
    assert "无列名" in err


def test_duplicate_key_names_the_physical_lines(case):
    data, site, package = case
    _edit_csv(package / "budget.csv", lambda rows: rows.append(dict(rows[0])))
    rows = read_csv(package / "budget.csv")
    err = _assert_refused(data, site, f"data/{UNIT}/{YEAR}/budget.csv 第{len(rows) + 1}行", "E-KEY")
    assert "position" not in err and "第2行" in err


# --------------------------------------------------------------------------- the output folder


def test_out_folder_holding_other_files_is_refused(case, tmp_path):
    data, site, package = case
    other = tmp_path / "mine"
    other.mkdir()
    (other / "keep.txt").write_text("mine\n", "utf-8")
    err = _assert_refused(data, other, "keep.txt", str(other))
    assert (other / "keep.txt").read_text("utf-8") == "mine\n"
    assert "Traceback" not in err


TOOL_FOLDERS = {".mypy_cache", ".ruff_cache", ".pytest_cache", "artifacts"}
"""Gitignored folders the suite's tools make in the repository (mypy, ruff, pytest, the gate's screenshots):
another xdist worker may create one while a test here looks (the build's own .jixiao-cache/ is made first, by
``built``, in this process)."""


def _repository_listing() -> list[str]:
    return sorted(p.name for p in REPO.iterdir() if p.name not in TOOL_FOLDERS)


@pytest.mark.parametrize("name", ["data", ".", "..", "jixiao", "templates", "site_src"])
def test_out_folder_that_holds_the_project_is_refused(case, name):
    data, site, package = case
    before = _repository_listing()
    code, err = _build(data, REPO / name if name not in (".", "..") else Path(os.path.normpath(REPO / name)))
    assert code == 1 and "Traceback" not in err and "输出目录" in err, err
    assert _repository_listing() == before
    assert not list(REPO.parent.glob(f".{REPO.name}.jixiao-*"))


def test_out_pointing_at_the_data_folder_of_the_build(case):
    data, site, package = case
    before = tree_bytes(data)
    code, err = _build(data, data)
    assert code == 1 and "输出目录" in err
    assert tree_bytes(data) == before


def test_out_that_is_a_file(case, tmp_path):
    data, site, package = case
    target = tmp_path / "somefile"
    target.write_text("keep\n", "utf-8")
    code, err = _build(data, target)
    assert code == 1 and "是一个文件" in err and "Traceback" not in err
    assert target.read_text("utf-8") == "keep\n"
    assert [p.name for p in tmp_path.iterdir() if "jixiao" in p.name] == []


def test_unwritable_output_parent(case):
    data, site, package = case
    code, err = _build(data, Path("/proc/jixiao-site"))
    assert code == 1 and "无法在 /proc 中写入" in err and "Traceback" not in err


def test_empty_or_missing_out_folder_is_fine(case, tmp_path):
    data, site, package = case
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "new" / "site"):
        code, err = _build(data, out)
        assert code == 0, err
        assert (out / MARKER).is_file()


def test_leftovers_of_a_killed_build_are_removed(case):
    data, site, package = case
    stale = [site.parent / f".site.jixiao-{kind}-abc123" for kind in ("new", "old", "tmp")]
    for folder in stale:
        folder.mkdir()
        (folder / "index.html").write_text("half", "utf-8")
    unrelated = site.parent / ".site.new-keep"
    unrelated.mkdir()
    code, err = _build(data, site, "--full")
    assert code == 0, err
    assert not any(folder.exists() for folder in stale)
    assert unrelated.is_dir()


def test_a_second_build_waits_for_the_first(case):
    data, site, package = case
    lock = site.parent / ".site.jixiao-lock"
    with FileLock(lock, thread_local=False):  # flock on Linux and macOS, msvcrt.locking on Windows
        process = subprocess.Popen(
            [sys.executable, "build.py", "--data", str(data), "build", "--out", str(site), "--quiet", "--full"],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        first_line = process.stderr.readline()
        assert "另一个构建正在写入" in first_line and str(site) in first_line
        assert process.poll() is None  # still waiting while the lock is held
    _, rest = process.communicate(timeout=120)
    assert process.returncode == 0, rest


# --------------------------------------------------------------------------- build.py new


@pytest.mark.parametrize("unit_id", ["evil\n", "Evil", "a/b", "../x", "x\x00"])
def test_new_refuses_unsafe_ids(tmp_path, unit_id):
    stream = io.StringIO()
    with contextlib.redirect_stderr(stream):
        code = main(["--data", str(tmp_path / "data"), "new", unit_id, "2024"])
    assert code == 2 and "不合规" in stream.getvalue()
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_kill_9_mid_build_keeps_the_site_and_the_next_build_cleans_up(case):
    data, site, package = case
    before = tree_bytes(site)
    process = subprocess.Popen(
        [sys.executable, "build.py", "--data", str(data), "build", "--out", str(site), "--quiet", "--full"],
        cwd=REPO,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(3000):
        if list(site.parent.glob(".site.jixiao-new-*/*/index.html")) or process.poll() is not None:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert tree_bytes(site) == before, "the old site changed"
    code, err = _build(data, site, "--full")
    assert code == 0, err
    assert [p.name for p in site.parent.iterdir() if ".jixiao-" in p.name and not p.name.endswith("-lock")] == []
