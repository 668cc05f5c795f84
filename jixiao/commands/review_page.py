"""The review page ``build.py serve`` shows for imported drafts: each field beside the cell it was read from.

Served at ``/__jixiao__/review`` while previewing (never part of the built site).  Fields
still 待核对 are highlighted, the least sure first within each package, so a maintainer
can hold the original form beside the page and confirm each figure quickly.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, StrictUndefined

from jixiao.ingest.draft import DRAFT_KEY, REVIEW_HEADER, UNREVIEWED, review_file
from jixiao.ingest.load import ReadError, find_packages, read_regular

PATH = "/__jixiao__/review"
ORDER = {"无": 0, "低": 1, "中": 2, "高": 3}


@dataclass(frozen=True)
class Draft:
    """One imported package still carrying its review list."""

    folder: str
    original: str
    sha256: str
    rows: list[dict[str, str]]

    @property
    def open(self) -> int:
        return sum(row["status"] == UNREVIEWED for row in self.rows)


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
        found.append(Draft(shown, str(draft.get("original", "")), str(draft.get("sha256", "")), rows))
    return found


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
td.value{font-weight:bold}mark{background:#ffd54a}
</style></head><body>
<h1>导入草稿核对</h1>
{% if not drafts %}<p>data/ 中没有导入草稿。</p>{% endif %}
{% for draft in drafts %}
<section><h2>{{ draft.folder }}</h2>
<p>原表 {{ draft.original }}（SHA-256 <code>{{ draft.sha256 }}</code>）：{{ draft.open }} 项待核对。
核对后在 review.csv 中把 status 改为 已核对、已改正 或 已处理，页面随之更新。</p>
<table><thead><tr><th>状态</th><th>表</th><th>行</th><th>字段</th><th>草稿值</th><th>原表位置</th><th>原表原文</th>
<th>把握</th><th>说明</th></tr></thead><tbody>
{% for row in draft.rows %}
<tr class="{{ row.css }}"><td>{{ row.status }}</td><td>{{ row.resource }}</td>
<td>{{ row.ref }}</td><td>{{ row.field }}</td><td class="value">{{ row.value }}</td><td>{{ row.where }}</td>
<td>{{ row.before }}{% if row.marked %}<mark>{{ row.marked }}</mark>{% endif %}{{ row.after }}</td>
<td>{{ row.confidence }}</td><td>{{ row.note }}</td></tr>
{% endfor %}
</tbody></table></section>
{% endfor %}
</body></html>
"""


def review_html(data_dir: Path) -> bytes:
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    page = environment.from_string(TEMPLATE).render(drafts=drafts(data_dir))
    return page.encode("utf-8")
