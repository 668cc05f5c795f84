"""Chart labels wrapped over lines: never inside a number, never before closing punctuation.

A row chart (jixiao/site/charts.py) prints each label on its own lines above its bars; the
build wraps them for a phone, and site_src/charts.js joins and re-wraps them the same way to
the width a chart is drawn at, so a desktop label uses the width there is.
"""

from __future__ import annotations

import functools
import re

WRAP = 24
"""Label lines are wrapped at about this many CJK characters (fits 12 px text on a 390 px phone)."""

_TOKEN = re.compile(r"[\x21-\x7e\u00a0]+[ ]?|[ ]|.", re.DOTALL)
"""What a label line may not break inside: a run of ASCII (a number such as 34.64, 1,060 or 97.5%, a
code) with the space after it; anything else (a CJK character, a space) stands alone."""
_NO_LINE_START = set("，。、；：）》」』】％%,.;:)")
"""Closing punctuation stays on the line of what it closes."""


def _width(text: str) -> float:
    return sum(1.0 if ord(char) > 0x2E7F else 0.55 for char in text)


def wrap(text: str, width: int = WRAP) -> list[str]:
    """``_wrap``, remembered per label: a unit's charts print the same labels (全年预算数, each line's name)
    over and over, and wrapping was a fifth of building an evaluation page's view."""
    return list(_wrap(text, width))


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, width: int) -> tuple[str, ...]:
    """Lines of at most ``width`` (a CJK character counts 1, others about 0.55); keeps every character.

    A line never ends inside a number or another ASCII run (only a run longer than a whole line is cut),
    nor begins with closing punctuation.  site_src/charts.js wraps the same way to the drawn width."""
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        if tokens and (token[0] in _NO_LINE_START or tokens[-1][-1] in "（《「『【("):
            tokens[-1] += token
        else:
            tokens.append(token)
    lines, line, used = [], "", 0.0
    for token in tokens:
        if used + _width(token) > width and line.strip():
            lines.append(line)
            line, used = "", 0.0
        while _width(token) > width and len(token) > 1:  # a run wider than a whole line is cut where it must be
            cut = max(1, int((width - used) / 0.55))
            lines.append(line + token[:cut])
            token, line, used = token[cut:], "", 0.0
        line += token
        used += _width(token)
    return (*lines, line) if line or not lines else tuple(lines)
