"""`build.py validate` on broken copies of data/: exit status, file, line, field and code.

Every test breaks one thing in a temporary copy of the real data/ (the `data_copy`
fixture), runs the command line the way a contributor would, and checks that the
message points at the right place: ``data/<unit>/<year>/<file> 第N行 <field>: … (<CODE>)``
where the CSV header is line 1.  Expected line numbers are worked out independently of
the validator, with the csv module's own line counter.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from site_fixtures import DATA

LANDLOSS = "rugao-landloss/2023"
PENSION = "rugao-pension/2024"
YIYANG = "yiyang-si/2022"

# ---------------------------------------------------------------------------------------
# Running the validator and reading what it prints


@dataclass(frozen=True)
class Found:
    """One finding as printed: ``file 第N行 field: message (CODE)``."""

    file: str
    line: int | None
    field: str | None
    message: str
    code: str


TEXT_LINE = re.compile(
    r"^(?P<file>data/\S+?)(?: 第(?P<line>\d+)行)?(?: (?P<field>[^\s:]+))?: (?P<message>.*) \((?P<code>[EF]-[A-Z-]+)\)$"
)
ANNOTATION = re.compile(
    r"^::(?P<kind>error|notice) file=(?P<file>[^,]+)(?:,line=(?P<line>\d+))?"
    r",title=(?P<code>[EF]-[A-Z-]+) .*?::(?P<text>.*)$"
)


def parse(output: str) -> list[Found]:
    found = []
    for text in output.splitlines():
        match = TEXT_LINE.match(text)
        if match:
            line = match["line"]
            found.append(
                Found(match["file"], int(line) if line else None, match["field"], match["message"], match["code"])
            )
    return found


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def errors(self) -> list[Found]:
        """Errors go to stderr (without --annotations)."""
        return parse(self.stderr)

    @property
    def flags(self) -> list[Found]:
        """Flags go to stdout with --flags."""
        return parse(self.stdout)


def validate(repo_root: Path, data: Path, *options: str, data_first: bool = False) -> Result:
    """``python build.py validate --data DATA OPTIONS`` from the repository root.

    With ``data_first``, the other accepted spelling: ``build.py --data DATA validate``.
    """
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    command = ["--data", str(data), "validate"] if data_first else ["validate", "--data", str(data)]
    completed = subprocess.run(
        [sys.executable, "build.py", *command, *options],
        cwd=repo_root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    result = Result(completed.returncode, completed.stdout, completed.stderr)
    assert "Traceback" not in result.output, result.output
    return result


# ---------------------------------------------------------------------------------------
# Editing CSV files by column name


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _matches(row: dict[str, str], match: dict[str, str]) -> bool:
    return all(row.get(column) == value for column, value in match.items())


def get_cell(path: Path, match: dict[str, str], column: str) -> str:
    hits = [row for row in read_table(path)[1] if _matches(row, match)]
    assert len(hits) == 1, f"{path}: {len(hits)} rows match {match}"
    return hits[0][column]


def set_cell(path: Path, match: dict[str, str], column: str, value: str | Callable[[str], str]) -> str:
    """Set ``column`` in the one row matching ``match``; returns the old value."""
    header, rows = read_table(path)
    hits = [row for row in rows if _matches(row, match)]
    assert len(hits) == 1, f"{path}: {len(hits)} rows match {match}"
    old = hits[0][column]
    hits[0][column] = value(old) if callable(value) else value
    write_table(path, header, rows)
    return old


def line_of(path: Path, match: dict[str, str]) -> int:
    """Physical line on which the one record matching ``match`` starts (header = line 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        lines = []
        previous_end = reader.line_num
        for record in reader:
            if _matches(dict(zip(header, record, strict=False)), match):
                lines.append(previous_end + 1)
            previous_end = reader.line_num
    assert len(lines) == 1, f"{path}: {len(lines)} rows match {match}"
    return lines[0]


def plus_one(text: str) -> str:
    return str(Decimal(text) + 1)


@dataclass(frozen=True)
class Expected:
    """Where a finding must point; ``file`` is relative to data/."""

    file: str
    line: int | None
    field: str | None
    code: str
    mentions: str = ""
    """Text the message must contain (e.g. the column a header lacks)."""

    def find_in(self, findings: list[Found]) -> Found:
        located = [
            f
            for f in findings
            if (f.file, f.line, f.field, f.code) == (f"data/{self.file}", self.line, self.field, self.code)
        ]
        assert located, f"no {self} among:\n" + "\n".join(map(str, findings))
        assert any(self.mentions in f.message for f in located), located
        return located[0]


def assert_invalid(result: Result, expected: Expected) -> Found:
    assert result.returncode == 1, result.output
    assert "验证未通过" in result.stderr
    found = expected.find_in(result.errors)
    package = "data/" + "/".join(expected.file.split("/")[:2]) + "/"
    stray = [f for f in result.errors if not f.file.startswith(package)]
    assert stray == [], "errors outside the broken package"
    return found


# ---------------------------------------------------------------------------------------
# The baseline


def test_unmodified_copy_is_valid(repo_root: Path, data_copy: Path) -> None:
    result = validate(repo_root, data_copy)
    assert result.returncode == 0, result.output
    assert result.errors == []
    assert "验证通过" in result.stderr


# ---------------------------------------------------------------------------------------
# Encoding and number format


def test_gbk_csv_is_rejected(repo_root: Path, data_copy: Path) -> None:
    path = data_copy / LANDLOSS / "budget.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("gbk"))
    first_chinese = next(n for n, line in enumerate(text.splitlines(), start=1) if not line.isascii())
    result = validate(repo_root, data_copy)
    found = assert_invalid(result, Expected(f"{LANDLOSS}/budget.csv", first_chinese, None, "E-ENCODING"))
    assert "UTF-8" in found.message


@pytest.mark.parametrize(
    ("package", "table", "match", "column", "value"),
    [
        pytest.param(
            LANDLOSS, "evaluations", {"evaluation_id": "department"}, "year", "２０２３", id="full-width-year"
        ),
        pytest.param(LANDLOSS, "budget", {"line_id": "total"}, "budget", "93116. 21", id="stray-space"),
        pytest.param(LANDLOSS, "budget", {"line_id": "total"}, "budget", "93,116.21", id="thousands-separator"),
        pytest.param(LANDLOSS, "budget", {"line_id": "total"}, "actual", "90819.34万元", id="unit-in-cell"),
        pytest.param(
            YIYANG, "budget", {"evaluation_id": "report", "line_id": "total"}, "rate_published", "96.33%", id="percent"
        ),
        pytest.param(PENSION, "indicators", {"row": "9"}, "score", "２", id="full-width-score"),
    ],
)
def test_number_cells_must_be_bare(
    repo_root: Path, data_copy: Path, package: str, table: str, match: dict, column: str, value: str
) -> None:
    path = data_copy / package / f"{table}.csv"
    set_cell(path, match, column, value)
    result = validate(repo_root, data_copy)
    found = assert_invalid(result, Expected(f"{package}/{table}.csv", line_of(path, match), column, "E-NUMBER"))
    assert repr(value) in found.message


# ---------------------------------------------------------------------------------------
# Domain checks: sums, rates, scores, weights, grades


def _score_above_weight(data: Path) -> Expected:
    path = data / PENSION / "indicators.csv"
    weight = get_cell(path, {"row": "1"}, "weight")
    set_cell(path, {"row": "1"}, "score", plus_one(weight))
    return Expected(f"{PENSION}/indicators.csv", line_of(path, {"row": "1"}), "score", "E-SCORE-ABOVE-WEIGHT")


def _budget_items_do_not_add_up(data: Path) -> Expected:
    """One item's actual changes, so the 项目支出 line no longer equals the sum of its items."""
    path = data / LANDLOSS / "budget.csv"
    set_cell(path, {"line_id": "item-1"}, "actual", plus_one)
    return Expected(f"{LANDLOSS}/budget.csv", line_of(path, {"line_id": "project"}), "actual", "E-SUM")


def _published_rate_disagrees(data: Path) -> Expected:
    path = data / YIYANG / "budget.csv"
    match = {"evaluation_id": "report", "line_id": "total"}
    set_cell(path, match, "rate_published", plus_one)
    return Expected(f"{YIYANG}/budget.csv", line_of(path, match), "rate_published", "E-RATE")


def _grade_disagrees(data: Path) -> Expected:
    path = data / PENSION / "evaluations.csv"
    match = {"evaluation_id": "department"}
    old = set_cell(path, match, "grade", "良")
    assert old == "优"
    return Expected(f"{PENSION}/evaluations.csv", line_of(path, match), "grade", "E-GRADE")


def _level3_weights_miss_level2(data: Path) -> Expected:
    """The printed 二级 weight of the first group no longer equals its 三级 weights' sum."""
    path = data / LANDLOSS / "indicators.csv"
    header, rows = read_table(path)
    first = rows[0]
    group = []
    for row in rows:
        if (row["level1"], row["level2"], row["level2_weight"]) != (
            first["level1"],
            first["level2"],
            first["level2_weight"],
        ):
            break
        group.append(row)
    for row in group:
        row["level2_weight"] = plus_one(row["level2_weight"])
    write_table(path, header, rows)
    return Expected(f"{LANDLOSS}/indicators.csv", line_of(path, {"row": first["row"]}), "level2_weight", "E-WEIGHT-SUM")


@pytest.mark.parametrize(
    "breaks",
    [
        pytest.param(_score_above_weight, id="score-above-weight"),
        pytest.param(_budget_items_do_not_add_up, id="sum"),
        pytest.param(_published_rate_disagrees, id="rate"),
        pytest.param(_grade_disagrees, id="grade"),
        pytest.param(_level3_weights_miss_level2, id="weight-sum"),
    ],
)
def test_domain_checks(repo_root: Path, data_copy: Path, breaks: Callable[[Path], Expected]) -> None:
    expected = breaks(data_copy)
    assert_invalid(validate(repo_root, data_copy), expected)


# ---------------------------------------------------------------------------------------
# Structure: headers, keys


def _drop_column(data: Path) -> Expected:
    path = data / LANDLOSS / "budget.csv"
    header, rows = read_table(path)
    header.remove("share_published")
    for row in rows:
        del row["share_published"]
    write_table(path, header, rows)
    return Expected(f"{LANDLOSS}/budget.csv", 1, None, "E-HEADER", mentions="share_published")


def _add_column(data: Path) -> Expected:
    path = data / LANDLOSS / "budget.csv"
    header, rows = read_table(path)
    header.append("remark")
    for row in rows:
        row["remark"] = "x"
    write_table(path, header, rows)
    return Expected(f"{LANDLOSS}/budget.csv", 1, None, "E-HEADER", mentions="remark")


@pytest.mark.parametrize("breaks", [pytest.param(_drop_column, id="missing"), pytest.param(_add_column, id="extra")])
def test_header_must_match_schema(repo_root: Path, data_copy: Path, breaks: Callable[[Path], Expected]) -> None:
    expected = breaks(data_copy)
    assert_invalid(validate(repo_root, data_copy), expected)


def test_duplicate_primary_key(repo_root: Path, data_copy: Path) -> None:
    """The second item-1 line is reported, named by the key columns."""
    path = data_copy / LANDLOSS / "budget.csv"
    line = line_of(path, {"line_id": "item-2"})
    set_cell(path, {"line_id": "item-2"}, "line_id", "item-1")
    result = validate(repo_root, data_copy)
    expected = Expected(f"{LANDLOSS}/budget.csv", line, "evaluation_id,line_id", "E-KEY", mentions="主键重复")
    assert_invalid(result, expected)


def test_duplicate_primary_key_message_names_first_line(repo_root: Path, data_copy: Path) -> None:
    path = data_copy / LANDLOSS / "budget.csv"
    set_cell(path, {"line_id": "total"}, "note", "第一行\n第二行")
    first = line_of(path, {"line_id": "item-1"})
    line = line_of(path, {"line_id": "item-2"})
    set_cell(path, {"line_id": "item-2"}, "line_id", "item-1")
    result = validate(repo_root, data_copy)
    found = assert_invalid(result, Expected(f"{LANDLOSS}/budget.csv", line, "evaluation_id,line_id", "E-KEY"))
    assert str(first) in re.findall(r"\d+", found.message), found.message


def test_unknown_foreign_key(repo_root: Path, data_copy: Path) -> None:
    path = data_copy / PENSION / "indicators.csv"
    set_cell(path, {"row": "5"}, "evaluation_id", "departmnt")
    result = validate(repo_root, data_copy)
    line = line_of(path, {"row": "5"})
    assert_invalid(result, Expected(f"{PENSION}/indicators.csv", line, "evaluation_id", "E-KEY", mentions="departmnt"))


# ---------------------------------------------------------------------------------------
# Line numbers count physical lines, also after a quoted cell spanning two lines


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        pytest.param("actual", "5 万元", "E-NUMBER", id="own-check"),
        pytest.param("kind", "itemx", "E-TYPE", id="frictionless"),
    ],
)
def test_line_numbers_after_multiline_cell(
    repo_root: Path, data_copy: Path, column: str, value: str, code: str
) -> None:
    path = data_copy / LANDLOSS / "budget.csv"
    before = line_of(path, {"line_id": "item-1"})
    set_cell(path, {"line_id": "total"}, "note", "第一行\n第二行")
    set_cell(path, {"line_id": "item-1"}, column, value)
    line = line_of(path, {"line_id": "item-1"})
    assert line == before + 1
    assert_invalid(validate(repo_root, data_copy), Expected(f"{LANDLOSS}/budget.csv", line, column, code))


# ---------------------------------------------------------------------------------------
# datapackage.json


def _budget_resource_index(descriptor: dict) -> int:
    return next(i for i, r in enumerate(descriptor["resources"]) if r["name"] == "budget")


@pytest.mark.parametrize("bad_path", ["../x.csv", "/etc/passwd", "https://example.org/x.csv"])
def test_resource_path_outside_package(repo_root: Path, data_copy: Path, bad_path: str) -> None:
    path = data_copy / LANDLOSS / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    index = _budget_resource_index(descriptor)
    descriptor["resources"][index]["path"] = bad_path
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    result = validate(repo_root, data_copy)
    found = assert_invalid(result, Expected(f"{LANDLOSS}/datapackage.json", None, f"resources[{index}].path", "E-PATH"))
    assert bad_path in found.message


def test_etc_passwd_is_never_read(repo_root: Path, data_copy: Path) -> None:
    path = data_copy / LANDLOSS / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][_budget_resource_index(descriptor)]["path"] = "/etc/passwd"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    passwd = Path("/etc/passwd")
    secrets = [line for line in passwd.read_text().splitlines() if len(line) > 8] if passwd.is_file() else []
    for options in ((), ("--flags",), ("--annotations",)):
        result = validate(repo_root, data_copy, *options)
        assert result.returncode == 1
        assert "root:x:" not in result.output
        leaked = [line for line in secrets if line in result.output]
        assert leaked == []


def test_malformed_json(repo_root: Path, data_copy: Path) -> None:
    path = data_copy / PENSION / "datapackage.json"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = next(n for n, line in enumerate(lines) if line.strip().startswith('"name": "rugao-pension-2024"'))
    lines[broken] = lines[broken].replace('"rugao-pension-2024"', "'rugao-pension-2024'")
    path.write_text("".join(lines), encoding="utf-8")
    result = validate(repo_root, data_copy)
    assert_invalid(result, Expected(f"{PENSION}/datapackage.json", broken + 1, None, "E-JSON"))


@pytest.mark.parametrize("content", ['{"name": "x", "resources": {}}', "[]"], ids=["resources-not-a-list", "list"])
def test_descriptor_without_resource_list(repo_root: Path, data_copy: Path, content: str) -> None:
    (data_copy / PENSION / "datapackage.json").write_text(content, encoding="utf-8")
    result = validate(repo_root, data_copy)
    assert_invalid(result, Expected(f"{PENSION}/datapackage.json", None, "resources", "E-JSON"))


# ---------------------------------------------------------------------------------------
# quality.csv: acknowledged inconsistencies become flags; stale entries are errors


def _acknowledge(data: Path, **cells: str) -> Path:
    path = data / LANDLOSS / "quality.csv"
    header, rows = read_table(path)
    rows.append({"evaluation_id": "department", "resource": "budget", "note": "原文如此：测试用说明。", **cells})
    write_table(path, header, rows)
    return path


def test_acknowledged_sum_becomes_a_flag(repo_root: Path, data_copy: Path) -> None:
    expected = _budget_items_do_not_add_up(data_copy)
    _acknowledge(data_copy, ref="project", field="actual", code="E-SUM")

    quiet = validate(repo_root, data_copy)
    assert quiet.returncode == 0, quiet.output
    assert quiet.errors == []

    shown = validate(repo_root, data_copy, "--flags")
    assert shown.returncode == 0, shown.output
    assert shown.errors == []
    found = expected.find_in(shown.flags)
    assert "测试用说明" in found.message


@pytest.mark.parametrize(
    ("break_sum", "field"),
    [pytest.param(False, "actual", id="nothing-to-acknowledge"), pytest.param(True, "budget", id="wrong-field")],
)
def test_stale_quality_entry(repo_root: Path, data_copy: Path, break_sum: bool, field: str) -> None:
    if break_sum:
        _budget_items_do_not_add_up(data_copy)
    path = _acknowledge(data_copy, ref="project", field=field, code="E-SUM")
    line = line_of(path, {"ref": "project", "field": field})
    result = validate(repo_root, data_copy)
    assert_invalid(result, Expected(f"{LANDLOSS}/quality.csv", line, field, "E-QUALITY"))


# ---------------------------------------------------------------------------------------
# --annotations: GitHub workflow commands on stdout


def test_annotations_point_at_file_and_line(repo_root: Path, data_copy: Path) -> None:
    expected = _budget_items_do_not_add_up(data_copy)
    result = validate(repo_root, data_copy, "--annotations")
    assert result.returncode == 1, result.output
    assert parse(result.stderr) == [], "with --annotations findings go to stdout only"
    annotations = [m for m in map(ANNOTATION.match, result.stdout.splitlines()) if m]
    errors = [m for m in annotations if m["kind"] == "error"]
    assert [(m["file"], m["line"], m["code"]) for m in errors] == [
        (f"data/{expected.file}", str(expected.line), "E-SUM")
    ]
    assert f"第{expected.line}行 actual:" in errors[0]["text"]
    # Flags come out as notices, e.g. the item that now exceeds its budget.
    item = line_of(data_copy / LANDLOSS / "budget.csv", {"line_id": "item-1"})
    notices = {(m["file"], m["line"], m["code"]) for m in annotations if m["kind"] == "notice"}
    assert (f"data/{LANDLOSS}/budget.csv", str(item), "F-OVER-BUDGET") in notices
    # Workflow-command data escapes %, CR and LF.
    for m in annotations:
        assert re.search(r"%(?!25|0D|0A)", m["text"]) is None, m["text"]


def test_annotation_without_line(repo_root: Path, data_copy: Path) -> None:
    path = data_copy / LANDLOSS / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["resources"][_budget_resource_index(descriptor)]["path"] = "../x.csv"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    result = validate(repo_root, data_copy, "--annotations")
    assert result.returncode == 1
    assert re.search(
        rf"^::error file=data/{re.escape(LANDLOSS)}/datapackage\.json,title=E-PATH ", result.stdout, re.MULTILINE
    ), result.stdout


# ---------------------------------------------------------------------------------------
# Both spellings of the data option


def test_data_option_before_subcommand(repo_root: Path, data_copy: Path) -> None:
    """``build.py --data DIR validate`` (used by CI and the maintainer tests) reads the same folder."""
    expected = _budget_items_do_not_add_up(data_copy)
    assert_invalid(validate(repo_root, data_copy, data_first=True), expected)


# ---------------------------------------------------------------------------------------
# Whose fault: only frictionless's verdicts become findings


def test_a_bug_in_jixiao_is_not_reported_as_the_contributors_error(monkeypatch) -> None:
    """An exception that is not frictionless's (here a KeyError, as a renamed schema key would raise)
    propagates: an E-JSON finding would send the contributor looking for a fault in their package."""
    from check_harness import seed

    from jixiao.config import NATIONAL_BANDS
    from jixiao.ingest import validate as stage

    def broken(package, name):
        raise KeyError("fields")

    monkeypatch.setattr(stage, "conforms", lambda package: False)  # the quick path defers to frictionless
    monkeypatch.setattr(stage, "frictionless_report", broken)
    with pytest.raises(KeyError):
        stage.validate_package(seed("yiyang-si/2022"), NATIONAL_BANDS)


def test_frictionless_refusing_to_read_a_package_is_a_finding(monkeypatch) -> None:
    from check_harness import seed
    from frictionless import FrictionlessException

    from jixiao.config import NATIONAL_BANDS
    from jixiao.ingest import validate as stage

    def refused(package, name):
        raise FrictionlessException("cannot read")

    monkeypatch.setattr(stage, "conforms", lambda package: False)
    monkeypatch.setattr(stage, "frictionless_report", refused)
    findings = stage.validate_package(seed("yiyang-si/2022"), NATIONAL_BANDS)
    assert [(f.code, f.file) for f in findings if f.code == "E-JSON"] == [
        ("E-JSON", "data/yiyang-si/2022/datapackage.json")
    ]
    assert "cannot read" in findings[0].message


@pytest.mark.parametrize("value", ["2022.0", "2022.5", "12345678901234567.5"])
def test_a_decimal_in_an_integer_column_is_a_type_error_not_a_crash(tmp_path: Path, value: str) -> None:
    """A bare decimal in an integer column (year) once reached ``int()`` in the bounds check and raised."""
    from jixiao.config import GRADE_BANDS
    from jixiao.ingest.load import read_package
    from jixiao.ingest.validate import validate_package

    package = tmp_path / "data" / YIYANG
    shutil.copytree(DATA / YIYANG, package)
    path = package / "evaluations.csv"
    set_cell(path, {"evaluation_id": "report"}, "year", value)
    findings = validate_package(read_package(package, tmp_path / "data"), dict(GRADE_BANDS))
    assert [(f.code, f.file, f.line, f.field) for f in findings] == [
        ("E-TYPE", f"data/{YIYANG}/evaluations.csv", line_of(path, {"evaluation_id": "report"}), "year")
    ]
    assert findings[0].message.startswith(f"值 {value!r} 不是")


@pytest.mark.parametrize(("lists", "refused"), [(38, False), (39, False), (40, True), (41, True), (200, True)])
def test_a_descriptor_nested_deeper_than_forty_is_refused(lists: int, refused: bool) -> None:
    """The object is depth 1, its ``deep`` value a list at depth 2: ``lists`` nested empty lists reach 1 + lists."""
    from jixiao.ingest.descriptor import DescriptorError, parse_descriptor

    text = '{"resources": [], "deep": ' + "[" * lists + "]" * lists + "}"
    if refused:
        with pytest.raises(DescriptorError, match="嵌套超过 40 层"):
            parse_descriptor(text.encode())
    else:
        assert parse_descriptor(text.encode())["resources"] == []
