"""``build.py diff REF``: what the working tree changes in the published figures since REF.

REF usually names a branch under review, so everything read from it is untrusted data:
REF is resolved once to a commit hash (``--end-of-options``, so a "ref" such as
``--output=FILE`` is only ever a name that does not resolve), and REF's ``data/`` is
read from git's object store blob by blob into a fresh temporary folder, never through
``git archive | tar``: no symlink or submodule is extracted (a tree holding one is
refused), no path leaves the folder, and nothing outside it is written or upgraded.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, BinaryIO

from jixiao.commands.upgrade import upgrade_package
from jixiao.config import GRADE_BANDS, GradeBands, max_file_bytes
from jixiao.ingest.findings import Finding
from jixiao.ingest.load import find_packages
from jixiao.ingest.model import Evaluation, Package, build_package
from jixiao.ingest.validate import validate_directory

FIRST_FINDINGS = 3
"""How many of a failing package's errors the report quotes; `build.py validate` lists them all."""
BLANK = "—（未填）"
"""A figure the form leaves blank (the cell is empty), never Python's ``None``."""
ABSENT = "（无此项）"
"""A figure on one side only (a line or indicator added or removed)."""
BUDGET_COLUMNS = {
    "budget_initial": "年初预算数",
    "budget": "全年预算数",
    "funds_received": "到位数",
    "actual": "执行数",
}
REGULAR_MODES = {"100644", "100755"}
CHUNK = 1 << 16


class UnsafeRef(Exception):
    """REF cannot be read safely (or at all); the message is one Chinese line."""


@dataclass(frozen=True)
class Side:
    """One side of the comparison: valid packages and the errors of the others, by ``<unit>/<year>``."""

    valid: dict[str, Package]
    invalid: dict[str, list[Finding]]

    def __contains__(self, key: str) -> bool:
        return key in self.valid or key in self.invalid


@dataclass(frozen=True)
class Figure:
    """One published figure: ``name`` is what the report prints, the dict key it sits under identifies it."""

    name: str
    value: str


def run_diff(data_dir: Path, ref: str, grade_bands: GradeBands = GRADE_BANDS) -> int:
    """Print packages added, deleted or failing validation and every changed published figure, as Markdown.

    Exit 0 whatever the data says (it is a report; `build.py validate` fails the build), 2 when REF cannot be
    read or holds something unsafe to extract (a symlink, a submodule, a path leaving data/).
    """
    try:
        commit = resolve_commit(ref)
        prefix = tree_prefix(data_dir)
        with tempfile.TemporaryDirectory(prefix="jixiao-diff-") as tmp:
            before_dir = Path(tmp) / "data"
            extract_tree(commit, prefix, before_dir, ref)
            _upgrade_quietly(before_dir)
            before = _side(before_dir, grade_bands)
    except UnsafeRef as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
    after = _side(data_dir, grade_bands)
    print(f"## 与 {ref}（{commit[:12]}）相比的数字变化\n")
    lines: list[str] = []
    for key in sorted(set(before.valid) | set(before.invalid) | set(after.valid) | set(after.invalid)):
        lines += _compare(key, ref, before, after)
    print("\n".join(lines) if lines else "已发布的数字没有变化。")
    return 0


def _git(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """git with literal pathspecs (a data folder named ``:(glob)*`` is a name, not magic)."""
    return subprocess.run(["git", "--literal-pathspecs", *args], input=stdin, capture_output=True, check=False)


def resolve_commit(ref: str) -> str:
    """REF as a full commit hash; only this hash is passed to git afterwards."""
    result = _git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    commit = result.stdout.decode("ascii", "replace").strip()
    if result.returncode != 0 or not commit or any(c not in "0123456789abcdef" for c in commit):
        raise UnsafeRef(f"{ref!r} 不是本仓库中的提交（git rev-parse 无法解析）；请给出分支名、标签或提交哈希")
    return commit


def tree_prefix(data_dir: Path) -> str:
    """data_dir's path inside the repository, as git spells it ('' when it is the top level)."""
    result = _git("rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise UnsafeRef(f"当前目录不在 git 仓库中：{result.stderr.decode('utf-8', 'replace').strip()}")
    top = Path(result.stdout.decode("utf-8").strip()).resolve()
    try:
        relative = data_dir.resolve().relative_to(top)
    except ValueError:
        raise UnsafeRef(f"{data_dir} 不在 git 仓库 {top} 中，无法与某个版本比较") from None
    return relative.as_posix() if relative.parts else ""


def _entries(commit: str, prefix: str, ref: str) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(mode, blob hash, path parts below prefix) of every entry under prefix at commit; unsafe ones refused."""
    listing = _git("ls-tree", "-r", "-z", "--full-tree", commit, "--", *([prefix] if prefix else []))
    if listing.returncode != 0:
        raise UnsafeRef(f"无法列出 {ref} 的 {prefix or '.'}：{listing.stderr.decode('utf-8', 'replace').strip()}")
    shown = prefix or "."
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, _kind, blob = meta.decode("ascii").split(" ")
        path = raw_path.decode("utf-8", "surrogateescape")
        if path == prefix:
            raise UnsafeRef(f"{ref} 中的 {shown} 本身不是文件夹（模式 {mode}，如符号链接），拒绝读取")
        parts = tuple(path[len(prefix) + 1 :].split("/") if prefix else path.split("/"))
        where = f"{ref} 中的 {path!r}"
        if mode == "120000":
            raise UnsafeRef(f"{where} 是符号链接，拒绝读取（data/ 中只能有普通文件）")
        if mode not in REGULAR_MODES:
            raise UnsafeRef(f"{where} 不是普通文件（模式 {mode}，如子模块），拒绝读取")
        if any(part in ("", ".", "..") or "\\" in part or "\0" in part for part in parts):
            raise UnsafeRef(f"{where} 的路径不安全（含 .. 、空段或反斜杠），拒绝读取")
        yield mode, blob, parts


def extract_tree(commit: str, prefix: str, dest: Path, ref: str) -> None:
    """Write commit's files under prefix into dest (created here) as regular files, checked entry by entry.

    Every entry is checked before anything is written; files are created exclusively
    (``xb``: two entries that meet on a case-insensitive disk are refused, not merged)
    below folders made here, so no write can follow a link out of ``dest``. A blob larger
    than the file limit is written only up to limit + 1 bytes: validation then refuses it
    (E-SIZE) exactly as it would the whole file.
    """
    entries = list(_entries(commit, prefix, ref))
    if not entries:
        raise UnsafeRef(f"{ref} 中没有 {prefix or '.'} 文件夹，无法比较")
    limit = max_file_bytes()
    dest.mkdir()
    batch = subprocess.Popen(
        ["git", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    assert batch.stdin is not None and batch.stdout is not None
    try:
        for _mode, blob, parts in entries:
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            batch.stdin.write(blob.encode("ascii") + b"\n")
            batch.stdin.flush()
            header = batch.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                said = b" ".join(header).decode("ascii", "replace")
                raise UnsafeRef(f"{ref} 中的 {'/'.join(parts)} 无法读取（{said}）")
            try:
                with open(target, "xb") as out:
                    _copy(batch.stdout, out, int(header[2]), limit + 1)
            except FileExistsError:
                raise UnsafeRef(f"{ref} 中有两个文件同名（仅大小写不同？）：{'/'.join(parts)}") from None
    finally:
        batch.stdin.close()
        batch.wait()


def _copy(source: IO[bytes], out: BinaryIO, size: int, keep: int) -> None:
    """Copy the first ``keep`` of ``size`` bytes, read the rest away, then the record's closing newline."""
    left = size
    while left:
        chunk = source.read(min(CHUNK, left))
        if not chunk:
            raise UnsafeRef("git cat-file 提前结束")
        left -= len(chunk)
        if keep > 0:
            out.write(chunk[:keep])
            keep -= len(chunk)
    source.read(1)


def _side(data_dir: Path, grade_bands: GradeBands) -> Side:
    valid: dict[str, Package] = {}
    invalid: dict[str, list[Finding]] = {}
    for result in validate_directory(data_dir, grade_bands):
        key = result.package.directory.relative_to(data_dir).as_posix()
        if result.errors:
            invalid[key] = result.errors
        else:
            valid[key] = build_package(result.package, result.findings)
    return Side(valid, invalid)


def _upgrade_quietly(data_dir: Path) -> None:
    """Bring REF's packages to the current schema first, so a schema upgrade alone changes no figure."""
    for directory in find_packages(data_dir):
        try:
            upgrade_package(directory)
        except (ValueError, OSError, json.JSONDecodeError, UnicodeDecodeError):
            continue  # left as it is: validation then reports it as failing at REF


def _failed(key: str, where: str, errors: list[Finding]) -> list[str]:
    """A package that fails validation is neither added nor deleted: say so, with its first errors."""
    lines = [f"- {key} 验证未通过（{where}），共 {len(errors)} 个错误，其数字不作比较："]
    lines += [f"  - {finding.text()}" for finding in errors[:FIRST_FINDINGS]]
    if len(errors) > FIRST_FINDINGS:
        lines.append(f"  - ……其余 {len(errors) - FIRST_FINDINGS} 个见 `python build.py validate`")
    return lines


def shown(value: object) -> str:
    """A figure as the report prints it: exactly as published, BLANK for an empty cell."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _figures(package: Package) -> dict[tuple[str, ...], Figure]:
    """Every compared figure, keyed by what identifies it (evaluation, line_id or indicator row), never by label.

    Two budget lines may share a label (两个“其他”), so the label is only what the
    report prints; a changed label is itself a figure.
    """
    figures: dict[tuple[str, ...], Figure] = {}
    for e in package.evaluations:
        eid = e.evaluation_id
        figures[(eid, "total_weight")] = Figure(f"{eid} 总分值", shown(e.total_weight))
        figures[(eid, "total_score")] = Figure(f"{eid} 总得分", shown(e.total_score))
        figures[(eid, "grade")] = Figure(f"{eid} 等级", shown(e.grade))
        for line in e.budget:
            name = f"{eid} {line.label}"
            key = (eid, "budget", line.line_id)
            figures[(*key, "label")] = Figure(f"{eid} 预算行 {line.line_id} 名称", shown(line.label))
            figures[(*key, "unit")] = Figure(f"{name} 单位", shown(line.amount_unit))
            for column in BUDGET_COLUMNS:
                figures[(*key, column)] = Figure(f"{name} {column}", shown(getattr(line, column)))
            if line.ambiguous_amounts:
                amounts = " ".join(map(shown, line.ambiguous_amounts))
                columns = " ".join(line.ambiguous_columns)
                figures[(*key, "ambiguous")] = Figure(f"{name} 列归属不明", f"{amounts}（{columns}）")
        for i in e.indicators:
            key = (eid, "indicator", str(i.row))
            figures[(*key, "weight")] = Figure(f"{eid} 指标{i.row} {i.level3} 分值", shown(i.weight))
            figures[(*key, "score")] = Figure(f"{eid} 指标{i.row} {i.level3} 得分", shown(i.score))
    return figures


def headline(package: Package) -> list[str]:
    """A new package's figures a reviewer checks against the form: totals, scores, grade and flags."""
    lines = []
    for e in package.evaluations:
        lines.append(
            f"  - {e.evaluation_id}（{e.title}）：总分值 {shown(e.total_weight)}，"
            f"总得分 {shown(e.total_score)}，等级 {shown(e.grade)}"
        )
        lines += _total_line(e)
        codes = sorted({flag.code for flag in e.flags})
        if codes:
            counts = "，".join(f"{code} ×{sum(f.code == code for f in e.flags)}" for code in codes)
            lines.append(f"    - 数据质量标记：{counts}")
    return lines


def _total_line(e: Evaluation) -> list[str]:
    total = e.total_line
    if total is None:
        return ["    - 无预算表"]
    amounts = "，".join(f"{title} {shown(getattr(total, column))}" for column, title in BUDGET_COLUMNS.items())
    return [f"    - {total.label}（{total.amount_unit}）：{amounts}"]


def _compare(key: str, ref: str, before: Side, after: Side) -> list[str]:
    """The report's lines for one package; figures are compared only when both sides validate."""
    if key not in after:
        return [f"- 删除数据包 {key}"]
    lines = []
    if key in before.invalid:
        lines += _failed(key, f"在 {ref} 中", before.invalid[key])
    if key in after.invalid:
        lines += _failed(key, "当前", after.invalid[key])
    if lines:
        return lines
    if key not in before:
        return [f"- 新增数据包 {key}，请与原表核对：", *headline(after.valid[key])]
    old, new = _figures(before.valid[key]), _figures(after.valid[key])
    changed = []
    for figure_key in [*new, *(k for k in old if k not in new)]:  # the form's order, removed ones last
        was, now = old.get(figure_key), new.get(figure_key)
        if was is not None and now is not None and was.value == now.value:
            continue
        name = (now or was).name  # type: ignore[union-attr]
        changed.append(f"- {key} {name}：{was.value if was else ABSENT} → {now.value if now else ABSENT}")
    return changed
