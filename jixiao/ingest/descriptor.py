"""datapackage.json read as untrusted JSON: parsed within a depth limit, every string valid Unicode.

json.loads accepts what other readers refuse (a lone ``\\ud800`` escape) and recurses
without bound on ``[[[[…``; a descriptor is data from a pull request, so both are
findings here, where they can be located, rather than errors in a later stage.
"""

from __future__ import annotations

import json
import re

MAX_JSON_DEPTH = 40
"""datapackage.json nested deeper than this is refused (the canonical one is 7 deep)."""
_LONE_SURROGATE = re.compile(
    r"(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    r"|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
)


class DescriptorError(Exception):
    """Why a datapackage.json cannot be used: a finding's code, message, line and field."""

    def __init__(self, code: str, message: str, line: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.field = code, message, line, field


def parse_descriptor(data: bytes) -> dict:
    """The descriptor as an object with a ``resources`` list, or DescriptorError saying what is wrong and where."""
    try:
        text = data.decode("utf-8")
        descriptor = json.loads(text)
    except UnicodeDecodeError:
        raise DescriptorError("E-ENCODING", "不是 UTF-8 编码；请另存为 UTF-8") from None
    except json.JSONDecodeError as error:
        raise DescriptorError("E-JSON", f"无法解析：{error.msg}", line=error.lineno) from None
    except RecursionError:
        raise DescriptorError("E-JSON", f"无法解析：嵌套超过 {MAX_JSON_DEPTH} 层") from None
    except ValueError as error:  # e.g. an integer of more digits than Python converts
        raise DescriptorError("E-JSON", f"无法解析：{error}") from None
    if _json_depth(descriptor) > MAX_JSON_DEPTH:
        raise DescriptorError("E-JSON", f"无法解析：嵌套超过 {MAX_JSON_DEPTH} 层")
    if (line := _lone_surrogate(text, descriptor)) is not None:
        message = "含孤立的代理项转义（如 \\ud800）：不是合法的 Unicode 字符，请删去或写出完整的字符"
        raise DescriptorError("E-JSON", message, line=line)
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DescriptorError("E-JSON", "缺少 resources 列表", field="resources")
    return descriptor


def _json_depth(value: object) -> int:
    """Nesting depth, a level at a time (a deep document must not exhaust the stack).

    Exact up to ``MAX_JSON_DEPTH``; above it, some depth beyond it (counting stops there). One list
    per level instead of a (node, depth) pair per node: a fifth of reading a package was this walk.
    """
    level, depth = [value], 0
    while level:
        depth += 1
        if depth > MAX_JSON_DEPTH:
            break
        below: list[object] = []
        for item in level:
            if isinstance(item, dict):
                below.extend(item.values())
            elif isinstance(item, list):
                below.extend(item)
        level = below
    return depth


def _lone_surrogate(text: str, descriptor: object) -> int | None:
    """The line of a ``\\uD800``-style escape that decodes to half a character; None when every string is
    valid Unicode (such strings cannot be written as UTF-8 to pages or SQLite, and other readers refuse them)."""
    if "\\u" not in text:
        return None
    try:
        json.dumps(descriptor, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        match = _LONE_SURROGATE.search(text)
        return text.count("\n", 0, match.start()) + 1 if match else 1
    return None
