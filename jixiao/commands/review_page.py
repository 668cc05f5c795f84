"""The review page ``build.py serve`` shows for imported drafts: each field beside the cell it was read from.

Served at ``/__jixiao__/review`` while previewing (never part of the built site).  Fields
still 待核对 are highlighted, the least sure first within each package, so a maintainer
can hold the original form beside the page and confirm each figure quickly.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, StrictUndefined

from jixiao import files
from jixiao.ingest.draft import DRAFT_KEY, REVIEW_HEADER, REVIEWED, UNREVIEWED, review_file
from jixiao.ingest.load import ReadError, find_packages, read_regular

PATH = "/__jixiao__/review"
CONFIRM_PATH = PATH + "/confirm"
ORDER = {"无": 0, "低": 1, "中": 2, "高": 3}
TABLES = {"unit": "单位", "evaluations": "评价", "budget": "资金表", "indicators": "指标表", "narrative": "叙述"}
UNPLACED = "未放入表的格"


@dataclass(frozen=True)
class Section:
    """The review rows of one recognised table of one evaluation (or the cells placed nowhere)."""

    key: str
    title: str
    rows: list[dict[str, str]]

    @property
    def open(self) -> int:
        return sum(row["status"] == UNREVIEWED for row in self.rows)

    @property
    def confirmable(self) -> int:
        """Rows one click may confirm: open, and not a placeholder a person must fill in (把握 无 with a value)."""
        return sum(_confirmable(row) for row in self.rows)


@dataclass(frozen=True)
class Draft:
    """One imported package still carrying its review list."""

    folder: str
    original: str
    sha256: str
    rows: list[dict[str, str]]
    token: str = ""
    """SHA-256 of review.csv as shown: a confirmation made from an older page is refused."""
    sections: list[Section] = field(default_factory=list)

    @property
    def open(self) -> int:
        return sum(row["status"] == UNREVIEWED for row in self.rows)

    @property
    def summary(self) -> str:
        """What remains, in one line."""
        if not self.open:
            return "全部已核对。"
        parts = "、".join(f"{section.title} {section.open} 项" for section in self.sections if section.open)
        fill = sum(not _confirmable(row) and row["status"] == UNREVIEWED for row in self.rows)
        tail = f"；其中 {fill} 项须照原表填写，不能整表确认" if fill else ""
        return f"还剩 {self.open} 项待核对：{parts}{tail}。"


def _section_key(row: dict[str, str]) -> str:
    if not row["field"]:
        return UNPLACED
    if row["resource"] in ("budget", "indicators"):
        return f"{row['resource']}:{row['ref'].split(':')[0]}"
    return row["resource"]


def _confirmable(row: dict[str, str]) -> bool:
    return row["status"] == UNREVIEWED and not (row["field"] and row["confidence"] == "无")


def _sections(rows: list[dict[str, str]]) -> list[Section]:
    grouped: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        grouped.setdefault(_section_key(row), []).append(row)
    sections = []
    for key, members in grouped.items():
        resource, _, evaluation = key.partition(":")
        title = TABLES.get(resource, UNPLACED) + (f"（{evaluation}）" if evaluation else "")
        sections.append(Section(key, title, members))
    return sections


def drafts(data_dir: Path) -> list[Draft]:
    """Every package under data/ whose datapackage.json names a review file."""
    found = []
    for package in find_packages(data_dir):
        try:
            descriptor = json.loads(read_regular(package / "datapackage.json").decode("utf-8"))
            name = review_file(descriptor) if isinstance(descriptor, dict) else None
            if name is None:
                continue
            text = read_regular(package / name).decode("utf-8")
        except (ReadError, UnicodeDecodeError, json.JSONDecodeError):
            continue  # validation reports it; the review page only shows what it can read
        rows = [_shown(row) for row in csv.DictReader(io.StringIO(text))]
        rows.sort(key=lambda row: (row["status"] != UNREVIEWED, ORDER.get(row["confidence"], 0)))
        draft = descriptor[DRAFT_KEY]
        shown = package.relative_to(data_dir.parent).as_posix()
        token = hashlib.sha256(text.encode("utf-8")).hexdigest()
        original, digest = str(draft.get("original", "")), str(draft.get("sha256", ""))
        found.append(Draft(shown, original, digest, rows, token, _sections(rows)))
    return found


class Refused(Exception):
    """A confirmation the page cannot apply; the message is shown to the maintainer."""


def confirm(data_dir: Path, folder: str, section: str, token: str) -> int:
    """Mark every open row of one section 已核对 (cells placed nowhere: 已处理); returns how many.

    Placeholders (把握 无) stay open: they need a value typed in, not a click.  The review
    file must be the one the page showed (``token``), so nothing edited since is confirmed unseen."""
    draft = next((draft for draft in drafts(data_dir) if draft.folder == folder), None)
    if draft is None:
        raise Refused(f"没有导入草稿 {folder}")
    if draft.token != token:
        raise Refused("review.csv 在页面打开之后改过了；请刷新页面再确认")
    package = data_dir.parent / folder
    descriptor = json.loads(read_regular(package / "datapackage.json").decode("utf-8"))
    path = package / str(review_file(descriptor))
    rows = list(csv.DictReader(io.StringIO(read_regular(path).decode("utf-8"))))
    done = 0
    for row in rows:
        filled = {key: row.get(key) or "" for key in REVIEW_HEADER}
        if _section_key(filled) == section and _confirmable(filled):
            row["status"] = REVIEWED[2] if section == UNPLACED else REVIEWED[0]
            done += 1
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=REVIEW_HEADER, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    files.write_atomic(path, out.getvalue().encode("utf-8"), durable=True)  # a maintainer's file
    return done


def post(data_dir: Path, body: bytes, origin: str | None, host: str | None) -> tuple[int, str]:
    """serve's POST to CONFIRM_PATH: (HTTP status, message).  Only a form on the review page itself may post:
    a request from another origin (a web page trying to confirm a draft) is refused."""
    if origin and urlsplit(origin).netloc != (host or ""):
        return 403, "只接受来自核对页面本身的确认"
    fields = {key: values[0] for key, values in parse_qs(body.decode("utf-8", "replace")).items()}
    try:
        done = confirm(data_dir, fields.get("folder", ""), fields.get("section", ""), fields.get("token", ""))
    except Refused as error:
        return 409, str(error)
    except (ReadError, UnicodeDecodeError, json.JSONDecodeError, OSError) as error:
        return 409, f"无法写入 review.csv：{error}"
    return 303, f"已确认 {done} 项"


def _shown(row: dict[str, str | None]) -> dict[str, str]:
    """A review row with the value marked inside the source cell's text, where it appears there."""
    shown = {key: row.get(key) or "" for key in REVIEW_HEADER}
    value, text = shown["value"], shown["source_text"]
    before, found, after = text.partition(value) if value else (text, "", "")
    shown |= {"before": before, "marked": found, "after": after}
    shown["css"] = f"{'todo ' if shown['status'] == UNREVIEWED else ''}sure-{shown['confidence']}"
    return shown


TEMPLATE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>导入草稿核对</title>
<style>
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #bbb;padding:.3em .5em;vertical-align:top}th{background:#eee;text-align:left}
tr.todo td{background:#fff8d6}tr.todo.sure-低 td,tr.todo.sure-无 td{background:#ffe0dc}
td.value{font-weight:bold}mark{background:#ffd54a}.summary{font-weight:bold}form.confirm{margin:.3em 0}
</style></head><body>
<h1>导入草稿核对</h1>
{% if not drafts %}<p>data/ 中没有导入草稿。</p>{% endif %}
{% for draft in drafts %}
<section><h2>{{ draft.folder }}</h2>
<p>原表 {{ draft.original }}（SHA-256 <code>{{ draft.sha256 }}</code>）。
逐项核对后在 review.csv 中把 status 改为 已核对、已改正 或 已处理；或对照原表看完一张表后整表确认。</p>
<p class="summary">{{ draft.summary }}</p>
{% for section in draft.sections %}
<h3 id="{{ draft.folder }}/{{ section.key }}">{{ section.title }}：{{ section.open }} 项待核对</h3>
{% if section.confirmable %}
<form method="post" action="{{ confirm_path }}" class="confirm">
<input type="hidden" name="folder" value="{{ draft.folder }}">
<input type="hidden" name="section" value="{{ section.key }}">
<input type="hidden" name="token" value="{{ draft.token }}">
<button type="submit">整表确认：{{ section.title }} {{ section.confirmable }} 项已与原表核对无误</button></form>
{% endif %}
<table><thead><tr><th>状态</th><th>表</th><th>行</th><th>字段</th><th>草稿值</th><th>原表位置</th><th>原表原文</th>
<th>把握</th><th>说明</th></tr></thead><tbody>
{% for row in section.rows %}
<tr class="{{ row.css }}"><td>{{ row.status }}</td><td>{{ row.resource }}</td>
<td>{{ row.ref }}</td><td>{{ row.field }}</td><td class="value">{{ row.value }}</td><td>{{ row.where }}</td>
<td>{{ row.before }}{% if row.marked %}<mark>{{ row.marked }}</mark>{% endif %}{{ row.after }}</td>
<td>{{ row.confidence }}</td><td>{{ row.note }}</td></tr>
{% endfor %}
</tbody></table>
{% endfor %}
</section>
{% endfor %}
</body></html>
"""


def review_html(data_dir: Path) -> bytes:
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    page = environment.from_string(TEMPLATE).render(drafts=drafts(data_dir), confirm_path=CONFIRM_PATH)
    return page.encode("utf-8")
