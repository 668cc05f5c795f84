"""Drafts written by ``build.py import``: the review list that keeps one from being published unread.

An imported package names its review file in datapackage.json (``"draft": {"review":
"review.csv", …}``).  Each row of that file is one field the importer filled (with the
cell it came from and how sure it was) or one cell it could not place.  Every row whose
``status`` is still ``待核对`` is an E-DRAFT error, so a draft cannot pass validation (or be
built) until a person has looked at each figure.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.ingest.findings import Finding

DRAFT_KEY = "draft"
REVIEW_FILE = "review.csv"
REVIEW_HEADER = ["resource", "ref", "field", "value", "where", "source_text", "confidence", "status", "note"]
"""resource/ref/field: where the value was written (ref = evaluation_id:line_id or evaluation_id:row);
value: what was written; where/source_text: the cell it was read from, and its text as printed;
confidence: 高/中/低/无; status: 待核对 until a person sets 已核对 (or 已改正, 已处理)."""
UNREVIEWED = "待核对"
REVIEWED = ("已核对", "已改正", "已处理")


def review_file(descriptor: dict) -> str | None:
    """The review file a draft names, or None for an ordinary package.  Only ``review.csv`` is accepted."""
    draft = descriptor.get(DRAFT_KEY)
    if not isinstance(draft, dict):
        return None
    return REVIEW_FILE if draft.get("review") == REVIEW_FILE else None


def check_draft(display: str, descriptor: dict | None, rows: list) -> Iterator[Finding]:
    """E-DRAFT for a draft's every unreviewed field, and for a ``draft`` entry that names no review file."""
    if descriptor is None or DRAFT_KEY not in descriptor:
        return
    file = f"{display}/{REVIEW_FILE}"
    if review_file(descriptor) is None:
        message = f'draft 须为 {{"review": "{REVIEW_FILE}"}}；导入草稿核对完毕后可删除 draft 与 {REVIEW_FILE}'
        yield Finding("E-DRAFT", f"{display}/datapackage.json", message, field=DRAFT_KEY)
        return
    for row in rows:
        status = row.get("status")
        if status in REVIEWED:
            continue
        where = f"{row.get('resource')} {row.get('ref')} {row.get('field')}".strip() or "未能放入任何表的格"
        shown = f" = {row.get('value')}" if row.get("value") else ""
        origin = f"，出自 {row.get('where')} 原文“{row.get('source_text')}”" if row.get("where") else ""
        sure = f"（把握：{row.get('confidence')}）" if row.get("confidence") else ""
        note = f"；{row.get('note')}" if row.get("note") else ""
        state = "尚未核对" if status == UNREVIEWED else f"status {status!r} 不是 {'、'.join(REVIEWED)} 之一"
        message = f"导入草稿{state}：{where}{shown}{origin}{sure}{note}"
        yield Finding("E-DRAFT", file, message, line=row.line, field="status")
