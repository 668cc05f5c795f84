"""Printing validation results: terminal lines, GitHub annotations, a Markdown summary."""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.config import GRADE_BANDS, GradeBands
from jixiao.ingest.findings import CODES, Finding
from jixiao.ingest.validate import PackageResult, validate_directory


def markdown_summary(results: list[PackageResult]) -> str:
    """All findings as a Markdown table, errors first, for a CI job summary."""
    findings = [f for r in results for f in r.findings]
    errors = [f for f in findings if f.is_error]
    flags = [f for f in findings if not f.is_error]
    lines = [
        "## jixiao 数据验证",
        "",
        f"{len(results)} 个数据包，{len(errors)} 个错误，{len(flags)} 个数据质量标记。",
        "",
    ]
    for title, group in (("错误", errors), ("数据质量标记（原文如此，已保留）", flags)):
        if not group:
            continue
        lines += [f"### {title}", "", "| 代码 | 文件 | 行 | 字段 | 说明 |", "| --- | --- | --- | --- | --- |"]
        for f in group:
            message = f.message.replace("|", "\\|")
            lines.append(
                f"| {f.code} {CODES[f.code].title} | {f.file} | {f.line or ''} | {f.field or ''} | {message} |"
            )
        lines.append("")
    return "\n".join(lines)


def print_findings(findings: list[Finding], annotations: bool, stream=sys.stderr) -> None:
    for finding in findings:
        print(finding.annotation() if annotations else finding.text(), file=stream)


def run_validate(
    data_dir: Path, annotations: bool, summary: Path | None, show_flags: bool, grade_bands: GradeBands = GRADE_BANDS
) -> int:
    """``build.py validate``: print every error (and flags on request); exit 1 if any error."""
    if not data_dir.is_dir():
        print(f"错误：数据目录 {data_dir} 不存在", file=sys.stderr)
        return 1
    results = validate_directory(data_dir, grade_bands)
    errors = [f for r in results for f in r.errors]
    flags = [f for r in results for f in r.flags]
    print_findings(errors, annotations, stream=sys.stdout if annotations else sys.stderr)
    if show_flags or annotations:
        print_findings(flags, annotations, stream=sys.stdout)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(markdown_summary(results) + "\n")
    verdict = "通过" if not errors else "未通过"
    print(
        f"验证{verdict}：{len(results)} 个数据包，{len(errors)} 个错误，{len(flags)} 个数据质量标记",
        file=sys.stderr,
    )
    return 1 if errors else 0
