"""Downloads: the bytes of every file a reader can download; no I/O beyond reading data/.

CSVs for download carry a UTF-8 BOM so Excel opens the Chinese correctly; the files in
data/ stay without.  A package's zip is packed by the reader's browser from these same
files (site_src/downloads.js), with the fixed timestamp ``ZIP_TIME`` and sorted entries;
``zip_bytes`` packs the same way in Python (the tests compare the two).
"""

from __future__ import annotations

import io
import json
import re
import zipfile

from jixiao.ingest.model import Package
from jixiao.opendata.spreadsheet import NEUTRALISED_NOTE, package_csv
from jixiao.structure import routes

BOM = b"\xef\xbb\xbf"
_JSON_SPACE = re.compile(rb'("(?:[^"\\]|\\.)*")|[ \t\r\n]+')
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def amount_units_text(package: Package) -> str:
    """What this package's amounts are in, read from its budget lines' amount_unit (never assumed)."""
    units = sorted({line.amount_unit for e in package.evaluations for line in e.budget}, key=["万元", "元"].index)
    if not units:
        return "本数据包没有金额行。"
    if len(units) == 1:
        return f"金额单位为{units[0]}（见 budget.csv 的 amount_unit 列）。"
    return f"金额单位随行而不同（{'、'.join(units)}），见 budget.csv 每行的 amount_unit 列。"


def package_readme(package: Package, data_title: str) -> str:
    """A README that travels with every download: what it is, where it came from, how to cite."""
    lines = [
        f"# {package.unit.name} {package.year} 年度绩效自评数据包（{package.package_id}）",
        "",
        f"数据转录自单位公开的绩效自评材料，按原文照录。{amount_units_text(package)}",
        "CSV 为带 BOM 的 UTF-8；datapackage.json 为 Frictionless 描述文件，含字段说明。",
        NEUTRALISED_NOTE,
        "各评价换算为万元的金额、执行率（计算）以及跨评价合计时是否计入（in_totals），"
        "见站点合并数据集的 evaluations 表（datasets/README.md）；本包各表只载原文数字。",
        "",
        "## 来源",
    ]
    for source in package.sources:
        date = f"，{source.published}" if source.published else ""
        url = f"，{source.url}" if source.url else ""
        lines.append(f"- 《{source.title}》，{source.publisher}{date}{url}（转录所据文件 {source.file}）")
    lines += [
        "",
        "## 引用",
        f"{package.sources[0].publisher}：《{package.sources[0].title}》。"
        f"转引自 {data_title}数据包 {package.package_id}。",
        "",
    ]
    return "\n".join(lines)


def package_members(package: Package, read: dict[str, bytes], data_title: str) -> dict[str, bytes]:
    """Name inside the package folder → bytes: CSVs (with BOM), descriptor, README, narrative Markdown.

    ``read`` holds the bytes validation read (``RawPackage.files``): only what the package
    lists is published, and nothing is read from disk a second time.
    """
    members: dict[str, bytes] = {}
    for name in package.files:
        members[name] = BOM + package_csv(name, read[name])  # text that would run as a formula gets a '

    members["datapackage.json"] = compact_json(read["datapackage.json"])
    members["README.md"] = package_readme(package, data_title).encode("utf-8")
    for name in sorted(name for name in read if name.startswith("narrative/")):
        members[name] = read[name]
    return members


def package_files(package: Package, members: dict[str, bytes]) -> dict[str, bytes]:
    """Site path → bytes for one package's downloads: each member once, under ``downloads/<package>/``.

    No zip of the same files is stored: the pages' 全部文件（zip） button has the browser
    fetch the listed members and pack them (site_src/downloads.js), so every byte is
    published once and each CSV keeps its stable URL.
    """
    return {routes.download_file(package, name): data for name, data in members.items()}


def compact_json(data: bytes) -> bytes:
    """JSON text without the white space between its tokens, every other byte as written.

    The descriptor is published as its author wrote it, less its indentation (about 40 %
    of it: its eight Table Schemas are long); strings, numbers and key order are untouched,
    so it parses to the same value, which json.loads and json.dumps would not promise.
    """
    return _JSON_SPACE.sub(lambda m: m.group(1) or b"", data.strip()) + b"\n"


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def json_bytes(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
