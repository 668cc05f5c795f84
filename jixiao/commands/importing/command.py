"""Run an import: read, recognise, write; refuse to overwrite; say what needs a person's eyes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from jixiao.commands import CommandRefused
from jixiao.commands.importing.readers import ReaderError, read_grid
from jixiao.commands.importing.recognise import recognise
from jixiao.commands.importing.writer import keep_source, write_draft
from jixiao.ingest.load import ReadError, read_regular
from jixiao.ingest.tables import ID_PATTERN

MAX_FORM_BYTES = 64 * 1024 * 1024


class FormImportError(CommandRefused):
    """Raised for input the importer refuses; the message is shown as is."""


def import_form(
    path: Path, data_dir: Path, sources_dir: Path, unit_id: str, year: int, evaluation: str | None = None
) -> tuple[Path, int, int]:
    """Write data/UNIT/YEAR/ from one file; returns (package folder, forms found, review rows)."""
    for identifier in [unit_id, *([evaluation] if evaluation else [])]:
        if not re.fullmatch(ID_PATTERN, identifier):
            raise FormImportError(f"标识 {identifier!r} 不合规：只能用小写字母、数字和连字符")
    if not 2000 <= year <= 2100:
        raise FormImportError(f"年度 {year} 不在 2000–2100 之间")
    package_dir = data_dir / unit_id / str(year)
    if package_dir.exists() or package_dir.is_symlink():
        raise FormImportError(f"{package_dir} 已存在，拒绝覆盖；请先移走或换一个单位标识")
    try:
        data = read_regular(path, MAX_FORM_BYTES)
    except ReadError as error:
        raise FormImportError(f"{path}：{error}") from None
    try:
        grid = read_grid(path, data)
    except ReaderError as error:
        raise FormImportError(str(error)) from None
    forms, outside = recognise(grid)
    if not forms:
        known = "项目支出绩效自评表、部门整体支出绩效自评表及其地方版式"
        manual = f"python build.py new {unit_id} {year} --project 项目标识"
        raise FormImportError(
            f"{path.name}：没有找到可识别的自评表（{known}）；请用 {manual} 生成骨架、对照原表手工转录，"
            "原文文本照样存进 sources/（CONTRIBUTING.md“二之二”末尾）"
        )
    original = keep_source(path, data, grid, sources_dir, unit_id, year)
    try:
        rows = write_draft(package_dir, unit_id, year, forms, outside, original, evaluation)
    except BaseException:
        shutil.rmtree(package_dir, ignore_errors=True)
        raise
    return package_dir, len(forms), rows
