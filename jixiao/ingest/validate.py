"""Validate: frictionless plus the domain checks, then the acknowledged inconsistencies.

``validate_package`` never raises on bad input: every problem becomes a Finding that
names the file, the line and the field.  An inconsistency that the package's
``quality.csv`` records as published is kept as a flag; anything else is an error.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from jixiao.config import GradeBands
from jixiao.ingest.checks import DESCRIPTOR_CHECKS, DOMAIN_CHECKS, FORMAT_CHECKS
from jixiao.ingest.conformance import conforms, schema
from jixiao.ingest.draft import check_draft
from jixiao.ingest.findings import CODES, Finding, Severity
from jixiao.ingest.load import RawPackage, read_package, scan_data
from jixiao.ingest.tables import TABLES

FRICTIONLESS_KEY_ERRORS = {"primary-key", "foreign-key", "unique-error"}


@dataclass(frozen=True)
class PackageResult:
    package: RawPackage
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def flags(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def validate_package(package: RawPackage, bands: GradeBands) -> list[Finding]:
    """All findings for one package, errors and flags, in a stable order.

    An imported draft's unreviewed fields (E-DRAFT) come last and never stop the other
    checks: the arithmetic is what shows a misread figure before anyone looks.

    Verdicts are computed from the bytes just read, every time, and never stored: a
    verdict read back from a cache could be forged ("no findings" for a package with an
    E-SUM), and computing one costs a few milliseconds a package (bench/RESULTS.md).
    """
    return _validate(package, bands) + list(check_draft(package.display, package.descriptor, package.review))


def _validate(package: RawPackage, bands: GradeBands) -> list[Finding]:
    findings = list(package.findings)
    if package.descriptor is None:
        return findings
    for check in DESCRIPTOR_CHECKS:
        findings.extend(check(package, bands))
    if any(f.is_error for f in findings):
        return findings
    for check in FORMAT_CHECKS:
        findings.extend(check(package, bands))
    if not conforms(package):  # frictionless is asked only when its report has something to say
        located = {(f.file, f.line, f.field) for f in findings}
        findings.extend(f for f in _frictionless(package) if (f.file, f.line, f.field) not in located)
    if any(f.is_error for f in findings):
        return findings
    domain = [finding for check in DOMAIN_CHECKS for finding in check(package, bands)]
    findings.extend(_acknowledge(package, domain))
    return findings


def _frictionless(package: RawPackage) -> list[Finding]:
    """Run frictionless on each resource and translate its errors into findings."""
    findings: list[Finding] = []
    try:
        reports = [frictionless_report(package, name) for name in TABLES]
    except Exception as error:
        if not _frictionless_failed(error):
            raise  # a bug in jixiao, not a fault of the contributor's package: it must not read as one
        return [Finding("E-JSON", package.file("datapackage.json"), f"frictionless 无法读取：{error}")]
    for report in reports:
        findings += _translate(package, report)
    return findings


def _frictionless_failed(error: Exception) -> bool:
    """Whether frictionless itself gave up on the package: its own exception, or one raised while
    frictionless code was running on the bytes (e.g. decimal.InvalidOperation on an sNaN cell).

    Decided by the innermost traceback frame that is jixiao's or frictionless's, so that an
    exception from jixiao's own code (a renamed key, a wrong argument) is never turned into a finding.
    """
    import frictionless

    if isinstance(error, frictionless.FrictionlessException):
        return True
    library = Path(frictionless.__file__).resolve().parent
    ours = Path(__file__).resolve().parent.parent
    owner = None
    for frame, _ in traceback.walk_tb(error.__traceback__):
        path = Path(frame.f_code.co_filename).resolve()
        if path.is_relative_to(library):
            owner = "frictionless"
        elif path.is_relative_to(ours):
            owner = "jixiao"
    return owner == "frictionless"


def frictionless_report(package: RawPackage, name: str):
    """frictionless's report on one table of a package, read from disk with the canonical schema."""
    from frictionless import Resource, system

    logging.getLogger("frictionless").setLevel(logging.ERROR)
    with system.use_context(trusted=False):
        resource = Resource(
            path=f"{name}.csv",
            basepath=str(package.directory),
            name=name,
            format="csv",
            encoding="utf-8",
            schema=schema(name),
        )
        return resource.validate()


def _translate(package: RawPackage, report) -> list[Finding]:
    findings: list[Finding] = []
    for task in report.tasks:
        name = task.name or ""
        display = package.file(f"{name}.csv")
        lines = package.record_lines.get(name, [])
        for error in task.errors:
            data = error.to_dict()
            row_number = data.get("rowNumber")
            line = None
            if isinstance(row_number, int):
                line = lines[row_number - 1] if 0 < row_number <= len(lines) else row_number
            code = "E-KEY" if error.type in FRICTIONLESS_KEY_ERRORS else "E-TYPE"
            if error.type in {"missing-label", "extra-label", "incorrect-label", "blank-label", "duplicate-label"}:
                continue  # check_headers says the same in plainer words
            if error.type in {"extra-cell", "missing-cell"}:
                continue  # check_headers reports row width
            if error.type == "source-error" and not package.headers.get(name):
                continue  # an empty file: check_headers says so
            field = data.get("fieldName") or ",".join(data.get("fieldNames") or [])
            if not field and error.type == "primary-key":
                field = ",".join(_primary_key(package, name))
            findings.append(
                Finding(
                    code=code,
                    file=display,
                    line=line,
                    field=field or None,
                    message=_plain_words(error.type, data, lines),
                    resource=name,
                )
            )
    for error in report.errors:
        findings.append(Finding("E-JSON", package.file("datapackage.json"), f"{error.type}: {error.note}"))
    return findings


def _primary_key(package: RawPackage, name: str) -> list[str]:
    for resource in (package.descriptor or {}).get("resources", []):
        if isinstance(resource, dict) and resource.get("name") == name:
            return list(resource.get("schema", {}).get("primaryKey", []))
    return []


def _plain_words(error_type: str, data: dict, lines: list[int]) -> str:
    """frictionless's English error as a short Chinese sentence, keeping its detail.

    ``lines`` maps record numbers to physical lines, so "the row at position N" becomes the line a reader sees.
    """
    note = str(data.get("note") or data.get("message") or "")
    cell = data.get("cell")
    shown = f"值 {cell!r} " if cell not in (None, "") else ""
    if error_type == "constraint-error":
        constraint = re.search(r'constraint "(\w+)" is "(.*)"', note)
        name, value = constraint.groups() if constraint else ("", "")
        if name == "required":
            return "必填，不能为空"
        if name == "enum":
            return f"{shown}不在允许的取值中（可选：{value}）"
        if name == "pattern":
            return f"{shown}格式不符：标识只能用小写字母、数字和连字符（{value}）"
        if name in _BOUND_WORDS:
            return f"{shown}超出允许范围（{_BOUND_WORDS[name]} {value}）"
        return f"{shown}不满足约束 {name}"
    if error_type == "primary-key":
        position = re.search(r"position (\d+)", note)
        if position and 0 < int(position.group(1)) <= len(lines):
            return f"主键重复：与第{lines[int(position.group(1)) - 1]}行相同"
        return "主键重复"
    if error_type == "foreign-key":
        return "引用的值不存在"
    if error_type == "blank-row":
        return "空行"
    if error_type == "type-error":
        return f"{shown}不是{_TYPE_WORDS.get(str(data.get('fieldType')), '规定的类型')}"
    return f"{shown}不符合表结构（{_ERROR_WORDS.get(error_type, error_type)}）"


_BOUND_WORDS = {"minimum": "最小", "maximum": "最大", "minLength": "最短", "maxLength": "最长"}
_TYPE_WORDS = {"integer": "整数", "number": "数字", "date": "日期（YYYY-MM-DD）", "string": "文本", "boolean": "是/否"}
_ERROR_WORDS = {
    "source-error": "无法读取文件",
    "encoding-error": "编码错误",
    "format-error": "格式错误",
    "scheme-error": "路径错误",
    "unique-error": "值重复",
    "row-constraint": "行约束不满足",
}


def _acknowledge(package: RawPackage, findings: Iterable[Finding]) -> list[Finding]:
    """Turn acknowledged inconsistencies into flags; report acknowledgements that match nothing."""
    notes = {
        (r.get("evaluation_id"), r.get("resource"), r.get("ref"), r.get("field"), r.get("code")): r
        for r in package.tables.get("quality", [])
    }
    used: set[tuple] = set()
    result: list[Finding] = []
    for finding in findings:
        key = (finding.evaluation_id, finding.resource, finding.ref, finding.field, finding.code)
        if key in notes and CODES[finding.code].acknowledgeable:
            used.add(key)
            result.append(
                replace(
                    finding,
                    severity=Severity.FLAG,
                    message=f"{finding.message}；原文如此：{notes[key].get('note')}",
                )
            )
        else:
            result.append(finding)
    for key, row in notes.items():
        if key not in used:
            result.append(
                Finding(
                    "E-QUALITY",
                    package.file("quality.csv"),
                    f"没有与之对应的 {row.get('code')} 验证结果（原文不一致已不存在，或行、字段写错）",
                    line=row.line,
                    field=row.get("field"),
                    evaluation_id=row.get("evaluation_id"),
                    resource="quality",
                )
            )
    return result


def validate_directory(data_dir: Path, bands: GradeBands) -> list[PackageResult]:
    """Validate every package under data_dir (verdicts are never cached: see ``validate_package``)."""
    scan = scan_data(data_dir)
    results = [
        PackageResult(RawPackage(directory=data_dir.parent / finding.file, display=finding.file), (finding,))
        for finding in scan.findings
    ]
    for directory in scan.packages:
        package = read_package(directory, data_dir)
        findings = validate_package(package, bands)
        results.append(PackageResult(package, tuple(findings)))
    return results
