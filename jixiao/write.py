"""Write: put every output file into a fresh folder beside the target, then swap it in.

Nothing touches the previous site until everything has been written; a failure
leaves it as it was.  Duplicate paths are refused, so two pages can never silently
overwrite each other.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


class DuplicatePathError(Exception):
    pass


def write_site(out_dir: Path, files: Iterable[tuple[str, bytes]], finish: Callable[[Path], None] | None = None) -> int:
    """Write (path, bytes) pairs into a new folder, let ``finish`` add to it (search index), then swap it in."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    written: set[str] = set()
    try:
        made_dirs: set[Path] = set()
        for path, data in files:
            if path in written:
                raise DuplicatePathError(f"两个输出文件使用了同一路径：{path}")
            written.add(path)
            target = staging / path
            if target.parent not in made_dirs:
                target.parent.mkdir(parents=True, exist_ok=True)
                made_dirs.add(target.parent)
            target.write_bytes(data)
        if finish is not None:
            finish(staging)
        os.chmod(staging, 0o755)
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(written)


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
