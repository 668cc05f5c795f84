"""The draft writer: recognised forms → a package under data/UNIT/YEAR/ plus its review list.

The draft is an ordinary package (same tables, same validation) with one more file,
``review.csv``, named in datapackage.json under ``draft``: one row per field written,
with the cell it came from, and one row per cell that could not be placed.  Fields the
form does not print but the schema requires get a placeholder (把握 无) that validation
keeps reporting until a person fills them in.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from jixiao.commands.importing.draft_model import LOW, NONE, PLACEHOLDER, FormDraft, Unplaced, Value
from jixiao.commands.importing.grid import Grid
from jixiao.ingest.draft import DRAFT_KEY, REVIEW_FILE, REVIEW_HEADER, UNREVIEWED
from jixiao.ingest.tables import TABLES, header, package_descriptor

STRUCTURAL = {"row", "order", "line_id", "parent_id", "kind", "status", "weight_term"}
"""Fields that follow from the reviewed ones (position, label, blank cells): not listed for review."""


@dataclass(frozen=True)
class Original:
    """The imported file: its name, checksum, and the text kept under sources/."""

    name: str
    sha256: str
    source_file: str
    """File name under the repository's sources/ folder."""


def keep_source(path: Path, data: bytes, grid: Grid, sources_dir: Path, unit_id: str, year: int) -> Original:
    """Keep the source text under sources/: a text file as it is, any other format as its grid, one row a line."""
    digest = hashlib.sha256(data).hexdigest()
    if grid.kind == "text" and path.resolve().parent == sources_dir.resolve():
        return Original(path.name, digest, path.name)
    name = f"{unit_id}_{year}_{digest[:16]}.txt"
    if grid.kind == "text":
        text = data.decode("utf-8-sig")
    else:
        heading = f"导入自 {path.name}（{grid.kind}，SHA-256 {digest}）；单元格以 | 分隔，每行一行表格。\n"
        text = heading + "".join(" | ".join(cell.text for cell in row) + " |\n" for row in grid.rows)
    sources_dir.mkdir(parents=True, exist_ok=True)
    (sources_dir / name).write_text(text, encoding="utf-8")
    return Original(path.name, digest, name)


def evaluation_ids(forms: list[FormDraft], wanted: str | None) -> list[str]:
    """--evaluation for a single form; wanted-1, wanted-2 … (or department / project-N) for several."""
    if wanted and len(forms) == 1:
        return [wanted]
    if wanted:
        return [f"{wanted}-{n}" for n in range(1, len(forms) + 1)]
    ids, counts = [], {"department": 0, "project": 0}
    for form in forms:
        counts[form.kind] += 1
        first_department = form.kind == "department" and counts["department"] == 1
        ids.append(form.kind if first_department else f"{form.kind}-{counts[form.kind]}")
    return ids


class Review:
    """The review list being built, and the table rows that go with it."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []

    def field(self, resource: str, ref: str, name: str, value: Value) -> str:
        if name in STRUCTURAL:
            return value.value
        cell = value.cell
        self.rows.append(
            {
                "resource": resource,
                "ref": ref,
                "field": name,
                "value": value.value,
                "where": cell.where if cell else "",
                "source_text": cell.text if cell else "",
                "confidence": value.confidence,
                "status": UNREVIEWED,
                "note": value.note,
            }
        )
        return value.value

    def placeholder(self, resource: str, ref: str, name: str, value: str, note: str) -> str:
        return self.field(resource, ref, name, Value(value, None, NONE, note))

    def unplaced(self, ref: str, item: Unplaced) -> None:
        self.rows.append(
            {
                "resource": "",
                "ref": ref,
                "field": "",
                "value": "",
                "where": item.where,
                "source_text": item.text,
                "confidence": LOW if item.proposal else NONE,
                "status": UNREVIEWED,
                "note": f"{item.reason}；请判断这些格应填入哪张表哪一列，或确认无需转录"
                + (f"。拆分建议（把握 低，须对照原表）：{item.proposal}" if item.proposal else ""),
            }
        )


def write_draft(
    package_dir: Path,
    unit_id: str,
    year: int,
    forms: list[FormDraft],
    outside: list[Unplaced],
    original: Original,
    wanted: str | None = None,
) -> int:
    """Write the draft package; returns the number of review rows."""
    review = Review()
    ids = evaluation_ids(forms, wanted)
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in TABLES}
    first = forms[0] if forms else FormDraft("project", "national-project")
    unit_name = first.fields.get("implementing_unit")
    if unit_name is None and first.kind == "department":
        unit_name = first.fields.get("title")
    unit = {"unit_id": unit_id}
    unit["name"] = (
        review.field("unit", unit_id, "name", unit_name)
        if unit_name
        else review.placeholder("unit", unit_id, "name", PLACEHOLDER, "原表未载实施单位，请填单位全称")
    )
    for name in ("region", "province"):
        unit[name] = review.placeholder("unit", unit_id, name, PLACEHOLDER, "原表未载，请按单位所在地填写")
    if "supervisor" in first.fields:
        unit["supervisor"] = review.field("unit", unit_id, "supervisor", first.fields["supervisor"])
    tables["unit"].append(unit)
    publisher = unit["name"]
    title = first.fields["form_title"].value if "form_title" in first.fields else original.name
    note = f"由 build.py import 自 {original.name} 导入（SHA-256 {original.sha256}）；发布日期与网址待填。"
    tables["sources"].append(
        {"source_id": "source-1", "title": title, "publisher": publisher, "file": original.source_file, "note": note}
    )
    narrative_files: dict[str, str] = {}
    for evaluation_id, form in zip(ids, forms, strict=True):
        _evaluation(tables, review, narrative_files, unit_id, year, evaluation_id, form)
    for item in outside:
        review.unplaced("", item)
    _write(package_dir, unit_id, year, title, tables, narrative_files, review, original)
    return len(review.rows)


def _evaluation(tables, review: Review, narrative_files, unit_id, year, evaluation_id, form: FormDraft) -> None:
    row = {"evaluation_id": evaluation_id, "unit_id": unit_id, "year": str(year), "kind": form.kind}
    row["template"] = form.template
    for name, value in form.fields.items():
        row[name] = review.field("evaluations", evaluation_id, name, value)
    for name in ("title", "form_title"):
        if name not in row:
            row[name] = review.placeholder("evaluations", evaluation_id, name, PLACEHOLDER, "未能从原表识别")
    row["source_id"] = "source-1"
    tables["evaluations"].append(row)
    for line in form.budget:
        ref = f"{evaluation_id}:{line['line_id'].value}"
        written = {"evaluation_id": evaluation_id}
        written |= {name: review.field("budget", ref, name, value) for name, value in line.items()}
        if "amount_unit" not in written:
            note = "原表未见金额单位（万元/元）；这是猜测，务必对照原表"
            written["amount_unit"] = review.placeholder("budget", ref, "amount_unit", "万元", note)
        notes = [value.note for value in line.values() if value.note and value.note.startswith("原文作")]
        written["note"] = "".join(dict.fromkeys(notes))
        tables["budget"].append(written)
    for line in form.indicators:
        ref = f"{evaluation_id}:{line['row'].value}"
        written = {"evaluation_id": evaluation_id}
        written |= {name: review.field("indicators", ref, name, value) for name, value in line.items()}
        tables["indicators"].append(written)
    for order, (section, title, value) in enumerate(form.narrative, start=1):
        file = f"narrative/{evaluation_id}-{section.replace('_', '-')}.md"
        narrative_files[file] = review.field("narrative", f"{evaluation_id}:{order}", "text", value) + "\n"
        tables["narrative"].append(
            {"evaluation_id": evaluation_id, "order": str(order), "section": section, "title": title, "file": file}
        )
    for item in form.unplaced:
        review.unplaced(evaluation_id, item)


def _write(package_dir, unit_id, year, title, tables, narrative_files, review: Review, original: Original) -> None:
    (package_dir / "narrative").mkdir(parents=True)
    descriptor = package_descriptor(unit_id, year, title)
    descriptor[DRAFT_KEY] = {"review": REVIEW_FILE, "original": original.name, "sha256": original.sha256}
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    (package_dir / "datapackage.json").write_text(text, encoding="utf-8")
    for name in TABLES:
        _csv(package_dir / f"{name}.csv", header(name), tables[name])
    _csv(package_dir / REVIEW_FILE, REVIEW_HEADER, review.rows)
    for file, body in sorted(narrative_files.items()):
        (package_dir / file).write_text(body, encoding="utf-8")


def _csv(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
