"""Text whose cells ran together (``年度资金总额303010100%``): a draft to review, never a refusal and never a guess.

Some extracted texts keep no separator at all: a whole form is one line, or a funds line
prints its amounts as one run of digits.  Such a form is still recognised by its title
inside the text, and a draft is written whose every row goes to review.  Where a line
label is followed by a run of digits, the splits that agree with the form's own
arithmetic (执行率 = 执行数 ÷ 预算数 as printed, 得分 ≤ 分值 ≤ 100, no zero) are offered as proposals with
把握 低 in the review list; nothing is written into a table from them.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

SHAPES = (
    ("budget", "actual", "rate_published"),
    ("budget", "actual", "weight", "rate_published"),
    ("budget", "actual", "weight", "rate_published", "score"),
    ("budget_initial", "budget", "actual", "rate_published"),
    ("budget_initial", "budget", "actual", "weight", "rate_published"),
    ("budget_initial", "budget", "actual", "weight", "rate_published", "score"),
)
"""Column orders of the national funds table (分值 before 执行率, as printed), shortest first."""
NAMES = {
    "budget_initial": "年初预算数",
    "budget": "全年预算数",
    "actual": "全年执行数",
    "weight": "分值",
    "rate_published": "执行率",
    "score": "得分",
}
MAX_PROPOSALS = 4


def proposals(digits: str) -> list[str]:
    """Readings of a run of digits as one funds line that its own arithmetic allows, most plausible first
    (amounts with the same decimal places, a whole-number 分值), as text for a person; none when too many."""
    if not digits.endswith("%") or digits.count("%") != 1:
        return []
    found: list[tuple[tuple[int, int, int], str]] = []
    for shape in SHAPES:
        for parts in _splits(digits, len(shape)):
            values = dict(zip(shape, parts, strict=True))
            if values["rate_published"].endswith("%") and _consistent(values):
                places = {_places(values[n]) for n in ("budget_initial", "budget", "actual") if n in values}
                rank = (len(places), int("." in values.get("weight", "")), len(shape))
                found.append((rank, "；".join(f"{NAMES[name]} {value}" for name, value in values.items())))
    if len(found) > MAX_PROPOSALS:
        return []  # too many readings: none is offered
    return [text for _rank, text in sorted(found)]


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _splits(text: str, count: int) -> list[list[str]]:
    """Every way to cut TEXT into COUNT numbers without leading zeros (``0`` and ``0.5`` allowed)."""
    if count == 1:
        return [[text]] if _number(text) else []
    out = []
    for cut in range(1, len(text)):
        head = text[:cut]
        if _number(head):
            out += [[head, *rest] for rest in _splits(text[cut:], count - 1)]
    return out


def _number(text: str) -> bool:
    bare = text[:-1] if text.endswith("%") else text
    return "%" not in bare and re.fullmatch(r"(0|[1-9][0-9]*)(\.[0-9]+)?", bare) is not None


def _consistent(values: dict[str, str]) -> bool:
    try:
        budget, actual = Decimal(values["budget"]), Decimal(values["actual"])
        rate = values["rate_published"][:-1]
        places = len(rate.split(".")[1]) if "." in rate else 0
        if budget == 0:
            return False
        computed = (actual / budget * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if computed != Decimal(rate):
            return False
        weight = Decimal(values.get("weight", "100"))
        score = Decimal(values.get("score", "0"))
    except InvalidOperation:
        return False
    if any(Decimal(value.rstrip("%")) == 0 for value in values.values()):
        return False  # a zero lets digits shift between columns unseen: no proposal
    return weight <= 100 and score <= weight and actual <= 2 * budget


def run_together(labels: tuple[str, ...], text: str) -> tuple[str, str, list[str]] | None:
    """(label, digits, proposals) where TEXT prints a funds line label straight followed by a run of digits."""
    squeezed = re.sub(r"\s+", "", text)
    for label in sorted(labels, key=len, reverse=True):
        match = re.search(re.escape(label) + r"[:：]?([0-9.]{4,24}%)", squeezed)  # 年度资金总额:2020…
        if match:
            return label, match.group(1), proposals(match.group(1))
    return None
