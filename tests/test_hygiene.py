"""Publishing hygiene and commands on hostile input: what a pull request's data can make the tools say or write.

Each case runs the command line as CI and maintainers do (a subprocess of build.py on a
tiny copy under tmp_path) and asserts the outcome a reader of the output relies on: one
annotation per finding, a one-line Chinese message and a non-zero exit, no traceback,
nothing lost.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from jixiao.opendata import spreadsheet, xlsx

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "rugao-landloss/2023"
"""A real package (one department form with narrative) copied into each case."""


def cli(cwd: Path, *args: str, timeout: int = 300, **options) -> subprocess.CompletedProcess[str]:
    """``python build.py ARGS`` in cwd."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        **options,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """tmp_path/data holding one real package."""
    shutil.copytree(ROOT / "data" / PACKAGE, tmp_path / "data" / PACKAGE)
    return tmp_path / "data"


def assert_clean_refusal(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Non-zero exit, the expected words in stderr, no traceback."""
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for words in expected:
        assert words in result.stderr, result.stderr


# --------------------------------------------------------------------------- annotations


def test_a_file_name_cannot_forge_or_stop_annotations(data: Path) -> None:
    """A file called ``x⏎::notice …`` or ``::stop-commands::…`` stays inside one escaped annotation."""
    package = data / PACKAGE
    (package / "x\n::notice file=README.md,title=forged::all good").write_text("a\n", encoding="utf-8")
    (package / "::stop-commands::token,50%").write_text("a\n", encoding="utf-8")
    result = cli(data.parent, "--data", str(data), "validate", "--annotations")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert all(line.startswith(("::error file=data/", "::notice file=data/")) for line in commands), commands
    assert not any("forged" in line and "%0A" not in line for line in lines), lines
    forged = [line for line in commands if "forged" in line]
    assert len(forged) == 1 and forged[0].startswith(
        f"::error file=data/{PACKAGE}/x%0A%3A%3Anotice file=README.md%2Ctitle=forged%3A%3Aall good,title=E-"
    ), forged
    stop = [line for line in commands if "stop-commands" in line]
    assert len(stop) == 1 and stop[0].startswith(
        f"::error file=data/{PACKAGE}/%3A%3Astop-commands%3A%3Atoken%2C50%25,title=E-"
    ), stop


# --------------------------------------------------------------------------- spreadsheets


def test_package_csv_neutralises_text_fields_only() -> None:
    """Hand-written budget rows: a text cell beginning "-" or "@" gets ', the number -5.00 is published exactly."""
    header = "evaluation_id,line_id,parent_id,order,label,kind,amount_unit,budget_initial,budget,funds_received,actual"
    header += ",rate_published,share_published,weight,score,ambiguous_amounts,ambiguous_columns,derived,note\n"
    data = header + "dept,total,,1,-其他,total,万元,,-5.00,,+3,,,,,,,,@原文如此\n"
    published = spreadsheet.package_csv("budget.csv", data.encode("utf-8")).decode("utf-8")
    assert published == header + "dept,total,,1,'-其他,total,万元,,-5.00,,+3,,,,,,,,'@原文如此\n"
    clean = header + "dept,total,,1,其他,total,万元,,5.00,,3,,,,,,,,\n"
    assert spreadsheet.package_csv("budget.csv", clean.encode("utf-8")) == clean.encode("utf-8")


def test_xlsx_keeps_excel_limits_and_says_what_it_cut(tmp_path: Path) -> None:
    """A 40,000-character cell is cut below 32,767 with a note naming its length; sheet names are legal, ≤ 31."""
    book = xlsx.Workbook("t", datetime(2026, 1, 1, tzinfo=UTC), (1980, 1, 1, 0, 0, 0), scratch=tmp_path)
    long_title = "预算/执行[明细]:第一部分*？" + "表" * 40
    sheet = book.add_sheet(long_title, ["说明"], "s")
    sheet.append(("字" * 40000,))
    book.add_sheet(long_title, ["说明"], "s")
    book.save(tmp_path / "t.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "t.xlsx")
    names = workbook.sheetnames
    assert len(names) == 2 and len(set(names)) == 2
    assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in names), names
    text = workbook[names[0]]["A2"].value
    assert len(text) <= 32767 and text.startswith("字" * 30000)
    assert "40000" in text and "CSV" in text


# --------------------------------------------------------------------------- invisible characters, Markdown, JSON


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


UNIT_NAME = "如皋市被征地农民基本生活保障资金管理中心"


INVISIBLE = {"RLO": "\u202e", "LRI": "\u2066", "ZWSP": "\u200b", "RLM": "\u200f", "BOM": "\ufeff", "ALM": "\u061c"}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_character_in_a_name_is_refused_where_it_is(data: Path, char: str) -> None:
    """A Trojan-Source name (U+202E reverses what follows) would show one name and hold another."""
    _replace(data / PACKAGE / "unit.csv", UNIT_NAME, "如皋市被征地" + char + "农民基本生活保障资金管理中心")
    result = cli(data.parent, "--data", str(data), "validate")
    assert_clean_refusal(result, f"data/{PACKAGE}/unit.csv 第2行 name", f"U+{ord(char):04X}", "(E-TEXT)")


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("[" * 2000 + "a", "嵌套 2000 层"),
        ("![" * 1000, "嵌套 1000 层"),
        ("> " * 40 + "引用", "引用（>）嵌套 40 层"),
        ("|a" * 100 + "|", "101 个 |"),
        ("甲" * 10001, "10001 个字符"),
        (("段落。" * 1000 + "\n\n") * 40, "超过上限 50000"),
    ],
    ids=["brackets", "images", "quotes", "table", "line", "file"],
)
def test_pathological_markdown_is_a_finding_not_a_hang(data: Path, markdown: str, words: str) -> None:
    """Inputs that take markdown-it seconds to minutes each are refused before anything renders them."""
    narrative = data / PACKAGE / "narrative/department-results.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")
    result = cli(data.parent, "--data", str(data), "validate")
    assert_clean_refusal(result, f"data/{PACKAGE}/narrative/department-results.md", words, "(E-MARKDOWN)")


def test_a_lone_surrogate_in_the_descriptor_is_refused_on_its_line(data: Path) -> None:
    descriptor = data / PACKAGE / "datapackage.json"
    _replace(descriptor, '"title": "rugao-landloss 2023"', '"title": "rugao-landloss \\ud800 2023"')
    line = next(i for i, text in enumerate(descriptor.read_text("utf-8").splitlines(), 1) if "\\ud800" in text)
    result = cli(data.parent, "--data", str(data), "validate")
    assert_clean_refusal(result, f"data/{PACKAGE}/datapackage.json 第{line}行", "(E-JSON)")


def test_a_surrogate_pair_is_a_character_and_validates(data: Path) -> None:
    """The escape of one character outside the BMP (U+20000, a CJK Extension B 𠀀) is valid JSON Unicode."""
    descriptor = data / PACKAGE / "datapackage.json"
    _replace(descriptor, '"title": "rugao-landloss 2023"', '"title": "rugao-landloss \\ud840\\udc00 2023"')
    result = cli(data.parent, "--data", str(data), "validate")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pages_show_no_invisible_characters_and_load_no_remote_image(data: Path, tmp_path: Path) -> None:
    """A budget note's U+202E is gone from every page; a narrative's tracking pixel becomes a link to it."""
    _replace(data / PACKAGE / "budget.csv", "未带“万元”，按万元照录。", "未带“万元”，\u202e按万元照录。")
    narrative = data / PACKAGE / "narrative/department-results.md"
    pixel = "https://tracker.example/p.gif"
    narrative.write_text(narrative.read_text("utf-8") + f"\n见图 ![追踪]({pixel})\n", encoding="utf-8")
    result = cli(ROOT, "--data", str(data), "build", "--out", str(tmp_path / "site"), "--quiet", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    pages = {p: p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html")}
    assert not [p for p, text in pages.items() if "\u202e" in text]
    assert any("未带“万元”，按万元照录。" in text for text in pages.values())
    assert not [p for p, text in pages.items() if "<img" in text and "tracker.example" in text]
    assert any(f'href="{pixel}"' in text and "［图片］追踪" in text for text in pages.values())


# --------------------------------------------------------------------------- workflows


def _zizmor() -> str:
    """zizmor, installed with the [test] extra beside this Python (its wheel ships a binary, no module)."""
    beside = Path(sys.executable).with_name("zizmor.exe" if sys.platform == "win32" else "zizmor")
    found = str(beside) if beside.exists() else shutil.which("zizmor")
    assert found, "zizmor is not installed: pip install -c requirements.lock -e '.[test]'"
    return found


def test_zizmor_finds_nothing_in_the_workflows(tmp_path: Path) -> None:
    """The project's workflows and the one `jixiao init` writes: no template injection, no persisted token, …"""
    portal = tmp_path / "portal"
    init = cli(tmp_path, "init", str(portal), "--title", "某市绩效公开")
    assert init.returncode == 0, init.stderr
    for folder in (ROOT / ".github/workflows", portal / ".github/workflows"):
        result = subprocess.run(
            [_zizmor(), "--offline", "--no-progress", str(folder)], capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"{folder}:\n{result.stdout}{result.stderr}"
        assert "No findings" in result.stdout + result.stderr, result.stdout + result.stderr


# --------------------------------------------------------------------------- tracebacks become one line


def assert_one_line(result: subprocess.CompletedProcess[str], code: int, *expected: str) -> None:
    """Exit ``code``, no traceback, the expected words on stderr."""
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for words in expected:
        assert words in result.stderr, result.stderr


def package_bytes(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("name", "value"),
    [("JIXIAO_MAX_FILE_BYTES", "abc"), ("JIXIAO_MAX_FILE_BYTES", "0"), ("SOURCE_DATE_EPOCH", "xyz")]
    + [("SOURCE_DATE_EPOCH", "-5"), ("SOURCE_DATE_EPOCH", "99999999999999")],
)
def test_garbage_in_an_environment_variable_is_named(data: Path, name: str, value: str) -> None:
    env = {**os.environ, name: value}
    for command in ("validate", "build"):
        result = cli(data.parent, "--data", str(data), command, env=env)
        assert_one_line(result, 2, f"环境变量 {name}", repr(value))


def test_a_deeply_nested_configuration_is_a_finding(data: Path) -> None:
    config = data.parent / "jixiao.toml"
    config.write_text('title = "某市"\nx = ' + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = cli(data.parent, "--data", str(data), "validate")
    assert_one_line(result, 1, "jixiao.toml 第2行", "嵌套过深")


@pytest.mark.parametrize("title", ["某市\n绩效", "某市\u202e效绩", "某\t市"], ids=["newline", "RLO", "tab"])
def test_init_refuses_a_title_that_is_not_one_line_of_text(tmp_path: Path, title: str) -> None:
    result = cli(tmp_path, "init", str(tmp_path / "portal"), "--title", title)
    assert_one_line(result, 2, "站点名称", f"U+{ord(next(c for c in title if not c.isalpha())):04X}")
    assert not (tmp_path / "portal").exists()


def test_commands_into_a_folder_that_cannot_be_one(tmp_path: Path) -> None:
    """A path through a regular file (ENOTDIR: as unusable as a read-only folder) is one line naming it."""
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    init = cli(tmp_path, "init", str(blocker / "portal"))
    assert_one_line(init, 1, "错误：", "file")
    new = cli(tmp_path, "--data", str(blocker / "data"), "new", "newunit", "2024")
    assert_one_line(new, 1, "错误：", "file")
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.parametrize("errno_code", [errno.ENOSPC, errno.EACCES, errno.EROFS], ids=["ENOSPC", "EACCES", "EROFS"])
def test_disk_full_or_read_only_while_scaffolding_is_one_line(tmp_path, monkeypatch, capsys, errno_code) -> None:
    """A disk that fills (or a folder that refuses writes) under ``new``: the system's reason in Chinese, exit 1."""
    from jixiao.cli import main
    from jixiao.commands import scaffold

    def refuse(package_dir: Path, descriptor: dict) -> None:
        raise OSError(errno_code, os.strerror(errno_code), str(package_dir / "datapackage.json"))

    monkeypatch.setattr(scaffold, "write_descriptor", refuse)
    code = main(["--data", str(tmp_path / "data"), "new", "newunit", "2024"])
    err = capsys.readouterr().err
    words = {errno.ENOSPC: "磁盘空间不足", errno.EACCES: "没有权限", errno.EROFS: "文件系统只读"}[errno_code]
    assert code == 1 and err.count("\n") == 1 and words in err and "datapackage.json" in err, err


def test_upgrade_refuses_a_descriptor_that_is_not_an_object(data: Path) -> None:
    (data / PACKAGE / "datapackage.json").write_text("[1, 2]\n", encoding="utf-8")
    before = package_bytes(data)
    result = cli(data.parent, "--data", str(data), "upgrade")
    assert_one_line(result, 1, "datapackage.json 不是 JSON 对象")
    assert package_bytes(data) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_upgrade_on_a_fifo_descriptor_does_not_hang(data: Path) -> None:
    descriptor = data / PACKAGE / "datapackage.json"
    descriptor.unlink()
    os.mkfifo(descriptor)
    result = cli(data.parent, "--data", str(data), "upgrade", timeout=60)  # it used to wait for a writer forever
    assert_one_line(result, 1, "datapackage.json", "不是普通文件")


def test_upgrade_refuses_to_drop_a_cell_beyond_the_header(data: Path) -> None:
    """A schema-2 package (no schema_version → version 1 here) whose budget row has one cell too many."""
    package = data / PACKAGE
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    descriptor.pop("schema_version", None)
    (package / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    budget = package / "budget.csv"
    lines = budget.read_text("utf-8").split("\n")
    lines[2] += ",多出的一格"
    budget.write_text("\n".join(lines), encoding="utf-8")
    before = package_bytes(data)
    result = cli(data.parent, "--data", str(data), "upgrade")
    assert_one_line(result, 1, "budget.csv 第 3 条记录", "多于表头")
    assert package_bytes(data) == before, "a file was rewritten before the refusal"


def test_a_cell_over_the_csv_limit_fails_validate_and_build_alike(data: Path, tmp_path: Path) -> None:
    budget = data / PACKAGE / "budget.csv"
    lines = budget.read_text("utf-8").split("\n")
    lines[2] = lines[2] + "注" * 140_000  # the last column is the note
    budget.write_text("\n".join(lines), encoding="utf-8")
    where = f"data/{PACKAGE}/budget.csv 第3行"
    validate = cli(data.parent, "--data", str(data), "validate")
    assert_one_line(validate, 1, where, "131072", "(E-TEXT)")
    build = cli(data.parent, "--data", str(data), "build", "--out", str(tmp_path / "site"), "--quiet")
    assert_one_line(build, 1, where, "131072", "(E-TEXT)")
    assert not (tmp_path / "site").exists()


def test_a_cache_folder_that_is_a_file_is_one_line(data: Path, tmp_path: Path) -> None:
    cache = data.parent / ".jixiao-cache"
    cache.write_text("not a folder\n", encoding="utf-8")
    result = cli(data.parent, "--data", str(data), "build", "--out", str(tmp_path / "site"), "--quiet", "--jobs", "1")
    assert_one_line(result, 1, "错误：", ".jixiao-cache")
    assert cache.read_text(encoding="utf-8") == "not a folder\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.jixiao-") and "lock" not in p.name] == []


@pytest.fixture(scope="module")
def site_once(tmp_path_factory) -> tuple[Path, Path]:
    """One package built once: (data, site), copied by each test that changes them."""
    root = tmp_path_factory.mktemp("hygiene")
    shutil.copytree(ROOT / "data" / PACKAGE, root / "data" / PACKAGE)
    result = cli(root, "--data", str(root / "data"), "build", "--out", str(root / "site"), "--quiet", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    return root / "data", root / "site"


def _copy_site(site_once, tmp_path: Path) -> tuple[Path, Path]:
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(site_once[0], data)
    shutil.copytree(site_once[1], site, symlinks=True)
    return data, site


def test_disk_full_at_the_swap_keeps_the_site_and_leaves_no_staging(site_once, tmp_path, monkeypatch, capsys):
    from jixiao.assemble import write
    from jixiao.cli import main

    data, site = _copy_site(site_once, tmp_path)
    before = package_bytes(site)

    def full(path: Path, entry: dict) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(write, "_write_journal", full)
    monkeypatch.chdir(tmp_path)
    code = main(["--data", str(data), "build", "--out", str(site), "--quiet", "--full", "--jobs", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "磁盘空间不足" in err and "Traceback" not in err, err
    assert package_bytes(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.jixiao-") and "lock" not in p.name] == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be caught on Windows")
def test_sigterm_mid_build_removes_its_staging_and_keeps_the_site(site_once, tmp_path: Path) -> None:
    data, site = _copy_site(site_once, tmp_path)
    before = package_bytes(site)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--data", str(data), "build", "--out", str(site), "--full"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    for _ in range(6000):
        if list(tmp_path.glob(".site.jixiao-new-*")) or process.poll() is not None:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 143, err
    assert "Traceback" not in err and "已中止" in err, err
    assert package_bytes(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.jixiao-") and "lock" not in p.name] == []
