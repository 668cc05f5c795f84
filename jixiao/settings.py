"""The site configuration file (``jixiao.toml``): read, checked like data, documented from one definition.

Every key is a field of ``config.Site`` (its metadata holds the key, the description
and the check) plus the grade bands; the reader, the validator, the documentation in
README.md and CONTRIBUTING.md, and the file ``jixiao init`` writes all come from those
fields.  A bad file gives findings with the file and line, never a traceback.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.config import GRADE_BANDS, NATIONAL_BANDS, GradeBands, Site, workflow_command

FILE_NAME = "jixiao.toml"
BANDS_KEY = "grade_bands"
BANDS_DOC = (
    "各地区的等级分档：`[grade_bands]` 下每个地区（省份或更具体的地区）一行，"
    '如 `"四川省" = { "优" = 90, "良" = 80, "中" = 60, "差" = 0 }`（等级 = 最低分，含）；'
    "未列出的地区用 `default` 一行，没有 `default` 时用财政部分档。写了这一节就取代默认的整张表"
)
MAX_BYTES = 1_000_000
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")
_PATH = re.compile(r"^/?[A-Za-z0-9._~/-]*$")
_KEY_TOKEN = r'(?:[A-Za-z0-9_-]+|"[^"\n]*"|\'[^\'\n]*\')'
_KEY_LINE = re.compile(rf"^\s*({_KEY_TOKEN}(?:\s*\.\s*{_KEY_TOKEN})*)\s*=(.*)$")
_TABLE_LINE = re.compile(rf"^\s*\[\[?\s*({_KEY_TOKEN}(?:\s*\.\s*{_KEY_TOKEN})*)\s*\]\]?\s*(?:#.*)?$")


@dataclass(frozen=True)
class SettingsFinding:
    """One problem in the configuration file, printed like a data finding."""

    path: Path
    line: int
    key: str
    message: str

    def text(self) -> str:
        where = f" {self.key}" if self.key else ""
        return f"{self.path} 第{self.line}行{where}：{self.message}"

    def annotation(self) -> str:
        """A GitHub Actions error on the file's line (``validate --annotations``), as data findings give."""
        return workflow_command("error", {"file": self.path.as_posix(), "line": self.line}, self.text())


class SettingsError(Exception):
    """The configuration file is invalid; ``findings`` says where and why."""

    def __init__(self, findings: list[SettingsFinding]) -> None:
        super().__init__(f"配置文件有 {len(findings)} 处错误")
        self.findings = findings


@dataclass(frozen=True)
class Settings:
    site: Site
    grade_bands: GradeBands
    path: Path | None
    """The file read, or None when there was none (every setting at its default)."""


def definitions() -> dict[str, Any]:
    """TOML key → the Site field that holds it."""
    return {f.metadata["key"]: f for f in fields(Site)}


def _split_key(text: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(_KEY_TOKEN, text)]


def key_lines(text: str) -> dict[str, int]:
    """Dotted key → the line it is written on (tomllib keeps no positions); tables map to their header."""
    lines: dict[str, int] = {}
    table: list[str] = []
    closing = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if closing:
            if line.count(closing) % 2:
                closing = ""
            continue
        if header := _TABLE_LINE.match(line):
            table = _split_key(header.group(1))
            lines.setdefault(".".join(table), number)
            continue
        if found := _KEY_LINE.match(line):
            key = ".".join([*table, *_split_key(found.group(1))])
            lines.setdefault(key, number)
            value = found.group(2)
            for quote in ('"""', "'''"):
                if value.count(quote) % 2:
                    closing = quote
    return lines


def _line(lines: dict[str, int], key: str) -> int:
    """The line of a key, else of the nearest enclosing table, else 1."""
    parts = key.split(".")
    while parts:
        if ".".join(parts) in lines:
            return lines[".".join(parts)]
        parts.pop()
    return 1


INTEGER_RANGES = {
    "rows": (1, 100_000, "应为 1 到 100000 之间的整数"),
    "megabytes": (0, 100_000, "应为 0 到 100000 之间的整数（MB）"),
}
"""Integer settings by kind: lowest, highest, and what to say when a value is outside."""


def _check(kind: str, value: Any) -> tuple[Any, str]:
    """(normalised value, '') or (None, what is wrong)."""
    if kind == "bool":
        return (value, "") if isinstance(value, bool) else (None, "应为 true 或 false")
    if kind in INTEGER_RANGES:
        low, high, words = INTEGER_RANGES[kind]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return None, words
        return value, ""
    if not isinstance(value, str):
        return None, "应为字符串（用引号括起）"
    if any(ord(c) < 32 and c not in "\n\t" for c in value):
        return None, "含有控制字符"
    if kind == "text" and not value.strip():
        return None, "不能为空"
    if kind in ("text", "optional") and "\n" in value:
        return None, "应为一行文字"
    if kind == "url" or kind == "optional_url" and value:
        if not _URL.match(value):
            return None, "应为 http:// 或 https:// 开头的网址"
        return (value.rstrip("/") if kind == "optional_url" else value), ""
    if kind == "path":
        if not _PATH.match(value):
            return None, "应为站点路径，如 / 或 /jixiao/"
        return ("/" + value.strip("/") + "/" if value.strip("/") else "/"), ""
    return value, ""


def _region(grades: Any, where: str, findings: list[tuple[str, str]]) -> tuple[tuple[Decimal, str], ...] | None:
    """One jurisdiction's ``{ "优" = 90, … }`` → bands best first; None (and findings) if it is wrong."""
    if not isinstance(grades, dict) or not grades:
        findings.append((where, '应为 { 等级 = 最低分, … }，如 { "优" = 90, "良" = 80, "中" = 60, "差" = 0 }'))
        return None
    parsed = []
    for grade, lowest in grades.items():
        if isinstance(lowest, bool) or not isinstance(lowest, int | float):
            findings.append((where, f"等级“{grade}”的最低分应为数字（收到 {lowest!r}）"))
        elif not 0 <= lowest <= 1000 or not grade.strip():
            findings.append((where, f"等级“{grade}”应有名称，最低分应在 0 到 1000 之间"))
        else:
            parsed.append((Decimal(str(lowest)), grade))
    if len(parsed) != len(grades):
        return None
    if len({lowest for lowest, _ in parsed}) != len(parsed):
        findings.append((where, "两个等级的最低分相同"))
        return None
    return tuple(sorted(parsed, key=lambda band: band[0], reverse=True))


def _bands(value: Any, key: str, findings: list[tuple[str, str]]) -> GradeBands:
    """[grade_bands] → GradeBands, replacing the defaults (``default`` is national unless given)."""
    bands: GradeBands = {"default": NATIONAL_BANDS}
    if not isinstance(value, dict):
        findings.append((key, "应为表：[grade_bands] 下每个地区一行"))
        return bands
    for region, grades in value.items():
        if not region.strip():
            findings.append((f"{key}.{region}", "地区名不能为空"))
        elif (parsed := _region(grades, f"{key}.{region}", findings)) is not None:
            bands[region] = parsed
    return bands


def _deep_line(text: str, limit: int = 32) -> int:
    """The line where ``[`` and ``{`` first nest deeper than ``limit`` (1 if they never do)."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char in "[{") - (char in "]}")
        if depth > limit:
            return text.count("\n", 0, index) + 1
    return 1


def parse(text: str, path: Path) -> Settings:
    """The settings a file's text gives; SettingsError with every problem and its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        message = re.sub(r"\s*\(at line.*\)", "", str(error))
        line = int(found.group(1)) if found else 1
        column = f"（第 {found.group(2)} 列）" if found else ""
        raise SettingsError([SettingsFinding(path, line, "", f"TOML 语法错误：{message}{column}")]) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        line = _deep_line(text)
        raise SettingsError([SettingsFinding(path, line, "", "数组或内联表嵌套过深：配置只需一两层")]) from None
    lines = key_lines(text)
    known = definitions()
    tables = {key.split(".")[0] for key in known if "." in key}
    problems: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    bands = dict(GRADE_BANDS)
    flat: list[tuple[str, Any]] = []
    for key, value in data.items():
        if key == BANDS_KEY:
            bands = _bands(value, key, problems)
        elif key in tables:
            if isinstance(value, dict):
                flat += [(f"{key}.{inner}", item) for inner, item in value.items()]
            else:
                problems.append((key, f"应为表 [{key}]"))
        else:
            flat.append((key, value))
    for key, value in flat:
        definition = known.get(key)
        if definition is None:
            close = difflib.get_close_matches(key, [*known, BANDS_KEY], n=1)
            problems.append((key, "未知的设置" + (f"，是否应为 {close[0]}？" if close else "")))
            continue
        normal, wrong = _check(definition.metadata["check"], value)
        if wrong:
            problems.append((key, f"{wrong}（收到 {value!r}）"))
        else:
            values[definition.name] = normal
    if problems:
        findings = [SettingsFinding(path, _line(lines, key), key, message) for key, message in problems]
        raise SettingsError(sorted(findings, key=lambda f: (f.line, f.key)))
    return Settings(Site(**values), bands, path)


def load(path: Path, required: bool = False) -> Settings:
    """Read a configuration file; a missing file gives the defaults unless it was asked for by name."""
    if not path.is_file():
        if required or path.exists():
            raise SettingsError([SettingsFinding(path, 1, "", "找不到配置文件（或它不是普通文件）")])
        return Settings(Site(), dict(GRADE_BANDS), None)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise SettingsError([SettingsFinding(path, 1, "", f"配置文件超过 {MAX_BYTES} 字节")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SettingsError([SettingsFinding(path, line, "", "不是 UTF-8 编码")]) from None
    return parse(text, path)


# --------------------------------------------------------------------------- documentation


def _default(field: Any) -> str:
    value = field.default
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if value == "":
        return "（空）"
    return f"`{value}`"


def reference() -> str:
    """The Markdown table of every key, its default and meaning (README.md and CONTRIBUTING.md hold it)."""
    rows = ["| 键 | 默认值 | 含义 |", "| --- | --- | --- |"]
    rows += [f"| `{key}` | {_default(f)} | {f.metadata['doc']} |" for key, f in definitions().items()]
    default = "、".join(f"{grade} {lowest}" for lowest, grade in GRADE_BANDS["default"])
    rows.append(f"| `{BANDS_KEY}.<地区>` | {default}（财政部分档） | {BANDS_DOC} |")
    return "\n".join(rows)


def starter(title: str) -> str:
    """The configuration file ``jixiao init`` writes: the title set, every other key commented out."""
    out = [f"# {FILE_NAME}：站点配置。每个设置都有默认值；去掉行首的 # 即可修改。", ""]
    section = ""
    ordered = sorted(definitions().items(), key=lambda item: item[0].rpartition(".")[0])  # top level first
    for key, f in ordered:
        table, _, name = key.rpartition(".")
        if table != section:
            out += ["", f"[{table}]"]
            section = table
        value = title if key == "title" else f.default
        literal = ("true" if value else "false") if isinstance(value, bool) else repr(value).replace("'", '"')
        if isinstance(value, str):
            literal = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        out += [f"# {f.metadata['doc']}", f"{'' if key == 'title' else '# '}{name} = {literal}"]
    out += ["", f"[{BANDS_KEY}]", f"# {BANDS_DOC}", '# "某某省" = { "优" = 90, "良" = 80, "中" = 60, "差" = 0 }', ""]
    return "\n".join(out)
