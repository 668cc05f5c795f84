"""Narrative Markdown within the bounds that keep rendering it fast (E-MARKDOWN).

markdown-it's inline parser is quadratic on unclosed brackets: 60 KB of ``![`` takes
20 s, a 100 KB line of ``[`` as long, a table 5,000 columns wide half a minute; under
the 8 MiB file limit a single narrative could hold a build (and CI) for hours. Real
narratives are a few thousand characters with short lines and shallow nesting, so the
bounds below are far above anything a form prints, and the worst input they let through
takes seconds, not minutes: about 14 times an ordinary narrative of the same size
(bench/markdown_limits.py; measured 3.3 s against 0.24 s on a loaded machine).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.config import GradeBands
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import RawPackage

MAX_CHARS = 50_000
"""Characters in one narrative file (the longest in data/ has about 1,100)."""
MAX_LINE_CHARS = 10_000
"""Characters in one line, i.e. one paragraph (the longest in data/ has 267)."""
MAX_DEPTH = 8
"""Brackets ``[`` or parentheses ``(`` left open within a line, and block quotes ``>`` nested at its start."""
MAX_TABLE_COLUMNS = 64
"""``|`` in one line: a table this wide is not a form's."""
_QUOTES = re.compile(r"[ \t]*(?:>[ \t]*)+")


def check_narrative_markdown(package: RawPackage, bands: GradeBands) -> Iterator[Finding]:
    """Each narrative file within MAX_CHARS; each line within the line, depth and column bounds."""
    for relative, text in sorted(package.texts.items()):
        if len(text) > MAX_CHARS:
            yield _finding(package, relative, None, f"共 {len(text)} 个字符，超过上限 {MAX_CHARS}：请分成几节")
            continue
        for number, line in enumerate(text.split("\n"), 1):
            if (problem := _line_problem(line)) is not None:
                yield _finding(package, relative, number, problem)
                break  # one finding a file: the first line over a bound


def _line_problem(line: str) -> str | None:
    if len(line) > MAX_LINE_CHARS:
        return f"这一行有 {len(line)} 个字符，超过上限 {MAX_LINE_CHARS}：请分段"
    quotes = _QUOTES.match(line)
    if quotes and quotes.group().count(">") > MAX_DEPTH:
        return f"引用（>）嵌套 {quotes.group().count('>')} 层，超过上限 {MAX_DEPTH}"
    if line.count("|") > MAX_TABLE_COLUMNS:
        return f"这一行有 {line.count('|')} 个 |，表格超过 {MAX_TABLE_COLUMNS} 列"
    if "[" in line or "(" in line:
        depth = deepest = 0
        for char in line:
            if char in "[(":
                depth += 1
                deepest = max(deepest, depth)
            elif char in "])" and depth:
                depth -= 1
        if deepest > MAX_DEPTH:
            return f"方括号或圆括号未闭合地嵌套 {deepest} 层，超过上限 {MAX_DEPTH}"
    return None


def _finding(package: RawPackage, relative: str, line: int | None, message: str) -> Finding:
    return Finding("E-MARKDOWN", package.file(relative), f"叙述 Markdown {message}（渲染会极慢）", line=line)
