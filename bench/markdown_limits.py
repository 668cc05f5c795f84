#!/usr/bin/env python3
"""Narrative Markdown at the E-MARKDOWN bounds: how much slower than ordinary text of the same size.

    python bench/markdown_limits.py

markdown-it is quadratic on unclosed and deeply nested brackets; jixiao/ingest/checks/
markdown.py refuses files, lines and nesting beyond its bounds. This renders, in one
process, the worst inputs the bounds still let through and an ordinary narrative of the
same length (paragraphs, emphasis, links, code), and prints each one's time as a ratio to
the ordinary one, and whether validation would refuse it. Inputs just beyond the bounds
are shown refused without being rendered (some take minutes).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jixiao.ingest.checks.markdown import MAX_CHARS, MAX_DEPTH, MAX_LINE_CHARS, _line_problem  # noqa: E402
from jixiao.site.render import markdown_html  # noqa: E402


def _fill(unit: str, width: int = MAX_LINE_CHARS // 2) -> str:
    """Lines of ``unit`` repeated, up to MAX_CHARS in all."""
    line = (unit * (width // len(unit) + 1))[:width]
    return "\n".join([line] * (MAX_CHARS // (width + 1)))


ORDINARY = _fill("本年度完成**绩效目标**，详见[附表](https://example.gov.cn/a)与 `表一`。 *执行率* 100%。 ")
CASES = {
    "balanced brackets at the depth bound": _fill("[" * MAX_DEPTH + "a" + "]" * MAX_DEPTH),
    "nested images at the depth bound": _fill("![" * MAX_DEPTH + "a" + "]" * MAX_DEPTH),
    "unclosed brackets at the depth bound": "\n".join(["[" * MAX_DEPTH + "a" * 200] * (MAX_CHARS // 210)),
    "emphasis runs": _fill("**_*_"),
    "quotes at the depth bound": "\n".join(["> " * MAX_DEPTH + "引用"] * (MAX_CHARS // (2 * MAX_DEPTH + 3))),
    "a table 64 columns wide": "\n".join(["|a" * 64] * (MAX_CHARS // 129)),
}
BEYOND = {
    "unclosed brackets beyond the bound": "[" * (MAX_DEPTH + 1) + "a",
    "a line beyond the bound": "甲" * (MAX_LINE_CHARS + 1),
}


def _seconds(text: str) -> float:
    start = time.perf_counter()
    markdown_html(text)
    return time.perf_counter() - start


def _refused(text: str) -> bool:
    return len(text) > MAX_CHARS or any(_line_problem(line) for line in text.split("\n"))


def main() -> int:
    base = min(_seconds(ORDINARY) for _ in range(3))
    print(f"ordinary narrative, {len(ORDINARY)} characters: {base:.3f} s (ratio 1.0)")
    for name, text in CASES.items():
        seconds = _seconds(text)
        verdict = "refused" if _refused(text) else "accepted"
        print(f"{name}, {len(text)} characters, {verdict}: {seconds:.3f} s (ratio {seconds / base:.1f})")
    for name, text in BEYOND.items():
        print(f"{name}: {'refused' if _refused(text) else 'ACCEPTED'} (not rendered)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
