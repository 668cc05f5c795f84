"""Write: put every output file into a fresh folder beside the target, then swap it in.

Nothing touches the previous site until everything has been written; a failure
leaves it as it was.  Duplicate paths are refused, so two pages can never silently
overwrite each other.  Worker processes write their own files into the same staging
folder with ``write_files``; files an incremental build can reuse are hard-linked
from the previous output instead of being rendered again.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class DuplicatePathError(Exception):
    pass


def write_files(root: Path, files: Iterable[tuple[str, bytes]], written: set[str] | None = None) -> tuple[int, int]:
    """Write (path, bytes) pairs under root; returns (files, bytes).  Refuses a path seen before."""
    seen = written if written is not None else set()
    made_dirs: set[Path] = set()
    count = size = 0
    for path, data in files:
        if path in seen:
            raise DuplicatePathError(f"两个输出文件使用了同一路径：{path}")
        seen.add(path)
        target = root / path
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        target.write_bytes(data)
        count += 1
        size += len(data)
    return count, size


def link_files(source_root: Path, root: Path, paths: Iterable[str]) -> tuple[int, int]:
    """Hard-link (or copy, across file systems) files of a previous output into root; returns (files, bytes)."""
    made_dirs: set[Path] = set()
    count = size = 0
    for path in paths:
        source, target = source_root / path, root / path
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        count += 1
        size += target.stat().st_size
    return count, size


class Staging:
    """A fresh folder beside out_dir that becomes out_dir on ``commit``; ``abort`` removes it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent))
        self.written: set[str] = set()

    def write(self, files: Iterable[tuple[str, bytes]]) -> tuple[int, int]:
        return write_files(self.root, files, self.written)

    def claim(self, paths: Iterable[str]) -> None:
        """Record paths written by worker processes, refusing any already written."""
        for path in paths:
            if path in self.written:
                raise DuplicatePathError(f"两个输出文件使用了同一路径：{path}")
            self.written.add(path)

    def commit(self) -> None:
        os.chmod(self.root, 0o755)
        _swap(self.root, self.out_dir)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def write_site(out_dir: Path, files: Iterable[tuple[str, bytes]], finish: Callable[[Path], None] | None = None) -> int:
    """Write (path, bytes) pairs into a new folder, let ``finish`` add to it (search index), then swap it in."""
    staging = Staging(out_dir)
    try:
        staging.write(files)
        if finish is not None:
            finish(staging.root)
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    return len(staging.written)


def _swap(staging: Path, out_dir: Path) -> None:
    """Rename the new folder into place; the old one is renamed aside, then removed."""
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        old.rmdir()
        out_dir.rename(old)
        try:
            staging.rename(out_dir)
        except BaseException:
            old.rename(out_dir)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(out_dir)
