"""Windows and macOS: what a maintainer on a Chinese Windows PC meets, simulated here on Linux.

The CLI runs with Windows' gaps (no ``O_NOFOLLOW``, no ``O_NONBLOCK``, no ``fcntl``: see
tests/simulated_windows/sitecustomize.py) and with a missing encoding in jixiao's own code
as an error; files as Excel, WPS and Notepad save them (BOM, CRLF, GBK); names Windows
cannot hold (CON, NUL, …) and names that differ only in case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_fixtures import REPO, read_csv, write_csv

from jixiao.ingest import load
from jixiao.ingest.load import ReadError, read_package, read_regular
from jixiao.ingest.validate import validate_package

SHIM = REPO / "tests" / "simulated_windows"
SEED = REPO / "data" / "rugao-pension" / "2024"
"""A small real package (one project form and the department form)."""
NARRATED = REPO / "data" / "yiyang-si" / "2022"
"""A real package with narrative files."""


def _copy(tmp_path: Path, *packages: Path) -> Path:
    data = tmp_path / "data"
    for package in packages:
        shutil.copytree(package, data / package.parent.name / package.name)
    return data


def _simulated(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(SHIM),
        "PYTHONWARNDEFAULTENCODING": "1",
        "SIMULATED_WINDOWS_OWN": str(REPO),
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, str(REPO / "build.py"), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=600,
    )


def _symlink(link: Path, target: Path) -> None:
    """A symlink, or a skip where the account may not make one (Windows without developer mode)."""
    try:
        link.symlink_to(target)
    except OSError as error:
        pytest.skip(f"cannot create a symlink here: {error}")


def _codes(package_dir: Path) -> list[tuple[str, str]]:
    package = read_package(package_dir, package_dir.parent.parent)
    return [(f.code, f.message) for f in package.findings + validate_package(package, {}) if f.is_error]


def test_the_shim_takes_away_what_windows_lacks(tmp_path):
    """Without this the test below could pass on a shim that does nothing."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os\n"
        "print(hasattr(os, 'O_NOFOLLOW'), hasattr(os, 'O_NONBLOCK'))\n"
        "try:\n    import fcntl\nexcept ImportError:\n    print('no fcntl')\n"
        "open(os.devnull, 'w').close()\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(SHIM),
        "PYTHONWARNDEFAULTENCODING": "1",
        "SIMULATED_WINDOWS_OWN": str(tmp_path),
    }
    result = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, encoding="utf-8", env=env)
    assert result.stdout.splitlines() == ["False False", "no fcntl"]
    assert result.returncode == 1 and f"OWN-ENCODING-WARNING {probe}:7" in result.stderr


def test_validate_and_build_run_without_posix_calls_and_with_explicit_encodings(tmp_path):
    data = _copy(tmp_path, SEED, NARRATED)
    site = tmp_path / "site"
    validated = _simulated("--data", str(REPO / "data"), "validate")
    assert validated.returncode == 0, validated.stderr
    assert "验证通过" in validated.stderr
    built = _simulated("--data", str(data), "build", "--out", str(site), "--full", "--jobs", "2", "--quiet")
    assert built.returncode == 0, built.stderr
    for result in (validated, built):
        assert "Traceback" not in result.stderr and "OWN-ENCODING-WARNING" not in result.stderr, result.stderr
    assert (site / "units" / "yiyang-si" / "2022" / "index.html").is_file()
    assert (site / "downloads" / "rugao-pension-2024" / "budget.csv").is_file()


def test_a_symlink_is_refused_without_o_nofollow(tmp_path):
    """The fallback refuses as O_NOFOLLOW does: a located E-SYMLINK from the CLI, no traceback."""
    data = _copy(tmp_path, SEED)
    package = data / "rugao-pension" / "2024"
    (tmp_path / "elsewhere.csv").write_bytes((package / "budget.csv").read_bytes())
    (package / "budget.csv").unlink()
    _symlink(package / "budget.csv", tmp_path / "elsewhere.csv")
    result = _simulated("--data", str(data), "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/rugao-pension/2024/budget.csv" in result.stdout + result.stderr
    assert "E-SYMLINK" in result.stdout + result.stderr


@pytest.fixture
def without_o_nofollow(monkeypatch):
    monkeypatch.delattr(os, "O_NOFOLLOW", raising=False)
    monkeypatch.delattr(os, "O_NONBLOCK", raising=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_the_fallback_reads_a_regular_file_and_refuses_the_rest(tmp_path, without_o_nofollow):
    regular = tmp_path / "a.csv"
    regular.write_bytes(b"x,y\r\n1,2\r\n")
    assert read_regular(regular) == b"x,y\r\n1,2\r\n"  # bytes as stored: no line-end translation
    _symlink(tmp_path / "link.csv", regular)
    os.mkfifo(tmp_path / "fifo.csv")  # would block an open without O_NONBLOCK: refused before opening
    (tmp_path / "folder.csv").mkdir()
    for name, code in (("link.csv", "E-SYMLINK"), ("fifo.csv", "E-PATH"), ("folder.csv", "E-PATH")):
        with pytest.raises(ReadError) as refused:
            read_regular(tmp_path / name)
        assert refused.value.code == code, name
        assert "；请" in str(refused.value)
    with pytest.raises(ReadError) as missing:
        read_regular(tmp_path / "none.csv")
    assert missing.value.code == "E-MISSING-FILE"


def test_the_fallback_refuses_a_file_swapped_after_lstat(tmp_path, without_o_nofollow, monkeypatch):
    """lstat saw one file, open got another (replaced in between): refused, not read."""
    checked, swapped = tmp_path / "checked.csv", tmp_path / "swapped.csv"
    checked.write_bytes(b"a\n")
    swapped.write_bytes(b"b\n")
    real_lstat = os.lstat
    monkeypatch.setattr(load.os, "lstat", lambda path: real_lstat(checked))
    with pytest.raises(ReadError) as refused:
        read_regular(swapped)
    assert refused.value.code == "E-PATH" and "替换" in str(refused.value)


# --------------------------------------------------------------------------- files as Excel and WPS save them


def test_bom_and_crlf_are_accepted_as_frictionless_accepts_them(tmp_path):
    package = _copy(tmp_path, NARRATED) / "yiyang-si" / "2022"
    for name in ("budget.csv", "indicators.csv", "datapackage.json"):
        text = (package / name).read_bytes()
        (package / name).write_bytes(b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n"))
    assert _codes(package) == []
    loaded = read_package(package, package.parent.parent)
    assert not loaded.files["budget.csv"].startswith(b"\xef\xbb\xbf")  # downloads add exactly one BOM
    assert loaded.tables["budget"][0].cells["evaluation_id"] == read_csv(NARRATED / "budget.csv")[0]["evaluation_id"]


def test_a_gbk_csv_is_refused_with_how_to_save_it_as_utf8(tmp_path):
    package = _copy(tmp_path, SEED) / "rugao-pension" / "2024"
    text = (package / "indicators.csv").read_text("utf-8")
    (package / "indicators.csv").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    result = _simulated("--data", str(package.parent.parent), "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    first_chinese = next(n for n, line in enumerate(text.splitlines(), 1) if any(ord(c) > 0x7F for c in line))
    assert f"data/rugao-pension/2024/indicators.csv 第{first_chinese}行" in output, output
    for words in ("GBK", "CSV UTF-8", "Excel", "WPS", "记事本"):
        assert words in output


# --------------------------------------------------------------------------- names Windows cannot hold


ON_WINDOWS = os.name == "nt"
"""These names cannot be made on Windows at all: the tests that make them run elsewhere."""


@pytest.mark.skipif(ON_WINDOWS, reason="Windows cannot create these names")
@pytest.mark.parametrize("unit", ["con", "nul", "com1", "lpt9", "aux", "prn"])
def test_a_unit_named_after_a_windows_device_is_refused(tmp_path, unit):
    data = tmp_path / "data"
    shutil.copytree(SEED, data / unit / "2024")
    scan = load.scan_data(data)
    assert scan.packages == []
    assert [(f.code, f.file) for f in scan.findings] == [("E-PATH", f"data/{unit}")]
    assert "Windows" in scan.findings[0].message


@pytest.mark.skipif(ON_WINDOWS, reason="Windows cannot create these names")
def test_an_evaluation_id_or_narrative_named_after_a_device_is_refused(tmp_path):
    package = _copy(tmp_path, NARRATED) / "yiyang-si" / "2022"
    narrative = read_csv(package / "narrative.csv")
    old_file = narrative[0]["file"]
    for row in narrative:
        if row["file"] == old_file:
            row["file"] = "narrative/aux.md"
    write_csv(package / "narrative.csv", narrative)
    (package / old_file).rename(package / "narrative" / "aux.md")
    found = [(code, message) for code, message in _codes(package) if code == "E-PATH"]
    assert found and all("AUX" in message or "'aux.md'" in message for _, message in found), found


def test_a_file_whose_name_differs_only_in_case_is_refused(tmp_path):
    package = _copy(tmp_path, SEED) / "rugao-pension" / "2024"
    (package / "budget.csv").rename(package / "Budget.csv")
    messages = [message for code, message in _codes(package) if code == "E-PATH"]
    assert any("budget.csv" in message and "大小写" in message for message in messages), _codes(package)
